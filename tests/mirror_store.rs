//! The mirror's storage on both databases: verbatim round trips, out-of-order writes,
//! deletions, listing, full-text search and references.

mod common;

use coordinator::store::{
    Comment, CommentWrite, ListQuery, ListSort, Reactions, RefKind, SearchQuery, Store, Thread,
    ThreadState, ThreadWrite,
};

use common::*;

const REPO: &str = "acme/widgets";
const HOUR: i64 = 3_600_000;
const T0: i64 = 1_704_067_200_000;

fn thread(number: i64, title: &str, body: Option<&str>) -> Thread {
    Thread {
        repo: REPO.into(),
        number,
        github_id: 1000 + number,
        is_pull_request: false,
        title: title.into(),
        body: body.map(str::to_string),
        state: ThreadState::Open,
        state_reason: None,
        user: Some("alice".into()),
        author_association: Some("NONE".into()),
        labels: vec![],
        reactions: Reactions::default(),
        comment_count: 0,
        created_at: T0 + number * HOUR,
        updated_at: T0 + number * HOUR,
        closed_at: None,
        merged: None,
        draft: None,
        html_url: format!("https://github.com/acme/widgets/issues/{number}"),
    }
}

fn comment(id: i64, number: i64, body: &str, updated: i64) -> Comment {
    Comment {
        repo: REPO.into(),
        id,
        number,
        user: Some("bob".into()),
        author_association: Some("MEMBER".into()),
        body: body.into(),
        reactions: Reactions::default(),
        created_at: updated,
        updated_at: updated,
        html_url: None,
    }
}

fn tw(t: Thread) -> ThreadWrite {
    ThreadWrite {
        thread: t,
        refs: vec![],
    }
}

fn cw(c: Comment) -> CommentWrite {
    CommentWrite {
        comment: c,
        refs: vec![],
    }
}

async fn write(
    store: &std::sync::Arc<dyn Store>,
    threads: Vec<ThreadWrite>,
    comments: Vec<CommentWrite>,
) {
    store
        .write_mirror(REPO, &threads, &comments, None, now_ms())
        .await
        .expect("write");
}

both_backends!(
    threads_and_comments_round_trip_verbatim,
    |db: TestDb| async move {
        let store = db.store().await;
        let tricky = "Unicode: ünïcödé 日本語 🚀\n```python\nprint('```')\n```\n\ttabs and trailing spaces   \n\u{1} control";
        let mut t = thread(1, "Crash in `widget.spin()` — 💥", Some(tricky));
        t.labels = vec!["bug".into(), "CUDA Setup".into(), "100% broken".into()];
        t.reactions = Reactions {
            plus_one: 3,
            heart: 1,
            ..Reactions::default()
        };
        t.is_pull_request = true;
        t.merged = Some(true);
        t.state = ThreadState::Closed;
        t.state_reason = Some("completed".into());
        t.closed_at = Some(T0 + 5 * HOUR);
        let empty = thread(2, "empty body", Some(""));
        let null = thread(3, "no body at all", None);
        write(
            &store,
            vec![tw(t.clone()), tw(empty.clone()), tw(null.clone())],
            vec![
                cw(comment(10, 1, tricky, T0)),
                cw(comment(11, 1, "", T0 + 1)),
            ],
        )
        .await;
        assert_eq!(store.thread(REPO, 1).await.expect("read"), Some(t));
        assert_eq!(store.thread(REPO, 2).await.expect("read"), Some(empty));
        assert_eq!(
            store.thread(REPO, 3).await.expect("read"),
            Some(null),
            "null stays null"
        );
        let comments = store.comments_of(REPO, 1).await.expect("comments");
        assert_eq!(comments.len(), 2);
        assert_eq!(comments[0].body, tricky);
        assert_eq!(comments[1].body, "");
        assert_eq!(store.mirror_counts(REPO).await.expect("counts"), (3, 2));
        // NUL cannot be stored in Postgres text: both databases keep U+FFFD in its place.
        write(&store, vec![], vec![cw(comment(12, 1, "a\0b", T0 + 2))]).await;
        assert_eq!(
            store.comments_of(REPO, 1).await.expect("read")[2].body,
            "a\u{FFFD}b"
        );
    }
);

