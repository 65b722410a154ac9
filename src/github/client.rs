//! GitHub's REST API through octocrab, as a GitHub App (RS256 JWT, installation tokens cached
//! and renewed by octocrab, the installation of a repository looked up when not given) or
//! with a token.
//!
//! Every call goes through one place that respects GitHub's limits: `retry-after`, an
//! exhausted primary limit (`x-ratelimit-remaining: 0` until `x-ratelimit-reset`), secondary
//! limits (a minute's backoff or more, growing), 5xx and timeouts (retried with backoff when
//! the request is idempotent), and turns 401 and 404 into one clear error line.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use http_body_util::BodyExt as _;
use octocrab::Octocrab;
use octocrab::models::{AppId, InstallationId};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use tracing::{debug, warn};

use crate::metrics::Metrics;
use crate::store::RepoName;

/// The longest wait a rate limit can ask for that is honoured as given (a day).
const MAX_WAIT_SECS: u64 = 24 * 3600;

/// How the bot proves who it is.
#[derive(Clone)]
pub enum Credentials {
    App {
        app_id: u64,
        private_key: SecretString,
    },
    Token(SecretString),
    /// Public data only (and tests of failure paths).
    Anonymous,
}

/// How long to wait and how often to try again.
#[derive(Debug, Clone)]
pub struct RetrySettings {
    /// Attempts after the first, for 5xx, timeouts and rate limits.
    pub max_retries: u32,
    /// The first backoff after a 5xx or a network error; doubled each time.
    pub backoff: Duration,
    /// The longest single wait for a rate limit; a longer one is returned as
    /// `GitHubError::RateLimited` so that a job can come back later instead of holding a slot.
    pub max_wait: Duration,
    /// The first backoff after a secondary rate limit without `retry-after` (GitHub asks for a
    /// minute at least); doubled each time.
    pub secondary_backoff: Duration,
    /// Per request.
    pub timeout: Duration,
}

impl Default for RetrySettings {
    fn default() -> Self {
        RetrySettings {
            max_retries: 5,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(60),
            secondary_backoff: Duration::from_secs(60),
            timeout: Duration::from_secs(30),
        }
    }
}

/// Everything needed to reach GitHub.
#[derive(Clone)]
pub struct GitHubSettings {
    /// REST base URL, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`.
    pub api_url: String,
    pub credentials: Credentials,
    pub retry: RetrySettings,
}

/// What went wrong, as one line a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum GitHubError {
    #[error(
        "GitHub rejected the credentials ({status}: {message}); check APP_ID and PRIVATE_KEY, or GITHUB_TOKEN"
    )]
    Unauthorized { status: u16, message: String },
    #[error(
        "not found on GitHub: {path} (check the repository and number, and that the App is installed there or the token can see it)"
    )]
    NotFound { path: String },
    #[error("GitHub says {path} is gone (410): it was deleted")]
    Gone { path: String },
    #[error("GitHub refused {path} (403): {message}")]
    Forbidden { path: String, message: String },
    #[error("GitHub's rate limit is exhausted; it resets in {} s", wait.as_secs())]
    RateLimited { wait: Duration },
    #[error("GitHub answered {status} for {method} {path}: {message}")]
    Status {
        method: String,
        status: u16,
        path: String,
        message: String,
    },
    #[error("cannot reach GitHub at {url}: {message}")]
    Network { url: String, message: String },
    #[error("GitHub's answer to {path} cannot be read: {message}")]
    Decode { path: String, message: String },
    #[error("GitHub's answer to {path} is larger than {max_bytes} bytes")]
    TooLarge { path: String, max_bytes: u64 },
    #[error("{0}")]
    Config(String),
}

impl GitHubError {
    /// How long to wait before trying again, when waiting can help.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            GitHubError::RateLimited { wait } => Some(*wait),
            _ => None,
        }
    }

    /// Whether another attempt later could succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            GitHubError::RateLimited { .. } | GitHubError::Network { .. } => true,
            GitHubError::Status { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

/// A response: status (2xx or 304), the headers that matter, and the body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusCode,
    pub etag: Option<String>,
    /// The next page, as a path and query for this client.
    pub next: Option<String>,
    /// The page number of `rel="last"`, when GitHub gives one.
    pub last_page: Option<u64>,
    pub path: String,
    pub body: Bytes,
}

