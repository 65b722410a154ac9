//! Our own slim view of a webhook payload. GitHub adds events, actions and fields all the
//! time; a full model of its schema would turn each addition into a dropped delivery, so we
//! read only the envelope we route on and treat everything else as "not ours".

use serde::Deserialize;

/// Who did something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub login: String,
    /// `User`, `Bot` or `Organization`.
    pub kind: String,
}

impl Actor {
    pub fn is_bot(&self) -> bool {
        self.kind.eq_ignore_ascii_case("bot") || self.login.ends_with("[bot]")
    }
}

/// The repository a delivery concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoRef {
    pub owner: String,
    pub name: String,
    pub default_branch: Option<String>,
}

impl RepoRef {
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }
}

/// The comment of an `issue_comment` delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRef {
    pub id: i64,
    pub body: String,
    pub author: Option<Actor>,
}

/// The routing envelope of one delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub event: String,
    pub action: Option<String>,
    pub installation_id: Option<i64>,
    pub repository: Option<RepoRef>,
    /// The issue or pull request number.
    pub number: Option<i64>,
    pub is_pull_request: bool,
    pub sender: Option<Actor>,
    pub comment: Option<CommentRef>,
    /// The labels of the issue or pull request.
    pub labels: Vec<String>,
    /// The label just applied or removed (`labeled`, `unlabeled`).
    pub label: Option<String>,
    /// Repositories added to the installation (`installation` created,
    /// `installation_repositories` added), as `owner/name`.
    pub repositories_added: Vec<String>,
}

/// Why a payload could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EnvelopeError {
    /// Not JSON at all: the sender is broken, answered 400.
    #[error("the payload is not valid JSON: {0}")]
    NotJson(serde_json::Error),
    /// Valid JSON in a shape we do not know: ignored, never an error.
    #[error("the payload does not have the shape of a {event} event: {source}")]
    UnexpectedShape {
        event: String,
        source: serde_json::Error,
    },
}

/// Reads the envelope of a delivery of `event`.
pub fn parse_envelope(event: &str, body: &[u8]) -> Result<Envelope, EnvelopeError> {
    let raw: RawEnvelope = match serde_json::from_slice(body) {
        Ok(raw) => raw,
        Err(err) if err.is_syntax() || err.is_eof() => return Err(EnvelopeError::NotJson(err)),
        Err(err) => {
            // Valid JSON the slim structs cannot read (a field of another type). Tell the two
            // apart only on this rare path, where the second parse costs nothing that matters.
            return Err(
                match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
                    Ok(_) => EnvelopeError::UnexpectedShape {
                        event: event.to_string(),
                        source: err,
                    },
                    Err(syntax) => EnvelopeError::NotJson(syntax),
                },
            );
        }
    };
    Ok(raw.into_envelope(event))
}

/// The events and actions the bot acts on; every other delivery is stored and ignored. The
/// App's manifest (`github-app.json`) subscribes to these (`installation` and
/// `installation_repositories` are sent to every App without asking).
pub const ACTED_ON: [(&str, &[&str]); 5] = [
    (
        "issues",
        &[
            "opened",
            "edited",
            "closed",
            "reopened",
            "labeled",
            "unlabeled",
            "transferred",
            "deleted",
        ],
    ),
    ("issue_comment", &["created", "edited", "deleted"]),
    (
        "pull_request",
        &[
            "opened",
            "edited",
            "closed",
            "reopened",
            // Labels and draft state are mirrored too (triage reads both).
            "labeled",
            "unlabeled",
            "ready_for_review",
            "converted_to_draft",
        ],
    ),
    ("installation", &["created"]),
    ("installation_repositories", &["added"]),
];

/// Whether the bot acts on `action` of `event`.
pub fn is_acted_on(event: &str, action: Option<&str>) -> bool {
    let action = action.unwrap_or_default();
    ACTED_ON
        .iter()
        .any(|(e, actions)| *e == event && actions.contains(&action))
}

