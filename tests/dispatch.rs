//! `/coordinate plan`, `/coordinate sweep` and `/coordinate close` end to end: signed
//! deliveries through the real router and worker, over the warm mirror of the evaluation
//! corpus, against the stand-in GitHub.

mod common;

use common::bot::*;
use common::*;

/// The issue numbers of a reply's table rows (`| #N ...` or `| 1 | #N ...`).
fn numbers_in_table(body: &str) -> Vec<i64> {
    body.lines()
        .filter(|l| l.starts_with("| "))
        .filter_map(|l| {
            let at = l.find("| #").or_else(|| l.find(" | #").map(|i| i + 1))?;
            // The bot makes other issues' references inert with a zero-width space.
            let digits: String = l[at + 3..]
                .trim_start_matches('\u{200B}')
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

fn reply_of<'a>(comments: &'a [common::github::CommentView], marker: &str) -> &'a str {
    comments
        .iter()
        .find(|c| c.body.contains(marker))
        .map(|c| c.body.as_str())
        .unwrap_or_else(|| panic!("no reply with {marker}: {comments:?}"))
}

/// `/coordinate sweep` asked on #990 by a maintainer: the reply, the issues it proposes, and
/// the stored proposal of the first.
async fn sweep(
    s: &Scenario,
    delivery: &str,
    comment: i64,
) -> (String, Vec<i64>, coordinator::store::SweepProposal) {
    s.deliver(
        "issue_comment",
        delivery,
        &comment_event(990, comment, MAINTAINER, "User", "/coordinate sweep"),
    )
    .await;
    let replies = s.bot_comments(990);
    let reply = reply_of(&replies, "### Sweep").to_string();
    let proposed = numbers_in_table(&reply);
    assert!(!proposed.is_empty(), "{reply}");
    let stored = s
        .store
        .sweep_proposal(REPO, proposed[0])
        .await
        .expect("read")
        .expect("stored");
    (reply, proposed, stored)
}

both_backends!(
    sweep_then_close_what_it_proposed_and_only_that,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        // The sweep: one reply on the issue it was asked on, nothing closed.
        let (reply, proposed, stored) = sweep(&s, "s-1", 6_000_001).await;
        assert!(reply.contains("Nothing has been closed"), "{reply}");
        assert!(reply.contains("/coordinate close #N"), "{reply}");
        assert!(
            s.standin.calls().iter().all(|c| c.method != "PATCH"),
            "the sweep closes nothing"
        );
        let target = proposed[0];
        assert!(stored.closed_at.is_none());

        // Someone without write access cannot close.
        s.deliver(
            "issue_comment",
            "s-2",
            &comment_event(
                990,
                6_000_002,
                READER,
                "User",
                &format!("/coordinate close #{target}"),
            ),
        )
        .await;
        assert!(s.standin.thread(REPO, target as u64).expect("thread").open);

        // A maintainer closes the proposed one; an issue the sweep did not propose is refused.
        let not_proposed = (1..2000)
            .find(|n| {
                !proposed.contains(n)
                    && s.standin
                        .thread(REPO, *n as u64)
                        .is_some_and(|t| t.open && !t.is_pull_request)
            })
            .expect("an open issue the sweep left alone");
        let command = format!("/coordinate close #{target} #{not_proposed}");
        s.deliver(
            "issue_comment",
            "s-3",
            &comment_event(990, 6_000_003, MAINTAINER, "User", &command),
        )
        .await;
        let closed = s.standin.thread(REPO, target as u64).expect("thread");
        assert!(!closed.open, "#{target} closed");
        assert_eq!(
            closed.state_reason.as_deref(),
            Some(stored.state_reason.as_str())
        );
        let on_target = s.bot_comments(target);
        assert_eq!(on_target.len(), 1, "{on_target:?}");
        assert!(
            on_target[0].body.starts_with(&format!(
                "<!-- coordinator:close #{target} {} -->\n",
                stored.swept_at
            )),
            "{}",
            on_target[0].body
        );
        assert!(on_target[0].body.ends_with(&stored.comment));
        assert!(
            s.standin
                .thread(REPO, not_proposed as u64)
                .expect("thread")
                .open
        );
        assert!(s.bot_comments(not_proposed).is_empty());
        let replies = s.bot_comments(990);
        let reply = reply_of(&replies, &format!("Closed #\u{200B}{target}"));
        assert!(
            reply.contains(&format!("Not closed: #\u{200B}{not_proposed}")),
            "{reply}"
        );

        // Again (a new comment with the same command): nothing is posted or closed twice.
        s.deliver(
            "issue_comment",
            "s-4",
            &comment_event(990, 6_000_004, MAINTAINER, "User", &command),
        )
        .await;
        assert_eq!(s.bot_comments(target).len(), 1);
        let replies = s.bot_comments(990);
        assert!(
            replies.iter().any(|c| c
                .body
                .contains(&format!("Already closed: #\u{200B}{target}"))),
            "{replies:?}"
        );
    }
);

