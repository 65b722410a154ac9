//! The repository's code at one commit, as an index: its files (with a short hash of every
//! line, so a pointer can be checked without the source), the definitions a parser found
//! (functions, classes, methods, constants, dictionary keys) and the message literals of
//! raise / throw / panic / log calls, each with its file, lines and a short excerpt; and, for
//! each defined name, the test files that use it.
//!
//! Pure: built from files handed to it (`build`, usually fed by `unpack` from a tarball),
//! stored as one compressed blob. Downloading and storing live in `mirror::code`.

pub mod build;
pub mod lang;
pub mod unpack;

use std::collections::HashMap;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

pub use build::{Builder, Limits};
pub use lang::Lang;

/// What a definition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SymbolKind {
    Function,
    Method,
    /// A class, struct, enum, trait, interface or type.
    Type,
    /// A module-level constant or variable (a dictionary, a table, a `#define`).
    Constant,
    /// A key of a module-level dictionary or object.
    Key,
}

impl SymbolKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SymbolKind::Function => "function",
            SymbolKind::Method => "method",
            SymbolKind::Type => "type",
            SymbolKind::Constant => "constant",
            SymbolKind::Key => "key",
        }
    }
}

/// A definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The enclosing class, impl or dictionary, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub file: u32,
    /// 1-based, inclusive.
    pub line: u32,
    pub end_line: u32,
    /// The first lines of the definition.
    pub excerpt: String,
}

/// A message literal passed to a raise, throw, panic, warn or log call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The literal without quotes; format placeholders (`{}`, `%s`, `${x}`) become `\u{1}`.
    pub text: String,
    /// The call it is passed to (`raise ValueError`, `panic!`, `logger.warning`).
    pub call: String,
    pub file: u32,
    pub line: u32,
    pub end_line: u32,
    pub excerpt: String,
}

/// A file of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    pub lines: u32,
    #[serde(default)]
    pub test: bool,
    /// A 16-bit hash of every line (trimmed), little-endian, base64.
    pub hashes: String,
}

/// What was left out, by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub binary: u64,
    pub vendored_or_generated: u64,
    pub too_large: u64,
    pub over_budget: u64,
    pub not_utf8: u64,
    pub unsafe_path: u64,
    pub links: u64,
    pub parse_failed: u64,
}

impl Skipped {
    pub fn total(&self) -> u64 {
        self.binary
            + self.vendored_or_generated
            + self.too_large
            + self.over_budget
            + self.not_utf8
            + self.unsafe_path
            + self.links
    }

    /// "3 binary, 1 over the size cap" or "nothing".
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.binary, "binary"),
            (self.vendored_or_generated, "vendored or generated"),
            (self.too_large, "over the file size cap"),
            (self.over_budget, "past the mirror's size budget"),
            (self.not_utf8, "not UTF-8"),
            (self.unsafe_path, "with a path outside the tree"),
            (self.links, "links"),
            (self.parse_failed, "not parsed (parser failed)"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if parts.is_empty() {
            "nothing".into()
        } else {
            parts.join(", ")
        }
    }
}

/// The index of one repository at one commit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CodeIndex {
    pub repo: String,
    pub sha: String,
    pub files: Vec<FileEntry>,
    pub symbols: Vec<Symbol>,
    pub messages: Vec<Message>,
    /// A defined name and the test files that use it: (index into `files`, line of the last use).
    pub tests: HashMap<String, Vec<(u32, u32)>>,
    pub skipped: Skipped,
    /// Bytes of source read (after skipping).
    pub bytes: u64,
    #[serde(skip)]
    lookup: Lookup,
}

#[derive(Debug, Clone, Default)]
struct Lookup {
    by_name: HashMap<String, Vec<u32>>,
    by_basename: HashMap<String, Vec<u32>>,
    /// Each file's definitions, in order.
    by_file: HashMap<u32, Vec<u32>>,
}

impl CodeIndex {
    /// Builds the lookup tables; `build` and `from_blob` call it.
    fn prepare(&mut self) {
        let mut lookup = Lookup::default();
        for (i, s) in self.symbols.iter().enumerate() {
            lookup
                .by_name
                .entry(s.name.clone())
                .or_default()
                .push(i as u32);
            lookup.by_file.entry(s.file).or_default().push(i as u32);
        }
        for (i, f) in self.files.iter().enumerate() {
            let base = f.path.rsplit('/').next().unwrap_or(&f.path).to_lowercase();
            lookup.by_basename.entry(base).or_default().push(i as u32);
        }
        self.lookup = lookup;
    }

