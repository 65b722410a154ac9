//! Group commit for webhook deliveries.
//!
//! Each request hands its delivery to a writer task and waits for the commit. A writer takes
//! every delivery waiting at that moment and writes them in one transaction, so under load
//! one disk sync serves many requests and the 202 still means "on disk".

use std::sync::Arc;

use anyhow::Result;
use tokio::sync::{Mutex, Notify, mpsc, oneshot};
use tokio::task::JoinSet;
use tracing::{error, warn};

use crate::store::{NewDelivery, RecordOutcome, Store};

/// Deliveries written in one transaction at most.
const MAX_BATCH: usize = 512;

type Reply = oneshot::Sender<Result<RecordOutcome, String>>;

/// The sending side of the intake, held by the webhook handler.
#[derive(Clone)]
pub struct Intake {
    tx: mpsc::Sender<(NewDelivery, Reply)>,
}

impl Intake {
    /// Starts `writers` writer tasks (one suits SQLite's single writer; Postgres takes more).
    /// They end once every `Intake` clone is dropped and the queue is written. `wake` is
    /// notified after each commit that queued a job.
    pub fn start(
        store: Arc<dyn Store>,
        writers: usize,
        wake: Arc<Notify>,
    ) -> (Intake, JoinSet<()>) {
        let (tx, rx) = mpsc::channel::<(NewDelivery, Reply)>(MAX_BATCH * 8);
        let rx = Arc::new(Mutex::new(rx));
        let mut tasks = JoinSet::new();
        for _ in 0..writers.max(1) {
            tasks.spawn(write_batches(store.clone(), rx.clone(), wake.clone()));
        }
        (Intake { tx }, tasks)
    }

    /// Writes the delivery (and its job) durably.
    pub async fn record(&self, delivery: NewDelivery) -> Result<RecordOutcome> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send((delivery, reply))
            .await
            .map_err(|_| anyhow::anyhow!("the server is shutting down"))?;
        match answer.await {
            Ok(Ok(outcome)) => Ok(outcome),
            Ok(Err(message)) => Err(anyhow::anyhow!(message)),
            Err(_) => anyhow::bail!("the delivery writer stopped"),
        }
    }
}

async fn write_batches(
    store: Arc<dyn Store>,
    rx: Arc<Mutex<mpsc::Receiver<(NewDelivery, Reply)>>>,
    wake: Arc<Notify>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    loop {
        {
            let mut rx = rx.lock().await;
            if rx.recv_many(&mut batch, MAX_BATCH).await == 0 {
                return;
            }
        }
        let (deliveries, replies): (Vec<_>, Vec<_>) = batch.drain(..).unzip();
        let queued_job = deliveries.iter().any(|d| d.job.is_some());
        match store.record_deliveries(&deliveries).await {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            // One bad row must not fail the others: write them one by one. Only when the
            // database refused a row: when it is down or busy, one by one would only take
            // longer to fail.
            Err(err)
                if deliveries.len() > 1
                    && err.chain().any(|e| {
                        matches!(
                            e.downcast_ref::<sqlx::Error>(),
                            Some(sqlx::Error::Database(_))
                        )
                    }) =>
            {
                warn!(error = %format!("{err:#}"), size = deliveries.len(), "batch write failed; writing one by one");
                for (delivery, reply) in deliveries.iter().zip(replies) {
                    let outcome = store
                        .record_deliveries(std::slice::from_ref(delivery))
                        .await
                        .map_err(|err| format!("{err:#}"))
                        .and_then(|mut outcomes| {
                            outcomes.pop().ok_or_else(|| "no outcome".to_string())
                        });
                    let _ = reply.send(outcome);
                }
            }
            Err(err) => {
                error!(error = %format!("{err:#}"), "cannot store a delivery");
                for reply in replies {
                    let _ = reply.send(Err(format!("cannot store the delivery: {err:#}")));
                }
            }
        }
        if queued_job {
            wake.notify_one();
        }
    }
}
