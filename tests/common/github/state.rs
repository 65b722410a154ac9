//! The stand-in's state: repositories, threads, comments, credentials, gists and faults.

use super::*;

pub(super) struct Shared {
    pub(super) state: Mutex<State>,
    pub(super) decoding_key: DecodingKey,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum FaultKind {
    Status(u16),
    Secondary {
        retry_after: u64,
    },
    Primary {
        reset_in: u64,
    },
    /// The request is carried out, then answered with this status: the answer lost on the
    /// way back (a proxy's timeout).
    AfterApplying(u16),
}

pub(super) struct Fault {
    pub(super) remaining: usize,
    pub(super) path_prefix: String,
    /// Only requests of this method (all when `None`).
    pub(super) method: Option<Method>,
    pub(super) kind: FaultKind,
}

pub(super) enum Credential {
    Installation { id: u64, expires: SystemTime },
    Personal { login: String, gist: bool },
}

pub(super) struct Reaction {
    pub(super) id: u64,
    pub(super) login: String,
    pub(super) content: String,
    pub(super) created_at: i64,
}

pub(super) enum TimelineEntry {
    CrossReferenced {
        from_repo: String,
        from_number: u64,
        at: i64,
    },
    Labeled {
        name: String,
        at: i64,
        id: u64,
    },
    Unlabeled {
        name: String,
        at: i64,
        id: u64,
    },
    Closed {
        at: i64,
        id: u64,
    },
    Reopened {
        at: i64,
        id: u64,
    },
}

pub(super) struct Thread {
    pub(super) id: u64,
    pub(super) number: u64,
    pub(super) title: String,
    pub(super) body: Option<String>,
    pub(super) user: String,
    pub(super) association: Option<String>,
    pub(super) open: bool,
    pub(super) state_reason: Option<String>,
    pub(super) labels: Vec<String>,
    pub(super) seed_reactions: BTreeMap<String, u64>,
    pub(super) reactions: Vec<Reaction>,
    pub(super) pull: Option<PullSpec>,
    pub(super) merged_at: Option<i64>,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
    pub(super) closed_at: Option<i64>,
    pub(super) comment_ids: BTreeSet<u64>,
    pub(super) timeline: Vec<TimelineEntry>,
}

pub(super) struct Comment {
    pub(super) id: u64,
    pub(super) number: u64,
    pub(super) user: String,
    pub(super) body: String,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
    pub(super) reactions: Vec<Reaction>,
}

pub(super) struct Repo {
    pub(super) id: u64,
    pub(super) owner: String,
    pub(super) name: String,
    pub(super) full_name: String,
    pub(super) installation_id: u64,
    pub(super) default_branch: String,
    pub(super) threads: BTreeMap<u64, Thread>,
    pub(super) deleted: BTreeSet<u64>,
    /// created_at -> number (the clock makes every key unique).
    pub(super) by_created: BTreeMap<i64, u64>,
    /// updated_at -> number.
    pub(super) by_updated: BTreeMap<i64, u64>,
    /// id -> comment; ids grow with creation, so this is also creation order.
    pub(super) comments: BTreeMap<u64, Comment>,
    /// updated_at -> comment id.
    pub(super) comments_by_updated: BTreeMap<i64, u64>,
    /// Comment ids in creation order, so a page is a slice.
    pub(super) comment_order: Vec<u64>,
    /// lowercase login -> role name.
    pub(super) permissions: HashMap<String, String>,
    pub(super) files: BTreeMap<String, String>,
}

impl Repo {
    /// The default branch's head: a digest of the files, so it moves when they change.
    pub(super) fn head_sha(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for (path, content) in &self.files {
            h.update(path.as_bytes());
            h.update([0]);
            h.update(content.as_bytes());
            h.update([0]);
        }
        hex::encode(h.finalize())[..40].to_string()
    }

