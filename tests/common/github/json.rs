//! The JSON shapes GitHub answers with.

use super::*;

// ---------------------------------------------------------------------------------------------
// JSON shapes
// ---------------------------------------------------------------------------------------------

pub(super) fn user_id(login: &str) -> u64 {
    if login == BOT_LOGIN {
        return 142_420_000;
    }
    let digest = Sha256::digest(login.to_ascii_lowercase().as_bytes());
    u64::from(u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) & 0x0FFF_FFFF) + 1
}

thread_local! {
    /// Rendered users by base URL and login: a page of 100 comments renders few distinct users.
    static USERS: RefCell<HashMap<String, HashMap<String, Value>>> = RefCell::new(HashMap::new());
}

pub(super) fn user_json(base: &str, login: &str) -> Value {
    if let Some(v) = USERS.with(|c| c.borrow().get(base).and_then(|m| m.get(login)).cloned()) {
        return v;
    }
    let v = render_user(base, login);
    USERS.with(|c| {
        c.borrow_mut()
            .entry(base.to_string())
            .or_default()
            .insert(login.to_string(), v.clone())
    });
    v
}

pub(super) fn render_user(base: &str, login: &str) -> Value {
    let id = user_id(login);
    let bot = login.ends_with("[bot]");
    let api = format!("{base}/users/{}", pct_encode_segment(login));
    let html = if bot {
        format!(
            "https://github.com/apps/{}",
            login.trim_end_matches("[bot]")
        )
    } else {
        format!("https://github.com/{login}")
    };
    json!({
        "login": login,
        "id": id,
        "node_id": format!("MDQ6VXNlcntp{id}"),
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{id}?v=4"),
        "gravatar_id": "",
        "url": api,
        "html_url": html,
        "followers_url": format!("{api}/followers"),
        "following_url": format!("{api}/following{{/other_user}}"),
        "gists_url": format!("{api}/gists{{/gist_id}}"),
        "starred_url": format!("{api}/starred{{/owner}}{{/repo}}"),
        "subscriptions_url": format!("{api}/subscriptions"),
        "organizations_url": format!("{api}/orgs"),
        "repos_url": format!("{api}/repos"),
        "events_url": format!("{api}/events{{/privacy}}"),
        "received_events_url": format!("{api}/received_events"),
        "type": if bot { "Bot" } else { "User" },
        "user_view_type": "public",
        "site_admin": false,
    })
}

pub(super) fn repo_json(base: &str, r: &Repo) -> Value {
    let api = format!("{base}/repos/{}", r.full_name);
    json!({
        "id": r.id,
        "node_id": format!("R_standin{}", r.id),
        "name": r.name,
        "full_name": r.full_name,
        "owner": user_json(base, &r.owner),
        "private": false,
        "html_url": format!("https://github.com/{}", r.full_name),
        "description": null,
        "fork": false,
        "url": api,
        "issues_url": format!("{api}/issues{{/number}}"),
        "pulls_url": format!("{api}/pulls{{/number}}"),
        "contents_url": format!("{api}/contents/{{+path}}"),
        "default_branch": r.default_branch,
        "visibility": "public",
        "archived": false,
        "disabled": false,
        "has_issues": true,
        "open_issues_count": r.threads.values().filter(|t| t.open).count(),
        "created_at": iso(CLOCK_START),
        "updated_at": iso(CLOCK_START),
        "pushed_at": iso(CLOCK_START),
    })
}

pub(super) fn label_color(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    hex::encode(&digest[..3])
}

pub(super) fn label_json(base: &str, r: &Repo, name: &str) -> Value {
    let digest = Sha256::digest(format!("{}:{name}", r.full_name).as_bytes());
    let id = u64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]));
    json!({
        "id": id,
        "node_id": format!("LA_standin{id}"),
        "url": format!("{base}/repos/{}/labels/{}", r.full_name, pct_encode_segment(name)),
        "name": name,
        "color": label_color(name),
        "default": false,
        "description": null,
    })
}

pub(super) fn reactions_summary(
    url: String,
    seeds: &BTreeMap<String, u64>,
    made: &[Reaction],
) -> Value {
    let mut counts: BTreeMap<&str, u64> = REACTIONS.iter().map(|c| (*c, 0)).collect();
    for (content, n) in seeds {
        if let Some(slot) = counts.get_mut(content.as_str()) {
            *slot += n;
        }
    }
    for r in made {
        if let Some(slot) = counts.get_mut(r.content.as_str()) {
            *slot += 1;
        }
    }
    let mut v = json!({ "url": url, "total_count": counts.values().sum::<u64>() });
    for (content, n) in counts {
        v[content] = json!(n);
    }
    v
}

