//! The completion relay: a worker's pull request that fixes a coordinated issue is told to the
//! team in Slack once per state, through rate limits and outages, and linked from the issue's
//! prompt comment.

mod common;

use std::time::Duration;

use coordinator::store::JobState;

use common::bot::*;
use common::*;

/// A scenario with Slack where #990 was coordinated (its prompt comment exists).
async fn coordinated(db: TestDb) -> Scenario {
    let s = scenario_with(
        db,
        Options {
            slack: true,
            ..Options::default()
        },
    )
    .await;
    s.deliver(
        "issue_comment",
        "coordinate-990",
        &comment_event(990, 77_000_001, MAINTAINER, "User", "/coordinate"),
    )
    .await;
    assert!(
        s.store
            .publication(REPO, 990, "prompt")
            .await
            .expect("read")
            .is_some()
    );
    s
}

fn slack(s: &Scenario) -> &common::slack::SlackStandIn {
    s.slack.as_ref().expect("slack")
}

both_backends!(
    a_message_slack_accepted_is_never_sent_again_whatever_the_answer_lacks,
    |db: TestDb| async move {
        let s = coordinated(db).await;
        // `ok: true` and nothing else, then `ok: true` with a `message` of another shape:
        // both are accepted messages, sent once.
        slack(&s).answer_accepted_with(serde_json::json!({ "ok": true }));
        let opened = pr_event("opened", 2101, "Fixes #990", false, "main", "agent-7");
        s.deliver("pull_request", "pr-terse", &opened).await;
        assert_eq!(slack(&s).messages().len(), 1);
        assert_eq!(slack(&s).calls(), 1, "accepted: not sent again");
        slack(&s).answer_accepted_with(serde_json::json!({
            "ok": true,
            "message": { "blocks": "not a list", "ts": 7 },
            "warnings": [{"odd": true}],
        }));
        let merged = pr_event("closed", 2101, "Fixes #990", true, "main", "agent-7");
        s.deliver("pull_request", "pr-odd", &merged).await;
        assert_eq!(slack(&s).messages().len(), 2);
        assert_eq!(slack(&s).calls(), 2, "accepted: not sent again");
    }
);

both_backends!(
    a_worker_pull_request_is_told_once_per_state,
    |db: TestDb| async move {
        let s = coordinated(db).await;
        // Slack first asks to slow down: the message waits, then goes.
        slack(&s).rate_limit_next(1, 1);
        let opened = pr_event(
            "opened",
            2001,
            "This change fixes the crash.\n\nFixes #990",
            false,
            "main",
            "agent-7",
        );
        s.deliver("pull_request", "pr-open", &opened).await;
        let messages = slack(&s).messages();
        assert_eq!(messages.len(), 1, "{messages:?}");
        let m = &messages[0];
        assert_eq!(m.channel, SLACK_CHANNEL);
        assert!(m.text.contains("#990"), "{}", m.text);
        assert!(
            m.text
                .contains("https://github.com/acme/tensorpack/issues/990"),
            "{}",
            m.text
        );
        assert!(
            m.text
                .contains("python -m tensorpack: TypeError when CUDA_HOME is not set"),
            "the issue's title: {}",
            m.text
        );
        assert!(
            m.text
                .contains("pull request #2001 opened by agent-7: Fix the reported problem (2001)"),
            "{}",
            m.text
        );
        assert!(
            m.text
                .contains("https://github.com/acme/tensorpack/pull/2001")
        );
        assert!(
            m.blocks.to_string().contains("pull/2001|#2001"),
            "Block Kit: {}",
            m.blocks
        );
        assert_eq!(slack(&s).calls(), 2, "one 429, then the message");

        // Repeated and edited events send nothing new.
        s.deliver("pull_request", "pr-open-again", &opened).await;
        let edited = pr_event(
            "edited",
            2001,
            "Fixes #990 (now with a test)",
            false,
            "main",
            "agent-7",
        );
        s.deliver("pull_request", "pr-edited", &edited).await;
        assert_eq!(slack(&s).messages().len(), 1);

        // The merge is the second message.
        let merged = pr_event("closed", 2001, "Fixes #990", true, "main", "agent-7");
        s.deliver("pull_request", "pr-merged", &merged).await;
        let messages = slack(&s).messages();
        assert_eq!(messages.len(), 2);
        assert!(
            messages[1].text.contains("pull request #2001 merged"),
            "{}",
            messages[1].text
        );

        // The prompt comment links the pull request, opened and merged.
        let prompt = s
            .bot_comments(990)
            .into_iter()
            .find(|c| c.body.starts_with("<!-- coordinator:prompt"))
            .expect("prompt comment");
        assert!(prompt.body.contains("- Pull request [#2001](https://github.com/acme/tensorpack/pull/2001) opened by agent-7"), "{}", prompt.body);
        assert!(prompt.body.contains(
            "- Pull request [#2001](https://github.com/acme/tensorpack/pull/2001) merged by agent-7"
        ));
        assert!(
            prompt.body.trim_end().ends_with("```"),
            "the launch command still ends it"
        );
    }
);

