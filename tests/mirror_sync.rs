//! `sync` against the stand-in GitHub: complete and verbatim, within the call budget,
//! incremental with conditional requests, resumable after faults, on both databases.

mod common;

use std::sync::Arc;
use std::time::Duration;

use coordinator::github::client::{Credentials, GitHub, GitHubSettings, RetrySettings};
use coordinator::metrics::Metrics;
use coordinator::mirror::sync::{Quiet, SyncOptions, SyncReport, sync_repo};
use coordinator::store::{RepoName, Store, ThreadState};
use secrecy::SecretString;

use common::github::{StandIn, ThreadSpec, TokenKind};
use common::*;

const REPO: &str = "acme/tensors";
const TOKEN: &str = "ghp_sync_test_token";

fn fast_retry() -> RetrySettings {
    RetrySettings {
        max_retries: 3,
        backoff: Duration::from_millis(10),
        max_wait: Duration::from_secs(5),
        secondary_backoff: Duration::from_millis(50),
        timeout: Duration::from_secs(10),
    }
}

fn github(standin: &StandIn, credentials: Credentials) -> GitHub {
    GitHub::new(
        GitHubSettings {
            api_url: standin.url.clone(),
            credentials,
            retry: fast_retry(),
        },
        Arc::new(Metrics::default()),
    )
    .expect("client")
}

fn token() -> Credentials {
    Credentials::Token(SecretString::from(TOKEN))
}

async fn standin_with_token() -> StandIn {
    let standin = StandIn::start().await;
    standin.add_repo(REPO, 77);
    standin.add_token(TOKEN, "maintainer", TokenKind::Personal);
    standin
}

/// A deterministic pseudo-random sequence, so a failing test fails the same way again.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Bodies of the kinds real trackers hold.
fn body(rng: &mut Lcg, n: u64) -> Option<String> {
    match rng.next(6) {
        0 => None,
        1 => Some(String::new()),
        2 => Some(format!(
            "Traceback on run {n}:\n```python\nTraceback (most recent call last):\n  File \"x.py\", line {n}\nRuntimeError: CUDA error ✗\n```\nUnicode: 日本語 — ünïcödé 🚀"
        )),
        3 => Some(format!(
            "See #{}. Also `inline code` and\n\n> a quote\n\n| a | b |\n|---|---|\n",
            n / 2 + 1
        )),
        4 => Some("x".repeat(5000 + n as usize % 100)),
        _ => Some(format!("Plain report {n}\r\nwith CRLF line endings\r\n")),
    }
}

/// A repository of `threads` issues and pull requests with about `comments` comments.
fn generate(standin: &StandIn, threads: u64, comments: u64) {
    let mut rng = Lcg(threads * 31 + comments);
    for n in 1..=threads {
        let mut spec = if n % 7 == 0 {
            ThreadSpec::pull(n, &format!("Fix issue {n}"))
        } else {
            ThreadSpec::issue(n, &format!("Problem {n}: ünïcödé `code` #{}", n + 1))
        };
        spec.body = body(&mut rng, n);
        spec = spec.labels(match n % 4 {
            0 => &["bug"],
            1 => &["bug", "CUDA Setup"],
            2 => &[],
            _ => &["enhancement"],
        });
        if n % 5 == 0 {
            spec = spec.closed();
        }
        if n % 3 == 0 {
            spec = spec.reactions(&[("+1", n % 9), ("heart", 1)]);
        }
        standin.upsert_thread(REPO, spec);
    }
    for i in 0..comments {
        let number = 1 + rng.next(threads);
        let text = body(&mut rng, i).unwrap_or_default();
        standin.add_comment(REPO, number, &format!("user{}", i % 40), &text);
    }
}

fn ceil_div(a: usize, b: usize) -> usize {
    a.div_ceil(b)
}