pub(super) fn reaction_json(base: &str, r: &Reaction) -> Value {
    json!({
        "id": r.id,
        "node_id": format!("REA_standin{}", r.id),
        "user": user_json(base, &r.login),
        "content": r.content,
        "created_at": iso(r.created_at),
    })
}

pub(super) fn thread_html_url(r: &Repo, t: &Thread) -> String {
    let kind = if t.pull.is_some() { "pull" } else { "issues" };
    format!("https://github.com/{}/{kind}/{}", r.full_name, t.number)
}

pub(super) fn issue_json(base: &str, r: &Repo, t: &Thread) -> Value {
    let api = format!("{base}/repos/{}/issues/{}", r.full_name, t.number);
    let mut v = json!({
        "id": t.id,
        "node_id": format!("I_standin{}", t.id),
        "url": api,
        "repository_url": format!("{base}/repos/{}", r.full_name),
        "labels_url": format!("{api}/labels{{/name}}"),
        "comments_url": format!("{api}/comments"),
        "events_url": format!("{api}/events"),
        "timeline_url": format!("{api}/timeline"),
        "html_url": thread_html_url(r, t),
        "number": t.number,
        "title": t.title,
        "user": user_json(base, &t.user),
        "labels": t.labels.iter().map(|l| label_json(base, r, l)).collect::<Vec<_>>(),
        "state": if t.open { "open" } else { "closed" },
        "state_reason": t.state_reason,
        "locked": false,
        "assignee": null,
        "assignees": [],
        "milestone": null,
        "comments": t.comment_ids.len(),
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
        "closed_at": iso_opt(t.closed_at),
        "author_association": t.association.as_deref().unwrap_or_else(|| r.association(&t.user)),
        "active_lock_reason": null,
        "body": t.body,
        "reactions": reactions_summary(format!("{api}/reactions"), &t.seed_reactions, &t.reactions),
        "performed_via_github_app": null,
    });
    if let Some(p) = &t.pull {
        let pulls = format!("{base}/repos/{}/pulls/{}", r.full_name, t.number);
        let html = thread_html_url(r, t);
        v["draft"] = json!(p.draft);
        v["pull_request"] = json!({
            "url": pulls,
            "html_url": html,
            "diff_url": format!("{html}.diff"),
            "patch_url": format!("{html}.patch"),
            "merged_at": iso_opt(t.merged_at),
        });
    }
    v
}

pub(super) fn comment_json(base: &str, r: &Repo, c: &Comment) -> Value {
    let kind = match r.threads.get(&c.number) {
        Some(t) if t.pull.is_some() => "pull",
        _ => "issues",
    };
    let api = format!("{base}/repos/{}/issues/comments/{}", r.full_name, c.id);
    json!({
        "id": c.id,
        "node_id": format!("IC_standin{}", c.id),
        "url": api,
        "html_url": format!("https://github.com/{}/{kind}/{}#issuecomment-{}", r.full_name, c.number, c.id),
        "issue_url": format!("{base}/repos/{}/issues/{}", r.full_name, c.number),
        "body": c.body,
        "user": user_json(base, &c.user),
        "author_association": r.association(&c.user),
        "created_at": iso(c.created_at),
        "updated_at": iso(c.updated_at),
        "reactions": reactions_summary(format!("{api}/reactions"), &BTreeMap::new(), &c.reactions),
        "performed_via_github_app": null,
    })
}

