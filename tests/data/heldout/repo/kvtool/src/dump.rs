use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use ember::{Db, Options, ReadOptions};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// lowercase hex
    Hex,
    /// UTF-8 with invalid bytes escaped as \xNN
    Utf8,
}

#[derive(Args)]
pub struct DumpArgs {
    #[arg(long, value_enum, default_value_t = Format::Utf8)]
    format: Format,
    /// Only keys with this prefix
    #[arg(long)]
    prefix: Option<String>,
    /// Stop after N entries
    #[arg(long)]
    limit: Option<usize>,
    /// Print keys only
    #[arg(long)]
    keys_only: bool,
}

fn render(f: Format, bytes: &[u8]) -> String {
    match f {
        Format::Hex => bytes.iter().map(|b| format!("{:02x}", b)).collect(),
        Format::Utf8 => bytes.escape_ascii().to_string(),
    }
}

pub fn run(path: &Path, args: &DumpArgs) -> Result<()> {
    let opts = Options {
        read_only: true,
        create_if_missing: false,
        ..Options::default()
    };
    let db = Db::open(path, opts).with_context(|| format!("opening {}", path.display()))?;
    let ro = match &args.prefix {
        Some(p) => ReadOptions::with_prefix(p.as_bytes()),
        None => ReadOptions::default(),
    };
    let mut it = db.iter(ro);
    it.seek_to_first();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut n = 0usize;
    while it.valid() {
        if args.limit.is_some_and(|l| n >= l) {
            break;
        }
        if args.keys_only {
            writeln!(out, "{}", render(args.format, it.key()))?;
        } else {
            writeln!(
                out,
                "{}\t{}",
                render(args.format, it.key()),
                render(args.format, it.value())
            )?;
        }
        n += 1;
        it.next();
    }
    Ok(())
}
