-- A churn record's estimated cost of winning the customer back (DOMAIN §2,
-- "Retention and churn": show the loss, the reason and an estimated
-- win-back cost before suggesting action), in integer cents; NULL means
-- "not estimated". Readers of an older file select NULL for it.
ALTER TABLE churn_records ADD COLUMN winback_cost_cents INTEGER
    CHECK (winback_cost_cents IS NULL OR winback_cost_cents >= 0);
