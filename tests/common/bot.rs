//! A bot scenario for end-to-end tests: the evaluation corpus as a warm mirror, the stand-in
//! GitHub holding the same issues, optionally a stand-in Slack, and `serve` running the bot's
//! real handlers; plus the webhook payloads a maintainer's actions produce.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use coordinator::bot::{self, Bot};
use coordinator::github::client::{Credentials, GitHub, GitHubSettings, RetrySettings};
use coordinator::metrics::Metrics;
use coordinator::store::{RepoName, Store, SyncState};
use secrecy::SecretString;
use serde_json::{Value, json};

use super::corpus::{corpus, write_to_store};
use super::github::{BOT_LOGIN, CommentView, StandIn, TokenKind};
use super::slack::SlackStandIn;
use super::{ServerOptions, TestDb, TestServer, fixture, wait_idle};

pub const REPO: &str = "acme/tensorpack";
pub const INSTALLATION: i64 = 77;
pub const MAINTAINER: &str = "maint-ana";
pub const READER: &str = "curious-reader";
pub const GIST_TOKEN: &str = "ghp_gist_capable";

pub struct Scenario {
    // Field order is drop order: the server stops before the database goes.
    pub server: TestServer,
    pub bot: Arc<Bot>,
    pub standin: StandIn,
    pub slack: Option<SlackStandIn>,
    pub store: Arc<dyn Store>,
    pub db: TestDb,
}

pub fn retry() -> RetrySettings {
    RetrySettings {
        max_retries: 1,
        backoff: Duration::from_millis(10),
        max_wait: Duration::from_secs(2),
        secondary_backoff: Duration::from_millis(20),
        timeout: Duration::from_secs(10),
    }
}

/// The Slack token and channel of the scenarios.
pub const SLACK_TOKEN: &str = "xoxb-test-token";
pub const SLACK_CHANNEL: &str = "C0TEAM";

/// How a scenario is set up.
#[derive(Default)]
pub struct Options<'a> {
    pub gist: bool,
    pub config: Option<&'a str>,
    pub dry_run: bool,
    /// A stand-in Slack and the relay to it.
    pub slack: bool,
    /// The worker's concurrency (default 4).
    pub concurrency: Option<usize>,
    /// The analyst, when the scenario has one.
    pub analyst: Option<coordinator::analyst::AnalystSettings>,
}

/// A warm mirror of the corpus, the stand-in holding the same issues, and the bot serving it
/// as the App (the installation token already fetched).
pub async fn scenario(db: TestDb, with_gist: bool, config_file: Option<&str>) -> Scenario {
    scenario_with(
        db,
        Options {
            gist: with_gist,
            config: config_file,
            ..Options::default()
        },
    )
    .await
}

pub async fn scenario_in(
    db: TestDb,
    with_gist: bool,
    config_file: Option<&str>,
    dry_run: bool,
) -> Scenario {
    scenario_with(
        db,
        Options {
            gist: with_gist,
            config: config_file,
            dry_run,
            ..Options::default()
        },
    )
    .await
}

pub async fn scenario_with(db: TestDb, options: Options<'_>) -> Scenario {
    let (with_gist, config_file, dry_run) = (options.gist, options.config, options.dry_run);
    let store = db.store().await;
    write_to_store(store.as_ref()).await;
    store
        .put_sync_state(&SyncState {
            repo: REPO.into(),
            display_name: REPO.into(),
            default_branch: Some("main".into()),
            threads_since: Some(0),
            comments_since: Some(0),
            ..SyncState::default()
        })
        .await
        .expect("sync state");
    let standin = StandIn::start().await;
    standin.add_repo(REPO, INSTALLATION as u64);
    standin.set_permission(REPO, MAINTAINER, "maintain");
    standin.set_permission(REPO, READER, "read");
    super::corpus::seed_standin(&standin, REPO);
    if let Some(text) = config_file {
        standin.set_file(REPO, ".github/coordinator.toml", text);
    }
    let slack = if options.slack {
        Some(SlackStandIn::start(SLACK_TOKEN, &[SLACK_CHANNEL]).await)
    } else {
        None
    };
    let bot = make_bot(
        store.clone(),
        &standin,
        slack.as_ref().map(|s| s.url.as_str()),
        with_gist,
        dry_run,
    )
    .await;
    let bot = match options.analyst {
        Some(settings) => {
            let bot = Arc::try_unwrap(bot).unwrap_or_else(|_| panic!("the bot is not shared yet"));
            let analyst =
                coordinator::analyst::Analyst::new(settings, bot.metrics.clone()).expect("analyst");
            Arc::new(bot.with_analyst(Some(analyst)))
        }
        None => bot,
    };
    let mut worker = super::fast_worker();
    if let Some(n) = options.concurrency {
        worker.concurrency = n;
    }
    let server = TestServer::start(
        store.clone(),
        ServerOptions {
            handlers: Some(bot::handlers(bot.clone())),
            max_attempts: 4,
            worker,
            metrics: Some(bot.metrics.clone()),
            ..ServerOptions::default()
        },
    )
    .await;
    standin.reset_calls();
    Scenario {
        server,
        bot,
        standin,
        slack,
        store,
        db,
    }
}

