//! References between threads in GitHub markdown: `#N` mentions, closing keywords
//! (`Fixes #N`), and "duplicate of #N", within one repository. Code (fenced blocks and inline
//! spans) is skipped, as GitHub skips it.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::store::{RefKind, RepoName};

/// One reference found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRef {
    pub kind: RefKind,
    pub number: i64,
}

// A reference to an issue: `#12`, `GH-12`, `owner/repo#12`, or a URL to an issue or PR.
const TARGET: &str = r"(?:(?P<slug>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#(?P<num>\d{1,9})|GH-(?P<gh>\d{1,9})|https?://github\.com/(?P<urlslug>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)/(?:issues|pull)/(?P<urlnum>\d{1,9}))";

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:^|[\s(\[{{,;:!?>*_~])(?P<target>{TARGET})")).expect("valid regex")
});

static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+(?P<target>{TARGET})"
    ))
    .expect("valid regex")
});

/// What comes before a reference to make it a duplicate's target: "duplicate of #12", "same
/// thing as #33", "closing in favour of #12" (shared with the analysis, which quotes the phrase).
pub(crate) const DUPLICATE_BEFORE: &str = r"duplicate\s+of|dup(?:e)?\s+of|duplicates|same\s+(?:(?:thing|issue|problem|bug|report|question|error|failure)\s+)?as|in\s+favou?r\s+of";

static DUPLICATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{DUPLICATE_BEFORE})\s*:?\s+(?P<target>{TARGET})"
    ))
    .expect("valid regex")
});

/// What follows a reference to make it a duplicate's target: "See #333, same thing", "#41 is
/// the same bug" (shared with the analysis, which quotes the phrase).
pub(crate) const SAME_AFTER: &str = r"\s*[,:;)\-–—]?\s*(?:(?:is|it's|it is|looks like|seems like)\s+)?(?:the\s+)?same\s+(?:thing|issue|problem|bug|report|question|error|failure)\b";

/// A duplicate named after its target.
static DUPLICATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[\s(\[,;:])(?P<target>{TARGET}){SAME_AFTER}"
    ))
    .expect("valid regex")
});

static INLINE_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"`+[^`\n]*`+").expect("valid regex"));

/// The text outside fenced code blocks and inline code spans.
pub fn strip_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<(char, usize)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let run = |c: char| trimmed.chars().take_while(|&x| x == c).count();
        let marker = ['`', '~']
            .into_iter()
            .map(|c| (c, run(c)))
            .find(|(_, n)| *n >= 3);
        match (fence, marker) {
            (None, Some(open)) => fence = Some(open),
            (Some((c, n)), Some((c2, n2)))
                if c == c2 && n2 >= n && trimmed.trim_end().len() == n2 =>
            {
                fence = None
            }
            (Some(_), _) => {}
            (None, None) => {
                out.push_str(&INLINE_CODE.replace_all(line, " "));
                out.push('\n');
            }
        }
    }
    out
}

fn target_number(caps: &regex::Captures<'_>, repo: &RepoName, aliases: &[String]) -> Option<i64> {
    let same_repo = |slug: &str| {
        slug.eq_ignore_ascii_case(&format!("{}/{}", repo.owner, repo.name))
            || aliases.iter().any(|a| slug.eq_ignore_ascii_case(a))
    };
    if let Some(num) = caps.name("num") {
        if let Some(slug) = caps.name("slug")
            && !same_repo(slug.as_str())
        {
            return None;
        }
        return num.as_str().parse().ok();
    }
    if let Some(gh) = caps.name("gh") {
        return gh.as_str().parse().ok();
    }
    match (caps.name("urlslug"), caps.name("urlnum")) {
        (Some(slug), Some(num)) if same_repo(slug.as_str()) => num.as_str().parse().ok(),
        _ => None,
    }
}

/// Every reference of `text` to a thread of `repo`, each (kind, number) once. A closing
/// keyword or a duplicate marker is reported as that kind and also as a mention.
pub fn extract_refs(text: &str, repo: &RepoName) -> Vec<TextRef> {
    extract_refs_with_aliases(text, repo, &[])
}

