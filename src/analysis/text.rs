//! Reading issue markdown the way a maintainer skims it: prose counts, code counts less, and
//! environment dumps, issue-template boilerplate and HTML comments do not count at all. Also the
//! tokenizer (lowercase, stop words, English stemming) that the BM25 similarity is built on.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};

/// A pattern of the analysis, compiled with ASCII classes: `\\w`, `\\d`, `\\s` and `\\b` mean
/// what they mean in code, logs and paths. Unicode's classes compile to automata of a
/// megabyte or more each; over the ~60 patterns of the analysis that was most of the index's
/// fixed memory. Text in other scripts still passes through (`.` and negated classes are
/// untouched); it only does not count as word characters. Panics only on a pattern of ours
/// that does not compile, which the tests would catch.
pub(crate) fn regex(pattern: &str) -> Regex {
    Regex::new(&ascii_classes(pattern)).expect("valid regex")
}

/// `pattern` with its Perl classes made ASCII-only, inside and outside brackets.
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push(c);
                    break;
                };
                let replacement = match (next, in_class) {
                    ('w', false) => Some("[0-9A-Za-z_]"),
                    ('w', true) => Some("0-9A-Za-z_"),
                    ('d', false) => Some("[0-9]"),
                    ('d', true) => Some("0-9"),
                    ('s', false) => Some("[\\t\\n\\x0B\\x0C\\r ]"),
                    ('s', true) => Some("\\t\\n\\x0B\\x0C\\r "),
                    ('b', false) => Some("(?-u:\\b)"),
                    ('B', false) => Some("(?-u:\\B)"),
                    _ => None,
                };
                match replacement {
                    Some(r) => out.push_str(r),
                    None => {
                        out.push(c);
                        out.push(next);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is a literal.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text beyond this is not read: a 10 MB log pasted into an issue says nothing the first
/// 256 KiB do not, and reading it would let one thread stall the index.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;
/// Longer lines are cut (minified files, base64, binary junk).
const MAX_LINE_BYTES: usize = 2048;

/// What a line of markdown is, for weighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Prose,
    /// A `>` quotation, usually of an earlier comment.
    Quote,
    /// A heading that is not a template heading.
    Heading,
    /// A line of a fenced code block that is not a dump (code, a traceback, a command).
    Code,
    /// A block recognised as an environment dump.
    Dump(DumpKind),
    /// Template headings, `_No response_`, HTML comments, `<details>` tags, fences.
    Boilerplate,
}

/// Kinds of pasted output that make unrelated reports look alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpKind {
    /// `pip list`, `pip freeze`, `conda list`.
    Packages,
    /// `nvidia-smi` and other box-drawn tables.
    Table,
    /// `key: value` environment reports (`collect_env`, `python -m pkg`, doctor output).
    Environment,
    /// CMake, compiler and setup.py output.
    BuildLog,
}

/// One line of a text, classified.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub kind: LineKind,
    /// Inside `<details>`: folded away by the author, so secondary.
    pub folded: bool,
    /// Weight of the line's words in text similarity (0 for dumps and boilerplate).
    pub weight: f32,
}

impl Line<'_> {
    /// Whether errors, paths and identifiers may be read from this line: everything but
    /// package lists and tables, whose names and versions are not the reporter's problem.
    pub fn has_signals(&self) -> bool {
        !matches!(
            self.kind,
            LineKind::Dump(DumpKind::Packages)
                | LineKind::Dump(DumpKind::Table)
                | LineKind::Boilerplate
        )
    }
}

/// `s` cut to at most `max` bytes on a character boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

// Headings that issue templates put in every report; their words say nothing about the issue.
const TEMPLATE_HEADINGS: &[&str] = &[
    "actual behavior",
    "actual behaviour",
    "actual result",
    "additional context",
    "additional information",
    "alternatives",
    "bug description",
    "checklist",
    "code sample",
    "context",
    "current behavior",
    "current behaviour",
    "describe alternatives you've considered",
    "describe the bug",
    "describe the solution you'd like",
    "description",
    "details",
    "environment",
    "error message",
    "expected behavior",
    "expected behaviour",
    "expected result",
    "feature request",
    "how to reproduce",
    "information",
    "is your feature request related to a problem",
    "is your feature request related to a problem? please describe",
    "logs",
    "minimal reproducible example",
    "motivation",
    "notes",
    "other",
    "output",
    "possible solution",
    "problem description",
    "proposal",
    "related issues",
    "reproduction",
    "reproduction steps",
    "screenshots",
    "solution",
    "stack trace",
    "steps",
    "steps to reproduce",
    "summary",
    "system info",
    "system information",
    "tasks",
    "to reproduce",
    "traceback",
    "version",
    "versions",
    "what did you expect to happen",
    "what happened",
    "who can help",
    "your contribution",
];

