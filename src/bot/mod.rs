//! The worker's side of the bot: one handler per kind of job.
//!
//! - `webhook`: a stored delivery. Keeps the mirror current and asks for syncs of newly
//!   installed repositories.
//! - `sync_repo`: mirrors one repository from GitHub.

pub mod command;

use std::sync::Arc;

use anyhow::Context as _;
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use tracing::{info, warn};

use crate::github::client::GitHub;
use crate::github::event;
use crate::jobs::{Handlers, JobError, JobHandler};
use crate::mirror::{events, sync};
use crate::server::webhook::WEBHOOK_JOB;
use crate::store::{Job, NewJob, RepoName, Store};

/// The job kind that mirrors one repository.
pub const SYNC_JOB: &str = "sync_repo";

/// What every handler shares.
pub struct Bot {
    pub store: Arc<dyn Store>,
    /// `None` when no credentials are configured: nothing is read from or sent to GitHub.
    pub github: Option<GitHub>,
    /// Compute everything, send nothing.
    pub dry_run: bool,
    /// Attempts of the jobs the bot enqueues.
    pub max_attempts: i64,
}

impl Bot {
    /// A bot without GitHub access (tests, dry runs without credentials).
    pub fn offline(store: Arc<dyn Store>) -> Arc<Bot> {
        Arc::new(Bot {
            store,
            github: None,
            dry_run: true,
            max_attempts: 8,
        })
    }
}

/// The handlers of every job kind the bot runs.
pub fn handlers(bot: Arc<Bot>) -> Handlers {
    Handlers::new()
        .with(WEBHOOK_JOB, WebhookHandler { bot: bot.clone() })
        .with(SYNC_JOB, SyncHandler { bot })
}

/// Arguments of a `sync_repo` job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SyncJob {
    pub repo: String,
    pub installation: Option<u64>,
    pub full: bool,
}

/// Processes a stored webhook delivery.
pub struct WebhookHandler {
    bot: Arc<Bot>,
}

#[async_trait]
impl JobHandler for WebhookHandler {
    async fn run(&self, job: &Job) -> Result<(), JobError> {
        let store = &self.bot.store;
        let Some(id) = job.delivery_id.as_deref() else {
            return Err(JobError::Permanent(anyhow::anyhow!(
                "a webhook job without a delivery"
            )));
        };
        let delivery = store
            .delivery(id)
            .await
            .context("cannot read the delivery")?
            .ok_or_else(|| JobError::Permanent(anyhow::anyhow!("delivery {id} is not stored")))?;
        let payload = delivery.payload.as_deref().unwrap_or_default();
        let envelope = event::parse_envelope(&delivery.event, payload)
            .map_err(|err| JobError::Permanent(err.into()))?;
        let applied = events::apply(store.as_ref(), &envelope, payload)
            .await
            .map_err(|err| {
                // A payload of an event we act on that we cannot read will not read better
                // later: keep it dead and visible.
                if err.downcast_ref::<serde_json::Error>().is_some() {
                    JobError::Permanent(err)
                } else {
                    JobError::Retry(err)
                }
            })?;
        for repo in &applied.sync {
            let args = SyncJob {
                repo: repo.to_string(),
                installation: envelope.installation_id.map(|i| i as u64),
                full: true,
            };
            let job = NewJob {
                delivery_id: Some(id.to_string()),
                dedupe_key: Some(format!("sync:{}:{id}", repo.key())),
                ..NewJob::new(
                    SYNC_JOB,
                    serde_json::to_string(&args).context("sync job arguments")?,
                    self.bot.max_attempts,
                )
            };
            store
                .enqueue_job(&job)
                .await
                .context("cannot queue a sync")?;
            info!(repo = %repo, "queued a full sync of a newly installed repository");
        }
        info!(
            event = %delivery.event,
            action = delivery.action.as_deref().unwrap_or(""),
            repo = delivery.repo.as_deref().unwrap_or(""),
            changed = ?applied.changed,
            deleted = ?applied.deleted,
            "delivery processed"
        );
        Ok(())
    }
}

/// Mirrors one repository.
pub struct SyncHandler {
    bot: Arc<Bot>,
}

#[async_trait]
impl JobHandler for SyncHandler {
    async fn run(&self, job: &Job) -> Result<(), JobError> {
        let args: SyncJob = serde_json::from_str(&job.args)
            .map_err(|err| JobError::Permanent(anyhow::anyhow!("bad sync job arguments: {err}")))?;
        let repo =
            RepoName::parse(&args.repo).map_err(|err| JobError::Permanent(anyhow::anyhow!(err)))?;
        let Some(github) = &self.bot.github else {
            warn!(%repo, "no GitHub credentials: the repository is not mirrored");
            return Ok(());
        };
        let client = github
            .for_repo(&repo, args.installation)
            .await
            .map_err(github_error)?;
        let report = sync::sync_repo(
            self.bot.store.as_ref(),
            &client,
            &repo,
            sync::SyncOptions { full: args.full },
            &sync::Quiet,
        )
        .await
        .map_err(
            |err| match err.downcast_ref::<crate::github::client::GitHubError>() {
                Some(gh) if gh.retry_after().is_some() => JobError::RetryAfter(
                    anyhow::anyhow!("{gh}"),
                    gh.retry_after().unwrap_or_default(),
                ),
                _ => JobError::Retry(err),
            },
        )?;
        info!("{}", report.summary());
        Ok(())
    }
}

/// A GitHub failure as a job failure: rate limits come back after their reset, credentials
/// and missing repositories do not get better by retrying soon but may be fixed by a person,
/// so they are retried with the normal backoff.
pub fn github_error(err: crate::github::client::GitHubError) -> JobError {
    match err.retry_after() {
        Some(wait) => JobError::RetryAfter(err.into(), wait),
        None => JobError::Retry(err.into()),
    }
}
