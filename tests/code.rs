//! The code mirror against the stand-in GitHub serving a tarball of a small repository of
//! ours (`tests/data/code-repo`): the head check, the download, the index, `locate`'s
//! pointers with their permalinks, a moved head indexed once, a push that saves the check,
//! and the bad inputs (a cut tarball, a repository past the budget).

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use coordinator::analysis::locate::{Pointer, PointerKind, locate};
use coordinator::analysis::signals::Project;
use coordinator::code::{Limits, SymbolKind};
use coordinator::github::client::{Credentials, GitHub, GitHubSettings, RetrySettings};
use coordinator::metrics::Metrics;
use coordinator::mirror::code::{CodeCache, note_push};
use coordinator::mirror::sync::{Quiet, SyncOptions, sync_repo};
use coordinator::store::{RepoName, Store};
use secrecy::SecretString;

use common::github::{StandIn, ThreadSpec, TokenKind};
use common::*;

const REPO: &str = "acme/minipkg";
const TOKEN: &str = "ghp_code_test_token";

fn github(standin: &StandIn) -> GitHub {
    GitHub::new(
        GitHubSettings {
            api_url: standin.url.clone(),
            credentials: Credentials::Token(SecretString::from(TOKEN)),
            retry: RetrySettings {
                max_retries: 1,
                backoff: Duration::from_millis(10),
                max_wait: Duration::from_secs(2),
                secondary_backoff: Duration::from_millis(20),
                timeout: Duration::from_secs(10),
            },
        },
        Arc::new(Metrics::default()),
    )
    .expect("client")
}

/// The stand-in holding `tests/data/code-repo` as the repository's default branch.
async fn standin() -> StandIn {
    let standin = StandIn::start().await;
    standin.add_repo(REPO, 77);
    standin.add_token(TOKEN, "maintainer", TokenKind::Personal);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/code-repo");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(&root).expect("under root");
                let text = std::fs::read_to_string(&path).expect("fixture file");
                standin.set_file(REPO, &rel.to_string_lossy(), &text);
            }
        }
    }
    standin
}

fn repo() -> RepoName {
    RepoName::parse(REPO).expect("repo")
}

fn tarball_downloads(standin: &StandIn) -> usize {
    standin
        .calls()
        .iter()
        .filter(|c| c.path.contains("/_codeload/"))
        .count()
}

#[tokio::test]
async fn the_head_is_indexed_once_and_checked_with_one_conditional_request() {
    let standin = standin().await;
    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    let client = github(&standin).token_client();
    let cache = CodeCache::default();
    let head = standin.head_sha(REPO);

    let first = cache
        .current(store.as_ref(), &client, &repo(), None, Limits::default())
        .await
        .expect("indexed");
    assert!(first.built);
    // The default branch's name (the mirror does not know it yet), its head, the tarball.
    assert_eq!(first.calls, 3, "{:?}", standin.calls());
    assert_eq!(tarball_downloads(&standin), 1);
    let index = &first.index;
    assert_eq!(index.sha, head);
    assert_eq!(index.files.len(), 7);
    let load = index
        .definitions("load_checkpoint")
        .next()
        .expect("defined");
    assert_eq!(index.files[load.file as usize].path, "minipkg/loader.py");
    assert_eq!((load.kind, load.line), (SymbolKind::Function, 13));
    assert!(
        index
            .definitions("adam")
            .any(|k| k.kind == SymbolKind::Key && k.parent.as_deref() == Some("OPTIMIZERS"))
    );
    assert!(
        index
            .definitions("register")
            .any(|m| m.kind == SymbolKind::Method && m.parent.as_deref() == Some("Registry"))
    );
    assert!(index.definitions("scale_rows").next().is_some());
    assert!(index.definitions("MAX_ROWS").next().is_some());
    let messages: Vec<&str> = index.messages.iter().map(|m| m.text.as_str()).collect();
    assert!(
        messages.contains(&"checkpoint \u{1} has no 'state' key"),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.starts_with("scale_rows: ")),
        "{messages:?}"
    );
    assert!(index.tests.contains_key("load_checkpoint"));

    // Warm: one conditional request, answered 304; nothing downloaded.
    let again = cache
        .current(store.as_ref(), &client, &repo(), None, Limits::default())
        .await
        .expect("warm");
    assert!(!again.built);
    assert_eq!(again.calls, 1);
    assert_eq!(tarball_downloads(&standin), 1);

    // A fresh process (the index from the database): still no download.
    let fresh = CodeCache::default()
        .current(store.as_ref(), &client, &repo(), None, Limits::default())
        .await
        .expect("from the store");
    assert!(!fresh.built);
    assert_eq!(fresh.index.symbols, index.symbols);
    assert_eq!(tarball_downloads(&standin), 1);

    // The head moves: two prompts at once download and index it once.
    standin.set_file(REPO, "minipkg/extra.py", "def added_later():\n    pass\n");
    let name = repo();
    let (a, b) = tokio::join!(
        cache.current(store.as_ref(), &client, &name, None, Limits::default()),
        cache.current(store.as_ref(), &client, &name, None, Limits::default()),
    );
    let (a, b) = (a.expect("a"), b.expect("b"));
    assert_eq!(u8::from(a.built) + u8::from(b.built), 1);
    assert_eq!(a.index.sha, standin.head_sha(REPO));
    assert!(b.index.definitions("added_later").next().is_some());
    assert_eq!(tarball_downloads(&standin), 2);
}