impl Response {
    pub fn not_modified(&self) -> bool {
        self.status == StatusCode::NOT_MODIFIED
    }

    pub fn json<T: DeserializeOwned>(&self) -> Result<T, GitHubError> {
        serde_json::from_slice(&self.body).map_err(|err| GitHubError::Decode {
            path: self.path.clone(),
            message: err.to_string(),
        })
    }
}

struct Inner {
    api_url: String,
    base_path: String,
    root: Arc<Octocrab>,
    is_app: bool,
    // Shared, never cloned: a clone of an `Octocrab` copies its cached installation token as it
    // is at that moment, so clones made before the first request would each mint their own.
    installations: Mutex<HashMap<u64, Arc<Octocrab>>>,
    repo_installations: Mutex<HashMap<String, u64>>,
    retry: RetrySettings,
    metrics: Arc<Metrics>,
    calls: AtomicU64,
}

/// The bot's access to GitHub. Cheap to clone.
#[derive(Clone)]
pub struct GitHub {
    inner: Arc<Inner>,
}

/// Access scoped to what one identity can do (an installation, a token, or the App itself).
#[derive(Clone)]
pub struct Client {
    crab: Arc<Octocrab>,
    inner: Arc<Inner>,
}

impl GitHub {
    pub fn new(settings: GitHubSettings, metrics: Arc<Metrics>) -> Result<GitHub, GitHubError> {
        let api_url = settings.api_url.trim_end_matches('/').to_string();
        let uri: http::Uri = api_url.parse().map_err(|_| {
            GitHubError::Config(format!(
                "GITHUB_API_URL {api_url:?} is not a URL: use e.g. https://api.github.com"
            ))
        })?;
        if uri.scheme().is_none() || uri.authority().is_none() {
            return Err(GitHubError::Config(format!(
                "GITHUB_API_URL {api_url:?} needs a scheme and host, e.g. https://api.github.com"
            )));
        }
        let base_path = uri.path().trim_end_matches('/').to_string();
        let builder = Octocrab::builder()
            .base_uri(api_url.as_str())
            .map_err(|err| GitHubError::Config(format!("GITHUB_API_URL {api_url:?}: {err}")))?
            .set_connect_timeout(Some(Duration::from_secs(10)))
            .set_read_timeout(Some(settings.retry.timeout));
        let (root, is_app) = match &settings.credentials {
            Credentials::App {
                app_id,
                private_key,
            } => {
                let key =
                    jsonwebtoken::EncodingKey::from_rsa_pem(private_key.expose_secret().as_bytes())
                        .map_err(|err| {
                            GitHubError::Config(format!(
                                "the App's private key is not an RSA key in PEM form: {err}"
                            ))
                        })?;
                (builder.app(AppId(*app_id), key).build(), true)
            }
            Credentials::Token(token) => (
                builder
                    .personal_token(token.expose_secret().to_string())
                    .build(),
                false,
            ),
            Credentials::Anonymous => (builder.build(), false),
        };
        let root =
            root.map_err(|err| GitHubError::Config(format!("cannot set up octocrab: {err}")))?;
        Ok(GitHub {
            inner: Arc::new(Inner {
                api_url,
                base_path,
                root: Arc::new(root),
                is_app,
                installations: Mutex::default(),
                repo_installations: Mutex::default(),
                retry: settings.retry,
                metrics,
                calls: AtomicU64::new(0),
            }),
        })
    }

    /// The REST base URL this client talks to.
    pub fn api_url(&self) -> String {
        self.inner.api_url.clone()
    }

    pub fn is_app(&self) -> bool {
        self.inner.is_app
    }

    /// Requests made so far (retries included; octocrab's token exchanges not included).
    pub fn calls(&self) -> u64 {
        self.inner.calls.load(Ordering::Relaxed)
    }

    /// The client of a token (`GITHUB_TOKEN`, `GIST_TOKEN`); the App's JWT client for an App.
    pub fn token_client(&self) -> Client {
        Client {
            crab: self.inner.root.clone(),
            inner: self.inner.clone(),
        }
    }

    /// The App itself (JWT), for `/app/...` endpoints.
    pub fn app_client(&self) -> Result<Client, GitHubError> {
        if !self.inner.is_app {
            return Err(GitHubError::Config(
                "this needs the GitHub App's credentials (APP_ID and PRIVATE_KEY)".into(),
            ));
        }
        Ok(Client {
            crab: self.inner.root.clone(),
            inner: self.inner.clone(),
        })
    }

