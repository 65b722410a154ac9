//! Prometheus metrics, kept in memory and rendered as text on `GET /metrics`.
//!
//! A handful of labelled counters and histograms is all the bot needs, so they are kept here
//! rather than pulling in a metrics framework.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use crate::store::JobState;

const BUCKETS: [f64; 14] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        for (bucket, count) in BUCKETS.iter().zip(self.counts.iter_mut()) {
            if seconds <= *bucket {
                *count += 1;
            }
        }
        self.count += 1;
        self.sum += seconds;
    }
}

/// Label values of one series, in the order of the metric's label names.
type Labels = Vec<String>;

/// The bot's metrics.
pub struct Metrics {
    deliveries: Mutex<BTreeMap<Labels, u64>>,
    job_runs: Mutex<BTreeMap<Labels, u64>>,
    job_duration: Mutex<BTreeMap<Labels, Histogram>>,
    job_wait: Mutex<BTreeMap<Labels, Histogram>>,
    github_calls: Mutex<BTreeMap<Labels, u64>>,
    slack_calls: Mutex<BTreeMap<Labels, u64>>,
    errors: Mutex<BTreeMap<Labels, u64>>,
    ignored: Mutex<BTreeMap<Labels, u64>>,
    cosmetic_failures: Mutex<BTreeMap<Labels, u64>>,
    analyst_calls: Mutex<BTreeMap<Labels, u64>>,
    analyst_tokens: Mutex<BTreeMap<Labels, u64>>,
    analyst_citations_removed: Mutex<BTreeMap<Labels, u64>>,
    rate_limit_remaining: AtomicI64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            deliveries: Mutex::default(),
            job_runs: Mutex::default(),
            job_duration: Mutex::default(),
            job_wait: Mutex::default(),
            github_calls: Mutex::default(),
            slack_calls: Mutex::default(),
            errors: Mutex::default(),
            ignored: Mutex::default(),
            cosmetic_failures: Mutex::default(),
            analyst_calls: Mutex::default(),
            analyst_tokens: Mutex::default(),
            analyst_citations_removed: Mutex::default(),
            rate_limit_remaining: AtomicI64::new(-1),
        }
    }
}

fn bump(map: &Mutex<BTreeMap<Labels, u64>>, labels: &[&str]) {
    let mut map = map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    *map.entry(labels.iter().map(|s| s.to_string()).collect())
        .or_default() += 1;
}

fn observe(map: &Mutex<BTreeMap<Labels, Histogram>>, labels: &[&str], value: Duration) {
    let mut map = map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    map.entry(labels.iter().map(|s| s.to_string()).collect())
        .or_default()
        .observe(value.as_secs_f64());
}

impl Metrics {
    /// A webhook delivery was answered; `outcome` is e.g. `queued`, `duplicate`, `ignored`.
    pub fn delivery(&self, event: &str, outcome: &str) {
        bump(&self.deliveries, &[event, outcome]);
    }

    /// A stored delivery the worker accepted and ignored, by event and why (e.g.
    /// `unexpected_shape`: a payload of an event we act on that we could not read).
    pub fn delivery_ignored(&self, event: &str, why: &str) {
        bump(&self.ignored, &[event, why]);
    }

    /// A cosmetic step (a reaction, a status line) that failed without failing the command.
    pub fn cosmetic_failure(&self, step: &str) {
        bump(&self.cosmetic_failures, &[step]);
    }

    /// A job attempt ended: `outcome` is `done`, `retry`, `dead` or `lost_lease`.
    pub fn job_run(&self, kind: &str, outcome: &str, ran_for: Duration, waited: Duration) {
        bump(&self.job_runs, &[kind, outcome]);
        observe(&self.job_duration, &[kind], ran_for);
        observe(&self.job_wait, &[kind], waited);
    }

    /// A call to GitHub's API ended with `status` (an HTTP status, or `error`).
    pub fn github_call(&self, status: &str) {
        bump(&self.github_calls, &[status]);
    }

