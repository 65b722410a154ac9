//! The mirror's side of the store: writes from syncs and webhooks, and the queries of the
//! commands and the analysis.

use anyhow::Result;
use async_trait::async_trait;

use super::Millis;
use super::model::{Comment, RefKind, Thread, ThreadRef, ThreadState};

/// A thread to write, with the references its body makes.
#[derive(Debug, Clone)]
pub struct ThreadWrite {
    pub thread: Thread,
    pub refs: Vec<(RefKind, i64)>,
}

/// A comment to write, with the references its body makes.
#[derive(Debug, Clone)]
pub struct CommentWrite {
    pub comment: Comment,
    pub refs: Vec<(RefKind, i64)>,
}

/// The commit the code mirror knows as a repository's head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeHead {
    /// Lowercase `owner/name`.
    pub repo: String,
    pub branch: String,
    pub sha: String,
    /// The ETag of the branch's answer, for a conditional check.
    pub etag: Option<String>,
    /// Told by a `push` event (no need to ask GitHub) rather than by a check.
    pub from_push: bool,
    pub checked_at: Millis,
}

/// A stored code index (see `code::CodeIndex::from_blob`).
#[derive(Debug, Clone)]
pub struct StoredCodeIndex {
    pub sha: String,
    pub blob: Vec<u8>,
    pub summary: String,
    pub indexed_at: Millis,
}

/// Where a repository's sync stands. Written with each page, so an interrupted sync resumes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncState {
    /// Lowercase `owner/name`.
    pub repo: String,
    /// The spelling to show.
    pub display_name: String,
    pub default_branch: Option<String>,
    /// Incremental watermarks: everything updated at or after these is fetched again.
    pub threads_since: Option<Millis>,
    pub comments_since: Option<Millis>,
    /// The next page of an interrupted pass (a path and query on the API).
    pub threads_next: Option<String>,
    pub comments_next: Option<String>,
    pub threads_etag: Option<String>,
    pub threads_etag_url: Option<String>,
    pub comments_etag: Option<String>,
    pub comments_etag_url: Option<String>,
    pub repo_etag: Option<String>,
    /// While a full sync is under way: when it began (local clock), for the sweep of what it
    /// did not see, and the newest `updated_at` it saw.
    pub full_pass_started: Option<Millis>,
    pub full_max_updated: Option<Millis>,
    pub last_sync_at: Option<Millis>,
    pub last_full_sync_at: Option<Millis>,
}

/// Rows a write changed; rows older than what is stored are skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub threads_written: u64,
    pub comments_written: u64,
}

/// The order of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSort {
    Created,
    Updated,
    Comments,
    Reactions,
}

/// What `list` shows.
#[derive(Debug, Clone)]
pub struct ListQuery {
    pub state: Option<ThreadState>,
    /// Every one of these labels (case-insensitive).
    pub labels: Vec<String>,
    /// Only threads with no label at all.
    pub unlabeled: bool,
    pub sort: ListSort,
    pub limit: i64,
}

/// A full-text query: words (stemmed) and exact phrases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchQuery {
    pub terms: Vec<String>,
    pub phrases: Vec<String>,
    /// Any of the words instead of all of them; phrases are always required.
    pub any: bool,
}

