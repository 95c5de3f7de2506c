-- 0003: what the linker compares of a stored claim, in narrow columns beside
-- the claim's JSON body: its text, hedging score and type (its speaker and
-- publication time are columns already). A stored-claim lookup reads these for
-- each candidate instead of decoding the whole claim (spans, cues, reasons,
-- attribution), which was most of its cost. NULL in rows written before this
-- migration: readers fall back to the body for them.
ALTER TABLE claims ADD COLUMN cmp_text TEXT;
ALTER TABLE claims ADD COLUMN cmp_hedging DOUBLE PRECISION;
ALTER TABLE claims ADD COLUMN cmp_type INTEGER;
