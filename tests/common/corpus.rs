//! Evaluation corpora as mirror data: `tests/data/corpus` (the first fictional tracker, written
//! beside the ranker), the corpora written blind to it (`tests/data/{webframe,cli,jslib}` and
//! the held-out `tests/data/heldout`), and local samples of real trackers kept outside the
//! repository. Each loads into `ThreadDoc`s, and writes into a store as a sync would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate};
use serde::Deserialize;

use coordinator::analysis::ThreadDoc;
use coordinator::github::refs::extract_refs;
use coordinator::store::{
    Comment, CommentWrite, Reactions, RefKind, RepoName, Store, Thread, ThreadState, ThreadWrite,
};

/// A label as a name, or as GitHub's object.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum RawLabel {
    Name(String),
    Object { name: String },
}

impl RawLabel {
    fn name(self) -> String {
        match self {
            RawLabel::Name(n) | RawLabel::Object { name: n } => n,
        }
    }
}

#[derive(Deserialize)]
pub struct RawComment {
    pub id: i64,
    pub user: Option<String>,
    pub author_association: Option<String>,
    pub body: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
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
    pub labels: Vec<RawLabel>,
    #[serde(default)]
    pub reactions: Reactions,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub closed_at: Option<String>,
    pub merged: Option<bool>,
    #[serde(default)]
    pub draft: Option<bool>,
    #[serde(default)]
    pub comments: Vec<RawComment>,
    #[serde(default)]
    pub cross_referenced_from: Vec<i64>,
}

#[derive(Deserialize, Default)]
pub struct Labels {
    #[serde(default)]
    pub related: Vec<RelatedLabel>,
    #[serde(default)]
    pub triage: Vec<TriageLabel>,
    #[serde(default)]
    pub sweep: Vec<SweepLabel>,
}

#[derive(Deserialize, Clone)]
pub struct RelatedLabel {
    pub query: i64,
    pub related: Vec<LabelledPair>,
}

#[derive(Deserialize, Clone)]
pub struct LabelledPair {
    pub number: i64,
    pub kind: String,
}

/// A triage label: the first corpus's `verdict`, or the named `outcome` of the others.
#[derive(Deserialize, Clone)]
pub struct TriageLabel {
    pub number: i64,
    #[serde(default)]
    pub verdict: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub actionable: bool,
    #[serde(default)]
    pub hardware: Vec<String>,
    #[serde(default)]
    pub open_pull_requests: Vec<i64>,
    #[serde(default)]
    pub pull_requests: Vec<i64>,
    #[serde(default)]
    pub why: String,
}

#[derive(Deserialize, Clone)]
pub struct SweepLabel {
    pub number: i64,
    pub reason: Option<String>,
    #[serde(default)]
    pub why: String,
}

#[derive(Deserialize, Default)]
struct RepoFile {
    owner: Option<String>,
    name: Option<String>,
    #[serde(default)]
    former_full_names: Vec<String>,
    now: Option<String>,
    min_version: Option<String>,
}

/// One corpus, loaded.
pub struct Corpus {
    pub name: String,
    pub repo: RepoName,
    /// Names the repository had before a rename or transfer (`owner/name`).
    pub former_names: Vec<String>,
    pub docs: Vec<ThreadDoc>,
    pub labels: Labels,
    /// The evaluation's "now" (ms): the corpus's own, or a day after its last activity.
    pub now: i64,
    pub min_version: Option<String>,
    /// Where the corpus's source tree is, when it has one.
    pub source: Option<PathBuf>,
}

/// Milliseconds of an RFC 3339 time or a bare date; `None` for nothing.
pub fn parse_time(s: Option<&str>) -> Option<i64> {
    let s = s?.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp_millis());
    }
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(12, 0, 0)?.and_utc().timestamp_millis())
}

pub fn millis(s: &str) -> i64 {
    parse_time(Some(s)).unwrap_or_else(|| panic!("corpus date {s:?}"))
}

