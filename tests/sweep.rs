//! The maintenance sweep: one hand-written thread per reason and per trap it must not fall
//! into, the drafted comments, its precision on the labelled sets, and `sweep`/`plan`
//! through the binary.

mod common;
#[path = "common/quality.rs"]
mod quality;

use coordinator::analysis::{
    Proposal, RepoIndex, SweepReason, SweepSettings, ThreadDoc, TriageConfig,
};
use coordinator::store::{Comment, Reactions, RepoName, Thread, ThreadState};

use common::corpus::{self, Corpus, named, write_corpus_to_store};
use common::*;
use quality::{build, sweep_report};

const DAY: i64 = 86_400_000;
/// 2026-11-01.
const NOW: i64 = 1_793_491_200_000;

fn issue(number: i64, title: &str, body: &str, age_days: i64) -> Thread {
    let created = NOW - age_days * DAY;
    Thread {
        repo: "acme/widgets".into(),
        number,
        github_id: 7_000_000 + number,
        is_pull_request: false,
        title: title.into(),
        body: Some(body.into()),
        state: ThreadState::Open,
        state_reason: None,
        user: Some(format!("reporter{number}")),
        author_association: Some("NONE".into()),
        labels: Vec::new(),
        reactions: Reactions::default(),
        comment_count: 0,
        created_at: created,
        updated_at: created,
        closed_at: None,
        merged: None,
        draft: None,
        html_url: format!("https://github.com/acme/widgets/issues/{number}"),
    }
}

fn pull(number: i64, title: &str, body: &str, age_days: i64, merged: bool) -> Thread {
    let mut t = issue(number, title, body, age_days);
    t.is_pull_request = true;
    t.html_url = format!("https://github.com/acme/widgets/pull/{number}");
    if merged {
        t.state = ThreadState::Closed;
        t.merged = Some(true);
        t.closed_at = Some(t.created_at + DAY);
    } else {
        t.merged = Some(false);
        t.draft = Some(false);
    }
    t
}

fn closed(mut t: Thread, reason: &str) -> Thread {
    t.state = ThreadState::Closed;
    t.state_reason = Some(reason.into());
    t.closed_at = Some(t.created_at + 2 * DAY);
    t
}

fn said(number: i64, id: i64, who: &str, association: &str, body: &str, age_days: i64) -> Comment {
    let at = NOW - age_days * DAY;
    Comment {
        repo: "acme/widgets".into(),
        id,
        number,
        user: Some(who.into()),
        author_association: Some(association.into()),
        body: body.into(),
        reactions: Reactions::default(),
        created_at: at,
        updated_at: at,
        html_url: None,
    }
}

fn doc(thread: Thread, comments: Vec<Comment>) -> ThreadDoc {
    let mut thread = thread;
    thread.comment_count = comments.len() as i64;
    if let Some(last) = comments.iter().map(|c| c.created_at).max() {
        thread.updated_at = thread.updated_at.max(last);
    }
    ThreadDoc::new(thread, comments)
}

fn maint(n: i64, id: i64, body: &str, age: i64) -> Comment {
    said(n, id, "maint-ada", "MEMBER", body, age)
}

