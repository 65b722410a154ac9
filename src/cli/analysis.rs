//! `related` and `triage`: the analysis of a mirrored repository, offline.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::args::DatabaseArgs;
use super::mirror::{RepoArg, StateArg, find_thread, open_mirror};
use crate::analysis::{IndexOptions, RelatedQuery, StateFilter, Verdict};
use crate::config::repo::RepoConfig;
use crate::error::usage;
use crate::mirror::index::load_index;
use crate::store::{Thread, now_ms};
use crate::views;

#[derive(clap::Args)]
pub struct RelatedArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// The issue or pull request number
    pub number: i64,
    #[arg(long, value_enum, default_value = "all")]
    pub state: StateArg,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Add a preview of each body and its last comment
    #[arg(short, long)]
    pub verbose: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct TriageArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// The issue to judge; without it, the open issues ranked as candidates for an agent
    pub number: Option<i64>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Without N: list the issues that are not ready too, ranked by outcome then impact
    #[arg(long)]
    pub all: bool,
    /// A local copy of the repository's .github/coordinator.toml (hardware keywords, labels)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// How the command line builds an index: with the repository's triage settings.
pub(super) fn options(triage: &crate::analysis::TriageConfig) -> IndexOptions {
    IndexOptions {
        triage: triage.clone(),
        ..IndexOptions::default()
    }
}

