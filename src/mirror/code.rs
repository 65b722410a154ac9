//! The code mirror: the head of each repository's default branch, its tarball indexed once
//! per head (`code::CodeIndex`), stored in the database, kept in memory while in use.
//!
//! Knowing the head costs one conditional request (answered 304 while nothing moved), or
//! none when a `push` event told us. A moved head means one tarball download.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use serde::Deserialize;
use tokio::sync::Mutex;
use tracing::{info, warn};

use crate::code::{CodeIndex, Limits, unpack};
use crate::github::client::Client;
use crate::store::{CodeHead, RepoName, Store, StoredCodeIndex, now_ms};

/// Indexes kept in memory (a large repository's takes tens of megabytes); the others are
/// read again from the database when needed.
const IN_MEMORY: usize = 4;

/// What a refresh did.
#[derive(Debug, Clone)]
pub struct CodeOutcome {
    pub index: Arc<CodeIndex>,
    /// Whether the index was built now (the head moved or there was none).
    pub built: bool,
    /// GitHub calls made.
    pub calls: u64,
}

/// Indexes in memory, one per repository, and one refresh at a time per repository (two
/// prompts of a moved head download its tarball once).
#[derive(Default)]
pub struct CodeCache {
    /// The indexes in use, most recently stored last; at most `IN_MEMORY` of them.
    indexes: Mutex<Vec<(String, Arc<CodeIndex>)>>,
    locks: std::sync::Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

impl CodeCache {
    async fn cached(&self, key: &str) -> Option<Arc<CodeIndex>> {
        self.indexes
            .lock()
            .await
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, index)| index.clone())
    }

    async fn keep(&self, key: String, index: Arc<CodeIndex>) {
        let mut indexes = self.indexes.lock().await;
        indexes.retain(|(k, _)| *k != key);
        indexes.push((key, index));
        if indexes.len() > IN_MEMORY {
            indexes.remove(0);
        }
    }

    fn lock_for(&self, key: &str) -> Arc<Mutex<()>> {
        self.locks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(key.to_string())
            .or_default()
            .clone()
    }

    /// The repository's index at its head (`git_ref`: another branch, tag or commit):
    /// checked, downloaded and built as needed.
    pub async fn current(
        &self,
        store: &dyn Store,
        client: &Client,
        repo: &RepoName,
        git_ref: Option<&str>,
        limits: Limits,
    ) -> Result<CodeOutcome> {
        let key = repo.key();
        let lock = self.lock_for(&key);
        let _one_at_a_time = lock.lock().await;
        let calls_before = client.calls();
        let sha = match git_ref {
            Some(r) => resolve_ref(client, repo, r).await?,
            None => head(store, client, repo).await?.sha,
        };
        if let Some(index) = self.cached(&key).await.filter(|i| i.sha == sha) {
            return Ok(CodeOutcome {
                index,
                built: false,
                calls: client.calls() - calls_before,
            });
        }
        let (index, built) = match store.code_index(&key).await? {
            Some(stored) if stored.sha == sha => {
                let index = tokio::task::spawn_blocking(move || CodeIndex::from_blob(&stored.blob))
                    .await
                    .context("reading the code index")??;
                (Arc::new(index), false)
            }
            _ => (
                Arc::new(build(store, client, repo, &sha, limits).await?),
                true,
            ),
        };
        self.keep(key, index.clone()).await;
        Ok(CodeOutcome {
            index,
            built,
            calls: client.calls() - calls_before,
        })
    }

    /// The index stored for the repository, whatever its commit, without asking GitHub
    /// (offline commands).
    pub async fn stored(
        &self,
        store: &dyn Store,
        repo: &RepoName,
    ) -> Result<Option<Arc<CodeIndex>>> {
        let key = repo.key();
        if let Some(index) = self.cached(&key).await {
            return Ok(Some(index));
        }
        let Some(stored) = store.code_index(&key).await? else {
            return Ok(None);
        };
        let index = tokio::task::spawn_blocking(move || CodeIndex::from_blob(&stored.blob))
            .await
            .context("reading the code index")??;
        let index = Arc::new(index);
        self.keep(key, index.clone()).await;
        Ok(Some(index))
    }
}

/// How long a head told by a push is used without a check.
const PUSH_TRUSTED_MS: i64 = 6 * 3600 * 1000;

#[derive(Deserialize)]
struct ApiRepo {
    default_branch: String,
}

#[derive(Deserialize)]
struct ApiCommitRef {
    sha: String,
}

