//! The job worker: leases jobs from the durable queue, runs each with the handler of its kind,
//! retries failures with exponential backoff and jitter, and ends hopeless jobs as dead.
//!
//! Leases make the queue safe for several workers and several `serve` replicas: a job is run
//! by the worker holding its lease, the lease is renewed while the job runs, and the jobs of a
//! worker that died are taken back when their lease expires.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use futures::FutureExt as _;
use rand::Rng as _;
use tokio::sync::{Notify, Semaphore, mpsc, oneshot};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::{Instrument as _, debug, error, info, info_span, warn};

use crate::metrics::Metrics;
use crate::store::{Job, JobResult, Millis, Store, now_ms};

/// How a job attempt failed.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Worth another attempt (GitHub down, a timeout).
    #[error("{0:#}")]
    Retry(anyhow::Error),
    /// Another attempt after at least this long (a rate limit's `Retry-After`).
    #[error("{0:#}")]
    RetryAfter(anyhow::Error, Duration),
    /// No attempt can succeed (a payload we cannot read): the job ends dead at once.
    #[error("{0:#}")]
    Permanent(anyhow::Error),
}

impl From<anyhow::Error> for JobError {
    fn from(err: anyhow::Error) -> Self {
        JobError::Retry(err)
    }
}

/// Runs the jobs of one kind.
#[async_trait]
pub trait JobHandler: Send + Sync + 'static {
    async fn run(&self, job: &Job) -> Result<(), JobError>;
}

/// Handlers by job kind.
#[derive(Clone, Default)]
pub struct Handlers {
    by_kind: HashMap<String, Arc<dyn JobHandler>>,
}

impl Handlers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, kind: impl Into<String>, handler: impl JobHandler) -> Self {
        self.by_kind.insert(kind.into(), Arc::new(handler));
        self
    }

    fn get(&self, kind: &str) -> Option<Arc<dyn JobHandler>> {
        self.by_kind.get(kind).cloned()
    }
}

/// When a failed job is tried again: `base * 2^(attempt - 1)`, capped at `max`, with "equal
/// jitter" (a random point in the upper half) so that jobs failing together spread out.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub base: Duration,
    pub max: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: Duration::from_secs(2),
            max: Duration::from_secs(15 * 60),
        }
    }
}

impl RetryPolicy {
    /// The delay before the attempt after `attempts` failed ones.
    pub fn delay(&self, attempts: i64) -> Duration {
        let exponent = attempts.clamp(1, 32) as u32 - 1;
        let full = self
            .base
            .saturating_mul(2u32.saturating_pow(exponent))
            .min(self.max);
        let half = full / 2;
        half + rand::rng().random_range(Duration::ZERO..=half)
    }
}

/// How the worker runs.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Jobs run at once.
    pub concurrency: usize,
    /// How long a lease lasts; renewed every third of it while the job runs.
    pub lease: Duration,
    /// How often the queue is polled when nothing wakes the worker (jobs written by other
    /// replicas, retries coming due).
    pub poll_interval: Duration,
    pub retry: RetryPolicy,
    /// On shutdown, how long running jobs may take to finish before their leases are given
    /// back.
    pub shutdown_grace: Duration,
    /// How long the bodies of processed deliveries are kept (the rows stay).
    pub payload_retention: Duration,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            concurrency: 8,
            lease: Duration::from_secs(30),
            poll_interval: Duration::from_millis(500),
            retry: RetryPolicy::default(),
            shutdown_grace: Duration::from_secs(20),
            payload_retention: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

/// A worker of the job queue.
pub struct Worker {
    store: Arc<dyn Store>,
    handlers: Handlers,
    config: WorkerConfig,
    owner: String,
    wake: Arc<Notify>,
    metrics: Arc<Metrics>,
}

