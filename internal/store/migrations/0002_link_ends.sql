-- 0002: each link keeps both of its ends as the linker described them
-- (claim.LinkedClaim: text, speaker, article, stance, evidence spans, dates),
-- as JSON {"a": …, "b": …}, so a stored link reads as it did when it was made.
ALTER TABLE links ADD COLUMN ends TEXT NOT NULL DEFAULT '';
