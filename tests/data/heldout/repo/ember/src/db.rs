use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use log::{info, warn};
use parking_lot::{Condvar, Mutex, RwLock};
use portable_atomic::{AtomicU64, Ordering};

use crate::compaction::{self, CompactionState};
use crate::error::{Error, Result};
use crate::iter::{DbIterator, ReadOptions};
use crate::lock::DbLock;
use crate::manifest::Manifest;
use crate::memtable::MemTable;
use crate::options::Options;
use crate::recovery;
use crate::sync;
use crate::txn::Transaction;
use crate::wal::writer::WalWriter;

pub(crate) struct Inner {
    pub(crate) path: PathBuf,
    pub(crate) opts: Options,
    pub(crate) seq: AtomicU64,
    pub(crate) mem: RwLock<Arc<MemTable>>,
    pub(crate) imm: RwLock<Vec<Arc<MemTable>>>,
    pub(crate) manifest: Mutex<Manifest>,
    pub(crate) wal: Mutex<WalWriter>,
    pub(crate) compaction: Mutex<CompactionState>,
    pub(crate) stall_cv: Condvar,
    _lock: DbLock,
}

pub struct Db {
    inner: Arc<Inner>,
    bg: Option<JoinHandle<()>>,
}

pub struct Snapshot {
    pub(crate) seq: u64,
    pub(crate) db: Arc<Inner>,
}

impl Db {
    pub fn open(path: impl AsRef<Path>, opts: Options) -> Result<Db> {
        let path = path.as_ref().to_path_buf();
        if opts.create_if_missing && !opts.read_only {
            std::fs::create_dir_all(&path)?;
        }
        let lock = DbLock::acquire(&path, opts.read_only)?;
        let mut manifest = Manifest::load_or_create(&path, &opts)?;
        let wal_dir = opts.wal_dir.clone().unwrap_or_else(|| path.clone());
        let (mem, last_seq) = recovery::replay(&wal_dir, &mut manifest, &opts)?;
        let wal = WalWriter::create(&wal_dir, manifest.next_log_number(), &opts)?;
        manifest.install(&path, &opts)?;
        info!(
            "opened {} (format {}, last_seq {})",
            path.display(),
            manifest.format_version,
            last_seq
        );
        let inner = Arc::new(Inner {
            path,
            opts,
            seq: AtomicU64::new(last_seq),
            mem: RwLock::new(Arc::new(mem)),
            imm: RwLock::new(Vec::new()),
            manifest: Mutex::new(manifest),
            wal: Mutex::new(wal),
            compaction: Mutex::new(CompactionState::default()),
            stall_cv: Condvar::new(),
            _lock: lock,
        });
        let bg = if inner.opts.read_only {
            None
        } else {
            Some(compaction::spawn_background(inner.clone()))
        };
        Ok(Db { inner, bg })
    }

    pub fn put(&self, key: &[u8], value: &[u8]) -> Result<()> {
        self.write(key, Some(value))
    }

    pub fn delete(&self, key: &[u8]) -> Result<()> {
        self.write(key, None)
    }

    fn write(&self, key: &[u8], value: Option<&[u8]>) -> Result<()> {
        if self.inner.opts.read_only {
            return Err(Error::InvalidArgument("database opened read-only".into()));
        }
        self.maybe_stall();
        let seq = self.inner.seq.fetch_add(1, Ordering::SeqCst) + 1;
        {
            let mut wal = self.inner.wal.lock();
            wal.append(seq, key, value)?;
            wal.commit(self.inner.opts.sync)?;
        }
        self.inner.mem.read().insert(seq, key, value);
        Ok(())
    }

    fn maybe_stall(&self) {
        let opts = &self.inner.opts;
        let mut state = self.inner.compaction.lock();
        loop {
            let l0 = self.inner.manifest.lock().level_files(0).len();
            if l0 < opts.level0_stop_writes_trigger {
                if l0 >= opts.level0_slowdown_writes_trigger {
                    std::thread::sleep(Duration::from_millis(1));
                }
                return;
            }
            warn!(
                "compaction stalled: L0 file count {} exceeds stop trigger {}",
                l0, opts.level0_stop_writes_trigger
            );
            self.inner
                .stall_cv
                .wait_for(&mut state, Duration::from_secs(1));
        }
    }

    pub fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        let seq = self.inner.seq.load(Ordering::Acquire);
        self.get_at(key, seq)
    }

    pub(crate) fn get_at(&self, key: &[u8], seq: u64) -> Result<Option<Vec<u8>>> {
        if let Some(v) = self.inner.mem.read().get(key, seq) {
            return Ok(v);
        }
        for m in self.inner.imm.read().iter().rev() {
            if let Some(v) = m.get(key, seq) {
                return Ok(v);
            }
        }
        self.inner.manifest.lock().get(key, seq, &self.inner.opts)
    }

    /// Look up several keys at once. Results are returned in the order of `keys`.
    pub fn get_many(&self, keys: &[&[u8]]) -> Result<Vec<Option<Vec<u8>>>> {
        let seq = self.inner.seq.load(Ordering::Acquire);
        let mut sorted: Vec<&[u8]> = keys.to_vec();
        // sorting lets the SST lookups walk each file once
        sorted.sort_unstable();
        let mut out = Vec::with_capacity(sorted.len());
        for k in sorted {
            out.push(self.get_at(k, seq)?);
        }
        Ok(out)
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            seq: self.inner.seq.load(Ordering::Acquire),
            db: self.inner.clone(),
        }
    }

    pub fn iter(&self, ro: ReadOptions) -> DbIterator {
        DbIterator::new(self.inner.clone(), ro)
    }

    pub fn transaction(&self) -> Transaction<'_> {
        Transaction::begin(self)
    }

    /// Flush the memtable and sync the WAL and directory.
    pub fn flush(&self) -> Result<()> {
        self.inner.wal.lock().commit(crate::SyncMode::Full)?;
        compaction::flush_memtable(&self.inner)?;
        sync::sync_dir(&self.inner.path, self.inner.opts.strict_durability)?;
        Ok(())
    }

    pub fn compact_range(&self, start: Option<&[u8]>, end: Option<&[u8]>) -> Result<()> {
        compaction::compact_range(&self.inner, start, end)
    }

    /// Write a consistent copy of the database to `dest` (hard links where possible).
    pub fn checkpoint(&self, dest: impl AsRef<Path>) -> Result<()> {
        self.flush()?;
        self.inner.manifest.lock().checkpoint(dest.as_ref())
    }

    pub(crate) fn inner(&self) -> &Arc<Inner> {
        &self.inner
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        compaction::request_shutdown(&self.inner);
        // The background thread is detached rather than joined: joining here
        // can block for a long time if a large compaction is running.
        if let Some(handle) = self.bg.take() {
            drop(handle);
        }
    }
}
