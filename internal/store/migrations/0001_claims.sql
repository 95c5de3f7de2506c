-- 0001: articles, their claims, the linker's blocking keys and the links.
-- Runs unchanged on SQLite (the embedded store) and PostgreSQL: portable types
-- only (TEXT, BIGINT, INTEGER, DOUBLE PRECISION), times as Unix nanoseconds,
-- every claim's full content as JSON text in claims.body.

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    published_ns BIGINT NOT NULL, -- 0: unknown
    stored_ns BIGINT NOT NULL
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY, -- "<article id>#<n>"
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    speaker TEXT NOT NULL, -- canonical name; '' for the article's own voice
    published_ns BIGINT NOT NULL,
    stored_ns BIGINT NOT NULL,
    body TEXT NOT NULL
);

CREATE INDEX claims_article ON claims (article_id, ordinal);
CREATE INDEX claims_speaker ON claims (speaker, published_ns, id);
CREATE INDEX claims_published ON claims (published_ns, id);

-- The linker's blocking keys as a key table: candidate lookup reads, per key,
-- the most recent claims from the primary key's b-tree (block_key, stored_ns)
-- and never scans claims, so its cost does not grow with the store.
CREATE TABLE claim_keys (
    block_key TEXT NOT NULL,
    stored_ns BIGINT NOT NULL,
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    PRIMARY KEY (block_key, stored_ns, claim_id)
);

CREATE INDEX claim_keys_claim ON claim_keys (claim_id);

CREATE TABLE links (
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    other_claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    score DOUBLE PRECISION NOT NULL,
    relation INTEGER NOT NULL,
    reason INTEGER NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (claim_id, other_claim_id)
);

CREATE INDEX links_other ON links (other_claim_id);
