use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncMode {
    /// Never fsync; rely on the OS to write back.
    None,
    /// `fdatasync` on Linux, `fsync` elsewhere.
    DataOnly,
    /// `fsync` (`F_FULLFSYNC` on Apple platforms).
    Full,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WalRecoveryMode {
    /// Stop replay at the first bad record at the tail of the last segment.
    TolerateCorruptedTail,
    /// Any bad record is an error.
    AbsoluteConsistency,
    /// Skip bad records and keep going (used by `kvtool repair`).
    SkipAnyCorrupted,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub create_if_missing: bool,
    pub read_only: bool,
    pub sync: SyncMode,
    /// If set, errors from directory fsync are returned instead of logged.
    pub strict_durability: bool,
    pub wal_dir: Option<PathBuf>,
    pub wal_segment_size: u64,
    pub wal_preallocate: bool,
    pub wal_recycle: bool,
    pub wal_recovery_mode: WalRecoveryMode,
    pub write_buffer_size: usize,
    pub level0_slowdown_writes_trigger: usize,
    pub level0_stop_writes_trigger: usize,
    pub max_bytes_for_level_base: u64,
    pub max_bytes_for_level_multiplier: f64,
    pub max_background_jobs: usize,
    pub disable_auto_compactions: bool,
    pub use_mmap_reads: bool,
    pub use_direct_io: bool,
    pub block_size: usize,
    pub idle_compaction_interval: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            create_if_missing: true,
            read_only: false,
            sync: SyncMode::None,
            strict_durability: false,
            wal_dir: None,
            wal_segment_size: 64 << 20,
            wal_preallocate: true,
            wal_recycle: false,
            wal_recovery_mode: WalRecoveryMode::TolerateCorruptedTail,
            write_buffer_size: 64 << 20,
            level0_slowdown_writes_trigger: 12,
            level0_stop_writes_trigger: 20,
            max_bytes_for_level_base: 256 << 20,
            max_bytes_for_level_multiplier: 10.0,
            max_background_jobs: 2,
            disable_auto_compactions: false,
            use_mmap_reads: cfg!(feature = "mmap"),
            use_direct_io: false,
            block_size: 4096,
            idle_compaction_interval: Duration::from_secs(300),
        }
    }
}

impl Options {
    /// Preset for one-shot imports: large memtables, no auto compaction,
    /// a single manual compaction at the end.
    pub fn bulk_load() -> Self {
        Options {
            write_buffer_size: 256 << 20,
            disable_auto_compactions: true,
            level0_slowdown_writes_trigger: usize::MAX,
            level0_stop_writes_trigger: usize::MAX,
            ..Options::default()
        }
    }

    /// Overrides from the environment. Documented variables:
    /// `EMBER_SYNC`, `EMBER_WAL_DIR`, `EMBER_MMAP`.
    pub fn from_env(mut self) -> Self {
        if let Ok(v) = std::env::var("EMBER_SYNC") {
            self.sync = match v.as_str() {
                "full" | "1" | "true" => SyncMode::Full,
                "data" => SyncMode::DataOnly,
                _ => SyncMode::None,
            };
        }
        if let Ok(v) = std::env::var("EMBER_WAL_PATH") {
            self.wal_dir = Some(PathBuf::from(v));
        }
        if let Ok(v) = std::env::var("EMBER_MMAP") {
            self.use_mmap_reads = v != "0";
        }
        self
    }
}
