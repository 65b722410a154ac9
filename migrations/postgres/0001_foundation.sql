-- Webhook deliveries and the durable job queue.
-- Times are milliseconds since the Unix epoch (BIGINT) in both databases, so the
-- queries are shared between SQLite and Postgres.

CREATE TABLE deliveries (
    id              TEXT PRIMARY KEY,          -- X-GitHub-Delivery, the dedupe key
    event           TEXT NOT NULL,
    action          TEXT,
    installation_id BIGINT,
    repo            TEXT,                      -- owner/name
    outcome         TEXT NOT NULL,             -- queued | ignored
    payload         BYTEA,                      -- the body (LZ4, size prepended), kept for deliveries we act on
    received_at     BIGINT NOT NULL,
    processed_at    BIGINT
);

CREATE INDEX deliveries_received ON deliveries (received_at);

CREATE TABLE jobs (
    id               BIGSERIAL PRIMARY KEY,
    kind             TEXT NOT NULL,
    delivery_id      TEXT REFERENCES deliveries (id),
    args             TEXT NOT NULL DEFAULT '{}',
    dedupe_key       TEXT UNIQUE,
    state            TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'dead')),
    attempts         BIGINT NOT NULL DEFAULT 0,
    max_attempts     BIGINT NOT NULL,
    run_at           BIGINT NOT NULL,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    finished_at      BIGINT
);

-- Claiming scans ready jobs by run time; expired leases by expiry.
CREATE INDEX jobs_ready ON jobs (run_at, id) WHERE state IN ('queued', 'failed');
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_delivery ON jobs (delivery_id);
