-- The latest sweep of each repository: what it proposed to close, with the drafted comment,
-- and how far `/coordinate close` got with each (comment posted, issue closed). A new sweep
-- replaces the proposals not yet closed.
CREATE TABLE sweep_proposals (
    repo          TEXT NOT NULL,
    number        BIGINT NOT NULL,
    reason        TEXT NOT NULL,
    state_reason  TEXT NOT NULL,
    comment       TEXT NOT NULL,
    evidence      TEXT NOT NULL,               -- JSON array of strings
    swept_at      BIGINT NOT NULL,
    comment_id    BIGINT,                          -- the closing comment, once posted
    closed_at     BIGINT,                          -- when the issue was closed by the command
    PRIMARY KEY (repo, number)
);
