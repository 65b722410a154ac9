//! What the bot reads from a repository and keeps for a few minutes: its
//! `.github/coordinator.toml` and prompt template (one GraphQL call for both, the contents API
//! when GraphQL is unavailable), and the permission of the users who comment.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde::Deserialize;
use serde_json::json;

use crate::config::repo::{CONFIG_PATH, Permission, RepoConfig};
use crate::github::client::{Client, GitHubError};
use crate::prompt::render::PROMPT_OVERRIDE_PATH;
use crate::store::RepoName;

/// How long a repository's files and a user's permission are trusted.
pub const CACHE_TTL: Duration = Duration::from_secs(5 * 60);

/// A repository's settings as committed on its default branch.
#[derive(Debug, Clone)]
pub struct RepoFiles {
    /// The parsed configuration, or the error to show the maintainer.
    pub config: Result<RepoConfig, String>,
    /// Its own prompt template, when it has one.
    pub template: Option<String>,
}

struct Cached<T> {
    at: Instant,
    value: T,
}

/// The caches of one bot process.
#[derive(Default)]
pub struct SettingsCache {
    files: Mutex<HashMap<String, Cached<RepoFiles>>>,
    permissions: Mutex<HashMap<(String, String), Cached<Permission>>>,
}

impl SettingsCache {
    /// Forgets everything (a push to the default branch changed the files).
    pub fn clear(&self) {
        self.files.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.permissions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// Forgets one repository's files (a push to its default branch).
    pub fn forget(&self, repo: &RepoName) {
        self.files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&repo.key());
    }

    /// The repository's files, from the cache when fresh.
    pub async fn repo_files(
        &self,
        client: &Client,
        repo: &RepoName,
    ) -> Result<RepoFiles, GitHubError> {
        let key = repo.key();
        if let Some(hit) = self
            .files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
            .filter(|c| c.at.elapsed() < CACHE_TTL)
        {
            return Ok(hit.value.clone());
        }
        let files = fetch_repo_files(client, repo).await?;
        self.files.lock().unwrap_or_else(|p| p.into_inner()).insert(
            key,
            Cached {
                at: Instant::now(),
                value: files.clone(),
            },
        );
        Ok(files)
    }

    /// The user's permission on the repository, from the cache when fresh.
    pub async fn permission(
        &self,
        client: &Client,
        repo: &RepoName,
        login: &str,
    ) -> Result<Permission, GitHubError> {
        let key = (repo.key(), login.to_ascii_lowercase());
        if let Some(hit) = self
            .permissions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
            .filter(|c| c.at.elapsed() < CACHE_TTL)
        {
            return Ok(hit.value);
        }
        #[derive(Deserialize)]
        struct Answer {
            permission: Option<String>,
            role_name: Option<String>,
        }
        let path = format!(
            "/repos/{}/{}/collaborators/{login}/permission",
            repo.owner, repo.name
        );
        let permission = match client.get_json::<Answer>(&path).await {
            Ok(answer) => {
                Permission::from_github(answer.role_name.as_deref(), answer.permission.as_deref())
            }
            // Not a collaborator at all.
            Err(GitHubError::NotFound { .. }) => Permission::None,
            Err(err) => return Err(err),
        };
        self.permissions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(
                key,
                Cached {
                    at: Instant::now(),
                    value: permission,
                },
            );
        Ok(permission)
    }
}

const FILES_QUERY: &str = "query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { \
    config: object(expression: \"HEAD:.github/coordinator.toml\") { ... on Blob { text isTruncated } } \
    template: object(expression: \"HEAD:.github/coordinator/prompt.md.tera\") { ... on Blob { text isTruncated } } } }";

#[derive(Deserialize)]
struct Blob {
    text: Option<String>,
}

#[derive(Deserialize)]
struct FilesRepository {
    config: Option<Blob>,
    template: Option<Blob>,
}

#[derive(Deserialize)]
struct FilesData {
    repository: Option<FilesRepository>,
}

#[derive(Deserialize)]
struct FilesAnswer {
    data: Option<FilesData>,
}

fn parse_files(config: Option<String>, template: Option<String>) -> RepoFiles {
    RepoFiles {
        config: match config {
            Some(text) => RepoConfig::parse(&text),
            None => Ok(RepoConfig::default()),
        },
        template,
    }
}

/// Both files of the default branch in one GraphQL call; the contents API (two calls) where
/// GraphQL is not there (an Enterprise server behind another path, a stand-in).
pub async fn fetch_repo_files(client: &Client, repo: &RepoName) -> Result<RepoFiles, GitHubError> {
    let body = json!({
        "query": FILES_QUERY,
        "variables": { "owner": repo.owner, "name": repo.name },
    });
    match client
        .request(http::Method::POST, "/graphql", Some(&body), None)
        .await
    {
        Ok(response) => {
            if let Ok(FilesAnswer {
                data:
                    Some(FilesData {
                        repository: Some(files),
                    }),
            }) = response.json::<FilesAnswer>()
            {
                return Ok(parse_files(
                    files.config.and_then(|b| b.text),
                    files.template.and_then(|b| b.text),
                ));
            }
        }
        Err(err @ (GitHubError::Unauthorized { .. } | GitHubError::RateLimited { .. })) => {
            return Err(err);
        }
        Err(_) => {}
    }
    let config = fetch_file(client, repo, CONFIG_PATH).await?;
    let template = fetch_file(client, repo, PROMPT_OVERRIDE_PATH).await?;
    Ok(parse_files(config, template))
}

/// A file of the default branch through the contents API; `None` when absent.
async fn fetch_file(
    client: &Client,
    repo: &RepoName,
    path: &str,
) -> Result<Option<String>, GitHubError> {
    #[derive(Deserialize)]
    struct Contents {
        content: Option<String>,
        encoding: Option<String>,
    }
    let url = format!("/repos/{}/{}/contents/{path}", repo.owner, repo.name);
    let contents: Contents = match client.get_json(&url).await {
        Ok(contents) => contents,
        Err(GitHubError::NotFound { .. }) => return Ok(None),
        Err(err) => return Err(err),
    };
    let raw = contents.content.unwrap_or_default();
    if contents.encoding.as_deref() != Some("base64") {
        return Ok(Some(raw));
    }
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|err| GitHubError::Decode {
            path: url.clone(),
            message: err.to_string(),
        })?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}
