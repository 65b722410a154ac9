//! The maintenance sweep: open issues that can probably be closed, each with the evidence a
//! maintainer checks in one click. Precision before recall: an issue is proposed only on
//! what the tracker says plainly (a merged pull request, a maintainer's word, an unanswered
//! request, a version below the supported one), never on a similarity alone, and never while
//! an open pull request claims it or someone says it still happens.

use serde::{Deserialize, Serialize};

use super::conversation::Signal;
use super::index::{DUPLICATE, Entry, FIXES, MAINTAINER_SAID, RepoIndex};
use super::triage::{
    L_CLOSE, L_HELP, L_INFO, L_PRIORITY, L_SUPPORT, L_TRACKING, L_WONTFIX, LabelClasses,
};
use super::version::{self, Version};
use super::{TriageConfig, ellipsize};
use crate::store::ThreadState;

/// A maintainer's request that the reporter try a newer version ("Can you try 2.x?",
/// "Could you upgrade and tell us if it persists?").
static ASKED_TO_UPGRADE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::text::regex(
        r"(?i)\bupgrad|\bupdate to\b|\btry (?:it )?(?:on |with )?(?:the )?(?:latest|newest|a newer|a recent|main\b|v?\d+\.(?:\d+|x)\b)|\b(?:newer|latest|current) (?:version|release)\b",
    )
});

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Why an issue can probably be closed (CONTRACT.md's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SweepReason {
    FixedByMergedPr,
    DuplicateOfClosed,
    StaleNeedsInfo,
    OldVersion,
    Answered,
}

impl SweepReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SweepReason::FixedByMergedPr => "fixed_by_merged_pr",
            SweepReason::DuplicateOfClosed => "duplicate_of_closed",
            SweepReason::StaleNeedsInfo => "stale_needs_info",
            SweepReason::OldVersion => "old_version",
            SweepReason::Answered => "answered",
        }
    }

    /// GitHub's `state_reason` for closing an issue for this reason.
    pub fn state_reason(self) -> &'static str {
        match self {
            SweepReason::FixedByMergedPr | SweepReason::Answered => "completed",
            SweepReason::DuplicateOfClosed => "duplicate",
            SweepReason::StaleNeedsInfo | SweepReason::OldVersion => "not_planned",
        }
    }
}

/// The settings of one sweep.
#[derive(Debug, Clone, Default)]
pub struct SweepSettings {
    /// The oldest supported version, when the repository names one.
    pub min_version: Option<Version>,
    /// Days an unanswered request for information waits (the triage's `stale_after_days`
    /// when 0).
    pub stale_after_days: i64,
    /// Days a maintainer's answer stands with nobody speaking before it is proposed.
    pub answered_after_days: i64,
}

impl SweepSettings {
    /// A repository's `[sweep]` table (the triage's `stale_after_days` for unanswered
    /// requests).
    pub fn of(config: &crate::config::repo::SweepConfig) -> SweepSettings {
        SweepSettings {
            min_version: config.min_version(),
            stale_after_days: 0,
            answered_after_days: config.answered_after_days,
        }
    }
}

/// One issue the sweep proposes to close.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub number: i64,
    pub title: String,
    pub reason: SweepReason,
    /// Facts a maintainer can check in one click (who said what, which pull request).
    pub evidence: Vec<String>,
    /// The threads the evidence points at (the fix, the original, ...).
    pub related: Vec<i64>,
    /// What the drafted comment needs: the thread it points the reporter to.
    #[serde(skip)]
    pub points_to: Option<i64>,
    /// Days since anyone spoke.
    #[serde(skip)]
    pub idle_days: i64,
    /// The version the report is on, for `old_version`.
    #[serde(skip)]
    pub version: Option<String>,
}

impl Proposal {
    /// The closing comment drafted for the reporter (`min_version`: the repository's).
    pub fn drafted_comment(&self, min_version: Option<&str>) -> String {
        crate::messages::sweep_comment(
            self.reason.as_str(),
            self.points_to,
            self.idle_days,
            self.version.as_deref(),
            min_version,
        )
    }

    /// The proposal as the sweep's reply lists it.
    pub fn line(&self) -> crate::messages::SweepLine<'_> {
        crate::messages::SweepLine {
            number: self.number,
            title: &self.title,
            reason: self.reason.as_str(),
            evidence: &self.evidence,
        }
    }
}

