//! The in-memory index of one repository's threads: BM25 postings (of the whole text and of
//! titles alone), error signatures, code references, labels and the graph of explicit links,
//! all updated in place when one thread changes, in time proportional to that thread.
//!
//! The index keeps what queries need, not the threads: a thread's metadata, the facts the
//! triage reads from its conversation (computed once, when it is indexed), and compact lists
//! of its features. Texts stay in the mirror; whoever needs them (the prompt) reads them there.
//!
//! Threads live in slots. Replacing a thread gives it a new slot and marks the old one dead;
//! posting lists skip dead slots and are compacted once they are more dead than alive, and the
//! slot table is renumbered once it is more than half dead. Both costs are amortised over the
//! updates that caused them, so no update pays for the size of the repository on average.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};

use super::conversation::Facts;
use super::links;
use super::signals::{self, ErrorKind, Extracted, Project, Signals};
use super::text::{self, Line, LineKind};
use super::{AnalysisError, ThreadDoc};
use crate::config::triage::TriageConfig;
use crate::github::refs::extract_refs_with_aliases;
use crate::store::{Comment, Reactions, RefKind, RepoName, Thread, ThreadState};

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
/// Lines of a thread remembered for boilerplate detection.
const MAX_LINES: usize = 32;
/// Words indexed per thread: its heaviest.
const MAX_TERMS: usize = 64;
/// Errors and code references kept per thread.
const MAX_ERRORS: usize = 24;
const MAX_CODE: usize = 48;

/// A link between two threads, stored at both ends. Numbers are kept in 32 bits (GitHub's
/// are far below that); a link to a larger one is not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    source: u32,
    target: u32,
    /// The thread whose text or timeline asserted the link; it goes when that thread changes.
    owner: u32,
    pub flags: u8,
}

impl Link {
    fn new(source: i64, target: i64, owner: i64, flags: u8) -> Option<Link> {
        Some(Link {
            source: u32::try_from(source).ok()?,
            target: u32::try_from(target).ok()?,
            owner: u32::try_from(owner).ok()?,
            flags,
        })
    }

    pub fn source(&self) -> i64 {
        i64::from(self.source)
    }

    pub fn target(&self) -> i64 {
        i64::from(self.target)
    }

    pub fn owner(&self) -> i64 {
        i64::from(self.owner)
    }
}

pub(crate) const MENTION_BODY: u8 = 1;
pub(crate) const MENTION_COMMENT: u8 = 2;
/// A closing keyword in a pull request's body.
pub(crate) const FIXES: u8 = 4;
pub(crate) const DUPLICATE: u8 = 8;
pub(crate) const TIMELINE: u8 = 16;
/// Cited side by side in a third thread (the owner); source and target are the two cited.
pub(crate) const COCITED: u8 = 32;

/// A list item of a tracking issue or a release (`- [ ] watcher rewrite`): its title words
/// (ids of `RepoIndex::titles`, so that a title written later has the same ids) and how it
/// was written. Kept so that an item finds the plan that lists it without the plan's text.
#[derive(Debug, Clone)]
pub(crate) struct ListItem {
    pub terms: Box<[u32]>,
    pub text: Box<str>,
}

/// A list item's words: posted under each of them, (the listing thread's number, the item's
/// index in its list).
type ItemRef = (u32, u16);

/// An error of a thread: its signature's feature, kind and the block it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ErrorRef {
    pub id: u32,
    pub kind: ErrorKind,
    pub block: u16,
    /// The signature includes the project frame that raised it.
    pub framed: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct CodeFeature {
    pub id: u32,
    pub weight: f32,
}

/// A thread's metadata as the index keeps it: no body, no repository, compact. Its labels
/// are the entry's label ids (see `RepoIndex::labels_of`), its author an id of `users`.
#[derive(Debug, Clone)]
pub(crate) struct Meta {
    pub number: i64,
    pub title: Box<str>,
    /// 1 + the author's id in `RepoIndex::users`; 0: no author.
    user: u32,
    pub comment_count: u32,
    pub created_at: i64,
    pub updated_at: i64,
    /// 0: not closed.
    closed_at: i64,
    /// GitHub's order: +1, -1, laugh, hooray, confused, heart, rocket, eyes.
    reactions: [u16; 8],
    pub state: ThreadState,
    pub is_pull_request: bool,
    association: u8,
    state_reason: u8,
    /// Bits: merged known, merged, draft known, draft.
    flags: u8,
}

const ASSOCIATIONS: [&str; 8] = [
    "NONE",
    "OWNER",
    "MEMBER",
    "COLLABORATOR",
    "CONTRIBUTOR",
    "FIRST_TIME_CONTRIBUTOR",
    "FIRST_TIMER",
    "MANNEQUIN",
];
const STATE_REASONS: [&str; 5] = ["", "completed", "not_planned", "duplicate", "reopened"];

fn code_of(list: &[&str], value: Option<&str>) -> u8 {
    value
        .and_then(|v| list.iter().position(|x| x.eq_ignore_ascii_case(v)))
        .map_or(0, |i| i as u8 + 1)
}

fn value_of(list: &'static [&'static str], code: u8) -> Option<&'static str> {
    list.get(usize::from(code).checked_sub(1)?).copied()
}

fn small(n: i64) -> u16 {
    n.clamp(0, i64::from(u16::MAX)) as u16
}

impl Meta {
    fn of(t: &Thread, user: u32) -> Meta {
        let r = &t.reactions;
        let mut flags = 0u8;
        if let Some(m) = t.merged {
            flags |= 1 | (u8::from(m) << 1);
        }
        if let Some(d) = t.draft {
            flags |= 4 | (u8::from(d) << 3);
        }
        Meta {
            number: t.number,
            title: t.title.as_str().into(),
            user,
            comment_count: t.comment_count.clamp(0, i64::from(u32::MAX)) as u32,
            created_at: t.created_at,
            updated_at: t.updated_at,
            closed_at: t.closed_at.unwrap_or(0),
            reactions: [
                small(r.plus_one),
                small(r.minus_one),
                small(r.laugh),
                small(r.hooray),
                small(r.confused),
                small(r.heart),
                small(r.rocket),
                small(r.eyes),
            ],
            state: t.state,
            is_pull_request: t.is_pull_request,
            association: code_of(&ASSOCIATIONS, t.author_association.as_deref()),
            state_reason: code_of(&STATE_REASONS, t.state_reason.as_deref()),
            flags,
        }
    }

    pub fn reactions(&self) -> Reactions {
        let r = self.reactions.map(i64::from);
        Reactions {
            plus_one: r[0],
            minus_one: r[1],
            laugh: r[2],
            hooray: r[3],
            confused: r[4],
            heart: r[5],
            rocket: r[6],
            eyes: r[7],
        }
    }

    pub fn state_reason(&self) -> Option<&'static str> {
        value_of(&STATE_REASONS, self.state_reason).filter(|r| !r.is_empty())
    }

    pub fn author_association(&self) -> Option<&'static str> {
        value_of(&ASSOCIATIONS, self.association)
    }

    pub fn merged(&self) -> Option<bool> {
        (self.flags & 1 != 0).then_some(self.flags & 2 != 0)
    }

    pub fn draft(&self) -> Option<bool> {
        (self.flags & 4 != 0).then_some(self.flags & 8 != 0)
    }

    pub fn closed_at(&self) -> Option<i64> {
        (self.closed_at != 0).then_some(self.closed_at)
    }
}

/// A strong claim in a thread's words: (the thread claimed on, `FIXES` or `DUPLICATE`, the
/// phrase as written).
type Phrase = (i64, u8, Box<str>);

