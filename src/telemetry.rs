//! Logging: `RUST_LOG` filters (default `info`), `LOG_FORMAT` picks `json` or `pretty`
//! (default: pretty on a terminal, JSON otherwise). Logs go to stderr.

use std::io::IsTerminal as _;

use tracing_subscriber::EnvFilter;

pub fn init(format: Option<&str>) -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let json = match format.map(str::to_ascii_lowercase).as_deref() {
        Some("json") => true,
        Some("pretty") | Some("text") => false,
        Some(other) => {
            return Err(crate::error::usage(format!(
                "LOG_FORMAT {other:?} is not known: use json or pretty"
            )));
        }
        None => !std::io::stderr().is_terminal(),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let installed = if json {
        builder.json().with_current_span(true).try_init()
    } else {
        builder.compact().try_init()
    };
    // A second initialisation (tests) keeps the first subscriber.
    let _ = installed;
    Ok(())
}