    /// The files as GitHub's tarball of the head: `OWNER-NAME-SHA7/...`, gzip-compressed.
    pub(super) fn tarball(&self) -> Vec<u8> {
        let top = format!("{}-{}-{}", self.owner, self.name, &self.head_sha()[..7]);
        let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        for (path, content) in &self.files {
            let mut header = tar::Header::new_gnu();
            header.set_size(content.len() as u64);
            header.set_mode(0o644);
            header.set_entry_type(tar::EntryType::Regular);
            header.set_cksum();
            tar.append_data(&mut header, format!("{top}/{path}"), content.as_bytes())
                .expect("stand-in: tar entry");
        }
        tar.into_inner()
            .and_then(|gz| gz.finish())
            .expect("stand-in: tarball")
    }
}

pub(super) struct Gist {
    pub(super) id: String,
    pub(super) description: Option<String>,
    pub(super) public: bool,
    pub(super) owner: String,
    pub(super) files: BTreeMap<String, String>,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
}

pub(super) struct State {
    pub(super) base: String,
    pub(super) clock: i64,
    pub(super) next_id: u64,
    pub(super) repos: BTreeMap<String, Repo>,
    pub(super) credentials: HashMap<String, Credential>,
    pub(super) gists: BTreeMap<String, Gist>,
    pub(super) next_gist: u64,
    pub(super) deliveries: BTreeMap<u64, HookDeliverySpec>,
    pub(super) redeliveries: Vec<u64>,
    pub(super) calls: Vec<Call>,
    /// Former repository names (lowercase key) and the `owner/name` they became.
    pub(super) renamed: BTreeMap<String, String>,
    /// Requests no route expected (`METHOD /path`): each fails the test.
    pub(super) unexpected: Vec<String>,
    /// The next this-many tarballs are cut off halfway (a download that broke).
    pub(super) cut_tarballs: u32,
    /// Set by a test that probes unknown routes on purpose.
    pub(super) unexpected_allowed: bool,
    pub(super) faults: Vec<Fault>,
    pub(super) latency: Duration,
    pub(super) rate_remaining: u64,
    pub(super) anonymous_reads: bool,
    pub(super) requests: u64,
}

pub(super) fn tick(clock: &mut i64) -> i64 {
    *clock += 1;
    *clock
}

pub(super) fn new_id(next: &mut u64) -> u64 {
    *next += 1;
    *next
}

pub(super) fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

pub(super) fn iso(secs: i64) -> String {
    at(secs).format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub(super) fn iso_opt(secs: Option<i64>) -> Value {
    secs.map_or(Value::Null, |s| Value::String(iso(s)))
}

pub(super) fn wall_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

pub(super) fn repo_key(full_name: &str) -> String {
    full_name.to_ascii_lowercase()
}

impl State {
    pub(super) fn repo_mut(&mut self, full_name: &str) -> &mut Repo {
        self.repos
            .get_mut(&repo_key(full_name))
            .unwrap_or_else(|| panic!("stand-in: unknown repository {full_name}; add_repo first"))
    }

    pub(super) fn repo(&self, full_name: &str) -> &Repo {
        self.repos
            .get(&repo_key(full_name))
            .unwrap_or_else(|| panic!("stand-in: unknown repository {full_name}; add_repo first"))
    }
}

impl Repo {
    pub(super) fn touch_thread(&mut self, number: u64, now: i64) {
        if let Some(t) = self.threads.get_mut(&number) {
            self.by_updated.remove(&t.updated_at);
            t.updated_at = now;
            self.by_updated.insert(now, number);
        }
    }

    pub(super) fn touch_comment(&mut self, id: u64, now: i64) {
        if let Some(c) = self.comments.get_mut(&id) {
            self.comments_by_updated.remove(&c.updated_at);
            c.updated_at = now;
            self.comments_by_updated.insert(now, id);
        }
    }

    pub(super) fn set_thread_labels(
        &mut self,
        number: u64,
        labels: Vec<String>,
        now: i64,
        ids: &mut u64,
    ) {
        let Some(t) = self.threads.get_mut(&number) else {
            return;
        };
        for old in &t.labels {
            if !labels.contains(old) {
                t.timeline.push(TimelineEntry::Unlabeled {
                    name: old.clone(),
                    at: now,
                    id: new_id(ids),
                });
            }
        }
        for new in &labels {
            if !t.labels.contains(new) {
                t.timeline.push(TimelineEntry::Labeled {
                    name: new.clone(),
                    at: now,
                    id: new_id(ids),
                });
            }
        }
        t.labels = labels;
    }

    pub(super) fn association(&self, login: &str) -> &'static str {
        if login.ends_with("[bot]") {
            "NONE"
        } else if login.eq_ignore_ascii_case(&self.owner) {
            "OWNER"
        } else {
            match self
                .permissions
                .get(&login.to_ascii_lowercase())
                .map(String::as_str)
            {
                None | Some("none") => "NONE",
                Some(_) => "COLLABORATOR",
            }
        }
    }

    pub(super) fn remove_comment(&mut self, id: u64) -> Option<Comment> {
        let c = self.comments.remove(&id)?;
        self.comments_by_updated.remove(&c.updated_at);
        if let Ok(at) = self.comment_order.binary_search(&id) {
            self.comment_order.remove(at);
        }
        if let Some(t) = self.threads.get_mut(&c.number) {
            t.comment_ids.remove(&id);
        }
        Some(c)
    }
}
