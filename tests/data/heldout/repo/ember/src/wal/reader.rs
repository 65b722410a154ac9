use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use log::warn;

use super::format::{RecordHeader, RecordType};
use crate::checksum::crc32c_masked;
use crate::error::{Error, Result};
use crate::options::WalRecoveryMode;

pub struct WalReader {
    src: BufReader<File>,
    log_number: u64,
    offset: u64,
    recyclable: bool,
    mode: WalRecoveryMode,
    payload: Vec<u8>,
}

pub struct Record<'a> {
    pub offset: u64,
    pub payload: &'a [u8],
}

impl WalReader {
    pub fn open(
        path: &Path,
        log_number: u64,
        recyclable: bool,
        mode: WalRecoveryMode,
    ) -> Result<Self> {
        let file = File::open(path)?;
        Ok(WalReader {
            src: BufReader::with_capacity(1 << 20, file),
            log_number,
            offset: 0,
            recyclable,
            mode,
            payload: Vec::new(),
        })
    }

    /// Returns the next record, `Ok(None)` at a clean end of segment.
    pub fn next_record(&mut self) -> Result<Option<Record<'_>>> {
        loop {
            let hsize = RecordHeader::header_size(self.recyclable);
            let mut hbuf = [0u8; 13];
            match read_full(&mut self.src, &mut hbuf[..hsize])? {
                0 => return Ok(None),
                n if n < hsize => {
                    // torn header at the very end of the log
                    return self.tail("truncated record header");
                }
                _ => {}
            }
            let record_offset = self.offset;
            self.offset += hsize as u64;
            let header = match RecordHeader::decode(&hbuf[..hsize], self.recyclable) {
                Some(h) => h,
                None => return self.tail("unknown record type"),
            };
            if header.kind == RecordType::Zero && header.len == 0 && header.crc == 0 {
                // zeroed tail of a preallocated segment
                return Ok(None);
            }
            self.payload.resize(header.len as usize, 0);
            let n = read_full(&mut self.src, &mut self.payload)?;
            self.offset += n as u64;
            if n < header.len as usize {
                return self.tail("truncated record payload");
            }
            let actual = crc32c_masked(header.kind as u8, header.log_number, &self.payload);
            if actual != header.crc {
                match self.mode {
                    WalRecoveryMode::SkipAnyCorrupted => {
                        warn!("skipping corrupted WAL record at offset {}", record_offset);
                        continue;
                    }
                    _ => {
                        return Err(Error::WalChecksum {
                            offset: record_offset,
                            expected: header.crc,
                            actual,
                        })
                    }
                }
            }
            // A recycled segment still holds records of the log it was
            // previously used for; those end the current log.
            if let Some(n) = header.log_number {
                if u64::from(n) != self.log_number {
                    return Ok(None);
                }
            }
            if header.kind == RecordType::Padding {
                continue;
            }
            return Ok(Some(Record {
                offset: record_offset,
                payload: &self.payload,
            }));
        }
    }

    fn tail(&self, what: &str) -> Result<Option<Record<'_>>> {
        match self.mode {
            WalRecoveryMode::AbsoluteConsistency => Err(Error::Corruption(format!(
                "{} at offset {} in WAL segment {:06}",
                what, self.offset, self.log_number
            ))),
            _ => {
                warn!(
                    "wal: {} at offset {} in segment {:06}, treating as end of log",
                    what, self.offset, self.log_number
                );
                Ok(None)
            }
        }
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        match r.read(&mut buf[done..])? {
            0 => break,
            n => done += n,
        }
    }
    Ok(done)
}
