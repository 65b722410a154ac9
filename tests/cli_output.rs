//! The human output of every query command, snapshot-tested on the evaluation corpus: what a
//! maintainer reads at the terminal is reviewed like the bot's comments.

mod common;

use std::process::Command;

use common::corpus::write_to_store;
use common::*;

fn run(db: &TestDb, dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_coordinator"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", &db.url)
        .env("COORDINATOR_REPO", "acme/tensorpack")
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_query_command_reads_well() {
    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    write_to_store(store.as_ref()).await;
    let dir = tempfile::tempdir().expect("dir");
    let cases: [(&str, &[&str]); 9] = [
        ("list", &["list", "--limit", "8"]),
        (
            "list_label",
            &["list", "--label", "ROCm", "--state", "all", "--limit", "5"],
        ),
        (
            "search",
            &["search", "illegal memory access", "--limit", "5"],
        ),
        ("show", &["show", "74"]),
        ("related", &["related", "58", "--limit", "5"]),
        ("related_verbose", &["related", "74", "--limit", "2", "-v"]),
        ("triage_one", &["triage", "990"]),
        ("triage_candidates", &["triage", "--limit", "8"]),
        ("prompt", &["prompt", "990", "--out", "out"]),
    ];
    // What depends on today's date or the temporary directory is masked.
    let days = regex::Regex::new(r"\b\d+ days\b").expect("regex");
    let shown_dir = dir.path().display().to_string();
    for (name, args) in cases {
        let output = run(&db, dir.path(), args).replace(&shown_dir, "[DIR]");
        let output = days.replace_all(&output, "[N] days").to_string();
        insta::assert_snapshot!(format!("cli_{name}"), output);
    }
}