#[tokio::test]
async fn a_push_tells_the_head_without_a_request() {
    let standin = standin().await;
    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    let client = github(&standin).token_client();
    let cache = CodeCache::default();
    cache
        .current(store.as_ref(), &client, &repo(), None, Limits::default())
        .await
        .expect("indexed");
    standin.set_file(REPO, "minipkg/extra.py", "def pushed():\n    pass\n");
    note_push(store.as_ref(), &repo(), "main", &standin.head_sha(REPO))
        .await
        .expect("push noted");
    standin.reset_calls();
    let after = cache
        .current(store.as_ref(), &client, &repo(), None, Limits::default())
        .await
        .expect("reindexed");
    assert!(after.built);
    // The tarball alone: the push said where the head is.
    assert_eq!(after.calls, 1, "{:?}", standin.calls());
    let warm = cache
        .current(store.as_ref(), &client, &repo(), None, Limits::default())
        .await
        .expect("warm");
    assert_eq!(warm.calls, 0);
}

#[tokio::test]
async fn a_cut_tarball_or_a_repository_past_the_budget_is_handled() {
    let standin = standin().await;
    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    let client = github(&standin).token_client();
    let cache = CodeCache::default();
    standin.cut_next_tarballs(1);
    let err = cache
        .current(store.as_ref(), &client, &repo(), None, Limits::default())
        .await
        .expect_err("a cut tarball fails");
    assert!(
        format!("{err:#}").contains("cut off") || format!("{err:#}").contains("damaged"),
        "{err:#}"
    );
    assert!(
        store
            .code_index(&repo().key())
            .await
            .expect("read")
            .is_none(),
        "nothing half-built is stored"
    );
    // Past the budget: the files that fit are indexed, the rest counted.
    let small = Limits {
        max_file_bytes: 400,
        max_total_bytes: 1200,
    };
    let outcome = cache
        .current(store.as_ref(), &client, &repo(), None, small)
        .await
        .expect("indexed within the budget");
    let skipped = &outcome.index.skipped;
    assert!(skipped.too_large + skipped.over_budget > 0, "{skipped:?}");
    assert!(outcome.index.bytes <= 1200);
    let summary = outcome.index.summary();
    assert!(
        summary.contains("over the file size cap")
            || summary.contains("past the mirror's size budget"),
        "the summary says what was skipped: {summary}"
    );
}