impl SearchQuery {
    /// Reads `cuda "illegal memory access" kernel`: quoted parts are phrases.
    pub fn parse(query: &str) -> SearchQuery {
        let mut out = SearchQuery::default();
        for (i, part) in query.split('"').enumerate() {
            let words: Vec<String> = part
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            if words.is_empty() {
                continue;
            }
            // Odd parts were between quotes (an unclosed quote runs to the end).
            if i % 2 == 1 {
                out.phrases.push(words.join(" "));
            } else {
                out.terms.extend(words);
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty()
    }

    /// The same query with the words joined by OR.
    pub fn relaxed(&self) -> SearchQuery {
        SearchQuery {
            any: true,
            ..self.clone()
        }
    }
}

/// A search result.
#[derive(Debug, Clone)]
pub struct SearchHit {
    pub thread: Thread,
    pub score: f64,
}

/// The mirror of issues, pull requests and comments.
#[async_trait]
pub trait MirrorStore: Send + Sync + 'static {
    /// Writes threads and comments (each with the references its body makes) and, when
    /// given, the sync state, in one transaction. A row older (by `updated_at`) than the one
    /// stored is skipped, and so is a deleted one (tombstoned). `seen_at` marks the rows.
    async fn write_mirror(
        &self,
        repo: &str,
        threads: &[ThreadWrite],
        comments: &[CommentWrite],
        state: Option<&SyncState>,
        seen_at: Millis,
    ) -> Result<WriteStats>;

    /// Deletes a thread, its comments and references, and remembers the deletion.
    async fn delete_thread(&self, repo: &str, number: i64, at: Millis) -> Result<bool>;

    /// Deletes a comment and its references, and remembers the deletion.
    async fn delete_comment(&self, repo: &str, id: i64, at: Millis) -> Result<bool>;

    /// Makes `comments` (listed from GitHub from `seen_at` on) the whole set of comments of
    /// thread `number`: those missing are deleted, unless written after `seen_at` (by a
    /// webhook while the listing was under way). Returns how many were deleted.
    async fn replace_thread_comments(
        &self,
        repo: &str,
        number: i64,
        comments: &[CommentWrite],
        seen_at: Millis,
    ) -> Result<u64>;

    /// Records that the timeline of `target` shows cross-references from `sources`.
    async fn add_timeline_refs(&self, repo: &str, target: i64, sources: &[i64]) -> Result<()>;

    async fn sync_state(&self, repo: &str) -> Result<Option<SyncState>>;

    async fn put_sync_state(&self, state: &SyncState) -> Result<()>;

    /// The former names (`owner/name`, lowercase) that resolve to the repository.
    async fn repo_aliases(&self, repo: &str) -> Result<Vec<String>>;

    /// Every name checked for the repository, and whether it resolved to it.
    async fn checked_aliases(&self, repo: &str) -> Result<Vec<(String, bool)>>;

    /// Records what a name resolved to.
    async fn put_repo_alias(&self, repo: &str, alias: &str, same: bool, at: Millis) -> Result<()>;

    async fn code_head(&self, repo: &str) -> Result<Option<CodeHead>>;

    async fn put_code_head(&self, head: &CodeHead) -> Result<()>;

    /// The repository's code index (one per repository: the latest built).
    async fn code_index(&self, repo: &str) -> Result<Option<StoredCodeIndex>>;

    /// The index's commit alone, without reading the blob.
    async fn code_index_sha(&self, repo: &str) -> Result<Option<String>>;

    async fn put_code_index(&self, repo: &str, index: &StoredCodeIndex) -> Result<()>;

    /// After a full sync: deletes the threads and comments it did not see (`seen_at` before
    /// `before`). Returns (threads, comments) deleted.
    async fn sweep_unseen(&self, repo: &str, before: Millis) -> Result<(u64, u64)>;

    async fn thread(&self, repo: &str, number: i64) -> Result<Option<Thread>>;

    async fn threads_by_number(&self, repo: &str, numbers: &[i64]) -> Result<Vec<Thread>>;

    /// The comments of a thread, oldest first.
    async fn comments_of(&self, repo: &str, number: i64) -> Result<Vec<Comment>>;

    /// References from or to thread `number`.
    async fn refs_touching(&self, repo: &str, number: i64) -> Result<Vec<ThreadRef>>;

    /// One thread with its comments and timeline cross-references; `None` when it is not
    /// mirrored.
    async fn thread_doc(&self, repo: &str, number: i64) -> Result<Option<super::ThreadDoc>> {
        let Some(thread) = self.thread(repo, number).await? else {
            return Ok(None);
        };
        let comments = self.comments_of(repo, number).await?;
        let timeline_refs = self
            .refs_touching(repo, number)
            .await?
            .into_iter()
            .filter(|r| r.kind == super::RefKind::Timeline && r.target == number)
            .map(|r| r.source)
            .collect();
        Ok(Some(super::ThreadDoc {
            thread,
            comments,
            timeline_refs,
        }))
    }

    async fn list_threads(&self, repo: &str, query: &ListQuery) -> Result<Vec<Thread>>;

    /// Threads matching `query` in their title, body or comments, best first.
    async fn search_threads(
        &self,
        repo: &str,
        query: &SearchQuery,
        state: Option<ThreadState>,
        limit: i64,
    ) -> Result<Vec<SearchHit>>;

    async fn all_threads(&self, repo: &str) -> Result<Vec<Thread>>;

    async fn all_comments(&self, repo: &str) -> Result<Vec<Comment>>;

    async fn all_refs(&self, repo: &str) -> Result<Vec<ThreadRef>>;

    /// (threads, comments) mirrored for a repository.
    async fn mirror_counts(&self, repo: &str) -> Result<(i64, i64)>;

    /// How many comments the mirror holds for each of these threads.
    async fn comment_counts(&self, repo: &str, numbers: &[i64]) -> Result<Vec<(i64, i64)>>;

    /// The repositories with a sync state, by display name.
    async fn mirrored_repos(&self) -> Result<Vec<SyncState>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_queries_split_words_and_phrases() {
        let q = SearchQuery::parse(r#"CUDA "illegal memory  access" 4bit-gemv "#);
        assert_eq!(q.terms, ["cuda", "4bit", "gemv"]);
        assert_eq!(q.phrases, ["illegal memory access"]);
        let q = SearchQuery::parse(r#"a "unclosed phrase"#);
        assert_eq!(q.phrases, ["unclosed phrase"]);
        assert!(SearchQuery::parse(r#" "" ;; "#).is_empty());
    }
}