both_backends!(
    an_older_version_never_overwrites_a_newer_one,
    |db: TestDb| async move {
        let store = db.store().await;
        let mut newer = thread(1, "edited title", Some("new"));
        newer.updated_at = T0 + 10 * HOUR;
        let mut older = thread(1, "original title", Some("old"));
        older.updated_at = T0 + 5 * HOUR;
        write(&store, vec![tw(newer.clone())], vec![]).await;
        let stats = store
            .write_mirror(REPO, &[tw(older)], &[], None, now_ms())
            .await
            .expect("write");
        assert_eq!(stats.threads_written, 0, "the stale row is skipped");
        assert_eq!(
            store.thread(REPO, 1).await.expect("read").map(|t| t.title),
            Some("edited title".into())
        );
        // Comments too.
        write(
            &store,
            vec![],
            vec![cw(comment(7, 1, "edited", T0 + 9 * HOUR))],
        )
        .await;
        write(
            &store,
            vec![],
            vec![cw(comment(7, 1, "first draft", T0 + 2 * HOUR))],
        )
        .await;
        assert_eq!(
            store.comments_of(REPO, 1).await.expect("read")[0].body,
            "edited"
        );
    }
);

both_backends!(deleted_rows_do_not_come_back, |db: TestDb| async move {
    let store = db.store().await;
    write(
        &store,
        vec![tw(thread(1, "a", None)), tw(thread(2, "b", None))],
        vec![
            cw(comment(5, 1, "on one", T0)),
            cw(comment(6, 2, "on two", T0)),
        ],
    )
    .await;
    assert!(
        store
            .delete_comment(REPO, 6, now_ms())
            .await
            .expect("delete")
    );
    assert!(
        store
            .delete_thread(REPO, 1, now_ms())
            .await
            .expect("delete")
    );
    // A late event carrying them again changes nothing.
    let mut late = thread(1, "a, edited later", None);
    late.updated_at += 100 * HOUR;
    write(
        &store,
        vec![tw(late)],
        vec![cw(comment(6, 2, "resurrected?", T0 + 100 * HOUR))],
    )
    .await;
    assert!(store.thread(REPO, 1).await.expect("read").is_none());
    assert!(
        store.comments_of(REPO, 1).await.expect("read").is_empty(),
        "its comments went with it"
    );
    assert!(store.comments_of(REPO, 2).await.expect("read").is_empty());
    assert_eq!(store.mirror_counts(REPO).await.expect("counts"), (1, 0));
});