/// [`extract_refs`], counting links through the repository's former names (`owner/name`,
/// after a rename or transfer) as its own.
pub fn extract_refs_with_aliases(text: &str, repo: &RepoName, aliases: &[String]) -> Vec<TextRef> {
    let prose = strip_code(text);
    let mut found = BTreeSet::new();
    for (kind, regex) in [
        (RefKind::Mention, &*MENTION),
        (RefKind::Closes, &*CLOSING),
        (RefKind::Duplicate, &*DUPLICATE),
        (RefKind::Duplicate, &*DUPLICATE_AFTER),
    ] {
        for caps in regex.captures_iter(&prose) {
            if let Some(number) = target_number(&caps, repo, aliases)
                && number > 0
            {
                // "Not the same problem as #460": a mention, no duplicate.
                let denied = kind == RefKind::Duplicate
                    && caps
                        .get(0)
                        .is_some_and(|m| denied_before(&prose[..m.start()]));
                if !denied {
                    found.insert(TextRef { kind, number });
                }
                found.insert(TextRef {
                    kind: RefKind::Mention,
                    number,
                });
            }
        }
    }
    found.into_iter().collect()
}

/// Whether the last words of the clause before a phrase deny it: "not the same problem as",
/// "this isn't a duplicate of".
fn denied_before(before: &str) -> bool {
    let clause = before
        .rsplit([',', ';', ':', '(', '.', '!', '?', '\n'])
        .next()
        .unwrap_or(before);
    clause.split_whitespace().rev().take(3).any(|w| {
        let w = w.to_lowercase();
        w == "not" || w == "never" || w.ends_with("n't")
    })
}

/// The numbers `line` (prose, code already removed) mentions, in order, with repeats.
pub fn mentions_in_line(line: &str, repo: &RepoName, aliases: &[String]) -> Vec<i64> {
    MENTION
        .captures_iter(line)
        .filter_map(|caps| target_number(&caps, repo, aliases))
        .filter(|n| *n > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> RepoName {
        RepoName::parse("acme/tensorpack").expect("repo")
    }

    fn refs(text: &str) -> Vec<(RefKind, i64)> {
        extract_refs(text, &repo())
            .into_iter()
            .map(|r| (r.kind, r.number))
            .collect()
    }

    #[test]
    fn finds_mentions_closing_keywords_and_duplicates() {
        assert_eq!(
            refs("Fixes #12, closes acme/tensorpack#13 and see #14."),
            [
                (RefKind::Mention, 12),
                (RefKind::Mention, 13),
                (RefKind::Mention, 14),
                (RefKind::Closes, 12),
                (RefKind::Closes, 13)
            ]
        );
        assert_eq!(
            refs("Duplicate of #7"),
            [(RefKind::Mention, 7), (RefKind::Duplicate, 7)]
        );
        assert_eq!(
            refs("resolves https://github.com/acme/tensorpack/issues/9"),
            [(RefKind::Mention, 9), (RefKind::Closes, 9)]
        );
        assert_eq!(
            refs("FIXED: #3"),
            [(RefKind::Mention, 3), (RefKind::Closes, 3)]
        );
    }

    #[test]
    fn a_duplicate_can_be_named_after_its_target() {
        assert_eq!(
            refs("See #333, same thing (a build without the feature)."),
            [(RefKind::Mention, 333), (RefKind::Duplicate, 333)]
        );
        assert_eq!(
            refs("#41 is the same bug."),
            [(RefKind::Mention, 41), (RefKind::Duplicate, 41)]
        );
        assert_eq!(
            refs("Same thing as #33: set the trusted origins."),
            [(RefKind::Mention, 33), (RefKind::Duplicate, 33)]
        );
        // Denied: a mention only.
        assert_eq!(
            refs("Not the same problem as #460, but the same neighbourhood."),
            [(RefKind::Mention, 460)]
        );
        assert_eq!(
            refs("This isn't a duplicate of #12."),
            [(RefKind::Mention, 12)]
        );
        // Another thread named, and something else the same: a mention only.
        assert_eq!(
            refs("Like #41. The same thing happens on 2.0."),
            [(RefKind::Mention, 41)]
        );
    }

    #[test]
    fn ignores_code_other_repos_and_anchors() {
        assert!(refs("```\nFixes #12\n```\nand `#13` inline").is_empty());
        assert!(refs("Fixes other/repo#12").is_empty());
        assert!(refs("see https://example.com/page#12 and abc#4 and a prefix#5").is_empty());
        assert!(refs("~~~python\n# comment #5\n~~~").is_empty());
        assert_eq!(refs("prefix (#42)"), [(RefKind::Mention, 42)]);
    }

    #[test]
    fn unclosed_fences_hide_the_rest() {
        assert!(refs("```\nFixes #12").is_empty());
    }
}
