//! The Postgres store, for several `serve` replicas sharing one database.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, Result};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres};

use super::mirror_sql::{impl_mirror_store, thread_columns};
use super::publish_sql::impl_publish_store;
use super::queue::{claimable_jobs, impl_queue_store, job_columns};
use super::{Backend, SearchQuery};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

/// The Postgres implementation of the store.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    const BACKEND: Backend = Backend::Postgres;

    // Rows another replica is claiming are skipped, not waited for; READ COMMITTED rechecks
    // the condition on the locked row, so a job is leased to one owner at a time.
    const CLAIM_JOBS: &'static str = concat!(
        "UPDATE jobs SET state = 'running', lease_owner = $1, lease_expires_at = $2, \
         attempts = attempts + 1, updated_at = $3 WHERE id IN (",
        claimable_jobs!(),
        " FOR UPDATE SKIP LOCKED) RETURNING ",
        job_columns!()
    );

    /// Connects to the database at `url` and migrates it.
    pub async fn connect(url: &str) -> Result<Self> {
        Self::connect_in_schema(url, None).await
    }

    /// Connects with every table in `schema` (created when missing): one isolated database per
    /// test on a shared server.
    pub async fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<Self> {
        let shown = super::redact_url(url);
        let mut options = PgConnectOptions::from_str(url)
            .map_err(|err| {
                crate::error::usage(format!(
                    "DATABASE_URL {shown:?} is not a valid Postgres URL: {err}"
                ))
            })?
            .application_name("coordinator");
        if let Some(schema) = schema {
            anyhow::ensure!(
                schema
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "schema name {schema:?} must be letters, digits and underscores"
            );
            let mut setup = PgPoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options.clone())
                .await
                .with_context(|| format!("cannot connect to Postgres at {shown}"))?
                .acquire()
                .await?;
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "CREATE SCHEMA IF NOT EXISTS {schema}"
            )))
            .execute(&mut *setup)
            .await?;
            options = options.options([("search_path", schema)]);
        }
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .with_context(|| format!("cannot connect to Postgres at {shown}"))?;
        MIGRATOR
            .run(&pool)
            .await
            .context("cannot apply the Postgres migrations")?;
        Ok(PgStore { pool })
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }

    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, Postgres>> {
        self.pool.begin().await
    }

    /// Orders the mirror's writes of one repository against its deletions, until the
    /// transaction ends: writers share the lock, a deletion takes it alone. Without it a write
    /// that read "not deleted" before a deletion committed could bring the row back after
    /// it (READ COMMITTED); with it, the write waits and then sees the tombstone.
    async fn lock_mirror(
        tx: &mut sqlx::Transaction<'static, Postgres>,
        repo: &str,
        exclusive: bool,
    ) -> sqlx::Result<()> {
        let sql = if exclusive {
            "SELECT pg_advisory_xact_lock(7701, hashtext($1))"
        } else {
            "SELECT pg_advisory_xact_lock_shared(7701, hashtext($1))"
        };
        sqlx::query(sql).bind(repo).execute(&mut **tx).await?;
        Ok(())
    }
}

impl PgStore {
    /// The generated `search` columns (English stemming, the title weighted A) over threads
    /// and comments (half as much); a thread's score is its best match plus a little for
    /// every other.
    const SEARCH: &'static str = concat!(
        "WITH q AS (SELECT to_tsquery('english', $1) AS query), hits AS ( \
                 SELECT t.tid, ts_rank_cd(t.search, q.query) AS score \
                 FROM threads t, q WHERE t.repo = $2 AND t.search @@ q.query \
               UNION ALL \
                 SELECT t.tid, 0.5 * ts_rank_cd(c.search, q.query) AS score \
                 FROM comments c JOIN threads t ON t.repo = c.repo AND t.number = c.number, q \
                 WHERE c.repo = $2 AND c.search @@ q.query \
             ), ranked AS ( \
                 SELECT tid, MAX(score) + 0.1 * SUM(score) AS score FROM hits GROUP BY tid \
             ) SELECT ",
        thread_columns!(),
        ", CAST(ranked.score AS DOUBLE PRECISION) AS score \
             FROM ranked JOIN threads ON threads.tid = ranked.tid \
             WHERE ($3::TEXT IS NULL OR threads.state = $3) \
             ORDER BY ranked.score DESC, threads.number DESC LIMIT $4"
    );

    fn search_text(query: &SearchQuery) -> String {
        tsquery(query)
    }
}

/// The `to_tsquery` form of a query. Words hold only letters, digits and underscores (see
/// `SearchQuery::parse`), so they cannot inject tsquery syntax; phrases become `<->` chains.
fn tsquery(query: &SearchQuery) -> String {
    let word = |w: &str| {
        w.chars()
            .filter(|c| c.is_alphanumeric() || *c == '_')
            .collect::<String>()
    };
    let mut parts = Vec::new();
    let terms: Vec<String> = query
        .terms
        .iter()
        .map(|t| word(t))
        .filter(|t| !t.is_empty())
        .collect();
    if !terms.is_empty() {
        parts.push(format!(
            "({})",
            terms.join(if query.any { " | " } else { " & " })
        ));
    }
    for phrase in &query.phrases {
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(word)
            .filter(|w| !w.is_empty())
            .collect();
        if !words.is_empty() {
            parts.push(format!("({})", words.join(" <-> ")));
        }
    }
    parts.join(" & ")
}

impl_queue_store!(PgStore, Postgres);
impl_mirror_store!(PgStore, Postgres);
impl_publish_store!(PgStore, Postgres);