both_backends!(
    a_close_that_crashed_after_commenting_does_not_comment_twice,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        let (_, proposed, stored) = sweep(&s, "x-1", 6_100_001).await;
        let target = proposed[0];
        // An earlier attempt posted the closing comment, then died before it recorded it.
        let body = format!(
            "<!-- coordinator:close #{target} {} -->\n{}",
            stored.swept_at, stored.comment
        );
        let id = s
            .standin
            .add_comment(REPO, target as u64, common::github::BOT_LOGIN, &body);
        s.deliver(
            "issue_comment",
            "x-2",
            &comment_event(target, id as i64, common::github::BOT_LOGIN, "Bot", &body),
        )
        .await;
        s.deliver(
            "issue_comment",
            "x-3",
            &comment_event(
                990,
                6_100_003,
                MAINTAINER,
                "User",
                &format!("/coordinate close #{target}"),
            ),
        )
        .await;
        assert!(!s.standin.thread(REPO, target as u64).expect("thread").open);
        assert_eq!(
            s.bot_comments(target).len(),
            1,
            "the comment is not posted again"
        );
        let stored = s
            .store
            .sweep_proposal(REPO, target)
            .await
            .expect("read")
            .expect("stored");
        assert_eq!(stored.comment_id, Some(id as i64));
        assert!(stored.closed_at.is_some());
    }
);

both_backends!(
    the_plan_publishes_prompts_on_the_ready_issues_and_one_table,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        s.deliver(
            "issue_comment",
            "p-1",
            &comment_event(990, 6_100_001, MAINTAINER, "User", "/coordinate plan"),
        )
        .await;
        let replies = s.bot_comments(990);
        let reply = reply_of(&replies, "### Plan");
        let picked = numbers_in_table(reply);
        assert!(!picked.is_empty() && picked.len() <= 5, "{reply}");
        for n in &picked {
            let comments = s.bot_comments(*n);
            assert!(
                comments.iter().any(|c| c
                    .body
                    .starts_with(&format!("<!-- coordinator:prompt issue={n} -->"))),
                "#{n} has its prompt: {comments:?}"
            );
            let published = s
                .store
                .publication(REPO, *n, "prompt")
                .await
                .expect("read")
                .expect("recorded");
            let url = published.comment_url.expect("url");
            assert!(reply.contains(&url), "the table links #{n}'s prompt");
        }
        assert_eq!(s.reactions(6_100_001), ["eyes", "rocket"]);
        // Only the prompts' links are live: titles and reasons mention no other thread.
        let without_links = reply
            .lines()
            .map(|l| l.split("[prompt](").next().unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("#990", "");
        assert!(
            !without_links.contains('#')
                || !without_links
                    .chars()
                    .zip(without_links.chars().skip(1))
                    .any(|(a, b)| a == '#' && b.is_ascii_digit()),
            "{reply}"
        );
    }
);

fn weekday_name(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "monday",
        chrono::Weekday::Tue => "tuesday",
        chrono::Weekday::Wed => "wednesday",
        chrono::Weekday::Thu => "thursday",
        chrono::Weekday::Fri => "friday",
        chrono::Weekday::Sat => "saturday",
        chrono::Weekday::Sun => "sunday",
    }
}

both_backends!(
    the_weekly_digest_goes_to_slack_once_on_its_day,
    |db: TestDb| async move {
        use chrono::Datelike as _;
        let now = coordinator::store::now_ms();
        let today = chrono::DateTime::from_timestamp_millis(now)
            .expect("now")
            .weekday();
        let config = format!("[digest]\nweekday = \"{}\"\n", weekday_name(today));
        let s = scenario_with(
            db,
            Options {
                slack: true,
                config: Some(&config),
                ..Options::default()
            },
        )
        .await;
        let slack = s.slack.as_ref().expect("slack");
        assert_eq!(s.bot.queue_digests(now).await.expect("queued"), 1);
        wait_idle(&s.store, std::time::Duration::from_secs(30)).await;
        let messages = slack.messages();
        assert_eq!(messages.len(), 1, "{messages:?}");
        let text = &messages[0].text;
        assert!(
            text.contains("*Weekly digest for acme/tensorpack*"),
            "{text}"
        );
        assert!(text.contains("*Ready for an agent*"), "{text}");
        assert!(text.contains("*Can probably be closed:*"), "{text}");
        assert!(text.contains("*Worker pull requests this week:*"), "{text}");
        // The same day again: the job is not queued twice, nothing is sent twice.
        assert_eq!(s.bot.queue_digests(now).await.expect("queued"), 0);
        wait_idle(&s.store, std::time::Duration::from_secs(30)).await;
        assert_eq!(slack.messages().len(), 1);
        // Another day of the week: queued, but not its day.
        assert_eq!(
            s.bot.queue_digests(now + 86_400_000).await.expect("queued"),
            1
        );
        wait_idle(&s.store, std::time::Duration::from_secs(30)).await;
        assert_eq!(slack.messages().len(), 1);
    }
);