impl RepoIndex {
    /// The dispatcher's picks: the `top` best candidates that are ready for an agent and not
    /// stale, ranked as the candidate list ranks them, with the candidate list itself (for
    /// saying what the rest are when fewer are ready).
    pub fn plan(
        &self,
        config: &TriageConfig,
        now: i64,
        top: usize,
    ) -> (Vec<super::Verdict>, super::Candidates) {
        // A few more than asked: a stale one gives way to the next.
        let candidates = self.candidates(config, now, top.saturating_mul(2).max(top + 5), false);
        let picks = candidates
            .verdicts
            .iter()
            .filter(|v| v.actionable && !v.is_stale())
            .take(top)
            .cloned()
            .collect();
        (picks, candidates)
    }

    /// How many open issues the index holds.
    pub fn open_issues(&self) -> usize {
        self.entries()
            .filter(|e| !e.meta.is_pull_request && e.meta.state == ThreadState::Open)
            .count()
    }

    /// The open issues that can probably be closed, by number.
    pub fn sweep(
        &self,
        config: &TriageConfig,
        settings: &SweepSettings,
        now: i64,
    ) -> Vec<Proposal> {
        let classes = LabelClasses::of(self, config);
        let mut out: Vec<Proposal> = self
            .entries()
            .filter(|e| !e.meta.is_pull_request && e.meta.state == ThreadState::Open)
            .filter_map(|e| self.propose(e, &classes, config, settings, now))
            .collect();
        out.sort_by_key(|p| p.number);
        out
    }

