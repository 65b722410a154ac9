//! Webhook-driven updates of the mirror: `issues`, `issue_comment` and `pull_request` events
//! keep it current, and a new installation (or new repositories in one) asks for a sync.
//! Deliveries may arrive out of order; the store never lets an older version of a row replace
//! a newer one, nor a late event bring back a deleted row.

use anyhow::{Context as _, Result};
use serde::Deserialize;

use crate::github::api::{ApiComment, ApiIssue, ApiPullRequest};
use crate::github::event::Envelope;
use crate::store::{RepoName, Store, now_ms};

/// What a delivery changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Threads written or whose comments changed.
    pub changed: Vec<i64>,
    /// Threads deleted or transferred away.
    pub deleted: Vec<i64>,
    /// Repositories to mirror in full (a new installation or new repositories in one).
    pub sync: Vec<RepoName>,
}

#[derive(Deserialize)]
struct IssuePayload {
    issue: ApiIssue,
}

#[derive(Deserialize)]
struct CommentPayload {
    issue: ApiIssue,
    comment: ApiComment,
}

#[derive(Deserialize)]
struct PullPayload {
    pull_request: ApiPullRequest,
}

fn parse<T: for<'de> Deserialize<'de>>(payload: &[u8], what: &str) -> Result<T> {
    serde_json::from_slice(payload)
        .with_context(|| format!("the {what} payload does not have the expected shape"))
}

/// Applies one delivery to the mirror.
pub async fn apply(store: &dyn Store, envelope: &Envelope, payload: &[u8]) -> Result<Applied> {
    let action = envelope.action.as_deref().unwrap_or_default();
    let mut applied = Applied::default();
    if matches!(
        envelope.event.as_str(),
        "installation" | "installation_repositories"
    ) {
        applied.sync = envelope
            .repositories_added
            .iter()
            .filter_map(|name| RepoName::parse(name).ok())
            .collect();
        return Ok(applied);
    }
    let Some(repo) = envelope.repository.as_ref() else {
        return Ok(applied);
    };
    let repo = RepoName {
        owner: repo.owner.clone(),
        name: repo.name.clone(),
    };
    let key = repo.key();
    let seen = now_ms();
    match (envelope.event.as_str(), action) {
        ("issues", "deleted" | "transferred") => {
            let issue: IssuePayload = parse(payload, "issues")?;
            store.delete_thread(&key, issue.issue.number, seen).await?;
            applied.deleted.push(issue.issue.number);
        }
        ("issues", _) => {
            let issue: IssuePayload = parse(payload, "issues")?;
            let write = issue.issue.into_write(&repo);
            applied.changed.push(write.thread.number);
            store.write_mirror(&key, &[write], &[], None, seen).await?;
        }
        ("issue_comment", _) => {
            let event: CommentPayload = parse(payload, "issue_comment")?;
            let thread = event.issue.into_write(&repo);
            let number = thread.thread.number;
            applied.changed.push(number);
            if action == "deleted" {
                store.write_mirror(&key, &[thread], &[], None, seen).await?;
                store.delete_comment(&key, event.comment.id, seen).await?;
            } else {
                let comments: Vec<_> = event
                    .comment
                    .into_write(&repo, Some(number))
                    .into_iter()
                    .collect();
                store
                    .write_mirror(&key, &[thread], &comments, None, seen)
                    .await?;
            }
        }
        ("pull_request", _) => {
            let event: PullPayload = parse(payload, "pull_request")?;
            let known = store.thread(&key, event.pull_request.number).await?;
            let write = event.pull_request.into_write(&repo, known.as_ref());
            applied.changed.push(write.thread.number);
            store.write_mirror(&key, &[write], &[], None, seen).await?;
        }
        _ => {}
    }
    Ok(applied)
}