    /// The definitions of `name` (exact, case-sensitive).
    pub fn definitions(&self, name: &str) -> impl Iterator<Item = &Symbol> {
        self.lookup
            .by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&i| &self.symbols[i as usize])
    }

    /// Whether any file was parsed: an index without source has nothing to point at.
    pub fn has_source(&self) -> bool {
        self.files.iter().any(|f| f.lang.is_some())
    }

    /// Every defined name (for telling the project's identifiers from third-party ones).
    pub fn defined_names(&self) -> impl Iterator<Item = &str> {
        self.lookup.by_name.keys().map(String::as_str)
    }

    /// The innermost function, method or type of `file` whose lines hold `line`.
    pub fn enclosing(&self, file: u32, line: u32) -> Option<&Symbol> {
        self.lookup
            .by_file
            .get(&file)?
            .iter()
            .map(|&i| &self.symbols[i as usize])
            .filter(|s| {
                matches!(
                    s.kind,
                    SymbolKind::Function | SymbolKind::Method | SymbolKind::Type
                ) && s.line <= line
                    && line <= s.end_line
            })
            .min_by_key(|s| s.end_line - s.line)
    }

    /// The definitions of `file` named `name`.
    pub fn definitions_in(&self, file: u32, name: &str) -> impl Iterator<Item = &Symbol> {
        self.definitions(name).filter(move |s| s.file == file)
    }

    pub fn file(&self, i: u32) -> Option<&FileEntry> {
        self.files.get(i as usize)
    }

    /// The files whose path ends with `path` at a component boundary (`pkg/mod.py` finds
    /// `src/pkg/mod.py`), shortest path first.
    pub fn files_ending_with(&self, path: &str) -> Vec<u32> {
        let path = path.trim_start_matches("./").trim_start_matches('/');
        let base = path.rsplit('/').next().unwrap_or(path).to_lowercase();
        let mut found: Vec<u32> = self
            .lookup
            .by_basename
            .get(&base)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| {
                let p = &self.files[i as usize].path;
                let Some(cut) = p.len().checked_sub(path.len()) else {
                    return false;
                };
                p.is_char_boundary(cut)
                    && p[cut..].eq_ignore_ascii_case(path)
                    && (cut == 0 || p.as_bytes()[cut - 1] == b'/')
            })
            .collect();
        found.sort_by_key(|&i| self.files[i as usize].path.len());
        found
    }

    /// The hash of line `line` (1-based) of file `file`.
    pub fn line_hash(&self, file: u32, line: u32) -> Option<u16> {
        let f = self.files.get(file as usize)?;
        if line == 0 || line > f.lines {
            return None;
        }
        use base64::Engine as _;
        // Decoding the whole file's hashes is cheap (two bytes a line) and rare.
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&f.hashes)
            .ok()?;
        let i = (line as usize - 1) * 2;
        Some(u16::from_le_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]))
    }

    /// `https://github.com/O/R/blob/SHA/PATH#Lx-Ly` (or `#Lx` for one line).
    pub fn permalink(&self, web_url: &str, file: u32, line: u32, end_line: u32) -> String {
        let path = self
            .files
            .get(file as usize)
            .map_or("", |f| f.path.as_str());
        let anchor = if end_line > line {
            format!("#L{line}-L{end_line}")
        } else {
            format!("#L{line}")
        };
        // A path is the tree's, not ours: characters that would end a URL or a markdown
        // link are escaped.
        let path: String = path
            .chars()
            .map(|c| match c {
                ' ' => "%20".to_string(),
                '(' => "%28".to_string(),
                ')' => "%29".to_string(),
                '#' => "%23".to_string(),
                '?' => "%3F".to_string(),
                '%' => "%25".to_string(),
                '<' => "%3C".to_string(),
                '>' => "%3E".to_string(),
                c => c.to_string(),
            })
            .collect();
        format!(
            "{}/{}/blob/{}/{}{anchor}",
            web_url.trim_end_matches('/'),
            self.repo,
            self.sha,
            path
        )
    }

    /// The index as stored: JSON, LZ4-compressed.
    pub fn to_blob(&self) -> Result<Vec<u8>> {
        let json = serde_json::to_vec(self).context("serialising the code index")?;
        Ok(lz4_flex::compress_prepend_size(&json))
    }

    pub fn from_blob(blob: &[u8]) -> Result<CodeIndex> {
        let json = lz4_flex::decompress_size_prepended(blob)
            .map_err(|err| anyhow::anyhow!("the stored code index is damaged: {err}"))?;
        let mut index: CodeIndex =
            serde_json::from_slice(&json).context("the stored code index cannot be read")?;
        index.prepare();
        Ok(index)
    }

    /// "412 files, 3801 symbols, 912 messages, 40 test files (skipped: 3 binary)".
    pub fn summary(&self) -> String {
        format!(
            "{} files, {} symbols, {} messages, {} test files (skipped: {})",
            self.files.len(),
            self.symbols.len(),
            self.messages.len(),
            self.files.iter().filter(|f| f.test).count(),
            self.skipped.describe()
        )
    }
}

/// A commit as people read it: its first twelve characters.
pub fn short_sha(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// The hash a line is indexed under: whitespace at either end does not count.
pub fn line_hash_of(line: &str) -> u16 {
    // FNV-1a, folded to 16 bits.
    let mut h: u32 = 0x811c_9dc5;
    for b in line.trim().bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    ((h >> 16) ^ (h & 0xffff)) as u16
}
