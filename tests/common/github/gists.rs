//! Gists (created and edited with a user token).

use super::*;

pub(super) fn create_gist(st: &mut State, req: &Req) -> Reply {
    let owner = match gist_writer(st, &req.auth) {
        Ok(o) => o,
        Err(reply) => return reply,
    };
    let v = match req.json_body() {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let mut files = BTreeMap::new();
    if let Some(map) = v.get("files").and_then(Value::as_object) {
        for (name, f) in map {
            match f.get("content").and_then(Value::as_str) {
                Some(c) if !c.is_empty() => {
                    files.insert(name.clone(), c.to_string());
                }
                _ => {
                    return Reply::validation(
                        "Gist",
                        "files",
                        "missing_field",
                        "contents can't be blank",
                    );
                }
            }
        }
    }
    if files.is_empty() {
        return Reply::validation("Gist", "files", "missing_field", "files can't be blank");
    }
    let now = tick(&mut st.clock);
    st.next_gist += 1;
    let id = format!("{:020x}", 0xa5a5_0000_0000u64 + st.next_gist);
    let gist = Gist {
        id: id.clone(),
        description: v
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        public: v.get("public").and_then(Value::as_bool).unwrap_or(false),
        owner,
        files,
        created_at: now,
        updated_at: now,
    };
    let reply = Reply::json(201, gist_json(&st.base, &gist));
    st.gists.insert(id, gist);
    reply
}

pub(super) fn update_gist(st: &mut State, req: &Req, id: &str) -> Reply {
    let login = match gist_writer(st, &req.auth) {
        Ok(o) => o,
        Err(reply) => return reply,
    };
    let v = match req.json_body() {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let now = tick(&mut st.clock);
    let base = st.base.clone();
    let Some(g) = st.gists.get_mut(id).filter(|g| g.owner == login) else {
        return Reply::not_found();
    };
    if let Some(d) = v.get("description") {
        g.description = d.as_str().map(str::to_string);
    }
    if let Some(map) = v.get("files").and_then(Value::as_object) {
        for (name, f) in map {
            if f.is_null() {
                g.files.remove(name);
                continue;
            }
            let target = f
                .get("filename")
                .and_then(Value::as_str)
                .unwrap_or(name)
                .to_string();
            let content = match f.get("content").and_then(Value::as_str) {
                Some(c) => c.to_string(),
                None => g.files.get(name).cloned().unwrap_or_default(),
            };
            g.files.remove(name);
            g.files.insert(target, content);
        }
    }
    g.updated_at = now;
    Reply::json(200, gist_json(&base, g))
}

pub(super) fn gist_writer(st: &State, auth: &Auth) -> Result<String, Reply> {
    match auth {
        Auth::Installation(_) => Err(Reply::error(403, "Resource not accessible by integration")),
        Auth::Token(login) => {
            let capable = st
                .credentials
                .values()
                .any(|c| matches!(c, Credential::Personal { login: l, gist: true } if l == login));
            if capable {
                Ok(login.clone())
            } else {
                Err(Reply::not_found())
            }
        }
        _ => Err(Reply::bad_credentials()),
    }
}

pub(super) fn gist_json(base: &str, g: &Gist) -> Value {
    let api = format!("{base}/gists/{}", g.id);
    let mut files = serde_json::Map::new();
    for (name, content) in &g.files {
        let truncated = content.len() > GIST_TRUNCATE_BYTES;
        let shown = if truncated {
            let mut end = GIST_TRUNCATE_BYTES;
            while !content.is_char_boundary(end) {
                end -= 1;
            }
            &content[..end]
        } else {
            content.as_str()
        };
        files.insert(
            name.clone(),
            json!({
                "filename": name,
                "type": "text/plain",
                "language": if name.ends_with(".md") { json!("Markdown") } else { Value::Null },
                "raw_url": format!("{base}/gist-raw/{}/{}", g.id, pct_encode_segment(name)),
                "size": content.len(),
                "truncated": truncated,
                "content": shown,
            }),
        );
    }
    json!({
        "url": api,
        "forks_url": format!("{api}/forks"),
        "commits_url": format!("{api}/commits"),
        "id": g.id,
        "node_id": format!("G_standin{}", g.id),
        "git_pull_url": format!("https://gist.github.com/{}.git", g.id),
        "git_push_url": format!("https://gist.github.com/{}.git", g.id),
        "html_url": format!("https://gist.github.com/{}/{}", g.owner, g.id),
        "files": files,
        "public": g.public,
        "created_at": iso(g.created_at),
        "updated_at": iso(g.updated_at),
        "description": g.description,
        "comments": 0,
        "user": null,
        "comments_url": format!("{api}/comments"),
        "owner": user_json(base, &g.owner),
        "truncated": false,
    })
}
