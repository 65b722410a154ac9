//! The in-memory index of one repository's threads: BM25 postings, error signatures, code
//! references, labels and the graph of explicit links, all updated in place when one thread
//! changes, in time proportional to that thread.
//!
//! Threads live in slots. Replacing a thread gives it a new slot and marks the old one dead;
//! posting lists skip dead slots and are compacted once they are more dead than alive, and the
//! slot table is renumbered once it is more than half dead. Both costs are amortised over the
//! updates that caused them, so no update pays for the size of the repository on average.

use std::collections::{HashMap, HashSet};

use super::links;
use super::signals::{self, Extracted, Project, Signals};
use super::text::{self, Line, LineKind};
use super::{AnalysisError, ThreadDoc};
use crate::github::refs::extract_refs;
use crate::store::{Comment, RefKind, RepoName, Thread};

// Where a word appears changes how much it says: the title is the reporter's summary, comments
// are a conversation that drifts.
pub(crate) const TITLE_WEIGHT: f32 = 3.0;
pub(crate) const BODY_WEIGHT: f32 = 1.0;
pub(crate) const COMMENT_WEIGHT: f32 = 0.5;
// A path component alone (`ops.py`) is weaker evidence than the last two (`cuda/ops.py`).
const BASENAME_WEIGHT: f32 = 0.4;
const MAX_LABELS: usize = 64;
/// Text read per thread (body and comments, oldest first); the rest is not indexed.
const MAX_THREAD_BYTES: usize = 4 * 1024 * 1024;
/// Threads read in parallel at a time while building: bounds the memory of pending analyses.
const BUILD_BATCH: usize = 4096;

/// A link between two threads, stored at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    pub source: i64,
    pub target: i64,
    /// The thread whose text or timeline asserted the link; it goes when that thread changes.
    pub owner: i64,
    pub flags: u8,
}

pub(crate) const MENTION_BODY: u8 = 1;
pub(crate) const MENTION_COMMENT: u8 = 2;
/// A closing keyword in a pull request's body.
pub(crate) const FIXES: u8 = 4;
pub(crate) const DUPLICATE: u8 = 8;
pub(crate) const TIMELINE: u8 = 16;

/// One thread as indexed.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub doc: ThreadDoc,
    /// (term id, weighted frequency), sorted by term id.
    pub terms: Vec<(u32, f32)>,
    pub len: f32,
    /// (feature id, index into `extracted.errors`), sorted by feature id.
    pub errors: Vec<(u32, usize)>,
    /// Code references, sorted by feature id.
    pub code: Vec<CodeFeature>,
    pub labels: Vec<u32>,
    /// Keys of its lines, for boilerplate detection.
    pub lines: Vec<u64>,
    pub extracted: Extracted,
    /// The other ends of the links this thread owns.
    link_ends: Vec<i64>,
    /// How many distinct threads its text links to: a thread that links to forty others
    /// says less about each.
    pub out_degree: u32,
    /// The latest time anyone touched it (its update or a comment's).
    pub last_activity: i64,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct CodeFeature {
    pub id: u32,
    pub weight: f32,
    /// Index into `extracted.paths` (when `is_path`) or `extracted.identifiers`.
    pub source: usize,
    pub is_path: bool,
}

#[derive(Debug, Clone, Default)]
struct PostingList {
    entries: Vec<(u32, f32)>,
    live: u32,
}

/// Interned features with their posting lists and document frequencies.
#[derive(Debug, Clone, Default)]
pub(crate) struct FeatureIndex {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    lists: Vec<PostingList>,
}

