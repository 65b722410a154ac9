//! Self-test of the stand-in GitHub (`tests/common/github.rs`), through the real octocrab client
//! (the way the bot uses it) and through plain reqwest (for status codes and headers).

mod common;

use std::time::{Duration, Instant};

use common::github::{Auth, BOT_LOGIN, HookDeliverySpec, StandIn, ThreadSpec, TokenKind};
use octocrab::models::reactions::ReactionContent;
use octocrab::models::{AppId, CommentId, InstallationId};
use octocrab::{Octocrab, Page, params};
use serde_json::{Value, json};

const REPO: &str = "acme/widgets";
const INSTALLATION: u64 = 7;

/// An RSA key that is not the App's.
const WRONG_KEY: &str = "-----BEGIN RSA PRIVATE KEY-----
MIIEpQIBAAKCAQEA4Ucf89LF7T2wJGkKWYgaQsVDQ6rELxthVZ4LoZ8AgSfNSWFW
XMzp/NBk/pnklwpV6cSH/bOymQt8iAlhBDlMKbkci9eJJl0FXm4ZYuLodhr3Sx/G
TaxppuSAT3dCr/obdHrfI9rALATrSE0L3Sw1rc0x1K3TgoM+crDOPCo3M5VN90id
oKXpYqDf1tsqsRcxAjkQxrp+IsemsMjJV67ldgo9dPmWuYOTQkR5b0vXJraCghMZ
UTeSy9mCjuZ5+kfndPVwDuNK8z12LTWKvj+OJch1MMK637nd3SYZjj8bRzRIr18q
D95UmCvLPSq90O2KI19jxDERgSVb6RUIKU7I1wIDAQABAoIBAAEfBP+GJ4UFlGhX
UNK0P4k13nP/mBKx8gXmj6FCH32vuzD9IocQtVi+7W8U81MgcoquIeJ3L/wyAfB9
YiBkFpxzNuX9Rcn37DcVmNu/TFqLdM/zZwhrmL+uDcjCIQYA2n0gasGMwlMVwoQC
xNHYzqWVoASydBsyAwVixYv9cSE5FR0PQxTf6Fnipb66L9CFZzkHkP/Qd2VRFDud
4UnObY3DRkfL/3zsmX/zvHuwn4MLGxt7lHLs6wzsj0HckJs//VaOGdcJBlaG+bG8
YROocPAaQ6YwPXWf87mpSArM/mYGibM1bbmsBqp/asb3QJ0eYNGBCbUk27+hPuwQ
JmdWanUCgYEA9DosOApxcl+Nk2T/HekPoiz7rSkWWlIz8FCwiFlgd6BzVysbFixh
orJs9hYaS+Y5+HB/B381bJAbFNsetFIUZrTCvJaBYtPh8FIhiMkxy3NDUDyZAVvd
oKkKiT5g9BYlnm6lURWtj4ARZ5hd6zuzxVTbddaulAbN1Zr7QLkCqPMCgYEA7CMc
jDMwO4Ymjnj6Gp15slX+chlJMO938PTe5tkd4Gg783HPXa93rnYEbrzriBzQJBig
Se9IrRgTk3Aouq7tlHfoFulhOKmC2rfU+Obpc0KESu0voD5WZ6DwPGWN8H8zxQG0
RkHwqws33i0VXG38/Yp5j1ahk7mo2WPjx5RIGY0CgYEAtHCWYwE0ODBoxVGFO3AJ
4OQjPhhxL2I0hYTYKKUAJOIi1XA/nu5DZJU288n4u8LpaaiT8dIGgqMlnw8VbFyI
PimnBvabuYyaDZhgtlMPuyT5wrpCwUJCSIUcB7JSp4QFXzyYX4QIq1EPit6D5VxC
wbSkQDfQ3AT65qqOn48RbAkCgYEA4AbvrpNhzxcWvVRI87czHd436EfVCHgocpHe
Z2TU03IQboYrFdbC1OFikyzox9mOHrC+YWaCrLWK3PYrrfEHtTONHS+M7RTk8Fw3
0WxBTvhsSil8Zaq+jtJBGQu//cqwcteLEJy+l4etGTvsaCRxQJl/el3WLTCW4KfE
EjS7soECgYEAnjUq5KCtF01SlU/ygsGuk06rzfXyVleFKfBlPaNRn8ruvPA65CuF
8ROiwWyeYE4Ou94/II5pzbPfM30oYKdN6phOfFKdWQq+zy7RkKjOyWP503WQv6I2
cucWg+crYkazRYFmnpP0iPhxDRRLoi5AUI0u/d0qZVtzmWGNVJFgzik=
-----END RSA PRIVATE KEY-----
";

async fn stand_in() -> StandIn {
    let gh = StandIn::start().await;
    gh.add_repo(REPO, INSTALLATION);
    gh
}