/// One issue per reason, and the traps next to each.
fn tracker() -> Vec<ThreadDoc> {
    let bug = "`render_table(rows=[])` raises `ValueError: max() arg is an empty sequence` in `widgets/table.py`.";
    vec![
        // 1: fixed by merged PR 2.
        doc(issue(1, "Empty tables crash render_table", bug, 60), vec![]),
        doc(
            pull(2, "Render empty tables", "Fixes #1.", 40, true),
            vec![],
        ),
        // 3: claimed by merged PR 4, but the reporter says it still happens after the merge.
        doc(
            issue(
                3,
                "Tooltip cut at 80 characters",
                "`Tooltip(text='a' * 100)` shows 80.",
                60,
            ),
            vec![said(
                3,
                301,
                "reporter3",
                "NONE",
                "Still happens on the release with #4: it is cut at 120 now.",
                10,
            )],
        ),
        doc(pull(4, "Longer tooltips", "Fixes #3.", 40, true), vec![]),
        // 5: a duplicate of closed 6, said by a maintainer.
        doc(
            closed(
                issue(
                    6,
                    "Palette loader rejects names with spaces",
                    "KeyError: 'dark slate'",
                    200,
                ),
                "completed",
            ),
            vec![],
        ),
        doc(
            issue(
                5,
                "KeyError for 'dark slate'",
                "load_palette(['dark slate']) raises KeyError.",
                50,
            ),
            vec![maint(
                5,
                501,
                "Duplicate of #6, fixed in the 2.4 release.",
                45,
            )],
        ),
        // 7: a duplicate of an issue that is still open: not closable by the sweep.
        doc(
            issue(8, "Slider jumps on drag", "The slider jumps.", 300),
            vec![],
        ),
        doc(
            issue(7, "Slider jumps when dragged fast", "Jumps to 0.", 100),
            vec![maint(7, 701, "Duplicate of #8.", 95)],
        ),
        // 9: information asked for 200 days ago, never given.
        doc(
            issue(
                9,
                "Crash sometimes",
                "It crashes sometimes when I resize.",
                220,
            ),
            vec![maint(
                9,
                901,
                "Which version and which OS? Can you share the traceback?",
                200,
            )],
        ),
        // 10: the same, asked 20 days ago: too early.
        doc(
            issue(10, "Crash on resize", "Resizing crashes.", 30),
            vec![maint(
                10,
                1001,
                "Which version? Can you share the traceback?",
                20,
            )],
        ),
        // 11: a question a maintainer answered 60 days ago, nobody came back.
        doc(
            issue(
                11,
                "How do I set a default font for every widget?",
                "Is there a global setting?",
                70,
            ),
            vec![maint(
                11,
                1101,
                "Use `widgets.configure(font=...)` once at start-up; see the theming guide.",
                60,
            )],
        ),
        // 12: reported on 1.2.0, older than the supported 2.0, nobody engaged.
        doc(
            issue(
                12,
                "Menu flickers",
                "The menu flickers on hover.\n\nwidgets 1.2.0",
                400,
            ),
            vec![],
        ),
        // 13: on 1.2.0 too, but a maintainer pointed at the code: still there.
        doc(
            issue(
                13,
                "Grid rounding",
                "Columns are one pixel short.\n\nwidgets 1.2.0",
                400,
            ),
            vec![maint(
                13,
                1301,
                "Still the case on main: `layout_grid` in `widgets/layout.py` drops the remainder.",
                380,
            )],
        ),
        // 14: on 1.2.0, but someone runs it on 2.1.0 since.
        doc(
            issue(
                14,
                "Theme reload leaks handles",
                "ResourceWarning: unclosed file\n\nwidgets 1.2.0",
                400,
            ),
            vec![said(
                14,
                1401,
                "someone",
                "NONE",
                "Same with widgets 2.1.0 here.",
                200,
            )],
        ),
        // 15: would be stale, but an open PR claims it.
        doc(
            issue(15, "Export fails", "Export fails sometimes.", 300),
            vec![maint(15, 1501, "Can you share the file that fails?", 290)],
        ),
        doc(
            pull(16, "Handle odd export files", "Fixes #15.", 5, false),
            vec![],
        ),
        // 17: asked long ago, but by a maintainer without the machine: it waits for one.
        doc(
            issue(
                17,
                "Flicker on one tablet",
                "Only on my tablet with the kiosk profile.",
                300,
            ),
            vec![maint(
                17,
                1701,
                "We can't reproduce without that kiosk profile; can you record the screen when it happens?",
                290,
            )],
        ),
        // 18: names an old build that another dependency drags in, beside the supported one
        // it runs.
        doc(
            issue(
                18,
                "Duplicate class after adding widgets-core",
                "Duplicate class found in (legacy:widgets:1.2.0) and (acme:widgets-core:2.3.0)",
                200,
            ),
            vec![],
        ),
        // 19: fixed by merged PR 20 on a release branch, and a maintainer keeps it open
        // until the fix reaches main: a trap.
        doc(
            issue(
                19,
                "Legend overflow on wide charts",
                "`render_legend(entries)` with 40 entries draws past the chart's edge in `widgets/legend.py`.",
                50,
            ),
            vec![maint(
                19,
                1901,
                "Fixed on release/2.3 by #20. Keeping this open until it is forward-ported to main.",
                20,
            )],
        ),
        doc(
            pull(
                20,
                "[release/2.3] Wrap wide legends",
                "Fixes #19 on the release branch.",
                25,
                true,
            ),
            vec![],
        ),
        // 21: a roadmap one of whose items landed: the item is done, not the roadmap (a
        // trap).
        doc(
            issue(
                21,
                "Roadmap for 3.0",
                "- [ ] Stacked bar charts\n- [ ] Table export to CSV\n- [ ] Theme tokens",
                200,
            ),
            vec![maint(21, 2101, "Table export landed in #22.", 150)],
        ),
        doc(
            pull(
                22,
                "Export tables to CSV",
                "Adds `Table.to_csv()`.",
                155,
                true,
            ),
            vec![],
        ),
        // 23: labelled as waiting for a reproduction, but what it waits for is a machine
        // no maintainer has (a trap).
        doc(
            {
                let mut t = issue(
                    23,
                    "Window freezes on Windows when a chart redraws during a resize",
                    "On Windows 10 the window stops responding when `Chart.redraw()` runs while the window is resized.",
                    300,
                );
                t.labels = vec!["needs repro".into()];
                t
            },
            vec![maint(
                23,
                2301,
                "None of us has a Windows machine to reproduce this, so a minimal project would help.",
                280,
            )],
        ),
        // 24: fixed by merged PR 25 on a release branch, left open in other words until
        // the fix reaches main (a trap).
        doc(
            issue(
                24,
                "Axis labels overlap on log scales",
                "`Axis(scale='log')` draws labels on top of each other in `widgets/axis.py`.",
                60,
            ),
            vec![maint(
                24,
                2401,
                "Fixed in 2.3.1 via the release branch. Leaving this open until the forward-port to main lands.",
                30,
            )],
        ),
        doc(
            pull(
                25,
                "[release/2.3] Space log-scale labels",
                "Fixes #24 on the release branch.",
                35,
                true,
            ),
            vec![],
        ),
        // 26: a question a maintainer answered as far as they could, lacking the service to
        // check what it does (a trap: not settled, not "answered").
        doc(
            {
                let mut t = issue(
                    26,
                    "Bulk export hangs against a hosted warehouse",
                    "The hosted warehouse speaks the protocol, so I tried the bulk export. It sits at 0 rows forever; row-by-row works. Is bulk export supported there?",
                    200,
                );
                t.labels = vec!["question".into()];
                t
            },
            vec![maint(
                26,
                2601,
                "It does not support bulk export as far as I know, but none of us has such a warehouse to verify what it answers. We should fail fast instead of hanging.",
                180,
            )],
        ),
    ]
}