both_backends!(
    pull_requests_that_do_not_qualify_are_not_told,
    |db: TestDb| async move {
        let s = coordinated(db).await;
        // An issue never coordinated.
        s.deliver(
            "pull_request",
            "p-1",
            &pr_event("opened", 2002, "Fixes #675", false, "main", "someone"),
        )
        .await;
        // Only a mention, no closing keyword.
        s.deliver(
            "pull_request",
            "p-2",
            &pr_event("opened", 2003, "Related to #990", false, "main", "someone"),
        )
        .await;
        // Into another branch: GitHub would not close the issue.
        s.deliver(
            "pull_request",
            "p-3",
            &pr_event(
                "opened",
                2004,
                "Fixes #990",
                false,
                "release-1.x",
                "someone",
            ),
        )
        .await;
        // Closed without merging.
        s.deliver(
            "pull_request",
            "p-4",
            &pr_event("closed", 2005, "Fixes #990", false, "main", "someone"),
        )
        .await;
        assert!(
            slack(&s).messages().is_empty(),
            "{:?}",
            slack(&s).messages()
        );
        assert_eq!(slack(&s).calls(), 0);
    }
);

both_backends!(
    a_slack_outage_delays_the_message_but_does_not_drop_it,
    |db: TestDb| async move {
        let s = coordinated(db).await;
        slack(&s).set_down(true);
        let answer = s
            .server
            .deliver(
                "pull_request",
                "o-1",
                &pr_event(
                    "opened",
                    2010,
                    "Closes acme/tensorpack#990",
                    false,
                    "main",
                    "agent-9",
                ),
            )
            .await;
        assert_eq!(answer.status, 202);
        eventually("a few failed attempts", Duration::from_secs(20), || async {
            slack(&s).calls() >= 3
        })
        .await;
        assert!(slack(&s).messages().is_empty());
        let jobs = s.store.jobs(None, 100).await.expect("jobs");
        let pending = jobs
            .iter()
            .find(|j| j.kind == "slack_notice")
            .expect("the message is queued");
        assert_ne!(pending.state, JobState::Dead);
        slack(&s).set_down(false);
        eventually("the message", Duration::from_secs(30), || async {
            slack(&s).messages().len() == 1
        })
        .await;
        assert!(slack(&s).messages()[0].text.contains("#2010"));
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_slack_token_is_a_clear_error_and_the_message_waits() {
    let db = TestDb::new(Db::Sqlite).await;
    let s = coordinated(db).await;
    // A client whose token Slack refuses.
    let metrics = std::sync::Arc::new(coordinator::metrics::Metrics::default());
    let bad = coordinator::slack::Slack::new(
        &slack(&s).url,
        &secrecy::SecretString::from("xoxb-wrong"),
        metrics.clone(),
    )
    .expect("client");
    let notice = coordinator::slack::Notice {
        repo: REPO.into(),
        issues: vec![],
        pr_number: coordinator::ids::PullNumber(1),
        pr_title: "t".into(),
        pr_url: "u".into(),
        pr_author: "a".into(),
        state: coordinator::slack::PrState::Opened,
    };
    let err = bad.post(SLACK_CHANNEL, &notice).await.expect_err("refused");
    assert!(
        err.to_string().contains("invalid_auth") && err.to_string().contains("SLACK_BOT_TOKEN"),
        "{err}"
    );
    let text = metrics.render(Some(&[]));
    assert!(
        text.contains("coordinator_errors_total{kind=\"slack_invalid_auth\"} 1"),
        "{text}"
    );
    assert!(text.contains("coordinator_slack_requests_total{status=\"invalid_auth\"} 1"));
    let good = coordinator::slack::Slack::new(
        &slack(&s).url,
        &secrecy::SecretString::from(SLACK_TOKEN),
        std::sync::Arc::new(coordinator::metrics::Metrics::default()),
    )
    .expect("client");
    let err = good
        .post("C0NOWHERE", &notice)
        .await
        .expect_err("no such channel");
    assert!(
        err.to_string().contains("channel_not_found") && err.to_string().contains("SLACK_CHANNEL"),
        "{err}"
    );
    // A message Slack refuses for itself is not one to send again.
    slack(&s).refuse_next(1, "invalid_blocks");
    let err = good
        .post(SLACK_CHANNEL, &notice)
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, coordinator::slack::SlackFailure::Rejected(code) if code == "invalid_blocks"),
        "{err}"
    );
    good.post(SLACK_CHANNEL, &notice)
        .await
        .expect("the next one goes");
}