async fn sync(store: &Arc<dyn Store>, gh: &GitHub, full: bool) -> anyhow::Result<SyncReport> {
    let repo = RepoName::parse(REPO).expect("repo");
    let client = gh.for_repo(&repo, None).await?;
    sync_repo(store.as_ref(), &client, &repo, SyncOptions { full }, &Quiet).await
}

/// Every thread and comment of the stand-in is in the mirror, as GitHub has it.
async fn assert_mirror_matches(store: &Arc<dyn Store>, standin: &StandIn, threads: u64) {
    let key = RepoName::parse(REPO).expect("repo").key();
    let mut seen = 0;
    let mut comments_seen = 0;
    for n in 1..=threads {
        let Some(expected) = standin.thread(REPO, n) else {
            assert!(
                store.thread(&key, n as i64).await.expect("read").is_none(),
                "#{n} was deleted"
            );
            continue;
        };
        seen += 1;
        let got = store
            .thread(&key, n as i64)
            .await
            .expect("read")
            .unwrap_or_else(|| panic!("#{n} is missing"));
        assert_eq!(got.title, expected.title, "#{n}");
        assert_eq!(
            got.body, expected.body,
            "#{n} body verbatim (null stays null)"
        );
        assert_eq!(got.labels, expected.labels, "#{n}");
        assert_eq!(got.is_pull_request, expected.is_pull_request, "#{n}");
        assert_eq!(got.state == ThreadState::Open, expected.open, "#{n}");
        assert_eq!(
            got.updated_at,
            expected.updated_at.timestamp_millis(),
            "#{n}"
        );
        let want = standin.comments_on(REPO, n);
        let have = store.comments_of(&key, n as i64).await.expect("comments");
        assert_eq!(have.len(), want.len(), "#{n} comments");
        for (h, w) in have.iter().zip(&want) {
            assert_eq!(h.id, w.id as i64);
            assert_eq!(h.body, w.body, "comment {} verbatim", w.id);
            assert_eq!(h.user.as_deref(), Some(w.user.as_str()));
        }
        comments_seen += want.len();
    }
    let (t, c) = store.mirror_counts(&key).await.expect("counts");
    assert_eq!((t as usize, c as usize), (seen, comments_seen));
}

both_backends!(
    a_full_sync_is_complete_verbatim_and_within_budget,
    |db: TestDb| async move {
        let store = db.store().await;
        let standin = standin_with_token().await;
        let (threads, comments) = (2_345u64, 4_321u64);
        generate(&standin, threads, comments);
        standin.reset_calls();
        let gh = github(&standin, token());
        let report = sync(&store, &gh, false).await.expect("sync");
        assert!(report.full, "the first sync is a full one");
        assert_eq!(report.threads, threads);
        assert_eq!(report.comments, comments);
        let budget = ceil_div(threads as usize, 100) + ceil_div(comments as usize, 100) + 5;
        assert!(
            standin.call_count() <= budget,
            "{} calls, budget {budget}",
            standin.call_count()
        );
        assert_eq!(report.calls as usize, standin.call_count());
        assert_mirror_matches(&store, &standin, threads).await;
        // Mentions in bodies became references.
        let refs = store.all_refs("acme/tensors").await.expect("refs");
        assert!(!refs.is_empty());
    }
);