/// The bot as the App on the stand-in (its installation token already fetched), with Slack
/// at `slack_url` when given.
pub async fn make_bot(
    store: Arc<dyn Store>,
    standin: &StandIn,
    slack_url: Option<&str>,
    with_gist: bool,
    dry_run: bool,
) -> Arc<Bot> {
    let github = GitHub::new(
        GitHubSettings {
            api_url: standin.url.clone(),
            credentials: Credentials::App {
                app_id: StandIn::app_id(),
                private_key: SecretString::from(StandIn::app_private_key_pem()),
            },
            retry: retry(),
        },
        Arc::new(Metrics::default()),
    )
    .expect("github");
    let gist = with_gist.then(|| {
        standin.add_token(GIST_TOKEN, MAINTAINER, TokenKind::GistCapable);
        GitHub::new(
            GitHubSettings {
                api_url: standin.url.clone(),
                credentials: Credentials::Token(SecretString::from(GIST_TOKEN)),
                retry: retry(),
            },
            Arc::new(Metrics::default()),
        )
        .expect("gist client")
        .token_client()
    });
    // A running bot has its installation token: fetch it now so the counts below are the
    // /coordinate's own.
    let repo = RepoName::parse(REPO).expect("repo");
    github
        .for_repo(
            &repo,
            Some(coordinator::ids::InstallationId(INSTALLATION as u64)),
        )
        .await
        .expect("client")
        .get("/repos/acme/tensorpack", None)
        .await
        .expect("token works");
    let slack_client = slack_url.map(|url| {
        coordinator::slack::Slack::new(
            url,
            &SecretString::from(SLACK_TOKEN),
            Arc::new(Metrics::default()),
        )
        .expect("slack client")
    });
    Arc::new(
        Bot::new(store.clone(), Some(github), gist, dry_run, 4)
            .expect("bot")
            .with_slack(slack_client, Some(SLACK_CHANNEL.to_string())),
    )
}

/// Another `serve` on the scenario's database (a second replica), with its own connections.
pub async fn second_replica(s: &Scenario) -> TestServer {
    let store = s.db.store().await;
    let bot = make_bot(
        store.clone(),
        &s.standin,
        s.slack.as_ref().map(|x| x.url.as_str()),
        false,
        false,
    )
    .await;
    TestServer::start(
        store,
        ServerOptions {
            handlers: Some(bot::handlers(bot)),
            max_attempts: 4,
            ..ServerOptions::default()
        },
    )
    .await
}

pub fn template(event: &str, file: &str) -> Value {
    serde_json::from_slice(&fixture(event, file)).expect("fixture json")
}

pub fn repository(p: &mut Value) {
    p["repository"]["name"] = "tensorpack".into();
    p["repository"]["full_name"] = REPO.into();
    p["repository"]["owner"]["login"] = "acme".into();
    p["installation"] = json!({ "id": INSTALLATION });
}

/// The issue object of corpus thread `number`, as GitHub would send it after a new comment.
pub fn issue_object(number: i64, extra_comments: i64) -> Value {
    let doc = corpus()
        .docs
        .iter()
        .find(|d| d.thread.number == number)
        .expect("corpus thread");
    let t = &doc.thread;
    json!({
        "id": t.github_id,
        "number": number,
        "title": t.title,
        "body": t.body,
        "state": t.state.as_str(),
        "user": { "login": t.user, "type": "User" },
        "labels": t.labels.iter().map(|l| json!({ "name": l })).collect::<Vec<_>>(),
        "comments": doc.comments.len() as i64 + extra_comments,
        "created_at": coordinator::views::iso_time(t.created_at),
        "updated_at": "2026-11-01T00:00:00Z",
        "closed_at": null,
        "author_association": t.author_association,
        "html_url": t.html_url,
        "reactions": { "+1": 0 },
    })
}

pub fn comment_event(number: i64, comment_id: i64, login: &str, kind: &str, body: &str) -> Vec<u8> {
    let mut p = template("issue_comment", "created.payload.json");
    repository(&mut p);
    p["issue"] = issue_object(number, 1);
    p["comment"]["id"] = comment_id.into();
    p["comment"]["body"] = body.into();
    p["comment"]["user"] = json!({ "login": login, "type": kind });
    p["comment"]["created_at"] = "2026-11-01T00:00:00Z".into();
    p["comment"]["updated_at"] = "2026-11-01T00:00:00Z".into();
    p["sender"] = json!({ "login": login, "type": kind });
    serde_json::to_vec(&p).expect("json")
}

