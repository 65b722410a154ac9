//! The writes the bot makes on GitHub (comments, reactions, gists), live or, in dry-run mode,
//! recorded in the database and the log instead.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::json;
use tracing::info;

use crate::github::client::{Client, GitHubError};
use crate::store::{RepoName, Store, now_ms};

/// A comment as GitHub answers for it.
#[derive(Debug, Clone, Deserialize)]
pub struct PostedComment {
    pub id: i64,
    #[serde(default)]
    pub html_url: String,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub user: Option<crate::github::api::ApiUser>,
}

/// A gist as GitHub answers for it.
#[derive(Debug, Clone)]
pub struct PostedGist {
    pub id: String,
    pub html_url: String,
    /// The raw URL of the prompt file.
    pub raw_url: String,
}

#[derive(Deserialize)]
struct ApiGistFile {
    #[serde(default)]
    raw_url: Option<String>,
}

#[derive(Deserialize)]
struct ApiGist {
    id: String,
    #[serde(default)]
    html_url: String,
    #[serde(default)]
    files: std::collections::HashMap<String, ApiGistFile>,
}

/// Where writes go.
#[derive(Clone)]
pub enum Sink {
    Live {
        /// The installation's (or token's) client.
        client: Box<Client>,
        /// A client with `GIST_TOKEN`, when set: installation tokens cannot create gists.
        gist: Option<Box<Client>>,
    },
    /// Nothing is sent; every write is logged and recorded in `dry_run_log`.
    DryRun { store: Arc<dyn Store> },
}

impl Sink {
    pub fn gists_available(&self) -> bool {
        match self {
            Sink::Live { gist, .. } => gist.is_some(),
            Sink::DryRun { .. } => false,
        }
    }

    async fn record(&self, action: String, body: &str) -> Result<(), GitHubError> {
        if let Sink::DryRun { store } = self {
            info!(%action, chars = body.chars().count(), "DRY RUN: not sent to GitHub");
            store
                .log_dry_run("github", &action, body, now_ms())
                .await
                .map_err(|err| {
                    GitHubError::Config(format!("cannot record the dry run: {err:#}"))
                })?;
        }
        Ok(())
    }

    /// Adds a reaction to a comment (an existing one is fine: GitHub answers 200).
    pub async fn react(
        &self,
        repo: &RepoName,
        comment_id: i64,
        content: &str,
    ) -> Result<(), GitHubError> {
        let path = format!(
            "/repos/{}/{}/issues/comments/{comment_id}/reactions",
            repo.owner, repo.name
        );
        match self {
            Sink::Live { client, .. } => {
                client
                    .request(
                        http::Method::POST,
                        &path,
                        Some(&json!({ "content": content })),
                        None,
                    )
                    .await?;
                Ok(())
            }
            Sink::DryRun { .. } => self.record(format!("POST {path}"), content).await,
        }
    }

    pub async fn create_comment(
        &self,
        repo: &RepoName,
        number: i64,
        body: &str,
    ) -> Result<PostedComment, GitHubError> {
        let path = format!(
            "/repos/{}/{}/issues/{number}/comments",
            repo.owner, repo.name
        );
        match self {
            Sink::Live { client, .. } => {
                let (_, comment) = client.post_json(&path, &json!({ "body": body })).await?;
                Ok(comment)
            }
            Sink::DryRun { .. } => {
                self.record(format!("POST {path}"), body).await?;
                Ok(PostedComment {
                    id: -now_ms(),
                    html_url: format!("https://github.com/{repo}/issues/{number}#dry-run"),
                    body: Some(body.to_string()),
                    user: None,
                })
            }
        }
    }

    /// Closes an issue with GitHub's `state_reason` (`completed`, `not_planned`,
    /// `duplicate`); closing a closed issue again changes nothing.
    pub async fn close_issue(
        &self,
        repo: &RepoName,
        number: i64,
        state_reason: &str,
    ) -> Result<(), GitHubError> {
        let path = format!("/repos/{}/{}/issues/{number}", repo.owner, repo.name);
        let body = json!({ "state": "closed", "state_reason": state_reason });
        match self {
            Sink::Live { client, .. } => {
                let _: serde_json::Value = client.patch_json(&path, &body).await?;
                Ok(())
            }
            Sink::DryRun { .. } => {
                self.record(format!("PATCH {path}"), &body.to_string())
                    .await
            }
        }
    }

    pub async fn update_comment(
        &self,
        repo: &RepoName,
        comment_id: i64,
        body: &str,
    ) -> Result<PostedComment, GitHubError> {
        let path = format!(
            "/repos/{}/{}/issues/comments/{comment_id}",
            repo.owner, repo.name
        );
        match self {
            Sink::Live { client, .. } => client.patch_json(&path, &json!({ "body": body })).await,
            Sink::DryRun { .. } => {
                self.record(format!("PATCH {path}"), body).await?;
                Ok(PostedComment {
                    id: comment_id,
                    html_url: String::new(),
                    body: Some(body.to_string()),
                    user: None,
                })
            }
        }
    }

    /// Every comment of a thread, from GitHub (to find the bot's own after a failure).
    pub async fn list_comments(
        &self,
        repo: &RepoName,
        number: i64,
    ) -> Result<Vec<PostedComment>, GitHubError> {
        let Sink::Live { client, .. } = self else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut next = Some(format!(
            "/repos/{}/{}/issues/{number}/comments?per_page=100",
            repo.owner, repo.name
        ));
        while let Some(url) = next {
            let response = client.get(&url, None).await?;
            out.extend(response.json::<Vec<PostedComment>>()?);
            next = response.next;
        }
        Ok(out)
    }

    /// Creates the prompt's gist, or updates it when `existing` is given (a deleted gist is
    /// created again).
    pub async fn put_gist(
        &self,
        existing: Option<&str>,
        description: &str,
        file: &str,
        content: &str,
    ) -> Result<PostedGist, GitHubError> {
        let body = json!({
            "description": description,
            "public": false,
            "files": { file: { "content": content } },
        });
        let client = match self {
            Sink::Live {
                gist: Some(client), ..
            } => client,
            Sink::Live { gist: None, .. } => {
                return Err(GitHubError::Config(
                    "GIST_TOKEN is not set: gists need a user token".into(),
                ));
            }
            Sink::DryRun { .. } => {
                self.record("POST /gists".into(), content).await?;
                return Ok(PostedGist {
                    id: "dry-run".into(),
                    html_url: "https://gist.github.com/dry-run".into(),
                    raw_url: "https://gist.githubusercontent.com/dry-run/raw".into(),
                });
            }
        };
        let gist: ApiGist = match existing {
            Some(id) => match client.patch_json(&format!("/gists/{id}"), &body).await {
                Err(GitHubError::NotFound { .. }) => client.post_json("/gists", &body).await?.1,
                other => other?,
            },
            None => client.post_json("/gists", &body).await?.1,
        };
        let raw_url = gist
            .files
            .get(file)
            .and_then(|f| f.raw_url.clone())
            .unwrap_or_else(|| gist.html_url.clone());
        Ok(PostedGist {
            id: gist.id,
            html_url: gist.html_url,
            raw_url,
        })
    }
}
