//! Configuration from flags, the environment and `.env`, with the names of CONTRACT.md.
//! Secrets are `SecretString`s from the moment they are read, so they never reach a log or
//! a `Debug` print.

pub mod repo;

use std::time::Duration;

use clap::Args;
use clap::builder::BoolishValueParser;
use secrecy::{ExposeSecret, SecretString};

use crate::app::Mode;
use crate::jobs::{RetryPolicy, WorkerConfig};

/// A configuration mistake: reported on one line, exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

fn secret(value: &str) -> Result<SecretString, String> {
    if value.trim().is_empty() {
        return Err("must not be empty".to_string());
    }
    Ok(SecretString::from(value.to_string()))
}

/// Where the database is; every command takes it.
#[derive(Args, Clone)]
pub struct DatabaseArgs {
    /// `sqlite://PATH` (embedded, created when missing) or `postgres://...`
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://coordinator.db",
        hide_env_values = true,
        global = true
    )]
    pub database_url: String,
}

/// How the bot reaches GitHub.
#[derive(Args, Clone)]
pub struct GithubArgs {
    /// GitHub App ID
    #[arg(long, env = "APP_ID")]
    pub app_id: Option<String>,
    /// The App's private key (PEM); `\n` escapes are accepted
    #[arg(long, env = "PRIVATE_KEY", hide_env_values = true, value_parser = secret)]
    pub private_key: Option<SecretString>,
    /// A file holding the App's private key (PEM)
    #[arg(long, env = "PRIVATE_KEY_PATH")]
    pub private_key_path: Option<std::path::PathBuf>,
    /// A personal or Actions token (the CLI; `serve` when no App is configured)
    #[arg(long, env = "GITHUB_TOKEN", hide_env_values = true, value_parser = secret)]
    pub github_token: Option<SecretString>,
    /// A user token with the gist scope; prompts go to gists only when it is set
    #[arg(long, env = "GIST_TOKEN", hide_env_values = true, value_parser = secret)]
    pub gist_token: Option<SecretString>,
    /// REST base URL (GitHub Enterprise, or a stand-in in tests)
    #[arg(long, env = "GITHUB_API_URL", default_value = "https://api.github.com")]
    pub github_api_url: String,
}

/// App credentials, read and checked.
pub struct AppCredentials {
    pub app_id: u64,
    pub private_key: SecretString,
}

impl GithubArgs {
    /// The App's credentials when configured; a usage error when half configured.
    pub fn app_credentials(&self) -> anyhow::Result<Option<AppCredentials>> {
        let key = match (&self.private_key, &self.private_key_path) {
            (Some(key), _) => Some(SecretString::from(key.expose_secret().replace("\\n", "\n"))),
            (None, Some(path)) => Some(SecretString::from(std::fs::read_to_string(path).map_err(
                |err| {
                    usage(format!(
                        "PRIVATE_KEY_PATH {}: cannot read the key: {err}",
                        path.display()
                    ))
                },
            )?)),
            (None, None) => None,
        };
        match (&self.app_id, key) {
            (None, None) => Ok(None),
            (Some(_), None) => Err(usage(
                "APP_ID is set but PRIVATE_KEY or PRIVATE_KEY_PATH is not: give the App's private key",
            )),
            (None, Some(_)) => Err(usage(
                "a private key is set but APP_ID is not: give the App's ID",
            )),
            (Some(id), Some(private_key)) => {
                let app_id = id.trim().parse::<u64>().map_err(|_| {
                    usage(format!(
                        "APP_ID {id:?} is not a number: use the App's numeric ID"
                    ))
                })?;
                jsonwebtoken::EncodingKey::from_rsa_pem(private_key.expose_secret().as_bytes())
                    .map_err(|err| {
                        usage(format!(
                            "the App's private key is not an RSA key in PEM form ({err}): download a new one from the App's settings"
                        ))
                    })?;
                Ok(Some(AppCredentials {
                    app_id,
                    private_key,
                }))
            }
        }
    }

    /// The mode the bot runs in, from the credentials and `DRY_RUN`.
    pub fn mode(&self, dry_run: bool) -> anyhow::Result<Mode> {
        let app = self.app_credentials()?;
        Ok(match (dry_run, app, &self.github_token) {
            (true, _, _) => Mode::DryRun { forced: false },
            (false, Some(app), _) => Mode::App { app_id: app.app_id },
            (false, None, Some(_)) => Mode::Token,
            (false, None, None) => Mode::DryRun { forced: true },
        })
    }
}

