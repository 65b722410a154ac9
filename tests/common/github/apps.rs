//! Apps: the App itself, its installations and their tokens, and the webhook deliveries it can
//! ask to be sent again.

use super::*;

pub(super) fn mint_installation_token(
    st: &mut State,
    installation_id: u64,
) -> (String, SystemTime) {
    use rand::Rng;
    let suffix: String = rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(36)
        .map(char::from)
        .collect();
    let token = format!("ghs_{suffix}");
    let expires = SystemTime::now() + Duration::from_secs(3600);
    st.credentials.insert(
        token.clone(),
        Credential::Installation {
            id: installation_id,
            expires,
        },
    );
    (token, expires)
}

pub(super) fn list_deliveries(st: &State, req: &Req) -> Reply {
    let (_, per_page) = req.query.paging();
    let start = req
        .query
        .get("cursor")
        .and_then(|c| c.strip_prefix("v1_"))
        .and_then(|c| c.parse::<u64>().ok())
        .unwrap_or(u64::MAX);
    let mut it = st.deliveries.range(..=start).rev();
    let items: Vec<Value> = it
        .by_ref()
        .take(per_page)
        .map(|(_, d)| delivery_json(d))
        .collect();
    let reply = Reply::json(200, Value::Array(items));
    match it.next() {
        Some((next, _)) => {
            let link = format!(
                "<{}/app/hook/deliveries?per_page={per_page}&cursor=v1_{next}>; rel=\"next\"",
                st.base
            );
            reply.with_header("link", link)
        }
        None => reply,
    }
}

pub(super) fn app_json(base: &str) -> Value {
    json!({
        "id": APP_ID,
        "slug": APP_SLUG,
        "node_id": "MDM6QXBwNDI0Mg==",
        "client_id": "Iv1.standin0000000000",
        "owner": user_json(base, "coordinator-org"),
        "name": "coordinator",
        "description": "stand-in App",
        "external_url": "https://example.invalid",
        "html_url": format!("https://github.com/apps/{APP_SLUG}"),
        "created_at": iso(CLOCK_START),
        "updated_at": iso(CLOCK_START),
        "permissions": installation_permissions(),
        "events": ["issues", "issue_comment", "pull_request", "installation_repositories"],
        "installations_count": 1,
    })
}

pub(super) fn installation_permissions() -> Value {
    json!({ "issues": "write", "pull_requests": "read", "metadata": "read", "contents": "read" })
}

pub(super) fn installation_json(base: &str, id: u64, owner: &str) -> Value {
    json!({
        "id": id,
        "account": user_json(base, owner),
        "access_tokens_url": format!("{base}/app/installations/{id}/access_tokens"),
        "repositories_url": format!("{base}/installation/repositories"),
        "html_url": format!("https://github.com/settings/installations/{id}"),
        "app_id": APP_ID,
        "app_slug": APP_SLUG,
        "target_id": user_id(owner),
        "target_type": "Organization",
        "permissions": installation_permissions(),
        "events": ["issues", "issue_comment", "pull_request"],
        "repository_selection": "selected",
        "single_file_name": null,
        "created_at": iso(CLOCK_START),
        "updated_at": iso(CLOCK_START),
    })
}

pub(super) fn delivery_json(d: &HookDeliverySpec) -> Value {
    let status = if (200..300).contains(&d.status_code) {
        "OK".to_string()
    } else {
        format!("Invalid HTTP Response: {}", d.status_code)
    };
    json!({
        "id": d.id,
        "guid": d.guid,
        "delivered_at": d.delivered_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "redelivery": d.redelivery,
        "duration": 0.27,
        "status": status,
        "status_code": d.status_code,
        "event": d.event,
        "action": d.action,
        "installation_id": d.installation_id,
        "repository_id": d.repository_id,
        "throttled_at": null,
    })
}
