//! User hook run on every entry during compaction.

use std::sync::{Arc, RwLock};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Keep,
    Remove,
    /// Remove this entry and every older version of the key.
    RemoveAndSkipUntilNextKey,
}

pub trait CompactionFilter: Send + Sync {
    /// `level` is the output level of the compaction.
    fn filter(&self, level: usize, key: &[u8], value: &[u8]) -> Decision;

    fn name(&self) -> &str {
        "unnamed"
    }
}

static ACTIVE: RwLock<Option<Arc<dyn CompactionFilter>>> = RwLock::new(None);

pub fn set_filter(f: Option<Arc<dyn CompactionFilter>>) {
    *ACTIVE.write().unwrap() = f;
}

pub fn active_filter() -> Option<Arc<dyn CompactionFilter>> {
    ACTIVE.read().unwrap().clone()
}
