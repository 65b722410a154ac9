//! Whether an agent can take an issue on, and why (not): the signals a maintainer reads before
//! handing an issue to someone new (a reproduction, an error, code pointers, a bounded scope,
//! the hardware it needs, a pull request already on it, a proposal to close, a reporter who
//! has not answered, staleness) and the impact that decides which of the doable ones goes
//! first.

use serde::{Deserialize, Serialize};

use super::conversation::{DESIGN_TITLE, TRACKING_TITLE};
use super::index::{Entry, FIXES, MENTION_BODY, MENTION_COMMENT, RepoIndex, TIMELINE};
use super::related::RelatedQuery;
use super::signals::ErrorKind;
use super::{AnalysisError, ellipsize, round3};
pub use crate::config::triage::TriageConfig;
use crate::store::ThreadState;

/// The main reason for a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    Actionable,
    /// A pull request already claims to fix it.
    OpenPr,
    /// A maintainer proposed closing it.
    CloseProposed,
    /// An open design question or proposal.
    Design,
    /// A tracking (umbrella) issue.
    Tracking,
    /// Needs hardware the agent lacks.
    Hardware,
    /// Waiting for the reporter, or too little to go on.
    NeedsInfo,
    /// A closed issue or a pull request.
    NotAnOpenIssue,
}

impl VerdictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            VerdictKind::Actionable => "actionable",
            VerdictKind::OpenPr => "open_pr",
            VerdictKind::CloseProposed => "close_proposed",
            VerdictKind::Design => "design",
            VerdictKind::Tracking => "tracking",
            VerdictKind::Hardware => "hardware",
            VerdictKind::NeedsInfo => "needs_info",
            VerdictKind::NotAnOpenIssue => "not_an_open_issue",
        }
    }
}

/// The verdict on one issue. Serialises to the `triage N --json` shape of the contract, with
/// `verdict` and `impact` added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub number: i64,
    pub actionable: bool,
    /// 0..1: how good a candidate for an agent (evidence, impact, freshness).
    pub score: f64,
    pub reasons: Vec<String>,
    pub blockers: Vec<String>,
    pub hardware: Vec<String>,
    /// Open pull requests that say they fix it: review and complete them rather than start over.
    pub open_pull_requests: Vec<i64>,
    pub related: Vec<i64>,
    pub verdict: VerdictKind,
    /// Reactions, "+1"s, participants and priority labels, on a log scale.
    pub impact: f64,
}

const RELATED_IN_VERDICT: usize = 5;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

impl RepoIndex {
    /// The verdict on issue `number`, as of `now` (milliseconds since the epoch).
    pub fn triage(
        &self,
        number: i64,
        config: &TriageConfig,
        now: i64,
    ) -> Result<Verdict, AnalysisError> {
        let entry = self.entry(number).ok_or_else(|| self.unknown(number))?;
        let mut verdict = self.assess(entry, config, now);
        verdict.related = self
            .related(
                number,
                &RelatedQuery {
                    limit: RELATED_IN_VERDICT,
                    ..RelatedQuery::default()
                },
            )?
            .into_iter()
            .map(|r| r.number)
            .collect();
        Ok(verdict)
    }

    /// The open issues ranked as candidates for an agent: actionable first, then by impact.
    /// `thread(v.number)` gives each one's thread.
    pub fn candidates(&self, config: &TriageConfig, now: i64, limit: usize) -> Vec<Verdict> {
        let mut verdicts: Vec<Verdict> = self
            .entries()
            .filter(|e| !e.meta.is_pull_request && e.meta.state == ThreadState::Open)
            .map(|e| self.assess(e, config, now))
            .collect();
        verdicts.sort_by(|a, b| {
            b.actionable
                .cmp(&a.actionable)
                .then(b.impact.total_cmp(&a.impact))
                .then(b.score.total_cmp(&a.score))
                .then(b.number.cmp(&a.number))
        });
        verdicts.truncate(limit);
        for v in &mut verdicts {
            v.related = self.related_brief(v.number, RELATED_IN_VERDICT);
        }
        verdicts
    }

