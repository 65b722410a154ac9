-- The pull requests linked from an issue's prompt comment, one line per pull request and
-- state. The comment's status section is rendered from these rows, so replicas adding lines
-- at the same time cannot lose one another's.
CREATE TABLE pr_links (
    repo       TEXT NOT NULL,
    issue      BIGINT NOT NULL,
    pr         BIGINT NOT NULL,
    state      TEXT NOT NULL,               -- opened | merged
    line       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (repo, issue, pr, state)
);

-- Short leases on a name, so that replicas take turns (publishing on one issue).
CREATE TABLE locks (
    name       TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
