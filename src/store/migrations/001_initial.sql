-- Ladder schema, version 1: every entity of DOMAIN.md.
-- Dates are TEXT 'YYYY-MM-DD', date-times 'YYYY-MM-DD HH:MM:SS', times 'HH:MM'.
-- Money is INTEGER cents. Temperatures are INTEGER tenths of a degree C.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind                TEXT NOT NULL DEFAULT 'individual'
                        CHECK (kind IN ('individual', 'organisation')),
    industry            TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL DEFAULT 'other'
                        CHECK (source IN ('referral', 'exhibition', 'website', 'canvassing',
                               'paid_leads', 'intermediary', 'key_influencer', 'other')),
    grade               TEXT CHECK (grade IN ('A', 'B', 'C')),
    owner               TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    address             TEXT NOT NULL DEFAULT '',
    demographics        TEXT NOT NULL DEFAULT '',
    credit_rating       TEXT CHECK (credit_rating IN ('good', 'fair', 'poor')),
    payment_notes       TEXT NOT NULL DEFAULT '',
    importance_override TEXT CHECK (importance_override IN ('critical', 'not_critical')),
    difficulty_override TEXT CHECK (difficulty_override IN ('difficult', 'easy')),
    relationship_type   TEXT CHECK (relationship_type IN
                        ('basic', 'reactive', 'reliable', 'proactive', 'partnership')),
    relationship_stage  TEXT NOT NULL DEFAULT 'awareness'
                        CHECK (relationship_stage IN
                        ('awareness', 'exploration', 'expansion', 'commitment', 'dissolution')),
    dissolution_reason  TEXT NOT NULL DEFAULT '',
    ladder_step         TEXT NOT NULL DEFAULT 'prospect'
                        CHECK (ladder_step IN
                        ('prospect', 'customer', 'client', 'supporter', 'advocate', 'partner')),
    notes               TEXT NOT NULL DEFAULT '',
    tags                TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    -- Set when the customer is in the trash; NULL for live customers.
    deleted_at          TEXT
) STRICT;
CREATE INDEX customers_name ON customers (name);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX contacts_customer ON contacts (customer_id);

CREATE TABLE transactions (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount_cents INTEGER NOT NULL,
    order_no     TEXT NOT NULL DEFAULT '',
    product      TEXT NOT NULL DEFAULT '',
    quantity     REAL
) STRICT;
CREATE INDEX transactions_customer_date ON transactions (customer_id, date);
CREATE INDEX transactions_date ON transactions (date);

CREATE TABLE opportunities (
    id                   INTEGER PRIMARY KEY,
    customer_id          INTEGER NOT NULL REFERENCES customers (id),
    title                TEXT NOT NULL,
    stage                TEXT NOT NULL DEFAULT 'lead'
                         CHECK (stage IN ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
    expected_value_cents INTEGER NOT NULL DEFAULT 0,
    probability_pct      INTEGER NOT NULL DEFAULT 10 CHECK (probability_pct BETWEEN 0 AND 100),
    expected_close       TEXT,
    created_at           TEXT NOT NULL,
    closed_at            TEXT,
    delivered_at         TEXT,
    owner                TEXT NOT NULL DEFAULT '',
    notes                TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX opportunities_customer ON opportunities (customer_id);

CREATE TABLE opportunity_stage_history (
    id             INTEGER PRIMARY KEY,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    from_stage     TEXT,
    to_stage       TEXT NOT NULL,
    changed_at     TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX opportunity_stage_history_opp ON opportunity_stage_history (opportunity_id);

CREATE TABLE complaints (
    id                INTEGER PRIMARY KEY,
    customer_id       INTEGER NOT NULL REFERENCES customers (id),
    received_at       TEXT NOT NULL,
    channel           TEXT NOT NULL DEFAULT '',
    kind              TEXT NOT NULL CHECK (kind IN ('query', 'complaint', 'inquiry')),
    category          TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    first_handler     TEXT NOT NULL DEFAULT '',
    first_response_at TEXT,
    resolved_at       TEXT,
    resolution        TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'in_progress', 'resolved', 'closed'))
) STRICT;
CREATE INDEX complaints_customer ON complaints (customer_id);
CREATE INDEX complaints_received ON complaints (received_at);

CREATE TABLE activities (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers (id),
    opportunity_id INTEGER REFERENCES opportunities (id),
    complaint_id   INTEGER REFERENCES complaints (id),
    kind           TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'revisit', 'email', 'meeting', 'note')),
    at             TEXT NOT NULL,
    subject        TEXT NOT NULL DEFAULT '',
    outcome        TEXT NOT NULL DEFAULT '',
    next_step      TEXT NOT NULL DEFAULT '',
    next_step_due  TEXT
) STRICT;
CREATE INDEX activities_customer ON activities (customer_id, at);
CREATE INDEX activities_opportunity ON activities (opportunity_id);