both_backends!(
    incremental_syncs_pick_up_changes_and_cost_nothing_when_idle,
    |db: TestDb| async move {
        let store = db.store().await;
        let standin = standin_with_token().await;
        generate(&standin, 250, 400);
        let gh = github(&standin, token());
        sync(&store, &gh, false).await.expect("full sync");
        // Settle the watermark: the first incremental pass re-reads the overlap of the full one.
        standin.advance_clock(Duration::from_secs(3_600));
        sync(&store, &gh, false).await.expect("settling sync");

        // Nothing new: at most three calls, nothing written...
        standin.reset_calls();
        let idle = sync(&store, &gh, false).await.expect("idle sync");
        assert!(!idle.full);
        assert_eq!((idle.threads, idle.comments), (0, 0));
        assert!(standin.call_count() <= 3, "{:?}", standin.calls());
        // ...and once the watermark has settled, three conditional requests answered 304.
        standin.reset_calls();
        sync(&store, &gh, false).await.expect("idle sync");
        assert_eq!(standin.call_count(), 3);
        assert!(
            standin.calls().iter().all(|c| c.status == 304),
            "{:?}",
            standin.calls()
        );

        // Edits, new comments, label changes, new issues, a deleted comment.
        let edited = standin.thread(REPO, 10).expect("thread");
        standin.upsert_thread(
            REPO,
            ThreadSpec {
                body: Some("edited body ✓".into()),
                ..spec_of(&edited)
            },
        );
        standin.set_labels(REPO, 11, &["regression", "high priority"]);
        let new_comment = standin.add_comment(REPO, 12, "newcomer", "a new comment with #10");
        standin.upsert_thread(
            REPO,
            ThreadSpec::issue(251, "a brand new issue").body("new"),
        );
        let (victim_thread, victim) = (13..250)
            .find_map(|n| standin.comments_on(REPO, n).first().map(|c| (n, c.id)))
            .expect("a generated thread with comments");
        standin.delete_comment(REPO, victim);
        let changed = sync(&store, &gh, false).await.expect("incremental sync");
        assert!(!changed.full);
        assert!(changed.threads >= 4, "{changed:?}");
        assert!(changed.comments >= 1, "{changed:?}");
        assert_mirror_matches(&store, &standin, 251).await;
        let key = "acme/tensors";
        assert_eq!(
            store
                .thread(key, 10)
                .await
                .expect("read")
                .and_then(|t| t.body),
            Some("edited body ✓".into())
        );
        assert_eq!(
            store.thread(key, 11).await.expect("read").map(|t| t.labels),
            Some(vec!["regression".to_string(), "high priority".to_string()])
        );
        assert!(
            store
                .comments_of(key, 12)
                .await
                .expect("read")
                .iter()
                .any(|c| c.id == new_comment as i64)
        );
        assert_eq!(changed.deleted_comments, 1, "{changed:?}");
        assert!(
            !store
                .comments_of(key, victim_thread as i64)
                .await
                .expect("read")
                .iter()
                .any(|c| c.id == victim as i64)
        );

        // A deleted issue disappears with the next full sync.
        standin.delete_thread(REPO, 20);
        let full = sync(&store, &gh, true).await.expect("full sync");
        assert_eq!(full.deleted_threads, 1);
        assert!(store.thread(key, 20).await.expect("read").is_none());
        assert_mirror_matches(&store, &standin, 251).await;
    }
);

/// The spec that recreates a thread as it is (for an edit of one field).
fn spec_of(view: &common::github::ThreadView) -> ThreadSpec {
    let mut spec = if view.is_pull_request {
        ThreadSpec::pull(view.number, &view.title)
    } else {
        ThreadSpec::issue(view.number, &view.title)
    };
    spec.body = view.body.clone();
    spec.user = view.user.clone();
    spec.open = view.open;
    spec.labels = view.labels.clone();
    spec
}