    fn assess(&self, entry: &Entry, config: &TriageConfig, now: i64) -> Verdict {
        let thread = &entry.meta;
        let n = thread.number;
        let mut reasons = Vec::new();
        let mut blockers: Vec<(VerdictKind, String)> = Vec::new();
        let impact = impact(entry, &self.labels_of(entry), config, &mut reasons);

        if thread.is_pull_request {
            blockers.push((
                VerdictKind::NotAnOpenIssue,
                format!("#{n} is a pull request, not an issue: review it instead"),
            ));
        } else if thread.state == ThreadState::Closed {
            let why = match thread.state_reason() {
                Some("not_planned") => " as not planned",
                Some("duplicate") => " as a duplicate",
                Some("completed") => " as completed",
                _ => "",
            };
            blockers.push((VerdictKind::NotAnOpenIssue, format!("#{n} is closed{why}")));
        }

        let open_prs = self.pull_requests_on(entry, &mut reasons, &mut blockers);

        let facts = entry.facts();
        let labels = self.labels_of(entry);
        let labels_lower: Vec<String> = labels.iter().map(|l| l.to_lowercase()).collect();
        let has_label = |wanted: &[String]| -> Vec<String> {
            labels
                .iter()
                .zip(&labels_lower)
                .filter(|(_, l)| wanted.iter().any(|w| w.to_lowercase() == **l))
                .map(|(orig, _)| orig.to_string())
                .collect()
        };

        // A maintainer proposed closing.
        let close_labels = has_label(&config.close_labels);
        if !close_labels.is_empty() {
            blockers.push((
                VerdictKind::CloseProposed,
                format!(
                    "labelled {}: a maintainer proposed closing it",
                    close_labels.join(", ")
                ),
            ));
        }
        if let Some(c) = &facts.close_proposal {
            blockers.push((
                VerdictKind::CloseProposed,
                format!(
                    "a maintainer proposed closing it ({}: \"{}\")",
                    c.user.as_deref().unwrap_or("maintainer"),
                    ellipsize(&c.phrase, 100)
                ),
            ));
        }

        // An open question rather than a task.
        let design_labels = has_label(&config.design_labels);
        let mut design = if design_labels.is_empty() { 0.0 } else { 1.0 };
        let mut design_why: Vec<String> = Vec::new();
        if !design_labels.is_empty() {
            design_why.push(format!("labelled {}", design_labels.join(", ")));
        }
        if DESIGN_TITLE.is_match(&thread.title) {
            design += 0.8;
            design_why.push("the title is a proposal or a question".to_string());
        }
        if !facts.design_phrases.is_empty() {
            design += 0.4 * facts.design_phrases.len().min(2) as f64;
            design_why.push(format!("it asks \"{}\"", facts.design_phrases[0]));
        }
        if facts.decision_open {
            design += 0.4;
            design_why.push("a maintainer keeps the decision open".to_string());
        }
        if facts.maintainer_agreed && design_labels.is_empty() {
            design -= 0.6;
        }
        if design >= 0.8 {
            blockers.push((
                VerdictKind::Design,
                format!(
                    "open design question ({}): needs a maintainer decision first",
                    design_why.join("; ")
                ),
            ));
        }

        // Tracking issues are lists of other work.
        let tracking_labels = has_label(&config.tracking_labels);
        if !tracking_labels.is_empty()
            || TRACKING_TITLE.is_match(&thread.title)
            || facts.task_refs >= 5
        {
            blockers.push((
                VerdictKind::Tracking,
                "tracking issue: it lists other issues rather than describing one change"
                    .to_string(),
            ));
        }

        // Hardware.
        let hardware: Vec<String> = facts.hardware.iter().map(|h| h.to_string()).collect();
        if !hardware.is_empty() {
            blockers.push((
                VerdictKind::Hardware,
                format!("needs hardware the agent lacks: {}", hardware.join(", ")),
            ));
        }

        // Waiting for the reporter, or nothing to go on.
        let info_labels = has_label(&config.info_labels);
        if !info_labels.is_empty() {
            blockers.push((
                VerdictKind::NeedsInfo,
                format!(
                    "labelled {}: waiting for the reporter",
                    info_labels.join(", ")
                ),
            ));
        } else if let Some(c) = &facts.info_request {
            blockers.push((
                VerdictKind::NeedsInfo,
                format!(
                    "waiting for the reporter: {} asked \"{}\" and got no answer",
                    c.user.as_deref().unwrap_or("a maintainer"),
                    ellipsize(&c.phrase, 100)
                ),
            ));
        }

        // Positive evidence.
        let mut evidence = 0.0;
        if let Some(how) = &facts.reproduction {
            evidence += 0.3;
            reasons.push(format!("has a reproduction ({how})"));
        }
        let errors = entry.errors();
        if let Some(e) = errors
            .iter()
            .find(|e| e.kind != ErrorKind::Message)
            .or(errors.first())
        {
            evidence += 0.2;
            let name = self.errors.name(e.id);
            let signature = name.split('\u{1}').next().unwrap_or(name);
            reasons.push(format!(
                "reports an error: `{}`",
                ellipsize(signature.strip_prefix("msg: ").unwrap_or(signature), 120)
            ));
        }
        let pointers = self.code_pointers(entry);
        if !pointers.is_empty() {
            evidence += 0.25;
            reasons.push(format!("points at code: {}", pointers.join(", ")));
        }
        let help = has_label(&config.help_labels);
        if !help.is_empty() {
            evidence += 0.2;
            reasons.push(format!("labelled {}", help.join(", ")));
        }
        if facts.maintainer_agreed {
            evidence += 0.15;
            reasons.push("a maintainer agreed on the approach".to_string());
        }
        if evidence == 0.0 && blockers.is_empty() {
            blockers.push((
                VerdictKind::NeedsInfo,
                "no reproduction, error or code pointer: unclear what to change".to_string(),
            ));
        }
        if facts.no_description {
            blockers.push((
                VerdictKind::NeedsInfo,
                "the issue has (almost) no description".to_string(),
            ));
        }

        let idle_days = (now - entry.last_activity).max(0) / DAY_MS;
        let stale = config.stale_after_days > 0 && idle_days >= config.stale_after_days;
        if stale {
            reasons.push(format!("stale: no activity for {idle_days} days"));
        }

        let kind = blockers
            .iter()
            .map(|b| b.0)
            .min_by_key(|k| priority(*k))
            .unwrap_or(VerdictKind::Actionable);
        let actionable = kind == VerdictKind::Actionable;
        let impact_share = impact / (impact + 3.0);
        let mut score = 0.65 * f64::min(evidence, 1.0) + 0.35 * impact_share;
        if stale {
            score -= 0.1;
        }
        if !actionable {
            score *= 0.4;
        }
        if actionable {
            reasons.insert(
                0,
                "actionable: a bounded change with enough to go on, no blocker found".to_string(),
            );
        }
        let mut blocker_texts: Vec<String> = Vec::new();
        let mut ordered = blockers;
        ordered.sort_by_key(|b| priority(b.0));
        for (_, b) in ordered {
            if !blocker_texts.contains(&b) {
                blocker_texts.push(b);
            }
        }
        Verdict {
            number: n,
            actionable,
            score: round3(score.clamp(0.0, 1.0)),
            reasons,
            blockers: blocker_texts,
            hardware,
            open_pull_requests: open_prs,
            related: Vec::new(),
            verdict: kind,
            impact: round3(impact),
        }
    }

