//! The REST objects the bot reads (issues, pull requests, comments, timeline events), in slim
//! serde structs that tolerate what they do not know, and their conversion to mirror rows.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::github::refs::extract_refs;
use crate::store::{
    Comment, CommentWrite, Reactions, RefKind, RepoName, Thread, ThreadState, ThreadWrite,
};

#[derive(Debug, Clone, Deserialize)]
pub struct ApiUser {
    pub login: String,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApiLabel {
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApiIssuePullRequest {
    #[serde(default)]
    pub merged_at: Option<DateTime<Utc>>,
}

/// An issue (or a pull request, seen through the issues API).
#[derive(Debug, Clone, Deserialize)]
pub struct ApiIssue {
    pub id: i64,
    pub number: i64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: Option<String>,
    pub state: String,
    #[serde(default)]
    pub state_reason: Option<String>,
    #[serde(default)]
    pub user: Option<ApiUser>,
    #[serde(default)]
    pub author_association: Option<String>,
    #[serde(default)]
    pub labels: Vec<ApiLabel>,
    #[serde(default)]
    pub comments: i64,
    #[serde(default)]
    pub reactions: Option<Reactions>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub html_url: String,
    #[serde(default)]
    pub pull_request: Option<ApiIssuePullRequest>,
    #[serde(default)]
    pub draft: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApiBranch {
    #[serde(rename = "ref")]
    pub name: String,
}

/// A pull request as the pulls API and `pull_request` webhooks send it.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiPullRequest {
    pub id: i64,
    pub number: i64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: Option<String>,
    pub state: String,
    #[serde(default)]
    pub user: Option<ApiUser>,
    #[serde(default)]
    pub author_association: Option<String>,
    #[serde(default)]
    pub labels: Vec<ApiLabel>,
    #[serde(default)]
    pub comments: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub merged_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub merged: Option<bool>,
    #[serde(default)]
    pub draft: Option<bool>,
    #[serde(default)]
    pub html_url: String,
    #[serde(default)]
    pub base: Option<ApiBranch>,
}

/// A comment on an issue or pull request conversation.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiComment {
    pub id: i64,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub user: Option<ApiUser>,
    #[serde(default)]
    pub author_association: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub html_url: Option<String>,
    #[serde(default)]
    pub issue_url: Option<String>,
    #[serde(default)]
    pub reactions: Option<Reactions>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApiRepoRef {
    pub full_name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApiTimelineIssue {
    pub number: i64,
    #[serde(default)]
    pub repository: Option<ApiRepoRef>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApiTimelineSource {
    #[serde(default)]
    pub issue: Option<ApiTimelineIssue>,
}

/// One timeline event; only cross-references matter to the mirror.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiTimelineEvent {
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub source: Option<ApiTimelineSource>,
}

impl ApiTimelineEvent {
    /// The number of the thread of `repo` this event says refers here.
    pub fn cross_reference_from(&self, repo: &RepoName) -> Option<i64> {
        if self.event.as_deref() != Some("cross-referenced") {
            return None;
        }
        let issue = self.source.as_ref()?.issue.as_ref()?;
        let same_repo = issue
            .repository
            .as_ref()
            .is_none_or(|r| r.full_name.eq_ignore_ascii_case(&repo.to_string()));
        same_repo.then_some(issue.number)
    }
}

/// The repository object.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiRepository {
    pub full_name: String,
    #[serde(default)]
    pub default_branch: Option<String>,
}

fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn state(s: &str) -> ThreadState {
    if s.eq_ignore_ascii_case("closed") {
        ThreadState::Closed
    } else {
        ThreadState::Open
    }
}

/// References of a body. Closing keywords only close from a pull request's body; elsewhere
/// they are mentions.
fn body_refs(text: Option<&str>, repo: &RepoName, closes: bool) -> Vec<(RefKind, i64)> {
    let Some(text) = text else {
        return Vec::new();
    };
    extract_refs(text, repo)
        .into_iter()
        .filter(|r| closes || r.kind != RefKind::Closes)
        .map(|r| (r.kind, r.number))
        .collect()
}

impl ApiIssue {
    pub fn into_write(self, repo: &RepoName) -> ThreadWrite {
        let is_pull_request = self.pull_request.is_some();
        let refs = body_refs(self.body.as_deref(), repo, is_pull_request);
        ThreadWrite {
            thread: Thread {
                repo: repo.key(),
                number: self.number,
                github_id: self.id,
                is_pull_request,
                title: self.title,
                body: self.body,
                state: state(&self.state),
                state_reason: self.state_reason,
                user: self.user.map(|u| u.login),
                author_association: self.author_association,
                labels: self.labels.into_iter().map(|l| l.name).collect(),
                reactions: self.reactions.unwrap_or_default(),
                comment_count: self.comments,
                created_at: millis(self.created_at),
                updated_at: millis(self.updated_at),
                closed_at: self.closed_at.map(millis),
                merged: self.pull_request.as_ref().map(|pr| pr.merged_at.is_some()),
                draft: self.draft,
                html_url: self.html_url,
            },
            refs,
        }
    }
}

impl ApiPullRequest {
    /// The pull request as a thread; what the pulls API does not carry (reactions, the
    /// comment count) is taken from `known`, the mirror's current row, when there is one.
    pub fn into_write(self, repo: &RepoName, known: Option<&Thread>) -> ThreadWrite {
        let refs = body_refs(self.body.as_deref(), repo, true);
        let merged = self.merged.unwrap_or(self.merged_at.is_some());
        ThreadWrite {
            thread: Thread {
                repo: repo.key(),
                number: self.number,
                github_id: known.map_or(self.id, |k| k.github_id),
                is_pull_request: true,
                title: self.title,
                body: self.body,
                state: state(&self.state),
                state_reason: known.and_then(|k| k.state_reason.clone()),
                user: self.user.map(|u| u.login),
                author_association: self.author_association,
                labels: self.labels.into_iter().map(|l| l.name).collect(),
                reactions: known.map(|k| k.reactions).unwrap_or_default(),
                comment_count: self
                    .comments
                    .unwrap_or_else(|| known.map_or(0, |k| k.comment_count)),
                created_at: millis(self.created_at),
                updated_at: millis(self.updated_at),
                closed_at: self.closed_at.map(millis),
                merged: Some(merged),
                draft: self.draft,
                html_url: self.html_url,
            },
            refs,
        }
    }
}

impl ApiComment {
    /// The comment as a row; `number` is its thread when the caller knows it, else it is read
    /// from `issue_url`. `None` when neither says.
    pub fn into_write(self, repo: &RepoName, number: Option<i64>) -> Option<CommentWrite> {
        let number = number.or_else(|| {
            self.issue_url
                .as_deref()
                .and_then(|url| url.rsplit('/').next())
                .and_then(|n| n.parse().ok())
        })?;
        let body = self.body.unwrap_or_default();
        let refs = body_refs(Some(&body), repo, false);
        Some(CommentWrite {
            comment: Comment {
                repo: repo.key(),
                id: self.id,
                number,
                user: self.user.map(|u| u.login),
                author_association: self.author_association,
                body,
                reactions: self.reactions.unwrap_or_default(),
                created_at: millis(self.created_at),
                updated_at: millis(self.updated_at),
                html_url: self.html_url,
            },
            refs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_fixtures_issue_and_comment() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/fixtures/github-webhooks/issue_comment/created.payload.json");
        let Ok(text) = std::fs::read_to_string(&dir) else {
            panic!("fixture missing: {}", dir.display());
        };
        let payload: serde_json::Value = serde_json::from_str(&text).expect("json");
        let repo = RepoName::parse("Codertocat/Hello-World").expect("repo");
        let issue: ApiIssue = serde_json::from_value(payload["issue"].clone()).expect("issue");
        let write = issue.into_write(&repo);
        assert_eq!(write.thread.number, 1);
        assert_eq!(write.thread.repo, "codertocat/hello-world");
        assert!(!write.thread.is_pull_request);
        let comment: ApiComment =
            serde_json::from_value(payload["comment"].clone()).expect("comment");
        let write = comment
            .into_write(&repo, None)
            .expect("number from issue_url");
        assert_eq!(write.comment.number, 1);
    }

    #[test]
    fn closing_keywords_close_only_from_pull_requests() {
        let repo = RepoName::parse("o/r").expect("repo");
        let issue = |pr: bool| ApiIssue {
            id: 1,
            number: 5,
            title: "t".into(),
            body: Some("Fixes #3".into()),
            state: "open".into(),
            state_reason: None,
            user: None,
            author_association: None,
            labels: vec![],
            comments: 0,
            reactions: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            closed_at: None,
            html_url: String::new(),
            pull_request: pr.then(ApiIssuePullRequest::default),
            draft: None,
        };
        assert!(
            issue(true)
                .into_write(&repo)
                .refs
                .contains(&(RefKind::Closes, 3))
        );
        let refs = issue(false).into_write(&repo).refs;
        assert_eq!(refs, [(RefKind::Mention, 3)]);
    }
}