fn settings() -> SweepSettings {
    SweepSettings {
        min_version: Some([2, 0, 0]),
        stale_after_days: 90,
        answered_after_days: 30,
    }
}

fn sweep() -> Vec<Proposal> {
    let index = RepoIndex::build(RepoName::parse("acme/widgets").expect("repo"), tracker());
    index.sweep(&TriageConfig::default(), &settings(), NOW)
}

#[test]
fn each_reason_is_proposed_with_its_evidence_and_the_traps_are_not() {
    let proposals = sweep();
    let got: Vec<(i64, SweepReason)> = proposals.iter().map(|p| (p.number, p.reason)).collect();
    assert_eq!(
        got,
        vec![
            (1, SweepReason::FixedByMergedPr),
            (5, SweepReason::DuplicateOfClosed),
            (9, SweepReason::StaleNeedsInfo),
            (11, SweepReason::Answered),
            (12, SweepReason::OldVersion),
        ],
        "{proposals:#?}"
    );
    let of = |n: i64| proposals.iter().find(|p| p.number == n).expect("proposed");
    assert_eq!(of(1).related, vec![2]);
    assert!(
        of(1).evidence[0].contains("merged PR #2"),
        "{:?}",
        of(1).evidence
    );
    assert_eq!(of(5).related, vec![6]);
    assert!(
        of(5)
            .evidence
            .iter()
            .any(|e| e.contains("#6") && e.contains("closed"))
    );
    assert!(
        of(9).evidence[0].contains("maint-ada"),
        "{:?}",
        of(9).evidence
    );
    assert!(
        of(11).evidence[0].contains("widgets.configure"),
        "{:?}",
        of(11).evidence
    );
    assert!(of(12).evidence[0].contains("1.2.0") && of(12).evidence[0].contains("2.0.0"));
    assert_eq!(SweepReason::DuplicateOfClosed.state_reason(), "duplicate");
    assert_eq!(SweepReason::StaleNeedsInfo.state_reason(), "not_planned");
    assert_eq!(SweepReason::FixedByMergedPr.state_reason(), "completed");

    // Without a supported version configured, an old version is no reason.
    let index = RepoIndex::build(RepoName::parse("acme/widgets").expect("repo"), tracker());
    let none = index.sweep(
        &TriageConfig::default(),
        &SweepSettings {
            min_version: None,
            ..settings()
        },
        NOW,
    );
    assert!(none.iter().all(|p| p.reason != SweepReason::OldVersion));
}