/// Whether the bot acts on some action of `event`.
pub fn is_acted_on_event(event: &str) -> bool {
    ACTED_ON.iter().any(|(e, _)| *e == event)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawEnvelope {
    action: Option<String>,
    installation: Option<RawId>,
    repository: Option<RawRepo>,
    issue: Option<RawThread>,
    pull_request: Option<RawThread>,
    number: Option<i64>,
    sender: Option<RawUser>,
    comment: Option<RawComment>,
    label: Option<RawLabel>,
    repositories: Option<Vec<RawRepoName>>,
    repositories_added: Option<Vec<RawRepoName>>,
}

#[derive(Deserialize)]
struct RawId {
    id: i64,
}

#[derive(Deserialize)]
struct RawRepo {
    name: String,
    full_name: Option<String>,
    owner: Option<RawUser>,
    default_branch: Option<String>,
}

#[derive(Deserialize)]
struct RawRepoName {
    full_name: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawThread {
    number: Option<i64>,
    labels: Option<Vec<RawLabel>>,
    pull_request: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct RawUser {
    login: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct RawComment {
    id: i64,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    user: Option<RawUser>,
}

#[derive(Deserialize)]
struct RawLabel {
    name: String,
}

impl RawUser {
    fn into_actor(self) -> Actor {
        Actor {
            login: self.login,
            kind: self.kind.unwrap_or_else(|| "User".to_string()),
        }
    }
}

impl RawEnvelope {
    fn into_envelope(self, event: &str) -> Envelope {
        let repository = self.repository.and_then(|repo| {
            let owner = match (&repo.full_name, repo.owner) {
                (_, Some(owner)) => owner.login,
                (Some(full), None) => full.split_once('/')?.0.to_string(),
                (None, None) => return None,
            };
            Some(RepoRef {
                owner,
                name: repo.name,
                default_branch: repo.default_branch,
            })
        });
        // An issue_comment on a pull request carries `issue` with a `pull_request` link.
        let (thread, is_pull_request) = match (self.pull_request, self.issue) {
            (Some(pr), _) => (Some(pr), true),
            (None, Some(issue)) => {
                let is_pr = issue.pull_request.is_some();
                (Some(issue), is_pr)
            }
            (None, None) => (None, false),
        };
        let number = thread.as_ref().and_then(|t| t.number).or(self.number);
        let labels = thread
            .and_then(|t| t.labels)
            .unwrap_or_default()
            .into_iter()
            .map(|l| l.name)
            .collect();
        let repositories_added = self
            .repositories_added
            .or(self.repositories)
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.full_name)
            .collect();
        Envelope {
            event: event.to_string(),
            action: self.action,
            installation_id: self.installation.map(|i| i.id),
            repository,
            number,
            is_pull_request,
            sender: self.sender.map(RawUser::into_actor),
            comment: self.comment.map(|c| CommentRef {
                id: c.id,
                body: c.body.unwrap_or_default(),
                author: c.user.map(RawUser::into_actor),
            }),
            labels,
            label: self.label.map(|l| l.name),
            repositories_added,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_issue_comment_on_a_pull_request() {
        let body = br#"{"action":"created","installation":{"id":7},
            "repository":{"name":"r","full_name":"o/r","owner":{"login":"o","type":"User"}},
            "issue":{"number":12,"labels":[{"name":"bug"}],"pull_request":{"url":"x"}},
            "comment":{"id":99,"body":"/coordinate","user":{"login":"bot[bot]","type":"Bot"}},
            "sender":{"login":"bot[bot]","type":"Bot"}}"#;
        let env = parse_envelope("issue_comment", body).expect("parses");
        assert_eq!(env.number, Some(12));
        assert!(env.is_pull_request);
        assert_eq!(env.installation_id, Some(7));
        assert_eq!(env.labels, vec!["bug".to_string()]);
        assert_eq!(
            env.repository.as_ref().map(RepoRef::full_name).as_deref(),
            Some("o/r")
        );
        let comment = env.comment.expect("comment");
        assert_eq!(comment.body, "/coordinate");
        assert!(comment.author.expect("author").is_bot());
    }

    #[test]
    fn tells_broken_json_from_an_unknown_shape() {
        assert!(matches!(
            parse_envelope("issues", b"{\"action\": "),
            Err(EnvelopeError::NotJson(_))
        ));
        assert!(matches!(
            parse_envelope("issues", b"not json"),
            Err(EnvelopeError::NotJson(_))
        ));
        assert!(matches!(
            parse_envelope("issues", br#"{"issue": "a string"}"#),
            Err(EnvelopeError::UnexpectedShape { .. })
        ));
        // Unknown fields and actions are fine.
        let env =
            parse_envelope("issues", br#"{"action":"typed","surprise":[1,2]}"#).expect("parses");
        assert_eq!(env.action.as_deref(), Some("typed"));
        assert!(!is_acted_on("issues", Some("typed")));
    }
}
