//! Every text the bot writes on GitHub or Slack outside the templates, snapshot-tested: a
//! change to what the bot says in public shows up in review.

use coordinator::error::UserError;
use coordinator::ids::{IssueNumber, PullNumber};
use coordinator::messages::{self, Notice, NoticeIssue, PrState};

#[test]
fn replies_to_mistakes_people_can_fix() {
    insta::assert_snapshot!(
        "reply_config",
        messages::user_error_reply(&UserError::Config(
            ".github/coordinator.toml is not valid: unknown field `comand`, expected one of `command`, `trigger_label` at line 1 column 1".into()
        ))
    );
    insta::assert_snapshot!(
        "reply_command",
        messages::user_error_reply(&UserError::Command(vec![
            messages::command_error(
                2,
                "`/coordinate triage` takes nothing after it, but got `now please`"
            ),
            messages::command_error(
                4,
                "`/coordinate` does not know `retriage`: use `/coordinate` or `/coordinate triage`"
            ),
        ]))
    );
    insta::assert_snapshot!(
        "reply_refusal",
        messages::user_error_reply(&UserError::Permission {
            actor: "curious-reader".into(),
            needed: "write".into(),
            command: "/coordinate".into(),
        })
    );
}

#[test]
fn the_failure_reply_says_what_to_do_and_nothing_internal() {
    let reply = messages::failure_reply("5f2c9a1e/1234");
    insta::assert_snapshot!("reply_failure", reply);
    assert!(reply.chars().count() < 300);
}

#[test]
fn triage_and_prompt_comment_lines() {
    let lines = [
        messages::triage_next_step(true, true, "/coordinate"),
        messages::triage_next_step(true, false, "/coordinate"),
        messages::triage_next_step(false, false, "/coordinate"),
        messages::verdict_line("agent_ready", 0.8125, None),
        messages::verdict_line(
            "needs_hardware",
            0.2,
            Some("needs ROCm, which the agent lacks"),
        ),
        messages::verdict_line("needs_info", 0.2, None),
        messages::few_ready(2, 5, "3 needs_info, 1 duplicate"),
        messages::few_ready(0, 5, ""),
        messages::template_note("Failed to parse '__tera_one_off'\n  --> 3:5\n  |\n3 | {% if %}"),
        messages::prompt_does_not_fit(),
        messages::gist_description("acme/tensorpack", IssueNumber(990)),
        messages::pr_status_line(
            PullNumber(2001),
            "https://github.com/acme/tensorpack/pull/2001",
            PrState::Opened,
            "agent-7",
            "Fix the crash when CUDA_HOME is not set, and a very long title that goes on and on until it is cut at one hundred and twenty characters",
        ),
        messages::pr_status_line(
            PullNumber(2001),
            "https://github.com/acme/tensorpack/pull/2001",
            PrState::Merged,
            "agent-7",
            "Fix the crash",
        ),
        messages::pr_status_hidden(3),
    ];
    insta::assert_snapshot!("comment_lines", lines.join("\n"));
}

fn notice(state: PrState) -> Notice {
    Notice {
        repo: "acme/tensorpack".into(),
        issues: vec![
            NoticeIssue {
                number: IssueNumber(990),
                title: "python -m tensorpack: TypeError when CUDA_HOME is not set <!channel>"
                    .into(),
                url: "https://github.com/acme/tensorpack/issues/990".into(),
            },
            NoticeIssue {
                number: IssueNumber(991),
                title: "Same & more".into(),
                url: "https://github.com/acme/tensorpack/issues/991".into(),
            },
        ],
        pr_number: PullNumber(2001),
        pr_title: "Fix the reported problem".into(),
        pr_url: "https://github.com/acme/tensorpack/pull/2001".into(),
        pr_author: "agent-7".into(),
        state,
    }
}

#[test]
fn slack_messages() {
    for (name, state) in [("opened", PrState::Opened), ("merged", PrState::Merged)] {
        let n = notice(state);
        let blocks = serde_json::to_string_pretty(&coordinator::slack::blocks(&n)).expect("json");
        insta::assert_snapshot!(
            format!("slack_{name}"),
            format!("text: {}\n\nblocks:\n{blocks}", n.text())
        );
    }
}

