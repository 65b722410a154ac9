//! `/coordinate` end to end: signed deliveries through the real router and worker, the
//! analysis over a warm mirror (the evaluation corpus), and publishing on the stand-in GitHub,
//! which checks the App's JWT and counts every call.

mod common;

use std::time::Duration;

use coordinator::store::JobState;
use serde_json::Value;

use common::bot::*;
use common::github::BOT_LOGIN;
use common::*;

const SECTIONS: [&str; 7] = [
    "## Setup",
    "## Issue #",
    "## Related Issues",
    "## Additional Context",
    "## Recommended Approach",
    "## When You Are Done",
    "## What NOT to Do",
];

fn assert_prompt_comment(body: &str, number: i64) {
    assert!(
        body.starts_with(&format!("<!-- coordinator:prompt issue={number} -->")),
        "{}",
        &body[..body.len().min(200)]
    );
    let mut at = 0;
    for section in SECTIONS {
        let found = body[at..]
            .find(&format!("\n{section}"))
            .unwrap_or_else(|| panic!("{section} missing or out of order"));
        at += found + section.len();
    }
    assert!(body.contains(&format!("## Issue #{number}: ")));
    assert!(body.contains(&format!("`Fixes #{number}`")));
    assert!(body.contains("### Full Issue Body"));
    assert_eq!(body.matches("**Untrusted data.**").count(), 1);
    assert!(body.chars().count() <= 65_536);
    // The launch command ends the comment.
    let tail = body.trim_end();
    assert!(tail.ends_with("```"), "ends with the launch block");
    let launch = tail.rsplit("```sh\n").next().unwrap_or_default();
    assert!(launch.starts_with("claude \"Please read "), "{launch}");
}

both_backends!(
    a_maintainer_gets_a_prompt_comment_within_six_calls,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        s.deliver(
            "issue_comment",
            "c-1",
            &comment_event(
                990,
                5_000_001,
                MAINTAINER,
                "User",
                "Looks clear.\n/coordinate\n",
            ),
        )
        .await;
        let comments = s.bot_comments(990);
        assert_eq!(comments.len(), 1, "one prompt comment: {comments:?}");
        let body = &comments[0].body;
        assert_prompt_comment(body, 990);
        // The launch command points at the comment itself.
        let url = format!(
            "https://github.com/acme/tensorpack/issues/990#issuecomment-{}",
            comments[0].id
        );
        assert!(
            body.contains(&format!("Please read {url} and follow")),
            "launch with the comment's URL"
        );
        // Nobody is pinged and no other issue gets a backlink.
        let outside_own = body.replace("#990", "");
        assert!(
            !regex_like_reference(&outside_own),
            "a live #N reference is left"
        );
        assert!(
            !body.contains("@maint-ana ") && !body.contains("@maint-ana\n"),
            "no live mention"
        );
        assert_eq!(s.reactions(5_000_001), ["eyes", "rocket"]);
        // The code mirror, cold: the head check, the tarball and where it redirects.
        let is_code = |path: &str| {
            path.contains("/branches/")
                || path.contains("/tarball/")
                || path.starts_with("/_codeload/")
        };
        let all = s.standin.calls();
        assert_eq!(all.iter().filter(|c| is_code(&c.path)).count(), 3);
        let calls: Vec<_> = all.iter().filter(|c| !is_code(&c.path)).collect();
        assert!(
            calls.len() <= 6,
            "{} calls: {:#?}",
            calls.len(),
            calls
                .iter()
                .map(|c| format!("{} {}", c.method, c.path))
                .collect::<Vec<_>>()
        );
        assert!(
            all.iter()
                .filter(|c| !c.path.starts_with("/_codeload/"))
                .all(|c| c.auth == common::github::Auth::Installation(77)),
            "as the installation"
        );
        let published = s
            .store
            .publication(REPO, 990, "prompt")
            .await
            .expect("read")
            .expect("recorded");
        assert_eq!(published.comment_id, Some(comments[0].id as i64));
        assert_eq!(published.triggered_by.as_deref(), Some(MAINTAINER));
        assert!(published.prompt_hash.is_some());

        // A re-run edits the same comment, and costs less: settings and permission are cached.
        s.standin.reset_calls();
        s.deliver(
            "issue_comment",
            "c-2",
            &comment_event(990, 5_000_002, MAINTAINER, "User", "/coordinate"),
        )
        .await;
        let again = s.bot_comments(990);
        assert_eq!(again.len(), 1, "still one comment");
        assert_eq!(again[0].id, comments[0].id);
        assert!(again[0].updated_at > comments[0].updated_at, "edited");
        // Warm, the code costs one conditional request (answered 304).
        let heads: Vec<u16> = s
            .standin
            .calls()
            .iter()
            .filter(|c| c.path.contains("/branches/"))
            .map(|c| c.status)
            .collect();
        assert_eq!(heads, [304]);
        assert!(
            s.standin.call_count() <= 4,
            "{:?}",
            s.standin
                .calls()
                .iter()
                .map(|c| format!("{} {}", c.method, c.path))
                .collect::<Vec<_>>()
        );
    }
);

