//! lumen: a GPU-accelerated terminal emulator.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser as _;

mod cli;
mod clipboard;
mod config;
mod display;
mod ipc;
mod panes;
mod renderer;

use cli::{Options, Subcommands};

fn main() -> ExitCode {
    let options = Options::parse();
    init_logging(&options);

    let result = match options.subcommands {
        Some(Subcommands::Msg(msg)) => ipc::send_message(options.socket.clone(), msg),
        None => run(options),
    };

    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Error: {err:?}");
            ExitCode::FAILURE
        },
    }
}

fn init_logging(options: &Options) {
    let level = options.log_level();
    let start = std::time::Instant::now();
    let _ = log::set_boxed_logger(Box::new(config::logger::Logger::new(level, start)));
    log::set_max_level(level);
}

fn run(options: Options) -> Result<()> {
    let config_path = options.config_file.clone().or_else(config::default_path);
    let config = match &config_path {
        Some(path) => config::load(path),
        None => config::Config::default(),
    };

    let event_loop = winit::event_loop::EventLoop::new().context("failed to create the event loop")?;
    let _monitor = config_path.as_ref().filter(|_| config.live_config_reload).map(|path| {
        config::monitor::watch(path.clone(), event_loop.create_proxy())
    });

    let _ipc = if config.ipc_socket { Some(ipc::spawn_listener(event_loop.create_proxy())?) } else { None };

    let mut processor = display::Processor::new(config, options);
    event_loop.run_app(&mut processor).context("event loop error")?;
    Ok(())
}