fn is_template_heading(heading: &str) -> bool {
    let h = heading
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c == '?' || c == '.')
        .trim()
        .to_lowercase();
    TEMPLATE_HEADINGS.binary_search(&h.as_str()).is_ok()
}

static PACKAGE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^\s*[A-Za-z0-9][A-Za-z0-9._\-\[\]]*\s*(?:==|===|>=|~=|\s@\s|\s{2,}|\t)\s*v?\d[\w.+\-!]*(?:\s+\S+){0,3}\s*$",
    )
});
static KEY_VALUE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // `key: value`, and the quoted keys of JSON and Python reprs (`"stdin_isatty": true,`).
    regex(r#"^\s*["']?[A-Za-z_][\w .()/\-]{1,40}["']?\s*[:=]\s+\S"#)
});
/// An Android log line's tag (`E/AndroidRuntime( 1234): `, or the threadtime form
/// `08-12 09:03:44.201 17730 17802 W Tag : `): a log, not a `key: value` report.
pub(crate) const LOG_TAG_PATTERN: &str = r"[VDIWEFA]/[\w.$ -]{1,40}\(\s*\d+\):\s|\d\d-\d\d\s+\d\d:\d\d:\d\d\.\d+\s+\d+\s+\d+\s+[VDIWEFA]\s+[\w.$ -]{1,40}?\s*:\s";
static LOG_TAG: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"^\s*(?:{LOG_TAG_PATTERN})")));
static EXCEPTION_START: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Warning)\b"));
static BUILD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^\s*(?:-- |\[\s*\d+%\]|ptxas |nvcc |g\+\+ |gcc |c\+\+ |cc1plus|clang|cmake |ninja|make(?:\[\d+\])?: |running |copying |creating |building |Building |Compiling |Linking |Scanning |Consolidate |Installing |Collecting |Downloading |Requirement already|Successfully |Using cached|\$ |#\d+ \d+\.\d+ )",
    )
});

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '=' | '+' | '|' | ' ' | ':' | '─' | '━' | '═' | '│' | '┼'
            )
        })
}

fn is_table_line(line: &str) -> bool {
    is_separator(line) || line.matches('|').count() >= 2 || line.matches('│').count() >= 2
}

/// Whether a block of lines is a dump, and which.
pub fn classify_block(lines: &[&str]) -> Option<DumpKind> {
    let mut n = 0usize;
    let (mut packages, mut table, mut env, mut build) = (0usize, 0usize, 0usize, 0usize);
    // Rows with cells, as opposed to rules: a `pip list` has rules but no cells.
    let mut rows = 0usize;
    for line in lines {
        let line = truncate(line, MAX_LINE_BYTES);
        if line.trim().is_empty() {
            continue;
        }
        n += 1;
        let separator = is_separator(line);
        if separator || PACKAGE_LINE.is_match(line) || line.trim_start().starts_with("Package ") {
            packages += 1;
        }
        if is_table_line(line) {
            table += 1;
            if !separator {
                rows += 1;
            }
        }
        if separator
            || (KEY_VALUE_LINE.is_match(line)
                && !EXCEPTION_START.is_match(line)
                && !LOG_TAG.is_match(line))
        {
            env += 1;
        }
        if BUILD_LINE.is_match(line) {
            build += 1;
        }
    }
    if n < 3 {
        return None;
    }
    let share = |k: usize| k as f32 / n as f32;
    if share(table) >= 0.5 && rows > 0 {
        Some(DumpKind::Table)
    } else if share(packages) >= 0.6 {
        Some(DumpKind::Packages)
    } else if share(build) >= 0.4 {
        Some(DumpKind::BuildLog)
    } else if n >= 5 && share(env) >= 0.6 {
        Some(DumpKind::Environment)
    } else {
        None
    }
}

