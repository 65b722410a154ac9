//! Read-only memory maps of SST files.

use std::fs::File;
use std::path::Path;

use memmap2::{Mmap, MmapOptions};

use crate::error::{Error, Result};

pub struct MappedFile {
    map: Mmap,
}

impl MappedFile {
    pub fn open(file: &File, path: &Path, len: u64) -> Result<MappedFile> {
        // SAFETY: SST files are immutable once written; they are only deleted
        // after every reader holding a map has been dropped.
        let map = unsafe { MmapOptions::new().len(len as usize).map(file) }.map_err(|source| {
            Error::Mmap {
                path: path.to_path_buf(),
                source,
            }
        })?;
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Random);
        Ok(MappedFile { map })
    }

    /// Maps only the index/footer region at the end of the file.
    /// `offset` is rounded down to the page size assumed below.
    pub fn open_tail(file: &File, path: &Path, offset: u64, len: u64) -> Result<MappedFile> {
        const PAGE: u64 = 4096;
        let aligned = offset & !(PAGE - 1);
        let map = unsafe {
            MmapOptions::new()
                .offset(aligned)
                .len((len + offset - aligned) as usize)
                .map(file)
        }
        .map_err(|source| Error::Mmap {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(MappedFile { map })
    }

    pub fn as_slice(&self) -> &[u8] {
        &self.map
    }
}