    /// A client for `repo`: the installation's (found when `installation` is not given) for
    /// an App, else the token's.
    pub async fn for_repo(
        &self,
        repo: &RepoName,
        installation: Option<crate::ids::InstallationId>,
    ) -> Result<Client, GitHubError> {
        if !self.inner.is_app {
            return Ok(Client {
                crab: self.inner.root.clone(),
                inner: self.inner.clone(),
            });
        }
        let id = match installation {
            Some(id) => id.get(),
            None => self.installation_of(repo).await?,
        };
        self.for_installation(id)
    }

    /// The installation's client (its token is cached and renewed by octocrab).
    pub fn for_installation(&self, id: u64) -> Result<Client, GitHubError> {
        let mut cache = self
            .inner
            .installations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let crab =
            match cache.get(&id) {
                Some(crab) => crab.clone(),
                None => {
                    let crab =
                        Arc::new(self.inner.root.installation(InstallationId(id)).map_err(
                            |err| GitHubError::Config(format!("installation {id}: {err}")),
                        )?);
                    cache.insert(id, crab.clone());
                    crab
                }
            };
        Ok(Client {
            crab,
            inner: self.inner.clone(),
        })
    }

    async fn installation_of(&self, repo: &RepoName) -> Result<u64, GitHubError> {
        let key = repo.key();
        if let Some(id) = self
            .inner
            .repo_installations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&key)
        {
            return Ok(*id);
        }
        #[derive(serde::Deserialize)]
        struct Installation {
            id: u64,
        }
        let path = format!("/repos/{}/{}/installation", repo.owner, repo.name);
        let found: Installation = match self.app_client()?.get_json(&path).await {
            Ok(found) => found,
            Err(GitHubError::NotFound { .. }) => {
                return Err(GitHubError::NotFound {
                    path: format!("the App's installation on {repo}"),
                });
            }
            Err(err) => return Err(err),
        };
        self.inner
            .repo_installations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(key, found.id);
        Ok(found.id)
    }
}

impl Client {
    /// Requests made so far through this client's `GitHub` (all its clients together).
    pub fn calls(&self) -> u64 {
        self.inner.calls.load(Ordering::Relaxed)
    }

    /// GET `path` (a path and query, or a URL of this API); with `etag`, a conditional
    /// request answered 304 when nothing changed.
    pub async fn get(&self, path: &str, etag: Option<&str>) -> Result<Response, GitHubError> {
        self.request(Method::GET, path, None, etag).await
    }

    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, GitHubError> {
        self.get(path, None).await?.json()
    }

    pub async fn post_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<(StatusCode, T), GitHubError> {
        let response = self.request(Method::POST, path, Some(body), None).await?;
        Ok((response.status, response.json()?))
    }

    pub async fn patch_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<T, GitHubError> {
        self.request(Method::PATCH, path, Some(body), None)
            .await?
            .json()
    }

    /// GET a large answer (a tarball), following redirects, failing when its body passes
    /// `max_bytes`.
    pub async fn download(&self, path: &str, max_bytes: u64) -> Result<Response, GitHubError> {
        self.request_limited(Method::GET, path, None, None, Some(max_bytes))
            .await
    }

