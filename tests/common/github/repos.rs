//! Repositories: their routes (dispatching to issues, pulls, contents, collaborators) and GraphQL.

use super::*;

/// The one GraphQL shape the bot sends: files of a repository's default branch, read as
/// aliased `object(expression: "HEAD:path") { ... on Blob { text isTruncated } }` fields of
/// `repository(owner: $owner, name: $name)`.
pub(super) fn graphql(st: &mut State, req: &Req) -> Reply {
    let v = match req.json_body() {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let query = v.get("query").and_then(Value::as_str).unwrap_or_default();
    let vars = v.get("variables").cloned().unwrap_or(Value::Null);
    let owner = vars
        .get("owner")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let name = vars.get("name").and_then(Value::as_str).unwrap_or_default();
    let key = repo_key(&format!("{owner}/{name}"));
    let visible = st.repos.get(&key).is_some_and(|repo| match req.auth {
        Auth::Installation(id) => id == repo.installation_id,
        _ => true,
    });
    if !query.contains("repository(") || !visible {
        return Reply::json(
            200,
            json!({
                "data": { "repository": null },
                "errors": [{ "type": "NOT_FOUND", "path": ["repository"],
                    "message": format!("Could not resolve to a Repository with the name '{owner}/{name}'.") }]
            }),
        );
    }
    let Some(repo) = st.repos.get(&key) else {
        return Reply::not_found();
    };
    let mut fields = serde_json::Map::new();
    let mut rest = query;
    while let Some(at) = rest.find("object(expression:") {
        let before = &rest[..at];
        let alias = before
            .trim_end()
            .trim_end_matches(':')
            .trim_end()
            .rsplit(|c: char| c.is_whitespace() || c == '{')
            .next()
            .unwrap_or("object")
            .to_string();
        let after = &rest[at..];
        let expression = after.split('"').nth(1).unwrap_or_default().to_string();
        let path = expression.split_once(':').map_or("", |(_, p)| p);
        let value = repo.files.get(path).map_or(
            Value::Null,
            |text| json!({ "text": text, "isTruncated": false }),
        );
        fields.insert(alias, value);
        rest = &after["object(expression:".len()..];
    }
    Reply::json(
        200,
        json!({ "data": { "repository": Value::Object(fields) } }),
    )
}

pub(super) fn repo_route(st: &mut State, req: &Req, key: &str, rest: &[&str]) -> Reply {
    let m = &req.method;
    let base = st.base.clone();
    let State {
        repos,
        clock,
        next_id,
        ..
    } = st;
    let Some(repo) = repos.get_mut(key) else {
        return Reply::not_found();
    };
    let author = match &req.auth {
        Auth::Token(login) => login.clone(),
        _ => BOT_LOGIN.to_string(),
    };
    match rest {
        [] if m == Method::GET => Reply::json(200, repo_json(&base, repo)),
        ["branches", branch] if m == Method::GET => {
            if *branch != repo.default_branch {
                return Reply::error(404, "Branch not found");
            }
            Reply::json(
                200,
                json!({ "name": branch, "commit": { "sha": repo.head_sha() }, "protected": false }),
            )
        }
        ["commits", r] if m == Method::GET => {
            let head = repo.head_sha();
            if *r != head && *r != repo.default_branch {
                return Reply::error(422, "No commit found for SHA");
            }
            Reply::json(200, json!({ "sha": head }))
        }
        ["tarball", r] if m == Method::GET => {
            let head = repo.head_sha();
            if *r != head && *r != repo.default_branch {
                return Reply::not_found();
            }
            Reply {
                status: 302,
                body: ReplyBody::Empty,
                headers: Vec::new(),
                unexpected: false,
            }
            .with_header(
                "location",
                format!("{base}/_codeload/{}/{head}", repo.full_name),
            )
        }
        ["installation"] if m == Method::GET => Reply::json(
            200,
            installation_json(&base, repo.installation_id, &repo.owner),
        ),
        ["issues"] if m == Method::GET => list_issues(&base, repo, req),
        ["issues", "comments"] if m == Method::GET => list_repo_comments(&base, repo, req),
        ["issues", "comments", id] => {
            let Some(id) = id
                .parse::<u64>()
                .ok()
                .filter(|id| repo.comments.contains_key(id))
            else {
                return Reply::not_found();
            };
            if m == Method::GET {
                Reply::json(200, comment_json(&base, repo, &repo.comments[&id]))
            } else if m == Method::PATCH || m == Method::POST {
                // GitHub takes POST for PATCH here, and octocrab's update_comment sends POST.
                let body = match comment_body(req) {
                    Ok(b) => b,
                    Err(reply) => return reply,
                };
                let now = tick(clock);
                if let Some(c) = repo.comments.get_mut(&id) {
                    c.body = body;
                }
                repo.touch_comment(id, now);
                Reply::json(200, comment_json(&base, repo, &repo.comments[&id]))
            } else if m == Method::DELETE {
                let now = tick(clock);
                if let Some(c) = repo.remove_comment(id) {
                    repo.touch_thread(c.number, now);
                }
                Reply::no_content()
            } else {
                Reply::not_found()
            }
        }
        ["issues", "comments", id, "reactions"] => {
            let Some(id) = id
                .parse::<u64>()
                .ok()
                .filter(|id| repo.comments.contains_key(id))
            else {
                return Reply::not_found();
            };
            if m == Method::GET {
                let c = &repo.comments[&id];
                let items: Vec<Value> = c
                    .reactions
                    .iter()
                    .map(|r| reaction_json(&base, r))
                    .collect();
                let total = items.len();
                let (page, per_page) = req.query.paging();
                let items = items
                    .into_iter()
                    .skip((page - 1) * per_page)
                    .take(per_page)
                    .collect();
                paged(&base, &req.path, &req.query, total, items)
            } else if m == Method::POST {
                let content = match reaction_content(req) {
                    Ok(c) => c,
                    Err(reply) => return reply,
                };
                let Some(c) = repo.comments.get_mut(&id) else {
                    return Reply::not_found();
                };
                react(&base, &mut c.reactions, &author, &content, clock, next_id)
            } else {
                Reply::not_found()
            }
        }
        ["issues", n, tail @ ..] => {
            let Ok(number) = n.parse::<u64>() else {
                return Reply::not_found();
            };
            if !repo.threads.contains_key(&number) {
                return if repo.deleted.contains(&number) {
                    Reply::error(410, "This issue was deleted")
                } else {
                    Reply::not_found()
                };
            }
            match tail {
                [] if m == Method::GET => {
                    Reply::json(200, issue_json(&base, repo, &repo.threads[&number]))
                }
                [] if m == Method::PATCH => {
                    // Closing or reopening an issue, as GitHub validates it.
                    let v = match req.json_body() {
                        Ok(v) => v,
                        Err(reply) => return reply,
                    };
                    let state = v.get("state").and_then(Value::as_str);
                    let reason = v.get("state_reason").and_then(Value::as_str);
                    if state.is_some_and(|s| s != "open" && s != "closed")
                        || reason.is_some_and(|r| {
                            !["completed", "not_planned", "duplicate", "reopened"].contains(&r)
                        })
                    {
                        return Reply::validation("Issue", "state", "invalid", "invalid state");
                    }
                    let now = tick(clock);
                    if let Some(t) = repo.threads.get_mut(&number) {
                        match state {
                            Some("closed") if t.open => {
                                t.open = false;
                                t.closed_at = Some(now);
                                t.state_reason = Some(reason.unwrap_or("completed").to_string());
                                let id = new_id(next_id);
                                t.timeline.push(TimelineEntry::Closed { at: now, id });
                            }
                            Some("closed") => {
                                if let Some(r) = reason {
                                    t.state_reason = Some(r.to_string());
                                }
                            }
                            Some("open") if !t.open => {
                                t.open = true;
                                t.closed_at = None;
                                t.state_reason = Some("reopened".to_string());
                            }
                            _ => {}
                        }
                    }
                    repo.touch_thread(number, now);
                    Reply::json(200, issue_json(&base, repo, &repo.threads[&number]))
                }
                ["comments"] if m == Method::GET => {
                    let since = match req.query.since() {
                        Ok(s) => s,
                        Err(reply) => return reply,
                    };
                    let t = &repo.threads[&number];
                    let ids: Vec<u64> = t
                        .comment_ids
                        .iter()
                        .copied()
                        .filter(|id| {
                            since.is_none_or(|s| {
                                repo.comments.get(id).is_some_and(|c| c.updated_at >= s)
                            })
                        })
                        .collect();
                    let (page, per_page) = req.query.paging();
                    let items = ids
                        .iter()
                        .skip((page - 1) * per_page)
                        .take(per_page)
                        .filter_map(|id| repo.comments.get(id))
                        .map(|c| comment_json(&base, repo, c))
                        .collect();
                    paged(&base, &req.path, &req.query, ids.len(), items)
                }
                ["comments"] if m == Method::POST => {
                    let body = match comment_body(req) {
                        Ok(b) => b,
                        Err(reply) => return reply,
                    };
                    let now = tick(clock);
                    let id = new_id(next_id);
                    insert_comment(repo, number, id, &author, &body, now);
                    Reply::json(201, comment_json(&base, repo, &repo.comments[&id]))
                }
                ["reactions"] if m == Method::POST => {
                    let content = match reaction_content(req) {
                        Ok(c) => c,
                        Err(reply) => return reply,
                    };
                    let Some(t) = repo.threads.get_mut(&number) else {
                        return Reply::not_found();
                    };
                    react(&base, &mut t.reactions, &author, &content, clock, next_id)
                }
                ["timeline"] if m == Method::GET => {
                    let events = timeline_json(&base, &repos[key], number, repos);
                    let total = events.len();
                    let (page, per_page) = req.query.paging();
                    let items = events
                        .into_iter()
                        .skip((page - 1) * per_page)
                        .take(per_page)
                        .collect();
                    paged(&base, &req.path, &req.query, total, items)
                }
                _ => Reply::not_found(),
            }
        }
        ["pulls", n] if m == Method::GET => {
            match n.parse::<u64>().ok().and_then(|n| repo.threads.get(&n)) {
                Some(t) if t.pull.is_some() => Reply::json(200, pull_json(&base, repo, t)),
                _ => Reply::not_found(),
            }
        }
        ["collaborators", login, "permission"] if m == Method::GET => {
            let role = repo
                .permissions
                .get(&login.to_ascii_lowercase())
                .cloned()
                .unwrap_or_else(|| {
                    if login.eq_ignore_ascii_case(&repo.owner) {
                        "admin".to_string()
                    } else {
                        "none".to_string()
                    }
                });
            let permission = match role.as_str() {
                "admin" => "admin",
                "maintain" | "write" => "write",
                "triage" | "read" => "read",
                _ => "none",
            };
            let mut user = user_json(&base, login);
            user["permissions"] = json!({
                "admin": role == "admin",
                "maintain": matches!(role.as_str(), "admin" | "maintain"),
                "push": matches!(role.as_str(), "admin" | "maintain" | "write"),
                "triage": matches!(role.as_str(), "admin" | "maintain" | "write" | "triage"),
                "pull": role != "none",
            });
            user["role_name"] = json!(role);
            Reply::json(
                200,
                json!({ "permission": permission, "role_name": role, "user": user }),
            )
        }
        ["contents", path @ ..] if m == Method::GET && !path.is_empty() => {
            if let Some(r) = req.query.get("ref")
                && r != repo.default_branch
                && r != format!("refs/heads/{}", repo.default_branch)
            {
                return Reply::error(404, &format!("No commit found for the ref {r}"));
            }
            let path = path.join("/");
            match repo.files.get(&path) {
                Some(content) => Reply::json(200, content_json(&base, repo, &path, content)),
                None => Reply::not_found(),
            }
        }
        _ => Reply::unexpected(),
    }
}
