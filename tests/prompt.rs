//! The worker prompt: snapshots of what people read (the prompt, the comment and the triage
//! verdict) for a realistic issue of the corpus, and the `prompt` command.

mod common;

use std::process::Command;

use coordinator::analysis::RepoIndex;
use coordinator::config::repo::{OutputMode, RepoConfig};
use coordinator::prompt::render::{Templates, TriageData, triage_marker};
use coordinator::prompt::{Gathered, PromptRequest, assemble};
use coordinator::publish::{CommentParts, compose_comment, plan, verdict_line};

use common::corpus::{code_of_990, corpus, repo, write_to_store};
use common::*;

/// 2026-11-01: a fixed "now", so staleness in the verdict does not drift.
const NOW: i64 = 1_793_491_200_000;

fn index() -> RepoIndex {
    RepoIndex::build(repo(), corpus().docs.iter().cloned())
}

/// The texts a prompt of `number` reads, from the corpus (as `gather` reads them from the
/// mirror).
fn gathered(index: &RepoIndex, number: i64) -> Gathered {
    Gathered::from_docs(index, number, corpus().docs.iter().cloned()).expect("gathers")
}

fn cross_references(index: &RepoIndex, number: i64) -> Vec<coordinator::store::Thread> {
    // The same threads `show` lists, from the corpus's links (the snapshot's input).
    let mut threads: Vec<_> = index
        .related(number, &Default::default())
        .unwrap_or_default()
        .into_iter()
        .filter(|r| {
            r.kinds.iter().any(|k| {
                matches!(
                    k,
                    coordinator::analysis::RelationKind::FixPr
                        | coordinator::analysis::RelationKind::Mentions
                        | coordinator::analysis::RelationKind::Duplicate
                )
            })
        })
        .filter_map(|r| index.thread(r.number))
        .collect();
    coordinator::views::order_cross_references(&mut threads);
    threads
}

#[test]
fn the_prompt_cites_the_code_it_read() {
    let index = index();
    let repo = repo();
    let config = RepoConfig::default();
    let cross = cross_references(&index, 990);
    let code = code_of_990();
    let gathered = gathered(&index, 990);
    let project = index.project_with(&code);
    let pointers = coordinator::analysis::locate::locate(
        &gathered.issue,
        &code,
        &project,
        "https://github.com",
    );
    let request = |code| PromptRequest {
        repo: &repo,
        number: 990,
        config: &config,
        cross_references: &cross,
        default_branch: "main",
        now: NOW,
        code,
    };
    let assembled = assemble(
        &index,
        &request(coordinator::prompt::CodeContext::Read {
            sha: &code.sha,
            pointers: &pointers,
        }),
        &gathered,
    )
    .expect("assembles");
    let templates = Templates::embedded().expect("templates");
    let prompt = templates.render_prompt(&assembled.data).expect("renders");
    let from = prompt.find("## Additional Context").expect("context");
    let to = prompt.find("## What NOT to Do").expect("dont");
    insta::assert_snapshot!("prompt_990_code", &prompt[from..to]);
    let permalink = "https://github.com/acme/tensorpack/blob/0123456789abcdef0123456789abcdef01234567/tensorpack/__main__.py#L38";
    assert!(prompt.contains(permalink), "the frame's line, linked");
    assert!(
        prompt.contains("`tests/test_main.py`"),
        "the test that calls it is the one to run"
    );
    assert!(
        !prompt.contains("Look at these files first"),
        "verified pointers replace mentioned ones"
    );

    // When the code could not be read, the prompt says so and cites the reports as written.
    let unread = assemble(
        &index,
        &request(coordinator::prompt::CodeContext::Unavailable),
        &gathered,
    )
    .expect("assembles");
    let text = templates.render_prompt(&unread.data).expect("renders");
    assert!(text.contains("The repository's code could not be read for this prompt"));
    assert!(text.contains("Look at these files first: `tensorpack/__main__.py`."));
    assert!(!text.contains("### In the Code"));
}

#[test]
fn the_prompt_comment_and_verdict_of_a_realistic_issue() {
    let index = index();
    let repo = repo();
    let config = RepoConfig {
        setup: coordinator::config::repo::SetupConfig {
            guide: Some("agents/testing_guide.md".into()),
            ..Default::default()
        },
        ..RepoConfig::default()
    };
    let cross = cross_references(&index, 990);
    let assembled = assemble(
        &index,
        &PromptRequest {
            repo: &repo,
            number: 990,
            config: &config,
            cross_references: &cross,
            default_branch: "main",
            now: NOW,
            code: Default::default(),
        },
        &gathered(&index, 990),
    )
    .expect("assembles");
    assert!(!assembled.related.is_empty(), "#990 has related threads");
    let templates = Templates::embedded().expect("templates");
    let prompt = templates.render_prompt(&assembled.data).expect("renders");
    insta::assert_snapshot!("prompt_990", prompt);

    let plan = plan(
        &templates,
        &assembled,
        OutputMode::Auto,
        false,
        990,
        &config.launch,
    )
    .expect("plan");
    let url = "https://github.com/acme/tensorpack/issues/990#issuecomment-42";
    let comment = compose_comment(
        &templates,
        &CommentParts {
            number: 990,
            plan: &plan,
            gist_url: None,
            verdict_line: &verdict_line(&assembled),
            status: &[],
            launch: &config.launch.replace("{prompt_url}", url),
        },
    )
    .expect("comment");
    insta::assert_snapshot!("comment_990", comment);

    let verdict = templates
        .render_triage(&TriageData::new(
            triage_marker(616),
            index
                .triage(616, &config.triage_config(), NOW)
                .expect("verdict"),
            Some("No worker prompt was generated.".into()),
        ))
        .expect("triage");
    insta::assert_snapshot!("triage_616", verdict);
}