    /// Open pull requests that claim a fix, and what the others linking here say.
    fn pull_requests_on(
        &self,
        entry: &Entry,
        reasons: &mut Vec<String>,
        blockers: &mut Vec<(VerdictKind, String)>,
    ) -> Vec<i64> {
        let n = entry.meta.number;
        let mut claims = Vec::new();
        let mut seen = Vec::new();
        for link in self.links_of(n) {
            if link.target() != n || seen.contains(&link.source()) {
                continue;
            }
            let Some(pr) = self.thread(link.source()) else {
                continue;
            };
            if !pr.is_pull_request {
                continue;
            }
            let flags: u8 = self
                .links_of(n)
                .iter()
                .filter(|l| l.source() == link.source() && l.target() == n)
                .fold(0, |f, l| f | l.flags);
            seen.push(link.source());
            let draft = if pr.draft == Some(true) { "draft " } else { "" };
            match (pr.state, flags & FIXES != 0) {
                (ThreadState::Open, true) => {
                    claims.push(pr.number);
                    blockers.push((
                        VerdictKind::OpenPr,
                        format!(
                            "open {draft}PR #{} says it fixes #{n}: review and complete it rather than start over",
                            pr.number
                        ),
                    ));
                }
                (ThreadState::Open, false)
                    if flags & (MENTION_BODY | MENTION_COMMENT | TIMELINE) != 0 =>
                {
                    reasons.push(format!(
                        "open {draft}PR #{} references #{n} without claiming to fix it: read it first",
                        pr.number
                    ));
                }
                (ThreadState::Closed, true) if pr.merged == Some(true) => {
                    reasons.push(format!(
                        "merged PR #{} said it fixes #{n}: check whether the problem remains",
                        pr.number
                    ));
                }
                _ => {}
            }
        }
        claims.sort_unstable();
        claims
    }
}