/// The issue of the locate test: a traceback through the package as installed (one frame
/// whose line has moved since), the error message, names, a path that is gone.
fn issue_body() -> String {
    [
        "Loading an old checkpoint fails:",
        "",
        "```",
        "Traceback (most recent call last):",
        "  File \"/home/ana/work/train.py\", line 4, in <module>",
        "    model = load_checkpoint(path)",
        "  File \"/home/ana/.venv/lib/python3.11/site-packages/minipkg/loader.py\", line 16, in load_checkpoint",
        "    raise ValueError(f\"checkpoint {path} has no 'state' key\")",
        "  File \"/home/ana/.venv/lib/python3.11/site-packages/minipkg/registry.py\", line 3, in restore",
        "    return OPTIMIZERS[name]",
        "ValueError: checkpoint /data/run7.ckpt has no 'state' key",
        "```",
        "",
        "I think `Registry.restore` or the `OPTIMIZERS` table is involved; the docs still mention",
        "`minipkg/convert.py`, which I cannot find. Also tried `numpy.load` directly.",
    ]
    .join("\n")
}

async fn pointers_for_issue(standin: &StandIn, store: &Arc<dyn Store>) -> (Vec<Pointer>, String) {
    let mut spec = ThreadSpec::issue(7, "load_checkpoint: checkpoint has no 'state' key");
    spec.body = Some(issue_body());
    standin.upsert_thread(REPO, spec);
    let gh = github(standin);
    let client = gh.token_client();
    sync_repo(
        store.as_ref(),
        &client,
        &repo(),
        SyncOptions { full: true },
        &Quiet,
    )
    .await
    .expect("synced");
    let outcome = CodeCache::default()
        .current(store.as_ref(), &client, &repo(), None, Limits::default())
        .await
        .expect("indexed");
    let doc = store
        .thread_doc(&repo().key(), 7)
        .await
        .expect("read")
        .expect("mirrored");
    let mut project = Project::new(&repo());
    project.defined = Some(Arc::new(
        outcome
            .index
            .defined_names()
            .map(str::to_lowercase)
            .collect(),
    ));
    (
        locate(&doc, &outcome.index, &project, "https://github.com"),
        outcome.index.sha.clone(),
    )
}

#[tokio::test]
async fn locate_finds_frames_raise_sites_definitions_tests_and_stale_pointers() {
    let standin = standin().await;
    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    let (pointers, sha) = pointers_for_issue(&standin, &store).await;
    let find = |kind: PointerKind, path: &str| -> Vec<&Pointer> {
        pointers
            .iter()
            .filter(|p| p.kind == kind && p.path == path)
            .collect()
    };
    // The frame whose line still reads the same.
    let frame = find(PointerKind::Frame, "minipkg/loader.py");
    assert_eq!(frame.len(), 1, "{pointers:#?}");
    assert_eq!((frame[0].line, frame[0].stale), (16, false));
    assert_eq!(frame[0].symbol.as_deref(), Some("load_checkpoint"));
    assert_eq!(
        frame[0].permalink,
        format!("https://github.com/{REPO}/blob/{sha}/minipkg/loader.py#L16")
    );
    // The frame whose line moved: stale, pointing at where `restore` is now.
    let moved = find(PointerKind::Frame, "minipkg/registry.py");
    assert_eq!(moved.len(), 1, "{pointers:#?}");
    assert!(moved[0].stale);
    assert_eq!(moved[0].line, 28);
    assert!(moved[0].why.contains("now at line 28"), "{}", moved[0].why);
    // The raise site of the reported message.
    let raise = find(PointerKind::RaiseSite, "minipkg/loader.py");
    assert_eq!(raise.len(), 1, "{pointers:#?}");
    assert_eq!(raise[0].line, 16);
    assert_eq!(raise[0].symbol.as_deref(), Some("load_checkpoint"));
    assert!(raise[0].excerpt.contains("raise ValueError"));
    // Definitions of the names the project defines; not of names it does not (numpy.load).
    let defs: Vec<(&str, u32)> = pointers
        .iter()
        .filter(|p| p.kind == PointerKind::Definition)
        .map(|p| (p.symbol.as_deref().unwrap_or(""), p.line))
        .collect();
    assert!(defs.contains(&("OPTIMIZERS", 7)), "{defs:?}");
    assert!(defs.contains(&("restore", 28)), "{defs:?}");
    assert!(!defs.iter().any(|(s, _)| *s == "load"), "{defs:?}");
    let def = pointers
        .iter()
        .find(|p| p.symbol.as_deref() == Some("OPTIMIZERS") && p.kind == PointerKind::Definition)
        .expect("OPTIMIZERS");
    assert_eq!(
        def.permalink,
        format!("https://github.com/{REPO}/blob/{sha}/minipkg/registry.py#L7-L11")
    );
    // The tests that use the symbols involved.
    let tests: Vec<&str> = pointers
        .iter()
        .filter(|p| p.kind == PointerKind::Test)
        .map(|p| p.path.as_str())
        .collect();
    assert!(tests.contains(&"tests/test_loader.py"), "{tests:?}");
    assert!(tests.contains(&"tests/test_registry.py"), "{tests:?}");
    // The path the tree does not have.
    let gone = find(PointerKind::Path, "minipkg/convert.py");
    assert_eq!(gone.len(), 1, "{pointers:#?}");
    assert!(gone[0].stale && gone[0].permalink.is_empty());
}

