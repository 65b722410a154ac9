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