/// The status of an octocrab error from GitHub, if it was one.
fn github_status(err: &octocrab::Error) -> Option<u16> {
    match err {
        octocrab::Error::GitHub { source, .. } => Some(source.status_code.as_u16()),
        _ => None,
    }
}

fn github_message(err: &octocrab::Error) -> String {
    match err {
        octocrab::Error::GitHub { source, .. } => source.message.clone(),
        other => format!("not a GitHub error: {other}"),
    }
}

/// A raw request with reqwest; returns status, headers and the JSON body (Null when empty).
async fn raw(
    method: reqwest::Method,
    url: &str,
    auth: Option<&str>,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, Value) {
    let mut request = reqwest::Client::new().request(method, url);
    if let Some(auth) = auth {
        request = request.header("authorization", format!("Bearer {auth}"));
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the stand-in answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("a body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, headers, body)
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("header {name} is present"))
}

/// The URL of `rel` in a Link header.
fn link(headers: &reqwest::header::HeaderMap, rel: &str) -> Option<String> {
    let value = headers.get("link")?.to_str().ok()?;
    value.split(',').find_map(|part| {
        let (url, params) = part.trim().split_once(';')?;
        (params.trim() == format!("rel=\"{rel}\"")).then(|| {
            url.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
    })
}

fn jwt(key_pem: &str, claims: Value) -> String {
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(key_pem.as_bytes()).expect("key parses");
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
        &claims,
        &key,
    )
    .expect("JWT encodes")
}

fn now_secs() -> i64 {
    chrono::Utc::now().timestamp()
}

#[tokio::test]
async fn app_jwt_exchange_and_installation_scope() {
    let gh = stand_in().await;
    gh.add_repo("other/thing", 8);

    let app = gh.app_client();
    let installations = app
        .apps()
        .installations()
        .send()
        .await
        .expect("installations list");
    let ids: Vec<u64> = installations.items.iter().map(|i| i.id.0).collect();
    assert_eq!(ids, vec![INSTALLATION, 8]);
    let installation = app
        .apps()
        .get_repository_installation("acme", "widgets")
        .await
        .expect("repository installation");
    assert_eq!(installation.id, InstallationId(INSTALLATION));
    app.apps().get().await.expect("GET /app parses");

    // The App's JWT is refused on installation endpoints.
    let err = app
        .repos("acme", "widgets")
        .get()
        .await
        .expect_err("a JWT cannot read a repository");
    assert_eq!(github_status(&err), Some(401));

    let crab = gh.installation_client(INSTALLATION);
    let repo = crab
        .repos("acme", "widgets")
        .get()
        .await
        .expect("repository");
    assert_eq!(repo.default_branch.as_deref(), Some("main"));
    assert_eq!(repo.full_name.as_deref(), Some(REPO));
    let calls = gh.calls();
    let exchange = calls
        .iter()
        .find(|c| c.path == "/app/installations/7/access_tokens")
        .expect("token exchange happened");
    assert_eq!((exchange.method.as_str(), exchange.status), ("POST", 201));
    assert_eq!(exchange.auth, Auth::Jwt);
    let read = calls.last().expect("a call");
    assert_eq!(read.path, "/repos/acme/widgets");
    assert_eq!(read.auth, Auth::Installation(INSTALLATION));

    // Another installation's repository is invisible.
    let err = crab
        .repos("other", "thing")
        .get()
        .await
        .expect_err("other installation");
    assert_eq!(github_status(&err), Some(404));

    // An expired installation token: 401, and octocrab re-exchanges once and retries.
    gh.expire_installation_tokens();
    crab.repos("acme", "widgets")
        .get()
        .await
        .expect("octocrab refreshes the token");
    assert_eq!(gh.count("POST", "/app/installations/"), 2);

    // A token on a JWT endpoint: 401.
    let token = gh.installation_token(INSTALLATION);
    let (status, _, body) = raw(
        reqwest::Method::GET,
        &format!("{}/app/installations", gh.url),
        Some(&token),
        None,
        &[],
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["message"], "A JSON web token could not be decoded");
    // Unknown installation: 404.
    let err = app
        .post::<_, Value>("/app/installations/99/access_tokens", None::<&()>)
        .await
        .expect_err("unknown installation");
    assert_eq!(github_status(&err), Some(404));
}

#[tokio::test]
async fn personal_tokens_and_bad_credentials() {
    let gh = stand_in().await;
    gh.add_token("ghp_alice", "alice", TokenKind::Personal);
    let crab = gh.token_client("ghp_alice");
    let me = crab.current().user().await.expect("GET /user");
    assert_eq!(me.login, "alice");
    crab.repos("acme", "widgets")
        .get()
        .await
        .expect("a personal token reads the repository");
    assert_eq!(
        gh.calls().last().map(|c| c.auth.clone()),
        Some(Auth::Token("alice".to_string()))
    );

    let err = gh
        .token_client("ghp_nobody")
        .repos("acme", "widgets")
        .get()
        .await
        .expect_err("unknown token");
    assert_eq!(github_status(&err), Some(401));
    assert_eq!(github_message(&err), "Bad credentials");
    assert_eq!(
        gh.calls().last().map(|c| c.auth.clone()),
        Some(Auth::Invalid)
    );

    let (status, _, _) = raw(
        reqwest::Method::GET,
        &format!("{}/repos/acme/widgets", gh.url),
        None,
        None,
        &[],
    )
    .await;
    assert_eq!(status, 401);

    // Anonymous reads, when allowed, like github.com for public repositories; never writes.
    gh.upsert_thread(REPO, ThreadSpec::issue(1, "one"));
    gh.allow_anonymous_reads(true);
    let (status, _, _) = raw(
        reqwest::Method::GET,
        &format!("{}/repos/acme/widgets/issues/1", gh.url),
        None,
        None,
        &[],
    )
    .await;
    assert_eq!(status, 200);
    let (status, _, _) = raw(
        reqwest::Method::POST,
        &format!("{}/repos/acme/widgets/issues/1/comments", gh.url),
        None,
        Some(json!({"body": "anonymous"})),
        &[],
    )
    .await;
    assert_eq!(status, 401);
    gh.allow_anonymous_reads(false);

    // `token X` is accepted as well as `Bearer X`.
    let response = reqwest::Client::new()
        .get(format!("{}/repos/acme/widgets", gh.url))
        .header("authorization", "token ghp_alice")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status().as_u16(), 200);

    // Unknown routes: 404 with GitHub's shape.
    let (status, _, body) = raw(
        reqwest::Method::GET,
        &format!("{}/repos/acme/widgets/nothing-here", gh.url),
        Some("ghp_alice"),
        None,
        &[],
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["message"], "Not Found");
    assert!(body["documentation_url"].is_string());
    // ... recorded as unexpected, which fails a test unless it probes on purpose.
    assert_eq!(
        gh.unexpected_calls(),
        ["GET /repos/acme/widgets/nothing-here"]
    );
    gh.allow_unexpected_calls();
}

#[tokio::test]
async fn bad_jwts_are_refused() {
    let gh = stand_in().await;
    let url = format!("{}/app/installations", gh.url);
    let key = StandIn::app_private_key_pem();
    let now = now_secs();

    // The wrong key, through octocrab.
    let wrong = Octocrab::builder()
        .base_uri(gh.url.as_str())
        .expect("URI")
        .app(
            AppId(StandIn::app_id()),
            jsonwebtoken::EncodingKey::from_rsa_pem(WRONG_KEY.as_bytes()).expect("key"),
        )
        .build()
        .expect("octocrab");
    let err = wrong
        .apps()
        .installations()
        .send()
        .await
        .expect_err("wrong key");
    assert_eq!(github_status(&err), Some(401));

    let cases = [
        (
            "expired",
            jwt(
                &key,
                json!({"iss": 4242, "iat": now - 1200, "exp": now - 600}),
            ),
        ),
        (
            "lives too long",
            jwt(
                &key,
                json!({"iss": 4242, "iat": now - 60, "exp": now + 3600}),
            ),
        ),
        (
            "issued in the future",
            jwt(
                &key,
                json!({"iss": 4242, "iat": now + 300, "exp": now + 600}),
            ),
        ),
        (
            "another app",
            jwt(&key, json!({"iss": 1, "iat": now - 60, "exp": now + 540})),
        ),
        ("garbage", "eyJhbGciOi.nope.nope".to_string()),
    ];
    for (what, token) in cases {
        let (status, _, body) = raw(reqwest::Method::GET, &url, Some(&token), None, &[]).await;
        assert_eq!(status, 401, "{what}: {body}");
    }
    assert!(gh.calls().iter().all(|c| c.auth == Auth::Invalid));

    // `iss` as a string is fine, as GitHub allows.
    let token = jwt(
        &key,
        json!({"iss": "4242", "iat": now - 60, "exp": now + 540}),
    );
    let (status, _, _) = raw(reqwest::Method::GET, &url, Some(&token), None, &[]).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn pagination_follows_link_headers() {
    let gh = stand_in().await;
    for n in 1..=250 {
        let spec = if n % 10 == 0 {
            ThreadSpec::pull(n, &format!("pull {n}"))
        } else {
            ThreadSpec::issue(n, &format!("issue {n}"))
        };
        gh.upsert_thread(REPO, spec);
    }
    let crab = gh.installation_client(INSTALLATION);
    let mut page: Page<octocrab::models::issues::Issue> = crab
        .issues("acme", "widgets")
        .list()
        .state(params::State::All)
        .per_page(100)
        .send()
        .await
        .expect("first page");
    assert_eq!(page.number_of_pages(), Some(3));
    let absolute_next = page.next.clone().expect("a next link");
    assert_eq!(
        absolute_next.authority().map(|a| a.to_string()),
        gh.url.strip_prefix("http://").map(str::to_string),
        "Link URLs are absolute on the stand-in"
    );

    // octocrab sends no Authorization header to an absolute non-GitHub URL...
    let err = crab
        .get_page::<octocrab::models::issues::Issue>(&page.next)
        .await
        .expect_err("absolute Link URL goes unauthenticated");
    assert_eq!(github_status(&err), Some(401));
    assert_eq!(gh.calls().last().map(|c| c.auth.clone()), Some(Auth::None));

    // ...so follow Links by their path and query.
    let mut numbers: Vec<u64> = Vec::new();
    loop {
        numbers.extend(page.items.iter().map(|i| i.number));
        let Some(next) = page.next.clone() else { break };
        let path_and_query = next
            .path_and_query()
            .expect("Link URL has a path")
            .to_string();
        page = crab
            .get(path_and_query, None::<&()>)
            .await
            .expect("next page");
    }
    assert_eq!(numbers, (1..=250).rev().collect::<Vec<_>>());
    let pulls = crab
        .issues("acme", "widgets")
        .get(20)
        .await
        .expect("issue 20");
    assert!(pulls.pull_request.is_some());

    // The raw header: next/last/first/prev, other parameters kept.
    let token = gh.installation_token(INSTALLATION);
    let (status, headers, body) = raw(
        reqwest::Method::GET,
        &format!(
            "{}/repos/acme/widgets/issues?state=all&per_page=100&page=2",
            gh.url
        ),
        Some(&token),
        None,
        &[],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body.as_array().map(Vec::len), Some(100));
    let base = format!(
        "{}/repos/acme/widgets/issues?state=all&per_page=100",
        gh.url
    );
    assert_eq!(link(&headers, "next"), Some(format!("{base}&page=3")));
    assert_eq!(link(&headers, "last"), Some(format!("{base}&page=3")));
    assert_eq!(link(&headers, "first"), Some(format!("{base}&page=1")));
    assert_eq!(link(&headers, "prev"), Some(format!("{base}&page=1")));
    for name in [
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "x-ratelimit-used",
        "x-github-request-id",
        "etag",
    ] {
        header(&headers, name);
    }
    let (_, headers, body) = raw(
        reqwest::Method::GET,
        &format!(
            "{}/repos/acme/widgets/issues?state=all&per_page=100&page=3",
            gh.url
        ),
        Some(&token),
        None,
        &[],
    )
    .await;
    assert_eq!(body.as_array().map(Vec::len), Some(50));
    assert_eq!(link(&headers, "next"), None);

    // Default: open only, 30 a page, newest first; sort and direction work.
    let (_, _, body) = raw(
        reqwest::Method::GET,
        &format!(
            "{}/repos/acme/widgets/issues?sort=created&direction=asc",
            gh.url
        ),
        Some(&token),
        None,
        &[],
    )
    .await;
    let got: Vec<u64> = body
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|i| i["number"].as_u64())
        .collect();
    assert_eq!(got, (1..=30).collect::<Vec<_>>());
}

#[tokio::test]
async fn since_filtering_and_the_logical_clock() {
    let gh = stand_in().await;
    for n in 1..=5 {
        gh.upsert_thread(REPO, ThreadSpec::issue(n, &format!("issue {n}")));
    }
    let first = gh.add_comment(REPO, 1, "alice", "first");
    let start = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z")
        .expect("date")
        .to_utc();
    assert_eq!(gh.now(), start + chrono::Duration::seconds(6));
    let mark = gh.now();

    gh.upsert_thread(REPO, ThreadSpec::issue(2, "issue 2, edited").closed());
    let second = gh.add_comment(REPO, 4, "bob", "second");
    gh.edit_comment(REPO, first, "first, edited");

    let crab = gh.installation_client(INSTALLATION);
    let since = mark + chrono::Duration::seconds(1);
    let page = crab
        .issues("acme", "widgets")
        .list()
        .state(params::State::All)
        .since(since)
        .send()
        .await
        .expect("issues since");
    let mut numbers: Vec<u64> = page.items.iter().map(|i| i.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, vec![2, 4]);
    let two = page
        .items
        .iter()
        .find(|i| i.number == 2)
        .expect("issue 2 listed");
    assert!(two.closed_at.is_some());
    assert_eq!(two.title, "issue 2, edited");
    let four = page
        .items
        .iter()
        .find(|i| i.number == 4)
        .expect("issue 4 listed");
    assert_eq!(four.comments, 1);

    // `since` is inclusive: the mark itself still matches the thread updated at it.
    let page = crab
        .issues("acme", "widgets")
        .list()
        .state(params::State::All)
        .since(mark)
        .send()
        .await
        .expect("issues since the mark");
    assert_eq!(page.items.len(), 3);

    let comments = crab
        .issues("acme", "widgets")
        .list_issue_comments()
        .since(since)
        .per_page(100)
        .send()
        .await
        .expect("repository comments since");
    let ids: Vec<u64> = comments.items.iter().map(|c| c.id.0).collect();
    assert_eq!(ids, vec![first, second], "created order, ascending");
    let edited = &comments.items[0];
    assert_eq!(edited.body.as_deref(), Some("first, edited"));
    assert!(edited.updated_at.expect("updated_at") > edited.created_at);
    assert_eq!(
        edited.issue_url.as_ref().map(|u| u.to_string()),
        Some(format!("{}/repos/acme/widgets/issues/1", gh.url))
    );

    // Every timestamp is distinct.
    let page = crab
        .issues("acme", "widgets")
        .list()
        .state(params::State::All)
        .send()
        .await
        .expect("all issues");
    let mut stamps: Vec<_> = page.items.iter().map(|i| i.updated_at).collect();
    stamps.sort();
    stamps.dedup();
    assert_eq!(stamps.len(), 5);

    // Thread comments, with since; a bad since is a 422.
    let thread = crab
        .issues("acme", "widgets")
        .list_comments(1)
        .since(since)
        .send()
        .await
        .expect("thread comments");
    assert_eq!(thread.items.len(), 1);
    let token = gh.installation_token(INSTALLATION);
    let (status, headers, _) = raw(
        reqwest::Method::GET,
        &format!("{}/repos/acme/widgets/issues?since=yesterday", gh.url),
        Some(&token),
        None,
        &[],
    )
    .await;
    assert_eq!(status, 422);
    // The Date header tells the logical time.
    let date = header(&headers, "date");
    assert!(date.ends_with("2024 00:00:09 GMT"), "{date}");
}

#[tokio::test]
async fn etag_and_if_none_match() {
    let gh = stand_in().await;
    gh.upsert_thread(REPO, ThreadSpec::issue(1, "one").body("hello"));
    let token = gh.installation_token(INSTALLATION);
    let url = format!("{}/repos/acme/widgets/issues/1", gh.url);
    let (status, headers, body) = raw(reqwest::Method::GET, &url, Some(&token), None, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(body["body"], "hello");
    let etag = header(&headers, "etag").to_string();
    assert!(etag.starts_with("W/\""), "{etag}");

    let (status, headers, body) = raw(
        reqwest::Method::GET,
        &url,
        Some(&token),
        None,
        &[("if-none-match", &etag)],
    )
    .await;
    assert_eq!(status, 304);
    assert_eq!(body, Value::Null);
    assert_eq!(header(&headers, "etag"), etag);
    let call = gh.calls().last().cloned().expect("recorded");
    assert_eq!(call.status, 304);
    assert_eq!(call.if_none_match.as_deref(), Some(etag.as_str()));

    gh.add_comment(REPO, 1, "alice", "changes the thread");
    let (status, headers, _) = raw(
        reqwest::Method::GET,
        &url,
        Some(&token),
        None,
        &[("if-none-match", &etag)],
    )
    .await;
    assert_eq!(status, 200);
    assert_ne!(header(&headers, "etag"), etag);

    // Deleted threads answer 410, unknown ones 404.
    gh.delete_thread(REPO, 1);
    let (status, _, body) = raw(reqwest::Method::GET, &url, Some(&token), None, &[]).await;
    assert_eq!(status, 410);
    assert_eq!(body["message"], "This issue was deleted");
    let (status, _, _) = raw(
        reqwest::Method::GET,
        &format!("{}/repos/acme/widgets/issues/2", gh.url),
        Some(&token),
        None,
        &[],
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn comments_reactions_and_the_length_limit() {
    let gh = stand_in().await;
    gh.upsert_thread(REPO, ThreadSpec::issue(1, "one"));
    let before = gh.thread(REPO, 1).expect("thread").updated_at;
    let crab = gh.installation_client(INSTALLATION);
    let issues = crab.issues("acme", "widgets");

    let comment = issues
        .create_comment(1, "on it")
        .await
        .expect("comment posted");
    assert_eq!(comment.user.login, BOT_LOGIN);
    assert_eq!(comment.user.r#type, "Bot");
    let thread = gh.thread(REPO, 1).expect("thread");
    assert_eq!(thread.comments, 1);
    assert!(thread.updated_at > before);
    let seen = gh.comments_on(REPO, 1);
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].user.as_str(), seen[0].body.as_str()),
        (BOT_LOGIN, "on it")
    );

    // 65,536 characters pass even when they are more bytes; one more is a 422.
    let limit: String = "é".repeat(65_536);
    issues
        .create_comment(1, &limit)
        .await
        .expect("exactly the limit");
    let err = issues
        .create_comment(1, format!("{limit}x"))
        .await
        .expect_err("over the limit");
    assert_eq!(github_status(&err), Some(422));
    assert_eq!(github_message(&err), "Validation Failed");
    let err = issues
        .update_comment(comment.id, format!("{limit}x"))
        .await
        .expect_err("an edit over the limit");
    assert_eq!(github_status(&err), Some(422));
    assert_eq!(gh.comments_on(REPO, 1).len(), 2);

    let edited = issues
        .update_comment(comment.id, "done")
        .await
        .expect("edit");
    assert_eq!(edited.body.as_deref(), Some("done"));

    // Reactions: 201, then 200 for the same one; bad content 422.
    let token = gh.installation_token(INSTALLATION);
    let url = format!(
        "{}/repos/acme/widgets/issues/comments/{}/reactions",
        gh.url, comment.id
    );
    let (status, _, body) = raw(
        reqwest::Method::POST,
        &url,
        Some(&token),
        Some(json!({"content": "eyes"})),
        &[],
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(body["user"]["login"], BOT_LOGIN);
    let (status, _, _) = raw(
        reqwest::Method::POST,
        &url,
        Some(&token),
        Some(json!({"content": "eyes"})),
        &[],
    )
    .await;
    assert_eq!(status, 200);
    let (status, _, _) = raw(
        reqwest::Method::POST,
        &url,
        Some(&token),
        Some(json!({"content": "thumbsup"})),
        &[],
    )
    .await;
    assert_eq!(status, 422);
    issues
        .create_comment_reaction(comment.id, ReactionContent::Rocket)
        .await
        .expect("rocket through octocrab");
    assert_eq!(
        gh.reactions_on_comment(REPO, comment.id.0),
        vec![
            (BOT_LOGIN.to_string(), "eyes".to_string()),
            (BOT_LOGIN.to_string(), "rocket".to_string())
        ]
    );
    let fetched = issues.get_comment(comment.id).await.expect("comment");
    assert_eq!(fetched.body.as_deref(), Some("done"));
    let (_, _, body) = raw(
        reqwest::Method::GET,
        &format!(
            "{}/repos/acme/widgets/issues/comments/{}",
            gh.url, comment.id
        ),
        Some(&token),
        None,
        &[],
    )
    .await;
    assert_eq!(body["reactions"]["total_count"], 2);
    assert_eq!(body["reactions"]["eyes"], 1);

    issues
        .delete_comment(comment.id)
        .await
        .expect("delete answers 204");
    let err = issues
        .get_comment(CommentId(comment.id.0))
        .await
        .expect_err("deleted");
    assert_eq!(github_status(&err), Some(404));
    assert_eq!(gh.thread(REPO, 1).expect("thread").comments, 1);
}

#[tokio::test]
async fn collaborator_permissions_map_like_github() {
    let gh = stand_in().await;
    for (login, role) in [
        ("ada", "admin"),
        ("max", "maintain"),
        ("wes", "write"),
        ("tia", "triage"),
        ("rob", "read"),
        ("nil", "none"),
    ] {
        gh.set_permission(REPO, login, role);
    }
    let crab = gh.installation_client(INSTALLATION);
    for (login, permission, role) in [
        ("ada", "admin", "admin"),
        ("max", "write", "maintain"),
        ("wes", "write", "write"),
        ("tia", "read", "triage"),
        ("rob", "read", "read"),
        ("nil", "none", "none"),
        ("stranger", "none", "none"),
        ("acme", "admin", "admin"),
    ] {
        let answer: Value = crab
            .get(
                format!("/repos/acme/widgets/collaborators/{login}/permission"),
                None::<&()>,
            )
            .await
            .expect("permission");
        assert_eq!(answer["permission"], permission, "{login}");
        assert_eq!(answer["role_name"], role, "{login}");
        assert_eq!(answer["user"]["login"], login);
    }
}

#[tokio::test]
async fn contents_round_trip_through_base64() {
    let gh = stand_in().await;
    let config = "command = \"/coordinate\"\ntrigger_label = \"coordinate\"\n# ünïcödé and a line long enough to wrap the base64 output several times over\n";
    gh.set_file(REPO, ".github/coordinator.toml", config);
    let crab = gh.installation_client(INSTALLATION);
    let mut items = crab
        .repos("acme", "widgets")
        .get_content()
        .path(".github/coordinator.toml")
        .r#ref("main")
        .send()
        .await
        .expect("contents");
    let items = items.take_items();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].decoded_content().as_deref(), Some(config));
    assert_eq!(items[0].name, "coordinator.toml");
    let raw_content = items[0].content.as_deref().expect("content");
    assert!(raw_content.lines().all(|l| l.len() <= 60));
    assert!(raw_content.lines().count() > 2);

    let err = crab
        .repos("acme", "widgets")
        .get_content()
        .path(".github/missing.toml")
        .send()
        .await
        .expect_err("absent file");
    assert_eq!(github_status(&err), Some(404));
    let err = crab
        .repos("acme", "widgets")
        .get_content()
        .path(".github/coordinator.toml")
        .r#ref("no-such-branch")
        .send()
        .await
        .expect_err("other ref");
    assert_eq!(github_status(&err), Some(404));
}

#[tokio::test]
async fn gists_need_a_user_token() {
    let gh = stand_in().await;
    gh.add_token("ghp_gist", "gister", TokenKind::GistCapable);
    gh.add_token("ghp_plain", "plain", TokenKind::Personal);

    let err = gh
        .installation_client(INSTALLATION)
        .gists()
        .create()
        .file("prompt.md", "# prompt")
        .send()
        .await
        .expect_err("installation tokens cannot create gists");
    assert_eq!(github_status(&err), Some(403));
    assert_eq!(
        github_message(&err),
        "Resource not accessible by integration"
    );
    let err = gh
        .token_client("ghp_plain")
        .gists()
        .create()
        .file("prompt.md", "# prompt")
        .send()
        .await
        .expect_err("no gist scope");
    assert_eq!(github_status(&err), Some(404));
    assert!(gh.gists().is_empty());

    let crab = gh.token_client("ghp_gist");
    let gist = crab
        .gists()
        .create()
        .description("prompt for acme/widgets#1")
        .public(false)
        .file("prompt.md", "# prompt\nbody")
        .send()
        .await
        .expect("gist created");
    let file = gist.files.get("prompt.md").expect("file listed");
    let raw_url = file.raw_url.to_string();
    assert!(raw_url.starts_with(&gh.url), "{raw_url}");
    let text = reqwest::get(&raw_url)
        .await
        .expect("raw")
        .text()
        .await
        .expect("text");
    assert_eq!(text, "# prompt\nbody");

    crab.gists()
        .update(&gist.id)
        .file("prompt.md")
        .with_content("# prompt v2")
        .send()
        .await
        .expect("gist updated");
    let fetched = crab.gists().get(&gist.id).await.expect("gist");
    assert_eq!(
        fetched
            .files
            .get("prompt.md")
            .and_then(|f| f.content.as_deref()),
        Some("# prompt v2")
    );
    let gists = gh.gists();
    assert_eq!(gists.len(), 1);
    assert_eq!(gists[0].owner, "gister");
    assert!(!gists[0].public);
    assert_eq!(
        gists[0].files,
        vec![("prompt.md".to_string(), "# prompt v2".to_string())]
    );
}

#[tokio::test]
async fn faults_rate_limits_and_latency() {
    let gh = stand_in().await;
    gh.upsert_thread(REPO, ThreadSpec::issue(1, "one"));
    let crab = gh.installation_client(INSTALLATION);
    // Exchange the token first, so the faults below hit the request under test.
    crab.issues("acme", "widgets")
        .get(1)
        .await
        .expect("warm up");
    let before = gh.thread(REPO, 1);

    gh.fail_next(1, 502, "/repos/acme/widgets/issues");
    let err = crab
        .issues("acme", "widgets")
        .get(1)
        .await
        .expect_err("502");
    assert_eq!(github_status(&err), Some(502));
    crab.issues("acme", "widgets")
        .get(1)
        .await
        .expect("the fault is used up");
    gh.fail_next(1, 500, "/repos/acme/widgets/issues");
    let err = crab
        .issues("acme", "widgets")
        .create_comment(1, "lost")
        .await
        .expect_err("500");
    assert_eq!(github_status(&err), Some(500));
    assert_eq!(
        gh.thread(REPO, 1),
        before,
        "a faulted write changes nothing"
    );
    let statuses: Vec<u16> = gh.calls().iter().map(|c| c.status).collect();
    assert_eq!(statuses[statuses.len() - 3..], [502, 200, 500]);

    let token = gh.installation_token(INSTALLATION);
    let url = format!("{}/repos/acme/widgets/issues/1", gh.url);
    gh.secondary_rate_limit_next(1, 30, "");
    let (status, headers, body) = raw(reqwest::Method::GET, &url, Some(&token), None, &[]).await;
    assert_eq!(status, 403);
    assert_eq!(header(&headers, "retry-after"), "30");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("secondary rate limit")),
        "{body}"
    );

    gh.primary_rate_limit_next(1, 120, "/repos/");
    let (status, headers, _) = raw(reqwest::Method::GET, &url, Some(&token), None, &[]).await;
    assert_eq!(status, 403);
    assert_eq!(header(&headers, "x-ratelimit-remaining"), "0");
    let reset: i64 = header(&headers, "x-ratelimit-reset")
        .parse()
        .expect("epoch seconds");
    assert!((reset - now_secs() - 120).abs() <= 2, "{reset}");

    // A prefix that does not match leaves requests alone.
    gh.fail_next(1, 503, "/gists");
    let (status, _, _) = raw(reqwest::Method::GET, &url, Some(&token), None, &[]).await;
    assert_eq!(status, 200);

    gh.set_rate_limit_remaining(42);
    gh.set_latency(Duration::from_millis(200));
    let started = Instant::now();
    let (status, headers, _) = raw(reqwest::Method::GET, &url, Some(&token), None, &[]).await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(header(&headers, "x-ratelimit-remaining"), "42");
    assert_eq!(header(&headers, "x-ratelimit-used"), "4958");
    gh.set_latency(Duration::ZERO);

    gh.reset_calls();
    assert_eq!(gh.call_count(), 0);
}

