//! Former names of a repository. Old threads link to `github.com/OLD_OWNER/NAME/issues/N`
//! (or write `OLD_OWNER/NAME#N`) after a transfer or a rename; GitHub answers those names
//! with a redirect to the repository. A sync counts the other repositories its threads link
//! to, asks GitHub once about each one linked more than once, and records whether it is this
//! repository under another name: the analysis then treats those links as its own.

use std::collections::HashMap;
use std::sync::LazyLock;

use anyhow::Result;
use regex::Regex;
use tracing::{info, warn};

use crate::github::api::ApiRepository;
use crate::github::client::{Client, GitHubError};
use crate::store::{RepoName, Store, now_ms};

/// Names asked about per sync, at most: each costs one call.
const CHECKS_PER_SYNC: usize = 5;
/// A name must be linked this often before it is worth a call.
const MIN_LINKS: u32 = 2;

static LINKED_REPO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:github\.com/|(?:^|[\s(\[]))([A-Za-z0-9][A-Za-z0-9_.-]{0,38})/([A-Za-z0-9_.-]{1,100})(?:/(?:issues|pull)/|#)\d{1,9}")
        .expect("valid regex")
});

/// Counts, in `text`, the links to threads of repositories other than `repo`.
pub fn count_foreign_links(text: &str, repo: &RepoName, counts: &mut HashMap<String, u32>) {
    if !text.contains('/') {
        return;
    }
    let own = repo.key();
    for c in LINKED_REPO.captures_iter(crate::analysis::text::truncate(text, 256 * 1024)) {
        let slug = format!("{}/{}", &c[1], &c[2]).to_lowercase();
        if slug != own {
            *counts.entry(slug).or_default() += 1;
        }
    }
}

/// Asks GitHub about the names linked often enough that were never checked; returns how many
/// turned out to be this repository.
pub async fn resolve(
    store: &dyn Store,
    client: &Client,
    repo: &RepoName,
    counts: &HashMap<String, u32>,
) -> Result<usize> {
    let key = repo.key();
    let checked: HashMap<String, bool> = store.checked_aliases(&key).await?.into_iter().collect();
    let mut candidates: Vec<(&String, &u32)> = counts
        .iter()
        .filter(|(slug, n)| **n >= MIN_LINKS && !checked.contains_key(*slug))
        .collect();
    candidates.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut found = 0;
    for (slug, _) in candidates.into_iter().take(CHECKS_PER_SYNC) {
        // GitHub redirects a former name to the repository it became.
        let same = match client
            .get_json::<ApiRepository>(&format!("/repos/{slug}"))
            .await
        {
            Ok(info) => info.full_name.eq_ignore_ascii_case(&repo.to_string()),
            Err(GitHubError::NotFound { .. }) => false,
            Err(err) => {
                warn!(%slug, error = %err, "cannot ask GitHub what a linked repository name is");
                continue;
            }
        };
        store.put_repo_alias(&key, slug, same, now_ms()).await?;
        if same {
            info!(%repo, former = %slug, "links through a former name of the repository are its own");
            found += 1;
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_links_to_other_repositories() {
        let repo = RepoName::parse("emberdb/ember").expect("repo");
        let mut counts = HashMap::new();
        count_foreign_links(
            "See https://github.com/lhansen/ember-kv/issues/12 and lhansen/ember-kv#40, \
             also emberdb/ember#3 and https://github.com/rust-lang/rust/pull/9 (and a/b/c)",
            &repo,
            &mut counts,
        );
        assert_eq!(counts.get("lhansen/ember-kv"), Some(&2));
        assert_eq!(counts.get("rust-lang/rust"), Some(&1));
        assert!(!counts.contains_key("emberdb/ember"));
        assert_eq!(counts.len(), 2);
    }
}
