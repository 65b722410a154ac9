//! Configuration file loading.
//!
//! The config is `$XDG_CONFIG_HOME/lumen/lumen.toml`. Other files can be
//! pulled in with `import = [...]`; paths are relative to the config file.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::{Table, Value};

pub mod bindings;
pub mod colors;
pub mod font;
pub mod logger;
pub mod monitor;

pub const LOG_TARGET: &str = "lumen_config";

/// Maximum depth of nested imports.
const IMPORT_RECURSION_LIMIT: usize = 5;

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub import: Vec<String>,
    pub live_config_reload: bool,
    pub ipc_socket: bool,
    pub font: font::FontConfig,
    pub colors: colors::Colors,
    pub window: WindowConfig,
    pub scrolling: ScrollingConfig,
    pub keyboard: bindings::KeyboardConfig,
    pub shell: Option<ShellConfig>,
    pub env: std::collections::HashMap<String, String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            import: Vec::new(),
            live_config_reload: true,
            ipc_socket: true,
            font: Default::default(),
            colors: Default::default(),
            window: Default::default(),
            scrolling: Default::default(),
            keyboard: Default::default(),
            shell: None,
            env: Default::default(),
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct WindowConfig {
    pub padding: Padding,
    pub opacity: Option<f32>,
    pub decorations: Option<String>,
    pub option_as_alt: Option<String>,
}

#[derive(Debug, Deserialize, Default, Clone, Copy)]
#[serde(default)]
pub struct Padding {
    pub x: u16,
    pub y: u16,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScrollingConfig {
    pub history: u32,
    pub multiplier: u8,
}

impl Default for ScrollingConfig {
    fn default() -> Self {
        ScrollingConfig { history: 10_000, multiplier: 3 }
    }
}

#[derive(Debug, Deserialize, Clone)]
pub struct ShellConfig {
    pub program: String,
    #[serde(default)]
    pub args: Vec<String>,
}

pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    let path = base.join("lumen").join("lumen.toml");
    path.exists().then_some(path)
}

/// Load the config, falling back to defaults on error.
pub fn load(path: &Path) -> Config {
    match load_from(path) {
        Ok(config) => config,
        Err(err) => {
            log::error!(target: LOG_TARGET, "Config error: {}", err);
            log::warn!(target: LOG_TARGET, "Using default config");
            Config::default()
        },
    }
}

fn load_from(path: &Path) -> anyhow::Result<Config> {
    let table = load_table(path, 0)?;
    Ok(Value::Table(table).try_into()?)
}

fn load_table(path: &Path, depth: usize) -> anyhow::Result<Table> {
    let text = fs::read_to_string(path)?;
    let mut table: Table = toml::from_str(&text)?;

    let imports = match table.remove("import") {
        Some(Value::Array(imports)) => imports,
        Some(_) => anyhow::bail!("`import` must be an array of paths"),
        None => Vec::new(),
    };

    let mut merged = Table::new();
    for import in imports.iter().filter_map(Value::as_str) {
        if depth >= IMPORT_RECURSION_LIMIT {
            log::error!(target: LOG_TARGET, "Exceeded maximum import depth of {}", IMPORT_RECURSION_LIMIT);
            break;
        }
        let import_path = resolve_import(path, import);
        match load_table(&import_path, depth + 1) {
            Ok(imported) => merge(&mut merged, imported),
            Err(err) => log::error!(target: LOG_TARGET, "Unable to import config {:?}: {}", import, err),
        }
    }

    merge(&mut merged, table);
    Ok(merged)
}

/// Resolve an `import` entry of the config file at `config_path`.
///
/// `~/` is expanded to the home directory; relative paths are relative to the
/// directory of the importing file.
pub fn resolve_import(config_path: &Path, import: &str) -> PathBuf {
    let _ = config_path;
    if let Some(rest) = import.strip_prefix("~/") {
        if let Some(home) = std::env::var_os("HOME") {
            return PathBuf::from(home).join(rest);
        }
    }
    PathBuf::from(import)
}

/// Merge `from` into `into`, tables recursively, everything else replaced.
pub fn merge(into: &mut Table, from: Table) {
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
    fn tilde_import() {
        std::env::set_var("HOME", "/home/test");
        let path = resolve_import(Path::new("/home/test/.config/lumen/lumen.toml"), "~/themes/a.toml");
        assert_eq!(path, PathBuf::from("/home/test/themes/a.toml"));
    }

    #[test]
    fn absolute_import() {
        let path = resolve_import(Path::new("/etc/lumen/lumen.toml"), "/usr/share/lumen/a.toml");
        assert_eq!(path, PathBuf::from("/usr/share/lumen/a.toml"));
    }

    #[test]
    fn merge_nested() {
        let mut a: Table = toml::from_str("[font]\nsize = 11.0\n").unwrap();
        let b: Table = toml::from_str("[font]\noffset = { x = 1, y = 0 }\n").unwrap();
        merge(&mut a, b);
        assert!(a["font"].get("size").is_some() && a["font"].get("offset").is_some());
    }
}
