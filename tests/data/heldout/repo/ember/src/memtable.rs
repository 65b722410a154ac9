use std::collections::BTreeMap;

use parking_lot::RwLock;

/// Internal key: user key + inverted sequence number so newer entries sort first.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct InternalKey {
    pub user_key: Vec<u8>,
    pub inv_seq: u64,
}

#[derive(Default)]
pub(crate) struct MemTable {
    map: RwLock<BTreeMap<InternalKey, Option<Vec<u8>>>>,
    approx_size: std::sync::atomic::AtomicUsize,
}

impl MemTable {
    pub fn insert(&self, seq: u64, key: &[u8], value: Option<&[u8]>) {
        let ik = InternalKey {
            user_key: key.to_vec(),
            inv_seq: u64::MAX - seq,
        };
        let sz = key.len() + value.map_or(0, |v| v.len()) + 16;
        self.map.write().insert(ik, value.map(|v| v.to_vec()));
        self.approx_size
            .fetch_add(sz, std::sync::atomic::Ordering::Relaxed);
    }

    /// `Some(None)` means the key was deleted at or before `seq`.
    pub fn get(&self, key: &[u8], seq: u64) -> Option<Option<Vec<u8>>> {
        let start = InternalKey {
            user_key: key.to_vec(),
            inv_seq: u64::MAX - seq,
        };
        let map = self.map.read();
        let (k, v) = map.range(start..).next()?;
        if k.user_key == key {
            Some(v.clone())
        } else {
            None
        }
    }

    pub fn approximate_size(&self) -> usize {
        self.approx_size.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn entries(&self) -> Vec<(InternalKey, Option<Vec<u8>>)> {
        self.map
            .read()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}