impl FeatureIndex {
    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(key.into(), id);
        self.names.push(key.into());
        self.lists.push(PostingList::default());
        id
    }

    pub fn id(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }

    fn add(&mut self, id: u32, slot: u32, weight: f32) {
        if let Some(list) = self.lists.get_mut(id as usize) {
            list.entries.push((slot, weight));
            list.live += 1;
        }
    }

    /// One live posting of `id` went dead; compacts the list once it is mostly dead.
    fn release(&mut self, id: u32, alive: &[f32]) {
        if let Some(list) = self.lists.get_mut(id as usize) {
            list.live = list.live.saturating_sub(1);
            if list.entries.len() >= 8 && list.entries.len() > 2 * list.live as usize {
                list.entries
                    .retain(|&(s, _)| alive.get(s as usize).is_some_and(|l| *l >= 0.0));
            }
        }
    }

    /// The number of live threads with this feature.
    pub fn df(&self, id: u32) -> u32 {
        self.lists.get(id as usize).map_or(0, |l| l.live)
    }

    /// Postings, dead slots included: callers check `RepoIndex::is_live`.
    pub fn postings(&self, id: u32) -> &[(u32, f32)] {
        self.lists
            .get(id as usize)
            .map_or(&[][..], |l| l.entries.as_slice())
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }

    fn remap(&mut self, map: &[u32]) {
        for list in &mut self.lists {
            list.entries
                .retain_mut(|(s, _)| match map.get(*s as usize) {
                    Some(&n) if n != u32::MAX => {
                        *s = n;
                        true
                    }
                    _ => false,
                });
        }
    }
}

/// The index of one repository. See the module documentation for how it stays current.
#[derive(Debug, Clone)]
pub struct RepoIndex {
    pub(crate) repo: RepoName,
    pub(crate) project: Project,
    by_number: HashMap<i64, u32>,
    pub(crate) slots: Vec<Option<Box<Entry>>>,
    /// Document length per slot, negative for dead slots: the hot loop of BM25 reads it.
    pub(crate) slot_len: Vec<f32>,
    live: usize,
    total_len: f64,
    pub(crate) words: FeatureIndex,
    pub(crate) errors: FeatureIndex,
    pub(crate) code: FeatureIndex,
    pub(crate) labels: FeatureIndex,
    pub(crate) links: HashMap<i64, Vec<Link>>,
    /// In how many threads each line (by key) appears.
    pub(crate) line_df: HashMap<u64, u32>,
}

impl RepoIndex {
    pub fn new(repo: RepoName) -> RepoIndex {
        RepoIndex {
            project: Project::new(&repo),
            repo,
            by_number: HashMap::new(),
            slots: Vec::new(),
            slot_len: Vec::new(),
            live: 0,
            total_len: 0.0,
            words: FeatureIndex::default(),
            errors: FeatureIndex::default(),
            code: FeatureIndex::default(),
            labels: FeatureIndex::default(),
            links: HashMap::new(),
            line_df: HashMap::new(),
        }
    }

    /// Builds the index of `repo` from its threads. Reading the threads (the costly part, and
    /// pure) runs on every core; the result is the same as upserting them one by one.
    pub fn build(repo: RepoName, docs: impl IntoIterator<Item = ThreadDoc>) -> RepoIndex {
        let mut index = RepoIndex::new(repo);
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(16);
        let mut docs = docs.into_iter().peekable();
        while docs.peek().is_some() {
            let batch: Vec<ThreadDoc> = docs.by_ref().take(BUILD_BATCH).collect();
            let analysed = if workers > 1 && batch.len() > 64 {
                let (repo, project) = (&index.repo, &index.project);
                let chunk = batch.len().div_ceil(workers);
                std::thread::scope(|scope| {
                    let handles: Vec<_> = batch
                        .chunks(chunk)
                        .map(|part| {
                            scope.spawn(move || {
                                part.iter()
                                    .map(|d| analyze(d, repo, project))
                                    .collect::<Vec<_>>()
                            })
                        })
                        .collect();
                    // A worker fails only by panicking (a bug, not bad input): pass it on.
                    handles
                        .into_iter()
                        .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                        .collect::<Vec<_>>()
                })
            } else {
                batch
                    .iter()
                    .map(|d| analyze(d, &index.repo, &index.project))
                    .collect()
            };
            for (doc, analysis) in batch.into_iter().zip(analysed) {
                index.apply(doc, analysis);
            }
        }
        index
    }

    pub fn repo(&self) -> &RepoName {
        &self.repo
    }

