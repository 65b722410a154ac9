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
    }
}

struct Shared {
    state: Mutex<State>,
    decoding_key: DecodingKey,
}

#[derive(Debug, Clone, Copy)]
enum FaultKind {
    Status(u16),
    Secondary {
        retry_after: u64,
    },
    Primary {
        reset_in: u64,
    },
    /// The request is carried out, then answered with this status: the answer lost on the
    /// way back (a proxy's timeout).
    AfterApplying(u16),
}

struct Fault {
    remaining: usize,
    path_prefix: String,
    kind: FaultKind,
}

enum Credential {
    Installation { id: u64, expires: SystemTime },
    Personal { login: String, gist: bool },
}

struct Reaction {
    id: u64,
    login: String,
    content: String,
    created_at: i64,
}

enum TimelineEntry {
    CrossReferenced {
        from_repo: String,
        from_number: u64,
        at: i64,
    },
    Labeled {
        name: String,
        at: i64,
        id: u64,
    },
    Unlabeled {
        name: String,
        at: i64,
        id: u64,
    },
    Closed {
        at: i64,
        id: u64,
    },
    Reopened {
        at: i64,
        id: u64,
    },
}

struct Thread {
    id: u64,
    number: u64,
    title: String,
    body: Option<String>,
    user: String,
    association: Option<String>,
    open: bool,
    state_reason: Option<String>,
    labels: Vec<String>,
    seed_reactions: BTreeMap<String, u64>,
    reactions: Vec<Reaction>,
    pull: Option<PullSpec>,
    merged_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
    closed_at: Option<i64>,
    comment_ids: BTreeSet<u64>,
    timeline: Vec<TimelineEntry>,
}

struct Comment {
    id: u64,
    number: u64,
    user: String,
    body: String,
    created_at: i64,
    updated_at: i64,
    reactions: Vec<Reaction>,
}

struct Repo {
    id: u64,
    owner: String,
    name: String,
    full_name: String,
    installation_id: u64,
    default_branch: String,
    threads: BTreeMap<u64, Thread>,
    deleted: BTreeSet<u64>,
    /// created_at -> number (the clock makes every key unique).
    by_created: BTreeMap<i64, u64>,
    /// updated_at -> number.
    by_updated: BTreeMap<i64, u64>,
    /// id -> comment; ids grow with creation, so this is also creation order.
    comments: BTreeMap<u64, Comment>,
    /// updated_at -> comment id.
    comments_by_updated: BTreeMap<i64, u64>,
    /// Comment ids in creation order, so a page is a slice.
    comment_order: Vec<u64>,
    /// lowercase login -> role name.
    permissions: HashMap<String, String>,
    files: BTreeMap<String, String>,
}

struct Gist {
    id: String,
    description: Option<String>,
    public: bool,
    owner: String,
    files: BTreeMap<String, String>,
    created_at: i64,
    updated_at: i64,
}

struct State {
    base: String,
    clock: i64,
    next_id: u64,
    repos: BTreeMap<String, Repo>,
    credentials: HashMap<String, Credential>,
    gists: BTreeMap<String, Gist>,
    next_gist: u64,
    deliveries: BTreeMap<u64, HookDeliverySpec>,
    redeliveries: Vec<u64>,
    calls: Vec<Call>,
    faults: Vec<Fault>,
    latency: Duration,
    rate_remaining: u64,
    anonymous_reads: bool,
    requests: u64,
}

fn tick(clock: &mut i64) -> i64 {
    *clock += 1;
    *clock
}

fn new_id(next: &mut u64) -> u64 {
    *next += 1;
    *next
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

fn iso(secs: i64) -> String {
    at(secs).format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn iso_opt(secs: Option<i64>) -> Value {
    secs.map_or(Value::Null, |s| Value::String(iso(s)))
}

fn wall_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn repo_key(full_name: &str) -> String {
    full_name.to_ascii_lowercase()
}

impl State {
    fn repo_mut(&mut self, full_name: &str) -> &mut Repo {
        self.repos
            .get_mut(&repo_key(full_name))
            .unwrap_or_else(|| panic!("stand-in: unknown repository {full_name}; add_repo first"))
    }

    fn repo(&self, full_name: &str) -> &Repo {
        self.repos
            .get(&repo_key(full_name))
            .unwrap_or_else(|| panic!("stand-in: unknown repository {full_name}; add_repo first"))
    }
}

impl Repo {
    fn touch_thread(&mut self, number: u64, now: i64) {
        if let Some(t) = self.threads.get_mut(&number) {
            self.by_updated.remove(&t.updated_at);
            t.updated_at = now;
            self.by_updated.insert(now, number);
        }
    }

    fn touch_comment(&mut self, id: u64, now: i64) {
        if let Some(c) = self.comments.get_mut(&id) {
            self.comments_by_updated.remove(&c.updated_at);
            c.updated_at = now;
            self.comments_by_updated.insert(now, id);
        }
    }

    fn set_thread_labels(&mut self, number: u64, labels: Vec<String>, now: i64, ids: &mut u64) {
        let Some(t) = self.threads.get_mut(&number) else {
            return;
        };
        for old in &t.labels {
            if !labels.contains(old) {
                t.timeline.push(TimelineEntry::Unlabeled {
                    name: old.clone(),
                    at: now,
                    id: new_id(ids),
                });
            }
        }
        for new in &labels {
            if !t.labels.contains(new) {
                t.timeline.push(TimelineEntry::Labeled {
                    name: new.clone(),
                    at: now,
                    id: new_id(ids),
                });
            }
        }
        t.labels = labels;
    }

    fn association(&self, login: &str) -> &'static str {
        if login.ends_with("[bot]") {
            "NONE"
        } else if login.eq_ignore_ascii_case(&self.owner) {
            "OWNER"
        } else {
            match self
                .permissions
                .get(&login.to_ascii_lowercase())
                .map(String::as_str)
            {
                None | Some("none") => "NONE",
                Some(_) => "COLLABORATOR",
            }
        }
    }

    fn remove_comment(&mut self, id: u64) -> Option<Comment> {
        let c = self.comments.remove(&id)?;
        self.comments_by_updated.remove(&c.updated_at);
        if let Ok(at) = self.comment_order.binary_search(&id) {
            self.comment_order.remove(at);
        }
        if let Some(t) = self.threads.get_mut(&c.number) {
            t.comment_ids.remove(&id);
        }
        Some(c)
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
            kind,
        });
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

fn mint_installation_token(st: &mut State, installation_id: u64) -> (String, SystemTime) {
    use rand::Rng;
    let suffix: String = rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(36)
        .map(char::from)
        .collect();
    let token = format!("ghs_{suffix}");
    let expires = SystemTime::now() + Duration::from_secs(3600);
    st.credentials.insert(
        token.clone(),
        Credential::Installation {
            id: installation_id,
            expires,
        },
    );
    (token, expires)
}

// ---------------------------------------------------------------------------------------------
// Serving
// ---------------------------------------------------------------------------------------------

/// What a route answers.
struct Reply {
    status: u16,
    body: ReplyBody,
    headers: Vec<(&'static str, String)>,
}

enum ReplyBody {
    Empty,
    Json(Value),
    Text(String),
}

impl Reply {
    fn json(status: u16, value: Value) -> Reply {
        Reply {
            status,
            body: ReplyBody::Json(value),
            headers: Vec::new(),
        }
    }

    fn error(status: u16, message: &str) -> Reply {
        Reply::json(
            status,
            json!({ "message": message, "documentation_url": DOCS, "status": status.to_string() }),
        )
    }

    fn not_found() -> Reply {
        Reply::error(404, "Not Found")
    }

    fn bad_credentials() -> Reply {
        Reply::error(401, "Bad credentials")
    }

    fn validation(resource: &str, field: &str, code: &str, message: &str) -> Reply {
        Reply::json(
            422,
            json!({
                "message": "Validation Failed",
                "errors": [{ "resource": resource, "code": code, "field": field, "message": message }],
                "documentation_url": DOCS,
                "status": "422",
            }),
        )
    }

    fn no_content() -> Reply {
        Reply {
            status: 204,
            body: ReplyBody::Empty,
            headers: Vec::new(),
        }
    }

    fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }
}

/// A parsed query string: decoded pairs plus the raw text for `Link` headers.
struct Query {
    raw: String,
    pairs: Vec<(String, String)>,
}

impl Query {
    fn parse(raw: Option<&str>) -> Query {
        let raw = raw.unwrap_or("").to_string();
        let pairs = raw
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (pct_decode(k, true), pct_decode(v, true))
            })
            .collect();
        Query { raw, pairs }
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// (page, per_page): page >= 1, per_page in 1..=100, default 30.
    fn paging(&self) -> (usize, usize) {
        let page = self
            .get("page")
            .and_then(|p| p.parse::<usize>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1);
        let per_page = self
            .get("per_page")
            .and_then(|p| p.parse::<usize>().ok())
            .filter(|p| *p >= 1)
            .map_or(30, |p| p.min(100));
        (page, per_page)
    }

    /// `since` as epoch seconds (rounded up), or a 422.
    fn since(&self) -> Result<Option<i64>, Reply> {
        let Some(raw) = self.get("since") else {
            return Ok(None);
        };
        let parsed = DateTime::parse_from_rfc3339(raw).map_err(|_| {
            Reply::validation(
                "Issue",
                "since",
                "invalid",
                "since is not a valid timestamp",
            )
        })?;
        let secs = parsed.timestamp();
        Ok(Some(if parsed.timestamp_subsec_nanos() > 0 {
            secs + 1
        } else {
            secs
        }))
    }

    fn one_of<'a>(
        &'a self,
        key: &str,
        default: &'a str,
        allowed: &[&str],
    ) -> Result<&'a str, Reply> {
        let v = self.get(key).unwrap_or(default);
        if allowed.contains(&v) {
            Ok(v)
        } else {
            Err(Reply::validation(
                "Issue",
                key,
                "invalid",
                &format!("{key} is not one of {}", allowed.join(", ")),
            ))
        }
    }
}

