//! Serving: the HTTP plumbing (replies, queries, paging, authentication) and the router that
//! hands each request to its resource. A request no route expects is a 404 and is recorded as
//! unexpected: the test fails when the stand-in is dropped.

use super::*;

// ---------------------------------------------------------------------------------------------
// Serving
// ---------------------------------------------------------------------------------------------

/// What a route answers.
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) body: ReplyBody,
    pub(super) headers: Vec<(&'static str, String)>,
    /// No route expects this request: the bot called something the stand-in (and so the
    /// test) does not know of.
    pub(super) unexpected: bool,
}

pub(super) enum ReplyBody {
    Empty,
    Json(Value),
    Text(String),
    Bytes(Vec<u8>),
}

impl Reply {
    pub(super) fn json(status: u16, value: Value) -> Reply {
        Reply {
            status,
            body: ReplyBody::Json(value),
            headers: Vec::new(),
            unexpected: false,
        }
    }

    /// A request no route expects: 404, recorded as unexpected.
    pub(super) fn unexpected() -> Reply {
        Reply {
            unexpected: true,
            ..Reply::not_found()
        }
    }

    pub(super) fn error(status: u16, message: &str) -> Reply {
        Reply::json(
            status,
            json!({ "message": message, "documentation_url": DOCS, "status": status.to_string() }),
        )
    }

    pub(super) fn not_found() -> Reply {
        Reply::error(404, "Not Found")
    }

    pub(super) fn bad_credentials() -> Reply {
        Reply::error(401, "Bad credentials")
    }

    pub(super) fn validation(resource: &str, field: &str, code: &str, message: &str) -> Reply {
        Reply::json(
            422,
            json!({
                "message": "Validation Failed",
                "errors": [{ "resource": resource, "code": code, "field": field, "message": message }],
                "documentation_url": DOCS,
                "status": "422",
            }),
        )
    }

    pub(super) fn no_content() -> Reply {
        Reply {
            status: 204,
            body: ReplyBody::Empty,
            headers: Vec::new(),
            unexpected: false,
        }
    }

    pub(super) fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }
}

/// A parsed query string: decoded pairs plus the raw text for `Link` headers.
pub(super) struct Query {
    pub(super) raw: String,
    pub(super) pairs: Vec<(String, String)>,
}

impl Query {
    pub(super) fn parse(raw: Option<&str>) -> Query {
        let raw = raw.unwrap_or("").to_string();
        let pairs = raw
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (pct_decode(k, true), pct_decode(v, true))
            })
            .collect();
        Query { raw, pairs }
    }

    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// (page, per_page): page >= 1, per_page in 1..=100, default 30.
    pub(super) fn paging(&self) -> (usize, usize) {
        let page = self
            .get("page")
            .and_then(|p| p.parse::<usize>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1);
        let per_page = self
            .get("per_page")
            .and_then(|p| p.parse::<usize>().ok())
            .filter(|p| *p >= 1)
            .map_or(30, |p| p.min(100));
        (page, per_page)
    }

    /// `since` as epoch seconds (rounded up), or a 422.
    pub(super) fn since(&self) -> Result<Option<i64>, Reply> {
        let Some(raw) = self.get("since") else {
            return Ok(None);
        };
        let parsed = DateTime::parse_from_rfc3339(raw).map_err(|_| {
            Reply::validation(
                "Issue",
                "since",
                "invalid",
                "since is not a valid timestamp",
            )
        })?;
        let secs = parsed.timestamp();
        Ok(Some(if parsed.timestamp_subsec_nanos() > 0 {
            secs + 1
        } else {
            secs
        }))
    }

    pub(super) fn one_of<'a>(
        &'a self,
        key: &str,
        default: &'a str,
        allowed: &[&str],
    ) -> Result<&'a str, Reply> {
        let v = self.get(key).unwrap_or(default);
        if allowed.contains(&v) {
            Ok(v)
        } else {
            Err(Reply::validation(
                "Issue",
                key,
                "invalid",
                &format!("{key} is not one of {}", allowed.join(", ")),
            ))
        }
    }
}