/// Slack, for completion notices.
#[derive(Args, Clone)]
pub struct SlackArgs {
    /// Slack bot token (`xoxb-...`); unset: the Slack relay is off
    #[arg(long, env = "SLACK_BOT_TOKEN", hide_env_values = true, value_parser = secret)]
    pub slack_bot_token: Option<SecretString>,
    /// Channel ID for completion notices (a repository's config may override it)
    #[arg(long, env = "SLACK_CHANNEL")]
    pub slack_channel: Option<String>,
    /// Slack Web API base
    #[arg(long, env = "SLACK_API_URL", default_value = "https://slack.com/api")]
    pub slack_api_url: String,
}

/// The job worker's settings.
#[derive(Args, Clone)]
pub struct WorkerArgs {
    /// Jobs run at once
    #[arg(long, env = "WORKER_CONCURRENCY", default_value_t = 8)]
    pub worker_concurrency: usize,
    /// Attempts a job gets before it is dead
    #[arg(long, env = "JOB_MAX_ATTEMPTS", default_value_t = 8)]
    pub job_max_attempts: i64,
    /// First retry delay in milliseconds; doubled each attempt, with jitter
    #[arg(long, env = "JOB_RETRY_BASE_MS", default_value_t = 2000)]
    pub job_retry_base_ms: u64,
    /// How long a worker's lease on a job lasts before another may take it back
    #[arg(long, env = "JOB_LEASE_SECS", default_value_t = 120)]
    pub job_lease_secs: u64,
    /// On SIGINT/SIGTERM, how long running jobs may take before their leases are given back
    #[arg(long, env = "SHUTDOWN_GRACE_SECS", default_value_t = 20)]
    pub shutdown_grace_secs: u64,
    /// Days the bodies of processed deliveries are kept (the rows stay, for deduplication)
    #[arg(long, env = "PAYLOAD_RETENTION_DAYS", default_value_t = 30)]
    pub payload_retention_days: u64,
    /// Hours between two syncs of every mirrored repository (what webhooks do not carry,
    /// such as reactions, or missed); 0: never
    #[arg(long, env = "SYNC_INTERVAL_HOURS", default_value_t = 6)]
    pub sync_interval_hours: u64,
    /// Accept webhooks but run no jobs (an intake-only replica)
    #[arg(long, env = "NO_WORKER", value_parser = BoolishValueParser::new(), default_value = "0", action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "1")]
    pub no_worker: bool,
}

impl WorkerArgs {
    pub fn worker_config(&self) -> anyhow::Result<WorkerConfig> {
        if !(1..=1024).contains(&self.worker_concurrency) {
            return Err(usage("WORKER_CONCURRENCY must be between 1 and 1024"));
        }
        if self.job_max_attempts < 1 {
            return Err(usage("JOB_MAX_ATTEMPTS must be at least 1"));
        }
        if !(5..=24 * 3600).contains(&self.job_lease_secs) {
            return Err(usage("JOB_LEASE_SECS must be between 5 and 86400 (a day)"));
        }
        if !(1..=36_500).contains(&self.payload_retention_days) {
            return Err(usage("PAYLOAD_RETENTION_DAYS must be between 1 and 36500"));
        }
        if self.sync_interval_hours > 24 * 365 {
            return Err(usage(
                "SYNC_INTERVAL_HOURS must be at most 8760 (0 turns it off)",
            ));
        }
        if self.shutdown_grace_secs > 3600 {
            return Err(usage("SHUTDOWN_GRACE_SECS must be at most 3600"));
        }
        Ok(WorkerConfig {
            concurrency: self.worker_concurrency,
            lease: Duration::from_secs(self.job_lease_secs),
            retry: RetryPolicy {
                base: Duration::from_millis(self.job_retry_base_ms.max(1)),
                ..RetryPolicy::default()
            },
            shutdown_grace: Duration::from_secs(self.shutdown_grace_secs),
            payload_retention: Duration::from_secs(self.payload_retention_days * 24 * 3600),
            ..WorkerConfig::default()
        })
    }
}

/// `WEBHOOK_SECRET`: one secret, or several separated by commas while one is rotated.
pub fn parse_webhook_secrets(value: &SecretString) -> anyhow::Result<Vec<SecretString>> {
    let secrets: Vec<SecretString> = value
        .expose_secret()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| SecretString::from(s.to_string()))
        .collect();
    if secrets.is_empty() {
        return Err(usage(
            "WEBHOOK_SECRET is empty: set it to the App's webhook secret",
        ));
    }
    Ok(secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_secrets_split_on_commas() {
        let secrets =
            parse_webhook_secrets(&SecretString::from(" new , old,")).expect("two secrets");
        let exposed: Vec<&str> = secrets.iter().map(|s| s.expose_secret()).collect();
        assert_eq!(exposed, ["new", "old"]);
        assert!(parse_webhook_secrets(&SecretString::from(" , ")).is_err());
    }

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let s = SecretString::from("hunter2");
        assert!(!format!("{s:?}").contains("hunter2"));
    }
}