/// Percent-decodes `s`; `+` means a space only in query strings.
fn pct_decode(s: &str, plus_is_space: bool) -> String {
    fn hex_val(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && let Some(&[hi, lo]) = bytes.get(i + 1..i + 3)
            && let (Some(hi), Some(lo)) = (hex_val(hi), hex_val(lo))
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(if b == b'+' && plus_is_space { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn pct_encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `Link` header for page `page` of `total` items, keeping the other query parameters.
fn link_header(
    base: &str,
    path: &str,
    query: &Query,
    page: usize,
    per_page: usize,
    total: usize,
) -> Option<String> {
    let last = total.div_ceil(per_page).max(1);
    let kept: Vec<&str> = query
        .raw
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| pct_decode(p.split_once('=').map_or(*p, |(k, _)| k), true) != "page")
        .collect();
    let url = |n: usize| {
        let mut q = kept.join("&");
        if !q.is_empty() {
            q.push('&');
        }
        format!("<{base}{path}?{q}page={n}>")
    };
    let mut links = Vec::new();
    if page > 1 {
        links.push(format!("{}; rel=\"prev\"", url((page - 1).min(last))));
    }
    if page < last {
        links.push(format!("{}; rel=\"next\"", url(page + 1)));
        links.push(format!("{}; rel=\"last\"", url(last)));
    }
    if page > 1 {
        links.push(format!("{}; rel=\"first\"", url(1)));
    }
    (!links.is_empty()).then(|| links.join(", "))
}

/// A page of `items` (already filtered and ordered) as a JSON array with its `Link` header.
fn paged(base: &str, path: &str, query: &Query, total: usize, page_items: Vec<Value>) -> Reply {
    let (page, per_page) = query.paging();
    let reply = Reply::json(200, Value::Array(page_items));
    match link_header(base, path, query, page, per_page, total) {
        Some(link) => reply.with_header("link", link),
        None => reply,
    }
}

struct Req {
    method: Method,
    path: String,
    segs: Vec<String>,
    query: Query,
    body: Bytes,
    auth: Auth,
    /// Why a credential was refused.
    auth_error: Option<&'static str>,
}

impl Req {
    fn json_body(&self) -> Result<Value, Reply> {
        serde_json::from_slice(&self.body).map_err(|_| Reply::error(400, "Problems parsing JSON"))
    }
}

#[derive(serde::Deserialize)]
struct Claims {
    iss: Value,
    iat: i64,
    exp: i64,
}

/// The credential of a request: none, a JWT already verified (no lock needed), or a token to
/// look up.
enum Presented {
    Nothing,
    Malformed,
    Jwt(Result<(), &'static str>),
    Token(String),
}

fn present(shared: &Shared, headers: &HeaderMap) -> Presented {
    let Some(value) = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return Presented::Nothing;
    };
    let credential = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .or_else(|| value.strip_prefix("token "))
        .map(str::trim);
    match credential {
        None => Presented::Malformed,
        Some(c) if c.starts_with("eyJ") && c.matches('.').count() == 2 => {
            Presented::Jwt(verify_jwt(shared, c))
        }
        Some(c) => Presented::Token(c.to_string()),
    }
}

fn authenticate(st: &State, presented: Presented) -> (Auth, Option<&'static str>) {
    match presented {
        Presented::Nothing => (Auth::None, None),
        Presented::Malformed => (Auth::Invalid, Some("Bad credentials")),
        Presented::Jwt(Ok(())) => (Auth::Jwt, None),
        Presented::Jwt(Err(message)) => (Auth::Invalid, Some(message)),
        Presented::Token(token) => match st.credentials.get(&token) {
            Some(Credential::Installation { id, expires }) if *expires > SystemTime::now() => {
                (Auth::Installation(*id), None)
            }
            Some(Credential::Personal { login, .. }) => (Auth::Token(login.clone()), None),
            _ => (Auth::Invalid, Some("Bad credentials")),
        },
    }
}

fn verify_jwt(shared: &Shared, token: &str) -> Result<(), &'static str> {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Claims>(token, &shared.decoding_key, &validation)
        .map_err(|_| "A JSON web token could not be decoded")?;
    let claims = data.claims;
    let iss_ok = match &claims.iss {
        Value::Number(n) => n.as_u64() == Some(APP_ID),
        Value::String(s) => s == &APP_ID.to_string(),
        _ => false,
    };
    if !iss_ok {
        return Err("A JSON web token could not be decoded");
    }
    let now = wall_secs();
    if claims.iat > now + 60 {
        return Err(
            "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
        );
    }
    if claims.exp <= now {
        return Err(
            "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
        );
    }
    if claims.exp - claims.iat > 600 + 60 {
        return Err("'Expiration time' claim ('exp') is too far in the future");
    }
    Ok(())
}

async fn handle(AxState(shared): AxState<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let latency = lock(&shared).latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let path = parts.uri.path().to_string();
    let raw_query = parts.uri.query().map(str::to_string);
    let if_none_match = parts
        .headers
        .get(http::header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);

    let presented = present(&shared, &parts.headers);
    let mut st = lock(&shared);
    let (auth, auth_error) = authenticate(&st, presented);
    st.requests += 1;
    let request_id = format!(
        "5A3B:{:06X}:{:08X}",
        std::process::id() & 0xFFFFFF,
        st.requests
    );

    let fault = st
        .faults
        .iter_mut()
        .find(|f| f.remaining > 0 && path.starts_with(&f.path_prefix))
        .map(|f| {
            f.remaining -= 1;
            f.kind
        });
    st.faults.retain(|f| f.remaining > 0);

    let mut rate_remaining = st.rate_remaining;
    let mut rate_reset = wall_secs() + 3600;
    let reply = match fault {
        Some(FaultKind::Status(status)) => Reply::error(
            status,
            StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("Server Error"),
        ),
        Some(FaultKind::Secondary { retry_after }) => Reply::error(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
        )
        .with_header("retry-after", retry_after.to_string()),
        Some(FaultKind::Primary { reset_in }) => {
            rate_remaining = 0;
            rate_reset = wall_secs() + reset_in as i64;
            Reply::error(
                403,
                "API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.",
            )
        }
        None | Some(FaultKind::AfterApplying(_)) => {
            let segs = path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| pct_decode(s, false))
                .collect();
            let req = Req {
                method: parts.method.clone(),
                path: path.clone(),
                segs,
                query: Query::parse(raw_query.as_deref()),
                body: body.clone(),
                auth: auth.clone(),
                auth_error,
            };
            let reply = route(&mut st, &req);
            match fault {
                Some(FaultKind::AfterApplying(status)) => lost_answer(status),
                _ => reply,
            }
        }
    };

    // Serialise, then ETag / 304.
    let mut status = reply.status;
    let (bytes, content_type) = match reply.body {
        ReplyBody::Empty => (Vec::new(), None),
        ReplyBody::Json(v) => (
            serde_json::to_vec(&v).unwrap_or_default(),
            Some("application/json; charset=utf-8"),
        ),
        ReplyBody::Text(t) => (t.into_bytes(), Some("text/plain; charset=utf-8")),
    };
    let mut etag = None;
    let mut send_body = true;
    if parts.method == Method::GET && status == 200 {
        let tag = format!("W/\"{}\"", hex::encode(Sha256::digest(&bytes)));
        if let Some(inm) = &if_none_match
            && inm
                .split(',')
                .map(str::trim)
                .any(|c| c == tag || c == "*" || c == tag.trim_start_matches("W/"))
        {
            status = 304;
            send_body = false;
        }
        etag = Some(tag);
    }

    st.calls.push(Call {
        method: parts.method.to_string(),
        path,
        query: raw_query,
        status,
        auth,
        if_none_match,
        body: String::from_utf8_lossy(&body).into_owned(),
        at: Instant::now(),
    });
    let clock = st.clock;
    drop(st);

    let mut builder = Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    let headers = builder.headers_mut().expect("fresh response builder");
    let mut put = |name: &'static str, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.append(name, v);
        }
    };
    put("x-ratelimit-limit", "5000".to_string());
    put("x-ratelimit-remaining", rate_remaining.to_string());
    put("x-ratelimit-reset", rate_reset.to_string());
    put(
        "x-ratelimit-used",
        5000u64.saturating_sub(rate_remaining).to_string(),
    );
    put("x-ratelimit-resource", "core".to_string());
    put("x-github-request-id", request_id);
    put("x-github-media-type", "github.v3; format=json".to_string());
    put(
        "date",
        at(clock).format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
    );
    if let Some(tag) = etag {
        put("etag", tag);
    }
    if send_body && let Some(ct) = content_type {
        put("content-type", ct.to_string());
    }
    for (name, value) in reply.headers {
        put(name, value);
    }
    let body = if send_body {
        Body::from(bytes)
    } else {
        Body::empty()
    };
    builder
        .body(body)
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

