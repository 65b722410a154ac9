//! The mirror's data: issues and pull requests ("threads"), their comments, and the references
//! between threads, as stored and as the analysis and the commands read them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Millis;

/// `owner/name`. GitHub treats names case-insensitively, so the mirror keys on the lowercase
/// form and keeps the spelling it was given for display.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RepoName {
    pub owner: String,
    pub name: String,
}

impl RepoName {
    /// Parses `owner/name`.
    pub fn parse(s: &str) -> Result<RepoName, String> {
        let s = s.trim().trim_end_matches(".git");
        let s = s
            .strip_prefix("https://github.com/")
            .or_else(|| s.strip_prefix("http://github.com/"))
            .unwrap_or(s);
        let valid = |part: &str| {
            !part.is_empty()
                && part.len() <= 100
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        match s.split_once('/') {
            Some((owner, name)) if valid(owner) && valid(name) => Ok(RepoName {
                owner: owner.to_string(),
                name: name.to_string(),
            }),
            _ => Err(format!(
                "{s:?} is not a repository: write it as OWNER/NAME, e.g. rust-lang/rust"
            )),
        }
    }

    /// The key the mirror stores it under: lowercase `owner/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.owner, self.name).to_ascii_lowercase()
    }
}

impl fmt::Display for RepoName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

/// Reactions by kind, as GitHub counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reactions {
    #[serde(rename = "+1", default)]
    pub plus_one: i64,
    #[serde(rename = "-1", default)]
    pub minus_one: i64,
    #[serde(default)]
    pub laugh: i64,
    #[serde(default)]
    pub hooray: i64,
    #[serde(default)]
    pub confused: i64,
    #[serde(default)]
    pub heart: i64,
    #[serde(default)]
    pub rocket: i64,
    #[serde(default)]
    pub eyes: i64,
}

impl Reactions {
    /// The kinds in GitHub's order, with their names.
    pub fn by_kind(&self) -> [(&'static str, i64); 8] {
        [
            ("+1", self.plus_one),
            ("-1", self.minus_one),
            ("laugh", self.laugh),
            ("hooray", self.hooray),
            ("confused", self.confused),
            ("heart", self.heart),
            ("rocket", self.rocket),
            ("eyes", self.eyes),
        ]
    }

    pub fn total(&self) -> i64 {
        self.by_kind().iter().map(|(_, n)| n).sum()
    }

    /// `+1 3, heart 1`, or empty when there are none.
    pub fn summary(&self) -> String {
        self.by_kind()
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(kind, n)| format!("{kind} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThreadState {
    Open,
    Closed,
}

impl ThreadState {
    pub fn as_str(self) -> &'static str {
        match self {
            ThreadState::Open => "open",
            ThreadState::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<ThreadState> {
        match s {
            "open" => Some(ThreadState::Open),
            "closed" => Some(ThreadState::Closed),
            _ => None,
        }
    }
}

impl fmt::Display for ThreadState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An issue or a pull request.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    /// The repository key (lowercase `owner/name`).
    pub repo: String,
    pub number: i64,
    /// GitHub's numeric ID of the issue.
    pub github_id: i64,
    pub is_pull_request: bool,
    pub title: String,
    /// `None` when GitHub has no body (null), kept apart from an empty one.
    pub body: Option<String>,
    pub state: ThreadState,
    /// `completed`, `not_planned`, `duplicate`, `reopened`, or none.
    pub state_reason: Option<String>,
    pub user: Option<String>,
    pub author_association: Option<String>,
    pub labels: Vec<String>,
    pub reactions: Reactions,
    pub comment_count: i64,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub closed_at: Option<Millis>,
    /// Pull requests: whether merged (`None` for issues).
    pub merged: Option<bool>,
    pub draft: Option<bool>,
    pub html_url: String,
}

/// A comment on an issue or pull request (the conversation, not review comments).
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub repo: String,
    /// GitHub's comment ID.
    pub id: i64,
    /// The thread's number.
    pub number: i64,
    pub user: Option<String>,
    pub author_association: Option<String>,
    pub body: String,
    pub reactions: Reactions,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub html_url: Option<String>,
}

/// How one thread points at another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// `#N` written in a body or comment.
    Mention,
    /// A closing keyword: `Fixes #N`, `closes o/r#N`, ...
    Closes,
    /// `Duplicate of #N`.
    Duplicate,
    /// A cross-referenced event of GitHub's timeline (it can come from anywhere).
    Timeline,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Mention => "mention",
            RefKind::Closes => "closes",
            RefKind::Duplicate => "duplicate",
            RefKind::Timeline => "timeline",
        }
    }

    pub fn parse(s: &str) -> Option<RefKind> {
        match s {
            "mention" => Some(RefKind::Mention),
            "closes" => Some(RefKind::Closes),
            "duplicate" => Some(RefKind::Duplicate),
            "timeline" => Some(RefKind::Timeline),
            _ => None,
        }
    }
}

/// A reference from thread `source` to thread `target` of the same repository.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThreadRef {
    pub source: i64,
    pub target: i64,
    pub kind: RefKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_names_parse_and_key_case_insensitively() {
        let repo = RepoName::parse("Rust-Lang/rust").expect("valid");
        assert_eq!(repo.key(), "rust-lang/rust");
        assert_eq!(repo.to_string(), "Rust-Lang/rust");
        assert_eq!(
            RepoName::parse("https://github.com/o/r.git")
                .expect("url")
                .key(),
            "o/r"
        );
        for bad in ["", "o", "o/", "/r", "o/r/x", "o r/x"] {
            assert!(RepoName::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn reactions_read_githubs_shape() {
        let r: Reactions = serde_json::from_str(
            r#"{"url":"x","total_count":4,"+1":3,"-1":0,"laugh":0,"hooray":0,"confused":0,"heart":1,"rocket":0,"eyes":0}"#,
        )
        .expect("parses");
        assert_eq!(r.total(), 4);
        assert_eq!(r.summary(), "+1 3, heart 1");
    }
}

/// One thread with everything the analysis reads about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadDoc {
    pub thread: Thread,
    /// The conversation, in any order (readers sort by time where it matters).
    pub comments: Vec<Comment>,
    /// Threads whose timeline shows a cross-reference into this one (GitHub's
    /// `cross-referenced` events), whether or not their text is in the mirror.
    pub timeline_refs: Vec<i64>,
}

impl ThreadDoc {
    pub fn new(thread: Thread, comments: Vec<Comment>) -> ThreadDoc {
        ThreadDoc {
            thread,
            comments,
            timeline_refs: Vec::new(),
        }
    }
}