#[test]
fn a_merged_fix_settles_an_urgent_issue_and_a_label_can_make_the_question() {
    let mut urgent = issue(
        30,
        "Reload drops requests for two seconds",
        "Since 2.1.0 every reload drops requests for about two seconds.",
        80,
    );
    urgent.labels = vec!["regression".into()];
    let mut asked = issue(
        32,
        "The stats page returns 404",
        "Stats enabled in the config, and `curl https://example.test/stats` answers 404.",
        90,
    );
    asked.labels = vec!["question".into()];
    let docs = vec![
        doc(urgent, vec![]),
        doc(
            pull(
                31,
                "Keep the old handler until the new one is ready",
                "Fixes #30",
                70,
                true,
            ),
            vec![],
        ),
        // A question only by its label; the maintainer's answer stood for two months.
        doc(
            asked,
            vec![maint(
                32,
                3201,
                "The stats page has its own listener, `stats.listen`, not the main port. Use `curl http://127.0.0.1:9180/stats` on the host.",
                60,
            )],
        ),
        // A request put as "if you can ..., that would help", never answered.
        doc(
            issue(
                33,
                "Export hangs on large files",
                "Exporting a 2 GB widget pack hangs.",
                200,
            ),
            vec![maint(
                33,
                3301,
                "If you can run the export with `--trace` and attach the output, that would help a lot.",
                190,
            )],
        ),
    ];
    let index = RepoIndex::build(RepoName::parse("acme/widgets").expect("repo"), docs);
    let proposals = index.sweep(&TriageConfig::default(), &settings(), NOW);
    let got: Vec<(i64, SweepReason)> = proposals.iter().map(|p| (p.number, p.reason)).collect();
    assert_eq!(
        got,
        vec![
            (30, SweepReason::FixedByMergedPr),
            (32, SweepReason::Answered),
            (33, SweepReason::StaleNeedsInfo),
        ],
        "{proposals:#?}"
    );
    let answered = &proposals[1];
    assert!(
        answered.evidence[0].contains("maint-ada") && answered.evidence[0].contains("9180/stats"),
        "{:?}",
        answered.evidence
    );
}

#[test]
fn the_drafted_comments_say_where_the_fix_or_the_answer_is() {
    let proposals = sweep();
    let text: Vec<String> = proposals
        .iter()
        .map(|p| {
            format!(
                "#{} {}:\n{}",
                p.number,
                p.reason.as_str(),
                p.drafted_comment(Some("2.0"))
            )
        })
        .collect();
    insta::assert_snapshot!("sweep_comments", text.join("\n\n"));
}