    /// One request, with the retries and waits of `RetrySettings`.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
        etag: Option<&str>,
    ) -> Result<Response, GitHubError> {
        self.request_limited(method, path, body, etag, None).await
    }

    async fn request_limited(
        &self,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
        etag: Option<&str>,
        max_bytes: Option<u64>,
    ) -> Result<Response, GitHubError> {
        let path = self.relative(path);
        let retry = &self.inner.retry;
        // A POST that failed with a 5xx may have been done: only rate limits, which GitHub
        // answers before doing anything, are safe to retry for it.
        let idempotent = method != Method::POST;
        let mut attempt: u32 = 0;
        let mut limit_hits: u32 = 0;
        loop {
            let outcome = self.send_once(&method, &path, body, etag, max_bytes).await;
            let wait = match outcome {
                Ok((status, headers, bytes)) => {
                    match self.classify(&method, &path, status, &headers, &bytes, limit_hits) {
                        Verdict::Done => {
                            return Ok(Response {
                                status,
                                etag: header(&headers, "etag"),
                                next: link(&headers, "next").map(|url| self.relative(&url)),
                                last_page: link(&headers, "last").and_then(|url| page_of(&url)),
                                path,
                                body: bytes,
                            });
                        }
                        Verdict::Fail(err) => return Err(err),
                        Verdict::RateLimited(wait) => {
                            if wait > retry.max_wait || attempt >= retry.max_retries {
                                return Err(GitHubError::RateLimited { wait });
                            }
                            // Each limit hit in a row doubles the next backoff (403 or 429).
                            limit_hits += 1;
                            warn!(%method, path = %path, wait_ms = wait.as_millis() as u64, "GitHub rate limit: waiting");
                            wait
                        }
                        Verdict::ServerError(err) => {
                            if !idempotent || attempt >= retry.max_retries {
                                return Err(err);
                            }
                            let wait = backoff(retry.backoff, attempt);
                            warn!(%method, path = %path, error = %err, wait_ms = wait.as_millis() as u64, "GitHub failed; retrying");
                            wait
                        }
                    }
                }
                Err(err) => {
                    if !idempotent || attempt >= retry.max_retries {
                        return Err(err);
                    }
                    let wait = backoff(retry.backoff, attempt);
                    warn!(%method, path = %path, error = %err, wait_ms = wait.as_millis() as u64, "GitHub unreachable; retrying");
                    wait
                }
            };
            attempt += 1;
            tokio::time::sleep(wait).await;
        }
    }

    async fn send_once(
        &self,
        method: &Method,
        path: &str,
        body: Option<&serde_json::Value>,
        etag: Option<&str>,
        max_bytes: Option<u64>,
    ) -> Result<(StatusCode, HeaderMap, Bytes), GitHubError> {
        self.inner.calls.fetch_add(1, Ordering::Relaxed);
        let mut builder = http::Request::builder()
            .method(method.clone())
            .uri(path)
            .header(http::header::ACCEPT, "application/vnd.github+json")
            .header("x-github-api-version", "2022-11-28")
            .header(http::header::USER_AGENT, "coordinator");
        if let Some(etag) = etag {
            builder = builder.header(http::header::IF_NONE_MATCH, etag);
        }
        let network = |message: String| GitHubError::Network {
            url: format!("{}{path}", self.inner.api_url),
            message,
        };
        let request = self
            .crab
            .build_request(builder, body)
            .map_err(|err| network(err.to_string()))?;
        let response = match self.crab.execute(request).await {
            Ok(response) => response,
            Err(err) => {
                self.inner.metrics.github_call("error");
                return Err(self.octocrab_error(err, path));
            }
        };
        let (parts, mut body) = response.into_parts();
        let bytes = match max_bytes {
            None => body
                .collect()
                .await
                .map_err(|err| network(format!("the response was cut off: {err}")))?
                .to_bytes(),
            Some(max) => {
                let mut buffer = bytes::BytesMut::new();
                while let Some(frame) = body.frame().await {
                    let frame =
                        frame.map_err(|err| network(format!("the response was cut off: {err}")))?;
                    if let Ok(data) = frame.into_data() {
                        buffer.extend_from_slice(&data);
                        if buffer.len() as u64 > max {
                            self.inner.metrics.github_call(parts.status.as_str());
                            return Err(GitHubError::TooLarge {
                                path: path.to_string(),
                                max_bytes: max,
                            });
                        }
                    }
                }
                buffer.freeze()
            }
        };
        self.inner.metrics.github_call(parts.status.as_str());
        if let Some(remaining) =
            header(&parts.headers, "x-ratelimit-remaining").and_then(|v| v.parse::<i64>().ok())
        {
            self.inner.metrics.set_rate_limit_remaining(remaining);
        }
        debug!(%method, path, status = parts.status.as_u16(), "GitHub call");
        Ok((parts.status, parts.headers, bytes))
    }

    /// octocrab fails on its own for the installation token exchange and for the network.
    fn octocrab_error(&self, err: octocrab::Error, path: &str) -> GitHubError {
        match err {
            octocrab::Error::GitHub { source, .. } => {
                let status = source.status_code.as_u16();
                let message = source.message.clone();
                match status {
                    401 => GitHubError::Unauthorized { status, message },
                    403 | 404 => GitHubError::Unauthorized {
                        status,
                        message: format!("cannot get an installation token: {message}"),
                    },
                    _ => GitHubError::Status {
                        method: "POST".into(),
                        status,
                        path: "an installation token".into(),
                        message,
                    },
                }
            }
            octocrab::Error::JWT { source, .. } => {
                GitHubError::Config(format!("cannot sign the App's JWT: {source}"))
            }
            other => GitHubError::Network {
                url: format!("{}{path}", self.inner.api_url),
                message: other.to_string(),
            },
        }
    }

    fn classify(
        &self,
        method: &Method,
        path: &str,
        status: StatusCode,
        headers: &HeaderMap,
        body: &Bytes,
        limit_hits: u32,
    ) -> Verdict {
        if status.is_success() || status == StatusCode::NOT_MODIFIED {
            return Verdict::Done;
        }
        let message = error_message(body);
        let retry_after = header(headers, "retry-after").and_then(|v| v.trim().parse::<u64>().ok());
        let remaining =
            header(headers, "x-ratelimit-remaining").and_then(|v| v.parse::<i64>().ok());
        let reset = header(headers, "x-ratelimit-reset").and_then(|v| v.parse::<i64>().ok());
        let secondary = message
            .to_ascii_lowercase()
            .contains("secondary rate limit")
            || message.to_ascii_lowercase().contains("abuse");
        match status.as_u16() {
            403 | 429 => {
                // Bounded: a broken proxy's `retry-after: 99999999999` must not park a job
                // for centuries (GitHub's own waits are at most an hour).
                if let Some(seconds) = retry_after {
                    return Verdict::RateLimited(Duration::from_secs(seconds.min(MAX_WAIT_SECS)));
                }
                if remaining == Some(0) {
                    let now = chrono::Utc::now().timestamp();
                    let wait = reset.map_or(60, |reset| reset.saturating_sub(now).max(0) + 1);
                    return Verdict::RateLimited(Duration::from_secs(
                        (wait as u64).min(MAX_WAIT_SECS),
                    ));
                }
                if secondary || status.as_u16() == 429 {
                    return Verdict::RateLimited(backoff(
                        self.inner.retry.secondary_backoff,
                        limit_hits,
                    ));
                }
                Verdict::Fail(GitHubError::Forbidden {
                    path: path.to_string(),
                    message,
                })
            }
            401 => Verdict::Fail(GitHubError::Unauthorized {
                status: 401,
                message,
            }),
            404 => Verdict::Fail(GitHubError::NotFound {
                path: path.to_string(),
            }),
            410 => Verdict::Fail(GitHubError::Gone {
                path: path.to_string(),
            }),
            code if code >= 500 => Verdict::ServerError(GitHubError::Status {
                method: method.to_string(),
                status: code,
                path: path.to_string(),
                message,
            }),
            code => Verdict::Fail(GitHubError::Status {
                method: method.to_string(),
                status: code,
                path: path.to_string(),
                message,
            }),
        }
    }

    /// A path and query octocrab will send with our credentials: its base URI layer adds the
    /// host and the API's base path, and it attaches the Authorization header only to such
    /// relative URIs (or to api.github.com). Link headers carry absolute URLs, so they are
    /// cut back to the part after the base.
    fn relative(&self, path: &str) -> String {
        let inner = &self.inner;
        if let Some(rest) = path.strip_prefix(inner.api_url.as_str()) {
            return ensure_slash(rest);
        }
        if path.starts_with('/') {
            return path.to_string();
        }
        match path.parse::<http::Uri>() {
            Ok(uri) => {
                let pq = uri
                    .path_and_query()
                    .map(|pq| pq.as_str().to_string())
                    .unwrap_or_else(|| "/".into());
                match pq.strip_prefix(inner.base_path.as_str()) {
                    Some(rest) if !inner.base_path.is_empty() => ensure_slash(rest),
                    _ => pq,
                }
            }
            Err(_) => ensure_slash(path),
        }
    }
}

