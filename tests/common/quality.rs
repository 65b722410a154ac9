//! Measures of the analysis on a corpus: related-thread recall@10 and MRR (overall, per kind,
//! and link-blind), next to plain BM25; shared by `tests/quality.rs` (floors) and
//! `bench/quality.rs` (the tables of BENCHMARKS.md).

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};

use coordinator::analysis::text::tokens;
use coordinator::analysis::{Outcome, RelatedQuery, RepoIndex, ThreadDoc, TriageConfig};

use super::corpus::{Corpus, RelatedLabel, TriageLabel};

#[derive(Default, Debug, Clone)]
pub struct Metrics {
    pub queries: usize,
    pub recall_at_10: f64,
    pub mrr: f64,
    /// kind -> (found in the top 10, labelled)
    pub per_kind: BTreeMap<String, (usize, usize)>,
}

impl Metrics {
    pub fn kind_recall(&self, kind: &str) -> Option<f64> {
        self.per_kind
            .get(kind)
            .filter(|(_, total)| *total > 0)
            .map(|(found, total)| *found as f64 / *total as f64)
    }
}

/// recall@10 and MRR of `rank` over the labelled queries (those whose threads exist).
pub fn evaluate(
    labels: &[RelatedLabel],
    docs: &[ThreadDoc],
    rank: impl Fn(i64) -> Vec<i64>,
) -> Metrics {
    let known: HashSet<i64> = docs.iter().map(|d| d.thread.number).collect();
    let mut m = Metrics::default();
    for q in labels {
        if !known.contains(&q.query) {
            continue;
        }
        let wanted: Vec<_> = q
            .related
            .iter()
            .filter(|r| known.contains(&r.number) && r.number != q.query)
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let ranked = rank(q.query);
        let top: Vec<i64> = ranked.iter().copied().take(10).collect();
        let wanted_set: HashSet<i64> = wanted.iter().map(|r| r.number).collect();
        let found = wanted_set.iter().filter(|n| top.contains(n)).count();
        m.queries += 1;
        m.recall_at_10 += found as f64 / wanted_set.len() as f64;
        if let Some(pos) = top.iter().position(|n| wanted_set.contains(n)) {
            m.mrr += 1.0 / (pos + 1) as f64;
        }
        for r in wanted {
            let e = m.per_kind.entry(r.kind.clone()).or_default();
            e.1 += 1;
            if top.contains(&r.number) {
                e.0 += 1;
            }
        }
    }
    if m.queries > 0 {
        m.recall_at_10 /= m.queries as f64;
        m.mrr /= m.queries as f64;
    }
    m
}

/// The ranking of the index (limit 10), queried as the bot queries it: with the thread's text.
pub fn ours<'a>(index: &'a RepoIndex, docs: &'a [ThreadDoc]) -> impl Fn(i64) -> Vec<i64> + 'a {
    let by_number: HashMap<i64, &ThreadDoc> = docs.iter().map(|d| (d.thread.number, d)).collect();
    move |q| {
        index
            .related_to(q, by_number.get(&q).copied(), &RelatedQuery::default())
            .map(|r| r.into_iter().map(|r| r.number).collect())
            .unwrap_or_default()
    }
}

