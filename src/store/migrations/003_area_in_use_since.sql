-- AC-CHECKS judges an area from the day it is in use (DOMAIN §4.2,
-- "Periods"): a date on the area; empty means "from its first check-sheet
-- row". Readers of an older file select NULL for it (store::compliance).
ALTER TABLE ac_areas ADD COLUMN in_use_since TEXT;
