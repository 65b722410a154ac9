//! `/coordinate` latency: from the delivery's 202 to the prompt comment posted on GitHub, with
//! the stand-in GitHub adding 50 ms to every call, over a warm mirror (the evaluation corpus);
//! and the analysis alone (context assembly and rendering).
//!
//! `cargo bench --bench coordinate`. `BENCH_LATENCY_MS` changes the added latency.

#[allow(dead_code, clippy::all)]
#[path = "../tests/common/github/mod.rs"]
mod github;

#[allow(dead_code, clippy::all)]
#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::sync::Arc;
use std::time::{Duration, Instant};

use coordinator::app::{self, Mode, ServeConfig};
use coordinator::bot::{self, Bot};
use coordinator::config::repo::RepoConfig;
use coordinator::github::client::{Credentials, GitHub, GitHubSettings, RetrySettings};
use coordinator::github::signature;
use coordinator::jobs::WorkerConfig;
use coordinator::metrics::Metrics;
use coordinator::prompt::render::Templates;
use coordinator::prompt::{PromptRequest, assemble};
use coordinator::store::{RepoName, SqliteStore, Store, SyncState, ThreadState};
use github::StandIn;
use secrecy::SecretString;
use serde_json::json;
use tokio_util::sync::CancellationToken;

const REPO: &str = "acme/tensorpack";
const SECRET: &str = "bench";

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let i = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
    samples[i].as_secs_f64() * 1e3
}