#[tokio::test]
async fn timeline_pulls_and_labels() {
    let gh = stand_in().await;
    gh.upsert_thread(
        REPO,
        ThreadSpec::issue(1, "crash on start")
            .labels(&["bug"])
            .body("it crashes"),
    );
    gh.upsert_thread(
        REPO,
        ThreadSpec::pull(2, "Fix the crash")
            .body("Fixes #1")
            .user("carol")
            .merged(),
    );
    gh.add_timeline_cross_reference(REPO, 1, 2);
    gh.set_labels(REPO, 1, &["bug", "coordinate"]);

    let crab = gh.installation_client(INSTALLATION);
    let events = crab
        .issues("acme", "widgets")
        .list_timeline_events(1)
        .send()
        .await
        .expect("timeline parses");
    assert_eq!(events.items.len(), 3);
    let source = events.items[1].source.as_ref().expect("cross reference");
    assert_eq!(source.issue.number, 2);
    assert!(source.issue.pull_request.is_some());

    let token = gh.installation_token(INSTALLATION);
    let (_, _, body) = raw(
        reqwest::Method::GET,
        &format!("{}/repos/acme/widgets/issues/1/timeline", gh.url),
        Some(&token),
        None,
        &[],
    )
    .await;
    let kinds: Vec<&str> = body
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["event"].as_str())
        .collect();
    assert_eq!(kinds, ["labeled", "cross-referenced", "labeled"]);
    assert_eq!(body[1]["source"]["issue"]["repository"]["full_name"], REPO);
    assert_eq!(body[2]["label"]["name"], "coordinate");

    let pull = crab.pulls("acme", "widgets").get(2).await.expect("pull");
    assert_eq!(pull.merged, Some(true));
    assert!(pull.merged_at.is_some());
    assert_eq!(pull.base.ref_field, "main");
    assert_eq!(pull.head.ref_field, "fix/2");
    assert_eq!(pull.body.as_deref(), Some("Fixes #1"));
    let err = crab
        .pulls("acme", "widgets")
        .get(1)
        .await
        .expect_err("an issue is not a pull");
    assert_eq!(github_status(&err), Some(404));

    let labelled = crab
        .issues("acme", "widgets")
        .list()
        .labels(&["coordinate".to_string()])
        .send()
        .await
        .expect("labels filter");
    assert_eq!(
        labelled.items.iter().map(|i| i.number).collect::<Vec<_>>(),
        vec![1]
    );
}