/// One thread as indexed.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The thread's metadata (its body is not kept).
    pub meta: Meta,
    /// What its conversation says, for the triage: open issues only.
    facts: Option<Box<Facts>>,
    /// The project's version an issue's body reports (kept for closed issues too: a later
    /// report on an older version than a fixed one is that one again).
    pub version: Option<super::version::Version>,
    /// (term id, weighted frequency), sorted by term id, compactly encoded.
    terms: Box<[u8]>,
    pub len: f32,
    /// Its small lists in one allocation: title term ids, errors (two words each), code
    /// features (two words each), label ids, line keys, and the other ends of its links;
    /// `ends` says where each ends.
    packed: Box<[u32]>,
    ends: [u16; 6],
    /// The words of its strong claims (`Fixes #12`, `duplicate of #7`), for reasons.
    phrases: Option<Box<[Phrase]>>,
    /// How many distinct threads its text links to: a thread that links to forty others
    /// says less about each.
    pub out_degree: u32,
    /// The latest time anyone touched it (its update or a comment's).
    pub last_activity: i64,
    /// A tracking issue or release list: its links are what it says.
    pub umbrella: bool,
    /// Its title names a release (`Release v1.2.0`, `1.2.0`): a release thread.
    pub release: bool,
    /// What a maintainer said of it, kept for every issue (open issues keep all their facts):
    /// [`SAID_ENVIRONMENT`], [`SAID_NOT_A_BUG`], [`SAID_WONT_FIX`], [`SAID_RESOLVED`],
    /// [`SAID_FIXED`].
    said: u8,
}

/// A maintainer put the cause in the reporter's environment or another project.
pub(crate) const SAID_ENVIRONMENT: u8 = 1;
/// A maintainer said it behaves as intended.
pub(crate) const SAID_NOT_A_BUG: u8 = 2;
/// A maintainer declined it.
pub(crate) const SAID_WONT_FIX: u8 = 4;
/// After a maintainer spoke, the reporter said it works ("that was it"), and nobody said it
/// was fixed: answered, not changed.
pub(crate) const SAID_RESOLVED: u8 = 8;
/// A maintainer said it is fixed ("Fixed in 0.9.1"), whether or not a pull request says so.
pub(crate) const SAID_FIXED: u8 = 16;

const TITLE: usize = 0;
const ERRORS: usize = 1;
const CODE: usize = 2;
const LABELS: usize = 3;
const LINES: usize = 4;
const LINK_ENDS: usize = 5;

/// The lists of an entry, before packing.
struct Lists {
    title: Vec<u32>,
    errors: Vec<ErrorRef>,
    code: Vec<CodeFeature>,
    labels: Vec<u32>,
    lines: Vec<u32>,
    link_ends: Vec<i64>,
}

fn pack(lists: Lists) -> (Box<[u32]>, [u16; 6]) {
    let mut data: Vec<u32> = Vec::new();
    let mut ends = [0u16; 6];
    let mut close = |data: &Vec<u32>, i: usize| {
        ends[i] = data.len().min(u16::MAX as usize) as u16;
    };
    data.extend(&lists.title);
    close(&data, TITLE);
    for e in &lists.errors {
        data.push(e.id);
        data.push(
            u32::from(e.kind as u8) | (u32::from(e.block) << 8) | (u32::from(e.framed) << 31),
        );
    }
    close(&data, ERRORS);
    for f in &lists.code {
        data.push(f.id);
        data.push(f.weight.to_bits());
    }
    close(&data, CODE);
    data.extend(&lists.labels);
    close(&data, LABELS);
    data.extend(&lists.lines);
    close(&data, LINES);
    data.extend(
        lists
            .link_ends
            .iter()
            .filter_map(|n| u32::try_from(*n).ok()),
    );
    close(&data, LINK_ENDS);
    (data.into_boxed_slice(), ends)
}

impl Entry {
    fn section(&self, i: usize) -> &[u32] {
        let start = if i == 0 {
            0
        } else {
            usize::from(self.ends[i - 1])
        };
        self.packed
            .get(start..usize::from(self.ends[i]))
            .unwrap_or(&[])
    }

    /// Its weighted terms, sorted by term id.
    pub fn terms(&self) -> Vec<(u32, f32)> {
        decode_terms(&self.terms)
    }

    /// Term ids of the title, sorted.
    pub fn title(&self) -> &[u32] {
        self.section(TITLE)
    }

    /// Its errors, sorted by feature id.
    pub fn errors(&self) -> Vec<ErrorRef> {
        self.section(ERRORS)
            .chunks_exact(2)
            .map(|w| ErrorRef {
                id: w[0],
                kind: ErrorKind::from_u8((w[1] & 0xff) as u8),
                block: ((w[1] >> 8) & 0xffff) as u16,
                framed: w[1] >> 31 == 1,
            })
            .collect()
    }

    /// Its code references, sorted by feature id.
    pub fn code(&self) -> Vec<CodeFeature> {
        self.section(CODE)
            .chunks_exact(2)
            .map(|w| CodeFeature {
                id: w[0],
                weight: f32::from_bits(w[1]),
            })
            .collect()
    }

    pub fn labels(&self) -> &[u32] {
        self.section(LABELS)
    }

    fn lines(&self) -> &[u32] {
        self.section(LINES)
    }

    fn link_ends(&self) -> impl Iterator<Item = i64> + '_ {
        self.section(LINK_ENDS).iter().map(|&n| i64::from(n))
    }

    /// Whether a maintainer said any of `bits` ([`SAID_ENVIRONMENT`], ...) in the thread,
    /// open or closed.
    pub fn maintainer_said(&self, bits: u8) -> bool {
        self.said & bits != 0
    }

    /// What its conversation says (nothing for closed threads and pull requests).
    pub fn facts(&self) -> &Facts {
        static NONE: std::sync::LazyLock<Facts> = std::sync::LazyLock::new(Facts::default);
        self.facts.as_deref().unwrap_or(&NONE)
    }

    /// The phrase with which it claims `flag` (`FIXES`, `DUPLICATE`) on `target`.
    pub fn phrase(&self, target: i64, flag: u8) -> Option<&str> {
        self.phrases
            .as_deref()?
            .iter()
            .find(|(t, f, _)| *t == target && *f == flag)
            .map(|(_, _, p)| &**p)
    }
}

// Term weights are kept to a byte: a log scale, about 2.5% apart.
const WEIGHT_SCALE: f32 = 40.0;

pub(crate) fn quantize(w: f32) -> u8 {
    ((1.0 + w.max(0.0)).ln() * WEIGHT_SCALE)
        .round()
        .clamp(1.0, 255.0) as u8
}

pub(crate) fn dequantize(q: u8) -> f32 {
    // Read on every posting a query walks: a table, not an `exp` each time.
    static TABLE: std::sync::LazyLock<[f32; 256]> =
        std::sync::LazyLock::new(|| std::array::from_fn(|q| (q as f32 / WEIGHT_SCALE).exp() - 1.0));
    TABLE[q as usize]
}

fn encode_terms(terms: &[(u32, f32)]) -> Box<[u8]> {
    let mut out = Vec::with_capacity(terms.len() * 3);
    let mut last = 0u32;
    for &(id, w) in terms {
        let mut delta = id - last;
        last = id;
        loop {
            let byte = (delta & 0x7f) as u8;
            delta >>= 7;
            if delta == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
        out.push(quantize(w));
    }
    out.into_boxed_slice()
}

fn decode_terms(bytes: &[u8]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let mut i = 0;
    let mut last = 0u32;
    while i < bytes.len() {
        let mut delta = 0u32;
        let mut shift = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            delta |= u32::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 || shift > 28 {
                break;
            }
        }
        last = last.wrapping_add(delta);
        let w = bytes.get(i).copied().map_or(0.0, dequantize);
        i += 1;
        out.push((last, w));
    }
    out
}

/// Bytes of one block of postings: a length byte, the postings, and the next block's index.
/// Big enough that the five bytes of overhead are little; small enough that the many
/// features on one or two threads (errors, code) do not waste much.
const BLOCK: usize = 40;
const BLOCK_DATA: usize = BLOCK - 5;
const NO_BLOCK: u32 = u32::MAX;

