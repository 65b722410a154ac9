//! Durable state behind one `Store` trait: webhook deliveries, the job queue, and (in later
//! layers) the issue mirror. Two implementations share their SQL where the dialects agree:
//! SQLite (the embedded default) and Postgres (for several replicas).

mod mirror;
mod mirror_sql;
pub mod model;
mod postgres;
mod publish;
mod publish_sql;
mod queue;
mod sqlite;

use std::fmt;
use std::sync::Arc;

use anyhow::{Context, Result};
use async_trait::async_trait;

pub use mirror::{
    CodeHead, CommentWrite, ListQuery, ListSort, MirrorStore, SearchHit, SearchQuery,
    StoredCodeIndex, SyncState, ThreadWrite, WriteStats,
};
pub use model::{Comment, Reactions, RefKind, RepoName, Thread, ThreadDoc, ThreadRef, ThreadState};
pub use postgres::PgStore;
pub use publish::{DryRunEntry, Publication, PublishStore, SweepProposal};
pub use sqlite::SqliteStore;

/// Milliseconds since the Unix epoch; every time in the database is one of these.
pub type Millis = i64;

/// The current wall-clock time in milliseconds.
pub fn now_ms() -> Millis {
    chrono::Utc::now().timestamp_millis()
}

/// A short digest of a text (the prompt a publication carried), for telling versions apart.
pub fn content_hash_of(text: &str) -> String {
    mirror_sql::content_hash(&text)
}

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        })
    }
}

/// What the intake decided about a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// Stored with a job to process it.
    Queued,
    /// Stored for deduplication and metrics only: nothing in it concerns the bot.
    Ignored,
}

impl DeliveryOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryOutcome::Queued => "queued",
            DeliveryOutcome::Ignored => "ignored",
        }
    }
}

/// A webhook delivery as the intake writes it.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    pub id: String,
    pub event: String,
    pub action: Option<String>,
    pub installation_id: Option<i64>,
    pub repo: Option<String>,
    pub outcome: DeliveryOutcome,
    /// The body, kept only for deliveries that get a job.
    pub payload: Option<CompressedPayload>,
    pub received_at: Millis,
    /// The job that processes the delivery, written in the same transaction.
    pub job: Option<NewJob>,
}

/// A webhook body as stored: LZ4-compressed. GitHub's JSON shrinks four- to six-fold, which
/// is what lets a burst of deliveries reach the disk as fast as they arrive.
#[derive(Debug, Clone)]
pub struct CompressedPayload(bytes::Bytes);

impl CompressedPayload {
    /// Compresses `raw` (off the database writer's path: call it in the request handler).
    pub fn compress(raw: &[u8]) -> Self {
        CompressedPayload(lz4_flex::compress_prepend_size(raw).into())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The original body of a stored payload.
    pub fn decompress(stored: &[u8]) -> Result<Vec<u8>> {
        lz4_flex::decompress_size_prepended(stored)
            .map_err(|err| anyhow::anyhow!("a stored payload is corrupt: {err}"))
    }
}

/// Whether a delivery was new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordOutcome {
    Stored,
    Duplicate,
}

/// A stored delivery.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: String,
    pub event: String,
    pub action: Option<String>,
    pub installation_id: Option<i64>,
    pub repo: Option<String>,
    pub outcome: String,
    /// The original body, decompressed.
    pub payload: Option<Vec<u8>>,
    pub received_at: Millis,
    pub processed_at: Option<Millis>,
}

/// The life of a job: `queued` -> `running` -> `done`, or -> `failed` (waiting for its retry)
/// -> `running` ..., or -> `dead` after the last attempt. Dead jobs are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobState {
    Queued,
    Running,
    Done,
    Failed,
    Dead,
}

