//! Our own slim view of a webhook payload. GitHub adds events, actions and fields all the
//! time; a full model of its schema would turn each addition into a dropped delivery, so we
//! read only the envelope we route on and treat everything else as "not ours".

use serde::Deserialize;

use crate::github::api::{ApiComment, ApiIssue, ApiPullRequest};
use crate::ids::InstallationId;
use crate::store::RepoName;

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

/// What the webhook receiver reads of a delivery before storing it: the routing metadata.
/// The worker reads the whole delivery once, into an [`Event`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub event: String,
    pub action: Option<String>,
    pub installation_id: Option<i64>,
    pub repository: Option<RepoRef>,
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
pub const ACTED_ON: [(&str, &[&str]); 6] = [
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
    // Pushes carry no action: a new head for the code mirror, perhaps a new configuration.
    ("push", &[""]),
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
}

#[derive(Deserialize)]
struct RawId {
    id: i64,
}

#[derive(Deserialize)]
struct RawRepo {
    name: String,
    full_name: Option<String>,
    owner: Option<RawOwner>,
    default_branch: Option<String>,
}

#[derive(Deserialize)]
struct RawOwner {
    login: String,
}

impl RawRepo {
    fn into_ref(self) -> Option<RepoRef> {
        let owner = match (&self.full_name, self.owner) {
            (_, Some(owner)) => owner.login,
            (Some(full), None) => full.split_once('/')?.0.to_string(),
            (None, None) => return None,
        };
        Some(RepoRef {
            owner,
            name: self.name,
            default_branch: self.default_branch,
        })
    }
}