/// Which credential a path takes.
#[derive(PartialEq)]
enum Need {
    Nothing,
    Jwt,
    Token,
}

fn route(st: &mut State, req: &Req) -> Reply {
    let segs: Vec<&str> = req.segs.iter().map(String::as_str).collect();
    let need = match segs.as_slice() {
        ["gist-raw", ..] => Need::Nothing,
        ["app", ..] | ["repos", _, _, "installation"] => Need::Jwt,
        _ => Need::Token,
    };
    match (&need, &req.auth) {
        (Need::Nothing, _) => {}
        (Need::Token, Auth::None) if st.anonymous_reads && req.method == Method::GET => {}
        (_, Auth::None) => return Reply::error(401, "Requires authentication"),
        (_, Auth::Invalid) => {
            return Reply::error(401, req.auth_error.unwrap_or("Bad credentials"));
        }
        (Need::Jwt, Auth::Jwt) => {}
        (Need::Jwt, _) => return Reply::error(401, "A JSON web token could not be decoded"),
        (Need::Token, Auth::Jwt) => {
            return Reply::error(401, "A JSON web token could not be decoded");
        }
        (Need::Token, _) => {}
    }
    let m = &req.method;
    match segs.as_slice() {
        ["app"] if m == Method::GET => Reply::json(200, app_json(&st.base)),
        ["app", "installations"] if m == Method::GET => {
            let mut ids: Vec<(u64, String)> = Vec::new();
            for r in st.repos.values() {
                if !ids.iter().any(|(id, _)| *id == r.installation_id) {
                    ids.push((r.installation_id, r.owner.clone()));
                }
            }
            ids.sort();
            let items: Vec<Value> = ids
                .iter()
                .map(|(id, owner)| installation_json(&st.base, *id, owner))
                .collect();
            let total = items.len();
            let (page, per_page) = req.query.paging();
            let page_items = items
                .into_iter()
                .skip((page - 1) * per_page)
                .take(per_page)
                .collect();
            paged(&st.base, &req.path, &req.query, total, page_items)
        }
        ["app", "installations", id, "access_tokens"] if m == Method::POST => {
            let Ok(id) = id.parse::<u64>() else {
                return Reply::not_found();
            };
            if !st.repos.values().any(|r| r.installation_id == id) {
                return Reply::not_found();
            }
            let repos: Vec<Value> = st
                .repos
                .values()
                .filter(|r| r.installation_id == id)
                .map(|r| repo_json(&st.base, r))
                .collect();
            let (token, expires) = mint_installation_token(st, id);
            let expires_at = DateTime::<Utc>::from(expires)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            Reply::json(
                201,
                json!({
                    "token": token,
                    "expires_at": expires_at,
                    "permissions": installation_permissions(),
                    "repository_selection": "selected",
                    "repositories": repos,
                }),
            )
        }
        ["app", "hook", "deliveries"] if m == Method::GET => list_deliveries(st, req),
        ["app", "hook", "deliveries", id, "attempts"] if m == Method::POST => {
            match id.parse::<u64>() {
                Ok(id) if st.deliveries.contains_key(&id) => {
                    st.redeliveries.push(id);
                    Reply::json(202, json!({}))
                }
                _ => Reply::not_found(),
            }
        }
        ["user"] if m == Method::GET => match &req.auth {
            Auth::Token(login) => Reply::json(200, user_json(&st.base, login)),
            Auth::None => Reply::error(401, "Requires authentication"),
            _ => Reply::error(403, "Resource not accessible by integration"),
        },
        ["rate_limit"] if m == Method::GET => {
            let core = json!({
                "limit": 5000,
                "remaining": st.rate_remaining,
                "reset": wall_secs() + 3600,
                "used": 5000u64.saturating_sub(st.rate_remaining),
                "resource": "core",
            });
            Reply::json(200, json!({ "resources": { "core": core }, "rate": core }))
        }
        ["gists"] if m == Method::POST => create_gist(st, req),
        ["gists", id] if m == Method::GET => match st.gists.get(*id) {
            Some(g) => Reply::json(200, gist_json(&st.base, g)),
            None => Reply::not_found(),
        },
        ["gists", id] if m == Method::PATCH || m == Method::POST => update_gist(st, req, id),
        ["gist-raw", id, name] if m == Method::GET => {
            match st.gists.get(*id).and_then(|g| g.files.get(*name)) {
                Some(content) => Reply {
                    status: 200,
                    body: ReplyBody::Text(content.clone()),
                    headers: Vec::new(),
                },
                None => Reply::not_found(),
            }
        }
        ["graphql"] if m == Method::POST => graphql(st, req),
        ["repos", owner, name, rest @ ..] => {
            let key = repo_key(&format!("{owner}/{name}"));
            let Some(repo) = st.repos.get(&key) else {
                return Reply::not_found();
            };
            if let Auth::Installation(id) = req.auth
                && id != repo.installation_id
            {
                return Reply::not_found();
            }
            repo_route(st, req, &key, rest)
        }
        _ => Reply::not_found(),
    }
}

