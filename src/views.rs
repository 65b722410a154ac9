//! How threads are shown: the JSON shapes of CONTRACT.md and the text of `list`, `search` and
//! `show`, shared by the command line and the prompt.

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::store::{Comment, Millis, Reactions, Thread, ThreadState};

/// `2024-03-05T10:11:12Z`.
pub fn iso_time(ms: Millis) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `2024-03-05`.
pub fn date(ms: Millis) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y-%m-%d")
        .to_string()
}

/// Reactions as JSON: GitHub's kinds plus `total_count`.
#[derive(Debug, Clone, Serialize)]
pub struct ReactionsJson {
    #[serde(flatten)]
    pub kinds: Reactions,
    pub total_count: i64,
}

impl From<Reactions> for ReactionsJson {
    fn from(kinds: Reactions) -> Self {
        ReactionsJson {
            total_count: kinds.total(),
            kinds,
        }
    }
}

/// The thread summary of `list`, `search` and triage candidates.
#[derive(Debug, Clone, Serialize)]
pub struct ThreadSummary {
    pub number: i64,
    pub title: String,
    pub state: ThreadState,
    pub is_pull_request: bool,
    pub labels: Vec<String>,
    pub user: Option<String>,
    pub comment_count: i64,
    pub reactions: ReactionsJson,
    pub created_at: String,
    pub updated_at: String,
    pub html_url: String,
}

impl From<&Thread> for ThreadSummary {
    fn from(t: &Thread) -> Self {
        ThreadSummary {
            number: t.number,
            title: t.title.clone(),
            state: t.state,
            is_pull_request: t.is_pull_request,
            labels: t.labels.clone(),
            user: t.user.clone(),
            comment_count: t.comment_count,
            reactions: t.reactions.into(),
            created_at: iso_time(t.created_at),
            updated_at: iso_time(t.updated_at),
            html_url: t.html_url.clone(),
        }
    }
}

/// A search result: the summary and its score.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    #[serde(flatten)]
    pub thread: ThreadSummary,
    pub score: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentJson {
    pub user: Option<String>,
    pub created_at: String,
    pub body: String,
    pub reactions: ReactionsJson,
}

/// Another thread that points here or that this one points at.
#[derive(Debug, Clone, Serialize)]
pub struct CrossReference {
    pub number: i64,
    pub title: String,
    pub state: ThreadState,
    pub is_pull_request: bool,
}

impl From<&Thread> for CrossReference {
    fn from(t: &Thread) -> Self {
        CrossReference {
            number: t.number,
            title: t.title.clone(),
            state: t.state,
            is_pull_request: t.is_pull_request,
        }
    }
}

/// `show --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ThreadDetail {
    #[serde(flatten)]
    pub summary: ThreadSummary,
    pub body: Option<String>,
    pub comments: Vec<CommentJson>,
    pub cross_references: Vec<CrossReference>,
}

/// Orders cross-references for reading: open pull requests first (they may already fix the
/// issue), then open issues, then closed ones, newest first within each.
pub fn order_cross_references(threads: &mut [Thread]) {
    threads.sort_by_key(|t| {
        let rank = match (t.state, t.is_pull_request) {
            (ThreadState::Open, true) => 0,
            (ThreadState::Open, false) => 1,
            (ThreadState::Closed, true) => 2,
            (ThreadState::Closed, false) => 3,
        };
        (rank, std::cmp::Reverse(t.number))
    });
}

pub fn detail(thread: &Thread, comments: &[Comment], cross: &[Thread]) -> ThreadDetail {
    ThreadDetail {
        summary: thread.into(),
        body: thread.body.clone(),
        comments: comments
            .iter()
            .map(|c| CommentJson {
                user: c.user.clone(),
                created_at: iso_time(c.created_at),
                body: c.body.clone(),
                reactions: c.reactions.into(),
            })
            .collect(),
        cross_references: cross.iter().map(CrossReference::from).collect(),
    }
}

fn kind(t: &Thread) -> &'static str {
    if t.is_pull_request { "PR" } else { "issue" }
}

/// `open PR`, `closed issue`, `merged PR`.
pub fn state_label(t: &Thread) -> String {
    match (t.state, t.merged) {
        (ThreadState::Closed, Some(true)) => format!("merged {}", kind(t)),
        (state, _) => format!("{state} {}", kind(t)),
    }
}

/// One line of `list` and `search`.
pub fn summary_line(t: &Thread) -> String {
    let mut line = format!(
        "#{:<6} {:<6} {:<5} {}  {:>3} comments",
        t.number,
        t.state.as_str(),
        kind(t),
        date(t.created_at),
        t.comment_count
    );
    let reactions = t.reactions.total();
    if reactions > 0 {
        let _ = write!(line, ", {reactions} reactions");
    }
    let _ = write!(line, "  {}", t.title);
    if !t.labels.is_empty() {
        let _ = write!(line, "  [{}]", t.labels.join(", "));
    }
    line
}

