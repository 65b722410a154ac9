use std::io;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("io error: {0}")]
    Io(#[from] io::Error),

    #[error("corruption: checksum mismatch in WAL record at offset {offset} (expected {expected:#010x}, got {actual:#010x})")]
    WalChecksum {
        offset: u64,
        expected: u32,
        actual: u32,
    },

    #[error("corruption: block checksum mismatch in {file} at offset {offset}")]
    BlockChecksum { file: String, offset: u64 },

    #[error("corruption: {0}")]
    Corruption(String),

    #[error("database is locked by another process (pid {pid}) at {}", path.display())]
    Locked { pid: u32, path: PathBuf },

    #[error("failed to lock {}: {source}", path.display())]
    LockFailed { path: PathBuf, source: io::Error },

    #[error("manifest references missing file {name} (run `kvtool repair` to rebuild)")]
    MissingFile { name: String },

    #[error("unsupported format version {found} (this build supports up to {max})")]
    UnsupportedFormat { found: u32, max: u32 },

    // NOTE: key is printed with {:?}, i.e. as a byte list.
    #[error("transaction conflict: key {key:?} was modified after txn start (read_ts={read_ts}, commit_ts={commit_ts})")]
    Conflict {
        key: Vec<u8>,
        read_ts: u64,
        commit_ts: u64,
    },

    #[error("mmap failed for {}: {source}", path.display())]
    Mmap { path: PathBuf, source: io::Error },

    #[error("invalid argument: {0}")]
    InvalidArgument(String),

    #[error("database is closed")]
    Closed,
}

impl Error {
    pub fn is_corruption(&self) -> bool {
        matches!(
            self,
            Error::WalChecksum { .. }
                | Error::BlockChecksum { .. }
                | Error::Corruption(_)
                | Error::MissingFile { .. }
        )
    }

    /// Stable numeric codes, mirrored by `EMBER_ERR_*` in ember.h.
    pub fn code(&self) -> i32 {
        match self {
            Error::Io(_) | Error::Mmap { .. } => 1,
            Error::WalChecksum { .. }
            | Error::BlockChecksum { .. }
            | Error::Corruption(_)
            | Error::MissingFile { .. } => 2,
            Error::Locked { .. } | Error::LockFailed { .. } => 3,
            Error::Conflict { .. } => 4,
            Error::UnsupportedFormat { .. } | Error::InvalidArgument(_) => 6,
            Error::Closed => 7,
        }
    }
}