both_backends!(
    the_prompt_command_writes_the_file_and_prints_the_launch_command,
    |db: TestDb| async move {
        let store = db.store().await;
        write_to_store(store.as_ref()).await;
        let dir = tempfile::tempdir().expect("dir");
        let url = db.process_url();
        let run = |args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_coordinator"))
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap_or_default())
                .env("DATABASE_URL", &url)
                .current_dir(dir.path())
                .args(args)
                .output()
                .expect("runs")
        };
        let out = run(&["prompt", "--repo", "acme/tensorpack", "990"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let file = dir.path().join("prompts/issue-990.md");
        let text = std::fs::read_to_string(&file).expect("the prompt file");
        assert!(text.contains("## Issue #990: "));
        assert!(text.contains("## What NOT to Do"));
        // For the worker, nothing is made inert.
        assert!(!text.contains('\u{200B}'));
        let path = std::fs::canonicalize(&file).expect("path");
        assert_eq!(
            stdout.trim(),
            format!(
                "claude \"Please read {} and follow the instructions.\"",
                path.display()
            )
        );

        let out = run(&[
            "prompt",
            "--repo",
            "acme/tensorpack",
            "616",
            "--out",
            "elsewhere",
            "--json",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert!(
            json["path"]
                .as_str()
                .unwrap_or_default()
                .ends_with("elsewhere/issue-616.md")
        );
        assert!(json["bytes"].as_u64().unwrap_or(0) > 1000);
        assert!(
            json["launch_command"]
                .as_str()
                .unwrap_or_default()
                .contains("issue-616.md")
        );
        assert!(json["related"].is_array());

        // Not mirrored, and no token to fetch it: exit 2 and how to fix it.
        let out = run(&["prompt", "--repo", "acme/tensorpack", "99999"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("GITHUB_TOKEN"));
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_prompt_command_fetches_a_missing_issue_from_github() {
    use common::github::{StandIn, ThreadSpec, TokenKind};
    let db = TestDb::new(Db::Sqlite).await;
    let standin = StandIn::start().await;
    standin.add_repo("acme/widgets", 1);
    standin.add_token("ghp_reader", "reader", TokenKind::Personal);
    standin.upsert_thread(
        "acme/widgets",
        ThreadSpec::issue(7, "Crash on start").body("It crashes:\n```\npanic at main.rs\n```"),
    );
    standin.add_comment(
        "acme/widgets",
        7,
        "maintainer",
        "Can you share the version?",
    );
    let dir = tempfile::tempdir().expect("dir");
    let out = Command::new(env!("CARGO_BIN_EXE_coordinator"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", &db.url)
        .env("GITHUB_API_URL", &standin.url)
        .env("GITHUB_TOKEN", "ghp_reader")
        .current_dir(dir.path())
        .args(["prompt", "--repo", "acme/widgets", "7"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("prompts/issue-7.md")).expect("file");
    assert!(text.contains("## Issue #7: Crash on start"));
    assert!(text.contains("Can you share the version?"));
    let paths: Vec<String> = standin.calls().iter().map(|c| c.path.clone()).collect();
    assert!(
        paths.contains(&"/repos/acme/widgets/issues/7".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"/repos/acme/widgets/issues/7/timeline".to_string()),
        "{paths:?}"
    );
}

/// "The same error appears in #M": the prompt names the related threads that share one of the
/// issue's errors, for the corpus's labelled same-error pairs.
#[test]
fn the_context_names_the_threads_with_the_same_error() {
    let index = index();
    let repo = repo();
    let config = RepoConfig::default();
    let labels: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/data/corpus/labels.json").expect("labels"),
    )
    .expect("json");
    let mut checked = 0;
    let mut named = 0;
    for query in labels["related"].as_array().expect("queries") {
        let number = query["query"].as_i64().expect("number");
        let same: Vec<i64> = query["related"]
            .as_array()
            .expect("related")
            .iter()
            .filter(|r| r["kind"] == "same_error")
            .filter_map(|r| r["number"].as_i64())
            .collect();
        if same.is_empty() {
            continue;
        }
        let assembled = assemble(
            &index,
            &PromptRequest {
                repo: &repo,
                number,
                config: &config,
                cross_references: &[],
                default_branch: "main",
                now: NOW,
                code: Default::default(),
            },
            &gathered(&index, number),
        )
        .expect("assembles");
        let ranked_same: Vec<i64> = assembled
            .related
            .iter()
            .filter(|r| {
                r.kinds
                    .contains(&coordinator::analysis::RelationKind::SameError)
                    && same.contains(&r.number)
            })
            .map(|r| r.number)
            .collect();
        if ranked_same.is_empty() {
            continue;
        }
        checked += 1;
        let prompt = Templates::embedded()
            .expect("templates")
            .render_prompt(&assembled.data)
            .expect("renders");
        let line = prompt
            .lines()
            .find(|l| l.contains("The same error,"))
            .unwrap_or_default();
        if ranked_same
            .iter()
            .any(|n| line.contains(&format!("#{n} (")))
        {
            named += 1;
        }
    }
    assert!(checked >= 3, "the corpus has same-error pairs: {checked}");
    assert!(
        named * 10 >= checked * 9,
        "the same-error line names the partner in {named} of {checked} issues"
    );
}