both_backends!(list_filters_sorts_and_limits, |db: TestDb| async move {
    let store = db.store().await;
    let mut threads = Vec::new();
    for n in 1..=6 {
        let mut t = thread(n, &format!("thread {n}"), None);
        t.labels = match n % 3 {
            0 => vec!["bug".into(), "Windows".into()],
            1 => vec!["bug".into()],
            _ => vec!["enhancement".into(), "50%_done".into()],
        };
        t.comment_count = 10 - n;
        t.reactions.plus_one = n;
        if n == 4 {
            t.state = ThreadState::Closed;
        }
        threads.push(tw(t));
    }
    write(&store, threads, vec![]).await;
    let list = |state, labels: &[&str], sort, limit| {
        let store = store.clone();
        let q = ListQuery {
            state,
            labels: labels.iter().map(|s| s.to_string()).collect(),
            unlabeled: false,
            sort,
            limit,
        };
        async move {
            store
                .list_threads(REPO, &q)
                .await
                .expect("list")
                .iter()
                .map(|t| t.number)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        list(Some(ThreadState::Open), &[], ListSort::Created, 30).await,
        [6, 5, 3, 2, 1]
    );
    assert_eq!(list(None, &[], ListSort::Created, 2).await, [6, 5]);
    assert_eq!(
        list(Some(ThreadState::Closed), &[], ListSort::Created, 30).await,
        [4]
    );
    assert_eq!(
        list(None, &["BUG"], ListSort::Created, 30).await,
        [6, 4, 3, 1],
        "labels are case-insensitive"
    );
    assert_eq!(
        list(None, &["bug", "windows"], ListSort::Created, 30).await,
        [6, 3],
        "all labels must match"
    );
    assert_eq!(
        list(None, &["50%_done"], ListSort::Created, 30).await,
        [5, 2],
        "LIKE wildcards are literal"
    );
    assert_eq!(
        list(None, &["50"], ListSort::Created, 30).await,
        Vec::<i64>::new(),
        "whole names only"
    );
    assert_eq!(list(None, &[], ListSort::Comments, 3).await, [1, 2, 3]);
    assert_eq!(list(None, &[], ListSort::Reactions, 2).await, [6, 5]);
});

both_backends!(
    search_stems_ranks_and_matches_phrases,
    |db: TestDb| async move {
        let store = db.store().await;
        write(
            &store,
            vec![
                tw(thread(
                    1,
                    "Crash when loading checkpoints",
                    Some("The loader crashes on big files."),
                )),
                tw(thread(
                    2,
                    "Docs: typo",
                    Some("A typo in the loading section."),
                )),
                tw(thread(
                    3,
                    "Memory leak",
                    Some("Leaks memory after an illegal memory access was reported."),
                )),
                tw(thread(4, "Unrelated", Some("Nothing to see here."))),
            ],
            vec![cw(comment(
                20,
                4,
                "Same crash: loading a checkpoint fails for me too",
                T0,
            ))],
        )
        .await;
        let search = |q: &str, state| {
            let store = store.clone();
            let query = SearchQuery::parse(q);
            async move {
                store
                    .search_threads(REPO, &query, state, 10)
                    .await
                    .expect("search")
                    .into_iter()
                    .map(|h| h.thread.number)
                    .collect::<Vec<_>>()
            }
        };
        // Stemming: "crashing" finds "crash" and "crashes"; comments count for their thread.
        let hits = search("crashing", None).await;
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0], 1, "the title match ranks first");
        assert!(hits.contains(&4), "found through its comment");
        // All words must match.
        assert_eq!(search("loading typo", None).await, [2]);
        // A quoted phrase matches as written, in order.
        assert_eq!(search("\"illegal memory access\"", None).await, [3]);
        assert!(search("\"access memory illegal\"", None).await.is_empty());
        // State filter; syntax in the query is text, not search operators.
        assert!(search("crash", Some(ThreadState::Closed)).await.is_empty());
        assert!(search("crash OR NOT* (AND) -typo", None).await.is_empty());
        // Any-word mode finds partial matches.
        let any = store
            .search_threads(REPO, &SearchQuery::parse("typo leak").relaxed(), None, 10)
            .await
            .expect("search");
        let mut numbers: Vec<i64> = any.iter().map(|h| h.thread.number).collect();
        numbers.sort_unstable();
        assert_eq!(numbers, [2, 3]);
    }
);

both_backends!(references_are_kept_per_origin, |db: TestDb| async move {
    let store = db.store().await;
    let pr = ThreadWrite {
        thread: Thread {
            is_pull_request: true,
            ..thread(5, "Fix the crash", Some("Fixes #1"))
        },
        refs: vec![(RefKind::Closes, 1), (RefKind::Mention, 1)],
    };
    write(
        &store,
        vec![tw(thread(1, "crash", None)), pr],
        vec![CommentWrite {
            comment: comment(30, 1, "Duplicate of #2", T0),
            refs: vec![(RefKind::Duplicate, 2), (RefKind::Mention, 2)],
        }],
    )
    .await;
    let refs = store.refs_touching(REPO, 1).await.expect("refs");
    assert!(
        refs.iter()
            .any(|r| r.source == 5 && r.target == 1 && r.kind == RefKind::Closes)
    );
    assert!(
        refs.iter()
            .any(|r| r.source == 1 && r.target == 2 && r.kind == RefKind::Duplicate)
    );
    // Editing the comment replaces its references; deleting it drops them.
    write(
        &store,
        vec![],
        vec![CommentWrite {
            comment: comment(30, 1, "Not a duplicate after all, see #3", T0 + 1000),
            refs: vec![(RefKind::Mention, 3)],
        }],
    )
    .await;
    let refs = store.refs_touching(REPO, 1).await.expect("refs");
    assert!(!refs.iter().any(|r| r.target == 2));
    assert!(refs.iter().any(|r| r.target == 3));
    store
        .delete_comment(REPO, 30, now_ms())
        .await
        .expect("delete");
    assert!(
        !store
            .refs_touching(REPO, 1)
            .await
            .expect("refs")
            .iter()
            .any(|r| r.target == 3)
    );
    store
        .add_timeline_refs(REPO, 1, &[9, 1])
        .await
        .expect("timeline");
    let refs = store.refs_touching(REPO, 1).await.expect("refs");
    assert!(
        refs.iter()
            .any(|r| r.source == 9 && r.kind == RefKind::Timeline)
    );
    assert!(
        !refs.iter().any(|r| r.source == 1 && r.target == 1),
        "no self references"
    );
});