/// Which blocker names the verdict when there are several: the most final first.
fn priority(kind: VerdictKind) -> u8 {
    match kind {
        VerdictKind::NotAnOpenIssue => 0,
        VerdictKind::OpenPr => 1,
        VerdictKind::CloseProposed => 2,
        VerdictKind::Design => 3,
        VerdictKind::Tracking => 4,
        VerdictKind::Hardware => 5,
        VerdictKind::NeedsInfo => 6,
        VerdictKind::Actionable => 7,
    }
}

/// Reactions, "+1" comments, participants and priority labels, on a log scale.
fn impact(entry: &Entry, labels: &[&str], config: &TriageConfig, reasons: &mut Vec<String>) -> f64 {
    let thread = &entry.meta;
    let r = thread.reactions();
    let reactions = r.plus_one + r.heart + r.rocket + r.hooray + r.eyes + r.confused;
    let me_too = i64::from(entry.facts().me_too);
    let people = i64::from(entry.facts().participants);
    let priority: Vec<&&str> = labels
        .iter()
        .filter(|l| {
            config
                .priority_labels
                .iter()
                .any(|p| p.eq_ignore_ascii_case(l))
        })
        .collect();
    let mut value = (1.0 + reactions.max(0) as f64).ln()
        + 0.7 * (1.0 + me_too as f64).ln()
        + 0.3 * (1.0 + people as f64).ln();
    if !priority.is_empty() {
        value += 1.5;
    }
    let mut parts = Vec::new();
    if reactions > 0 {
        parts.push(format!("{reactions} reactions"));
    }
    if me_too > 0 {
        parts.push(format!("{me_too} \"+1\"/\"same here\" comments"));
    }
    if !priority.is_empty() {
        parts.push(format!(
            "labelled {}",
            priority
                .iter()
                .map(|s| -> &str { s })
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !parts.is_empty() {
        reasons.push(format!("impact: {}", parts.join(", ")));
    }
    value
}

impl RepoIndex {
    /// Paths and identifiers worth naming, most specific first (few, for a reason line).
    fn code_pointers(&self, entry: &Entry) -> Vec<String> {
        let mut paths: Vec<String> = Vec::new();
        let mut idents: Vec<String> = Vec::new();
        for f in entry.code() {
            let key = self.code.name(f.id);
            if let Some(p) = key.strip_prefix("p:") {
                if p.contains('/') && paths.len() < 3 {
                    paths.push(p.to_string());
                }
            } else if key.starts_with("i:") && idents.len() < 3 {
                idents.push(self.code_name(f.id).to_string());
            }
        }
        paths.extend(idents);
        paths.truncate(5);
        paths
    }
}
