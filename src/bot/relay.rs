//! The completion relay: a worker's pull request into the default branch that closes a
//! coordinated issue is told to the team in Slack, once when opened and once when merged, and
//! the issue's prompt comment gains a line linking it.
//!
//! Messages go through the durable job queue (the outbox): one job per pull request and state
//! (a dedupe key), retried through Slack's rate limits and outages, never dropped.

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use tracing::{error, info, warn};

use super::Bot;
use crate::github::event::PullRequestEvent;
use crate::github::refs::extract_refs;
use crate::ids::{InstallationId, IssueNumber, PullNumber};
use crate::jobs::JobError;
use crate::markdown::neutralize;
use crate::prompt::render::{STATUS_END, STATUS_START};
use crate::slack::{Notice, NoticeIssue, PrState, SlackFailure};
use crate::store::{Job, NewJob, RefKind, RepoName, now_ms};

/// The job kind that sends one Slack message.
pub const SLACK_JOB: &str = "slack_notice";
/// The job kind that links a pull request from the issue's prompt comment.
pub const PR_STATUS_JOB: &str = "pr_status";

/// Slack may be down for days: its messages are retried (every 15 minutes at most) far longer
/// than other jobs, and are never dropped in practice.
const SLACK_ATTEMPTS: i64 = 10_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SlackJob {
    pub repo: String,
    pub installation: Option<InstallationId>,
    pub notice: Notice,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrStatusJob {
    pub repo: String,
    pub installation: Option<InstallationId>,
    pub issue: IssueNumber,
    pub pr_number: PullNumber,
    pub pr_url: String,
    pub pr_title: String,
    pub pr_author: String,
    pub state: PrState,
}

/// Queues the relay of a `pull_request` delivery when it concerns coordinated issues.
pub async fn handle_pull_request(bot: &Bot, event: &PullRequestEvent) -> Result<(), JobError> {
    let action = event.ctx.action.as_str();
    let repo_ref = &event.ctx.repo;
    let pr = &event.pull_request;
    let state = match (action, pr.merged.unwrap_or(pr.merged_at.is_some())) {
        ("opened", _) => PrState::Opened,
        ("closed", true) => PrState::Merged,
        _ => return Ok(()),
    };
    // GitHub closes issues only from pull requests into the default branch.
    if let (Some(base), Some(default)) = (&pr.base, &repo_ref.default_branch)
        && &base.name != default
    {
        return Ok(());
    }
    let repo = event.ctx.repo_name();
    let key = repo.key();
    let installation = event.ctx.installation;
    let mut closes: Vec<i64> = extract_refs(pr.body.as_deref().unwrap_or_default(), &repo)
        .into_iter()
        .filter(|r| r.kind == RefKind::Closes)
        .map(|r| r.number)
        .collect();
    closes.dedup();
    let mut issues = Vec::new();
    for number in closes {
        let Some(publication) = bot
            .store
            .publication(&key, number, "prompt")
            .await
            .context("read the publications")?
        else {
            continue;
        };
        let thread = bot
            .store
            .thread(&key, number)
            .await
            .context("read the mirror")?;
        issues.push(NoticeIssue {
            number: IssueNumber(number),
            title: thread
                .as_ref()
                .map(|t| t.title.clone())
                .or(publication.title)
                .unwrap_or_default(),
            url: thread
                .map(|t| t.html_url)
                .unwrap_or_else(|| format!("https://github.com/{repo}/issues/{number}")),
        });
    }
    if issues.is_empty() {
        return Ok(());
    }
    let author = pr
        .user
        .as_ref()
        .map(|u| u.login.clone())
        .unwrap_or_default();
    let notice = Notice {
        repo: repo.to_string(),
        issues: issues.clone(),
        pr_number: PullNumber(pr.number),
        pr_title: pr.title.clone(),
        pr_url: pr.html_url.clone(),
        pr_author: author.clone(),
        state,
    };
    // With the relay off (no token, not a dry run) there is nothing to queue for Slack; the
    // prompt comment still links the pull request.
    if bot.slack.is_some() || bot.dry_run {
        let slack = SlackJob {
            repo: repo.to_string(),
            installation,
            notice,
        };
        let job = NewJob {
            dedupe_key: Some(format!("slack:{key}#{}:{}", pr.number, state.as_str())),
            ..NewJob::new(
                SLACK_JOB,
                serde_json::to_string(&slack).context("slack job")?,
                SLACK_ATTEMPTS,
            )
        };
        if bot
            .store
            .enqueue_job(&job)
            .await
            .context("queue the Slack message")?
            .is_some()
        {
            info!(%repo, pr = pr.number, state = state.as_str(), "queued a Slack message");
        }
    }
    for issue in issues {
        let status = PrStatusJob {
            repo: repo.to_string(),
            installation,
            issue: issue.number,
            pr_number: PullNumber(pr.number),
            pr_url: pr.html_url.clone(),
            pr_title: pr.title.clone(),
            pr_author: author.clone(),
            state,
        };
        let job = NewJob {
            dedupe_key: Some(format!(
                "prstatus:{key}#{}:{}:{}",
                pr.number,
                state.as_str(),
                issue.number
            )),
            ..NewJob::new(
                PR_STATUS_JOB,
                serde_json::to_string(&status).context("status job")?,
                bot.max_attempts,
            )
        };
        bot.store
            .enqueue_job(&job)
            .await
            .context("queue the status line")?;
    }
    Ok(())
}

/// Sends a queued Slack message.
pub async fn send_slack(bot: &Bot, job: &Job) -> Result<(), JobError> {
    let args: SlackJob = serde_json::from_str(&job.args)
        .map_err(|err| JobError::Permanent(anyhow::anyhow!("bad Slack job arguments: {err}")))?;
    let repo =
        RepoName::parse(&args.repo).map_err(|err| JobError::Permanent(anyhow::anyhow!(err)))?;
    if bot.slack.is_none() && !bot.dry_run {
        warn!(%repo, "SLACK_BOT_TOKEN is not set: the Slack relay is off");
        return Ok(());
    }
    let channel = channel_for(bot, &repo, args.installation).await?;
    let Some(channel) = channel else {
        if bot.dry_run {
            info!(%repo, "DRY RUN: no Slack channel configured; the message would wait for one");
            return Ok(());
        }
        bot.metrics_error("slack_no_channel");
        error!(%repo, "no Slack channel: set SLACK_CHANNEL or [slack] channel in .github/coordinator.toml; the message stays queued");
        return Err(JobError::Retry(anyhow::anyhow!(
            "no Slack channel configured"
        )));
    };
    if bot.dry_run {
        bot.store
            .log_dry_run(
                "slack",
                &format!("chat.postMessage {channel}"),
                &args.notice.text(),
                now_ms(),
            )
            .await
            .context("record the dry run")?;
        info!(%channel, "DRY RUN: Slack message not sent");
        return Ok(());
    }
    let Some(slack) = &bot.slack else {
        return Ok(());
    };
    slack_outcome(slack.post(&channel, &args.notice).await)?;
    info!(%repo, pr = args.notice.pr_number.get(), state = args.notice.state.as_str(), %channel, "told Slack");
    Ok(())
}

/// What a Slack failure means for the job that sent the message.
pub(super) fn slack_outcome(result: Result<(), SlackFailure>) -> Result<(), JobError> {
    match result {
        Ok(()) => Ok(()),
        Err(SlackFailure::RateLimited(wait)) => Err(JobError::RetryAfter(
            anyhow::anyhow!("Slack rate limit"),
            wait,
        )),
        Err(err @ SlackFailure::Configuration { .. }) => {
            error!(error = %err, "Slack refused the message; it stays queued until the configuration is fixed");
            Err(JobError::Retry(err.into()))
        }
        Err(err @ SlackFailure::Rejected(_)) => {
            error!(error = %err, "Slack refused the message itself; it is not sent again");
            Err(JobError::Permanent(err.into()))
        }
        Err(err @ SlackFailure::Transient(_)) => Err(JobError::Retry(err.into())),
    }
}

/// The repository's channel (`[slack] channel`), else `SLACK_CHANNEL`. When GitHub cannot
/// say (down, the App uninstalled), `SLACK_CHANNEL` if set: the message is not held back
/// by GitHub; without it, the job waits for GitHub.
pub(super) async fn channel_for(
    bot: &Bot,
    repo: &RepoName,
    installation: Option<InstallationId>,
) -> Result<Option<String>, JobError> {
    let Some(github) = &bot.github else {
        return Ok(bot.slack_channel.clone());
    };
    let files = match github.for_repo(repo, installation).await {
        Ok(client) => bot.settings.repo_files(&client, repo).await,
        Err(err) => Err(err),
    };
    match files {
        Ok(files) => Ok(files
            .config
            .ok()
            .and_then(|config| config.slack.channel)
            .or_else(|| bot.slack_channel.clone())),
        Err(err) => match &bot.slack_channel {
            Some(channel) => {
                warn!(error = %err, %repo, "cannot read the repository's settings; using SLACK_CHANNEL");
                Ok(Some(channel.clone()))
            }
            None => Err(super::github_error(err)),
        },
    }
}

/// Adds the pull request's line to the issue's prompt comment. The lines live in the
/// database and the comment's status section is rendered from all of them; after each edit
/// the rows are read again, and the edit is redone if another job added one meanwhile, so
/// concurrent jobs (on several replicas) cannot lose each other's lines.
pub async fn link_pull_request(bot: &Bot, job: &Job) -> Result<(), JobError> {
    let args: PrStatusJob = serde_json::from_str(&job.args)
        .map_err(|err| JobError::Permanent(anyhow::anyhow!("bad status job arguments: {err}")))?;
    let repo =
        RepoName::parse(&args.repo).map_err(|err| JobError::Permanent(anyhow::anyhow!(err)))?;
    let key = repo.key();
    let Some(publication) = bot
        .store
        .publication(&key, args.issue.get(), "prompt")
        .await
        .context("read the publications")?
    else {
        return Ok(());
    };
    let Some(comment_id) = publication.comment_id else {
        return Ok(());
    };
    bot.store
        .add_pr_link(
            &key,
            args.issue.get(),
            args.pr_number.get(),
            args.state.as_str(),
            &status_line(&args),
            now_ms(),
        )
        .await
        .context("record the pull request's line")?;
    let Some(github) = &bot.github else {
        return Ok(());
    };
    let client = github
        .for_repo(&repo, args.installation)
        .await
        .map_err(super::github_error)?;
    let path = format!(
        "/repos/{}/{}/issues/comments/{comment_id}",
        repo.owner, repo.name
    );
    // The prompt comment is edited by re-runs of /coordinate too: take turns with them.
    let Some(guard) = bot
        .publishing(&repo, args.issue)
        .await
        .context("wait for the issue's publishing lease")?
    else {
        return Err(JobError::Retry(anyhow::anyhow!(
            "another replica is publishing on {}",
            args.issue
        )));
    };
    let edited = edit_status(bot, &client, &key, &path, args.issue.get()).await;
    guard.release().await;
    // The line is cosmetic: once the job has no attempt left, its failure is logged and
    // counted, never a dead job that looks like a lost message.
    match edited {
        Err(err) if job.attempts >= job.max_attempts => {
            bot.metrics.cosmetic_failure("status_line");
            warn!(error = %err, issue = args.issue.get(), "cannot add the pull request's line to the prompt comment; left as it is");
            Ok(())
        }
        other => other,
    }
}

/// Renders the status section from the database's lines until they stand still.
async fn edit_status(
    bot: &Bot,
    client: &crate::github::client::Client,
    key: &str,
    path: &str,
    issue: i64,
) -> Result<(), JobError> {
    for _ in 0..10 {
        let lines = bot
            .store
            .pr_links(key, issue)
            .await
            .context("read the lines")?;
        let comment: crate::publish::github::PostedComment = match client.get_json(path).await {
            Ok(comment) => comment,
            // The prompt comment was deleted: nothing to add to.
            Err(crate::github::client::GitHubError::NotFound { .. }) => return Ok(()),
            Err(err) => return Err(super::github_error(err)),
        };
        if let Some(updated) = with_status(&comment.body.unwrap_or_default(), &lines) {
            if bot.dry_run {
                bot.store
                    .log_dry_run("github", &format!("PATCH {path}"), &updated, now_ms())
                    .await
                    .context("record the dry run")?;
                return Ok(());
            }
            client
                .patch_json::<serde_json::Value>(path, &serde_json::json!({ "body": updated }))
                .await
                .map_err(super::github_error)?;
        }
        if bot
            .store
            .pr_links(key, issue)
            .await
            .context("read the lines")?
            == lines
        {
            return Ok(());
        }
    }
    Err(JobError::Retry(anyhow::anyhow!(
        "the prompt comment's status kept changing; trying again"
    )))
}

/// The pull request's line in the prompt comment, made inert.
fn status_line(args: &PrStatusJob) -> String {
    crate::messages::pr_status_line(
        args.pr_number,
        &args.pr_url,
        args.state,
        &neutralize(&args.pr_author, None),
        &neutralize(&args.pr_title, None),
    )
}

/// The status section shows at most this many lines (the newest), so that linking pull
/// requests can never push the comment over GitHub's limit.
pub const STATUS_LINES: usize = 8;

/// The status lines a comment shows: the newest `STATUS_LINES`, after a count of the others.
pub fn status_window(lines: &[String]) -> Vec<String> {
    let hidden = lines.len().saturating_sub(STATUS_LINES);
    let mut shown = Vec::with_capacity(STATUS_LINES + 1);
    if hidden > 0 {
        shown.push(crate::messages::pr_status_hidden(hidden));
    }
    shown.extend(lines.iter().skip(hidden).cloned());
    shown
}

/// The comment with its status section holding exactly the [`status_window`] of `lines`;
/// `None` when it already does (or has no status section, or would not fit in a comment).
pub fn with_status(body: &str, lines: &[String]) -> Option<String> {
    let lines = &status_window(lines);
    // The last marker: the status block ends the comment, and quoted issue text above it
    // could hold a copy of the marker.
    let start = body.rfind(STATUS_START)?;
    let after_start = start + STATUS_START.len();
    let end = body[after_start..].find(STATUS_END)? + after_start;
    let current: Vec<&str> = body[after_start..end]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if current == lines.iter().map(String::as_str).collect::<Vec<_>>() {
        return None;
    }
    let mut out = String::with_capacity(body.len() + 200);
    out.push_str(&body[..after_start]);
    out.push('\n');
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&body[end..]);
    if out.chars().count() > crate::publish::COMMENT_LIMIT {
        warn!(
            "the pull request lines would push the prompt comment over GitHub's limit; left as it is"
        );
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_section_is_rendered_from_the_lines() {
        let body = format!("prompt\n{STATUS_START}\n{STATUS_END}\n\nlaunch");
        let opened = "- Pull request [#9](https://x/pull/9) opened by w: fix".to_string();
        let merged = "- Pull request [#9](https://x/pull/9) merged by w: fix".to_string();
        let once = with_status(&body, std::slice::from_ref(&opened)).expect("added");
        assert!(once.contains(&format!("{STATUS_START}\n{opened}\n{STATUS_END}")));
        assert!(
            with_status(&once, std::slice::from_ref(&opened)).is_none(),
            "unchanged"
        );
        let both = with_status(&once, &[opened.clone(), merged.clone()]).expect("added");
        assert!(both.contains(&format!("{opened}\n{merged}\n{STATUS_END}")));
        assert!(both.ends_with("launch"));
        assert!(with_status("no markers", &[opened]).is_none());
    }
}