#[test]
fn the_dispatchers_replies() {
    use coordinator::analysis::{Proposal, SweepReason};
    let proposal =
        |number: i64, reason: SweepReason, evidence: &[&str], points_to: Option<i64>| Proposal {
            number,
            title: format!("Issue {number} | with a pipe"),
            reason,
            evidence: evidence.iter().map(|e| e.to_string()).collect(),
            related: points_to.into_iter().collect(),
            points_to,
            idle_days: 120,
            version: Some("1.2.0".into()),
        };
    let proposals: Vec<(Proposal, String)> = [
        proposal(
            12,
            SweepReason::FixedByMergedPr,
            &["merged PR #15 \"Render empty tables\" says \"Fixes #12\""],
            Some(15),
        ),
        proposal(
            20,
            SweepReason::StaleNeedsInfo,
            &[
                "asked: maint-ada: \"Which version?\"",
                "no activity for 120 days",
            ],
            None,
        ),
        proposal(
            31,
            SweepReason::OldVersion,
            &["#31 reports version 1.2.0"],
            None,
        ),
    ]
    .into_iter()
    .map(|p| {
        let comment = p.drafted_comment(Some("2.0"));
        (p, comment)
    })
    .collect();
    insta::assert_snapshot!(
        "sweep_reply",
        messages::sweep_reply(
            &proposals
                .iter()
                .map(|(p, c)| (p.line(), c.clone()))
                .collect::<Vec<_>>(),
            "/coordinate",
            57
        )
    );
    insta::assert_snapshot!(
        "sweep_reply_empty",
        messages::sweep_reply(&[], "/coordinate", 57)
    );
    insta::assert_snapshot!(
        "close_reply",
        messages::close_reply(
            &messages::CloseReport {
                closed: vec![
                    (12, "fixed_by_merged_pr".into()),
                    (20, "stale_needs_info".into())
                ],
                already: vec![31],
                refused: vec![44],
            },
            "/coordinate"
        )
    );
    insta::assert_snapshot!(
        "plan_reply",
        messages::plan_reply(
            &[
                messages::PlanRow {
                    number: 12,
                    title: "Empty tables crash render_table".into(),
                    why: "has a reproduction; points at code: `widgets/table.py`".into(),
                    prompt_url: Some(
                        "https://github.com/acme/widgets/issues/12#issuecomment-1".into()
                    ),
                },
                messages::PlanRow {
                    number: 14,
                    title: "Tooltip text is cut".into(),
                    why: "reports an error".into(),
                    prompt_url: None,
                },
            ],
            Some(&messages::few_ready_for_plan(
                2,
                5,
                "3 needs_info, 1 duplicate"
            )),
        )
    );
    insta::assert_snapshot!(
        "plan_reply_empty",
        messages::plan_reply(&[], Some(&messages::few_ready_for_plan(0, 5, "")))
    );
}

#[test]
fn the_weekly_digest() {
    let text = messages::digest(
        "acme/widgets",
        &[
            messages::DigestPick {
                number: 12,
                title: "Empty tables crash <render_table> & more".into(),
            },
            messages::DigestPick {
                number: 14,
                title: "Tooltip text is cut".into(),
            },
        ],
        Some(&messages::few_ready_for_plan(2, 5, "3 needs_info")),
        7,
        &[(990, 2001, "opened".into()), (990, 2001, "merged".into())],
        "/coordinate",
    );
    insta::assert_snapshot!("weekly_digest", text);
}

#[test]
fn what_a_prompt_says_without_the_analyst() {
    let lines: Vec<String> = [
        "budget",
        "timeout",
        "rate_limited",
        "server_error",
        "unreachable",
        "refused",
        "malformed",
        "database",
    ]
    .iter()
    .map(|why| format!("{why}: {}", messages::analyst_missing(why)))
    .collect();
    insta::assert_snapshot!("analyst_missing", lines.join("\n"));
}
