//! The worker's side of the bot: one handler per kind of job.
//!
//! - `webhook`: a stored delivery. Keeps the mirror current and asks for syncs of newly
//!   installed repositories.
//! - `sync_repo`: mirrors one repository from GitHub.

pub mod command;
pub mod coordinate;
pub mod indexes;
pub mod recovery;
pub mod relay;
pub mod settings;

use std::sync::Arc;

use anyhow::Context as _;
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use tracing::{info, warn};

use crate::github::client::{Client, GitHub};
use crate::github::event::{self, Envelope};
use crate::jobs::{Handlers, JobError, JobHandler};
use crate::mirror::{events, sync};
use crate::prompt::render::Templates;
use crate::server::webhook::WEBHOOK_JOB;
use crate::store::{Job, NewJob, RepoName, Store};

/// Serializes the publishing on one issue.
type IssueLock = Arc<tokio::sync::Mutex<()>>;

/// The right to publish on one issue; give it back with `release`.
pub struct PublishGuard {
    _local: tokio::sync::OwnedMutexGuard<()>,
    renew: tokio::task::JoinHandle<()>,
    name: String,
    store: Arc<dyn Store>,
    owner: String,
}

impl PublishGuard {
    pub async fn release(self) {
        self.renew.abort();
        if let Err(err) = self.store.unlock(&self.name, &self.owner).await {
            warn!(error = %format!("{err:#}"), "cannot give the publishing lease back; it expires");
        }
    }
}

impl Drop for PublishGuard {
    fn drop(&mut self) {
        // Dropped without `release` (a panic): the lease expires on its own.
        self.renew.abort();
    }
}

/// The job kind that mirrors one repository.
pub const SYNC_JOB: &str = "sync_repo";

/// What every handler shares.
pub struct Bot {
    pub store: Arc<dyn Store>,
    /// `None` when no credentials are configured: nothing is read from or sent to GitHub.
    pub github: Option<GitHub>,
    /// A client with `GIST_TOKEN`, for gists (installation tokens cannot create them).
    pub gist: Option<Client>,
    /// Compute everything, send nothing.
    pub dry_run: bool,
    /// Attempts of the jobs the bot enqueues.
    pub max_attempts: i64,
    pub templates: Templates,
    pub settings: settings::SettingsCache,
    pub indexes: indexes::IndexCache,
    /// The Slack relay, when `SLACK_BOT_TOKEN` is set.
    pub slack: Option<crate::slack::Slack>,
    /// `SLACK_CHANNEL`: where messages go when a repository names no channel.
    pub slack_channel: Option<String>,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// One publisher at a time per issue: two `/coordinate` close together must edit one
    /// comment, not post two.
    issue_locks: std::sync::Mutex<std::collections::HashMap<(String, i64), IssueLock>>,
    /// This process's name on the database's leases.
    pub owner: String,
}

impl Bot {
    /// A bot for `store`; `github` and `gist` when credentials are configured.
    pub fn new(
        store: Arc<dyn Store>,
        github: Option<GitHub>,
        gist: Option<Client>,
        dry_run: bool,
        max_attempts: i64,
    ) -> anyhow::Result<Bot> {
        let templates = Templates::embedded()
            .map_err(|err| anyhow::anyhow!("the embedded templates are broken: {err}"))?;
        Ok(Bot {
            store,
            github,
            gist,
            dry_run,
            max_attempts,
            templates,
            settings: settings::SettingsCache::default(),
            indexes: indexes::IndexCache::default(),
            slack: None,
            slack_channel: None,
            metrics: Arc::new(crate::metrics::Metrics::default()),
            issue_locks: std::sync::Mutex::default(),
            owner: format!("bot-{}", uuid::Uuid::new_v4().simple()),
        })
    }

