//! A stand-in Slack Web API for tests: `chat.postMessage` on loopback, with the messages it
//! received, token and channel checks, and fault switches (429 with `Retry-After`, outages).

#![allow(dead_code)]

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

/// A message Slack accepted.
#[derive(Debug, Clone)]
pub struct Message {
    pub channel: String,
    pub text: String,
    pub blocks: Value,
}

#[derive(Default)]
struct Inner {
    token: String,
    channels: HashSet<String>,
    messages: Vec<Message>,
    calls: usize,
    rate_limited: usize,
    retry_after_secs: u64,
    failing: usize,
    /// The next calls are refused with this API error (`invalid_blocks`, ...).
    refusing: Option<(usize, String)>,
    down: bool,
    /// Accepted messages are answered with this body instead of the full answer (an answer
    /// that lacks fields a client might expect).
    answer: Option<serde_json::Value>,
}

/// The stand-in; its task ends when dropped.
pub struct SlackStandIn {
    /// The API base, e.g. `http://127.0.0.1:PORT/api`.
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SlackStandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Shared = Arc<Mutex<Inner>>;

async fn post_message(State(state): State<Shared>, headers: HeaderMap, body: String) -> Response {
    let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
    st.calls += 1;
    if st.down {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "<html>Slack is down</html>",
        )
            .into_response();
    }
    if st.failing > 0 {
        st.failing -= 1;
        return (StatusCode::INTERNAL_SERVER_ERROR, "<html>oops</html>").into_response();
    }
    if let Some((n, code)) = st.refusing.take() {
        if n > 1 {
            st.refusing = Some((n - 1, code.clone()));
        }
        return axum::Json(json!({ "ok": false, "error": code })).into_response();
    }
    if st.rate_limited > 0 {
        st.rate_limited -= 1;
        let mut response = (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(json!({ "ok": false, "error": "ratelimited" })),
        )
            .into_response();
        if let Ok(value) = st.retry_after_secs.to_string().parse() {
            response.headers_mut().insert("retry-after", value);
        }
        return response;
    }
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if auth != format!("Bearer {}", st.token) {
        return axum::Json(json!({ "ok": false, "error": "invalid_auth" })).into_response();
    }
    let Ok(request) = serde_json::from_str::<Value>(&body) else {
        return axum::Json(json!({ "ok": false, "error": "invalid_json" })).into_response();
    };
    let channel = request["channel"].as_str().unwrap_or_default().to_string();
    if !st.channels.contains(&channel) {
        return axum::Json(json!({ "ok": false, "error": "channel_not_found" })).into_response();
    }
    let text = request["text"].as_str().unwrap_or_default().to_string();
    let ts = format!("1700000000.{:06}", st.messages.len() + 1);
    st.messages.push(Message {
        channel: channel.clone(),
        text: text.clone(),
        blocks: request["blocks"].clone(),
    });
    if let Some(answer) = st.answer.clone() {
        return axum::Json(answer).into_response();
    }
    axum::Json(json!({
        "ok": true,
        "channel": channel,
        "ts": ts,
        "message": { "ts": ts, "text": text, "type": "message" },
    }))
    .into_response()
}

impl SlackStandIn {
    /// Serves `chat.postMessage` for `token`, posting to `channels`.
    pub async fn start(token: &str, channels: &[&str]) -> SlackStandIn {
        let inner = Arc::new(Mutex::new(Inner {
            token: token.to_string(),
            channels: channels.iter().map(|c| c.to_string()).collect(),
            retry_after_secs: 1,
            ..Inner::default()
        }));
        let app = Router::new()
            .route("/api/chat.postMessage", post(post_message))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the Slack stand-in");
        let addr = listener.local_addr().expect("address");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        SlackStandIn {
            url: format!("http://{addr}/api"),
            inner,
            task,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn messages(&self) -> Vec<Message> {
        self.lock().messages.clone()
    }

    pub fn calls(&self) -> usize {
        self.lock().calls
    }

    /// The next `n` calls get 429 with `Retry-After: secs`.
    pub fn rate_limit_next(&self, n: usize, secs: u64) {
        let mut st = self.lock();
        st.rate_limited = n;
        st.retry_after_secs = secs;
    }

    /// The next `n` calls get a 500.
    pub fn fail_next(&self, n: usize) {
        self.lock().failing = n;
    }

    /// The next `n` calls are refused with the API error `code`.
    pub fn refuse_next(&self, n: usize, code: &str) {
        self.lock().refusing = (n > 0).then(|| (n, code.to_string()));
    }

    /// Accepted messages get `answer` as the whole answer (e.g. `{"ok": true}` alone).
    pub fn answer_accepted_with(&self, answer: serde_json::Value) {
        self.lock().answer = Some(answer);
    }

    /// While down, every call gets a 503.
    pub fn set_down(&self, down: bool) {
        self.lock().down = down;
    }
}
