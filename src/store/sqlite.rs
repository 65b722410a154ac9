//! The embedded SQLite store: one file, WAL, every commit synced to disk.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, Result};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool};

use super::mirror_sql::{impl_mirror_store, thread_columns};
use super::publish_sql::impl_publish_store;
use super::queue::{claimable_jobs, impl_queue_store, job_columns};
use super::{Backend, SearchQuery};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

/// The SQLite implementation of the store.
///
/// SQLite runs one write transaction at a time. Writers of one process share a single
/// connection, so they queue in the pool (fairly, without sleeping) instead of meeting
/// `SQLITE_BUSY` and SQLite's coarse busy-wait sleeps; readers have a pool of their own and,
/// with WAL, never wait for the writer. Other processes on the same file (a CLI `sync` next to
/// `serve`) fall back on the busy timeout.
#[derive(Clone)]
pub struct SqliteStore {
    reader: SqlitePool,
    writer: SqlitePool,
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
            .map_err(|err| {
                crate::error::usage(format!(
                    "DATABASE_URL {:?} is not a valid SQLite URL: {err}",
                    super::redact_url(url)
                ))
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a delivery answered 202 survives a power cut, not only a crash.
            .synchronous(SqliteSynchronous::Full)
            // Truncate the write-ahead log back to 64 MiB after a checkpoint resets it: a large
            // sync must not leave gigabytes of log behind.
            .pragma("journal_size_limit", "67108864")
            .page_size(16384)
            .busy_timeout(Duration::from_secs(30))
            .foreign_keys(true);
        // The writer never checkpoints: a checkpoint in the commit path would stall every
        // delivery waiting behind it. A background task checkpoints instead (see below).
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone().pragma("wal_autocheckpoint", "0"))
            .await
            .with_context(|| format!("cannot open the SQLite database {url:?}"))?;
        MIGRATOR
            .run(&writer)
            .await
            .context("cannot apply the SQLite migrations")?;
        // An in-memory database exists once per connection: there, one connection does all.
        let reader = if url.contains(":memory:") {
            writer.clone()
        } else {
            SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .with_context(|| format!("cannot open the SQLite database {url:?}"))?
        };
        if !url.contains(":memory:") {
            tokio::spawn(checkpoint_in_background(reader.clone()));
        }
        Ok(SqliteStore { reader, writer })
    }

    fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    /// A write transaction that takes the write lock at once: a deferred one that reads
    /// first could find its snapshot outdated by a checkpoint when it then writes, and fail
    /// with `SQLITE_BUSY` instead of waiting.
    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, Sqlite>> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }

    /// Nothing to do: `BEGIN IMMEDIATE` already makes every write transaction the only one.
    async fn lock_mirror(
        _tx: &mut sqlx::Transaction<'static, Sqlite>,
        _repo: &str,
        _exclusive: bool,
    ) -> sqlx::Result<()> {
        Ok(())
    }
}

/// Copies the write-ahead log into the database file now and then, off the writer's path.
/// PASSIVE never blocks the writer or readers, but under a steady stream of writes (a large
/// sync) it never catches up, and the log only restarts once it has: when the log passes
/// `WAL_LIMIT_FRAMES`, a TRUNCATE checkpoint briefly holds writers back and empties it. Ends
/// when the store's pools are closed.
async fn checkpoint_in_background(pool: SqlitePool) {
    // 4096 frames of 16 KiB pages: 64 MiB.
    const WAL_LIMIT_FRAMES: i64 = 4096;
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if pool.is_closed() {
            return;
        }
        let passive: Result<(i64, i64, i64), sqlx::Error> =
            sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
                .fetch_one(&pool)
                .await;
        match passive {
            Ok((_, log_frames, _)) if log_frames > WAL_LIMIT_FRAMES => {
                if let Err(err) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(&pool)
                    .await
                {
                    tracing::warn!(error = %err, "SQLite checkpoint (truncate) failed; retrying");
                }
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "SQLite checkpoint failed; retrying"),
        }
    }
}

impl SqliteStore {
    /// FTS5 over titles and bodies (the title weighs three times as much) and over comments
    /// (half as much as a thread's own text); a thread's score is its best match plus a little
    /// for every other. The repository's matches are materialized first, each capped at the
    /// best 500 by rank (of the threads in the state asked for): left to itself the planner
    /// may drive the join from `comments` and probe the full-text index once per row, which
    /// is quadratic.
    const SEARCH: &'static str = concat!(
        "WITH thread_hits AS MATERIALIZED ( \
                 SELECT f.rowid AS tid, -f.rank AS score FROM threads_fts f \
                 CROSS JOIN threads t ON t.tid = f.rowid \
                 WHERE threads_fts MATCH $1 AND f.repo = $2 AND ($3 IS NULL OR t.state = $3) \
                 ORDER BY f.rank LIMIT 500 \
             ), comment_hits AS MATERIALIZED ( \
                 SELECT t.tid AS tid, -0.5 * f.rank AS score FROM comments_fts f \
                 CROSS JOIN comments c ON c.id = f.rowid \
                 CROSS JOIN threads t ON t.repo = c.repo AND t.number = c.number \
                 WHERE comments_fts MATCH $1 AND f.repo = $2 AND c.repo = $2 \
                   AND ($3 IS NULL OR t.state = $3) \
                 ORDER BY f.rank LIMIT 500 \
             ), hits AS ( \
                 SELECT tid, score FROM thread_hits \
               UNION ALL \
                 SELECT tid, score FROM comment_hits \
             ), ranked AS ( \
                 SELECT tid, MAX(score) + 0.1 * SUM(score) AS score FROM hits GROUP BY tid \
             ) SELECT ",
        thread_columns!(),
        ", ranked.score AS score FROM ranked CROSS JOIN threads ON threads.tid = ranked.tid \
             WHERE threads.repo = $2 AND ($3 IS NULL OR threads.state = $3) \
             ORDER BY ranked.score DESC, threads.number DESC LIMIT $4"
    );

    fn search_text(query: &SearchQuery) -> String {
        fts5_query(query)
    }
}

/// The FTS5 form of a query: every word and phrase quoted, so nothing the user typed is read
/// as FTS5 syntax.
fn fts5_query(query: &SearchQuery) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut parts = Vec::new();
    if !query.terms.is_empty() {
        let terms: Vec<String> = query.terms.iter().map(|t| quote(t)).collect();
        parts.push(if query.any {
            format!("({})", terms.join(" OR "))
        } else {
            terms.join(" AND ")
        });
    }
    parts.extend(query.phrases.iter().map(|p| quote(p)));
    parts.join(" AND ")
}

impl_queue_store!(SqliteStore, Sqlite);
impl_mirror_store!(SqliteStore, Sqlite);
impl_publish_store!(SqliteStore, Sqlite);
