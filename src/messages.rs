//! Every text the bot writes on GitHub or Slack that does not come from a template, in one
//! place, so that what the bot says in public is deliberate and reviewed (each is
//! snapshot-tested in `tests/messages.rs`).
//!
//! A failure reply never carries an error chain, an API URL, a configuration variable or a
//! database message: it says what the person can do and gives a reference that finds the
//! details in the logs. Mistakes a person can fix themselves (`error::UserError`) are
//! explained to them.

use serde::{Deserialize, Serialize};

use crate::error::UserError;
use crate::ids::{IssueNumber, PullNumber};
use crate::markdown::one_line;

// ---------------------------------------------------------------------------------------------
// Replies on GitHub
// ---------------------------------------------------------------------------------------------

/// The reply to a mistake the person can fix.
pub fn user_error_reply(err: &UserError) -> String {
    match err {
        UserError::Config(message) => format!(
            "coordinator cannot run: {message}. Fix the file on the default branch, then try again."
        ),
        UserError::Command(errors) => errors.join("\n\n"),
        UserError::Permission {
            actor,
            needed,
            command,
        } => format!(
            "Sorry @{actor}, only people with {needed} access to this repository can use `{command}`."
        ),
    }
}

/// The reply after a failure on our side (or GitHub's): what to do, and where to look.
pub fn failure_reply(reference: &str) -> String {
    format!(
        "coordinator could not finish this. Comment the command again in a few minutes; if it \
         fails again, a maintainer can find the details in the bot's logs under reference \
         `{reference}`."
    )
}

/// A line of a command the parser does not know.
pub fn command_error(line: usize, message: &str) -> String {
    format!("line {line}: {message}")
}

/// The last line of the triage comment.
pub fn triage_next_step(actionable: bool, label_triggered: bool, command: &str) -> String {
    match (actionable, label_triggered) {
        (true, true) => "The worker prompt follows in the next comment.".to_string(),
        (true, false) => format!("Comment `{command}` to generate the worker prompt."),
        (false, _) => format!(
            "No worker prompt was generated. A maintainer can still comment `{command}` to generate one anyway."
        ),
    }
}

/// The note in the prompt comment when the repository's own prompt template could not be
/// used (the maintainer's mistake: said, in one line).
pub fn template_note(error: &str) -> String {
    format!(
        "> **Note:** the repository's prompt template could not be used ({}). The default template was used.",
        one_line(error, 500)
    )
}

/// The prompt comment's summary of the triage: the outcome's name, and the first blocker
/// when it is not `agent_ready`.
pub fn verdict_line(outcome: &str, score: f64, first_blocker: Option<&str>) -> String {
    if outcome == "agent_ready" {
        return format!("triage: agent_ready (ready for an agent), score {score:.2}");
    }
    match first_blocker {
        Some(blocker) => format!("triage: {outcome} ({blocker})"),
        None => format!("triage: {outcome}"),
    }
}

/// The line under a candidate list with fewer ready issues than asked for: it does not fill
/// up with the rest.
pub fn few_ready(ready: usize, asked: usize, others: &str) -> String {
    let ready_part = match ready {
        0 => "no open issue is ready for an agent".to_string(),
        1 => "only 1 open issue is ready for an agent".to_string(),
        n => format!("only {n} open issues are ready for an agent"),
    };
    let others = if others.is_empty() {
        String::new()
    } else {
        format!("; the others: {others}")
    };
    format!("{ready_part} (asked for {asked}){others}. `--all` lists them.")
}

/// The line under a plan with fewer picks than it looks for.
pub fn few_ready_for_plan(ready: usize, asked: usize, others: &str) -> String {
    let ready_part = match ready {
        0 => "No open issue is ready for an agent now".to_string(),
        1 => "Only 1 open issue is ready for an agent now".to_string(),
        n => format!("Only {n} open issues are ready for an agent now"),
    };
    let others = if others.is_empty() {
        String::new()
    } else {
        format!("; the others: {others}")
    };
    format!("{ready_part} (the plan looks for {asked}){others}.")
}

/// What a prompt says in place of the analyst's sections when the analyst is configured but
/// its answer is not there; `why` is the outcome (`budget`, `timeout`, `rate_limited`,
/// `server_error`, `unreachable`, `refused`, `malformed`, `database`).
pub fn analyst_missing(why: &str) -> String {
    let why = match why {
        "budget" => "its daily token budget is spent",
        "timeout" => "the model did not answer in time",
        "rate_limited" => "the model's API was rate-limiting",
        "server_error" | "unreachable" => "the model's API could not be reached",
        "refused" => "the model's API refused the request",
        "malformed" => "the model's answer could not be read",
        _ => "its bookkeeping failed",
    };
    format!(
        "The analyst (a language model) was not consulted for this prompt: {why}. The sections below are the tooling's own."
    )
}

