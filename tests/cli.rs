//! The binary itself: `serve` start-up and signals, `deliver`, exit statuses and error lines.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

/// The binary with a clean environment, run in an empty directory (no stray `.env`).
fn coordinator(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coordinator"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LOG_FORMAT", "json")
        .current_dir(dir);
    cmd
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deliver_signs_and_posts_a_fixture() {
    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    let server = TestServer::start(store.clone(), ServerOptions::default()).await;
    let dir = tempfile::tempdir().expect("dir");
    let payload = fixtures_dir().join("issues/opened.payload.json");
    let output = coordinator(dir.path())
        .args([
            "deliver",
            "--event",
            "issues",
            "--delivery-id",
            "cli-1",
            "--url",
        ])
        .arg(server.url("/api/github/webhooks"))
        .arg("--payload")
        .arg(&payload)
        .env("WEBHOOK_SECRET", SECRET)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stdout: {stdout} stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.starts_with("202 Accepted (delivery cli-1)"),
        "{stdout}"
    );
    assert!(store.delivery("cli-1").await.expect("read").is_some());

    // The same ID again: 200, duplicate; still a success.
    let again = coordinator(dir.path())
        .args([
            "deliver",
            "--event",
            "issues",
            "--delivery-id",
            "cli-1",
            "--url",
        ])
        .arg(server.url("/api/github/webhooks"))
        .arg("--payload")
        .arg(&payload)
        .env("WEBHOOK_SECRET", SECRET)
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&again.stdout).contains("duplicate"));

    // Signed with the wrong secret: the 401 is printed and the exit status is 1.
    let wrong = coordinator(dir.path())
        .args(["deliver", "--event", "issues", "--url"])
        .arg(server.url("/api/github/webhooks"))
        .arg("--payload")
        .arg(&payload)
        .env("WEBHOOK_SECRET", "not the secret")
        .output()
        .expect("runs");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stdout).starts_with("401"));
    server.stop().await;
}

/// Arguments, environment, and what stderr must say.
type Case = (
    Vec<&'static str>,
    Vec<(&'static str, &'static str)>,
    &'static str,
);