// Code lines count less than prose, and a long block less per line: a 300-line traceback
// is one piece of evidence, not 300.
const CODE_WEIGHT: f32 = 0.35;
const QUOTE_WEIGHT: f32 = 0.3;
const FOLDED_FACTOR: f32 = 0.5;
const LONG_BLOCK_LINES: f32 = 25.0;

fn fence_marker(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start();
    ['`', '~'].into_iter().find_map(|c| {
        let n = trimmed.chars().take_while(|&x| x == c).count();
        (n >= 3).then_some((c, n))
    })
}

/// Splits markdown into classified lines. Unclosed fences run to the end, as GitHub renders
/// them; nothing here can fail.
pub fn segment(text: &str) -> Vec<Line<'_>> {
    let text = truncate(text, MAX_TEXT_BYTES);
    let mut out: Vec<Line<'_>> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut block: Vec<&str> = Vec::new();
    let mut block_folded = false;
    let mut paragraph: Vec<&str> = Vec::new();
    let mut in_comment = false;
    let mut details_depth = 0usize;

    fn flush_block<'a>(out: &mut Vec<Line<'a>>, block: &mut Vec<&'a str>, folded: bool) {
        let dump = classify_block(block);
        let n = block.iter().filter(|l| !l.trim().is_empty()).count() as f32;
        let damp = if n > LONG_BLOCK_LINES {
            (LONG_BLOCK_LINES / n).sqrt()
        } else {
            1.0
        };
        let fold = if folded { FOLDED_FACTOR } else { 1.0 };
        for l in block.drain(..) {
            let (kind, weight) = match dump {
                Some(k) => (LineKind::Dump(k), 0.0),
                None => (LineKind::Code, CODE_WEIGHT * damp * fold),
            };
            out.push(Line {
                text: truncate(l, MAX_LINE_BYTES),
                kind,
                folded,
                weight,
            });
        }
    }

    fn flush_paragraph<'a>(out: &mut Vec<Line<'a>>, paragraph: &mut Vec<&'a str>, folded: bool) {
        if paragraph.is_empty() {
            return;
        }
        let fold = if folded { FOLDED_FACTOR } else { 1.0 };
        // An unfenced paste of `pip list` or `nvidia-smi` is as much a dump as a fenced one.
        let dump = if paragraph.len() >= 4 {
            classify_block(paragraph)
        } else {
            None
        };
        for l in paragraph.drain(..) {
            let l = truncate(l, MAX_LINE_BYTES);
            let trimmed = l.trim();
            let (kind, weight) = if let Some(k) = dump {
                (LineKind::Dump(k), 0.0)
            } else if trimmed.starts_with('>') {
                (LineKind::Quote, QUOTE_WEIGHT * fold)
            } else if let Some(h) = heading_text(trimmed) {
                if is_template_heading(h) {
                    (LineKind::Boilerplate, 0.0)
                } else {
                    (LineKind::Heading, fold)
                }
            } else if is_boilerplate_line(trimmed) {
                (LineKind::Boilerplate, 0.0)
            } else {
                (LineKind::Prose, fold)
            };
            out.push(Line {
                text: l,
                kind,
                folded,
                weight,
            });
        }
    }

    for line in text.lines() {
        if let Some((c, n)) = fence {
            let closes = fence_marker(line)
                .is_some_and(|(c2, n2)| c2 == c && n2 >= n && line.trim().len() == n2);
            if closes {
                fence = None;
                flush_block(&mut out, &mut block, block_folded);
                out.push(boilerplate(line));
            } else {
                block.push(line);
            }
            continue;
        }
        if in_comment {
            if line.contains("-->") {
                in_comment = false;
            }
            out.push(boilerplate(line));
            continue;
        }
        let trimmed = line.trim();
        if let Some(open) = fence_marker(line) {
            flush_paragraph(&mut out, &mut paragraph, details_depth > 0);
            fence = Some(open);
            block_folded = details_depth > 0;
            out.push(boilerplate(line));
            continue;
        }
        if let Some(start) = trimmed.find("<!--") {
            if !trimmed[start..].contains("-->") {
                in_comment = true;
            }
            if start == 0 {
                flush_paragraph(&mut out, &mut paragraph, details_depth > 0);
                out.push(boilerplate(line));
                continue;
            }
        }
        let lower_tag = trimmed.to_ascii_lowercase();
        let opens = lower_tag.matches("<details").count();
        let closes = lower_tag.matches("</details").count();
        if opens > 0 || closes > 0 || lower_tag.starts_with("<summary") {
            flush_paragraph(&mut out, &mut paragraph, details_depth > 0);
            details_depth = (details_depth + opens).saturating_sub(closes);
            out.push(boilerplate(line));
            continue;
        }
        if trimmed.is_empty() {
            flush_paragraph(&mut out, &mut paragraph, details_depth > 0);
            continue;
        }
        paragraph.push(line);
    }
    if fence.is_some() {
        flush_block(&mut out, &mut block, block_folded);
    }
    flush_paragraph(&mut out, &mut paragraph, details_depth > 0);
    out
}