/// The blocks every posting list of a feature index lives in: one growing allocation instead
/// of a small one per feature, so that a long-running index does not fragment the heap.
#[derive(Debug, Clone, Default)]
struct Slab {
    blocks: Vec<[u8; BLOCK]>,
    free: Vec<u32>,
}

impl Slab {
    fn alloc(&mut self) -> u32 {
        let mut block = [0u8; BLOCK];
        block[BLOCK - 4..].copy_from_slice(&NO_BLOCK.to_le_bytes());
        match self.free.pop() {
            Some(i) => {
                self.blocks[i as usize] = block;
                i
            }
            None => {
                grow_gently(&mut self.blocks);
                self.blocks.push(block);
                (self.blocks.len() - 1) as u32
            }
        }
    }

    fn next(&self, i: u32) -> u32 {
        let b = &self.blocks[i as usize];
        u32::from_le_bytes([b[BLOCK - 4], b[BLOCK - 3], b[BLOCK - 2], b[BLOCK - 1]])
    }

    fn set_next(&mut self, i: u32, next: u32) {
        self.blocks[i as usize][BLOCK - 4..].copy_from_slice(&next.to_le_bytes());
    }

    fn data(&self, i: u32) -> &[u8] {
        let b = &self.blocks[i as usize];
        &b[1..1 + usize::from(b[0]).min(BLOCK_DATA)]
    }

    /// The same lists, each one's blocks side by side in list order, and no free blocks: a
    /// walk then reads memory in sequence instead of jumping between the blocks that the
    /// lists, grown together during the build, took turns to allocate.
    fn relayout(&mut self, lists: &mut [PostingList]) {
        let used = self.blocks.len() - self.free.len();
        let mut blocks: Vec<[u8; BLOCK]> = Vec::with_capacity(used);
        for list in lists.iter_mut() {
            let mut at = list.head;
            let mut previous: Option<usize> = None;
            while at != NO_BLOCK {
                let Some(block) = self.blocks.get(at as usize) else {
                    break;
                };
                let here = blocks.len();
                blocks.push(*block);
                match previous {
                    Some(p) => blocks[p][BLOCK - 4..].copy_from_slice(&(here as u32).to_le_bytes()),
                    None => list.head = here as u32,
                }
                previous = Some(here);
                at = self.next(at);
            }
            if let Some(p) = previous {
                blocks[p][BLOCK - 4..].copy_from_slice(&NO_BLOCK.to_le_bytes());
                list.tail = p as u32;
            }
        }
        self.blocks = blocks;
        self.free = Vec::new();
    }

    fn release(&mut self, mut i: u32) {
        while i != NO_BLOCK {
            let next = self.next(i);
            self.free.push(i);
            i = next;
        }
    }
}

/// Makes room for one more element by an eighth, not by doubling: these vectors are as big
/// as the index, and doubling would leave up to half of them empty for good.
fn grow_gently<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() {
        v.reserve_exact((v.len() / 8).max(64));
    }
}

/// One feature's postings, compactly: the gaps between slots (which only grow) as varints,
/// each followed by its quantized weight, in a chain of slab blocks.
#[derive(Debug, Clone)]
struct PostingList {
    head: u32,
    tail: u32,
    /// The last slot added (slots are added in increasing order).
    last: u32,
    count: u32,
    live: u32,
}

impl Default for PostingList {
    fn default() -> Self {
        PostingList {
            head: NO_BLOCK,
            tail: NO_BLOCK,
            last: 0,
            count: 0,
            live: 0,
        }
    }
}

impl PostingList {
    fn push(&mut self, slab: &mut Slab, slot: u32, weight: u8) {
        let mut bytes = [0u8; 6];
        let mut n = 0;
        let mut gap = slot.wrapping_sub(if self.count == 0 { 0 } else { self.last });
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                bytes[n] = byte;
                n += 1;
                break;
            }
            bytes[n] = byte | 0x80;
            n += 1;
        }
        bytes[n] = weight;
        n += 1;
        let room = |slab: &Slab, t: u32| {
            t != NO_BLOCK && usize::from(slab.blocks[t as usize][0]) + n <= BLOCK_DATA
        };
        if !room(slab, self.tail) {
            let fresh = slab.alloc();
            if self.tail == NO_BLOCK {
                self.head = fresh;
            } else {
                slab.set_next(self.tail, fresh);
            }
            self.tail = fresh;
        }
        let block = &mut slab.blocks[self.tail as usize];
        let at = 1 + usize::from(block[0]);
        block[at..at + n].copy_from_slice(&bytes[..n]);
        block[0] += n as u8;
        self.last = slot;
        self.count += 1;
    }

    fn iter<'a>(&self, slab: &'a Slab) -> PostingIter<'a> {
        PostingIter {
            slab,
            block: self.head,
            at: 0,
            slot: 0,
        }
    }

    /// Keeps the postings `keep` maps to a slot (in the same order), dropping the others.
    fn rebuild(&mut self, slab: &mut Slab, keep: impl Fn(u32) -> Option<u32>) {
        let kept: Vec<(u32, u8)> = self
            .iter(slab)
            .filter_map(|(s, w)| keep(s).map(|n| (n, w)))
            .collect();
        slab.release(self.head);
        let live = self.live;
        *self = PostingList::default();
        for (slot, weight) in kept {
            self.push(slab, slot, weight);
        }
        self.live = live.min(self.count);
    }
}

struct PostingIter<'a> {
    slab: &'a Slab,
    block: u32,
    at: usize,
    slot: u32,
}

impl Iterator for PostingIter<'_> {
    type Item = (u32, u8);

    fn next(&mut self) -> Option<(u32, u8)> {
        let mut data = if self.block == NO_BLOCK {
            return None;
        } else {
            self.slab.data(self.block)
        };
        while self.at >= data.len() {
            self.block = self.slab.next(self.block);
            self.at = 0;
            if self.block == NO_BLOCK {
                return None;
            }
            data = self.slab.data(self.block);
        }
        let mut gap = 0u32;
        let mut shift = 0;
        while self.at < data.len() {
            let b = data[self.at];
            self.at += 1;
            gap |= u32::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 || shift > 28 {
                break;
            }
        }
        self.slot = self.slot.wrapping_add(gap);
        let weight = *data.get(self.at)?;
        self.at += 1;
        Some((self.slot, weight))
    }
}

/// Interned features with their posting lists and document frequencies. Names live in one
/// arena, found again by their hash (a collision is resolved by comparing the name).
#[derive(Debug, Clone, Default)]
pub(crate) struct FeatureIndex {
    ids: HashMap<u64, u32>,
    arena: String,
    /// Where each name starts in the arena; its end is the next one's start.
    starts: Vec<u32>,
    lists: Vec<PostingList>,
    slab: Slab,
}

fn hash_of(key: &str, salt: u64) -> u64 {
    // SipHash with fixed keys: the same key gets the same hash in every process.
    let mut h = std::hash::DefaultHasher::new();
    key.hash(&mut h);
    salt.hash(&mut h);
    h.finish()
}

impl FeatureIndex {
    fn intern(&mut self, key: &str) -> u32 {
        for salt in 0.. {
            let h = hash_of(key, salt);
            match self.ids.get(&h) {
                Some(&id) if self.name(id) == key => return id,
                Some(_) => continue,
                None => {
                    let id = self.starts.len() as u32;
                    self.ids.insert(h, id);
                    grow_gently(&mut self.starts);
                    self.starts.push(self.arena.len() as u32);
                    if self.arena.len() + key.len() > self.arena.capacity() {
                        self.arena
                            .reserve_exact((self.arena.len() / 8).max(key.len()).max(1024));
                    }
                    self.arena.push_str(key);
                    grow_gently(&mut self.lists);
                    self.lists.push(PostingList::default());
                    return id;
                }
            }
        }
        unreachable!("the salts never run out")
    }

