//! What the conversation of an issue says, read once for the triage: whether there is a
//! reproduction, an open design question, a maintainer's agreement, a proposal to close, or a
//! request to the reporter that nobody answered. Phrases are quoted back as the sentence they
//! were found in, so a person can find them.

use std::sync::LazyLock;

use regex::Regex;

use super::index::is_bot;
use super::signals::ErrorSignal;
use super::text::{self, LineKind};
use super::{ThreadDoc, hardware};
use crate::config::triage::TriageConfig;
use crate::store::Comment;

pub(crate) fn is_maintainer(association: Option<&str>) -> bool {
    matches!(association, Some("OWNER" | "MEMBER" | "COLLABORATOR"))
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Said {
    pub user: Option<Box<str>>,
    pub phrase: Box<str>,
}

/// What the conversation says, read once when the thread is indexed: the index keeps these
/// facts, not the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Facts {
    pub reproduction: Option<&'static str>,
    pub design_phrases: Box<[&'static str]>,
    pub decision_open: bool,
    pub maintainer_agreed: bool,
    pub close_proposal: Option<Said>,
    pub info_request: Option<Said>,
    pub task_refs: u16,
    /// "+1", "same here" comments.
    pub me_too: u16,
    /// People (not bots) who commented.
    pub participants: u16,
    /// The body is (almost) empty.
    pub no_description: bool,
    /// Hardware and platforms the issue needs, by the index's triage settings.
    pub hardware: Box<[Box<str>]>,
}

static NUMBERED_STEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\d{1,2}[.)]|step \d+:?)\s+\S").expect("valid regex"));
static REPRO_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*(?:\$ |>>> )?(?:python3?|pytest|cargo|npm|go test|make|cmake|pip|uv|torchrun|bash|sh) ")
        .expect("valid regex")
});
static TASK_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[-*]\s+\[[ xX]\].*#\d+").expect("valid regex"));
pub(crate) static DESIGN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\[\s*(?:rfc|proposal|discussion|idea)\s*\]|(?:rfc|proposal|discussion|idea)\b\s*[:\-]?|should\s+(?:we|\w+\s+(?:be|become|support|use|drop|switch|move))\b)")
        .expect("valid regex")
});
pub(crate) static TRACKING_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\[?\s*(?:tracking|tracker|umbrella|meta|roadmap|epic)\b|\btracking issue\b|\broadmap\b")
        .expect("valid regex")
});

pub(crate) const DESIGN_PHRASES: &[&str] = &[
    "what do people think",
    "what do you think",
    "any thoughts",
    "thoughts?",
    "open question",
    "should we ",
    "would you consider",
    "would you accept",
    "i propose",
    "we propose",
    "pros and cons",
    "trade-off",
    "tradeoff",
    "design question",
    "up for discussion",
];
const DECISION_OPEN_PHRASES: &[&str] = &[
    "the place to decide",
    "needs a decision",
    "not decided",
    "undecided",
    "any objections",
    "let's discuss",
    "open to discussion",
    "on the fence",
    "prototype first",
    "pushed back",
    "not convinced",
];
const AGREED_PHRASES: &[&str] = &[
    "yes please",
    "pr welcome",
    "prs welcome",
    "pull request welcome",
    "happy to review",
    "happy to accept",
    "would accept a pr",
    "go ahead",
    "is the right fix",
    "is the simplest",
    "sounds good",
    "agreed",
    "let's do",
    "good catch",
];
const CLOSE_PHRASES: &[&str] = &[
    "we can close",
    "can be closed",
    "could be closed",
    "should be closed",
    "i'll close",
    "i will close",
    "closing this",
    "closing as",
    "propose to close",
    "proposing to close",
    "proposed to close",
    "nothing to fix",
    "not a bug",
    "working as intended",
    "works as intended",
    "won't fix",
    "is out of scope",
    "this is outside",
    "is outside the scope",
    "is outside of the scope",
    "has been fixed",
    "already fixed",
    "is fixed in",
    "was fixed in",
];
const KEEP_OPEN_PHRASES: &[&str] = &[
    "keep this open",
    "keeping this open",
    "reopening",
    "let's keep",
    "leave this open",
];
const INFO_PHRASES: &[&str] = &[
    "could you",
    "can you",
    "please post",
    "please share",
    "please paste",
    "please provide",
    "please describe",
    "please include",
    "please run",
    "if you can",
    "if you could",
    "friendly ping",
    "need more information",
    "more details",
    "minimal repro",
    "minimal script",
    "reproducer",
];

/// Whether a thread is a tracking issue or a list of other work (a roadmap, release notes):
/// its words are logistics, and its links are what it says.
pub(crate) fn is_umbrella(doc: &ThreadDoc, facts: &Facts, config: &TriageConfig) -> bool {
    let thread = &doc.thread;
    thread.labels.iter().any(|l| {
        config
            .tracking_labels
            .iter()
            .any(|t| t.eq_ignore_ascii_case(l))
    }) || TRACKING_TITLE.is_match(&thread.title)
        || facts.task_refs >= 5
}

/// The sentence of `text` that contains the first of `phrases`, trimmed for quoting.
fn phrase_in(text_lower: &str, original: &str, phrases: &[&str]) -> Option<String> {
    let at = phrases.iter().filter_map(|p| text_lower.find(p)).min()?;
    // Lowercasing can change byte lengths outside ASCII: quote the sentence only when the
    // offsets line up, else the phrase itself.
    let sentence = (text_lower.len() == original.len())
        .then(|| {
            let start = original.get(..at).map(sentence_start)?;
            let end = at + original.get(at..).map(sentence_end)?;
            original.get(start..end).map(|s| s.trim().to_string())
        })
        .flatten()
        .filter(|s| !s.is_empty());
    sentence.or_else(|| {
        phrases
            .iter()
            .find(|p| text_lower.contains(*p))
            .map(|p| p.to_string())
    })
}