both_backends!(
    the_prompt_cites_the_code_and_goes_out_without_it_when_the_download_fails,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        let mut main_py = String::from("import os\n\n\n");
        while main_py.lines().count() < 34 {
            main_py.push_str("# (report helpers)\n");
        }
        main_py.push_str(
            "def print_cuda_toolkit_info():\n    print(\"CUDA toolkit:\")\n    print(\"-\")\n",
        );
        main_py.push_str(
            "    nvcc = os.path.join(os.environ.get(\"CUDA_HOME\"), \"bin\", \"nvcc\")\n",
        );
        s.standin.set_file(REPO, "tensorpack/__main__.py", &main_py);
        // The tarball breaks on every attempt: the prompt still goes out, and says so.
        s.standin.cut_next_tarballs(20);
        s.deliver(
            "issue_comment",
            "code-1",
            &comment_event(990, 5_100_001, MAINTAINER, "User", "/coordinate"),
        )
        .await;
        let comments = s.bot_comments(990);
        assert_eq!(comments.len(), 1, "a prompt without the code: {comments:?}");
        assert!(
            comments[0]
                .body
                .contains("The repository's code could not be read for this prompt"),
            "{}",
            comments[0].body
        );
        assert!(!comments[0].body.contains("### In the Code"));
        assert!(
            !comments[0].body.contains("tarball"),
            "no internal detail in public"
        );

        // The download works again: the re-run cites the code at the head, with permalinks.
        s.standin.cut_next_tarballs(0);
        s.deliver(
            "issue_comment",
            "code-2",
            &comment_event(990, 5_100_002, MAINTAINER, "User", "/coordinate"),
        )
        .await;
        let comments = s.bot_comments(990);
        assert_eq!(comments.len(), 1, "the same comment, edited");
        let body = &comments[0].body;
        assert!(body.contains("### In the Code"), "{body}");
        let head = s.standin.head_sha(REPO);
        assert!(
            body.contains(&format!(
                "https://github.com/{REPO}/blob/{head}/tensorpack/__main__.py#L38"
            )),
            "{body}"
        );
    }
);

