//! Data blocks: prefix-compressed entries with restart points.

use crate::checksum::block_checksum;
use crate::error::{Error, Result};

pub const BLOCK_TRAILER_SIZE: usize = 5; // compression(1) + crc(4)

pub const NO_COMPRESSION: u8 = 0;
pub const LZ4_COMPRESSION: u8 = 1;
pub const ZSTD_COMPRESSION: u8 = 2;

pub struct Block {
    pub data: Vec<u8>,
    restarts: Vec<u32>,
}

impl Block {
    pub fn decode(file: &str, offset: u64, raw: &[u8]) -> Result<Block> {
        if raw.len() < BLOCK_TRAILER_SIZE {
            return Err(Error::Corruption(format!("block too short in {}", file)));
        }
        let (body, trailer) = raw.split_at(raw.len() - BLOCK_TRAILER_SIZE);
        let compression = trailer[0];
        let stored = u32::from_le_bytes(trailer[1..5].try_into().unwrap());
        if block_checksum(body, compression) != stored {
            return Err(Error::BlockChecksum {
                file: file.to_string(),
                offset,
            });
        }
        let data = decompress(compression, body)?;
        let n = u32::from_le_bytes(data[data.len() - 4..].try_into().unwrap()) as usize;
        let restarts = (0..n)
            .map(|i| {
                let at = data.len() - 4 - (n - i) * 4;
                u32::from_le_bytes(data[at..at + 4].try_into().unwrap())
            })
            .collect();
        Ok(Block { data, restarts })
    }

    pub fn restart_count(&self) -> usize {
        self.restarts.len()
    }
}

fn decompress(kind: u8, body: &[u8]) -> Result<Vec<u8>> {
    match kind {
        NO_COMPRESSION => Ok(body.to_vec()),
        #[cfg(feature = "lz4")]
        LZ4_COMPRESSION => lz4_flex::decompress_size_prepended(body)
            .map_err(|e| Error::Corruption(format!("lz4: {}", e))),
        #[cfg(feature = "zstd")]
        ZSTD_COMPRESSION => zstd::bulk::decompress(body, 1 << 20)
            .map_err(|e| Error::Corruption(format!("zstd: {}", e))),
        other => Err(Error::Corruption(format!(
            "block compressed with type {} but support for it is not compiled in (enable the feature)",
            other
        ))),
    }
}
