//! Command line options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use log::LevelFilter;

#[derive(Parser, Debug, Default)]
#[command(name = "lumen", version, about)]
pub struct Options {
    /// Alternative configuration file.
    #[arg(long)]
    pub config_file: Option<PathBuf>,

    /// Start the shell in this directory.
    #[arg(long)]
    pub working_directory: Option<PathBuf>,

    /// Command and arguments to run instead of the shell.
    #[arg(short = 'e', long, num_args = 1.., allow_hyphen_values = true)]
    pub command: Vec<String>,

    /// IPC socket to use for `lumen msg`.
    #[arg(long)]
    pub socket: Option<PathBuf>,

    /// Increase log verbosity (-v, -vv).
    #[arg(short, action = clap::ArgAction::Count)]
    verbose: u8,

    /// Print enabled cargo features with --version.
    #[arg(long)]
    pub verbose_version: bool,

    #[command(subcommand)]
    pub subcommands: Option<Subcommands>,
}

impl Options {
    pub fn log_level(&self) -> LevelFilter {
        match self.verbose {
            0 => LevelFilter::Warn,
            1 => LevelFilter::Info,
            2 => LevelFilter::Debug,
            _ => LevelFilter::Trace,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Subcommands {
    /// Send a message to a running lumen instance.
    #[command(subcommand)]
    Msg(MessageCommand),
}

#[derive(Subcommand, Debug, Clone)]
pub enum MessageCommand {
    /// Open a new window in the running instance.
    CreateWindow(CreateWindowArgs),
    /// Override config options at runtime: `lumen msg config font.size=14`.
    Config(ConfigArgs),
}

#[derive(Args, Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CreateWindowArgs {
    /// Command to run in the new window.
    #[arg(short = 'e', long, num_args = 1..)]
    pub command: Vec<String>,
}

#[derive(Args, Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ConfigArgs {
    /// `KEY=VALUE` pairs, values are TOML.
    pub options: Vec<String>,
    /// Drop all runtime overrides.
    #[arg(short, long)]
    pub reset: bool,
    /// Only apply to this window.
    #[arg(short, long)]
    pub window_id: Option<u64>,
}