/// The one GraphQL shape the bot sends: files of a repository's default branch, read as
/// aliased `object(expression: "HEAD:path") { ... on Blob { text isTruncated } }` fields of
/// `repository(owner: $owner, name: $name)`.
fn graphql(st: &mut State, req: &Req) -> Reply {
    let v = match req.json_body() {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let query = v.get("query").and_then(Value::as_str).unwrap_or_default();
    let vars = v.get("variables").cloned().unwrap_or(Value::Null);
    let owner = vars
        .get("owner")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let name = vars.get("name").and_then(Value::as_str).unwrap_or_default();
    let key = repo_key(&format!("{owner}/{name}"));
    let visible = st.repos.get(&key).is_some_and(|repo| match req.auth {
        Auth::Installation(id) => id == repo.installation_id,
        _ => true,
    });
    if !query.contains("repository(") || !visible {
        return Reply::json(
            200,
            json!({
                "data": { "repository": null },
                "errors": [{ "type": "NOT_FOUND", "path": ["repository"],
                    "message": format!("Could not resolve to a Repository with the name '{owner}/{name}'.") }]
            }),
        );
    }
    let Some(repo) = st.repos.get(&key) else {
        return Reply::not_found();
    };
    let mut fields = serde_json::Map::new();
    let mut rest = query;
    while let Some(at) = rest.find("object(expression:") {
        let before = &rest[..at];
        let alias = before
            .trim_end()
            .trim_end_matches(':')
            .trim_end()
            .rsplit(|c: char| c.is_whitespace() || c == '{')
            .next()
            .unwrap_or("object")
            .to_string();
        let after = &rest[at..];
        let expression = after.split('"').nth(1).unwrap_or_default().to_string();
        let path = expression.split_once(':').map_or("", |(_, p)| p);
        let value = repo.files.get(path).map_or(
            Value::Null,
            |text| json!({ "text": text, "isTruncated": false }),
        );
        fields.insert(alias, value);
        rest = &after["object(expression:".len()..];
    }
    Reply::json(
        200,
        json!({ "data": { "repository": Value::Object(fields) } }),
    )
}

fn repo_route(st: &mut State, req: &Req, key: &str, rest: &[&str]) -> Reply {
    let m = &req.method;
    let base = st.base.clone();
    let State {
        repos,
        clock,
        next_id,
        ..
    } = st;
    let Some(repo) = repos.get_mut(key) else {
        return Reply::not_found();
    };
    let author = match &req.auth {
        Auth::Token(login) => login.clone(),
        _ => BOT_LOGIN.to_string(),
    };
    match rest {
        [] if m == Method::GET => Reply::json(200, repo_json(&base, repo)),
        ["installation"] if m == Method::GET => Reply::json(
            200,
            installation_json(&base, repo.installation_id, &repo.owner),
        ),
        ["issues"] if m == Method::GET => list_issues(&base, repo, req),
        ["issues", "comments"] if m == Method::GET => list_repo_comments(&base, repo, req),
        ["issues", "comments", id] => {
            let Some(id) = id
                .parse::<u64>()
                .ok()
                .filter(|id| repo.comments.contains_key(id))
            else {
                return Reply::not_found();
            };
            if m == Method::GET {
                Reply::json(200, comment_json(&base, repo, &repo.comments[&id]))
            } else if m == Method::PATCH || m == Method::POST {
                // GitHub takes POST for PATCH here, and octocrab's update_comment sends POST.
                let body = match comment_body(req) {
                    Ok(b) => b,
                    Err(reply) => return reply,
                };
                let now = tick(clock);
                if let Some(c) = repo.comments.get_mut(&id) {
                    c.body = body;
                }
                repo.touch_comment(id, now);
                Reply::json(200, comment_json(&base, repo, &repo.comments[&id]))
            } else if m == Method::DELETE {
                let now = tick(clock);
                if let Some(c) = repo.remove_comment(id) {
                    repo.touch_thread(c.number, now);
                }
                Reply::no_content()
            } else {
                Reply::not_found()
            }
        }
        ["issues", "comments", id, "reactions"] => {
            let Some(id) = id
                .parse::<u64>()
                .ok()
                .filter(|id| repo.comments.contains_key(id))
            else {
                return Reply::not_found();
            };
            if m == Method::GET {
                let c = &repo.comments[&id];
                let items: Vec<Value> = c
                    .reactions
                    .iter()
                    .map(|r| reaction_json(&base, r))
                    .collect();
                let total = items.len();
                let (page, per_page) = req.query.paging();
                let items = items
                    .into_iter()
                    .skip((page - 1) * per_page)
                    .take(per_page)
                    .collect();
                paged(&base, &req.path, &req.query, total, items)
            } else if m == Method::POST {
                let content = match reaction_content(req) {
                    Ok(c) => c,
                    Err(reply) => return reply,
                };
                let Some(c) = repo.comments.get_mut(&id) else {
                    return Reply::not_found();
                };
                react(&base, &mut c.reactions, &author, &content, clock, next_id)
            } else {
                Reply::not_found()
            }
        }
        ["issues", n, tail @ ..] => {
            let Ok(number) = n.parse::<u64>() else {
                return Reply::not_found();
            };
            if !repo.threads.contains_key(&number) {
                return if repo.deleted.contains(&number) {
                    Reply::error(410, "This issue was deleted")
                } else {
                    Reply::not_found()
                };
            }
            match tail {
                [] if m == Method::GET => {
                    Reply::json(200, issue_json(&base, repo, &repo.threads[&number]))
                }
                ["comments"] if m == Method::GET => {
                    let since = match req.query.since() {
                        Ok(s) => s,
                        Err(reply) => return reply,
                    };
                    let t = &repo.threads[&number];
                    let ids: Vec<u64> = t
                        .comment_ids
                        .iter()
                        .copied()
                        .filter(|id| {
                            since.is_none_or(|s| {
                                repo.comments.get(id).is_some_and(|c| c.updated_at >= s)
                            })
                        })
                        .collect();
                    let (page, per_page) = req.query.paging();
                    let items = ids
                        .iter()
                        .skip((page - 1) * per_page)
                        .take(per_page)
                        .filter_map(|id| repo.comments.get(id))
                        .map(|c| comment_json(&base, repo, c))
                        .collect();
                    paged(&base, &req.path, &req.query, ids.len(), items)
                }
                ["comments"] if m == Method::POST => {
                    let body = match comment_body(req) {
                        Ok(b) => b,
                        Err(reply) => return reply,
                    };
                    let now = tick(clock);
                    let id = new_id(next_id);
                    insert_comment(repo, number, id, &author, &body, now);
                    Reply::json(201, comment_json(&base, repo, &repo.comments[&id]))
                }
                ["reactions"] if m == Method::POST => {
                    let content = match reaction_content(req) {
                        Ok(c) => c,
                        Err(reply) => return reply,
                    };
                    let Some(t) = repo.threads.get_mut(&number) else {
                        return Reply::not_found();
                    };
                    react(&base, &mut t.reactions, &author, &content, clock, next_id)
                }
                ["timeline"] if m == Method::GET => {
                    let events = timeline_json(&base, &repos[key], number, repos);
                    let total = events.len();
                    let (page, per_page) = req.query.paging();
                    let items = events
                        .into_iter()
                        .skip((page - 1) * per_page)
                        .take(per_page)
                        .collect();
                    paged(&base, &req.path, &req.query, total, items)
                }
                _ => Reply::not_found(),
            }
        }
        ["pulls", n] if m == Method::GET => {
            match n.parse::<u64>().ok().and_then(|n| repo.threads.get(&n)) {
                Some(t) if t.pull.is_some() => Reply::json(200, pull_json(&base, repo, t)),
                _ => Reply::not_found(),
            }
        }
        ["collaborators", login, "permission"] if m == Method::GET => {
            let role = repo
                .permissions
                .get(&login.to_ascii_lowercase())
                .cloned()
                .unwrap_or_else(|| {
                    if login.eq_ignore_ascii_case(&repo.owner) {
                        "admin".to_string()
                    } else {
                        "none".to_string()
                    }
                });
            let permission = match role.as_str() {
                "admin" => "admin",
                "maintain" | "write" => "write",
                "triage" | "read" => "read",
                _ => "none",
            };
            let mut user = user_json(&base, login);
            user["permissions"] = json!({
                "admin": role == "admin",
                "maintain": matches!(role.as_str(), "admin" | "maintain"),
                "push": matches!(role.as_str(), "admin" | "maintain" | "write"),
                "triage": matches!(role.as_str(), "admin" | "maintain" | "write" | "triage"),
                "pull": role != "none",
            });
            user["role_name"] = json!(role);
            Reply::json(
                200,
                json!({ "permission": permission, "role_name": role, "user": user }),
            )
        }
        ["contents", path @ ..] if m == Method::GET && !path.is_empty() => {
            if let Some(r) = req.query.get("ref")
                && r != repo.default_branch
                && r != format!("refs/heads/{}", repo.default_branch)
            {
                return Reply::error(404, &format!("No commit found for the ref {r}"));
            }
            let path = path.join("/");
            match repo.files.get(&path) {
                Some(content) => Reply::json(200, content_json(&base, repo, &path, content)),
                None => Reply::not_found(),
            }
        }
        _ => Reply::not_found(),
    }
}

fn comment_body(req: &Req) -> Result<String, Reply> {
    let v = req.json_body()?;
    let Some(body) = v.get("body").and_then(Value::as_str) else {
        return Err(Reply::validation(
            "IssueComment",
            "body",
            "missing_field",
            "body wasn't supplied.",
        ));
    };
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(Reply::validation(
            "IssueComment",
            "body",
            "custom",
            "body is too long (maximum is 65536 characters)",
        ));
    }
    Ok(body.to_string())
}

