//! The dispatcher's passes over the whole tracker, offline: `plan` (the best candidates and
//! their prompts) and `sweep` (issues that can probably be closed; nothing is closed here).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::analysis::{code_for_prompts, options, print_json, write_prompt};
use super::args::DatabaseArgs;
use super::mirror::{RepoArg, open_mirror};
use crate::analysis::Proposal;
use crate::config::repo::RepoConfig;
use crate::error::usage;
use crate::mirror::index::load_index;
use crate::store::now_ms;

#[derive(clap::Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// How many issues to pick
    #[arg(long, default_value_t = 5)]
    pub top: usize,
    /// Where to write `issue-N.md` for each
    #[arg(long, default_value = "prompts")]
    pub out: PathBuf,
    /// A local copy of the repository's .github/coordinator.toml (setup, launch, labels)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub github: super::args::GithubArgs,
    #[command(flatten)]
    pub code: super::args::CodeLimitArgs,
}

#[derive(clap::Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// A local copy of the repository's .github/coordinator.toml (`[sweep] min_version`)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// One row of `plan --json`.
#[derive(Serialize)]
struct PlanRow {
    number: i64,
    title: String,
    score: f64,
    reasons: Vec<String>,
    path: String,
    launch_command: String,
}

/// One entry of `sweep --json`.
#[derive(Serialize)]
struct SweepRow<'a> {
    #[serde(flatten)]
    proposal: &'a Proposal,
    proposed_comment: String,
}

pub async fn plan(database: &DatabaseArgs, args: PlanArgs) -> Result<ExitCode> {
    use crate::github::client::{GitHub, RetrySettings};

    if args.top == 0 {
        return Err(usage("`--top` must be at least 1"));
    }
    let repo = args.repo.parse()?;
    let config = RepoConfig::load(args.config.as_deref()).map_err(usage)?;
    let triage = config.triage_config();
    let store = open_mirror(database, &repo).await?;
    let index = load_index(store.as_ref(), &repo, options(&triage)).await?;
    let (picks, candidates) = index.plan(&triage, now_ms(), args.top);
    let credentials =
        super::github_settings(&args.github, super::Prefer::Token, RetrySettings::default())?;
    let github = match credentials {
        Some(settings) => Some(
            GitHub::new(
                settings,
                std::sync::Arc::new(crate::metrics::Metrics::default()),
            )
            .map_err(|err| usage(err.to_string()))?,
        ),
        None => None,
    };
    let code = if picks.is_empty() {
        super::analysis::PromptCode {
            code: None,
            failed: false,
        }
    } else {
        code_for_prompts(store.as_ref(), github.as_ref(), &repo, &args.code).await?
    };
    let mut rows = Vec::new();
    for v in &picks {
        let written = write_prompt(
            store.as_ref(),
            &index,
            &repo,
            v.number,
            &config,
            &code,
            &args.github.github_api_url,
            &args.out,
            None,
        )
        .await?;
        rows.push(PlanRow {
            number: v.number,
            title: index.thread(v.number).map(|t| t.title).unwrap_or_default(),
            score: v.score,
            reasons: v.reasons.clone(),
            path: written.path,
            launch_command: written.launch_command,
        });
    }
    let short = (rows.len() < args.top)
        .then(|| crate::messages::few_ready(rows.len(), args.top, &candidates.others_summary()));
    if args.json {
        if let Some(line) = short {
            eprintln!("{line}");
        }
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        println!(
            "{}",
            short.unwrap_or_else(|| "no open issue is ready for an agent".into())
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("| # | issue | score | why | prompt |");
    println!("|---|---|---|---|---|");
    for (i, r) in rows.iter().enumerate() {
        let why = r
            .reasons
            .iter()
            .skip(1)
            .take(2)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        println!(
            "| {} | #{} {} | {:.2} | {} | {} |",
            i + 1,
            r.number,
            crate::markdown::one_line(&r.title, 80).replace('|', "\\|"),
            r.score,
            crate::markdown::one_line(&why, 200).replace('|', "\\|"),
            r.path
        );
    }
    println!();
    for r in &rows {
        println!("# #{}", r.number);
        println!("{}", r.launch_command);
    }
    if let Some(line) = short {
        println!();
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn sweep(database: &DatabaseArgs, args: SweepArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let config = RepoConfig::load(args.config.as_deref()).map_err(usage)?;
    let triage = config.triage_config();
    let store = open_mirror(database, &repo).await?;
    let index = load_index(store.as_ref(), &repo, options(&triage)).await?;
    let proposals = index.sweep(
        &triage,
        &crate::analysis::SweepSettings::of(&config.sweep),
        now_ms(),
    );
    let min = config.sweep.min_version.as_deref();
    let rows: Vec<SweepRow> = proposals
        .iter()
        .map(|p| SweepRow {
            proposal: p,
            proposed_comment: p.drafted_comment(min),
        })
        .collect();
    if args.json {
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        println!("no open issue of {repo} can be closed on the evidence in the mirror");
        return Ok(ExitCode::SUCCESS);
    }
    for r in &rows {
        let p = r.proposal;
        println!("#{} {}: {}", p.number, p.title, p.reason.as_str());
        for e in &p.evidence {
            println!("  - {e}");
        }
        println!("  comment: {}", r.proposed_comment);
        println!();
    }
    println!(
        "{} proposed; nothing was closed. A maintainer closes them with `/coordinate close #N ...`.",
        rows.len()
    );
    Ok(ExitCode::SUCCESS)
}
