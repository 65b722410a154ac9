-- The mirror of each repository's issues, pull requests ("threads") and comments, the
-- references between threads, and where each repository's sync stands.

CREATE TABLE threads (
    tid                BIGSERIAL PRIMARY KEY,
    repo               TEXT NOT NULL,                      -- lowercase owner/name
    number             BIGINT NOT NULL,
    github_id          BIGINT NOT NULL,
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
    reactions_total    BIGINT NOT NULL DEFAULT 0,
    comment_count      BIGINT NOT NULL DEFAULT 0,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    closed_at          BIGINT,
    merged             BOOLEAN,
    draft              BOOLEAN,
    html_url           TEXT NOT NULL,
    content_hash       TEXT NOT NULL,                      -- of every field: unchanged rows are not rewritten
    seen_at            BIGINT NOT NULL,                    -- last written by a sync or webhook
    -- Full-text search, English stemming; the title weighs more than the body. Bodies past
    -- 200,000 characters are indexed in part (a tsvector holds at most 1 MB).
    search             tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', left(coalesce(body, ''), 200000)), 'B')
    ) STORED,
    UNIQUE (repo, number)
);

CREATE INDEX threads_by_created ON threads (repo, created_at);
CREATE INDEX threads_by_updated ON threads (repo, updated_at);
CREATE INDEX threads_by_comments ON threads (repo, comment_count);
CREATE INDEX threads_by_reactions ON threads (repo, reactions_total);
CREATE INDEX threads_search ON threads USING GIN (search);

CREATE TABLE comments (
    id                 BIGINT PRIMARY KEY,                 -- GitHub's comment ID
    repo               TEXT NOT NULL,
    number             BIGINT NOT NULL,                    -- the thread's number
    user_login         TEXT,
    author_association TEXT,
    body               TEXT NOT NULL,
    reactions          TEXT NOT NULL DEFAULT '{}',
    reactions_total    BIGINT NOT NULL DEFAULT 0,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    html_url           TEXT,
    content_hash       TEXT NOT NULL,
    seen_at            BIGINT NOT NULL,
    search             tsvector GENERATED ALWAYS AS (
        to_tsvector('english', left(body, 200000))
    ) STORED
);

CREATE INDEX comments_by_thread ON comments (repo, number, created_at);
CREATE INDEX comments_search ON comments USING GIN (search);

-- Deleted threads and comments, so that a late, older event cannot bring them back.
CREATE TABLE tombstones (
    repo       TEXT NOT NULL,
    kind       TEXT NOT NULL,                              -- thread | comment
    id         BIGINT NOT NULL,                            -- thread number or comment ID
    deleted_at BIGINT NOT NULL,
    PRIMARY KEY (repo, kind, id)
);

-- source points at target: a mention, a closing keyword, a duplicate marker, a timeline event.
CREATE TABLE thread_refs (
    repo   TEXT NOT NULL,
    source BIGINT NOT NULL,
    target BIGINT NOT NULL,
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
    threads_since     BIGINT,         -- incremental watermark (updated_at, inclusive)
    comments_since    BIGINT,
    threads_next      TEXT,           -- where an interrupted pass resumes
    comments_next     TEXT,
    threads_etag      TEXT,
    threads_etag_url  TEXT,
    comments_etag     TEXT,
    comments_etag_url TEXT,
    repo_etag         TEXT,
    full_pass_started BIGINT,         -- set while a full sync is under way
    full_max_updated  BIGINT,         -- newest updated_at seen by that full pass
    last_sync_at      BIGINT,
    last_full_sync_at BIGINT
);