    /// Waits (up to a minute) for the right to publish on one issue: a mutex within this
    /// process, and a lease row across replicas, renewed while it is held. `None` when another
    /// replica kept it all that time.
    pub async fn publishing(
        &self,
        repo: &RepoName,
        number: i64,
    ) -> anyhow::Result<Option<PublishGuard>> {
        const LEASE_MS: i64 = 5 * 60 * 1000;
        let local = self.issue_lock(repo, number).lock_owned().await;
        let name = format!("publish:{}#{}", repo.key(), number);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let now = crate::store::now_ms();
            if self
                .store
                .try_lock(&name, &self.owner, now, now + LEASE_MS)
                .await?
            {
                break;
            }
            if std::time::Instant::now() > deadline {
                return Ok(None);
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let (store, owner, lease) = (self.store.clone(), self.owner.clone(), name.clone());
        // Renewed every minute: a publication slowed by rate limits keeps its turn.
        let renew = tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                let now = crate::store::now_ms();
                if let Err(err) = store.try_lock(&lease, &owner, now, now + LEASE_MS).await {
                    warn!(error = %format!("{err:#}"), "cannot renew the publishing lease");
                }
            }
        });
        Ok(Some(PublishGuard {
            _local: local,
            renew,
            name,
            store: self.store.clone(),
            owner: self.owner.clone(),
        }))
    }

    /// The lock that serializes publishing on one issue (within this process).
    pub fn issue_lock(&self, repo: &RepoName, number: i64) -> IssueLock {
        let mut locks = self.issue_locks.lock().unwrap_or_else(|p| p.into_inner());
        // Locks nobody holds are dropped now and then, so the map stays small.
        if locks.len() > 1_000 {
            locks.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        locks.entry((repo.key(), number)).or_default().clone()
    }

    /// With the Slack relay.
    pub fn with_slack(
        mut self,
        slack: Option<crate::slack::Slack>,
        channel: Option<String>,
    ) -> Bot {
        self.slack = slack;
        self.slack_channel = channel;
        self
    }

    /// Sharing the server's metrics.
    pub fn with_metrics(mut self, metrics: Arc<crate::metrics::Metrics>) -> Bot {
        self.metrics = metrics;
        self
    }

    /// Counts an error a person must act on.
    pub fn metrics_error(&self, kind: &str) {
        self.metrics.error(kind);
    }

    /// A bot without GitHub access (tests, dry runs without credentials).
    pub fn offline(store: Arc<dyn Store>) -> Arc<Bot> {
        match Bot::new(store, None, None, true, 8) {
            Ok(bot) => Arc::new(bot),
            Err(err) => panic!("{err:#}"),
        }
    }

    /// Queues an incremental sync of every mirrored repository (a full one when its last
    /// full sync is a week old), once per `period` number whatever the replicas. Returns how
    /// many were queued.
    pub async fn queue_periodic_syncs(&self, period: i64) -> anyhow::Result<usize> {
        let mut queued = 0;
        for state in self.store.mirrored_repos().await? {
            let Ok(repo) = RepoName::parse(&state.display_name) else {
                continue;
            };
            let args = SyncJob {
                repo: repo.to_string(),
                installation: None,
                full: false,
            };
            let job = NewJob {
                dedupe_key: Some(format!("sync:{}:periodic:{period}", repo.key())),
                ..NewJob::new(SYNC_JOB, serde_json::to_string(&args)?, self.max_attempts)
            };
            if self.store.enqueue_job(&job).await?.is_some() {
                queued += 1;
            }
        }
        Ok(queued)
    }

    /// Queues a full sync of a repository the mirror has never synced (once).
    pub async fn queue_initial_sync(
        &self,
        repo: &RepoName,
        installation: Option<i64>,
    ) -> anyhow::Result<()> {
        let args = SyncJob {
            repo: repo.to_string(),
            installation: installation.map(|i| i as u64),
            full: true,
        };
        let job = NewJob {
            dedupe_key: Some(format!("sync:{}:initial", repo.key())),
            ..NewJob::new(SYNC_JOB, serde_json::to_string(&args)?, self.max_attempts)
        };
        if self.store.enqueue_job(&job).await?.is_some() {
            info!(%repo, "queued a first full sync of the repository");
        }
        Ok(())
    }
}

/// The handlers of every job kind the bot runs.
pub fn handlers(bot: Arc<Bot>) -> Handlers {
    Handlers::new()
        .with(WEBHOOK_JOB, WebhookHandler { bot: bot.clone() })
        .with(SYNC_JOB, SyncHandler { bot: bot.clone() })
        .with(relay::SLACK_JOB, SlackHandler { bot: bot.clone() })
        .with(relay::PR_STATUS_JOB, PrStatusHandler { bot })
}

/// Sends a Slack message of the relay.
pub struct SlackHandler {
    bot: Arc<Bot>,
}