fn boilerplate(line: &str) -> Line<'_> {
    Line {
        text: truncate(line, MAX_LINE_BYTES),
        kind: LineKind::Boilerplate,
        folded: false,
        weight: 0.0,
    }
}

fn heading_text(trimmed: &str) -> Option<&str> {
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &trimmed[hashes..];
        if rest.starts_with(' ') || rest.is_empty() {
            return Some(rest.trim());
        }
    }
    // Bold-only lines are template headings in many hand-written templates (`**Environment**`).
    if let Some(inner) = trimmed
        .strip_prefix("**")
        .and_then(|r| r.strip_suffix("**"))
        .or_else(|| {
            trimmed
                .strip_prefix("**")
                .and_then(|r| r.strip_suffix("**:"))
        })
        && !inner.contains("**")
        && inner.len() < 60
    {
        return Some(inner);
    }
    None
}

fn is_boilerplate_line(trimmed: &str) -> bool {
    let lower = trimmed.to_ascii_lowercase();
    lower == "_no response_"
        || lower == "no response"
        || lower == "n/a"
        || lower.starts_with("- [ ] the official example")
        || lower.starts_with("- [x] the official example")
        || lower.starts_with("- [ ] my own modified")
        || lower.starts_with("- [x] my own modified")
        || lower.starts_with("- [ ] an officially supported")
        || lower.starts_with("- [x] an officially supported")
        || lower.starts_with("- [ ] my own task")
        || lower.starts_with("- [x] my own task")
}

// English function words plus the small talk of issue trackers; neither says what an issue is
// about.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "anyone", "anything", "are", "aren", "as", "at", "be", "because", "been", "before", "being",
    "below", "between", "both", "but", "by", "can", "cannot", "could", "couldn", "did", "didn",
    "do", "does", "doesn", "doing", "don", "down", "during", "each", "else", "etc", "even",
    "ever", "every", "few", "for", "from", "further", "get", "gets", "getting", "got", "had",
    "hadn", "has", "hasn", "have", "haven", "having", "he", "hello", "her", "here", "hers",
    "herself", "hi", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is",
    "isn", "it", "its", "itself", "just", "let", "like", "ll", "me", "might", "more", "most",
    "much", "must", "mustn", "my", "myself", "need", "no", "nor", "not", "now", "of", "off",
    "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
    "own", "please", "re", "really", "same", "say", "see", "seems", "shan", "she", "should",
    "shouldn", "so", "some", "still", "such", "than", "thank", "thanks", "that", "the", "their",
    "theirs", "them", "themselves", "then", "there", "these", "they", "thing", "this", "those",
    "through", "thx", "to", "too", "try", "tried", "trying", "under", "until", "up", "us",
    "use", "used", "using", "ve", "very", "via", "was", "wasn", "we", "were", "weren", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "won", "would",
    "wouldn", "yes", "yet", "you", "your", "yours", "yourself", "yourselves",
    // The small talk of trackers: hopes, guesses and thanks say nothing about the issue.
    "actually", "anybody", "anyone", "anyway", "appreciate", "appreciated", "awesome",
    "basically", "cheers", "cool", "great", "guess", "guys", "hey", "hope", "hopefully",
    "idea", "ideas", "kind", "kindly", "love", "maybe", "nice", "perhaps", "probably",
    "regards", "somebody", "someone", "something", "sorry", "sure", "think", "thought",
    "wonder", "wondering",
];