/// Plain BM25 over title and body with the same tokenizer: the baseline to beat.
pub fn baseline_bm25(docs: &[ThreadDoc]) -> impl Fn(i64) -> Vec<i64> + use<> {
    let docs: Vec<(i64, HashMap<String, f32>, f32)> = docs
        .iter()
        .map(|d| {
            let mut tf: HashMap<String, f32> = HashMap::new();
            let text = format!(
                "{}\n{}",
                d.thread.title,
                d.thread.body.as_deref().unwrap_or("")
            );
            let mut len = 0.0;
            tokens(&text, |t| {
                *tf.entry(t.to_string()).or_default() += 1.0;
                len += 1.0;
            });
            (d.thread.number, tf, len)
        })
        .collect();
    let n = docs.len() as f32;
    let mut df: HashMap<String, f32> = HashMap::new();
    for (_, tf, _) in &docs {
        for t in tf.keys() {
            *df.entry(t.clone()).or_default() += 1.0;
        }
    }
    let avg = (docs.iter().map(|d| d.2).sum::<f32>() / n.max(1.0)).max(1.0);
    move |query: i64| {
        let Some((_, q, _)) = docs.iter().find(|d| d.0 == query) else {
            return Vec::new();
        };
        let mut scored: Vec<(i64, f32)> = docs
            .iter()
            .filter(|d| d.0 != query)
            .map(|(num, tf, len)| {
                let s: f32 = q
                    .keys()
                    .filter_map(|t| {
                        let f = *tf.get(t)?;
                        let d = df[t];
                        let idf = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
                        Some(idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * len / avg)))
                    })
                    .sum();
                (*num, s)
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.into_iter().map(|(n, _)| n).collect()
    }
}

/// The four measures of one corpus.
pub struct Report {
    pub ours: Metrics,
    pub bm25: Metrics,
    pub ours_blind: Metrics,
    pub bm25_blind: Metrics,
}

/// Builds the index of `docs` the way the bot does for `corpus`: its former names are known
/// (the bot learns them from GitHub's redirects).
///
/// With `QUALITY_CODE=1`, the corpus's source tree is indexed as the code mirror would, and
/// the index knows the names and files the project has (as the bot's does once the code is
/// mirrored).
pub fn build(corpus: &Corpus, docs: Vec<ThreadDoc>) -> RepoIndex {
    let code = std::env::var("QUALITY_CODE")
        .is_ok_and(|v| v == "1")
        .then(|| code_of(corpus))
        .flatten();
    RepoIndex::build_with(
        corpus.repo.clone(),
        coordinator::analysis::IndexOptions {
            aliases: corpus.former_names.clone(),
            defined: code
                .as_ref()
                .and_then(coordinator::analysis::signals::code_defined_names),
            files: code
                .as_ref()
                .map(coordinator::analysis::signals::code_file_keys),
            ..Default::default()
        },
        docs,
    )
}

/// The corpus's source tree (`repo/`), indexed as the code mirror indexes a tarball.
pub fn code_of(corpus: &Corpus) -> Option<coordinator::code::CodeIndex> {
    let root = corpus.source.as_ref()?;
    let mut builder = coordinator::code::Builder::new(
        &corpus.repo.to_string(),
        "0000000000000000000000000000000000000000",
        coordinator::code::Limits::default(),
    );
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in files {
        let rel = path
            .strip_prefix(root)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).ok()?;
        builder.add_file(&rel, &bytes);
    }
    Some(builder.finish())
}

pub fn report(corpus: &Corpus) -> Report {
    let labels = &corpus.labels.related;
    let index = build(corpus, corpus.docs.clone());
    let ours = evaluate(labels, &corpus.docs, self::ours(&index, &corpus.docs));
    let bm25 = evaluate(labels, &corpus.docs, baseline_bm25(&corpus.docs));
    let blind = corpus.link_blind();
    let blind_index = build(corpus, blind.clone());
    let ours_blind = evaluate(labels, &blind, self::ours(&blind_index, &blind));
    let bm25_blind = evaluate(labels, &blind, baseline_bm25(&blind));
    Report {
        ours,
        bm25,
        ours_blind,
        bm25_blind,
    }
}

