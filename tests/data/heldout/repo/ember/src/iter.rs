//! Database iterators.
//!
//! A `DbIterator` merges the memtable, immutable memtables and every SST
//! level with a loser tree (`MergingIter`), hides entries newer than its
//! snapshot and skips tombstones.

use std::sync::{Arc, Weak};

use crate::db::Inner;

#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Inclusive lower bound.
    pub lower_bound: Option<Vec<u8>>,
    /// Exclusive upper bound.
    pub upper_bound: Option<Vec<u8>>,
    /// Only keys starting with this prefix. Sets bounds internally.
    pub prefix: Option<Vec<u8>>,
    pub snapshot_seq: Option<u64>,
    pub fill_cache: bool,
}

impl ReadOptions {
    pub fn with_prefix(prefix: &[u8]) -> Self {
        ReadOptions {
            prefix: Some(prefix.to_vec()),
            ..Default::default()
        }
    }

    /// Upper bound for a prefix scan: the prefix with its last non-0xff byte incremented.
    pub(crate) fn prefix_upper_bound(prefix: &[u8]) -> Option<Vec<u8>> {
        let mut ub = prefix.to_vec();
        while let Some(last) = ub.pop() {
            if last != 0xff {
                ub.push(last + 1);
                return Some(ub);
            }
        }
        None
    }
}

pub(crate) struct Entry {
    pub key: Vec<u8>,
    pub seq: u64,
    pub value: Option<Vec<u8>>,
}

/// Loser tree over child iterators (memtables + SST levels).
pub(crate) struct MergingIter {
    children: Vec<Vec<Entry>>,
    pos: Vec<usize>,
    tree: Vec<usize>,
    forward: bool,
}

impl MergingIter {
    pub fn new(children: Vec<Vec<Entry>>) -> Self {
        let n = children.len();
        MergingIter {
            children,
            pos: vec![0; n],
            tree: vec![usize::MAX; n.max(1)],
            forward: true,
        }
    }

    fn current(&self) -> Option<&Entry> {
        let winner = *self.tree.first()?;
        self.children.get(winner)?.get(*self.pos.get(winner)?)
    }

    fn rebuild(&mut self) {
        let mut best: Option<usize> = None;
        for (i, child) in self.children.iter().enumerate() {
            let Some(e) = child.get(self.pos[i]) else {
                continue;
            };
            best = match best {
                None => Some(i),
                Some(b) => {
                    let be = &self.children[b][self.pos[b]];
                    let better = if self.forward {
                        e.key < be.key
                    } else {
                        e.key > be.key
                    };
                    if better || (e.key == be.key && e.seq > be.seq) {
                        Some(i)
                    } else {
                        Some(b)
                    }
                }
            };
        }
        self.tree[0] = best.unwrap_or(usize::MAX);
    }
}

pub struct DbIterator {
    db: Weak<Inner>,
    ro: ReadOptions,
    merge: MergingIter,
    valid: bool,
}

impl DbIterator {
    pub(crate) fn new(db: Arc<Inner>, mut ro: ReadOptions) -> DbIterator {
        if let Some(p) = ro.prefix.clone() {
            ro.lower_bound.get_or_insert_with(|| p.clone());
            if ro.upper_bound.is_none() {
                ro.upper_bound = ReadOptions::prefix_upper_bound(&p);
            }
        }
        let mem = db.mem.read().entries();
        let children = vec![mem
            .into_iter()
            .map(|(k, v)| Entry {
                key: k.user_key,
                seq: u64::MAX - k.inv_seq,
                value: v,
            })
            .collect()];
        DbIterator {
            db: Arc::downgrade(&db),
            ro,
            merge: MergingIter::new(children),
            valid: false,
        }
    }

    fn check_alive(&self) {
        if self.db.strong_count() == 0 {
            panic!("iterator invalidated: snapshot released while iterator alive");
        }
    }

    pub fn seek_to_first(&mut self) {
        self.check_alive();
        self.merge.forward = true;
        self.merge.pos.iter_mut().for_each(|p| *p = 0);
        self.merge.rebuild();
        self.skip_forward();
    }

    pub fn seek(&mut self, target: &[u8]) {
        self.check_alive();
        self.merge.forward = true;
        for (i, c) in self.merge.children.iter().enumerate() {
            self.merge.pos[i] = c.partition_point(|e| e.key.as_slice() < target);
        }
        self.merge.rebuild();
        self.skip_forward();
    }

    /// Position at the last key <= target.
    pub fn seek_for_prev(&mut self, target: &[u8]) {
        self.check_alive();
        self.merge.forward = false;
        for (i, c) in self.merge.children.iter().enumerate() {
            let p = c.partition_point(|e| e.key.as_slice() <= target);
            self.merge.pos[i] = if p == 0 { usize::MAX } else { p - 1 };
        }
        self.merge.rebuild();
        self.skip_backward();
    }

    pub fn next(&mut self) {
        self.check_alive();
        if let Some(w) = self.merge.tree.first().copied() {
            if w != usize::MAX {
                self.merge.pos[w] += 1;
            }
        }
        self.merge.rebuild();
        self.skip_forward();
    }

    pub fn prev(&mut self) {
        self.check_alive();
        if let Some(w) = self.merge.tree.first().copied() {
            if w != usize::MAX {
                self.merge.pos[w] = self.merge.pos[w].checked_sub(1).unwrap_or(usize::MAX);
            }
        }
        self.merge.rebuild();
        self.skip_backward();
    }

    fn skip_forward(&mut self) {
        loop {
            let Some(e) = self.merge.current() else {
                self.valid = false;
                return;
            };
            if let Some(ub) = &self.ro.upper_bound {
                if e.key.as_slice() >= ub.as_slice() {
                    self.valid = false;
                    return;
                }
            }
            if e.value.is_none() {
                let w = self.merge.tree[0];
                self.merge.pos[w] += 1;
                self.merge.rebuild();
                continue;
            }
            self.valid = true;
            return;
        }
    }

    fn skip_backward(&mut self) {
        loop {
            let Some(e) = self.merge.current() else {
                self.valid = false;
                return;
            };
            if let Some(ub) = &self.ro.upper_bound {
                // entries at or past the bound are skipped going backwards
                if e.key.as_slice() > ub.as_slice() {
                    let w = self.merge.tree[0];
                    self.merge.pos[w] = self.merge.pos[w].checked_sub(1).unwrap_or(usize::MAX);
                    self.merge.rebuild();
                    continue;
                }
            }
            if let Some(lb) = &self.ro.lower_bound {
                if e.key.as_slice() < lb.as_slice() {
                    self.valid = false;
                    return;
                }
            }
            if e.value.is_none() {
                let w = self.merge.tree[0];
                self.merge.pos[w] = self.merge.pos[w].checked_sub(1).unwrap_or(usize::MAX);
                self.merge.rebuild();
                continue;
            }
            self.valid = true;
            return;
        }
    }

    pub fn valid(&self) -> bool {
        self.valid
    }

    pub fn key(&self) -> &[u8] {
        &self.merge.current().expect("iterator not valid").key
    }

    pub fn value(&self) -> &[u8] {
        self.merge
            .current()
            .and_then(|e| e.value.as_deref())
            .expect("iterator not valid")
    }
}
