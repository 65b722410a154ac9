//! Whether an agent can take an issue on, and if not, why not: one named outcome per issue,
//! with the checkable facts behind it (who said what, which pull request, which label, which
//! thread), and the impact that decides which of the doable ones goes first.
//!
//! The outcome is the most final thing the thread shows, in this order: somebody fixed or
//! claimed it; it is a duplicate; the problem is the reporter's setup or a question; a
//! decision is open (a feature nobody agreed to, a design question, a maintainer's "won't
//! fix"); it needs information nobody gave; it needs hardware the agent lacks. Only an issue
//! with none of these and something to go on (a reproduction, an error, code pointers, a
//! maintainer's confirmation) is `agent_ready`.

use serde::{Deserialize, Serialize};

use super::conversation::{DESIGN_TITLE, Signal, TRACKING_TITLE};
use super::errors::names_no_place;
use super::index::{
    COCITED, DUPLICATE, Entry, FIXES, MENTION_BODY, MENTION_COMMENT, RepoIndex, SAID_ENVIRONMENT,
    SAID_FIXED, SAID_NOT_A_BUG, SAID_RESOLVED, SAID_WONT_FIX, TIMELINE,
};
use super::related::{Related, RelatedQuery, RelationKind};
use super::signals::ErrorKind;
use super::{AnalysisError, ellipsize, round3};
pub use crate::config::triage::TriageConfig;
use crate::store::ThreadState;

/// What should happen with an issue, named. Serialises as the contract's `outcome`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A capable engineer with the repository and a Linux machine without a GPU could open a
    /// good pull request now.
    AgentReady,
    /// It can only be reproduced on hardware or a platform the agent lacks.
    NeedsHardware,
    /// The reporter's environment, another project, or a usage question: no change to make.
    EnvironmentOrSupport,
    /// A maintainer has to decide first (a feature request, a design question, a proposal to
    /// close, a tracking issue).
    NeedsDecision,
    /// Too little to go on, or a request to the reporter that nobody answered.
    NeedsInfo,
    /// A pull request claims it, or it is fixed and waits to be closed.
    AlreadyFixedOrClaimed,
    /// Another thread covers it.
    Duplicate,
}

impl Outcome {
    pub const ALL: [Outcome; 7] = [
        Outcome::AgentReady,
        Outcome::NeedsHardware,
        Outcome::EnvironmentOrSupport,
        Outcome::NeedsDecision,
        Outcome::NeedsInfo,
        Outcome::AlreadyFixedOrClaimed,
        Outcome::Duplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::AgentReady => "agent_ready",
            Outcome::NeedsHardware => "needs_hardware",
            Outcome::EnvironmentOrSupport => "environment_or_support",
            Outcome::NeedsDecision => "needs_decision",
            Outcome::NeedsInfo => "needs_info",
            Outcome::AlreadyFixedOrClaimed => "already_fixed_or_claimed",
            Outcome::Duplicate => "duplicate",
        }
    }

    /// The outcome in words, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Outcome::AgentReady => "ready for an agent",
            Outcome::NeedsHardware => "needs hardware the agent lacks",
            Outcome::EnvironmentOrSupport => "the reporter's environment or a support question",
            Outcome::NeedsDecision => "waits for a maintainer's decision",
            Outcome::NeedsInfo => "needs information from the reporter",
            Outcome::AlreadyFixedOrClaimed => "already fixed or claimed",
            Outcome::Duplicate => "a duplicate",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Which of several findings names the verdict: the most final first.
    fn precedence(self) -> u8 {
        match self {
            Outcome::AlreadyFixedOrClaimed => 0,
            Outcome::Duplicate => 1,
            Outcome::EnvironmentOrSupport => 2,
            Outcome::NeedsDecision => 3,
            Outcome::NeedsInfo => 4,
            Outcome::NeedsHardware => 5,
            Outcome::AgentReady => 6,
        }
    }

    /// Where the candidate list puts it: ready first, then what might become ready soonest.
    fn rank(self) -> u8 {
        match self {
            Outcome::AgentReady => 0,
            Outcome::NeedsInfo => 1,
            Outcome::NeedsDecision => 2,
            Outcome::NeedsHardware => 3,
            Outcome::EnvironmentOrSupport => 4,
            Outcome::Duplicate => 5,
            Outcome::AlreadyFixedOrClaimed => 6,
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The verdict on one issue: the `triage N --json` shape of the contract, with `outcome`,
/// `evidence` and `impact`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub number: i64,
    /// True exactly when the outcome is `agent_ready`.
    pub actionable: bool,
    pub outcome: Outcome,
    /// 0..1: how good a candidate for an agent (evidence, impact, freshness).
    pub score: f64,
    pub reasons: Vec<String>,
    /// Why not, most final first; the first is the outcome's.
    pub blockers: Vec<String>,
    /// The checkable facts behind the outcome: who said what, which pull request, which
    /// label, which thread.
    pub evidence: Vec<String>,
    pub hardware: Vec<String>,
    /// Open pull requests that say they fix it: review and complete them rather than start over.
    pub open_pull_requests: Vec<i64>,
    pub related: Vec<i64>,
    /// Reactions, "+1"s, participants and priority labels, on a log scale.
    pub impact: f64,
}

impl Verdict {
    /// Whether the issue has been idle past the triage's `stale_after_days`.
    pub fn is_stale(&self) -> bool {
        self.reasons.iter().any(|r| r.starts_with("stale:"))
    }
}

/// The open issues ranked as candidates: the ready ones (or all, when asked), and how many
/// there are of each outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidates {
    pub verdicts: Vec<Verdict>,
    /// Open issues assessed.
    pub open: usize,
    /// How many open issues have each outcome, in the order of [`Outcome::ALL`].
    pub by_outcome: Vec<(Outcome, usize)>,
}

impl Candidates {
    pub fn ready(&self) -> usize {
        self.count(Outcome::AgentReady)
    }

    pub fn count(&self, outcome: Outcome) -> usize {
        self.by_outcome
            .iter()
            .find(|(o, _)| *o == outcome)
            .map_or(0, |(_, n)| *n)
    }

    /// "3 need hardware, 2 are duplicates": the others, for the line that says why the list
    /// is short.
    pub fn others_summary(&self) -> String {
        let parts: Vec<String> = self
            .by_outcome
            .iter()
            .filter(|(o, n)| *o != Outcome::AgentReady && *n > 0)
            .map(|(o, n)| format!("{n} {}", o.as_str()))
            .collect();
        parts.join(", ")
    }
}

const RELATED_IN_VERDICT: usize = 5;
/// Related threads looked at for a fix that does not link the issue.
const RELATED_CHECKED: usize = 10;
/// How alike a merged pull request and an issue must be to say it probably fixed it: the
/// texts, or the titles, and the relation overall.
const FIX_TEXT: f32 = 0.40;
const FIX_TITLE: f32 = 0.45;
const FIX_SCORE: f64 = 3.4;
/// Below this much positive evidence (an error alone, a code pointer alone), a stale report
/// waits for someone to say it still happens.
const THIN_EVIDENCE: f64 = 0.3;
/// How alike an issue and an earlier answered one must be (without the same error).
const ANSWERED_TEXT: f32 = 0.40;
/// How alike an issue and an earlier open one must be (without the same error) to be the
/// same report twice: higher than for an answered one, since both are still open and a
/// wrong call hides a distinct bug.
const OPEN_TWIN_TEXT: f32 = 0.55;
/// Or less alike in text when the titles say the same.
const OPEN_TWIN_TITLE: f32 = 0.70;
const OPEN_TWIN_TITLE_TEXT: f32 = 0.40;
/// Or less alike in text when the earlier one is the closest thread of all and names the
/// same code.
const OPEN_TWIN_CODE_TEXT: f32 = 0.40;
/// How long a contributor's "I'll take it" holds without a pull request.
const TAKEN_DAYS: i64 = 45;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

