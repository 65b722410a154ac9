//! The completion relay's Slack side: one message per pull request and state, in Block Kit
//! with a text fallback, through slack-morphism.

use std::sync::Arc;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use crate::metrics::Metrics;

/// Whether the pull request was opened or merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrState {
    Opened,
    Merged,
}

impl PrState {
    pub fn as_str(self) -> &'static str {
        match self {
            PrState::Opened => "opened",
            PrState::Merged => "merged",
        }
    }
}

/// An issue the pull request closes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeIssue {
    pub number: i64,
    pub title: String,
    pub url: String,
}

/// What the team hears about a worker's pull request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub repo: String,
    pub issues: Vec<NoticeIssue>,
    pub pr_number: i64,
    pub pr_title: String,
    pub pr_url: String,
    pub pr_author: String,
    pub state: PrState,
}

/// Text for Slack's `mrkdwn`: `&`, `<` and `>` escaped, so a title cannot make a link or a
/// `<!channel>` ping.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A link in `mrkdwn`.
fn link(url: &str, label: &str) -> String {
    format!("<{}|{}>", url.replace(['<', '>', '|'], ""), escape(label))
}

/// At most `max` characters, on one line.
fn bounded(text: &str, max: usize) -> String {
    crate::markdown::one_line(text, max)
}

impl Notice {
    fn verb(&self) -> &'static str {
        match self.state {
            PrState::Opened => "opened",
            PrState::Merged => "merged",
        }
    }

    /// The notification text (and the whole message where blocks are not shown).
    pub fn text(&self) -> String {
        let issues: Vec<String> = self
            .issues
            .iter()
            .map(|i| {
                format!(
                    "#{} {} ({})",
                    i.number,
                    escape(&bounded(&i.title, 200)),
                    escape(&i.url)
                )
            })
            .collect();
        // Escaped like the blocks: a title holding `<!channel>` must not ping anyone.
        format!(
            "{}: pull request #{} {} by {}: {} ({}). Fixes {}",
            escape(&self.repo),
            self.pr_number,
            self.verb(),
            escape(&self.pr_author),
            escape(&bounded(&self.pr_title, 300)),
            escape(&self.pr_url),
            issues.join(", ")
        )
    }

    /// The Block Kit message.
    pub fn blocks(&self) -> Vec<SlackBlock> {
        let mark = match self.state {
            PrState::Opened => ":large_green_circle:",
            PrState::Merged => ":white_check_mark:",
        };
        let issues: Vec<String> = self
            .issues
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    link(&i.url, &format!("#{}", i.number)),
                    escape(&bounded(&i.title, 200))
                )
            })
            .collect();
        let headline = format!(
            "{mark} *{}* pull request {} {}\n{}",
            escape(&self.repo),
            link(&self.pr_url, &format!("#{}", self.pr_number)),
            self.verb(),
            escape(&bounded(&self.pr_title, 300)),
        );
        let fixes = format!("*Fixes* {}", issues.join("\n"));
        let context = format!(
            "by {} · {}",
            escape(&self.pr_author),
            link(&self.pr_url, "view the pull request")
        );
        vec![
            SlackSectionBlock::new()
                .with_text(SlackBlockText::MarkDown(SlackBlockMarkDownText::new(
                    bounded_block(&headline),
                )))
                .into(),
            SlackSectionBlock::new()
                .with_text(SlackBlockText::MarkDown(SlackBlockMarkDownText::new(
                    bounded_block(&fixes),
                )))
                .into(),
            SlackContextBlock::new(vec![SlackContextBlockElement::MarkDown(
                SlackBlockMarkDownText::new(bounded_block(&context)),
            )])
            .into(),
        ]
    }
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
        let request = SlackApiChatPostMessageRequest::new(
            SlackChannelId(channel.to_string()),
            SlackMessageContent::new()
                .with_text(notice.text())
                .with_blocks(notice.blocks()),
        )
        .with_unfurl_links(false);
        let session = self.client.open_session(&self.token);
        match session.chat_post_message(&request).await {
            Ok(_) => {
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
                number: 7,
                title: "Crash <!channel> & more".into(),
                url: "https://github.com/acme/widgets/issues/7".into(),
            }],
            pr_number: 9,
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
        let blocks = serde_json::to_string(&notice().blocks()).expect("json");
        assert!(!blocks.contains("<!channel>"));
        assert!(blocks.contains("&lt;!channel&gt; &amp; more"));
        assert!(blocks.contains("<https://github.com/acme/widgets/pull/9|#9>"));
        let text = notice().text();
        assert!(!text.contains("<!channel>"), "{text}");
        assert!(text.contains("&lt;!channel&gt; &amp; more"), "{text}");
    }
}