    /// The number of threads.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn thread(&self, number: i64) -> Option<&Thread> {
        self.entry(number).map(|e| &e.doc.thread)
    }

    /// The thread with its comments and timeline references, as last given.
    pub fn doc(&self, number: i64) -> Option<&ThreadDoc> {
        self.entry(number).map(|e| &e.doc)
    }

    /// The errors, code paths and identifiers of a thread.
    pub fn signals(&self, number: i64) -> Option<Signals> {
        self.entry(number).map(|e| e.extracted.to_signals())
    }

    /// Adds a thread, or replaces it with all its comments and timeline references.
    pub fn upsert(&mut self, doc: ThreadDoc) {
        let analysis = analyze(&doc, &self.repo, &self.project);
        self.apply(doc, analysis);
    }

    fn apply(&mut self, doc: ThreadDoc, analysis: Analysis) {
        let number = doc.thread.number;
        self.remove(number);
        let slot = self.slots.len() as u32;

        let mut terms: Vec<(u32, f32)> = analysis
            .terms
            .iter()
            .map(|(t, w)| (self.words.intern(t), *w))
            .collect();
        terms.sort_unstable_by_key(|(t, _)| *t);
        for &(t, w) in &terms {
            self.words.add(t, slot, w);
        }
        let errors: Vec<(u32, usize)> = analysis
            .extracted
            .errors
            .iter()
            .enumerate()
            .map(|(i, e)| {
                (
                    self.errors
                        .intern(&error_key(&e.signature, e.frame.as_deref())),
                    i,
                )
            })
            .collect();
        let mut errors = errors;
        errors.sort_unstable();
        for &(id, _) in &errors {
            self.errors.add(id, slot, 1.0);
        }
        let mut code = Vec::new();
        let mut seen = HashSet::new();
        for (i, p) in analysis.extracted.paths.iter().enumerate() {
            for (key, weight) in [
                (format!("p:{}", p.key), 1.0),
                (format!("b:{}", p.basename), BASENAME_WEIGHT),
            ] {
                if seen.insert(key.clone()) {
                    code.push(CodeFeature {
                        id: self.code.intern(&key),
                        weight,
                        source: i,
                        is_path: true,
                    });
                }
            }
        }
        for (i, (key, _)) in analysis.extracted.identifiers.iter().enumerate() {
            let key = format!("i:{key}");
            if seen.insert(key.clone()) {
                code.push(CodeFeature {
                    id: self.code.intern(&key),
                    weight: 1.0,
                    source: i,
                    is_path: false,
                });
            }
        }
        code.sort_unstable_by_key(|f| f.id);
        for f in &code {
            self.code.add(f.id, slot, f.weight);
        }
        let mut labels = Vec::new();
        for label in doc.thread.labels.iter().take(MAX_LABELS) {
            let id = self.labels.intern(&label.to_lowercase());
            if !labels.contains(&id) {
                labels.push(id);
                self.labels.add(id, slot, 1.0);
            }
        }

        for &key in &analysis.lines {
            *self.line_df.entry(key).or_default() += 1;
        }
        let mut link_ends = Vec::new();
        for link in &analysis.links {
            let other = if link.source == number {
                link.target
            } else {
                link.source
            };
            self.links.entry(number).or_default().push(*link);
            self.links.entry(other).or_default().push(*link);
            link_ends.push(other);
        }
        link_ends.sort_unstable();
        link_ends.dedup();

        let len = analysis.len;
        self.total_len += f64::from(len);
        self.slot_len.push(len);
        self.slots.push(Some(Box::new(Entry {
            last_activity: last_activity(&doc),
            doc,
            terms,
            len,
            errors,
            code,
            labels,
            lines: analysis.lines,
            extracted: analysis.extracted,
            link_ends,
            out_degree: analysis.out_degree,
        })));
        self.by_number.insert(number, slot);
        self.live += 1;
    }

    /// Replaces a thread's metadata and body (an `issues` event: edited, labeled, closed...),
    /// keeping its comments and timeline references. Returns whether it was known; an unknown
    /// thread is added without comments.
    pub fn update_thread(&mut self, thread: Thread) -> bool {
        let known = self.doc(thread.number).cloned();
        let found = known.is_some();
        let doc = match known {
            Some(mut doc) => {
                doc.thread = thread;
                doc
            }
            None => ThreadDoc::new(thread, Vec::new()),
        };
        self.upsert(doc);
        found
    }

    /// Adds or replaces one comment of a known thread (an `issue_comment` created or edited).
    /// Returns false, changing nothing, when the thread is not in the index.
    pub fn upsert_comment(&mut self, comment: Comment) -> bool {
        let Some(mut doc) = self.doc(comment.number).cloned() else {
            return false;
        };
        match doc.comments.iter_mut().find(|c| c.id == comment.id) {
            Some(c) => *c = comment,
            None => doc.comments.push(comment),
        }
        self.upsert(doc);
        true
    }

    /// Removes one comment (an `issue_comment` deleted). Returns whether there was one.
    pub fn remove_comment(&mut self, number: i64, comment_id: i64) -> bool {
        let Some(mut doc) = self.doc(number).cloned() else {
            return false;
        };
        let before = doc.comments.len();
        doc.comments.retain(|c| c.id != comment_id);
        if doc.comments.len() == before {
            return false;
        }
        self.upsert(doc);
        true
    }

    /// Forgets a thread (deleted on GitHub, or transferred away). Links other threads make to
    /// it stay, as their text still makes them.
    pub fn remove(&mut self, number: i64) {
        let Some(slot) = self.by_number.remove(&number) else {
            return;
        };
        let Some(entry) = self.slots.get_mut(slot as usize).and_then(Option::take) else {
            return;
        };
        if let Some(l) = self.slot_len.get_mut(slot as usize) {
            *l = -1.0;
        }
        self.live = self.live.saturating_sub(1);
        self.total_len = (self.total_len - f64::from(entry.len)).max(0.0);
        for &(t, _) in &entry.terms {
            self.words.release(t, &self.slot_len);
        }
        for &(id, _) in &entry.errors {
            self.errors.release(id, &self.slot_len);
        }
        for f in &entry.code {
            self.code.release(f.id, &self.slot_len);
        }
        for &id in &entry.labels {
            self.labels.release(id, &self.slot_len);
        }
        for key in &entry.lines {
            if let Some(df) = self.line_df.get_mut(key) {
                *df -= 1;
                if *df == 0 {
                    self.line_df.remove(key);
                }
            }
        }
        for end in entry
            .link_ends
            .iter()
            .copied()
            .chain(std::iter::once(number))
        {
            if let Some(list) = self.links.get_mut(&end) {
                list.retain(|l| l.owner != number);
                if list.is_empty() {
                    self.links.remove(&end);
                }
            }
        }
        if self.slots.len() > 1024 && self.slots.len() > 2 * self.live + 1024 {
            self.renumber();
        }
    }

    /// Drops dead slots. Runs after as many updates as there are live threads, so its cost
    /// is spread over them.
    fn renumber(&mut self) {
        let mut map = vec![u32::MAX; self.slots.len()];
        let mut slots = Vec::with_capacity(self.live);
        let mut slot_len = Vec::with_capacity(self.live);
        for (old, entry) in std::mem::take(&mut self.slots).into_iter().enumerate() {
            if let Some(entry) = entry {
                map[old] = slots.len() as u32;
                slot_len.push(entry.len);
                slots.push(Some(entry));
            }
        }
        self.slots = slots;
        self.slot_len = slot_len;
        for slot in self.by_number.values_mut() {
            *slot = map.get(*slot as usize).copied().unwrap_or(u32::MAX);
        }
        for features in [
            &mut self.words,
            &mut self.errors,
            &mut self.code,
            &mut self.labels,
        ] {
            features.remap(&map);
        }
    }

    pub(crate) fn slot_of(&self, number: i64) -> Option<u32> {
        self.by_number.get(&number).copied()
    }

    pub(crate) fn entry(&self, number: i64) -> Option<&Entry> {
        self.slot_of(number).and_then(|s| self.entry_at(s))
    }

    pub(crate) fn entry_at(&self, slot: u32) -> Option<&Entry> {
        self.slots.get(slot as usize).and_then(|e| e.as_deref())
    }

    pub(crate) fn is_live(&self, slot: u32) -> bool {
        self.slot_len.get(slot as usize).is_some_and(|l| *l >= 0.0)
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.slots.iter().filter_map(|e| e.as_deref())
    }

    pub(crate) fn avg_len(&self) -> f32 {
        if self.live == 0 {
            1.0
        } else {
            ((self.total_len / self.live as f64) as f32).max(1.0)
        }
    }

    /// Whether a line is pasted boilerplate: verbatim in at least 1% of threads (and in 5).
    pub(crate) fn is_boilerplate_line(&self, key: u64) -> bool {
        let threshold = (self.live / 100).max(5) as u32;
        self.line_df.get(&key).is_some_and(|&df| df >= threshold)
    }

    pub(crate) fn links_of(&self, number: i64) -> &[Link] {
        self.links.get(&number).map_or(&[][..], |l| l.as_slice())
    }

    pub(crate) fn unknown(&self, number: i64) -> AnalysisError {
        AnalysisError::UnknownThread {
            repo: self.repo.to_string(),
            number,
        }
    }
}

