//! The Postgres store, for several `serve` replicas sharing one database.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, Result};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres};

use super::Backend;
use super::queue::{claimable_jobs, impl_queue_store, job_columns};

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
            .with_context(|| format!("DATABASE_URL {shown:?} is not a valid Postgres URL"))?
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

    /// The connection pool, for tests and benchmarks that inspect the database directly.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

impl_queue_store!(PgStore, Postgres);
