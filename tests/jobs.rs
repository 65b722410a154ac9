//! The durable job queue and its worker, on both databases.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use coordinator::jobs::{Handlers, JobError, JobHandler, Worker, WorkerConfig};
use coordinator::metrics::Metrics;
use coordinator::store::{
    DeliveryOutcome, Job, JobResult, JobState, NewDelivery, NewJob, RecordOutcome, Store,
};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use common::*;

/// Fails its first `failures` runs of each job, then succeeds; counts runs per job.
#[derive(Clone, Default)]
struct Scripted {
    failures: usize,
    permanent: bool,
    delay: Duration,
    runs: Arc<Mutex<HashMap<i64, usize>>>,
    /// Runs that got to their end.
    completed: Arc<std::sync::atomic::AtomicUsize>,
}

#[async_trait]
impl JobHandler for Scripted {
    async fn run(&self, job: &Job) -> Result<(), JobError> {
        let run = {
            let mut runs = self.runs.lock().expect("lock");
            let n = runs.entry(job.id).or_default();
            *n += 1;
            *n
        };
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        self.completed
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if run <= self.failures {
            let err = anyhow::anyhow!("scripted failure {run}");
            return Err(if self.permanent {
                JobError::Permanent(err)
            } else {
                JobError::Retry(err)
            });
        }
        Ok(())
    }
}

fn start_worker(
    store: Arc<dyn Store>,
    handler: Scripted,
    config: WorkerConfig,
) -> (CancellationToken, tokio::task::JoinHandle<()>) {
    let worker = Worker::new(
        store,
        Handlers::new().with("scripted", handler),
        config,
        Arc::new(Notify::new()),
        Arc::new(Metrics::default()),
    );
    let stop = CancellationToken::new();
    let task = tokio::spawn(worker.run(stop.clone()));
    (stop, task)
}

async fn enqueue(store: &Arc<dyn Store>, max_attempts: i64) -> i64 {
    store
        .enqueue_job(&NewJob::new("scripted", "{}", max_attempts))
        .await
        .expect("enqueue")
        .expect("new job")
}

async fn job(store: &Arc<dyn Store>, id: i64) -> Job {
    store.job(id).await.expect("read").expect("job exists")
}

both_backends!(
    a_job_that_fails_twice_then_succeeds_is_done_after_three_attempts,
    |db: TestDb| async move {
        let store = db.store().await;
        let handler = Scripted {
            failures: 2,
            ..Scripted::default()
        };
        let runs = handler.runs.clone();
        let id = enqueue(&store, 5).await;
        let (stop, task) = start_worker(store.clone(), handler, fast_worker());
        eventually("the job to be done", Duration::from_secs(10), || async {
            job(&store, id).await.state == JobState::Done
        })
        .await;
        let done = job(&store, id).await;
        assert_eq!(done.attempts, 3);
        assert_eq!(
            done.last_error.as_deref(),
            Some("scripted failure 2"),
            "the last failure is kept"
        );
        assert_eq!(runs.lock().expect("lock").get(&id), Some(&3));
        stop.cancel();
        task.await.expect("worker stops");
    }
);

both_backends!(
    a_job_that_always_fails_ends_dead_and_is_kept,
    |db: TestDb| async move {
        let store = db.store().await;
        let handler = Scripted {
            failures: usize::MAX,
            ..Scripted::default()
        };
        let runs = handler.runs.clone();
        let id = enqueue(&store, 3).await;
        let (stop, task) = start_worker(store.clone(), handler, fast_worker());
        eventually("the job to be dead", Duration::from_secs(10), || async {
            job(&store, id).await.state == JobState::Dead
        })
        .await;
        // No further attempt after death.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let dead = job(&store, id).await;
        assert_eq!(dead.attempts, 3);
        assert_eq!(dead.last_error.as_deref(), Some("scripted failure 3"));
        assert!(dead.finished_at.is_some());
        assert_eq!(runs.lock().expect("lock").get(&id), Some(&3));
        assert_eq!(
            store
                .jobs(Some(JobState::Dead), 10)
                .await
                .expect("jobs")
                .len(),
            1
        );
        stop.cancel();
        task.await.expect("worker stops");
    }
);

