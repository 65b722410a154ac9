//! Brings one thread of the mirror up to date from GitHub: the issue, every comment, and the
//! cross-references of its timeline (which can come from anywhere, even other repositories'
//! pull requests naming it).

use anyhow::Result;

use crate::github::api::{ApiIssue, ApiTimelineEvent};
use crate::github::client::Client;
use crate::mirror::sync::thread_comments;
use crate::store::{RepoName, Store, now_ms};

/// Refreshes thread `number` of `repo`: three calls (issue, comments, timeline) for most
/// threads, one more per 100 comments or events.
pub async fn refresh_thread(
    store: &dyn Store,
    client: &Client,
    repo: &RepoName,
    number: i64,
) -> Result<()> {
    let key = repo.key();
    let seen = now_ms();
    let issue: ApiIssue = client
        .get_json(&format!(
            "/repos/{}/{}/issues/{number}",
            repo.owner, repo.name
        ))
        .await?;
    let comments = thread_comments(client, repo, number).await?;
    store
        .write_mirror(&key, &[issue.into_write(repo)], &[], None, seen)
        .await?;
    store
        .replace_thread_comments(&key, number, &comments, seen)
        .await?;
    let mut sources = Vec::new();
    let mut next = Some(format!(
        "/repos/{}/{}/issues/{number}/timeline?per_page=100",
        repo.owner, repo.name
    ));
    while let Some(url) = next {
        let response = client.get(&url, None).await?;
        let events: Vec<ApiTimelineEvent> = response.json()?;
        sources.extend(events.iter().filter_map(|e| e.cross_reference_from(repo)));
        next = response.next;
    }
    if !sources.is_empty() {
        store.add_timeline_refs(&key, number, &sources).await?;
    }
    Ok(())
}