#[async_trait]
impl JobHandler for SlackHandler {
    async fn run(&self, job: &Job) -> Result<(), JobError> {
        relay::send_slack(&self.bot, job).await
    }
}

/// Links a pull request from the issue's prompt comment.
pub struct PrStatusHandler {
    bot: Arc<Bot>,
}

#[async_trait]
impl JobHandler for PrStatusHandler {
    async fn run(&self, job: &Job) -> Result<(), JobError> {
        relay::link_pull_request(&self.bot, job).await
    }
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
        if let Some(repo) = envelope.repository.as_ref() {
            let repo = RepoName {
                owner: repo.owner.clone(),
                name: repo.name.clone(),
            };
            self.bot
                .indexes
                .apply(store, &repo, &applied)
                .await
                .context("cannot update the analysis index")?;
            if let Some(trigger) = trigger(&envelope, payload, &repo, id, job) {
                coordinate::handle(&self.bot, trigger).await?;
            }
            if envelope.event == "pull_request" {
                relay::handle_pull_request(&self.bot, &envelope, payload).await?;
            }
        }
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

/// The `/coordinate` comment or trigger label a delivery carries, if any. Comments by bots
/// (the App's own first) and on pull requests are not commands.
fn trigger(
    envelope: &Envelope,
    payload: &[u8],
    repo: &RepoName,
    delivery: &str,
    job: &Job,
) -> Option<coordinate::Trigger> {
    let action = envelope.action.as_deref()?;
    let number = envelope.number?;
    let sender = envelope.sender.as_ref()?;
    if sender.is_bot() || envelope.is_pull_request {
        return None;
    }
    #[derive(serde::Deserialize)]
    struct Issue {
        updated_at: chrono::DateTime<chrono::Utc>,
    }
    #[derive(serde::Deserialize)]
    struct WithIssue {
        issue: Option<Issue>,
    }
    let updated_at = serde_json::from_slice::<WithIssue>(payload)
        .ok()
        .and_then(|p| p.issue)
        .map(|i| i.updated_at.timestamp_millis());
    let kind = match (envelope.event.as_str(), action) {
        ("issue_comment", "created" | "edited") => {
            let comment = envelope.comment.as_ref()?;
            if comment.author.as_ref().is_some_and(|a| a.is_bot()) {
                return None;
            }
            coordinate::TriggerKind::Comment {
                id: comment.id,
                body: comment.body.clone(),
                previous: if action == "edited" {
                    Some(coordinate::previous_body(payload).unwrap_or_default())
                } else {
                    None
                },
            }
        }
        ("issues", "labeled") => coordinate::TriggerKind::Label {
            name: envelope.label.clone()?,
        },
        _ => return None,
    };
    let source = match &kind {
        coordinate::TriggerKind::Comment { id, .. } => format!("comment:{id}"),
        coordinate::TriggerKind::Label { .. } => format!("label:{number}:{delivery}"),
    };
    Some(coordinate::Trigger {
        repo: repo.clone(),
        installation: envelope.installation_id,
        number,
        actor: sender.login.clone(),
        kind,
        updated_at,
        source,
        last_attempt: job.attempts >= job.max_attempts,
        retrying: job.attempts > 1,
    })
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
        // A sync may change anything: the index is built again when next needed (unless it
        // changed nothing, as most periodic syncs).
        let changed =
            report.threads + report.comments + report.deleted_threads + report.deleted_comments;
        if changed > 0 {
            self.bot.indexes.invalidate(&repo).await;
        }
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

/// Every `every`, a sync of every mirrored repository: reactions have no webhook, and
/// deliveries missed while the bot was down are caught up this way.
pub async fn periodic_syncs(
    bot: Arc<Bot>,
    every: std::time::Duration,
    shutdown: tokio_util::sync::CancellationToken,
) {
    if bot.github.is_none() {
        return;
    }
    let every_ms = every.as_millis().clamp(1, i64::MAX as u128) as i64;
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(every) => {}
        }
        match bot
            .queue_periodic_syncs(crate::store::now_ms() / every_ms)
            .await
        {
            Ok(0) => {}
            Ok(n) => info!(repositories = n, "queued the periodic sync of the mirror"),
            Err(err) => warn!(error = %format!("{err:#}"), "cannot queue the periodic sync"),
        }
    }
}
