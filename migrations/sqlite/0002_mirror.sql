-- The mirror of each repository's issues, pull requests ("threads") and comments, the
-- references between threads, and where each repository's sync stands.

CREATE TABLE threads (
    tid                INTEGER PRIMARY KEY AUTOINCREMENT,  -- ours; the full-text index's rowid
    repo               TEXT NOT NULL,                      -- lowercase owner/name
    number             INTEGER NOT NULL,
    github_id          INTEGER NOT NULL,
    is_pull_request    BOOLEAN NOT NULL,
    title              TEXT NOT NULL,
    body               TEXT,                               -- NULL when GitHub has none
    state              TEXT NOT NULL,                      -- open | closed
    state_reason       TEXT,
    user_login         TEXT,
    author_association TEXT,
    labels             TEXT NOT NULL DEFAULT '[]',         -- JSON array of names
    label_keys         TEXT NOT NULL DEFAULT '',           -- lowercase names, each between '|' marks
    reactions          TEXT NOT NULL DEFAULT '{}',         -- JSON object by kind
    reactions_total    INTEGER NOT NULL DEFAULT 0,
    comment_count      INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    closed_at          INTEGER,
    merged             BOOLEAN,
    draft              BOOLEAN,
    html_url           TEXT NOT NULL,
    content_hash       TEXT NOT NULL,                      -- of every field: unchanged rows are not rewritten
    seen_at            INTEGER NOT NULL,                   -- last written by a sync or webhook
    UNIQUE (repo, number)
);

CREATE INDEX threads_by_created ON threads (repo, created_at);
CREATE INDEX threads_by_updated ON threads (repo, updated_at);
CREATE INDEX threads_by_comments ON threads (repo, comment_count);
CREATE INDEX threads_by_reactions ON threads (repo, reactions_total);

CREATE TABLE comments (
    id                 INTEGER PRIMARY KEY,                -- GitHub's comment ID
    repo               TEXT NOT NULL,
    number             INTEGER NOT NULL,                   -- the thread's number
    user_login         TEXT,
    author_association TEXT,
    body               TEXT NOT NULL,
    reactions          TEXT NOT NULL DEFAULT '{}',
    reactions_total    INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    html_url           TEXT,
    content_hash       TEXT NOT NULL,
    seen_at            INTEGER NOT NULL
);

CREATE INDEX comments_by_thread ON comments (repo, number, created_at);

-- Deleted threads and comments, so that a late, older event cannot bring them back.
CREATE TABLE tombstones (
    repo       TEXT NOT NULL,
    kind       TEXT NOT NULL,                              -- thread | comment
    id         INTEGER NOT NULL,                           -- thread number or comment ID
    deleted_at INTEGER NOT NULL,
    PRIMARY KEY (repo, kind, id)
);

-- source points at target: a mention, a closing keyword, a duplicate marker, a timeline event.
CREATE TABLE thread_refs (
    repo   TEXT NOT NULL,
    source INTEGER NOT NULL,
    target INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    origin TEXT NOT NULL,                                  -- body | comment:ID | timeline
    PRIMARY KEY (repo, source, target, kind, origin)
);

CREATE INDEX thread_refs_by_target ON thread_refs (repo, target);
CREATE INDEX thread_refs_by_origin ON thread_refs (repo, origin);

CREATE TABLE sync_state (
    repo              TEXT PRIMARY KEY,
    display_name      TEXT NOT NULL,
    default_branch    TEXT,
    threads_since     INTEGER,        -- incremental watermark (updated_at, inclusive)
    comments_since    INTEGER,
    threads_next      TEXT,           -- where an interrupted pass resumes
    comments_next     TEXT,
    threads_etag      TEXT,
    threads_etag_url  TEXT,
    comments_etag     TEXT,
    comments_etag_url TEXT,
    repo_etag         TEXT,
    full_pass_started INTEGER,        -- set while a full sync is under way
    full_max_updated  INTEGER,        -- newest updated_at seen by that full pass
    last_sync_at      INTEGER,
    last_full_sync_at INTEGER
);

-- Full-text search (porter stemming) over threads and comments, kept current by triggers.
-- `repo` is carried, unindexed, so a search filters by repository before it ranks and cuts.
CREATE VIRTUAL TABLE threads_fts USING fts5(
    title, body, repo UNINDEXED,
    content = 'threads', content_rowid = 'tid', tokenize = 'porter unicode61'
);
-- The title weighs three times as much as the body.
INSERT INTO threads_fts (threads_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0, 0.0)');
CREATE TRIGGER threads_fts_insert AFTER INSERT ON threads BEGIN
    INSERT INTO threads_fts (rowid, title, body, repo) VALUES (new.tid, new.title, new.body, new.repo);
END;
CREATE TRIGGER threads_fts_delete AFTER DELETE ON threads BEGIN
    INSERT INTO threads_fts (threads_fts, rowid, title, body, repo)
    VALUES ('delete', old.tid, old.title, old.body, old.repo);
END;
CREATE TRIGGER threads_fts_update AFTER UPDATE OF title, body ON threads BEGIN
    INSERT INTO threads_fts (threads_fts, rowid, title, body, repo)
    VALUES ('delete', old.tid, old.title, old.body, old.repo);
    INSERT INTO threads_fts (rowid, title, body, repo) VALUES (new.tid, new.title, new.body, new.repo);
END;

CREATE VIRTUAL TABLE comments_fts USING fts5(
    body, repo UNINDEXED,
    content = 'comments', content_rowid = 'id', tokenize = 'porter unicode61'
);
INSERT INTO comments_fts (comments_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');
CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts (rowid, body, repo) VALUES (new.id, new.body, new.repo);
END;
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body, repo) VALUES ('delete', old.id, old.body, old.repo);
END;
CREATE TRIGGER comments_fts_update AFTER UPDATE OF body ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body, repo) VALUES ('delete', old.id, old.body, old.repo);
    INSERT INTO comments_fts (rowid, body, repo) VALUES (new.id, new.body, new.repo);
END;
