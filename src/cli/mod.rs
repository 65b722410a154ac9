//! The command line of CONTRACT.md: parsing, the exit statuses, and one clear line on stderr
//! for every error.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand};
use secrecy::SecretString;

mod analysis;
pub mod args;
mod code;
mod deliver;
mod dispatch;
mod mirror;
mod seed;

use crate::app::{self, ServeConfig};
use crate::config::parse_webhook_secrets;
use crate::error::{UsageError, usage};
use crate::github::client::{Credentials, GitHubSettings, RetrySettings};
use crate::metrics::Metrics;
use crate::{bot, store, telemetry};
use args::{DatabaseArgs, DeliverArgs, GithubArgs, ServeArgs};

#[derive(Parser)]
#[command(
    name = "coordinator",
    version,
    about = "Prepares well-scoped GitHub issues for coding agents and relays their pull requests to Slack"
)]
pub struct Cli {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Log format: json or pretty (default: pretty on a terminal, else json)
    #[arg(long, env = "LOG_FORMAT", global = true)]
    pub log_format: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the GitHub App: webhook receiver, job worker, health and metrics routes
    Serve(ServeArgs),
    /// Mirror every issue, pull request and comment of a repository into the database
    Sync(mirror::SyncArgs),
    /// List mirrored threads (default: open, newest first)
    List(mirror::ListArgs),
    /// Full-text search over titles, bodies and comments, best first
    Search(mirror::SearchArgs),
    /// Threads whole: metadata, body, every comment, cross-references (`--brief`: cut)
    Show(mirror::ShowArgs),
    /// The related threads of several threads at once
    BatchRelated(seed::BatchRelatedArgs),
    /// Open and closed counts, open issues per label, unlabeled open issues, open PRs
    Stats(seed::StatsArgs),
    /// The threads most related to N, each with its reasons
    Related(analysis::RelatedArgs),
    /// The actionability verdict for N, or the open issues ranked as candidates for an agent
    Triage(analysis::TriageArgs),
    /// Mirror the repository's code at the default branch's head (or REF) and index it
    Code(code::CodeArgs),
    /// Where in the code issue N points: definitions, raise sites, frames, paths, tests
    Locate(code::LocateArgs),
    /// Write the worker prompt for N to DIR/issue-N.md and print its launch command
    Prompt(analysis::PromptArgs),
    /// The dispatcher's pass: the K best candidates ready for an agent, their prompts and launch commands
    Plan(dispatch::PlanArgs),
    /// Open issues that can probably be closed, with evidence and a drafted comment (closes nothing)
    Sweep(dispatch::SweepArgs),
    /// Sign a payload file with WEBHOOK_SECRET and POST it to a running server
    Deliver(DeliverArgs),
}

/// One allocator arena for the whole process (glibc). The bot's work is I/O-bound on a
/// couple of cores; glibc's default of an arena per thread lets each thread's transient
/// allocations (the texts an index build reads) strand memory around the index's long-lived
/// ones, and a long-running bot would keep that memory for good.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a setting of glibc's allocator, before any thread starts.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// The entry point of the binary.
pub fn main() -> ExitCode {
    tune_allocator();
    // A missing .env is normal; a broken one is worth a word.
    if let Err(err) = dotenvy::dotenv()
        && !err.not_found()
    {
        eprintln!("error: cannot read .env: {err}");
        return ExitCode::from(2);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    if let Err(err) = telemetry::init(cli.log_format.as_deref()) {
        return report(err);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => return report(anyhow::anyhow!("cannot start the async runtime: {err}")),
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(err) => report(err),
    }
}

/// Prints the error as one line and picks the exit status: 2 for usage and configuration
/// errors, 1 for the rest.
fn report(err: anyhow::Error) -> ExitCode {
    let line = format!("{err:#}").replace('\n', " ");
    eprintln!("error: {line}");
    if err.downcast_ref::<UsageError>().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => serve(&cli.database, args).await,
        Command::Sync(args) => mirror::sync(&cli.database, args).await,
        Command::List(args) => mirror::list(&cli.database, args).await,
        Command::Search(args) => mirror::search(&cli.database, args).await,
        Command::Show(args) => mirror::show(&cli.database, args).await,
        Command::BatchRelated(args) => seed::batch_related(&cli.database, args).await,
        Command::Stats(args) => seed::stats(&cli.database, args).await,
        Command::Related(args) => analysis::related(&cli.database, args).await,
        Command::Triage(args) => analysis::triage(&cli.database, args).await,
        Command::Prompt(args) => analysis::prompt(&cli.database, args).await,
        Command::Plan(args) => dispatch::plan(&cli.database, args).await,
        Command::Sweep(args) => dispatch::sweep(&cli.database, args).await,
        Command::Code(args) => code::code(&cli.database, args).await,
        Command::Locate(args) => code::locate_command(&cli.database, args).await,
        Command::Deliver(args) => deliver(args).await,
    }
}

/// Which identity to use when both an App and a token are configured.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prefer {
    /// The command line: the person's token.
    Token,
    /// The bot: the App.
    App,
}

/// GitHub settings from the flags and environment; `None` when no credentials are given.
fn github_settings(
    args: &GithubArgs,
    prefer: Prefer,
    retry: RetrySettings,
) -> Result<Option<GitHubSettings>> {
    let app = args.app_credentials()?;
    let credentials = match (prefer, app, &args.github_token) {
        (Prefer::Token, _, Some(token)) => Credentials::Token(token.clone()),
        (_, Some(app), _) => Credentials::App {
            app_id: app.app_id,
            private_key: app.private_key,
        },
        (_, None, Some(token)) => Credentials::Token(token.clone()),
        (_, None, None) => return Ok(None),
    };
    Ok(Some(GitHubSettings {
        api_url: args.github_api_url.clone(),
        credentials,
        retry,
    }))
}