fn reaction_content(req: &Req) -> Result<String, Reply> {
    let v = req.json_body()?;
    match v.get("content").and_then(Value::as_str) {
        Some(c) if REACTIONS.contains(&c) => Ok(c.to_string()),
        _ => Err(Reply::validation(
            "Reaction",
            "content",
            "invalid",
            "content is not included in the list",
        )),
    }
}

fn react(
    base: &str,
    reactions: &mut Vec<Reaction>,
    login: &str,
    content: &str,
    clock: &mut i64,
    next_id: &mut u64,
) -> Reply {
    if let Some(existing) = reactions
        .iter()
        .find(|r| r.login == login && r.content == content)
    {
        return Reply::json(200, reaction_json(base, existing));
    }
    let reaction = Reaction {
        id: new_id(next_id),
        login: login.to_string(),
        content: content.to_string(),
        created_at: tick(clock),
    };
    let reply = Reply::json(201, reaction_json(base, &reaction));
    reactions.push(reaction);
    reply
}

type IssueListParams<'a> = (&'a str, &'a str, &'a str, Option<i64>);

fn issue_list_params(q: &Query) -> Result<IssueListParams<'_>, Reply> {
    Ok((
        q.one_of("state", "open", &["open", "closed", "all"])?,
        q.one_of("sort", "created", &["created", "updated", "comments"])?,
        q.one_of("direction", "desc", &["asc", "desc"])?,
        q.since()?,
    ))
}

fn comment_list_params(q: &Query) -> Result<(&str, &str, Option<i64>), Reply> {
    Ok((
        q.one_of("sort", "created", &["created", "updated"])?,
        q.one_of("direction", "asc", &["asc", "desc"])?,
        q.since()?,
    ))
}