#[test]
fn configuration_errors_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("dir");
    let cases: Vec<Case> = vec![
        (
            vec!["serve"],
            vec![("GITHUB_TOKEN", "t")],
            "WEBHOOK_SECRET is not set",
        ),
        (
            vec!["serve"],
            vec![("WEBHOOK_SECRET", "s"), ("DATABASE_URL", "mysql://x/y")],
            "is not supported",
        ),
        (
            vec!["serve"],
            vec![
                ("WEBHOOK_SECRET", "s"),
                ("DATABASE_URL", "postgres://bot:hunter2@db:port/x"),
            ],
            "is not a valid Postgres URL",
        ),
        (
            vec!["serve"],
            vec![("WEBHOOK_SECRET", "s"), ("APP_ID", "12")],
            "PRIVATE_KEY",
        ),
        (
            vec!["serve"],
            vec![
                ("WEBHOOK_SECRET", "s"),
                ("APP_ID", "12"),
                ("PRIVATE_KEY", "not a key"),
            ],
            "not an RSA key",
        ),
        (
            vec!["serve"],
            vec![("WEBHOOK_SECRET", "s"), ("LOG_FORMAT", "xml")],
            "LOG_FORMAT",
        ),
        (
            vec!["serve"],
            vec![
                ("WEBHOOK_SECRET", "s"),
                ("WORKER_CONCURRENCY", "18446744073709551615"),
            ],
            "WORKER_CONCURRENCY must be between",
        ),
        (
            vec!["serve"],
            vec![("WEBHOOK_SECRET", "s"), ("JOB_LEASE_SECS", "99999999999")],
            "JOB_LEASE_SECS must be between",
        ),
        (
            vec!["serve"],
            vec![
                ("WEBHOOK_SECRET", "s"),
                ("PAYLOAD_RETENTION_DAYS", "18446744073709551615"),
            ],
            "PAYLOAD_RETENTION_DAYS must be between",
        ),
        (
            vec![
                "deliver",
                "--event",
                "issues",
                "--payload",
                "/nonexistent.json",
            ],
            vec![("WEBHOOK_SECRET", "s")],
            "cannot read the payload",
        ),
        (vec!["no-such-command"], vec![], "unrecognized subcommand"),
    ];
    for (args, env, expected) in cases {
        let mut cmd = coordinator(dir.path());
        cmd.args(&args);
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let output = cmd.output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?} {env:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            !stderr.contains("hunter2"),
            "no password in errors: {stderr}"
        );
        if args[0] != "no-such-command" {
            assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_starts_says_how_it_runs_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().expect("dir");
    let port = free_port();
    let mut child = coordinator(dir.path())
        .arg("serve")
        .env("WEBHOOK_SECRET", SECRET)
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("GITHUB_TOKEN", "ghp_not_a_real_token")
        .env("DRY_RUN", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("serve starts");
    let client = reqwest::Client::new();
    let health = format!("http://127.0.0.1:{port}/healthz");
    eventually("serve to answer /healthz", Duration::from_secs(20), || {
        let client = client.clone();
        let health = health.clone();
        async move {
            client
                .get(&health)
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
        }
    })
    .await;
    assert!(
        dir.path().join("coordinator.db").exists(),
        "the SQLite default is created"
    );
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            break exit;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "serve did not stop on SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("stderr");
    assert!(exit.success(), "exit {exit:?}: {stderr}");
    assert!(stderr.contains("DRY RUN (DRY_RUN=1)"), "{stderr}");
    assert!(stderr.contains("sqlite://coordinator.db"), "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(stderr.contains("SIGTERM"), "{stderr}");
    assert!(
        !stderr.contains("ghp_not_a_real_token"),
        "no secret in the logs"
    );
    assert!(!stderr.contains(SECRET), "no secret in the logs");
}

/// A mirror with a few threads, written through the store as a sync would.
async fn small_mirror(db: &TestDb) {
    use coordinator::store::{
        Comment, CommentWrite, Reactions, RefKind, Thread, ThreadState, ThreadWrite,
    };
    let store = db.store().await;
    let t0 = 1_704_067_200_000;
    let thread = |number: i64, title: &str, body: &str, pr: bool, state: ThreadState| Thread {
        repo: "acme/widgets".into(),
        number,
        github_id: number,
        is_pull_request: pr,
        title: title.into(),
        body: Some(body.into()),
        state,
        state_reason: None,
        user: Some("alice".into()),
        author_association: Some("CONTRIBUTOR".into()),
        labels: vec!["bug".into()],
        reactions: Reactions {
            plus_one: number,
            ..Reactions::default()
        },
        comment_count: if number == 1 { 1 } else { 0 },
        created_at: t0 + number * 86_400_000,
        updated_at: t0 + number * 86_400_000,
        closed_at: None,
        merged: pr.then_some(false),
        draft: None,
        html_url: format!("https://github.com/acme/widgets/issues/{number}"),
    };
    let threads = vec![
        ThreadWrite {
            thread: thread(
                1,
                "Spinner crashes on resize",
                "Steps:\n1. resize\n```\nPanic: index out of bounds\n```",
                false,
                ThreadState::Open,
            ),
            refs: vec![],
        },
        ThreadWrite {
            thread: thread(
                2,
                "Fix spinner resize crash",
                "Fixes #1",
                true,
                ThreadState::Open,
            ),
            refs: vec![(RefKind::Closes, 1), (RefKind::Mention, 1)],
        },
        ThreadWrite {
            thread: thread(
                3,
                "Docs are outdated",
                "The docs say otherwise.",
                false,
                ThreadState::Closed,
            ),
            refs: vec![(RefKind::Mention, 1)],
        },
    ];
    let comments = vec![CommentWrite {
        comment: Comment {
            repo: "acme/widgets".into(),
            id: 100,
            number: 1,
            user: Some("bob".into()),
            author_association: Some("MEMBER".into()),
            body: "Same here, it crashes when the window is resized.".into(),
            reactions: Reactions {
                heart: 2,
                ..Reactions::default()
            },
            created_at: t0 + 2 * 86_400_000,
            updated_at: t0 + 2 * 86_400_000,
            html_url: None,
        },
        refs: vec![],
    }];
    store
        .write_mirror("acme/widgets", &threads, &comments, None, common::now_ms())
        .await
        .expect("write");
}

fn run_query(dir: &std::path::Path, db: &TestDb, args: &[&str]) -> (Option<i32>, String, String) {
    let output = coordinator(dir)
        .args(args)
        .env("DATABASE_URL", &db.url)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_search_and_show_read_the_mirror() {
    let db = TestDb::new(Db::Sqlite).await;
    small_mirror(&db).await;
    let dir = tempfile::tempdir().expect("dir");

    let (code, out, err) = run_query(
        dir.path(),
        &db,
        &["list", "--repo", "acme/widgets", "--json"],
    );
    assert_eq!(code, Some(0), "{err}");
    let list: serde_json::Value = serde_json::from_str(&out).expect("json");
    let numbers: Vec<i64> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|t| t["number"].as_i64())
        .collect();
    assert_eq!(numbers, [2, 1], "open only, newest first");
    assert_eq!(list[0]["is_pull_request"], true);
    assert_eq!(list[1]["comment_count"], 1);

    let (code, out, _) = run_query(
        dir.path(),
        &db,
        &[
            "list",
            "--repo",
            "acme/widgets",
            "--state",
            "all",
            "--sort",
            "reactions",
            "--limit",
            "1",
        ],
    );
    assert_eq!(code, Some(0));
    assert!(out.starts_with("#3 "), "{out}");

    let (code, out, err) = run_query(
        dir.path(),
        &db,
        &["search", "--repo", "acme/widgets", "crashing", "--json"],
    );
    assert_eq!(code, Some(0), "{err}");
    let hits: serde_json::Value = serde_json::from_str(&out).expect("json");
    let found: Vec<i64> = hits
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|t| t["number"].as_i64())
        .collect();
    assert!(found.contains(&1) && found.contains(&2), "{out}");
    assert!(hits[0]["score"].as_f64().is_some());
    let (_, out, _) = run_query(
        dir.path(),
        &db,
        &["search", "--repo", "acme/widgets", "\"window is resized\""],
    );
    assert!(out.contains("#1 "), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");

    let (code, out, err) = run_query(dir.path(), &db, &["show", "--repo", "acme/widgets", "1"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("#1 Spinner crashes on resize\n"), "{out}");
    assert!(out.contains("issue by @alice (contributor)"), "{out}");
    assert!(out.contains("labels: bug"));
    let pr = out
        .find("#2 (open PR): Fix spinner resize crash")
        .expect("the open PR is listed");
    let docs = out
        .find("#3 (closed issue): Docs are outdated")
        .expect("the mention is listed");
    assert!(pr < docs, "open PRs first");
    assert!(out.contains(
        "### Full Issue Body\n\nSteps:\n1. resize\n```\nPanic: index out of bounds\n```\n"
    ));
    assert!(out.contains("### Comments\n\n[1] @bob (2024-01-03) | heart 2\nSame here, it crashes when the window is resized.\n"), "{out}");

    let (code, out, _) = run_query(
        dir.path(),
        &db,
        &["show", "--repo", "acme/widgets", "1", "--json"],
    );
    assert_eq!(code, Some(0));
    let detail: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(detail["comments"][0]["user"], "bob");
    assert_eq!(detail["comments"][0]["reactions"]["heart"], 2);
    assert_eq!(detail["cross_references"][0]["number"], 2);
    assert_eq!(detail["cross_references"][0]["is_pull_request"], true);
    assert_eq!(
        detail["body"].as_str().map(|b| b.starts_with("Steps:")),
        Some(true)
    );

    // COORDINATOR_REPO stands in for --repo.
    let output = coordinator(dir.path())
        .args(["show", "3"])
        .env("DATABASE_URL", &db.url)
        .env("COORDINATOR_REPO", "acme/widgets")
        .output()
        .expect("runs");
    assert!(output.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_repositories_and_numbers_exit_2() {
    let db = TestDb::new(Db::Sqlite).await;
    small_mirror(&db).await;
    let dir = tempfile::tempdir().expect("dir");
    for (args, expected) in [
        (
            vec!["list", "--repo", "acme/unknown"],
            "acme/unknown is not mirrored",
        ),
        (
            vec!["show", "--repo", "acme/widgets", "999"],
            "#999 is not in the mirror of acme/widgets",
        ),
        (vec!["show", "999"], "no repository"),
        (
            vec!["search", "--repo", "not a repo", "x"],
            "is not a repository",
        ),
        (
            vec!["search", "--repo", "acme/widgets", "!!!"],
            "no words to search for",
        ),
    ] {
        let (code, _, err) = run_query(dir.path(), &db, &args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}
