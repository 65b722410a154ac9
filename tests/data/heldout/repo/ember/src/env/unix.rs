use std::fs::File;
use std::io;
use std::os::unix::io::AsRawFd;
use std::path::Path;

fn cvt(ret: libc::c_int) -> io::Result<()> {
    if ret == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

pub fn try_lock(file: &File, exclusive: bool) -> io::Result<()> {
    let op = if exclusive {
        libc::LOCK_EX
    } else {
        libc::LOCK_SH
    };
    cvt(unsafe { libc::flock(file.as_raw_fd(), op | libc::LOCK_NB) })
}

pub fn unlock(file: &File) -> io::Result<()> {
    cvt(unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_UN) })
}

#[cfg(any(target_os = "linux", target_os = "android"))]
pub fn fdatasync(file: &File) -> io::Result<()> {
    cvt(unsafe { libc::fdatasync(file.as_raw_fd()) })
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub fn fdatasync(file: &File) -> io::Result<()> {
    full_fsync(file)
}

#[cfg(any(target_os = "macos", target_os = "ios"))]
pub fn full_fsync(file: &File) -> io::Result<()> {
    // F_FULLFSYNC asks the drive to flush its cache. Some filesystems
    // (exFAT, SMB) return ENOTSUP; fall back to plain fsync then.
    let ret = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_FULLFSYNC) };
    if ret == -1 {
        let err = io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::ENOTTY) {
            return cvt(unsafe { libc::fsync(file.as_raw_fd()) });
        }
        return Err(err);
    }
    Ok(())
}

#[cfg(not(any(target_os = "macos", target_os = "ios")))]
pub fn full_fsync(file: &File) -> io::Result<()> {
    cvt(unsafe { libc::fsync(file.as_raw_fd()) })
}

pub fn sync_dir(dir: &Path) -> io::Result<()> {
    let d = File::open(dir)?;
    full_fsync(&d)
}

#[cfg(target_os = "linux")]
pub fn preallocate(file: &File, len: u64) -> io::Result<()> {
    let ret = unsafe {
        libc::fallocate(
            file.as_raw_fd(),
            libc::FALLOC_FL_KEEP_SIZE,
            0,
            len as libc::off_t,
        )
    };
    match ret {
        0 => Ok(()),
        _ => {
            let err = io::Error::last_os_error();
            // tmpfs, some FUSE filesystems: not fatal
            if err.raw_os_error() == Some(libc::EOPNOTSUPP) {
                Ok(())
            } else {
                Err(err)
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn preallocate(file: &File, len: u64) -> io::Result<()> {
    if file.metadata()?.len() < len {
        file.set_len(len)?;
    }
    Ok(())
}
