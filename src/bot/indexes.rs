//! The analysis index of each repository the bot serves, kept in memory and current: built
//! from the mirror on first use, then updated thread by thread as webhooks change the mirror,
//! and dropped after a sync (which may change anything) to be built again when next needed.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use anyhow::Result;
use tokio::sync::{Mutex, RwLock};

use crate::analysis::{IndexOptions, RepoIndex, TriageConfig};
use crate::mirror::events::Applied;
use crate::mirror::index::{load_doc, load_index};
use crate::store::{RepoName, Store};

/// One shared index per repository.
#[derive(Default)]
pub struct IndexCache {
    indexes: Mutex<HashMap<String, Arc<RwLock<RepoIndex>>>>,
    /// Threads changed while a repository's index was being built (the build may have read
    /// them before the change): replayed before the index is put in place.
    changed_while_building: Mutex<HashMap<String, BTreeSet<i64>>>,
}

impl IndexCache {
    /// The repository's index, built from the mirror when not yet in memory, or again when
    /// the repository's triage settings changed (the facts of each thread are read with them).
    pub async fn get(
        &self,
        store: &Arc<dyn Store>,
        repo: &RepoName,
        triage: &TriageConfig,
    ) -> Result<Arc<RwLock<RepoIndex>>> {
        let key = repo.key();
        let cached = self.indexes.lock().await.get(&key).cloned();
        if let Some(index) = cached {
            if index.read().await.triage_config() == triage {
                return Ok(index);
            }
            self.indexes.lock().await.remove(&key);
        }
        self.changed_while_building
            .lock()
            .await
            .entry(key.clone())
            .or_default();
        // Built outside the lock: other repositories need not wait.
        let options = IndexOptions {
            triage: triage.clone(),
            ..IndexOptions::default()
        };
        let built = load_index(store.as_ref(), repo, options).await;
        let mut indexes = self.indexes.lock().await;
        let replay = self
            .changed_while_building
            .lock()
            .await
            .remove(&key)
            .unwrap_or_default();
        let mut built = built?;
        if let Some(index) = indexes.get(&key) {
            // Two first uses at once: the first one in place is kept.
            return Ok(index.clone());
        }
        for number in replay {
            match load_doc(store.as_ref(), repo, number).await? {
                Some(doc) => built.upsert(doc),
                None => built.remove(number),
            }
        }
        let index = Arc::new(RwLock::new(built));
        indexes.insert(key, index.clone());
        Ok(index)
    }

    /// Applies what a delivery changed in the mirror, when the index is in memory.
    pub async fn apply(
        &self,
        store: &Arc<dyn Store>,
        repo: &RepoName,
        applied: &Applied,
    ) -> Result<()> {
        let index = {
            let indexes = self.indexes.lock().await;
            match indexes.get(&repo.key()) {
                Some(index) => index.clone(),
                None => {
                    // Not in memory; if being built, replay these once it is.
                    if let Some(pending) = self
                        .changed_while_building
                        .lock()
                        .await
                        .get_mut(&repo.key())
                    {
                        pending.extend(applied.changed.iter().chain(&applied.deleted));
                    }
                    return Ok(());
                }
            }
        };
        let mut docs = Vec::new();
        for number in &applied.changed {
            if let Some(doc) = load_doc(store.as_ref(), repo, *number).await? {
                docs.push(doc);
            }
        }
        let mut index = index.write().await;
        for doc in docs {
            index.upsert(doc);
        }
        for number in &applied.deleted {
            index.remove(*number);
        }
        Ok(())
    }

    /// Forgets a repository's index: the next use builds it again from the mirror.
    pub async fn invalidate(&self, repo: &RepoName) {
        self.indexes.lock().await.remove(&repo.key());
    }
}
