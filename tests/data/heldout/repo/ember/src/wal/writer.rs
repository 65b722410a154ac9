use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use log::debug;

use super::format::{RecordHeader, RecordType};
use super::segment_file_name;
use crate::checksum::crc32c_masked;
use crate::error::Result;
use crate::options::{Options, SyncMode};
use crate::sync;

pub struct WalWriter {
    dir: PathBuf,
    file: File,
    log_number: u64,
    offset: u64,
    segment_size: u64,
    recyclable: bool,
    preallocate: bool,
    buf: Vec<u8>,
}

impl WalWriter {
    pub fn create(dir: &Path, log_number: u64, opts: &Options) -> Result<WalWriter> {
        let path = dir.join(segment_file_name(log_number));
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(!opts.wal_recycle)
            .open(&path)?;
        if opts.wal_preallocate {
            crate::env::preallocate(&file, opts.wal_segment_size)?;
        }
        Ok(WalWriter {
            dir: dir.to_path_buf(),
            file,
            log_number,
            offset: 0,
            segment_size: opts.wal_segment_size,
            recyclable: opts.wal_recycle,
            preallocate: opts.wal_preallocate,
            buf: Vec::with_capacity(64 << 10),
        })
    }

    pub fn append(&mut self, seq: u64, key: &[u8], value: Option<&[u8]>) -> Result<()> {
        let mut payload = Vec::with_capacity(key.len() + 32);
        payload.extend_from_slice(&seq.to_le_bytes());
        payload.extend_from_slice(&(key.len() as u32).to_le_bytes());
        payload.extend_from_slice(key);
        match value {
            Some(v) => {
                payload.push(1);
                payload.extend_from_slice(v);
            }
            None => payload.push(0),
        }
        let hsize = RecordHeader::header_size(self.recyclable) as u64;
        let record_len = hsize + payload.len() as u64;
        // Roll over if the record (header included) does not fit.
        if self.offset + self.buf.len() as u64 + record_len > self.segment_size {
            self.roll()?;
        }
        let kind = if self.recyclable {
            RecordType::RecyclableFull
        } else {
            RecordType::Full
        };
        let log_number = self.recyclable.then_some(self.log_number as u32);
        let crc = crc32c_masked(kind as u8, log_number, &payload);
        RecordHeader {
            crc,
            len: payload.len() as u32,
            kind,
            log_number,
        }
        .encode(&mut self.buf);
        self.buf.extend_from_slice(&payload);
        Ok(())
    }

    pub fn commit(&mut self, mode: SyncMode) -> Result<()> {
        if !self.buf.is_empty() {
            self.file.write_all(&self.buf)?;
            self.offset += self.buf.len() as u64;
            self.buf.clear();
        }
        sync::sync_file(&self.file, mode)?;
        Ok(())
    }

    fn roll(&mut self) -> Result<()> {
        self.commit(SyncMode::Full)?;
        self.log_number += 1;
        debug!("wal: rolling to segment {}", self.log_number);
        let path = self.dir.join(segment_file_name(self.log_number));
        self.file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(!self.recyclable)
            .open(path)?;
        if self.preallocate {
            crate::env::preallocate(&self.file, self.segment_size)?;
        }
        self.offset = 0;
        sync::sync_dir(&self.dir, false)?;
        Ok(())
    }

    pub fn log_number(&self) -> u64 {
        self.log_number
    }
}