    pub fn id(&self, key: &str) -> Option<u32> {
        for salt in 0.. {
            let &id = self.ids.get(&hash_of(key, salt))?;
            if self.name(id) == key {
                return Some(id);
            }
        }
        None
    }

    fn add(&mut self, id: u32, slot: u32, weight: f32) {
        if let Some(list) = self.lists.get_mut(id as usize) {
            list.push(&mut self.slab, slot, quantize(weight));
            list.live += 1;
        }
    }

    /// One live posting of `id` went dead; compacts the list once it is mostly dead.
    fn release(&mut self, id: u32, alive: &[f32]) {
        if let Some(list) = self.lists.get_mut(id as usize) {
            list.live = list.live.saturating_sub(1);
            if list.count >= 8 && list.count > 2 * list.live {
                let live = list.live;
                list.rebuild(&mut self.slab, |s| {
                    alive
                        .get(s as usize)
                        .is_some_and(|l| *l >= 0.0)
                        .then_some(s)
                });
                list.live = live;
            }
        }
    }

    /// The number of live threads with this feature.
    pub fn df(&self, id: u32) -> u32 {
        self.lists.get(id as usize).map_or(0, |l| l.live)
    }

    /// Postings as (slot, weight), dead slots included: callers check `RepoIndex::is_live`.
    pub fn postings(&self, id: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.lists
            .get(id as usize)
            .into_iter()
            .flat_map(|l| l.iter(&self.slab))
            .map(|(s, w)| (s, dequantize(w)))
    }

    /// The slots of the postings (dead ones included).
    pub fn slots(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        self.lists
            .get(id as usize)
            .into_iter()
            .flat_map(|l| l.iter(&self.slab))
            .map(|(s, _)| s)
    }

    /// How many features were ever interned (ids run below this).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn name(&self, id: u32) -> &str {
        let i = id as usize;
        let (Some(&start), end) = (
            self.starts.get(i),
            self.starts
                .get(i + 1)
                .copied()
                .unwrap_or(self.arena.len() as u32),
        ) else {
            return "";
        };
        self.arena.get(start as usize..end as usize).unwrap_or("")
    }

    fn remap(&mut self, map: &[u32]) {
        for list in &mut self.lists {
            let live = list.live;
            list.rebuild(&mut self.slab, |s| {
                map.get(s as usize).copied().filter(|n| *n != u32::MAX)
            });
            list.live = live;
        }
    }
}

/// In how many threads each line appears, counted in a fixed table (a count-min sketch of
/// two rows): a line's count is never below the truth, and the table does not grow with the
/// repository. Collisions only matter far below the boilerplate threshold of a large one.
#[derive(Debug, Clone)]
struct LineCounts {
    rows: [Vec<u16>; 2],
}

const LINE_COUNT_BITS: u32 = 17;

impl Default for LineCounts {
    fn default() -> Self {
        LineCounts {
            rows: [vec![0; 1 << LINE_COUNT_BITS], vec![0; 1 << LINE_COUNT_BITS]],
        }
    }
}

impl LineCounts {
    fn cells(key: u32) -> [usize; 2] {
        let a = key.wrapping_mul(0x9E37_79B1) >> (32 - LINE_COUNT_BITS);
        let b = (key ^ 0x5bd1_e995).wrapping_mul(0x85EB_CA77) >> (32 - LINE_COUNT_BITS);
        [a as usize, b as usize]
    }

    fn add(&mut self, key: u32) {
        for (row, cell) in self.rows.iter_mut().zip(Self::cells(key)) {
            row[cell] = row[cell].saturating_add(1);
        }
    }

    fn remove(&mut self, key: u32) {
        for (row, cell) in self.rows.iter_mut().zip(Self::cells(key)) {
            row[cell] = row[cell].saturating_sub(1);
        }
    }

    fn count(&self, key: u32) -> u32 {
        self.rows
            .iter()
            .zip(Self::cells(key))
            .map(|(row, cell)| u32::from(row[cell]))
            .min()
            .unwrap_or(0)
    }

    fn bytes(&self) -> usize {
        self.rows.iter().map(|r| r.len() * 2).sum()
    }
}

/// The index of one repository. See the module documentation for how it stays current.
#[derive(Debug, Clone)]
pub struct RepoIndex {
    pub(crate) repo: RepoName,
    pub(crate) project: Project,
    /// Other names of the repository (`owner/name`, lowercase) whose links are its own.
    pub(crate) aliases: Vec<String>,
    /// The triage settings the facts were read with (hardware words).
    pub(crate) config: TriageConfig,
    by_number: HashMap<i64, u32>,
    pub(crate) slots: Vec<Option<Entry>>,
    /// Document length per slot, negative for dead slots: the hot loop of BM25 reads it.
    pub(crate) slot_len: Vec<f32>,
    live: usize,
    total_len: f64,
    pub(crate) words: FeatureIndex,
    pub(crate) titles: FeatureIndex,
    pub(crate) errors: FeatureIndex,
    pub(crate) code: FeatureIndex,
    pub(crate) labels: FeatureIndex,
    /// How identifiers were written (`QuantState`), where that differs from their key.
    pub(crate) display: HashMap<u32, Box<str>>,
    /// How labels were written (`CUDA Setup`), where that differs from their key.
    label_display: HashMap<u32, Box<str>>,
    /// Authors' logins, interned.
    users: FeatureIndex,
    pub(crate) links: HashMap<i64, Vec<Link>>,
    /// The list items of tracking issues and releases, by the listing thread's number.
    pub(crate) lists: HashMap<i64, Box<[ListItem]>>,
    /// The list items holding each title word.
    pub(crate) item_postings: HashMap<u32, Vec<ItemRef>>,
    /// In how many threads each line (by key) appears.
    line_df: LineCounts,
    /// Releases by the time they were cut: (time, number), sorted.
    pub(crate) releases: Vec<(i64, i64)>,
    /// Merged pull requests by the time they merged: (time, number).
    pub(crate) merged: BTreeSet<(i64, i64)>,
}

/// Where a thread sits on the release timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Timeline {
    /// A release (its title names a version) at the time it was cut: a release pull
    /// request when it merged, an announcement issue when it was written.
    Release(i64),
    /// A pull request other than a release, when it merged.
    Merged(i64),
}

impl Timeline {
    /// Whether it is a release thread, a pull request, merged, created and closed when.
    pub(crate) fn of(
        release: bool,
        pull_request: bool,
        merged: Option<bool>,
        created_at: i64,
        closed_at: Option<i64>,
    ) -> Option<Timeline> {
        let merged_at = closed_at.filter(|_| pull_request && merged == Some(true));
        if release {
            return match (pull_request, merged_at) {
                (false, _) => Some(Timeline::Release(created_at)),
                (true, Some(t)) => Some(Timeline::Release(t)),
                // A release pull request not merged (yet) cut nothing.
                (true, None) => None,
            };
        }
        merged_at.map(Timeline::Merged)
    }

    pub(crate) fn of_entry(e: &Entry) -> Option<Timeline> {
        Timeline::of(
            e.release,
            e.meta.is_pull_request,
            e.meta.merged(),
            e.meta.created_at,
            e.meta.closed_at(),
        )
    }
}

/// How an index is built.
#[derive(Debug, Clone, Default)]
pub struct IndexOptions {
    /// Former names of the repository (`owner/name`): links through them are its own.
    pub aliases: Vec<String>,
    /// The triage settings whose hardware words the facts are read with.
    pub triage: TriageConfig,
    /// Names the project defines (from its code): identifiers it does not define are not
    /// pointers into it. `None` when the code has not been read.
    pub defined: Option<HashSet<String>>,
    /// The tree's files (`Project::files`): paths it lacks are stale pointers.
    pub files: Option<HashSet<String>>,
}