/// Stems of the words that titles of every tracker use for their kind ("Feature request: add
/// support for ...", "Bug: fix ..."): they make titles alike without saying what about.
const TRACKER_WORDS: &[&str] = &[
    "add", "allow", "bug", "enhanc", "featur", "fix", "issu", "option", "problem", "propos",
    "question", "releas", "request", "support", "updat",
];

/// Words a version follows that are not a product: "release 2.1", "version 3.0", "upgrading
/// 2.4" name the version alone.
const NOT_PRODUCTS: &[&str] = &[
    "release",
    "released",
    "releases",
    "version",
    "versions",
    "ver",
    "tag",
    "tagged",
    "bump",
    "bumped",
    "changelog",
    "upgrade",
    "upgraded",
    "upgrading",
    "downgrade",
    "downgraded",
    "downgrading",
    "since",
    "until",
    "beta",
    "alpha",
    "rc",
    "milestone",
    "branch",
];

/// Whether a stem is one of the words every tracker's titles use for their kind.
pub fn is_tracker_word(stem: &str) -> bool {
    TRACKER_WORDS.contains(&stem)
}

static STOP_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

static URL: LazyLock<Regex> = LazyLock::new(|| regex(r"(?:https?|ftp|file)://\S+"));
// A path with at least two separators: only its last two components say anything (the rest is
// a home directory, a virtualenv, a conda prefix).
static LONG_PATH: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?:[A-Za-z]:)?(?:[\\/]?[\w.~+@-]+)(?:[\\/][\w.~+@-]+)*([\\/][\w.~+@-]+[\\/][\w.~+@-]+)")
});

/// A tag's dotted version (`v0.4.0`, `V2.1`): numbers, like the version they spell, and not
/// a word `v0` that every tag of one major shares.
static TAG_VERSION: LazyLock<Regex> = LazyLock::new(|| regex(r"\b[vV](\d+\.\d)"));

const MAX_TOKEN_CHARS: usize = 32;

/// Calls `emit` with each index term of `text`: lowercase, stop words dropped, English stems.
/// Numbers, hashes and the noise of paths and URLs are dropped too.
pub fn tokens(text: &str, mut emit: impl FnMut(&str)) {
    tokens_with_words(text, |stem, _| emit(stem));
}

/// [`tokens`], with each term's word as written (lowercase, before stemming).
pub fn tokens_with_words(text: &str, mut emit: impl FnMut(&str, &str)) {
    let text = truncate(text, MAX_TEXT_BYTES);
    let cleaned;
    let mut text = text;
    if text.contains("://") {
        cleaned = URL.replace_all(text, " ").into_owned();
        text = &cleaned;
    }
    let cleaned2;
    if text.contains('/') || text.contains('\\') {
        cleaned2 = LONG_PATH.replace_all(text, "$1").into_owned();
        text = &cleaned2;
    }
    let cleaned3;
    if text.contains(['v', 'V']) && TAG_VERSION.is_match(text) {
        cleaned3 = TAG_VERSION.replace_all(text, "$1").into_owned();
        text = &cleaned3;
    }
    // Versions are one token whatever their spelling: "CUDA 12.4", "cuda12.4", "cu124".
    if text.bytes().any(|b| b.is_ascii_digit()) {
        for (token, written) in versions(text) {
            emit(&token, written);
        }
    }
    let mut word = String::new();
    let mut lower = String::new();
    let mut flush = |word: &mut String, lower: &mut String| {
        if !word.is_empty() {
            emit_word(lower, &mut emit);
            // A compound name says its parts too: `QuantState` is about quant and state.
            if word.len() <= MAX_TOKEN_CHARS * 2 && word.is_ascii() {
                let parts = camel_parts(word);
                if parts.len() > 1 {
                    for part in parts {
                        emit_word(&part.to_ascii_lowercase(), &mut emit);
                    }
                }
            }
            word.clear();
            lower.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
            for l in c.to_lowercase() {
                lower.push(l);
            }
        } else {
            flush(&mut word, &mut lower);
        }
    }
    flush(&mut word, &mut lower);
}

