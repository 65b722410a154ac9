//! Where in the code a thread points: the frames of its tracebacks (and whether their lines
//! still read the same), the raise sites of its error messages, the definitions of the names
//! it mentions (only names the project defines), the paths it names, and the test files that
//! use those definitions. Each pointer carries a permalink at the commit the index was read.

use std::collections::HashSet;

use serde::Serialize;

use super::code::normalize_path;
use super::errors::frames;
use super::signals::{Project, extract};
use crate::code::lang::HOLE;
use crate::code::{CodeIndex, SymbolKind, line_hash_of};
use crate::store::ThreadDoc;

/// What a pointer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PointerKind {
    Definition,
    RaiseSite,
    Frame,
    Path,
    Test,
}

impl PointerKind {
    /// The name in `locate --json` (CONTRACT.md).
    pub fn as_str(self) -> &'static str {
        match self {
            PointerKind::Definition => "definition",
            PointerKind::RaiseSite => "raise_site",
            PointerKind::Frame => "frame",
            PointerKind::Path => "path",
            PointerKind::Test => "test",
        }
    }
}

/// One place in the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pointer {
    pub path: String,
    pub line: u32,
    pub end_line: u32,
    pub kind: PointerKind,
    /// The definition, the function around the raise site or frame, or the symbol a test uses.
    pub symbol: Option<String>,
    pub why: String,
    pub permalink: String,
    /// The lines it points at, as the index read them.
    pub excerpt: String,
    /// The thread's pointer no longer holds at this commit (a frame's line changed, a path
    /// is gone).
    pub stale: bool,
}

/// At most this many pointers of each kind.
const PER_KIND: usize = 6;

/// The pointers of one thread. `web_url` is GitHub's web address (`https://github.com`).
pub fn locate(
    doc: &ThreadDoc,
    index: &CodeIndex,
    project: &Project,
    web_url: &str,
) -> Vec<Pointer> {
    let mut texts: Vec<&str> = vec![doc.thread.title.as_str()];
    texts.extend(doc.thread.body.as_deref());
    texts.extend(doc.comments.iter().map(|c| c.body.as_str()));
    let mut out = Locator {
        index,
        web_url,
        pointers: Vec::new(),
        seen: HashSet::new(),
    };
    for text in &texts {
        out.frames(text, project);
    }
    let extracted = extract(texts.iter().copied(), project);
    let mut error_lines: Vec<String> = extracted.errors.iter().map(|e| e.example.clone()).collect();
    error_lines.push(doc.thread.title.clone());
    out.raise_sites(&error_lines);
    // The names the extraction kept, and every name quoted in backticks (`Class.method`,
    // `TABLE`): the code index says which of them the project defines.
    let mut names: Vec<String> = Vec::new();
    for text in &texts {
        names.extend(quoted_names(text));
    }
    names.extend(extracted.identifiers.iter().map(|(_, d)| d.clone()));
    let mut seen_names = HashSet::new();
    names.retain(|n| seen_names.insert(n.clone()));
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    out.definitions(&names);
    let paths: Vec<String> = extracted.paths.iter().map(|p| p.display.clone()).collect();
    out.paths(&paths);
    out.tests();
    out.pointers
}

/// A pointer before it is placed: the file as an index of the code index.
struct Spot {
    kind: PointerKind,
    file: u32,
    line: u32,
    end_line: u32,
    symbol: Option<String>,
    why: String,
    excerpt: String,
    stale: bool,
}

struct Locator<'a> {
    index: &'a CodeIndex,
    web_url: &'a str,
    pointers: Vec<Pointer>,
    seen: HashSet<(PointerKind, u32, u32)>,
}

