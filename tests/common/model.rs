//! A stand-in model server that speaks both of the analyst's APIs (OpenAI-compatible chat
//! completions and Anthropic's Messages), scripted per request and recording what it was sent;
//! and #990 of the corpus assembled as the bot assembles it, to consult the analyst about.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use coordinator::analysis::RepoIndex;
use coordinator::analyst::check::Evidence;
use coordinator::analyst::{Analyst, AnalystError, AnalystSettings, Consultation, Provider};
use coordinator::config::repo::RepoConfig;
use coordinator::prompt::{Assembled, CodeContext, Gathered, PromptRequest, assemble};
use coordinator::store::Store;
use secrecy::SecretString;
use serde_json::{Value, json};

use super::corpus::{code_of_990, corpus, repo};

pub const KEY: &str = "sk-test-0123456789-very-secret";
pub const NOW: i64 = 1_793_491_200_000;

/// What the stand-in does with the next request.
#[derive(Clone)]
pub enum Step {
    /// Answers with this text as the model's output (usage: 1,200 in, 300 out).
    Answer(String),
    /// An HTTP error with this body, and a `Retry-After` when given.
    Status(u16, String, Option<u64>),
    /// Answers after a while.
    Slow(Duration, String),
}

/// A request the stand-in received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The context the analyst was given (the user message).
    pub fn user_text(&self) -> String {
        let messages = self.body["messages"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        messages
            .iter()
            .filter(|m| m["role"] == "user")
            .filter_map(|m| m["content"].as_str())
            .collect()
    }
}

#[derive(Default)]
pub struct ModelState {
    script: VecDeque<Step>,
    /// When the script is used up.
    otherwise: Option<Step>,
    seen: Vec<Seen>,
}

#[derive(Clone)]
pub struct ModelStandIn {
    pub url: String,
    state: Arc<Mutex<ModelState>>,
}

impl ModelStandIn {
    pub async fn start() -> ModelStandIn {
        let state = Arc::new(Mutex::new(ModelState::default()));
        let app = axum::Router::new()
            .fallback(serve_model)
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        ModelStandIn {
            url: format!("http://{addr}"),
            state,
        }
    }

    pub fn then(&self, step: Step) -> &Self {
        self.state.lock().expect("state").script.push_back(step);
        self
    }

    pub fn always(&self, step: Step) {
        self.state.lock().expect("state").otherwise = Some(step);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().expect("state").seen.clone()
    }
}

async fn serve_model(
    State(state): State<Arc<Mutex<ModelState>>>,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let step = {
        let mut st = state.lock().expect("state");
        st.seen.push(Seen {
            path: uri.path().to_string(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
                .collect(),
            body: serde_json::from_str(&body).unwrap_or(Value::Null),
        });
        st.script
            .pop_front()
            .or_else(|| st.otherwise.clone())
            .unwrap_or(Step::Status(500, "{}".into(), None))
    };
    let anthropic = uri.path().ends_with("/v1/messages");
    let answer = |text: String| {
        let body = if anthropic {
            json!({"id": "msg_1", "type": "message", "role": "assistant",
                "content": [{"type": "text", "text": text}],
                "usage": {"input_tokens": 1200, "output_tokens": 300}})
        } else {
            json!({"id": "chatcmpl-1", "object": "chat.completion",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500}})
        };
        axum::Json(body).into_response()
    };
    match step {
        Step::Answer(text) => answer(text),
        Step::Slow(wait, text) => {
            tokio::time::sleep(wait).await;
            answer(text)
        }
        Step::Status(code, body, retry_after) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = (status, body).into_response();
            if let Some(secs) = retry_after {
                response.headers_mut().insert(
                    "retry-after",
                    secs.to_string().parse().expect("header value"),
                );
            }
            response
        }
    }
}

pub fn settings(provider: Provider, url: &str) -> AnalystSettings {
    AnalystSettings {
        provider,
        api_url: match provider {
            Provider::OpenAi => format!("{url}/v1"),
            Provider::Anthropic => url.to_string(),
        },
        api_key: Some(SecretString::from(KEY)),
        model: "stand-in-model".into(),
        max_output_tokens: 800,
        daily_token_budget: 100_000,
        timeout: Duration::from_secs(5),
    }
}

/// #990 of the corpus assembled with the code of its traceback, as the bot assembles it.
pub struct Case {
    pub index: RepoIndex,
    pub gathered: Gathered,
    pub code: coordinator::code::CodeIndex,
    pub assembled: Assembled,
}

pub fn case_990() -> Case {
    let index = RepoIndex::build(repo(), corpus().docs.iter().cloned());
    let gathered =
        Gathered::from_docs(&index, 990, corpus().docs.iter().cloned()).expect("gathers");
    let code = code_of_990();
    let project = index.project_with(&code);
    let pointers = coordinator::analysis::locate::locate(
        &gathered.issue,
        &code,
        &project,
        "https://github.com",
    );
    let config = RepoConfig::default();
    let repo = repo();
    let assembled = assemble(
        &index,
        &PromptRequest {
            repo: &repo,
            number: 990,
            config: &config,
            cross_references: &[],
            default_branch: "main",
            now: NOW,
            code: CodeContext::Read {
                sha: &code.sha,
                pointers: &pointers,
            },
        },
        &gathered,
    )
    .expect("assembles");
    Case {
        index,
        gathered,
        code,
        assembled,
    }
}

/// Consults the analyst about the case, as the bot does.
pub async fn consult(
    analyst: &Analyst,
    store: &dyn Store,
    case: &Case,
) -> Result<coordinator::analyst::Consulted, AnalystError> {
    let texts = case.gathered.texts();
    let exists = |n: i64| case.index.thread(n).is_some();
    let consultation = Consultation {
        data: &case.assembled.data,
        evidence: Evidence {
            thread_exists: &exists,
            code: Some((&case.code, "https://github.com")),
            texts: &texts,
        },
    };
    analyst
        .consult(store, &consultation, chrono::Utc::now())
        .await
}

/// An answer that cites one real thread, one real line and the report's own error, and
/// invents a thread, a file, a line past a file's end and an error.
pub fn mixed_answer(real: i64) -> String {
    json!({
        "additional_context": format!(
            "The crash comes from `os.path.join` receiving None. It is the same class of bug as #{real}. \
             The traceback ends in `TypeError: expected str, bytes or os.PathLike object, not NoneType`. \
             A similar report was #987654 and was never fixed. \
             The loader also logs `KeyError: 'imaginary_toolkit_key'` on start."
        ),
        "recommended_approach": "1. Read tensorpack/__main__.py:38 where CUDA_HOME is joined.\n\
             2. Guard the missing variable and print a note instead.\n\
             3. Mirror the check in tensorpack/cuda_setup.py:12 as well.\n\
             4. Compare with tensorpack/__main__.py:400 which does it right.\n\
             5. Extend tests/test_main.py with an empty environment.",
        "what_not_to_do": [
            "Do not require the CUDA toolkit in the diagnostic command.",
            "Do not touch tensorpack/kernels.cu:10, which is unrelated.",
            "Do not ping @sam or anyone else."
        ]
    })
    .to_string()
}