both_backends!(
    a_push_to_the_default_branch_saves_the_head_check,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        s.standin
            .set_file(REPO, "tensorpack/__main__.py", "def main():\n    pass\n");
        let head = s.standin.head_sha(REPO);
        // GitHub's push payload (the fixture), pointed at the scenario's repository.
        let mut push = template("push", "with-installation.payload.json");
        repository(&mut push);
        push["ref"] = "refs/heads/main".into();
        push["after"] = head.clone().into();
        push["repository"]["default_branch"] = "main".into();
        s.deliver("push", "push-1", push.to_string().as_bytes())
            .await;
        let known = s
            .store
            .code_head(REPO)
            .await
            .expect("read")
            .expect("the pushed head is known");
        assert_eq!((known.sha.as_str(), known.from_push), (head.as_str(), true));
        assert!(s.standin.calls().is_empty(), "a push costs no call");

        // A prompt now downloads the head without asking where it is.
        s.deliver(
            "issue_comment",
            "push-2",
            &comment_event(990, 5_200_001, MAINTAINER, "User", "/coordinate"),
        )
        .await;
        let paths: Vec<String> = s.standin.calls().iter().map(|c| c.path.clone()).collect();
        assert!(!paths.iter().any(|p| p.contains("/branches/")), "{paths:?}");
        assert_eq!(paths.iter().filter(|p| p.contains("/tarball/")).count(), 1);

        // A push to another branch tells nothing.
        push["ref"] = "refs/heads/feature".into();
        push["after"] = "1111111111111111111111111111111111111111".into();
        s.deliver("push", "push-3", push.to_string().as_bytes())
            .await;
        let still = s.store.code_head(REPO).await.expect("read").expect("head");
        assert_eq!(still.sha, head);
    }
);

/// Whether `text` holds a `#123` reference GitHub would link.
fn regex_like_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'#'
            && w[1].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric() && bytes[i - 1] != b'&')
    })
}

both_backends!(
    who_may_not_use_it_gets_one_polite_sentence,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        let event = comment_event(990, 6_000_001, READER, "User", "/coordinate");
        s.deliver("issue_comment", "r-1", &event).await;
        // The same comment delivered again (a redelivery has another ID here): no second reply.
        s.deliver("issue_comment", "r-2", &event).await;
        let comments = s.bot_comments(990);
        assert_eq!(comments.len(), 1, "{comments:?}");
        let body = comments[0].body.trim();
        assert!(
            body.starts_with("<!-- coordinator:reply comment:6000001 refusal -->\n"),
            "{body}"
        );
        assert!(
            body.ends_with(&format!(
                "Sorry @{READER}, only people with write access to this repository can use `/coordinate`."
            )),
            "{body}"
        );
        assert!(
            s.store
                .publication(REPO, 990, "prompt")
                .await
                .expect("read")
                .is_none()
        );
        assert!(
            s.reactions(6_000_001).is_empty(),
            "no eyes for a refused command"
        );
    }
);

both_backends!(
    bots_code_blocks_and_quotes_run_nothing,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        s.deliver(
            "issue_comment",
            "b-1",
            &comment_event(990, 7_000_001, BOT_LOGIN, "Bot", "/coordinate"),
        )
        .await;
        s.deliver(
            "issue_comment",
            "b-2",
            &comment_event(990, 7_000_002, "renovate[bot]", "Bot", "/coordinate"),
        )
        .await;
        s.deliver(
            "issue_comment",
            "b-3",
            &comment_event(
                990,
                7_000_003,
                MAINTAINER,
                "User",
                "Try:\n```\n/coordinate\n```\n> /coordinate\n`/coordinate`",
            ),
        )
        .await;
        s.deliver(
            "issue_comment",
            "b-4",
            &comment_event(990, 7_000_004, MAINTAINER, "User", "Thanks for the report!"),
        )
        .await;
        // Only the test's own stand-in comments carry the bot's login; the bot posted nothing.
        assert!(s.bot_comments(990).iter().all(|c| c.body == "/coordinate"));
        assert_eq!(
            s.standin.call_count(),
            0,
            "{:?}",
            s.standin
                .calls()
                .iter()
                .map(|c| c.path.clone())
                .collect::<Vec<_>>()
        );
        assert_eq!(count_jobs(&s.store, JobState::Dead).await, 0);
    }
);

