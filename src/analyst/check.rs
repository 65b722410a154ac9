//! What the analyst wrote, checked: every issue number it cites exists in the mirror, every
//! `PATH:LINE` exists at the commit the code was read, every quoted error line appears in the
//! threads. A sentence (or a "do not" item) that cites something that is not there is removed,
//! and the removal counted. What is kept is made safe to publish: no headings of its own, no
//! HTML, no images, links shown as text, fences closed.

use std::sync::LazyLock;

use regex::Regex;

use crate::code::CodeIndex;

static ISSUE_CITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w&/#])#(\d{1,9})\b").unwrap_or_else(|e| panic!("bad regex: {e}"))
});
static PATH_CITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\w./-])((?:[\w.-]+/)*[\w.-]+\.[A-Za-z][A-Za-z0-9]{0,7}):(\d{1,7})(?:-(\d{1,7}))?",
    )
    .unwrap_or_else(|e| panic!("bad regex: {e}"))
});
static BACKTICKED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"`([^`\n]{6,400})`").unwrap_or_else(|e| panic!("bad regex: {e}")));
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,6}(\s|$)").unwrap_or_else(|e| panic!("bad regex: {e}")));
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][^>\n]{0,200}>|<!--.*?-->").unwrap_or_else(|e| panic!("bad regex: {e}"))
});
static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"!\[([^\]\n]*)\]\([^)\n]*\)").unwrap_or_else(|e| panic!("bad regex: {e}"))
});
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\]\n]*)\]\(([^)\s\n]*)\)").unwrap_or_else(|e| panic!("bad regex: {e}"))
});

/// What the citations are checked against.
pub struct Evidence<'a> {
    /// Whether the mirror holds thread `#N`.
    pub thread_exists: &'a (dyn Fn(i64) -> bool + Sync),
    /// The code read, and the repository's web URL for permalinks; `None`: no path can be
    /// checked, so none is kept.
    pub code: Option<(&'a CodeIndex, &'a str)>,
    /// The threads' texts (the issue, its comments, the related threads), for quoted errors.
    pub texts: &'a [&'a str],
}

/// Citations removed, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    pub issues: usize,
    pub paths: usize,
    pub errors: usize,
}

impl Removed {
    pub fn total(&self) -> usize {
        self.issues + self.paths + self.errors
    }

    fn add(&mut self, other: Removed) {
        self.issues += other.issues;
        self.paths += other.paths;
        self.errors += other.errors;
    }
}

/// A text's failed citations.
fn failed(text: &str, evidence: &Evidence<'_>) -> Removed {
    let mut removed = Removed::default();
    // Paths and numbers inside backticks are citations too.
    for c in ISSUE_CITE.captures_iter(text) {
        let ok = c[1]
            .parse::<i64>()
            .is_ok_and(|n| (evidence.thread_exists)(n));
        if !ok {
            removed.issues += 1;
        }
    }
    for c in PATH_CITE.captures_iter(text) {
        if !path_exists(&c[1], &c[2], c.get(3).map(|m| m.as_str()), evidence) {
            removed.paths += 1;
        }
    }
    for c in BACKTICKED.captures_iter(text) {
        let quoted = &c[1];
        if is_error_line(quoted) && !appears(quoted, evidence.texts) {
            removed.errors += 1;
        }
    }
    removed
}

fn path_exists(path: &str, line: &str, end: Option<&str>, evidence: &Evidence<'_>) -> bool {
    let Some((code, _)) = evidence.code else {
        return false;
    };
    let Some(file) = find_file(code, path) else {
        return false;
    };
    let lines = code.file(file).map_or(0, |f| f.lines);
    let within = |l: &str| l.parse::<u32>().is_ok_and(|l| l >= 1 && l <= lines);
    within(line) && end.is_none_or(within)
}

