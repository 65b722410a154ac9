//! The triage's outcomes, one hand-written thread each: what happened in the tracker (a
//! merged or open pull request, a duplicate, a maintainer's word, a label nobody answered)
//! decides, says why, and reaches the prompt.

use coordinator::analysis::{Outcome, RepoIndex, TriageConfig, Verdict};
use coordinator::config::repo::RepoConfig;
use coordinator::prompt::render::Templates;
use coordinator::prompt::{Gathered, PromptRequest, assemble};
use coordinator::store::{Comment, Reactions, RepoName, Thread, ThreadDoc, ThreadState};

const DAY: i64 = 86_400_000;
/// 2026-11-01.
const NOW: i64 = 1_793_491_200_000;

fn repo() -> RepoName {
    RepoName::parse("acme/widgets").expect("repo name")
}

/// A thread opened `age_days` before [`NOW`].
fn thread(number: i64, title: &str, body: &str, age_days: i64) -> Thread {
    let created = NOW - age_days * DAY;
    Thread {
        repo: "acme/widgets".into(),
        number,
        github_id: 5_000_000 + number,
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
    let mut t = thread(number, title, body, age_days);
    t.is_pull_request = true;
    t.user = Some("contributor".into());
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

/// A comment by `user` (`MEMBER` makes a maintainer), `age_days` before [`NOW`].
fn comment(
    number: i64,
    id: i64,
    user: &str,
    association: &str,
    body: &str,
    age_days: i64,
) -> Comment {
    let at = NOW - age_days * DAY;
    Comment {
        repo: "acme/widgets".into(),
        id,
        number,
        user: Some(user.into()),
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
    ThreadDoc::new(thread, comments)
}

/// A report with everything an agent needs: a reproduction, the error, the code.
const GOOD_REPORT: &str = "Parsing a widget spec with an empty `size` field crashes instead of reporting \
the field.\n\n```python\nfrom widgets import parse_spec\nparse_spec({\"size\": \"\"})\n```\n\n\
```\nTraceback (most recent call last):\n  File \"repro.py\", line 2, in <module>\n    \
parse_spec({\"size\": \"\"})\n  File \"widgets/spec.py\", line 88, in parse_spec\n    \
width, height = value.split(\"x\")\nValueError: not enough values to unpack (expected 2, got 1)\n```\n\n\
Expected: a `SpecError` naming `size`. Actual: the `ValueError` above.\n";

/// The tracker of these tests: one issue per outcome, the pull requests and threads around
/// them, and unrelated threads so the ranking has a background.
fn docs() -> Vec<ThreadDoc> {
    let mut docs = Vec::new();
    let maint = |n, id, body: &str, age| comment(n, id, "maint-ada", "MEMBER", body, age);

    // 1: ready for an agent.
    docs.push(doc(
        thread(
            1,
            "parse_spec crashes on an empty size field",
            GOOD_REPORT,
            20,
        ),
        vec![],
    ));

    // 2, fixed by merged PR 3 (which says so).
    docs.push(doc(
        thread(2, "Colour names with spaces are rejected by the palette loader", "Loading a palette with `dark slate` raises `KeyError: 'dark slate'` in `widgets/palette.py` `load_palette`.\n\n```python\nload_palette(['dark slate'])\n```\n", 40),
        vec![],
    ));
    docs.push(doc(
        pull(
            3,
            "Accept colour names with spaces in load_palette",
            "Fixes #2.\n\nNormalise the names before the lookup.",
            30,
            true,
        ),
        vec![],
    ));

    // 4, claimed by open PR 5.
    docs.push(doc(
        thread(4, "Rounding error in the grid layout for odd column counts", "With `columns=3` the last column is one pixel short: `layout_grid(width=100, columns=3)` returns widths 33, 33, 33.\n\nExpected the widths to add up to 100. The code is in `widgets/layout.py` `layout_grid`.", 25),
        vec![],
    ));
    docs.push(doc(
        pull(
            5,
            "Distribute the remainder across grid columns",
            "Closes #4. Still needs a test for zero columns.",
            5,
            false,
        ),
        vec![],
    ));

    // 6, a duplicate of closed 7.
    let mut seven = thread(
        7,
        "Theme reload leaks file handles",
        "Each call to `reload_theme` opens the theme file and never closes it: `ResourceWarning: unclosed file`.",
        200,
    );
    seven.state = ThreadState::Closed;
    seven.state_reason = Some("completed".into());
    seven.closed_at = Some(NOW - 150 * DAY);
    docs.push(doc(seven, vec![]));
    docs.push(doc(
        thread(6, "Too many open files after reloading the theme in a loop", "After a few thousand `reload_theme()` calls: `OSError: [Errno 24] Too many open files`.", 10),
        vec![maint(6, 601, "Duplicate of #7, which has the explanation.", 9)],
    ));

    // 8, declined by a maintainer.
    docs.push(doc(
        thread(8, "Render widgets to PDF directly", "It would be nice if `render()` could write PDF files without the SVG step, using `widgets/render.py`.", 60),
        vec![maint(8, 801, "Thanks for the idea, but we won't fix this: PDF output belongs in a separate package.", 58)],
    ));

    // 9, waiting for information that never came.
    let mut nine = thread(
        9,
        "Slider jumps sometimes",
        "The slider jumps to the start sometimes when I drag it.",
        90,
    );
    nine.labels = vec!["waiting for info".into()];
    docs.push(doc(
        nine,
        vec![maint(
            9,
            901,
            "Which version and which browser? Can you share a minimal example that shows it?",
            88,
        )],
    ));

    // 10, a usage question a maintainer answered.
    let mut ten = thread(
        10,
        "How do I set a default font for every widget?",
        "I tried passing `font=` to each widget but is there a global setting?",
        30,
    );
    ten.labels = vec!["question".into()];
    docs.push(doc(
        ten,
        vec![maint(
            10,
            1001,
            "Use `widgets.configure(font=...)` once at start-up; see the theming guide.",
            29,
        )],
    ));

    // 11, the installation, not the code: a native library that does not load.
    docs.push(doc(
        thread(11, "Import fails after upgrading", "```\n>>> import widgets\nOSError: libcairo.so.2: cannot open shared object file: No such file or directory\n```\n", 12),
        vec![],
    ));

    // 12, only on one platform.
    docs.push(doc(
        thread(12, "Clipboard copy of a widget fails on macOS only", "On macOS 14, `copy_to_clipboard(widget)` raises `RuntimeError: pasteboard unavailable`. Linux works.\n\n```python\ncopy_to_clipboard(Button('x'))\n```\n", 15),
        vec![],
    ));

    // 13, a feature request nobody agreed to.
    docs.push(doc(
        thread(13, "Support for animated widgets", "**Is your feature request related to a problem? Please describe.**\nI want widgets that animate.\n\n**Describe the solution you'd like**\nAn `animate()` method on every widget.\n", 14),
        vec![],
    ));

    // 14, a good report whose conversation has the bot's own comment and a bare command.
    docs.push(doc(
        thread(14, "Tooltip text is cut at 80 characters", "`Tooltip(text=long)` shows only the first 80 characters: `widgets/tooltip.py` line 41 slices `text[:80]`.\n\n```python\nTooltip(text='a' * 100).render()\n```\n\nExpected the whole text, wrapped.", 8),
        vec![
            comment(14, 1401, "maint-ada", "MEMBER", "/coordinate", 7),
            comment(14, 1402, "coordinator[bot]", "NONE", "Working on it: a worker prompt for #14 is being written.", 7),
            comment(14, 1403, "someone", "NONE", "Same here: the limit in `widgets/tooltip.py` looks deliberate but the docs do not say so.", 6),
        ],
    ));

    // 15, placeholders and cut words only.
    docs.push(doc(
        thread(15, "Error in my app", "When I run `path/to/your/app.py` with `<your_config>` it fails in `...`.\n\n```\nfoo.bar(...)\n```\n", 10),
        vec![],
    ));

    // 16, the same error as closed 17, which a maintainer answered without a change.
    let mut seventeen = thread(
        17,
        "ExportError: the svg extra is not installed",
        "Calling `export_svg(widget)`:\n\n```\nExportError: SVG export requires the 'svg' extra: pip install widgets[svg]\n```\n",
        300,
    );
    seventeen.labels = vec!["question".into()];
    seventeen.state = ThreadState::Closed;
    seventeen.state_reason = Some("completed".into());
    seventeen.closed_at = Some(NOW - 290 * DAY);
    docs.push(doc(
        seventeen,
        vec![maint(17, 1701, "Install the extra with `pip install widgets[svg]`; SVG support is optional on purpose.", 295)],
    ));
    docs.push(doc(
        thread(16, "export to svg fails", "```\nwidgets.errors.ExportError: SVG export requires the 'svg' extra: pip install widgets[svg]\n```\nwhen I call export_svg on a button.", 5),
        vec![],
    ));

    // 18, an old report with only an error, nobody confirmed it.
    docs.push(doc(
        thread(
            18,
            "Crash when resizing",
            "Got `IndexError: list index out of range` once while resizing the window.",
            400,
        ),
        vec![],
    ));

    // 19, an error that looks like the network, but the report names the code at fault.
    docs.push(doc(
        thread(19, "Proxy port ignored by the font downloader", "```\nConnectionError: connection refused (proxy 10.0.0.1)\n```\n\n`fetch_font()` in `widgets/fonts.py` drops the port from `HTTPS_PROXY` before connecting.", 6),
        vec![],
    ));

    // Background.
    for (n, title) in [
        (30, "Add a dark theme preset"),
        (31, "Documentation: the layout guide has a broken link"),
        (32, "Button focus ring is invisible on high-contrast themes"),
        (33, "Publish wheels for Python 3.13"),
    ] {
        docs.push(doc(
            thread(n, title, "See the title. Happy to help test.", 100),
            vec![],
        ));
    }
    docs
}

fn index() -> RepoIndex {
    RepoIndex::build(repo(), docs())
}

/// The test tracker ([`docs`]) with `extra` threads added.
fn index_with(extra: impl IntoIterator<Item = ThreadDoc>) -> RepoIndex {
    let mut docs = docs();
    docs.extend(extra);
    RepoIndex::build(repo(), docs)
}

/// A maintainer's (`maint-ada`'s) one comment on `number`; its id is derived from the number.
fn maintainer(number: i64, association: &str, body: &str, age_days: i64) -> Comment {
    comment(
        number,
        number * 10,
        "maint-ada",
        association,
        body,
        age_days,
    )
}

/// The verdict on `thread` (with its comments) in the tracker of these tests.
fn alone(thread: Thread, comments: Vec<Comment>) -> Verdict {
    let number = thread.number;
    verdict(&index_with([doc(thread, comments)]), number)
}

fn verdict(index: &RepoIndex, number: i64) -> Verdict {
    index
        .triage(number, &TriageConfig::default(), NOW)
        .expect("indexed")
}

fn blockers(v: &Verdict) -> String {
    v.blockers.join(" | ")
}

#[test]
fn each_kind_of_issue_gets_its_outcome_and_says_why() {
    let index = index();
    let cases: &[(i64, Outcome, &str)] = &[
        (1, Outcome::AgentReady, ""),
        (
            2,
            Outcome::AlreadyFixedOrClaimed,
            "probably fixed by #3: verify and close",
        ),
        (4, Outcome::AlreadyFixedOrClaimed, "review and complete #5"),
        (6, Outcome::Duplicate, "a duplicate of #7"),
        (8, Outcome::NeedsDecision, "declined"),
        (9, Outcome::NeedsInfo, "waiting for the reporter"),
        (10, Outcome::EnvironmentOrSupport, "support"),
        (11, Outcome::EnvironmentOrSupport, "installation"),
        (12, Outcome::NeedsHardware, "macOS"),
        (13, Outcome::NeedsDecision, "feature request"),
        (14, Outcome::AgentReady, ""),
        (15, Outcome::NeedsInfo, ""),
        (
            16,
            Outcome::EnvironmentOrSupport,
            "closed #17 asked the same",
        ),
        (18, Outcome::NeedsInfo, "an old report"),
        (19, Outcome::AgentReady, ""),
    ];
    let mut wrong = Vec::new();
    for &(number, outcome, says) in cases {
        let v = verdict(&index, number);
        let ok = v.outcome == outcome
            && v.actionable == (outcome == Outcome::AgentReady)
            && blockers(&v).contains(says)
            && (v.actionable || !v.evidence.is_empty());
        if !ok {
            wrong.push(format!(
                "#{number}: expected {} saying {says:?}, got {} | {} | evidence {:?}",
                outcome.as_str(),
                v.outcome.as_str(),
                blockers(&v),
                v.evidence
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // The evidence is something a maintainer can check.
    let v = verdict(&index, 2);
    assert!(
        v.evidence.iter().any(|e| e.contains("merged PR #3")),
        "{:?}",
        v.evidence
    );
    let v = verdict(&index, 4);
    assert_eq!(v.open_pull_requests, vec![5]);
    let v = verdict(&index, 8);
    assert!(
        v.evidence.iter().any(|e| e.contains("won't fix")),
        "{:?}",
        v.evidence
    );
    let v = verdict(&index, 12);
    assert_eq!(v.hardware, vec!["macOS".to_string()]);
    // Placeholders are not code pointers.
    let v = verdict(&index, 15);
    assert!(
        v.reasons
            .iter()
            .all(|r| !r.contains("path/to") && !r.contains("your_config")),
        "{:?}",
        v.reasons
    );
    // Ready ones say what they have to go on.
    let v = verdict(&index, 1);
    assert!(v.blockers.is_empty());
    assert!(!v.evidence.is_empty());
}

#[test]
fn a_merged_fix_is_not_undone_by_silence_but_by_someone_saying_it_still_happens() {
    let mut docs = docs();
    let two = docs
        .iter_mut()
        .find(|d| d.thread.number == 2)
        .expect("issue 2");
    two.comments.push(comment(
        2,
        201,
        "reporter2",
        "NONE",
        "I upgraded to the release with #3 and it still happens with `dark  slate` (two spaces).",
        2,
    ));
    let index = RepoIndex::build(repo(), docs);
    let v = verdict(&index, 2);
    assert_ne!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
}

#[test]
fn candidates_list_only_ready_issues_and_count_the_rest() {
    let index = index();
    let c = index.candidates(&TriageConfig::default(), NOW, 5, false);
    let numbers: Vec<i64> = c.verdicts.iter().map(|v| v.number).collect();
    assert!(numbers.contains(&1) && numbers.contains(&14), "{numbers:?}");
    assert!(c.verdicts.iter().all(|v| v.outcome == Outcome::AgentReady));
    assert_eq!(c.ready(), c.verdicts.len());
    assert!(c.ready() < 5, "a short list, not filled up with the rest");
    assert!(c.count(Outcome::NeedsInfo) >= 2);
    assert_eq!(
        c.count(Outcome::Duplicate),
        1,
        "#6 (#16 asks what #17 answered: support)"
    );
    let summary = c.others_summary();
    assert!(summary.contains("1 duplicate"), "{summary}");
    assert!(summary.contains("needs_decision"), "{summary}");

    let all = index.candidates(&TriageConfig::default(), NOW, 100, true);
    assert_eq!(all.verdicts.len(), all.open);
    // Ready first, then the nearest to ready; claimed and fixed last.
    let outcomes: Vec<Outcome> = all.verdicts.iter().map(|v| v.outcome).collect();
    assert_eq!(outcomes.first(), Some(&Outcome::AgentReady));
    assert_eq!(outcomes.last(), Some(&Outcome::AlreadyFixedOrClaimed));
}

#[test]
fn labels_that_mean_the_same_are_read_alike_and_can_be_configured() {
    let mut docs = docs();
    let one = docs
        .iter_mut()
        .find(|d| d.thread.number == 1)
        .expect("issue 1");
    one.thread.labels = vec!["Status: Needs-Repro".into()];
    let index = RepoIndex::build(repo(), docs.clone());
    assert_eq!(verdict(&index, 1).outcome, Outcome::NeedsInfo);

    // A repository's own word for "waiting for the reporter".
    let one = docs
        .iter_mut()
        .find(|d| d.thread.number == 1)
        .expect("issue 1");
    one.thread.labels = vec!["pending-reporter".into()];
    let index = RepoIndex::build(repo(), docs);
    assert_eq!(verdict(&index, 1).outcome, Outcome::AgentReady);
    let mut config = TriageConfig::default();
    config.info_labels.push("pending reporter".into());
    let v = index.triage(1, &config, NOW).expect("indexed");
    assert_eq!(v.outcome, Outcome::NeedsInfo, "{}", blockers(&v));
}

#[test]
fn a_platform_label_needs_that_platform_unless_the_report_shows_it_on_linux() {
    let mut docs = docs();
    let with = |docs: &mut Vec<ThreadDoc>, label: &str, extra: &str| {
        let one = docs
            .iter_mut()
            .find(|d| d.thread.number == 1)
            .expect("issue 1");
        one.thread.labels = vec![label.into()];
        one.thread.body = Some(format!("{GOOD_REPORT}\n{extra}"));
    };
    // A platform label alone: the platform is needed.
    with(&mut docs, "platform: windows", "");
    let index = RepoIndex::build(repo(), docs.clone());
    let v = verdict(&index, 1);
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    assert_eq!(v.hardware, vec!["platform: windows".to_string()]);

    // The report says the failure shows on Linux too: an agent can test it.
    with(
        &mut docs,
        "platform: windows",
        "The path logic is plain Python, so this can be tested on Linux as well.",
    );
    let index = RepoIndex::build(repo(), docs.clone());
    let v = verdict(&index, 1);
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));

    // A failed reproduction on Linux is not an escape.
    with(
        &mut docs,
        "platform: windows",
        "I can't reproduce it on Linux, only on my Windows laptop.",
    );
    let index = RepoIndex::build(repo(), docs.clone());
    assert_eq!(verdict(&index, 1).outcome, Outcome::NeedsHardware);

    // A maintainer who could not reproduce a platform-bound failure lacks the platform: the
    // verdict is the hardware, and the failed reproduction is part of its evidence.
    with(&mut docs, "platform: windows", "");
    let one = docs
        .iter_mut()
        .find(|d| d.thread.number == 1)
        .expect("issue 1");
    one.comments.push(comment(
        1,
        150,
        "maint-ada",
        "MEMBER",
        "I cannot reproduce this on my machine.",
        3,
    ));
    let index = RepoIndex::build(repo(), docs);
    let v = verdict(&index, 1);
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    assert!(
        v.evidence.iter().any(|e| e.contains("cannot reproduce")),
        "{:?}",
        v.evidence
    );
}

#[test]
fn a_title_only_issue_is_ready_when_a_maintainer_points_at_the_code() {
    let mut docs = docs();
    let mut bare = thread(
        40,
        "widgets-cli fails to build with the newest toml crate",
        "",
        30,
    );
    bare.body = None;
    docs.push(doc(bare, vec![]));
    let index = RepoIndex::build(repo(), docs.clone());
    assert_eq!(verdict(&index, 40).outcome, Outcome::NeedsInfo);

    // About the reporter's own file: still nothing to go on.
    let forty = |docs: &mut Vec<ThreadDoc>| {
        docs.iter_mut()
            .find(|d| d.thread.number == 40)
            .expect("issue 40")
            .comments
            .clear();
    };
    let say = |docs: &mut Vec<ThreadDoc>, body: &str| {
        forty(docs);
        let d = docs
            .iter_mut()
            .find(|d| d.thread.number == 40)
            .expect("issue 40");
        d.comments
            .push(comment(40, 4001, "maint-ada", "MEMBER", body, 29));
        d.thread.comment_count = 1;
    };
    say(&mut docs, "Check the pin in your Cargo.toml first.");
    let index = RepoIndex::build(repo(), docs.clone());
    assert_eq!(verdict(&index, 40).outcome, Outcome::NeedsInfo);

    say(
        &mut docs,
        "The pin is in cli/Cargo.toml: move `toml` to 0.9 and adapt `cli/src/config.rs`.",
    );
    let index = RepoIndex::build(repo(), docs);
    let v = verdict(&index, 40);
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
    assert!(
        v.reasons
            .iter()
            .chain(&v.evidence)
            .any(|e| e.contains("cli/Cargo.toml")),
        "{:?} {:?}",
        v.reasons,
        v.evidence
    );
}

#[test]
fn a_failure_fixed_after_the_version_it_is_reported_on_asks_for_an_upgrade() {
    let table = "```\nTraceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    render_table(rows)\n  File \"widgets/table.py\", line 120, in render_table\n    width = max(len(c) for c in cells)\nValueError: max() arg is an empty sequence\n```\n";
    let gauge = "```\nTraceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    render_gauge(value=None)\n  File \"widgets/gauge.py\", line 31, in render_gauge\n    angle = value * 180\nTypeError: unsupported operand type(s) for *: 'NoneType' and 'int'\n```\n";
    let mut docs = docs();
    // A closed report and the pull request that fixed it, merged 100 days ago.
    let mut fixed = |number: i64, title: &str, body: &str, fix_title: &str| {
        let mut closed = thread(number, title, body, 120);
        closed.state = ThreadState::Closed;
        closed.state_reason = Some("completed".into());
        closed.closed_at = Some(NOW - 100 * DAY);
        docs.push(doc(closed, vec![]));
        let mut fix = pull(
            number + 1,
            fix_title,
            &format!("Fixes #{number}."),
            101,
            true,
        );
        fix.closed_at = Some(NOW - 100 * DAY);
        docs.push(doc(fix, vec![]));
    };
    // The closed report names its version...
    fixed(
        50,
        "render_table crashes on a table with no rows",
        &format!("{table}\nwidgets==2.3.1"),
        "Empty tables render as a header only",
    );
    // ... or names none, and the release that lists its fix does.
    fixed(
        60,
        "render_gauge crashes without a value",
        gauge,
        "Gauges without a value render empty",
    );
    docs.push(doc(
        pull(
            62,
            "Release 2.4.0",
            "- Gauges without a value render empty (#61)",
            90,
            true,
        ),
        vec![],
    ));
    let report = |number: i64, title: &str, error: &str, version: &str| {
        doc(
            thread(
                number,
                title,
                &format!("It fails:\n\n{error}\nwidgets {version}"),
                10,
            ),
            vec![],
        )
    };
    docs.push(report(
        52,
        "Empty table crashes render_table",
        table,
        "2.3.0",
    ));
    docs.push(report(
        53,
        "Empty table crashes render_table",
        table,
        "2.4.0",
    ));
    docs.push(report(
        63,
        "Gauge with no value raises TypeError",
        gauge,
        "2.3.1",
    ));
    docs.push(report(
        64,
        "Gauge with no value raises TypeError",
        gauge,
        "2.4.0",
    ));
    let index = RepoIndex::build(repo(), docs);

    for (number, closed, fix, why) in [
        (52, 50, 51, "reported on 2.3.1"),
        (63, 60, 61, "the fix shipped in 2.4.0"),
    ] {
        let v = verdict(&index, number);
        assert_eq!(v.outcome, Outcome::Duplicate, "#{number}: {}", blockers(&v));
        assert!(
            blockers(&v).contains(&format!("closed #{closed}")),
            "{}",
            blockers(&v)
        );
        assert!(blockers(&v).contains("upgrade"), "{}", blockers(&v));
        for said in [format!("merged PR #{fix}"), why.to_string()] {
            assert!(
                v.evidence.iter().any(|e| e.contains(&said)),
                "#{number}: {said}: {:?}",
                v.evidence
            );
        }
    }
    // On a release after the one the fix was reported on, or on the release that shipped it,
    // it came back: not this rule.
    for number in [53, 64] {
        let v = verdict(&index, number);
        assert!(
            !blockers(&v).contains("upgrade"),
            "#{number}: {}",
            blockers(&v)
        );
    }
}

#[test]
fn a_second_report_of_an_open_failure_is_sent_to_the_first() {
    let error = "```\nTraceback (most recent call last):\n  File \"export.py\", line 9, in <module>\n    export_csv(grid)\n  File \"widgets/export.py\", line 41, in export_csv\n    out.write(sep.join(row))\nTypeError: sequence item 2: expected str instance, NoneType found\n```\n";
    let mut docs = docs();
    docs.push(doc(
        thread(
            70,
            "export_csv fails when a cell is empty",
            &format!("Exporting a grid with an empty cell:\n\n{error}\nExpected: an empty field in the CSV. Actual: the `TypeError` above."),
            30,
        ),
        vec![],
    ));
    // A tracking issue that quotes the same error is not a report of it.
    docs.push(doc(
        thread(
            71,
            "Tracking: export problems for 3.0",
            &format!(
                "- [ ] #70 empty cells\n- [ ] #40\n- [ ] #41\n- [ ] #42\n- [ ] #43\n\n{error}"
            ),
            40,
        ),
        vec![],
    ));
    docs.push(doc(
        thread(
            72,
            "CSV export crashes with NoneType",
            &format!("Same grid export as always, now it crashes:\n\n{error}"),
            5,
        ),
        vec![],
    ));
    let index = RepoIndex::build(repo(), docs);

    let later = verdict(&index, 72);
    assert_eq!(later.outcome, Outcome::Duplicate, "{}", blockers(&later));
    assert!(!later.actionable);
    assert!(
        blockers(&later).contains("open #70 reported the same failure earlier"),
        "{}",
        blockers(&later)
    );
    assert!(
        later.evidence.iter().any(|e| e.starts_with("open #70")),
        "{:?}",
        later.evidence
    );
    // The first report is the one to work on; the tracking issue is no twin of it.
    let first = verdict(&index, 70);
    assert_eq!(first.outcome, Outcome::AgentReady, "{}", blockers(&first));

    // A first report gone quiet past `stale_after_days` is revived by the second, which is
    // the one to work on.
    let mut docs = crate::docs();
    docs.push(doc(
        thread(
            70,
            "export_csv fails when a cell is empty",
            &format!("Exporting a grid with an empty cell:\n\n{error}"),
            400,
        ),
        vec![],
    ));
    docs.push(doc(
        thread(
            72,
            "CSV export crashes with NoneType",
            &format!("Same grid export as always, now it crashes:\n\n{error}\nExpected: an empty field in the CSV. Actual: the `TypeError` above."),
            5,
        ),
        vec![],
    ));
    let index = RepoIndex::build(repo(), docs);
    let later = verdict(&index, 72);
    assert_eq!(later.outcome, Outcome::AgentReady, "{}", blockers(&later));
}

#[test]
fn duplicates_pointing_at_an_issue_raise_its_impact() {
    let mut docs = docs();
    let report = |n: i64, title: &str| {
        doc(
            thread(
                n,
                title,
                &GOOD_REPORT.replace("empty `size` field", "empty `size` field (again)"),
                20,
            ),
            vec![],
        )
    };
    docs.push(report(60, "parse_spec fails on empty size"));
    docs.push(report(61, "parse_spec crashes for size=''"));
    for (n, id) in [(62, 6201), (63, 6301)] {
        docs.push(doc(
            thread(
                n,
                "Crash parsing a spec",
                "Same crash with an empty size.",
                10,
            ),
            vec![comment(
                n,
                id,
                "maint-ada",
                "MEMBER",
                "Duplicate of #61.",
                9,
            )],
        ));
    }
    let index = RepoIndex::build(repo(), docs);
    let plain = verdict(&index, 60);
    let pointed = verdict(&index, 61);
    assert!(
        pointed.impact > plain.impact,
        "{} vs {}",
        pointed.impact,
        plain.impact
    );
    assert!(
        pointed
            .reasons
            .iter()
            .any(|r| r.contains("2 duplicates point at it")),
        "{:?}",
        pointed.reasons
    );
}

fn prompt_of(number: i64) -> String {
    let index = index();
    let repo = repo();
    let config = RepoConfig::default();
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
        &Gathered::from_docs(&index, number, docs()).expect("gathers"),
    )
    .expect("assembles");
    Templates::embedded()
        .expect("templates")
        .render_prompt(&assembled.data)
        .expect("renders")
}

#[test]
fn the_prompt_for_an_issue_with_a_merged_fix_says_so_at_the_top() {
    let prompt = prompt_of(2);
    let warning = prompt.find("**Warning").expect("a warning");
    let setup = prompt.find("## Setup").expect("setup");
    assert!(warning < setup, "the warning comes first");
    let top = &prompt[warning..setup];
    assert!(top.contains("already_fixed_or_claimed"), "{top}");
    assert!(
        top.contains("probably fixed by #3: verify and close"),
        "{top}"
    );
    assert!(prompt.contains("### Existing Pull Requests"));
    assert!(prompt.contains("- #3 (merged)"), "{prompt}");
    // A ready issue has no warning and no such section.
    let ready = prompt_of(1);
    assert!(!ready.contains("**Warning"));
    assert!(!ready.contains("### Existing Pull Requests"));
}

#[test]
fn the_prompt_for_a_claimed_issue_lists_the_open_pull_request() {
    let prompt = prompt_of(4);
    let section = prompt
        .split("### Existing Pull Requests")
        .nth(1)
        .expect("the section");
    let section = section
        .split("### Full Issue Body")
        .next()
        .unwrap_or_default();
    assert!(section.contains("#5 (open) by @contributor"), "{section}");
    assert!(section.contains("Distribute the remainder across grid columns"));
    assert!(prompt.contains("review and complete #5"));
}

#[test]
fn the_prompt_leaves_out_the_bots_comments_and_bare_commands() {
    let prompt = prompt_of(14);
    let comments = prompt
        .split("### Comments")
        .nth(1)
        .expect("comments")
        .split("\n## ")
        .next()
        .unwrap_or_default();
    assert!(comments.contains("the limit in `widgets/tooltip.py` looks deliberate"));
    assert!(!comments.contains("Working on it"), "{comments}");
    assert!(!comments.contains("/coordinate"), "{comments}");
    assert!(comments.contains("[1] @someone"), "{comments}");
}

#[test]
fn reports_nobody_can_reproduce_wait_for_the_reporter() {
    let mut docs = crate::docs();
    // An empty template: headings, a prompt and an empty fence.
    docs.push(doc(
        thread(
            80,
            "bug",
            "**Describe the bug**\n\n**To reproduce**\n\n**Environment**\nOutput of `python -c \"import widgets; widgets.show_config()\"`:\n\n```\n```\n\n**Expected behaviour**\n",
            3,
        ),
        vec![],
    ));
    // A half-filled template whose reproduction section is empty.
    docs.push(doc(
        thread(
            81,
            "Saved themes can't be opened in the theme editor",
            "**Describe the bug**\nThemes written with `save_theme(path, theme)` fail to open in the editor (\"unexpected end of file\").\n\n**To reproduce**\n\n**Environment**\nwidgets 2.4.0, Ubuntu 24.04\n\n**Expected behaviour**\nThe theme opens.\n",
            4,
        ),
        vec![],
    ));
    // A failure the reporter saw once and cannot reproduce.
    docs.push(doc(
        thread(
            82,
            "KeyError in the layout cache",
            "Seen in production logs a few times since 2.4, can't reproduce locally:\n\n```\nTraceback (most recent call last):\n  File \"widgets/layout.py\", line 310, in cached_layout\n    return _cache[key]\nKeyError: ('grid', 3)\n```\n",
            6,
        ),
        vec![],
    ));
    // A maintainer's question, unanswered.
    docs.push(doc(
        thread(
            83,
            "random EOF when uploading fonts",
            "sometimes the upload fails with\n\n```\nError: Post \"https://fonts.example/upload\": EOF\nupload failed; re-run with --debug for details\n```\n\nretrying usually works. 2.4.0",
            9,
        ),
        vec![comment(
            83,
            830,
            "maint-ada",
            "MEMBER",
            "Which server is this (and is there a proxy in front)? `--debug` output of a failing run would help.",
            8,
        )],
    ));
    let index = RepoIndex::build(repo(), docs);
    for (n, words) in [
        (80, "no description"),
        (81, "reproduction section is empty"),
        (82, "cannot make it happen at will"),
        (83, "asked the reporter for more"),
    ] {
        let v = verdict(&index, n);
        assert_eq!(v.outcome, Outcome::NeedsInfo, "#{n}: {}", blockers(&v));
        assert!(blockers(&v).contains(words), "#{n}: {}", blockers(&v));
    }
    let v = verdict(&index, 82);
    assert!(
        v.evidence
            .iter()
            .any(|e| e.contains("can't reproduce locally")),
        "{:?}",
        v.evidence
    );
    // A filled template is not touched.
    assert_eq!(verdict(&index, 1).outcome, Outcome::AgentReady);
}

#[test]
fn a_gpu_failure_named_only_in_the_title_needs_the_gpu() {
    let v = alone(
        thread(
            84,
            "render_batch: illegal memory access for more than 2^31 pixels",
            "Rendering 3 billion pixels crashes, 2 billion works. Something indexes `3 * i` in int32, I think in `widgets/kernels/batch.cu`.",
            4,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    assert_eq!(v.hardware, vec!["CUDA GPU".to_string()]);
}

#[test]
fn a_maintainer_without_the_service_to_test_on_means_an_agent_lacks_it_too() {
    let v = alone(
        thread(
            85,
            "Publishing a widget pack to CloudStore fails with 400",
            "```\nError: store: unexpected status 400 Bad Request from https://acme.cloudstore.example/v2/packs\n```\n\n`publish_pack()` in `widgets/publish.py` sends the manifest first.\n\nExpected the pack to publish.",
            20,
        ),
        vec![maintainer(
            85,
            "MEMBER",
            "We send the manifest with a media type CloudStore only partly supports. I don't have a CloudStore account to test with, unfortunately.",
            18,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    assert!(
        v.evidence
            .iter()
            .any(|e| e.contains("I don't have a CloudStore account to test with")),
        "{:?}",
        v.evidence
    );
}

#[test]
fn a_closed_thread_a_maintainer_answered_in_words_answers_its_twin() {
    let error = "```\nTraceback (most recent call last):\n  File \"app.py\", line 7, in <module>\n    draw_chart(data, palette=\"corporate\")\n  File \"widgets/palette.py\", line 52, in resolve\n    raise PaletteError(f\"unknown colour {name!r} in palette {palette!r}\")\nwidgets.errors.PaletteError: unknown colour 'brand-teal' in palette 'corporate'\n```\n";
    let mut extra = Vec::new();
    // Closed as completed, without a label: only the maintainer's words say the cause was
    // the reporter's own configuration.
    let mut closed = thread(
        90,
        "PaletteError: unknown colour in a custom palette",
        &format!("Drawing a chart with our palette:\n\n{error}"),
        200,
    );
    closed.state = ThreadState::Closed;
    closed.state_reason = Some("completed".into());
    closed.closed_at = Some(NOW - 190 * DAY);
    extra.push(doc(
        closed,
        vec![maintainer(
            90,
            "MEMBER",
            "That comes from your config: the palette file you load does not define `brand-teal`. Add it there and the chart draws.",
            195,
        )],
    ));
    extra.push(doc(
        thread(
            91,
            "draw_chart fails with our corporate palette",
            &format!("Since this week:\n\n{error}\nExpected the chart to draw."),
            3,
        ),
        vec![],
    ));
    let index = index_with(extra);
    let v = verdict(&index, 91);
    // The same question again: support, answered by pointing to the answer.
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    assert!(
        blockers(&v).contains("closed #90 asked the same and was answered without a change"),
        "{}",
        blockers(&v)
    );
}

#[test]
fn a_maintainer_who_says_it_is_not_the_setup_blames_the_code() {
    let v = alone(
        thread(
            95,
            "Export fails behind our proxy with a tunnel error",
            "Probably my setup, we are behind a proxy with `NO_PROXY=.intra.example`:\n\n```\nerror: could not fetch https://store.intra.example/packs/: ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 403 Forbidden'))\n```\n\nwidgets 3.2.0",
            20,
        ),
        vec![maintainer(
            95,
            "MEMBER",
            "Not your setup. `skip_proxy()` in `widgets/net.py` prepends a dot to every entry, so `.intra.example` becomes `..intra.example` and never matches.",
            18,
        )],
    );
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
}

#[test]
fn a_maintainer_who_took_the_work_claims_it_until_they_give_it_back() {
    let report = |number: i64, comments: Vec<Comment>| {
        doc(
            thread(
                number,
                "Spec parser crashes on an empty size field",
                GOOD_REPORT,
                40,
            ),
            comments,
        )
    };
    let extra = [
        report(
            96,
            vec![
                maintainer(
                    96,
                    "MEMBER",
                    "Confirmed. I'm on it, together with the size rework.",
                    10,
                ),
                comment(96, 961, "helper-joe", "NONE", "Can I take this one?", 9),
                comment(
                    96,
                    962,
                    "maint-ada",
                    "MEMBER",
                    "Thanks, but I already have a branch for this one.",
                    9,
                ),
            ],
        ),
        // A claim that was given back.
        report(
            97,
            vec![
                maintainer(97, "MEMBER", "Confirmed, I'll take this.", 30),
                comment(
                    97,
                    971,
                    "maint-ada",
                    "MEMBER",
                    "I won't get to this after all, it's up for grabs.",
                    12,
                ),
            ],
        ),
        // A claim denied in the same breath.
        report(
            98,
            vec![maintainer(
                98,
                "MEMBER",
                "Confirmed. I'm not working on this, a PR is welcome.",
                10,
            )],
        ),
        // A claim long past, with nothing since.
        report(
            99,
            vec![maintainer(99, "MEMBER", "Confirmed, I'm on it.", 400)],
        ),
    ];
    let index = index_with(extra);

    let v = verdict(&index, 96);
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    assert!(
        v.evidence
            .iter()
            .any(|e| e.contains("I already have a branch")),
        "{:?}",
        v.evidence
    );
    for n in [97, 98] {
        let v = verdict(&index, n);
        assert_eq!(v.outcome, Outcome::AgentReady, "#{n}: {}", blockers(&v));
    }
    let v = verdict(&index, 99);
    assert_ne!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    assert!(
        v.reasons.iter().any(|r| r.contains("still theirs")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn a_feature_the_owner_accepted_with_a_plan_is_ready() {
    let v = alone(
        thread(
            100,
            "Feature: `widgets check --strict` for CI",
            "In CI we want the check to fail on warnings too, without changing any file.",
            15,
        ),
        vec![maintainer(
            100,
            "OWNER",
            "Yes, let's have it. Plan: a `--strict` flag in `widgets/cli/check.py` that turns warnings from `run_checks()` into exit code 1. Document it on the check page.",
            14,
        )],
    );
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
}

#[test]
fn a_pull_request_on_one_item_or_an_item_that_landed_does_not_close_the_tracking_issue() {
    let mut extra = Vec::new();
    let mut tracking = thread(
        101,
        "Tracking: Windows support",
        "What is left for Windows:\n\n- [ ] long paths\n- [ ] OneDrive folders\n- [ ] ARM64 wheels\n- [x] CI job",
        90,
    );
    tracking.labels = vec!["tracking".into()];
    // An item that landed is not the tracking issue fixed.
    extra.push(doc(
        tracking,
        vec![maintainer(101, "MEMBER", "The CI job landed in #99.", 30)],
    ));
    extra.push(doc(
        pull(
            102,
            "ci: add a Windows job",
            "First step of #101: run the tests on windows-latest.",
            5,
            false,
        ),
        vec![],
    ));
    let index = index_with(extra);
    let v = verdict(&index, 101);
    assert_ne!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("#102") && r.contains("item")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn a_refused_connection_is_the_setup_and_a_question_to_drop_something_is_a_decision() {
    let extra = [
        doc(
            thread(
                103,
                "Cannot reach the widget server from our container",
                "```python\nfrom widgets import connect\nconnect(\"localhost:7400\")\n```\n\n```\nConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 7400)\n```\n\nwidgets 3.2.0",
                10,
            ),
            vec![],
        ),
        doc(
            thread(
                104,
                "Drop Python 3.9?",
                "It is end of life since October; keeping it blocks the new typing syntax in `widgets/spec.py`.",
                10,
            ),
            vec![],
        ),
    ];
    let index = index_with(extra);
    let v = verdict(&index, 103);
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    let v = verdict(&index, 104);
    assert_eq!(v.outcome, Outcome::NeedsDecision, "{}", blockers(&v));
}

#[test]
fn an_old_report_that_waits_for_a_machine_needs_the_machine_not_the_reporter() {
    // Old, and thin by the count (an error line and nothing else), but a maintainer read it
    // and said what is missing: a machine nobody has. Asking the reporter whether it still
    // happens would not supply one.
    let v = alone(
        thread(
            110,
            "Saved widgets fail their checksum on s390x",
            "widgets 3.1.0 on s390x. Loading a widget saved on the same machine fails:\n\n```\nlevel=error msg=\"load\" err=\"widget checksum mismatch: stored 0x1f2e, computed 0x2e1f\"\n```",
            500,
        ),
        vec![maintainer(
            110,
            "MEMBER",
            "Looks like byte order. None of us has an s390x machine, so this waits for someone who does.",
            495,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    assert!(
        v.evidence.iter().any(|e| e.contains("None of us has")),
        "{:?}",
        v.evidence
    );
}

#[test]
fn a_structured_log_line_is_an_error_and_another_users_reproduction_counts() {
    // The failure only as a JSON log line, and a second user who reproduced it: enough to go
    // on although nobody has written for a year.
    let v = alone(
        thread(
            111,
            "Cached widgets vanish after a restart",
            "widgets 3.2.0, the disk cache enabled. After restarting the server every cached widget is rebuilt and the log says\n\n```\n{\"level\":\"warn\",\"ts\":\"2025-11-02T10:04:55.120Z\",\"msg\":\"cache\",\"err\":\"widget cache: invalid entry header length 0\",\"key\":\"w-1841\"}\n```",
            400,
        ),
        vec![comment(
            111,
            1110,
            "another-user",
            "NONE",
            "Can confirm on 3.2.1, same log line on every restart.",
            390,
        )],
    );
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
    let evidence = v.evidence.join(" | ");
    assert!(
        evidence.contains("reports an error: `widget cache: invalid entry header length"),
        "{evidence}"
    );
    assert!(
        evidence.contains("someone besides the reporter reproduced it"),
        "{evidence}"
    );
}

#[test]
fn asking_for_the_reporters_config_does_not_blame_it() {
    let v = alone(
        thread(
            112,
            "crash",
            "**Describe the bug**\n\n**To Reproduce**\nSteps to reproduce the behavior:\n1.\n2.\n\n**Expected behavior**\n\n**Version**\n3.2.0\n",
            20,
        ),
        vec![maintainer(
            112,
            "COLLABORATOR",
            "The template is empty. What crashed, and what did it print? Please add the log and your config.",
            19,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsInfo, "{}", blockers(&v));
}

#[test]
fn a_maintainer_who_names_the_function_in_words_points_at_the_code() {
    // No file, no backticks: the maintainer names the function as people do in a sentence.
    let v = alone(
        thread(
            113,
            "Widget previews double after every reload",
            "Each reload adds another set of preview renders: one reload twice as many, five reloads six times as many.",
            20,
        ),
        vec![maintainer(
            113,
            "MEMBER",
            "Yes: reloadConfig starts new preview workers and the old ones keep running. They should be stopped after the swap.",
            18,
        )],
    );
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
    assert!(
        v.evidence
            .iter()
            .any(|e| e.contains("a maintainer points at the code") && e.contains("reloadConfig")),
        "{:?}",
        v.evidence
    );
}

#[test]
fn a_maintainer_without_the_machine_who_asks_the_reporter_to_try_waits_for_the_machine() {
    let v = alone(
        thread(
            114,
            "Intermittent frame errors behind the cloud balancer",
            "A few connections an hour fail behind our managed balancer:\n\n```\nlevel=warn msg=\"accept\" err=\"frame: invalid header length\"\n```",
            30,
        ),
        vec![maintainer(
            114,
            "OWNER",
            "We don't have that balancer set up. If you can capture the first bytes of a failing connection, that would help a lot.",
            28,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
}

#[test]
fn a_report_that_names_the_code_is_still_a_second_report_of_the_same_error() {
    let error = "```\nTraceback (most recent call last):\n  File \"export.py\", line 9, in <module>\n    export_csv(grid)\n  File \"widgets/export.py\", line 41, in export_csv\n    out.write(sep.join(row))\nTypeError: sequence item 2: expected str instance, NoneType found\n```\n";
    let index = index_with([
        doc(
            thread(
                120,
                "export_csv fails when a cell is empty",
                &format!(
                    "Exporting a grid with an empty cell:\n\n{error}\nExpected: an empty field in the CSV."
                ),
                30,
            ),
            vec![],
        ),
        doc(
            thread(
                121,
                "Crash exporting to CSV",
                &format!(
                    "{error}\nI think `export_csv()` in `widgets/export.py` does not handle `None`."
                ),
                5,
            ),
            vec![],
        ),
    ]);
    let v = verdict(&index, 121);
    assert_eq!(v.outcome, Outcome::Duplicate, "{}", blockers(&v));
    assert!(
        blockers(&v).contains("open #120 reported the same failure earlier"),
        "{}",
        blockers(&v)
    );
}

#[test]
fn someone_outside_the_project_who_takes_an_accepted_issue_claims_it_for_a_while() {
    let take = |number: i64, age: i64| {
        doc(
            thread(
                number,
                "Add a --columns option to widgets export",
                "Would like to choose the exported columns from the command line.",
                age + 5,
            ),
            vec![
                maintainer(
                    number,
                    "OWNER",
                    "Sounds good, accepted. It should reuse `parse_columns()` in `widgets/cli.py`.",
                    age + 3,
                ),
                comment(
                    number,
                    number * 10 + 1,
                    "newcomer",
                    "NONE",
                    "/assign",
                    age + 1,
                ),
                comment(
                    number,
                    number * 10 + 2,
                    "newcomer",
                    "NONE",
                    "I'd like to work on this, will open a PR this week.",
                    age,
                ),
            ],
        )
    };
    let index = index_with([take(122, 10), take(123, 200)]);
    let v = verdict(&index, 122);
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    assert!(
        blockers(&v).contains("someone said they are working on it"),
        "{}",
        blockers(&v)
    );
    // Months later, with no pull request, it is free again.
    let v = verdict(&index, 123);
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
}

#[test]
fn a_pull_request_that_names_several_issues_and_fixes_none_claims_none() {
    let index = index_with([
        doc(
            thread(
                124,
                "Rounding of widget sizes is off by one",
                "```python\nfrom widgets import size_of\nassert size_of(\"3.5x2\") == (4, 2)\n```\n\n`size_of()` in `widgets/spec.py` truncates instead of rounding.",
                20,
            ),
            vec![],
        ),
        doc(
            pull(
                125,
                "tests: a conformance suite for widget specs",
                "Feeds recorded specs through the parser. It would have caught #124 and the unit bug in #40.",
                3,
                false,
            ),
            vec![],
        ),
    ]);
    let v = verdict(&index, 124);
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("names #124 among other issues")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn words_for_a_missing_machine_and_a_one_line_command_are_read() {
    let index = index_with([
        // "Can't test without a Mac" is a missing machine, not a thin report.
        doc(
            thread(
                126,
                "Trackpad scrolling far too fast",
                "Two-finger scrolling moves ten lines per flick; the mouse wheel is fine.",
                20,
            ),
            vec![maintainer(
                126,
                "OWNER",
                "Pixel deltas are probably not divided by the row height. Can't test without a Mac though.",
                18,
            )],
        ),
        // "I'd need one to bisect" says the same of an old device.
        doc(
            thread(
                127,
                "Render pipeline fails on an old laptop",
                "```\nError: failed to create render pipeline\nCaused by: shader compilation failed\n```",
                20,
            ),
            vec![maintainer(
                127,
                "MEMBER",
                "That chip is below what we test on; I'd need one to bisect which feature breaks.",
                18,
            )],
        ),
        // A reproduction in one shell line.
        doc(
            thread(
                128,
                "Links with a semicolon are cut off",
                "Clicking the link opens only the part before the semicolon.\n\n```\n$ printf 'widget://page;v=3' | widgets open\n```",
                20,
            ),
            vec![],
        ),
        // A maintainer who could not reproduce it and needs someone with the setup to test
        // lacks the setup.
        doc(
            thread(
                132,
                "Popup placed at the top-left with the Plasma input method at 125%",
                "The candidate popup shows at the top-left corner at 125% scale; at 100% it is at the cursor.",
                20,
            ),
            vec![maintainer(
                132,
                "MEMBER",
                "I'm on GNOME and can't reproduce. Need someone with Plasma and a fractional scale to test a patch.",
                18,
            )],
        ),
        // "I can't get this to happen" is a failed reproduction.
        doc(
            thread(
                129,
                "Chime plays twice",
                "With `chime.command` set the chime plays twice.",
                20,
            ),
            vec![maintainer(
                129,
                "OWNER",
                "I can't get this to happen: the command is spawned exactly once here.",
                18,
            )],
        ),
        // "We don't have a cluster with that DNS setup": no deployment like the reporter's.
        doc(
            thread(
                107,
                "Split view after a pod restart with custom DNS search domains",
                "Kubernetes on bare metal, custom DNS search domains and `ndots:2`. After a pod restart one pod keeps its own view of the group for ten minutes.",
                100,
            ),
            vec![maintainer(
                107,
                "MEMBER",
                "We don't have a cluster with that DNS setup, and a local cluster doesn't show it. Lookups from inside the pod would help.",
                95,
            )],
        ),
    ]);
    for (n, want) in [
        (126, Outcome::NeedsHardware),
        (127, Outcome::NeedsHardware),
        (128, Outcome::AgentReady),
        (129, Outcome::NeedsInfo),
        (132, Outcome::NeedsHardware),
        (107, Outcome::NeedsHardware),
    ] {
        let v = verdict(&index, n);
        assert_eq!(v.outcome, want, "#{n}: {}", blockers(&v));
    }
}

#[test]
fn a_maintainer_who_points_at_the_same_thing_elsewhere_names_a_duplicate() {
    let mut earlier = thread(
        130,
        "No toolbar on GNOME",
        "The widget window has no toolbar under GNOME.",
        300,
    );
    earlier.state = ThreadState::Closed;
    earlier.state_reason = Some("completed".into());
    earlier.closed_at = Some(NOW - 290 * DAY);
    let index = index_with([
        doc(earlier, vec![]),
        doc(
            thread(
                131,
                "Toolbar missing",
                "widgets 3.2.0 on Ubuntu 24.04 (GNOME): no toolbar at all.",
                20,
            ),
            vec![maintainer(
                131,
                "MEMBER",
                "See #130, same thing (set `toolbar = \"full\"`).",
                18,
            )],
        ),
    ]);
    let v = verdict(&index, 131);
    assert_eq!(v.outcome, Outcome::Duplicate, "{}", blockers(&v));
    assert!(blockers(&v).contains("#130"), "{}", blockers(&v));
}

#[test]
fn a_merged_pull_request_that_fixes_another_issue_did_not_silently_fix_this_one() {
    let bug = "`Palette.blend()` in `widgets/palette.py` rounds alpha down, so a 50% overlay on a dark theme renders at 49% and the swatch border flickers when resized.";
    let change = "Round alpha in `Palette.blend()` (`widgets/palette.py`) to nearest instead of down; 50% overlays on dark themes render at 50% and swatch borders no longer flicker when resized.";
    // Alike, merged after the issue, linking nothing: probably its fix.
    let silent = index_with([
        doc(
            thread(
                90,
                "Palette blend rounds alpha down on dark themes",
                bug,
                60,
            ),
            vec![],
        ),
        doc(
            pull(
                91,
                "Palette blend: round alpha to nearest on dark themes",
                change,
                30,
                true,
            ),
            vec![],
        ),
    ]);
    let v = verdict(&silent, 90);
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    assert!(
        blockers(&v).contains("probably fixed by #91, merged after"),
        "{}",
        blockers(&v)
    );
    // The same pull request, saying it fixes another issue: that was its purpose.
    let other = index_with([
        doc(
            thread(
                90,
                "Palette blend rounds alpha down on dark themes",
                bug,
                60,
            ),
            vec![],
        ),
        doc(
            thread(
                89,
                "Swatch border flickers",
                "The border flickers on resize.",
                70,
            ),
            vec![],
        ),
        doc(
            pull(
                91,
                "Palette blend: round alpha to nearest on dark themes",
                &format!("Fixes #89.\n\n{change}"),
                30,
                true,
            ),
            vec![],
        ),
    ]);
    let v = verdict(&other, 90);
    assert!(
        !blockers(&v).contains("probably fixed by #91"),
        "{}",
        blockers(&v)
    );
}

#[test]
fn a_reporters_lead_on_the_cause_is_something_to_go_on() {
    // Old and short, one code name: with the reporter's guess at the cause it is a lead a
    // fix can check, not a report to ask about again.
    let body = "Exported charts round every axis label to 6 digits: `1234567.891` shows as `1.23457e+06`. Looks like the label formatter uses the default precision of `format_tick`.";
    let v = alone(thread(86, "Axis labels lose precision", body, 300), vec![]);
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
    assert!(
        v.reasons.iter().any(|r| r.contains("a lead on the cause")),
        "{:?}",
        v.reasons
    );
    // Without the guess, the same old report with little else is one to ask about.
    let v = alone(
        thread(
            87,
            "Axis labels lose precision",
            "Exported charts round every axis label to 6 digits in `format_tick`.",
            300,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::NeedsInfo, "{}", blockers(&v));
}

#[test]
fn a_maintainer_who_must_choose_the_approach_first_keeps_it_a_decision() {
    let v = alone(
        thread(
            88,
            "Stacked bars overlap when a value is negative",
            "```python\nbar_chart([3, -2, 4], stacked=True)\n```\nThe negative bar is drawn over the positive one instead of below the axis.",
            10,
        ),
        vec![maintainer(
            88,
            "OWNER",
            "Reproduced. Either we stack negatives separately or we reject them; I need to decide which before anyone writes code.",
            9,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsDecision, "{}", blockers(&v));
}

#[test]
fn a_maintainer_who_says_main_already_handles_it_has_it_fixed() {
    let v = alone(
        thread(
            89,
            "Crash when a legend has no entries",
            "`render_legend([])` raises `IndexError: list index out of range` in `widgets/legend.py`.",
            10,
        ),
        vec![maintainer(
            89,
            "MEMBER",
            "The legend rework I merged last week already rejects it on main with a clear error. It will be in the next release.",
            9,
        )],
    );
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
}

#[test]
fn a_bare_report_tied_to_a_platform_needs_the_platform_first() {
    let v = alone(
        thread(
            90,
            "Charts render differently on Windows",
            "Same data, same version: on Windows the pie slices are shifted by a few pixels compared to Linux.",
            10,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
}

#[test]
fn a_package_the_maintainers_do_not_maintain_is_the_reporters_environment() {
    let v = alone(
        thread(
            91,
            "brew install widgets fails",
            "```\nError: widgets: failed to build: widgets-core 2.3.0 requires cairo >= 1.18, found 1.16\n```\n",
            10,
        ),
        vec![maintainer(
            91,
            "MEMBER",
            "The Homebrew formula is not ours and pins an old cairo; please report it to the tap.",
            9,
        )],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
}

#[test]
fn a_thread_closed_for_want_of_an_answer_answers_nothing() {
    let error = "```\nTraceback (most recent call last):\n  File \"plot.py\", line 3, in <module>\n    draw_heatmap(grid)\n  File \"widgets/heatmap.py\", line 88, in draw_heatmap\n    cells[i][j] = scale(v)\nIndexError: list index out of range\n```\n";
    // Closed as not planned by the stale bot while it waited for the reporter.
    let mut closed = thread(
        92,
        "IndexError in draw_heatmap",
        &format!("Drawing a heatmap:\n\n{error}"),
        300,
    );
    closed.labels = vec!["needs-info".into()];
    closed.state = ThreadState::Closed;
    closed.state_reason = Some("not_planned".into());
    closed.closed_at = Some(NOW - 200 * DAY);
    let index = index_with([
        doc(
            closed,
            vec![maintainer(
                92,
                "MEMBER",
                "Can you share the grid you pass?",
                290,
            )],
        ),
        doc(
            thread(
                93,
                "draw_heatmap fails on a ragged grid",
                &format!(
                    "With rows of different lengths:\n\n{error}\nExpected a clear error or padding."
                ),
                5,
            ),
            vec![],
        ),
    ]);
    let v = verdict(&index, 93);
    assert!(
        !blockers(&v).contains("asked the same and was answered"),
        "{}",
        blockers(&v)
    );
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
}

#[test]
fn an_old_short_report_a_maintainer_explained_is_ready_not_asked_again() {
    // Short and 300 days quiet: on its own, an old report with little to go on.
    let report = || {
        thread(
            80,
            "Rate window lets one job too many through",
            "With a window of 10 per second I count 11 runs in the same second.",
            300,
        )
    };
    let v = alone(report(), vec![]);
    assert_eq!(v.outcome, Outcome::NeedsInfo, "{}", blockers(&v));
    // A maintainer's lead on the cause, or their word that the code is wrong, answers what
    // the short report lacks.
    for said in [
        "Looks like the counter is read after the increment and compared with `<=`.",
        "Yes, the loop was meant to stop at the limit. My bad.",
        "Right: `window_count` should compare before incrementing.",
    ] {
        let v = alone(report(), vec![maintainer(80, "MEMBER", said, 299)]);
        assert_eq!(v.outcome, Outcome::AgentReady, "{said}: {}", blockers(&v));
    }
    // Expected behaviour, said plainly, is something to go on beside a code pointer.
    let mut t = report();
    t.body = Some("`widgets.window` with 10 per second runs 11. Expected 10.".into());
    let v = alone(t, vec![]);
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
}

#[test]
fn a_maintainer_who_could_not_get_it_on_a_small_setup_leaves_it_to_one_with_the_big_one() {
    let report = thread(
        81,
        "Workers crash while the cluster reshards",
        "```\nwidgets.errors.MovedError: MOVED 12182 10.0.3.14:6379\n```\nEvery worker died during a reshard of our 24-node cluster.",
        20,
    );
    let v = alone(
        report,
        vec![maintainer(
            81,
            "MEMBER",
            "I tried with a local 3-node cluster and could not get the crash. A reshard under load is hard to reproduce here.",
            19,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    // A managed service named in the title is a machine the agent lacks.
    let v = alone(
        thread(
            82,
            "ElastiCache Serverless: CROSSSLOT on batch create",
            "```\nwidgets.errors.CommandError: CROSSSLOT Keys in request don't hash to the same slot\n```\nWorks against a local server.",
            10,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    assert!(
        v.hardware.iter().any(|h| h == "ElastiCache"),
        "{:?}",
        v.hardware
    );
}

#[test]
fn an_owner_who_says_they_will_do_it_has_claimed_it() {
    let v = alone(
        thread(
            83,
            "Filter the retries page by job class",
            "With thousands of retries from many classes a filter would help.",
            40,
        ),
        vec![maintainer(
            83,
            "OWNER",
            "I need this myself, I will do it this week.",
            10,
        )],
    );
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
}

#[test]
fn a_report_naming_the_code_of_the_closest_open_one_is_that_one_again() {
    let first = thread(
        84,
        "farthest_sample ignores start_index on the CPU path",
        "`farthest_sample(points, k, start_index=5)` on the CPU always begins at point 0; the GPU path honours `start_index`. Found while comparing lidar tiles in the nightly benchmark for the survey pipeline, with voxel grids and normals computed beforehand.",
        60,
    );
    let second = thread(
        85,
        "Downsampled meshes identical between runs",
        "Whatever `start_index` I pass, `farthest_sample` keeps choosing the first vertex on my laptop, so my downsampled meshes look the same every time and the augmentation I wanted is lost. Training a segmentation model on indoor scans with heavy jitter, random crops, colour noise, elastic warps and mixup; seeds vary per epoch and per worker process.",
        10,
    );
    let index = index_with([doc(first.clone(), vec![]), doc(second.clone(), vec![])]);
    let v = verdict(&index, 85);
    assert_eq!(v.outcome, Outcome::Duplicate, "{}", blockers(&v));
    assert!(blockers(&v).contains("open #84"), "{}", blockers(&v));
    assert_eq!(verdict(&index, 84).outcome, Outcome::AgentReady);

    // Both gone quiet: the second, as quiet as the first, revives nothing.
    let (mut first, mut second) = (first, second);
    first.created_at = NOW - 500 * DAY;
    first.updated_at = first.created_at;
    second.body = Some(format!(
        "{} Expected: it begins at point 5.",
        second.body.as_deref().unwrap_or("")
    ));
    second.created_at = NOW - 400 * DAY;
    second.updated_at = second.created_at;
    let index = index_with([doc(first, vec![]), doc(second, vec![])]);
    let v = verdict(&index, 85);
    assert!(blockers(&v).contains("open #84"), "{}", blockers(&v));
}

#[test]
fn claims_acceptances_and_fixes_said_in_a_maintainers_words() {
    let feature = || {
        let mut t = thread(
            90,
            "Add --open to the dev server",
            "Would be nice if `widgets serve --open` opened the browser.",
            300,
        );
        t.labels = vec!["enhancement".into()];
        t
    };
    // Accepted with a plan: ready, not a feature waiting for a decision.
    let v = alone(
        feature(),
        vec![maintainer(
            90,
            "OWNER",
            "Accepted. Plan, so anyone can pick it up: `parse_args` learns `--open`, then `open_browser(url)` after listening.",
            299,
        )],
    );
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
    // The owner's own claim, in other words.
    let mut recent = feature();
    recent.created_at = NOW - 20 * DAY;
    recent.updated_at = recent.created_at;
    let v = alone(
        recent,
        vec![maintainer(
            90,
            "OWNER",
            "Accepted. I'm doing this one myself, it is half done locally.",
            19,
        )],
    );
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    // A contributor asking politely has taken it.
    let v = alone(
        thread(
            91,
            "Transform returning null blanks the module",
            GOOD_REPORT,
            5,
        ),
        vec![comment(
            91,
            9101,
            "helper-hana",
            "NONE",
            "I'd like to work on this one if nobody else is.",
            4,
        )],
    );
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    // "should be gone" after a rewrite says it is fixed.
    let v = alone(
        thread(92, "Every save triggers two rebuilds", GOOD_REPORT, 60),
        vec![maintainer(
            92,
            "MEMBER",
            "The watcher rewrite in 1.4.0 debounces per path, so this should be gone. Could you try 1.4.0 and confirm?",
            50,
        )],
    );
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
}

#[test]
fn a_network_share_or_a_peer_dependency_conflict_is_no_bug_for_an_agent() {
    let v = alone(
        thread(
            93,
            "100% CPU with the polling watcher on a network share",
            "Watching a project on an SMB mount pins one core at 100%.\n\n```\nwidgets watch --poll\n```",
            10,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    let v = alone(
        thread(
            94,
            "Install fails with widgets-plugin-react",
            "```\n ERR_PNPM_PEER_DEP_ISSUES  Unmet peer dependencies\n└─┬ widgets-plugin-react 2.1.0\n  └── ✕ unmet peer widgets@\"^1.0.0\": found 2.0.1\n```",
            10,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
}

#[test]
fn a_file_of_the_reporters_own_app_is_no_diagnosis_once_the_tree_is_known() {
    let mut question = thread(
        95,
        "Sources panel shows empty files",
        "Production source maps load but the Sources panel in devtools shows every file empty. Dev is fine.",
        300,
    );
    question.labels = vec!["question".into()];
    question.state = ThreadState::Closed;
    question.closed_at = Some(question.created_at + DAY);
    let answer = maintainer(
        95,
        "MEMBER",
        "Production builds leave out `sourcesContent` by default. Set `build.include_sources = true`.",
        299,
    );
    let report = thread(
        96,
        "Production source maps: files are empty in devtools",
        "The map files are served and devtools lists `src/main.ts`, but every file is empty in the Sources panel. Expected: the original sources, as in dev.",
        5,
    );
    let mut docs = docs();
    docs.extend([doc(question, vec![answer]), doc(report, vec![])]);
    // The tree unknown: `src/main.ts` may be the project's, so the report located its fault.
    let index = RepoIndex::build(repo(), docs.clone());
    assert_eq!(verdict(&index, 96).outcome, Outcome::AgentReady);
    // The tree known and without it: the reporter's own file; the same question answered.
    let index = RepoIndex::build_with(
        repo(),
        coordinator::analysis::IndexOptions {
            files: Some(["widgets/spec.py".to_string()].into_iter().collect()),
            ..Default::default()
        },
        docs,
    );
    let v = verdict(&index, 96);
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    assert!(blockers(&v).contains("closed #95"), "{}", blockers(&v));
}

#[test]
fn a_thin_report_like_a_question_a_maintainer_answered_before_is_pointed_to_the_answer() {
    let mut answered = thread(
        95,
        "Stale pages served after a deploy until the service restarts",
        "We deploy by switching a `current` symlink to the new release directory. After the switch the old pages are served for hours until the service restarts.",
        400,
    );
    answered.state = ThreadState::Closed;
    answered.state_reason = Some("completed".into());
    answered.closed_at = Some(NOW - 390 * DAY);
    let extra = [
        doc(
            answered,
            vec![
                maintainer(
                    95,
                    "MEMBER",
                    "The runtime caches resolved paths, so it keeps the old release directory. Resolve the symlink in the server config and reload it as the last deploy step.",
                    399,
                ),
                comment(
                    95,
                    951,
                    "reporter95",
                    "NONE",
                    "Resolving the symlink did the trick, thanks!",
                    395,
                ),
            ],
        ),
        // Thin, and nobody has answered it yet.
        doc(
            thread(
                96,
                "Old pages served after deploy until restart",
                "After each deploy (a symlink switch to the new release) the old pages are served until we restart the service.",
                5,
            ),
            vec![],
        ),
        // As thin, but a maintainer asked for more: that question stands.
        doc(
            thread(
                97,
                "Old pages served after deploy until restart of the service",
                "After a deploy with a symlink switch the old pages are served until the service restarts.",
                20,
            ),
            vec![maintainer(
                97,
                "MEMBER",
                "Which version, and how do you reload after the switch?",
                19,
            )],
        ),
    ];
    let index = index_with(extra);
    let v = verdict(&index, 96);
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    assert!(
        blockers(&v).contains("closed #95 asked the same and was answered without a change"),
        "{}",
        blockers(&v)
    );
    let v = verdict(&index, 97);
    assert_eq!(v.outcome, Outcome::NeedsInfo, "{}", blockers(&v));
}

#[test]
fn where_an_error_says_it_was_raised_is_no_diagnosis_and_a_missing_extension_is_the_setup() {
    let v = alone(
        thread(
            98,
            "Class \"Memcached\" not found after upgrading the runtime",
            "php-fpm log after the upgrade:\n\n[07-Nov-2026 10:12:01 UTC] PHP Fatal error:  Uncaught Error: Class \"Memcached\" not found in /srv/app/vendor/acme/widgets/src/Cache/MemcachedStore.php:41\n\nNothing else changed.",
            4,
        ),
        vec![],
    );
    assert!(
        !v.reasons.iter().any(|r| r.contains("MemcachedStore.php")),
        "{:?}",
        v.reasons
    );
    assert_eq!(
        v.outcome,
        Outcome::EnvironmentOrSupport,
        "{:?} {:?}",
        v.reasons,
        v.evidence
    );
    let v = alone(
        thread(
            99,
            "composer require fails",
            "```\nProblem 1\n    - acme/widgets v3.0.0 requires php ^8.2 -> your php version (8.1.4) does not satisfy that requirement.\n```",
            4,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
}

#[test]
fn a_platform_in_the_title_is_not_needed_once_a_maintainer_reproduced_it_in_a_container() {
    let title = "Cached entries vanish at once on shared hosting";
    let body = "On our shared host every entry stored with `remember_forever()` is gone on the next request. Timed entries work.";
    let v = alone(thread(100, title, body, 10), vec![]);
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    let v = alone(
        thread(100, title, body, 10),
        vec![maintainer(
            100,
            "MEMBER",
            "Not your host: I reproduced it in a plain docker container. `FileStore.get()` treats the expiry 0 of forever entries as already expired.",
            9,
        )],
    );
    assert!(v.hardware.is_empty(), "{:?}", v.hardware);
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
}

#[test]
fn an_owners_plan_to_do_it_themselves_stands_for_months_and_a_should_title_asks_a_decision() {
    let v = alone(
        thread(
            101,
            "Named limits for route groups",
            "Limits only take numbers today; I would like to define them once by name and use the name on groups.",
            260,
        ),
        vec![maintainer(
            101,
            "OWNER",
            "Yes, let's do it. Plan: a registry of named limits, the middleware resolves the name, docs. I'll pick this up myself after the next release, it touches code I am already changing.",
            250,
        )],
    );
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    let v = alone(
        thread(
            102,
            "Should route binding return 404 for archived records?",
            "Binding skips archived records, so `/posts/{post}` is a 404 for them. With `with_archived()` on the route, nested bindings still skip archived children. Should it apply to the whole chain or per parameter?",
            10,
        ),
        vec![maintainer(
            102,
            "MEMBER",
            "Per parameter is more explicit, the whole chain more convenient. No strong opinion.",
            9,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsDecision, "{}", blockers(&v));
}

#[test]
fn a_bug_a_maintainer_agreed_with_is_not_the_question_answered_before_and_a_claim_is_renewed() {
    let error = "```\nWidgets.Pool.PoolExhaustedException: Pool is full (MaxSize=10, MaxWaiting=0).\n   at Widgets.Pool.ConnectionPool.AcquireAsync(CancellationToken token) in /_/src/Widgets/Pool/ConnectionPool.cs:line 47\n```";
    let mut question = thread(
        103,
        "PoolExhaustedException under moderate load",
        &format!("Past ten concurrent calls:\n\n{error}\n\nI thought extra calls would wait?"),
        400,
    );
    question.state = ThreadState::Closed;
    question.state_reason = Some("completed".into());
    question.closed_at = Some(NOW - 390 * DAY);
    question.labels = vec!["question".into()];
    let extra = [
        doc(
            question,
            vec![maintainer(
                103,
                "MEMBER",
                "They wait only when there is room: `MaxWaiting` defaults to 0. Set it to the backlog you can take.",
                399,
            )],
        ),
        doc(
            thread(
                104,
                "Pool rejects every call after a few hours, even at low load",
                &format!(
                    "After a few hours every call fails:\n\n{error}\n\nOur delegate sometimes throws before it returns a task; each such call seems to leak a slot."
                ),
                20,
            ),
            vec![maintainer(
                104,
                "MEMBER",
                "You're right: `AcquireAsync` calls the delegate outside the `try`/`finally` that releases the slot. Move the call inside the `try`.",
                18,
            )],
        ),
        doc(
            thread(
                105,
                "Hedged requests",
                "Send a second request when the first has not answered within a delay, and take whichever finishes first.",
                700,
            ),
            vec![
                maintainer(
                    105,
                    "OWNER",
                    "I like it. I'll do this myself, it touches the whole handler pipeline.",
                    690,
                ),
                comment(105, 1051, "someone", "NONE", "any update?", 300),
                maintainer(
                    105,
                    "OWNER",
                    "Still on it, the branch has the core part; the handler is what is left.",
                    30,
                ),
            ],
        ),
    ];
    let index = index_with(extra);
    let v = verdict(&index, 104);
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
    let v = verdict(&index, 105);
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
}

#[test]
fn a_needs_repro_label_waits_for_the_machine_a_maintainer_lacks_not_for_the_reporter() {
    let mut t = thread(
        106,
        "Window freezes on Windows when a chart redraws during a resize",
        "On Windows 10 the window stops responding when `Chart.redraw()` runs while the window is resized. Same code on Linux is fine.",
        200,
    );
    t.labels = vec!["needs repro".into()];
    let without = alone(t.clone(), vec![]);
    assert_eq!(
        without.outcome,
        Outcome::NeedsInfo,
        "{}",
        blockers(&without)
    );
    let v = alone(
        t,
        vec![maintainer(
            106,
            "MEMBER",
            "None of us has a Windows machine to reproduce this, so a minimal project would help.",
            190,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    assert!(
        v.reasons.iter().any(|r| r.contains("lacks the machine")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn where_a_fix_goes_a_local_claim_and_what_verifying_takes_are_read() {
    // "The fix is in Core" names where the change goes, not a fix that landed.
    let v = alone(
        thread(
            107,
            "Two charts with different padding render the same cached legend",
            "A chart with `Legend(padding: 4)` and one with `Legend(padding: 12)` on one page: whichever draws first, both show its legend. Clearing the cache between them fixes it.",
            30,
        ),
        vec![maintainer(
            107,
            "COLLABORATOR",
            "`Legend.cacheKey` leaves out the padding, so both map to one entry. The fix is in the core module, no UI needed.",
            29,
        )],
    );
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
    // A maintainer who says verifying needs a platform names a need.
    let v = alone(
        thread(
            108,
            "Data race in the image view extension",
            "```\nWARNING: ThreadSanitizer: data race (pid=4242)\n  Write of size 8 at 0x7b0c00001000 by main thread:\n    #0 ChartView.setSource(_:) ChartView+Widgets.swift:40\n```",
            30,
        ),
        vec![maintainer(
            108,
            "MEMBER",
            "The token is read off the main actor in the completion. Needs UIKit and the sanitizer in a simulator to verify any fix.",
            29,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    // "I cannot test X with Y here" lacks the machine; a Catalyst title is a platform.
    let v = alone(
        thread(
            109,
            "Legend cache written outside the app container",
            "The cache ends up in `~/Library/Caches/widgets` instead of the container. 2.1.0.",
            30,
        ),
        vec![maintainer(
            109,
            "MEMBER",
            "We ask `FileManager` for the caches directory, which should be sandboxed. I cannot test sandboxed builds here.",
            29,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    // An owner with a local branch who assigns it to themself has claimed it.
    let v = alone(
        thread(
            110,
            "Chart.cacheKey differs for URLs with and without a trailing slash",
            "`https://x.test/a/` and `https://x.test/a` give two keys, so the data loads twice.",
            30,
        ),
        vec![maintainer(
            110,
            "OWNER",
            "Yes, I am cleaning up `cacheKey` anyway; I have a local branch, assigning to myself.",
            29,
        )],
    );
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    // A title that places the failure on Linux does not need the platform it names.
    let v = alone(
        thread(
            111,
            "error: no such module 'UIKit' on Linux",
            "`swift build` on Ubuntu 24.04:\n\n```\nSources/Widgets/ChartView.swift:1:8: error: no such module 'UIKit'\n```",
            30,
        ),
        vec![],
    );
    assert_ne!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
}

#[test]
fn a_lock_file_or_the_apps_own_start_order_is_the_setup_and_a_test_that_fails_sometimes_needs_a_way_to_make_it_fail()
 {
    // A dependency the reporter's lock file pins below what the project needs.
    let v = alone(
        thread(
            112,
            "dependency conflict with chartkit",
            "```\nUnchecked dependencies for environment dev:\n* chartkit (Hex package)\n  the dependency does not match the requirement \"~> 2.3\", got \"2.1.0\"\n** (Mix) Can't continue due to errors on dependencies\n```",
            30,
        ),
        vec![maintainer(
            112,
            "MEMBER",
            "Your mix.lock pins chartkit 2.1.0; run `mix deps.update chartkit`.",
            29,
        )],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    // The order of the reporter's own children: their application, not ours.
    let v = alone(
        thread(
            113,
            "ArgumentError unknown registry on boot",
            "```\n** (ArgumentError) unknown registry: MyApp.Events\n    (widgets 2.0.0) lib/widgets/board.ex:52: Widgets.Board.init/1\n```",
            30,
        ),
        vec![maintainer(
            113,
            "MEMBER",
            "`{Widgets.Events, name: MyApp.Events}` must be started before `{Widgets, ...}` in your application children. Order matters.",
            29,
        )],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    // A test failing one run in twenty that nobody can make fail on purpose.
    let flaky = thread(
        114,
        "BoardTest fails sometimes on my machine",
        "`mix test`: about 1 in 20 runs `test update/4 replaces meta` fails. Can't make it fail on purpose.\n\n```\n  2) test update/4 replaces meta (Widgets.BoardTest)\n     Assertion with == failed\n```",
        30,
    );
    let v = alone(flaky.clone(), vec![]);
    assert_eq!(v.outcome, Outcome::NeedsInfo, "{}", blockers(&v));
    // Unless a maintainer found the cause and called it a small fix.
    let v = alone(
        flaky,
        vec![maintainer(
            114,
            "MEMBER",
            "The update races the shard's own diff; `Board.update/4` should wait for the ack. Should be a small fix + test.",
            29,
        )],
    );
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));
}

#[test]
fn a_jvm_classpath_error_or_an_eviction_is_the_setup_but_a_database_privilege_is_not() {
    // A method missing at run time: a jar built for another runtime.
    let v = alone(
        thread(
            115,
            "NoSuchMethodError on the hosted runtime",
            "Installed `io.acme:widgets_2.13:1.0.0` on the cluster.\n\n```\njava.lang.NoSuchMethodError: 'scala.collection.immutable.Map scala.collection.immutable.Map$.apply(scala.collection.immutable.Seq)'\n\tat widgets.Options$.parse(Options.scala:48)\n```",
            30,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    // The build tool choosing between two versions of a library in the reporter's build.
    let v = alone(
        thread(
            116,
            "sbt eviction error with a json library",
            "```\n[error] * com.example:json-scala_2.13:2.17.1 (early-semver) is selected over 2.15.2\n[error] this can be overridden using libraryDependencySchemes or evictionErrorLevel\n```\nOur app uses widgets 1.0.1.",
            30,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    // "permission denied for table b" is the privileges the project's pool connected with.
    let v = alone(
        thread(
            117,
            "Two reads with different users share connections",
            "Reading table A as `reader_a` and table B as `reader_b` in one job: B fails with `permission denied for table b`. Logging shows B's tasks got connections authenticated as reader_a. `ConnectionCache` keys pools by URL only.",
            30,
        ),
        vec![],
    );
    assert_ne!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    // Without a dump the maintainers cannot tell: that asks the reporter, it lacks no machine.
    let v = alone(
        thread(
            118,
            "Job hangs at the end of the read stage sometimes",
            "Maybe one run in thirty, the last task of the read stage never finishes. Nothing in the logs.",
            30,
        ),
        vec![maintainer(
            118,
            "MEMBER",
            "Without a thread dump of the stuck executor we can't tell anything.",
            29,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsInfo, "{}", blockers(&v));
    // A question its maintainer could not answer for want of the service is no support.
    let mut question = thread(
        119,
        "Bulk export hangs against a hosted warehouse",
        "The hosted warehouse speaks the protocol, so I tried the bulk export. It sits at 0 rows forever; row-by-row works. Is bulk export supported there?",
        30,
    );
    question.labels = vec!["question".into()];
    let v = alone(
        question,
        vec![maintainer(
            119,
            "OWNER",
            "It does not support bulk export as far as I know, but none of us has such a warehouse to verify what it answers. We should fail fast instead of hanging.",
            29,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    // A realm and a cluster manager named in the title.
    let v = alone(
        thread(
            120,
            "GSSAPI auth against a Kerberized server fails from YARN executors",
            "Driver authenticates, executors fail with `GSS initiate failed`.",
            30,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
}

#[test]
fn a_pull_request_the_thread_names_as_its_fix_claims_it_though_it_names_no_issue() {
    // The reporter says their pull request is up; the pull request does not name the issue.
    let issue = thread(
        130,
        "Deprecation warnings in the example app",
        "`withOpacity` is deprecated in the example, and so is `Color.value`.",
        40,
    );
    let said = comment(
        130,
        1301,
        "reporter130",
        "NONE",
        "Opened a PR for this: #131",
        39,
    );
    let mut fix = pull(
        131,
        "Fix new lints in the example app",
        "Replaces the deprecated calls.",
        39,
        false,
    );
    fix.user = Some("reporter130".into());
    let index = index_with([
        doc(issue.clone(), vec![said.clone()]),
        doc(fix.clone(), vec![]),
    ]);
    let v = verdict(&index, 130);
    assert_eq!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    assert!(blockers(&v).contains("#131"), "{}", blockers(&v));
    // A pull request named without a word of being its fix claims nothing.
    let see = comment(
        130,
        1301,
        "reporter130",
        "NONE",
        "Maybe related to #131",
        39,
    );
    let index = index_with([doc(issue.clone(), vec![see]), doc(fix.clone(), vec![])]);
    let v = verdict(&index, 130);
    assert_ne!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
    // Nor does one that was closed unmerged.
    fix.state = ThreadState::Closed;
    fix.closed_at = Some(NOW - 20 * DAY);
    let index = index_with([doc(issue, vec![said]), doc(fix, vec![])]);
    let v = verdict(&index, 130);
    assert_ne!(
        v.outcome,
        Outcome::AlreadyFixedOrClaimed,
        "{}",
        blockers(&v)
    );
}

#[test]
fn a_bare_report_of_an_error_fixed_before_it_asks_for_the_version_first() {
    let error = "```\nUncaught TypeError: Cannot read properties of null (reading 'transaction')\n    at Object.b5 (main.dart.js:28810:21)\n```";
    let mut closed = thread(
        140,
        "web: Cannot read properties of null (reading 'transaction') with two tabs",
        &format!("{error}\nHappens when two tabs are open."),
        200,
    );
    closed.state = ThreadState::Closed;
    closed.state_reason = Some("completed".into());
    closed.closed_at = Some(NOW - 190 * DAY);
    let fixed = maintainer(
        140,
        "MEMBER",
        "The second tab gets a blocked upgrade; we handle `onblocked` now. Fixed in 0.9.1.",
        191,
    );
    let bare = thread(
        141,
        "Uncaught TypeError reading transaction with two tabs",
        &format!("Chrome, two tabs:\n{error}"),
        30,
    );
    let index = index_with([doc(closed.clone(), vec![fixed.clone()]), doc(bare, vec![])]);
    let v = verdict(&index, 141);
    assert_eq!(v.outcome, Outcome::Duplicate, "{}", blockers(&v));
    assert!(blockers(&v).contains("#140"), "{}", blockers(&v));
    // A report that says what causes it this time is a report of its own (a regression).
    let diagnosed = thread(
        141,
        "Uncaught TypeError reading transaction with two tabs",
        &format!(
            "Chrome, two tabs:\n{error}\nI think the cause is that `openDatabase` no longer passes `onblocked` since the web store was split out."
        ),
        30,
    );
    let index = index_with([
        doc(closed.clone(), vec![fixed.clone()]),
        doc(diagnosed, vec![]),
    ]);
    let v = verdict(&index, 141);
    assert_ne!(v.outcome, Outcome::Duplicate, "{}", blockers(&v));
    // Closed without anyone saying it was fixed: no fix to point at.
    let quiet = thread(
        141,
        "Uncaught TypeError reading transaction with two tabs",
        &format!("Chrome, two tabs:\n{error}"),
        30,
    );
    let index = index_with([doc(closed, vec![]), doc(quiet, vec![])]);
    let v = verdict(&index, 141);
    assert_ne!(v.outcome, Outcome::Duplicate, "{}", blockers(&v));
    // A runtime panic that names no place is as many failures as the places it comes from.
    let panic = "```\npanic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x10f3c2a]\n\ngoroutine 112 [running]:\n```";
    let mut crashed = thread(
        142,
        "plugin crash on zone read when the zone was deleted",
        &format!("{panic}\nThe zone had been deleted in the console. The plugin crashed."),
        200,
    );
    crashed.state = ThreadState::Closed;
    crashed.state_reason = Some("completed".into());
    crashed.closed_at = Some(NOW - 190 * DAY);
    let mut fix = pull(
        143,
        "Handle deleted zones on read",
        "Fixes #142.",
        191,
        true,
    );
    fix.closed_at = Some(NOW - 190 * DAY);
    let again = thread(
        144,
        "plugin crash on certificate refresh",
        &format!("{panic}\nThe plugin crashed while the certificate was still pending."),
        30,
    );
    let index = index_with([doc(crashed, vec![]), doc(fix, vec![]), doc(again, vec![])]);
    let v = verdict(&index, 144);
    assert_ne!(v.outcome, Outcome::Duplicate, "{}", blockers(&v));
}

#[test]
fn flutter_setup_failures_and_the_words_that_ask_or_instruct_are_read_so() {
    // Gradle's AAR metadata check is the app's compileSdk; the maintainer's "Set ... in
    // android/app/build.gradle" tells the reporter what to change, not where the code is at
    // fault.
    let v = alone(
        thread(
            150,
            "checkDebugAarMetadata: compileSdk 34 required",
            "```\nExecution failed for task ':app:checkDebugAarMetadata'.\n> A failure occurred while executing com.android.build.gradle.internal.tasks.CheckAarMetadataWorkAction\n   > Dependency 'androidx.work:work-runtime:2.9.1' requires libraries and applications that\n     depend on it to compile against version 34 or later of the\n     Android APIs.\n```",
            30,
        ),
        vec![maintainer(
            150,
            "COLLABORATOR",
            "Set `compileSdk = 34` (or `flutter.compileSdkVersion` on a recent Flutter) in android/app/build.gradle.",
            29,
        )],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    // A maintainer asking to enable logging and attach the log: nothing to act on until the
    // log comes, however good the report.
    let v = alone(
        thread(151, "Sync stops until restart", GOOD_REPORT, 60),
        vec![maintainer(
            151,
            "MEMBER",
            "Please enable `SyncConfig(logLevel: LogLevel.verbose)` and attach the log from the next time it happens.",
            58,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsInfo, "{}", blockers(&v));
    // Nobody asked yet: that it cannot be made to happen says enough.
    let v = alone(
        thread(
            152,
            "Sync stops until restart",
            "After this the sync stops until the app is restarted. Can't reproduce on purpose.\n\n```\nI/sync: pull cursor=4812 batch=200 status=200\nI/sync: pull cursor=4812 batch=200 status=200\nI/sync: pull cursor=4812 batch=200 status=200\n```",
            60,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::NeedsInfo, "{}", blockers(&v));
}

#[test]
fn a_maintainer_asking_to_confirm_or_naming_the_same_thing_and_a_plain_input_with_its_expectation_are_read_so()
 {
    // "So you can confirm" asks the reporter; "Same thing as #433" names what it duplicates.
    let mut earlier = thread(
        433,
        "CSRF verification failed behind Traefik",
        "Login fails with `Origin checking failed` behind Traefik.",
        400,
    );
    earlier.state = ThreadState::Closed;
    earlier.state_reason = Some("completed".into());
    earlier.closed_at = Some(NOW - 390 * DAY);
    let report = thread(
        333,
        "CSRF verification failed. Request aborted.",
        "```\nshelf-web-1  | WARNING django.security.csrf Forbidden (Origin checking failed - https://b.example does not match any trusted origins.): /accounts/login/\n```\nSet `APP_CSRF_TRUSTED_ORIGINS` already, I think.",
        40,
    );
    let answer = maintainer(
        333,
        "OWNER",
        "Same thing as #433: `APP_CSRF_TRUSTED_ORIGINS=https://b.example`. Leaving this open for a bit so you can confirm.",
        39,
    );
    let index = index_with([doc(earlier, vec![]), doc(report.clone(), vec![answer])]);
    let v = verdict(&index, 333);
    assert_eq!(v.outcome, Outcome::Duplicate, "{}", blockers(&v));
    assert!(blockers(&v).contains("#433"), "{}", blockers(&v));
    // Only asked to confirm, it is no maintainer's confirmation.
    let asked = maintainer(
        333,
        "OWNER",
        "Leaving this open for a bit so you can confirm.",
        39,
    );
    let v = alone(report.clone(), vec![asked]);
    assert!(
        !v.evidence.iter().any(|e| e.contains("confirmed")),
        "{:?}",
        v.evidence
    );
    // "Not the same problem as #433" names another thread, not a duplicate.
    let denied = maintainer(
        333,
        "OWNER",
        "Not the same problem as #433 (that was the cookie domain), but the same neighbourhood.",
        39,
    );
    let mut earlier = thread(433, "CSRF cookie domain", "Cookie domain is wrong.", 400);
    earlier.state = ThreadState::Closed;
    let index = index_with([doc(earlier, vec![]), doc(report, vec![denied])]);
    let v = verdict(&index, 333);
    assert_ne!(v.outcome, Outcome::Duplicate, "{}", blockers(&v));

    // A short report with the literal input and what was expected of it can be acted on.
    let v = alone(
        thread(
            314,
            "Tags \"Gardening\" and \"gardening\" are created as two tags",
            "Adding `Gardening, gardening ,  GARDENING` in the tag box makes three tags. I would expect tags to be case-insensitive and keep the first spelling.",
            20,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::AgentReady, "{}", blockers(&v));

    // "Without an Authelia instance I can't debug it" lacks a machine; "without a way to
    // reproduce I can't do much" lacks a reproduction.
    let v = alone(
        thread(166, "SSO with Authelia: redirect loop", GOOD_REPORT, 60),
        vec![maintainer(
            166,
            "COLLABORATOR",
            "Thanks. Without an Authelia instance I can't debug the cookie path.",
            58,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
    let v = alone(
        thread(174, "Avatar disappears after update", GOOD_REPORT, 60),
        vec![maintainer(
            174,
            "OWNER",
            "Without a way to reproduce I can't do much; if it happens again please grab the log lines.",
            58,
        )],
    );
    assert_ne!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
}

#[test]
fn cabal_solver_and_foreign_library_failures_a_breaking_change_and_a_missing_editor_setup_are_read_so()
 {
    // Cabal's solver and a missing C library are the reporter's setup.
    let v = alone(
        thread(
            142,
            "cabal fails to resolve dependencies",
            "```\n[__0] trying: widgets-0.9.0 (user goal)\n[__1] next goal: base (dependency of widgets)\n[__1] rejecting: base-4.14.3.0/installed-4.14.3.0 (conflict: widgets => base>=4.15 && <4.21)\n[__1] fail (backjumping, conflict set: base, widgets)\n```\nghc 8.10.7",
            30,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    let v = alone(
        thread(
            222,
            "Missing (or bad) C library: pq",
            "```\nError: cabal: Missing dependency on a foreign library:\n* Missing (or bad) C library: pq\n```\nbuilding with `-f live-schema`",
            30,
        ),
        vec![],
    );
    assert_eq!(v.outcome, Outcome::EnvironmentOrSupport, "{}", blockers(&v));
    assert!(
        blockers(&v).contains("the installation"),
        "{}",
        blockers(&v)
    );
    // Agreed it is wrong, but the fix breaks every user: a decision first.
    let v = alone(
        thread(
            181,
            "numeric should map to Scientific, not Double",
            "`numeric(12,2)` columns come out as `Double`. It is a one-line change in `mapSqlType`.",
            30,
        ),
        vec![maintainer(
            181,
            "OWNER",
            "Agreed it is wrong, but changing it breaks every user that has numeric columns. I would rather do it in 2.0 or behind a flag. Let me think about which.",
            28,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsDecision, "{}", blockers(&v));
    // "Someone with an HLS setup needs to try": the maintainer lacks it, and so does an agent.
    let v = alone(
        thread(193, "Editor keeps old errors", GOOD_REPORT, 30),
        vec![maintainer(
            193,
            "OWNER",
            "`addDependentFile` only covers files that existed at compile time. I do not use it. Someone with an HLS setup needs to try.",
            28,
        )],
    );
    assert_eq!(v.outcome, Outcome::NeedsHardware, "{}", blockers(&v));
}
