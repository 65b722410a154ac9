//! Recovery of missed deliveries. GitHub does not redeliver a failed webhook by itself (the
//! bot was down, the network dropped it); an App can list its recent deliveries and ask for a
//! failed one again. On start and then periodically, the bot asks again for the failed
//! deliveries it never stored, a bounded number at a time.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::Bot;
use crate::github::client::{Client, GitHubError};

/// How far back and how much at a time.
#[derive(Debug, Clone)]
pub struct RecoverySettings {
    /// Between two passes.
    pub interval: Duration,
    /// Pages of 100 deliveries read per pass (newest first).
    pub max_pages: usize,
    /// Redeliveries asked for per pass.
    pub max_redeliveries: usize,
    /// A delivery asked for again is not asked for again before this.
    pub patience: Duration,
}

impl Default for RecoverySettings {
    fn default() -> Self {
        RecoverySettings {
            interval: Duration::from_secs(10 * 60),
            max_pages: 5,
            max_redeliveries: 25,
            patience: Duration::from_secs(60 * 60),
        }
    }
}

#[derive(Debug, Deserialize)]
struct HookDelivery {
    id: u64,
    guid: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    event: String,
}

/// What a pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RecoveryReport {
    pub seen: usize,
    pub failed: usize,
    pub redelivered: Vec<u64>,
}

/// The state of the task between passes.
#[derive(Default)]
pub struct Recovery {
    asked: HashMap<String, Instant>,
}

impl Recovery {
    /// One pass: lists recent deliveries and asks again for the failed ones not stored.
    pub async fn pass(
        &mut self,
        bot: &Bot,
        client: &Client,
        settings: &RecoverySettings,
    ) -> Result<RecoveryReport, GitHubError> {
        let mut deliveries = Vec::new();
        let mut next = Some("/app/hook/deliveries?per_page=100".to_string());
        let mut pages = 0;
        while let Some(url) = next {
            if pages >= settings.max_pages {
                break;
            }
            let response = client.get(&url, None).await?;
            deliveries.extend(response.json::<Vec<HookDelivery>>()?);
            next = response.next;
            pages += 1;
        }
        let mut report = RecoveryReport {
            seen: deliveries.len(),
            ..RecoveryReport::default()
        };
        // A delivery and its redeliveries share a GUID: one that got through is done.
        let delivered: HashSet<&str> = deliveries
            .iter()
            .filter(|d| d.status.eq_ignore_ascii_case("ok"))
            .map(|d| d.guid.as_str())
            .collect();
        let mut candidates: Vec<&HookDelivery> = Vec::new();
        let mut seen_guid = HashSet::new();
        // Newest first: the latest attempt of each GUID.
        for d in &deliveries {
            if delivered.contains(d.guid.as_str()) || !seen_guid.insert(d.guid.as_str()) {
                continue;
            }
            candidates.push(d);
        }
        report.failed = candidates.len();
        self.asked.retain(|_, at| at.elapsed() < settings.patience);
        for d in candidates {
            if report.redelivered.len() >= settings.max_redeliveries {
                warn!(
                    limit = settings.max_redeliveries,
                    "more failed deliveries than one pass asks for; the rest waits for the next pass"
                );
                break;
            }
            if self.asked.contains_key(&d.guid) {
                continue;
            }
            // Stored: the 202 reached us even if GitHub saw the answer late.
            match bot.store.delivery(&d.guid).await {
                Ok(Some(_)) => continue,
                Ok(None) => {}
                Err(err) => {
                    warn!(error = %format!("{err:#}"), "cannot check a delivery; skipping it this pass");
                    continue;
                }
            }
            if bot.dry_run {
                info!(guid = %d.guid, event = %d.event, "DRY RUN: would ask GitHub to redeliver");
                self.asked.insert(d.guid.clone(), Instant::now());
                continue;
            }
            let asked = client
                .request(
                    http::Method::POST,
                    &format!("/app/hook/deliveries/{}/attempts", d.id),
                    None,
                    None,
                )
                .await;
            match asked {
                Ok(_) => {}
                // GitHub down or limiting: the rest of the pass would fail the same way.
                Err(
                    err @ (GitHubError::RateLimited { .. }
                    | GitHubError::Network { .. }
                    | GitHubError::Unauthorized { .. }),
                ) => return Err(err),
                Err(err @ GitHubError::Status { status: 500.., .. }) => return Err(err),
                // This one cannot be redelivered (too old, gone): do not ask again, go on.
                Err(err) => {
                    warn!(guid = %d.guid, id = d.id, error = %err, "GitHub refused to redeliver a missed delivery");
                    self.asked.insert(d.guid.clone(), Instant::now());
                    continue;
                }
            }
            info!(guid = %d.guid, id = d.id, event = %d.event, status = %d.status, "asked GitHub to redeliver a missed delivery");
            self.asked.insert(d.guid.clone(), Instant::now());
            report.redelivered.push(d.id);
        }
        Ok(report)
    }
}

/// Runs passes until `shutdown`: one at start, then every `interval`.
pub async fn run(bot: Arc<Bot>, settings: RecoverySettings, shutdown: CancellationToken) {
    let Some(github) = bot.github.clone() else {
        return;
    };
    let client = match github.app_client() {
        Ok(client) => client,
        // Only an App can list its deliveries.
        Err(_) => return,
    };
    let mut recovery = Recovery::default();
    loop {
        match recovery.pass(&bot, &client, &settings).await {
            Ok(report) if !report.redelivered.is_empty() => info!(
                seen = report.seen,
                failed = report.failed,
                redelivered = report.redelivered.len(),
                "delivery recovery pass"
            ),
            Ok(_) => {}
            Err(err) => {
                warn!(error = %err, "cannot list the App's recent deliveries; trying again later")
            }
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(settings.interval) => {}
        }
    }
}