both_backends!(an_edit_runs_only_a_new_command, |db: TestDb| async move {
    let s = scenario(db, false, None).await;
    s.deliver(
        "issue_comment",
        "e-1",
        &comment_event(990, 8_000_001, MAINTAINER, "User", "/coordinate triage"),
    )
    .await;
    let first = s.bot_comments(990);
    assert_eq!(first.len(), 1);
    assert!(
        first[0]
            .body
            .starts_with("<!-- coordinator:triage issue=990 -->"),
        "{}",
        first[0].body
    );
    // Editing the comment without a new command does nothing.
    s.standin.reset_calls();
    s.deliver(
        "issue_comment",
        "e-2",
        &edited_event(
            990,
            8_000_001,
            MAINTAINER,
            "/coordinate triage",
            "/coordinate triage\nthanks",
        ),
    )
    .await;
    assert_eq!(s.writes(), 0);
    // Adding /coordinate runs it, and only it.
    s.deliver(
        "issue_comment",
        "e-3",
        &edited_event(
            990,
            8_000_001,
            MAINTAINER,
            "/coordinate triage\nthanks",
            "/coordinate triage\n/coordinate",
        ),
    )
    .await;
    let comments = s.bot_comments(990);
    assert_eq!(
        comments.len(),
        2,
        "the triage comment and the prompt comment"
    );
    assert!(
        comments
            .iter()
            .any(|c| c.body.starts_with("<!-- coordinator:prompt issue=990 -->"))
    );
    assert_eq!(
        comments[0].updated_at, first[0].updated_at,
        "the triage comment was not touched"
    );
});

both_backends!(
    a_typo_in_the_configuration_is_reported,
    |db: TestDb| async move {
        let s = scenario(db, false, Some("min_permision = \"admin\"\n")).await;
        s.deliver(
            "issue_comment",
            "t-1",
            &comment_event(990, 9_000_001, MAINTAINER, "User", "/coordinate"),
        )
        .await;
        let comments = s.bot_comments(990);
        assert_eq!(comments.len(), 1, "{comments:?}");
        let body = &comments[0].body;
        assert!(
            body.contains(".github/coordinator.toml is not valid"),
            "{body}"
        );
        assert!(body.contains("min_permision"), "names the key: {body}");
        assert!(
            s.store
                .publication(REPO, 990, "prompt")
                .await
                .expect("read")
                .is_none()
        );
    }
);

both_backends!(a_mistyped_command_is_explained, |db: TestDb| async move {
    let s = scenario(db, false, None).await;
    s.deliver(
        "issue_comment",
        "p-1",
        &comment_event(990, 9_000_002, MAINTAINER, "User", "/coordinate tirage"),
    )
    .await;
    let comments = s.bot_comments(990);
    assert_eq!(comments.len(), 1, "{comments:?}");
    assert!(
        comments[0].body.contains("unknown subcommand `tirage`"),
        "{}",
        comments[0].body
    );
    assert!(comments[0].body.contains("`/coordinate triage`"));
    assert!(
        s.store
            .publication(REPO, 990, "prompt")
            .await
            .expect("read")
            .is_none()
    );
});

both_backends!(
    the_trigger_label_posts_a_verdict_and_a_prompt_only_when_actionable,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        // #616 needs Windows: a verdict that says so, and no prompt.
        s.deliver("issues", "l-1", &label_event(616, "coordinate", MAINTAINER))
            .await;
        let comments = s.bot_comments(616);
        assert_eq!(comments.len(), 1, "{comments:?}");
        let verdict = &comments[0].body;
        assert!(verdict.starts_with("<!-- coordinator:triage issue=616 -->"));
        assert!(verdict.contains("not ready for an agent"), "{verdict}");
        assert!(verdict.contains("Windows"), "{verdict}");
        assert!(
            verdict.contains("No worker prompt was generated"),
            "{verdict}"
        );
        assert!(
            s.store
                .publication(REPO, 616, "prompt")
                .await
                .expect("read")
                .is_none()
        );
        // #990 is actionable: the verdict, then the prompt.
        s.deliver("issues", "l-2", &label_event(990, "coordinate", MAINTAINER))
            .await;
        let comments = s.bot_comments(990);
        assert_eq!(comments.len(), 2, "{comments:?}");
        assert!(comments[0].body.contains("ready for an agent"));
        assert_prompt_comment(&comments[1].body, 990);
        // Other labels do nothing.
        s.standin.reset_calls();
        s.deliver("issues", "l-3", &label_event(257, "bug", MAINTAINER))
            .await;
        assert!(s.bot_comments(257).is_empty());
        assert_eq!(s.writes(), 0);
    }
);

