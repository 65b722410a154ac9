use std::fs::File;
use std::io;
use std::os::windows::fs::OpenOptionsExt;
use std::os::windows::io::AsRawHandle;
use std::path::Path;

use windows_sys::Win32::Foundation::HANDLE;
use windows_sys::Win32::Storage::FileSystem::{
    FlushFileBuffers, LockFileEx, UnlockFile, FILE_FLAG_BACKUP_SEMANTICS, LOCKFILE_EXCLUSIVE_LOCK,
    LOCKFILE_FAIL_IMMEDIATELY,
};
use windows_sys::Win32::System::IO::OVERLAPPED;

const ERROR_LOCK_VIOLATION: i32 = 33;

fn handle(f: &File) -> HANDLE {
    f.as_raw_handle() as HANDLE
}

pub fn try_lock(file: &File, exclusive: bool) -> io::Result<()> {
    let mut flags = LOCKFILE_FAIL_IMMEDIATELY;
    if exclusive {
        flags |= LOCKFILE_EXCLUSIVE_LOCK;
    }
    let mut ov: OVERLAPPED = unsafe { std::mem::zeroed() };
    let ok = unsafe { LockFileEx(handle(file), flags, 0, u32::MAX, u32::MAX, &mut ov) };
    if ok == 0 {
        let err = io::Error::last_os_error();
        if err.raw_os_error() == Some(ERROR_LOCK_VIOLATION) {
            return Err(io::Error::new(io::ErrorKind::WouldBlock, err));
        }
        return Err(err);
    }
    Ok(())
}

pub fn unlock(file: &File) -> io::Result<()> {
    let ok = unsafe { UnlockFile(handle(file), 0, 0, u32::MAX, u32::MAX) };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

pub fn fdatasync(file: &File) -> io::Result<()> {
    full_fsync(file)
}

pub fn full_fsync(file: &File) -> io::Result<()> {
    if unsafe { FlushFileBuffers(handle(file)) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Opens the directory with FILE_FLAG_BACKUP_SEMANTICS and flushes it.
/// Needs write access to the directory handle.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    let d = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(FILE_FLAG_BACKUP_SEMANTICS)
        .open(dir)?;
    full_fsync(&d)
}

pub fn preallocate(file: &File, len: u64) -> io::Result<()> {
    if file.metadata()?.len() < len {
        file.set_len(len)?;
    }
    Ok(())
}