/// The readable view of one thread, for a terminal and for pasting into a prompt: the title
/// line; author, dates, state, labels, reactions; cross-references with their state (open
/// pull requests first); the body verbatim; every comment numbered with author, date and
/// reactions, then its body verbatim.
pub fn show_text(t: &Thread, comments: &[Comment], cross: &[Thread]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "#{} {}", t.number, t.title);
    let mut meta = vec![
        format!(
            "{} by @{}{}",
            kind(t),
            t.user.as_deref().unwrap_or("ghost"),
            t.author_association
                .as_deref()
                .filter(|a| *a != "NONE")
                .map(|a| format!(" ({})", a.to_lowercase()))
                .unwrap_or_default()
        ),
        format!("created {}", date(t.created_at)),
        format!("updated {}", date(t.updated_at)),
    ];
    let mut state = state_label(t);
    if let Some(reason) = t.state_reason.as_deref().filter(|r| *r != "reopened") {
        let _ = write!(state, " ({})", reason.replace('_', " "));
    }
    if let Some(closed) = t.closed_at {
        let _ = write!(state, " on {}", date(closed));
    }
    meta.push(state);
    let _ = writeln!(out, "{}", meta.join(" · "));
    if !t.labels.is_empty() {
        let _ = writeln!(out, "labels: {}", t.labels.join(", "));
    }
    let reactions = t.reactions.summary();
    if !reactions.is_empty() {
        let _ = writeln!(out, "reactions: {reactions}");
    }
    let _ = writeln!(out, "{}", t.html_url);
    if !cross.is_empty() {
        let _ = writeln!(out, "cross-references:");
        for c in cross {
            let _ = writeln!(out, "  #{} ({}): {}", c.number, state_label(c), c.title);
        }
    }
    let _ = writeln!(out, "\n### Full Issue Body\n");
    match t.body.as_deref() {
        Some(body) if !body.trim().is_empty() => {
            let _ = writeln!(out, "{body}");
        }
        _ => {
            let _ = writeln!(out, "(no description)");
        }
    }
    let _ = writeln!(out, "\n### Comments\n");
    if comments.is_empty() {
        let _ = writeln!(out, "(no comments)");
    }
    for (i, c) in comments.iter().enumerate() {
        let mut head = format!(
            "[{}] @{} ({})",
            i + 1,
            c.user.as_deref().unwrap_or("ghost"),
            date(c.created_at)
        );
        let reactions = c.reactions.summary();
        if !reactions.is_empty() {
            let _ = write!(head, " | {reactions}");
        }
        let _ = writeln!(out, "{head}\n{}\n", c.body);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thread(number: i64, state: ThreadState, pr: bool) -> Thread {
        Thread {
            repo: "o/r".into(),
            number,
            github_id: number,
            is_pull_request: pr,
            title: format!("thread {number}"),
            body: Some("body".into()),
            state,
            state_reason: None,
            user: Some("octocat".into()),
            author_association: Some("NONE".into()),
            labels: vec!["bug".into()],
            reactions: Reactions {
                plus_one: 2,
                ..Reactions::default()
            },
            comment_count: 0,
            created_at: 1_704_067_200_000,
            updated_at: 1_704_067_200_000,
            closed_at: None,
            merged: pr.then_some(false),
            draft: None,
            html_url: format!("https://github.com/o/r/issues/{number}"),
        }
    }

    #[test]
    fn open_pull_requests_come_first() {
        let mut cross = vec![
            thread(1, ThreadState::Closed, false),
            thread(2, ThreadState::Open, false),
            thread(3, ThreadState::Open, true),
            thread(4, ThreadState::Closed, true),
        ];
        order_cross_references(&mut cross);
        let order: Vec<i64> = cross.iter().map(|t| t.number).collect();
        assert_eq!(order, [3, 2, 4, 1]);
    }

    #[test]
    fn summaries_serialize_in_the_contract_shape() {
        let json = serde_json::to_value(ThreadSummary::from(&thread(7, ThreadState::Open, false)))
            .expect("json");
        for key in [
            "number",
            "title",
            "state",
            "is_pull_request",
            "labels",
            "user",
            "comment_count",
            "reactions",
            "created_at",
            "updated_at",
            "html_url",
        ] {
            assert!(json.get(key).is_some(), "{key} missing in {json}");
        }
        assert_eq!(json["state"], "open");
        assert_eq!(json["reactions"]["+1"], 2);
        assert_eq!(json["reactions"]["total_count"], 2);
        assert_eq!(json["created_at"], "2024-01-01T00:00:00Z");
    }
}