/// Two `serve` replicas on one Postgres share a burst of 500 deliveries (pull requests opened,
/// delivered twice, edited, merged, delivered twice): every job runs once, and Slack hears of
/// each pull request once per state.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_on_postgres_relay_a_burst_exactly_once() {
    let db = TestDb::new(Db::Postgres).await;
    let s = scenario_with(
        db,
        Options {
            slack: true,
            ..Options::default()
        },
    )
    .await;
    let coordinated = [990, 675, 1145, 909, 1215];
    for (i, number) in coordinated.iter().enumerate() {
        s.deliver(
            "issue_comment",
            &format!("coordinate-{number}"),
            &comment_event(
                *number,
                78_000_000 + i as i64,
                MAINTAINER,
                "User",
                "/coordinate",
            ),
        )
        .await;
    }
    let other = second_replica(&s).await;
    let replicas = [&s.server, &other];
    let mut deliveries = Vec::new();
    for pr in 0..100i64 {
        let number = 3000 + pr;
        let issue = coordinated[pr as usize % coordinated.len()];
        let body = format!("Fixes #{issue}");
        let opened = pr_event("opened", number, &body, false, "main", "agent");
        let edited = pr_event(
            "edited",
            number,
            &format!("{body}\n\nTested."),
            false,
            "main",
            "agent",
        );
        let merged = pr_event("closed", number, &body, true, "main", "agent");
        deliveries.push((format!("{number}-opened"), opened.clone()));
        deliveries.push((format!("{number}-opened-again"), opened));
        deliveries.push((format!("{number}-edited"), edited));
        deliveries.push((format!("{number}-merged"), merged.clone()));
        deliveries.push((format!("{number}-merged-again"), merged));
    }
    assert_eq!(deliveries.len(), 500);
    let sends = deliveries.iter().enumerate().map(|(i, (id, body))| {
        let replica = replicas[i % 2];
        async move { replica.deliver("pull_request", id, body).await.status }
    });
    let statuses = futures::future::join_all(sends).await;
    assert!(statuses.iter().all(|s| *s == 202), "{statuses:?}");
    eventually("every message", Duration::from_secs(120), || async {
        slack(&s).messages().len() >= 200
    })
    .await;
    wait_idle(&s.store, Duration::from_secs(60)).await;
    let messages = slack(&s).messages();
    assert_eq!(messages.len(), 200, "two per pull request");
    let mut seen = std::collections::HashSet::new();
    for m in &messages {
        assert!(seen.insert(m.text.clone()), "sent twice: {}", m.text);
    }
    let jobs = s.store.jobs(None, 5_000).await.expect("jobs");
    assert!(
        jobs.iter()
            .all(|j| j.state == JobState::Done && j.attempts <= 2),
        "{:?}",
        jobs.iter()
            .filter(|j| j.state != JobState::Done)
            .collect::<Vec<_>>()
    );
    // Every prompt comment lists its pull requests, opened and merged, none lost.
    for issue in coordinated {
        let prompt = s
            .bot_comments(issue)
            .into_iter()
            .find(|c| c.body.starts_with("<!-- coordinator:prompt"))
            .expect("prompt comment");
        let lines = prompt
            .body
            .lines()
            .filter(|l| l.starts_with("- Pull request [#"))
            .count();
        assert_eq!(lines, 8, "#{issue}: the newest eight lines");
        assert!(
            prompt
                .body
                .contains("- … and 32 earlier pull request lines")
        );
        let recorded = s.store.pr_links(REPO, issue).await.expect("links");
        assert_eq!(
            recorded.len(),
            40,
            "#{issue}: 20 pull requests, opened and merged, none lost"
        );
    }
    other.stop().await;
}

/// A repository added to the installation is mirrored in the background, as the App.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newly_installed_repository_is_mirrored() {
    let db = TestDb::new(Db::Sqlite).await;
    let s = scenario(db, false, None).await;
    s.standin.add_repo("acme/fresh", INSTALLATION as u64);
    for n in 1..=30 {
        s.standin.upsert_thread(
            "acme/fresh",
            common::github::ThreadSpec::issue(n, &format!("fresh issue {n}")),
        );
    }
    s.standin
        .add_comment("acme/fresh", 3, "someone", "a comment");
    let mut p = template("installation_repositories", "added.payload.json");
    p["installation"]["id"] = INSTALLATION.into();
    p["repositories_added"] = serde_json::json!([{ "id": 1, "name": "fresh", "full_name": "acme/fresh", "private": false }]);
    s.deliver(
        "installation_repositories",
        "installed",
        &serde_json::to_vec(&p).expect("json"),
    )
    .await;
    let counts = s.store.mirror_counts("acme/fresh").await.expect("counts");
    assert_eq!(counts, (30, 1));
    let state = s
        .store
        .sync_state("acme/fresh")
        .await
        .expect("state")
        .expect("synced");
    assert_eq!(state.default_branch.as_deref(), Some("main"));
    assert!(
        s.standin
            .calls()
            .iter()
            .filter(|c| c.path.starts_with("/repos/acme/fresh/issues"))
            .all(|c| c.auth == common::github::Auth::Installation(77))
    );
}
