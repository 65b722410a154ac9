//! Webhook intake benchmark: drives `serve` over loopback with signed deliveries, each with its
//! own delivery ID, and reports durable deliveries per second and the latency of the 202.
//!
//! `cargo bench --bench intake` (both databases), or with `-- sqlite` / `-- postgres`.
//! Postgres is at `TEST_POSTGRES_URL` (default postgres://postgres@127.0.0.1:5432/test).
//! `BENCH_SECONDS` sets each phase's length (default 10).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use coordinator::app::{self, Mode, ServeConfig};
use coordinator::github::signature;
use coordinator::jobs::WorkerConfig;
use coordinator::metrics::Metrics;
use coordinator::store::{JobState, PgStore, SqliteStore, Store};
use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

const SECRET: &str = "bench-secret";

struct Phase {
    name: String,
    sent: usize,
    ok: usize,
    seconds: f64,
    latencies: Vec<Duration>,
}

impl Phase {
    fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[i]
    }

    fn row(&self, db: &str) -> String {
        format!(
            "| {db} | {} | {} | {} | {:.0} | {:.2} | {:.2} | {:.2} |",
            self.name,
            self.sent,
            self.ok,
            self.ok as f64 / self.seconds,
            self.percentile(0.50).as_secs_f64() * 1e3,
            self.percentile(0.99).as_secs_f64() * 1e3,
            self.percentile(1.0).as_secs_f64() * 1e3,
        )
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let seconds: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let want = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    let body = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/fixtures/github-webhooks/issue_comment/created.payload.json"),
    )?;
    println!(
        "payload: issue_comment created, {} bytes; {} s per phase; {} CPUs",
        body.len(),
        seconds,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| database | phase | sent | 2xx | deliveries/s | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|---|---|");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    if want("sqlite") {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        let store: Arc<dyn Store> = runtime.block_on(async {
            SqliteStore::connect(&url)
                .await
                .map(|s| Arc::new(s) as Arc<dyn Store>)
        })?;
        for phase in runtime.block_on(run(store, &body, seconds))? {
            println!("{}", phase.row("SQLite (WAL, synchronous=FULL)"));
        }
    }
    if want("postgres") {
        let url = std::env::var("TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
        let schema = format!("bench_{}", uuid::Uuid::new_v4().simple());
        let store: Arc<dyn Store> = runtime.block_on(async {
            PgStore::connect_in_schema(&url, Some(&schema))
                .await
                .map(|s| Arc::new(s) as Arc<dyn Store>)
        })?;
        let phases = runtime.block_on(run(store.clone(), &body, seconds));
        runtime.block_on(async {
            if let Ok(pool) = sqlx::PgPool::connect(&url).await {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                    .execute(&pool)
                    .await;
            }
        });
        for phase in phases? {
            println!("{}", phase.row("Postgres 15"));
        }
    }
    Ok(())
}

async fn run(store: Arc<dyn Store>, body: &[u8], seconds: u64) -> anyhow::Result<Vec<Phase>> {
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse()?,
        webhook_path: "/api/github/webhooks".to_string(),
        secrets: vec![SecretString::from(SECRET)],
        database: "bench".to_string(),
        mode: Mode::DryRun { forced: false },
        worker: WorkerConfig::default(),
        max_attempts: 8,
        run_worker: std::env::var("BENCH_WORKER").map_or(true, |v| v != "0"),
    };
    let running = app::start(
        config,
        store.clone(),
        coordinator::bot::handlers(coordinator::bot::Bot::offline(store.clone())),
        Arc::new(Metrics::default()),
        CancellationToken::new(),
    )
    .await?;
    let sig = signature::sign(&SecretString::from(SECRET), body);
    let head = format!(
        "POST /api/github/webhooks HTTP/1.1\r\nhost: bench\r\ncontent-type: application/json\r\n\
         user-agent: GitHub-Hookshot/bench\r\nx-github-event: issue_comment\r\n\
         x-hub-signature-256: {sig}\r\ncontent-length: {}\r\n",
        body.len()
    );
    let target = Target {
        addr: running.addr,
        head,
        body: bytes::Bytes::copy_from_slice(body),
        counter: Arc::new(AtomicU64::new(0)),
        idle: std::sync::Mutex::new(Vec::new()),
    };

    // Warm-up: connections and caches.
    closed_loop(&target, 32, Duration::from_secs(1), "warm-up").await;
    let mut phases = vec![
        closed_loop(
            &target,
            64,
            Duration::from_secs(seconds),
            "max throughput, 64 connections",
        )
        .await,
    ];
    phases.push(open_loop(&target, 5_000, Duration::from_secs(seconds)).await);

    // Every 2xx was durable: its delivery row is there.
    let stored = target.counter.load(Ordering::Relaxed);
    let queued = store
        .job_counts()
        .await?
        .iter()
        .map(|(_, n)| *n)
        .sum::<i64>();
    eprintln!(
        "sent {stored} deliveries; jobs in the database: {queued}; done so far: {}",
        store
            .job_counts()
            .await?
            .iter()
            .find(|(s, _)| *s == JobState::Done)
            .map_or(0, |(_, n)| *n)
    );
    running.stop().await?;
    Ok(phases)
}