both_backends!(
    a_permanent_failure_is_dead_at_once,
    |db: TestDb| async move {
        let store = db.store().await;
        let handler = Scripted {
            failures: 1,
            permanent: true,
            ..Scripted::default()
        };
        let id = enqueue(&store, 5).await;
        // A kind without a handler is dead at once too.
        let orphan = store
            .enqueue_job(&NewJob::new("nobody_handles_this", "{}", 5))
            .await
            .expect("enqueue")
            .expect("new");
        let (stop, task) = start_worker(store.clone(), handler, fast_worker());
        eventually("both jobs to be dead", Duration::from_secs(10), || async {
            job(&store, id).await.state == JobState::Dead
                && job(&store, orphan).await.state == JobState::Dead
        })
        .await;
        assert_eq!(job(&store, id).await.attempts, 1);
        let orphan = job(&store, orphan).await;
        assert!(orphan.last_error.unwrap_or_default().contains("no handler"));
        stop.cancel();
        task.await.expect("worker stops");
    }
);

both_backends!(leases_expire_and_are_taken_back, |db: TestDb| async move {
    let store = db.store().await;
    let id = enqueue(&store, 2).await;
    let t0 = now_ms();
    let claim = |owner: &'static str, at: i64| {
        let store = store.clone();
        async move { store.claim_jobs(owner, at, 1_000, 10).await.expect("claim") }
    };
    // Worker A takes the job and dies (never finishes it).
    let claimed = claim("worker-a", t0).await;
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].attempts, 1);
    // While the lease holds, nobody else gets it and nothing is recovered.
    assert!(claim("worker-b", t0 + 500).await.is_empty());
    assert_eq!(
        store.recover_expired_jobs(t0 + 500).await.expect("recover"),
        (0, 0)
    );
    // After it expires, it is queued again and worker B gets it.
    assert_eq!(
        store
            .recover_expired_jobs(t0 + 1_001)
            .await
            .expect("recover"),
        (1, 0)
    );
    let taken = claim("worker-b", t0 + 1_001).await;
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].lease_owner.as_deref(), Some("worker-b"));
    assert_eq!(taken[0].attempts, 2);
    // A's late result is dropped; B's lease is B's.
    assert!(
        !store
            .finish_job(id, "worker-a", t0 + 1_100, &JobResult::Done)
            .await
            .expect("finish")
    );
    assert!(
        !store
            .extend_lease(id, "worker-a", t0 + 9_000)
            .await
            .expect("extend")
    );
    assert!(
        store
            .extend_lease(id, "worker-b", t0 + 9_000)
            .await
            .expect("extend")
    );
    // B dies too, in the last attempt: the job is not run a third time; it ends dead.
    assert_eq!(
        store
            .recover_expired_jobs(t0 + 1_500)
            .await
            .expect("recover"),
        (0, 0)
    );
    assert_eq!(
        store
            .recover_expired_jobs(t0 + 9_001)
            .await
            .expect("recover"),
        (0, 1)
    );
    assert!(claim("worker-c", t0 + 9_001).await.is_empty());
    let dead = job(&store, id).await;
    assert_eq!(dead.state, JobState::Dead);
    assert!(
        dead.last_error
            .unwrap_or_default()
            .contains("stopped before it finished")
    );
});

// A worker takes back, by itself, the job of a worker that died holding its lease.
both_backends!(
    a_worker_recovers_the_jobs_of_a_dead_one,
    |db: TestDb| async move {
        let store = db.store().await;
        let id = enqueue(&store, 3).await;
        store
            .claim_jobs("dead-worker", now_ms(), 200, 1)
            .await
            .expect("claim");
        let handler = Scripted::default();
        let runs = handler.runs.clone();
        let config = WorkerConfig {
            lease: Duration::from_millis(400),
            ..fast_worker()
        };
        let (stop, task) = start_worker(store.clone(), handler, config);
        eventually("the job to be done", Duration::from_secs(10), || async {
            job(&store, id).await.state == JobState::Done
        })
        .await;
        assert_eq!(job(&store, id).await.attempts, 2);
        assert_eq!(runs.lock().expect("lock").get(&id), Some(&1));
        stop.cancel();
        task.await.expect("worker stops");
    }
);

