//! Issues and comments: listing, writing, reactions.

use super::*;

pub(super) fn comment_body(req: &Req) -> Result<String, Reply> {
    let v = req.json_body()?;
    let Some(body) = v.get("body").and_then(Value::as_str) else {
        return Err(Reply::validation(
            "IssueComment",
            "body",
            "missing_field",
            "body wasn't supplied.",
        ));
    };
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(Reply::validation(
            "IssueComment",
            "body",
            "custom",
            "body is too long (maximum is 65536 characters)",
        ));
    }
    Ok(body.to_string())
}

pub(super) fn reaction_content(req: &Req) -> Result<String, Reply> {
    let v = req.json_body()?;
    match v.get("content").and_then(Value::as_str) {
        Some(c) if REACTIONS.contains(&c) => Ok(c.to_string()),
        _ => Err(Reply::validation(
            "Reaction",
            "content",
            "invalid",
            "content is not included in the list",
        )),
    }
}

pub(super) fn react(
    base: &str,
    reactions: &mut Vec<Reaction>,
    login: &str,
    content: &str,
    clock: &mut i64,
    next_id: &mut u64,
) -> Reply {
    if let Some(existing) = reactions
        .iter()
        .find(|r| r.login == login && r.content == content)
    {
        return Reply::json(200, reaction_json(base, existing));
    }
    let reaction = Reaction {
        id: new_id(next_id),
        login: login.to_string(),
        content: content.to_string(),
        created_at: tick(clock),
    };
    let reply = Reply::json(201, reaction_json(base, &reaction));
    reactions.push(reaction);
    reply
}

pub(super) type IssueListParams<'a> = (&'a str, &'a str, &'a str, Option<i64>);

pub(super) fn issue_list_params(q: &Query) -> Result<IssueListParams<'_>, Reply> {
    Ok((
        q.one_of("state", "open", &["open", "closed", "all"])?,
        q.one_of("sort", "created", &["created", "updated", "comments"])?,
        q.one_of("direction", "desc", &["asc", "desc"])?,
        q.since()?,
    ))
}

pub(super) fn comment_list_params(q: &Query) -> Result<(&str, &str, Option<i64>), Reply> {
    Ok((
        q.one_of("sort", "created", &["created", "updated"])?,
        q.one_of("direction", "asc", &["asc", "desc"])?,
        q.since()?,
    ))
}

pub(super) fn list_issues(base: &str, repo: &Repo, req: &Req) -> Reply {
    let q = &req.query;
    let (state, sort, direction, since) = match issue_list_params(q) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let labels: Vec<String> = q
        .get("labels")
        .map(|l| {
            l.split(',')
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let mut numbers: Vec<u64> = match (since, sort) {
        (Some(s), _) => repo.by_updated.range(s..).map(|(_, n)| *n).collect(),
        (None, "updated") => repo.by_updated.values().copied().collect(),
        (None, _) => repo.by_created.values().copied().collect(),
    };
    numbers.retain(|n| {
        let Some(t) = repo.threads.get(n) else {
            return false;
        };
        let state_ok = match state {
            "open" => t.open,
            "closed" => !t.open,
            _ => true,
        };
        state_ok
            && labels
                .iter()
                .all(|l| t.labels.iter().any(|have| have.to_lowercase() == *l))
    });
    match (sort, since.is_some()) {
        ("created", true) => numbers.sort_by_key(|n| repo.threads[n].created_at),
        ("comments", _) => numbers.sort_by_key(|n| {
            let t = &repo.threads[n];
            (t.comment_ids.len(), t.created_at)
        }),
        _ => {}
    }
    if direction == "desc" {
        numbers.reverse();
    }
    let (page, per_page) = q.paging();
    let items = numbers
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|n| issue_json(base, repo, &repo.threads[n]))
        .collect();
    paged(base, &req.path, q, numbers.len(), items)
}

pub(super) fn list_repo_comments(base: &str, repo: &Repo, req: &Req) -> Reply {
    let q = &req.query;
    let (sort, direction, since) = match comment_list_params(q) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let (page, per_page) = q.paging();
    let skip = (page - 1) * per_page;
    let render = |id: &u64| repo.comments.get(id).map(|c| comment_json(base, repo, c));
    let (total, items): (usize, Vec<Value>) = match since {
        None => {
            let total = repo.comment_order.len();
            let items = match (sort, direction) {
                ("created", "asc") => {
                    let end = (skip + per_page).min(total);
                    repo.comment_order
                        .get(skip..end)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(render)
                        .collect()
                }
                ("created", _) => {
                    let end = total.saturating_sub(skip);
                    let start = end.saturating_sub(per_page);
                    repo.comment_order[start..end]
                        .iter()
                        .rev()
                        .filter_map(render)
                        .collect()
                }
                (_, "asc") => repo
                    .comments_by_updated
                    .values()
                    .skip(skip)
                    .take(per_page)
                    .filter_map(render)
                    .collect(),
                _ => repo
                    .comments_by_updated
                    .values()
                    .rev()
                    .skip(skip)
                    .take(per_page)
                    .filter_map(render)
                    .collect(),
            };
            (total, items)
        }
        Some(s) => {
            let mut ids: Vec<u64> = repo
                .comments_by_updated
                .range(s..)
                .map(|(_, id)| *id)
                .collect();
            if sort == "created" {
                ids.sort_unstable();
            }
            if direction == "desc" {
                ids.reverse();
            }
            let items = ids
                .iter()
                .skip(skip)
                .take(per_page)
                .filter_map(render)
                .collect();
            (ids.len(), items)
        }
    };
    paged(base, &req.path, q, total, items)
}
