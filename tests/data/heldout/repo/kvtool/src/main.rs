use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod dump;
mod repair;
mod stats;

#[derive(Parser)]
#[command(name = "kvtool", version, about = "Inspect and repair ember databases")]
struct Cli {
    /// Path to the database directory
    #[arg(global = true, long, short = 'd', env = "EMBER_DB")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print keys and values
    Dump(dump::DumpArgs),
    /// Per-level file counts and sizes
    Stats,
    /// Verify checksums of every WAL record and SST block
    Check,
    /// Drop corrupted WAL records and rebuild the manifest from the SST files present
    Repair(repair::RepairArgs),
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    let Some(db) = cli.db else {
        eprintln!("kvtool: error: no database given (use --db or EMBER_DB)");
        return ExitCode::from(2);
    };
    let res = match cli.cmd {
        Cmd::Dump(a) => dump::run(&db, &a),
        Cmd::Stats => stats::run(&db),
        Cmd::Check => repair::check(&db),
        Cmd::Repair(a) => repair::run(&db, &a),
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kvtool: error: {:#}", e);
            ExitCode::FAILURE
        }
    }
}