both_backends!(
    retries_wait_for_their_time_and_releases_do_not_count,
    |db: TestDb| async move {
        let store = db.store().await;
        let id = enqueue(&store, 3).await;
        let t0 = now_ms();
        store.claim_jobs("w", t0, 60_000, 1).await.expect("claim");
        let failed = JobResult::Failed {
            error: "boom".into(),
            retry_at: Some(t0 + 5_000),
        };
        assert!(
            store
                .finish_job(id, "w", t0, &failed)
                .await
                .expect("finish")
        );
        assert_eq!(job(&store, id).await.state, JobState::Failed);
        assert!(
            store
                .claim_jobs("w", t0 + 4_999, 60_000, 1)
                .await
                .expect("claim")
                .is_empty()
        );
        let again = store
            .claim_jobs("w", t0 + 5_000, 60_000, 1)
            .await
            .expect("claim");
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].attempts, 2);
        // Given back at shutdown: queued again, the attempt not counted.
        assert!(
            store
                .release_job(id, "w", t0 + 5_001)
                .await
                .expect("release")
        );
        let released = job(&store, id).await;
        assert_eq!(
            (released.state, released.attempts, released.lease_owner),
            (JobState::Queued, 1, None)
        );
    }
);

both_backends!(
    deliveries_and_jobs_are_written_together_and_deduplicated,
    |db: TestDb| async move {
        let store = db.store().await;
        let delivery = |id: &str, job: bool| NewDelivery {
            id: id.to_string(),
            event: "issues".into(),
            action: Some("opened".into()),
            installation_id: Some(1),
            repo: Some("o/r".into()),
            outcome: if job {
                DeliveryOutcome::Queued
            } else {
                DeliveryOutcome::Ignored
            },
            payload: job.then(|| coordinator::store::CompressedPayload::compress(b"{}")),
            received_at: now_ms(),
            job: job.then(|| NewJob {
                delivery_id: Some(id.to_string()),
                ..NewJob::new("webhook", "{}", 3)
            }),
        };
        let outcomes = store
            .record_deliveries(&[
                delivery("a", true),
                delivery("b", false),
                delivery("a", true),
            ])
            .await
            .expect("record");
        assert_eq!(
            outcomes,
            [
                RecordOutcome::Stored,
                RecordOutcome::Stored,
                RecordOutcome::Duplicate
            ]
        );
        let again = store
            .record_deliveries(&[delivery("b", false)])
            .await
            .expect("record");
        assert_eq!(again, [RecordOutcome::Duplicate]);
        assert_eq!(count_jobs(&store, JobState::Queued).await, 1);
        assert_eq!(
            store
                .delivery("b")
                .await
                .expect("read")
                .expect("stored")
                .outcome,
            "ignored"
        );
        // A dedupe key makes enqueueing idempotent.
        let keyed = NewJob {
            dedupe_key: Some("sync:o/r".into()),
            ..NewJob::new("sync", "{}", 3)
        };
        assert!(store.enqueue_job(&keyed).await.expect("enqueue").is_some());
        assert!(store.enqueue_job(&keyed).await.expect("enqueue").is_none());
        assert_eq!(count_jobs(&store, JobState::Queued).await, 2);
    }
);

both_backends!(
    shutdown_lets_running_jobs_finish_or_gives_their_leases_back,
    |db: TestDb| async move {
        let store = db.store().await;
        // Finishes within the grace period.
        let quick = Scripted {
            delay: Duration::from_millis(300),
            ..Scripted::default()
        };
        let id = enqueue(&store, 3).await;
        let (stop, task) = start_worker(store.clone(), quick, fast_worker());
        eventually("the job to start", Duration::from_secs(5), || async {
            job(&store, id).await.state == JobState::Running
        })
        .await;
        stop.cancel();
        task.await.expect("worker stops");
        assert_eq!(job(&store, id).await.state, JobState::Done);

        // Outlasts the grace period: its lease is given back, the attempt uncounted.
        let slow = Scripted {
            delay: Duration::from_secs(30),
            ..Scripted::default()
        };
        let id = enqueue(&store, 3).await;
        let config = WorkerConfig {
            shutdown_grace: Duration::from_millis(200),
            ..fast_worker()
        };
        let (stop, task) = start_worker(store.clone(), slow, config);
        eventually("the job to start", Duration::from_secs(5), || async {
            job(&store, id).await.state == JobState::Running
        })
        .await;
        stop.cancel();
        tokio::time::timeout(Duration::from_secs(5), task)
            .await
            .expect("stops within the grace")
            .expect("worker");
        let released = job(&store, id).await;
        assert_eq!((released.state, released.attempts), (JobState::Queued, 0));
    }
);