impl RawEnvelope {
    fn into_envelope(self, event: &str) -> Envelope {
        Envelope {
            event: event.to_string(),
            action: self.action,
            installation_id: self.installation.map(|i| i.id),
            repository: self.repository.and_then(RawRepo::into_ref),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The typed event: one parse per delivery, in the worker.
// ---------------------------------------------------------------------------------------------

/// What every event on a repository carries.
#[derive(Debug, Clone)]
pub struct EventContext {
    pub action: String,
    pub repo: RepoRef,
    pub installation: Option<InstallationId>,
    pub sender: Option<Actor>,
}

impl EventContext {
    /// The repository as the store names it.
    pub fn repo_name(&self) -> RepoName {
        RepoName {
            owner: self.repo.owner.clone(),
            name: self.repo.name.clone(),
        }
    }
}

/// `issues`: an issue opened, edited, labelled, closed, deleted...
#[derive(Debug, Clone)]
pub struct IssuesEvent {
    pub ctx: EventContext,
    pub issue: ApiIssue,
    /// The label just applied or removed (`labeled`, `unlabeled`).
    pub label: Option<String>,
}

/// `issue_comment` on an issue or a pull request's conversation.
#[derive(Debug, Clone)]
pub struct IssueCommentEvent {
    pub ctx: EventContext,
    pub issue: ApiIssue,
    pub comment: ApiComment,
    /// The text before an edit (`changes.body.from`).
    pub previous_body: Option<String>,
}

impl IssueCommentEvent {
    /// Whether the comment is on a pull request's conversation.
    pub fn on_pull_request(&self) -> bool {
        self.issue.pull_request.is_some()
    }
}

/// `pull_request`.
#[derive(Debug, Clone)]
pub struct PullRequestEvent {
    pub ctx: EventContext,
    pub pull_request: ApiPullRequest,
}

/// `push`: a branch or tag moved.
#[derive(Debug, Clone)]
pub struct PushEvent {
    pub repo: RepoRef,
    pub installation: Option<InstallationId>,
    /// `refs/heads/main`, `refs/tags/v1`.
    pub git_ref: String,
    /// The new head (all zeros when the ref was deleted).
    pub after: String,
}

impl PushEvent {
    /// The branch pushed to, when it is the repository's default branch.
    pub fn default_branch(&self) -> Option<&str> {
        let branch = self.git_ref.strip_prefix("refs/heads/")?;
        (self.repo.default_branch.as_deref() == Some(branch)
            && !self.after.bytes().all(|b| b == b'0'))
        .then_some(branch)
    }

    pub fn repo_name(&self) -> RepoName {
        RepoName {
            owner: self.repo.owner.clone(),
            name: self.repo.name.clone(),
        }
    }
}

/// `installation` created, or `installation_repositories` added: repositories to mirror.
#[derive(Debug, Clone)]
pub struct InstallationEvent {
    pub action: String,
    pub installation: Option<InstallationId>,
    pub repositories: Vec<RepoName>,
}

/// Why a delivery is not acted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ignored {
    /// An event or action the bot does not act on.
    NotActedOn,
    /// An event we act on whose payload does not have the shape we read: accepted and
    /// ignored (and counted), never a failure of ours.
    UnexpectedShape(String),
}

/// One delivery, read once; the worker dispatches on it with one `match`.
#[derive(Debug, Clone)]
pub enum Event {
    Issues(Box<IssuesEvent>),
    IssueComment(Box<IssueCommentEvent>),
    PullRequest(Box<PullRequestEvent>),
    Installation(InstallationEvent),
    InstallationRepositories(InstallationEvent),
    Push(Box<PushEvent>),
    Ping,
    Other {
        event: String,
        action: Option<String>,
        why: Ignored,
    },
}

#[derive(Deserialize)]
struct RawUser {
    login: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

impl RawUser {
    fn into_actor(self) -> Actor {
        Actor {
            login: self.login,
            kind: self.kind.unwrap_or_else(|| "User".to_string()),
        }
    }
}

#[derive(Deserialize)]
struct RawContext {
    action: String,
    repository: RawRepo,
    #[serde(default)]
    installation: Option<RawId>,
    #[serde(default)]
    sender: Option<RawUser>,
}

#[derive(Deserialize)]
struct RawLabel {
    name: String,
}

#[derive(Deserialize)]
struct RawIssues {
    #[serde(flatten)]
    ctx: RawContext,
    issue: ApiIssue,
    #[serde(default)]
    label: Option<RawLabel>,
}

#[derive(Deserialize)]
struct RawPreviousText {
    from: Option<String>,
}

#[derive(Deserialize)]
struct RawChangedBody {
    body: Option<RawPreviousText>,
}

#[derive(Deserialize)]
struct RawIssueComment {
    #[serde(flatten)]
    ctx: RawContext,
    issue: ApiIssue,
    comment: ApiComment,
    #[serde(default)]
    changes: Option<RawChangedBody>,
}

#[derive(Deserialize)]
struct RawPullRequest {
    #[serde(flatten)]
    ctx: RawContext,
    pull_request: ApiPullRequest,
}

#[derive(Deserialize)]
struct RawPush {
    #[serde(rename = "ref")]
    git_ref: String,
    after: String,
    repository: RawRepo,
    #[serde(default)]
    installation: Option<RawId>,
}

impl RawPush {
    fn into_event(self) -> Result<PushEvent, String> {
        Ok(PushEvent {
            repo: self
                .repository
                .into_ref()
                .ok_or("the repository has no owner")?,
            installation: installation_id(self.installation),
            git_ref: self.git_ref,
            after: self.after,
        })
    }
}

#[derive(Deserialize)]
struct RawRepoName {
    full_name: String,
}

#[derive(Deserialize)]
struct RawInstallation {
    action: String,
    #[serde(default)]
    installation: Option<RawId>,
    #[serde(default)]
    repositories: Option<Vec<RawRepoName>>,
    #[serde(default)]
    repositories_added: Option<Vec<RawRepoName>>,
}

fn installation_id(raw: Option<RawId>) -> Option<InstallationId> {
    raw.and_then(|i| InstallationId::from_i64(i.id))
}

impl RawContext {
    fn into_context(self) -> Result<EventContext, String> {
        Ok(EventContext {
            action: self.action,
            repo: self
                .repository
                .into_ref()
                .ok_or("the repository has no owner")?,
            installation: installation_id(self.installation),
            sender: self.sender.map(RawUser::into_actor),
        })
    }
}

impl RawInstallation {
    fn into_event(self) -> InstallationEvent {
        InstallationEvent {
            action: self.action,
            installation: installation_id(self.installation),
            repositories: self
                .repositories_added
                .or(self.repositories)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|r| RepoName::parse(&r.full_name).ok())
                .collect(),
        }
    }
}

impl Event {
    /// Reads a stored delivery of `event`. Never fails: what the bot does not act on, and a
    /// payload of an unexpected shape, are [`Event::Other`].
    pub fn parse(event: &str, payload: &[u8]) -> Event {
        if event == "ping" {
            return Event::Ping;
        }
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Action {
            action: Option<String>,
        }
        let action = serde_json::from_slice::<Action>(payload)
            .unwrap_or_default()
            .action;
        if !is_acted_on(event, action.as_deref()) {
            return Event::Other {
                event: event.to_string(),
                action,
                why: Ignored::NotActedOn,
            };
        }
        let parsed = match event {
            "issues" => serde_json::from_slice::<RawIssues>(payload)
                .map_err(|e| e.to_string())
                .and_then(|raw| {
                    Ok(Event::Issues(Box::new(IssuesEvent {
                        ctx: raw.ctx.into_context()?,
                        issue: raw.issue,
                        label: raw.label.map(|l| l.name),
                    })))
                }),
            "issue_comment" => serde_json::from_slice::<RawIssueComment>(payload)
                .map_err(|e| e.to_string())
                .and_then(|raw| {
                    Ok(Event::IssueComment(Box::new(IssueCommentEvent {
                        ctx: raw.ctx.into_context()?,
                        issue: raw.issue,
                        comment: raw.comment,
                        previous_body: raw.changes.and_then(|c| c.body).and_then(|b| b.from),
                    })))
                }),
            "pull_request" => serde_json::from_slice::<RawPullRequest>(payload)
                .map_err(|e| e.to_string())
                .and_then(|raw| {
                    Ok(Event::PullRequest(Box::new(PullRequestEvent {
                        ctx: raw.ctx.into_context()?,
                        pull_request: raw.pull_request,
                    })))
                }),
            "installation" => serde_json::from_slice::<RawInstallation>(payload)
                .map(|raw| Event::Installation(raw.into_event()))
                .map_err(|e| e.to_string()),
            "installation_repositories" => serde_json::from_slice::<RawInstallation>(payload)
                .map(|raw| Event::InstallationRepositories(raw.into_event()))
                .map_err(|e| e.to_string()),
            "push" => serde_json::from_slice::<RawPush>(payload)
                .map_err(|e| e.to_string())
                .and_then(|raw| Ok(Event::Push(Box::new(raw.into_event()?)))),
            _ => Err("no reader for this event".to_string()),
        };
        parsed.unwrap_or_else(|why| Event::Other {
            event: event.to_string(),
            action,
            why: Ignored::UnexpectedShape(why),
        })
    }

    /// The repository the event is about, when it is about one.
    pub fn context(&self) -> Option<&EventContext> {
        match self {
            Event::Issues(e) => Some(&e.ctx),
            Event::IssueComment(e) => Some(&e.ctx),
            Event::PullRequest(e) => Some(&e.ctx),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(event: &str, file: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/fixtures/github-webhooks")
            .join(event)
            .join(file);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn reads_a_comment_once_into_its_variant() {
        let payload = fixture("issue_comment", "edited.payload.json");
        let Event::IssueComment(event) = Event::parse("issue_comment", &payload) else {
            panic!("an issue_comment");
        };
        assert_eq!(event.ctx.action, "edited");
        assert!(event.ctx.repo.full_name().contains('/'));
        assert!(event.previous_body.is_some(), "changes.body.from is read");
        assert!(event.comment.id > 0);
    }

    #[test]
    fn installations_list_their_repositories() {
        let payload = fixture("installation", "created.payload.json");
        let Event::Installation(event) = Event::parse("installation", &payload) else {
            panic!("an installation");
        };
        assert!(!event.repositories.is_empty());
        assert!(event.installation.is_some());
    }

    #[test]
    fn what_we_do_not_act_on_and_odd_shapes_are_other() {
        let star = fixture("star", "created.payload.json");
        assert!(matches!(
            Event::parse("star", &star),
            Event::Other {
                why: Ignored::NotActedOn,
                ..
            }
        ));
        let odd = br#"{"action":"opened","issue":"a string","repository":{"name":"r","full_name":"o/r"}}"#;
        assert!(matches!(
            Event::parse("issues", odd),
            Event::Other {
                why: Ignored::UnexpectedShape(_),
                ..
            }
        ));
        // Not JSON at all reads as an action we do not know: ignored.
        assert!(matches!(
            Event::parse("issues", b"not json"),
            Event::Other { .. }
        ));
        assert!(matches!(Event::parse("ping", b"{}"), Event::Ping));
        let push = Event::parse("push", &fixture("push", "with-installation.payload.json"));
        let Event::Push(push) = push else {
            panic!("a push: {push:?}");
        };
        assert_eq!(push.after.len(), 40);
        assert!(push.git_ref.starts_with("refs/"));
        assert!(push.installation.is_some());
    }

    #[test]
    fn the_receiver_tells_broken_json_from_an_unknown_shape() {
        assert!(matches!(
            parse_envelope("issues", b"{\"action\": "),
            Err(EnvelopeError::NotJson(_))
        ));
        assert!(matches!(
            parse_envelope("issues", b"not json"),
            Err(EnvelopeError::NotJson(_))
        ));
        assert!(matches!(
            parse_envelope("issues", br#"{"repository": "a string"}"#),
            Err(EnvelopeError::UnexpectedShape { .. })
        ));
        let env =
            parse_envelope("issues", br#"{"action":"typed","surprise":[1,2]}"#).expect("parses");
        assert_eq!(env.action.as_deref(), Some("typed"));
        assert!(!is_acted_on("issues", Some("typed")));
    }
}
