//! The two model APIs the analyst speaks: OpenAI-compatible chat completions (OpenAI, vLLM,
//! Ollama, llama.cpp's server) and Anthropic's Messages API. One request, one answer's text
//! and its token counts; every failure is an [`AnalystError`] that never carries the key.

use std::time::Duration;

use secrecy::{ExposeSecret as _, SecretString};
use serde_json::{Value, json};

use super::{AnalystError, Provider};

/// What the model answered.
#[derive(Debug, Clone)]
pub struct Reply {
    pub text: String,
    pub input_tokens: i64,
    pub output_tokens: i64,
}

/// One call to the model's API.
pub struct Call<'a> {
    pub provider: Provider,
    pub api_url: &'a str,
    pub api_key: Option<&'a SecretString>,
    pub model: &'a str,
    pub max_output_tokens: u32,
    pub system: &'a str,
    pub user: &'a str,
    pub timeout: Duration,
}

/// Sends the request and reads the answer's text.
pub async fn send(http: &reqwest::Client, call: &Call<'_>) -> Result<Reply, AnalystError> {
    let base = call.api_url.trim_end_matches('/');
    let (url, body) = match call.provider {
        Provider::OpenAi => (
            format!("{base}/chat/completions"),
            json!({
                "model": call.model,
                "max_tokens": call.max_output_tokens,
                "temperature": 0,
                "messages": [
                    {"role": "system", "content": call.system},
                    {"role": "user", "content": call.user},
                ],
            }),
        ),
        Provider::Anthropic => (
            format!("{base}/v1/messages"),
            json!({
                "model": call.model,
                "max_tokens": call.max_output_tokens,
                "temperature": 0,
                "system": call.system,
                "messages": [{"role": "user", "content": call.user}],
            }),
        ),
    };
    let mut request = http.post(&url).timeout(call.timeout).json(&body);
    if let Some(key) = call.api_key {
        request = match call.provider {
            Provider::OpenAi => request.bearer_auth(key.expose_secret()),
            Provider::Anthropic => request
                .header("x-api-key", key.expose_secret())
                .header("anthropic-version", "2023-06-01"),
        };
    } else if call.provider == Provider::Anthropic {
        request = request.header("anthropic-version", "2023-06-01");
    }
    let response = request.send().await.map_err(|err| transport(err, call))?;
    let status = response.status();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let text = response.text().await.map_err(|err| transport(err, call))?;
    if status.as_u16() == 429 {
        return Err(AnalystError::RateLimited { retry_after });
    }
    if status.is_server_error() {
        return Err(AnalystError::Server(status.as_u16()));
    }
    if !status.is_success() {
        return Err(AnalystError::Refused {
            status: status.as_u16(),
            message: redact(&api_message(&text), call.api_key),
        });
    }
    let value: Value = serde_json::from_str(&text)
        .map_err(|err| AnalystError::Malformed(format!("the API's answer is not JSON: {err}")))?;
    read_reply(call.provider, &value)
}

/// The answer's text and token counts from the API's JSON.
pub fn read_reply(provider: Provider, value: &Value) -> Result<Reply, AnalystError> {
    let missing = |what: &str| AnalystError::Malformed(format!("the API's answer has no {what}"));
    let (text, input, output) = match provider {
        Provider::OpenAi => (
            value
                .pointer("/choices/0/message/content")
                .and_then(Value::as_str)
                .ok_or_else(|| missing("choices[0].message.content"))?,
            value.pointer("/usage/prompt_tokens"),
            value.pointer("/usage/completion_tokens"),
        ),
        Provider::Anthropic => (
            value
                .get("content")
                .and_then(Value::as_array)
                .and_then(|blocks| {
                    blocks
                        .iter()
                        .find(|b| b.get("type").and_then(Value::as_str) == Some("text"))
                })
                .and_then(|b| b.get("text"))
                .and_then(Value::as_str)
                .ok_or_else(|| missing("text block"))?,
            value.pointer("/usage/input_tokens"),
            value.pointer("/usage/output_tokens"),
        ),
    };
    let count = |v: Option<&Value>| v.and_then(Value::as_i64).unwrap_or(0).max(0);
    Ok(Reply {
        text: text.to_string(),
        input_tokens: count(input),
        output_tokens: count(output),
    })
}

/// The error message an API put in its JSON body (`error.message`, or `error` as a string),
/// at most 300 characters.
fn api_message(body: &str) -> String {
    let message = serde_json::from_str::<Value>(body).ok().and_then(|v| {
        v.pointer("/error/message")
            .and_then(Value::as_str)
            .or_else(|| v.get("error").and_then(Value::as_str))
            .or_else(|| v.get("message").and_then(Value::as_str))
            .map(str::to_string)
    });
    let message = message.unwrap_or_else(|| "no message".to_string());
    crate::markdown::one_line(&message, 300)
}

/// `text` with the key, and any long run of its characters, blanked: some APIs echo the key
/// they refused.
fn redact(text: &str, key: Option<&SecretString>) -> String {
    match key.map(|k| k.expose_secret()).filter(|k| k.len() >= 4) {
        Some(key) => text.replace(key, "[redacted]"),
        None => text.to_string(),
    }
}

fn transport(err: reqwest::Error, call: &Call<'_>) -> AnalystError {
    if err.is_timeout() {
        return AnalystError::Timeout(call.timeout);
    }
    // The URL is the configured one (no secret in it), but the message stays short.
    let err = err.without_url();
    let mut message = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    AnalystError::Unreachable(redact(&message, call.api_key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_are_read() {
        let openai = json!({"choices": [{"message": {"content": "{}"}}],
            "usage": {"prompt_tokens": 12, "completion_tokens": 3}});
        let r = read_reply(Provider::OpenAi, &openai).expect("openai");
        assert_eq!(
            (r.text.as_str(), r.input_tokens, r.output_tokens),
            ("{}", 12, 3)
        );
        let anthropic = json!({"content": [{"type": "thinking", "thinking": "x"},
            {"type": "text", "text": "hi"}], "usage": {"input_tokens": 7, "output_tokens": 2}});
        let r = read_reply(Provider::Anthropic, &anthropic).expect("anthropic");
        assert_eq!(
            (r.text.as_str(), r.input_tokens, r.output_tokens),
            ("hi", 7, 2)
        );
        assert!(matches!(
            read_reply(Provider::OpenAi, &json!({"choices": []})),
            Err(AnalystError::Malformed(_))
        ));
    }

    #[test]
    fn an_echoed_key_is_blanked() {
        let key = SecretString::from("sk-very-secret-key");
        let body = r#"{"error": {"message": "Incorrect API key provided: sk-very-secret-key"}}"#;
        let out = redact(&api_message(body), Some(&key));
        assert!(!out.contains("sk-very-secret-key"));
        assert!(out.contains("[redacted]"));
    }
}
