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
    api.strip_suffix("/api/v3").unwrap_or(api).to_string()
}

/// GitHub's web address as a thread's own page gives it (`https://github.com` from
/// `https://github.com/o/r/issues/7`), else as the API's address implies.
pub fn web_base(html_url: &str, repo: &crate::store::RepoName, api_url: &str) -> String {
    let needle = format!("/{}/{}/", repo.owner, repo.name).to_lowercase();
    match html_url.to_lowercase().find(&needle) {
        Some(i) if html_url.starts_with("http") => html_url[..i].to_string(),
        _ => web_url(api_url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_web_address_of_a_thread_or_an_api() {
        let repo = crate::store::RepoName::parse("Acme/Widgets").expect("repo");
        assert_eq!(
            web_base(
                "https://ghe.example/acme/widgets/issues/7",
                &repo,
                "https://api.github.com"
            ),
            "https://ghe.example"
        );
        assert_eq!(
            web_base("", &repo, "https://api.github.com"),
            "https://github.com"
        );
        assert_eq!(
            web_url("https://ghe.example/api/v3/"),
            "https://ghe.example"
        );
    }
}
