//! A stand-in for GitHub's REST API, served on loopback, for tests and benchmarks.
//!
//! The bot (and octocrab) talk to it through `GITHUB_API_URL = stand_in.url`; the test seeds
//! repositories, threads and comments through the methods below and inspects what the bot did
//! (comments, reactions, gists, redeliveries, and every request in `calls()`).
//!
//! # Surface
//! - Start: [`StandIn::start`] (serves until dropped). [`StandIn::url`] has no trailing slash.
//!   [`StandIn::env`] gives `GITHUB_API_URL`, `APP_ID` and `PRIVATE_KEY_PATH` for a bot process.
//! - Identity: the App id is [`StandIn::app_id`] (4242), its key [`StandIn::app_private_key_pem`]
//!   (`tests/data/test-app-key.pem`), its bot login [`BOT_LOGIN`] (`coordinator-bot[bot]`).
//!   Clients: [`StandIn::app_client`], [`StandIn::installation_client`], [`StandIn::token_client`]
//!   (real octocrab, pointed here); [`StandIn::installation_token`] mints a token for reqwest.
//! - Data: [`StandIn::add_repo`], [`StandIn::add_token`], [`StandIn::upsert_thread`] with a
//!   [`ThreadSpec`], [`StandIn::add_comment`], [`StandIn::edit_comment`],
//!   [`StandIn::delete_comment`], [`StandIn::delete_thread`], [`StandIn::set_labels`],
//!   [`StandIn::add_timeline_cross_reference`], [`StandIn::set_permission`],
//!   [`StandIn::set_file`], [`StandIn::add_reaction`], [`StandIn::add_hook_delivery`].
//! - Inspection: [`StandIn::thread`], [`StandIn::comments_on`], [`StandIn::comment`],
//!   [`StandIn::reactions_on_comment`], [`StandIn::reactions_on_thread`], [`StandIn::gists`],
//!   [`StandIn::redelivery_requests`], [`StandIn::calls`], [`StandIn::call_count`],
//!   [`StandIn::count`], [`StandIn::reset_calls`], [`StandIn::now`].
//! - Faults: [`StandIn::fail_next`], [`StandIn::secondary_rate_limit_next`],
//!   [`StandIn::primary_rate_limit_next`], [`StandIn::set_latency`],
//!   [`StandIn::set_rate_limit_remaining`], [`StandIn::expire_installation_tokens`],
//!   [`StandIn::allow_anonymous_reads`].
//!
//! # Time
//! Data timestamps come from a logical clock that starts at 2024-01-01T00:00:00Z and advances by
//! exactly one second on every mutation (seeding or a write by a client), so no two `updated_at`
//! values are ever equal and `since` filtering is exact. It never reads the wall clock and never
//! sleeps; [`StandIn::advance_clock`] jumps it forward. Responses carry a `Date` header with the
//! logical time. Wall time is used only where GitHub's clients compare with their own clock:
//! JWT `iat`/`exp`, installation token `expires_at` (one hour), and `x-ratelimit-reset`.
//! A consumer must take its sync cursor from GitHub's data (the largest `updated_at` seen, or
//! the `Date` header), never from its local clock: the stand-in lives in 2024.
//!
//! # Behaviour worth knowing
//! - Auth: `Authorization: Bearer X` or `token X`. `/app/...` and `/repos/{o}/{r}/installation`
//!   take only an App JWT; everything else takes only tokens (installation or personal); the
//!   other kind gets 401. Unknown/expired/invalid credentials and no credential get 401
//!   `{"message":"Bad credentials"}` (a JWT gets a more specific message; no credential at all
//!   gets "Requires authentication" unless [`StandIn::allow_anonymous_reads`]). An installation token
//!   sees only its installation's repositories (404 otherwise). `/gist-raw/...` needs no auth.
//! - Writes by an installation token are authored by [`BOT_LOGIN`] (type `Bot`); by a personal
//!   token, by its login. Creating or deleting a comment, a label change, a cross-reference and
//!   every `upsert_thread` bump the thread's `updated_at`; editing a comment bumps only the
//!   comment's; reactions bump nothing.
//! - Lists page like GitHub (`per_page` default 30, max 100; `Link` with absolute URLs on
//!   [`StandIn::url`], rel next/last/first/prev, other query parameters kept). octocrab only sends
//!   its `Authorization` header to relative URIs (or api.github.com): to follow a `Link` with
//!   octocrab, pass the URL's path and query, not the absolute URL.
//! - Every successful GET carries `ETag: W/"<sha256 of the body>"`; `If-None-Match` with it gets
//!   304 and an empty body. Every response carries `x-ratelimit-*` and `x-github-request-id`.
//! - `html_url`s point at `https://github.com/...` (stable across runs, fit for snapshots);
//!   API `url`s (`issue_url`, gist `raw_url`, ...) point at the stand-in.
//! - Faults apply to the next N requests whose path starts with the prefix (`""` = all), in the
//!   order they were added; a faulted request is recorded and does not touch state.
//! - octocrab 0.54's typed `get_collaborator_permission()` cannot parse GitHub's real answer
//!   (`"permission": "write"`); read that endpoint into your own struct or `serde_json::Value`.
//! - `POST` is accepted wherever `PATCH` is (comment and gist edits), as GitHub does;
//!   octocrab's `update_comment` sends `POST`.
//! - Mutators panic on an unknown repository, thread or comment: they are test set-up errors.

