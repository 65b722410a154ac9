//! `lumen msg` over a Unix socket.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::{env, fs, thread};

use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use toml::{Table, Value};

use crate::cli::MessageCommand;
use crate::display::{EventProxy, UserEvent};

#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum SocketMessage {
    CreateWindow(crate::cli::CreateWindowArgs),
    Config { overrides: Table, reset: bool, window_id: Option<u64> },
}

fn socket_dir() -> PathBuf {
    env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).unwrap_or_else(env::temp_dir).join("lumen")
}

pub fn spawn_listener(proxy: EventProxy) -> Result<PathBuf> {
    let dir = socket_dir();
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("lumen-{}.sock", std::process::id()));
    let listener = UnixListener::bind(&path).with_context(|| format!("failed to bind {}", path.display()))?;
    env::set_var("LUMEN_SOCKET", &path);

    thread::Builder::new().name("ipc".into()).spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            if BufReader::new(stream).read_line(&mut line).is_err() {
                continue;
            }
            match serde_json::from_str::<SocketMessage>(&line) {
                Ok(message) => proxy.send(UserEvent::Ipc(message)),
                Err(err) => log::warn!("invalid IPC message: {}", err),
            }
        }
    })?;
    Ok(path)
}

pub fn send_message(socket: Option<PathBuf>, command: MessageCommand) -> Result<()> {
    let message = match command {
        MessageCommand::CreateWindow(args) => SocketMessage::CreateWindow(args),
        MessageCommand::Config(args) => {
            let mut overrides = Table::new();
            for option in &args.options {
                let table = parse_override(option).with_context(|| format!("invalid config override '{option}'"))?;
                merge(&mut overrides, table);
            }
            SocketMessage::Config { overrides, reset: args.reset, window_id: args.window_id }
        },
    };

    let path = socket
        .or_else(|| env::var_os("LUMEN_SOCKET").map(PathBuf::from))
        .ok_or_else(|| anyhow!("LUMEN_SOCKET is not set, use --socket"))?;
    let mut stream = UnixStream::connect(&path).context("failed to connect to socket")?;
    writeln!(stream, "{}", serde_json::to_string(&message)?)?;
    Ok(())
}

/// Turn `a.b.c=VALUE` into `{ a = { b = { c = VALUE } } }`, `VALUE` being TOML.
pub fn parse_override(option: &str) -> Result<Table> {
    let (key, value) = match option.rsplit_once('=') {
        Some(split) => split,
        None => bail!("expected KEY=VALUE"),
    };

    let value: Value = toml::from_str::<Table>(&format!("v = {value}"))
        .map(|mut table| table.remove("v").unwrap())
        .or_else(|_| value.parse::<Value>())?;

    let mut table = Table::new();
    let mut parts = key.trim().rsplit('.');
    let last = parts.next().filter(|k| !k.is_empty()).ok_or_else(|| anyhow!("empty key"))?;
    table.insert(last.to_owned(), value);
    for part in parts {
        let mut outer = Table::new();
        outer.insert(part.to_owned(), Value::Table(table));
        table = outer;
    }
    Ok(table)
}

fn merge(into: &mut Table, from: Table) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Table(existing)), Value::Table(new)) => merge(existing, new),
            (_, value) => {
                into.insert(key, value);
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_override() {
        let table = parse_override("font.size=14").unwrap();
        assert_eq!(table["font"]["size"].as_integer(), Some(14));
    }

    #[test]
    fn string_override() {
        let table = parse_override("shell.program=\"/usr/bin/fish\"").unwrap();
        assert_eq!(table["shell"]["program"].as_str(), Some("/usr/bin/fish"));
    }
}