// What a label means to the triage, as bits (a label can mean several things).
pub(super) const L_HELP: u16 = 1;
pub(super) const L_CLOSE: u16 = 1 << 1;
pub(super) const L_INFO: u16 = 1 << 2;
pub(super) const L_DESIGN: u16 = 1 << 3;
pub(super) const L_TRACKING: u16 = 1 << 4;
pub(super) const L_PRIORITY: u16 = 1 << 5;
pub(super) const L_SUPPORT: u16 = 1 << 6;
pub(super) const L_FIXED: u16 = 1 << 7;
pub(super) const L_DUPLICATE: u16 = 1 << 8;
pub(super) const L_WONTFIX: u16 = 1 << 9;
pub(super) const L_FEATURE: u16 = 1 << 10;

/// A label, and a configured name, compared the way people write them: case, `-`, `_` and
/// spaces alike, and a prefix (`type: question`, `kind/feature`, `issue::bug`, an emoji)
/// ignored.
fn label_means(label: &str, wanted: &str) -> bool {
    fn norm(s: &str) -> String {
        let s: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '-' | '_' => ' ',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    let label = norm(label);
    let wanted = norm(wanted);
    if wanted.is_empty() {
        return false;
    }
    if label == wanted {
        return true;
    }
    let tail = label
        .rsplit([':', '/'])
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    tail == wanted
}

/// `f` over `items` on every core, in order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(16);
    if workers < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(workers);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(part) => part,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// What each label of the index means, by label id.
pub(super) struct LabelClasses(Vec<u16>);

impl LabelClasses {
    pub(super) fn of(index: &RepoIndex, config: &TriageConfig) -> LabelClasses {
        let lists: [(&[String], u16); 11] = [
            (&config.help_labels, L_HELP),
            (&config.close_labels, L_CLOSE),
            (&config.info_labels, L_INFO),
            (&config.design_labels, L_DESIGN),
            (&config.tracking_labels, L_TRACKING),
            (&config.priority_labels, L_PRIORITY),
            (&config.support_labels, L_SUPPORT),
            (&config.fixed_labels, L_FIXED),
            (&config.duplicate_labels, L_DUPLICATE),
            (&config.wontfix_labels, L_WONTFIX),
            (&config.feature_labels, L_FEATURE),
        ];
        let classes = (0..index.labels.len() as u32)
            .map(|id| {
                let name = index.labels.name(id);
                lists
                    .iter()
                    .filter(|(names, _)| names.iter().any(|w| label_means(name, w)))
                    .fold(0, |acc, (_, bit)| acc | bit)
            })
            .collect();
        LabelClasses(classes)
    }

    /// Whether label `id` means `bit`.
    pub(super) fn has(&self, id: u32, bit: u16) -> bool {
        self.0.get(id as usize).is_some_and(|c| c & bit != 0)
    }

    pub(super) fn of_entry(&self, entry: &Entry) -> u16 {
        entry.labels().iter().fold(0, |acc, &id| {
            acc | self.0.get(id as usize).copied().unwrap_or(0)
        })
    }
}

/// What an assessment finds, with the words only when they are wanted: the candidate list
/// classifies every open issue but explains only the few it shows.
struct Notes {
    explain: bool,
    reasons: Vec<String>,
    /// (outcome, the blocker sentence, the facts behind it).
    findings: Vec<(Outcome, String, Vec<String>)>,
    /// The facts behind a ready verdict.
    positive: Vec<String>,
    /// Not an open issue (a pull request, or closed): this decides, and is said first.
    state: Option<(Outcome, String, Vec<String>)>,
}

impl Notes {
    fn new(explain: bool) -> Notes {
        Notes {
            explain,
            reasons: Vec::new(),
            findings: Vec::new(),
            positive: Vec::new(),
            state: None,
        }
    }

    fn block_state(&mut self, outcome: Outcome, words: impl FnOnce() -> (String, Vec<String>)) {
        let (blocker, evidence) = if self.explain {
            words()
        } else {
            (String::new(), Vec::new())
        };
        self.state = Some((outcome, blocker, evidence));
    }

    fn reason(&mut self, text: impl FnOnce() -> String) {
        if self.explain {
            self.reasons.push(text());
        }
    }

    fn block(&mut self, outcome: Outcome, words: impl FnOnce() -> (String, Vec<String>)) {
        let (blocker, evidence) = if self.explain {
            words()
        } else {
            (String::new(), Vec::new())
        };
        self.findings.push((outcome, blocker, evidence));
    }

    /// A label's verdict (`label: verdict`), unless a maintainer lacks the machine to
    /// reproduce or answer it: the issue then waits for that machine, not for what the label
    /// says, and the label is a reason only.
    fn labelled(
        &mut self,
        outcome: Outcome,
        label: impl FnOnce() -> String,
        verdict: &str,
        lacks_machine: bool,
    ) {
        if lacks_machine {
            self.reason(|| {
                format!(
                    "{}, but a maintainer lacks the machine to check it",
                    label()
                )
            });
        } else {
            self.block(outcome, || {
                let l = label();
                (format!("{l}: {verdict}"), vec![l])
            });
        }
    }

    fn outcome(&self) -> Option<Outcome> {
        if let Some((o, _, _)) = &self.state {
            return Some(*o);
        }
        self.findings
            .iter()
            .map(|(o, _, _)| *o)
            .min_by_key(|o| o.precedence())
    }
}

impl RepoIndex {
    /// The verdict on issue `number`, as of `now` (milliseconds since the epoch).
    pub fn triage(
        &self,
        number: i64,
        config: &TriageConfig,
        now: i64,
    ) -> Result<Verdict, AnalysisError> {
        let entry = self.entry(number).ok_or_else(|| self.unknown(number))?;
        let classes = LabelClasses::of(self, config);
        self.explained(entry, &classes, config, now)
    }

    /// The full verdict on `entry`: with what its related threads show (a merged fix that
    /// does not link it, a closed thread with the same error), and the first of them.
    fn explained(
        &self,
        entry: &Entry,
        classes: &LabelClasses,
        config: &TriageConfig,
        now: i64,
    ) -> Result<Verdict, AnalysisError> {
        let related = self.related(
            entry.meta.number,
            &RelatedQuery {
                limit: RELATED_CHECKED,
                ..RelatedQuery::default()
            },
        )?;
        let mut verdict = self.assess(entry, classes, config, now, Some(&related));
        verdict.related = related
            .iter()
            .take(RELATED_IN_VERDICT)
            .map(|r| r.number)
            .collect();
        Ok(verdict)
    }

    /// The open issues ranked as candidates for an agent: by outcome first (ready ones
    /// first), then by impact. Without `all`, only ready ones: a short list says how many
    /// are ready rather than filling up with the rest.
    pub fn candidates(
        &self,
        config: &TriageConfig,
        now: i64,
        limit: usize,
        all: bool,
    ) -> Candidates {
        let classes = LabelClasses::of(self, config);
        // Classify everything cheaply (on every core), explain only what is shown.
        let open_issues: Vec<&Entry> = self
            .entries()
            .filter(|e| !e.meta.is_pull_request && e.meta.state == ThreadState::Open)
            .collect();
        let mut quick: Vec<(Outcome, f64, f64, i64)> = par_map(&open_issues, |e| {
            let v = self.assess(e, &classes, config, now, None);
            (v.outcome, v.impact, v.score, v.number)
        });
        let mut by_outcome: Vec<(Outcome, usize)> = Outcome::ALL
            .iter()
            .map(|&o| (o, quick.iter().filter(|q| q.0 == o).count()))
            .collect();
        let open = quick.len();
        if !all {
            quick.retain(|q| q.0 == Outcome::AgentReady);
        }
        quick.sort_by(|a, b| {
            a.0.rank()
                .cmp(&b.0.rank())
                .then(b.1.total_cmp(&a.1))
                .then(b.2.total_cmp(&a.2))
                .then(b.3.cmp(&a.3))
        });
        // Explain the best ones, with what their related threads show (a merged fix that
        // does not link them): one that turns out not ready makes room for the next. Each
        // round explains as many as are still missing, side by side.
        let mut verdicts = Vec::new();
        let mut next = 0;
        while verdicts.len() < limit && next < quick.len() {
            let wanted = (limit - verdicts.len()).min(quick.len() - next);
            let round = &quick[next..next + wanted];
            next += wanted;
            let explained = par_map(round, |&(_, _, _, n)| {
                self.explained(self.entry(n)?, &classes, config, now).ok()
            });
            for (&(first, _, _, _), v) in round.iter().zip(explained) {
                let Some(v) = v else {
                    continue;
                };
                if v.outcome != first {
                    // The related threads changed the verdict: count it where it now belongs.
                    for (o, count) in &mut by_outcome {
                        if *o == first {
                            *count = count.saturating_sub(1);
                        } else if *o == v.outcome {
                            *count += 1;
                        }
                    }
                }
                if all || v.actionable {
                    verdicts.push(v);
                }
            }
        }
        Candidates {
            verdicts,
            open,
            by_outcome,
        }
    }

    fn assess(
        &self,
        entry: &Entry,
        classes: &LabelClasses,
        config: &TriageConfig,
        now: i64,
        related: Option<&[Related]>,
    ) -> Verdict {
        let thread = &entry.meta;
        let n = thread.number;
        let facts = entry.facts();
        // Explained (with words) exactly when the related threads were looked at.
        let explain = related.is_some();
        let mut notes = Notes::new(explain);
        let label_bits = classes.of_entry(entry);
        let labelled = |bit: u16| -> String {
            let names: Vec<String> = entry
                .labels()
                .iter()
                .filter(|&&id| classes.0.get(id as usize).is_some_and(|c| c & bit != 0))
                .map(|&id| format!("`{}`", self.label_name(id)))
                .collect();
            format!("labelled {}", names.join(", "))
        };
        let impact = self.impact(entry, label_bits & L_PRIORITY != 0, &mut notes, &labelled);

        if thread.is_pull_request {
            notes.block_state(Outcome::AlreadyFixedOrClaimed, || {
                (
                    format!("#{n} is a pull request, not an issue: review it instead"),
                    vec![format!("#{n} is a pull request")],
                )
            });
        } else if thread.state == ThreadState::Closed {
            let (outcome, why) = match thread.state_reason() {
                Some("duplicate") => (Outcome::Duplicate, " as a duplicate"),
                Some("not_planned") => (Outcome::NeedsDecision, " as not planned"),
                Some("completed") => (Outcome::AlreadyFixedOrClaimed, " as completed"),
                _ => (Outcome::AlreadyFixedOrClaimed, ""),
            };
            notes.block_state(outcome, || {
                (
                    format!("#{n} is closed{why}"),
                    vec![format!("#{n} is closed{why}")],
                )
            });
        }

        // Fixed or claimed.
        let open_prs = self.pull_requests_on(entry, &mut notes);
        if let Some(related) = related {
            self.unlinked_fix(entry, related, &mut notes);
        }
        if facts.has(Signal::SaidFixed) {
            notes.block(Outcome::AlreadyFixedOrClaimed, || {
                (
                    "the thread says it is fixed: verify on the default branch and close".into(),
                    said(facts, Signal::SaidFixed),
                )
            });
        }
        // Someone who said they are on it, recently enough that it still stands: a
        // maintainer (their plan, often for a later release) for twice `stale_after_days`,
        // anyone else (their pull request may be on its way) for `TAKEN_DAYS`. After that it
        // is only a reason.
        for (signal, at, lapse_days, who) in [
            (
                Signal::MaintainerClaimed,
                facts.claimed_at,
                config.stale_after_days * 2,
                "a maintainer",
            ),
            (Signal::Taken, facts.taken_at, TAKEN_DAYS, "someone"),
        ] {
            if !facts.has(signal) {
                continue;
            }
            if lapse_days <= 0 || now - at < lapse_days * DAY_MS {
                notes.block(Outcome::AlreadyFixedOrClaimed, || {
                    (
                        format!("{who} said they are working on it: ask them before starting"),
                        said(facts, signal),
                    )
                });
            } else {
                notes.reason(|| {
                    format!(
                        "{who} said they would work on it {} days ago and nothing came of it since: ask whether it is still theirs",
                        (now - at) / DAY_MS
                    )
                });
            }
        }
        if label_bits & L_FIXED != 0 {
            notes.block(Outcome::AlreadyFixedOrClaimed, || {
                let l = labelled(L_FIXED);
                (format!("{l}: verify and close"), vec![l])
            });
        }

        // A duplicate.
        self.duplicate_of(entry, &mut notes);
        // A maintainer who already took it (confirmed it, agreed, answered it as support or
        // proposed closing it) has judged it; so has someone who says it still happens.
        if let Some(related) = related
            && !facts.has(Signal::Confirmed)
            && !facts.has(Signal::MaintainerAgreed)
            && !facts.has(Signal::CloseProposed)
            && !facts.has(Signal::Answered)
            && label_bits & (L_SUPPORT | L_CLOSE) == 0
            && facts.still_broken_at == 0
        {
            self.fixed_since(entry, related, &mut notes);
        }
        if label_bits & L_DUPLICATE != 0 {
            notes.block(Outcome::Duplicate, || {
                let l = labelled(L_DUPLICATE);
                (format!("{l}: find the thread it repeats"), vec![l])
            });
        }

        // The reporter's setup, another project, or a question; not one a maintainer could
        // not answer for want of the machine it runs on.
        let lacks_machine = facts.has(Signal::MaintainerLacks);
        if label_bits & L_SUPPORT != 0 {
            notes.labelled(
                Outcome::EnvironmentOrSupport,
                || labelled(L_SUPPORT),
                "support, not a change to the code",
                lacks_machine,
            );
        }
        for (signal, text) in [
            (Signal::NotABug, "a maintainer says it behaves as intended"),
            (
                Signal::EnvironmentBlamed,
                "a maintainer puts the cause in the reporter's environment or another project",
            ),
            (
                Signal::ReporterResolved,
                "the reporter says their problem is solved",
            ),
        ] {
            if facts.has(signal) {
                notes.block(Outcome::EnvironmentOrSupport, || {
                    (text.to_string(), said(facts, signal))
                });
            }
        }
        if facts.has(Signal::Question) && !facts.has(Signal::Confirmed) {
            let answered = facts.has(Signal::Answered);
            notes.block(Outcome::EnvironmentOrSupport, || {
                let mut evidence = said(facts, Signal::Question);
                evidence.extend(said(facts, Signal::Answered));
                let text = if answered {
                    "a usage question a maintainer answered"
                } else {
                    "a usage question: answer it, there is no change to make yet"
                };
                (text.to_string(), evidence)
            });
        }
        // A maintainer who confirmed it, agreed on a change or asked for help says the
        // project's code is at fault, whatever the error looks like.
        let owned = facts.has(Signal::Confirmed)
            || facts.has(Signal::MaintainerAgreed)
            || label_bits & L_HELP != 0;
        // So does a report that names the code at fault.
        if facts.has(Signal::SetupFailure) && !owned && !facts.has(Signal::Diagnosed) {
            notes.block(Outcome::EnvironmentOrSupport, || {
                (
                    "the failure is the installation not loading or reaching something (a native library, a module, a certificate, the network), not the project's logic".into(),
                    said(facts, Signal::SetupFailure),
                )
            });
        }

        // A decision to make first.
        if label_bits & L_WONTFIX != 0 {
            notes.block(Outcome::NeedsDecision, || {
                let l = labelled(L_WONTFIX);
                (format!("{l}: the maintainers declined it"), vec![l])
            });
        }
        if facts.has(Signal::WontFix) {
            notes.block(Outcome::NeedsDecision, || {
                (
                    "a maintainer declined it".into(),
                    said(facts, Signal::WontFix),
                )
            });
        }
        if label_bits & L_CLOSE != 0 {
            notes.block(Outcome::NeedsDecision, || {
                let l = labelled(L_CLOSE);
                (format!("{l}: a maintainer proposed closing it"), vec![l])
            });
        }
        if facts.has(Signal::CloseProposed) {
            notes.block(Outcome::NeedsDecision, || {
                (
                    "a maintainer proposed closing it".into(),
                    said(facts, Signal::CloseProposed),
                )
            });
        }
        let agreed = facts.has(Signal::MaintainerAgreed) || label_bits & L_HELP != 0;
        let mut design: Vec<String> = Vec::new();
        let design_found = label_bits & L_DESIGN != 0
            || DESIGN_TITLE.is_match(&thread.title)
            || (facts.has(Signal::DesignQuestion) && !agreed)
            || facts.has(Signal::DecisionOpen);
        if design_found {
            if explain {
                if label_bits & L_DESIGN != 0 {
                    design.push(labelled(L_DESIGN));
                }
                if DESIGN_TITLE.is_match(&thread.title) {
                    design.push(format!("the title: \"{}\"", thread.title));
                } else if !agreed {
                    design.extend(said(facts, Signal::DesignQuestion));
                }
                design.extend(said(facts, Signal::DecisionOpen));
            }
            notes.block(Outcome::NeedsDecision, || {
                (
                    "an open design question: a maintainer decides first".into(),
                    design,
                )
            });
        }
        if label_bits & L_TRACKING != 0
            || TRACKING_TITLE.is_match(&thread.title)
            || facts.task_refs >= 5
        {
            notes.block(Outcome::NeedsDecision, || {
                let mut evidence = Vec::new();
                if label_bits & L_TRACKING != 0 {
                    evidence.push(labelled(L_TRACKING));
                }
                if facts.task_refs >= 5 {
                    evidence.push(format!("a task list of {} issues", facts.task_refs));
                } else {
                    evidence.push(format!("the title: \"{}\"", thread.title));
                }
                (
                    "a tracking issue: it lists other work rather than describing one change"
                        .into(),
                    evidence,
                )
            });
        }
        let feature = label_bits & L_FEATURE != 0 || facts.has(Signal::FeatureRequest);
        if feature && !agreed && !facts.has(Signal::Confirmed) {
            notes.block(Outcome::NeedsDecision, || {
                let mut evidence = Vec::new();
                if label_bits & L_FEATURE != 0 {
                    evidence.push(labelled(L_FEATURE));
                }
                evidence.extend(said(facts, Signal::FeatureRequest));
                (
                    "a feature request no maintainer has agreed to yet: they decide whether and how"
                        .into(),
                    evidence,
                )
            });
        }

        // Information nobody gave. A maintainer who said they lack the machine to reproduce
        // it understood the report and named what is missing: a machine, which asking the
        // reporter (for more, for a reproduction, whether it still happens) does not supply.
        if label_bits & L_INFO != 0 {
            notes.labelled(
                Outcome::NeedsInfo,
                || labelled(L_INFO),
                "waiting for the reporter",
                lacks_machine,
            );
        }
        if facts.asked_reporter() {
            notes.block(Outcome::NeedsInfo, || {
                (
                    "a maintainer asked the reporter for more and got no answer".into(),
                    said(facts, Signal::InfoRequested),
                )
            });
        }
        // A maintainer who could not reproduce a failure tied to hardware or a platform
        // lacks that hardware: it needs the hardware, not more information.
        if facts.has(Signal::CannotReproduce) && facts.hardware.is_empty() && !lacks_machine {
            notes.block(Outcome::NeedsInfo, || {
                (
                    "a maintainer could not reproduce it and nobody followed up".into(),
                    said(facts, Signal::CannotReproduce),
                )
            });
        }
        // A maintainer who said where to look supplied what the body lacks.
        let pinpointed = facts.has(Signal::Pinpointed);
        // Someone already knows where the fault is: a maintainer owned it or pointed at the
        // code, or the report names the code at fault.
        let located = owned || pinpointed || facts.has(Signal::Diagnosed);
        // A template's reproduction section left empty, and no reproduction anywhere else.
        if facts.has(Signal::EmptyReproduction)
            && facts.reproduction.is_none()
            && !facts.no_description
            && !located
        {
            notes.block(Outcome::NeedsInfo, || {
                (
                    "the template's reproduction section is empty and the report has no other: ask for the steps".into(),
                    vec![format!("#{n}'s \"to reproduce\" section is empty")],
                )
            });
        }
        // A failure the reporter cannot make happen at will: nobody can show a fix works.
        if facts.has(Signal::Intermittent) && !located && !agreed {
            notes.block(Outcome::NeedsInfo, || {
                (
                    "the reporter cannot make it happen at will and nobody has reproduced it: ask for a reproduction".into(),
                    said(facts, Signal::Intermittent),
                )
            });
        }
        if facts.no_description && !pinpointed {
            notes.block(Outcome::NeedsInfo, || {
                (
                    "the issue has (almost) no description".into(),
                    vec![format!("#{n}'s body is (almost) empty")],
                )
            });
        }

        // Hardware.
        let hardware: Vec<String> = facts.hardware.iter().map(|h| h.to_string()).collect();
        if !hardware.is_empty() {
            notes.block(Outcome::NeedsHardware, || {
                let mut evidence: Vec<String> =
                    hardware.iter().map(|h| format!("it needs {h}")).collect();
                evidence.extend(said(facts, Signal::CannotReproduce));
                (
                    format!("needs hardware the agent lacks: {}", hardware.join(", ")),
                    evidence,
                )
            });
        }

        // A maintainer without what it takes to reproduce it: neither has an agent.
        if hardware.is_empty() && lacks_machine {
            notes.block(Outcome::NeedsHardware, || {
                (
                    "a maintainer lacks what it takes to reproduce it, and so does an agent".into(),
                    said(facts, Signal::MaintainerLacks),
                )
            });
        }

        // Something to go on.
        let evidence = self.positive_evidence(entry, facts, label_bits, &labelled, &mut notes);
        // Not one tied to a machine the agent lacks: that is what it needs first.
        if evidence == 0.0 && !lacks_machine && facts.hardware.is_empty() {
            notes.block(Outcome::NeedsInfo, || {
                (
                    "no reproduction, error or code pointer: unclear what to change".into(),
                    vec![format!(
                        "#{n} has no code block, steps, error or code reference"
                    )],
                )
            });
        }

        let idle_days = (now - entry.last_activity).max(0) / DAY_MS;
        let stale = config.stale_after_days > 0 && idle_days >= config.stale_after_days;
        if stale {
            notes.reason(|| format!("stale: no activity for {idle_days} days"));
        }
        // An old report with little to go on that nobody confirmed may describe code that
        // is long gone; not one that waits for a machine (a platform it needs, or one a
        // maintainer lacks).
        if stale && evidence < THIN_EVIDENCE && !located && hardware.is_empty() && !lacks_machine {
            notes.block(Outcome::NeedsInfo, || {
                (
                    format!(
                        "an old report ({idle_days} days without activity) with little to go on that nobody confirmed: ask whether it still happens"
                    ),
                    vec![format!("no activity for {idle_days} days, no reproduction and no maintainer's confirmation")],
                )
            });
        }

        // Only when nothing else stands in the way (a report too thin to act on that no
        // maintainer has answered may still be a question answered before): an issue like one
        // answered before (not one a maintainer confirmed as a bug), or one still open. A
        // report whose fault someone located is its own unless the earlier one shows the very
        // same error.
        if let Some(related) = related
            && !located
            && !facts.has(Signal::Confirmed)
            && !facts.has(Signal::MaintainerAgreed)
            && (notes.findings.is_empty()
                || (!facts.maintainer_spoke
                    && notes
                        .findings
                        .iter()
                        .all(|(o, _, _)| *o == Outcome::NeedsInfo)))
            && notes.state.is_none()
        {
            self.answered_before(entry, related, classes, &mut notes);
        }
        if let Some(related) = related
            && notes.findings.is_empty()
            && notes.state.is_none()
        {
            // An earlier one gone quiet is revived by a fresh report, not by one as quiet
            // as it.
            let stale_since = (config.stale_after_days > 0 && !stale)
                .then(|| now - config.stale_after_days * DAY_MS);
            self.open_before(entry, related, stale_since, located, &mut notes);
        }
        let outcome = notes.outcome().unwrap_or(Outcome::AgentReady);
        let actionable = outcome == Outcome::AgentReady;
        let impact_share = impact / (impact + 3.0);
        let mut score = 0.65 * f64::min(evidence, 1.0) + 0.35 * impact_share;
        if stale {
            score -= 0.1;
        }
        if !actionable {
            score *= 0.4;
        }
        let Notes {
            mut reasons,
            mut findings,
            positive,
            state,
            ..
        } = notes;
        if actionable && explain {
            reasons.insert(
                0,
                "ready for an agent: a bounded change with enough to go on, no blocker found"
                    .to_string(),
            );
        }
        findings.sort_by_key(|f| f.0.precedence());
        if let Some(state) = state {
            findings.insert(0, state);
        }
        let mut blockers: Vec<String> = Vec::new();
        let mut evidence_out: Vec<String> = Vec::new();
        for (o, blocker, facts) in findings {
            if !blocker.is_empty() && !blockers.contains(&blocker) {
                blockers.push(blocker);
            }
            if o == outcome {
                for f in facts {
                    if !evidence_out.contains(&f) {
                        evidence_out.push(f);
                    }
                }
            }
        }
        if actionable {
            evidence_out = positive;
        }
        Verdict {
            number: n,
            actionable,
            outcome,
            score: round3(score.clamp(0.0, 1.0)),
            reasons,
            blockers,
            evidence: evidence_out,
            hardware,
            open_pull_requests: open_prs,
            related: Vec::new(),
            impact: round3(impact),
        }
    }

    /// What there is to go on, 0 when nothing: a reproduction, an error, code pointers, an
    /// invitation, a maintainer who agreed or confirmed, expected against actual behaviour.
    fn positive_evidence(
        &self,
        entry: &Entry,
        facts: &super::conversation::Facts,
        label_bits: u16,
        labelled: &dyn Fn(u16) -> String,
        notes: &mut Notes,
    ) -> f64 {
        let mut evidence = 0.0;
        let mut add = |notes: &mut Notes, weight: f64, text: &dyn Fn() -> String| {
            evidence += weight;
            if notes.explain {
                let t = text();
                notes.reasons.push(t.clone());
                notes.positive.push(t);
            }
        };
        if let Some(how) = facts.reproduction {
            add(notes, 0.3, &|| format!("has a reproduction ({how})"));
        }
        let errors = entry.errors();
        if let Some(e) = errors
            .iter()
            .find(|e| e.kind != ErrorKind::Message)
            .or(errors.first())
        {
            add(notes, 0.2, &|| {
                let name = self.errors.name(e.id);
                let signature = name.split('\u{1}').next().unwrap_or(name);
                format!(
                    "reports an error: `{}`",
                    ellipsize(signature.strip_prefix("msg: ").unwrap_or(signature), 120)
                )
            });
        }
        if self.has_code_pointers(entry) {
            add(notes, 0.25, &|| {
                format!("points at code: {}", self.code_pointers(entry).join(", "))
            });
        } else if facts.has(Signal::Diagnosed) {
            add(notes, 0.25, &|| {
                format!(
                    "points at the cause: {}",
                    said(facts, Signal::Diagnosed).join(", ")
                )
            });
        }
        if facts.has(Signal::Pinpointed) {
            add(notes, 0.2, &|| {
                format!(
                    "a maintainer points at the code ({})",
                    facts.said(Signal::Pinpointed).unwrap_or("")
                )
            });
        }
        if label_bits & L_HELP != 0 {
            add(notes, 0.2, &|| labelled(L_HELP));
        }
        if facts.has(Signal::MaintainerAgreed) {
            add(notes, 0.15, &|| {
                format!(
                    "a maintainer agreed on the change ({})",
                    facts.said(Signal::MaintainerAgreed).unwrap_or("")
                )
            });
        }
        if facts.has(Signal::Confirmed) {
            add(notes, 0.15, &|| {
                format!(
                    "a maintainer confirmed it ({})",
                    facts.said(Signal::Confirmed).unwrap_or("")
                )
            });
        }
        if facts.reproduced_by_others {
            add(notes, 0.1, &|| {
                "someone besides the reporter reproduced it".to_string()
            });
        }
        if facts.has(Signal::Hypothesis) {
            add(notes, 0.1, &|| {
                format!(
                    "the reporter has a lead on the cause ({})",
                    facts.said(Signal::Hypothesis).unwrap_or("")
                )
            });
        }
        if facts.has(Signal::ExpectedActual) {
            add(notes, 0.1, &|| {
                "says what it expected and what happened instead".to_string()
            });
        }
        evidence
    }

    /// Pull requests on the issue: an open one that says it fixes it claims it; a merged one
    /// that said so while the issue stayed open probably fixed it; others are reasons to read.
    fn pull_requests_on(&self, entry: &Entry, notes: &mut Notes) -> Vec<i64> {
        let n = entry.meta.number;
        let still_broken_at = entry.facts().still_broken_at;
        let mut claims = Vec::new();
        let mut seen: Vec<i64> = Vec::new();
        for link in self.links_of(n) {
            let source = link.source();
            if link.target() != n || seen.contains(&source) {
                continue;
            }
            let Some(pr_entry) = self.entry(source) else {
                continue;
            };
            let pr = &pr_entry.meta;
            if !pr.is_pull_request {
                continue;
            }
            seen.push(source);
            let flags: u8 = self
                .links_of(n)
                .iter()
                .filter(|l| l.source() == source && l.target() == n)
                .fold(0, |f, l| f | l.flags);
            let draft = if pr.draft() == Some(true) {
                "draft "
            } else {
                ""
            };
            let by = || {
                self.user_of(pr_entry)
                    .map(|u| format!(" by @{u}"))
                    .unwrap_or_default()
            };
            match (pr.state, flags & FIXES != 0) {
                (ThreadState::Open, true) => {
                    claims.push(source);
                    notes.block(Outcome::AlreadyFixedOrClaimed, || {
                        (
                            format!(
                                "open {draft}PR #{source}{} says it fixes #{n}: review and complete #{source} rather than start over",
                                by()
                            ),
                            vec![format!(
                                "open {draft}PR #{source}{}: \"{}\"",
                                by(),
                                pr_entry.phrase(n, FIXES).unwrap_or("fixes")
                            )],
                        )
                    });
                }
                // A tracking issue's items each get their pull request: one naming it
                // does not claim the whole.
                (ThreadState::Open, false) if flags & MENTION_BODY != 0 && entry.umbrella => {
                    notes.reason(|| {
                        format!(
                            "open {draft}PR #{source}{} works on an item of tracking issue #{n}: read it first",
                            by()
                        )
                    });
                }
                // One that names several issues and fixes none works beside them (a
                // test suite, a refactor that "would have caught" them).
                (ThreadState::Open, false)
                    if flags & MENTION_BODY != 0 && self.names_several(source) =>
                {
                    notes.reason(|| {
                        format!(
                            "open {draft}PR #{source}{} names #{n} among other issues and fixes none: read it first",
                            by()
                        )
                    });
                }
                (ThreadState::Open, false) if flags & MENTION_BODY != 0 => {
                    claims.push(source);
                    notes.block(Outcome::AlreadyFixedOrClaimed, || {
                        (
                            format!(
                                "open {draft}PR #{source}{} names #{n} in its description: review it first, it may be the fix",
                                by()
                            ),
                            vec![format!(
                                "open {draft}PR #{source}{}: \"{}\"",
                                by(),
                                ellipsize(&pr.title, 120)
                            )],
                        )
                    });
                }
                (ThreadState::Open, false) if flags & (MENTION_COMMENT | TIMELINE) != 0 => {
                    notes.reason(|| {
                        format!(
                            "open {draft}PR #{source}{} references #{n} without claiming to fix it: read it first",
                            by()
                        )
                    });
                }
                (ThreadState::Closed, true) if pr.merged() == Some(true) => {
                    let merged_at = pr.closed_at().unwrap_or(0);
                    if still_broken_at > merged_at {
                        notes.reason(|| {
                            format!(
                                "merged PR #{source} said it fixes #{n}, but someone says it still happens since"
                            )
                        });
                    } else {
                        notes.block(Outcome::AlreadyFixedOrClaimed, || {
                            (
                                format!("probably fixed by #{source}: verify and close"),
                                vec![format!(
                                    "merged PR #{source}{}: \"{}\"",
                                    by(),
                                    pr_entry.phrase(n, FIXES).unwrap_or("fixes")
                                )],
                            )
                        });
                    }
                }
                _ => {}
            }
        }
        // A pull request that does not name the issue, which the issue names as its fix
        // ("Opened a PR for this: #260"): open and newer than the issue, it claims it.
        if entry.facts().has(Signal::PrAnnounced) {
            for link in self.links_of(n) {
                let target = link.target();
                if link.source() != n || target == n || seen.contains(&target) {
                    continue;
                }
                let Some(pr_entry) = self.entry(target) else {
                    continue;
                };
                let pr = &pr_entry.meta;
                if !pr.is_pull_request
                    || pr.state != ThreadState::Open
                    || pr.created_at < entry.meta.created_at
                {
                    continue;
                }
                seen.push(target);
                claims.push(target);
                let by = self
                    .user_of(pr_entry)
                    .map(|u| format!(" by @{u}"))
                    .unwrap_or_default();
                notes.block(Outcome::AlreadyFixedOrClaimed, || {
                    let mut evidence = said(entry.facts(), Signal::PrAnnounced);
                    evidence.push(format!("open PR #{target}{by}: \"{}\"", ellipsize(&pr.title, 120)));
                    (
                        format!("the thread names open PR #{target}{by} as its fix: review and complete #{target} rather than start over"),
                        evidence,
                    )
                });
            }
        }
        claims.sort_unstable();
        claims
    }

    /// A merged pull request, opened after the issue, so like it that it probably fixed it
    /// without saying so (no closing keyword). Documentation changes do not count, nor does
    /// a pull request that says it fixes another issue and does not name this one: it says
    /// what it is for, and this is not it.
    fn unlinked_fix(&self, entry: &Entry, related: &[Related], notes: &mut Notes) {
        let issue = &entry.meta;
        let still_broken_at = entry.facts().still_broken_at;
        let linked = self.claiming_pull_requests(issue.number);
        let fix = related.iter().find(|r| {
            let Some(pr) = self.entry(r.number).map(|e| &e.meta) else {
                return false;
            };
            let title = pr.title.to_lowercase();
            let docs = title.starts_with("doc") || title.starts_with("readme");
            let outgoing = || {
                self.links_of(r.number)
                    .iter()
                    .filter(|l| l.flags != COCITED && l.source() == r.number)
            };
            let fixes_another = outgoing().any(|l| l.flags & FIXES != 0)
                && !outgoing().any(|l| l.target() == issue.number);
            pr.is_pull_request
                && pr.merged() == Some(true)
                && !docs
                && !fixes_another
                && !linked.contains(&r.number)
                && pr.created_at > issue.created_at
                && pr.closed_at().unwrap_or(0) >= still_broken_at
                && r.score >= FIX_SCORE
                && (r.text_similarity >= FIX_TEXT || r.title_similarity >= FIX_TITLE)
        });
        if let Some(r) = fix {
            let number = issue.number;
            notes.block(Outcome::AlreadyFixedOrClaimed, || {
                (
                    format!(
                        "probably fixed by #{}, merged after #{number} was opened though it does not link it: verify and close",
                        r.number
                    ),
                    vec![cited("merged PR", r, "")],
                )
            });
        }
    }

    /// A closed issue, opened earlier, with the same error or much the same text, that was
    /// answered rather than fixed (a support label, closed as not planned, a maintainer who
    /// put the cause elsewhere, or a reporter whom a maintainer's answer helped), and no pull
    /// request fixed: the answer is probably the same.
    fn answered_before(
        &self,
        entry: &Entry,
        related: &[Related],
        classes: &LabelClasses,
        notes: &mut Notes,
    ) {
        let issue = &entry.meta;
        let earlier = related.iter().find(|r| {
            let Some(other) = self.entry(r.number) else {
                return false;
            };
            let t = &other.meta;
            if t.is_pull_request
                || t.state != ThreadState::Closed
                || t.created_at >= issue.created_at
                || !self.claiming_pull_requests(r.number).is_empty()
            {
                return false;
            }
            let alike =
                r.kinds.contains(&RelationKind::SameError) || r.text_similarity >= ANSWERED_TEXT;
            // Closed threads keep only these words of their conversation.
            // Closed as not planned while it waited for the reporter is no answer: it was
            // closed for what nobody gave.
            let labels = classes.of_entry(other);
            let answered = labels & (L_SUPPORT | L_WONTFIX) != 0
                || (t.state_reason() == Some("not_planned") && labels & L_INFO == 0)
                || other.maintainer_said(
                    SAID_ENVIRONMENT | SAID_NOT_A_BUG | SAID_WONT_FIX | SAID_RESOLVED,
                );
            alike && answered
        });
        // The same question asked again: support, answered by pointing to the answer.
        if let Some(r) = earlier {
            notes.block(Outcome::EnvironmentOrSupport, || {
                (
                    format!(
                        "closed #{} asked the same and was answered without a change: point the reporter to its answer",
                        r.number
                    ),
                    vec![cited("closed", r, "")],
                )
            });
        }
    }

    /// An earlier open issue (not a tracking issue) reporting the same error, or much the same
    /// text (or title, or, when it is the closest thread of all, the same code named and a
    /// text fairly alike) when the two do not quote different errors: the work belongs there, and
    /// two agents on one bug waste one of them. Not an earlier one gone quiet (no activity
    /// since `stale_since`): the new report revives it and is the one to work on.
    fn open_before(
        &self,
        entry: &Entry,
        related: &[Related],
        stale_since: Option<i64>,
        same_error_only: bool,
        notes: &mut Notes,
    ) {
        let issue = &entry.meta;
        let quotes_error = !entry.errors().is_empty();
        let closest = related
            .iter()
            .find(|r| !r.is_pull_request)
            .map(|r| r.number);
        let earlier = related.iter().find(|r| {
            let Some(other) = self.entry(r.number) else {
                return false;
            };
            let t = &other.meta;
            !t.is_pull_request
                && t.state == ThreadState::Open
                && !other.umbrella
                && t.created_at < issue.created_at
                && stale_since.is_none_or(|since| other.last_activity >= since)
                && (r.kinds.contains(&RelationKind::SameError)
                    || (!same_error_only
                        && (r.text_similarity >= OPEN_TWIN_TEXT
                            || (r.title_similarity >= OPEN_TWIN_TITLE
                                && r.text_similarity >= OPEN_TWIN_TITLE_TEXT)
                            || (closest == Some(r.number)
                                && r.kinds.contains(&RelationKind::SameCode)
                                && r.text_similarity >= OPEN_TWIN_CODE_TEXT))
                        && (!quotes_error || other.errors().is_empty())))
        });
        if let Some(r) = earlier {
            notes.block(Outcome::Duplicate, || {
                (
                    format!(
                        "open #{} reported the same failure earlier: work there, or close one of the two as a duplicate",
                        r.number
                    ),
                    vec![cited("open", r, "")],
                )
            });
        }
    }

    /// Whether pull request `pr` names two threads or more in its description and says it
    /// fixes none of them.
    fn names_several(&self, pr: i64) -> bool {
        let mut named: Vec<i64> = Vec::new();
        for l in self.links_of(pr).iter().filter(|l| l.source() == pr) {
            if l.flags & FIXES != 0 {
                return false;
            }
            if l.flags & MENTION_BODY != 0 && !named.contains(&l.target()) {
                named.push(l.target());
            }
        }
        named.len() >= 2
    }

    /// An earlier closed issue with the same failure, fixed by a change merged before this
    /// report was opened, while this report is on a version no newer than the one that issue
    /// was reported on: the reporter runs a release without the fix.
    fn fixed_since(&self, entry: &Entry, related: &[Related], notes: &mut Notes) {
        let issue = &entry.meta;
        let Some(mine) = entry.version else {
            self.fixed_before(entry, related, notes);
            return;
        };
        let found = related.iter().find_map(|r| {
            let other = self.closed_before(r.number, issue.created_at)?;
            if !(r.kinds.contains(&RelationKind::SameError) || r.text_similarity >= ANSWERED_TEXT) {
                return None;
            }
            let fix = self.merged_fix_before(r.number, issue.created_at)?;
            // This report's version is one the fix was not in: no newer than the closed
            // one's, or older than the first release that lists the fix.
            let why = match (other.version, self.shipped_in(&[fix, r.number])) {
                (Some(theirs), _) if mine <= theirs => {
                    format!(" (reported on {})", super::version::show(theirs))
                }
                (_, Some(shipped)) if mine < shipped => {
                    format!(" (the fix shipped in {})", super::version::show(shipped))
                }
                _ => return None,
            };
            Some((r, why, format!("merged PR #{fix}")))
        });
        if let Some((r, why, fix)) = found {
            notes.block(Outcome::Duplicate, || {
                (
                    format!(
                        "the same failure as closed #{}, fixed ({fix}) before this report, which is on {}: ask the reporter to upgrade",
                        r.number,
                        super::version::show(mine)
                    ),
                    vec![
                        cited("closed", r, &why),
                        format!("{fix}, before #{} was opened", issue.number),
                        format!("#{} reports {}", issue.number, super::version::show(mine)),
                    ],
                )
            });
        }
    }

    /// Issue `number` when it was opened before `at` and closed, not as "not planned": one
    /// whose fix (or answer) a later report may be missing.
    fn closed_before(&self, number: i64, at: i64) -> Option<&Entry> {
        let other = self.entry(number)?;
        let t = &other.meta;
        (!t.is_pull_request
            && t.state == ThreadState::Closed
            && t.state_reason() != Some("not_planned")
            && t.created_at < at)
            .then_some(other)
    }

    /// A pull request merged before `at` that says it fixes `number`.
    fn merged_fix_before(&self, number: i64, at: i64) -> Option<i64> {
        self.claiming_pull_requests(number).into_iter().find(|&p| {
            self.entry(p).is_some_and(|e| {
                e.meta.merged() == Some(true) && e.meta.closed_at().is_some_and(|c| c < at)
            })
        })
    }

    /// A bare report that names no version, of the very error an earlier closed issue showed,
    /// in much the same words, which was fixed (a merged pull request, or a maintainer's
    /// "fixed in ...") before this one was opened: the reporter most likely runs a release
    /// without the fix, and if not it is a regression to confirm. Either way a maintainer asks
    /// for the version first. Not once a maintainer spoke, nor when the report says where
    /// the fault is or what causes it, nor on hardware of its own (a new GPU that shows an
    /// old error): that is a report of its own (regressions are common).
    fn fixed_before(&self, entry: &Entry, related: &[Related], notes: &mut Notes) {
        let issue = &entry.meta;
        let facts = entry.facts();
        if facts.maintainer_spoke
            || !facts.hardware.is_empty()
            || facts.has(Signal::Diagnosed)
            || facts.has(Signal::Hypothesis)
            || facts.has(Signal::Pinpointed)
        {
            return;
        }
        let mine = entry.errors();
        let found = related.iter().find_map(|r| {
            let other = self.closed_before(r.number, issue.created_at)?;
            if !r.kinds.contains(&RelationKind::SameError) || r.text_similarity < ANSWERED_TEXT {
                return None;
            }
            // The error they share says which failure it is, unless it names no place (a
            // crash, Go's bare panic): then only where the project's code raised it.
            let theirs = other.errors();
            let telling = mine.iter().any(|e| {
                theirs.iter().any(|o| o.id == e.id)
                    && (e.framed || !names_no_place(e.kind, self.errors.name(e.id)))
            });
            if !telling {
                return None;
            }
            let merged = self.merged_fix_before(r.number, issue.created_at);
            let fix = match merged {
                Some(p) => format!("merged PR #{p}"),
                None if other.maintainer_said(SAID_FIXED)
                    && other.meta.closed_at().is_some_and(|c| c < issue.created_at) =>
                {
                    "a maintainer said so".to_string()
                }
                None => return None,
            };
            Some((r, fix))
        });
        if let Some((r, fix)) = found {
            notes.block(Outcome::Duplicate, || {
                (
                    format!(
                        "the same error as closed #{}, fixed ({fix}) before this report, which names no version: ask which version it runs (an older one: upgrade; a newer one: a regression)",
                        r.number
                    ),
                    vec![
                        cited("closed", r, ""),
                        format!("{fix}, before #{} was opened", issue.number),
                    ],
                )
            });
        }
    }

    /// The oldest release that lists any of `numbers` (a thread titled as a release, with a
    /// version, that links it).
    fn shipped_in(&self, numbers: &[i64]) -> Option<super::version::Version> {
        numbers
            .iter()
            .flat_map(|&n| self.links_to(n).map(|l| l.source()))
            .filter_map(|s| super::version::of_release(&self.entry(s)?.meta.title))
            .min()
    }

    /// The pull requests that say they fix issue `number` (open, merged or closed), by number.
    pub fn claiming_pull_requests(&self, number: i64) -> Vec<i64> {
        let mut out: Vec<i64> = self
            .links_to(number)
            .filter(|l| l.flags & FIXES != 0)
            .map(|l| l.source())
            .filter(|&s| self.is_pull_request(s) == Some(true))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// A thread this one says it duplicates ("duplicate of #M", in its body or a comment).
    fn duplicate_of(&self, entry: &Entry, notes: &mut Notes) {
        let n = entry.meta.number;
        let Some(link) = self
            .links_of(n)
            .iter()
            .find(|l| l.source() == n && l.flags & DUPLICATE != 0)
        else {
            return;
        };
        let target = link.target();
        notes.block(Outcome::Duplicate, || {
            let state = match self.entry(target).map(|e| &e.meta) {
                Some(t) if t.state == ThreadState::Closed => {
                    format!(" (closed: \"{}\")", ellipsize(&t.title, 80))
                }
                Some(t) => format!(" (open: \"{}\")", ellipsize(&t.title, 80)),
                None => String::new(),
            };
            (
                format!("a duplicate of #{target}{state}: follow up there"),
                vec![format!(
                    "\"{}\"",
                    entry
                        .phrase(target, DUPLICATE)
                        .map_or_else(|| format!("duplicate of #{target}"), str::to_string)
                )],
            )
        });
    }

    /// Reactions, "+1" comments, participants and priority labels, on a log scale.
    fn impact(
        &self,
        entry: &Entry,
        priority: bool,
        notes: &mut Notes,
        labelled: &dyn Fn(u16) -> String,
    ) -> f64 {
        let thread = &entry.meta;
        let r = thread.reactions();
        let reactions = r.plus_one + r.heart + r.rocket + r.hooray + r.eyes + r.confused;
        let me_too = i64::from(entry.facts().me_too);
        let people = i64::from(entry.facts().participants);
        // Other threads marked duplicates of this one: each is someone else who hit it.
        let n = thread.number;
        let mut duplicates: Vec<i64> = self
            .links_to(n)
            .filter(|l| l.flags & DUPLICATE != 0)
            .map(|l| l.source())
            .collect();
        duplicates.sort_unstable();
        duplicates.dedup();
        let dups = duplicates.len();
        let mut value = (1.0 + reactions.max(0) as f64).ln()
            + 0.7 * (1.0 + me_too as f64).ln()
            + 0.7 * (1.0 + dups as f64).ln()
            + 0.3 * (1.0 + people as f64).ln();
        if priority {
            value += 1.5;
        }
        notes.reason(|| {
            let mut parts = Vec::new();
            if reactions > 0 {
                let s = if reactions == 1 { "" } else { "s" };
                parts.push(format!("{reactions} reaction{s}"));
            }
            if me_too > 0 {
                let s = if me_too == 1 { "" } else { "s" };
                parts.push(format!("{me_too} \"+1\"/\"same here\" comment{s}"));
            }
            if dups > 0 {
                parts.push(if dups == 1 {
                    "1 duplicate points at it".to_string()
                } else {
                    format!("{dups} duplicates point at it")
                });
            }
            if priority {
                parts.push(labelled(L_PRIORITY));
            }
            if parts.is_empty() {
                String::new()
            } else {
                format!("impact: {}", parts.join(", "))
            }
        });
        if notes.reasons.last().is_some_and(String::is_empty) {
            notes.reasons.pop();
        }
        value
    }

    /// Whether the issue names a path in the repository or an identifier (once the code is
    /// mirrored: a file the tree has, a name the project defines; stale pointers do not count).
    fn has_code_pointers(&self, entry: &Entry) -> bool {
        entry.code().iter().any(|f| {
            let key = self.code.name(f.id);
            key.strip_prefix("p:")
                .is_some_and(|p| p.contains('/') && self.project.has_file(p))
                || key.starts_with("i:")
        })
    }

    /// Paths and identifiers worth naming, most specific first (few, for a reason line).
    fn code_pointers(&self, entry: &Entry) -> Vec<String> {
        let mut paths: Vec<String> = Vec::new();
        let mut idents: Vec<String> = Vec::new();
        for f in entry.code() {
            let key = self.code.name(f.id);
            if let Some(p) = key.strip_prefix("p:") {
                if p.contains('/') && paths.len() < 3 {
                    if self.project.has_file(p) {
                        paths.push(format!("`{p}`"));
                    } else {
                        paths.push(format!("`{p}` (stale: not in the tree)"));
                    }
                }
            } else if key.starts_with("i:") && idents.len() < 3 {
                idents.push(format!("`{}`", self.code_name(f.id)));
            }
        }
        paths.extend(idents);
        paths.truncate(5);
        paths
    }
}

/// The words behind a signal, as evidence.
/// A related thread as evidence: `closed #12 "its title"{after}: its two strongest reasons`.
fn cited(state: &str, r: &Related, after: &str) -> String {
    format!(
        "{state} #{} \"{}\"{after}: {}",
        r.number,
        ellipsize(&r.title, 120),
        r.reasons
            .iter()
            .take(2)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    )
}

fn said(facts: &super::conversation::Facts, signal: Signal) -> Vec<String> {
    facts.said(signal).map(str::to_string).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_mean_the_same_in_the_ways_people_write_them() {
        assert!(label_means("question", "question"));
        assert!(label_means("Type: Question", "question"));
        assert!(label_means("kind/feature", "feature"));
        assert!(label_means("issue::bug", "bug"));
        assert!(label_means("needs-info", "needs info"));
        assert!(label_means("waiting_for_info", "waiting for info"));
        assert!(label_means("❓ question", "question"));
        assert!(!label_means("questionable", "question"));
        assert!(!label_means("area/cli", "question"));
        assert!(!label_means("anything", ""));
    }

    #[test]
    fn outcomes_round_trip_their_names() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
            assert_eq!(
                serde_json::to_value(o).ok(),
                Some(serde_json::Value::String(o.as_str().into()))
            );
        }
    }
}