/// What the comment holds when not even the issue fits in a GitHub comment.
pub fn prompt_does_not_fit() -> String {
    "The prompt does not fit in a GitHub comment: run `coordinator prompt` for this issue to write it to a file.\n".to_string()
}

/// The description of the gist that holds a prompt.
pub fn gist_description(repo: &str, number: IssueNumber) -> String {
    format!(
        "coordinator: worker prompt for {repo} issue {}",
        number.get()
    )
}

/// `- Pull request [#12](url) opened by author: title` (the title cut to 120 characters); the
/// caller makes it inert.
pub fn pr_status_line(
    pr: PullNumber,
    url: &str,
    state: PrState,
    author: &str,
    title: &str,
) -> String {
    format!(
        "- Pull request [#{}]({}) {} by {}: {}",
        pr.get(),
        url,
        state.as_str(),
        author,
        one_line(title, 120)
    )
}

/// The line that stands for the pull request lines a prompt comment no longer shows.
pub fn pr_status_hidden(hidden: usize) -> String {
    format!("- … and {hidden} earlier pull request lines")
}

/// The closing comment the sweep drafts for an issue, written for its reporter: what
/// happened, where the fix or the answer is, and how to get it reopened. `reason` is the
/// sweep's (`fixed_by_merged_pr`, ...); `points_to` the fix or the original.
pub fn sweep_comment(
    reason: &str,
    points_to: Option<i64>,
    idle_days: i64,
    version: Option<&str>,
    min_version: Option<&str>,
) -> String {
    let reopen = "If you still see this, comment here with what you run and what happens, and we will reopen it.";
    match reason {
        "fixed_by_merged_pr" => match points_to {
            Some(pr) => format!(
                "Thanks for reporting this. It was fixed by #{pr}, which has been merged, so I am closing this issue as completed. {reopen}"
            ),
            None => format!(
                "Thanks for reporting this. A maintainer confirmed above that it is fixed, so I am closing this issue as completed. {reopen}"
            ),
        },
        "duplicate_of_closed" => match points_to {
            Some(original) => format!(
                "Thanks for reporting this. It is the same problem as #{original}, which is closed; the explanation and any fix are there. I am closing this one as a duplicate to keep the discussion in one place. If your case turns out to be different, comment here and we will reopen it."
            ),
            None => format!(
                "Thanks for reporting this. It duplicates an issue that is already closed, so I am closing it. {reopen}"
            ),
        },
        "stale_needs_info" => format!(
            "Thanks for reporting this. We asked above for more information and have not heard back in {idle_days} days, so I am closing the issue for now. If it still happens, comment with the details asked for above and we will reopen it."
        ),
        "old_version" => {
            let on = version
                .map(|v| format!(" on version {v}"))
                .unwrap_or_default();
            let oldest = min_version
                .map(|m| format!(", and the oldest version we still support is {m}"))
                .unwrap_or_default();
            format!(
                "Thanks for reporting this. It was reported{on}{oldest}; nobody has reported it on a supported version since, so I am closing it. If it happens on a current release, comment here with the version and the steps and we will reopen it."
            )
        }
        _ => format!(
            "Thanks for the question. It looks answered by the maintainer's reply above, and nobody has followed up in {idle_days} days, so I am closing it. If the answer does not solve your problem, comment here and we will reopen it."
        ),
    }
}

/// One proposal as the sweep's reply lists it.
#[derive(Debug, Clone, Copy)]
pub struct SweepLine<'a> {
    pub number: i64,
    pub title: &'a str,
    /// The sweep's reason (`fixed_by_merged_pr`, ...).
    pub reason: &'a str,
    pub evidence: &'a [String],
}

/// How many proposals a sweep reply lists; the rest are counted (a comment holds 65,536
/// characters, and a maintainer reads a few dozen at most).
pub const SWEEP_REPLY_MAX: usize = 40;