pub fn edited_event(
    number: i64,
    comment_id: i64,
    login: &str,
    before: &str,
    after: &str,
) -> Vec<u8> {
    let mut p: Value =
        serde_json::from_slice(&comment_event(number, comment_id, login, "User", after))
            .expect("json");
    p["action"] = "edited".into();
    p["changes"] = json!({ "body": { "from": before } });
    p["comment"]["updated_at"] = "2026-11-01T00:05:00Z".into();
    serde_json::to_vec(&p).expect("json")
}

pub fn label_event(number: i64, label: &str, login: &str) -> Vec<u8> {
    let mut p = template("issues", "labeled.payload.json");
    repository(&mut p);
    p["issue"] = issue_object(number, 0);
    p["label"] = json!({ "name": label });
    p["sender"] = json!({ "login": login, "type": "User" });
    serde_json::to_vec(&p).expect("json")
}

impl Scenario {
    /// Forgets the repository settings and permissions the bot has cached.
    pub fn reset_caches(&self) {
        self.bot.settings.clear();
    }

    /// Delivers and waits until the queue is idle; a job that ends dead fails the test. The
    /// wait is a ceiling, not a speed test: a sweep over a whole tracker in a debug build on a
    /// busy two-core machine took over 30 s.
    pub async fn deliver(&self, event: &str, id: &str, body: &[u8]) {
        self.deliver_only(event, id, body).await;
        wait_idle(&self.store, Duration::from_secs(120)).await;
    }

    /// Delivers and waits until the queue settles, dead jobs allowed.
    pub async fn deliver_settled(&self, event: &str, id: &str, body: &[u8]) {
        self.deliver_only(event, id, body).await;
        super::wait_settled(&self.store, Duration::from_secs(60)).await;
    }

    /// Delivers (GitHub holding the comment it is about) without waiting.
    pub async fn deliver_only(&self, event: &str, id: &str, body: &[u8]) {
        // GitHub holds the comment a delivery is about.
        let payload: Value = serde_json::from_slice(body).expect("json");
        if event == "issue_comment" && payload["action"] == "created" {
            let (Some(number), Some(comment)) = (
                payload["issue"]["number"].as_u64(),
                payload["comment"]["id"].as_u64(),
            ) else {
                panic!("comment payload without numbers");
            };
            self.standin.add_comment_with_id(
                REPO,
                number,
                comment,
                payload["comment"]["user"]["login"]
                    .as_str()
                    .unwrap_or("someone"),
                payload["comment"]["body"].as_str().unwrap_or_default(),
            );
        }
        let answer = self.server.deliver(event, id, body).await;
        assert_eq!(answer.status, 202, "{}", answer.body);
    }

    pub fn bot_comments(&self, number: i64) -> Vec<CommentView> {
        self.standin
            .comments_on(REPO, number as u64)
            .into_iter()
            .filter(|c| c.user == BOT_LOGIN)
            .collect()
    }

    pub fn reactions(&self, comment: i64) -> Vec<String> {
        self.standin
            .reactions_on_comment(REPO, comment as u64)
            .into_iter()
            .map(|(_, content)| content)
            .collect()
    }

    /// Calls that change something on GitHub (GraphQL queries only read).
    pub fn writes(&self) -> usize {
        self.standin
            .calls()
            .iter()
            .filter(|c| c.method != "GET" && c.method != "HEAD" && c.path != "/graphql")
            .count()
    }
}

/// A `pull_request` delivery: `action` on PR `number` into `base`, by `author`.
pub fn pr_event(
    action: &str,
    number: i64,
    body: &str,
    merged: bool,
    base: &str,
    author: &str,
) -> Vec<u8> {
    let mut p = template("pull_request", "opened.payload.json");
    repository(&mut p);
    p["action"] = action.into();
    p["repository"]["default_branch"] = "main".into();
    let pr = &mut p["pull_request"];
    pr["number"] = number.into();
    pr["title"] = format!("Fix the reported problem ({number})").into();
    pr["body"] = body.into();
    pr["user"] = json!({ "login": author, "type": "User" });
    pr["base"]["ref"] = base.into();
    pr["html_url"] = format!("https://github.com/acme/tensorpack/pull/{number}").into();
    pr["merged"] = merged.into();
    pr["state"] = if action == "closed" { "closed" } else { "open" }.into();
    pr["updated_at"] = if action == "closed" {
        "2026-11-02T00:00:00Z"
    } else {
        "2026-11-01T12:00:00Z"
    }
    .into();
    p["number"] = number.into();
    serde_json::to_vec(&p).expect("json")
}
