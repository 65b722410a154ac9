//! Builds the analysis index of a repository from its mirror.

use std::collections::HashMap;

use anyhow::Result;

use crate::analysis::{IndexOptions, RepoIndex, ThreadDoc};
use crate::store::{RefKind, RepoName, Store};

/// Every thread of `repo` with its comments and timeline cross-references, indexed with
/// `options` (and the repository's former names the mirror knows).
pub async fn load_index(
    store: &dyn Store,
    repo: &RepoName,
    mut options: IndexOptions,
) -> Result<RepoIndex> {
    let key = repo.key();
    let threads = store.all_threads(&key).await?;
    let mut comments: HashMap<i64, Vec<_>> = HashMap::new();
    for comment in store.all_comments(&key).await? {
        comments.entry(comment.number).or_default().push(comment);
    }
    let mut timeline: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in store.all_refs(&key).await? {
        if r.kind == RefKind::Timeline {
            timeline.entry(r.target).or_default().push(r.source);
        }
    }
    let docs = threads.into_iter().map(|thread| {
        let number = thread.number;
        ThreadDoc {
            comments: comments.remove(&number).unwrap_or_default(),
            timeline_refs: timeline.remove(&number).unwrap_or_default(),
            thread,
        }
    });
    // The names the project's code defines, once its code is mirrored (and in languages the
    // mirror reads): only those count as identifiers of the project.
    if options.defined.is_none()
        && let Some(stored) = store.code_index(&key).await?
    {
        let (names, files) = tokio::task::spawn_blocking(move || {
            crate::code::CodeIndex::from_blob(&stored.blob).map(|code| {
                (
                    crate::analysis::signals::code_defined_names(&code),
                    crate::analysis::signals::code_file_keys(&code),
                )
            })
        })
        .await??;
        options.defined = names;
        options.files = Some(files);
    }
    for alias in store.repo_aliases(&key).await? {
        if !options.aliases.contains(&alias) {
            options.aliases.push(alias);
        }
    }
    Ok(RepoIndex::build_with(repo.clone(), options, docs))
}

/// One thread as the index reads it, from the mirror; `None` when it is not mirrored.
pub async fn load_doc(
    store: &dyn Store,
    repo: &RepoName,
    number: i64,
) -> Result<Option<ThreadDoc>> {
    store.thread_doc(&repo.key(), number).await
}
