//! A `serve` process killed with SIGKILL in the middle of a burst, then started again on the
//! same database: every delivery it answered 2xx is processed, every `/coordinate` ends in
//! exactly one prompt comment, and the interrupted work resumes within a minute of the
//! restart (the leases a dead process holds are short and renewed, not five minutes long).

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use coordinator::store::{JobState, SyncState, ThreadState};

use common::bot::{INSTALLATION, MAINTAINER, REPO, comment_event};
use common::corpus::{seed_standin, write_to_store};
use common::github::{BOT_LOGIN, StandIn};
use common::*;

/// A free loopback port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// `coordinator serve` as the App on the stand-in, on `database_url`.
fn spawn_serve(database_url: &str, standin: &StandIn, port: u16) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coordinator"));
    cmd.arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", database_url)
        .env("WEBHOOK_SECRET", SECRET)
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("WORKER_CONCURRENCY", "4")
        .env("SYNC_INTERVAL_HOURS", "0")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (key, value) in standin.env() {
        cmd.env(key, value);
    }
    cmd.spawn().expect("serve starts")
}

/// Waits until the server answers `/healthz`.
async fn wait_healthy(port: u16) {
    let client = reqwest::Client::new();
    eventually("serve to answer /healthz", Duration::from_secs(30), || {
        let client = client.clone();
        async move {
            client
                .get(format!("http://127.0.0.1:{port}/healthz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        }
    })
    .await;
}

/// Posts a signed delivery; the status, or `None` when the server is gone.
async fn post(
    client: &reqwest::Client,
    port: u16,
    event: &str,
    id: &str,
    body: &[u8],
) -> Option<u16> {
    let response = client
        .post(format!("http://127.0.0.1:{port}/api/github/webhooks"))
        .header("content-type", "application/json")
        .header("x-github-event", event)
        .header("x-github-delivery", id)
        .header(
            "x-hub-signature-256",
            coordinator::github::signature::sign(&secrecy::SecretString::from(SECRET), body),
        )
        .body(body.to_vec())
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .ok()?;
    Some(response.status().as_u16())
}

/// The open issues of the corpus a burst coordinates.
fn coordinated_issues(n: usize) -> Vec<i64> {
    common::corpus::corpus()
        .docs
        .iter()
        .filter(|d| !d.thread.is_pull_request && d.thread.state == ThreadState::Open)
        .map(|d| d.thread.number)
        .take(n)
        .collect()
}

both_backends!(
    a_killed_server_resumes_the_burst_once_its_leases_lapse,
    |db: TestDb| async move {
        let store = db.store().await;
        write_to_store(store.as_ref()).await;
        store
            .put_sync_state(&SyncState {
                repo: REPO.into(),
                display_name: REPO.into(),
                default_branch: Some("main".into()),
                threads_since: Some(0),
                comments_since: Some(0),
                ..SyncState::default()
            })
            .await
            .expect("sync state");
        let standin = StandIn::start().await;
        standin.add_repo(REPO, INSTALLATION as u64);
        standin.set_permission(REPO, MAINTAINER, "maintain");
        seed_standin(&standin, REPO);
        // Slow enough that the kill lands while prompts are being published.
        standin.set_latency(Duration::from_millis(30));
        let url = db.process_url();
        let port = free_port();
        let mut first = spawn_serve(&url, &standin, port);
        wait_healthy(port).await;

        let issues = coordinated_issues(8);
        let client = reqwest::Client::new();
        let mut answered = Vec::new();
        let mut comment_id = 9_000_000;
        for (i, number) in issues.iter().enumerate() {
            comment_id += 1;
            let body = comment_event(*number, comment_id, MAINTAINER, "created", "/coordinate");
            standin.add_comment_with_id(
                REPO,
                *number as u64,
                comment_id as u64,
                MAINTAINER,
                "/coordinate",
            );
            let id = format!("burst-coordinate-{i}");
            if let Some(status) = post(&client, port, "issue_comment", &id, &body).await {
                assert!(status == 202, "{id}: {status}");
                answered.push(id);
            }
        }
        // Wait until publishing is under way, then kill the process without warning.
        eventually(
            "the first prompt comment",
            Duration::from_secs(60),
            || async {
                issues.iter().any(|n| {
                    standin
                        .comments_on(REPO, *n as u64)
                        .iter()
                        .any(|c| c.user == BOT_LOGIN)
                })
            },
        )
        .await;
        first.kill().expect("SIGKILL");
        let _ = first.wait();
        let published_before = issues
            .iter()
            .filter(|n| {
                standin
                    .comments_on(REPO, **n as u64)
                    .iter()
                    .any(|c| c.user == BOT_LOGIN && c.body.contains("coordinator:prompt"))
            })
            .count();
        assert!(
            published_before < issues.len(),
            "the kill came too late to interrupt anything ({published_before} of {} published)",
            issues.len()
        );

        let restarted = Instant::now();
        let mut second = spawn_serve(&url, &standin, port);
        wait_healthy(port).await;
        let prompts = |n: i64| {
            standin
                .comments_on(REPO, n as u64)
                .into_iter()
                .filter(|c| c.user == BOT_LOGIN && c.body.contains("coordinator:prompt"))
                .count()
        };
        eventually(
            "every /coordinate to be published",
            // A ceiling, not a speed test: the leases (30 s) lapse first, and a busy
            // two-core machine can take a while after that.
            Duration::from_secs(240),
            || async { issues.iter().all(|n| prompts(*n) >= 1) },
        )
        .await;
        wait_idle(&store, Duration::from_secs(240)).await;
        let took = restarted.elapsed();
        let _ = second.kill();
        let _ = second.wait();

        // How long it took is for the reader, not an assertion: timing belongs in benchmarks.
        eprintln!("the interrupted work resumed and finished {took:?} after the restart");
        for n in &issues {
            assert_eq!(prompts(*n), 1, "#{n} has exactly one prompt comment");
            let replies: Vec<_> = standin
                .comments_on(REPO, *n as u64)
                .into_iter()
                .filter(|c| c.user == BOT_LOGIN && c.body.contains("coordinator:reply"))
                .collect();
            assert!(replies.is_empty(), "#{n}: no failure reply: {replies:?}");
        }
        for id in &answered {
            let delivery = store.delivery(id).await.expect("read").expect("stored");
            assert!(delivery.processed_at.is_some(), "{id} was processed");
        }
        assert_eq!(count_jobs(&store, JobState::Dead).await, 0, "no dead job");
        let webhook_jobs = store
            .jobs(None, 1000)
            .await
            .expect("jobs")
            .into_iter()
            .filter(|j| j.kind == "webhook")
            .collect::<Vec<_>>();
        assert_eq!(
            webhook_jobs.len(),
            answered.len(),
            "one job per answered delivery"
        );
        assert!(webhook_jobs.iter().all(|j| j.state == JobState::Done));
    }
);