impl Locator<'_> {
    fn count(&self, kind: PointerKind) -> usize {
        self.pointers.iter().filter(|p| p.kind == kind).count()
    }

    fn push(&mut self, spot: Spot) {
        let Spot {
            kind,
            file,
            line,
            end_line,
            symbol,
            why,
            excerpt,
            stale,
        } = spot;
        if self.count(kind) >= PER_KIND || !self.seen.insert((kind, file, line)) {
            return;
        }
        let Some(f) = self.index.file(file) else {
            return;
        };
        let end_line = end_line.max(line);
        self.pointers.push(Pointer {
            path: f.path.clone(),
            line,
            end_line,
            kind,
            symbol,
            why,
            permalink: self.index.permalink(self.web_url, file, line, end_line),
            excerpt,
            stale,
        });
    }

    /// A path as the thread wrote it, to the file of the tree it names.
    fn resolve(&self, path: &str) -> Option<u32> {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        // The longest tail that names one file: `pkg/sub/mod.py`, then `sub/mod.py`.
        for start in 0..parts.len() {
            let tail = parts[start..].join("/");
            let found = self.index.files_ending_with(&tail);
            if found.len() == 1 || (!found.is_empty() && start == 0) {
                return found.first().copied();
            }
            if found.len() > 1 {
                return None;
            }
        }
        None
    }

    fn frames(&mut self, text: &str, project: &Project) {
        for frame in frames(text) {
            let Some(rel) = normalize_path(&frame.path, project) else {
                continue;
            };
            let Some(file) = self.resolve(&rel.display) else {
                continue;
            };
            let Some(line) = frame.line else {
                continue;
            };
            let lines = self.index.file(file).map_or(0, |f| f.lines);
            let func = frame.func.trim_matches(['<', '>']).to_string();
            let here = self.index.line_hash(file, line);
            let same = match (&frame.source, here) {
                (Some(src), Some(h)) => Some(line_hash_of(src) == h),
                _ => None,
            };
            let enclosing = self.index.enclosing(file, line).map(|s| s.name.clone());
            let def_now = self.index.definitions_in(file, &func).next();
            let moved = line > lines
                || same == Some(false)
                || (same.is_none()
                    && def_now.is_some_and(|d| !(d.line <= line && line <= d.end_line)));
            if moved && func == "module" {
                // Module-level code that moved: nothing to point at.
                continue;
            }
            if moved {
                // The frame's line moved: say where the function is now, when it is there.
                let now = def_now.cloned();
                let why = match &now {
                    Some(def) => format!(
                        "traceback frame in `{func}`, line {line}: that line differs at this commit; `{func}` is now at line {}",
                        def.line
                    ),
                    None => format!(
                        "traceback frame in `{func}`, line {line}: that line differs at this commit"
                    ),
                };
                match now {
                    Some(def) => self.push(Spot {
                        kind: PointerKind::Frame,
                        file,
                        line: def.line,
                        end_line: def.end_line,
                        symbol: Some(func),
                        why,
                        excerpt: def.excerpt,
                        stale: true,
                    }),
                    None => {
                        let line = line.min(lines.max(1));
                        self.push(Spot {
                            kind: PointerKind::Frame,
                            file,
                            line,
                            end_line: line,
                            symbol: Some(func),
                            why,
                            excerpt: String::new(),
                            stale: true,
                        })
                    }
                }
                continue;
            }
            let why = match same {
                Some(true) => format!(
                    "traceback frame in `{func}`, line {line}; the line still reads the same"
                ),
                _ => format!("traceback frame in `{func}`, line {line}"),
            };
            let excerpt = frame.source.clone().unwrap_or_default();
            self.push(Spot {
                kind: PointerKind::Frame,
                file,
                line,
                end_line: line,
                symbol: enclosing.or(Some(func)),
                why,
                excerpt,
                stale: false,
            });
        }
    }

    /// Message literals that produce the thread's error lines.
    fn raise_sites(&mut self, error_lines: &[String]) {
        let lines: Vec<String> = error_lines.iter().map(|l| normalize(l)).collect();
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (i, m) in self.index.messages.iter().enumerate() {
            let fragments: Vec<String> = m
                .text
                .split(HOLE)
                .map(normalize)
                .filter(|f| f.len() >= 3)
                .collect();
            let fixed: usize = fragments.iter().map(String::len).sum();
            if fixed < 12 {
                continue;
            }
            let Some(longest) = fragments.iter().max_by_key(|f| f.len()) else {
                continue;
            };
            for line in &lines {
                if !line.contains(longest.as_str()) || !in_order(line, &fragments) {
                    continue;
                }
                found.push((i, fixed));
                break;
            }
        }
        // The most specific literals first.
        found.sort_by_key(|f| std::cmp::Reverse(f.1));
        for (i, _) in found {
            let m = &self.index.messages[i];
            let symbol = self.index.enclosing(m.file, m.line).map(|s| s.name.clone());
            let shown = m.text.replace(HOLE, "…");
            let why = match (&symbol, m.call.starts_with("#[")) {
                (Some(t), true) => format!(
                    "the reported message \"{shown}\" is the `{}` text of `{t}`",
                    m.call
                ),
                (None, true) => format!(
                    "the reported message \"{shown}\" is an error type's `{}` text",
                    m.call
                ),
                (Some(f), false) => format!(
                    "`{}` raises the reported message \"{shown}\" in `{f}`",
                    m.call
                ),
                (None, false) => format!("`{}` raises the reported message \"{shown}\"", m.call),
            };
            self.push(Spot {
                kind: PointerKind::RaiseSite,
                file: m.file,
                line: m.line,
                end_line: m.end_line,
                symbol,
                why,
                excerpt: m.excerpt.clone(),
                stale: false,
            });
        }
    }

    /// Definitions of the names the thread mentions (`Class.method` and `mod::func` too).
    fn definitions(&mut self, names: &[&str]) {
        for raw in names {
            let parts: Vec<&str> = raw
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|p| !p.is_empty())
                .collect();
            let Some(&name) = parts.last() else {
                continue;
            };
            let qualifier = parts.len().checked_sub(2).map(|i| parts[i]);
            let mut defs: Vec<_> = self
                .index
                .definitions(name)
                .filter(|d| d.kind != SymbolKind::Key || qualifier.is_some())
                .collect();
            if let Some(q) = qualifier {
                let qualified: Vec<_> = defs
                    .iter()
                    .copied()
                    .filter(|d| d.parent.as_deref() == Some(q))
                    .collect();
                if !qualified.is_empty() {
                    defs = qualified;
                }
            }
            // A name defined in many places says little (`run`, `__init__`).
            if defs.is_empty() || defs.len() > 3 {
                continue;
            }
            // The project's code before its tests.
            defs.sort_by_key(|d| self.index.file(d.file).is_some_and(|f| f.test));
            for d in defs {
                let what = match &d.parent {
                    Some(p) => format!("{} `{p}.{}`", d.kind.as_str(), d.name),
                    None => format!("{} `{}`", d.kind.as_str(), d.name),
                };
                let why = format!("the thread names `{raw}`: the {what} is defined here");
                self.push(Spot {
                    kind: PointerKind::Definition,
                    file: d.file,
                    line: d.line,
                    end_line: d.end_line,
                    symbol: Some(d.name.clone()),
                    why,
                    excerpt: d.excerpt.clone(),
                    stale: false,
                });
            }
        }
    }

    fn paths(&mut self, paths: &[String]) {
        for path in paths {
            if self.count(PointerKind::Path) >= PER_KIND {
                return;
            }
            match self.resolve(path) {
                Some(file) => {
                    let why = format!("the thread names `{path}`");
                    self.push(Spot {
                        kind: PointerKind::Path,
                        file,
                        line: 1,
                        end_line: 1,
                        symbol: None,
                        why,
                        excerpt: String::new(),
                        stale: false,
                    });
                }
                None if self.project_shaped(path)
                    && !self.pointers.iter().any(|p| p.path == *path) =>
                {
                    // A path of the project's shape that the tree does not hold (any more).
                    self.pointers.push(Pointer {
                        path: path.clone(),
                        line: 0,
                        end_line: 0,
                        kind: PointerKind::Path,
                        symbol: None,
                        why: format!("the thread names `{path}`, which this commit does not have"),
                        permalink: String::new(),
                        excerpt: String::new(),
                        stale: true,
                    });
                }
                None => {}
            }
        }
    }

    /// Whether a path the tree lacks looks like the project's own (its first directory is
    /// one of the tree's), not the reporter's (`app/routes.py`).
    fn project_shaped(&self, path: &str) -> bool {
        let Some((top, _)) = path.split_once('/') else {
            return false;
        };
        let prefix = format!("{top}/");
        self.index.files.iter().any(|f| f.path.starts_with(&prefix))
    }

    /// Test files that use the definitions, raise sites and frames found.
    fn tests(&mut self) {
        let symbols: Vec<(String, String)> = self
            .pointers
            .iter()
            .filter(|p| p.kind != PointerKind::Path && !p.stale)
            .filter_map(|p| p.symbol.clone().map(|s| (s, p.path.clone())))
            .collect();
        for (symbol, defined_in) in symbols {
            let Some(files) = self.index.tests.get(&symbol) else {
                continue;
            };
            // Tests near the code first. A short name (`Run`, `load`) may be another
            // library's: only tests beside the code or in the top-level test tree count.
            let mut near: Vec<(usize, u32, u32)> = files
                .iter()
                .filter_map(|&(file, line)| {
                    let path = &self.index.file(file)?.path;
                    let shared = shared_dirs(path, &defined_in);
                    let same_dir = shared == defined_in.matches('/').count();
                    let test_tree = path.starts_with("tests/") || path.starts_with("test/");
                    (symbol.len() >= 6 || same_dir || test_tree).then_some((shared, file, line))
                })
                .collect();
            near.sort_by_key(|&(shared, file, _)| (std::cmp::Reverse(shared), file));
            for (_, file, line) in near.into_iter().take(3) {
                let test = self.index.enclosing(file, line);
                let (line, end_line, excerpt) = match test {
                    Some(t) => (t.line, t.end_line, t.excerpt.clone()),
                    None => (line, line, String::new()),
                };
                let why = match test {
                    Some(t) => format!("`{}` uses `{symbol}`", t.name),
                    None => format!("this test file uses `{symbol}`"),
                };
                self.push(Spot {
                    kind: PointerKind::Test,
                    file,
                    line,
                    end_line,
                    symbol: Some(symbol.clone()),
                    why,
                    excerpt,
                    stale: false,
                });
            }
        }
    }
}