/// The parts of a camelCase or PascalCase word (`loadStateDict` -> load, State, Dict; an
/// acronym stays whole: `HTTPServer` -> HTTP, Server).
fn camel_parts(word: &str) -> Vec<&str> {
    let b = word.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..b.len() {
        let (prev, cur) = (b[i - 1], b[i]);
        let next_lower = b.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        let boundary = (prev.is_ascii_lowercase() && cur.is_ascii_uppercase())
            || (prev.is_ascii_uppercase() && cur.is_ascii_uppercase() && next_lower)
            || (prev.is_ascii_alphabetic() && cur.is_ascii_digit())
            || (prev.is_ascii_digit() && cur.is_ascii_alphabetic());
        if boundary {
            parts.push(&word[start..i]);
            start = i;
        }
    }
    parts.push(&word[start..]);
    parts.retain(|p| p.len() >= 3 && p.bytes().any(|c| c.is_ascii_alphabetic()));
    parts
}

/// A product name and its version, written apart or together (`Python 3.11`, `python3.11`,
/// `node18`) or packed (`cu124`, `cp311`).
static VERSION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?P<name>[a-z][a-z+#]{1,15}?)[ _-]?v?(?P<major>\d{1,3})(?:\.(?P<minor>\d{1,3}))?(?:\.\d+)*\b",
    )
});

/// Names whose bare major version (`Node 18`, `Windows 11`) is a version; for other words
/// only a dotted one is (`requests 2.32`), so that "step 2" is not.
const VERSIONED_NAMES: &[&str] = &[
    "android", "clang", "cuda", "debian", "gcc", "go", "ios", "java", "jdk", "macos", "msvc",
    "node", "nodejs", "python", "pytorch", "rocm", "rust", "torch", "ubuntu", "windows",
];

/// The version tokens of `text` (`cuda12` and `cuda12.4`), with the text each came from.
fn versions(text: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for c in VERSION.captures_iter(text).take(64) {
        let (Some(whole), Some(name), Some(major)) = (c.get(0), c.name("name"), c.name("major"))
        else {
            continue;
        };
        let mut name = name.as_str().to_lowercase();
        let mut major = major.as_str().to_string();
        let mut minor = c.name("minor").map(|m| m.as_str().to_string());
        // Packed build tags: `cu124` is CUDA 12.4, `cp311` and `py311` Python 3.11.
        let packed = whole.as_str().chars().all(|ch| ch.is_ascii_alphanumeric());
        match name.as_str() {
            "cu" if packed && major.len() >= 3 && minor.is_none() => {
                let (a, b) = major.split_at(major.len() - 1);
                (name, major, minor) = ("cuda".into(), a.to_string(), Some(b.to_string()));
            }
            "cp" | "py" if packed && major.len() >= 2 && minor.is_none() => {
                let (a, b) = major.split_at(1);
                (name, major, minor) = ("python".into(), a.to_string(), Some(b.to_string()));
            }
            "nodejs" => name = "node".into(),
            "pytorch" => name = "torch".into(),
            _ => {}
        }
        if minor.is_none() && !VERSIONED_NAMES.contains(&name.as_str()) {
            continue;
        }
        if STOP_SET.contains(name.as_str()) || NOT_PRODUCTS.contains(&name.as_str()) {
            continue;
        }
        out.push((format!("{name}{major}"), whole.as_str()));
        if let Some(minor) = minor {
            out.push((format!("{name}{major}.{minor}"), whole.as_str()));
        }
    }
    out
}

fn emit_word(word: &str, emit: &mut impl FnMut(&str, &str)) {
    // A packed build tag is emitted as its version (see `versions`).
    let b = word.as_bytes();
    if (4..=5).contains(&b.len())
        && matches!(&b[..2], b"cu" | b"cp" | b"py")
        && b[2..].iter().all(u8::is_ascii_digit)
    {
        return;
    }
    let chars = word.chars().count();
    if !(2..=MAX_TOKEN_CHARS).contains(&chars) {
        return;
    }
    let digits = word.chars().filter(|c| c.is_ascii_digit()).count();
    // Numbers, versions, hashes and addresses: every report has different ones.
    let hex = word.strip_prefix("0x").unwrap_or(word);
    let hex_like = (hex.len() < word.len() || chars >= 6)
        && digits > 0
        && hex.chars().all(|c| c.is_ascii_hexdigit());
    if digits == chars || hex_like {
        return;
    }
    if STOP_SET.contains(word) {
        return;
    }
    if word.is_ascii() {
        stem_cached(word, |stem| {
            if stem.len() >= 2 {
                emit(stem, word);
            }
        });
    } else {
        emit(word, word);
    }
}