// Each test binary (or a bench including this file with `#[path]`) uses only part of it.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::{Request, State as AxState};
use axum::response::Response;
use base64::Engine;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

mod apps;
mod gists;
mod issues;
mod json;
mod repos;
mod serve;
mod state;

use apps::*;
use gists::*;
use issues::*;
use json::*;
use repos::*;
use serve::*;
use state::*;

/// The login GitHub gives the App's bot user.
pub const BOT_LOGIN: &str = "coordinator-bot[bot]";
/// The App's slug.
pub const APP_SLUG: &str = "coordinator-bot";
/// 2024-01-01T00:00:00Z, where the logical clock starts.
pub const CLOCK_START: i64 = 1_704_067_200;

const APP_ID: u64 = 4242;
const DOCS: &str = "https://docs.github.com/rest";
const MAX_COMMENT_CHARS: usize = 65_536;
const GIST_TRUNCATE_BYTES: usize = 1024 * 1024;
const REACTIONS: [&str; 8] = [
    "+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes",
];

/// What a personal token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A user token without the gist scope.
    Personal,
    /// A user token with the gist scope (the bot's `GIST_TOKEN`).
    GistCapable,
}

/// Who a recorded request authenticated as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No `Authorization` header.
    None,
    /// A credential that was refused (unknown, expired, badly signed).
    Invalid,
    /// A valid App JWT.
    Jwt,
    /// An installation token of this installation.
    Installation(u64),
    /// A personal token of this login.
    Token(String),
}

/// One request the stand-in answered.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub status: u16,
    pub auth: Auth,
    pub if_none_match: Option<String>,
    /// The request body as text (lossy).
    pub body: String,
    pub at: Instant,
}

/// A pull request's extra state, for [`ThreadSpec::pull`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullSpec {
    pub base_ref: String,
    pub head_ref: String,
    pub merged: bool,
    pub draft: bool,
}

/// An issue or pull request to create or replace with [`StandIn::upsert_thread`].
///
/// `ThreadSpec::issue(7, "title").body("...").user("alice").labels(&["bug"]).closed()`
#[derive(Debug, Clone)]
pub struct ThreadSpec {
    pub number: u64,
    pub title: String,
    pub body: Option<String>,
    /// Author login (default `octocat`).
    pub user: String,
    /// `true` for open (default), `false` for closed.
    pub open: bool,
    /// `completed`, `not_planned`, `reopened`, `duplicate` or none.
    pub state_reason: Option<String>,
    pub labels: Vec<String>,
    /// Overrides the computed `author_association` (OWNER / COLLABORATOR / NONE).
    pub author_association: Option<String>,
    /// Reaction counts by content (`"+1"`, `"heart"`, ...), added to reactions made through the API.
    pub reactions: Vec<(String, u64)>,
    /// `Some` for a pull request.
    pub pull: Option<PullSpec>,
}

impl ThreadSpec {
    pub fn issue(number: u64, title: &str) -> ThreadSpec {
        ThreadSpec {
            number,
            title: title.to_string(),
            body: None,
            user: "octocat".to_string(),
            open: true,
            state_reason: None,
            labels: Vec::new(),
            author_association: None,
            reactions: Vec::new(),
            pull: None,
        }
    }

