//! The completion relay's Slack side: one message per pull request and state, in Block Kit
//! with a text fallback, through slack-morphism.

use std::sync::Arc;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use crate::metrics::Metrics;

pub use crate::messages::{Notice, NoticeIssue, PrState};

/// The Block Kit message of a notice; its texts come from `messages`.
pub fn blocks(notice: &Notice) -> Vec<SlackBlock> {
    vec![
        SlackSectionBlock::new()
            .with_text(SlackBlockText::MarkDown(SlackBlockMarkDownText::new(
                bounded_block(&notice.headline()),
            )))
            .into(),
        SlackSectionBlock::new()
            .with_text(SlackBlockText::MarkDown(SlackBlockMarkDownText::new(
                bounded_block(&notice.fixes()),
            )))
            .into(),
        SlackContextBlock::new(vec![SlackContextBlockElement::MarkDown(
            SlackBlockMarkDownText::new(bounded_block(&notice.byline())),
        )])
        .into(),
    ]
}

/// Section texts hold 3,000 characters at most.
fn bounded_block(text: &str) -> String {
    if text.chars().count() <= 3_000 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(2_990).collect::<String>())
    }
}

/// Why a message did not go out.
#[derive(Debug, thiserror::Error)]
pub enum SlackFailure {
    /// 429: wait this long.
    #[error("Slack rate limit: retry after {0:?}")]
    RateLimited(Duration),
    /// The token or the channel is wrong (`invalid_auth`, `channel_not_found`, ...): a person
    /// must fix the configuration. The message stays queued meanwhile.
    #[error("Slack refused the message ({code}): check {hint}")]
    Configuration { code: String, hint: &'static str },
    /// Slack refused this message itself (`invalid_blocks`, `msg_too_long`, ...): sending it
    /// again cannot help.
    #[error("Slack refused the message itself ({0})")]
    Rejected(String),
    /// Slack is down or answered something else: retried.
    #[error("Slack failed: {0}")]
    Transient(String),
}

/// The one field of `chat.postMessage`'s answer the relay reads.
#[derive(serde::Deserialize)]
struct Accepted {
    #[serde(default)]
    ok: bool,
}

/// Whether a JSON answer says `"ok": true`.
fn says_ok(body: &str) -> bool {
    serde_json::from_str::<Accepted>(body).is_ok_and(|a| a.ok)
}

type Connector = SlackClientHyperConnector<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
>;

/// The Slack Web API client.
pub struct Slack {
    client: SlackClient<Connector>,
    token: SlackApiToken,
    metrics: Arc<Metrics>,
}

impl Slack {
    /// A client for the API at `api_url` (`https://slack.com/api`, or a stand-in).
    pub fn new(
        api_url: &str,
        token: &SecretString,
        metrics: Arc<Metrics>,
    ) -> anyhow::Result<Slack> {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()
            .map_err(|err| anyhow::anyhow!("cannot load the system's TLS roots for Slack: {err}"))?
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .build();
        let connector = SlackClientHyperConnector::with_connector(https)
            .with_slack_api_url(api_url.trim_end_matches('/'));
        Ok(Slack {
            client: SlackClient::new(connector),
            token: SlackApiToken::new(SlackApiTokenValue(token.expose_secret().to_string())),
            metrics,
        })
    }

    /// Posts one message to `channel`.
    pub async fn post(&self, channel: &str, notice: &Notice) -> Result<(), SlackFailure> {
        self.post_content(
            channel,
            SlackMessageContent::new()
                .with_text(notice.text())
                .with_blocks(blocks(notice)),
        )
        .await
    }

    /// Posts a message of `mrkdwn` text (escaped by its author) to `channel`: one section.
    pub async fn post_text(&self, channel: &str, text: &str) -> Result<(), SlackFailure> {
        self.post_content(
            channel,
            SlackMessageContent::new()
                .with_text(text.to_string())
                .with_blocks(vec![
                    SlackSectionBlock::new()
                        .with_text(SlackBlockText::MarkDown(SlackBlockMarkDownText::new(
                            bounded_block(text),
                        )))
                        .into(),
                ]),
        )
        .await
    }