both_backends!(
    github_failing_on_the_post_still_ends_in_one_comment,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        s.standin
            .fail_next(2, 502, "/repos/acme/tensorpack/issues/990/comments");
        s.deliver(
            "issue_comment",
            "f-1",
            &comment_event(990, 9_100_001, MAINTAINER, "User", "/coordinate"),
        )
        .await;
        let comments = s.bot_comments(990);
        assert_eq!(comments.len(), 1, "{comments:?}");
        assert_prompt_comment(&comments[0].body, 990);
        assert_eq!(
            s.standin.calls().iter().filter(|c| c.status == 502).count(),
            2
        );
        // GitHub posts the comment but the answer is lost: the retry finds it by its
        // marker and edits it instead of posting a second.
        s.standin.reset_calls();
        s.standin
            .fail_next_after_applying(1, 502, "/repos/acme/tensorpack/issues/257/comments");
        s.deliver(
            "issue_comment",
            "f-3",
            &comment_event(257, 9_100_003, MAINTAINER, "User", "/coordinate"),
        )
        .await;
        let comments = s.bot_comments(257);
        assert_eq!(comments.len(), 1, "{comments:?}");
        assert_prompt_comment(&comments[0].body, 257);
        let lost = |number: i64| {
            s.standin.calls().iter().any(|c| {
                c.method == "POST"
                    && c.status == 502
                    && c.path.ends_with(&format!("/issues/{number}/comments"))
            })
        };
        assert!(lost(257), "the fault hit the comment's creation");
        // The same for the one-sentence refusal.
        s.standin.reset_calls();
        s.standin
            .fail_next_after_applying(1, 502, "/repos/acme/tensorpack/issues/990/comments");
        s.deliver(
            "issue_comment",
            "f-4",
            &comment_event(990, 9_100_004, READER, "User", "/coordinate"),
        )
        .await;
        let refusals: Vec<_> = s
            .bot_comments(990)
            .into_iter()
            .filter(|c| c.body.contains("only people with write access"))
            .collect();
        assert_eq!(refusals.len(), 1, "{refusals:?}");
        assert!(lost(990), "the fault hit the refusal's creation");
        let jobs = s.store.jobs(None, 100).await.expect("jobs");
        assert!(jobs.iter().all(|j| j.state == JobState::Done), "{jobs:?}");
        // A failure that does not go away ends in one reply saying so.
        s.standin
            .fail_next(50, 502, "/repos/acme/tensorpack/issues/675/comments");
        let answer = s
            .server
            .deliver(
                "issue_comment",
                "f-2",
                &comment_event(675, 9_100_002, MAINTAINER, "User", "/coordinate"),
            )
            .await;
        assert_eq!(answer.status, 202);
        eventually("the job to die", Duration::from_secs(30), || async {
            count_jobs(&s.store, JobState::Dead).await == 1
        })
        .await;
    }
);