/// Percent-decodes `s`; `+` means a space only in query strings.
pub(super) fn pct_decode(s: &str, plus_is_space: bool) -> String {
    fn hex_val(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && let Some(&[hi, lo]) = bytes.get(i + 1..i + 3)
            && let (Some(hi), Some(lo)) = (hex_val(hi), hex_val(lo))
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(if b == b'+' && plus_is_space { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn pct_encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `Link` header for page `page` of `total` items, keeping the other query parameters.
pub(super) fn link_header(
    base: &str,
    path: &str,
    query: &Query,
    page: usize,
    per_page: usize,
    total: usize,
) -> Option<String> {
    let last = total.div_ceil(per_page).max(1);
    let kept: Vec<&str> = query
        .raw
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| pct_decode(p.split_once('=').map_or(*p, |(k, _)| k), true) != "page")
        .collect();
    let url = |n: usize| {
        let mut q = kept.join("&");
        if !q.is_empty() {
            q.push('&');
        }
        format!("<{base}{path}?{q}page={n}>")
    };
    let mut links = Vec::new();
    if page > 1 {
        links.push(format!("{}; rel=\"prev\"", url((page - 1).min(last))));
    }
    if page < last {
        links.push(format!("{}; rel=\"next\"", url(page + 1)));
        links.push(format!("{}; rel=\"last\"", url(last)));
    }
    if page > 1 {
        links.push(format!("{}; rel=\"first\"", url(1)));
    }
    (!links.is_empty()).then(|| links.join(", "))
}

/// A page of `items` (already filtered and ordered) as a JSON array with its `Link` header.
pub(super) fn paged(
    base: &str,
    path: &str,
    query: &Query,
    total: usize,
    page_items: Vec<Value>,
) -> Reply {
    let (page, per_page) = query.paging();
    let reply = Reply::json(200, Value::Array(page_items));
    match link_header(base, path, query, page, per_page, total) {
        Some(link) => reply.with_header("link", link),
        None => reply,
    }
}

pub(super) struct Req {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) segs: Vec<String>,
    pub(super) query: Query,
    pub(super) body: Bytes,
    pub(super) auth: Auth,
    /// Why a credential was refused.
    pub(super) auth_error: Option<&'static str>,
}

impl Req {
    pub(super) fn json_body(&self) -> Result<Value, Reply> {
        serde_json::from_slice(&self.body).map_err(|_| Reply::error(400, "Problems parsing JSON"))
    }
}

#[derive(serde::Deserialize)]
pub(super) struct Claims {
    pub(super) iss: Value,
    pub(super) iat: i64,
    pub(super) exp: i64,
}

/// The credential of a request: none, a JWT already verified (no lock needed), or a token to
/// look up.
pub(super) enum Presented {
    Nothing,
    Malformed,
    Jwt(Result<(), &'static str>),
    Token(String),
}

pub(super) fn present(shared: &Shared, headers: &HeaderMap) -> Presented {
    let Some(value) = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return Presented::Nothing;
    };
    let credential = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .or_else(|| value.strip_prefix("token "))
        .map(str::trim);
    match credential {
        None => Presented::Malformed,
        Some(c) if c.starts_with("eyJ") && c.matches('.').count() == 2 => {
            Presented::Jwt(verify_jwt(shared, c))
        }
        Some(c) => Presented::Token(c.to_string()),
    }
}

pub(super) fn authenticate(st: &State, presented: Presented) -> (Auth, Option<&'static str>) {
    match presented {
        Presented::Nothing => (Auth::None, None),
        Presented::Malformed => (Auth::Invalid, Some("Bad credentials")),
        Presented::Jwt(Ok(())) => (Auth::Jwt, None),
        Presented::Jwt(Err(message)) => (Auth::Invalid, Some(message)),
        Presented::Token(token) => match st.credentials.get(&token) {
            Some(Credential::Installation { id, expires }) if *expires > SystemTime::now() => {
                (Auth::Installation(*id), None)
            }
            Some(Credential::Personal { login, .. }) => (Auth::Token(login.clone()), None),
            _ => (Auth::Invalid, Some("Bad credentials")),
        },
    }
}

pub(super) fn verify_jwt(shared: &Shared, token: &str) -> Result<(), &'static str> {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Claims>(token, &shared.decoding_key, &validation)
        .map_err(|_| "A JSON web token could not be decoded")?;
    let claims = data.claims;
    let iss_ok = match &claims.iss {
        Value::Number(n) => n.as_u64() == Some(APP_ID),
        Value::String(s) => s == &APP_ID.to_string(),
        _ => false,
    };
    if !iss_ok {
        return Err("A JSON web token could not be decoded");
    }
    let now = wall_secs();
    if claims.iat > now + 60 {
        return Err(
            "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
        );
    }
    if claims.exp <= now {
        return Err(
            "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
        );
    }
    if claims.exp - claims.iat > 600 + 60 {
        return Err("'Expiration time' claim ('exp') is too far in the future");
    }
    Ok(())
}

pub(super) async fn handle(AxState(shared): AxState<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let latency = lock(&shared).latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let path = parts.uri.path().to_string();
    let raw_query = parts.uri.query().map(str::to_string);
    let if_none_match = parts
        .headers
        .get(http::header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);

    let presented = present(&shared, &parts.headers);
    let mut st = lock(&shared);
    let (auth, auth_error) = authenticate(&st, presented);
    st.requests += 1;
    let request_id = format!(
        "5A3B:{:06X}:{:08X}",
        std::process::id() & 0xFFFFFF,
        st.requests
    );

    let fault = st
        .faults
        .iter_mut()
        .find(|f| {
            f.remaining > 0
                && match f.path_prefix.strip_suffix('$') {
                    Some(exact) => path == exact,
                    None => path.starts_with(&f.path_prefix),
                }
                && f.method.as_ref().is_none_or(|m| *m == parts.method)
        })
        .map(|f| {
            f.remaining -= 1;
            f.kind
        });
    st.faults.retain(|f| f.remaining > 0);

    let mut rate_remaining = st.rate_remaining;
    let mut rate_reset = wall_secs() + 3600;
    let reply = match fault {
        Some(FaultKind::Status(status)) => Reply::error(
            status,
            StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("Server Error"),
        ),
        Some(FaultKind::Secondary { retry_after }) => Reply::error(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
        )
        .with_header("retry-after", retry_after.to_string()),
        Some(FaultKind::Primary { reset_in }) => {
            rate_remaining = 0;
            rate_reset = wall_secs() + reset_in as i64;
            Reply::error(
                403,
                "API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.",
            )
        }
        None | Some(FaultKind::AfterApplying(_)) => {
            let segs = path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| pct_decode(s, false))
                .collect();
            let req = Req {
                method: parts.method.clone(),
                path: path.clone(),
                segs,
                query: Query::parse(raw_query.as_deref()),
                body: body.clone(),
                auth: auth.clone(),
                auth_error,
            };
            let reply = route(&mut st, &req);
            match fault {
                Some(FaultKind::AfterApplying(status)) => lost_answer(status),
                _ => reply,
            }
        }
    };

    if reply.unexpected {
        st.unexpected.push(format!("{} {}", parts.method, path));
    }
    // Serialise, then ETag / 304.
    let mut status = reply.status;
    let (bytes, content_type) = match reply.body {
        ReplyBody::Empty => (Vec::new(), None),
        ReplyBody::Json(v) => (
            serde_json::to_vec(&v).unwrap_or_default(),
            Some("application/json; charset=utf-8"),
        ),
        ReplyBody::Text(t) => (t.into_bytes(), Some("text/plain; charset=utf-8")),
        ReplyBody::Bytes(b) => (b, Some("application/x-gzip")),
    };
    let mut etag = None;
    let mut send_body = true;
    if parts.method == Method::GET && status == 200 {
        let tag = format!("W/\"{}\"", hex::encode(Sha256::digest(&bytes)));
        if let Some(inm) = &if_none_match
            && inm
                .split(',')
                .map(str::trim)
                .any(|c| c == tag || c == "*" || c == tag.trim_start_matches("W/"))
        {
            status = 304;
            send_body = false;
        }
        etag = Some(tag);
    }

    st.calls.push(Call {
        method: parts.method.to_string(),
        path,
        query: raw_query,
        status,
        auth,
        if_none_match,
        body: String::from_utf8_lossy(&body).into_owned(),
        at: Instant::now(),
    });
    let clock = st.clock;
    drop(st);

    let mut builder = Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    let headers = builder.headers_mut().expect("fresh response builder");
    let mut put = |name: &'static str, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.append(name, v);
        }
    };
    put("x-ratelimit-limit", "5000".to_string());
    put("x-ratelimit-remaining", rate_remaining.to_string());
    put("x-ratelimit-reset", rate_reset.to_string());
    put(
        "x-ratelimit-used",
        5000u64.saturating_sub(rate_remaining).to_string(),
    );
    put("x-ratelimit-resource", "core".to_string());
    put("x-github-request-id", request_id);
    put("x-github-media-type", "github.v3; format=json".to_string());
    put(
        "date",
        at(clock).format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
    );
    if let Some(tag) = etag {
        put("etag", tag);
    }
    if send_body && let Some(ct) = content_type {
        put("content-type", ct.to_string());
    }
    for (name, value) in reply.headers {
        put(name, value);
    }
    let body = if send_body {
        Body::from(bytes)
    } else {
        Body::empty()
    };
    builder
        .body(body)
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