both_backends!(
    a_job_whose_lease_is_lost_stops_running,
    |db: TestDb| async move {
        let store = db.store().await;
        let handler = Scripted {
            delay: Duration::from_millis(1_500),
            ..Scripted::default()
        };
        let (runs, completed) = (handler.runs.clone(), handler.completed.clone());
        let id = enqueue(&store, 5).await;
        let config = WorkerConfig {
            lease: Duration::from_millis(600),
            ..fast_worker()
        };
        let (stop, task) = start_worker(store.clone(), handler, config);
        eventually("the job to start", Duration::from_secs(5), || async {
            job(&store, id).await.state == JobState::Running
        })
        .await;
        // Another worker has the job now (as when the lease lapsed and was taken back). The
        // first worker could win the job back between the two steps: then again.
        let owner = job(&store, id).await.lease_owner.expect("leased");
        let mut taken = Vec::new();
        for _ in 0..20 {
            if store
                .release_job(id, &owner, now_ms())
                .await
                .expect("release")
            {
                taken = store
                    .claim_jobs("worker-b", now_ms(), 60_000, 1)
                    .await
                    .expect("claim");
                if !taken.is_empty() {
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(taken.len(), 1, "worker-b took the job");
        tokio::time::sleep(Duration::from_millis(2_000)).await;
        assert_eq!(
            completed.load(std::sync::atomic::Ordering::SeqCst),
            0,
            "the first worker's runs were stopped when their lease was lost"
        );
        let now = job(&store, id).await;
        assert_eq!(
            (now.state, now.lease_owner.as_deref()),
            (JobState::Running, Some("worker-b"))
        );
        assert!(runs.lock().expect("lock").get(&id).is_some_and(|n| *n >= 1));
        stop.cancel();
        task.await.expect("worker stops");
    }
);

/// Two workers, each with its own connection pool as two `serve` processes would have, share
/// one Postgres database and a burst of jobs.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_one_postgres_run_each_job_exactly_once() {
    let db = TestDb::new(Db::Postgres).await;
    let first = db.store().await;
    let second = db.store().await;
    let handler_a = Scripted {
        delay: Duration::from_millis(2),
        ..Scripted::default()
    };
    let handler_b = Scripted {
        delay: Duration::from_millis(2),
        ..Scripted::default()
    };
    let (runs_a, runs_b) = (handler_a.runs.clone(), handler_b.runs.clone());
    let config = WorkerConfig {
        concurrency: 8,
        ..fast_worker()
    };
    let (stop_a, task_a) = start_worker(first.clone(), handler_a, config.clone());
    let (stop_b, task_b) = start_worker(second.clone(), handler_b, config);
    let total = 600;
    let mut ids = Vec::with_capacity(total);
    for _ in 0..total {
        ids.push(enqueue(&first, 3).await);
    }
    eventually("every job to be done", Duration::from_secs(60), || async {
        count_jobs(&first, JobState::Done).await == total as i64
    })
    .await;
    stop_a.cancel();
    stop_b.cancel();
    task_a.await.expect("worker a");
    task_b.await.expect("worker b");
    let runs_a = runs_a.lock().expect("lock").clone();
    let runs_b = runs_b.lock().expect("lock").clone();
    for id in &ids {
        let ran = runs_a.get(id).copied().unwrap_or(0) + runs_b.get(id).copied().unwrap_or(0);
        assert_eq!(ran, 1, "job {id} ran {ran} times");
    }
    assert_eq!(runs_a.len() + runs_b.len(), total);
    assert!(
        !runs_a.is_empty() && !runs_b.is_empty(),
        "both workers took a share"
    );
    let done = first
        .jobs(Some(JobState::Done), total as i64)
        .await
        .expect("jobs");
    assert!(done.iter().all(|j| j.attempts == 1));
}

static RAN: AtomicUsize = AtomicUsize::new(0);

struct CountingHandler;

#[async_trait]
impl JobHandler for CountingHandler {
    async fn run(&self, _job: &Job) -> Result<(), JobError> {
        RAN.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

/// Two whole servers (intake and worker) on one Postgres with a burst of deliveries, some
/// sent to both: each delivery is stored once and its job runs once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_postgres_process_each_delivery_once() {
    let db = TestDb::new(Db::Postgres).await;
    let a = TestServer::start(
        db.store().await,
        ServerOptions {
            handlers: Some(Handlers::new().with("webhook", CountingHandler)),
            ..ServerOptions::default()
        },
    )
    .await;
    let b = TestServer::start(
        db.store().await,
        ServerOptions {
            handlers: Some(Handlers::new().with("webhook", CountingHandler)),
            ..ServerOptions::default()
        },
    )
    .await;
    let body = fixture("issue_comment", "created.payload.json");
    let total = 200;
    let sends = (0..total).map(|i| {
        let (a, b, body) = (&a, &b, &body);
        async move {
            let id = format!("burst-{i}");
            // Every third delivery reaches both replicas, as a redelivery might.
            let first = a.deliver("issue_comment", &id, body).await.status;
            let second = if i % 3 == 0 {
                Some(b.deliver("issue_comment", &id, body).await.status)
            } else {
                None
            };
            (first, second)
        }
    });
    let answers = futures::future::join_all(sends).await;
    for (first, second) in &answers {
        assert_eq!(*first, 202);
        if let Some(second) = second {
            assert_eq!(*second, 200);
        }
    }
    let store = db.store().await;
    wait_idle(&store, Duration::from_secs(30)).await;
    assert_eq!(count_jobs(&store, JobState::Done).await, total);
    assert_eq!(RAN.load(Ordering::SeqCst), total as usize);
    a.stop().await;
    b.stop().await;
}

both_backends!(
    old_payloads_are_dropped_and_their_rows_kept,
    |db: TestDb| async move {
        let store = db.store().await;
        let delivery = NewDelivery {
            id: "old".into(),
            event: "issues".into(),
            action: Some("opened".into()),
            installation_id: None,
            repo: Some("o/r".into()),
            outcome: DeliveryOutcome::Queued,
            payload: Some(coordinator::store::CompressedPayload::compress(
                b"{\"a\":1}",
            )),
            received_at: now_ms(),
            job: Some(NewJob {
                delivery_id: Some("old".into()),
                ..NewJob::new("webhook", "{}", 3)
            }),
        };
        let pending = NewDelivery {
            id: "pending".into(),
            job: Some(NewJob {
                delivery_id: Some("pending".into()),
                ..NewJob::new("webhook", "{}", 3)
            }),
            ..delivery.clone()
        };
        store
            .record_deliveries(&[delivery, pending])
            .await
            .expect("record");
        let jobs = store
            .claim_jobs("w", now_ms(), 60_000, 10)
            .await
            .expect("claim");
        let old = jobs
            .iter()
            .find(|j| j.delivery_id.as_deref() == Some("old"))
            .expect("job");
        assert!(
            store
                .finish_job(old.id, "w", now_ms(), &JobResult::Done)
                .await
                .expect("finish")
        );
        // Processed deliveries lose their body; one not processed yet keeps it.
        assert_eq!(
            store.prune_payloads(now_ms() + 1_000).await.expect("prune"),
            1
        );
        let kept = store
            .delivery("old")
            .await
            .expect("read")
            .expect("row kept");
        assert!(kept.payload.is_none() && kept.processed_at.is_some());
        assert!(
            store
                .delivery("pending")
                .await
                .expect("read")
                .expect("row")
                .payload
                .is_some()
        );
        // A redelivery of it is still a duplicate: the row is the dedupe key.
        let again = NewDelivery {
            id: "old".into(),
            event: "issues".into(),
            action: None,
            installation_id: None,
            repo: None,
            outcome: DeliveryOutcome::Ignored,
            payload: None,
            received_at: now_ms(),
            job: None,
        };
        assert_eq!(
            store.record_deliveries(&[again]).await.expect("record"),
            [RecordOutcome::Duplicate]
        );
    }
);