both_backends!(
    a_failure_before_the_settings_replies_only_to_a_command,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        // The repository's settings cannot be read at all: every job fails for good.
        s.standin.fail_next(1_000, 502, "/graphql");
        s.standin
            .fail_next(1_000, 502, "/repos/acme/tensorpack/contents");
        s.deliver_settled(
            "issue_comment",
            "g-1",
            &comment_event(
                990,
                9_300_001,
                MAINTAINER,
                "User",
                "@someone thoughts?\n!important",
            ),
        )
        .await;
        s.deliver_settled(
            "issue_comment",
            "g-2",
            &comment_event(257, 9_300_002, MAINTAINER, "User", "/coordinate"),
        )
        .await;
        eventually("both jobs to die", Duration::from_secs(60), || async {
            count_jobs(&s.store, JobState::Dead).await == 2
        })
        .await;
        assert!(
            s.bot_comments(990).is_empty(),
            "no reply under a comment without a command: {:?}",
            s.bot_comments(990)
        );
        let replies = s.bot_comments(257);
        assert_eq!(replies.len(), 1, "{replies:?}");
        assert!(
            replies[0]
                .body
                .contains("coordinator could not finish this"),
            "{}",
            replies[0].body
        );
        for internal in [
            "502",
            "Bad Gateway",
            "/repos/",
            "GitHub answered",
            "graphql",
        ] {
            assert!(
                !replies[0].body.contains(internal),
                "no internal text ({internal}) in a public reply: {}",
                replies[0].body
            );
        }
    }
);

fn huge_issue() -> Vec<u8> {
    let mut p: Value = serde_json::from_slice(&comment_event(
        1240,
        9_200_001,
        MAINTAINER,
        "User",
        "/coordinate",
    ))
    .expect("json");
    let long_log: String = (0..3_000)
        .map(|i| format!("step {i}: resolving symbols in csrc/ops.cpp ... ok\n"))
        .collect();
    p["issue"]["body"] =
        format!("@someone please look, see #1 too.\nThe build log:\n```\n{long_log}```\n").into();
    serde_json::to_vec(&p).expect("json")
}

both_backends!(a_huge_issue_goes_to_a_gist, |db: TestDb| async move {
    let s = scenario(db, true, None).await;
    s.deliver("issue_comment", "h-1", &huge_issue()).await;
    let gists = s.standin.gists();
    let jobs = s.store.jobs(None, 10).await.expect("jobs");
    assert_eq!(
        gists.len(),
        1,
        "one gist: {:?}",
        jobs.iter()
            .map(|j| (j.state, j.last_error.clone()))
            .collect::<Vec<_>>()
    );
    let (name, content) = &gists[0].files[0];
    assert_eq!(name, "issue-1240.md");
    assert!(content.chars().count() > 65_536);
    assert!(content.contains("## Recommended Approach"));
    let comments = s.bot_comments(1240);
    assert_eq!(comments.len(), 1);
    let body = &comments[0].body;
    assert!(body.contains("is in a gist"), "{body}");
    assert!(
        body.contains("/gist-raw/"),
        "the launch command reads the gist's raw URL: {body}"
    );
    // A re-run updates the gist instead of making another.
    s.deliver(
        "issue_comment",
        "h-2",
        &comment_event(1240, 9_200_002, MAINTAINER, "User", "/coordinate"),
    )
    .await;
    assert_eq!(s.standin.gists().len(), 1);
    assert_eq!(s.bot_comments(1240).len(), 1);
});

both_backends!(
    without_a_gist_token_a_huge_issue_is_a_trimmed_comment,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        s.deliver("issue_comment", "h-1", &huge_issue()).await;
        assert!(s.standin.gists().is_empty());
        let comments = s.bot_comments(1240);
        assert_eq!(comments.len(), 1, "posted, not refused with a 422");
        let body = &comments[0].body;
        assert!(
            body.chars().count() <= 65_536,
            "{} characters",
            body.chars().count()
        );
        assert!(body.contains("too long for a GitHub comment"), "says so");
        // Every section is still there: the issue's own texts were shortened, not the prompt.
        for section in SECTIONS {
            assert!(body.contains(&format!("\n{section}")), "{section} kept");
        }
        assert!(body.contains("more characters: the full text is on GitHub"));
        assert!(body.contains("## Issue #1240"));
        assert!(!s.standin.calls().iter().any(|c| c.status == 422));
        assert!(
            body.contains("@\u{200B}someone"),
            "the mention in the issue is inert"
        );
    }
);

