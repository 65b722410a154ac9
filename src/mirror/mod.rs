//! The local mirror of each repository's issues, pull requests and comments: full and
//! incremental syncs from GitHub, and updates from webhooks.

pub mod aliases;
pub mod code;
pub mod events;
pub mod index;
pub mod refresh;
pub mod sync;

use anyhow::Result;

use crate::store::{RepoName, Store, Thread};

/// The threads that point at `number` or that it points at, in reading order (open pull
/// requests first).
pub async fn cross_references(
    store: &dyn Store,
    repo: &RepoName,
    number: i64,
) -> Result<Vec<Thread>> {
    let key = repo.key();
    let mut others: Vec<i64> = store
        .refs_touching(&key, number)
        .await?
        .into_iter()
        .map(|r| {
            if r.source == number {
                r.target
            } else {
                r.source
            }
        })
        .filter(|n| *n != number)
        .collect();
    others.sort_unstable();
    others.dedup();
    let mut threads = store.threads_by_number(&key, &others).await?;
    crate::views::order_cross_references(&mut threads);
    Ok(threads)
}