fn main() -> anyhow::Result<()> {
    let latency_ms: u64 = std::env::var("BENCH_LATENCY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        let store: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url).await?);
        corpus::write_to_store(store.as_ref()).await;
        store
            .put_sync_state(&SyncState {
                repo: REPO.into(),
                display_name: REPO.into(),
                default_branch: Some("main".into()),
                threads_since: Some(0),
                comments_since: Some(0),
                ..SyncState::default()
            })
            .await?;
        let repo = RepoName::parse(REPO).map_err(anyhow::Error::msg)?;

        // The analysis alone, on the index the bot keeps.
        let index = coordinator::mirror::index::load_index(
            store.as_ref(),
            &repo,
            coordinator::analysis::IndexOptions::default(),
        )
        .await?;
        let templates = Templates::embedded().map_err(anyhow::Error::msg)?;
        let config = RepoConfig::default();
        let open: Vec<i64> = corpus::corpus()
            .docs
            .iter()
            .filter(|d| d.thread.state == ThreadState::Open && !d.thread.is_pull_request)
            .map(|d| d.thread.number)
            .collect();
        let mut analysis = Vec::new();
        for &number in open.iter().cycle().take(300) {
            let started = Instant::now();
            let cross = coordinator::mirror::cross_references(store.as_ref(), &repo, number).await?;
            let gathered =
                coordinator::prompt::gather(store.as_ref(), &index, &repo, number).await?;
            let assembled = assemble(
                &index,
                &PromptRequest {
                    repo: &repo,
                    number,
                    config: &config,
                    cross_references: &cross,
                    default_branch: "main",
                    now: coordinator::store::now_ms(),
                    code: Default::default(),
                },
                &gathered,
            )?;
            let _ = coordinator::publish::plan(
                &templates,
                &assembled,
                config.output,
                false,
                number,
                &config.launch,
            )
            .map_err(anyhow::Error::msg)?;
            analysis.push(started.elapsed());
        }

        // The whole path, through the server, the worker and the stand-in.
        let standin = StandIn::start().await;
        standin.add_repo(REPO, 77);
        standin.set_permission(REPO, "maint-ana", "maintain");
        corpus::seed_standin(&standin, REPO);
        let gh = GitHub::new(
            GitHubSettings {
                api_url: standin.url.clone(),
                credentials: Credentials::App {
                    app_id: StandIn::app_id(),
                    private_key: SecretString::from(StandIn::app_private_key_pem()),
                },
                retry: RetrySettings::default(),
            },
            Arc::new(Metrics::default()),
        )?;
        let bot = Arc::new(Bot::new(store.clone(), Some(gh), None, false, 5)?);
        let running = app::start(
            ServeConfig {
                listen: "127.0.0.1:0".parse()?,
                webhook_path: "/api/github/webhooks".into(),
                secrets: vec![SecretString::from(SECRET)],
                database: "bench".into(),
                mode: Mode::App { app_id: 4242 },
                worker: WorkerConfig::default(),
                max_attempts: 5,
                run_worker: true,
            },
            store.clone(),
            bot::handlers(bot),
            Arc::new(Metrics::default()),
            CancellationToken::new(),
        )
        .await?;
        standin.set_latency(Duration::from_millis(latency_ms));
        let client = reqwest::Client::new();
        let webhook = format!("http://{}/api/github/webhooks", running.addr);
        let fixture = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/fixtures/github-webhooks/issue_comment/created.payload.json"),
        )?;
        let mut end_to_end = Vec::new();
        let mut calls = Vec::new();
        // The first /coordinate builds the index and fills the caches: not counted.
        for (i, &number) in open.iter().take(31).enumerate() {
            let comment_id = 90_000_000 + i as u64;
            standin.add_comment_with_id(REPO, number as u64, comment_id, "maint-ana", "/coordinate");
            let mut p: serde_json::Value = serde_json::from_slice(&fixture)?;
            p["repository"]["name"] = "tensorpack".into();
            p["repository"]["full_name"] = REPO.into();
            p["repository"]["owner"]["login"] = "acme".into();
            p["installation"] = json!({ "id": 77 });
            p["issue"]["number"] = number.into();
            p["issue"]["comments"] = 50.into();
            p["comment"]["id"] = comment_id.into();
            p["comment"]["body"] = "/coordinate".into();
            p["comment"]["user"] = json!({ "login": "maint-ana", "type": "User" });
            p["sender"] = json!({ "login": "maint-ana", "type": "User" });
            let body = serde_json::to_vec(&p)?;
            let before = standin.call_count();
            let response = client
                .post(&webhook)
                .header("x-github-event", "issue_comment")
                .header("x-github-delivery", format!("bench-{i}"))
                .header("x-hub-signature-256", signature::sign(&SecretString::from(SECRET), &body))
                .body(body)
                .send()
                .await?;
            anyhow::ensure!(response.status() == 202, "delivery answered {}", response.status());
            let accepted = Instant::now();
            // Posted: the rocket reaction follows the last write of the prompt comment.
            let posted = loop {
                let done = standin.calls().into_iter().skip(before).find(|c| {
                    c.method == "POST"
                        && c.path.ends_with("/reactions")
                        && c.body.contains("rocket")
                });
                if let Some(call) = done {
                    break call.at;
                }
                anyhow::ensure!(accepted.elapsed() < Duration::from_secs(30), "no prompt posted");
                tokio::time::sleep(Duration::from_millis(2)).await;
            };
            // The comment was written one call before the rocket.
            let written = standin
                .calls()
                .into_iter()
                .skip(before)
                .filter(|c| c.method == "PATCH" && c.path.contains("/issues/comments/"))
                .map(|c| c.at)
                .max()
                .unwrap_or(posted);
            if i > 0 {
                end_to_end.push(written.duration_since(accepted));
                calls.push(standin.call_count() - before);
            }
        }
        running.stop().await?;
        let n = end_to_end.len();
        println!("| measure | p50 ms | p99 ms | max ms |");
        println!("|---|---|---|---|");
        let max = analysis.iter().max().copied().unwrap_or_default();
        println!(
            "| analysis: context assembly, triage, related, rendering and size planning (300 runs) | {:.1} | {:.1} | {:.1} |",
            percentile(&mut analysis, 0.5),
            percentile(&mut analysis, 0.99),
            max.as_secs_f64() * 1e3
        );
        let max = end_to_end.iter().max().copied().unwrap_or_default();
        println!(
            "| 202 to the prompt comment posted, {latency_ms} ms added to every GitHub call ({n} issues) | {:.0} | {:.0} | {:.0} |",
            percentile(&mut end_to_end, 0.5),
            percentile(&mut end_to_end, 0.99),
            max.as_secs_f64() * 1e3
        );
        calls.sort();
        println!(
            "\nGitHub calls per /coordinate: {}..{} (median {})",
            calls.first().unwrap_or(&0),
            calls.last().unwrap_or(&0),
            calls.get(calls.len() / 2).unwrap_or(&0)
        );
        anyhow::Ok(())
    })
}