pub(super) fn print_json(value: &impl Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

pub async fn related(database: &DatabaseArgs, args: RelatedArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let store = open_mirror(database, &repo).await?;
    find_thread(store.as_ref(), &repo, args.number).await?;
    let index = load_index(store.as_ref(), &repo, IndexOptions::default()).await?;
    let doc = store.thread_doc(&repo.key(), args.number).await?;
    let query = RelatedQuery {
        state: match args.state {
            StateArg::Open => StateFilter::Open,
            StateArg::Closed => StateFilter::Closed,
            StateArg::All => StateFilter::All,
        },
        limit: args.limit,
    };
    let related = index
        .related_to(args.number, doc.as_ref(), &query)
        .map_err(|err| usage(err.to_string()))?;
    if args.json {
        return print_json(&related).map(|()| ExitCode::SUCCESS);
    }
    if related.is_empty() {
        eprintln!("nothing related to #{} was found", args.number);
    }
    for r in &related {
        let state = index
            .thread(r.number)
            .map(|t| views::state_label(&t))
            .unwrap_or_else(|| r.state.to_string());
        println!("#{:<6} {:>6.2}  ({state}) {}", r.number, r.score, r.title);
        for reason in &r.reasons {
            println!("        - {reason}");
        }
        if args.verbose
            && let Some(doc) = store.thread_doc(&repo.key(), r.number).await?
        {
            let body = doc.thread.body.as_deref().unwrap_or("");
            println!("        body: {}", crate::markdown::one_line(body, 240));
            if let Some(last) = doc.comments.iter().max_by_key(|c| (c.created_at, c.id)) {
                println!(
                    "        last comment: @{} ({}): {}",
                    last.user.as_deref().unwrap_or("ghost"),
                    views::date(last.created_at),
                    crate::markdown::one_line(&last.body, 200)
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A triage candidate: the thread summary and the verdict.
#[derive(Serialize)]
struct Candidate {
    #[serde(flatten)]
    thread: views::ThreadSummary,
    triage: Verdict,
}

fn print_verdict(thread: &Thread, v: &Verdict) {
    println!(
        "#{} {}: {} (score {:.2})",
        v.number,
        thread.title,
        v.outcome.as_str(),
        v.score
    );
    for (title, lines) in [
        ("evidence", &v.evidence),
        ("reasons", &v.reasons),
        ("blockers", &v.blockers),
    ] {
        if !lines.is_empty() {
            println!("{title}:");
            for line in lines {
                println!("  - {line}");
            }
        }
    }
    if !v.hardware.is_empty() {
        println!("hardware the agent may lack: {}", v.hardware.join(", "));
    }
    if !v.open_pull_requests.is_empty() {
        let prs: Vec<String> = v
            .open_pull_requests
            .iter()
            .map(|n| format!("#{n}"))
            .collect();
        println!(
            "open pull requests on it: {} (review and complete rather than start over)",
            prs.join(", ")
        );
    }
    if !v.related.is_empty() {
        let related: Vec<String> = v.related.iter().map(|n| format!("#{n}")).collect();
        println!("related: {}", related.join(", "));
    }
}

pub async fn triage(database: &DatabaseArgs, args: TriageArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let config = RepoConfig::load(args.config.as_deref()).map_err(usage)?;
    let triage = config.triage_config();
    let store = open_mirror(database, &repo).await?;
    if let Some(number) = args.number {
        let thread = find_thread(store.as_ref(), &repo, number).await?;
        let index = load_index(store.as_ref(), &repo, options(&triage)).await?;
        let verdict = index
            .triage(number, &triage, now_ms())
            .map_err(|err| usage(err.to_string()))?;
        if args.json {
            print_json(&verdict)?;
        } else {
            print_verdict(&thread, &verdict);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let index = load_index(store.as_ref(), &repo, options(&triage)).await?;
    let candidates = index.candidates(&triage, now_ms(), args.limit, args.all);
    let short = (!args.all && candidates.ready() < args.limit).then(|| {
        crate::messages::few_ready(candidates.ready(), args.limit, &candidates.others_summary())
    });
    if args.json {
        let list: Vec<Candidate> = candidates
            .verdicts
            .into_iter()
            .filter_map(|v| {
                index.thread(v.number).map(|t| Candidate {
                    thread: (&t).into(),
                    triage: v,
                })
            })
            .collect();
        if let Some(line) = short {
            eprintln!("{line}");
        }
        return print_json(&list).map(|()| ExitCode::SUCCESS);
    }
    if candidates.open == 0 {
        eprintln!("no open issues in the mirror of {repo}");
        return Ok(ExitCode::SUCCESS);
    }
    for v in &candidates.verdicts {
        let Some(thread) = index.thread(v.number) else {
            continue;
        };
        let why = if v.actionable {
            v.reasons.get(1).or(v.reasons.first())
        } else {
            v.blockers.first()
        };
        println!(
            "{:<24} #{:<6} {:.2}  {}{}",
            v.outcome.as_str(),
            v.number,
            v.score,
            thread.title,
            why.map(|w| format!("  ({w})")).unwrap_or_default()
        );
    }
    if let Some(line) = short {
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct PromptArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// The issue to write the worker prompt for
    pub number: i64,
    /// Where to write `issue-N.md`
    #[arg(long, default_value = "prompts")]
    pub out: PathBuf,
    /// A local copy of the repository's .github/coordinator.toml (setup, launch, hardware)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Fetch the issue, its comments and timeline from GitHub first, even when mirrored
    #[arg(long)]
    pub refresh: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub github: super::args::GithubArgs,
    #[command(flatten)]
    pub code: super::args::CodeLimitArgs,
    /// Have the analyst (a language model, ANALYST_MODEL) write its sections too, as the bot does
    #[arg(long)]
    pub analyst: bool,
    #[command(flatten)]
    pub analyst_settings: super::args::AnalystArgs,
}

/// A mirror synced longer ago than this is refreshed for the issue a prompt is written for.
const STALE_AFTER_MS: i64 = 10 * 60 * 1000;

/// `prompt --json`.
#[derive(Serialize)]
pub(super) struct PromptOutput {
    pub path: String,
    pub bytes: usize,
    pub launch_command: String,
    pub related: Vec<i64>,
    /// With `--analyst`: `kept`, `cached`, or why its sections are missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analyst: Option<String>,
    /// Tokens the analyst spent on this prompt (0 from the cache).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analyst_tokens: Option<i64>,
    /// Citations of the analyst removed because what they cite does not exist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analyst_removed: Option<usize>,
}

/// The code the prompts cite: at the head with credentials (one conditional request, a
/// download when it moved), else as last mirrored; `failed` when it could not be read.
pub(super) struct PromptCode {
    pub code: Option<std::sync::Arc<crate::code::CodeIndex>>,
    pub failed: bool,
}

pub(super) async fn code_for_prompts(
    store: &dyn crate::store::Store,
    github: Option<&crate::github::client::GitHub>,
    repo: &crate::store::RepoName,
    limits: &super::args::CodeLimitArgs,
) -> Result<PromptCode> {
    let cache = crate::mirror::code::CodeCache::default();
    Ok(match github {
        Some(github) => {
            let current = match github.for_repo(repo, None).await {
                Ok(client) => {
                    cache
                        .current(store, &client, repo, None, limits.limits())
                        .await
                }
                Err(err) => Err(err.into()),
            };
            match current {
                Ok(outcome) => PromptCode {
                    code: Some(outcome.index).filter(|c| c.has_source()),
                    failed: false,
                },
                Err(err) => {
                    eprintln!(
                        "note: the code of {repo} could not be read ({err:#}); the prompt goes out without it"
                    );
                    PromptCode {
                        code: None,
                        failed: true,
                    }
                }
            }
        }
        None => PromptCode {
            code: cache.stored(store, repo).await?.filter(|c| c.has_source()),
            failed: false,
        },
    })
}

/// Writes the worker prompt for `number` to `out/issue-N.md` from the mirror as it is.
#[allow(clippy::too_many_arguments)]
pub(super) async fn write_prompt(
    store: &dyn crate::store::Store,
    index: &crate::analysis::RepoIndex,
    repo: &crate::store::RepoName,
    number: i64,
    config: &RepoConfig,
    code: &PromptCode,
    github_api_url: &str,
    out: &std::path::Path,
    analyst: Option<&crate::analyst::Analyst>,
) -> Result<PromptOutput> {
    use crate::prompt::render::Templates;
    use crate::prompt::{PromptRequest, assemble, gather};

    let key = repo.key();
    let cross = crate::mirror::cross_references(store, repo, number).await?;
    let default_branch = store
        .sync_state(&key)
        .await?
        .and_then(|s| s.default_branch)
        .unwrap_or_else(|| "main".to_string());
    let gathered = gather(store, index, repo, number)
        .await
        .map_err(|err| usage(format!("{err:#}")))?;
    let web = crate::github::web_base(&gathered.issue.thread.html_url, repo, github_api_url);
    let pointers = match &code.code {
        Some(code) => {
            crate::analysis::locate::locate(&gathered.issue, code, &index.project_with(code), &web)
        }
        None => Vec::new(),
    };
    let mut assembled = assemble(
        index,
        &PromptRequest {
            repo,
            number,
            config,
            cross_references: &cross,
            default_branch: &default_branch,
            now: now_ms(),
            code: match &code.code {
                Some(code) => crate::prompt::CodeContext::Read {
                    sha: &code.sha,
                    pointers: &pointers,
                },
                None if code.failed => crate::prompt::CodeContext::Unavailable,
                None => crate::prompt::CodeContext::NotAsked,
            },
        },
        &gathered,
    )
    .map_err(|err| usage(err.to_string()))?;
    let mut outcome = (None, None, None);
    if let Some(analyst) = analyst {
        let texts = gathered.texts();
        let exists = |n: i64| index.thread(n).is_some();
        let consultation = crate::analyst::Consultation {
            data: &assembled.data,
            evidence: crate::analyst::check::Evidence {
                thread_exists: &exists,
                code: code.code.as_deref().map(|c| (c, web.as_str())),
                texts: &texts,
            },
        };
        match analyst
            .consult(store, &consultation, chrono::Utc::now())
            .await
        {
            Ok(consulted) => {
                outcome = (
                    Some(if consulted.cached { "cached" } else { "kept" }.to_string()),
                    Some(consulted.input_tokens + consulted.output_tokens),
                    Some(consulted.view.removed),
                );
                assembled.data.analyst = Some(consulted.view);
            }
            Err(err) => {
                eprintln!("note: the prompt goes out without the analyst: {err}");
                outcome = (Some(err.to_string()), Some(0), None);
                assembled.data.analyst_note = Some(err.note());
            }
        }
    }
    let templates = Templates::embedded().map_err(|err| anyhow::anyhow!(err))?;
    // For the worker, not for GitHub: nothing is made inert.
    let text = templates
        .render_prompt(&assembled.data)
        .map_err(|err| anyhow::anyhow!(err))?;
    std::fs::create_dir_all(out)
        .map_err(|err| usage(format!("cannot create {}: {err}", out.display())))?;
    let path = out.join(format!("issue-{number}.md"));
    std::fs::write(&path, &text)
        .map_err(|err| usage(format!("cannot write {}: {err}", path.display())))?;
    let absolute = std::fs::canonicalize(&path).unwrap_or(path);
    let shown = absolute.display().to_string();
    Ok(PromptOutput {
        launch_command: config.launch.replace("{prompt_url}", &shown),
        path: shown,
        bytes: text.len(),
        related: assembled.related.iter().map(|r| r.number).collect(),
        analyst: outcome.0,
        analyst_tokens: outcome.1,
        analyst_removed: outcome.2,
    })
}

pub async fn prompt(database: &DatabaseArgs, args: PromptArgs) -> Result<ExitCode> {
    use crate::github::client::{GitHub, RetrySettings};

    let repo = args.repo.parse()?;
    let config = RepoConfig::load(args.config.as_deref()).map_err(usage)?;
    let store = crate::store::connect(&database.database_url).await?;
    let key = repo.key();
    let missing = store.thread(&key, args.number).await?.is_none();
    // The mirror is stale when its last sync is older than a few minutes: with credentials,
    // the issue itself is fetched again (three calls); without, the mirror serves as it is.
    let last_sync = store.sync_state(&key).await?.and_then(|s| s.last_sync_at);
    let stale = last_sync.is_none_or(|at| now_ms() - at > STALE_AFTER_MS);
    let credentials =
        super::github_settings(&args.github, super::Prefer::Token, RetrySettings::default())?;
    if stale && !missing && credentials.is_none() {
        eprintln!(
            "note: the mirror of {repo} was last synced {}; set GITHUB_TOKEN to fetch #{} fresh, or run `coordinator sync`",
            last_sync.map_or("never".to_string(), crate::views::iso_time),
            args.number
        );
    }
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
    if missing || args.refresh || (stale && github.is_some()) {
        // The mirror lacks the issue, is stale, or was asked to refresh it: GitHub has it.
        let Some(github) = &github else {
            return Err(usage(format!(
                "#{} is not in the mirror of {repo}: set GITHUB_TOKEN to fetch it, or run `coordinator sync --repo {repo}`",
                args.number
            )));
        };
        let client = github.for_repo(&repo, None).await?;
        crate::mirror::refresh::refresh_thread(store.as_ref(), &client, &repo, args.number)
            .await
            .map_err(
                |err| match err.downcast_ref::<crate::github::client::GitHubError>() {
                    Some(crate::github::client::GitHubError::NotFound { .. }) => {
                        usage(format!("#{} of {repo} is not on GitHub", args.number))
                    }
                    _ => err,
                },
            )?;
    }
    let analyst = match (args.analyst, args.analyst_settings.settings()?) {
        (false, _) => None,
        (true, Some(settings)) => Some(crate::analyst::Analyst::new(
            settings,
            std::sync::Arc::new(crate::metrics::Metrics::default()),
        )?),
        (true, None) => {
            return Err(usage(
                "--analyst needs ANALYST_MODEL (and ANALYST_API_KEY, ANALYST_PROVIDER, ANALYST_API_URL as the model's API wants)",
            ));
        }
    };
    let index = load_index(store.as_ref(), &repo, options(&config.triage_config())).await?;
    let code = code_for_prompts(store.as_ref(), github.as_ref(), &repo, &args.code).await?;
    let written = write_prompt(
        store.as_ref(),
        &index,
        &repo,
        args.number,
        &config,
        &code,
        &args.github.github_api_url,
        &args.out,
        analyst.as_ref(),
    )
    .await?;
    if args.json {
        print_json(&written)?;
    } else {
        eprintln!("wrote {} ({} bytes)", written.path, written.bytes);
        println!("{}", written.launch_command);
    }
    Ok(ExitCode::SUCCESS)
}
