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
    /// Operating systems, browsers, devices and hosted services a Linux machine does not
    /// have: they count when the title names them, or the report says it happens only there.
    pub platform_keywords: Vec<String>,
    /// How many GPUs the agent has: with 0, failures that only happen on a GPU (CUDA runtime
    /// errors, a named GPU model) are hardware-bound; with 1, multi-GPU setups are.
    pub agent_gpus: u32,
    /// Labels that invite outside help.
    pub help_labels: Vec<String>,
    /// Labels that propose closing (the decision is open until someone closes it).
    pub close_labels: Vec<String>,
    /// Labels of usage questions and problems of the reporter's setup or another project.
    pub support_labels: Vec<String>,
    /// Labels that say it is fixed (on the default branch, in a release to come).
    pub fixed_labels: Vec<String>,
    /// Labels that mark a duplicate.
    pub duplicate_labels: Vec<String>,
    /// Labels of what the maintainers declined.
    pub wontfix_labels: Vec<String>,
    /// Labels of feature requests: a maintainer decides whether they are wanted.
    pub feature_labels: Vec<String>,
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
            platform_keywords: strings(&[
                "Windows",
                "macOS",
                "Mac OS",
                "OS X",
                "iOS",
                "iPadOS",
                "iPhone",
                "iPad",
                "Android",
                "Safari",
                "WebKit",
                "Hermes",
                "React Native",
                "FreeBSD",
                "OpenBSD",
                "NetBSD",
                "Solaris",
                "AIX",
                "WSL",
                "Azure",
                "AWS",
                "Lambda",
                "API Gateway",
                "Google Cloud",
                "GCP",
                "Cloud Run",
                "GKE",
                "EKS",
                "AKS",
                "RDS",
                "Aurora",
                "Cloud SQL",
                "ElastiCache",
                "Memorystore",
                "Redis Enterprise",
                "Heroku",
                "Cloudflare Workers",
                "Vercel",
                "YubiKey",
                "smart card",
                "HSM",
                "TPM",
                "Bluetooth",
                "Raspberry Pi",
                "network share",
                "network drive",
                "SMB",
                "CIFS",
                "NFS",
                "shared hosting",
                "IIS",
                "CloudFront",
                "Akamai",
                "Fastly",
                "IL2CPP",
                "Unity",
                "Mac Catalyst",
                "watchOS",
                "Apple Watch",
                "tvOS",
                "Apple TV",
                "visionOS",
                "Vision Pro",
                "TestFlight",
                "ProMotion",
                "UIKit",
                "AppKit",
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
                "proposed-close",
                "proposed close",
                "close?",
                "to close",
                "closing soon",
                "stale",
            ]),
            support_labels: strings(&[
                "question",
                "support",
                "usage",
                "usage question",
                "help",
                "invalid",
                "answered",
                "works as intended",
                "working as intended",
                "not a bug",
                "expected behavior",
                "expected behaviour",
                "upstream",
                "third party",
                "third-party",
                "external",
                "environment",
                "user error",
            ]),
            fixed_labels: strings(&[
                "fixed",
                "fixed in main",
                "fixed in master",
                "fixed on main",
                "fixed on master",
                "fix committed",
                "fix released",
                "resolved",
                "released",
                "pending release",
                "awaiting release",
                "solved",
            ]),
            duplicate_labels: strings(&["duplicate", "dupe", "dup"]),
            wontfix_labels: strings(&[
                "wontfix",
                "won't fix",
                "wont fix",
                "will not fix",
                "not planned",
                "declined",
                "rejected",
                "out of scope",
            ]),
            feature_labels: strings(&[
                "enhancement",
                "feature",
                "feature request",
                "new feature",
                "improvement",
                "idea",
                "suggestion",
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