pub(crate) fn error_key(signature: &str, frame: Option<&str>) -> String {
    match frame {
        Some(f) => format!("{signature}\u{1}{f}"),
        None => signature.to_string(),
    }
}

fn last_activity(doc: &ThreadDoc) -> i64 {
    doc.comments
        .iter()
        .map(|c| c.updated_at.max(c.created_at))
        .chain([doc.thread.updated_at, doc.thread.created_at])
        .max()
        .unwrap_or(0)
}

/// Bots write the same words into every thread they touch (stale notices, CI reports).
pub(crate) fn is_bot(user: Option<&str>) -> bool {
    user.is_some_and(|u| {
        u.ends_with("[bot]") || u.ends_with("-bot") || u.eq_ignore_ascii_case("stale")
    })
}

struct Analysis {
    terms: HashMap<String, f32>,
    len: f32,
    lines: Vec<u64>,
    extracted: Extracted,
    links: Vec<Link>,
    out_degree: u32,
}

/// A thread's weighted terms, its length, and the keys of its lines.
pub(crate) struct Terms {
    pub terms: HashMap<String, f32>,
    pub len: f32,
    /// Distinct keys of the lines long enough to be pasted boilerplate.
    pub lines: Vec<u64>,
}

/// Lines shorter than this (in terms) are never boilerplate: "same here", "thanks!".
const MIN_LINE_TERMS: usize = 3;