/// The report as markdown rows.
pub fn markdown(name: &str, r: &Report) -> String {
    let mut out = format!(
        "| {name} | {} | {:.3} / {:.3} | {:.3} / {:.3} | {:.3} / {:.3} | {:.3} / {:.3} |\n",
        r.ours.queries,
        r.ours.recall_at_10,
        r.ours.mrr,
        r.bm25.recall_at_10,
        r.bm25.mrr,
        r.ours_blind.recall_at_10,
        r.ours_blind.mrr,
        r.bm25_blind.recall_at_10,
        r.bm25_blind.mrr
    );
    out.push('\n');
    out.push_str(
        "| kind | ours | BM25 | ours, link-blind | BM25, link-blind |\n|---|---|---|---|---|\n",
    );
    for (kind, (found, total)) in &r.ours.per_kind {
        let other = |m: &Metrics| {
            m.per_kind
                .get(kind)
                .map_or("-".to_string(), |(f, t)| format!("{f}/{t}"))
        };
        out.push_str(&format!(
            "| {kind} | {found}/{total} | {} | {} | {} |\n",
            other(&r.bm25),
            other(&r.ours_blind),
            other(&r.bm25_blind)
        ));
    }
    out
}

/// For each labelled query whose related threads are not all found: the query, what was
/// missed, and what ranked first (for looking at the ranking's mistakes).
pub fn misses(corpus: &Corpus, blind: bool) -> Vec<String> {
    let docs = if blind {
        corpus.link_blind()
    } else {
        corpus.docs.clone()
    };
    let index = build(corpus, docs.clone());
    let bm25 = baseline_bm25(&docs);
    let by_number: HashMap<i64, &ThreadDoc> = docs.iter().map(|d| (d.thread.number, d)).collect();
    let mut out = Vec::new();
    for q in &corpus.labels.related {
        let Some(doc) = by_number.get(&q.query) else {
            continue;
        };
        let ranked = index
            .related_to(q.query, Some(doc), &RelatedQuery::default())
            .unwrap_or_default();
        let top: Vec<i64> = ranked.iter().map(|r| r.number).collect();
        // Where the missed thread is in a longer list, ours and BM25's (0: not in the top 100).
        let deep_related = index
            .related_to(
                q.query,
                Some(doc),
                &RelatedQuery {
                    limit: 100,
                    ..RelatedQuery::default()
                },
            )
            .unwrap_or_default();
        let deep: Vec<i64> = deep_related.iter().map(|r| r.number).collect();
        let bm25_ranked = bm25(q.query);
        let rank = |list: &[i64], n: i64| list.iter().position(|&x| x == n).map_or(0, |p| p + 1);
        let missed: Vec<String> = q
            .related
            .iter()
            .filter(|r| by_number.contains_key(&r.number) && !top.contains(&r.number))
            .map(|r| {
                format!(
                    "#{} {} ({}; rank {}, BM25 rank {})",
                    r.number,
                    by_number[&r.number].thread.title,
                    r.kind,
                    rank(&deep, r.number),
                    rank(&bm25_ranked, r.number)
                )
            })
            .collect();
        // With QUALITY_FIRST=k, also queries whose first labelled thread is ranked k or lower.
        let first = top
            .iter()
            .position(|n| q.related.iter().any(|r| r.number == *n))
            .map_or(0, |p| p + 1);
        let late_first = std::env::var("QUALITY_FIRST")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .is_some_and(|k| first >= k);
        if missed.is_empty() && !late_first {
            continue;
        }
        let mut s = format!(
            "#{} {} (first labelled at rank {first})\n  missed: {}\n",
            q.query,
            doc.thread.title,
            missed.join("; ")
        );
        // Why each missed thread ranked where it did, and the score it had to beat.
        for r in deep_related
            .iter()
            .filter(|r| q.related.iter().any(|l| l.number == r.number) && !top.contains(&r.number))
        {
            s.push_str(&format!(
                "  missed #{} {:.2} [{}] (10th: {:.2})\n",
                r.number,
                r.score,
                r.reasons.join(" | "),
                ranked.last().map_or(0.0, |l| l.score)
            ));
        }
        for r in ranked.iter().take(
            std::env::var("QUALITY_TOP")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(3),
        ) {
            s.push_str(&format!(
                "  got #{} {:.2} {} [{}]\n",
                r.number,
                r.score,
                r.title,
                r.reasons.join(" | ")
            ));
        }
        out.push(s);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Triage

/// The outcome a triage label names: the named `outcome`, or the first corpus's `verdict`
/// mapped to it.
pub fn label_outcome(label: &TriageLabel) -> Option<Outcome> {
    if !label.outcome.is_empty() {
        return Outcome::parse(&label.outcome);
    }
    Some(match label.verdict.as_str() {
        "actionable" => Outcome::AgentReady,
        "open_pr" => Outcome::AlreadyFixedOrClaimed,
        "design" | "tracking" => Outcome::NeedsDecision,
        "hardware" => Outcome::NeedsHardware,
        "needs_info" => Outcome::NeedsInfo,
        "close_proposed" => Outcome::EnvironmentOrSupport,
        _ => return None,
    })
}

#[derive(Debug, Clone, Default)]
pub struct TriageReport {
    pub judged: usize,
    /// Judged `agent_ready`.
    pub ready_judged: usize,
    /// Called `agent_ready` by the triage.
    pub ready_called: usize,
    /// Both.
    pub ready_both: usize,
    /// The outcome agrees.
    pub agree: usize,
    /// Of the top five candidates (those judged), how many are judged ready.
    pub top5_ready: usize,
    pub top5_judged: usize,
    /// (judged, called) -> count
    pub confusion: BTreeMap<(&'static str, &'static str), usize>,
}

impl TriageReport {
    pub fn precision(&self) -> f64 {
        if self.ready_called == 0 {
            1.0
        } else {
            self.ready_both as f64 / self.ready_called as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.ready_judged == 0 {
            1.0
        } else {
            self.ready_both as f64 / self.ready_judged as f64
        }
    }

    pub fn agreement(&self) -> f64 {
        if self.judged == 0 {
            1.0
        } else {
            self.agree as f64 / self.judged as f64
        }
    }
}

/// The index of a corpus for the triage: its texts as they are, its former names known.
pub fn triage_report(corpus: &Corpus) -> TriageReport {
    let index = build(corpus, corpus.docs.clone());
    triage_report_on(corpus, &index)
}

pub fn triage_report_on(corpus: &Corpus, index: &RepoIndex) -> TriageReport {
    let config = TriageConfig::default();
    let mut r = TriageReport::default();
    let mut judged: HashMap<i64, Outcome> = HashMap::new();
    for label in &corpus.labels.triage {
        let Some(want) = label_outcome(label) else {
            continue;
        };
        let Ok(v) = index.triage(label.number, &config, corpus.now) else {
            continue;
        };
        judged.insert(label.number, want);
        r.judged += 1;
        let ready = want == Outcome::AgentReady;
        r.ready_judged += usize::from(ready);
        r.ready_called += usize::from(v.actionable);
        r.ready_both += usize::from(ready && v.actionable);
        r.agree += usize::from(want == v.outcome);
        *r.confusion
            .entry((want.as_str(), v.outcome.as_str()))
            .or_default() += 1;
    }
    let top = index.candidates(&config, corpus.now, 5, false);
    for v in &top.verdicts {
        if let Some(want) = judged.get(&v.number) {
            r.top5_judged += 1;
            r.top5_ready += usize::from(*want == Outcome::AgentReady);
        }
    }
    r
}

/// The triage report as a markdown row.
pub fn triage_markdown(name: &str, r: &TriageReport) -> String {
    format!(
        "| {name} | {} | {} | {} | {:.2} ({}/{}) | {:.2} ({}/{}) | {:.2} | {}/{} |",
        r.judged,
        r.ready_judged,
        r.ready_called,
        r.precision(),
        r.ready_both,
        r.ready_called,
        r.recall(),
        r.ready_both,
        r.ready_judged,
        r.agreement(),
        r.top5_ready,
        r.top5_judged
    )
}

/// The judged issues whose outcome the triage does not agree with, with the judge's reason
/// and the triage's.
pub fn triage_misses(corpus: &Corpus) -> Vec<String> {
    let index = build(corpus, corpus.docs.clone());
    let config = TriageConfig::default();
    let titles: HashMap<i64, &str> = corpus
        .docs
        .iter()
        .map(|d| (d.thread.number, d.thread.title.as_str()))
        .collect();
    let mut out = Vec::new();
    for label in &corpus.labels.triage {
        let (Some(want), Ok(v)) = (
            label_outcome(label),
            index.triage(label.number, &config, corpus.now),
        ) else {
            continue;
        };
        if want == v.outcome {
            continue;
        }
        out.push(format!(
            "#{} {}\n  judged {}: {}\n  called {}: {}\n  evidence: {}\n",
            label.number,
            titles.get(&label.number).unwrap_or(&""),
            want,
            label.why,
            v.outcome,
            v.blockers.first().map(String::as_str).unwrap_or(""),
            v.evidence.join(" | ")
        ));
    }
    out
}

/// The sweep against a corpus's `sweep` labels: how many proposals, how many right (the
/// labelled reason, or any closing reason when `loose`), how many closable issues found.
#[derive(Debug, Default)]
pub struct SweepReport {
    pub judged: usize,
    pub closable: usize,
    pub proposed: usize,
    /// Proposed with the labelled reason.
    pub right: usize,
    /// Proposed for an issue labelled closable, whatever the reason.
    pub closable_proposed: usize,
    pub wrong: Vec<String>,
    /// Labelled closable and not proposed.
    pub missed: Vec<String>,
}

pub fn sweep_settings(corpus: &Corpus) -> coordinator::analysis::SweepSettings {
    coordinator::analysis::SweepSettings {
        min_version: corpus
            .min_version
            .as_deref()
            .and_then(coordinator::analysis::version::parse),
        stale_after_days: 90,
        answered_after_days: 30,
    }
}

pub fn sweep_report(corpus: &Corpus) -> SweepReport {
    let index = build(corpus, corpus.docs.clone());
    let proposals = index.sweep(
        &TriageConfig::default(),
        &sweep_settings(corpus),
        corpus.now,
    );
    let labels: HashMap<i64, Option<String>> = corpus
        .labels
        .sweep
        .iter()
        .map(|l| (l.number, l.reason.clone()))
        .collect();
    let mut r = SweepReport {
        judged: labels.len(),
        closable: labels.values().filter(|r| r.is_some()).count(),
        ..SweepReport::default()
    };
    for p in &proposals {
        let Some(want) = labels.get(&p.number) else {
            continue;
        };
        r.proposed += 1;
        if want.as_deref() == Some(p.reason.as_str()) {
            r.right += 1;
        } else {
            r.wrong.push(format!(
                "#{} proposed {} (labelled {:?}): {}",
                p.number,
                p.reason.as_str(),
                want,
                p.evidence.join(" | ")
            ));
        }
        r.closable_proposed += usize::from(want.is_some());
    }
    for l in &corpus.labels.sweep {
        if let Some(reason) = &l.reason
            && !proposals.iter().any(|p| p.number == l.number)
        {
            r.missed
                .push(format!("#{} not proposed (labelled {reason})", l.number));
        }
    }
    r
}

pub fn sweep_markdown(name: &str, r: &SweepReport) -> String {
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            "-".to_string()
        } else {
            format!("{:.2} ({a}/{b})", a as f64 / b as f64)
        }
    };
    format!(
        "| {name} | {} | {} | {} | {} | {} | {} |",
        r.judged,
        r.closable,
        r.proposed,
        ratio(r.right, r.proposed),
        ratio(r.closable_proposed, r.proposed),
        ratio(r.right, r.closable),
    )
}
