//! `sync`: mirrors every issue, pull request and comment of a repository through the
//! repository-wide listings, 100 to a page, each page written in one transaction with the
//! cursor, so an interrupted sync leaves a consistent mirror and resumes where it stopped.
//!
//! A full pass walks both listings in creation order (stable while the tracker changes) and
//! then deletes what it did not see. An incremental pass asks for what changed since a
//! watermark, in update order, moving the watermark itself forward page by page (keyset
//! pagination: an item updated during the pass moves to the end instead of shifting others
//! past the cursor); the first request is conditional, so a sync with nothing new costs three
//! 304s.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::{Context as _, Result};
use chrono::{DateTime, SecondsFormat, Utc};

use super::aliases::{count_foreign_links, resolve};
use crate::github::api::{ApiComment, ApiIssue, ApiRepository};
use crate::github::client::{Client, GitHubError};
use crate::store::{CommentWrite, Millis, RepoName, Store, SyncState, ThreadWrite, now_ms};

const PAGE: usize = 100;

/// How far back a watermark reaches beyond what a full pass saw: clocks and GitHub's
/// eventual consistency.
const SAFETY_MARGIN_MS: i64 = 60_000;

/// Deleted and transferred issues are in no listing: an incremental sync cannot see them go
/// (webhooks do, between syncs). A sync turns full when the last full one is this old.
const FULL_SYNC_EVERY_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// What the caller wants.
#[derive(Debug, Clone, Copy, Default)]
pub struct SyncOptions {
    /// Walk everything again (and delete what is gone) instead of fetching what changed.
    pub full: bool,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncReport {
    pub repo: String,
    pub full: bool,
    /// Rows written (new or changed).
    pub threads: u64,
    pub comments: u64,
    pub deleted_threads: u64,
    pub deleted_comments: u64,
    /// Requests made to GitHub.
    pub calls: u64,
    pub seconds: f64,
    /// The mirror's size afterwards.
    pub mirrored_threads: i64,
    pub mirrored_comments: i64,
    /// Former names of the repository newly found among the links.
    pub aliases: usize,
    /// Links to other repositories' threads seen by this sync.
    #[doc(hidden)]
    pub foreign: HashMap<String, u32>,
}

impl SyncReport {
    /// The one summary line of `coordinator sync`.
    pub fn summary(&self) -> String {
        let mut deleted = String::new();
        if self.deleted_threads + self.deleted_comments > 0 {
            deleted = format!(
                ", {} threads and {} comments deleted",
                self.deleted_threads, self.deleted_comments
            );
        }
        format!(
            "synced {} ({}): {} threads, {} comments written{deleted}; mirror holds {} threads, {} comments; {} API calls, {:.1} s",
            self.repo,
            if self.full { "full" } else { "incremental" },
            self.threads,
            self.comments,
            self.mirrored_threads,
            self.mirrored_comments,
            self.calls,
            self.seconds
        )
    }
}

/// Reports progress (a bar on a terminal, nothing in the bot).
pub trait Progress: Send + Sync {
    /// A listing starts; `pages` when GitHub says how many there are.
    fn start(&self, what: &str, pages: Option<u64>);
    /// A page was written.
    fn page(&self, items: usize);
    fn finish(&self);
}

/// No progress reporting.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _what: &str, _pages: Option<u64>) {}
    fn page(&self, _items: usize) {}
    fn finish(&self) {}
}

fn iso(ms: Millis) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Which listing a pass walks.
#[derive(Clone, Copy)]
enum Listing {
    Threads,
    Comments,
}

impl Listing {
    fn path(self, repo: &RepoName) -> String {
        match self {
            Listing::Threads => format!("/repos/{}/{}/issues", repo.owner, repo.name),
            Listing::Comments => format!("/repos/{}/{}/issues/comments", repo.owner, repo.name),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Listing::Threads => "issues and pull requests",
            Listing::Comments => "comments",
        }
    }
}

/// A page of either listing, converted.
struct Page {
    threads: Vec<ThreadWrite>,
    comments: Vec<CommentWrite>,
    items: usize,
    max_updated: Option<Millis>,
    /// Links to other repositories' threads, by `owner/name`.
    foreign: HashMap<String, u32>,
}