    /// A pull request from `fix/{number}` into `main`.
    pub fn pull(number: u64, title: &str) -> ThreadSpec {
        ThreadSpec {
            pull: Some(PullSpec {
                base_ref: "main".to_string(),
                head_ref: format!("fix/{number}"),
                merged: false,
                draft: false,
            }),
            ..ThreadSpec::issue(number, title)
        }
    }

    pub fn body(mut self, body: &str) -> Self {
        self.body = Some(body.to_string());
        self
    }

    pub fn user(mut self, login: &str) -> Self {
        self.user = login.to_string();
        self
    }

    pub fn closed(mut self) -> Self {
        self.open = false;
        if self.state_reason.is_none() && self.pull.is_none() {
            self.state_reason = Some("completed".to_string());
        }
        self
    }

    pub fn state_reason(mut self, reason: &str) -> Self {
        self.state_reason = Some(reason.to_string());
        self
    }

    pub fn labels(mut self, labels: &[&str]) -> Self {
        self.labels = labels.iter().map(|l| l.to_string()).collect();
        self
    }

    pub fn association(mut self, association: &str) -> Self {
        self.author_association = Some(association.to_string());
        self
    }

    pub fn reactions(mut self, counts: &[(&str, u64)]) -> Self {
        self.reactions = counts.iter().map(|(c, n)| (c.to_string(), *n)).collect();
        self
    }

    /// Closes the pull request as merged. Panics on an issue.
    pub fn merged(mut self) -> Self {
        self.pull
            .as_mut()
            .expect("merged() is for ThreadSpec::pull")
            .merged = true;
        self.open = false;
        self
    }

    pub fn draft(mut self) -> Self {
        self.pull
            .as_mut()
            .expect("draft() is for ThreadSpec::pull")
            .draft = true;
        self
    }

    pub fn base(mut self, base_ref: &str) -> Self {
        self.pull
            .as_mut()
            .expect("base() is for ThreadSpec::pull")
            .base_ref = base_ref.to_string();
        self
    }

    pub fn head(mut self, head_ref: &str) -> Self {
        self.pull
            .as_mut()
            .expect("head() is for ThreadSpec::pull")
            .head_ref = head_ref.to_string();
        self
    }
}

/// A thread as the stand-in holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadView {
    pub number: u64,
    pub title: String,
    pub body: Option<String>,
    pub user: String,
    pub open: bool,
    /// GitHub's `state_reason` (`completed`, `not_planned`, `duplicate`, ...).
    pub state_reason: Option<String>,
    pub labels: Vec<String>,
    pub is_pull_request: bool,
    pub comments: usize,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A comment as the stand-in holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentView {
    pub id: u64,
    pub number: u64,
    pub user: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A gist as the stand-in holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GistView {
    pub id: String,
    pub description: Option<String>,
    pub public: bool,
    pub owner: String,
    /// (file name, content), by name.
    pub files: Vec<(String, String)>,
}

/// A webhook delivery listed by `GET /app/hook/deliveries`.
#[derive(Debug, Clone)]
pub struct HookDeliverySpec {
    pub id: u64,
    /// Same for a delivery and its redeliveries (the `X-GitHub-Delivery` header).
    pub guid: String,
    pub delivered_at: DateTime<Utc>,
    pub redelivery: bool,
    /// The receiver's answer; `status` is `OK` for 2xx, else `Invalid HTTP Response: {code}`.
    pub status_code: u16,
    pub event: String,
    pub action: Option<String>,
    pub installation_id: Option<u64>,
    pub repository_id: Option<u64>,
}

impl HookDeliverySpec {
    pub fn new(id: u64, guid: &str, event: &str, status_code: u16) -> HookDeliverySpec {
        HookDeliverySpec {
            id,
            guid: guid.to_string(),
            delivered_at: at(CLOCK_START),
            redelivery: false,
            status_code,
            event: event.to_string(),
            action: None,
            installation_id: None,
            repository_id: None,
        }
    }
}

/// The running stand-in. Serves until dropped.
pub struct StandIn {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub url: String,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.task.abort();
        // A call no route expects fails the test (unless the test is already failing, or
        // probes unknown routes on purpose).
        let st = self.state();
        if !std::thread::panicking() && !st.unexpected_allowed && !st.unexpected.is_empty() {
            let calls = st.unexpected.join(", ");
            drop(st);
            panic!("the stand-in GitHub got calls it did not expect: {calls}");
        }
    }
}

