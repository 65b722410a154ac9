-- Names a repository had before a rename or a transfer, as GitHub's redirect resolved them:
-- links through them are the repository's own. `same` = 0 records a name that resolved to
-- another repository (or none), so it is not asked about again.
CREATE TABLE repo_aliases (
    repo TEXT NOT NULL,
    alias TEXT NOT NULL,
    same BIGINT NOT NULL,
    checked_at BIGINT NOT NULL,
    PRIMARY KEY (repo, alias)
);
