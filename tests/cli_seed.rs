//! The query tool's full command set through the binary, on a blind corpus mirrored in each
//! database: several numbers in `show`, `show --brief`, `batch-related`, `list --unlabeled`
//! and the `PR#M` marker, `search --label/--title-only`, `stats`, each with `--json`.

mod common;

use serde_json::Value;

use common::corpus::{Corpus, named, write_corpus_to_store};
use common::*;

fn run(db: &TestDb, repo: &str, args: &[&str]) -> (Option<i32>, String, String) {
    run_coordinator(
        &[
            ("DATABASE_URL", &db.process_url()),
            ("COORDINATOR_REPO", repo),
        ],
        args,
    )
}

fn json(db: &TestDb, repo: &str, args: &[&str]) -> Value {
    let (code, out, err) = run(db, repo, args);
    assert_eq!(code, Some(0), "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// An open issue that an open pull request claims with a closing keyword, and the PR.
fn claimed(corpus: &Corpus) -> Option<(i64, i64)> {
    let open = |n: i64, pr: bool| {
        corpus.docs.iter().any(|d| {
            d.thread.number == n
                && d.thread.is_pull_request == pr
                && d.thread.state == coordinator::store::ThreadState::Open
        })
    };
    for d in &corpus.docs {
        if !open(d.thread.number, true) {
            continue;
        }
        let body = d.thread.body.as_deref().unwrap_or("").to_lowercase();
        for word in ["fixes #", "closes #", "resolves #", "fix #", "close #"] {
            if let Some(at) = body.find(word) {
                let digits: String = body[at + word.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if let Ok(n) = digits.parse::<i64>()
                    && open(n, false)
                {
                    return Some((n, d.thread.number));
                }
            }
        }
    }
    None
}

both_backends!(the_query_tools_full_command_set, |db: TestDb| async move {
    let corpus = named("heldout");
    let store = db.store().await;
    write_corpus_to_store(store.as_ref(), corpus).await;
    let repo = corpus.repo.to_string();
    let docs = &corpus.docs;

    // Several numbers in one `show`, separated by a rule; JSON: one object per number.
    let (a, b) = (docs[0].thread.number, docs[1].thread.number);
    let (code, out, err) = run(&db, &repo, &["show", &a.to_string(), &b.to_string()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains(&docs[0].thread.title) && out.contains(&docs[1].thread.title));
    assert_eq!(out.matches(&"─".repeat(72)).count(), 1, "{out}");
    let both = json(
        &db,
        &repo,
        &["show", &a.to_string(), &b.to_string(), "--json"],
    );
    assert_eq!(both.as_array().map(Vec::len), Some(2));
    let one = json(&db, &repo, &["show", &a.to_string(), "--json"]);
    assert_eq!(one["number"], a, "one number: the object itself");
    // A number the mirror lacks fails before anything is printed.
    let (code, out, err) = run(&db, &repo, &["show", &a.to_string(), "999999"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty() && err.contains("#999999"), "{err}");

    // --brief: the body's first 1,000 characters, the first and last comment, 300 each.
    let long = docs
        .iter()
        .filter(|d| d.comments.len() >= 3)
        .max_by_key(|d| d.thread.body.as_deref().map_or(0, str::len))
        .expect("a thread with three comments");
    let n = long.thread.number.to_string();
    let brief = json(&db, &repo, &["show", &n, "--brief", "--json"]);
    let body = brief["body"].as_str().unwrap_or_default();
    assert!(body.chars().count() <= 1_001, "{}", body.chars().count());
    let comments = brief["comments"].as_array().expect("comments");
    assert_eq!(comments.len(), 2);
    let mut sorted = long.comments.clone();
    sorted.sort_by_key(|c| (c.created_at, c.id));
    let start = |s: &str| s.chars().take(40).collect::<String>();
    assert_eq!(
        start(comments[0]["body"].as_str().unwrap_or_default()),
        start(&sorted[0].body)
    );
    assert_eq!(
        start(comments[1]["body"].as_str().unwrap_or_default()),
        start(&sorted[sorted.len() - 1].body)
    );
    for c in comments {
        assert!(c["body"].as_str().unwrap_or_default().chars().count() <= 301);
    }
    let full = json(&db, &repo, &["show", &n, "--json"]);
    assert_eq!(
        full["comments"].as_array().map(Vec::len),
        Some(long.comments.len())
    );

    // batch-related: one block per number; JSON keyed by number, five at most each.
    let related = json(&db, &repo, &["batch-related", &a.to_string(), &n, "--json"]);
    let map = related.as_object().expect("object");
    assert_eq!(map.len(), 2);
    for key in [a.to_string(), n.clone()] {
        let list = map[&key].as_array().expect("list");
        assert!(!list.is_empty() && list.len() <= 5, "{key}: {list:?}");
        assert!(list[0].get("reasons").is_some());
    }
    let (code, out, _) = run(&db, &repo, &["batch-related", &n, "--limit", "2"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("labels: ") && out.starts_with(&format!("#{n} ")),
        "{out}"
    );

    // list --unlabeled: exactly the open threads without a label.
    let unlabeled = json(
        &db,
        &repo,
        &["list", "--unlabeled", "--limit", "1000", "--json"],
    );
    let want = docs
        .iter()
        .filter(|d| {
            d.thread.state == coordinator::store::ThreadState::Open && d.thread.labels.is_empty()
        })
        .count();
    let got = unlabeled.as_array().expect("list");
    assert_eq!(got.len(), want);
    assert!(
        got.iter()
            .all(|t| t["labels"].as_array().is_some_and(Vec::is_empty))
    );

    // The PR#M marker on an issue an open pull request claims.
    let (issue, pr) = claimed(corpus).expect("an issue claimed by an open PR");
    let (code, out, _) = run(&db, &repo, &["list", "--limit", "1000"]);
    assert_eq!(code, Some(0));
    let line = out
        .lines()
        .find(|l| l.starts_with(&format!("#{issue} ")))
        .expect("the claimed issue listed");
    assert!(line.ends_with(&format!("PR#{pr}")), "{line}");
    assert_eq!(
        out.matches(&format!("PR#{pr}")).count(),
        1,
        "only its issue"
    );

    // search --label and --title-only.
    let labelled = docs
        .iter()
        .find(|d| !d.thread.is_pull_request && d.thread.labels.len() >= 2)
        .expect("an issue with two labels");
    let word = labelled
        .thread
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 5)
        .max_by_key(|w| w.len())
        .expect("a title word")
        .to_lowercase();
    let hits = json(
        &db,
        &repo,
        &[
            "search",
            &word,
            "--label",
            &labelled.thread.labels[0],
            "--label",
            &labelled.thread.labels[1],
            "--title-only",
            "--json",
        ],
    );
    let hits = hits.as_array().expect("hits");
    assert!(
        hits.iter().any(|h| h["number"] == labelled.thread.number),
        "{word}: {hits:?}"
    );
    for h in hits {
        let title = h["title"].as_str().unwrap_or_default().to_lowercase();
        assert!(title.contains(&word[..4]), "{title}");
        let labels: Vec<String> = h["labels"]
            .as_array()
            .expect("labels")
            .iter()
            .filter_map(|l| l.as_str().map(str::to_lowercase))
            .collect();
        for l in &labelled.thread.labels[..2] {
            assert!(labels.contains(&l.to_lowercase()), "{labels:?}");
        }
    }
    // A word only in a body is not found by --title-only.
    let body_only = docs
        .iter()
        .find_map(|d| {
            let title = d.thread.title.to_lowercase();
            d.thread
                .body
                .as_deref()?
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 9)
                .map(str::to_lowercase)
                .find(|w| {
                    !title.contains(&w[..6])
                        && docs
                            .iter()
                            .all(|o| !o.thread.title.to_lowercase().contains(&w[..6]))
                })
        })
        .expect("a word no title holds");
    let anywhere = json(&db, &repo, &["search", &body_only, "--json"]);
    assert!(
        !anywhere.as_array().expect("hits").is_empty(),
        "{body_only}"
    );
    let titles = json(
        &db,
        &repo,
        &["search", &body_only, "--title-only", "--json"],
    );
    assert!(titles.as_array().expect("hits").is_empty(), "{body_only}");

    // stats.
    let stats = json(&db, &repo, &["stats", "--json"]);
    let count = |pr: bool, open: bool| {
        docs.iter()
            .filter(|d| {
                d.thread.is_pull_request == pr
                    && (d.thread.state == coordinator::store::ThreadState::Open) == open
            })
            .count()
    };
    assert_eq!(stats["open_issues"], count(false, true));
    assert_eq!(stats["closed_issues"], count(false, false));
    assert_eq!(stats["open_pull_requests"], count(true, true));
    assert_eq!(stats["closed_pull_requests"], count(true, false));
    let open_issues: Vec<_> = docs
        .iter()
        .filter(|d| {
            !d.thread.is_pull_request && d.thread.state == coordinator::store::ThreadState::Open
        })
        .collect();
    assert_eq!(
        stats["unlabeled_open_issues"],
        open_issues
            .iter()
            .filter(|d| d.thread.labels.is_empty())
            .count()
    );
    let bug = open_issues
        .iter()
        .filter(|d| d.thread.labels.iter().any(|l| l == "bug"))
        .count();
    assert_eq!(stats["open_issues_by_label"]["bug"], bug);
    let (code, out, _) = run(&db, &repo, &["stats"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("unlabeled open issues: "), "{out}");
});