/// Which credential a path takes.
#[derive(PartialEq)]
pub(super) enum Need {
    Nothing,
    Jwt,
    Token,
}

pub(super) fn route(st: &mut State, req: &Req) -> Reply {
    let segs: Vec<&str> = req.segs.iter().map(String::as_str).collect();
    let need = match segs.as_slice() {
        ["gist-raw", ..] | ["_codeload", ..] => Need::Nothing,
        ["app", ..] | ["repos", _, _, "installation"] => Need::Jwt,
        _ => Need::Token,
    };
    match (&need, &req.auth) {
        (Need::Nothing, _) => {}
        (Need::Token, Auth::None) if st.anonymous_reads && req.method == Method::GET => {}
        (_, Auth::None) => return Reply::error(401, "Requires authentication"),
        (_, Auth::Invalid) => {
            return Reply::error(401, req.auth_error.unwrap_or("Bad credentials"));
        }
        (Need::Jwt, Auth::Jwt) => {}
        (Need::Jwt, _) => return Reply::error(401, "A JSON web token could not be decoded"),
        (Need::Token, Auth::Jwt) => {
            return Reply::error(401, "A JSON web token could not be decoded");
        }
        (Need::Token, _) => {}
    }
    let m = &req.method;
    match segs.as_slice() {
        ["app"] if m == Method::GET => Reply::json(200, app_json(&st.base)),
        ["app", "installations"] if m == Method::GET => {
            let mut ids: Vec<(u64, String)> = Vec::new();
            for r in st.repos.values() {
                if !ids.iter().any(|(id, _)| *id == r.installation_id) {
                    ids.push((r.installation_id, r.owner.clone()));
                }
            }
            ids.sort();
            let items: Vec<Value> = ids
                .iter()
                .map(|(id, owner)| installation_json(&st.base, *id, owner))
                .collect();
            let total = items.len();
            let (page, per_page) = req.query.paging();
            let page_items = items
                .into_iter()
                .skip((page - 1) * per_page)
                .take(per_page)
                .collect();
            paged(&st.base, &req.path, &req.query, total, page_items)
        }
        ["app", "installations", id, "access_tokens"] if m == Method::POST => {
            let Ok(id) = id.parse::<u64>() else {
                return Reply::not_found();
            };
            if !st.repos.values().any(|r| r.installation_id == id) {
                return Reply::not_found();
            }
            let repos: Vec<Value> = st
                .repos
                .values()
                .filter(|r| r.installation_id == id)
                .map(|r| repo_json(&st.base, r))
                .collect();
            let (token, expires) = mint_installation_token(st, id);
            let expires_at = DateTime::<Utc>::from(expires)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            Reply::json(
                201,
                json!({
                    "token": token,
                    "expires_at": expires_at,
                    "permissions": installation_permissions(),
                    "repository_selection": "selected",
                    "repositories": repos,
                }),
            )
        }
        ["app", "hook", "deliveries"] if m == Method::GET => list_deliveries(st, req),
        ["app", "hook", "deliveries", id, "attempts"] if m == Method::POST => {
            match id.parse::<u64>() {
                Ok(id) if st.deliveries.contains_key(&id) => {
                    st.redeliveries.push(id);
                    Reply::json(202, json!({}))
                }
                _ => Reply::not_found(),
            }
        }
        ["user"] if m == Method::GET => match &req.auth {
            Auth::Token(login) => Reply::json(200, user_json(&st.base, login)),
            Auth::None => Reply::error(401, "Requires authentication"),
            _ => Reply::error(403, "Resource not accessible by integration"),
        },
        ["rate_limit"] if m == Method::GET => {
            let core = json!({
                "limit": 5000,
                "remaining": st.rate_remaining,
                "reset": wall_secs() + 3600,
                "used": 5000u64.saturating_sub(st.rate_remaining),
                "resource": "core",
            });
            Reply::json(200, json!({ "resources": { "core": core }, "rate": core }))
        }
        ["gists"] if m == Method::POST => create_gist(st, req),
        ["gists", id] if m == Method::GET => match st.gists.get(*id) {
            Some(g) => Reply::json(200, gist_json(&st.base, g)),
            None => Reply::not_found(),
        },
        ["gists", id] if m == Method::PATCH || m == Method::POST => update_gist(st, req, id),
        ["gist-raw", id, name] if m == Method::GET => {
            match st.gists.get(*id).and_then(|g| g.files.get(*name)) {
                Some(content) => Reply {
                    status: 200,
                    body: ReplyBody::Text(content.clone()),
                    headers: Vec::new(),
                    unexpected: false,
                },
                None => Reply::not_found(),
            }
        }
        ["graphql"] if m == Method::POST => graphql(st, req),
        // Where `/repos/O/R/tarball/SHA` redirects (codeload.github.com on GitHub).
        ["_codeload", owner, name, sha] if m == Method::GET => {
            let key = repo_key(&format!("{owner}/{name}"));
            let Some(repo) = st.repos.get(&key).filter(|r| r.head_sha() == *sha) else {
                return Reply::not_found();
            };
            let mut bytes = repo.tarball();
            if st.cut_tarballs > 0 {
                st.cut_tarballs -= 1;
                bytes.truncate(bytes.len() / 2);
            }
            Reply {
                status: 200,
                body: ReplyBody::Bytes(bytes),
                headers: Vec::new(),
                unexpected: false,
            }
        }
        ["repos", owner, name, rest @ ..] => {
            let key = repo_key(&format!("{owner}/{name}"));
            // A former name: GitHub redirects to the repository it became.
            if !st.repos.contains_key(&key)
                && let Some(new) = st.renamed.get(&key)
            {
                let mut location = format!("{}/repos/{new}", st.base);
                for part in rest {
                    location.push('/');
                    location.push_str(part);
                }
                return Reply::json(
                    301,
                    json!({ "message": "Moved Permanently", "url": location.clone() }),
                )
                .with_header("location", location);
            }
            let Some(repo) = st.repos.get(&key) else {
                return Reply::not_found();
            };
            if let Auth::Installation(id) = req.auth
                && id != repo.installation_id
            {
                return Reply::not_found();
            }
            repo_route(st, req, &key, rest)
        }
        _ => Reply::unexpected(),
    }
}

/// The error a gateway answers when the request went through but its answer did not.
pub(super) fn lost_answer(status: u16) -> Reply {
    Reply::error(status, "Bad Gateway: the upstream answer was lost")
}
