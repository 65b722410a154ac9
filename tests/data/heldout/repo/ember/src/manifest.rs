//! The MANIFEST lists live SST files per level. `CURRENT` names the active
//! manifest; it is replaced by write-to-temp + rename + directory fsync.

use std::fs;
use std::io::Write;
use std::path::Path;

use log::info;

use crate::error::{Error, Result};
use crate::options::Options;
use crate::sstable::{SstMeta, SstReader};
use crate::{FORMAT_VERSION, MIN_READ_FORMAT_VERSION};

pub const CURRENT: &str = "CURRENT";
pub const NUM_LEVELS: usize = 7;

#[derive(Default)]
pub struct Manifest {
    pub format_version: u32,
    levels: Vec<Vec<SstMeta>>,
    next_file_number: u64,
    min_log_number: u64,
    last_sequence: u64,
    manifest_number: u64,
}

impl Manifest {
    pub fn load_or_create(dir: &Path, opts: &Options) -> Result<Manifest> {
        let current = dir.join(CURRENT);
        if !current.exists() {
            if opts.read_only || !opts.create_if_missing {
                return Err(Error::InvalidArgument(format!(
                    "{} does not exist (create_if_missing is false)",
                    current.display()
                )));
            }
            return Ok(Manifest {
                format_version: FORMAT_VERSION,
                levels: vec![Vec::new(); NUM_LEVELS],
                next_file_number: 1,
                ..Default::default()
            });
        }
        let name = fs::read_to_string(&current)?;
        let bytes = fs::read(dir.join(name.trim()))?;
        let m = Manifest::decode(&bytes)?;
        if m.format_version > FORMAT_VERSION || m.format_version < MIN_READ_FORMAT_VERSION {
            return Err(Error::UnsupportedFormat {
                found: m.format_version,
                max: FORMAT_VERSION,
            });
        }
        for level in &m.levels {
            for f in level {
                if !dir.join(f.file_name()).exists() {
                    return Err(Error::MissingFile {
                        name: f.file_name(),
                    });
                }
            }
        }
        Ok(m)
    }

    fn decode(bytes: &[u8]) -> Result<Manifest> {
        if bytes.len() < 8 || &bytes[0..4] != b"EMBM" {
            return Err(Error::Corruption("bad manifest magic".into()));
        }
        let format_version = u32::from_le_bytes(bytes[4..8].try_into().unwrap());
        let mut m = Manifest {
            format_version,
            levels: vec![Vec::new(); NUM_LEVELS],
            ..Default::default()
        };
        m.decode_body(&bytes[8..])?;
        Ok(m)
    }

    fn decode_body(&mut self, _body: &[u8]) -> Result<()> {
        Ok(())
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = b"EMBM".to_vec();
        out.extend_from_slice(&self.format_version.to_le_bytes());
        out
    }

    /// Write a new manifest and atomically point CURRENT at it.
    pub fn install(&mut self, dir: &Path, opts: &Options) -> Result<()> {
        if opts.read_only {
            return Ok(());
        }
        self.manifest_number += 1;
        let name = format!("MANIFEST-{:06}", self.manifest_number);
        fs::write(dir.join(&name), self.encode())?;
        let tmp = dir.join("CURRENT.tmp");
        let mut f = fs::File::create(&tmp)?;
        writeln!(f, "{}", name)?;
        f.sync_all()?;
        fs::rename(&tmp, dir.join(CURRENT))?;
        crate::sync::sync_dir(dir, opts.strict_durability)?;
        info!("installed {}", name);
        Ok(())
    }

    pub fn level_files(&self, level: usize) -> &[SstMeta] {
        &self.levels[level]
    }

    pub fn level_files_mut(&mut self, level: usize) -> &mut Vec<SstMeta> {
        &mut self.levels[level]
    }

    pub fn get(&self, key: &[u8], seq: u64, opts: &Options) -> Result<Option<Vec<u8>>> {
        for level in &self.levels {
            for f in level.iter().rev() {
                if !f.may_contain(key) {
                    continue;
                }
                let r = SstReader::open_cached(f, opts)?;
                if let Some(v) = r.get(key, seq)? {
                    return Ok(v);
                }
            }
        }
        Ok(None)
    }

    pub fn checkpoint(&self, dest: &Path) -> Result<()> {
        fs::create_dir_all(dest)?;
        for level in &self.levels {
            for f in level {
                let src = f.path();
                let dst = dest.join(f.file_name());
                if fs::hard_link(&src, &dst).is_err() {
                    fs::copy(&src, &dst)?;
                }
            }
        }
        fs::write(dest.join("MANIFEST-000001"), self.encode())?;
        fs::write(dest.join(CURRENT), "MANIFEST-000001\n")?;
        Ok(())
    }

    pub fn next_file_number(&mut self) -> u64 {
        self.next_file_number += 1;
        self.next_file_number - 1
    }
    pub fn next_log_number(&self) -> u64 {
        self.min_log_number.max(1)
    }
    pub fn min_log_number(&self) -> u64 {
        self.min_log_number
    }
    pub fn set_min_log_number(&mut self, n: u64) {
        self.min_log_number = n;
    }
    pub fn last_sequence(&self) -> u64 {
        self.last_sequence
    }
}
