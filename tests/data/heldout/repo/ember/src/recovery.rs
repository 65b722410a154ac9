//! WAL replay on open.

use std::path::Path;
use std::thread;

use log::{info, warn};

use crate::error::Result;
use crate::manifest::Manifest;
use crate::memtable::MemTable;
use crate::options::Options;
use crate::wal::parse_segment_file_name;
use crate::wal::reader::WalReader;

/// Replays every WAL segment not yet covered by the manifest.
/// Returns the rebuilt memtable and the highest sequence number seen.
pub fn replay(wal_dir: &Path, manifest: &mut Manifest, opts: &Options) -> Result<(MemTable, u64)> {
    let mut segments: Vec<u64> = std::fs::read_dir(wal_dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| parse_segment_file_name(e.file_name().to_str()?))
        .filter(|n| *n >= manifest.min_log_number())
        .collect();
    segments.sort_unstable();
    if segments.is_empty() {
        return Ok((MemTable::default(), manifest.last_sequence()));
    }
    info!("recovery: replaying {} WAL segment(s)", segments.len());

    // Segments are decoded in parallel, applied in order.
    let recyclable = opts.wal_recycle;
    let mode = opts.wal_recovery_mode;
    let decoded: Vec<Result<Vec<(u64, Vec<u8>, Option<Vec<u8>>)>>> = thread::scope(|s| {
        let handles: Vec<_> = segments
            .iter()
            .map(|&n| {
                let path = wal_dir.join(crate::wal::segment_file_name(n));
                s.spawn(move || decode_segment(&path, n, recyclable, mode))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    let mem = MemTable::default();
    let mut last_seq = manifest.last_sequence();
    for (n, batch) in segments.iter().zip(decoded) {
        let batch = batch?;
        if batch.is_empty() {
            warn!("recovery: segment {:06} is empty", n);
        }
        for (seq, key, value) in batch {
            if seq > last_seq {
                last_seq = seq;
            }
            mem.insert(seq, &key, value.as_deref());
        }
    }
    manifest.set_min_log_number(segments.last().copied().unwrap_or(0) + 1);
    Ok((mem, last_seq))
}

type Entry = (u64, Vec<u8>, Option<Vec<u8>>);

fn decode_segment(
    path: &Path,
    log_number: u64,
    recyclable: bool,
    mode: crate::WalRecoveryMode,
) -> Result<Vec<Entry>> {
    let mut reader = WalReader::open(path, log_number, recyclable, mode)?;
    let mut out = Vec::new();
    while let Some(rec) = reader.next_record()? {
        let p = rec.payload;
        if p.len() < 13 {
            continue;
        }
        let seq = u64::from_le_bytes(p[0..8].try_into().unwrap());
        let klen = u32::from_le_bytes(p[8..12].try_into().unwrap()) as usize;
        let key = p[12..12 + klen].to_vec();
        let value = (p[12 + klen] == 1).then(|| p[13 + klen..].to_vec());
        out.push((seq, key, value));
    }
    Ok(out)
}
