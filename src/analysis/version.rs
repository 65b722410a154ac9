//! The project's version a report is on: `emberdb==1.0.4` in a `pip freeze`, `kvtool 1.0.4`
//! in prose, a template's `Version: 1.0.4` field, or a line that is only `1.0.4`. Versions of
//! other things (Python 3.12, CUDA 12.1, Ubuntu 22.04) are not the project's.

use std::sync::LazyLock;

use regex::Regex;

use super::signals::Project;
pub use crate::config::version::{Version, parse, show};

/// A name followed by a version: `name==1.2.3`, `name 1.2.3`, `name v1.2`, `name@1.2.3`,
/// `name version 1.2.3`.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)(?:^|[^\w.-])([a-z][\w.-]*?)\s*(?:==|@|:|\s)\s*(?:version\s+)?v?(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)(?:[^\w.]|\.(?:\s|$)|$)",
    )
});
/// A template's field: `Version: 1.2.3`, `**Release**: v1.2`.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)^[\W_]*(?:version|release)[\W_]*[:=]?[\W_]*v?(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)\s*$",
    )
});
/// A line, or a line's last sentence, that is only a version (`... both hang. 1.0.4`).
static BARE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?:^|[.!?]\s+)v?(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)\.?\s*$")
});
/// A short line naming something that has versions of its own: a bare version under it is
/// that thing's.
static HEADING_WORD: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"[A-Za-z]{2,}"));

/// A title's version tag: `[2.0.0] ...`, `... (v1.4)`.
static TITLE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^\s*[\[(]v?(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)[\])]|[\[(]v?(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)[\])]\s*$",
    )
});

/// What may follow the project's name in a package's name (`emberdb`, `ember-py`).
const SUFFIXES: &[&str] = &[
    "", "db", "py", "js", "-py", "_py", "-js", ".js", "-cli", "-core", "-rs", "-sys", "-capi",
    "-lib",
];

/// Whether `token` names the project or one of its packages: its name with a usual suffix,
/// or a directory of its code tree that has a manifest of its own (`kvtool`).
fn names_package(project: &Project, token: &str) -> bool {
    let token = token.to_lowercase();
    let by_name = project.names().iter().any(|name| {
        name.len() >= 3
            && token
                .strip_prefix(name.as_str())
                .is_some_and(|rest| SUFFIXES.contains(&rest))
    });
    by_name
        || project.files.as_ref().is_some_and(|files| {
            ["cargo.toml", "pyproject.toml", "package.json", "setup.py"]
                .iter()
                .any(|m| files.contains(&format!("{token}/{m}")))
        })
}

/// The version a release's title names (`Release 0.11.0`, `v1.4.2`, `chore(release): 3.0`).
pub fn of_release(title: &str) -> Option<Version> {
    if !super::conversation::RELEASE_TITLE.is_match(title) {
        return None;
    }
    static VERSION: LazyLock<Regex> =
        LazyLock::new(|| super::text::regex(r"\bv?(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)\b"));
    parse(VERSION.captures(title)?.get(1)?.as_str())
}

/// The project's version an issue reports: its body's, else its title's tag.
pub fn of_issue(title: &str, body: &str, project: &Project) -> Option<Version> {
    reported(body, project).or_else(|| {
        let c = TITLE_TAG.captures(title)?;
        parse(c.get(1).or_else(|| c.get(2))?.as_str())
    })
}

