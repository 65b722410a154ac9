//! The worker's side of the bot: one handler per kind of job.
//!
//! - `webhook`: a stored delivery. Keeps the mirror current and asks for syncs of newly
//!   installed repositories.
//! - `sync_repo`: mirrors one repository from GitHub.

pub mod command;
pub mod coordinate;
pub mod digest;
pub mod indexes;
pub mod recovery;
pub mod relay;
pub mod settings;

use std::sync::Arc;

use anyhow::Context as _;
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use tracing::{debug, info, warn};

use crate::github::client::{Client, GitHub};
use crate::github::event::{
    self, Event, Ignored, InstallationEvent, IssueCommentEvent, IssuesEvent,
};
use crate::ids::{InstallationId, IssueNumber};
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

/// How long the right to publish on an issue outlives its holder's last renewal.
pub const PUBLISH_LEASE: std::time::Duration = std::time::Duration::from_secs(30);

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
    /// The code mirror's indexes in memory.
    pub code: crate::mirror::code::CodeCache,
    /// How much of a repository's code is read.
    pub code_limits: crate::code::Limits,
    /// The Slack relay, when `SLACK_BOT_TOKEN` is set.
    pub slack: Option<crate::slack::Slack>,
    /// `SLACK_CHANNEL`: where messages go when a repository names no channel.
    pub slack_channel: Option<String>,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The optional analyst (a language model), when `ANALYST_MODEL` is set.
    pub analyst: Option<Arc<crate::analyst::Analyst>>,
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
            code: crate::mirror::code::CodeCache::default(),
            code_limits: crate::code::Limits::default(),
            slack: None,
            slack_channel: None,
            metrics: Arc::new(crate::metrics::Metrics::default()),
            analyst: None,
            issue_locks: std::sync::Mutex::default(),
            owner: format!("bot-{}", uuid::Uuid::new_v4().simple()),
        })
    }

    /// Waits (up to a minute) for the right to publish on one issue: a mutex within this
    /// process, and a lease row across replicas, renewed while it is held. `None` when another
    /// replica kept it all that time.
    ///
    /// The lease is short and renewed often: a process killed while publishing holds it at
    /// most `PUBLISH_LEASE` longer, so the work resumes within a minute of a restart.
    pub async fn publishing(
        &self,
        repo: &RepoName,
        number: IssueNumber,
    ) -> anyhow::Result<Option<PublishGuard>> {
        let number = number.get();
        const LEASE_MS: i64 = PUBLISH_LEASE.as_millis() as i64;
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
        // Renewed three times a lease: a publication slowed by rate limits keeps its turn.
        let renew = tokio::spawn(async move {
            loop {
                tokio::time::sleep(PUBLISH_LEASE / 3).await;
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

    pub fn with_analyst(mut self, analyst: Option<crate::analyst::Analyst>) -> Bot {
        self.analyst = analyst.map(Arc::new);
        self
    }

    pub fn with_code_limits(mut self, limits: crate::code::Limits) -> Bot {
        self.code_limits = limits;
        self
    }

    /// Counts an error a person must act on.
    pub fn metrics_error(&self, kind: &str) {
        self.metrics.error(kind);
    }

    /// A bot without GitHub access (tests, dry runs without credentials).
    pub fn offline(store: Arc<dyn Store>) -> Arc<Bot> {
        Bot::offline_with_metrics(store, Arc::new(crate::metrics::Metrics::default()))
    }

    /// The same, counting into `metrics`.
    pub fn offline_with_metrics(
        store: Arc<dyn Store>,
        metrics: Arc<crate::metrics::Metrics>,
    ) -> Arc<Bot> {
        match Bot::new(store, None, None, true, 8) {
            Ok(bot) => Arc::new(bot.with_metrics(metrics)),
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
        installation: Option<InstallationId>,
    ) -> anyhow::Result<()> {
        let args = SyncJob {
            repo: repo.to_string(),
            installation,
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
        .with(relay::PR_STATUS_JOB, PrStatusHandler { bot: bot.clone() })
        .with(digest::DIGEST_JOB, DigestHandler { bot })
}

/// Sends a repository's weekly digest on its day.
pub struct DigestHandler {
    bot: Arc<Bot>,
}

#[async_trait]
impl JobHandler for DigestHandler {
    async fn run(&self, job: &Job) -> Result<(), JobError> {
        digest::send_digest(&self.bot, job).await
    }
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
    pub installation: Option<InstallationId>,
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
        // The one parse of this delivery: the mirror, the relay and the triggers share it.
        let event = Event::parse(
            &delivery.event,
            delivery.payload.as_deref().unwrap_or_default(),
        );
        handle_event(&self.bot, &event, id, job).await?;
        info!(
            event = %delivery.event,
            action = delivery.action.as_deref().unwrap_or(""),
            repo = delivery.repo.as_deref().unwrap_or(""),
            "delivery processed"
        );
        Ok(())
    }
}

/// What one delivery does: the mirror first (every event on a repository), then the one
/// handler of its kind.
pub async fn handle_event(
    bot: &Bot,
    event: &Event,
    delivery: &str,
    job: &Job,
) -> Result<(), JobError> {
    let store = &bot.store;
    let applied = events::apply(store.as_ref(), event).await?;
    if let Some(ctx) = event.context() {
        bot.indexes
            .apply(store, &ctx.repo_name(), &applied)
            .await
            .context("cannot update the analysis index")?;
    }
    match event {
        Event::Issues(e) => {
            if let Some(trigger) = label_trigger(e, delivery, job) {
                coordinate::handle(bot, trigger).await?;
            }
        }
        Event::IssueComment(e) => {
            if let Some(trigger) = comment_trigger(e, delivery, job) {
                coordinate::handle(bot, trigger).await?;
            }
        }
        Event::PullRequest(e) => relay::handle_pull_request(bot, e).await?,
        Event::Installation(e) | Event::InstallationRepositories(e) => {
            queue_installed_syncs(bot, e, delivery).await?;
        }
        Event::Push(e) => {
            if let Some(branch) = e.default_branch() {
                let repo = e.repo_name();
                crate::mirror::code::note_push(store.as_ref(), &repo, branch, &e.after)
                    .await
                    .context("cannot record the pushed head")?;
                // The settings may have changed with it.
                bot.settings.forget(&repo);
            }
        }
        Event::Ping => {}
        Event::Other {
            event: name,
            action,
            why: Ignored::UnexpectedShape(why),
        } => {
            bot.metrics.delivery_ignored(name, "unexpected_shape");
            warn!(event = %name, action = action.as_deref().unwrap_or(""), %why,
                "a delivery of an unexpected shape: accepted and ignored");
        }
        Event::Other { .. } => {}
    }
    debug!(changed = ?applied.changed, deleted = ?applied.deleted, "delivery applied");
    Ok(())
}

/// A full sync of each repository a new installation (or a change of one) brings.
async fn queue_installed_syncs(
    bot: &Bot,
    event: &InstallationEvent,
    delivery: &str,
) -> Result<(), JobError> {
    for repo in &event.repositories {
        let args = SyncJob {
            repo: repo.to_string(),
            installation: event.installation,
            full: true,
        };
        let job = NewJob {
            delivery_id: Some(delivery.to_string()),
            dedupe_key: Some(format!("sync:{}:{delivery}", repo.key())),
            ..NewJob::new(
                SYNC_JOB,
                serde_json::to_string(&args).context("sync job arguments")?,
                bot.max_attempts,
            )
        };
        bot.store
            .enqueue_job(&job)
            .await
            .context("cannot queue a sync")?;
        info!(repo = %repo, "queued a full sync of a newly installed repository");
    }
    Ok(())
}

/// Whether a trigger may come from this sender: bots (the App's own first) never command.
fn from_a_person(sender: Option<&event::Actor>) -> Option<&event::Actor> {
    sender.filter(|s| !s.is_bot())
}

/// The `/coordinate` comment a delivery carries, if any. Comments on pull requests are not
/// commands.
fn comment_trigger(
    e: &IssueCommentEvent,
    delivery: &str,
    job: &Job,
) -> Option<coordinate::Trigger> {
    if !matches!(e.ctx.action.as_str(), "created" | "edited") || e.on_pull_request() {
        return None;
    }
    let sender = from_a_person(e.ctx.sender.as_ref())?;
    let author_is_bot = e.comment.user.as_ref().is_some_and(|u| {
        u.login.ends_with("[bot]")
            || u.kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("bot"))
    });
    if author_is_bot {
        return None;
    }
    let kind = coordinate::TriggerKind::Comment {
        id: e.comment.id,
        body: e.comment.body.clone().unwrap_or_default(),
        previous: (e.ctx.action == "edited").then(|| e.previous_body.clone().unwrap_or_default()),
    };
    Some(coordinate::Trigger {
        repo: e.ctx.repo_name(),
        installation: e.ctx.installation,
        number: IssueNumber(e.issue.number),
        actor: sender.login.clone(),
        kind,
        updated_at: Some(e.issue.updated_at.timestamp_millis()),
        source: format!("comment:{}", e.comment.id),
        reference: reference(delivery, job),
        last_attempt: job.attempts >= job.max_attempts,
        retrying: job.attempts > 1,
        attempt: job.attempts,
    })
}

/// The trigger label applied to an issue, if that is what the delivery says.
fn label_trigger(e: &IssuesEvent, delivery: &str, job: &Job) -> Option<coordinate::Trigger> {
    if e.ctx.action != "labeled" || e.issue.pull_request.is_some() {
        return None;
    }
    let sender = from_a_person(e.ctx.sender.as_ref())?;
    let number = e.issue.number;
    Some(coordinate::Trigger {
        repo: e.ctx.repo_name(),
        installation: e.ctx.installation,
        number: IssueNumber(number),
        actor: sender.login.clone(),
        kind: coordinate::TriggerKind::Label {
            name: e.label.clone()?,
        },
        updated_at: Some(e.issue.updated_at.timestamp_millis()),
        source: format!("label:{number}:{delivery}"),
        reference: reference(delivery, job),
        last_attempt: job.attempts >= job.max_attempts,
        retrying: job.attempts > 1,
        attempt: job.attempts,
    })
}

/// The short reference a failure reply carries: it finds the delivery and the job in the
/// logs (every log line of a job has both), and says nothing else.
pub fn reference(delivery: &str, job: &Job) -> String {
    let short: String = delivery.chars().filter(|c| *c != '-').take(8).collect();
    format!("{short}/{}", job.id)
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
        let changed = report.threads
            + report.comments
            + report.deleted_threads
            + report.deleted_comments
            + report.aliases as u64;
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
        // Once a day per repository (the job sends only on the configured weekday).
        if let Err(err) = bot.queue_digests(crate::store::now_ms()).await {
            warn!(error = %format!("{err:#}"), "cannot queue the weekly digests");
        }
    }
}