impl RepoIndex {
    /// The project as this index reads it, with the names its code defines (so that only
    /// those count as pointers into it).
    pub fn project_with(&self, code: &crate::code::CodeIndex) -> Project {
        self.project.clone().with_code(code)
    }

    pub fn new(repo: RepoName) -> RepoIndex {
        RepoIndex::with_options(repo, IndexOptions::default())
    }

    pub fn with_options(repo: RepoName, options: IndexOptions) -> RepoIndex {
        let mut project = Project::new(&repo);
        project.defined = options.defined.map(std::sync::Arc::new);
        project.files = options.files.map(std::sync::Arc::new);
        RepoIndex {
            project,
            aliases: options
                .aliases
                .iter()
                .map(|a| a.trim().to_lowercase())
                .filter(|a| a.contains('/'))
                .collect(),
            config: options.triage,
            repo,
            by_number: HashMap::new(),
            slots: Vec::new(),
            slot_len: Vec::new(),
            live: 0,
            total_len: 0.0,
            words: FeatureIndex::default(),
            titles: FeatureIndex::default(),
            errors: FeatureIndex::default(),
            code: FeatureIndex::default(),
            labels: FeatureIndex::default(),
            display: HashMap::new(),
            label_display: HashMap::new(),
            users: FeatureIndex::default(),
            links: HashMap::new(),
            lists: HashMap::new(),
            item_postings: HashMap::new(),
            line_df: LineCounts::default(),
            releases: Vec::new(),
            merged: BTreeSet::new(),
        }
    }

    /// Builds the index of `repo` from its threads, with the default options.
    pub fn build(repo: RepoName, docs: impl IntoIterator<Item = ThreadDoc>) -> RepoIndex {
        RepoIndex::build_with(repo, IndexOptions::default(), docs)
    }