both_backends!(
    a_dry_run_computes_everything_and_sends_nothing,
    |db: TestDb| async move {
        let s = scenario_in(db, false, None, true).await;
        s.deliver(
            "issue_comment",
            "d-1",
            &comment_event(990, 9_300_001, MAINTAINER, "User", "/coordinate"),
        )
        .await;
        assert!(s.bot_comments(990).is_empty(), "nothing posted");
        assert_eq!(s.writes(), 0, "only reads reach GitHub");
        let log = s.store.dry_run_log(50).await.expect("log");
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert!(
            actions.iter().any(|a| a.ends_with("/reactions")),
            "{actions:?}"
        );
        let comment = log
            .iter()
            .find(|e| e.action == "POST /repos/acme/tensorpack/issues/990/comments")
            .expect("the prompt comment that would have been posted");
        assert!(comment.body.contains("## What NOT to Do"));
    }
);

both_backends!(
    two_commands_at_once_still_make_one_comment,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        let first = comment_event(990, 9_400_001, MAINTAINER, "User", "/coordinate");
        let second = comment_event(990, 9_400_002, MAINTAINER, "User", "/coordinate");
        for (id, body) in [(9_400_001u64, "/coordinate"), (9_400_002, "/coordinate")] {
            s.standin
                .add_comment_with_id(REPO, 990, id, MAINTAINER, body);
        }
        let (a, b) = tokio::join!(
            s.server.deliver("issue_comment", "twin-1", &first),
            s.server.deliver("issue_comment", "twin-2", &second)
        );
        assert_eq!((a.status, b.status), (202, 202));
        wait_idle(&s.store, std::time::Duration::from_secs(30)).await;
        let prompts: Vec<_> = s
            .bot_comments(990)
            .into_iter()
            .filter(|c| c.body.starts_with("<!-- coordinator:prompt"))
            .collect();
        assert_eq!(prompts.len(), 1);
    }
);

both_backends!(
    two_replicas_at_once_still_make_one_comment,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        let other = second_replica(&s).await;
        for id in [9_500_001u64, 9_500_002] {
            s.standin
                .add_comment_with_id(REPO, 990, id, MAINTAINER, "/coordinate");
        }
        let first = comment_event(990, 9_500_001, MAINTAINER, "User", "/coordinate");
        let second = comment_event(990, 9_500_002, MAINTAINER, "User", "/coordinate");
        let (a, b) = tokio::join!(
            s.server.deliver("issue_comment", "replica-1", &first),
            other.deliver("issue_comment", "replica-2", &second)
        );
        assert_eq!((a.status, b.status), (202, 202));
        wait_idle(&s.store, std::time::Duration::from_secs(60)).await;
        let prompts: Vec<_> = s
            .bot_comments(990)
            .into_iter()
            .filter(|c| c.body.starts_with("<!-- coordinator:prompt"))
            .collect();
        assert_eq!(prompts.len(), 1);
        other.stop().await;
    }
);

/// One GitHub call of the `/coordinate` path failing: `n` times (1,000 for "persistently")
/// with `status`, for every request of `method` under `prefix`.
struct Step {
    name: &'static str,
    method: &'static str,
    prefix: String,
    n: usize,
    status: u16,
    /// Whether the prompt is still published (cosmetic or recoverable), else one short
    /// failure reply.
    published: bool,
}