/// The project's version the text reports on: the newest it names (`name 1.2.3`) or gives in a
/// version field, else the first version alone on a line.
pub fn reported(text: &str, project: &Project) -> Option<Version> {
    let mut previous = "";
    // The project's version named or in a version field: when a report names several (an
    // upgrade, an old artifact that another dependency drags in), the newest is what runs.
    let mut named: Option<Version> = None;
    let mut bare: Option<Version> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        for c in NAMED.captures_iter(trimmed) {
            if let (Some(name), Some(v)) = (c.get(1), c.get(2))
                && names_package(project, name.as_str())
                && let Some(v) = parse(v.as_str())
            {
                named = named.max(Some(v));
            }
        }
        if let Some(v) = FIELD
            .captures(trimmed)
            .and_then(|c| c.get(1))
            .and_then(|v| parse(v.as_str()))
        {
            named = named.max(Some(v));
        }
        if bare.is_none()
            && let Some(c) = BARE.captures(trimmed)
            && let Some(v) = c.get(1)
        {
            // Alone under a short heading about something else ("Python:", "### CUDA"),
            // the version is that thing's.
            let alone = c.get(0).is_some_and(|m| m.start() == 0);
            let heading = previous.trim_matches(|c: char| !c.is_alphanumeric());
            let about_other = alone
                && previous.len() < 40
                && !previous.starts_with("```")
                && HEADING_WORD.find_iter(heading).any(|w| {
                    let w = w.as_str().to_lowercase();
                    !matches!(w.as_str(), "version" | "release" | "which" | "what" | "on")
                        && !names_package(project, &w)
                });
            if !about_other {
                bare = parse(v.as_str());
            }
        }
        previous = trimmed;
    }
    named.or(bare)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::RepoName;

    fn project() -> Project {
        Project::new(&RepoName::parse("emberdb/ember").expect("name"))
    }

    #[test]
    fn a_release_title_names_its_version() {
        assert_eq!(of_release("Release 0.11.0"), Some([0, 11, 0]));
        assert_eq!(of_release("v1.4.2"), Some([1, 4, 2]));
        assert_eq!(of_release("chore(release): 3.0"), Some([3, 0, 0]));
        assert_eq!(of_release("Crash in 1.2.0 when saving"), None);
    }

    #[test]
    fn a_titles_version_tag_counts_when_the_body_names_none() {
        let p = project();
        assert_eq!(
            of_issue("[2.0.0] Streaming fails", "after upgrading", &p),
            Some([2, 0, 0])
        );
        assert_eq!(of_issue("Streaming fails (v1.4)", "", &p), Some([1, 4, 0]));
        assert_eq!(of_issue("[1.0] x", "emberdb 0.9.1", &p), Some([0, 9, 1]));
        assert_eq!(of_issue("Python 3.12 wheels", "", &p), None);
    }

    #[test]
    fn the_projects_version_is_found_in_its_usual_places() {
        let p = project();
        let cases: &[(&str, Option<Version>)] = &[
            ("emberdb==1.0.4, cp312 manylinux wheel.", Some([1, 0, 4])),
            ("Using emberdb 0.8.1 from our Cargo.lock", Some([0, 8, 1])),
            ("```\ntraceback\n```\n1.0.4", Some([1, 0, 4])),
            ("**Version**: v1.1", Some([1, 1, 0])),
            ("ember-py 0.9.0 on Python 3.12", Some([0, 9, 0])),
            // Other things' versions are not the project's.
            ("Python 3.12, CUDA 12.1, Ubuntu 22.04", None),
            ("### Python version\n3.11", None),
            ("torch==2.1.0\nnumpy==1.26.4", None),
            ("emberdbx 1.0", None),
            ("It fails after 2.5 seconds", None),
            ("Both threads wait on the lock. 1.0.4", Some([1, 0, 4])),
            ("It takes 2.5.", None),
            // Several of the project's versions: the newest is the one that runs (an
            // upgrade, an old artifact another dependency drags in).
            (
                "Duplicate class in (old:ember:0.8.0) and (new:ember-core:1.2.0)",
                Some([1, 2, 0]),
            ),
            (
                "Worked on emberdb 0.9, broken since emberdb 1.0.4",
                Some([1, 0, 4]),
            ),
            ("1.0.4\n**Version**: 1.1.0", Some([1, 1, 0])),
        ];
        for (text, want) in cases {
            assert_eq!(reported(text, &p), *want, "{text:?}");
        }
    }
}