impl JobState {
    pub const ALL: [JobState; 5] = [
        JobState::Queued,
        JobState::Running,
        JobState::Done,
        JobState::Failed,
        JobState::Dead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Failed => "failed",
            JobState::Dead => "dead",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        JobState::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
            .with_context(|| format!("unknown job state {s:?} in the database"))
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: String,
    pub delivery_id: Option<String>,
    /// JSON arguments of the job's handler.
    pub args: String,
    /// At most one job exists per key; enqueueing a second is a no-op.
    pub dedupe_key: Option<String>,
    pub run_at: Millis,
    pub max_attempts: i64,
}

impl NewJob {
    pub fn new(kind: impl Into<String>, args: impl Into<String>, max_attempts: i64) -> Self {
        NewJob {
            kind: kind.into(),
            delivery_id: None,
            args: args.into(),
            dedupe_key: None,
            run_at: now_ms(),
            max_attempts,
        }
    }
}

/// A job as stored.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub delivery_id: Option<String>,
    pub args: String,
    pub dedupe_key: Option<String>,
    pub state: JobState,
    /// Attempts started so far, the running one included.
    pub attempts: i64,
    pub max_attempts: i64,
    pub run_at: Millis,
    pub lease_owner: Option<String>,
    pub lease_expires_at: Option<Millis>,
    pub last_error: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub finished_at: Option<Millis>,
}

/// How a job attempt ended, as the worker reports it.
#[derive(Debug, Clone)]
pub enum JobResult {
    Done,
    /// Failed; retried at `retry_at`, or dead when `None`.
    Failed {
        error: String,
        retry_at: Option<Millis>,
    },
}

/// The durable state of the bot: every part of it, for one `Arc<dyn Store>`.
pub trait Store: QueueStore + MirrorStore + PublishStore {}

impl<T: QueueStore + MirrorStore + PublishStore> Store for T {}

/// Webhook deliveries and the job queue.
#[async_trait]
pub trait QueueStore: Send + Sync + 'static {
    fn backend(&self) -> Backend;

    /// Answers when the database does.
    async fn ping(&self) -> Result<()>;

    /// Writes a batch of deliveries, and the job of each new one, in one transaction
    /// (group commit). A delivery ID already stored is reported as a duplicate and its job
    /// is not written again.
    async fn record_deliveries(&self, batch: &[NewDelivery]) -> Result<Vec<RecordOutcome>>;

    async fn delivery(&self, id: &str) -> Result<Option<Delivery>>;

    /// Drops the bodies of deliveries processed before `before` (their rows stay, for
    /// deduplication and the record); returns how many.
    async fn prune_payloads(&self, before: Millis) -> Result<u64>;

    /// Enqueues a job; `None` when its dedupe key already exists.
    async fn enqueue_job(&self, job: &NewJob) -> Result<Option<i64>>;

    /// Leases up to `limit` runnable jobs to `owner` until `now + lease_ms`: queued jobs and
    /// failed ones whose retry time has come, oldest first. No job is leased to two owners at
    /// once.
    async fn claim_jobs(
        &self,
        owner: &str,
        now: Millis,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<Job>>;

    /// Extends a lease the owner still holds; false when it lost it.
    async fn extend_lease(&self, id: i64, owner: &str, until: Millis) -> Result<bool>;

    /// Takes back the jobs of workers that died: running jobs whose lease expired are queued
    /// again, or dead when that was their last attempt. Returns (queued again, dead).
    async fn recover_expired_jobs(&self, now: Millis) -> Result<(u64, u64)>;

    /// Records how attempts ended, all in one transaction; for each, false when the owner no
    /// longer held the lease (the result is then dropped: another worker owns the job). A
    /// done job marks its delivery processed.
    async fn finish_jobs(
        &self,
        owner: &str,
        now: Millis,
        results: &[(i64, JobResult)],
    ) -> Result<Vec<bool>>;

    /// `finish_jobs` for one job.
    async fn finish_job(
        &self,
        id: i64,
        owner: &str,
        now: Millis,
        result: &JobResult,
    ) -> Result<bool> {
        let kept = self
            .finish_jobs(owner, now, &[(id, result.clone())])
            .await?;
        Ok(kept.first().copied().unwrap_or(false))
    }

    /// Gives a leased job back unfinished (shutdown): queued again at once, the attempt not
    /// counted.
    async fn release_job(&self, id: i64, owner: &str, now: Millis) -> Result<bool>;

    async fn job(&self, id: i64) -> Result<Option<Job>>;

    /// Jobs, newest first, optionally of one state.
    async fn jobs(&self, state: Option<JobState>, limit: i64) -> Result<Vec<Job>>;

    /// How many jobs are in each state.
    async fn job_counts(&self) -> Result<Vec<(JobState, i64)>>;
}

