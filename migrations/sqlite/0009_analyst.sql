-- The optional analyst: answers kept by a hash of the request (a re-run with nothing new costs
-- nothing), and the tokens spent per UTC day over all repositories (the daily budget).
CREATE TABLE analyst_answers (
    key         TEXT PRIMARY KEY,                 -- sha256 of the provider, model and request
    answer      TEXT NOT NULL,                    -- the model's JSON object, as read
    created_at  INTEGER NOT NULL
);

CREATE TABLE analyst_usage (
    day     TEXT PRIMARY KEY,                     -- YYYY-MM-DD, UTC
    tokens  INTEGER NOT NULL
);