fn list_issues(base: &str, repo: &Repo, req: &Req) -> Reply {
    let q = &req.query;
    let (state, sort, direction, since) = match issue_list_params(q) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let labels: Vec<String> = q
        .get("labels")
        .map(|l| {
            l.split(',')
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let mut numbers: Vec<u64> = match (since, sort) {
        (Some(s), _) => repo.by_updated.range(s..).map(|(_, n)| *n).collect(),
        (None, "updated") => repo.by_updated.values().copied().collect(),
        (None, _) => repo.by_created.values().copied().collect(),
    };
    numbers.retain(|n| {
        let Some(t) = repo.threads.get(n) else {
            return false;
        };
        let state_ok = match state {
            "open" => t.open,
            "closed" => !t.open,
            _ => true,
        };
        state_ok
            && labels
                .iter()
                .all(|l| t.labels.iter().any(|have| have.to_lowercase() == *l))
    });
    match (sort, since.is_some()) {
        ("created", true) => numbers.sort_by_key(|n| repo.threads[n].created_at),
        ("comments", _) => numbers.sort_by_key(|n| {
            let t = &repo.threads[n];
            (t.comment_ids.len(), t.created_at)
        }),
        _ => {}
    }
    if direction == "desc" {
        numbers.reverse();
    }
    let (page, per_page) = q.paging();
    let items = numbers
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|n| issue_json(base, repo, &repo.threads[n]))
        .collect();
    paged(base, &req.path, q, numbers.len(), items)
}

fn list_repo_comments(base: &str, repo: &Repo, req: &Req) -> Reply {
    let q = &req.query;
    let (sort, direction, since) = match comment_list_params(q) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let (page, per_page) = q.paging();
    let skip = (page - 1) * per_page;
    let render = |id: &u64| repo.comments.get(id).map(|c| comment_json(base, repo, c));
    let (total, items): (usize, Vec<Value>) = match since {
        None => {
            let total = repo.comment_order.len();
            let items = match (sort, direction) {
                ("created", "asc") => {
                    let end = (skip + per_page).min(total);
                    repo.comment_order
                        .get(skip..end)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(render)
                        .collect()
                }
                ("created", _) => {
                    let end = total.saturating_sub(skip);
                    let start = end.saturating_sub(per_page);
                    repo.comment_order[start..end]
                        .iter()
                        .rev()
                        .filter_map(render)
                        .collect()
                }
                (_, "asc") => repo
                    .comments_by_updated
                    .values()
                    .skip(skip)
                    .take(per_page)
                    .filter_map(render)
                    .collect(),
                _ => repo
                    .comments_by_updated
                    .values()
                    .rev()
                    .skip(skip)
                    .take(per_page)
                    .filter_map(render)
                    .collect(),
            };
            (total, items)
        }
        Some(s) => {
            let mut ids: Vec<u64> = repo
                .comments_by_updated
                .range(s..)
                .map(|(_, id)| *id)
                .collect();
            if sort == "created" {
                ids.sort_unstable();
            }
            if direction == "desc" {
                ids.reverse();
            }
            let items = ids
                .iter()
                .skip(skip)
                .take(per_page)
                .filter_map(render)
                .collect();
            (ids.len(), items)
        }
    };
    paged(base, &req.path, q, total, items)
}

fn list_deliveries(st: &State, req: &Req) -> Reply {
    let (_, per_page) = req.query.paging();
    let start = req
        .query
        .get("cursor")
        .and_then(|c| c.strip_prefix("v1_"))
        .and_then(|c| c.parse::<u64>().ok())
        .unwrap_or(u64::MAX);
    let mut it = st.deliveries.range(..=start).rev();
    let items: Vec<Value> = it
        .by_ref()
        .take(per_page)
        .map(|(_, d)| delivery_json(d))
        .collect();
    let reply = Reply::json(200, Value::Array(items));
    match it.next() {
        Some((next, _)) => {
            let link = format!(
                "<{}/app/hook/deliveries?per_page={per_page}&cursor=v1_{next}>; rel=\"next\"",
                st.base
            );
            reply.with_header("link", link)
        }
        None => reply,
    }
}

fn create_gist(st: &mut State, req: &Req) -> Reply {
    let owner = match gist_writer(st, &req.auth) {
        Ok(o) => o,
        Err(reply) => return reply,
    };
    let v = match req.json_body() {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let mut files = BTreeMap::new();
    if let Some(map) = v.get("files").and_then(Value::as_object) {
        for (name, f) in map {
            match f.get("content").and_then(Value::as_str) {
                Some(c) if !c.is_empty() => {
                    files.insert(name.clone(), c.to_string());
                }
                _ => {
                    return Reply::validation(
                        "Gist",
                        "files",
                        "missing_field",
                        "contents can't be blank",
                    );
                }
            }
        }
    }
    if files.is_empty() {
        return Reply::validation("Gist", "files", "missing_field", "files can't be blank");
    }
    let now = tick(&mut st.clock);
    st.next_gist += 1;
    let id = format!("{:020x}", 0xa5a5_0000_0000u64 + st.next_gist);
    let gist = Gist {
        id: id.clone(),
        description: v
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        public: v.get("public").and_then(Value::as_bool).unwrap_or(false),
        owner,
        files,
        created_at: now,
        updated_at: now,
    };
    let reply = Reply::json(201, gist_json(&st.base, &gist));
    st.gists.insert(id, gist);
    reply
}

fn update_gist(st: &mut State, req: &Req, id: &str) -> Reply {
    let login = match gist_writer(st, &req.auth) {
        Ok(o) => o,
        Err(reply) => return reply,
    };
    let v = match req.json_body() {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let now = tick(&mut st.clock);
    let base = st.base.clone();
    let Some(g) = st.gists.get_mut(id).filter(|g| g.owner == login) else {
        return Reply::not_found();
    };
    if let Some(d) = v.get("description") {
        g.description = d.as_str().map(str::to_string);
    }
    if let Some(map) = v.get("files").and_then(Value::as_object) {
        for (name, f) in map {
            if f.is_null() {
                g.files.remove(name);
                continue;
            }
            let target = f
                .get("filename")
                .and_then(Value::as_str)
                .unwrap_or(name)
                .to_string();
            let content = match f.get("content").and_then(Value::as_str) {
                Some(c) => c.to_string(),
                None => g.files.get(name).cloned().unwrap_or_default(),
            };
            g.files.remove(name);
            g.files.insert(target, content);
        }
    }
    g.updated_at = now;
    Reply::json(200, gist_json(&base, g))
}

fn gist_writer(st: &State, auth: &Auth) -> Result<String, Reply> {
    match auth {
        Auth::Installation(_) => Err(Reply::error(403, "Resource not accessible by integration")),
        Auth::Token(login) => {
            let capable = st
                .credentials
                .values()
                .any(|c| matches!(c, Credential::Personal { login: l, gist: true } if l == login));
            if capable {
                Ok(login.clone())
            } else {
                Err(Reply::not_found())
            }
        }
        _ => Err(Reply::bad_credentials()),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON shapes
// ---------------------------------------------------------------------------------------------

fn user_id(login: &str) -> u64 {
    if login == BOT_LOGIN {
        return 142_420_000;
    }
    let digest = Sha256::digest(login.to_ascii_lowercase().as_bytes());
    u64::from(u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) & 0x0FFF_FFFF) + 1
}

thread_local! {
    /// Rendered users by base URL and login: a page of 100 comments renders few distinct users.
    static USERS: RefCell<HashMap<String, HashMap<String, Value>>> = RefCell::new(HashMap::new());
}

fn user_json(base: &str, login: &str) -> Value {
    if let Some(v) = USERS.with(|c| c.borrow().get(base).and_then(|m| m.get(login)).cloned()) {
        return v;
    }
    let v = render_user(base, login);
    USERS.with(|c| {
        c.borrow_mut()
            .entry(base.to_string())
            .or_default()
            .insert(login.to_string(), v.clone())
    });
    v
}

fn render_user(base: &str, login: &str) -> Value {
    let id = user_id(login);
    let bot = login.ends_with("[bot]");
    let api = format!("{base}/users/{}", pct_encode_segment(login));
    let html = if bot {
        format!(
            "https://github.com/apps/{}",
            login.trim_end_matches("[bot]")
        )
    } else {
        format!("https://github.com/{login}")
    };
    json!({
        "login": login,
        "id": id,
        "node_id": format!("MDQ6VXNlcntp{id}"),
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{id}?v=4"),
        "gravatar_id": "",
        "url": api,
        "html_url": html,
        "followers_url": format!("{api}/followers"),
        "following_url": format!("{api}/following{{/other_user}}"),
        "gists_url": format!("{api}/gists{{/gist_id}}"),
        "starred_url": format!("{api}/starred{{/owner}}{{/repo}}"),
        "subscriptions_url": format!("{api}/subscriptions"),
        "organizations_url": format!("{api}/orgs"),
        "repos_url": format!("{api}/repos"),
        "events_url": format!("{api}/events{{/privacy}}"),
        "received_events_url": format!("{api}/received_events"),
        "type": if bot { "Bot" } else { "User" },
        "user_view_type": "public",
        "site_admin": false,
    })
}

fn app_json(base: &str) -> Value {
    json!({
        "id": APP_ID,
        "slug": APP_SLUG,
        "node_id": "MDM6QXBwNDI0Mg==",
        "client_id": "Iv1.standin0000000000",
        "owner": user_json(base, "coordinator-org"),
        "name": "coordinator",
        "description": "stand-in App",
        "external_url": "https://example.invalid",
        "html_url": format!("https://github.com/apps/{APP_SLUG}"),
        "created_at": iso(CLOCK_START),
        "updated_at": iso(CLOCK_START),
        "permissions": installation_permissions(),
        "events": ["issues", "issue_comment", "pull_request", "installation_repositories"],
        "installations_count": 1,
    })
}

fn installation_permissions() -> Value {
    json!({ "issues": "write", "pull_requests": "read", "metadata": "read", "contents": "read" })
}

fn installation_json(base: &str, id: u64, owner: &str) -> Value {
    json!({
        "id": id,
        "account": user_json(base, owner),
        "access_tokens_url": format!("{base}/app/installations/{id}/access_tokens"),
        "repositories_url": format!("{base}/installation/repositories"),
        "html_url": format!("https://github.com/settings/installations/{id}"),
        "app_id": APP_ID,
        "app_slug": APP_SLUG,
        "target_id": user_id(owner),
        "target_type": "Organization",
        "permissions": installation_permissions(),
        "events": ["issues", "issue_comment", "pull_request"],
        "repository_selection": "selected",
        "single_file_name": null,
        "created_at": iso(CLOCK_START),
        "updated_at": iso(CLOCK_START),
    })
}

fn repo_json(base: &str, r: &Repo) -> Value {
    let api = format!("{base}/repos/{}", r.full_name);
    json!({
        "id": r.id,
        "node_id": format!("R_standin{}", r.id),
        "name": r.name,
        "full_name": r.full_name,
        "owner": user_json(base, &r.owner),
        "private": false,
        "html_url": format!("https://github.com/{}", r.full_name),
        "description": null,
        "fork": false,
        "url": api,
        "issues_url": format!("{api}/issues{{/number}}"),
        "pulls_url": format!("{api}/pulls{{/number}}"),
        "contents_url": format!("{api}/contents/{{+path}}"),
        "default_branch": r.default_branch,
        "visibility": "public",
        "archived": false,
        "disabled": false,
        "has_issues": true,
        "open_issues_count": r.threads.values().filter(|t| t.open).count(),
        "created_at": iso(CLOCK_START),
        "updated_at": iso(CLOCK_START),
        "pushed_at": iso(CLOCK_START),
    })
}

fn label_color(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    hex::encode(&digest[..3])
}

fn label_json(base: &str, r: &Repo, name: &str) -> Value {
    let digest = Sha256::digest(format!("{}:{name}", r.full_name).as_bytes());
    let id = u64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]));
    json!({
        "id": id,
        "node_id": format!("LA_standin{id}"),
        "url": format!("{base}/repos/{}/labels/{}", r.full_name, pct_encode_segment(name)),
        "name": name,
        "color": label_color(name),
        "default": false,
        "description": null,
    })
}

fn reactions_summary(url: String, seeds: &BTreeMap<String, u64>, made: &[Reaction]) -> Value {
    let mut counts: BTreeMap<&str, u64> = REACTIONS.iter().map(|c| (*c, 0)).collect();
    for (content, n) in seeds {
        if let Some(slot) = counts.get_mut(content.as_str()) {
            *slot += n;
        }
    }
    for r in made {
        if let Some(slot) = counts.get_mut(r.content.as_str()) {
            *slot += 1;
        }
    }
    let mut v = json!({ "url": url, "total_count": counts.values().sum::<u64>() });
    for (content, n) in counts {
        v[content] = json!(n);
    }
    v
}

fn reaction_json(base: &str, r: &Reaction) -> Value {
    json!({
        "id": r.id,
        "node_id": format!("REA_standin{}", r.id),
        "user": user_json(base, &r.login),
        "content": r.content,
        "created_at": iso(r.created_at),
    })
}

fn thread_html_url(r: &Repo, t: &Thread) -> String {
    let kind = if t.pull.is_some() { "pull" } else { "issues" };
    format!("https://github.com/{}/{kind}/{}", r.full_name, t.number)
}

fn issue_json(base: &str, r: &Repo, t: &Thread) -> Value {
    let api = format!("{base}/repos/{}/issues/{}", r.full_name, t.number);
    let mut v = json!({
        "id": t.id,
        "node_id": format!("I_standin{}", t.id),
        "url": api,
        "repository_url": format!("{base}/repos/{}", r.full_name),
        "labels_url": format!("{api}/labels{{/name}}"),
        "comments_url": format!("{api}/comments"),
        "events_url": format!("{api}/events"),
        "timeline_url": format!("{api}/timeline"),
        "html_url": thread_html_url(r, t),
        "number": t.number,
        "title": t.title,
        "user": user_json(base, &t.user),
        "labels": t.labels.iter().map(|l| label_json(base, r, l)).collect::<Vec<_>>(),
        "state": if t.open { "open" } else { "closed" },
        "state_reason": t.state_reason,
        "locked": false,
        "assignee": null,
        "assignees": [],
        "milestone": null,
        "comments": t.comment_ids.len(),
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
        "closed_at": iso_opt(t.closed_at),
        "author_association": t.association.as_deref().unwrap_or_else(|| r.association(&t.user)),
        "active_lock_reason": null,
        "body": t.body,
        "reactions": reactions_summary(format!("{api}/reactions"), &t.seed_reactions, &t.reactions),
        "performed_via_github_app": null,
    });
    if let Some(p) = &t.pull {
        let pulls = format!("{base}/repos/{}/pulls/{}", r.full_name, t.number);
        let html = thread_html_url(r, t);
        v["draft"] = json!(p.draft);
        v["pull_request"] = json!({
            "url": pulls,
            "html_url": html,
            "diff_url": format!("{html}.diff"),
            "patch_url": format!("{html}.patch"),
            "merged_at": iso_opt(t.merged_at),
        });
    }
    v
}

fn comment_json(base: &str, r: &Repo, c: &Comment) -> Value {
    let kind = match r.threads.get(&c.number) {
        Some(t) if t.pull.is_some() => "pull",
        _ => "issues",
    };
    let api = format!("{base}/repos/{}/issues/comments/{}", r.full_name, c.id);
    json!({
        "id": c.id,
        "node_id": format!("IC_standin{}", c.id),
        "url": api,
        "html_url": format!("https://github.com/{}/{kind}/{}#issuecomment-{}", r.full_name, c.number, c.id),
        "issue_url": format!("{base}/repos/{}/issues/{}", r.full_name, c.number),
        "body": c.body,
        "user": user_json(base, &c.user),
        "author_association": r.association(&c.user),
        "created_at": iso(c.created_at),
        "updated_at": iso(c.updated_at),
        "reactions": reactions_summary(format!("{api}/reactions"), &BTreeMap::new(), &c.reactions),
        "performed_via_github_app": null,
    })
}

fn pull_json(base: &str, r: &Repo, t: &Thread) -> Value {
    let p = t.pull.as_ref().expect("pull_json on a pull request");
    let api = format!("{base}/repos/{}/pulls/{}", r.full_name, t.number);
    let branch = |name: &str, sha_seed: &str| {
        let sha = hex::encode(
            &Sha256::digest(format!("{}:{sha_seed}:{name}", r.full_name).as_bytes())[..20],
        );
        json!({
            "label": format!("{}:{name}", r.owner),
            "ref": name,
            "sha": sha,
            "user": user_json(base, &r.owner),
            "repo": repo_json(base, r),
        })
    };
    json!({
        "id": t.id,
        "node_id": format!("PR_standin{}", t.id),
        "url": api,
        "html_url": thread_html_url(r, t),
        "issue_url": format!("{base}/repos/{}/issues/{}", r.full_name, t.number),
        "number": t.number,
        "state": if t.open { "open" } else { "closed" },
        "locked": false,
        "title": t.title,
        "user": user_json(base, &t.user),
        "body": t.body,
        "labels": t.labels.iter().map(|l| label_json(base, r, l)).collect::<Vec<_>>(),
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
        "closed_at": iso_opt(t.closed_at),
        "merged_at": iso_opt(t.merged_at),
        "merged": p.merged,
        "draft": p.draft,
        "head": branch(&p.head_ref, "head"),
        "base": branch(&p.base_ref, "base"),
        "author_association": t.association.as_deref().unwrap_or_else(|| r.association(&t.user)),
        "comments": t.comment_ids.len(),
    })
}

fn timeline_json(base: &str, r: &Repo, number: u64, repos: &BTreeMap<String, Repo>) -> Vec<Value> {
    let Some(t) = r.threads.get(&number) else {
        return Vec::new();
    };
    let actor = user_json(base, &r.owner);
    let mut out = Vec::new();
    for entry in &t.timeline {
        let simple = |event: &str, id: u64, at: i64| {
            json!({
                "id": id,
                "node_id": format!("E_standin{id}"),
                "url": format!("{base}/repos/{}/issues/events/{id}", r.full_name),
                "actor": actor,
                "event": event,
                "commit_id": null,
                "commit_url": null,
                "created_at": iso(at),
                "performed_via_github_app": null,
            })
        };
        match entry {
            TimelineEntry::CrossReferenced {
                from_repo,
                from_number,
                at,
            } => {
                let Some(src_repo) = repos.get(&repo_key(from_repo)) else {
                    continue;
                };
                let Some(src) = src_repo.threads.get(from_number) else {
                    continue;
                };
                let mut issue = issue_json(base, src_repo, src);
                issue["repository"] = repo_json(base, src_repo);
                out.push(json!({
                    "event": "cross-referenced",
                    "actor": user_json(base, &src.user),
                    "created_at": iso(*at),
                    "updated_at": iso(*at),
                    "source": { "type": "issue", "issue": issue },
                }));
            }
            TimelineEntry::Labeled { name, at, id } | TimelineEntry::Unlabeled { name, at, id } => {
                let event = if matches!(entry, TimelineEntry::Labeled { .. }) {
                    "labeled"
                } else {
                    "unlabeled"
                };
                let mut v = simple(event, *id, *at);
                v["label"] = json!({ "name": name, "color": label_color(name) });
                out.push(v);
            }
            TimelineEntry::Closed { at, id } => out.push(simple("closed", *id, *at)),
            TimelineEntry::Reopened { at, id } => out.push(simple("reopened", *id, *at)),
        }
    }
    out
}

fn content_json(base: &str, r: &Repo, path: &str, content: &str) -> Value {
    let encoded = base64::engine::general_purpose::STANDARD.encode(content.as_bytes());
    let mut wrapped = String::with_capacity(encoded.len() + encoded.len() / 60 + 1);
    for (i, chunk) in encoded.as_bytes().chunks(60).enumerate() {
        if i > 0 {
            wrapped.push('\n');
        }
        wrapped.push_str(std::str::from_utf8(chunk).unwrap_or_default());
    }
    wrapped.push('\n');
    let sha =
        hex::encode(&Sha256::digest(format!("blob {}\0{content}", content.len()).as_bytes())[..20]);
    let name = path.rsplit('/').next().unwrap_or(path);
    let api = format!(
        "{base}/repos/{}/contents/{path}?ref={}",
        r.full_name, r.default_branch
    );
    let html = format!(
        "https://github.com/{}/blob/{}/{path}",
        r.full_name, r.default_branch
    );
    let git = format!("{base}/repos/{}/git/blobs/{sha}", r.full_name);
    json!({
        "type": "file",
        "encoding": "base64",
        "size": content.len(),
        "name": name,
        "path": path,
        "content": wrapped,
        "sha": sha,
        "url": api,
        "git_url": git,
        "html_url": html,
        "download_url": format!("https://raw.githubusercontent.com/{}/{}/{path}", r.full_name, r.default_branch),
        "_links": { "self": api, "git": git, "html": html },
    })
}

fn gist_json(base: &str, g: &Gist) -> Value {
    let api = format!("{base}/gists/{}", g.id);
    let mut files = serde_json::Map::new();
    for (name, content) in &g.files {
        let truncated = content.len() > GIST_TRUNCATE_BYTES;
        let shown = if truncated {
            let mut end = GIST_TRUNCATE_BYTES;
            while !content.is_char_boundary(end) {
                end -= 1;
            }
            &content[..end]
        } else {
            content.as_str()
        };
        files.insert(
            name.clone(),
            json!({
                "filename": name,
                "type": "text/plain",
                "language": if name.ends_with(".md") { json!("Markdown") } else { Value::Null },
                "raw_url": format!("{base}/gist-raw/{}/{}", g.id, pct_encode_segment(name)),
                "size": content.len(),
                "truncated": truncated,
                "content": shown,
            }),
        );
    }
    json!({
        "url": api,
        "forks_url": format!("{api}/forks"),
        "commits_url": format!("{api}/commits"),
        "id": g.id,
        "node_id": format!("G_standin{}", g.id),
        "git_pull_url": format!("https://gist.github.com/{}.git", g.id),
        "git_push_url": format!("https://gist.github.com/{}.git", g.id),
        "html_url": format!("https://gist.github.com/{}/{}", g.owner, g.id),
        "files": files,
        "public": g.public,
        "created_at": iso(g.created_at),
        "updated_at": iso(g.updated_at),
        "description": g.description,
        "comments": 0,
        "user": null,
        "comments_url": format!("{api}/comments"),
        "owner": user_json(base, &g.owner),
        "truncated": false,
    })
}

fn delivery_json(d: &HookDeliverySpec) -> Value {
    let status = if (200..300).contains(&d.status_code) {
        "OK".to_string()
    } else {
        format!("Invalid HTTP Response: {}", d.status_code)
    };
    json!({
        "id": d.id,
        "guid": d.guid,
        "delivered_at": d.delivered_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "redelivery": d.redelivery,
        "duration": 0.27,
        "status": status,
        "status_code": d.status_code,
        "event": d.event,
        "action": d.action,
        "installation_id": d.installation_id,
        "repository_id": d.repository_id,
        "throttled_at": null,
    })
}

/// The error a gateway answers when the request went through but its answer did not.
fn lost_answer(status: u16) -> Reply {
    Reply::error(status, "Bad Gateway: the upstream answer was lost")
}