CREATE TABLE churn_records (
    id                   INTEGER PRIMARY KEY,
    customer_id          INTEGER NOT NULL REFERENCES customers (id),
    recorded_at          TEXT NOT NULL,
    reason               TEXT NOT NULL CHECK (reason IN ('price', 'service', 'quality', 'competitor',
                         'contract_ended', 'no_longer_needs', 'cannot_meet', 'moved', 'other')),
    root_cause           TEXT NOT NULL DEFAULT '',
    try_repair           INTEGER NOT NULL DEFAULT 0 CHECK (try_repair IN (0, 1)),
    estimated_loss_cents INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX churn_records_customer ON churn_records (customer_id);

CREATE TABLE surveys (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    date        TEXT NOT NULL,
    expected    INTEGER NOT NULL CHECK (expected BETWEEN 1 AND 5),
    perceived   INTEGER NOT NULL CHECK (perceived BETWEEN 1 AND 5),
    comment     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX surveys_customer ON surveys (customer_id);

CREATE TABLE ac_areas (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    room               TEXT NOT NULL DEFAULT '',
    responsible_person TEXT NOT NULL DEFAULT '',
    department         TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE ac_checks (
    id                    INTEGER PRIMARY KEY,
    date                  TEXT NOT NULL,
    time                  TEXT NOT NULL,
    kind                  TEXT NOT NULL DEFAULT 'check' CHECK (kind IN ('check', 'inspection')),
    area_id               INTEGER NOT NULL REFERENCES ac_areas (id),
    reference_temp_tenths INTEGER NOT NULL,
    ac_on                 INTEGER NOT NULL CHECK (ac_on IN (0, 1)),
    set_temp_tenths       INTEGER,
    windows_closed        INTEGER NOT NULL DEFAULT 1 CHECK (windows_closed IN (0, 1)),
    occupied              INTEGER NOT NULL DEFAULT 1 CHECK (occupied IN (0, 1)),
    checker               TEXT NOT NULL DEFAULT '',
    note                  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX ac_checks_date ON ac_checks (date, area_id);

CREATE TABLE ac_notices (
    id        INTEGER PRIMARY KEY,
    date_from TEXT NOT NULL,
    date_to   TEXT NOT NULL CHECK (date_to >= date_from),
    reason    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE ac_overtime (
    id      INTEGER PRIMARY KEY,
    date    TEXT NOT NULL,
    area_id INTEGER NOT NULL REFERENCES ac_areas (id),
    until   TEXT NOT NULL,
    who     TEXT NOT NULL DEFAULT '',
    note    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE ac_maintenance (
    id      INTEGER PRIMARY KEY,
    area_id INTEGER NOT NULL REFERENCES ac_areas (id),
    date    TEXT NOT NULL,
    what    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE ac_faults (
    id            INTEGER PRIMARY KEY,
    area_id       INTEGER NOT NULL REFERENCES ac_areas (id),
    reported_at   TEXT NOT NULL,
    cause         TEXT NOT NULL CHECK (cause IN ('wear', 'misuse')),
    liable_person TEXT NOT NULL DEFAULT '',
    repaired_at   TEXT,
    note          TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE service_reports (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    kind        TEXT NOT NULL CHECK (kind IN ('complaints', 'visits')),
    produced_at TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    analysis    TEXT NOT NULL DEFAULT '',
    solutions   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE calendar_days (
    date    TEXT PRIMARY KEY NOT NULL,
    working INTEGER NOT NULL CHECK (working IN (0, 1)),
    name    TEXT NOT NULL DEFAULT ''
) STRICT;

-- The change history: every change to a record, never deleted.
-- No foreign key: a trashed record keeps its history.
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    field     TEXT NOT NULL DEFAULT '',
    old       TEXT NOT NULL DEFAULT '',
    new       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX history_entity ON history (entity, entity_id);
