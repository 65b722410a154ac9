//! The embedded SQLite store: one file, WAL, every commit synced to disk.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, Result};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool};

use super::Backend;
use super::queue::{claimable_jobs, impl_queue_store, job_columns};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

/// The SQLite implementation of the store.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    const BACKEND: Backend = Backend::Sqlite;

    // SQLite has one writer at a time, so a single UPDATE over a subquery cannot hand one job
    // to two workers.
    const CLAIM_JOBS: &'static str = concat!(
        "UPDATE jobs SET state = 'running', lease_owner = $1, lease_expires_at = $2, \
         attempts = attempts + 1, updated_at = $3 WHERE id IN (",
        claimable_jobs!(),
        ") RETURNING ",
        job_columns!()
    );

    /// Opens (creating when missing) the database at `url` and migrates it.
    pub async fn connect(url: &str) -> Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("DATABASE_URL {url:?} is not a valid SQLite URL"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a delivery answered 202 survives a power cut, not only a crash.
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(30))
            .foreign_keys(true);
        // An in-memory database exists once per connection: keep to one.
        let max = if url.contains(":memory:") { 1 } else { 8 };
        let pool = SqlitePoolOptions::new()
            .max_connections(max)
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open the SQLite database {url:?}"))?;
        MIGRATOR
            .run(&pool)
            .await
            .context("cannot apply the SQLite migrations")?;
        Ok(SqliteStore { pool })
    }

    /// The connection pool, for tests and benchmarks that inspect the database directly.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

impl_queue_store!(SqliteStore, Sqlite);