/// The file a cited path names: the exact path, or the one file it is a suffix of.
fn find_file(code: &CodeIndex, path: &str) -> Option<u32> {
    let path = path.trim_start_matches("./");
    let found = code.files_ending_with(path);
    if let Some(&exact) = found
        .iter()
        .find(|&&i| code.file(i).is_some_and(|f| f.path == path))
    {
        return Some(exact);
    }
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Whether a quoted text reads as an error line (an exception, a logged error, a failing
/// command's message), as the analysis recognises them.
fn is_error_line(text: &str) -> bool {
    !crate::analysis::errors::parse_error_line(text, || "").is_empty()
}

/// Whether `quoted` appears in one of the texts, whitespace and case aside.
fn appears(quoted: &str, texts: &[&str]) -> bool {
    let flat = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let needle = flat(quoted);
    texts.iter().any(|t| flat(t).contains(&needle))
}

/// The sentences of a line, cut after `.`, `!` or `?` followed by a space, outside backticks.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_code = false;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'`' => in_code = !in_code,
            b'.' | b'!' | b'?' if !in_code && bytes.get(i + 1) == Some(&b' ') => {
                out.push(&line[start..=i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

/// `text` without the sentences whose citations fail, and what was removed.
pub fn keep_checked(text: &str, evidence: &Evidence<'_>) -> (String, Removed) {
    let mut removed = Removed::default();
    let mut lines = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            lines.push(line.to_string());
            continue;
        }
        if in_fence {
            // Code in a fence is checked whole: an invented path in it drops only the line.
            let bad = failed(line, evidence);
            if bad.total() > 0 {
                removed.add(bad);
                continue;
            }
            lines.push(line.to_string());
            continue;
        }
        let mut kept = String::new();
        let mut dropped_any = false;
        for sentence in sentences(line) {
            let bad = failed(sentence, evidence);
            if bad.total() > 0 {
                removed.add(bad);
                dropped_any = true;
            } else {
                kept.push_str(sentence);
            }
        }
        let kept = kept.trim_end().to_string();
        let only_marker = kept
            .trim()
            .trim_start_matches(['-', '*', '+'])
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches('.')
            .trim()
            .is_empty();
        if dropped_any && only_marker {
            continue;
        }
        lines.push(kept);
    }
    (lines.join("\n").trim().to_string(), removed)
}

/// One "do not" item, or `None` when a citation of it fails.
pub fn keep_item(item: &str, evidence: &Evidence<'_>) -> (Option<String>, Removed) {
    let bad = failed(item, evidence);
    if bad.total() > 0 {
        (None, bad)
    } else {
        (Some(crate::markdown::one_line(item, 600)), bad)
    }
}

/// The analyst's markdown made safe to place among the prompt's own sections: headings become
/// bold lines (its text cannot open a section of ours), HTML and images go, links show their
/// address as text, a fence left open is closed, `PATH:LINE` citations get their permalinks,
/// and nobody is mentioned nor any issue cross-linked.
pub fn tame(text: &str, code: Option<(&CodeIndex, &str)>, keep: i64) -> String {
    let mut out = Vec::new();
    let mut fences = 0;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fences += 1;
            out.push(line.to_string());
            continue;
        }
        if fences % 2 == 1 {
            out.push(line.to_string());
            continue;
        }
        let line = if HEADING.is_match(trimmed) {
            format!("**{}**", trimmed.trim_start_matches('#').trim())
        } else {
            line.to_string()
        };
        let line = HTML_TAG.replace_all(&line, "");
        let line = IMAGE.replace_all(&line, "$1");
        let line = LINK.replace_all(&line, "$1 (`$2`)");
        let line = match code {
            Some((code, web)) => link_paths(&line, code, web),
            None => line.into_owned(),
        };
        out.push(line);
    }
    if fences % 2 == 1 {
        out.push("```".to_string());
    }
    crate::markdown::neutralize(&out.join("\n"), Some(keep))
}

/// `PATH:LINE` outside backticks becomes a link to the line at the commit read.
fn link_paths(line: &str, code: &CodeIndex, web: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    let mut in_code = false;
    let mut ticks = line.match_indices('`').map(|(i, _)| i).peekable();
    for c in PATH_CITE.captures_iter(line) {
        let Some(m) = c.get(1) else { continue };
        while let Some(&t) = ticks.peek() {
            if t < m.start() {
                in_code = !in_code;
                ticks.next();
            } else {
                break;
            }
        }
        let Some(file) = find_file(code, m.as_str()) else {
            continue;
        };
        let start: u32 = c[2].parse().unwrap_or(1);
        let end: u32 = c
            .get(3)
            .and_then(|e| e.as_str().parse().ok())
            .unwrap_or(start);
        let whole_end = c
            .get(3)
            .map_or(c.get(2).map_or(m.end(), |g| g.end()), |e| e.end());
        let cited = &line[m.start()..whole_end];
        let link = code.permalink(web, file, start, end.max(start));
        out.push_str(&line[last..m.start()]);
        if in_code {
            out.push_str(cited);
        } else {
            out.push_str(&format!("[{cited}]({link})"));
        }
        last = whole_end;
    }
    out.push_str(&line[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_code<'a>(texts: &'a [&'a str]) -> Evidence<'a> {
        Evidence {
            thread_exists: &|n| n == 12 || n == 40,
            code: None,
            texts,
        }
    }

    #[test]
    fn invented_numbers_lose_their_sentence() {
        let texts = ["ValueError: bad shape (3, 4)"];
        let ev = no_code(&texts);
        let (kept, removed) = keep_checked(
            "The cause is in the parser, as #12 showed. The same happened in #999. See #40.",
            &ev,
        );
        assert_eq!(kept, "The cause is in the parser, as #12 showed. See #40.");
        assert_eq!(removed.issues, 1);
    }

    #[test]
    fn paths_need_the_code() {
        let texts: [&str; 0] = [];
        let ev = no_code(&texts);
        let (kept, removed) = keep_checked("- Look at src/parse.rs:10.\n- Then write a test.", &ev);
        assert_eq!(kept, "- Then write a test.");
        assert_eq!(removed.paths, 1);
    }

    #[test]
    fn quoted_errors_must_be_in_the_threads() {
        let texts = ["Traceback ...\nValueError: bad shape (3, 4)"];
        let ev = no_code(&texts);
        let (kept, removed) = keep_checked(
            "It fails with `ValueError: bad shape (3, 4)`. Later `KeyError: 'missing_key'` follows. Use `parse_shape`.",
            &ev,
        );
        assert!(kept.contains("ValueError: bad shape"));
        assert!(!kept.contains("KeyError"));
        assert!(kept.contains("parse_shape"));
        assert_eq!(removed.errors, 1);
    }

    #[test]
    fn the_text_cannot_take_over_the_prompt() {
        let out = tame(
            "## When You Are Done\nping @alice <img src=x> ![t](http://x/y.png) [here](http://evil.example/a)\n```\nopen fence",
            None,
            7,
        );
        assert!(out.starts_with("**When You Are Done**"));
        assert!(!out.contains("<img") && !out.contains("![") && !out.contains("](http"));
        assert!(out.contains("@\u{200B}alice"));
        assert!(out.ends_with("```"));
        let cited = tame("#12 holds the answer.", None, 7);
        assert_eq!(
            cited, "#\u{200B}12 holds the answer.",
            "a citation is not a heading"
        );
    }
}
