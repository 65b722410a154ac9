//! Related-thread ranking and actionability triage over the mirror.
//!
//! Everything here is pure: the caller (the bot, or a CLI command) builds a [`RepoIndex`] from
//! the mirror of one repository, feeds it changes as they arrive, and asks it questions. No I/O,
//! no database, and no input (however large, binary or malformed) makes it panic.
//!
//! - [`text`]: markdown segmentation (code, dumps, templates) and the BM25 tokenizer.
//! - [`signals`]: what a thread points at, read by [`errors`] (error signatures) and [`code`]
//!   (paths and identifiers), normalised for matching.
//! - [`index`]: the incremental per-repository index.
//! - `links`: the phrases behind explicit links, and whom a claim is about.
//! - [`related`]: scoring of related threads, each score with reasons a person can check.
//! - [`triage`]: the actionability verdict and the ranking of candidate issues, from what the
//!   conversation says (`conversation`) and the hardware it needs (`hardware`).

pub mod code;
mod conversation;
pub mod errors;
mod hardware;
pub mod index;
mod links;
pub mod locate;
pub mod related;
pub mod signals;
pub mod sweep;
pub mod text;
pub mod triage;
pub mod version;

pub use crate::store::ThreadDoc;
pub use index::{IndexOptions, RepoIndex, is_bot};
pub use related::{Related, RelatedQuery, RelationKind, StateFilter};
pub use signals::{ErrorSignal, Signals};
pub use sweep::{Proposal, SweepReason, SweepSettings};
pub use triage::{Candidates, Outcome, TriageConfig, Verdict};

/// What the analysis cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    #[error(
        "#{number} is not in the mirror of {repo}: check the number, or run `coordinator sync --repo {repo}`"
    )]
    UnknownThread { repo: String, number: i64 },
}

/// Rounds a score for output, so JSON and snapshots stay stable across platforms.
pub(crate) fn round3(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1000.0).round() / 1000.0
    } else {
        0.0
    }
}

/// Cuts `s` to at most `max` bytes on a character boundary, marking the cut.
pub(crate) fn ellipsize(s: &str, max: usize) -> String {
    let kept = text::truncate(s, max);
    if kept.len() == s.len() {
        kept.to_string()
    } else {
        format!("{kept}…")
    }
}
