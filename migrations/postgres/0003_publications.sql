-- What the bot published on GitHub, for re-runs (one prompt comment per issue, edited) and
-- for the Slack relay (which issues were coordinated).
CREATE TABLE publications (
    repo          TEXT NOT NULL,
    number        BIGINT NOT NULL,
    kind          TEXT NOT NULL,               -- prompt | triage
    comment_id    BIGINT,
    comment_url   TEXT,
    gist_id       TEXT,
    gist_url      TEXT,
    prompt_hash   TEXT,
    triggered_by  TEXT,
    trigger       TEXT,                        -- comment:ID | label:NAME | cli
    title         TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (repo, number, kind)
);

-- Short replies to a comment (a refusal, a failure, a configuration error): one each.
CREATE TABLE replies (
    repo       TEXT NOT NULL,
    source     TEXT NOT NULL,                  -- comment:ID | label:NUMBER:DELIVERY
    kind       TEXT NOT NULL,                  -- refusal | failure | config | parse
    comment_id BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (repo, source, kind)
);

-- In dry-run mode: what would have been sent to GitHub or Slack.
CREATE TABLE dry_run_log (
    id         BIGSERIAL PRIMARY KEY,
    target     TEXT NOT NULL,                  -- github | slack
    action     TEXT NOT NULL,                  -- e.g. "POST /repos/o/r/issues/1/comments"
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
