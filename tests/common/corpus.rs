//! The evaluation corpus of `tests/data/corpus` (a fictional tracker, written by hand), loaded
//! as mirror data, and written into a store as a sync would.

#![allow(dead_code)]

use std::sync::OnceLock;

use chrono::DateTime;
use serde::Deserialize;

use coordinator::analysis::ThreadDoc;
use coordinator::github::refs::extract_refs;
use coordinator::store::{
    Comment, CommentWrite, Reactions, RefKind, RepoName, Store, Thread, ThreadState, ThreadWrite,
};

const CORPUS: &str = "tests/data/corpus";

#[derive(Deserialize)]
pub struct RawComment {
    pub id: i64,
    pub user: Option<String>,
    pub author_association: Option<String>,
    pub body: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub reactions: Reactions,
}

#[derive(Deserialize)]
pub struct RawThread {
    pub number: i64,
    pub is_pull_request: bool,
    pub title: String,
    pub body: Option<String>,
    pub state: String,
    pub state_reason: Option<String>,
    pub user: Option<String>,
    pub author_association: Option<String>,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default)]
    pub reactions: Reactions,
    pub created_at: String,
    pub updated_at: String,
    pub closed_at: Option<String>,
    pub merged: Option<bool>,
    #[serde(default)]
    pub draft: Option<bool>,
    #[serde(default)]
    pub comments: Vec<RawComment>,
    #[serde(default)]
    pub cross_referenced_from: Vec<i64>,
}

#[derive(Deserialize)]
pub struct Labels {
    pub related: Vec<RelatedLabel>,
    pub triage: Vec<TriageLabel>,
}

#[derive(Deserialize)]
pub struct RelatedLabel {
    pub query: i64,
    pub related: Vec<LabelledPair>,
}

#[derive(Deserialize)]
pub struct LabelledPair {
    pub number: i64,
    pub kind: String,
}

#[derive(Deserialize)]
pub struct TriageLabel {
    pub number: i64,
    pub verdict: String,
    pub actionable: bool,
    pub hardware: Vec<String>,
    pub open_pull_requests: Vec<i64>,
}

pub fn millis(s: &str) -> i64 {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("corpus date {s:?}: {e}"))
        .timestamp_millis()
}

pub fn repo() -> RepoName {
    RepoName::parse("acme/tensorpack").expect("repo name")
}

pub fn to_doc(raw: RawThread) -> ThreadDoc {
    let key = repo().key();
    let comments: Vec<Comment> = raw
        .comments
        .into_iter()
        .map(|c| Comment {
            repo: key.clone(),
            id: c.id,
            number: raw.number,
            user: c.user,
            author_association: c.author_association,
            body: c.body.unwrap_or_default(),
            reactions: c.reactions,
            created_at: millis(&c.created_at),
            updated_at: millis(&c.updated_at),
            html_url: None,
        })
        .collect();
    let kind = if raw.is_pull_request {
        "pull"
    } else {
        "issues"
    };
    let thread = Thread {
        repo: key.clone(),
        number: raw.number,
        github_id: 1_000_000 + raw.number,
        is_pull_request: raw.is_pull_request,
        title: raw.title,
        body: raw.body,
        state: ThreadState::parse(&raw.state).expect("state"),
        state_reason: raw.state_reason,
        user: raw.user,
        author_association: raw.author_association,
        labels: raw.labels,
        reactions: raw.reactions,
        comment_count: comments.len() as i64,
        created_at: millis(&raw.created_at),
        updated_at: millis(&raw.updated_at),
        closed_at: raw.closed_at.as_deref().map(millis),
        merged: raw.merged,
        draft: raw.draft,
        html_url: format!("https://github.com/acme/tensorpack/{kind}/{}", raw.number),
    };
    ThreadDoc {
        thread,
        comments,
        timeline_refs: raw.cross_referenced_from,
    }
}

pub struct Corpus {
    pub docs: Vec<ThreadDoc>,
    pub labels: Labels,
}

pub fn corpus() -> &'static Corpus {
    static CORPUS_DATA: OnceLock<Corpus> = OnceLock::new();
    CORPUS_DATA.get_or_init(|| {
        let threads =
            std::fs::read_to_string(format!("{CORPUS}/threads.jsonl")).expect("threads.jsonl");
        let docs = threads
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| to_doc(serde_json::from_str(l).expect("thread line parses")))
            .collect();
        let labels = serde_json::from_str(
            &std::fs::read_to_string(format!("{CORPUS}/labels.json")).expect("labels.json"),
        )
        .expect("labels parse");
        Corpus { docs, labels }
    })
}

/// Writes the corpus into `store` as a sync would: threads, comments, the references their
/// text makes (closing keywords only from pull request bodies) and timeline cross-references.
pub async fn write_to_store(store: &dyn Store) {
    let repo = repo();
    let key = repo.key();
    let refs = |text: Option<&str>, closes: bool| -> Vec<(RefKind, i64)> {
        text.map(|t| {
            extract_refs(t, &repo)
                .into_iter()
                .filter(|r| closes || r.kind != RefKind::Closes)
                .map(|r| (r.kind, r.number))
                .collect()
        })
        .unwrap_or_default()
    };
    for chunk in corpus().docs.chunks(50) {
        let threads: Vec<ThreadWrite> = chunk
            .iter()
            .map(|d| ThreadWrite {
                refs: refs(d.thread.body.as_deref(), d.thread.is_pull_request),
                thread: d.thread.clone(),
            })
            .collect();
        let comments: Vec<CommentWrite> = chunk
            .iter()
            .flat_map(|d| d.comments.iter())
            .map(|c| CommentWrite {
                refs: refs(Some(&c.body), false),
                comment: c.clone(),
            })
            .collect();
        store
            .write_mirror(&key, &threads, &comments, None, 1)
            .await
            .expect("write the corpus");
        for d in chunk {
            if !d.timeline_refs.is_empty() {
                store
                    .add_timeline_refs(&key, d.thread.number, &d.timeline_refs)
                    .await
                    .expect("timeline refs");
            }
        }
    }
}

/// Gives the stand-in GitHub the corpus's threads (titles and bodies), under `repo`.
pub fn seed_standin(standin: &super::github::StandIn, repo: &str) {
    for doc in &corpus().docs {
        let t = &doc.thread;
        let mut spec = if t.is_pull_request {
            super::github::ThreadSpec::pull(t.number as u64, &t.title)
        } else {
            super::github::ThreadSpec::issue(t.number as u64, &t.title)
        };
        spec.body = t.body.clone();
        standin.upsert_thread(repo, spec);
    }
}
