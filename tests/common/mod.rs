//! Shared test harness: fresh databases of both kinds, a real server on loopback, signed
//! deliveries, and waiting for the worker.

#![allow(dead_code)]

pub mod bot;
pub mod corpus;
pub mod github;
pub mod model;
pub mod slack;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use coordinator::app::{self, Mode, Running, ServeConfig};
use coordinator::github::signature;
use coordinator::jobs::{Handlers, RetryPolicy, WorkerConfig};
use coordinator::metrics::Metrics;
use coordinator::store::{self, JobState, PgStore, SqliteStore, Store};
use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

pub const SECRET: &str = "It's a Secret to Everybody";

/// Where Postgres tests run; each test gets its own schema there.
pub fn postgres_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

/// The webhook fixtures of ../shared.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/github-webhooks")
}

/// Every fixture as (event, path).
pub fn all_fixtures() -> Vec<(String, PathBuf)> {
    let dir = fixtures_dir();
    let mut out = Vec::new();
    let events = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("the webhook fixtures must be at {}: {err}", dir.display()));
    for event in events {
        let event = event.expect("fixture dir entry");
        if !event.path().is_dir() {
            continue;
        }
        let name = event.file_name().to_string_lossy().to_string();
        for file in std::fs::read_dir(event.path()).expect("event dir") {
            let path = file.expect("fixture").path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push((name.clone(), path));
            }
        }
    }
    out.sort();
    out
}

pub fn fixture(event: &str, file: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(event).join(file)).expect("fixture file")
}

/// Which database a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A fresh, empty database; removed when dropped.
pub struct TestDb {
    pub kind: Db,
    /// Opens another store on the same database (another "process").
    pub url: String,
    schema: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new(kind: Db) -> TestDb {
        match kind {
            Db::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("coordinator.db").display());
                TestDb {
                    kind,
                    url,
                    schema: None,
                    _dir: Some(dir),
                }
            }
            Db::Postgres => {
                let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
                TestDb {
                    kind,
                    url: postgres_url(),
                    schema: Some(schema),
                    _dir: None,
                }
            }
        }
    }

    /// The Postgres schema of this database, if it is one.
    pub fn schema(&self) -> Option<&str> {
        self.schema.as_deref()
    }

    /// The URL another process (the binary) uses for this database: a Postgres schema is
    /// reached through libpq's `options`.
    pub fn process_url(&self) -> String {
        match self.schema() {
            Some(schema) => format!("{}?options=-c%20search_path%3D{schema}", self.url),
            None => self.url.clone(),
        }
    }

    /// A store on this database (migrated).
    pub async fn store(&self) -> Arc<dyn Store> {
        match self.kind {
            Db::Sqlite => Arc::new(SqliteStore::connect(&self.url).await.expect("sqlite store")),
            Db::Postgres => Arc::new(
                PgStore::connect_in_schema(&self.url, self.schema.as_deref())
                    .await
                    .unwrap_or_else(|err| {
                        panic!(
                            "Postgres is required for this test and is not reachable at {} \
                             (set TEST_POSTGRES_URL, or start it: pg_ctlcluster \
                             --skip-systemctl-redirect $(ls /etc/postgresql) main start): {err:#}",
                            self.url
                        )
                    }),
            ),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(schema) = self.schema.take() else {
            return;
        };
        let url = self.url.clone();
        // Drop runs inside the test's runtime: clean up from a thread of its own.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(pool) = sqlx::PgPool::connect(&url).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP SCHEMA IF EXISTS {schema} CASCADE"
                    )))
                    .execute(&pool)
                    .await;
                }
            });
        })
        .join();
    }
}

/// Runs a test body against SQLite and against Postgres.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::common::TestDb::new($crate::common::Db::Sqlite).await;
                ($body)(db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::common::TestDb::new($crate::common::Db::Postgres).await;
                ($body)(db).await;
            }
        }
    };
}

/// A worker configuration that moves fast enough for tests.
pub fn fast_worker() -> WorkerConfig {
    WorkerConfig {
        concurrency: 4,
        lease: Duration::from_secs(10),
        poll_interval: Duration::from_millis(25),
        retry: RetryPolicy {
            base: Duration::from_millis(20),
            max: Duration::from_millis(200),
        },
        shutdown_grace: Duration::from_secs(5),
        ..WorkerConfig::default()
    }
}

/// How a test server is set up.
pub struct ServerOptions {
    pub secrets: Vec<&'static str>,
    pub run_worker: bool,
    pub worker: WorkerConfig,
    pub max_attempts: i64,
    pub handlers: Option<Handlers>,
    /// The metrics the server shows (the bot's, when it has its own handlers).
    pub metrics: Option<Arc<Metrics>>,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            secrets: vec![SECRET],
            run_worker: true,
            worker: fast_worker(),
            max_attempts: 5,
            handlers: None,
            metrics: None,
        }
    }
}