impl Worker {
    pub fn new(
        store: Arc<dyn Store>,
        handlers: Handlers,
        config: WorkerConfig,
        wake: Arc<Notify>,
        metrics: Arc<Metrics>,
    ) -> Self {
        let host = std::env::var("FLY_MACHINE_ID")
            .or_else(|_| std::env::var("HOSTNAME"))
            .unwrap_or_else(|_| "local".to_string());
        let owner = format!(
            "{host}:{}:{}",
            std::process::id(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        Worker {
            store,
            handlers,
            config,
            owner,
            wake,
            metrics,
        }
    }

    /// Runs until `shutdown`, then lets running jobs finish within the grace period and gives
    /// back the leases of those that do not.
    pub async fn run(self, shutdown: CancellationToken) {
        let worker = Arc::new(self);
        let slots = Arc::new(Semaphore::new(worker.config.concurrency.max(1)));
        let hard_stop = CancellationToken::new();
        let mut running = JoinSet::new();
        let mut claim_failures = 0u32;
        let (finisher, finisher_task) = Finisher::start(worker.store.clone(), worker.owner.clone());
        let mut last_recovery = Instant::now() - worker.config.lease;
        let mut last_prune: Option<Instant> = None;
        let claim_batch = (worker.config.concurrency / 2).max(1);
        let mut last_claim = Instant::now();
        info!(owner = %worker.owner, concurrency = worker.config.concurrency, "job worker started");
        while !shutdown.is_cancelled() {
            // Take back the jobs of dead workers now and then, not on every claim: the claim
            // then reads only the index of ready jobs.
            if last_recovery.elapsed() >= worker.config.lease / 4 {
                last_recovery = Instant::now();
                match worker.store.recover_expired_jobs(now_ms()).await {
                    Ok((0, 0)) => {}
                    Ok((requeued, dead)) => warn!(
                        requeued,
                        dead, "took back the jobs of a worker whose leases expired"
                    ),
                    Err(err) => {
                        warn!(error = %format!("{err:#}"), "cannot check for expired leases")
                    }
                }
            }
            // Old payloads are dropped hourly: the database stays bounded.
            if last_prune.is_none_or(|at| at.elapsed() >= Duration::from_secs(3600)) {
                last_prune = Some(Instant::now());
                let before = now_ms() - worker.config.payload_retention.as_millis() as Millis;
                match worker.store.prune_payloads(before).await {
                    Ok(0) => {}
                    Ok(n) => info!(deliveries = n, "dropped the payloads of old deliveries"),
                    Err(err) => warn!(error = %format!("{err:#}"), "cannot prune old payloads"),
                }
            }
            let free = slots.available_permits();
            let mut claimed = 0;
            // Claim in batches: a claim is a write transaction, and one per finished job
            // would crowd the database's writer when jobs are quick. Free slots behind long
            // jobs are still filled within a poll interval.
            if free > 0
                && (free >= claim_batch
                    || running.is_empty()
                    || last_claim.elapsed() >= worker.config.poll_interval)
            {
                last_claim = Instant::now();
                match worker
                    .store
                    .claim_jobs(
                        &worker.owner,
                        now_ms(),
                        worker.config.lease.as_millis() as i64,
                        free as i64,
                    )
                    .await
                {
                    Ok(jobs) => {
                        claim_failures = 0;
                        claimed = jobs.len();
                        for job in jobs {
                            let Ok(permit) = slots.clone().acquire_owned().await else {
                                break;
                            };
                            let worker = worker.clone();
                            let hard_stop = hard_stop.clone();
                            let finisher = finisher.clone();
                            running.spawn(async move {
                                worker.run_one(job, hard_stop, &finisher).await;
                                drop(permit);
                            });
                        }
                    }
                    Err(err) => {
                        claim_failures += 1;
                        let pause = Duration::from_millis(250)
                            .saturating_mul(2u32.saturating_pow(claim_failures.min(7)));
                        error!(error = %format!("{err:#}"), retry_in_ms = pause.as_millis() as u64, "cannot claim jobs");
                        tokio::select! {
                            _ = shutdown.cancelled() => break,
                            _ = tokio::time::sleep(pause) => continue,
                        }
                    }
                }
            }
            // A full batch suggests more are waiting: claim again at once.
            if claimed > 0 && claimed == free {
                continue;
            }
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = worker.wake.notified() => {}
                _ = tokio::time::sleep(worker.config.poll_interval) => {}
                Some(_) = running.join_next(), if !running.is_empty() => {}
            }
        }
        let in_flight = running.len();
        if in_flight > 0 {
            info!(
                in_flight,
                grace_ms = worker.config.shutdown_grace.as_millis() as u64,
                "waiting for running jobs"
            );
        }
        let drained = tokio::time::timeout(worker.config.shutdown_grace, async {
            while running.join_next().await.is_some() {}
        })
        .await;
        if drained.is_err() {
            warn!(
                in_flight = running.len(),
                "shutdown grace over: giving the leases of unfinished jobs back"
            );
            hard_stop.cancel();
            while running.join_next().await.is_some() {}
        }
        drop(finisher);
        let _ = finisher_task.await;
        info!(owner = %worker.owner, "job worker stopped");
    }

    async fn run_one(&self, job: Job, hard_stop: CancellationToken, finisher: &Finisher) {
        let span = info_span!(
            "job",
            job.id = job.id,
            job.kind = %job.kind,
            delivery = job.delivery_id.as_deref().unwrap_or(""),
            attempt = job.attempts
        );
        self.run_leased(job, hard_stop, finisher)
            .instrument(span)
            .await
    }

    async fn run_leased(&self, job: Job, hard_stop: CancellationToken, finisher: &Finisher) {
        let started = Instant::now();
        let waited = Duration::from_millis(now_ms().saturating_sub(job.created_at).max(0) as u64);
        let outcome = tokio::select! {
            outcome = self.run_with_heartbeat(&job) => match outcome {
                Some(outcome) => outcome,
                None => {
                    // Another worker has the job now: stop, and leave the result to it.
                    warn!("the job's lease was lost while it ran; stopped it");
                    self.metrics.job_run(&job.kind, "lost_lease", started.elapsed(), waited);
                    return;
                }
            },
            _ = hard_stop.cancelled() => {
                match self.store.release_job(job.id, &self.owner, now_ms()).await {
                    Ok(_) => info!("lease given back: the job runs again on the next start"),
                    Err(err) => warn!(error = %format!("{err:#}"), "cannot give the lease back; it expires on its own"),
                }
                return;
            }
        };
        let result = match outcome {
            Ok(()) => JobResult::Done,
            Err(JobError::Permanent(err)) => JobResult::Failed {
                error: format!("{err:#}"),
                retry_at: None,
            },
            Err(err) => {
                let at_least = match &err {
                    JobError::RetryAfter(_, wait) => *wait,
                    _ => Duration::ZERO,
                };
                let retry_at = (job.attempts < job.max_attempts).then(|| {
                    // A day at most, whatever a rate limit asked for.
                    let delay = self
                        .config
                        .retry
                        .delay(job.attempts)
                        .max(at_least)
                        .min(Duration::from_secs(24 * 3600));
                    now_ms().saturating_add(delay.as_millis() as Millis)
                });
                JobResult::Failed {
                    error: err.to_string(),
                    retry_at,
                }
            }
        };
        let label = match &result {
            JobResult::Done => "done",
            JobResult::Failed {
                retry_at: Some(_), ..
            } => "retry",
            JobResult::Failed { retry_at: None, .. } => "dead",
        };
        match &result {
            JobResult::Done => debug!("job done"),
            JobResult::Failed {
                error,
                retry_at: Some(at),
            } => warn!(%error, retry_in_ms = at - now_ms(), "job failed; it will be retried"),
            JobResult::Failed {
                error,
                retry_at: None,
            } => error!(%error, attempts = job.attempts, "job failed for good: it is dead"),
        }
        let kept = finisher.finish(job.id, result).await;
        let label = if kept { label } else { "lost_lease" };
        if !kept {
            warn!("the job's lease was lost before it finished; its result is dropped");
        }
        self.metrics
            .job_run(&job.kind, label, started.elapsed(), waited);
    }

    /// Runs the handler while renewing the lease; `None` when the lease was lost (taken back
    /// after it lapsed, and maybe running elsewhere): the handler is then stopped.
    async fn run_with_heartbeat(&self, job: &Job) -> Option<Result<(), JobError>> {
        let Some(handler) = self.handlers.get(&job.kind) else {
            return Some(Err(JobError::Permanent(anyhow::anyhow!(
                "no handler for jobs of kind {:?}",
                job.kind
            ))));
        };
        let work = AssertUnwindSafe(handler.run(job)).catch_unwind();
        tokio::pin!(work);
        let renew_every = (self.config.lease / 3).max(Duration::from_millis(10));
        loop {
            tokio::select! {
                outcome = &mut work => {
                    return Some(outcome.unwrap_or_else(|panic| {
                        let what = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown panic".to_string());
                        Err(JobError::Retry(anyhow::anyhow!("the handler panicked: {what}")))
                    }));
                }
                _ = tokio::time::sleep(renew_every) => {
                    let until = now_ms() + self.config.lease.as_millis() as Millis;
                    match self.store.extend_lease(job.id, &self.owner, until).await {
                        Ok(true) => {}
                        Ok(false) => return None,
                        Err(err) => warn!(error = %format!("{err:#}"), "cannot renew the lease"),
                    }
                }
            }
        }
    }
}

type FinishRequest = (i64, JobResult, oneshot::Sender<bool>);

/// Group commit for job results: every result waiting at the moment is written in one
/// transaction, so a busy worker does not pay a disk sync per job.
#[derive(Clone)]
struct Finisher {
    tx: mpsc::Sender<FinishRequest>,
}

impl Finisher {
    fn start(store: Arc<dyn Store>, owner: String) -> (Finisher, tokio::task::JoinHandle<()>) {
        let (tx, mut rx) = mpsc::channel::<FinishRequest>(1024);
        let task = tokio::spawn(async move {
            let mut batch = Vec::with_capacity(256);
            while rx.recv_many(&mut batch, 256).await > 0 {
                let (results, replies): (Vec<_>, Vec<_>) = batch
                    .drain(..)
                    .map(|(id, result, reply)| ((id, result), reply))
                    .unzip();
                let kept = match store.finish_jobs(&owner, now_ms(), &results).await {
                    Ok(kept) => kept,
                    Err(err) => {
                        // The leases expire and other attempts run: handlers are idempotent.
                        error!(error = %format!("{err:#}"), jobs = results.len(), "cannot record job results");
                        vec![false; results.len()]
                    }
                };
                for (reply, kept) in replies.into_iter().zip(kept) {
                    let _ = reply.send(kept);
                }
            }
        });
        (Finisher { tx }, task)
    }

    /// Records the result; false when it was not kept (the lease was lost, or the database
    /// failed).
    async fn finish(&self, id: i64, result: JobResult) -> bool {
        let (reply, answer) = oneshot::channel();
        if self.tx.send((id, result, reply)).await.is_err() {
            return false;
        }
        answer.await.unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_exponentially_with_jitter_and_a_cap() {
        let policy = RetryPolicy {
            base: Duration::from_secs(2),
            max: Duration::from_secs(60),
        };
        for _ in 0..100 {
            let first = policy.delay(1);
            assert!(first >= Duration::from_secs(1) && first <= Duration::from_secs(2));
            let third = policy.delay(3);
            assert!(third >= Duration::from_secs(4) && third <= Duration::from_secs(8));
            let late = policy.delay(30);
            assert!(late >= Duration::from_secs(30) && late <= Duration::from_secs(60));
        }
    }
}