#[tokio::test]
async fn hook_deliveries_and_redelivery() {
    let gh = stand_in().await;
    for id in 1..=5u64 {
        let mut d = HookDeliverySpec::new(
            id,
            &format!("guid-{id}"),
            "issue_comment",
            if id == 3 { 500 } else { 202 },
        );
        d.action = Some("created".to_string());
        d.installation_id = Some(INSTALLATION);
        gh.add_hook_delivery(d);
    }
    let app = gh.app_client();
    let listed = app
        .apps()
        .webhook()
        .deliveries()
        .per_page(2u8)
        .send()
        .await
        .expect("deliveries parse");
    assert_eq!(
        listed.iter().map(|d| d.id.0).collect::<Vec<_>>(),
        vec![5, 4]
    );

    // Cursor pagination with the Link header.
    let now = now_secs();
    let token = jwt(
        &StandIn::app_private_key_pem(),
        json!({"iss": 4242, "iat": now - 60, "exp": now + 540}),
    );
    let mut url = Some(format!("{}/app/hook/deliveries?per_page=2", gh.url));
    let mut seen = Vec::new();
    while let Some(next) = url {
        let (status, headers, body) =
            raw(reqwest::Method::GET, &next, Some(&token), None, &[]).await;
        assert_eq!(status, 200);
        for d in body.as_array().expect("array") {
            seen.push((
                d["id"].as_u64().expect("id"),
                d["status"].as_str().expect("status").to_string(),
            ));
        }
        url = link(&headers, "next");
    }
    assert_eq!(
        seen.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        vec![5, 4, 3, 2, 1]
    );
    assert_eq!(seen[2].1, "Invalid HTTP Response: 500");
    assert_eq!(seen[0].1, "OK");

    app.apps()
        .webhook()
        .redeliver(octocrab::models::HookDeliveryId(3))
        .await
        .expect("redelivery accepted");
    assert_eq!(gh.redelivery_requests(), vec![3]);
    assert_eq!(gh.calls().last().map(|c| c.status), Some(202));
}