    /// Builds the index of `repo` from its threads. Reading the threads (the costly part, and
    /// pure) runs on every core; the result is the same as upserting them one by one.
    pub fn build_with(
        repo: RepoName,
        options: IndexOptions,
        docs: impl IntoIterator<Item = ThreadDoc>,
    ) -> RepoIndex {
        let index = RepoIndex::with_options(repo, options);
        let reader = Reader::of(&index);
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(16);
        // The index is assembled on a thread of its own, so that applying one batch overlaps
        // with reading the next (the channel holds one batch ahead).
        std::thread::scope(|outer| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<ThreadDoc>, Vec<Analysis>)>(1);
            let builder = outer.spawn(move || {
                let mut index = index;
                for (batch, analysed) in rx {
                    for (doc, analysis) in batch.into_iter().zip(analysed) {
                        index.apply(doc, analysis);
                    }
                }
                index.shrink();
                index
            });
            let mut docs = docs.into_iter().peekable();
            while docs.peek().is_some() {
                let batch: Vec<ThreadDoc> = docs.by_ref().take(BUILD_BATCH).collect();
                let analysed = if workers > 1 && batch.len() > 64 {
                    let chunk = batch.len().div_ceil(workers);
                    let reader = &reader;
                    std::thread::scope(|scope| {
                        let handles: Vec<_> = batch
                            .chunks(chunk)
                            .map(|part| {
                                scope.spawn(move || {
                                    part.iter().map(|d| analyze(d, reader)).collect::<Vec<_>>()
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
                    batch.iter().map(|d| analyze(d, &reader)).collect()
                };
                if tx.send((batch, analysed)).is_err() {
                    break;
                }
            }
            drop(tx);
            let index = builder
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            release_free_memory();
            index
        })
    }

    /// Gives back the room the build left in the index's lists.
    fn shrink(&mut self) {
        self.slots.shrink_to_fit();
        self.slot_len.shrink_to_fit();
        for features in [
            &mut self.words,
            &mut self.titles,
            &mut self.errors,
            &mut self.code,
            &mut self.labels,
            &mut self.users,
        ] {
            features.slab.relayout(&mut features.lists);
            features.lists.shrink_to_fit();
            features.slab.blocks.shrink_to_fit();
            features.starts.shrink_to_fit();
            features.arena.shrink_to_fit();
        }
        for list in self.links.values_mut() {
            list.shrink_to_fit();
        }
        for list in self.item_postings.values_mut() {
            list.shrink_to_fit();
        }
    }

    pub fn repo(&self) -> &RepoName {
        &self.repo
    }

    /// The triage settings the index was built with.
    pub fn triage_config(&self) -> &TriageConfig {
        &self.config
    }

    /// The number of threads.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// A thread's metadata (without its body: that stays in the mirror).
    pub fn thread(&self, number: i64) -> Option<Thread> {
        self.entry(number).map(|e| self.to_thread(e))
    }

    /// The thread of an entry as the mirror has it, without its body.
    pub(crate) fn to_thread(&self, e: &Entry) -> Thread {
        let m = &e.meta;
        let kind = if m.is_pull_request { "pull" } else { "issues" };
        Thread {
            repo: self.repo.key(),
            number: m.number,
            github_id: 0,
            is_pull_request: m.is_pull_request,
            title: m.title.to_string(),
            body: None,
            state: m.state,
            state_reason: m.state_reason().map(str::to_string),
            user: self.user_of(e).map(str::to_string),
            author_association: m.author_association().map(str::to_string),
            labels: self.labels_of(e).into_iter().map(str::to_string).collect(),
            reactions: m.reactions(),
            comment_count: i64::from(m.comment_count),
            created_at: m.created_at,
            updated_at: m.updated_at,
            closed_at: m.closed_at(),
            merged: m.merged(),
            draft: m.draft(),
            html_url: format!("https://github.com/{}/{kind}/{}", self.repo, m.number),
        }
    }

    /// An entry's labels as written.
    pub(crate) fn labels_of(&self, e: &Entry) -> Vec<&str> {
        e.labels().iter().map(|&id| self.label_name(id)).collect()
    }

    /// A label as written.
    pub(crate) fn label_name(&self, id: u32) -> &str {
        self.label_display
            .get(&id)
            .map_or_else(|| self.labels.name(id), |d| &**d)
    }

    /// The author of an entry.
    pub(crate) fn user_of(&self, e: &Entry) -> Option<&str> {
        let id = e.meta.user.checked_sub(1)?;
        Some(self.users.name(id))
    }

    /// Whether a thread is in the index, and a pull request.
    pub fn is_pull_request(&self, number: i64) -> Option<bool> {
        self.entry(number).map(|e| e.meta.is_pull_request)
    }

    /// Approximate heap bytes by part of the index, for benchmarks.
    pub fn memory_report(&self) -> Vec<(&'static str, usize)> {
        let features = |f: &FeatureIndex| {
            f.arena.capacity()
                + f.starts.capacity() * 4
                + f.ids.capacity() * 16
                + f.lists.capacity() * std::mem::size_of::<PostingList>()
                + f.slab.blocks.capacity() * BLOCK
                + f.slab.free.capacity() * 4
        };
        let mut entries = 0usize;
        let mut threads = 0usize;
        let mut terms = 0usize;
        let mut facts = 0usize;
        for e in self.entries() {
            entries += std::mem::size_of::<Entry>()
                + e.packed.len() * 4
                + e.phrases
                    .as_deref()
                    .map_or(0, |p| p.iter().map(|p| 40 + p.2.len()).sum::<usize>());
            terms += e.terms.len();
            threads += e.meta.title.len();
            if let Some(f) = &e.facts {
                facts += std::mem::size_of::<Facts>()
                    + f.hardware.iter().map(|h| h.len() + 16).sum::<usize>()
                    + f.evidence.iter().map(|(_, w)| w.len() + 24).sum::<usize>();
            }
        }
        vec![
            ("entries (fixed part and small lists)", entries),
            ("thread metadata strings", threads),
            ("term lists", terms),
            ("facts", facts),
            ("word postings", features(&self.words)),
            ("title postings", features(&self.titles)),
            ("error postings", features(&self.errors)),
            ("code postings", features(&self.code)),
            ("label postings", features(&self.labels)),
            ("users", features(&self.users)),
            (
                "links",
                self.links
                    .values()
                    .map(|l| l.capacity() * std::mem::size_of::<Link>() + 48)
                    .sum::<usize>(),
            ),
            (
                "list items",
                self.lists
                    .values()
                    .flatten()
                    .map(|i| 40 + i.terms.len() * 4 + i.text.len())
                    .sum::<usize>()
                    + self
                        .item_postings
                        .values()
                        .map(|l| 40 + l.capacity() * std::mem::size_of::<ItemRef>())
                        .sum::<usize>(),
            ),
            ("line counts", self.line_df.bytes()),
            (
                // A B-tree keeps about 11 keys of 16 bytes in a node of about 200.
                "release timeline",
                self.releases.capacity() * 16 + self.merged.len() * 20,
            ),
            (
                "display forms",
                self.display.capacity() * 24
                    + self.display.values().map(|d| d.len()).sum::<usize>()
                    + self.label_display.capacity() * 24,
            ),
            (
                "slot table",
                self.slots.capacity() * 8
                    + self.slot_len.capacity() * 4
                    + self.by_number.capacity() * 13,
            ),
        ]
    }

    /// The numbers of every thread.
    pub fn numbers(&self) -> impl Iterator<Item = i64> + '_ {
        self.by_number.keys().copied()
    }

    /// The errors, code paths and identifiers of a thread, read from its text with this
    /// repository's notion of its own code.
    pub fn signals_of(&self, doc: &ThreadDoc) -> Signals {
        let segmented = segments(doc);
        signals::extract_segmented(segmented.iter().map(|(_, l)| l.as_slice()), &self.project)
            .to_signals()
    }

    /// Adds a thread, or replaces it with all its comments and timeline references.
    pub fn upsert(&mut self, doc: ThreadDoc) {
        let analysis = self.analyze(&doc);
        self.apply(doc, analysis);
    }

    fn apply(&mut self, doc: ThreadDoc, analysis: Analysis) {
        let number = doc.thread.number;
        self.remove(number);
        let slot = self.slots.len() as u32;

        // A thread's heaviest words say what it is about; a long thread's passing words
        // would each cost a posting and say little.
        let mut weighted: Vec<(&String, f32)> =
            analysis.terms.iter().map(|(t, w)| (t, *w)).collect();
        if weighted.len() > MAX_TERMS {
            weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            weighted.truncate(MAX_TERMS);
        }
        let mut terms: Vec<(u32, f32)> = weighted
            .into_iter()
            .map(|(t, w)| (self.words.intern(t), w))
            .collect();
        terms.sort_unstable_by_key(|(t, _)| *t);
        for &(t, w) in &terms {
            self.words.add(t, slot, w);
        }
        let mut title: Vec<u32> = analysis
            .title_terms
            .iter()
            .map(|t| self.titles.intern(t))
            .collect();
        title.sort_unstable();
        title.dedup();
        for &t in &title {
            self.titles.add(t, slot, 1.0);
        }
        self.add_list(number, &analysis.list_items);
        let t = &doc.thread;
        match Timeline::of(
            analysis.release,
            t.is_pull_request,
            t.merged,
            t.created_at,
            t.closed_at,
        ) {
            Some(Timeline::Release(at)) => {
                let i = self.releases.partition_point(|r| *r < (at, number));
                self.releases.insert(i, (at, number));
            }
            Some(Timeline::Merged(at)) => {
                self.merged.insert((at, number));
            }
            None => {}
        }
        let mut errors: Vec<ErrorRef> = Vec::new();
        for (i, e) in analysis.extracted.errors.iter().enumerate() {
            let id = self
                .errors
                .intern(&error_key(&e.signature, e.frame.as_deref()));
            if errors.iter().any(|x| x.id == id) || errors.len() >= MAX_ERRORS {
                continue;
            }
            errors.push(ErrorRef {
                id,
                kind: e.kind,
                block: analysis
                    .extracted
                    .error_blocks
                    .get(i)
                    .copied()
                    .unwrap_or(0)
                    .min(u32::from(u16::MAX)) as u16,
                framed: e.frame.is_some(),
            });
        }
        errors.sort_unstable_by_key(|e| e.id);
        for e in &errors {
            self.errors.add(e.id, slot, 1.0);
        }
        let mut code: Vec<CodeFeature> = Vec::new();
        for (key, weight, shown) in code_keys(&analysis.extracted) {
            let id = self.code.intern(&key);
            if let Some(shown) = shown
                && !self.display.contains_key(&id)
            {
                self.display.insert(id, shown.into());
            }
            code.push(CodeFeature { id, weight });
        }
        code.sort_unstable_by_key(|f| f.id);
        for f in &code {
            self.code.add(f.id, slot, f.weight);
        }
        let mut labels = Vec::new();
        for label in doc.thread.labels.iter().take(MAX_LABELS) {
            let lower = label.to_lowercase();
            let id = self.labels.intern(&lower);
            if lower != *label && !self.label_display.contains_key(&id) {
                self.label_display.insert(id, label.as_str().into());
            }
            if !labels.contains(&id) {
                labels.push(id);
                self.labels.add(id, slot, 1.0);
            }
        }
        let user = doc
            .thread
            .user
            .as_deref()
            .map_or(0, |u| self.users.intern(u) + 1);

        for &key in &analysis.lines {
            self.line_df.add(key);
        }
        let mut link_ends = Vec::new();
        for link in &analysis.links {
            let ends: Vec<i64> = if link.flags == COCITED {
                vec![link.source(), link.target()]
            } else if link.source() == number {
                vec![link.target()]
            } else {
                vec![link.source()]
            };
            // Exactly as many as there are: most threads have one or two links.
            let mut add = |at: i64, link: Link| {
                let list = self.links.entry(at).or_default();
                list.reserve_exact(1);
                list.push(link);
            };
            if link.flags != COCITED {
                add(number, *link);
            }
            for other in ends {
                add(other, *link);
                link_ends.push(other);
            }
        }
        link_ends.sort_unstable();
        link_ends.dedup();

        let len = analysis.len;
        self.total_len += f64::from(len);
        grow_gently(&mut self.slot_len);
        self.slot_len.push(len);
        let last_activity = last_activity(&doc.thread, &doc.comments);
        let open_issue = !doc.thread.is_pull_request && doc.thread.state == ThreadState::Open;
        let (packed, ends) = pack(Lists {
            title,
            errors,
            code,
            labels,
            lines: analysis.lines,
            link_ends,
        });
        // The body stays in the mirror; the repository and URL are the index's own.
        grow_gently(&mut self.slots);
        self.slots.push(Some(Entry {
            last_activity,
            meta: Meta::of(&doc.thread, user),
            // Copied, not moved: what the reading threads allocated would otherwise pin their
            // memory, full of the texts they read, for as long as the index lives.
            facts: open_issue.then(|| Box::new(analysis.facts.clone())),
            version: (!doc.thread.is_pull_request)
                .then_some(analysis.facts.reported_version)
                .flatten(),
            terms: encode_terms(&terms),
            len,
            packed,
            ends,
            phrases: (!analysis.phrases.is_empty()).then(|| {
                analysis
                    .phrases
                    .iter()
                    .map(|(t, f, p)| (*t, *f, Box::<str>::from(&**p)))
                    .collect()
            }),
            out_degree: analysis.out_degree,
            umbrella: analysis.umbrella,
            release: analysis.release,
            said: {
                let f = &analysis.facts;
                let bit = |signal, bit| if f.has(signal) { bit } else { 0 };
                bit(
                    super::conversation::Signal::EnvironmentBlamed,
                    SAID_ENVIRONMENT,
                ) | bit(super::conversation::Signal::NotABug, SAID_NOT_A_BUG)
                    | bit(super::conversation::Signal::WontFix, SAID_WONT_FIX)
                    | bit(super::conversation::Signal::MaintainerSaidFixed, SAID_FIXED)
                    | if f.has(super::conversation::Signal::ReporterResolved)
                        && f.maintainer_spoke
                        && !f.has(super::conversation::Signal::SaidFixed)
                    {
                        SAID_RESOLVED
                    } else {
                        0
                    }
            },
        }));
        self.by_number.insert(number, slot);
        self.live += 1;
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
        for (t, _) in entry.terms() {
            self.words.release(t, &self.slot_len);
        }
        for &t in entry.title() {
            self.titles.release(t, &self.slot_len);
        }
        for e in entry.errors() {
            self.errors.release(e.id, &self.slot_len);
        }
        for f in entry.code() {
            self.code.release(f.id, &self.slot_len);
        }
        for &id in entry.labels() {
            self.labels.release(id, &self.slot_len);
        }
        for key in entry.lines() {
            self.line_df.remove(*key);
        }
        self.remove_list(number);
        match Timeline::of_entry(&entry) {
            Some(Timeline::Release(at)) => self.releases.retain(|r| *r != (at, number)),
            Some(Timeline::Merged(at)) => {
                self.merged.remove(&(at, number));
            }
            None => {}
        }
        for end in entry.link_ends().chain(std::iter::once(number)) {
            if let Some(list) = self.links.get_mut(&end) {
                list.retain(|l| l.owner() != number);
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
            &mut self.titles,
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
        self.slots.get(slot as usize).and_then(Option::as_ref)
    }

    pub(crate) fn is_live(&self, slot: u32) -> bool {
        self.slot_len.get(slot as usize).is_some_and(|l| *l >= 0.0)
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.slots.iter().filter_map(Option::as_ref)
    }

    pub(crate) fn avg_len(&self) -> f32 {
        if self.live == 0 {
            1.0
        } else {
            ((self.total_len / self.live as f64) as f32).max(1.0)
        }
    }

    /// Whether a line is pasted boilerplate: verbatim in at least 1% of threads (and in 5).
    pub(crate) fn is_boilerplate_line(&self, key: u32) -> bool {
        let threshold = (self.live / 100).max(5) as u32;
        self.line_df.count(key) >= threshold
    }

    pub(crate) fn links_of(&self, number: i64) -> &[Link] {
        self.links.get(&number).map_or(&[][..], |l| l.as_slice())
    }

    /// The links other threads make to `number`: not its own, and not the pairs that a third
    /// thread cites together with it.
    pub(crate) fn links_to(&self, number: i64) -> impl Iterator<Item = &Link> {
        self.links_of(number)
            .iter()
            .filter(move |l| l.target() == number && l.source() != number && l.flags != COCITED)
    }

    /// How a code feature is shown: as written, not its key.
    pub(crate) fn code_name(&self, id: u32) -> &str {
        if let Some(d) = self.display.get(&id) {
            return d;
        }
        let name = self.code.name(id);
        name.split_once(':').map_or(name, |(_, n)| n)
    }

    /// The error for a thread that is not in the index.
    pub fn unknown_thread(&self, number: i64) -> AnalysisError {
        self.unknown(number)
    }

    pub(crate) fn unknown(&self, number: i64) -> AnalysisError {
        AnalysisError::UnknownThread {
            repo: self.repo.to_string(),
            number,
        }
    }

    fn analyze(&self, doc: &ThreadDoc) -> Analysis {
        analyze(doc, &Reader::of(self))
    }

    /// Keeps the list items of a tracking issue or a release, each by its title words.
    fn add_list(&mut self, number: i64, items: &[String]) {
        let Ok(owner) = u32::try_from(number) else {
            return;
        };
        let mut kept: Vec<ListItem> = Vec::new();
        for item in items {
            let Ok(at) = u16::try_from(kept.len()) else {
                break;
            };
            let mut terms: Vec<u32> = Vec::new();
            text::tokens(item, |t| {
                if !text::is_tracker_word(t) {
                    let id = self.titles.intern(t);
                    if !terms.contains(&id) {
                        terms.push(id);
                    }
                }
            });
            if terms.len() < 2 {
                continue;
            }
            for &t in &terms {
                self.item_postings.entry(t).or_default().push((owner, at));
            }
            kept.push(ListItem {
                terms: terms.into(),
                text: super::ellipsize(item, LIST_ITEM_TEXT).into(),
            });
        }
        if !kept.is_empty() {
            self.lists.insert(number, kept.into_boxed_slice());
        }
    }

    fn remove_list(&mut self, number: i64) {
        let Some(items) = self.lists.remove(&number) else {
            return;
        };
        let owner = u32::try_from(number).unwrap_or(u32::MAX);
        for item in items.iter() {
            for t in item.terms.iter() {
                if let Some(list) = self.item_postings.get_mut(t) {
                    list.retain(|(n, _)| *n != owner);
                    if list.is_empty() {
                        self.item_postings.remove(t);
                    }
                }
            }
        }
    }
}

/// How much of a list item is kept to quote it.
const LIST_ITEM_TEXT: usize = 80;
/// List items kept from one thread.
const MAX_LIST_ITEMS: usize = 800;

/// The code features of a thread's references: (key, weight, how it was written when that
/// differs from the key), at most `MAX_CODE`.
fn code_keys(extracted: &Extracted) -> Vec<(String, f32, Option<String>)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in &extracted.paths {
        for (key, weight) in [
            (format!("p:{}", p.key), 1.0),
            (format!("b:{}", p.basename), BASENAME_WEIGHT),
        ] {
            if out.len() < MAX_CODE && seen.insert(key.clone()) {
                out.push((key, weight, None));
            }
        }
    }
    for (key, shown) in &extracted.identifiers {
        let key = format!("i:{key}");
        if out.len() < MAX_CODE && seen.insert(key.clone()) {
            let shown = (shown.to_lowercase() != *shown).then(|| shown.clone());
            out.push((key, 1.0, shown));
        }
    }
    out
}

impl RepoIndex {
    /// The code references of a thread's text that are not in pasted boilerplate (an
    /// environment report many threads paste names the same identifiers in all of them),
    /// as features of this index, sorted.
    pub(crate) fn query_code(&self, doc: &ThreadDoc) -> Vec<CodeFeature> {
        let segmented = segments(doc);
        let keep = |line: &Line<'_>| {
            let mut terms: Vec<String> = Vec::new();
            text::tokens(line.text, |t| terms.push(t.to_string()));
            terms.len() < MIN_LINE_TERMS
                || !self.is_boilerplate_line(line_key(terms.iter().map(String::as_str)))
        };
        let extracted = signals::extract_segmented_with(
            segmented.iter().map(|(_, l)| l.as_slice()),
            &self.project,
            &keep,
        );
        let mut code: Vec<CodeFeature> = code_keys(&extracted)
            .into_iter()
            .filter_map(|(key, weight, _)| self.code.id(&key).map(|id| CodeFeature { id, weight }))
            .collect();
        code.sort_unstable_by_key(|f| f.id);
        code
    }
}

/// Gives the memory the build freed (its batches of threads and their analyses) back to the
/// system: the allocator would otherwise keep it for later, and a long-running bot would show
/// the build's peak for good.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of glibc's heap; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

pub(crate) fn error_key(signature: &str, frame: Option<&str>) -> String {
    match frame {
        Some(f) => format!("{signature}\u{1}{f}"),
        None => signature.to_string(),
    }
}

fn last_activity(thread: &Thread, comments: &[Comment]) -> i64 {
    comments
        .iter()
        .map(|c| c.updated_at.max(c.created_at))
        .chain([thread.updated_at, thread.created_at])
        .max()
        .unwrap_or(0)
}

/// Bots write the same words into every thread they touch (stale notices, CI reports).
/// Whether a login is a bot's (GitHub Apps end in `[bot]`; the coordinator is one).
pub fn is_bot(user: Option<&str>) -> bool {
    user.is_some_and(|u| {
        u.ends_with("[bot]") || u.ends_with("-bot") || u.eq_ignore_ascii_case("stale")
    })
}

struct Analysis {
    terms: HashMap<String, f32>,
    title_terms: Vec<String>,
    len: f32,
    lines: Vec<u32>,
    extracted: Extracted,
    links: Vec<Link>,
    phrases: Vec<Phrase>,
    out_degree: u32,
    facts: Facts,
    umbrella: bool,
    release: bool,
    /// A tracking issue's or a release's list items.
    list_items: Vec<String>,
}

/// A thread's weighted terms, its length, and the keys of its lines.
pub(crate) struct Terms {
    pub terms: HashMap<String, f32>,
    pub len: f32,
    /// Distinct keys of the lines long enough to be pasted boilerplate.
    pub lines: Vec<u32>,
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
    let mut comments: Vec<&Comment> = doc
        .comments
        .iter()
        .filter(|c| !text::is_command_only(&c.body))
        .collect();
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
pub(crate) fn thread_terms(doc: &ThreadDoc, skip: &dyn Fn(u32) -> bool) -> Terms {
    terms_of(&segments(doc), skip)
}

fn terms_of(segments: &[(f32, Vec<Line<'_>>)], skip: &dyn Fn(u32) -> bool) -> Terms {
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
                if out.lines.len() < 4 * MAX_LINES {
                    out.lines.push(key);
                }
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
    out.lines.truncate(MAX_LINES);
    out
}

/// A line's identity for boilerplate detection: its terms, so that paths, numbers, case and
/// punctuation do not make two pastes of the same banner differ.
fn line_key<'a>(terms: impl Iterator<Item = &'a str>) -> u32 {
    // SipHash with fixed keys: the same line gets the same key in every process.
    let mut h = std::hash::DefaultHasher::new();
    for t in terms {
        t.hash(&mut h);
    }
    h.finish() as u32
}

/// The links a thread's texts make, with the phrases of its strong claims.
/// What reading a thread needs to know of its repository (shared by the build's threads).
#[derive(Clone)]
struct Reader {
    repo: RepoName,
    project: Project,
    aliases: Vec<String>,
    config: TriageConfig,
}

impl Reader {
    fn of(index: &RepoIndex) -> Reader {
        Reader {
            repo: index.repo.clone(),
            project: index.project.clone(),
            aliases: index.aliases.clone(),
            config: index.config.clone(),
        }
    }
}

/// How a duplicate phrase from a maintainer's comment starts ("a maintainer's comment: same
/// thing as #33"), and one from anyone else's.
pub(crate) const MAINTAINER_SAID: &str = "a maintainer's comment: ";
pub(crate) const COMMENT_SAID: &str = "a comment: ";

fn text_links(doc: &ThreadDoc, index: &Reader) -> (Vec<Link>, Vec<Phrase>, u32) {
    let thread = &doc.thread;
    let number = thread.number;
    let body = thread.body.as_deref().unwrap_or("");
    let repo = &index.repo;
    let aliases = &index.aliases;
    // Text links, merged per target.
    let mut flags: HashMap<i64, u8> = HashMap::new();
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut cocited: Vec<(i64, i64)> = Vec::new();
    // `who` says where a text was written, and so where a duplicate phrase in it was: "" for
    // the title and the body, [`MAINTAINER_SAID`] or [`COMMENT_SAID`] for a comment.
    let mut collect = |text: &str, who: &str| {
        let in_body = who.is_empty();
        let refs =
            extract_refs_with_aliases(text::truncate(text, text::MAX_TEXT_BYTES), repo, aliases);
        for r in &refs {
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
                    if let Some(p) = links::find_phrase(&links::CLOSING_PHRASE, text, r.number)
                        && !phrases
                            .iter()
                            .any(|(t, f, _)| *t == r.number && *f == FIXES)
                    {
                        phrases.push((r.number, FIXES, p.into()));
                    }
                    FIXES
                }
                RefKind::Closes => 0,
                RefKind::Duplicate
                    if links::claims_for_self(&links::DUPLICATE_PHRASE, text, r.number) =>
                {
                    if let Some(p) = links::find_phrase(&links::DUPLICATE_PHRASE, text, r.number)
                        .or_else(|| links::find_phrase(&links::DUPLICATE_AFTER, text, r.number))
                        && !phrases
                            .iter()
                            .any(|(t, f, _)| *t == r.number && *f == DUPLICATE)
                    {
                        phrases.push((r.number, DUPLICATE, format!("{who}{p}").into()));
                    }
                    DUPLICATE
                }
                RefKind::Duplicate => 0,
                RefKind::Timeline => TIMELINE,
            };
            *flags.entry(r.number).or_default() |= f;
        }
        cocited.extend(links::cocitations(text, repo, aliases, number));
    };
    // A pull request's title says what it fixes as often as its body does.
    if thread.is_pull_request {
        collect(&thread.title, "");
    }
    collect(body, "");
    for c in read_comments(doc) {
        let who = if super::conversation::is_maintainer(c.author_association.as_deref()) {
            MAINTAINER_SAID
        } else {
            COMMENT_SAID
        };
        collect(&c.body, who);
    }
    let out_degree = flags.len() as u32;
    let mut links: Vec<Link> = flags
        .into_iter()
        .filter_map(|(target, flags)| Link::new(number, target, number, flags))
        .collect();
    let mut timeline: Vec<i64> = doc
        .timeline_refs
        .iter()
        .copied()
        .filter(|&n| n != number)
        .collect();
    timeline.sort_unstable();
    timeline.dedup();
    links.extend(
        timeline
            .into_iter()
            .filter_map(|source| Link::new(source, number, number, TIMELINE)),
    );
    // A release list cites everything side by side: only threads that cite a few together
    // say those few belong together.
    if out_degree <= links::MAX_COCITING_DEGREE {
        cocited.sort_unstable();
        cocited.dedup();
        links.extend(
            cocited
                .into_iter()
                .filter_map(|(a, b)| Link::new(a, b, number, COCITED)),
        );
    }
    links.sort_unstable_by_key(|l| (l.source, l.target, l.flags));
    (links, phrases, out_degree)
}

fn analyze(doc: &ThreadDoc, index: &Reader) -> Analysis {
    let segmented = segments(doc);
    let Terms { terms, len, lines } = terms_of(&segmented, &|_| false);
    let mut title_terms = Vec::new();
    text::tokens(&doc.thread.title, |t| {
        if !text::is_tracker_word(t) {
            title_terms.push(t.to_string());
        }
    });
    let extracted =
        signals::extract_segmented(segmented.iter().map(|(_, l)| l.as_slice()), &index.project);
    let (links, phrases, out_degree) = text_links(doc, index);
    let mut facts = Facts::read(doc, &extracted.errors, &index.config, &index.project);
    facts.reported_version = super::version::of_issue(
        &doc.thread.title,
        doc.thread.body.as_deref().unwrap_or(""),
        &index.project,
    );
    facts.newest_version = doc
        .comments
        .iter()
        .filter(|c| !is_bot(c.user.as_deref()))
        .filter_map(|c| super::version::reported(&c.body, &index.project))
        .chain(facts.reported_version)
        .max();
    let umbrella = super::conversation::is_umbrella(doc, &facts, &index.config);
    if umbrella {
        facts.of_tracking_issue();
    }
    let release = super::conversation::RELEASE_TITLE.is_match(&doc.thread.title);
    let list_items = if umbrella || release {
        let mut items = super::related::list_items(doc.thread.body.as_deref().unwrap_or(""));
        items.truncate(MAX_LIST_ITEMS);
        items
    } else {
        Vec::new()
    };
    Analysis {
        terms,
        title_terms,
        len,
        lines,
        extracted,
        links,
        phrases,
        out_degree,
        facts,
        umbrella,
        release,
        list_items,
    }
}
