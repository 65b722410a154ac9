//! Pointers into the code: file paths made relative to the package or repository they belong
//! to (site-packages, home directories and clones removed), and identifiers (snake_case,
//! CamelCase classes in code, qualified names).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::signals::{Extracted, Project};
use super::text::{Line, LineKind};

const MAX_PATHS: usize = 128;
const MAX_IDENTIFIERS: usize = 256;

/// A code path found in a text: the key it is matched under and the form shown to people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRef {
    /// The last two components, lowercase (`cuda/ops.py`), or the file name alone.
    pub key: String,
    pub basename: String,
    /// Relative to the package or the repository (`tensorpack/backends/cuda/ops.py`).
    pub display: String,
}

const CODE_EXTENSIONS: &str = "py|pyx|pyi|cu|cuh|cpp|cc|cxx|c|h|hpp|hh|hip|rs|go|java|kt|js|mjs|ts|tsx|jsx|rb|php|swift|mm|cmake|toml|cfg|ini|yaml|yml|json|sh|mdx|md|rst";

static CODE_PATH: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(&format!(
        r"(?P<path>(?:[A-Za-z]:)?(?:[\\/]|~[\\/])?(?:[\w.~+@-]+[\\/])*[\w+@-][\w.+@-]*\.(?:{CODE_EXTENSIONS}))(?:\b|$)"
    ))
});
static URL: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"(?:https?|ftp|file)://\S+"));
static INLINE_CODE: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"`[^`\n]+`"));

/// A path made relative to the package or repository it belongs to, or `None` for paths of
/// the reporter's own files and system directories.
pub fn normalize_path(raw: &str, project: &Project) -> Option<PathRef> {
    let p = raw.replace('\\', "/");
    let absolute = p.starts_with('/') || p.starts_with('~') || p.as_bytes().get(1) == Some(&b':');
    let comps: Vec<&str> = p
        .split('/')
        .filter(|c| !c.is_empty() && *c != "." && *c != "~" && !c.ends_with(':'))
        .collect();
    let start = if let Some(i) = comps.iter().rposition(|c| {
        c.eq_ignore_ascii_case("site-packages") || c.eq_ignore_ascii_case("dist-packages")
    }) {
        i + 1
    } else if absolute {
        // A clone of the repository: the part below its root.
        let i = comps[..comps.len().saturating_sub(1)]
            .iter()
            .position(|c| project.is_name(c))?;
        i + 1
    } else {
        0
    };
    let rel = comps.get(start..)?;
    if rel.is_empty() || rel.contains(&"..") {
        return None;
    }
    let display = rel.join("/");
    let basename = rel.last()?.to_lowercase();
    Some(PathRef {
        key: path_key(&display),
        basename,
        display,
    })
}

/// The key a path is matched under: its last two components, lowercase (`cuda/ops.py`), or
/// the file name alone.
pub fn path_key(path: &str) -> String {
    let lower = path.to_lowercase();
    match lower.rmatch_indices('/').nth(1) {
        Some((i, _)) => lower[i + 1..].to_string(),
        None => lower,
    }
}

/// How a name looks like code, if it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// snake_case, a dunder, or a digit between letters (`Linear4bit`): code anywhere.
    Unmistakable,
    /// CamelCase only: a class, or a product name.
    CamelOnly,
}

/// Names that appear in reports of every project and point at none: the language runtime's
/// own frames and types (Python's `runpy`, builtin types, the module call machinery of the big
/// frameworks), product names of environment dumps, and the environment variables of the
/// language runtimes and toolchains (`RUST_LOG`, `PYTHONPATH`, `NODE_OPTIONS`).
const RUNTIME_NAMES: [&str; 45] = [
    "nonetype",
    "pathlike",
    "_run_module_as_main",
    "_run_code",
    "_call_impl",
    "_wrapped_call_impl",
    "__call__",
    "__main__",
    "__init__",
    "__getattr__",
    "__getitem__",
    "_bootstrap_inner",
    "_find_and_load",
    "_find_and_load_unlocked",
    "_load_unlocked",
    "exec_module",
    "_call_with_frames_removed",
    "pytorch",
    "numpy",
    "github",
    "macos",
    "tensorflow",
    "rust_log",
    "rust_backtrace",
    "rust_lib_backtrace",
    "rust_min_stack",
    "rustflags",
    "rustup_toolchain",
    "cargo_home",
    "cargo_target_dir",
    "pythonpath",
    "pythonhome",
    "pythonunbuffered",
    "pythondontwritebytecode",
    "node_options",
    "node_env",
    "node_path",
    "ld_library_path",
    "ld_preload",
    "dyld_library_path",
    "godebug",
    "gotoolchain",
    "cgo_enabled",
    "java_home",
    "java_opts",
];