/// The sweep's proposals against the labels of the four sets that have them: right in
/// nine cases of ten, and never an issue the labels keep open.
#[test]
fn the_sweep_is_right_on_the_labelled_sets() {
    let mut proposed = 0;
    let mut right = 0;
    let mut wrong = Vec::new();
    for name in ["webframe", "cli", "jslib", "heldout"] {
        let corpus: &Corpus = named(name);
        let r = sweep_report(corpus);
        assert!(r.judged >= 40, "{name}: {} judged", r.judged);
        proposed += r.proposed;
        right += r.right;
        assert_eq!(
            r.closable_proposed, r.proposed,
            "{name}: an issue the labels keep open was proposed: {:?}",
            r.wrong
        );
        wrong.extend(r.wrong.iter().map(|w| format!("{name}: {w}")));
    }
    assert!(proposed >= 30, "only {proposed} proposals");
    assert!(
        right * 10 >= proposed * 9,
        "{right}/{proposed} right:\n{}",
        wrong.join("\n")
    );
    // On the sets written since, the reason may differ from the labeller's, but nothing
    // the labels keep open is proposed.
    for name in [
        "gpulib",
        "pkgtool",
        "dbdriver",
        "proxy",
        "term",
        "jvmhttp",
        "meshkit",
        "jobrunner",
        "bundler",
        "phpweb",
        "dotnet",
        "elixir",
        "swiftimg",
        "driftline",
        "tfnimbus",
        "shelfapp",
    ] {
        let r = sweep_report(named(name));
        assert!(r.proposed > 0, "{name}: nothing proposed");
        assert_eq!(
            r.closable_proposed, r.proposed,
            "{name}: an issue the labels keep open was proposed: {:?}",
            r.wrong
        );
    }
}

fn run(db: &TestDb, repo: &str, args: &[&str]) -> (Option<i32>, String, String) {
    run_coordinator(
        &[
            ("DATABASE_URL", &db.process_url()),
            ("COORDINATOR_REPO", repo),
        ],
        args,
    )
}

