//! GitHub: webhook signatures and our slim view of webhook payloads.

pub mod api;
pub mod client;
pub mod event;
pub mod refs;
pub mod signature;

/// GitHub's web address for an API base: `https://github.com` for the public API, the
/// server itself for GitHub Enterprise (`https://ghe.example/api/v3`).
pub fn web_url(api_url: &str) -> String {
    let api = api_url.trim_end_matches('/');
    if api == "https://api.github.com" {
        return "https://github.com".to_string();
    }
    api.strip_suffix("/api/v3")
        .unwrap_or(api)
        .to_string()
}