/// `serve` on a loopback port.
pub struct TestServer {
    pub addr: SocketAddr,
    pub store: Arc<dyn Store>,
    pub metrics: Arc<Metrics>,
    running: Option<Running>,
    client: reqwest::Client,
}

/// A response: status and JSON body (or the text as a JSON string).
pub struct Answer {
    pub status: u16,
    pub body: serde_json::Value,
}

impl TestServer {
    pub async fn start(store: Arc<dyn Store>, options: ServerOptions) -> TestServer {
        let metrics = options.metrics.clone().unwrap_or_default();
        let handlers = options.handlers.unwrap_or_else(|| {
            coordinator::bot::handlers(coordinator::bot::Bot::offline_with_metrics(
                store.clone(),
                metrics.clone(),
            ))
        });
        let config = ServeConfig {
            listen: "127.0.0.1:0".parse().expect("address"),
            webhook_path: "/api/github/webhooks".to_string(),
            secrets: options
                .secrets
                .iter()
                .map(|s| SecretString::from(s.to_string()))
                .collect(),
            database: "test".to_string(),
            mode: Mode::DryRun { forced: true },
            worker: options.worker,
            max_attempts: options.max_attempts,
            run_worker: options.run_worker,
        };
        let running = app::start(
            config,
            store.clone(),
            handlers,
            metrics.clone(),
            CancellationToken::new(),
        )
        .await
        .expect("server starts");
        TestServer {
            addr: running.addr,
            store,
            metrics,
            running: Some(running),
            client: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Posts `body` as GitHub would, signed with `SECRET`. A 503 (the database could not take
    /// the delivery in time, on a machine loaded by other tests) is sent again, as the bot's
    /// recovery would ask GitHub to.
    pub async fn deliver(&self, event: &str, delivery: &str, body: &[u8]) -> Answer {
        let sig = signature::sign(&SecretString::from(SECRET), body);
        let mut attempts = 0;
        loop {
            let answer = self
                .post(
                    &[
                        ("x-github-event", event),
                        ("x-github-delivery", delivery),
                        ("x-hub-signature-256", &sig),
                    ],
                    body.to_vec(),
                )
                .await;
            attempts += 1;
            if answer.status != 503 || attempts >= 5 {
                return answer;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    /// Posts to the webhook route with exactly these headers.
    pub async fn post(&self, headers: &[(&str, &str)], body: Vec<u8>) -> Answer {
        let mut request = self
            .client
            .post(self.url("/api/github/webhooks"))
            .header("content-type", "application/json")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request reaches the server");
        let status = response.status().as_u16();
        let text = response.text().await.expect("response body");
        let body = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        Answer { status, body }
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the server");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    pub async fn stop(mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await.expect("clean stop");
        }
    }
}

/// Polls `check` until it returns true, failing the test after `timeout`.
/// Runs the binary with only `envs` (and `PATH`) in its environment, in a new empty
/// directory (no stray `.env`): its exit code, stdout and stderr.
pub fn run_coordinator(envs: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().expect("dir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_coordinator"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(envs.iter().copied())
        .current_dir(dir.path())
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

pub async fn eventually<F, Fut>(what: &str, timeout: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if check().await {
            return;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out after {timeout:?} waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// How many jobs are in `state`.
pub async fn count_jobs(store: &Arc<dyn Store>, state: JobState) -> i64 {
    store
        .job_counts()
        .await
        .expect("job counts")
        .into_iter()
        .find(|(s, _)| *s == state)
        .map_or(0, |(_, n)| n)
}

/// Waits until no job is queued, running or waiting for a retry, and fails the test when a job
/// ended dead on the way: a dead job is a failure, not an idle queue. Tests that expect dead
/// jobs use [`wait_settled`].
pub async fn wait_idle(store: &Arc<dyn Store>, timeout: Duration) {
    wait_settled(store, timeout).await;
    let dead = store
        .jobs(Some(JobState::Dead), 20)
        .await
        .expect("dead jobs");
    assert!(
        dead.is_empty(),
        "jobs ended dead: {:?}",
        dead.iter()
            .map(|j| format!(
                "{} #{}: {}",
                j.kind,
                j.id,
                j.last_error.as_deref().unwrap_or("")
            ))
            .collect::<Vec<_>>()
    );
}

/// Waits until no job is queued, running or waiting for a retry (read in one query: counts
/// read one by one could each miss a job moving between states); dead jobs are allowed.
pub async fn wait_settled(store: &Arc<dyn Store>, timeout: Duration) {
    eventually("the queue to drain", timeout, || async {
        store
            .job_counts()
            .await
            .expect("job counts")
            .iter()
            .all(|(state, n)| {
                *n == 0
                    || !matches!(
                        state,
                        JobState::Queued | JobState::Running | JobState::Failed
                    )
            })
    })
    .await;
}

#[allow(unused_imports)]
pub use store::now_ms;