both_backends!(
    an_interrupted_sync_resumes_and_ends_identical,
    |db: TestDb| async move {
        let store = db.store().await;
        let standin = standin_with_token().await;
        generate(&standin, 950, 1_200);
        let gh = github(&standin, token());
        let repo = RepoName::parse(REPO).expect("repo");
        let key = repo.key();
        let client = gh.for_repo(&repo, None).await.expect("client");
        let issue_pages = || {
            standin
                .calls()
                .iter()
                .filter(|c| c.path == "/repos/acme/tensors/issues")
                .count()
        };
        // After five pages of issues GitHub fails more often than the client retries (1 + 3):
        // the sync stops with an error.
        let breaker = async {
            while issue_pages() < 5 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            standin.fail_next(4, 502, "/repos/acme/tensors/issues");
        };
        let (result, ()) = tokio::join!(
            sync_repo(
                store.as_ref(),
                &client,
                &repo,
                SyncOptions::default(),
                &Quiet
            ),
            breaker
        );
        assert!(result.is_err(), "the sync must fail while GitHub does");
        let partial = store.mirror_counts(&key).await.expect("counts").0;
        assert!(
            (500..950).contains(&partial),
            "pages written so far: {partial}"
        );
        let state = store.sync_state(&key).await.expect("state").expect("state");
        assert!(state.threads_next.is_some(), "the cursor is kept");
        // Once GitHub is back, it resumes where it stopped, not from page one.
        let before = issue_pages();
        let resumed = sync(&store, &gh, false).await.expect("resumed sync");
        assert!(resumed.full);
        let fetched = issue_pages() - before;
        assert!(
            fetched <= 10 - 5,
            "resumed, not restarted: {fetched} issue pages"
        );
        assert_mirror_matches(&store, &standin, 950).await;

        // The same as a sync from scratch into a fresh database.
        let fresh_db = TestDb::new(db.kind).await;
        let fresh = fresh_db.store().await;
        sync(&fresh, &gh, true).await.expect("fresh sync");
        let a = store.all_threads(&key).await.expect("threads");
        let b = fresh.all_threads(&key).await.expect("threads");
        assert_eq!(a, b);
        let a = store.all_comments(&key).await.expect("comments");
        let b = fresh.all_comments(&key).await.expect("comments");
        assert_eq!(a, b);
    }
);