/// The secret a fresh checkout runs with when nothing is configured: the bot is then in forced
/// dry-run, so a known secret can do no harm, and `cargo run -- serve` works at once.
pub const DEVELOPMENT_SECRET: &str = "development";

async fn serve(database: &DatabaseArgs, args: ServeArgs) -> Result<ExitCode> {
    let mode = args.github.mode(args.dry_run)?;
    let secrets = match (&args.webhook_secret, &mode) {
        (Some(secret), _) => parse_webhook_secrets(secret)?,
        (None, app::Mode::DryRun { forced: true }) => {
            tracing::warn!(
                "WEBHOOK_SECRET is not set: accepting deliveries signed with the development \
                 secret {DEVELOPMENT_SECRET:?}; set WEBHOOK_SECRET (and credentials) before real use"
            );
            vec![SecretString::from(DEVELOPMENT_SECRET)]
        }
        (None, _) => {
            return Err(usage(
                "WEBHOOK_SECRET is not set: set it to the webhook secret of the GitHub App",
            ));
        }
    };
    if !args.webhook_path.starts_with('/') {
        return Err(usage(format!(
            "WEBHOOK_PATH {:?} must start with /",
            args.webhook_path
        )));
    }
    let worker = args.worker.worker_config()?;
    let store = store::connect(&database.database_url).await?;
    let config = ServeConfig {
        listen: SocketAddr::new(args.host, args.port),
        webhook_path: args.webhook_path,
        secrets,
        database: store::redact_url(&database.database_url),
        mode,
        worker,
        max_attempts: args.worker.job_max_attempts,
        run_worker: !args.worker.no_worker,
    };
    let metrics = std::sync::Arc::new(Metrics::default());
    let github = match github_settings(&args.github, Prefer::App, RetrySettings::default())? {
        Some(settings) => Some(
            crate::github::client::GitHub::new(settings, metrics.clone())
                .map_err(|err| usage(err.to_string()))?,
        ),
        None => None,
    };
    let gist = match &args.github.gist_token {
        Some(token) => {
            let settings = GitHubSettings {
                api_url: args.github.github_api_url.clone(),
                credentials: Credentials::Token(token.clone()),
                retry: RetrySettings::default(),
            };
            Some(
                crate::github::client::GitHub::new(settings, metrics.clone())
                    .map_err(|err| usage(err.to_string()))?
                    .token_client(),
            )
        }
        None => None,
    };
    let slack = match &args.slack.slack_bot_token {
        Some(token) => Some(
            crate::slack::Slack::new(&args.slack.slack_api_url, token, metrics.clone())
                .map_err(|err| usage(format!("{err:#}")))?,
        ),
        None => None,
    };
    let bot = std::sync::Arc::new(
        bot::Bot::new(
            store.clone(),
            github,
            gist,
            args.dry_run || matches!(config.mode, app::Mode::DryRun { .. }),
            args.worker.job_max_attempts,
        )?
        .with_slack(slack, args.slack.slack_channel.clone())
        .with_metrics(metrics.clone())
        .with_code_limits(args.code.limits())
        .with_analyst(match args.analyst.settings()? {
            Some(settings) => {
                tracing::info!(model = %settings.model, provider = settings.provider.as_str(), "the analyst is on");
                Some(crate::analyst::Analyst::new(settings, metrics.clone())?)
            }
            None => None,
        }),
    );
    let shutdown = app::shutdown_on_signals();
    let running = app::start(
        config,
        store,
        bot::handlers(bot.clone()),
        metrics,
        shutdown.clone(),
    )
    .await?;
    // Missed deliveries are asked for again (an App only), at start and then periodically.
    tokio::spawn(bot::recovery::run(
        bot.clone(),
        bot::recovery::RecoverySettings::default(),
        shutdown.clone(),
    ));
    if args.worker.sync_interval_hours > 0 {
        tokio::spawn(bot::periodic_syncs(
            bot,
            std::time::Duration::from_secs(args.worker.sync_interval_hours * 3600),
            shutdown,
        ));
    }
    running.wait().await?;
    Ok(ExitCode::SUCCESS)
}

async fn deliver(args: DeliverArgs) -> Result<ExitCode> {
    let first = match &args.webhook_secret {
        Some(secret) => parse_webhook_secrets(secret)?
            .into_iter()
            .next()
            .context("no webhook secret")?,
        None => {
            eprintln!(
                "note: WEBHOOK_SECRET is not set; signing with the development secret {DEVELOPMENT_SECRET:?}"
            );
            SecretString::from(DEVELOPMENT_SECRET)
        }
    };
    let answer = deliver::deliver(deliver::Delivery {
        url: &args.url,
        event: &args.event,
        payload: &args.payload,
        secret: &first,
        delivery_id: args.delivery_id.as_deref(),
    })
    .await?;
    println!(
        "{} {} (delivery {})",
        answer.status.as_u16(),
        answer.status.canonical_reason().unwrap_or(""),
        answer.delivery_id
    );
    if !answer.body.is_empty() {
        println!("{}", answer.body);
    }
    Ok(if answer.status.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
