//! The weekly digest: with `[digest] weekday` in a repository's settings and Slack set up,
//! one Slack message a week with the plan's top five, how many issues the sweep would
//! propose, and the worker pull requests the relay saw. A job is queued per repository and
//! UTC day (once, whatever the replicas); it sends only on the configured day.

use anyhow::Context as _;
use chrono::Datelike as _;
use serde::{Deserialize, Serialize};
use tracing::info;

use super::Bot;
use crate::config::repo::RepoConfig;
use crate::ids::InstallationId;
use crate::jobs::JobError;
use crate::messages;
use crate::store::{Job, NewJob, RepoName, now_ms};

/// The job kind of the digest.
pub const DIGEST_JOB: &str = "weekly_digest";

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DigestJob {
    pub repo: String,
    pub installation: Option<InstallationId>,
    /// The UTC day it is for (days since 1970-01-01).
    pub day: i64,
}

impl Bot {
    /// Queues the day's digest check of every mirrored repository (each sends only on its
    /// configured weekday). Nothing without Slack (or a dry run). Returns how many were queued.
    pub async fn queue_digests(&self, now: i64) -> anyhow::Result<usize> {
        if self.slack.is_none() && !self.dry_run {
            return Ok(0);
        }
        let day = now.div_euclid(DAY_MS);
        let mut queued = 0;
        for state in self.store.mirrored_repos().await? {
            let Ok(repo) = RepoName::parse(&state.display_name) else {
                continue;
            };
            let args = DigestJob {
                repo: repo.to_string(),
                installation: None,
                day,
            };
            let job = NewJob {
                dedupe_key: Some(format!("digest:{}:{day}", repo.key())),
                ..NewJob::new(DIGEST_JOB, serde_json::to_string(&args)?, self.max_attempts)
            };
            if self.store.enqueue_job(&job).await?.is_some() {
                queued += 1;
            }
        }
        Ok(queued)
    }
}

/// The repository's settings as the digest reads them: GitHub's copy when the bot has
/// GitHub, else the defaults (no digest).
async fn settings(bot: &Bot, repo: &RepoName, args: &DigestJob) -> Result<RepoConfig, JobError> {
    let Some(github) = &bot.github else {
        return Ok(RepoConfig::default());
    };
    let client = github
        .for_repo(repo, args.installation)
        .await
        .map_err(super::github_error)?;
    let files = bot
        .settings
        .repo_files(&client, repo)
        .await
        .map_err(super::github_error)?;
    // A broken file was (or will be) explained on the next command; no digest meanwhile.
    Ok(files.config.unwrap_or_default())
}

/// Builds and sends one repository's digest, when today is its day.
pub async fn send_digest(bot: &Bot, job: &Job) -> Result<(), JobError> {
    let args: DigestJob = serde_json::from_str(&job.args)
        .map_err(|err| JobError::Permanent(anyhow::anyhow!("bad digest job arguments: {err}")))?;
    let repo =
        RepoName::parse(&args.repo).map_err(|err| JobError::Permanent(anyhow::anyhow!(err)))?;
    let config = settings(bot, &repo, &args).await?;
    let Some(weekday) = config.digest.day() else {
        return Ok(());
    };
    let Some(date) = chrono::DateTime::from_timestamp(args.day * 86_400, 0) else {
        return Err(JobError::Permanent(anyhow::anyhow!(
            "digest day {} out of range",
            args.day
        )));
    };
    if date.weekday() != weekday {
        return Ok(());
    }
    let text = compose(bot, &repo, &config).await?;
    let Some(channel) = super::relay::channel_for(bot, &repo, args.installation).await? else {
        info!(%repo, "no Slack channel for the weekly digest; not sent");
        return Ok(());
    };
    if bot.dry_run {
        bot.store
            .log_dry_run(
                "slack",
                &format!("chat.postMessage {channel}"),
                &text,
                now_ms(),
            )
            .await
            .context("record the dry run")?;
        info!(%channel, "DRY RUN: weekly digest not sent");
        return Ok(());
    }
    let Some(slack) = &bot.slack else {
        return Ok(());
    };
    super::relay::slack_outcome(slack.post_text(&channel, &text).await)?;
    info!(%repo, %channel, "sent the weekly digest");
    Ok(())
}

/// The digest's text for `repo` now.
pub async fn compose(bot: &Bot, repo: &RepoName, config: &RepoConfig) -> Result<String, JobError> {
    let triage = config.triage_config();
    let index = bot
        .indexes
        .get(&bot.store, repo, &triage)
        .await
        .map_err(JobError::Retry)?;
    let now = now_ms();
    let (picks, short, sweep) = {
        let index = index.read().await;
        let (picks, candidates) = index.plan(&triage, now, 5);
        let short = (picks.len() < 5)
            .then(|| messages::few_ready_for_plan(picks.len(), 5, &candidates.others_summary()));
        let picks: Vec<messages::DigestPick> = picks
            .iter()
            .map(|v| messages::DigestPick {
                number: v.number,
                title: index.thread(v.number).map(|t| t.title).unwrap_or_default(),
            })
            .collect();
        let sweep = index
            .sweep(
                &triage,
                &crate::analysis::SweepSettings::of(&config.sweep),
                now,
            )
            .len();
        (picks, short, sweep)
    };
    let prs = bot
        .store
        .pr_links_since(&repo.key(), now - 7 * DAY_MS)
        .await
        .map_err(JobError::Retry)?;
    Ok(messages::digest(
        &repo.to_string(),
        &picks,
        short.as_deref(),
        sweep,
        &prs,
        &config.command,
    ))
}