/// The reply to `/coordinate sweep`: the proposals with their evidence and drafted comments,
/// and how to close them. Nothing is closed by it.
pub fn sweep_reply(
    proposals: &[(SweepLine<'_>, String)],
    command: &str,
    open_issues: usize,
) -> String {
    if proposals.is_empty() {
        return format!(
            "### Sweep\n\nNone of the {open_issues} open issues can be closed on the evidence in the tracker (a merged fix, a closed duplicate, an unanswered request for information, an answered question, an unsupported version)."
        );
    }
    let mut out = format!(
        "### Sweep: {} of {open_issues} open issues can probably be closed\n\nNothing has been closed. Check the evidence, then close the ones you agree with: `{command} close #N #M ...` posts each drafted comment and closes the issue.\n\n| issue | reason | evidence |\n|---|---|---|\n",
        proposals.len()
    );
    for (p, _) in proposals.iter().take(SWEEP_REPLY_MAX) {
        out.push_str(&format!(
            "| #{} {} | {} | {} |\n",
            p.number,
            one_line(p.title, 80).replace('|', "\\|"),
            p.reason,
            one_line(&p.evidence.join("; "), 300).replace('|', "\\|")
        ));
    }
    if proposals.len() > SWEEP_REPLY_MAX {
        out.push_str(&format!(
            "\n… and {} more: `coordinator sweep` lists them all.\n",
            proposals.len() - SWEEP_REPLY_MAX
        ));
    }
    out.push_str("\n<details><summary>The drafted closing comments</summary>\n\n");
    for (p, comment) in proposals.iter().take(SWEEP_REPLY_MAX) {
        out.push_str(&format!(
            "**#{}**: {}\n\n",
            p.number,
            one_line(comment, 1000)
        ));
    }
    out.push_str("</details>\n");
    out
}

/// What `/coordinate close` did with each number it was given.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CloseReport {
    /// Closed now, with the reason.
    pub closed: Vec<(i64, String)>,
    /// Closed before (by an earlier run of the command, or by someone).
    pub already: Vec<i64>,
    /// Not proposed by the latest sweep.
    pub refused: Vec<i64>,
}

/// The reply to `/coordinate close`.
pub fn close_reply(report: &CloseReport, command: &str) -> String {
    let list = |numbers: &mut dyn Iterator<Item = i64>| {
        numbers
            .map(|n| format!("#{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = Vec::new();
    if !report.closed.is_empty() {
        let closed: Vec<String> = report
            .closed
            .iter()
            .map(|(n, reason)| format!("#{n} ({reason})"))
            .collect();
        lines.push(format!(
            "Closed {}, each with its drafted comment.",
            closed.join(", ")
        ));
    }
    if !report.already.is_empty() {
        lines.push(format!(
            "Already closed: {}.",
            list(&mut report.already.iter().copied())
        ));
    }
    if !report.refused.is_empty() {
        lines.push(format!(
            "Not closed: {}. The latest sweep did not propose {}; run `{command} sweep` to see what it proposes.",
            list(&mut report.refused.iter().copied()),
            if report.refused.len() == 1 { "it" } else { "them" }
        ));
    }
    if lines.is_empty() {
        lines.push("Nothing to close.".to_string());
    }
    lines.join("\n\n")
}

/// One row of the plan's reply.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub number: i64,
    pub title: String,
    pub why: String,
    /// Where the prompt was published (the prompt comment or gist); `None` when it could
    /// not be published this time.
    pub prompt_url: Option<String>,
}

/// The reply to `/coordinate plan`.
pub fn plan_reply(rows: &[PlanRow], short: Option<&str>) -> String {
    let mut out = String::from("### Plan\n\n");
    if rows.is_empty() {
        out.push_str(short.unwrap_or("No open issue is ready for an agent."));
        out.push('\n');
        return out;
    }
    out.push_str("The issues an agent can take now, best first; each prompt is published on its issue with its launch command.\n\n| | issue | why | prompt |\n|---|---|---|---|\n");
    for (i, r) in rows.iter().enumerate() {
        let prompt = match &r.prompt_url {
            Some(url) => format!("[prompt]({url})"),
            None => "not published this time: comment the command on the issue".to_string(),
        };
        out.push_str(&format!(
            "| {} | #{} {} | {} | {prompt} |\n",
            i + 1,
            r.number,
            one_line(&r.title, 80).replace('|', "\\|"),
            one_line(&r.why, 200).replace('|', "\\|"),
        ));
    }
    if let Some(short) = short {
        out.push_str(&format!("\n{short}\n"));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Slack
// ---------------------------------------------------------------------------------------------

/// Whether the pull request was opened or merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrState {
    Opened,
    Merged,
}

impl PrState {
    pub fn as_str(self) -> &'static str {
        match self {
            PrState::Opened => "opened",
            PrState::Merged => "merged",
        }
    }
}

/// An issue the pull request closes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeIssue {
    pub number: IssueNumber,
    pub title: String,
    pub url: String,
}

/// What the team hears about a worker's pull request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub repo: String,
    pub issues: Vec<NoticeIssue>,
    pub pr_number: PullNumber,
    pub pr_title: String,
    pub pr_url: String,
    pub pr_author: String,
    pub state: PrState,
}

/// One of the plan's picks in the weekly digest.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestPick {
    pub number: i64,
    pub title: String,
}