fn convert(
    listing: Listing,
    repo: &RepoName,
    body: &crate::github::client::Response,
) -> Result<Page> {
    match listing {
        Listing::Threads => {
            let items: Vec<ApiIssue> = body.json()?;
            let max_updated = items.iter().map(|i| i.updated_at.timestamp_millis()).max();
            let count = items.len();
            let mut foreign = HashMap::new();
            for i in &items {
                count_foreign_links(i.body.as_deref().unwrap_or(""), repo, &mut foreign);
            }
            Ok(Page {
                foreign,
                threads: items.into_iter().map(|i| i.into_write(repo)).collect(),
                comments: Vec::new(),
                items: count,
                max_updated,
            })
        }
        Listing::Comments => {
            let items: Vec<ApiComment> = body.json()?;
            let max_updated = items.iter().map(|c| c.updated_at.timestamp_millis()).max();
            let count = items.len();
            let mut foreign = HashMap::new();
            for c in &items {
                count_foreign_links(c.body.as_deref().unwrap_or(""), repo, &mut foreign);
            }
            Ok(Page {
                foreign,
                threads: Vec::new(),
                comments: items
                    .into_iter()
                    .filter_map(|c| c.into_write(repo, None))
                    .collect(),
                items: count,
                max_updated,
            })
        }
    }
}

fn merge_counts(into: &mut HashMap<String, u32>, from: &HashMap<String, u32>) {
    for (slug, n) in from {
        *into.entry(slug.clone()).or_default() += n;
    }
}

