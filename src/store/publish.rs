//! What the bot published: the prompt and triage comments (one of each per issue, edited on a
//! re-run), short replies (one per comment and kind), and in dry-run mode what it would have
//! sent.

use anyhow::Result;
use async_trait::async_trait;

use super::Millis;

/// A published comment (and gist) for an issue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Publication {
    pub repo: String,
    pub number: i64,
    /// `prompt` or `triage`.
    pub kind: String,
    pub comment_id: Option<i64>,
    pub comment_url: Option<String>,
    pub gist_id: Option<String>,
    pub gist_url: Option<String>,
    pub prompt_hash: Option<String>,
    pub triggered_by: Option<String>,
    /// `comment:ID`, `label:NAME` or `cli`.
    pub trigger: Option<String>,
    /// The issue's title when published.
    pub title: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// A line of the dry-run log.
#[derive(Debug, Clone, PartialEq)]
pub struct DryRunEntry {
    pub id: i64,
    pub target: String,
    pub action: String,
    pub body: String,
    pub created_at: Millis,
}

/// One issue the latest sweep of a repository proposed to close.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SweepProposal {
    pub repo: String,
    pub number: i64,
    /// `fixed_by_merged_pr`, `duplicate_of_closed`, ...
    pub reason: String,
    /// GitHub's `state_reason` to close it with.
    pub state_reason: String,
    /// The drafted closing comment.
    pub comment: String,
    pub evidence: Vec<String>,
    pub swept_at: Millis,
    /// The closing comment, once posted.
    pub comment_id: Option<i64>,
    /// When `close` closed it.
    pub closed_at: Option<Millis>,
}

#[async_trait]
pub trait PublishStore: Send + Sync + 'static {
    /// Replaces the repository's sweep: proposals not yet closed are dropped, then these are
    /// stored (a proposal already closed stays as it was).
    async fn replace_sweep(&self, repo: &str, proposals: &[SweepProposal]) -> Result<()>;

    /// The latest sweep's proposal for an issue.
    async fn sweep_proposal(&self, repo: &str, number: i64) -> Result<Option<SweepProposal>>;

    /// Records the closing comment posted for a proposal.
    async fn set_sweep_comment(&self, repo: &str, number: i64, comment_id: i64) -> Result<()>;

    /// Records that a proposal's issue was closed.
    async fn set_sweep_closed(&self, repo: &str, number: i64, at: Millis) -> Result<()>;

    /// The analyst's answer kept for a request's hash.
    async fn analyst_answer(&self, key: &str) -> Result<Option<String>>;

    /// Keeps the analyst's answer for a request's hash (a later one replaces it).
    async fn put_analyst_answer(&self, key: &str, answer: &str, at: Millis) -> Result<()>;

    /// Reserves `tokens` of `day`'s budget: false, and nothing reserved, when the day's
    /// spending would pass `budget`. Atomic across processes sharing the database.
    async fn reserve_analyst_tokens(&self, day: &str, tokens: i64, budget: i64) -> Result<bool>;

    /// Corrects `day`'s spending by `delta` (negative: a reservation given back).
    async fn adjust_analyst_tokens(&self, day: &str, delta: i64) -> Result<()>;

    /// Tokens spent on `day`.
    async fn analyst_tokens_spent(&self, day: &str) -> Result<i64>;

    async fn publication(&self, repo: &str, number: i64, kind: &str)
    -> Result<Option<Publication>>;

    /// Inserts or replaces the publication of (repo, number, kind); `created_at` is kept.
    async fn put_publication(&self, publication: &Publication) -> Result<()>;

    /// Claims the one reply of `kind` to `source`: true the first time, false after (unless a
    /// claim with no comment is ten minutes old: its process died). A reply that could not be
    /// posted is given back with `release_reply`.
    async fn claim_reply(&self, repo: &str, source: &str, kind: &str, at: Millis) -> Result<bool>;

    async fn release_reply(&self, repo: &str, source: &str, kind: &str) -> Result<()>;

    async fn set_reply_comment(
        &self,
        repo: &str,
        source: &str,
        kind: &str,
        comment_id: i64,
    ) -> Result<()>;

    /// Records a pull request's line for an issue's prompt comment; false when there already.
    async fn add_pr_link(
        &self,
        repo: &str,
        issue: i64,
        pr: i64,
        state: &str,
        line: &str,
        at: Millis,
    ) -> Result<bool>;

    /// The lines of an issue's pull requests, oldest first.
    async fn pr_links(&self, repo: &str, issue: i64) -> Result<Vec<String>>;

    /// The pull requests the relay linked since `since`, oldest first: (issue, pull request,
    /// state).
    async fn pr_links_since(&self, repo: &str, since: Millis) -> Result<Vec<(i64, i64, String)>>;

    /// Takes the lease on `name` for `owner` until `until`, when free or expired (or already
    /// the owner's); false when someone else holds it.
    async fn try_lock(&self, name: &str, owner: &str, now: Millis, until: Millis) -> Result<bool>;

    /// Gives the lease back (only the owner's).
    async fn unlock(&self, name: &str, owner: &str) -> Result<()>;

    async fn log_dry_run(&self, target: &str, action: &str, body: &str, at: Millis) -> Result<()>;

    /// The dry-run log, oldest first.
    async fn dry_run_log(&self, limit: i64) -> Result<Vec<DryRunEntry>>;
}
