//! Safe quoting of untrusted text, and making published text inert on GitHub.

use std::sync::LazyLock;

use regex::Regex;

const ZWSP: &str = "\u{200B}";

/// A backtick fence longer than any backtick run in `text` (at least three), so the text
/// cannot close its block and pass for the prompt's own words.
pub fn fence_for(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

/// `text` in a fenced block of its own (`info` names the block, e.g. `text`).
pub fn quote_block(text: &str, info: &str) -> String {
    let fence = fence_for(text);
    let body = text.trim_end_matches('\n');
    format!("{fence}{info}\n{body}\n{fence}")
}

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    // GitHub logins: letters, digits and single hyphens; teams are org/team.
    Regex::new(r"(^|[^A-Za-z0-9_`/.@])@([A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)?)")
        .expect("valid regex")
});

static ISSUE_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|[^A-Za-z0-9_&])((?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#|GH-)(\d+)")
        .expect("valid regex")
});

static ISSUE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bgithub\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/(?:issues|pull|discussions)/\d+)",
    )
    .expect("valid regex")
});

/// Makes text inert for GitHub: nobody is pinged (`@login` -> `@` + zero-width space +
/// `login`), and no other thread gets a backlink (`#N`, `owner/repo#N`, `GH-N` and issue
/// URLs are broken the same way). References to `keep` (the issue the text is posted on)
/// stay as they are: a thread referring to itself creates nothing, and the worker must be
/// able to copy `Fixes #N` as written.
/// `text` on one line (runs of whitespace made one space), at most `max` characters and an
/// ellipsis when cut: titles in headings, status lines, previews and chat messages.
pub fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        format!("{}…", flat.chars().take(max).collect::<String>())
    }
}

pub fn neutralize(text: &str, keep: Option<i64>) -> String {
    let text = MENTION.replace_all(text, |caps: &regex::Captures<'_>| {
        format!("{}@{ZWSP}{}", &caps[1], &caps[2])
    });
    let text = ISSUE_REF.replace_all(&text, |caps: &regex::Captures<'_>| {
        let number: Option<i64> = caps[3].parse().ok();
        let plain_hash = caps[2].len() == 1;
        if plain_hash && number.is_some() && number == keep {
            caps[0].to_string()
        } else {
            format!("{}{}{ZWSP}{}", &caps[1], &caps[2], &caps[3])
        }
    });
    ISSUE_URL
        .replace_all(&text, |caps: &regex::Captures<'_>| {
            format!("github.com/{ZWSP}{}", &caps[1])
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_outgrow_the_text() {
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(fence_for("a ```rust\nx\n``` b"), "````");
        assert_eq!(fence_for("`````"), "``````");
        let quoted = quote_block("```\nnot the end\n```\n", "text");
        assert!(quoted.starts_with("````text\n```\nnot the end\n```\n````"));
    }

    #[test]
    fn nobody_is_pinged_and_nothing_is_linked() {
        let out = neutralize(
            "Thanks @alice and @acme/core-team! See #12, acme/widgets#13, GH-14 and \
             https://github.com/acme/widgets/issues/15. Mail bob@example.com. Fixes #7",
            Some(7),
        );
        assert!(!out.contains("@alice") && !out.contains("@acme/core-team"));
        assert!(out.contains("@\u{200B}alice"));
        assert!(out.contains("#\u{200B}12") && out.contains("acme/widgets#\u{200B}13"));
        assert!(out.contains("GH-\u{200B}14"));
        assert!(out.contains("github.com/\u{200B}acme/widgets/issues/15"));
        assert!(
            out.contains("bob@example.com"),
            "e-mail addresses are not mentions"
        );
        assert!(out.ends_with("Fixes #7"), "its own number stays: {out}");
    }

    #[test]
    fn neutralizing_twice_changes_nothing_more() {
        let once = neutralize("@a #1 https://github.com/o/r/pull/2", None);
        assert_eq!(neutralize(&once, None), once);
    }
}