/// How many leading directories two paths share.
fn shared_dirs(a: &str, b: &str) -> usize {
    let dirs = |p: &str| -> Vec<String> {
        let mut parts: Vec<String> = p.split('/').map(str::to_string).collect();
        parts.pop();
        parts
    };
    dirs(a)
        .iter()
        .zip(dirs(b).iter())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Names in inline code spans: `Registry.restore`, `OPTIMIZERS`, `mod::func()`.
fn quoted_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, span) in text.split('`').enumerate() {
        // Odd pieces are inside backticks; a fence's language or a long span is not a name.
        if i % 2 == 0 || span.len() > 80 || span.contains(char::is_whitespace) {
            continue;
        }
        let name = span
            .trim_end_matches("()")
            .trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
        let ok = name.len() >= 3
            && name.starts_with(|c: char| c.is_alphabetic() || c == '_')
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == ':');
        if ok {
            out.push(name.to_string());
        }
    }
    out
}

/// Lowercase, one space between words, quotes and backticks dropped.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '`' | '"' | '\'' | '“' | '”' | '‘' | '’'))
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `fragments` occur in `line` in this order, without overlapping.
fn in_order(line: &str, fragments: &[String]) -> bool {
    let mut rest = line;
    for f in fragments {
        match rest.find(f.as_str()) {
            Some(i) => rest = &rest[i + f.len()..],
            None => return false,
        }
    }
    true
}