/// The weekly digest in Slack: the plan's top five, how many issues the sweep would propose,
/// and the worker pull requests the relay saw in the week (issue, pull request, state).
pub fn digest(
    repo: &str,
    picks: &[DigestPick],
    short: Option<&str>,
    sweep: usize,
    prs: &[(i64, i64, String)],
    command: &str,
) -> String {
    let base = format!("https://github.com/{repo}");
    let mut out = format!("*Weekly digest for {}*\n", slack_escape(repo));
    out.push_str("\n*Ready for an agent* (the plan's top five):\n");
    if picks.is_empty() {
        out.push_str("• none\n");
    }
    for p in picks {
        out.push_str(&format!(
            "• {} {}\n",
            slack_link(
                &format!("{base}/issues/{}", p.number),
                &format!("#{}", p.number)
            ),
            slack_escape(&one_line(&p.title, 100))
        ));
    }
    if let Some(short) = short {
        out.push_str(&format!("_{}_\n", slack_escape(short)));
    }
    out.push_str(&format!(
        "\n*Can probably be closed:* {sweep} open issue{} (`{} sweep` lists them with the evidence)\n",
        if sweep == 1 { "" } else { "s" },
        slack_escape(command)
    ));
    let opened = prs.iter().filter(|p| p.2 == "opened").count();
    let merged = prs.iter().filter(|p| p.2 == "merged").count();
    out.push_str(&format!(
        "\n*Worker pull requests this week:* {opened} opened, {merged} merged\n"
    ));
    for (issue, pr, state) in prs.iter().take(20) {
        out.push_str(&format!(
            "• {} for {} ({})\n",
            slack_link(&format!("{base}/pull/{pr}"), &format!("#{pr}")),
            slack_link(&format!("{base}/issues/{issue}"), &format!("#{issue}")),
            slack_escape(state)
        ));
    }
    if prs.len() > 20 {
        out.push_str(&format!("• … and {} more\n", prs.len() - 20));
    }
    out
}

/// Text for Slack's `mrkdwn`: `&`, `<` and `>` escaped, so a title cannot make a link or a
/// `<!channel>` ping.
pub fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A link in `mrkdwn`.
fn slack_link(url: &str, label: &str) -> String {
    format!(
        "<{}|{}>",
        url.replace(['<', '>', '|'], ""),
        slack_escape(label)
    )
}

impl Notice {
    /// The notification text (and the whole message where blocks are not shown).
    pub fn text(&self) -> String {
        let issues: Vec<String> = self
            .issues
            .iter()
            .map(|i| {
                format!(
                    "#{} {} ({})",
                    i.number.get(),
                    slack_escape(&one_line(&i.title, 200)),
                    slack_escape(&i.url)
                )
            })
            .collect();
        format!(
            "{}: pull request #{} {} by {}: {} ({}). Fixes {}",
            slack_escape(&self.repo),
            self.pr_number.get(),
            self.state.as_str(),
            slack_escape(&self.pr_author),
            slack_escape(&one_line(&self.pr_title, 300)),
            slack_escape(&self.pr_url),
            issues.join(", ")
        )
    }

    /// The first block: what happened.
    pub fn headline(&self) -> String {
        let mark = match self.state {
            PrState::Opened => ":large_green_circle:",
            PrState::Merged => ":white_check_mark:",
        };
        format!(
            "{mark} *{}* pull request {} {}\n{}",
            slack_escape(&self.repo),
            slack_link(&self.pr_url, &format!("#{}", self.pr_number.get())),
            self.state.as_str(),
            slack_escape(&one_line(&self.pr_title, 300)),
        )
    }

    /// The second block: the issues it fixes.
    pub fn fixes(&self) -> String {
        let issues: Vec<String> = self
            .issues
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    slack_link(&i.url, &format!("#{}", i.number.get())),
                    slack_escape(&one_line(&i.title, 200))
                )
            })
            .collect();
        format!("*Fixes* {}", issues.join("\n"))
    }

    /// The context line: who, and the link.
    pub fn byline(&self) -> String {
        format!(
            "by {} · {}",
            slack_escape(&self.pr_author),
            slack_link(&self.pr_url, "view the pull request")
        )
    }
}