/// A minimal HTTP/1.1 keep-alive client, so that the load generator, which shares the
/// machine's two cores with the server, costs as little as it can (as wrk would).
struct Target {
    addr: std::net::SocketAddr,
    head: String,
    body: bytes::Bytes,
    counter: Arc<AtomicU64>,
    idle: std::sync::Mutex<Vec<tokio::net::TcpStream>>,
}

impl Target {
    async fn send(&self) -> bool {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let stream = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut stream = match stream {
            Some(stream) => stream,
            None => match tokio::net::TcpStream::connect(self.addr).await {
                Ok(stream) => {
                    let _ = stream.set_nodelay(true);
                    stream
                }
                Err(_) => return false,
            },
        };
        match self.exchange(&mut stream, n).await {
            Ok(ok) => {
                if let Ok(mut idle) = self.idle.lock() {
                    idle.push(stream);
                }
                ok
            }
            Err(_) => false,
        }
    }

    async fn exchange(&self, stream: &mut tokio::net::TcpStream, n: u64) -> std::io::Result<bool> {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let mut request = Vec::with_capacity(self.head.len() + 64 + self.body.len());
        request.extend_from_slice(self.head.as_bytes());
        request.extend_from_slice(format!("x-github-delivery: bench-{n:012}\r\n\r\n").as_bytes());
        request.extend_from_slice(&self.body);
        stream.write_all(&request).await?;
        // Read the head, then the body by its Content-Length.
        let mut buf = Vec::with_capacity(512);
        let mut chunk = [0u8; 512];
        let head_end = loop {
            let read = stream.read(&mut chunk).await?;
            if read == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            buf.extend_from_slice(&chunk[..read]);
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while buf.len() < head_end + length {
            let read = stream.read(&mut chunk).await?;
            if read == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            buf.extend_from_slice(&chunk[..read]);
        }
        Ok(head.starts_with("http/1.1 2"))
    }
}

/// `connections` clients each sending as fast as the answers come.
async fn closed_loop(target: &Target, connections: usize, length: Duration, name: &str) -> Phase {
    let start = Instant::now();
    let deadline = start + length;
    let results = futures::future::join_all((0..connections).map(|_| async {
        let mut latencies = Vec::new();
        let mut ok = 0;
        while Instant::now() < deadline {
            let sent = Instant::now();
            if target.send().await {
                ok += 1;
            }
            latencies.push(sent.elapsed());
        }
        (ok, latencies)
    }))
    .await;
    let seconds = start.elapsed().as_secs_f64();
    let mut phase = Phase {
        name: name.to_string(),
        sent: 0,
        ok: 0,
        seconds,
        latencies: Vec::new(),
    };
    for (ok, latencies) in results {
        phase.ok += ok;
        phase.sent += latencies.len();
        phase.latencies.extend(latencies);
    }
    phase
}

/// Deliveries sent at a fixed `rate` per second whatever the answers do; latency counts from
/// the moment each was due, so a stall shows in the percentiles.
async fn open_loop(target: &Target, rate: u64, length: Duration) -> Phase {
    let interval = Duration::from_secs_f64(1.0 / rate as f64);
    let total = (rate as f64 * length.as_secs_f64()) as usize;
    let start = Instant::now();
    let mut tasks = futures::stream::FuturesUnordered::new();
    let mut latencies = Vec::with_capacity(total);
    let mut ok = 0;
    use futures::StreamExt as _;
    for i in 0..total {
        let due = start + interval * i as u32;
        // Collect answers while waiting for the next send time.
        loop {
            let now = Instant::now();
            if now >= due {
                break;
            }
            tokio::select! {
                Some((good, latency)) = tasks.next(), if !tasks.is_empty() => {
                    ok += usize::from(good);
                    latencies.push(latency);
                }
                _ = tokio::time::sleep_until((due).into()) => break,
            }
        }
        tasks.push(async move {
            let good = target.send().await;
            (good, due.elapsed())
        });
    }
    while let Some((good, latency)) = tasks.next().await {
        ok += usize::from(good);
        latencies.push(latency);
    }
    let seconds = start.elapsed().as_secs_f64();
    Phase {
        name: format!("fixed rate {rate}/s"),
        sent: total,
        ok,
        seconds,
        latencies,
    }
}
