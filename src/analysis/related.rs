//! Which threads matter for understanding one thread, and why: explicit links (fix pull
//! requests, duplicates, mentions, timeline cross-references, threads cited side by side), the
//! same error, the same code, similar titles and text, and shared labels. Every contribution to
//! a score comes with a reason a person can check by reading the two threads: the signature
//! that matched, the code both name, the strongest words both use.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use serde::Serialize;

use super::index::{
    COCITED, COMMENT_SAID, CodeFeature, DUPLICATE, Entry, ErrorRef, FIXES, ListItem,
    MAINTAINER_SAID, MENTION_BODY, MENTION_COMMENT, RepoIndex, TIMELINE, Timeline, thread_terms,
};
use super::signals::ErrorKind;
use super::{AnalysisError, ThreadDoc, ellipsize, round3};
use crate::store::ThreadState;

/// Which threads a query returns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StateFilter {
    Open,
    Closed,
    #[default]
    All,
}

impl StateFilter {
    fn admits(self, state: ThreadState) -> bool {
        match self {
            StateFilter::All => true,
            StateFilter::Open => state == ThreadState::Open,
            StateFilter::Closed => state == ThreadState::Closed,
        }
    }
}

/// Options of a related-threads query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelatedQuery {
    pub state: StateFilter,
    pub limit: usize,
}

impl Default for RelatedQuery {
    fn default() -> Self {
        RelatedQuery {
            state: StateFilter::All,
            limit: 10,
        }
    }
}

/// How two threads are connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// One is a pull request whose body closes the other.
    FixPr,
    /// One is marked a duplicate of the other.
    Duplicate,
    /// One mentions the other (`#N`).
    Mentions,
    /// GitHub's timeline shows a cross-reference that the mirrored text does not.
    CrossReference,
    /// Both are fixed by the same pull request or duplicates of the same thread.
    SharedFix,
    /// A third thread cites both side by side.
    CoCited,
    /// The same error signature.
    SameError,
    /// The same files or identifiers.
    SameCode,
    SimilarTitle,
    SimilarText,
    SameLabels,
    /// A tracking issue's list names it by its title (without a link).
    Listed,
    /// A release that names none of its changes and a pull request it shipped (merged after
    /// the release before it, up to this one).
    Shipped,
}

/// A thread related to the queried one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub number: i64,
    pub title: String,
    pub state: ThreadState,
    pub is_pull_request: bool,
    pub score: f64,
    /// Why, strongest first, each checkable by reading the two threads.
    pub reasons: Vec<String>,
    pub kinds: Vec<RelationKind>,
    /// Text similarity (0..1), for the triage.
    #[serde(skip)]
    pub text_similarity: f32,
    /// Title similarity (0..1), for the triage.
    #[serde(skip)]
    pub title_similarity: f32,
}

// Weights. Explicit strong links dominate; a rare shared error outranks a mention; text
// similarity tops out below a strong link. Each signal is bounded, so no single noisy one (a
// long thread, a generic error) can swamp the others.
const FIX_PR: f64 = 12.0;
const DUPLICATE_OF: f64 = 11.0;
const MENTION_IN_BODY: f64 = 5.0;
const MENTION_IN_COMMENT: f64 = 4.0;
const MUTUAL_MENTION: f64 = 1.0;
const TIMELINE_ONLY: f64 = 3.5;
const SHARED_FIX: f64 = 3.0;
const CO_CITED: f64 = 3.5;
/// A thread linking to more than this many others is a hub (release notes, tracking issues):
/// each of its links is worth less.
const HUB_DEGREE: f64 = 8.0;
const SAME_ERROR: f64 = 8.0;
const SECOND_ERROR: f64 = 1.5;
/// When both threads show, next to a shared error, a rarer one the other does not have (the
/// inner exception of a chain, the project frame that raised it), the shared line is a generic
/// wrapper and the causes differ.
const DIFFERENT_CAUSE: f64 = 0.3;
const SAME_CODE: f64 = 2.5;
const SAME_CODE_CAP: f64 = 4.0;
const SIMILAR_TEXT: f64 = 7.0;
/// Titles compared on their own: the reporter's summary, which a pasted log cannot outvote.
const SIMILAR_TITLE: f64 = 2.0;
/// A tracking issue's list item that reads as a thread's title: as good as a mention.
const LISTED: f64 = 4.0;
/// The share of [`LISTED`] a thread gets for listing the query (the other direction).
const LISTED_BY: f64 = 0.5;
/// How alike a list item and a title must be (idf-weighted cosine).
const LISTED_MIN: f32 = 0.6;
/// As alike as an item whose every word is in the title must be (it then counts as
/// [`LISTED_MIN`]).
const LISTED_CONTAINED_MIN: f32 = 0.36;
/// List items read from a tracking issue.
const LISTED_LINES: usize = 200;
/// A release and a pull request it shipped, when the release names none of its changes: as
/// a list item that reads as its title.
const SHIPPED: f64 = LISTED;
/// The share of [`SHIPPED`] the release gets in its change's query.
const SHIPPED_BY: f64 = 0.25;
/// A release that shipped more changes than this says nothing about each (and scoring them
/// all would cost what a long list does).
const MAX_SHIPPED: usize = 200;
const SAME_LABELS: f64 = 0.6;
const SAME_LABELS_CAP: f64 = 1.0;
/// Labels on more than this share of threads (`bug`, `enhancement`) say nothing.
const COMMON_LABEL_SHARE: f64 = 0.2;
const MIN_SCORE: f64 = 0.3;
/// Weights of the implicit signals, strongest first.
const IMPLICIT_DECAY: [f64; 5] = [1.0, 0.5, 0.25, 0.125, 0.0625];
const MIN_TEXT_REASON: f32 = 0.05;
const MIN_TITLE_REASON: f32 = 0.2;

// BM25.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Query terms kept (the most discriminating ones), as Lucene's MoreLikeThis does: it bounds
/// the cost of a query on a long thread and drops the words that match everything.
const QUERY_TERMS: usize = 48;
const TEXT_CANDIDATES: usize = 100;
const TITLE_CANDIDATES: usize = 40;
/// Title words used to find candidates (the rarest).
const TITLE_QUERY_TERMS: usize = 8;
/// Signatures and code features on more threads than this are too common to find candidates
/// with (they still count for candidates found otherwise).
const MAX_FEATURE_DF_SHARE: f64 = 0.01;
const MIN_FEATURE_DF_CAP: u32 = 50;
const MIN_CODE_SPECIFICITY: f64 = 0.3;
/// How many threads the rarest shared errors and code references may add to a query.
const FEATURE_CANDIDATES: usize = 300;

/// How rare a feature shared by `df` of `n` threads is: 1 for a pair, falling towards 0 as it
/// becomes universal. Relative to the size of the repository, like an IDF, but bounded.
pub(crate) fn specificity(df: u32, n: usize) -> f64 {
    let n = (n.max(3)) as f64;
    let df = f64::from(df.max(2));
    (1.0 - df.ln() / n.ln()).clamp(0.0, 1.0)
}

/// BM25's term frequency part, for a thread of `len` where threads average `avg`.
fn bm25_norm_at(avg: f32, tf: f32, len: f32) -> f32 {
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg))
}

