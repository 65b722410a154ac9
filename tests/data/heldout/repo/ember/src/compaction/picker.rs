//! Chooses the next compaction: L0 by file count, L1+ by size score.

use crate::manifest::{Manifest, NUM_LEVELS};
use crate::options::Options;
use crate::sstable::SstMeta;

pub struct Task {
    pub level: usize,
    pub inputs: Vec<SstMeta>,
    pub score: f64,
}

pub struct Picker<'a> {
    opts: &'a Options,
}

impl<'a> Picker<'a> {
    pub fn new(opts: &'a Options) -> Self {
        Picker { opts }
    }

    /// Target size in bytes for `level` (L1 and deeper).
    pub fn target_size(&self, level: usize) -> u64 {
        let base = self.opts.max_bytes_for_level_base;
        if level <= 1 {
            base
        } else {
            base * 10u64.pow((level - 1) as u32)
        }
    }

    pub fn pick(&self, m: &Manifest) -> Option<Task> {
        let mut best: Option<Task> = None;
        let l0 = m.level_files(0);
        let l0_score = l0.len() as f64 / 4.0;
        if l0_score >= 1.0 {
            best = Some(Task {
                level: 0,
                inputs: l0.to_vec(),
                score: l0_score,
            });
        }
        for level in 1..NUM_LEVELS - 1 {
            let files = m.level_files(level);
            let size: u64 = files.iter().map(|f| f.size).sum();
            let score = size as f64 / self.target_size(level) as f64;
            if score >= 1.0 && best.as_ref().map_or(true, |b| score > b.score) {
                let victim = files.iter().max_by_key(|f| f.size)?.clone();
                best = Some(Task {
                    level,
                    inputs: vec![victim],
                    score,
                });
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_size_grows() {
        let opts = Options::default();
        let p = Picker::new(&opts);
        assert_eq!(p.target_size(1), 256 << 20);
        assert_eq!(p.target_size(2), 2560 << 20);
    }
}
