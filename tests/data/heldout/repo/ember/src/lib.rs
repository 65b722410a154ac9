//! ember: an embedded log-structured key-value store.
//!
//! ```no_run
//! let db = ember::Db::open("/tmp/ember-demo", ember::Options::default())?;
//! db.put(b"hello", b"world")?;
//! assert_eq!(db.get(b"hello")?.as_deref(), Some(&b"world"[..]));
//! # Ok::<(), ember::Error>(())
//! ```

pub mod checksum;
pub mod compaction;
mod db;
pub mod env;
mod error;
pub mod iter;
pub mod lock;
pub mod manifest;
mod memtable;
#[cfg(feature = "mmap")]
pub mod mmap;
mod options;
pub mod recovery;
pub mod sstable;
pub mod sync;
pub mod txn;
pub mod wal;

pub use compaction::filter::{CompactionFilter, Decision};
pub use db::{Db, Snapshot};
pub use error::{Error, Result};
pub use iter::{DbIterator, ReadOptions};
pub use options::{Options, SyncMode, WalRecoveryMode};
pub use txn::Transaction;

/// Highest on-disk format this build can read and write.
pub const FORMAT_VERSION: u32 = 4;
/// Oldest on-disk format this build can still open.
pub const MIN_READ_FORMAT_VERSION: u32 = 2;
