use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::checksum::block_checksum;
use crate::error::Result;
use crate::sstable::block::NO_COMPRESSION;

pub struct SstBuilder {
    out: BufWriter<File>,
    block: Vec<u8>,
    block_size: usize,
    offset: u64,
    index: Vec<(Vec<u8>, u64)>,
    last_key: Vec<u8>,
}

impl SstBuilder {
    pub fn create(path: &Path, block_size: usize) -> Result<SstBuilder> {
        Ok(SstBuilder {
            out: BufWriter::new(File::create(path)?),
            block: Vec::new(),
            block_size,
            offset: 0,
            index: Vec::new(),
            last_key: Vec::new(),
        })
    }

    pub fn add(&mut self, key: &[u8], value: &[u8]) -> Result<()> {
        debug_assert!(key > self.last_key.as_slice() || self.offset == 0);
        self.block
            .extend_from_slice(&(key.len() as u32).to_le_bytes());
        self.block.extend_from_slice(key);
        self.block
            .extend_from_slice(&(value.len() as u32).to_le_bytes());
        self.block.extend_from_slice(value);
        self.last_key = key.to_vec();
        if self.block.len() >= self.block_size {
            self.finish_block()?;
        }
        Ok(())
    }

    fn finish_block(&mut self) -> Result<()> {
        let crc = block_checksum(&self.block, NO_COMPRESSION);
        self.out.write_all(&self.block)?;
        self.out.write_all(&[NO_COMPRESSION])?;
        self.out.write_all(&crc.to_le_bytes())?;
        self.index.push((self.last_key.clone(), self.offset));
        self.offset += self.block.len() as u64 + 5;
        self.block.clear();
        Ok(())
    }

    pub fn finish(mut self) -> Result<u64> {
        if !self.block.is_empty() {
            self.finish_block()?;
        }
        self.out.flush()?;
        self.out.get_ref().sync_all()?;
        Ok(self.offset)
    }
}
