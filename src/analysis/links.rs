//! The words that make explicit links between threads: finding the phrase behind a link
//! (for a reason a person can check) and telling whom a claim is about. `github::refs` finds
//! the links; this decides what they mean for relatedness.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{MAX_TEXT_BYTES, truncate};
use crate::github::refs::{DUPLICATE_BEFORE, SAME_AFTER, mentions_in_line, strip_code};
use crate::store::RepoName;

/// A thread that links to more threads than this is a list (release notes, a roadmap): the
/// threads it cites side by side are not thereby related.
pub(crate) const MAX_COCITING_DEGREE: u32 = 12;
/// At most this many threads cited in one sentence count as cited together.
const MAX_COCITED_IN_LINE: usize = 4;

const TARGET: &str = r"(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#(?P<num>\d{1,9})|GH-(?P<gh>\d{1,9})|https?://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/(?:issues|pull)/(?P<url>\d{1,9})";

/// A closing keyword and its target (`Fixes #12`).
pub(crate) static CLOSING_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(&format!(
        r"(?i)\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+(?:{TARGET})"
    ))
});

/// A duplicate marker and its target (`Duplicate of #12`, `closing in favour of #12`).
pub(crate) static DUPLICATE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(&format!(
        r"(?i)\b(?:{DUPLICATE_BEFORE})\s*:?\s+(?:{TARGET})"
    ))
});

/// A duplicate named after its target ("See #333, same thing").
pub(crate) static DUPLICATE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(&format!(r"(?i)(?:^|[\s(\[,;:])(?:{TARGET}){SAME_AFTER}")));

static ANY_REF: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"(?:^|[^\w/&])#\d{1,9}\b"));
static KEYWORD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(&format!(
        r"(?i)(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?|{DUPLICATE_BEFORE})\s*:?\s*$"
    ))
});

fn target_of(c: &regex::Captures<'_>) -> Option<i64> {
    c.name("num")
        .or_else(|| c.name("gh"))
        .or_else(|| c.name("url"))?
        .as_str()
        .parse()
        .ok()
}

/// The words of `text` (outside code) that link it to `target` with `phrase`, as written.
pub(crate) fn find_phrase(phrase: &Regex, text: &str, target: i64) -> Option<String> {
    let prose = strip_code(truncate(text, MAX_TEXT_BYTES));
    phrase.captures_iter(&prose).find_map(|c| {
        (target_of(&c)? == target).then(|| {
            let whole = c.get(0).map_or("", |m| m.as_str());
            whole.split_whitespace().collect::<Vec<_>>().join(" ")
        })
    })
}

/// Whether a closing or duplicate claim on `target` in `text` is about the thread that
/// wrote it. In a list like `- #226 (duplicate of #190)` or release notes like
/// `- fix loading (#880, fixes #870)`, the claim is about the item's own reference, not about
/// the thread that lists it. When the phrase cannot be found, the claim stands.
pub(crate) fn claims_for_self(phrase: &Regex, text: &str, target: i64) -> bool {
    let prose = strip_code(truncate(text, MAX_TEXT_BYTES));
    let mut found = false;
    for line in prose.lines() {
        for c in phrase.captures_iter(line) {
            if target_of(&c) != Some(target) {
                continue;
            }
            found = true;
            let start = c.get(0).map_or(0, |m| m.start());
            let before = &line[..start];
            let about_other = ANY_REF.find_iter(before).any(|r| {
                // `Fixes #12, closes #13`: a reference after a keyword is another claim.
                !KEYWORD_BEFORE.is_match(&before[..r.start() + r.as_str().find('#').unwrap_or(0)])
            });
            if !about_other {
                return true;
            }
        }
    }
    !found
}

/// Pairs of threads cited side by side (in one line of prose, two to four of them) by a text
/// of thread `own`: "this looks like #40 and #112 again".
pub(crate) fn cocitations(
    text: &str,
    repo: &RepoName,
    aliases: &[String],
    own: i64,
) -> Vec<(i64, i64)> {
    let prose = strip_code(truncate(text, MAX_TEXT_BYTES));
    let mut out = Vec::new();
    for line in prose.lines() {
        // Task lists and bullet lists are lists of work, not comparisons.
        let t = line.trim_start();
        if t.starts_with("- [") || t.starts_with("* [") {
            continue;
        }
        let mut cited: Vec<i64> = mentions_in_line(line, repo, aliases)
            .into_iter()
            .filter(|n| *n != own)
            .collect();
        cited.sort_unstable();
        cited.dedup();
        if !(2..=MAX_COCITED_IN_LINE).contains(&cited.len()) {
            continue;
        }
        for (i, &a) in cited.iter().enumerate() {
            for &b in &cited[i + 1..] {
                out.push((a, b));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_in_lists_are_about_the_item() {
        assert!(!claims_for_self(
            &DUPLICATE_PHRASE,
            "- [x] #226 (duplicate of #190)",
            190
        ));
        assert!(!claims_for_self(
            &DUPLICATE_PHRASE,
            "Prior work: #352 (closed in favour of #598).",
            598
        ));
        assert!(!claims_for_self(
            &CLOSING_PHRASE,
            "- fix loading (#880, fixes #870)",
            870
        ));
        assert!(claims_for_self(
            &CLOSING_PHRASE,
            "Fixes #12, closes #13",
            13
        ));
        assert!(claims_for_self(
            &CLOSING_PHRASE,
            "This PR fixes #13.\n\nSee also #14.",
            13
        ));
        assert!(claims_for_self(&DUPLICATE_PHRASE, "Duplicate of #7", 7));
        assert!(claims_for_self(&DUPLICATE_PHRASE, "nothing here", 7));
    }

    #[test]
    fn phrases_are_quoted_as_written() {
        assert_eq!(
            find_phrase(&CLOSING_PHRASE, "This\nresolves   acme/x#12 for good", 12).as_deref(),
            Some("resolves acme/x#12")
        );
        assert_eq!(
            find_phrase(&CLOSING_PHRASE, "```\nFixes #12\n```", 12),
            None
        );
    }
}