both_backends!(
    rate_limits_and_server_errors_are_waited_out,
    |db: TestDb| async move {
        let store = db.store().await;
        let standin = standin_with_token().await;
        generate(&standin, 120, 150);
        let gh = github(&standin, token());
        standin.secondary_rate_limit_next(1, 1, "/repos/acme/tensors/issues");
        standin.fail_next(2, 502, "/repos/acme/tensors/issues/comments");
        let started = std::time::Instant::now();
        let report = sync(&store, &gh, false).await.expect("sync gets through");
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "retry-after was honoured"
        );
        assert_eq!(report.threads, 120);
        assert!(standin.calls().iter().any(|c| c.status == 403));
        assert_eq!(
            standin.calls().iter().filter(|c| c.status == 502).count(),
            2
        );
        assert_mirror_matches(&store, &standin, 120).await;
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_github_app_syncs_through_its_installation() {
    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    let standin = StandIn::start().await;
    standin.add_repo(REPO, 77);
    generate(&standin, 30, 20);
    let gh = github(
        &standin,
        Credentials::App {
            app_id: StandIn::app_id(),
            private_key: SecretString::from(StandIn::app_private_key_pem()),
        },
    );
    let report = sync(&store, &gh, false).await.expect("sync as the App");
    assert_eq!(report.threads, 30);
    let calls = standin.calls();
    assert!(calls.iter().any(
        |c| c.path == "/repos/acme/tensors/installation" && c.auth == common::github::Auth::Jwt
    ));
    assert!(
        calls
            .iter()
            .any(|c| c.path.starts_with("/app/installations/77/access_tokens"))
    );
    assert!(
        calls
            .iter()
            .filter(|c| c.path.starts_with("/repos/acme/tensors/issues"))
            .all(|c| c.auth == common::github::Auth::Installation(77))
    );
    // A repository the App is not installed on is one clear error.
    let other = RepoName::parse("acme/elsewhere").expect("repo");
    let err = gh
        .for_repo(&other, None)
        .await
        .err()
        .expect("not installed");
    assert!(err.to_string().contains("acme/elsewhere"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sync_command_prints_one_summary_line_and_clear_errors() {
    let db = TestDb::new(Db::Sqlite).await;
    let standin = standin_with_token().await;
    generate(&standin, 40, 60);
    let dir = tempfile::tempdir().expect("dir");
    let run = |args: &[&str], token: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_coordinator"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", &db.url)
            .env("GITHUB_API_URL", &standin.url)
            .env("GITHUB_TOKEN", token)
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["sync", "--repo", REPO], TOKEN);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("40 threads, 60 comments written"),
        "{stdout}"
    );
    assert!(stdout.contains("API calls"), "{stdout}");
    // The mirror answers offline.
    let out = run(
        &["list", "--repo", REPO, "--state", "all", "--limit", "100"],
        "unused",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 40);
    // A bad token: exit 1, one line naming the credential to check.
    let out = run(&["sync", "--repo", REPO], "ghp_wrong");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("GITHUB_TOKEN"), "{stderr}");
    assert_eq!(
        stderr
            .trim()
            .lines()
            .filter(|l| l.starts_with("error:"))
            .count(),
        1,
        "{stderr}"
    );
    // An unknown repository: exit 2.
    let out = run(&["sync", "--repo", "acme/nothing"], TOKEN);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_turns_full_a_week_after_the_last_full_one() {
    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    let standin = standin_with_token().await;
    generate(&standin, 50, 20);
    let gh = github(&standin, token());
    assert!(sync(&store, &gh, false).await.expect("first").full);
    assert!(!sync(&store, &gh, false).await.expect("second").full);
    // A deleted issue is in no listing: only a full pass drops it.
    standin.delete_thread(REPO, 7);
    let key = RepoName::parse(REPO).expect("repo").key();
    let mut state = store.sync_state(&key).await.expect("state").expect("state");
    state.last_full_sync_at = Some(now_ms() - 8 * 24 * 3600 * 1000);
    store.put_sync_state(&state).await.expect("state");
    let report = sync(&store, &gh, false).await.expect("weekly");
    assert!(report.full);
    assert_eq!(report.deleted_threads, 1);
    assert!(store.thread(&key, 7).await.expect("read").is_none());
}

both_backends!(
    links_through_a_former_name_are_recognised_once,
    |db: TestDb| async move {
        let store = db.store().await;
        let standin = standin_with_token().await;
        // The repository was `olduser/tensors`; another repository is only linked once.
        standin.rename_repo("olduser/tensors", REPO);
        standin.add_repo("someone/elsewhere", 88);
        standin.upsert_thread(
            REPO,
            ThreadSpec::issue(1, "Crash on load").body("Same as olduser/tensors#2."),
        );
        standin.upsert_thread(
            REPO,
            ThreadSpec::issue(2, "Loader crash")
                .body("Reported before at https://github.com/olduser/tensors/issues/1"),
        );
        standin.upsert_thread(
            REPO,
            ThreadSpec::issue(3, "Unrelated")
                .body("see someone/elsewhere#4 and someone/elsewhere#5"),
        );
        let gh = github(&standin, token());
        let report = sync(&store, &gh, true).await.expect("sync");
        assert_eq!(report.aliases, 1, "{report:?}");
        assert_eq!(
            store.repo_aliases(REPO).await.expect("aliases"),
            ["olduser/tensors"]
        );
        // Each name is asked about once: a second sync makes no such call.
        let before = standin.count("GET", "/repos/olduser");
        let again = sync(&store, &gh, true).await.expect("sync");
        assert_eq!(again.aliases, 0);
        assert_eq!(standin.count("GET", "/repos/olduser"), before);
        // The index reads the former name's links as the repository's own.
        let repo = RepoName::parse(REPO).expect("repo");
        let index = coordinator::mirror::index::load_index(
            store.as_ref(),
            &repo,
            coordinator::analysis::IndexOptions::default(),
        )
        .await
        .expect("index");
        let related = index
            .related(1, &coordinator::analysis::RelatedQuery::default())
            .expect("related");
        assert!(
            related
                .iter()
                .any(|r| r.number == 2 && r.reasons.iter().any(|x| x.contains("#1 says"))),
            "{related:?}"
        );
    }
);