    fn propose(
        &self,
        entry: &Entry,
        classes: &LabelClasses,
        config: &TriageConfig,
        settings: &SweepSettings,
        now: i64,
    ) -> Option<Proposal> {
        let n = entry.meta.number;
        let facts = entry.facts();
        let labels = classes.of_entry(entry);
        let idle_days = (now - entry.last_activity).max(0) / DAY_MS;
        // Work under way, or someone who says it still happens: keep it open.
        let open_claim = self.links_to(n).any(|l| {
            self.entry(l.source())
                .is_some_and(|e| e.meta.is_pull_request && e.meta.state == ThreadState::Open)
        });
        if open_claim {
            return None;
        }
        let proposal = |reason, evidence: Vec<String>, related: Vec<i64>| Proposal {
            number: n,
            title: entry.meta.title.to_string(),
            reason,
            evidence,
            points_to: related.first().copied(),
            related,
            idle_days,
            version: entry.version.map(version::show),
        };
        let still_broken_at = facts.still_broken_at;

        // Fixed: a merged pull request says it fixes it, and nobody said it still happens
        // after the merge; or a maintainer says it is fixed and nobody contradicted them.
        // Not when a maintainer keeps it open on purpose (the fix went to a release branch
        // and waits to be ported): a request to keep it open "in case the reporter comes
        // back" does not outlast the wait, the fix does.
        let kept_open = facts.has(Signal::KeptOpen);
        let merged: Vec<&Entry> = self
            .claiming_pull_requests(n)
            .into_iter()
            .filter_map(|p| self.entry(p))
            .filter(|p| {
                p.meta.merged() == Some(true)
                    && p.meta.closed_at().is_some_and(|at| at > still_broken_at)
            })
            .collect();
        if !kept_open && let Some(pr) = merged.first() {
            let p = pr.meta.number;
            return Some(proposal(
                SweepReason::FixedByMergedPr,
                vec![format!(
                    "merged PR #{p} \"{}\" says \"{}\"",
                    ellipsize(&pr.meta.title, 100),
                    pr.phrase(n, FIXES).unwrap_or("fixes it")
                )],
                vec![p],
            ));
        }
        // A duplicate of a closed issue, said in the thread.
        if let Some(link) = self
            .links_of(n)
            .iter()
            .find(|l| l.source() == n && l.flags & DUPLICATE != 0)
            && entry
                .phrase(link.target(), DUPLICATE)
                // "Duplicate of #7" from anyone; "same thing as #7" from a maintainer.
                .is_some_and(|p| p.starts_with(MAINTAINER_SAID) || p.to_lowercase().contains("dup"))
            && let Some(target) = self.entry(link.target())
            && target.meta.state == ThreadState::Closed
            && !target.meta.is_pull_request
        {
            let t = target.meta.number;
            return Some(proposal(
                SweepReason::DuplicateOfClosed,
                vec![
                    format!(
                        "#{n} says \"{}\"",
                        entry.phrase(t, DUPLICATE).unwrap_or("duplicate")
                    ),
                    format!("#{t} \"{}\" is closed", ellipsize(&target.meta.title, 100)),
                ],
                vec![t],
            ));
        }

        // A merged fix settles even an issue labelled urgent or inviting help; the rest
        // below does not.
        if labels & (L_PRIORITY | L_HELP) != 0 {
            return None;
        }
        if facts.has(Signal::MaintainerSaidFixed) && !kept_open {
            let said = facts.said(Signal::MaintainerSaidFixed).unwrap_or("");
            let mentioned: Vec<i64> = self
                .links_to(n)
                .map(|l| l.source())
                .chain(
                    self.links_of(n)
                        .iter()
                        .filter(|l| l.source() == n)
                        .map(|l| l.target()),
                )
                .filter(|&m| {
                    self.entry(m)
                        .is_some_and(|e| e.meta.is_pull_request && e.meta.merged() == Some(true))
                        && said.contains(&format!("#{m}"))
                })
                .collect();
            return Some(proposal(
                SweepReason::FixedByMergedPr,
                vec![said.to_string()],
                mentioned,
            ));
        }

        // The decisions below wait for someone who is not coming back: not while a
        // maintainer keeps it (confirmed it, agreed on a change, keeps a decision open), and
        // never for a tracking issue, which is nobody's question.
        if entry.umbrella
            || labels & L_TRACKING != 0
            || facts.has(Signal::Confirmed)
            || facts.has(Signal::MaintainerAgreed)
            || facts.has(Signal::DecisionOpen)
            || labels & L_WONTFIX != 0
        {
            return None;
        }

        // Reported on a version no longer supported, nobody said they see it on a newer
        // one, and no maintainer engaged with it beyond asking the reporter: a maintainer
        // who looked at it and kept it (a pointer, a plan) thinks it is still there.
        let old_version = if let (Some(min), Some(v)) = (settings.min_version, entry.version)
            && v < min
            && facts.newest_version.is_none_or(|n| n < min)
            && idle_days >= settings.answered_after_days.max(30)
            && still_broken_at == 0
            && (!facts.maintainer_spoke || facts.waiting_on_reporter)
            && !facts.has(Signal::Pinpointed)
        {
            Some(proposal(
                SweepReason::OldVersion,
                vec![
                    format!(
                        "#{n} reports version {}, older than the oldest supported, {}",
                        version::show(v),
                        version::show(min)
                    ),
                    format!(
                        "nobody confirmed it on a supported version; no activity for {idle_days} days"
                    ),
                ],
                Vec::new(),
            ))
        } else {
            None
        };

        // Information asked for and never given.
        let stale_days = if settings.stale_after_days > 0 {
            settings.stale_after_days
        } else {
            config.stale_after_days
        };
        // Not while it waits for a machine a maintainer lacks rather than for the reporter.
        if stale_days > 0
            && idle_days >= stale_days
            && !facts.has(Signal::MaintainerLacks)
            && (facts.asked_reporter() || labels & L_INFO != 0)
        {
            // Asked to upgrade from a version no longer supported: that version is the
            // reason.
            if old_version.is_some()
                && facts
                    .said(Signal::InfoRequested)
                    .is_some_and(|s| ASKED_TO_UPGRADE.is_match(s))
            {
                return old_version;
            }
            let mut evidence: Vec<String> = facts
                .said(Signal::InfoRequested)
                .map(|s| format!("asked: {s}"))
                .into_iter()
                .collect();
            if labels & L_INFO != 0 {
                evidence.push(format!(
                    "labelled {}",
                    self.labels_named(entry, classes, L_INFO)
                ));
            }
            evidence.push(format!(
                "no answer from the reporter; no activity for {idle_days} days"
            ));
            return Some(proposal(SweepReason::StaleNeedsInfo, evidence, Vec::new()));
        }

        // Answered, and nobody came back: a question in words, or one by its label.
        let answer = if facts.has(Signal::Answered)
            && (facts.has(Signal::Question)
                || facts.has(Signal::SetupFailure)
                || labels & (L_SUPPORT | L_CLOSE) != 0)
        {
            Some(facts.said(Signal::Answered).unwrap_or(""))
        } else if labels & L_SUPPORT != 0 {
            facts.answer_given.as_deref()
        } else {
            None
        };
        // Not an answer its maintainer could not check for want of the machine.
        if let Some(said) = answer
            && !facts.has(Signal::MaintainerLacks)
            && settings.answered_after_days > 0
            && idle_days >= settings.answered_after_days
        {
            let mut evidence: Vec<String> = [said]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(|s| format!("answered: {s}"))
                .collect();
            evidence.push(format!("nobody spoke since, {idle_days} days"));
            return Some(proposal(SweepReason::Answered, evidence, Vec::new()));
        }

        old_version
    }

    fn labels_named(&self, entry: &Entry, classes: &LabelClasses, bit: u16) -> String {
        entry
            .labels()
            .iter()
            .filter(|&&id| classes.has(id, bit))
            .map(|&id| format!("`{}`", self.label_name(id)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
