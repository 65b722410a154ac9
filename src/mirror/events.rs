//! Webhook-driven updates of the mirror: `issues`, `issue_comment` and `pull_request` events
//! keep it current, and a new installation (or new repositories in one) asks for a sync.
//! Deliveries may arrive out of order; the store never lets an older version of a row replace
//! a newer one, nor a late event bring back a deleted row.

use anyhow::Result;

use crate::github::event::{Event, InstallationEvent};
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

/// Applies one delivery, already read, to the mirror.
pub async fn apply(store: &dyn Store, event: &Event) -> Result<Applied> {
    let mut applied = Applied::default();
    let seen = now_ms();
    match event {
        Event::Installation(InstallationEvent { repositories, .. })
        | Event::InstallationRepositories(InstallationEvent { repositories, .. }) => {
            applied.sync = repositories.clone();
        }
        Event::Issues(e) => {
            let repo = e.ctx.repo_name();
            let key = repo.key();
            if matches!(e.ctx.action.as_str(), "deleted" | "transferred") {
                store.delete_thread(&key, e.issue.number, seen).await?;
                applied.deleted.push(e.issue.number);
            } else {
                let write = e.issue.clone().into_write(&repo);
                applied.changed.push(write.thread.number);
                store.write_mirror(&key, &[write], &[], None, seen).await?;
            }
        }
        Event::IssueComment(e) => {
            let repo = e.ctx.repo_name();
            let key = repo.key();
            let thread = e.issue.clone().into_write(&repo);
            let number = thread.thread.number;
            applied.changed.push(number);
            if e.ctx.action == "deleted" {
                store.write_mirror(&key, &[thread], &[], None, seen).await?;
                store.delete_comment(&key, e.comment.id, seen).await?;
            } else {
                let comments: Vec<_> = e
                    .comment
                    .clone()
                    .into_write(&repo, Some(number))
                    .into_iter()
                    .collect();
                store
                    .write_mirror(&key, &[thread], &comments, None, seen)
                    .await?;
            }
        }
        Event::PullRequest(e) => {
            let repo = e.ctx.repo_name();
            let key = repo.key();
            let known = store.thread(&key, e.pull_request.number).await?;
            let write = e.pull_request.clone().into_write(&repo, known.as_ref());
            applied.changed.push(write.thread.number);
            store.write_mirror(&key, &[write], &[], None, seen).await?;
        }
        Event::Push(_) | Event::Ping | Event::Other { .. } => {}
    }
    Ok(applied)
}
