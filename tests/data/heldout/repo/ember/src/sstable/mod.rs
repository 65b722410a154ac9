//! Sorted string tables.

pub mod block;
pub mod builder;
pub mod reader;

use std::path::PathBuf;

pub use builder::SstBuilder;
pub use reader::SstReader;

#[derive(Clone, Debug)]
pub struct SstMeta {
    pub number: u64,
    pub dir: PathBuf,
    pub size: u64,
    pub smallest: Vec<u8>,
    pub largest: Vec<u8>,
    pub level: usize,
}

impl SstMeta {
    pub fn file_name(&self) -> String {
        format!("{:06}.sst", self.number)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(self.file_name())
    }

    pub fn may_contain(&self, key: &[u8]) -> bool {
        key >= self.smallest.as_slice() && key <= self.largest.as_slice()
    }
}
