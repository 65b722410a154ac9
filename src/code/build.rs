//! Files in, an index out: what is skipped and why, what is parsed, and which test files use
//! which defined names.

use std::collections::{HashMap, HashSet};

use base64::Engine as _;

use super::lang::{Parsers, line_hashes};
use super::{CodeIndex, FileEntry, Lang, Message, Skipped, Symbol};

/// How much is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are skipped.
    pub max_file_bytes: u64,
    /// Past this many bytes of kept source, the remaining files are skipped.
    pub max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1024 * 1024,
            max_total_bytes: 200 * 1000 * 1000,
        }
    }
}

/// Lines of a definition or raise site kept as its excerpt.
const EXCERPT_LINES: usize = 4;
const EXCERPT_LINE_CHARS: usize = 160;
/// Test files listed per defined name.
const TESTS_PER_NAME: usize = 20;

/// Builds one index from files handed to it one at a time.
pub struct Builder {
    index: CodeIndex,
    parsers: Parsers,
    limits: Limits,
    test_tokens: Vec<(u32, HashMap<String, u32>)>,
}

impl Builder {
    pub fn new(repo: &str, sha: &str, limits: Limits) -> Builder {
        Builder {
            index: CodeIndex {
                repo: repo.to_string(),
                sha: sha.to_string(),
                ..CodeIndex::default()
            },
            parsers: Parsers::default(),
            limits,
            test_tokens: Vec::new(),
        }
    }

    /// How long the parser may take over one file before it is given up.
    pub fn parser_budget(&mut self, budget: std::time::Duration) {
        self.parsers.budget = budget;
    }

    /// The counts of what was skipped so far (the caller adds what it skips itself).
    pub fn skipped(&mut self) -> &mut Skipped {
        &mut self.index.skipped
    }

    /// Whether a file of `size` bytes at `path` would be read (so the caller need not read
    /// a skipped file's content); counts the skip when not.
    pub fn wants(&mut self, path: &str, size: u64) -> bool {
        if !safe_path(path) {
            self.index.skipped.unsafe_path += 1;
            return false;
        }
        if vendored_or_generated_path(path) {
            self.index.skipped.vendored_or_generated += 1;
            return false;
        }
        if size > self.limits.max_file_bytes {
            self.index.skipped.too_large += 1;
            return false;
        }
        if self.index.bytes + size > self.limits.max_total_bytes {
            self.index.skipped.over_budget += 1;
            return false;
        }
        true
    }

    /// Adds one file (its path relative to the repository's root).
    pub fn add_file(&mut self, path: &str, content: &[u8]) {
        if self.wants(path, content.len() as u64) {
            self.add_wanted(path, content);
        }
    }

    /// Adds a file `wants` already accepted.
    pub fn add_wanted(&mut self, path: &str, content: &[u8]) {
        if content.iter().take(8000).any(|&b| b == 0) {
            self.index.skipped.binary += 1;
            return;
        }
        let Ok(source) = std::str::from_utf8(content) else {
            self.index.skipped.not_utf8 += 1;
            return;
        };
        if generated_content(source) {
            self.index.skipped.vendored_or_generated += 1;
            return;
        }
        self.index.bytes += content.len() as u64;
        let file = self.index.files.len() as u32;
        let lang = Lang::of_path(path);
        let test = is_test_path(path);
        let (hashes, lines) = line_hashes(source);
        self.index.files.push(FileEntry {
            path: path.to_string(),
            lang,
            lines,
            test,
            hashes: base64::engine::general_purpose::STANDARD.encode(hashes),
        });
        if test {
            self.test_tokens.push((file, identifier_tokens(source)));
        }
        let Some(lang) = lang else {
            return;
        };
        let Some(found) = self.parsers.extract(lang, source) else {
            self.index.skipped.parse_failed += 1;
            return;
        };
        let line_starts = line_starts(source);
        for d in found.defs {
            let excerpt = excerpt(source, &line_starts, d.line, d.end_line);
            self.index.symbols.push(Symbol {
                name: d.name,
                kind: d.kind,
                parent: d.parent,
                file,
                line: d.line,
                end_line: d.end_line,
                excerpt,
            });
        }
        for m in found.messages {
            let excerpt = excerpt(source, &line_starts, m.line, m.end_line);
            self.index.messages.push(Message {
                text: m.text,
                call: m.call,
                file,
                line: m.line,
                end_line: m.end_line,
                excerpt,
            });
        }
    }