/// The first corpus's repository.
pub fn repo() -> RepoName {
    RepoName::parse("acme/tensorpack").expect("repo name")
}

fn to_doc(raw: RawThread, repo: &RepoName) -> ThreadDoc {
    let key = repo.key();
    let created = parse_time(raw.created_at.as_deref())
        .or_else(|| parse_time(raw.updated_at.as_deref()))
        .unwrap_or(0);
    let updated = parse_time(raw.updated_at.as_deref()).unwrap_or(created);
    let comments: Vec<Comment> = raw
        .comments
        .into_iter()
        .map(|c| {
            let at = parse_time(c.created_at.as_deref()).unwrap_or(updated);
            Comment {
                repo: key.clone(),
                id: c.id,
                number: raw.number,
                user: c.user,
                author_association: c.author_association,
                body: c.body.unwrap_or_default(),
                reactions: c.reactions,
                created_at: at,
                updated_at: parse_time(c.updated_at.as_deref()).unwrap_or(at),
                html_url: None,
            }
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
        labels: raw.labels.into_iter().map(RawLabel::name).collect(),
        reactions: raw.reactions,
        comment_count: comments.len() as i64,
        created_at: created,
        updated_at: updated,
        closed_at: parse_time(raw.closed_at.as_deref()),
        merged: raw.merged,
        draft: raw.draft,
        html_url: format!("https://github.com/{repo}/{kind}/{}", raw.number),
    };
    ThreadDoc {
        thread,
        comments,
        timeline_refs: raw.cross_referenced_from,
    }
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

impl Corpus {
    /// Loads the corpus in `dir`: `threads.jsonl`, and `labels.json` (or the real samples'
    /// `related.json` and `judged.json`), `repo.json` when there is one.
    pub fn load(dir: impl AsRef<Path>) -> Corpus {
        let dir = dir.as_ref();
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let meta: RepoFile = read_json(&dir.join("repo.json")).unwrap_or_default();
        let repo = match (&meta.owner, &meta.name) {
            (Some(o), Some(n)) => RepoName::parse(&format!("{o}/{n}")).expect("repo name"),
            _ => repo(),
        };
        let threads = std::fs::read_to_string(dir.join("threads.jsonl"))
            .unwrap_or_else(|e| panic!("{}/threads.jsonl: {e}", dir.display()));
        let docs: Vec<ThreadDoc> = threads
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                to_doc(
                    serde_json::from_str(l)
                        .unwrap_or_else(|e| panic!("{}: a thread line: {e}", dir.display())),
                    &repo,
                )
            })
            .collect();
        let labels = read_json::<Labels>(&dir.join("labels.json")).unwrap_or_else(|| Labels {
            related: read_json(&dir.join("related.json")).unwrap_or_default(),
            triage: read_json(&dir.join("judged.json")).unwrap_or_default(),
            sweep: Vec::new(),
        });
        let last = docs
            .iter()
            .flat_map(|d| {
                d.comments
                    .iter()
                    .map(|c| c.updated_at)
                    .chain([d.thread.updated_at])
            })
            .max()
            .unwrap_or(0);
        let now = parse_time(meta.now.as_deref()).unwrap_or(last + 24 * 3600 * 1000);
        let source = Some(dir.join("repo")).filter(|p| p.is_dir());
        Corpus {
            name,
            repo,
            former_names: meta.former_full_names,
            docs,
            labels,
            now,
            min_version: meta.min_version,
            source,
        }
    }

    /// The same corpus with every `#N`, `owner/repo#N` and issue or pull request URL removed
    /// from its texts, and no timeline cross-references: the moment a new report arrives.
    pub fn link_blind(&self) -> Vec<ThreadDoc> {
        let refs = regex::Regex::new(
            r"(?i)(?:https?://github\.com/[\w.-]+/[\w.-]+/(?:issues|pull)/\d+(?:#[\w-]+)?|[\w.-]+/[\w.-]+#\d+|(?:^|[^\w&/])#\d+\b|\bGH-\d+\b)",
        )
        .expect("regex");
        let strip = |t: &str| refs.replace_all(t, " ").into_owned();
        self.docs
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.thread.title = strip(&d.thread.title);
                d.thread.body = d.thread.body.as_deref().map(strip);
                for c in &mut d.comments {
                    c.body = strip(&c.body);
                }
                d.timeline_refs.clear();
                d
            })
            .collect()
    }
}