impl StandIn {
    /// Starts serving on a random loopback port.
    pub async fn start() -> StandIn {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("stand-in GitHub binds a loopback port");
        let addr = listener.local_addr().expect("stand-in GitHub address");
        let url = format!("http://{addr}");
        let public_pem = std::fs::read(test_data("test-app-key.pub.pem"))
            .expect("tests/data/test-app-key.pub.pem is readable");
        let decoding_key =
            DecodingKey::from_rsa_pem(&public_pem).expect("tests/data/test-app-key.pub.pem parses");
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                base: url.clone(),
                clock: CLOCK_START,
                next_id: 1000,
                repos: BTreeMap::new(),
                credentials: HashMap::new(),
                gists: BTreeMap::new(),
                next_gist: 0,
                deliveries: BTreeMap::new(),
                redeliveries: Vec::new(),
                calls: Vec::new(),
                renamed: BTreeMap::new(),
                cut_tarballs: 0,
                unexpected: Vec::new(),
                unexpected_allowed: false,
                faults: Vec::new(),
                latency: Duration::ZERO,
                rate_remaining: 4999,
                anonymous_reads: false,
                requests: 0,
            }),
            decoding_key,
        });
        let router = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        StandIn { url, shared, task }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.shared)
    }

    /// The App id the stand-in accepts JWTs for.
    pub fn app_id() -> u64 {
        APP_ID
    }

    /// Path of the App's private key (PEM, RS256).
    pub fn app_private_key_path() -> PathBuf {
        test_data("test-app-key.pem")
    }

    /// The App's private key (PEM, RS256).
    pub fn app_private_key_pem() -> String {
        std::fs::read_to_string(Self::app_private_key_path())
            .expect("tests/data/test-app-key.pem is readable")
    }

    /// Environment for a bot process using this stand-in as its App.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("GITHUB_API_URL".to_string(), self.url.clone()),
            ("APP_ID".to_string(), APP_ID.to_string()),
            (
                "PRIVATE_KEY_PATH".to_string(),
                Self::app_private_key_path().display().to_string(),
            ),
        ]
    }

    /// octocrab authenticated as the App (JWT).
    pub fn app_client(&self) -> octocrab::Octocrab {
        let key = jsonwebtoken::EncodingKey::from_rsa_pem(Self::app_private_key_pem().as_bytes())
            .expect("the test App key parses");
        octocrab::Octocrab::builder()
            .base_uri(self.url.as_str())
            .expect("stand-in URL is a URI")
            .app(octocrab::models::AppId(APP_ID), key)
            .build()
            .expect("octocrab builds")
    }

    /// octocrab authenticated as an installation (exchanges the JWT for a token on first use).
    pub fn installation_client(&self, installation_id: u64) -> octocrab::Octocrab {
        self.app_client()
            .installation(octocrab::models::InstallationId(installation_id))
            .expect("octocrab installation client")
    }

    /// octocrab with a personal token.
    pub fn token_client(&self, token: &str) -> octocrab::Octocrab {
        octocrab::Octocrab::builder()
            .base_uri(self.url.as_str())
            .expect("stand-in URL is a URI")
            .personal_token(token.to_string())
            .build()
            .expect("octocrab builds")
    }

    /// Mints an installation token directly (as if exchanged), valid for an hour.
    pub fn installation_token(&self, installation_id: u64) -> String {
        let mut st = self.state();
        mint_installation_token(&mut st, installation_id).0
    }

    /// Makes every installation token minted so far expired (the next use gets 401).
    pub fn expire_installation_tokens(&self) {
        let mut st = self.state();
        for cred in st.credentials.values_mut() {
            if let Credential::Installation { expires, .. } = cred {
                *expires = UNIX_EPOCH;
            }
        }
    }

    // ---- repositories and data ----

    /// Adds an empty repository (default branch `main`) to an installation.
    pub fn add_repo(&self, full_name: &str, installation_id: u64) {
        let (owner, name) = full_name
            .split_once('/')
            .unwrap_or_else(|| panic!("stand-in: repository name {full_name} is not owner/name"));
        let mut st = self.state();
        let id = new_id(&mut st.next_id);
        st.repos.insert(
            repo_key(full_name),
            Repo {
                id,
                owner: owner.to_string(),
                name: name.to_string(),
                full_name: full_name.to_string(),
                installation_id,
                default_branch: "main".to_string(),
                threads: BTreeMap::new(),
                deleted: BTreeSet::new(),
                by_created: BTreeMap::new(),
                by_updated: BTreeMap::new(),
                comments: BTreeMap::new(),
                comments_by_updated: BTreeMap::new(),
                comment_order: Vec::new(),
                permissions: HashMap::new(),
                files: BTreeMap::new(),
            },
        );
    }

    /// Registers a personal token for `login`.
    pub fn add_token(&self, token: &str, login: &str, kind: TokenKind) {
        self.state().credentials.insert(
            token.to_string(),
            Credential::Personal {
                login: login.to_string(),
                gist: kind == TokenKind::GistCapable,
            },
        );
    }

    /// Creates the thread, or replaces its fields (keeping comments, reactions made through the
    /// API, created_at and timeline). Always bumps updated_at.
    pub fn upsert_thread(&self, repo: &str, spec: ThreadSpec) {
        let mut st = self.state();
        let now = tick(&mut st.clock);
        let id = new_id(&mut st.next_id);
        let State { repos, next_id, .. } = &mut *st;
        let r = repos
            .get_mut(&repo_key(repo))
            .unwrap_or_else(|| panic!("stand-in: unknown repository {repo}; add_repo first"));
        let number = spec.number;
        r.deleted.remove(&number);
        if let std::collections::btree_map::Entry::Vacant(slot) = r.threads.entry(number) {
            slot.insert(Thread {
                id,
                number,
                title: String::new(),
                body: None,
                user: String::new(),
                association: None,
                open: true,
                state_reason: None,
                labels: Vec::new(),
                seed_reactions: BTreeMap::new(),
                reactions: Vec::new(),
                pull: None,
                merged_at: None,
                created_at: now,
                updated_at: now,
                closed_at: None,
                comment_ids: BTreeSet::new(),
                timeline: Vec::new(),
            });
            r.by_created.insert(now, number);
            r.by_updated.insert(now, number);
        }
        r.set_thread_labels(number, spec.labels, now, next_id);
        r.touch_thread(number, now);
        let t = r.threads.get_mut(&number).expect("thread just inserted");
        if t.open && !spec.open {
            t.closed_at = Some(now);
            t.timeline.push(TimelineEntry::Closed {
                at: now,
                id: new_id(next_id),
            });
        } else if !t.open && spec.open {
            t.closed_at = None;
            t.timeline.push(TimelineEntry::Reopened {
                at: now,
                id: new_id(next_id),
            });
        } else if !spec.open && t.closed_at.is_none() {
            t.closed_at = Some(now);
        }
        t.open = spec.open;
        t.title = spec.title;
        t.body = spec.body;
        t.user = spec.user;
        t.association = spec.author_association;
        t.state_reason = spec.state_reason;
        t.seed_reactions = spec.reactions.into_iter().collect();
        match &spec.pull {
            Some(p) if p.merged => {
                if t.merged_at.is_none() {
                    t.merged_at = Some(now);
                }
            }
            _ => t.merged_at = None,
        }
        t.pull = spec.pull;
    }

    /// Adds a comment by `user` (created now); returns its id. Bumps the thread's updated_at.
    /// A comment with a given ID (the one a test's webhook payload names); later IDs stay
    /// above it.
    pub fn add_comment_with_id(&self, repo: &str, number: u64, id: u64, user: &str, body: &str) {
        let mut st = self.state();
        let now = tick(&mut st.clock);
        st.next_id = st.next_id.max(id + 1);
        let r = st.repo_mut(repo);
        assert!(
            r.threads.contains_key(&number),
            "stand-in: no thread {repo}#{number}"
        );
        if !r.comments.contains_key(&id) {
            insert_comment(r, number, id, user, body, now);
        }
    }

    pub fn add_comment(&self, repo: &str, number: u64, user: &str, body: &str) -> u64 {
        let mut st = self.state();
        let now = tick(&mut st.clock);
        let id = new_id(&mut st.next_id);
        let r = st.repo_mut(repo);
        assert!(
            r.threads.contains_key(&number),
            "stand-in: no thread {repo}#{number}"
        );
        insert_comment(r, number, id, user, body, now);
        id
    }

    /// Replaces a comment's body; bumps the comment's updated_at.
    pub fn edit_comment(&self, repo: &str, id: u64, body: &str) {
        let mut st = self.state();
        let now = tick(&mut st.clock);
        let r = st.repo_mut(repo);
        let c = r
            .comments
            .get_mut(&id)
            .unwrap_or_else(|| panic!("stand-in: no comment {id} in {repo}"));
        c.body = body.to_string();
        r.touch_comment(id, now);
    }

    /// Deletes a comment; bumps its thread's updated_at.
    pub fn delete_comment(&self, repo: &str, id: u64) {
        let mut st = self.state();
        let now = tick(&mut st.clock);
        let r = st.repo_mut(repo);
        let c = r
            .remove_comment(id)
            .unwrap_or_else(|| panic!("stand-in: no comment {id} in {repo}"));
        r.touch_thread(c.number, now);
    }

    /// Deletes a thread and its comments; `GET .../issues/{n}` then answers 410.
    pub fn delete_thread(&self, repo: &str, number: u64) {
        let mut st = self.state();
        tick(&mut st.clock);
        let r = st.repo_mut(repo);
        let t = r
            .threads
            .remove(&number)
            .unwrap_or_else(|| panic!("stand-in: no thread {repo}#{number}"));
        r.by_created.remove(&t.created_at);
        r.by_updated.remove(&t.updated_at);
        for id in &t.comment_ids {
            if let Some(c) = r.comments.remove(id) {
                r.comments_by_updated.remove(&c.updated_at);
            }
        }
        r.comment_order.retain(|id| !t.comment_ids.contains(id));
        r.deleted.insert(number);
    }

    /// Replaces a thread's labels (timeline gets labeled/unlabeled events); bumps updated_at.
    pub fn set_labels(&self, repo: &str, number: u64, labels: &[&str]) {
        let mut st = self.state();
        let now = tick(&mut st.clock);
        let State { repos, next_id, .. } = &mut *st;
        let r = repos
            .get_mut(&repo_key(repo))
            .unwrap_or_else(|| panic!("stand-in: unknown repository {repo}"));
        assert!(
            r.threads.contains_key(&number),
            "stand-in: no thread {repo}#{number}"
        );
        let labels = labels.iter().map(|l| l.to_string()).collect();
        r.set_thread_labels(number, labels, now, next_id);
        r.touch_thread(number, now);
    }

    /// Records that thread `from_number` of the same repository mentioned `number`.
    pub fn add_timeline_cross_reference(&self, repo: &str, number: u64, from_number: u64) {
        self.add_timeline_cross_reference_from(repo, number, repo, from_number);
    }

    /// Records that `from_repo#from_number` mentioned `repo#number`; bumps `number`'s updated_at.
    pub fn add_timeline_cross_reference_from(
        &self,
        repo: &str,
        number: u64,
        from_repo: &str,
        from_number: u64,
    ) {
        let mut st = self.state();
        let now = tick(&mut st.clock);
        let from_repo = st.repo(from_repo).full_name.clone();
        let r = st.repo_mut(repo);
        let t = r
            .threads
            .get_mut(&number)
            .unwrap_or_else(|| panic!("stand-in: no thread {repo}#{number}"));
        t.timeline.push(TimelineEntry::CrossReferenced {
            from_repo,
            from_number,
            at: now,
        });
        r.touch_thread(number, now);
    }

    /// Sets `login`'s role: admin, maintain, write, triage, read or none.
    pub fn set_permission(&self, repo: &str, login: &str, permission: &str) {
        assert!(
            ["admin", "maintain", "write", "triage", "read", "none"].contains(&permission),
            "stand-in: unknown permission {permission}"
        );
        self.state()
            .repo_mut(repo)
            .permissions
            .insert(login.to_ascii_lowercase(), permission.to_string());
    }

    /// Writes a file on the default branch.
    pub fn set_file(&self, repo: &str, path: &str, content: &str) {
        self.state().repo_mut(repo).files.insert(
            path.trim_start_matches('/').to_string(),
            content.to_string(),
        );
    }

    /// The head commit of the repository's default branch (a digest of its files).
    pub fn head_sha(&self, repo: &str) -> String {
        self.state().repo_mut(repo).head_sha()
    }

    /// The next `n` tarball downloads are cut off halfway.
    pub fn cut_next_tarballs(&self, n: u32) {
        self.state().cut_tarballs = n;
    }

    /// Adds a reaction to a comment as `login` (no-op if already there).
    pub fn add_reaction(&self, repo: &str, comment_id: u64, login: &str, content: &str) {
        let mut st = self.state();
        let now = tick(&mut st.clock);
        let id = new_id(&mut st.next_id);
        let r = st.repo_mut(repo);
        let c = r
            .comments
            .get_mut(&comment_id)
            .unwrap_or_else(|| panic!("stand-in: no comment {comment_id} in {repo}"));
        if !c
            .reactions
            .iter()
            .any(|x| x.login == login && x.content == content)
        {
            c.reactions.push(Reaction {
                id,
                login: login.to_string(),
                content: content.to_string(),
                created_at: now,
            });
        }
    }

    /// A thread's current state, `None` if missing or deleted.
    pub fn thread(&self, repo: &str, number: u64) -> Option<ThreadView> {
        let st = self.state();
        let t = st.repo(repo).threads.get(&number)?;
        Some(ThreadView {
            number: t.number,
            title: t.title.clone(),
            body: t.body.clone(),
            user: t.user.clone(),
            open: t.open,
            state_reason: t.state_reason.clone(),
            labels: t.labels.clone(),
            is_pull_request: t.pull.is_some(),
            comments: t.comment_ids.len(),
            created_at: at(t.created_at),
            updated_at: at(t.updated_at),
        })
    }

    /// The comments of a thread, oldest first.
    pub fn comments_on(&self, repo: &str, number: u64) -> Vec<CommentView> {
        let st = self.state();
        let r = st.repo(repo);
        let Some(t) = r.threads.get(&number) else {
            return Vec::new();
        };
        t.comment_ids
            .iter()
            .filter_map(|id| r.comments.get(id))
            .map(comment_view)
            .collect()
    }

    /// One comment, `None` if missing or deleted.
    pub fn comment(&self, repo: &str, id: u64) -> Option<CommentView> {
        self.state().repo(repo).comments.get(&id).map(comment_view)
    }

    /// (login, content) of every reaction on a comment, oldest first.
    pub fn reactions_on_comment(&self, repo: &str, id: u64) -> Vec<(String, String)> {
        self.state()
            .repo(repo)
            .comments
            .get(&id)
            .map(|c| {
                c.reactions
                    .iter()
                    .map(|r| (r.login.clone(), r.content.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// (login, content) of every reaction made through the API on a thread, oldest first.
    pub fn reactions_on_thread(&self, repo: &str, number: u64) -> Vec<(String, String)> {
        self.state()
            .repo(repo)
            .threads
            .get(&number)
            .map(|t| {
                t.reactions
                    .iter()
                    .map(|r| (r.login.clone(), r.content.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every gist, in creation order.
    pub fn gists(&self) -> Vec<GistView> {
        self.state()
            .gists
            .values()
            .map(|g| GistView {
                id: g.id.clone(),
                description: g.description.clone(),
                public: g.public,
                owner: g.owner.clone(),
                files: g
                    .files
                    .iter()
                    .map(|(n, c)| (n.clone(), c.clone()))
                    .collect(),
            })
            .collect()
    }

    /// Adds (or replaces, by id) a delivery listed by `GET /app/hook/deliveries`.
    pub fn add_hook_delivery(&self, delivery: HookDeliverySpec) {
        self.state().deliveries.insert(delivery.id, delivery);
    }

    /// Delivery ids passed to `POST /app/hook/deliveries/{id}/attempts`, in order.
    pub fn redelivery_requests(&self) -> Vec<u64> {
        self.state().redeliveries.clone()
    }

    /// The logical clock's current time (the last timestamp handed out).
    pub fn now(&self) -> DateTime<Utc> {
        at(self.state().clock)
    }

    /// Moves the logical clock forward.
    pub fn advance_clock(&self, by: Duration) {
        self.state().clock += by.as_secs() as i64;
    }

    // ---- observation ----

    /// Every request answered so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.state().calls.clone()
    }

    pub fn call_count(&self) -> usize {
        self.state().calls.len()
    }

    pub fn reset_calls(&self) {
        self.state().calls.clear();
    }

    /// Requests with this method (case-insensitive) whose path starts with `path_prefix`.
    pub fn count(&self, method: &str, path_prefix: &str) -> usize {
        self.state()
            .calls
            .iter()
            .filter(|c| c.method.eq_ignore_ascii_case(method) && c.path.starts_with(path_prefix))
            .count()
    }

    // ---- faults ----

    /// The next `n` requests under `path_prefix` get `status` with a JSON error body.
    pub fn fail_next(&self, n: usize, status: u16, path_prefix: &str) {
        self.add_fault(n, path_prefix, FaultKind::Status(status));
    }

    /// The next `n` requests under `path_prefix` hit the secondary rate limit (403 +
    /// `retry-after`).
    pub fn secondary_rate_limit_next(&self, n: usize, retry_after_secs: u64, path_prefix: &str) {
        self.add_fault(
            n,
            path_prefix,
            FaultKind::Secondary {
                retry_after: retry_after_secs,
            },
        );
    }

    /// The next `n` requests under `path_prefix` hit the primary rate limit (403,
    /// `x-ratelimit-remaining: 0`, `x-ratelimit-reset` = wall clock + `reset_in_secs`).
    pub fn primary_rate_limit_next(&self, n: usize, reset_in_secs: u64, path_prefix: &str) {
        self.add_fault(
            n,
            path_prefix,
            FaultKind::Primary {
                reset_in: reset_in_secs,
            },
        );
    }

    /// The next `n` requests under `path_prefix` are carried out, then answered with
    /// `status`, as when the answer is lost on the way back.
    pub fn fail_next_after_applying(&self, n: usize, status: u16, path_prefix: &str) {
        self.add_fault(n, path_prefix, FaultKind::AfterApplying(status));
    }

    fn add_fault(&self, n: usize, path_prefix: &str, kind: FaultKind) {
        self.state().faults.push(Fault {
            remaining: n,
            path_prefix: path_prefix.to_string(),
            method: None,
            kind,
        });
    }

    /// Like [`StandIn::fail_next`], for requests of `method` only. A prefix ending in `$`
    /// matches that path exactly.
    pub fn fail_next_method(&self, n: usize, status: u16, method: &str, path_prefix: &str) {
        self.state().faults.push(Fault {
            remaining: n,
            path_prefix: path_prefix.to_string(),
            method: Some(Method::from_bytes(method.as_bytes()).expect("an HTTP method")),
            kind: FaultKind::Status(status),
        });
    }

    /// Drops every fault not used up yet.
    pub fn clear_faults(&self) {
        self.state().faults.clear();
    }

    /// Delay added before answering every request.
    pub fn set_latency(&self, latency: Duration) {
        self.state().latency = latency;
    }

    /// Lets requests without credentials read (GET) everything but `/app/...`, as github.com
    /// does for public repositories. Off by default: no credential is a 401.
    pub fn allow_anonymous_reads(&self, allow: bool) {
        self.state().anonymous_reads = allow;
    }

    /// `old` (`owner/name`) is a former name of `new`: GitHub answers it with a redirect.
    pub fn rename_repo(&self, old: &str, new: &str) {
        self.state().renamed.insert(repo_key(old), new.to_string());
    }

    /// The calls no route expected so far (`METHOD /path`).
    pub fn unexpected_calls(&self) -> Vec<String> {
        self.state().unexpected.clone()
    }

    /// For a test that probes unknown routes on purpose: they are not a failure.
    pub fn allow_unexpected_calls(&self) {
        self.state().unexpected_allowed = true;
    }

    /// The `x-ratelimit-remaining` sent on every response (default 4999).
    pub fn set_rate_limit_remaining(&self, n: u64) {
        self.state().rate_remaining = n;
    }
}

fn test_data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared.state.lock().unwrap_or_else(|e| e.into_inner())
}

fn comment_view(c: &Comment) -> CommentView {
    CommentView {
        id: c.id,
        number: c.number,
        user: c.user.clone(),
        body: c.body.clone(),
        created_at: at(c.created_at),
        updated_at: at(c.updated_at),
    }
}

fn insert_comment(r: &mut Repo, number: u64, id: u64, user: &str, body: &str, now: i64) {
    r.comments.insert(
        id,
        Comment {
            id,
            number,
            user: user.to_string(),
            body: body.to_string(),
            created_at: now,
            updated_at: now,
            reactions: Vec::new(),
        },
    );
    r.comments_by_updated.insert(now, id);
    match r.comment_order.last() {
        Some(last) if *last > id => {
            let at = r.comment_order.partition_point(|x| *x < id);
            r.comment_order.insert(at, id);
        }
        _ => r.comment_order.push(id),
    }
    if let Some(t) = r.threads.get_mut(&number) {
        t.comment_ids.insert(id);
    }
    r.touch_thread(number, now);
}