pub(super) fn pull_json(base: &str, r: &Repo, t: &Thread) -> Value {
    let p = t.pull.as_ref().expect("pull_json on a pull request");
    let api = format!("{base}/repos/{}/pulls/{}", r.full_name, t.number);
    let branch = |name: &str, sha_seed: &str| {
        let sha = hex::encode(
            &Sha256::digest(format!("{}:{sha_seed}:{name}", r.full_name).as_bytes())[..20],
        );
        json!({
            "label": format!("{}:{name}", r.owner),
            "ref": name,
            "sha": sha,
            "user": user_json(base, &r.owner),
            "repo": repo_json(base, r),
        })
    };
    json!({
        "id": t.id,
        "node_id": format!("PR_standin{}", t.id),
        "url": api,
        "html_url": thread_html_url(r, t),
        "issue_url": format!("{base}/repos/{}/issues/{}", r.full_name, t.number),
        "number": t.number,
        "state": if t.open { "open" } else { "closed" },
        "locked": false,
        "title": t.title,
        "user": user_json(base, &t.user),
        "body": t.body,
        "labels": t.labels.iter().map(|l| label_json(base, r, l)).collect::<Vec<_>>(),
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
        "closed_at": iso_opt(t.closed_at),
        "merged_at": iso_opt(t.merged_at),
        "merged": p.merged,
        "draft": p.draft,
        "head": branch(&p.head_ref, "head"),
        "base": branch(&p.base_ref, "base"),
        "author_association": t.association.as_deref().unwrap_or_else(|| r.association(&t.user)),
        "comments": t.comment_ids.len(),
    })
}

pub(super) fn timeline_json(
    base: &str,
    r: &Repo,
    number: u64,
    repos: &BTreeMap<String, Repo>,
) -> Vec<Value> {
    let Some(t) = r.threads.get(&number) else {
        return Vec::new();
    };
    let actor = user_json(base, &r.owner);
    let mut out = Vec::new();
    for entry in &t.timeline {
        let simple = |event: &str, id: u64, at: i64| {
            json!({
                "id": id,
                "node_id": format!("E_standin{id}"),
                "url": format!("{base}/repos/{}/issues/events/{id}", r.full_name),
                "actor": actor,
                "event": event,
                "commit_id": null,
                "commit_url": null,
                "created_at": iso(at),
                "performed_via_github_app": null,
            })
        };
        match entry {
            TimelineEntry::CrossReferenced {
                from_repo,
                from_number,
                at,
            } => {
                let Some(src_repo) = repos.get(&repo_key(from_repo)) else {
                    continue;
                };
                let Some(src) = src_repo.threads.get(from_number) else {
                    continue;
                };
                let mut issue = issue_json(base, src_repo, src);
                issue["repository"] = repo_json(base, src_repo);
                out.push(json!({
                    "event": "cross-referenced",
                    "actor": user_json(base, &src.user),
                    "created_at": iso(*at),
                    "updated_at": iso(*at),
                    "source": { "type": "issue", "issue": issue },
                }));
            }
            TimelineEntry::Labeled { name, at, id } | TimelineEntry::Unlabeled { name, at, id } => {
                let event = if matches!(entry, TimelineEntry::Labeled { .. }) {
                    "labeled"
                } else {
                    "unlabeled"
                };
                let mut v = simple(event, *id, *at);
                v["label"] = json!({ "name": name, "color": label_color(name) });
                out.push(v);
            }
            TimelineEntry::Closed { at, id } => out.push(simple("closed", *id, *at)),
            TimelineEntry::Reopened { at, id } => out.push(simple("reopened", *id, *at)),
        }
    }
    out
}

pub(super) fn content_json(base: &str, r: &Repo, path: &str, content: &str) -> Value {
    let encoded = base64::engine::general_purpose::STANDARD.encode(content.as_bytes());
    let mut wrapped = String::with_capacity(encoded.len() + encoded.len() / 60 + 1);
    for (i, chunk) in encoded.as_bytes().chunks(60).enumerate() {
        if i > 0 {
            wrapped.push('\n');
        }
        wrapped.push_str(std::str::from_utf8(chunk).unwrap_or_default());
    }
    wrapped.push('\n');
    let sha =
        hex::encode(&Sha256::digest(format!("blob {}\0{content}", content.len()).as_bytes())[..20]);
    let name = path.rsplit('/').next().unwrap_or(path);
    let api = format!(
        "{base}/repos/{}/contents/{path}?ref={}",
        r.full_name, r.default_branch
    );
    let html = format!(
        "https://github.com/{}/blob/{}/{path}",
        r.full_name, r.default_branch
    );
    let git = format!("{base}/repos/{}/git/blobs/{sha}", r.full_name);
    json!({
        "type": "file",
        "encoding": "base64",
        "size": content.len(),
        "name": name,
        "path": path,
        "content": wrapped,
        "sha": sha,
        "url": api,
        "git_url": git,
        "html_url": html,
        "download_url": format!("https://raw.githubusercontent.com/{}/{}/{path}", r.full_name, r.default_branch),
        "_links": { "self": api, "git": git, "html": html },
    })
}