both_backends!(
    the_code_and_locate_commands_work_from_the_command_line,
    |db: TestDb| async move {
        let standin = standin().await;
        let mut spec = ThreadSpec::issue(7, "load_checkpoint: checkpoint has no 'state' key");
        spec.body = Some(issue_body());
        standin.upsert_thread(REPO, spec);
        let _store = db.store().await;
        let url = db.process_url();
        let envs = [
            ("DATABASE_URL", url.as_str()),
            ("GITHUB_API_URL", standin.url.as_str()),
            ("GITHUB_TOKEN", TOKEN),
            ("COORDINATOR_REPO", REPO),
        ];
        let run = |args: &[&str]| run_coordinator(&envs, args);
        let (code, _, err) = run(&["sync"]);
        assert_eq!(code, Some(0), "{err}");
        // Before the code is mirrored, locate says what to run.
        let (code, _, err) = run(&["locate", "7"]);
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains("coordinator code --repo acme/minipkg"),
            "{err}"
        );
        let (code, out2, err) = run(&["code"]);
        assert_eq!(code, Some(0), "{err}");
        let head = standin.head_sha(REPO);
        assert!(
            out2.starts_with(&format!("acme/minipkg at {}: 7 files", &head[..12])),
            "{out2}"
        );
        assert!(out2.contains("API calls"), "{out2}");
        let (code, again, _) = run(&["code"]);
        assert_eq!(code, Some(0));
        assert!(again.contains("(already indexed)"), "{again}");
        let (code, json, err) = run(&["locate", "7", "--json"]);
        assert_eq!(code, Some(0), "{err}");
        let list: serde_json::Value = serde_json::from_str(&json).expect("json");
        let list = list.as_array().expect("array");
        for p in list {
            for key in [
                "path",
                "line",
                "end_line",
                "kind",
                "symbol",
                "why",
                "permalink",
            ] {
                assert!(p.get(key).is_some(), "{key} in {p}");
            }
        }
        let raise = list
            .iter()
            .find(|p| p["kind"] == "raise_site")
            .expect("a raise site");
        assert_eq!(
            raise["permalink"],
            format!("https://github.com/{REPO}/blob/{head}/minipkg/loader.py#L16")
        );
        let (code, human, _) = run(&["locate", "7"]);
        assert_eq!(code, Some(0));
        assert!(
            human.contains("raise_site  minipkg/loader.py:16"),
            "{human}"
        );
    }
);
