//! The maintainers' query tool's remaining commands, offline against the mirror:
//! `batch-related` (several threads' related threads at once) and `stats`.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::analysis::print_json;
use super::args::DatabaseArgs;
use super::mirror::{RepoArg, find_thread, open_mirror};
use crate::analysis::{IndexOptions, Related, RelatedQuery};
use crate::error::usage;
use crate::mirror::index::load_index;
use crate::store::ThreadState;

#[derive(clap::Args)]
pub struct BatchRelatedArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// The issue or pull request numbers
    #[arg(required = true, num_args = 1..)]
    pub numbers: Vec<i64>,
    /// Related threads per number
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// Print JSON: `{"N": [related...]}`
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub repo: RepoArg,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// `stats --json`.
#[derive(Debug, Serialize)]
struct Stats {
    repo: String,
    open_issues: usize,
    closed_issues: usize,
    open_pull_requests: usize,
    closed_pull_requests: usize,
    /// Open issues per label.
    open_issues_by_label: BTreeMap<String, usize>,
    unlabeled_open_issues: usize,
}

pub async fn batch_related(database: &DatabaseArgs, args: BatchRelatedArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let store = open_mirror(database, &repo).await?;
    let mut threads = Vec::with_capacity(args.numbers.len());
    for &number in &args.numbers {
        threads.push(find_thread(store.as_ref(), &repo, number).await?);
    }
    let index = load_index(store.as_ref(), &repo, IndexOptions::default()).await?;
    let query = RelatedQuery {
        limit: args.limit,
        ..RelatedQuery::default()
    };
    let mut all: BTreeMap<String, Vec<Related>> = BTreeMap::new();
    let mut blocks = Vec::new();
    for thread in &threads {
        let n = thread.number;
        let doc = store.thread_doc(&repo.key(), n).await?;
        let related = index
            .related_to(n, doc.as_ref(), &query)
            .map_err(|err| usage(err.to_string()))?;
        if !args.json {
            let mut block = format!("#{n} {}\n", thread.title);
            let labels = if thread.labels.is_empty() {
                "none".to_string()
            } else {
                thread.labels.join(", ")
            };
            block.push_str(&format!("  labels: {labels}\n"));
            if let Some(doc) = &doc {
                let errors = index.signals_of(doc).errors;
                if !errors.is_empty() {
                    let shown: Vec<String> = errors
                        .iter()
                        .take(3)
                        .map(|e| crate::markdown::one_line(&e.example, 160))
                        .collect();
                    block.push_str(&format!("  errors: {}\n", shown.join(" | ")));
                }
            }
            if related.is_empty() {
                block.push_str("  nothing related found\n");
            }
            for r in &related {
                block.push_str(&format!(
                    "  #{:<6} {:>6.2}  ({}{}) {}\n",
                    r.number,
                    r.score,
                    r.state,
                    if r.is_pull_request { " PR" } else { "" },
                    r.title
                ));
                if let Some(reason) = r.reasons.first() {
                    block.push_str(&format!("          - {reason}\n"));
                }
            }
            blocks.push(block);
        }
        all.insert(n.to_string(), related);
    }
    if args.json {
        print_json(&all)?;
    } else {
        print!("{}", blocks.join("\n"));
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn stats(database: &DatabaseArgs, args: StatsArgs) -> Result<ExitCode> {
    let repo = args.repo.parse()?;
    let store = open_mirror(database, &repo).await?;
    let threads = store.all_threads(&repo.key()).await?;
    let mut stats = Stats {
        repo: repo.to_string(),
        open_issues: 0,
        closed_issues: 0,
        open_pull_requests: 0,
        closed_pull_requests: 0,
        open_issues_by_label: BTreeMap::new(),
        unlabeled_open_issues: 0,
    };
    for t in &threads {
        let open = t.state == ThreadState::Open;
        match (t.is_pull_request, open) {
            (true, true) => stats.open_pull_requests += 1,
            (true, false) => stats.closed_pull_requests += 1,
            (false, false) => stats.closed_issues += 1,
            (false, true) => {
                stats.open_issues += 1;
                if t.labels.is_empty() {
                    stats.unlabeled_open_issues += 1;
                }
                for l in &t.labels {
                    *stats.open_issues_by_label.entry(l.clone()).or_default() += 1;
                }
            }
        }
    }
    if args.json {
        print_json(&stats)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", stats.repo);
    println!(
        "issues: {} open, {} closed",
        stats.open_issues, stats.closed_issues
    );
    println!(
        "pull requests: {} open, {} closed",
        stats.open_pull_requests, stats.closed_pull_requests
    );
    println!("unlabeled open issues: {}", stats.unlabeled_open_issues);
    let mut labels: Vec<(&String, &usize)> = stats.open_issues_by_label.iter().collect();
    labels.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if !labels.is_empty() {
        println!("open issues by label:");
        for (label, count) in labels {
            println!("  {count:>5}  {label}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