fn path_steps(number: i64, comment: i64) -> Vec<Step> {
    let repo = "/repos/acme/tensorpack";
    vec![
        Step {
            name: "the eyes and rocket reactions",
            method: "POST",
            prefix: format!("{repo}/issues/comments/{comment}/reactions"),
            n: 1_000,
            status: 500,
            published: true,
        },
        Step {
            name: "the refresh of the issue",
            method: "GET",
            prefix: format!("{repo}/issues/{number}$"),
            n: 1_000,
            status: 502,
            published: true,
        },
        Step {
            name: "posting the comment, once",
            method: "POST",
            prefix: format!("{repo}/issues/{number}/comments"),
            n: 1,
            status: 502,
            published: true,
        },
        Step {
            name: "pointing the launch command at the comment",
            method: "PATCH",
            prefix: format!("{repo}/issues/comments/"),
            n: 1_000,
            status: 500,
            published: true,
        },
        Step {
            name: "the permission check",
            method: "GET",
            prefix: format!("{repo}/collaborators"),
            n: 1_000,
            status: 500,
            published: false,
        },
        Step {
            name: "the repository's settings (GraphQL, then the contents API)",
            method: "POST",
            prefix: "/graphql".to_string(),
            n: 1_000,
            status: 502,
            published: false,
        },
    ]
}

both_backends!(
    a_failing_github_call_on_the_path_gives_a_prompt_or_one_short_reply,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        let issues = [990_i64, 257, 616, 1240, 88, 477];
        for (i, number) in issues.iter().copied().enumerate() {
            let comment = 9_400_000 + i as i64;
            let step = &path_steps(number, comment)[i];
            s.standin
                .fail_next_method(step.n, step.status, step.method, &step.prefix);
            if step.prefix == "/graphql" {
                s.standin
                    .fail_next(1_000, step.status, "/repos/acme/tensorpack/contents");
            }
            // The settings are cached for minutes: a step about them needs a fresh bot's view.
            s.reset_caches();
            s.standin.reset_calls();
            // An issue whose comments the mirror lacks: the bot refreshes it.
            let mut payload: Value = serde_json::from_slice(&comment_event(
                number,
                comment,
                MAINTAINER,
                "User",
                "/coordinate",
            ))
            .expect("json");
            payload["issue"]["comments"] = 500.into();
            s.deliver_settled(
                "issue_comment",
                &format!("step-{i}"),
                &serde_json::to_vec(&payload).expect("json"),
            )
            .await;
            let failed_calls = s
                .standin
                .calls()
                .iter()
                .filter(|c| {
                    c.status == step.status
                        && c.method == step.method
                        && c.path.starts_with(step.prefix.trim_end_matches('$'))
                })
                .count();
            assert!(failed_calls > 0, "{}: the fault was hit", step.name);
            let mine = s.bot_comments(number);
            let prompts: Vec<_> = mine
                .iter()
                .filter(|c| c.body.contains("coordinator:prompt"))
                .collect();
            let replies: Vec<_> = mine
                .iter()
                .filter(|c| c.body.contains("coordinator:reply"))
                .collect();
            if step.published {
                assert_eq!(prompts.len(), 1, "{}: the prompt is published", step.name);
                assert!(
                    replies.is_empty(),
                    "{}: no failure reply: {replies:?}",
                    step.name
                );
            } else {
                assert!(prompts.is_empty(), "{}: no prompt", step.name);
                assert_eq!(replies.len(), 1, "{}: one reply: {mine:?}", step.name);
                let reply = &replies[0].body;
                assert!(
                    reply.contains("coordinator could not finish this"),
                    "{reply}"
                );
                assert!(reply.contains("under reference `"), "{reply}");
                for internal in [
                    "500",
                    "502",
                    "/repos/",
                    "GitHub answered",
                    "Server Error",
                    "APP_ID",
                    "coordinator sync",
                ] {
                    assert!(
                        !reply.contains(internal),
                        "{}: {internal} in {reply}",
                        step.name
                    );
                }
                assert!(reply.lines().count() <= 2, "{reply}");
            }
            // The faults of one step do not reach the next.
            s.standin.clear_faults();
        }
        let (_, metrics) = s.server.get("/metrics").await;
        for step in ["reaction", "launch_url", "refresh"] {
            assert!(
                metrics.contains(&format!(
                    "coordinator_cosmetic_failures_total{{step=\"{step}\"}}"
                )),
                "{step}: {metrics}"
            );
        }
    }
);