/// Whether a name looks like code rather than a word. Exception type names are left to the
/// error signatures, and the runtime's own names are not the project's code.
pub fn identifier_shape(name: &str) -> Option<Shape> {
    if RUNTIME_NAMES.iter().any(|r| name.eq_ignore_ascii_case(r)) {
        return None;
    }
    let len = name.len();
    if !(4..=64).contains(&len) || !name.is_ascii() {
        return None;
    }
    if ["Error", "Exception", "Warning"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return None;
    }
    let bytes = name.as_bytes();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if letters < 3 {
        return None;
    }
    let inner_underscore = name.trim_matches('_').contains('_') || name.starts_with("__");
    let digit_between = bytes
        .windows(3)
        .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_digit() && w[2].is_ascii_alphabetic())
        || bytes.windows(4).any(|w| {
            w[0].is_ascii_alphabetic()
                && w[1].is_ascii_digit()
                && w[2].is_ascii_digit()
                && w[3].is_ascii_alphabetic()
        });
    let hump = bytes
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    if inner_underscore || digit_between {
        Some(Shape::Unmistakable)
    } else if hump {
        Some(Shape::CamelOnly)
    } else {
        None
    }
}

pub(super) fn code_refs(
    source: &Line<'_>,
    project: &Project,
    out: &mut Extracted,
    path_keys: &mut HashSet<String>,
    ident_keys: &mut HashSet<String>,
) {
    let mut owned;
    let mut line = source.text;
    if line.contains("://") {
        owned = URL.replace_all(line, " ").into_owned();
        line = &owned;
    }
    if has_code_extension(line) {
        let mut rest = String::with_capacity(line.len());
        let mut last = 0;
        for m in CODE_PATH.find_iter(line) {
            rest.push_str(&line[last..m.start()]);
            rest.push(' ');
            last = m.end();
            if out.paths.len() < MAX_PATHS
                && !is_placeholder(m.as_str())
                && let Some(p) = normalize_path(m.as_str(), project)
                && path_keys.insert(p.display.to_lowercase())
            {
                out.paths.push(p);
            }
        }
        if last > 0 {
            rest.push_str(&line[last..]);
            owned = rest;
            line = &owned;
        }
    }
    // In prose, a CamelCase word is as often a product (`GitHub`, `DeepSpeed`) as a class: it
    // counts only inside backticks. snake_case and `Linear4bit` are code wherever they are.
    let in_code = source.kind == LineKind::Code;
    let spans: Vec<(usize, usize)> = if in_code {
        Vec::new()
    } else {
        INLINE_CODE
            .find_iter(line)
            .map(|m| (m.start(), m.end()))
            .collect()
    };
    for (start, end) in dotted_words(line) {
        if out.identifiers.len() >= MAX_IDENTIFIERS {
            break;
        }
        let word = &line[start..end];
        // `GLIBCXX_3.4.30`, `v1_2.0`: a version, not a name.
        let rest = &line.as_bytes()[end..];
        if rest.first() == Some(&b'.') && rest.get(1).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let leaf = word.rsplit(['.', ':']).next().unwrap_or("");
        // `<your_config>`: a template's blank, not a name.
        let bracketed = start > 0
            && line.as_bytes()[start - 1] == b'<'
            && line.as_bytes().get(end) == Some(&b'>');
        if bracketed || is_placeholder(word) {
            continue;
        }
        let Some(shape) = identifier_shape(leaf) else {
            continue;
        };
        let quoted = in_code || spans.iter().any(|&(a, b)| a <= start && end <= b);
        if shape == Shape::CamelOnly && !quoted {
            continue;
        }
        let key = leaf.to_lowercase();
        // Once the project's code has been read, only the names it defines point into it.
        if project.defined.as_ref().is_some_and(|d| !d.contains(&key)) {
            continue;
        }
        if ident_keys.insert(key.clone()) {
            out.identifiers.push((key, leaf.to_string()));
        }
    }
}