    pub fn finish(mut self) -> CodeIndex {
        let names: HashSet<&str> = self
            .index
            .symbols
            .iter()
            .map(|s| s.name.as_str())
            .filter(|n| n.len() >= 3)
            .collect();
        let mut tests: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        for (file, tokens) in &self.test_tokens {
            for (token, line) in tokens {
                if names.contains(token.as_str()) {
                    let files = tests.entry(token.clone()).or_default();
                    if files.len() < TESTS_PER_NAME {
                        files.push((*file, *line));
                    }
                }
            }
        }
        for files in tests.values_mut() {
            files.sort_unstable();
        }
        self.index.tests = tests;
        self.index.prepare();
        self.index
    }
}

/// A path inside the tree: relative, without `..`, without empty or odd components.
pub fn safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
}

const VENDORED_DIRS: &[&str] = &[
    "node_modules",
    "vendor",
    "vendored",
    "third_party",
    "third-party",
    "thirdparty",
    "3rdparty",
    "bower_components",
    ".git",
    "__pycache__",
    "site-packages",
];

/// Vendored, generated or lock files, by their path.
fn vendored_or_generated_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    lower.split('/').any(|c| VENDORED_DIRS.contains(&c))
        || name.ends_with(".min.js")
        || name.ends_with(".min.css")
        || name.ends_with(".map")
        || name.ends_with(".pb.go")
        || name.ends_with("_pb2.py")
        || name.ends_with(".pb.h")
        || name.ends_with(".pb.cc")
        || name.contains(".generated.")
        || matches!(
            name,
            "package-lock.json"
                | "yarn.lock"
                | "pnpm-lock.yaml"
                | "cargo.lock"
                | "poetry.lock"
                | "uv.lock"
                | "go.sum"
                | "composer.lock"
                | "gemfile.lock"
        )
}

/// Generated files say so in their first lines.
fn generated_content(source: &str) -> bool {
    source.lines().take(5).any(|l| {
        l.contains("DO NOT EDIT")
            || l.contains("@generated")
            || l.contains("Code generated by")
            || l.contains("automatically generated")
            || l.contains("auto-generated")
    })
}

/// Test files by their path: `tests/`, `test_x.py`, `x_test.go`, `x.test.ts`, `x.spec.js`.
pub fn is_test_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let stem = name.split('.').next().unwrap_or(name);
    lower.split('/').rev().skip(1).any(|c| {
        matches!(
            c,
            "test" | "tests" | "testing" | "__tests__" | "spec" | "specs"
        )
    }) || stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || stem.ends_with("_spec")
        || name.contains(".test.")
        || name.contains(".spec.")
}