/// The corpora of `tests/data` by name.
pub fn named(name: &str) -> &'static Corpus {
    static LOADED: OnceLock<std::sync::Mutex<Vec<&'static Corpus>>> = OnceLock::new();
    let loaded = LOADED.get_or_init(Default::default);
    let mut list = loaded.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(c) = list.iter().find(|c| c.name == name) {
        return c;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let corpus: &'static Corpus = Box::leak(Box::new(Corpus::load(dir)));
    list.push(corpus);
    corpus
}

/// The first corpus (`tests/data/corpus`, `acme/tensorpack`).
pub fn corpus() -> &'static Corpus {
    named("corpus")
}

/// Writes the first corpus into `store` as a sync would.
pub async fn write_to_store(store: &dyn Store) {
    write_corpus_to_store(store, corpus()).await;
}

/// Writes `corpus` into `store` as a sync would: threads, comments, the references their text
/// makes (closing keywords only from pull request bodies) and timeline cross-references.
pub async fn write_corpus_to_store(store: &dyn Store, corpus: &Corpus) {
    let repo = &corpus.repo;
    let key = repo.key();
    let refs = |text: Option<&str>, closes: bool| -> Vec<(RefKind, i64)> {
        text.map(|t| {
            extract_refs(t, repo)
                .into_iter()
                .filter(|r| closes || r.kind != RefKind::Closes)
                .map(|r| (r.kind, r.number))
                .collect()
        })
        .unwrap_or_default()
    };
    for chunk in corpus.docs.chunks(50) {
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

/// Gives the stand-in GitHub the first corpus's threads (titles and bodies), under `repo`.
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

/// `tensorpack/__main__.py` as the code mirror reads it at the head: the function of #990's
/// traceback, its line 38 as the traceback quotes it, and a test that calls it.
pub fn code_of_990() -> coordinator::code::CodeIndex {
    let mut main_py = String::from(
        "\"\"\"python -m tensorpack: the environment report.\"\"\"\n\nimport os\nimport subprocess\n\n\n",
    );
    while main_py.lines().count() < 34 {
        main_py.push_str("# (report helpers)\n");
    }
    main_py.push_str("def print_cuda_toolkit_info():\n");
    main_py.push_str("    \"\"\"Where nvcc is, and its version.\"\"\"\n");
    main_py.push_str("    print(\"CUDA toolkit:\")\n");
    main_py.push_str("    nvcc = os.path.join(os.environ.get(\"CUDA_HOME\"), \"bin\", \"nvcc\")\n");
    main_py.push_str(
        "    print(subprocess.run([nvcc, \"--version\"], capture_output=True).stdout)\n\n\n",
    );
    main_py.push_str("def main():\n    print_cuda_toolkit_info()\n");
    let test_py = "from tensorpack.__main__ import print_cuda_toolkit_info\n\n\ndef test_report_without_cuda_home(monkeypatch):\n    monkeypatch.delenv(\"CUDA_HOME\", raising=False)\n    print_cuda_toolkit_info()\n";
    let mut builder = coordinator::code::Builder::new(
        "acme/tensorpack",
        "0123456789abcdef0123456789abcdef01234567",
        coordinator::code::Limits::default(),
    );
    builder.add_file("tensorpack/__main__.py", main_py.as_bytes());
    builder.add_file("tests/test_main.py", test_py.as_bytes());
    builder.finish()
}