/// Whether a name or path is a stand-in for the reader's own (`path/to/your/app.py`,
/// `my_module`, `foo.bar`), not the project's code.
pub fn is_placeholder(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.contains("path/to")
        || lower.contains("path_to")
        || lower.contains("...")
        || lower.contains("xxxx")
    {
        return true;
    }
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .any(|part| {
            matches!(
                part,
                "your" | "my" | "mymodule" | "myapp" | "foo" | "foobar" | "xxx" | "placeholder"
            ) || part.starts_with("your")
        })
}

/// Whether `line` may hold a file path: a dot followed by a known extension.
fn has_code_extension(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'.'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
            && CODE_EXTENSIONS.split('|').any(|ext| {
                bytes[i + 1..].starts_with(ext.as_bytes())
                    && !bytes
                        .get(i + 1 + ext.len())
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            })
    })
}

/// The spans of qualified names (`a.b_c`, `ns::f`) in `line`: runs of identifier characters
/// joined by `.` or `::`, starting with a letter or `_`, without trailing separators.
fn dotted_words(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = line.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            let boundary = i == 0 || !is_word(bytes[i - 1]);
            if (b.is_ascii_alphabetic() || b == b'_') && boundary {
                let start = i;
                let mut end = i;
                let mut j = i;
                loop {
                    while j < bytes.len() && is_word(bytes[j]) {
                        j += 1;
                    }
                    end = end.max(j);
                    // Continue through `.x` or `::x` where x starts a name.
                    let sep = if bytes.get(j) == Some(&b'.') {
                        1
                    } else if bytes.get(j) == Some(&b':') && bytes.get(j + 1) == Some(&b':') {
                        2
                    } else {
                        0
                    };
                    if sep > 0
                        && bytes
                            .get(j + sep)
                            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
                    {
                        j += sep;
                    } else {
                        break;
                    }
                }
                i = end;
                return Some((start, end));
            }
            i += 1;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::RepoName;

    fn project() -> Project {
        Project::new(&RepoName::parse("acme/tensorpack").expect("repo"))
    }

    #[test]
    fn a_runtimes_environment_variables_are_not_the_projects_code() {
        for foreign in [
            "RUST_LOG",
            "RUST_BACKTRACE",
            "PYTHONPATH",
            "NODE_OPTIONS",
            "LD_LIBRARY_PATH",
        ] {
            assert_eq!(identifier_shape(foreign), None, "{foreign}");
        }
        assert_eq!(
            identifier_shape("parse_hyperlink"),
            Some(Shape::Unmistakable)
        );
        assert_eq!(identifier_shape("LUMEN_LOG"), Some(Shape::Unmistakable));
    }

    #[test]
    fn paths_are_package_relative() {
        let p = project();
        let norm = |s: &str| normalize_path(s, &p).map(|p| (p.key, p.display));
        assert_eq!(
            norm("/home/a/.venv/lib/python3.11/site-packages/tensorpack/backends/cuda/ops.py"),
            Some((
                "cuda/ops.py".into(),
                "tensorpack/backends/cuda/ops.py".into()
            ))
        );
        assert_eq!(
            norm(
                "C:\\Users\\b\\AppData\\Roaming\\Python\\Python311\\site-packages\\tensorpack\\cextension.py"
            ),
            Some((
                "tensorpack/cextension.py".into(),
                "tensorpack/cextension.py".into()
            ))
        );
        assert_eq!(
            norm("/home/nkt/src/tensorpack/csrc/kernels.cu"),
            Some(("csrc/kernels.cu".into(), "csrc/kernels.cu".into()))
        );
        assert_eq!(norm("/home/hk/work/finetune.py"), None);
        assert_eq!(
            norm("csrc/ops.cuh"),
            Some(("csrc/ops.cuh".into(), "csrc/ops.cuh".into()))
        );
    }

    #[test]
    fn qualified_names_are_scanned_whole() {
        let words = |s: &str| -> Vec<String> {
            dotted_words(s).map(|(a, b)| s[a..b].to_string()).collect()
        };
        assert_eq!(
            words("call tp.nn.Linear4bit() then ns::f, end. x1 _y"),
            [
                "call",
                "tp.nn.Linear4bit",
                "then",
                "ns::f",
                "end",
                "x1",
                "_y"
            ]
        );
        assert_eq!(words("a.b. 3.14 é_x"), ["a.b", "_x"]);
    }
}
