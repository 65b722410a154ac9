//! `code` and `locate`: the code mirror from the command line.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;

use super::args::{CodeLimitArgs, DatabaseArgs, GithubArgs};
use super::mirror::{RepoArg, find_thread, print_json};
use crate::analysis::locate::{Pointer, locate};
use crate::analysis::signals::Project;
use crate::error::usage;
use crate::github::client::{GitHub, RetrySettings};
use crate::github::web_base;
use crate::metrics::Metrics;
use crate::mirror::code::CodeCache;
use crate::store::{self, RepoName, Store};

#[derive(clap::Args)]
pub struct CodeArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// A branch, tag or commit instead of the default branch's head
    #[arg(long = "ref")]
    pub git_ref: Option<String>,
    #[command(flatten)]
    pub limits: CodeLimitArgs,
    #[command(flatten)]
    pub github: GithubArgs,
}

#[derive(clap::Args)]
pub struct LocateArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// The issue or pull request number
    pub number: i64,
    /// GitHub's web address, for permalinks (GitHub Enterprise: its own)
    #[arg(long, env = "GITHUB_API_URL", default_value = "https://api.github.com")]
    pub github_api_url: String,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

pub async fn code(database: &DatabaseArgs, args: CodeArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let started = Instant::now();
    let settings =
        super::github_settings(&args.github, super::Prefer::Token, RetrySettings::default())?
            .ok_or_else(|| {
                usage("the code is downloaded from GitHub: set GITHUB_TOKEN (or App credentials)")
            })?;
    let github =
        GitHub::new(settings, Arc::new(Metrics::default())).map_err(|e| usage(e.to_string()))?;
    let store = store::connect(&database.database_url).await?;
    let client = github.for_repo(&repo, None).await?;
    let outcome = CodeCache::default()
        .current(
            store.as_ref(),
            &client,
            &repo,
            args.git_ref.as_deref(),
            args.limits.limits(),
        )
        .await?;
    let index = &outcome.index;
    println!(
        "{repo} at {}: {}{}; {} API calls, {:.1} s",
        crate::code::short_sha(&index.sha),
        index.summary(),
        if outcome.built {
            ""
        } else {
            " (already indexed)"
        },
        outcome.calls,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn locate_command(database: &DatabaseArgs, args: LocateArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let store = super::mirror::open_mirror(database, &repo).await?;
    find_thread(store.as_ref(), &repo, args.number).await?;
    let pointers = pointers(store.as_ref(), &repo, args.number, &args.github_api_url).await?;
    if args.json {
        print_json(&pointers)?;
        return Ok(ExitCode::SUCCESS);
    }
    if pointers.is_empty() {
        eprintln!("#{} points at nothing this commit defines", args.number);
    }
    for p in &pointers {
        let place = if p.line > 0 {
            format!("{}:{}", p.path, p.line)
        } else {
            p.path.clone()
        };
        let stale = if p.stale { " [stale]" } else { "" };
        println!(
            "{:<11} {place}{stale}\n            {}\n            {}",
            p.kind.as_str(),
            p.why,
            p.permalink
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The pointers of thread `number`, from the stored code index (no GitHub call).
async fn pointers(
    store: &dyn Store,
    repo: &RepoName,
    number: i64,
    api_url: &str,
) -> Result<Vec<Pointer>> {
    let Some(index) = CodeCache::default().stored(store, repo).await? else {
        return Err(usage(format!(
            "the code of {repo} is not mirrored: run `coordinator code --repo {repo}` first"
        )));
    };
    let doc = store
        .thread_doc(&repo.key(), number)
        .await?
        .ok_or_else(|| usage(format!("#{number} is not in the mirror of {repo}")))?;
    let project = Project::new(repo).with_code(&index);
    let web = web_base(&doc.thread.html_url, repo, api_url);
    Ok(locate(&doc, &index, &project, &web))
}
