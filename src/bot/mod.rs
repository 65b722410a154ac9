//! The worker's side of the bot: one handler per kind of job.

use std::sync::Arc;

use anyhow::Context as _;
use async_trait::async_trait;
use tracing::info;

use crate::jobs::{Handlers, JobError, JobHandler};
use crate::server::webhook::WEBHOOK_JOB;
use crate::store::{Job, Store};

/// Processes a stored webhook delivery.
pub struct WebhookHandler {
    store: Arc<dyn Store>,
}

impl WebhookHandler {
    pub fn new(store: Arc<dyn Store>) -> Self {
        WebhookHandler { store }
    }
}

#[async_trait]
impl JobHandler for WebhookHandler {
    async fn run(&self, job: &Job) -> Result<(), JobError> {
        let Some(id) = job.delivery_id.as_deref() else {
            return Err(JobError::Permanent(anyhow::anyhow!(
                "a webhook job without a delivery"
            )));
        };
        let delivery = self
            .store
            .delivery(id)
            .await
            .context("cannot read the delivery")?
            .ok_or_else(|| JobError::Permanent(anyhow::anyhow!("delivery {id} is not stored")))?;
        info!(
            event = %delivery.event,
            action = delivery.action.as_deref().unwrap_or(""),
            repo = delivery.repo.as_deref().unwrap_or(""),
            "delivery processed"
        );
        // Finishing the job records the delivery as processed.
        Ok(())
    }
}

/// The handlers of every job kind the bot runs.
pub fn handlers(store: Arc<dyn Store>) -> Handlers {
    Handlers::new().with(WEBHOOK_JOB, WebhookHandler::new(store))
}
