//! The `[triage]` table of `.github/coordinator.toml`: which labels and words the triage
//! reads, how many GPUs the agent has, when an issue is stale.

use serde::{Deserialize, Serialize};

/// What to look for. Defaults suit an agent on a CPU-only Linux machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TriageConfig {
    /// Words that name hardware or platforms the agent lacks (matched as words; acronyms of
    /// three letters or fewer only in capitals, so `mps` in code does not count).
    pub hardware_keywords: Vec<String>,
    /// Labels that mean the same.
    pub hardware_labels: Vec<String>,
    /// How many GPUs the agent has: with 0, failures that only happen on a GPU (CUDA runtime
    /// errors, a named GPU model) are hardware-bound; with 1, multi-GPU setups are.
    pub agent_gpus: u32,
    /// Labels that invite outside help.
    pub help_labels: Vec<String>,
    /// Labels that propose closing.
    pub close_labels: Vec<String>,
    /// Labels that mean the maintainers wait for the reporter.
    pub info_labels: Vec<String>,
    /// Labels of open design discussions.
    pub design_labels: Vec<String>,
    /// Labels of tracking (umbrella) issues.
    pub tracking_labels: Vec<String>,
    pub priority_labels: Vec<String>,
    /// No activity for this long makes an issue stale.
    pub stale_after_days: i64,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

impl Default for TriageConfig {
    fn default() -> Self {
        TriageConfig {
            hardware_keywords: strings(&[
                "ROCm",
                "Ascend",
                "NPU",
                "XPU",
                "HPU",
                "Gaudi",
                "MPS",
                "Apple Silicon",
            ]),
            hardware_labels: strings(&[
                "ROCm",
                "AMD",
                "Ascend",
                "NPU",
                "XPU",
                "Intel XPU",
                "Intel GPU",
                "HPU",
                "Gaudi",
                "MPS",
                "Apple Silicon",
                "macOS",
                "TPU",
                "Jetson",
                "multi-gpu",
                "distributed",
                "Windows",
            ]),
            agent_gpus: 0,
            help_labels: strings(&[
                "help wanted",
                "good first issue",
                "contributions welcome",
                "easy",
                "beginner friendly",
                "good-first-issue",
                "help-wanted",
            ]),
            close_labels: strings(&[
                "wontfix",
                "won't fix",
                "proposed-close",
                "invalid",
                "question",
                "duplicate",
                "not planned",
                "stale",
                "works as intended",
                "answered",
            ]),
            info_labels: strings(&[
                "waiting for info",
                "needs info",
                "need info",
                "needs more info",
                "more info needed",
                "awaiting response",
                "waiting for response",
                "needs repro",
                "needs reproduction",
                "cannot reproduce",
                "can't reproduce",
                "feedback required",
                "awaiting feedback",
            ]),
            design_labels: strings(&[
                "rfc",
                "proposal",
                "discussion",
                "design",
                "needs design",
                "needs decision",
                "needs discussion",
            ]),
            tracking_labels: strings(&[
                "tracking", "tracker", "umbrella", "epic", "meta", "roadmap",
            ]),
            priority_labels: strings(&[
                "high priority",
                "priority: high",
                "priority-high",
                "critical",
                "p0",
                "p1",
                "urgent",
                "regression",
                "important",
            ]),
            stale_after_days: 180,
        }
    }
}