both_backends!(sweep_and_plan_through_the_binary, |db: TestDb| async move {
    let corpus = named("webframe");
    let store = db.store().await;
    write_corpus_to_store(store.as_ref(), corpus).await;
    let repo = corpus.repo.to_string();
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("coordinator.toml");
    std::fs::write(&config, "[sweep]\nmin_version = \"1.4\"\n").expect("config");
    let config = config.to_string_lossy().to_string();

    // The sweep: what the analysis proposes now, in the contract's shape.
    let (code, out, err) = run(&db, &repo, &["sweep", "--config", &config, "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).expect("json");
    let index = build(corpus, corpus.docs.clone());
    let expected: Vec<i64> = index
        .sweep(
            &TriageConfig::default(),
            &SweepSettings {
                min_version: Some([1, 4, 0]),
                stale_after_days: 0,
                answered_after_days: 30,
            },
            coordinator::store::now_ms(),
        )
        .iter()
        .map(|p| p.number)
        .collect();
    let numbers: Vec<i64> = list.iter().filter_map(|p| p["number"].as_i64()).collect();
    assert_eq!(numbers, expected);
    assert!(!list.is_empty());
    for p in &list {
        for key in [
            "number",
            "title",
            "reason",
            "evidence",
            "related",
            "proposed_comment",
        ] {
            assert!(p.get(key).is_some(), "{key} in {p}");
        }
        assert!(
            p["proposed_comment"]
                .as_str()
                .is_some_and(|c| c.contains("reopen"))
        );
    }
    let (code, out, _) = run(&db, &repo, &["sweep", "--config", &config]);
    assert_eq!(code, Some(0));
    assert!(out.contains("nothing was closed"), "{out}");

    // A typo in the version is a usage error, not an empty sweep.
    std::fs::write(
        dir.path().join("bad.toml"),
        "[sweep]\nmin_version = \"one.four\"\n",
    )
    .expect("config");
    let bad = dir.path().join("bad.toml").to_string_lossy().to_string();
    let (code, _, err) = run(&db, &repo, &["sweep", "--config", &bad]);
    assert_eq!(code, Some(2));
    assert!(err.contains("min_version"), "{err}");

    // The plan: ready issues only, each prompt written, one launch command each.
    let prompts = dir.path().join("prompts");
    let prompts_arg = prompts.to_string_lossy().to_string();
    let (code, out, err) = run(
        &db,
        &repo,
        &["plan", "--top", "3", "--out", &prompts_arg, "--json"],
    );
    assert_eq!(code, Some(0), "{err}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).expect("json");
    assert!(!rows.is_empty() && rows.len() <= 3, "{rows:?}");
    for row in &rows {
        for key in [
            "number",
            "title",
            "score",
            "reasons",
            "path",
            "launch_command",
        ] {
            assert!(row.get(key).is_some(), "{key} in {row}");
        }
        let number = row["number"].as_i64().expect("number");
        let verdict = index
            .triage(
                number,
                &TriageConfig::default(),
                coordinator::store::now_ms(),
            )
            .expect("indexed");
        assert!(
            verdict.actionable,
            "#{number} is not ready: {:?}",
            verdict.blockers
        );
        let path = row["path"].as_str().expect("path");
        let text = std::fs::read_to_string(path).expect("prompt written");
        assert!(text.contains(&format!("#{number}")));
        assert!(
            row["launch_command"]
                .as_str()
                .is_some_and(|c| c.contains(path))
        );
    }
    let (code, out, _) = run(&db, &repo, &["plan", "--top", "2", "--out", &prompts_arg]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("| # | issue |"), "{out}");
    let (code, _, err) = run(&db, &repo, &["plan", "--top", "0"]);
    assert_eq!(code, Some(2), "{err}");
});

#[test]
fn a_reporter_asked_to_upgrade_from_an_unsupported_version_is_closed_for_that_version() {
    let mut docs = tracker();
    for (n, asked) in [
        (
            40,
            "Version 1.4 kept this state without a TTL. Can you try 2.x?",
        ),
        (
            41,
            "Could you paste the log with `--debug` from the failing run?",
        ),
    ] {
        docs.push(doc(
            issue(
                n,
                "Busy jobs never clear after a restart",
                "The busy page keeps showing jobs whose processes are gone.\n\nwidgets 1.4.0",
                400,
            ),
            vec![
                maint(n, n * 10, asked, 398),
                said(
                    n,
                    n * 10 + 1,
                    &format!("reporter{n}"),
                    "NONE",
                    "We are stuck on 1.4 for now, will report back.",
                    396,
                ),
            ],
        ));
    }
    let index = RepoIndex::build(RepoName::parse("acme/widgets").expect("repo"), docs);
    let proposals = index.sweep(&TriageConfig::default(), &settings(), NOW);
    let reason = |n: i64| proposals.iter().find(|p| p.number == n).map(|p| p.reason);
    // Asked to upgrade: the unsupported version is why it can close.
    assert_eq!(reason(40), Some(SweepReason::OldVersion), "{proposals:#?}");
    // Asked for something else on the same version: the answer never came.
    assert_eq!(
        reason(41),
        Some(SweepReason::StaleNeedsInfo),
        "{proposals:#?}"
    );
}

#[test]
fn a_maintainer_who_says_it_is_the_same_thing_as_a_closed_issue_makes_it_a_duplicate() {
    let earlier = || {
        doc(
            closed(
                issue(
                    60,
                    "CSRF verification failed behind Traefik",
                    "Origin checking failed.",
                    300,
                ),
                "completed",
            ),
            vec![],
        )
    };
    let build = |report: ThreadDoc| {
        RepoIndex::build(
            RepoName::parse("acme/widgets").expect("repo"),
            vec![earlier(), report],
        )
        .sweep(&TriageConfig::default(), &settings(), NOW)
    };
    let proposals = build(doc(
        issue(
            61,
            "CSRF verification failed",
            "Origin checking failed.",
            60,
        ),
        vec![maint(
            61,
            611,
            "Same thing as #60: set the trusted origins. Leaving this open so you can confirm.",
            59,
        )],
    ));
    let p = proposals.iter().find(|p| p.number == 61);
    assert_eq!(
        p.map(|p| p.reason),
        Some(SweepReason::DuplicateOfClosed),
        "{proposals:#?}"
    );
    assert!(
        p.is_some_and(|p| p.evidence.iter().any(|e| e.contains("Same thing as #60"))),
        "{proposals:#?}"
    );
    // A reporter's own "same as #60" is a guess: not enough to close on.
    let proposals = build(doc(
        issue(
            61,
            "CSRF verification failed",
            "Origin checking failed, same as #60 maybe.",
            60,
        ),
        vec![],
    ));
    assert!(
        proposals
            .iter()
            .all(|p| p.number != 61 || p.reason != SweepReason::DuplicateOfClosed),
        "{proposals:#?}"
    );
}