fn bm25_idf(df: u32, n: usize) -> f32 {
    let (df, n) = (df as f32, n as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

#[derive(Default)]
struct Candidate {
    /// Link score and reasons.
    links: f64,
    link_reasons: Vec<(f64, String, RelationKind)>,
    text: f32,
    /// The words that contributed most to the text similarity.
    words: Vec<u32>,
    title: f32,
    /// A tracking query's list item that reads as this thread's title, or this thread's list
    /// item that reads as the query's title: how alike, the item, and whether it is this
    /// thread's (the query is listed in it).
    listed: Option<(f32, String, bool)>,
    /// A release and a change it shipped ([`RepoIndex::shipped`]): how many changes that
    /// release shipped, and whether this thread is the release.
    shipped: Option<(usize, bool)>,
}

/// The query side of the text similarity: its most discriminating terms, their weights, and
/// its full term list (for the reverse direction).
struct TextQuery {
    top: Vec<(u32, f32, f32)>,
    all: HashMap<u32, f32>,
    len: f32,
    self_score: f32,
}

impl RepoIndex {
    /// The threads most related to `number`, best first.
    pub fn related(
        &self,
        number: i64,
        query: &RelatedQuery,
    ) -> Result<Vec<Related>, AnalysisError> {
        self.related_to(number, None, query)
    }

    /// The threads most related to `number`, best first; with its text (`doc`, from the
    /// mirror), the query leaves out what it shares with every other report (pasted banners)
    /// and reasons name words as they were written.
    pub fn related_to(
        &self,
        number: i64,
        doc: Option<&ThreadDoc>,
        query: &RelatedQuery,
    ) -> Result<Vec<Related>, AnalysisError> {
        self.related_inner(number, doc, query, true)
    }

    fn related_inner(
        &self,
        number: i64,
        doc: Option<&ThreadDoc>,
        query: &RelatedQuery,
        with_text: bool,
    ) -> Result<Vec<Related>, AnalysisError> {
        let qslot = self.slot_of(number).ok_or_else(|| self.unknown(number))?;
        let q = self.entry_at(qslot).ok_or_else(|| self.unknown(number))?;
        let mut cands: HashMap<u32, Candidate> = HashMap::new();
        // With the text, the query's code references leave out pasted boilerplate.
        let q_code = match doc {
            Some(doc) => self.query_code(doc),
            None => q.code(),
        };

        self.link_candidates(q, &mut cands);
        self.feature_candidates(qslot, q, &q_code, &mut cands);
        let text_query = if with_text {
            self.text_query(q, doc)
        } else {
            None
        };
        if let Some(tq) = &text_query {
            for (slot, sim, words) in self.text_similar(qslot, tq) {
                let c = cands.entry(slot).or_default();
                c.text = sim;
                c.words = words;
            }
        }
        for (slot, sim) in self.title_similar(qslot, q) {
            cands.entry(slot).or_default().title = sim;
        }
        // A tracking issue or a release names its parts in a list; a part finds the lists
        // that name it.
        let listed = self
            .listed_items(qslot, q.meta.number)
            .into_iter()
            .map(|(slot, sim, item)| (slot, sim, item, false))
            .chain(
                self.listing_threads(qslot, q)
                    .into_iter()
                    .map(|(slot, sim, item)| (slot, sim, item, true)),
            );
        for (slot, sim, item, theirs) in listed {
            let c = cands.entry(slot).or_default();
            if c.listed.as_ref().is_none_or(|(s, _, _)| sim > *s) {
                c.listed = Some((sim, item.to_string(), theirs));
            }
        }
        for (slot, count, theirs) in self.shipped(q) {
            cands.entry(slot).or_default().shipped = Some((count, theirs));
        }
        let originals = doc.map(original_words).unwrap_or_default();

        // Score every candidate without words, then explain only those shown.
        let mut ranked: Vec<(f64, i64, u32)> = Vec::new();
        for (&slot, cand) in cands.iter_mut() {
            if slot == qslot {
                continue;
            }
            let Some(d) = self.entry_at(slot) else {
                continue;
            };
            if !query.state.admits(d.meta.state) {
                continue;
            }
            // Found by a link or a title only: its text similarity is measured too.
            if cand.text == 0.0
                && let Some(tq) = &text_query
            {
                let (sim, words) = self.text_pair(tq, slot, d);
                cand.text = sim;
                cand.words = words;
            }
            let (score, _) = self.pair_score(q, &q_code, d, cand, None);
            if score >= MIN_SCORE {
                ranked.push((score, d.meta.number, slot));
            }
        }
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        ranked.truncate(query.limit);
        let mut out = Vec::with_capacity(ranked.len());
        for (_, _, slot) in ranked {
            let (Some(cand), Some(d)) = (cands.get(&slot), self.entry_at(slot)) else {
                continue;
            };
            let (score, mut scored) = self.pair_score(q, &q_code, d, cand, Some(&originals));
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            let mut kinds: Vec<RelationKind> = Vec::new();
            for (_, _, k) in &scored {
                if !kinds.contains(k) {
                    kinds.push(*k);
                }
            }
            let t = &d.meta;
            out.push(Related {
                number: t.number,
                title: t.title.to_string(),
                state: t.state,
                is_pull_request: t.is_pull_request,
                score: round3(score),
                reasons: scored.into_iter().map(|(_, r, _)| r).collect(),
                kinds,
                text_similarity: cand.text,
                title_similarity: cand.title,
            });
        }
        Ok(out)
    }

    /// How related the query `q` and `d` are, from what `cand` found and what they share.
    /// With `originals` (how the query's stemmed words were written), the reasons too, each
    /// with its share of the score and its kind; without, no reason text is built.
    fn pair_score(
        &self,
        q: &Entry,
        q_code: &[CodeFeature],
        d: &Entry,
        cand: &Candidate,
        originals: Option<&HashMap<String, String>>,
    ) -> (f64, Vec<(f64, String, RelationKind)>) {
        let words = originals.is_some();
        let mut scored: Vec<(f64, String, RelationKind)> = Vec::new();
        if words {
            scored.extend(cand.link_reasons.iter().cloned());
        }
        // Implicit signals overlap (a shared error line shares words and identifiers too),
        // so they add up with diminishing returns: the strongest counts fully, the next half.
        let mut implicit: Vec<f64> = Vec::new();
        // Named in the query's list without a link: the link it would have been.
        let mut listed = 0.0;
        if let Some((sim, item, theirs)) = &cand.listed
            && cand.links == 0.0
        {
            listed = LISTED * f64::from(*sim);
            // A plan is what its items are about, while to an item the plan that lists it is
            // context: that direction counts half. And release notes say little about each
            // thread they name (as their links do); a tracking issue is what it tracks.
            if *theirs {
                listed *= LISTED_BY;
                if !d.umbrella {
                    let items = self.lists.get(&d.meta.number).map_or(1, |l| l.len());
                    listed /= hub_factor(u32::try_from(items).unwrap_or(u32::MAX));
                }
            }
            if words {
                let reason = if *theirs {
                    format!("lists it: \"{item}\"")
                } else {
                    format!("listed in it: \"{item}\"")
                };
                scored.push((listed, reason, RelationKind::Listed));
            }
        }
        // A release and what it shipped, when nothing names the other.
        let mut shipped = 0.0;
        if let Some((count, theirs)) = cand.shipped
            && cand.links == 0.0
            && listed == 0.0
        {
            shipped = SHIPPED / hub_factor(u32::try_from(count).unwrap_or(u32::MAX));
            // As with a list: to the change, the release is context.
            if theirs {
                shipped *= SHIPPED_BY;
            }
            if words {
                let reason = if theirs {
                    format!(
                        "the release that shipped it ({count} changes merged since the one before)"
                    )
                } else {
                    format!("shipped in it: merged after the release before, one of {count}")
                };
                scored.push((shipped, reason, RelationKind::Shipped));
            }
        }
        let mut errors = self.shared_errors(q, d, words).into_iter();
        if let Some((best, reason)) = errors.next() {
            let second = errors.next().map_or(0.0, |e| e.0.min(SECOND_ERROR));
            implicit.push(best + second);
            if words {
                scored.push((best, reason, RelationKind::SameError));
            }
        }
        if let Some((s, reason)) = self.shared_code(q_code, d, words) {
            implicit.push(s);
            if words {
                scored.push((s, reason, RelationKind::SameCode));
            }
        }
        // Two releases share their template (the changelog's headings, "version bumped"),
        // not a subject: only what one says of the other relates them.
        let siblings = q.release && d.release;
        if cand.text > 0.0 && !siblings {
            let s = SIMILAR_TEXT * f64::from(cand.text);
            implicit.push(s);
            if let Some(originals) = originals.filter(|_| cand.text >= MIN_TEXT_REASON) {
                let reason = self.text_reason(cand.text, &cand.words, originals);
                scored.push((s, reason, RelationKind::SimilarText));
            }
        }
        if cand.title > 0.0 && !siblings {
            let s = SIMILAR_TITLE * f64::from(cand.title);
            implicit.push(s);
            if words && cand.title >= MIN_TITLE_REASON {
                let reason = format!("similar titles ({:.2})", cand.title);
                scored.push((s, reason, RelationKind::SimilarTitle));
            }
        }
        let (label_score, shared) = self.shared_labels(q, d, words);
        if label_score > 0.0 && !siblings {
            implicit.push(label_score);
            if words {
                let reason = format!("both labelled {}", shared.join(", "));
                scored.push((label_score, reason, RelationKind::SameLabels));
            }
        }
        implicit.sort_by(|a, b| b.total_cmp(a));
        let score = cand.links
            + listed
            + shipped
            + implicit
                .iter()
                .zip(IMPLICIT_DECAY)
                .map(|(s, w)| s * w)
                .sum::<f64>();
        (score, scored)
    }

    fn link_candidates(&self, q: &Entry, cands: &mut HashMap<u32, Candidate>) {
        let qn = q.meta.number;
        // Flags per other thread, by direction.
        let mut outgoing: HashMap<i64, u8> = HashMap::new();
        let mut incoming: HashMap<i64, u8> = HashMap::new();
        // Co-cited with the query: the other thread and who cited both.
        let mut cocited: HashMap<i64, Vec<i64>> = HashMap::new();
        for link in self.links_of(qn) {
            if link.flags == COCITED {
                let other = if link.source() == qn {
                    link.target()
                } else if link.target() == qn {
                    link.source()
                } else {
                    continue;
                };
                cocited.entry(other).or_default().push(link.owner());
            } else if link.source() == qn {
                *outgoing.entry(link.target()).or_default() |= link.flags;
            } else if link.target() == qn {
                *incoming.entry(link.source()).or_default() |= link.flags;
            }
        }
        let mut others: Vec<i64> = outgoing
            .keys()
            .chain(incoming.keys())
            .chain(cocited.keys())
            .copied()
            .collect();
        others.sort_unstable();
        others.dedup();
        for other in others {
            let Some(slot) = self.slot_of(other) else {
                continue;
            };
            let Some(d) = self.entry_at(slot) else {
                continue;
            };
            let out = outgoing.get(&other).copied().unwrap_or(0);
            let inc = incoming.get(&other).copied().unwrap_or(0);
            let mut reasons: Vec<(f64, String, RelationKind)> = Vec::new();
            if out & FIXES != 0 {
                reasons.push((FIX_PR, fix_reason(q, other), RelationKind::FixPr));
            }
            if inc & FIXES != 0 {
                reasons.push((FIX_PR, fix_reason(d, qn), RelationKind::FixPr));
            }
            if out & DUPLICATE != 0 {
                reasons.push((
                    DUPLICATE_OF,
                    duplicate_reason(q, other),
                    RelationKind::Duplicate,
                ));
            }
            if inc & DUPLICATE != 0 {
                reasons.push((
                    DUPLICATE_OF,
                    duplicate_reason(d, qn),
                    RelationKind::Duplicate,
                ));
            }
            let text_out = out & (MENTION_BODY | MENTION_COMMENT) != 0;
            let text_in = inc & (MENTION_BODY | MENTION_COMMENT) != 0;
            if reasons.is_empty() {
                // A list (release notes) says little about each thread it names; a tracking
                // issue is what it tracks, so its links keep their weight.
                let weight = |flags: u8, source: &Entry| {
                    let base = if flags & MENTION_BODY != 0 {
                        MENTION_IN_BODY
                    } else {
                        MENTION_IN_COMMENT
                    };
                    if source.umbrella {
                        base
                    } else {
                        base / hub_factor(source.out_degree)
                    }
                };
                match (text_out, text_in) {
                    (true, true) => reasons.push((
                        weight(out, q).max(weight(inc, d)) + MUTUAL_MENTION,
                        format!("#{qn} and #{other} mention each other"),
                        RelationKind::Mentions,
                    )),
                    (true, false) => reasons.push((
                        weight(out, q),
                        format!("#{qn} mentions #{other}"),
                        RelationKind::Mentions,
                    )),
                    (false, true) => reasons.push((
                        weight(inc, d),
                        format!("#{other} mentions #{qn}"),
                        RelationKind::Mentions,
                    )),
                    (false, false) => {}
                }
            }
            // A timeline cross-reference the mirrored text does not explain (an edited body,
            // a commit message, another repository's view).
            if reasons.is_empty() && (inc | out) & TIMELINE != 0 {
                let (from, to) = if inc & TIMELINE != 0 {
                    (other, qn)
                } else {
                    (qn, other)
                };
                reasons.push((
                    TIMELINE_ONLY,
                    format!("#{from} cross-references #{to} (timeline)"),
                    RelationKind::CrossReference,
                ));
            }
            if let Some(owners) = cocited.get(&other) {
                let mut owners = owners.clone();
                owners.sort_unstable();
                owners.dedup();
                let weight = owners
                    .iter()
                    .map(|o| {
                        let degree = self.entry(*o).map_or(1, |e| e.out_degree);
                        CO_CITED / hub_factor(degree)
                    })
                    .fold(0.0, f64::max)
                    + 0.5 * (owners.len() as f64 - 1.0).min(2.0);
                reasons.push((
                    weight,
                    format!("#{} cites #{qn} and #{other} together", owners[0]),
                    RelationKind::CoCited,
                ));
            }
            if reasons.is_empty() {
                continue;
            }
            let c = cands.entry(slot).or_default();
            // The strongest link counts fully; further kinds of link add a little.
            reasons.sort_by(|a, b| b.0.total_cmp(&a.0));
            c.links = reasons[0].0 + reasons[1..].iter().map(|r| r.0 * 0.1).sum::<f64>();
            c.link_reasons.extend(reasons);
        }
        self.shared_fix_candidates(q, cands);
    }

    /// The threads that are the same problem as `n` by an explicit strong link (its fix pull
    /// requests, the issues it fixes, what it duplicates and what duplicates it), each with the
    /// link in words.
    fn same_problem(&self, n: i64) -> Vec<(i64, String)> {
        let mut out: Vec<(i64, String)> = Vec::new();
        let is_pr = |x: i64| self.is_pull_request(x).unwrap_or(false);
        for link in self.links_of(n) {
            let found = if link.flags & FIXES != 0 && link.source() == n && is_pr(n) {
                Some((
                    link.target(),
                    format!("PR #{n} says it fixes #{}", link.target()),
                ))
            } else if link.flags & FIXES != 0 && link.target() == n && is_pr(link.source()) {
                Some((
                    link.source(),
                    format!("PR #{} says it fixes #{n}", link.source()),
                ))
            } else if link.flags & DUPLICATE != 0 && link.source() == n {
                Some((
                    link.target(),
                    format!("#{n} is marked a duplicate of #{}", link.target()),
                ))
            } else if link.flags & DUPLICATE != 0 && link.target() == n {
                Some((
                    link.source(),
                    format!("#{} is marked a duplicate of #{n}", link.source()),
                ))
            } else {
                None
            };
            if let Some((other, why)) = found
                && other != n
                && !out.iter().any(|(o, _)| *o == other)
            {
                out.push((other, why));
            }
        }
        out
    }

    /// Two steps along strong links: the fix of a duplicate, the other issues a fix pull
    /// request closes, other duplicates of the same issue.
    fn shared_fix_candidates(&self, q: &Entry, cands: &mut HashMap<u32, Candidate>) {
        let qn = q.meta.number;
        let mut done: Vec<i64> = Vec::new();
        for (hub, q_to_hub) in self.same_problem(qn) {
            for (other, hub_to_other) in self.same_problem(hub) {
                if other == qn || done.contains(&other) {
                    continue;
                }
                let Some(slot) = self.slot_of(other) else {
                    continue;
                };
                done.push(other);
                let c = cands.entry(slot).or_default();
                if c.links < SHARED_FIX {
                    c.links = SHARED_FIX + c.links * 0.1;
                } else {
                    c.links += SHARED_FIX * 0.1;
                }
                c.link_reasons.push((
                    SHARED_FIX,
                    format!("{hub_to_other}, and {q_to_hub}"),
                    RelationKind::SharedFix,
                ));
            }
        }
    }

    /// Threads sharing the query's rarest errors and code references, within a budget: rare
    /// features find the few threads worth scoring; common ones only add to the score of
    /// threads found otherwise.
    fn feature_candidates(
        &self,
        qslot: u32,
        q: &Entry,
        q_code: &[CodeFeature],
        cands: &mut HashMap<u32, Candidate>,
    ) {
        let n = self.len();
        let cap = df_cap(n);
        let mut features: Vec<(u32, bool, u32)> = q
            .errors()
            .iter()
            .map(|e| (self.errors.df(e.id), true, e.id))
            .chain(q_code.iter().map(|f| (self.code.df(f.id), false, f.id)))
            .filter(|&(df, is_error, _)| {
                df >= 2 && df <= cap && (is_error || specificity(df, n) >= MIN_CODE_SPECIFICITY)
            })
            .collect();
        features.sort_unstable();
        let mut added = 0usize;
        for (_, is_error, id) in features {
            if added >= FEATURE_CANDIDATES {
                break;
            }
            let slots: Vec<u32> = if is_error {
                self.errors.slots(id).collect()
            } else {
                self.code.slots(id).collect()
            };
            for slot in slots {
                if slot != qslot && self.is_live(slot) && !cands.contains_key(&slot) {
                    cands.insert(slot, Candidate::default());
                    added += 1;
                }
            }
        }
    }

    /// The errors both threads show, strongest first, with a reason each naming the
    /// signature that matched.
    fn shared_errors(&self, q: &Entry, d: &Entry, words: bool) -> Vec<(f64, String)> {
        let n = self.len();
        let mut out: Vec<(f64, String)> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let (q_errors, d_errors) = (q.errors(), d.errors());
        for (fid, qi, di) in merge(&q_errors, &d_errors, |e| e.id) {
            let e = &q_errors[qi];
            let factor = match e.kind {
                ErrorKind::Warning => 0.6,
                ErrorKind::Crash => 0.5,
                ErrorKind::Message => 0.8,
                _ => 1.0,
            };
            let spec = specificity(self.errors.df(fid), n);
            let mut s = SAME_ERROR * spec * spec * factor;
            if self.different_causes(&q_errors, &d_errors, fid, qi, di) {
                s *= DIFFERENT_CAUSE;
            }
            let name = self.errors.name(fid);
            let (signature, frame) = match name.split_once('\u{1}') {
                Some((sig, frame)) => (sig, Some(frame)),
                None => (name, None),
            };
            let signature = signature.strip_prefix("msg: ").unwrap_or(signature);
            // The same error seen as an exception and as its bare message is one finding.
            if seen
                .iter()
                .any(|seen| seen.contains(signature) || signature.contains(seen))
            {
                continue;
            }
            seen.push(signature);
            let reason = match (words, frame) {
                (false, _) => String::new(),
                (true, Some(f)) => format!(
                    "same error: `{}` (raised in {})",
                    ellipsize(signature, 160),
                    f.rsplit(':').next().unwrap_or(f)
                ),
                (true, None) => format!("same error: `{}`", ellipsize(signature, 160)),
            };
            out.push((s, reason));
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.truncate(2);
        out
    }

    /// The score and reason of the code references both threads make (the three rarest).
    fn shared_code(&self, q_code: &[CodeFeature], d: &Entry, words: bool) -> Option<(f64, String)> {
        let n = self.len();
        let mut shared: Vec<(f64, &str)> = Vec::new();
        let d_code = d.code();
        for (id, qi, di) in merge(q_code, &d_code, |f| f.id) {
            let spec = specificity(self.code.df(id), n);
            if spec < MIN_CODE_SPECIFICITY {
                continue;
            }
            let (qf, df) = (&q_code[qi], &d_code[di]);
            shared.push((
                f64::from(qf.weight.min(df.weight)) * spec * spec,
                self.code_name(id),
            ));
        }
        shared.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut shown: Vec<&str> = Vec::new();
        let mut sum = 0.0;
        for (c, name) in shared {
            if shown.len() >= 3 {
                break;
            }
            // `csrc/kernels.cu` and `kernels.cu` are one reference.
            if shown.iter().any(|s| s.ends_with(name) || name.ends_with(s)) {
                continue;
            }
            sum += c;
            shown.push(name);
        }
        let score = (SAME_CODE * sum).min(SAME_CODE_CAP);
        (score > 0.05).then(|| {
            let reason = if words {
                format!("both mention {}", shown.join(", "))
            } else {
                String::new()
            };
            (score, reason)
        })
    }

    /// Whether the error `fid` (error `qi` of `q`, `di` of `d`) is shared only as the generic
    /// part of two different failures: each thread has, in the same block as it, a rarer error
    /// that the other lacks.
    fn different_causes(
        &self,
        q: &[ErrorRef],
        d: &[ErrorRef],
        fid: u32,
        qi: usize,
        di: usize,
    ) -> bool {
        let df = self.errors.df(fid);
        let rarer_unshared = |a: &[ErrorRef], b: &[ErrorRef], at: usize| {
            let Some(block) = a.get(at).map(|e| e.block) else {
                return false;
            };
            a.iter().any(|other| {
                other.id != fid
                    && other.block == block
                    && other.kind != ErrorKind::Message
                    && self.errors.df(other.id) < df
                    && b.binary_search_by_key(&other.id, |e| e.id).is_err()
            })
        };
        rarer_unshared(q, d, qi) && rarer_unshared(d, q, di)
    }

    /// The query side of the text similarity. With the thread's text, pasted boilerplate
    /// (banners, template lines, canned instructions) is left out, so that two threads do not
    /// look alike for what they both pasted.
    fn text_query(&self, q: &Entry, doc: Option<&ThreadDoc>) -> Option<TextQuery> {
        let n = self.len();
        if n < 2 {
            return None;
        }
        let stored = q.terms();
        let (all_terms, len): (Vec<(u32, f32)>, f32) = match doc {
            Some(doc) => {
                let t = thread_terms(doc, &|k| self.is_boilerplate_line(k));
                let mut v: Vec<(u32, f32)> = t
                    .terms
                    .iter()
                    .filter_map(|(term, w)| self.words.id(term).map(|id| (id, *w)))
                    .collect();
                v.sort_unstable_by_key(|p| p.0);
                (v, q.len)
            }
            None => (stored, q.len),
        };
        if all_terms.is_empty() {
            return None;
        }
        let top = self.top_terms(&all_terms);
        let all: HashMap<u32, f32> = all_terms.into_iter().collect();
        let self_score = self.self_score(&top, |t| all.get(&t).copied().unwrap_or(0.0), len);
        (self_score > 0.0).then_some(TextQuery {
            top,
            all,
            len,
            self_score,
        })
    }

    /// The most discriminating terms of a thread: (term, query weight, idf).
    fn top_terms(&self, terms: &[(u32, f32)]) -> Vec<(u32, f32, f32)> {
        let n = self.len();
        let mut top: Vec<(u32, f32, f32)> = terms
            .iter()
            .filter_map(|&(t, w)| {
                let df = self.words.df(t);
                // Words on most threads cannot tell any two apart.
                if df < 2 || (df as usize) * 2 > n {
                    return None;
                }
                let qw = 2.0 * w / (w + 1.0);
                Some((t, qw, bm25_idf(df, n)))
            })
            .collect();
        // Ties break on the term, not its id, so the choice does not depend on the order in
        // which threads were indexed.
        let order = |a: &(u32, f32, f32), b: &(u32, f32, f32)| {
            (b.1 * b.2)
                .total_cmp(&(a.1 * a.2))
                .then_with(|| self.words.name(a.0).cmp(self.words.name(b.0)))
        };
        if top.len() > QUERY_TERMS {
            top.select_nth_unstable_by(QUERY_TERMS - 1, order);
            top.truncate(QUERY_TERMS);
        }
        top.sort_by(order);
        top
    }

    fn bm25_norm(&self, tf: f32, len: f32) -> f32 {
        bm25_norm_at(self.avg_len(), tf, len)
    }

    fn self_score(&self, top: &[(u32, f32, f32)], tf_of: impl Fn(u32) -> f32, len: f32) -> f32 {
        top.iter()
            .map(|&(t, qw, idf)| qw * idf * self.bm25_norm(tf_of(t), len))
            .sum()
    }

    /// The symmetric similarity of the query and thread `d`: the mean of each one's
    /// discriminating terms found in the other, each normalised by its own score against
    /// itself, so a short thread can be as similar to a long one as the long one to it.
    fn text_pair(&self, tq: &TextQuery, slot: u32, d: &Entry) -> (f32, Vec<u32>) {
        // Sorted by term id: looked up by binary search, no map built per candidate.
        let d_terms = d.terms();
        let tf_in_d = |t: u32| {
            d_terms
                .binary_search_by_key(&t, |&(id, _)| id)
                .map_or(0.0, |i| d_terms[i].1)
        };
        let d_len = self.slot_len.get(slot as usize).copied().unwrap_or(d.len);
        let mut contributions: Vec<(f32, u32)> = Vec::new();
        let mut forward = 0.0;
        for &(t, qw, idf) in &tq.top {
            if let Ok(i) = d_terms.binary_search_by_key(&t, |&(id, _)| id) {
                let c = qw * idf * self.bm25_norm(d_terms[i].1, d_len);
                forward += c;
                contributions.push((c, t));
            }
        }
        let d_top = self.top_terms(&d_terms);
        let d_self = self.self_score(&d_top, tf_in_d, d_len);
        let mut backward = 0.0;
        for &(t, qw, idf) in &d_top {
            if let Some(&tf) = tq.all.get(&t) {
                backward += qw * idf * self.bm25_norm(tf, tq.len);
            }
        }
        let f = (forward / tq.self_score).min(1.0);
        let b = if d_self > 0.0 {
            (backward / d_self).min(1.0)
        } else {
            0.0
        };
        contributions.sort_by(|a, b| b.0.total_cmp(&a.0));
        let words = contributions.iter().take(3).map(|(_, t)| *t).collect();
        ((f + b) / 2.0, words)
    }

    /// BM25 of the thread's most discriminating terms against every thread, to find the
    /// threads worth scoring; each is then scored symmetrically.
    fn text_similar(&self, qslot: u32, tq: &TextQuery) -> Vec<(u32, f32, Vec<u32>)> {
        let mut acc = vec![0.0f32; self.slot_len.len()];
        let mut touched = Vec::new();
        // Read once: the walk below is the query's hottest loop.
        let avg = self.avg_len();
        for &(t, qw, idf) in &tq.top {
            for (slot, tf) in self.words.postings(t) {
                let Some(&len) = self.slot_len.get(slot as usize) else {
                    continue;
                };
                if len < 0.0 {
                    continue;
                }
                let a = &mut acc[slot as usize];
                if *a == 0.0 {
                    touched.push(slot);
                }
                *a += qw * idf * bm25_norm_at(avg, tf, len);
            }
        }
        let mut scored: Vec<(u32, f32)> = touched
            .into_iter()
            .filter(|&s| s != qslot)
            .map(|s| (s, acc[s as usize]))
            .collect();
        let k = TEXT_CANDIDATES.min(scored.len());
        if k == 0 {
            return Vec::new();
        }
        scored.select_nth_unstable_by(k - 1, |a, b| b.1.total_cmp(&a.1));
        // Everything tied with the last one kept stays, so the cut does not depend on slots.
        let threshold = scored[k - 1].1;
        scored.retain(|s| s.1 >= threshold);
        scored
            .into_iter()
            .filter_map(|(slot, _)| {
                let d = self.entry_at(slot)?;
                let (sim, words) = self.text_pair(tq, slot, d);
                Some((slot, sim, words))
            })
            .collect()
    }

    /// Titles alone, compared: the reporter's summary, which a pasted log cannot outvote. A
    /// cosine of idf-weighted words, so short titles compare fairly.
    fn title_similar(&self, qslot: u32, q: &Entry) -> Vec<(u32, f32)> {
        self.title_similar_with(qslot, q, true)
    }

    /// A title word's weight: its BM25 idf among titles, 0 for a word on fewer than `min_df`
    /// titles or on more than a quarter of them.
    fn title_idf(&self, t: u32, min_df: u32) -> f32 {
        let n = self.len();
        let df = self.titles.df(t);
        if df < min_df || (df as usize) * 4 > n {
            0.0
        } else {
            bm25_idf(df, n)
        }
    }

    /// The length of a title's vector of word weights ([`Self::title_idf`]).
    fn title_norm(&self, e: &Entry, min_df: u32) -> f32 {
        e.title()
            .iter()
            .map(|&t| self.title_idf(t, min_df).powi(2))
            .sum::<f32>()
            .sqrt()
    }

    /// The threads a tracking issue's list names by their titles: each list item kept by
    /// the index against every title, the best title when it is alike enough. A roadmap
    /// whose links were lost (a copy, an export) still lists its parts.
    fn listed_items(&self, qslot: u32, number: i64) -> Vec<(u32, f32, &str)> {
        let Some(items) = self.lists.get(&number) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            if let Some((slot, sim)) = self.listed_item(qslot, self.item_terms(item)) {
                out.push((slot, sim, &*item.text));
                if out.len() >= LISTED_LINES {
                    break;
                }
            }
        }
        out
    }

    /// A release's changes, when it names none by a link: the pull requests merged after
    /// the release before it, up to it. For a merged pull request, the release that shipped
    /// it, when that release names none of its changes. Each with how many changes the
    /// release shipped and whether it is the release (for the change's query).
    fn shipped(&self, q: &Entry) -> Vec<(u32, usize, bool)> {
        let window = |i: usize| {
            let (at, _) = self.releases[i];
            let from = i.checked_sub(1).map_or(i64::MIN, |p| self.releases[p].0);
            self.merged
                .range((
                    std::ops::Bound::Excluded((from, i64::MAX)),
                    std::ops::Bound::Included((at, i64::MAX)),
                ))
                .map(|&(_, n)| n)
        };
        // How many changes release `i` shipped, counted no further than the cap (a first
        // release after years of merges would otherwise walk them all).
        let shipped_by = |i: usize| window(i).take(MAX_SHIPPED + 1).count();
        // A release that names a change by a link said what it shipped.
        let silent = |number: i64| {
            self.slot_of(number)
                .and_then(|s| self.entry_at(s))
                .is_some_and(|r| r.out_degree == 0)
        };
        match Timeline::of_entry(q) {
            Some(Timeline::Release(at)) => {
                let number = q.meta.number;
                let Ok(i) = self.releases.binary_search(&(at, number)) else {
                    return Vec::new();
                };
                let count = shipped_by(i);
                if !silent(number) || count > MAX_SHIPPED {
                    return Vec::new();
                }
                window(i)
                    .filter_map(|n| self.slot_of(n))
                    .map(|slot| (slot, count, false))
                    .collect()
            }
            Some(Timeline::Merged(at)) => {
                let i = self.releases.partition_point(|r| r.0 < at);
                let Some(&(_, release)) = self.releases.get(i) else {
                    return Vec::new();
                };
                let count = shipped_by(i);
                match self.slot_of(release) {
                    Some(slot) if silent(release) && count <= MAX_SHIPPED => {
                        vec![(slot, count, true)]
                    }
                    _ => Vec::new(),
                }
            }
            None => Vec::new(),
        }
    }

    /// The threads whose lists name the query by its title: the items that share its title's
    /// words, each when the query's title is the one it names best (as
    /// [`Self::listed_items`] would find from the listing thread).
    fn listing_threads(&self, qslot: u32, q: &Entry) -> Vec<(u32, f32, &str)> {
        let title = q.title();
        let q_norm = self.title_norm(q, 1);
        if q_norm == 0.0 {
            return Vec::new();
        }
        let mut seen: HashSet<(u32, u16)> = HashSet::new();
        let mut out = Vec::new();
        for t in title {
            // A word of a quarter of all titles weighs nothing: it cannot make an item alike.
            if self.title_idf(*t, 1) == 0.0 {
                continue;
            }
            for &(owner, at) in self.item_postings.get(t).into_iter().flatten() {
                if !seen.insert((owner, at)) {
                    continue;
                }
                let number = i64::from(owner);
                let (Some(slot), Some(item)) = (
                    self.slot_of(number).filter(|&s| s != qslot),
                    self.lists.get(&number).and_then(|l| l.get(usize::from(at))),
                ) else {
                    continue;
                };
                let terms = self.item_terms(item);
                // Alike enough to the query's title before the whole index is asked.
                if item_similarity(&terms, title, q_norm).is_none_or(|sim| sim < LISTED_MIN) {
                    continue;
                }
                if let Some((best, sim)) = self.listed_item(slot, terms)
                    && best == qslot
                {
                    out.push((slot, sim, &*item.text));
                }
            }
        }
        out
    }

    /// A list item's words that weigh something in titles, with their weights.
    fn item_terms(&self, item: &ListItem) -> Vec<(u32, f32)> {
        item.terms
            .iter()
            .filter_map(|&t| {
                // A word of one title alone still names that thread.
                let w = self.title_idf(t, 1);
                (w > 0.0).then_some((t, w))
            })
            .collect()
    }

    /// The title a list item (its weighted words) names, with how alike the two are, when
    /// alike enough.
    fn listed_item(&self, qslot: u32, mut terms: Vec<(u32, f32)>) -> Option<(u32, f32)> {
        if terms.len() < 2 {
            return None;
        }
        let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        // A title's cosine with the item is at most sqrt(dot) / norm, and its dot is at
        // most the weight of the item words it has. Rarest words first: once the words
        // left weigh too little to reach the threshold on their own, a title must hold one
        // of the words already taken, so the long postings of common words are never read.
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let need = (LISTED_MIN * norm).powi(2) / 1.002;
        let mut left: f32 = terms.iter().map(|(_, w)| w * w).sum();
        let mut found: Vec<u32> = Vec::new();
        for &(t, w) in &terms {
            if left < need {
                break;
            }
            left -= w * w;
            found.extend(
                self.titles
                    .slots(t)
                    .filter(|&slot| slot != qslot && self.is_live(slot)),
            );
        }
        found.sort_unstable();
        found.dedup();
        let best = found
            .into_iter()
            .filter_map(|slot| {
                let d = self.entry_at(slot)?;
                let sim = item_similarity(&terms, d.title(), self.title_norm(d, 1))?;
                Some((slot, d.meta.number, sim))
            })
            // Equally alike: the older thread, whatever order the index was built in.
            .max_by(|a, b| a.2.total_cmp(&b.2).then(b.1.cmp(&a.1)));
        best.filter(|(_, _, sim)| *sim >= LISTED_MIN)
            .map(|(slot, _, sim)| (slot, sim.min(1.0)))
    }

    /// [`Self::title_similar`], with the bound that skips threads that cannot make the list
    /// (`prune`) or without it (every thread scored: the reference the bound must match).
    fn title_similar_with(&self, qslot: u32, q: &Entry, prune: bool) -> Vec<(u32, f32)> {
        let n = self.len();
        if n < 2 || q.title().is_empty() {
            return Vec::new();
        }
        // A word of the query's title alone cannot be shared.
        let idf = |t: u32| self.title_idf(t, 2);
        let q_norm = self.title_norm(q, 2);
        if q_norm <= 0.0 {
            return Vec::new();
        }
        let mut terms: Vec<(u32, f32)> = q
            .title()
            .iter()
            .map(|&t| (t, idf(t)))
            .filter(|(_, w)| *w > 0.0)
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1));
        terms.truncate(TITLE_QUERY_TERMS);
        // Dense, as the text's: a common title word reaches thousands of threads, and a hash
        // map's inserts cost more than the walk.
        let mut acc = vec![0.0f32; self.slot_len.len()];
        let mut touched: Vec<u32> = Vec::new();
        for &(t, w) in &terms {
            for slot in self.titles.slots(t) {
                if slot != qslot
                    && self.is_live(slot)
                    && let Some(a) = acc.get_mut(slot as usize)
                {
                    if *a == 0.0 {
                        touched.push(slot);
                    }
                    *a += w * w;
                }
            }
        }
        let cosine = |&(slot, dot): &(u32, f32)| {
            let d = self.entry_at(slot)?;
            let d_norm = self.title_norm(d, 2);
            (d_norm > 0.0).then(|| (slot, (dot / (q_norm * d_norm)).min(1.0)))
        };
        // A common title word reaches thousands of threads, and reading each one's title is
        // most of the cost. The shared words are part of the other title, so its norm is at
        // least sqrt(dot) and its cosine at most sqrt(dot) / q_norm: score the threads with
        // the largest dot first, then only those whose bound (with room for rounding) reaches
        // the last one kept.
        let mut dots: Vec<(u32, f32)> = touched
            .into_iter()
            .map(|slot| (slot, acc[slot as usize]))
            .collect();
        let mut scored: Vec<(u32, f32)> = if prune && dots.len() > TITLE_CANDIDATES {
            dots.select_nth_unstable_by(TITLE_CANDIDATES - 1, |a, b| {
                b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
            });
            let rest = dots.split_off(TITLE_CANDIDATES);
            let mut scored: Vec<(u32, f32)> = dots.iter().filter_map(cosine).collect();
            if scored.len() >= TITLE_CANDIDATES {
                // The 40 best so far, the least on top: the bar rises as better ones come.
                let mut best: BinaryHeap<Reverse<u32>> =
                    scored.iter().map(|s| Reverse(s.1.to_bits())).collect();
                for &(slot, dot) in &rest {
                    let last = best.peek().map_or(0.0, |b| f32::from_bits(b.0));
                    if (dot.sqrt() / q_norm * 1.001).min(1.0) < last {
                        continue;
                    }
                    if let Some(c) = cosine(&(slot, dot)) {
                        scored.push(c);
                        // Cosines are not negative: their bits order as they do.
                        if c.1 > last {
                            best.pop();
                            best.push(Reverse(c.1.to_bits()));
                        }
                    }
                }
            } else {
                scored.extend(rest.iter().filter_map(cosine));
            }
            scored
        } else {
            dots.iter().filter_map(cosine).collect()
        };
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(TITLE_CANDIDATES);
        scored
    }

    /// "similar text (0.42): both say `quantize`, `blockwise`".
    fn text_reason(&self, sim: f32, words: &[u32], originals: &HashMap<String, String>) -> String {
        let mut shown: Vec<String> = Vec::new();
        for &t in words {
            let stem = self.words.name(t);
            let word = format!("`{}`", originals.get(stem).map_or(stem, String::as_str));
            if !shown.contains(&word) {
                shown.push(word);
            }
        }
        if shown.is_empty() {
            format!("similar text ({sim:.2})")
        } else {
            format!("similar text ({sim:.2}): both say {}", shown.join(", "))
        }
    }

    fn shared_labels(&self, q: &Entry, d: &Entry, words: bool) -> (f64, Vec<String>) {
        let n = self.len();
        let mut score = 0.0;
        let mut shared = Vec::new();
        for &l in q.labels() {
            if !d.labels().contains(&l) {
                continue;
            }
            let df = self.labels.df(l);
            if f64::from(df) > COMMON_LABEL_SHARE * n as f64 {
                continue;
            }
            score += SAME_LABELS * specificity(df, n);
            if !words {
                continue;
            }
            let name = self.labels.name(l);
            let shown = self
                .labels_of(q)
                .into_iter()
                .find(|x| x.eq_ignore_ascii_case(name))
                .unwrap_or(name)
                .to_string();
            shared.push(shown);
        }
        (score.min(SAME_LABELS_CAP), shared)
    }
}

