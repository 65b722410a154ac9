//! The flags of every command, each with its environment variable (CONTRACT.md's names),
//! and their conversion into checked configuration.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use clap::builder::BoolishValueParser;
use secrecy::SecretString;

use crate::config::{AppCredentials, Mode};
use crate::error::usage;
use crate::jobs::{RetryPolicy, WorkerConfig};

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

impl GithubArgs {
    /// The App's credentials when configured; a usage error when half configured.
    pub fn app_credentials(&self) -> anyhow::Result<Option<AppCredentials>> {
        crate::config::app_credentials(
            self.app_id.as_deref(),
            self.private_key.as_ref(),
            self.private_key_path.as_deref(),
        )
    }

    /// The mode the bot runs in, from the credentials and `DRY_RUN`.
    pub fn mode(&self, dry_run: bool) -> anyhow::Result<Mode> {
        let app = self.app_credentials()?;
        Ok(Mode::from_credentials(
            dry_run,
            app.as_ref(),
            self.github_token.is_some(),
        ))
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

/// The optional analyst (a language model); off unless `ANALYST_MODEL` is set.
#[derive(Args, Clone)]
pub struct AnalystArgs {
    /// The analyst's API: openai (any OpenAI-compatible server: OpenAI, vLLM, Ollama, llama.cpp) or anthropic
    #[arg(long, env = "ANALYST_PROVIDER", default_value = "openai")]
    pub analyst_provider: String,
    /// The API's base URL (default: https://api.openai.com/v1, or https://api.anthropic.com)
    #[arg(long, env = "ANALYST_API_URL")]
    pub analyst_api_url: Option<String>,
    /// The API key (a local server may need none)
    #[arg(long, env = "ANALYST_API_KEY", hide_env_values = true, value_parser = secret)]
    pub analyst_api_key: Option<SecretString>,
    /// The model's name; unset: the analyst is off
    #[arg(long, env = "ANALYST_MODEL")]
    pub analyst_model: Option<String>,
    /// Output tokens per prompt
    #[arg(long, env = "ANALYST_MAX_OUTPUT_TOKENS", default_value_t = 2000)]
    pub analyst_max_output_tokens: u32,
    /// Input plus output tokens per UTC day, over all repositories
    #[arg(long, env = "ANALYST_DAILY_TOKEN_BUDGET", default_value_t = 2_000_000)]
    pub analyst_daily_token_budget: i64,
    /// Seconds one answer may take
    #[arg(long, env = "ANALYST_TIMEOUT_SECS", default_value_t = 120)]
    pub analyst_timeout_secs: u64,
}

impl AnalystArgs {
    /// The analyst's settings, `None` when `ANALYST_MODEL` is unset; a setting that cannot
    /// work is a usage error.
    pub fn settings(&self) -> anyhow::Result<Option<crate::analyst::AnalystSettings>> {
        use crate::analyst::Provider;
        let Some(model) = self
            .analyst_model
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
        else {
            return Ok(None);
        };
        let provider = Provider::parse(&self.analyst_provider).map_err(usage)?;
        let api_url = self
            .analyst_api_url
            .clone()
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| provider.default_url().to_string());
        if !(api_url.starts_with("http://") || api_url.starts_with("https://")) {
            return Err(usage(format!(
                "ANALYST_API_URL {api_url:?} is not an http(s) URL"
            )));
        }
        if self.analyst_api_key.is_none() && api_url == provider.default_url() {
            return Err(usage(format!(
                "ANALYST_API_KEY is not set: {api_url} needs one (a local server may not)"
            )));
        }
        if self.analyst_max_output_tokens == 0 || self.analyst_daily_token_budget <= 0 {
            return Err(usage(
                "ANALYST_MAX_OUTPUT_TOKENS and ANALYST_DAILY_TOKEN_BUDGET must be above 0",
            ));
        }
        if self.analyst_timeout_secs == 0 {
            return Err(usage("ANALYST_TIMEOUT_SECS must be above 0"));
        }
        Ok(Some(crate::analyst::AnalystSettings {
            provider,
            api_url,
            api_key: self.analyst_api_key.clone(),
            model: model.to_string(),
            max_output_tokens: self.analyst_max_output_tokens,
            daily_token_budget: self.analyst_daily_token_budget,
            timeout: Duration::from_secs(self.analyst_timeout_secs),
        }))
    }
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
    /// How long a worker's lease on a job lasts before another may take it back (renewed
    /// every third of it while the job runs; short, so a killed process's jobs resume soon)
    #[arg(long, env = "JOB_LEASE_SECS", default_value_t = 30)]
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

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, env = "HOST", default_value = "0.0.0.0")]
    pub host: IpAddr,
    /// Port to listen on
    #[arg(long, env = "PORT", default_value_t = 3000)]
    pub port: u16,
    /// HMAC secret of the webhook; several separated by commas while rotating
    #[arg(long, env = "WEBHOOK_SECRET", hide_env_values = true, value_parser = |s: &str| Ok::<_, String>(SecretString::from(s.to_string())))]
    pub webhook_secret: Option<SecretString>,
    /// Route of the webhook receiver
    #[arg(long, env = "WEBHOOK_PATH", default_value = "/api/github/webhooks")]
    pub webhook_path: String,
    /// 1: compute everything, send nothing to GitHub or Slack
    #[arg(long, env = "DRY_RUN", value_parser = BoolishValueParser::new(), default_value = "0", action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "1")]
    pub dry_run: bool,
    #[command(flatten)]
    pub github: GithubArgs,
    #[command(flatten)]
    pub slack: SlackArgs,
    #[command(flatten)]
    pub worker: WorkerArgs,
    #[command(flatten)]
    pub code: CodeLimitArgs,
    #[command(flatten)]
    pub analyst: AnalystArgs,
}

#[derive(clap::Args)]
pub struct DeliverArgs {
    /// The event name, as in X-GitHub-Event (issues, issue_comment, pull_request, ...)
    #[arg(long)]
    pub event: String,
    /// A JSON payload file, e.g. one of ../shared/fixtures/github-webhooks/
    #[arg(long)]
    pub payload: PathBuf,
    /// The receiver's URL
    #[arg(long, default_value = "http://127.0.0.1:3000/api/github/webhooks")]
    pub url: String,
    /// The secret to sign with (the first of a comma-separated list)
    #[arg(long, env = "WEBHOOK_SECRET", hide_env_values = true, value_parser = |s: &str| Ok::<_, String>(SecretString::from(s.to_string())))]
    pub webhook_secret: Option<SecretString>,
    /// The delivery ID to send (default: a new random one); send one twice to see deduplication
    #[arg(long)]
    pub delivery_id: Option<String>,
}

/// How much of a repository's code is read.
#[derive(clap::Args, Clone)]
pub struct CodeLimitArgs {
    /// The code mirror's budget per repository, in megabytes of source read
    #[arg(long, env = "CODE_MAX_MB", default_value_t = 200)]
    pub code_max_mb: u64,
    /// Files larger than this many kilobytes are skipped
    #[arg(long, env = "CODE_MAX_FILE_KB", default_value_t = 1024)]
    pub code_max_file_kb: u64,
}

impl CodeLimitArgs {
    pub fn limits(&self) -> crate::code::Limits {
        crate::code::Limits {
            max_file_bytes: self.code_max_file_kb.saturating_mul(1024),
            max_total_bytes: self.code_max_mb.saturating_mul(1000 * 1000),
        }
    }
}