/// Whether the byte at `i` ends a sentence: `.`, `!` or `?` before a space or the end (so
/// `0.37` and `e.g.x` do not), or a line break.
fn ends_sentence(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'.' | b'!' | b'?' => bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()),
        _ => false,
    }
}

/// Where the sentence that `before` ends in starts.
fn sentence_start(before: &str) -> usize {
    let bytes = before.as_bytes();
    (0..bytes.len())
        .rev()
        .find(|&i| ends_sentence(bytes, i))
        .map_or(0, |i| i + 1)
}

/// The length of the sentence `rest` starts with, its final mark included.
fn sentence_end(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    (0..bytes.len())
        .find(|&i| ends_sentence(bytes, i))
        .map_or(bytes.len(), |i| i + 1)
}

/// The prose of a comment (no code, quotes or dumps), original and lowercase.
fn prose_of(text: &str) -> (String, String) {
    let mut out = String::new();
    for line in text::segment(text) {
        if matches!(line.kind, LineKind::Prose | LineKind::Heading) {
            out.push_str(line.text);
            out.push('\n');
        }
    }
    let lower = out.to_lowercase();
    (out, lower)
}

impl Facts {
    /// Reads the facts of a thread; `config` decides which hardware words count.
    pub(crate) fn read(doc: &ThreadDoc, errors: &[ErrorSignal], config: &TriageConfig) -> Facts {
        let thread = &doc.thread;
        let body = thread.body.as_deref().unwrap_or("");
        let mut facts = Facts::default();

        let mut code_lines = 0usize;
        let mut steps = 0usize;
        let mut prose = thread.title.to_lowercase();
        prose.push('\n');
        let mut body_all = prose.clone();
        let mut task_refs = 0usize;
        for line in text::segment(body) {
            match line.kind {
                LineKind::Code => {
                    if !line.text.trim().is_empty() {
                        code_lines += 1;
                    }
                    body_all.push_str(line.text);
                    body_all.push('\n');
                }
                LineKind::Prose | LineKind::Heading => {
                    if NUMBERED_STEP.is_match(line.text) {
                        steps += 1;
                    }
                    if TASK_REF.is_match(line.text) {
                        task_refs += 1;
                    }
                    prose.push_str(&line.text.to_lowercase());
                    prose.push('\n');
                    body_all.push_str(line.text);
                    body_all.push('\n');
                }
                _ => {}
            }
        }
        facts.task_refs = task_refs.min(u16::MAX as usize) as u16;
        facts.reproduction = if code_lines >= 2 {
            Some("code block")
        } else if steps >= 2 {
            Some("numbered steps")
        } else if REPRO_COMMAND.is_match(body) {
            Some("command")
        } else {
            None
        };
        facts.design_phrases = DESIGN_PHRASES
            .iter()
            .filter(|p| prose.contains(*p))
            .take(3)
            .copied()
            .collect();
        facts.no_description = body.trim().len() < 20;

        let mut comments: Vec<&Comment> = doc
            .comments
            .iter()
            .filter(|c| !is_bot(c.user.as_deref()))
            .collect();
        comments.sort_by_key(|c| (c.created_at, c.id));
        let reporter = thread.user.as_deref();
        let mut people: Vec<&str> = Vec::new();
        let mut me_too = 0usize;
        for c in &comments {
            if let Some(u) = c.user.as_deref()
                && !people.contains(&u)
            {
                people.push(u);
            }
            let t = c.body.trim().to_lowercase();
            if t.len() < 60
                && (t.starts_with("+1")
                    || t.contains("same here")
                    || t.starts_with("same")
                    || t.contains("me too")
                    || t.contains("any update"))
            {
                me_too += 1;
            }
        }
        facts.me_too = me_too.min(u16::MAX as usize) as u16;
        facts.participants = people.len().min(u16::MAX as usize) as u16;
        let said = |user: Option<&String>, phrase: String| Said {
            user: user.map(|u| u.as_str().into()),
            phrase: phrase.into(),
        };
        let mut last_close_or_keep: Option<(bool, Said)> = None;
        for c in &comments {
            if !is_maintainer(c.author_association.as_deref()) || c.user.as_deref() == reporter {
                continue;
            }
            let (original, lower) = prose_of(&c.body);
            if DECISION_OPEN_PHRASES.iter().any(|p| lower.contains(p)) {
                facts.decision_open = true;
            }
            if AGREED_PHRASES.iter().any(|p| lower.contains(p)) {
                facts.maintainer_agreed = true;
            }
            if let Some(p) = phrase_in(&lower, &original, KEEP_OPEN_PHRASES) {
                last_close_or_keep = Some((false, said(c.user.as_ref(), p)));
            }
            if let Some(p) = phrase_in(&lower, &original, CLOSE_PHRASES) {
                last_close_or_keep = Some((true, said(c.user.as_ref(), p)));
            }
        }
        facts.close_proposal = match last_close_or_keep {
            Some((true, said)) => Some(said),
            _ => None,
        };

        // A maintainer's request that nobody answered.
        if let Some(last) = comments.last()
            && is_maintainer(last.author_association.as_deref())
            && last.user.as_deref() != reporter
        {
            let (original, lower) = prose_of(&last.body);
            if let Some(p) = phrase_in(&lower, &original, INFO_PHRASES) {
                facts.info_request = Some(said(last.user.as_ref(), p));
            }
        }
        facts.hardware = hardware::hardware(doc, &prose, &body_all, errors, config)
            .into_iter()
            .map(String::into_boxed_str)
            .collect();
        facts
    }
}