#[derive(Deserialize)]
struct ApiBranch {
    commit: ApiCommitRef,
}

/// The head of the default branch: from a `push` event when one told us (no call), else one
/// conditional request (plus one for the default branch's name when the mirror does not
/// know it).
pub async fn head(store: &dyn Store, client: &Client, repo: &RepoName) -> Result<CodeHead> {
    let key = repo.key();
    let known = store.code_head(&key).await?;
    // A push told us the head; trusted for a while (a push whose delivery failed would
    // otherwise leave the mirror behind for good).
    if let Some(head) = known
        .as_ref()
        .filter(|h| h.from_push && now_ms() - h.checked_at < PUSH_TRUSTED_MS)
    {
        return Ok(head.clone());
    }
    let branch = match (
        &known,
        store.sync_state(&key).await?.and_then(|s| s.default_branch),
    ) {
        (_, Some(branch)) => branch,
        (Some(head), None) => head.branch.clone(),
        (None, None) => {
            let answer: ApiRepo = client
                .get_json(&format!("/repos/{}/{}", repo.owner, repo.name))
                .await?;
            answer.default_branch
        }
    };
    let etag = known
        .as_ref()
        .filter(|h| h.branch == branch)
        .and_then(|h| h.etag.clone());
    let response = client
        .get(
            &format!(
                "/repos/{}/{}/branches/{}",
                repo.owner,
                repo.name,
                encode_ref(&branch)
            ),
            etag.as_deref(),
        )
        .await?;
    let head = if response.not_modified() {
        let mut head =
            known.ok_or_else(|| anyhow!("GitHub answered 304 to an unconditional request"))?;
        head.checked_at = now_ms();
        head
    } else {
        let answer: ApiBranch = response.json()?;
        CodeHead {
            repo: key,
            branch,
            sha: answer.commit.sha,
            etag: response.etag.clone(),
            from_push: false,
            checked_at: now_ms(),
        }
    };
    store.put_code_head(&head).await?;
    Ok(head)
}

/// A branch, tag or commit to its commit.
async fn resolve_ref(client: &Client, repo: &RepoName, git_ref: &str) -> Result<String> {
    let answer: ApiCommitRef = client
        .get_json(&format!(
            "/repos/{}/{}/commits/{}",
            repo.owner,
            repo.name,
            encode_ref(git_ref)
        ))
        .await?;
    Ok(answer.sha)
}

/// A ref as one path segment or more (`release/1.2` stays two segments, as GitHub wants).
fn encode_ref(r: &str) -> String {
    r.split('/')
        .map(|part| {
            part.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Downloads the tarball of `sha`, indexes it off the async threads, stores the index.
async fn build(
    store: &dyn Store,
    client: &Client,
    repo: &RepoName,
    sha: &str,
    limits: Limits,
) -> Result<CodeIndex> {
    let started = Instant::now();
    // The compressed tarball is bounded too: by the budget, but not below 64 MB (a tarball
    // also carries the binary files that are skipped).
    let response = client
        .download(
            &format!("/repos/{}/{}/tarball/{sha}", repo.owner, repo.name),
            limits.max_total_bytes.max(64 << 20),
        )
        .await?;
    let display = format!("{}/{}", repo.owner, repo.name);
    let sha_owned = sha.to_string();
    let index = tokio::task::spawn_blocking(move || {
        unpack::index_tarball(response.body.as_ref(), &display, &sha_owned, limits)
    })
    .await
    .context("indexing the code")??;
    let blob = index.to_blob()?;
    let summary = index.summary();
    if index.skipped.total() > 0 {
        warn!(repo = %repo, skipped = %index.skipped.describe(), "code mirror: files skipped");
    }
    store
        .put_code_index(
            &repo.key(),
            &StoredCodeIndex {
                sha: sha.to_string(),
                blob,
                summary: summary.clone(),
                indexed_at: now_ms(),
            },
        )
        .await?;
    info!(repo = %repo, sha, %summary, seconds = started.elapsed().as_secs_f64(), "code mirror: indexed");
    Ok(index)
}

/// What a `push` to the default branch tells the mirror: the new head, without asking.
pub async fn note_push(store: &dyn Store, repo: &RepoName, branch: &str, sha: &str) -> Result<()> {
    store
        .put_code_head(&CodeHead {
            repo: repo.key(),
            branch: branch.to_string(),
            sha: sha.to_string(),
            etag: None,
            from_push: true,
            checked_at: now_ms(),
        })
        .await
}
