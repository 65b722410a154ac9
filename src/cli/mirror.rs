//! `sync`, `list`, `search` and `show`: mirror a repository, then read the mirror offline.

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use clap::ValueEnum;

use super::args::{DatabaseArgs, GithubArgs};
use crate::error::usage;
use crate::github::client::{Credentials, GitHub, GitHubSettings, RetrySettings};
use crate::metrics::Metrics;
use crate::mirror::sync::{self, Progress, Quiet, SyncOptions};
use crate::store::{self, ListQuery, ListSort, RepoName, SearchQuery, Store, Thread, ThreadState};
use crate::views;

/// `--repo`, or `COORDINATOR_REPO`.
#[derive(clap::Args, Clone)]
pub struct RepoArg {
    /// The repository, OWNER/NAME
    #[arg(long, env = "COORDINATOR_REPO")]
    pub repo: Option<String>,
}

impl RepoArg {
    pub fn parse(&self) -> Result<RepoName> {
        let raw = self.repo.as_deref().ok_or_else(|| {
            usage("no repository: give --repo OWNER/NAME or set COORDINATOR_REPO")
        })?;
        RepoName::parse(raw).map_err(usage)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StateArg {
    Open,
    Closed,
    All,
}

impl StateArg {
    pub fn filter(self) -> Option<ThreadState> {
        match self {
            StateArg::Open => Some(ThreadState::Open),
            StateArg::Closed => Some(ThreadState::Closed),
            StateArg::All => None,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Created,
    Updated,
    Comments,
    Reactions,
}

#[derive(clap::Args)]
pub struct SyncArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// Walk every issue and comment again and drop what was deleted, instead of fetching
    /// only what changed since the last sync
    #[arg(long)]
    pub full: bool,
    #[command(flatten)]
    pub github: GithubArgs,
}

#[derive(clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    #[arg(long, value_enum, default_value = "open")]
    pub state: StateArg,
    /// Only threads with this label (repeat for several: all must match)
    #[arg(long = "label")]
    pub labels: Vec<String>,
    /// Only threads with no label
    #[arg(long, conflicts_with = "labels")]
    pub unlabeled: bool,
    #[arg(long, value_enum, default_value = "created")]
    pub sort: SortArg,
    #[arg(long, default_value_t = 30)]
    pub limit: i64,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// Words to find (stemmed); "a quoted phrase" must appear as written
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    #[arg(long, value_enum, default_value = "all")]
    pub state: StateArg,
    /// Only threads with this label (repeat for several: all must match)
    #[arg(long = "label")]
    pub labels: Vec<String>,
    /// Only threads whose title holds every word (and phrase)
    #[arg(long)]
    pub title_only: bool,
    #[arg(long, default_value_t = 20)]
    pub limit: i64,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// The issue or pull request numbers
    #[arg(required = true, num_args = 1..)]
    pub numbers: Vec<i64>,
    /// The body's first 1,000 characters and only the first and last comment, 300 each
    #[arg(long)]
    pub brief: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// The mirror of `repo`, or a usage error saying how to make one.
pub async fn open_mirror(database: &DatabaseArgs, repo: &RepoName) -> Result<Arc<dyn Store>> {
    let store = store::connect(&database.database_url).await?;
    let key = repo.key();
    let known = store.sync_state(&key).await?.is_some() || store.mirror_counts(&key).await?.0 > 0;
    if !known {
        return Err(usage(format!(
            "{repo} is not mirrored in {}: run `coordinator sync --repo {repo}` first",
            store::redact_url(&database.database_url)
        )));
    }
    Ok(store)
}

/// Thread `number` of `repo`, or a usage error.
pub async fn find_thread(store: &dyn Store, repo: &RepoName, number: i64) -> Result<Thread> {
    store.thread(&repo.key(), number).await?.ok_or_else(|| {
        usage(format!(
            "#{number} is not in the mirror of {repo}: check the number, or run `coordinator sync --repo {repo}`"
        ))
    })
}

pub(super) fn print_json(value: &impl serde::Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

pub async fn sync(database: &DatabaseArgs, args: SyncArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let retry = RetrySettings {
        // A person is waiting, but a sync is worth finishing: wait out rate limits.
        max_wait: Duration::from_secs(15 * 60),
        ..RetrySettings::default()
    };
    let settings = match super::github_settings(&args.github, super::Prefer::Token, retry.clone())?
    {
        Some(settings) => settings,
        None => {
            tracing::warn!(
                "neither GITHUB_TOKEN nor App credentials are set: anonymous requests are limited to 60 an hour"
            );
            GitHubSettings {
                api_url: args.github.github_api_url.clone(),
                credentials: Credentials::Anonymous,
                retry,
            }
        }
    };
    let github =
        GitHub::new(settings, Arc::new(Metrics::default())).map_err(|e| usage(e.to_string()))?;
    let store = store::connect(&database.database_url).await?;
    let client = github.for_repo(&repo, None).await?;
    let progress: Box<dyn Progress> = if std::io::stderr().is_terminal() {
        Box::new(TerminalProgress::new())
    } else {
        Box::new(Quiet)
    };
    let report = sync::sync_repo(
        store.as_ref(),
        &client,
        &repo,
        SyncOptions { full: args.full },
        progress.as_ref(),
    )
    .await?;
    println!("{}", report.summary());
    Ok(ExitCode::SUCCESS)
}

pub async fn list(database: &DatabaseArgs, args: ListArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let store = open_mirror(database, &repo).await?;
    let threads = store
        .list_threads(
            &repo.key(),
            &ListQuery {
                state: args.state.filter(),
                labels: args.labels.clone(),
                unlabeled: args.unlabeled,
                sort: match args.sort {
                    SortArg::Created => ListSort::Created,
                    SortArg::Updated => ListSort::Updated,
                    SortArg::Comments => ListSort::Comments,
                    SortArg::Reactions => ListSort::Reactions,
                },
                limit: args.limit,
            },
        )
        .await?;
    if args.json {
        let summaries: Vec<views::ThreadSummary> = threads.iter().map(Into::into).collect();
        print_json(&summaries)?;
    } else {
        if threads.is_empty() {
            eprintln!("no threads match");
        }
        let claims = open_claims(store.as_ref(), &repo, &threads).await?;
        for t in &threads {
            println!("{}", claimed_line(t, &claims));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// For each open issue of `threads`, the open pull requests that say they fix it.
pub(super) async fn open_claims(
    store: &dyn Store,
    repo: &RepoName,
    threads: &[Thread],
) -> Result<std::collections::HashMap<i64, Vec<i64>>> {
    let key = repo.key();
    let mut out = std::collections::HashMap::new();
    for t in threads
        .iter()
        .filter(|t| !t.is_pull_request && t.state == ThreadState::Open)
    {
        let sources: Vec<i64> = store
            .refs_touching(&key, t.number)
            .await?
            .into_iter()
            .filter(|r| r.target == t.number && r.kind == store::RefKind::Closes)
            .map(|r| r.source)
            .collect();
        if sources.is_empty() {
            continue;
        }
        let mut prs: Vec<i64> = store
            .threads_by_number(&key, &sources)
            .await?
            .into_iter()
            .filter(|p| p.is_pull_request && p.state == ThreadState::Open)
            .map(|p| p.number)
            .collect();
        prs.sort_unstable();
        prs.dedup();
        if !prs.is_empty() {
            out.insert(t.number, prs);
        }
    }
    Ok(out)
}

/// A summary line, marked `PR#M` when open pull requests claim the issue.
pub(super) fn claimed_line(
    t: &Thread,
    claims: &std::collections::HashMap<i64, Vec<i64>>,
) -> String {
    let line = views::summary_line(t);
    match claims.get(&t.number) {
        Some(prs) => {
            let marks: Vec<String> = prs.iter().map(|p| format!("PR#{p}")).collect();
            format!("{line}  {}", marks.join(" "))
        }
        None => line,
    }
}

pub async fn search(database: &DatabaseArgs, args: SearchArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let store = open_mirror(database, &repo).await?;
    let text = args.query.join(" ");
    let query = SearchQuery::parse(&text);
    if query.is_empty() {
        return Err(usage(format!("{text:?} has no words to search for")));
    }
    let key = repo.key();
    let state = args.state.filter();
    // With filters, ask for more and keep what passes them.
    let filtered = !args.labels.is_empty() || args.title_only;
    let fetch = if filtered {
        args.limit.saturating_mul(20).clamp(200, 5_000)
    } else {
        args.limit
    };
    let keep = |t: &Thread| {
        args.labels
            .iter()
            .all(|l| t.labels.iter().any(|x| x.eq_ignore_ascii_case(l)))
            && (!args.title_only || title_holds(&t.title, &query))
    };
    // Threads holding every word first; when they are too few, those holding any of them
    // (never with --title-only, which asks for every word).
    let mut hits: Vec<store::SearchHit> = store
        .search_threads(&key, &query, state, fetch)
        .await?
        .into_iter()
        .filter(|h| keep(&h.thread))
        .take(args.limit.max(0) as usize)
        .collect();
    if (hits.len() as i64) < args.limit && query.terms.len() > 1 && !args.title_only {
        let ceiling = hits.iter().map(|h| h.score).fold(f64::INFINITY, f64::min);
        let more: Vec<store::SearchHit> = store
            .search_threads(&key, &query.relaxed(), state, fetch)
            .await?
            .into_iter()
            .filter(|h| keep(&h.thread))
            .collect();
        for mut hit in more {
            if hits.len() as i64 >= args.limit {
                break;
            }
            if hits.iter().any(|h| h.thread.number == hit.thread.number) {
                continue;
            }
            // Partial matches rank below every full one.
            if ceiling.is_finite() {
                hit.score = hit.score.min(ceiling) * 0.5;
            }
            hits.push(hit);
        }
    }
    if args.json {
        let results: Vec<views::SearchResult> = hits
            .iter()
            .map(|h| views::SearchResult {
                thread: (&h.thread).into(),
                score: (h.score * 1000.0).round() / 1000.0,
            })
            .collect();
        print_json(&results)?;
    } else {
        if hits.is_empty() {
            eprintln!("nothing matches {text:?}");
        }
        let threads: Vec<Thread> = hits.iter().map(|h| h.thread.clone()).collect();
        let claims = open_claims(store.as_ref(), &repo, &threads).await?;
        for hit in &hits {
            println!("{:>6.2}  {}", hit.score, claimed_line(&hit.thread, &claims));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether `title` holds every word (by stem) and phrase of `query`.
fn title_holds(title: &str, query: &SearchQuery) -> bool {
    let stems = |text: &str| {
        let mut out = Vec::new();
        crate::analysis::text::tokens(text, |t| out.push(t.to_string()));
        out
    };
    let words = stems(title);
    let lower = title.to_lowercase();
    query
        .terms
        .iter()
        .all(|term| stems(term).iter().all(|t| words.contains(t)))
        && query
            .phrases
            .iter()
            .all(|p| lower.contains(&p.to_lowercase()))
}

/// How much of a thread `show --brief` keeps.
const BRIEF_BODY: usize = 1_000;
const BRIEF_COMMENT: usize = 300;

/// `s` cut to `max` characters, marked when cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

pub async fn show(database: &DatabaseArgs, args: ShowArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let store = open_mirror(database, &repo).await?;
    // Every number checked first: a typo in the fifth fails before four are printed.
    let mut threads = Vec::with_capacity(args.numbers.len());
    for &number in &args.numbers {
        threads.push(find_thread(store.as_ref(), &repo, number).await?);
    }
    let mut details = Vec::new();
    let mut texts = Vec::new();
    for mut thread in threads {
        let number = thread.number;
        let mut comments = store.comments_of(&repo.key(), number).await?;
        if args.brief {
            thread.body = thread.body.as_deref().map(|b| cut(b, BRIEF_BODY));
            if comments.len() > 2 {
                let last = comments.pop();
                comments.truncate(1);
                comments.extend(last);
            }
            for c in &mut comments {
                c.body = cut(&c.body, BRIEF_COMMENT);
            }
        }
        let cross = crate::mirror::cross_references(store.as_ref(), &repo, number).await?;
        if args.json {
            details.push(views::detail(&thread, &comments, &cross));
        } else {
            texts.push(views::show_text(&thread, &comments, &cross));
        }
    }
    if args.json {
        // One number: the thread's object, as always; several: an array of them.
        match details.len() {
            1 => print_json(&details[0])?,
            _ => print_json(&details)?,
        }
    } else {
        print!("{}", texts.join(&format!("\n{}\n\n", "─".repeat(72))));
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on stderr.
struct TerminalProgress {
    bar: indicatif::ProgressBar,
}

impl TerminalProgress {
    fn new() -> Self {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(Duration::from_millis(120));
        TerminalProgress { bar }
    }
}

impl Progress for TerminalProgress {
    fn start(&self, what: &str, pages: Option<u64>) {
        self.bar.set_position(0);
        match pages {
            Some(pages) => {
                self.bar.set_length(pages);
                self.bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{msg:28} [{bar:40}] {pos}/{len} pages, {elapsed}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
            }
            None => {
                self.bar.unset_length();
                self.bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{spinner} {msg:28} {pos} pages, {elapsed}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                );
            }
        }
        self.bar.set_message(what.to_string());
    }

    fn page(&self, _items: usize) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
