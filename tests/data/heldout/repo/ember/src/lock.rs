//! Single-writer lock on the database directory.
//!
//! `LOCK` holds the pid of the owner for diagnostics only; exclusion is done
//! with `flock(2)` (Unix) or `LockFileEx` (Windows), so a lock held by a dead
//! process is released by the kernel.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const LOCK_FILE: &str = "LOCK";

pub struct DbLock {
    file: File,
    path: PathBuf,
    exclusive: bool,
}

impl DbLock {
    pub fn acquire(dir: &Path, read_only: bool) -> Result<DbLock> {
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| Error::LockFailed {
                path: path.clone(),
                source,
            })?;
        let exclusive = !read_only;
        match crate::env::try_lock(&file, exclusive) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                let mut s = String::new();
                let _ = file.read_to_string(&mut s);
                let pid = s.trim().parse().unwrap_or(0);
                return Err(Error::Locked { pid, path });
            }
            Err(source) => return Err(Error::LockFailed { path, source }),
        }
        if exclusive {
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            write!(file, "{}", std::process::id())?;
        }
        Ok(DbLock {
            file,
            path,
            exclusive,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for DbLock {
    fn drop(&mut self) {
        let _ = crate::env::unlock(&self.file);
        if self.exclusive {
            let _ = self.file.set_len(0);
        }
    }
}