/// The words of a thread as written, by stem: reasons show `blockwise`, not `blockwis`.
fn original_words(doc: &ThreadDoc) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    let mut add = |text: &str| {
        super::text::tokens_with_words(text, |stem, word| {
            out.entry(stem.to_string())
                .or_insert_with(|| word.to_string());
        });
    };
    add(&doc.thread.title);
    add(doc.thread.body.as_deref().unwrap_or(""));
    for c in doc.comments.iter().take(50) {
        add(&c.body);
    }
    out
}

/// The positions of the keys two sorted lists share: (key, index in `a`, index in `b`).
fn merge<T>(a: &[T], b: &[T], key: impl Fn(&T) -> u32) -> Vec<(u32, usize, usize)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let (ka, kb) = (key(&a[i]), key(&b[j]));
        match ka.cmp(&kb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((ka, i, j));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn hub_factor(out_degree: u32) -> f64 {
    (f64::from(out_degree) / HUB_DEGREE).max(1.0).sqrt()
}

fn df_cap(n: usize) -> u32 {
    ((n as f64 * MAX_FEATURE_DF_SHARE) as u32).max(MIN_FEATURE_DF_CAP)
}

fn fix_reason(pr: &Entry, issue: i64) -> String {
    match pr.phrase(issue, FIXES) {
        Some(phrase) => format!("PR #{} says \"{phrase}\"", pr.meta.number),
        None => format!("PR #{} says it fixes #{issue}", pr.meta.number),
    }
}

fn duplicate_reason(dup: &Entry, of: i64) -> String {
    let n = dup.meta.number;
    match dup.phrase(of, DUPLICATE) {
        Some(p) => {
            if let Some(p) = p.strip_prefix(MAINTAINER_SAID) {
                format!("a maintainer's comment on #{n} says \"{p}\"")
            } else if let Some(p) = p.strip_prefix(COMMENT_SAID) {
                format!("a comment on #{n} says \"{p}\"")
            } else {
                format!("#{n} says \"{p}\"")
            }
        }
        None => format!("#{n} is marked a duplicate of #{of}"),
    }
}

/// How alike a list item (its weighted words) and a title (its words, `norm` the length of
/// their weights) are: the idf-weighted cosine, or [`LISTED_MIN`] when every word of the
/// item is in the title and the cosine is at least [`LISTED_CONTAINED_MIN`] (a short item
/// names a long title: "Reliable fetch" for "Fetcher: BLMOVE-based reliable fetch
/// (opt-in)"). None when the title has no weight.
fn item_similarity(terms: &[(u32, f32)], title: &[u32], norm: f32) -> Option<f32> {
    let item_norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm <= 0.0 || item_norm <= 0.0 {
        return None;
    }
    let dot: f32 = terms
        .iter()
        .filter(|(t, _)| title.contains(t))
        .map(|(_, w)| w * w)
        .sum();
    let cos = dot / (item_norm * norm);
    Some(
        if dot >= item_norm * item_norm * 0.999 && cos >= LISTED_CONTAINED_MIN {
            cos.max(LISTED_MIN)
        } else {
            cos
        },
    )
}

/// The items of a tracking issue's or a release's lists (`- ...`, `* ...`, `1. ...`, a task
/// box), in order; a line naming several changes ("PLY reader, OBJ relative indices") gives
/// each part and the whole line (a title may hold a comma itself).
pub(crate) fn list_items(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in body.lines().take(LISTED_LINES * 4) {
        let item = line.trim_start();
        let Some(rest) = item
            .strip_prefix("- ")
            .or_else(|| item.strip_prefix("* "))
            .or_else(|| item.strip_prefix("+ "))
            .or_else(|| {
                let digits = item.find(|c: char| !c.is_ascii_digit())?;
                (digits > 0)
                    .then(|| item[digits..].strip_prefix(". "))
                    .flatten()
            })
        else {
            continue;
        };
        let rest = rest
            .trim_start_matches("[ ] ")
            .trim_start_matches("[x] ")
            .trim_start_matches("[X] ")
            .trim();
        let parts = rest
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| p.len() < rest.len());
        out.extend(std::iter::once(rest).chain(parts).map(str::to_string));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Reactions, Thread, ThreadDoc, ThreadState};

    /// Titles from a small vocabulary, so that common words reach many threads.
    fn docs(count: i64) -> Vec<ThreadDoc> {
        const WORDS: &[&str] = &[
            "export",
            "crash",
            "table",
            "render",
            "empty",
            "cell",
            "font",
            "proxy",
            "theme",
            "layout",
            "grid",
            "tooltip",
            "palette",
            "window",
            "resize",
            "clipboard",
            "csv",
            "svg",
            "widget",
            "button",
        ];
        let mut state = 12_345u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize
        };
        (1..=count)
            .map(|number| {
                let words: Vec<&str> = (0..2 + next() % 5)
                    .map(|_| WORDS[next() % WORDS.len()])
                    .collect();
                let thread = Thread {
                    repo: "acme/widgets".into(),
                    number,
                    github_id: number,
                    is_pull_request: false,
                    title: words.join(" "),
                    body: Some("See the title.".into()),
                    state: ThreadState::Open,
                    state_reason: None,
                    user: Some("someone".into()),
                    author_association: None,
                    labels: Vec::new(),
                    reactions: Reactions::default(),
                    comment_count: 0,
                    created_at: number,
                    updated_at: number,
                    closed_at: None,
                    merged: None,
                    draft: None,
                    html_url: String::new(),
                };
                ThreadDoc::new(thread, Vec::new())
            })
            .collect()
    }

    /// Adds a thread like the first of `docs` with this number, title and body.
    fn add_thread(docs: &mut Vec<ThreadDoc>, number: i64, title: &str, body: &str) {
        let mut d = docs[0].clone();
        d.thread.number = number;
        d.thread.github_id = number;
        d.thread.title = title.into();
        d.thread.body = Some(body.into());
        docs.push(d);
    }

    #[test]
    fn a_roadmap_names_its_parts_by_their_titles_without_links() {
        let mut docs = docs(200);
        let mut add =
            |number: i64, title: &str, body: &str| add_thread(&mut docs, number, title, body);
        add(
            1001,
            "Roadmap for 3.0",
            "What we plan:\n\n- [ ] Wayland clipboard support\n- [x] Persist window geometry across sessions\n1. Bidirectional text shaping in labels\n- Gradient fills for bars, dotted axis lines, shadows under popups, rounded legend corners\n- [ ] Reliable export\n- [ ] Keyboard shortcut editor\n\nNot planned: anything else.",
        );
        // A short item whose every word is in a longer title.
        add(
            1010,
            "Exporter: chunked reliable export (opt-in)",
            "Big sheets time out half way.",
        );
        // Named on one line, four of them: each found by its part of the line.
        add(1006, "Gradient fills for bars", "Bars can only be flat.");
        add(1007, "Dotted axis lines", "Axis lines are always solid.");
        add(1008, "Shadows under popups", "Popups look flat on white.");
        add(
            1009,
            "Rounded legend corners",
            "Legends have sharp corners.",
        );
        add(
            1002,
            "Clipboard support on Wayland",
            "Copying does nothing under Sway.",
        );
        add(
            1003,
            "Persist the window geometry across sessions",
            "Windows always open at 800x600.",
        );
        add(
            1004,
            "Bidirectional text shaping in labels",
            "Arabic labels render left to right.",
        );
        add(
            1005,
            "Wayland: cursor theme ignored",
            "Unrelated to the roadmap.",
        );
        let repo = crate::store::RepoName::parse("acme/widgets").expect("repo");
        let index = RepoIndex::build(repo, docs.clone());
        let roadmap = docs
            .iter()
            .find(|d| d.thread.number == 1001)
            .expect("roadmap");
        let related = index
            .related_to(1001, Some(roadmap), &RelatedQuery::default())
            .expect("related");
        for n in [1002, 1003, 1004, 1006, 1007, 1008, 1009, 1010] {
            let r = related
                .iter()
                .find(|r| r.number == n)
                .unwrap_or_else(|| panic!("#{n} missing: {related:?}"));
            assert!(r.kinds.contains(&RelationKind::Listed), "#{n}: {r:?}");
            assert!(
                r.reasons.iter().any(|x| x.starts_with("listed in it: \"")),
                "#{n}: {r:?}"
            );
        }
        assert!(
            related
                .iter()
                .filter(|r| r.number == 1005)
                .all(|r| !r.kinds.contains(&RelationKind::Listed)),
            "{related:?}"
        );

        // The other way: each part finds the roadmap that lists it, without its text.
        let lists_it = |index: &RepoIndex, n: i64| {
            index
                .related(n, &RelatedQuery::default())
                .expect("related")
                .into_iter()
                .find(|r| r.number == 1001)
                .filter(|r| r.reasons.iter().any(|x| x.starts_with("lists it: \"")))
        };
        for n in [1002, 1003, 1004, 1006, 1010] {
            let r = lists_it(&index, n).unwrap_or_else(|| panic!("#{n}: roadmap not found"));
            assert!(r.kinds.contains(&RelationKind::Listed), "#{n}: {r:?}");
        }
        assert!(lists_it(&index, 1005).is_none());

        // A part written after the roadmap is found from both sides; a roadmap edited to list
        // nothing no longer lists it.
        let mut index = index;
        let mut late = docs[0].clone();
        late.thread.number = 1011;
        late.thread.title = "An editor for keyboard shortcuts".to_string();
        late.thread.body = Some("Rebinding keys means editing JSON.".to_string());
        late.comments.clear();
        index.upsert(late);
        let r = lists_it(&index, 1011).expect("the late part finds the roadmap");
        let listed = index
            .related_to(1001, Some(roadmap), &RelatedQuery::default())
            .expect("related");
        assert!(listed.iter().any(|r| r.number == 1011), "{listed:?}");
        assert!(
            r.reasons
                .iter()
                .any(|x| x.contains("Keyboard shortcut editor")),
            "{r:?}"
        );
        let mut emptied = roadmap.clone();
        emptied.thread.body = Some("Nothing planned.".to_string());
        index.upsert(emptied);
        assert!(lists_it(&index, 1011).is_none());
        assert!(lists_it(&index, 1004).is_none());
    }

    #[test]
    fn a_release_that_names_no_change_shipped_what_merged_since_the_one_before() {
        let mut docs = docs(50);
        let mut at = |number: i64, title: &str, body: &str, merged_at: Option<i64>| {
            add_thread(&mut docs, number, title, body);
            let d = docs.last_mut().expect("added");
            d.thread.created_at = merged_at.unwrap_or(number) - 10;
            if let Some(t) = merged_at {
                d.thread.is_pull_request = true;
                d.thread.merged = Some(true);
                d.thread.state = ThreadState::Closed;
                d.thread.closed_at = Some(t);
            }
        };
        at(
            100,
            "Release v1.0.0",
            "Changes:\n\n- see the changelog",
            Some(1_000),
        );
        at(
            101,
            "Grid: keep the scroll offset on resize",
            "Keeps it.",
            Some(1_100),
        );
        at(102, "Tooltip delay option", "Adds it.", Some(1_200));
        at(
            103,
            "Release v1.1.0",
            "Changes:\n\n- see the changelog",
            Some(1_300),
        );
        at(
            104,
            "Palette: dark theme contrast",
            "Raises it.",
            Some(1_400),
        );
        at(107, "Font fallback for emoji", "Adds it.", Some(1_450));
        // A release that links its changes said what it shipped.
        at(105, "Release v1.2.0", "Changes:\n\n- #104", Some(1_500));
        at(106, "Clipboard: copy as CSV", "Adds it.", Some(1_600));
        let repo = crate::store::RepoName::parse("acme/widgets").expect("repo");
        let mut index = RepoIndex::build(repo, docs.clone());
        // Every thread scored, so that only the kind decides.
        let all = RelatedQuery {
            limit: 100,
            ..RelatedQuery::default()
        };
        let shipped = |index: &RepoIndex, q: i64, n: i64| {
            index
                .related(q, &all)
                .expect("related")
                .into_iter()
                .find(|r| r.number == n)
                .filter(|r| r.kinds.contains(&RelationKind::Shipped))
        };
        // Both changes merged between v1.0.0 and v1.1.0, from both sides.
        for n in [101, 102] {
            assert!(shipped(&index, 103, n).is_some(), "v1.1.0 shipped #{n}");
            let r = shipped(&index, n, 103).expect("the release that shipped it");
            assert!(
                r.reasons
                    .iter()
                    .any(|x| x.contains("the release that shipped it")),
                "{r:?}"
            );
            assert!(shipped(&index, 100, n).is_none(), "v1.0.0 came before #{n}");
        }
        // Not the release before, nor one that names its changes, nor one not cut yet.
        assert!(shipped(&index, 105, 107).is_none());
        assert!(shipped(&index, 107, 105).is_none());
        assert!(shipped(&index, 106, 105).is_none());
        // A change merged again later (its merge time moved past the release) leaves it.
        let mut moved = docs
            .iter()
            .find(|d| d.thread.number == 102)
            .expect("#102")
            .clone();
        moved.thread.closed_at = Some(1_650);
        index.upsert(moved);
        assert!(shipped(&index, 103, 102).is_none());
        assert!(shipped(&index, 103, 101).is_some());
        index.remove(101);
        assert!(shipped(&index, 103, 101).is_none());
    }

    #[test]
    fn a_release_names_what_went_in_and_is_not_like_other_releases_by_title() {
        let mut docs = docs(200);
        let mut add =
            |number: i64, title: &str, body: &str| add_thread(&mut docs, number, title, body);
        add(
            1001,
            "Persist the window geometry across sessions",
            "Windows always open at 800x600.",
        );
        add(
            1002,
            "Tooltip delay setting",
            "Tooltips show too fast for us.",
        );
        add(
            1003,
            "Release 2.1.0",
            "Prepares the release.\n\n- csv export of tables\n- palette theme\n\nChangelog and version bumped, published by the release workflow.",
        );
        add(
            1004,
            "Release 2.2.0",
            "Prepares the release.\n\n- persist window geometry\n- tooltip delay setting\n\nChangelog and version bumped, published by the release workflow.",
        );
        let repo = crate::store::RepoName::parse("acme/widgets").expect("repo");
        let index = RepoIndex::build(repo, docs.clone());
        let release = docs
            .iter()
            .find(|d| d.thread.number == 1004)
            .expect("release");
        let related = index
            .related_to(1004, Some(release), &RelatedQuery::default())
            .expect("related");
        for n in [1001, 1002] {
            let r = related
                .iter()
                .find(|r| r.number == n)
                .unwrap_or_else(|| panic!("#{n} missing: {related:?}"));
            assert!(r.kinds.contains(&RelationKind::Listed), "#{n}: {r:?}");
        }
        // "Release 2.1.0" and "Release 2.2.0" share no word that says what either is about,
        // and their bodies share the release template, not a subject.
        assert!(related.iter().all(|r| r.number != 1003), "{related:?}");
    }

    #[test]
    fn the_title_bound_skips_only_threads_that_cannot_make_the_list() {
        let repo = crate::store::RepoName::parse("acme/widgets").expect("repo");
        let index = RepoIndex::build(repo, docs(600));
        let mut pruned_any = false;
        for number in 1..=600 {
            let slot = index.slot_of(number).expect("slot");
            let q = index.entry_at(slot).expect("entry");
            let fast = index.title_similar_with(slot, q, true);
            let every = index.title_similar_with(slot, q, false);
            assert_eq!(fast, every, "#{number}");
            pruned_any |= every.len() == TITLE_CANDIDATES;
        }
        assert!(
            pruned_any,
            "no query had more candidates than the list holds"
        );
    }
}