    async fn post_content(
        &self,
        channel: &str,
        content: SlackMessageContent,
    ) -> Result<(), SlackFailure> {
        let request =
            SlackApiChatPostMessageRequest::new(SlackChannelId(channel.to_string()), content)
                .with_unfurl_links(false);
        let session = self.client.open_session(&self.token);
        // Only `ok` is read from the answer: a message Slack accepted is sent, whatever else
        // the answer holds or lacks, and must never be sent again.
        let answer = session
            .http_session_api
            .http_post::<_, Accepted>("chat.postMessage", &request, None)
            .await;
        match answer {
            Ok(Accepted { ok: true }) => {
                self.metrics.slack_call("ok");
                Ok(())
            }
            Ok(Accepted { ok: false }) => {
                self.metrics.slack_call("error");
                Err(SlackFailure::Transient(
                    "Slack answered without ok and without an error".to_string(),
                ))
            }
            // An answer the library could not read as Slack's envelope: still sent if it
            // says so.
            Err(SlackClientError::ProtocolError(err))
                if err.json_body.as_deref().is_some_and(says_ok) =>
            {
                self.metrics.slack_call("ok");
                Ok(())
            }
            Err(SlackClientError::RateLimitError(err)) => {
                self.metrics.slack_call("429");
                Err(SlackFailure::RateLimited(
                    err.retry_after
                        .unwrap_or(Duration::from_secs(30))
                        .min(Duration::from_secs(24 * 3600)),
                ))
            }
            Err(SlackClientError::ApiError(err)) => {
                self.metrics.slack_call(&err.code);
                let hint = match err.code.as_str() {
                    "invalid_auth" | "not_authed" | "account_inactive" | "token_revoked"
                    | "token_expired" | "missing_scope" => {
                        "SLACK_BOT_TOKEN (a bot token, xoxb-..., with chat:write)"
                    }
                    "channel_not_found" | "not_in_channel" | "is_archived" => {
                        "SLACK_CHANNEL or [slack] channel: the channel ID, with the bot invited to it"
                    }
                    _ => "",
                };
                let rejected = err.code.starts_with("invalid_")
                    || matches!(
                        err.code.as_str(),
                        "msg_too_long" | "no_text" | "too_many_attachments"
                    );
                if hint.is_empty() && rejected {
                    self.metrics.error(&format!("slack_{}", err.code));
                    Err(SlackFailure::Rejected(err.code.clone()))
                } else if hint.is_empty() {
                    Err(SlackFailure::Transient(format!(
                        "Slack answered {}",
                        err.code
                    )))
                } else {
                    self.metrics.error(&format!("slack_{}", err.code));
                    Err(SlackFailure::Configuration {
                        code: err.code.clone(),
                        hint,
                    })
                }
            }
            Err(other) => {
                self.metrics.slack_call("error");
                Err(SlackFailure::Transient(other.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> Notice {
        Notice {
            repo: "acme/widgets".into(),
            issues: vec![NoticeIssue {
                number: crate::ids::IssueNumber(7),
                title: "Crash <!channel> & more".into(),
                url: "https://github.com/acme/widgets/issues/7".into(),
            }],
            pr_number: crate::ids::PullNumber(9),
            pr_title: "Fix the crash".into(),
            pr_url: "https://github.com/acme/widgets/pull/9".into(),
            pr_author: "worker-bot".into(),
            state: PrState::Opened,
        }
    }

    #[test]
    fn the_fallback_names_the_issue_the_pull_request_and_its_author() {
        let text = notice().text();
        assert!(text.contains("#7"));
        assert!(text.contains("https://github.com/acme/widgets/issues/7"));
        assert!(text.contains("pull request #9 opened by worker-bot: Fix the crash"));
    }

    #[test]
    fn titles_cannot_ping_or_link() {
        let blocks = serde_json::to_string(&blocks(&notice())).expect("json");
        assert!(!blocks.contains("<!channel>"));
        assert!(blocks.contains("&lt;!channel&gt; &amp; more"));
        assert!(blocks.contains("<https://github.com/acme/widgets/pull/9|#9>"));
        let text = notice().text();
        assert!(!text.contains("<!channel>"), "{text}");
        assert!(text.contains("&lt;!channel&gt; &amp; more"), "{text}");
    }
}