/// Mirrors `repo` into the store.
pub async fn sync_repo(
    store: &dyn Store,
    client: &Client,
    repo: &RepoName,
    options: SyncOptions,
    progress: &dyn Progress,
) -> Result<SyncReport> {
    let started = Instant::now();
    let calls_before = client.calls();
    let key = repo.key();
    let mut state = store.sync_state(&key).await?.unwrap_or_else(|| SyncState {
        repo: key.clone(),
        display_name: repo.to_string(),
        ..SyncState::default()
    });
    refresh_repository(client, repo, &mut state).await?;

    // A full pass runs when asked, the first time, to finish an interrupted one, and weekly
    // (to drop what was deleted).
    let overdue = state
        .last_full_sync_at
        .is_none_or(|at| now_ms() - at > FULL_SYNC_EVERY_MS);
    let full = options.full
        || state.threads_since.is_none()
        || state.full_pass_started.is_some()
        || overdue;
    let mut report = SyncReport {
        repo: state.display_name.clone(),
        full,
        ..SyncReport::default()
    };
    if full {
        full_sync(store, client, repo, &mut state, &mut report, progress).await?;
    } else {
        incremental_sync(store, client, repo, &mut state, &mut report, progress).await?;
    }
    progress.finish();
    report.aliases = resolve(store, client, repo, &report.foreign).await?;
    let now = now_ms();
    state.last_sync_at = Some(now);
    if full {
        state.last_full_sync_at = Some(now);
    }
    store.put_sync_state(&state).await?;
    let (threads, comments) = store.mirror_counts(&key).await?;
    report.mirrored_threads = threads;
    report.mirrored_comments = comments;
    report.calls = client.calls() - calls_before;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Checks the repository exists (one clear error if not) and keeps its name and default
/// branch; conditional, so it costs nothing when unchanged.
async fn refresh_repository(client: &Client, repo: &RepoName, state: &mut SyncState) -> Result<()> {
    let path = format!("/repos/{}/{}", repo.owner, repo.name);
    let response = match client.get(&path, state.repo_etag.as_deref()).await {
        Ok(response) => response,
        Err(GitHubError::NotFound { .. }) => {
            return Err(crate::error::usage(format!(
                "repository {repo} is not on GitHub, or the credentials cannot see it"
            )));
        }
        Err(err) => return Err(err.into()),
    };
    if response.not_modified() {
        return Ok(());
    }
    let info: ApiRepository = response.json()?;
    state.display_name = info.full_name;
    state.default_branch = info.default_branch;
    state.repo_etag = response.etag;
    Ok(())
}

async fn full_sync(
    store: &dyn Store,
    client: &Client,
    repo: &RepoName,
    state: &mut SyncState,
    report: &mut SyncReport,
    progress: &dyn Progress,
) -> Result<()> {
    let key = repo.key();
    if state.full_pass_started.is_none() {
        state.full_pass_started = Some(now_ms());
        state.full_max_updated = None;
        state.threads_next = Some(format!(
            "{}?state=all&sort=created&direction=asc&per_page={PAGE}",
            Listing::Threads.path(repo)
        ));
        state.comments_next = Some(format!(
            "{}?sort=created&direction=asc&per_page={PAGE}",
            Listing::Comments.path(repo)
        ));
        store.put_sync_state(state).await?;
    }
    for listing in [Listing::Threads, Listing::Comments] {
        let mut first = true;
        loop {
            let next = match listing {
                Listing::Threads => state.threads_next.clone(),
                Listing::Comments => state.comments_next.clone(),
            };
            let Some(url) = next else { break };
            let response = client
                .get(&url, None)
                .await
                .with_context(|| format!("cannot list the {} of {repo}", listing.name()))?;
            if first {
                progress.start(listing.name(), response.last_page);
                first = false;
            }
            let page = convert(listing, repo, &response)?;
            merge_counts(&mut report.foreign, &page.foreign);
            state.full_max_updated = state.full_max_updated.max(page.max_updated);
            match listing {
                Listing::Threads => state.threads_next = response.next.clone(),
                Listing::Comments => state.comments_next = response.next.clone(),
            }
            let written = store
                .write_mirror(&key, &page.threads, &page.comments, Some(state), now_ms())
                .await?;
            report.threads += written.threads_written;
            report.comments += written.comments_written;
            progress.page(page.items);
        }
    }
    // Everything that exists was seen (and marked) by this pass: the rest is gone.
    let started = state.full_pass_started.unwrap_or_else(now_ms);
    let (threads, comments) = store.sweep_unseen(&key, started).await?;
    report.deleted_threads = threads;
    report.deleted_comments = comments;
    // The next incremental pass starts early enough to catch whatever changed while this one
    // ran: nothing seen was updated later than the pass's end, which is at most `elapsed`
    // after its start (on GitHub's clock too).
    let elapsed = now_ms() - started;
    let watermark = state
        .full_max_updated
        .map_or(0, |max| (max - elapsed - SAFETY_MARGIN_MS).max(0));
    state.threads_since = Some(watermark);
    state.comments_since = Some(watermark);
    state.full_pass_started = None;
    state.full_max_updated = None;
    state.threads_etag = None;
    state.threads_etag_url = None;
    state.comments_etag = None;
    state.comments_etag_url = None;
    Ok(())
}

async fn incremental_sync(
    store: &dyn Store,
    client: &Client,
    repo: &RepoName,
    state: &mut SyncState,
    report: &mut SyncReport,
    progress: &dyn Progress,
) -> Result<()> {
    let key = repo.key();
    // Threads whose comment count may have dropped: their deleted comments are not in any
    // listing, so they are fetched again.
    let mut listed_counts: Vec<(i64, i64)> = Vec::new();
    for listing in [Listing::Threads, Listing::Comments] {
        progress.start(listing.name(), None);
        let mut page_number = 1;
        loop {
            let since = match listing {
                Listing::Threads => state.threads_since,
                Listing::Comments => state.comments_since,
            }
            .unwrap_or(0);
            let mut url = match listing {
                Listing::Threads => format!(
                    "{}?state=all&sort=updated&direction=asc&per_page={PAGE}&since={}",
                    listing.path(repo),
                    iso(since)
                ),
                Listing::Comments => format!(
                    "{}?sort=updated&direction=asc&per_page={PAGE}&since={}",
                    listing.path(repo),
                    iso(since)
                ),
            };
            if page_number > 1 {
                url.push_str(&format!("&page={page_number}"));
            }
            let (etag, etag_url) = match listing {
                Listing::Threads => (&state.threads_etag, &state.threads_etag_url),
                Listing::Comments => (&state.comments_etag, &state.comments_etag_url),
            };
            let conditional = etag
                .as_deref()
                .filter(|_| etag_url.as_deref() == Some(&url));
            let response = client
                .get(&url, conditional)
                .await
                .with_context(|| format!("cannot list the {} of {repo}", listing.name()))?;
            if response.not_modified() {
                break;
            }
            let page = convert(listing, repo, &response)?;
            merge_counts(&mut report.foreign, &page.foreign);
            if let Listing::Threads = listing {
                listed_counts.extend(
                    page.threads
                        .iter()
                        .map(|t| (t.thread.number, t.thread.comment_count)),
                );
            }
            if page_number == 1 {
                match listing {
                    Listing::Threads => {
                        state.threads_etag = response.etag.clone();
                        state.threads_etag_url = Some(url.clone());
                    }
                    Listing::Comments => {
                        state.comments_etag = response.etag.clone();
                        state.comments_etag_url = Some(url.clone());
                    }
                }
            }
            // Move the watermark to the newest item of the page; when a whole page shares one
            // second (it cannot move), step to the next page of that second instead.
            let newest = page.max_updated.unwrap_or(since).max(since);
            let last_page = page.items < PAGE;
            if newest > since {
                page_number = 1;
            } else {
                page_number += 1;
            }
            match listing {
                Listing::Threads => state.threads_since = Some(newest),
                Listing::Comments => state.comments_since = Some(newest),
            }
            let written = store
                .write_mirror(&key, &page.threads, &page.comments, Some(state), now_ms())
                .await?;
            report.threads += written.threads_written;
            report.comments += written.comments_written;
            progress.page(page.items);
            if last_page {
                break;
            }
        }
    }
    report.deleted_comments += refetch_shrunk_threads(store, client, repo, &listed_counts).await?;
    Ok(())
}

/// Fetches again the comments of threads that list fewer comments than the mirror holds,
/// and deletes those that are gone.
async fn refetch_shrunk_threads(
    store: &dyn Store,
    client: &Client,
    repo: &RepoName,
    listed: &[(i64, i64)],
) -> Result<u64> {
    if listed.is_empty() {
        return Ok(0);
    }
    let key = repo.key();
    let numbers: Vec<i64> = listed.iter().map(|(n, _)| *n).collect();
    let mirrored: std::collections::HashMap<i64, i64> = store
        .comment_counts(&key, &numbers)
        .await?
        .into_iter()
        .collect();
    let mut deleted = 0;
    for (number, count) in listed {
        if mirrored.get(number).copied().unwrap_or(0) <= *count {
            continue;
        }
        let started = now_ms();
        let comments = thread_comments(client, repo, *number).await?;
        deleted += store
            .replace_thread_comments(&key, *number, &comments, started)
            .await?;
    }
    Ok(deleted)
}

/// Every comment of one thread, from GitHub.
pub async fn thread_comments(
    client: &Client,
    repo: &RepoName,
    number: i64,
) -> Result<Vec<CommentWrite>> {
    let mut out = Vec::new();
    let mut next = Some(format!(
        "/repos/{}/{}/issues/{number}/comments?per_page={PAGE}",
        repo.owner, repo.name
    ));
    while let Some(url) = next {
        let response = client.get(&url, None).await?;
        let items: Vec<ApiComment> = response.json()?;
        out.extend(
            items
                .into_iter()
                .filter_map(|c| c.into_write(repo, Some(number))),
        );
        next = response.next;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_since_like_github() {
        assert_eq!(iso(1_704_067_200_000), "2024-01-01T00:00:00Z");
    }

    #[test]
    fn the_summary_is_one_line_with_the_counts() {
        let report = SyncReport {
            repo: "o/r".into(),
            full: true,
            threads: 3,
            comments: 7,
            calls: 4,
            seconds: 1.25,
            mirrored_threads: 3,
            mirrored_comments: 7,
            ..SyncReport::default()
        };
        let line = report.summary();
        assert!(!line.contains('\n'));
        assert!(line.contains("3 threads, 7 comments"));
        assert!(line.contains("4 API calls"));
        assert!(line.contains("1.2 s") || line.contains("1.3 s"));
    }
}