    pub fn slack_call(&self, status: &str) {
        bump(&self.slack_calls, &[status]);
    }

    /// An error a person must act on (bad credentials, a missing channel), by kind.
    pub fn error(&self, kind: &str) {
        bump(&self.errors, &[kind]);
    }

    /// A consultation of the analyst ended: `kept`, `cached`, `budget`, `timeout`,
    /// `rate_limited`, `server_error`, `refused`, `malformed`, `unreachable`.
    pub fn analyst_call(&self, outcome: &str) {
        bump(&self.analyst_calls, &[outcome]);
    }

    /// Tokens the analyst's model spent, `input` or `output`.
    pub fn analyst_tokens(&self, kind: &str, tokens: u64) {
        let mut map = self
            .analyst_tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *map.entry(vec![kind.to_string()]).or_default() += tokens;
    }

    /// Citations of the analyst that could not be found and were removed, by kind (`issue`,
    /// `path`, `error`).
    pub fn analyst_citation_removed(&self, kind: &str) {
        bump(&self.analyst_citations_removed, &[kind]);
    }

    pub fn set_rate_limit_remaining(&self, remaining: i64) {
        self.rate_limit_remaining
            .store(remaining, Ordering::Relaxed);
    }

    /// The text exposition; `jobs` are the current counts by state, read from the database
    /// (`None` when it could not be read: the series is then left out rather than shown as
    /// zeros, and `coordinator_database_up` says 0).
    pub fn render(&self, jobs: Option<&[(JobState, i64)]>) -> String {
        let mut out = String::new();
        counter(
            &mut out,
            "coordinator_webhook_deliveries_total",
            "Webhook deliveries answered, by event and outcome.",
            &["event", "outcome"],
            &self.deliveries,
        );
        let _ = writeln!(
            out,
            "# HELP coordinator_database_up Whether the database answered this scrape.\n# TYPE coordinator_database_up gauge\ncoordinator_database_up {}",
            u8::from(jobs.is_some())
        );
        if let Some(jobs) = jobs {
            let _ = writeln!(
                out,
                "# HELP coordinator_jobs Jobs in the queue, by state.\n# TYPE coordinator_jobs gauge"
            );
            for state in JobState::ALL {
                let n = jobs
                    .iter()
                    .find(|(s, _)| *s == state)
                    .map_or(0, |(_, n)| *n);
                let _ = writeln!(out, "coordinator_jobs{{state=\"{state}\"}} {n}");
            }
        }
        counter(
            &mut out,
            "coordinator_job_runs_total",
            "Job attempts, by kind and outcome.",
            &["kind", "outcome"],
            &self.job_runs,
        );
        histogram(
            &mut out,
            "coordinator_job_duration_seconds",
            "How long a job attempt ran, by kind.",
            &self.job_duration,
        );
        histogram(
            &mut out,
            "coordinator_job_wait_seconds",
            "From a job's creation to the start of the attempt, by kind.",
            &self.job_wait,
        );
        counter(
            &mut out,
            "coordinator_github_requests_total",
            "Calls to the GitHub API, by response status.",
            &["status"],
            &self.github_calls,
        );
        counter(
            &mut out,
            "coordinator_slack_requests_total",
            "Calls to the Slack Web API, by outcome.",
            &["status"],
            &self.slack_calls,
        );
        counter(
            &mut out,
            "coordinator_errors_total",
            "Errors that need a person (bad credentials, missing channel), by kind.",
            &["kind"],
            &self.errors,
        );
        counter(
            &mut out,
            "coordinator_deliveries_ignored_total",
            "Deliveries the worker accepted and ignored, by event and reason (unexpected_shape: a payload it could not read).",
            &["event", "reason"],
            &self.ignored,
        );
        counter(
            &mut out,
            "coordinator_cosmetic_failures_total",
            "Cosmetic steps (reactions, status lines) that failed without failing the command, by step.",
            &["step"],
            &self.cosmetic_failures,
        );
        counter(
            &mut out,
            "coordinator_analyst_calls_total",
            "Consultations of the analyst, by outcome (kept, cached, budget, timeout, rate_limited, server_error, refused, malformed, unreachable).",
            &["outcome"],
            &self.analyst_calls,
        );
        counter(
            &mut out,
            "coordinator_analyst_tokens_total",
            "Tokens the analyst's model spent, by kind (input, output).",
            &["kind"],
            &self.analyst_tokens,
        );
        counter(
            &mut out,
            "coordinator_analyst_citations_removed_total",
            "Citations of the analyst that could not be found and were removed, by kind (issue, path, error).",
            &["kind"],
            &self.analyst_citations_removed,
        );
        let _ = writeln!(
            out,
            "# HELP coordinator_github_rate_limit_remaining Requests left in GitHub's primary rate limit window (-1: unknown).\n\
             # TYPE coordinator_github_rate_limit_remaining gauge\n\
             coordinator_github_rate_limit_remaining {}",
            self.rate_limit_remaining.load(Ordering::Relaxed)
        );
        out
    }
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn label_set(names: &[&str], values: &[String]) -> String {
    names
        .iter()
        .zip(values)
        .map(|(name, value)| format!("{name}=\"{}\"", escape(value)))
        .collect::<Vec<_>>()
        .join(",")
}

fn counter(
    out: &mut String,
    name: &str,
    help: &str,
    names: &[&str],
    map: &Mutex<BTreeMap<Labels, u64>>,
) {
    let map = map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
    for (values, n) in map.iter() {
        let _ = writeln!(out, "{name}{{{}}} {n}", label_set(names, values));
    }
}

fn histogram(out: &mut String, name: &str, help: &str, map: &Mutex<BTreeMap<Labels, Histogram>>) {
    let map = map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
    for (values, h) in map.iter() {
        let kind = label_set(&["kind"], values);
        for (bucket, n) in BUCKETS.iter().zip(h.counts.iter()) {
            let _ = writeln!(out, "{name}_bucket{{{kind},le=\"{bucket}\"}} {n}");
        }
        let _ = writeln!(out, "{name}_bucket{{{kind},le=\"+Inf\"}} {}", h.count);
        let _ = writeln!(out, "{name}_sum{{{kind}}} {}", h.sum);
        let _ = writeln!(out, "{name}_count{{{kind}}} {}", h.count);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_gauges_and_histograms() {
        let m = Metrics::default();
        m.delivery("issues", "queued");
        m.delivery("issues", "queued");
        m.delivery("ping", "pong");
        m.job_run(
            "webhook",
            "done",
            Duration::from_millis(3),
            Duration::from_millis(40),
        );
        m.set_rate_limit_remaining(4999);
        let text = m.render(Some(&[(JobState::Done, 7)]));
        assert!(text.contains(
            "coordinator_webhook_deliveries_total{event=\"issues\",outcome=\"queued\"} 2"
        ));
        assert!(text.contains("coordinator_jobs{state=\"done\"} 7"));
        assert!(text.contains("coordinator_jobs{state=\"dead\"} 0"));
        assert!(text.contains("coordinator_database_up 1"));
        let down = m.render(None);
        assert!(down.contains("coordinator_database_up 0"));
        assert!(
            !down.contains("coordinator_jobs{"),
            "no zeros when the count is unknown"
        );
        assert!(
            text.contains(
                "coordinator_job_duration_seconds_bucket{kind=\"webhook\",le=\"0.005\"} 1"
            )
        );
        assert!(
            text.contains(
                "coordinator_job_duration_seconds_bucket{kind=\"webhook\",le=\"0.001\"} 0"
            )
        );
        assert!(text.contains("coordinator_job_wait_seconds_count{kind=\"webhook\"} 1"));
        assert!(text.contains("coordinator_github_rate_limit_remaining 4999"));
    }
}