/// The texts of a thread that are read (title, body, comments of people), split into lines,
/// each with the weight of its field.
fn segments(doc: &ThreadDoc) -> Vec<(f32, Vec<Line<'_>>)> {
    let mut out = vec![
        (TITLE_WEIGHT, text::segment(&doc.thread.title)),
        (
            BODY_WEIGHT,
            text::segment(doc.thread.body.as_deref().unwrap_or("")),
        ),
    ];
    for c in read_comments(doc).filter(|c| !is_bot(c.user.as_deref())) {
        out.push((COMMENT_WEIGHT, text::segment(&c.body)));
    }
    out
}

/// The comments that are read, oldest first, up to a budget: a thread with thousands of long
/// comments costs what a long one does, and the order does not depend on the caller's.
pub(crate) fn read_comments(doc: &ThreadDoc) -> impl Iterator<Item = &Comment> {
    let mut comments: Vec<&Comment> = doc.comments.iter().collect();
    comments.sort_by_key(|c| (c.created_at, c.id));
    let mut budget =
        MAX_THREAD_BYTES.saturating_sub(doc.thread.body.as_deref().map_or(0, str::len));
    comments.into_iter().take_while(move |c| {
        let fits = budget > 0;
        budget = budget.saturating_sub(c.body.len().min(text::MAX_TEXT_BYTES));
        fits
    })
}

/// The weighted terms of a thread (title, body and human comments), leaving out the lines
/// `skip` says are boilerplate.
pub(crate) fn thread_terms(doc: &ThreadDoc, skip: &dyn Fn(u64) -> bool) -> Terms {
    terms_of(&segments(doc), skip)
}

