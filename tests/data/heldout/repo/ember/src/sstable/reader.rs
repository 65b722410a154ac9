use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use log::debug;

use super::SstMeta;
use crate::error::{Error, Result};
use crate::options::Options;

enum Backing {
    #[cfg(feature = "mmap")]
    Mapped(crate::mmap::MappedFile),
    Pread(File),
}

pub struct SstReader {
    meta: SstMeta,
    backing: Backing,
}

impl SstReader {
    pub fn open_cached(meta: &SstMeta, opts: &Options) -> Result<Arc<SstReader>> {
        // table cache elided
        Ok(Arc::new(SstReader::open(meta, opts)?))
    }

    pub fn open(meta: &SstMeta, opts: &Options) -> Result<SstReader> {
        let path = meta.path();
        let file = File::open(&path)?;
        let backing = if opts.use_mmap_reads {
            open_mmap(file, &path, meta.size)?
        } else {
            Backing::Pread(file)
        };
        Ok(SstReader {
            meta: meta.clone(),
            backing,
        })
    }

    pub fn get(&self, _key: &[u8], _seq: u64) -> Result<Option<Option<Vec<u8>>>> {
        let _ = &self.meta;
        Ok(None)
    }
}

#[cfg(feature = "mmap")]
fn open_mmap(file: File, path: &Path, len: u64) -> Result<Backing> {
    match crate::mmap::MappedFile::open(&file, path, len) {
        Ok(m) => Ok(Backing::Mapped(m)),
        // 32-bit targets run out of address space long before they run out
        // of memory; reading with pread is slower but works (#541).
        #[cfg(target_pointer_width = "32")]
        Err(Error::Mmap { source, .. }) if source.raw_os_error() == Some(libc::ENOMEM) => {
            debug!("mmap of {} failed with ENOMEM, using pread", path.display());
            Ok(Backing::Pread(file))
        }
        Err(e) => Err(e),
    }
}

#[cfg(not(feature = "mmap"))]
fn open_mmap(file: File, _path: &Path, _len: u64) -> Result<Backing> {
    let _ = Error::Closed;
    debug!("built without the `mmap` feature, using pread");
    Ok(Backing::Pread(file))
}