both_backends!(
    a_full_sync_sweeps_what_it_did_not_see,
    |db: TestDb| async move {
        let store = db.store().await;
        store
            .write_mirror(
                REPO,
                &[tw(thread(1, "old", None)), tw(thread(2, "gone", None))],
                &[cw(comment(1, 2, "x", T0))],
                None,
                1_000,
            )
            .await
            .expect("write");
        // A later pass sees only #1.
        store
            .write_mirror(REPO, &[tw(thread(1, "old", None))], &[], None, 5_000)
            .await
            .expect("write");
        assert_eq!(
            store.sweep_unseen(REPO, 4_000).await.expect("sweep"),
            (1, 1)
        );
        assert!(store.thread(REPO, 2).await.expect("read").is_none());
        assert!(store.thread(REPO, 1).await.expect("read").is_some());
    }
);

both_backends!(
    a_reply_is_claimed_once_unless_its_claim_was_abandoned,
    |db: TestDb| async move {
        let store = db.store().await;
        let (repo, source) = ("acme/widgets", "comment:1");
        assert!(
            store
                .claim_reply(repo, source, "refusal", 1_000)
                .await
                .expect("claim")
        );
        assert!(
            !store
                .claim_reply(repo, source, "refusal", 2_000)
                .await
                .expect("claim")
        );
        assert!(
            store
                .claim_reply(repo, source, "failure", 2_000)
                .await
                .expect("claim")
        );
        // Ten minutes on, a claim that never got its comment is free again...
        assert!(
            store
                .claim_reply(repo, source, "refusal", 700_000)
                .await
                .expect("claim")
        );
        assert!(
            !store
                .claim_reply(repo, source, "refusal", 700_001)
                .await
                .expect("claim")
        );
        // ...but never one whose comment was posted.
        store
            .set_reply_comment(repo, source, "failure", 42)
            .await
            .expect("set");
        assert!(
            !store
                .claim_reply(repo, source, "failure", 10_000_000)
                .await
                .expect("claim")
        );
        // Given back: claimable at once.
        store
            .release_reply(repo, source, "refusal")
            .await
            .expect("release");
        assert!(
            store
                .claim_reply(repo, source, "refusal", 700_002)
                .await
                .expect("claim")
        );
    }
);

both_backends!(
    the_state_filter_applies_before_the_best_matches_are_kept,
    |db: TestDb| async move {
        let store = db.store().await;
        // 600 closed threads that match better than the one open thread.
        let mut threads: Vec<ThreadWrite> = (1..=600)
            .map(|n| {
                let mut t = thread(n, "widget widget widget", Some("widget widget"));
                t.state = ThreadState::Closed;
                tw(t)
            })
            .collect();
        threads.push(tw(thread(
            601,
            "A long title that mentions a widget once among many other words",
            Some("Nothing else here."),
        )));
        write(&store, threads, vec![]).await;
        let open = store
            .search_threads(
                REPO,
                &SearchQuery::parse("widget"),
                Some(ThreadState::Open),
                10,
            )
            .await
            .expect("search");
        assert_eq!(
            open.iter().map(|h| h.thread.number).collect::<Vec<_>>(),
            [601]
        );
    }
);