fn terms_of(segments: &[(f32, Vec<Line<'_>>)], skip: &dyn Fn(u64) -> bool) -> Terms {
    let mut out = Terms {
        terms: HashMap::new(),
        len: 0.0,
        lines: Vec::new(),
    };
    // One buffer for the terms of a line, so a token costs no allocation unless it is new.
    let mut buf = String::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (field_weight, lines) in segments {
        for line in lines {
            let w = line.weight * field_weight;
            if w <= 0.0 || line.kind == LineKind::Boilerplate {
                continue;
            }
            buf.clear();
            spans.clear();
            text::tokens(line.text, |t| {
                let start = buf.len();
                buf.push_str(t);
                spans.push((start, buf.len()));
            });
            if spans.len() >= MIN_LINE_TERMS {
                let key = line_key(spans.iter().map(|&(a, b)| &buf[a..b]));
                out.lines.push(key);
                if skip(key) {
                    continue;
                }
            }
            for &(a, b) in &spans {
                let t = &buf[a..b];
                out.len += w;
                match out.terms.get_mut(t) {
                    Some(v) => *v += w,
                    None => {
                        out.terms.insert(t.to_string(), w);
                    }
                }
            }
        }
    }
    out.lines.sort_unstable();
    out.lines.dedup();
    out
}

/// A line's identity for boilerplate detection: its terms, so that paths, numbers, case and
/// punctuation do not make two pastes of the same banner differ.
fn line_key<'a>(terms: impl Iterator<Item = &'a str>) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same line gets the same key in every process.
    let mut h = std::hash::DefaultHasher::new();
    for t in terms {
        t.hash(&mut h);
    }
    h.finish()
}

fn analyze(doc: &ThreadDoc, repo: &RepoName, project: &Project) -> Analysis {
    let thread = &doc.thread;
    let number = thread.number;
    let body = thread.body.as_deref().unwrap_or("");
    let segmented = segments(doc);
    let Terms { terms, len, lines } = terms_of(&segmented, &|_| false);
    let extracted =
        signals::extract_segmented(segmented.iter().map(|(_, l)| l.as_slice()), project);

    // Text links, merged per target.
    let mut flags: HashMap<i64, u8> = HashMap::new();
    let mut collect = |text: &str, in_body: bool| {
        for r in extract_refs(text::truncate(text, text::MAX_TEXT_BYTES), repo) {
            if r.number == number {
                continue;
            }
            let f = match r.kind {
                RefKind::Mention if in_body => MENTION_BODY,
                RefKind::Mention => MENTION_COMMENT,
                // GitHub honours closing keywords in a pull request's body only.
                RefKind::Closes
                    if in_body
                        && thread.is_pull_request
                        && links::claims_for_self(&links::CLOSING_PHRASE, text, r.number) =>
                {
                    FIXES
                }
                RefKind::Closes => 0,
                RefKind::Duplicate
                    if links::claims_for_self(&links::DUPLICATE_PHRASE, text, r.number) =>
                {
                    DUPLICATE
                }
                RefKind::Duplicate => 0,
                RefKind::Timeline => TIMELINE,
            };
            *flags.entry(r.number).or_default() |= f;
        }
    };
    collect(body, true);
    for c in read_comments(doc) {
        collect(&c.body, false);
    }
    let out_degree = flags.len() as u32;
    let mut links: Vec<Link> = flags
        .into_iter()
        .map(|(target, flags)| Link {
            source: number,
            target,
            owner: number,
            flags,
        })
        .collect();
    let mut timeline: Vec<i64> = doc
        .timeline_refs
        .iter()
        .copied()
        .filter(|&n| n != number)
        .collect();
    timeline.sort_unstable();
    timeline.dedup();
    links.extend(timeline.into_iter().map(|source| Link {
        source,
        target: number,
        owner: number,
        flags: TIMELINE,
    }));
    links.sort_unstable_by_key(|l| (l.source, l.target));

    Analysis {
        terms,
        len,
        lines,
        extracted,
        links,
        out_degree,
    }
}