const STEM_CACHE_ENTRIES: usize = 100_000;

thread_local! {
    // Words repeat (Zipf): most stems are looked up, not computed. Bounded, so junk text can
    // only make it start over.
    static STEMS: std::cell::RefCell<std::collections::HashMap<String, String>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn stem_cached(word: &str, emit: impl FnOnce(&str)) {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word) {
            emit(stem);
            return;
        }
        let stem = STEMMER.stem(word).into_owned();
        emit(&stem);
        if cache.len() >= STEM_CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(word.to_string(), stem);
    });
}

/// Whether a comment is only a command to a bot (`/coordinate`, `/assign @me`): it says
/// nothing about the issue.
pub fn is_command_only(body: &str) -> bool {
    let mut lines = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    lines.peek().is_some()
        && lines.all(|l| {
            l.strip_prefix('/')
                .and_then(|rest| rest.split_whitespace().next())
                .is_some_and(|w| {
                    w.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_android_log_is_a_log_not_a_key_value_report() {
        let logcat = [
            "E/AndroidRuntime(21877): FATAL EXCEPTION: main",
            "E/AndroidRuntime(21877): Process: com.example.orders, PID: 21877",
            "E/AndroidRuntime(21877): java.lang.IllegalStateException: closed",
            "E/AndroidRuntime(21877): \tat io.example.Call.execute(Call.kt:40)",
            "E/AndroidRuntime(21877): \tat io.example.ui.Main.onCreate(Main.kt:12)",
        ];
        assert_eq!(classify_block(&logcat), None);
        let threadtime = [
            "08-12 09:03:44.201 17730 17802 W Net     : pool: evicted",
            "08-12 09:03:44.305 17730 17802 W Net     : pool: reconnect",
            "08-12 09:03:45.001 17730 17802 E Net     : call: failed",
            "08-12 09:03:45.002 17730 17802 E Net     : call: retry",
            "08-12 09:03:45.101 17730 17802 E Net     : call: gave up",
        ];
        assert_eq!(classify_block(&threadtime), None);
        let env = [
            "OS: Android 14",
            "Device: Pixel 8",
            "Library: 2.4.1",
            "Kotlin: 2.1.20",
            "JDK: 21",
        ];
        assert_eq!(classify_block(&env), Some(DumpKind::Environment));
    }

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokens(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn template_headings_are_sorted_for_binary_search() {
        let mut sorted = TEMPLATE_HEADINGS.to_vec();
        sorted.sort();
        assert_eq!(sorted, TEMPLATE_HEADINGS);
    }

    #[test]
    fn tokens_are_stemmed_and_filtered() {
        assert_eq!(
            terms("The optimizers were loading states, see https://x.org/a/b 0x7f3a2c 12345"),
            ["optim", "load", "state"]
        );
        assert_eq!(
            terms("/home/alice/venv/lib/python3.10/site-packages/pkg/functional.py"),
            ["pkg", "function", "py"]
        );
    }

    #[test]
    fn compound_names_say_their_parts() {
        assert_eq!(camel_parts("loadStateDict"), ["load", "State", "Dict"]);
        assert_eq!(camel_parts("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(camel_parts("Linear4bit"), ["Linear", "bit"]);
        assert_eq!(camel_parts("plain"), ["plain"]);
        let t = terms("QuantState and state_dict");
        for expected in ["quantstat", "quant", "state", "dict"] {
            assert!(t.iter().any(|x| x == expected), "{expected} in {t:?}");
        }
    }

    #[test]
    fn versions_are_one_token_however_written() {
        let v = |s: &str| -> Vec<String> {
            let mut out: Vec<String> = terms(s)
                .into_iter()
                .filter(|t| t.contains(|c: char| c.is_ascii_digit()))
                .collect();
            out.sort();
            out.dedup();
            out
        };
        for written in [
            "CUDA 12.4",
            "cuda12.4",
            "cu124",
            "with cuda 12.4.1 installed",
        ] {
            assert_eq!(v(written), ["cuda12", "cuda12.4"], "{written}");
        }
        assert_eq!(v("Python 3.11"), v("cp311"));
        assert_eq!(v("py311"), ["python3", "python3.11"]);
        assert_eq!(v("Node 18"), ["node18"]);
        assert_eq!(v("requests 2.32.3"), ["requests2", "requests2.32"]);
        assert!(v("see step 2 and line 12").is_empty());
        // A tag's version is no word: two releases of one major share nothing by it.
        assert!(
            v("Release v0.4.0").is_empty(),
            "{:?}",
            terms("Release v0.4.0")
        );
        assert!(terms("Release v0.4.0").iter().all(|t| t != "v0"));
        assert!(terms("plugin API v2").iter().any(|t| t == "v2"));
    }

    #[test]
    fn dumps_are_recognised() {
        let pip = "Package    Version\n---------- -------\naccelerate 0.16.0\ntorch      2.0.1\nnumpy      1.24.4";
        assert_eq!(
            classify_block(&pip.lines().collect::<Vec<_>>()),
            Some(DumpKind::Packages)
        );
        let freeze = "accelerate==0.20.3\naiohttp==3.8.5\ncertifi==2023.7.22\ntorch==2.0.1+cu118";
        assert_eq!(
            classify_block(&freeze.lines().collect::<Vec<_>>()),
            Some(DumpKind::Packages)
        );
        let smi =
            "+-----------+\n| NVIDIA-SMI 525 | Driver |\n|====|====|\n|  0  RTX | Off |\n+------+";
        assert_eq!(
            classify_block(&smi.lines().collect::<Vec<_>>()),
            Some(DumpKind::Table)
        );
        let traceback = "Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\n    f()\nValueError: bad";
        assert_eq!(classify_block(&traceback.lines().collect::<Vec<_>>()), None);
    }

    #[test]
    fn segments_weigh_prose_over_code_and_drop_templates() {
        let text = "### System Info\n\nsome prose here\n\n```\nx = f()\n```\n\n<!-- fill this in\nplease -->\n> quoted\n\n_No response_";
        let lines = segment(text);
        let kind_of = |needle: &str| {
            lines
                .iter()
                .find(|l| l.text.contains(needle))
                .map(|l| l.kind)
        };
        assert_eq!(kind_of("System Info"), Some(LineKind::Boilerplate));
        assert_eq!(kind_of("some prose"), Some(LineKind::Prose));
        assert_eq!(kind_of("x = f()"), Some(LineKind::Code));
        assert_eq!(kind_of("fill this in"), Some(LineKind::Boilerplate));
        assert_eq!(kind_of("quoted"), Some(LineKind::Quote));
        assert_eq!(kind_of("_No response_"), Some(LineKind::Boilerplate));
    }

    #[test]
    fn unclosed_fences_and_junk_do_not_panic() {
        for text in [
            "```",
            "```\n",
            "~~~~\n```\n",
            "<details>",
            "</details></details>",
            "\u{0}\u{ffff}é#",
            "#",
        ] {
            let _ = segment(text);
            tokens(text, |_| {});
        }
        let huge = "a".repeat(MAX_TEXT_BYTES * 2);
        assert!(
            segment(&huge)
                .iter()
                .all(|l| l.text.len() <= MAX_LINE_BYTES)
        );
    }

    #[test]
    fn perl_classes_become_ascii() {
        assert_eq!(ascii_classes(r"\w+\.\d"), r"[0-9A-Za-z_]+\.[0-9]");
        assert_eq!(ascii_classes(r"[\w.-]+"), r"[0-9A-Za-z_.-]+");
        assert_eq!(ascii_classes(r"[^\s\]]"), r"[^\t\n\x0B\x0C\r \]]");
        assert_eq!(ascii_classes(r"\bfoo\B"), r"(?-u:\b)foo(?-u:\B)");
        assert_eq!(ascii_classes(r"[]a]\W"), r"[]a]\W");
        let re = regex(r"^\w+\s\d\b");
        assert!(re.is_match("abc 1"));
        assert!(!re.is_match("été 1"));
    }
}
