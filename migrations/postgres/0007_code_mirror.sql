-- The code mirror: the head commit known for each repository, and the index of its code
-- (one per repository, replaced when the head moves).
CREATE TABLE code_heads (
    repo TEXT PRIMARY KEY,
    branch TEXT NOT NULL,
    sha TEXT NOT NULL,
    etag TEXT,
    from_push BIGINT NOT NULL DEFAULT 0,
    checked_at BIGINT NOT NULL
);

CREATE TABLE code_indexes (
    repo TEXT PRIMARY KEY,
    sha TEXT NOT NULL,
    data BYTEA NOT NULL,
    summary TEXT NOT NULL,
    indexed_at BIGINT NOT NULL
);