/// Opens the database named by `url` (`sqlite://PATH`, `sqlite::memory:`, `postgres://...`),
/// creating a SQLite file when missing, and applies the migrations.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else {
        Err(crate::error::usage(format!(
            "DATABASE_URL {:?} is not supported: use sqlite://PATH or postgres://USER@HOST/DB",
            redact_url(url)
        )))
    }
}

/// The database URL with every secret replaced, fit for logs and errors: the password of
/// the user part (everything between `://` and the last `@` after the user name, so a
/// password holding `/`, `?` or `@` is hidden too) and the values of `password`-, `secret`-
/// or `token`-like parameters, in a query or in a `key=value` connection string.
pub fn redact_url(raw: &str) -> String {
    let (scheme, rest) = match raw.split_once("://") {
        Some((scheme, rest)) => (format!("{scheme}://"), rest),
        None => (String::new(), raw),
    };
    let shown = match rest.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}{user}:***@{host}"),
            None => raw.to_string(),
        },
        None => raw.to_string(),
    };
    // Then every `key=value` whose key names a secret, wherever it is.
    let sensitive = |key: &str| {
        let key = key.to_ascii_lowercase();
        key.contains("password") || key.contains("secret") || key.contains("token")
    };
    let mut out = String::with_capacity(shown.len());
    let mut start = 0;
    let separators = shown
        .char_indices()
        .filter(|(_, c)| matches!(c, '?' | '&' | ' '))
        .map(|(i, c)| (i, Some(c)))
        .chain(std::iter::once((shown.len(), None)));
    for (end, separator) in separators {
        let part = &shown[start..end];
        match part.split_once('=') {
            Some((key, _)) if sensitive(key) => {
                out.push_str(key);
                out.push_str("=***");
            }
            _ => out.push_str(part),
        }
        if let Some(c) = separator {
            out.push(c);
            start = end + c.len_utf8();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_url("postgres://bot:hunter2@db.internal:5432/coord"),
            "postgres://bot:***@db.internal:5432/coord"
        );
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(
            redact_url("sqlite://coordinator.db"),
            "sqlite://coordinator.db"
        );
        assert_eq!(
            redact_url("postgres://bot:pa/ss@db:5432/x?password=a&sslmode=require"),
            "postgres://bot:***@db:5432/x?password=***&sslmode=require"
        );
        for leaky in [
            "postgres://bot:hun?ter2@db/x",
            "postgres://bot:123/hunter2@db/y",
            "postgres://bot:hun@ter2@db/y",
            "postgres://db/x?password=hun@ter2",
            "postgres://db/x?sslmode=require&PASSWORD=hunter2",
            "host=db password=hunter2 user=bot",
            "bot:hunter2@db",
        ] {
            let shown = redact_url(leaky);
            assert!(!shown.contains("hun"), "{leaky} -> {shown}");
            assert!(shown.contains("db"), "{leaky} -> {shown}");
        }
        let redacted = redact_url("postgres://db/x?user=bot&password=hunter2&sslmode=require");
        assert!(!redacted.contains("hunter2"), "{redacted}");
        assert!(redacted.contains("sslmode=require"), "{redacted}");
    }

    #[test]
    fn job_states_round_trip() {
        for state in JobState::ALL {
            assert_eq!(JobState::parse(state.as_str()).ok(), Some(state));
        }
        assert!(JobState::parse("zombie").is_err());
    }
}
