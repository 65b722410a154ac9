//! fsync policy.
//!
//! * Linux: `fdatasync` for `SyncMode::DataOnly`, `fsync` for `Full`.
//! * Apple: `fcntl(F_FULLFSYNC)`; `fsync` alone does not flush the drive cache.
//! * Windows: `FlushFileBuffers`.
//!
//! Directory fsync makes renames and new files durable. Some filesystems
//! refuse it (EINVAL on drvfs/9p, EACCES on Windows directory handles);
//! we warn once per directory instead of failing every flush.

use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use log::warn;

use crate::error::Result;
use crate::options::SyncMode;

static WARNED_DIRS: LazyLock<Mutex<HashSet<PathBuf>>> =
    LazyLock::new(|| Mutex::new(HashSet::new()));

pub fn sync_file(file: &File, mode: SyncMode) -> io::Result<()> {
    match mode {
        SyncMode::None => Ok(()),
        SyncMode::DataOnly => crate::env::fdatasync(file),
        SyncMode::Full => crate::env::full_fsync(file),
    }
}

/// fsync a directory so that entries created or renamed in it survive a crash.
///
/// With `strict = true` failures should be reported to the caller.
pub fn sync_dir(dir: &Path, strict: bool) -> Result<()> {
    if let Err(e) = crate::env::sync_dir(dir) {
        let mut warned = WARNED_DIRS.lock().unwrap();
        if warned.insert(dir.to_path_buf()) {
            warn!(
                "directory fsync failed on {}: {}; durability of renames is not guaranteed",
                dir.display(),
                e
            );
        }
        let _ = strict;
    }
    Ok(())
}