enum Verdict {
    Done,
    Fail(GitHubError),
    RateLimited(Duration),
    ServerError(GitHubError),
}

fn ensure_slash(s: &str) -> String {
    if s.starts_with('/') {
        s.to_string()
    } else {
        format!("/{s}")
    }
}

fn backoff(base: Duration, attempt: u32) -> Duration {
    base.saturating_mul(2u32.saturating_pow(attempt.min(16)))
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// GitHub's error message from a JSON body, or the start of the body.
fn error_message(body: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct ApiError {
        message: String,
    }
    match serde_json::from_slice::<ApiError>(body) {
        Ok(err) => err.message,
        Err(_) => String::from_utf8_lossy(&body[..body.len().min(200)])
            .trim()
            .to_string(),
    }
}

/// The URL of `rel` in a Link header.
fn link(headers: &HeaderMap, rel: &str) -> Option<String> {
    let value = header(headers, "link")?;
    value.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        let is_rel = params
            .split(';')
            .any(|p| p.trim() == format!("rel=\"{rel}\"") || p.trim() == format!("rel={rel}"));
        is_rel.then(|| {
            url.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
    })
}

/// The `page` parameter of a URL.
fn page_of(url: &str) -> Option<u64> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == "page").then(|| v.parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_link_headers() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "link",
            http::HeaderValue::from_static(
                "<http://127.0.0.1:9/repos/o/r/issues?page=2&per_page=100>; rel=\"next\", \
                 <http://127.0.0.1:9/repos/o/r/issues?page=7&per_page=100>; rel=\"last\"",
            ),
        );
        assert_eq!(
            link(&headers, "next").as_deref(),
            Some("http://127.0.0.1:9/repos/o/r/issues?page=2&per_page=100")
        );
        assert_eq!(link(&headers, "last").and_then(|u| page_of(&u)), Some(7));
        assert_eq!(link(&headers, "prev"), None);
    }

    #[tokio::test]
    async fn cuts_absolute_urls_back_to_the_api_path() {
        let gh = |url: &str| {
            GitHub::new(
                GitHubSettings {
                    api_url: url.into(),
                    credentials: Credentials::Anonymous,
                    retry: RetrySettings::default(),
                },
                Arc::new(Metrics::default()),
            )
            .expect("client")
        };
        let client = gh("https://ghe.example.com/api/v3").app_client();
        assert!(client.is_err(), "no App credentials");
        let github = gh("https://ghe.example.com/api/v3");
        let client = Client {
            crab: github.inner.root.clone(),
            inner: github.inner.clone(),
        };
        assert_eq!(
            client.relative("https://ghe.example.com/api/v3/repos/o/r/issues?page=2"),
            "/repos/o/r/issues?page=2"
        );
        assert_eq!(client.relative("/repos/o/r"), "/repos/o/r");
        assert_eq!(
            client.relative("http://other.host/api/v3/x?y=1"),
            "/x?y=1",
            "the base path is dropped from any absolute URL"
        );
    }

    #[tokio::test]
    async fn a_huge_retry_after_is_bounded() {
        let github = GitHub::new(
            GitHubSettings {
                api_url: "http://127.0.0.1:9".into(),
                credentials: Credentials::Anonymous,
                retry: RetrySettings::default(),
            },
            Arc::new(Metrics::default()),
        )
        .expect("client");
        let client = Client {
            crab: github.inner.root.clone(),
            inner: github.inner.clone(),
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            "retry-after",
            http::HeaderValue::from_static("99999999999999"),
        );
        let verdict = client.classify(
            &http::Method::GET,
            "/repos/o/r",
            StatusCode::TOO_MANY_REQUESTS,
            &headers,
            &Bytes::new(),
            0,
        );
        assert!(
            matches!(verdict, Verdict::RateLimited(wait) if wait == Duration::from_secs(MAX_WAIT_SECS)),
            "a day at most"
        );
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", http::HeaderValue::from_static("0"));
        headers.insert(
            "x-ratelimit-reset",
            http::HeaderValue::from_static("9223372036854775807"),
        );
        let verdict = client.classify(
            &http::Method::GET,
            "/repos/o/r",
            StatusCode::FORBIDDEN,
            &headers,
            &Bytes::new(),
            0,
        );
        assert!(
            matches!(verdict, Verdict::RateLimited(wait) if wait <= Duration::from_secs(MAX_WAIT_SECS)),
            "no overflow"
        );
    }

    #[test]
    fn a_bad_api_url_is_a_clear_error() {
        let err = GitHub::new(
            GitHubSettings {
                api_url: "not a url".into(),
                credentials: Credentials::Anonymous,
                retry: RetrySettings::default(),
            },
            Arc::new(Metrics::default()),
        )
        .err()
        .expect("error");
        assert!(err.to_string().contains("GITHUB_API_URL"));
    }
}