/// The identifiers a file uses (three characters or more), each with the line of its last use.
fn identifier_tokens(source: &str) -> HashMap<String, u32> {
    let mut out = HashMap::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    let mut line = 1u32;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
            i += 1;
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            // The last use: imports come first, the tests that call it after.
            if i - start >= 3 && i - start <= 100 {
                match out.get_mut(&source[start..i]) {
                    Some(last) => *last = line,
                    None => {
                        out.insert(source[start..i].to_string(), line);
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

fn line_starts(source: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// Lines `line..=end` (at most `EXCERPT_LINES`), each cut to `EXCERPT_LINE_CHARS`.
fn excerpt(source: &str, starts: &[usize], line: u32, end: u32) -> String {
    let first = line.saturating_sub(1) as usize;
    let last = (end.max(line) as usize).min(first + EXCERPT_LINES);
    let mut out = String::new();
    for i in first..last {
        let Some(&start) = starts.get(i) else { break };
        let stop = starts.get(i + 1).map_or(source.len(), |s| s - 1);
        let text = source.get(start..stop).unwrap_or("").trim_end();
        if !out.is_empty() {
            out.push('\n');
        }
        match text.char_indices().nth(EXCERPT_LINE_CHARS) {
            Some((cut, _)) => {
                out.push_str(&text[..cut]);
                out.push('…');
            }
            None => out.push_str(text),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_tree_are_refused() {
        for bad in [
            "../etc/passwd",
            "/abs",
            "a/../../b",
            "a//b",
            "",
            "a\\..\\b",
            "./x",
        ] {
            assert!(!safe_path(bad), "{bad}");
        }
        assert!(safe_path("src/lib.rs"));
    }

    #[test]
    fn vendored_generated_and_tests_by_path() {
        assert!(vendored_or_generated_path("web/node_modules/x/index.js"));
        assert!(vendored_or_generated_path("third_party/zlib/inflate.c"));
        assert!(vendored_or_generated_path("static/app.min.js"));
        assert!(!vendored_or_generated_path("src/vendors.py"));
        assert!(is_test_path("tests/test_load.py"));
        assert!(is_test_path("pkg/server_test.go"));
        assert!(is_test_path("src/app.test.ts"));
        assert!(is_test_path("testing/x.rs"));
        assert!(!is_test_path("src/contest.py"));
    }

    #[test]
    fn skips_are_counted_and_tests_linked() {
        let mut b = Builder::new(
            "o/r",
            "abc",
            Limits {
                max_file_bytes: 100,
                max_total_bytes: 150,
            },
        );
        b.add_file(
            "pkg/load.py",
            b"def load_model(path):\n    raise ValueError('no model at this path')\n",
        );
        b.add_file("img.png", b"\x89PNG\0\0\0");
        b.add_file("big.py", &[b'#'; 101]);
        b.add_file("latin.py", b"# caf\xe9\n");
        b.add_file(
            "gen.py",
            b"# Code generated by a tool. DO NOT EDIT.\nX = 1\n",
        );
        b.add_file("tests/test_load.py", b"from pkg.load import load_model\n");
        b.add_file("more.py", &[b'#'; 90]);
        let mut odd = Builder::new("o/r", "abc", Limits::default());
        odd.add_file("docs/a (draft) #1.py", b"x = 1\n");
        assert_eq!(
            odd.finish().permalink("https://github.com", 0, 1, 1),
            "https://github.com/o/r/blob/abc/docs/a%20%28draft%29%20%231.py#L1"
        );
        let index = b.finish();
        assert_eq!(index.files.len(), 2);
        let s = &index.skipped;
        assert_eq!(
            (
                s.binary,
                s.too_large,
                s.not_utf8,
                s.vendored_or_generated,
                s.over_budget
            ),
            (1, 1, 1, 1, 1)
        );
        assert_eq!(index.definitions("load_model").count(), 1);
        assert_eq!(index.tests.get("load_model"), Some(&vec![(1, 1)]));
        assert_eq!(index.messages[0].text, "no model at this path");
        assert_eq!(
            index.messages[0].excerpt,
            "    raise ValueError('no model at this path')"
        );
        let back = CodeIndex::from_blob(&index.to_blob().expect("blob")).expect("read back");
        assert_eq!(back.files_ending_with("load.py"), vec![0]);
        assert_eq!(
            back.files_ending_with("site/pkg/load.py"),
            Vec::<u32>::new()
        );
        assert_eq!(
            back.line_hash(0, 2),
            Some(super::super::line_hash_of(
                "raise ValueError('no model at this path')"
            ))
        );
        assert_eq!(
            back.permalink("https://github.com", 0, 1, 2),
            "https://github.com/o/r/blob/abc/pkg/load.py#L1-L2"
        );
    }
}
