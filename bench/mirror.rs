//! Mirror benchmark: a full sync of 20,000 threads and 100,000 comments from the stand-in
//! GitHub (time, API calls, database size), the store's write throughput, and the latency of
//! `list`, `search` and `show` on that mirror.
//!
//! `cargo bench --bench mirror` (both databases), or `-- sqlite` / `-- postgres`.
//! `BENCH_THREADS` and `BENCH_COMMENTS` change the size.

#[allow(dead_code, clippy::all)]
#[path = "../tests/common/github/mod.rs"]
mod github;

use std::sync::Arc;
use std::time::{Duration, Instant};

use coordinator::github::client::{Credentials, GitHub, GitHubSettings, RetrySettings};
use coordinator::metrics::Metrics;
use coordinator::mirror::sync::{Quiet, SyncOptions, sync_repo};
use coordinator::store::{
    Comment, CommentWrite, ListQuery, ListSort, PgStore, Reactions, RepoName, SearchQuery,
    SqliteStore, Store, ThreadState,
};
use github::{StandIn, ThreadSpec, TokenKind};
use secrecy::SecretString;

const REPO: &str = "bench/tracker";
const TOKEN: &str = "ghp_bench";

const WORDS: [&str; 48] = [
    "crash",
    "tensor",
    "cuda",
    "kernel",
    "optimizer",
    "memory",
    "illegal",
    "access",
    "loading",
    "checkpoint",
    "quantize",
    "dtype",
    "float16",
    "bfloat16",
    "gradient",
    "backward",
    "forward",
    "segfault",
    "windows",
    "linux",
    "macos",
    "install",
    "wheel",
    "compile",
    "linker",
    "symbol",
    "undefined",
    "shape",
    "mismatch",
    "device",
    "gpu",
    "cpu",
    "batch",
    "slow",
    "performance",
    "regression",
    "docs",
    "typo",
    "error",
    "warning",
    "deprecated",
    "version",
    "upgrade",
    "python",
    "pytorch",
    "matmul",
    "blockwise",
    "adam",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }

    fn unit(&mut self) -> f64 {
        self.next(1 << 30) as f64 / (1u64 << 30) as f64
    }

    /// Words drawn with Zipf's law from a vocabulary of a few thousand, as natural text is:
    /// a few words everywhere, most words rare.
    fn sentence(&mut self, words: usize) -> String {
        let vocab = vocabulary();
        (0..words)
            .map(|_| {
                let u = self.unit();
                let rank = vocab
                    .cdf
                    .partition_point(|&c| c < u)
                    .min(vocab.words.len() - 1);
                vocab.words[rank].as_str()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

struct Vocabulary {
    words: Vec<String>,
    cdf: Vec<f64>,
}

fn vocabulary() -> &'static Vocabulary {
    static VOCAB: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    VOCAB.get_or_init(|| {
        const SYLLABLES: [&str; 24] = [
            "ka", "to", "ri", "men", "sol", "va", "dex", "lo", "pra", "ne", "zu", "ti", "gra",
            "mo", "sen", "quo", "ba", "lin", "fe", "dra", "ho", "xi", "ur", "pel",
        ];
        let mut words: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
        let mut rng = Lcg(1);
        while words.len() < 5_000 {
            let n = 2 + rng.next(3) as usize;
            let word: String = (0..n)
                .map(|_| SYLLABLES[rng.next(SYLLABLES.len() as u64) as usize])
                .collect();
            words.push(word);
        }
        // Shuffle the domain words into the middle ranks: common enough to search for.
        for (i, w) in WORDS.iter().enumerate() {
            words.swap(i, 30 + i * 7);
            let _ = w;
        }
        let weights: Vec<f64> = (1..=words.len()).map(|r| 1.0 / r as f64).collect();
        let total: f64 = weights.iter().sum();
        let mut acc = 0.0;
        let cdf = weights
            .iter()
            .map(|w| {
                acc += w / total;
                acc
            })
            .collect();
        Vocabulary { words, cdf }
    })
}

fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |p: f64| {
        let i = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
        samples[i].as_secs_f64() * 1e3
    };
    (at(0.5), at(0.99))
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let want = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    let threads = env_or("BENCH_THREADS", 20_000);
    let comments = env_or("BENCH_COMMENTS", 100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let standin = StandIn::start().await;
        standin.add_repo(REPO, 1);
        standin.add_token(TOKEN, "bench", TokenKind::Personal);
        let seeded = Instant::now();
        let mut rng = Lcg(7);
        for n in 1..=threads {
            let words = 20 + rng.next(200) as usize;
            let mut spec = ThreadSpec::issue(n, &rng.sentence(6)).body(&rng.sentence(words));
            if n % 4 == 0 {
                spec = spec.labels(&["bug"]);
            }
            if n % 3 == 0 {
                spec = spec.closed();
            }
            standin.upsert_thread(REPO, spec);
        }
        for i in 0..comments {
            let words = 10 + rng.next(80) as usize;
            let number = 1 + rng.next(threads);
            standin.add_comment(REPO, number, &format!("user{}", i % 500), &rng.sentence(words));
        }
        println!(
            "stand-in seeded with {threads} threads and {comments} comments in {:.1} s",
            seeded.elapsed().as_secs_f64()
        );
        println!();
        println!("| database | full sync | API calls | budget | threads/s | comments/s | database size |");
        println!("|---|---|---|---|---|---|---|");
        let mut stores: Vec<(&str, Arc<dyn Store>, Option<String>)> = Vec::new();
        let dir = tempfile::tempdir()?;
        let sqlite_path = dir.path().join("mirror.db");
        if want("sqlite") {
            let url = format!("sqlite://{}", sqlite_path.display());
            stores.push(("SQLite", Arc::new(SqliteStore::connect(&url).await?), None));
        }
        let pg_url = std::env::var("TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
        let schema = format!("bench_{}", uuid::Uuid::new_v4().simple());
        if want("postgres") {
            stores.push((
                "Postgres",
                Arc::new(PgStore::connect_in_schema(&pg_url, Some(&schema)).await?),
                Some(schema.clone()),
            ));
        }
        let repo = RepoName::parse(REPO).map_err(anyhow::Error::msg)?;
        let budget = threads.div_ceil(100) + comments.div_ceil(100) + 5;
        let mut latency_rows = Vec::new();
        let mut write_rows = Vec::new();
        for (name, store, schema) in &stores {
            let gh = GitHub::new(
                GitHubSettings {
                    api_url: standin.url.clone(),
                    credentials: Credentials::Token(SecretString::from(TOKEN)),
                    retry: RetrySettings::default(),
                },
                Arc::new(Metrics::default()),
            )?;
            let client = gh.for_repo(&repo, None).await?;
            standin.reset_calls();
            let started = Instant::now();
            let report = sync_repo(store.as_ref(), &client, &repo, SyncOptions { full: true }, &Quiet).await?;
            let seconds = started.elapsed().as_secs_f64();
            let size = match schema {
                None => {
                    let size = |suffix: &str| {
                        std::fs::metadata(format!("{}{suffix}", sqlite_path.display()))
                            .map(|m| m.len())
                            .unwrap_or(0)
                    };
                    eprintln!("SQLite file {} bytes, write-ahead log {} bytes", size(""), size("-wal"));
                    size("") + size("-wal")
                }
                Some(schema) => {
                    let pool = sqlx::PgPool::connect(&pg_url).await?;
                    let size: i64 = sqlx::query_scalar(
                        "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::BIGINT FROM pg_class c \
                         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
                    )
                    .bind(schema)
                    .fetch_one(&pool)
                    .await?;
                    size as u64
                }
            };
            println!(
                "| {name} | {seconds:.1} s | {} | {budget} | {:.0} | {:.0} | {:.0} MB |",
                standin.call_count(),
                report.threads as f64 / seconds,
                report.comments as f64 / seconds,
                size as f64 / 1e6
            );

            // The store alone: 100,000 comments written in pages of 100, as a sync writes them.
            let key = repo.key();
            let mut rng = Lcg(99);
            let pages: Vec<Vec<CommentWrite>> = (0..1000)
                .map(|p| {
                    (0..100)
                        .map(|i| {
                            let id = 10_000_000 + p * 100 + i;
                            CommentWrite {
                                comment: Comment {
                                    repo: key.clone(),
                                    id,
                                    number: 1 + (id % threads as i64),
                                    user: Some("writer".into()),
                                    author_association: Some("NONE".into()),
                                    body: rng.sentence(40),
                                    reactions: Reactions::default(),
                                    created_at: 1_700_000_000_000 + id,
                                    updated_at: 1_700_000_000_000 + id,
                                    html_url: None,
                                },
                                refs: vec![],
                            }
                        })
                        .collect()
                })
                .collect();
            let started = Instant::now();
            for page in &pages {
                store.write_mirror(&key, &[], page, None, 1).await?;
            }
            let seconds = started.elapsed().as_secs_f64();
            write_rows.push(format!(
                "| {name} | 100,000 comments in pages of 100 | {seconds:.1} s | {:.0} comments/s |",
                100_000.0 / seconds
            ));

            // Query latencies.
            let mut list = Vec::new();
            for i in 0..200 {
                let q = ListQuery {
                    state: if i % 2 == 0 { Some(ThreadState::Open) } else { None },
                    labels: if i % 3 == 0 { vec!["bug".into()] } else { vec![] },
                    unlabeled: false,
                    sort: [ListSort::Created, ListSort::Updated, ListSort::Comments, ListSort::Reactions][i % 4],
                    limit: 30,
                };
                let t = Instant::now();
                store.list_threads(&key, &q).await?;
                list.push(t.elapsed());
            }
            let queries = [
                "crash", "cuda kernel", "\"illegal memory\"", "optimizer adam checkpoint",
                "linker undefined symbol", "windows install wheel", "bfloat16", "slow performance regression",
            ];
            let mut search = Vec::new();
            for i in 0..200 {
                let q = SearchQuery::parse(queries[i % queries.len()]);
                let t = Instant::now();
                store.search_threads(&key, &q, None, 20).await?;
                search.push(t.elapsed());
            }
            let mut show = Vec::new();
            let mut rng = Lcg(5);
            for _ in 0..200 {
                let n = 1 + rng.next(threads) as i64;
                let t = Instant::now();
                store.thread(&key, n).await?;
                store.comments_of(&key, n).await?;
                let refs = store.refs_touching(&key, n).await?;
                let others: Vec<i64> = refs.iter().map(|r| if r.source == n { r.target } else { r.source }).collect();
                store.threads_by_number(&key, &others).await?;
                show.push(t.elapsed());
            }
            for (what, samples) in [("list", list), ("search", search), ("show", show)] {
                let (p50, p99) = percentiles(samples);
                latency_rows.push(format!("| {name} | {what} | {p50:.2} | {p99:.2} |"));
            }
        }
        println!();
        println!("| database | write | time | throughput |");
        println!("|---|---|---|---|");
        for row in write_rows {
            println!("{row}");
        }
        println!();
        println!("| database | query | p50 ms | p99 ms |");
        println!("|---|---|---|---|");
        for row in latency_rows {
            println!("{row}");
        }
        if want("postgres") {
            let pool = sqlx::PgPool::connect(&pg_url).await?;
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                .execute(&pool)
                .await?;
        }
        anyhow::Ok(())
    })
}
