//! Hardware and platforms an issue needs that an agent may lack: configured keywords and
//! labels (ROCm, Ascend, XPU, MPS, Windows...), multi-GPU setups, and, for an agent without a
//! GPU, failures that only happen on one (CUDA runtime errors, a GPU model in the title).

use std::sync::LazyLock;

use regex::Regex;

use super::ThreadDoc;
use super::signals::{ErrorKind, ErrorSignal};
use crate::config::triage::TriageConfig;

static MULTI_GPU: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)\b(?:multi[- ]?gpus?|multiple gpus|\d+\s*(?:x\s*)?gpus|\b\d+\s*x\s+(?:nvidia\s+)?(?:[ahlb]\d{2,3}|rtx\s*\d{4}|v100|t4|mi\d{3}x?)\b|[2-9]\s*x?\s*(?:h100|a100|h200|b200|rtx\s*\d{4})s|fsdp2?|fully_shard|deepspeed|zero-?[23]|distributeddataparallel|\bddp\b|torchrun|nproc_per_node|tensor[- ]parallel|pipeline[- ]parallel)",
    )
});
static GPU_MODEL: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"\b(?:[HABL]\d{2,3}[A-Z]?|GB\d{2,3}|RTX\s?\d{4}(?:\s?Ti)?|GTX\s?\d{3,4}|Tesla\s\w+|Quadro\s\w+|Jetson\s?\w*|sm_\d{2,3}|gfx\d{3,4}|MI\d{3}X?|DGX\s\w+)\b",
    )
});
/// The report says the platform-specific failure can be reproduced or tested on Linux (a
/// generated file checked as text, a path computed for another OS): the platform is not needed.
static LINUX_TESTABLE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)\b(?:test(?:ed|able)?|reproduc\w*|verif\w*|happens|fails)\b[^.\n]{0,30}?\b(?:on|under|from) (?:linux|any (?:os|platform)|all platforms|every platform)\b|\b(?:also|too) (?:on|under) linux\b|\bplatform[- ]independent\b|\bnot (?:specific|limited) to (?:windows|macos|mac)\b|\breproduc\w*(?: it| this| that)? in (?:an? )?(?:plain |simple |clean |fresh |stock )?(?:docker|container)\w*|\bno need for [^.\n]{1,30}? to (?:show|reproduce|see|trigger)\b",
    )
});
/// A title that places the failure on Linux ("error: no such module 'UIKit' on Linux"), not
/// one where Linux is where it works.
static TITLE_ON_LINUX: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"(?i)\b(?:on|under) linux\b"));
static TITLE_FINE_ON_LINUX: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)\b(?:works?|working|fine|ok|passes)\b[^,;]{0,20}?\b(?:on|under) linux\b",
    )
});
/// A maintainer's sentence on what verifying it takes ("needs UIKit and TSan in the
/// simulator to verify any fix"): the platforms it names are needs.
static NEEDED_TO_VERIFY: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)\b(?:needs?|requires?|only (?:with|on|in))\b[^.?!\n]{1,60}?\bto (?:verify|test|reproduce|check|confirm)\b",
    )
});
/// Words that turn a reproduction on Linux into its failure ("can't reproduce on Linux").
const NEGATED: &[&str] = &[
    "can't",
    "cannot",
    "can not",
    "couldn't",
    "could not",
    "unable",
    "not able",
    "don't",
    "doesn't",
    "didn't",
    "no luck",
];

/// Whether the thread says its platform-specific failure shows on Linux too.
fn linux_testable(prose: &str) -> bool {
    LINUX_TESTABLE.find_iter(prose).any(|m| {
        let start = prose[..m.start()]
            .rfind(['.', '\n', '!', '?'])
            .map_or(0, |i| i + 1);
        let sentence = &prose[start..m.end()];
        !NEGATED.iter().any(|n| sentence.contains(n))
    })
}

const NO_GPU_NEEDED: &[&str] = &[
    "no gpu needed",
    "without a gpu",
    "no gpu required",
    "cpu-only",
    "cpu only",
    "on cpu",
    "reproducible on cpu",
];

/// The error signatures of failures that only happen on a GPU.
fn is_gpu_runtime_failure(signature: &str) -> bool {
    const MARKERS: &[&str] = &[
        "cuda error",
        "illegal memory access",
        "no kernel image is available",
        "cublas_status",
        "cudnn_status",
        "cuda out of memory",
        "outofmemoryerror",
        "device-side assert",
        "misaligned address",
        "unspecified launch failure",
        "cudaerror",
        "nccl",
    ];
    MARKERS.iter().any(|m| signature.contains(m))
}

fn keyword_in(text: &str, keyword: &str) -> bool {
    if keyword.is_empty() {
        return false;
    }
    let short_acronym = keyword.len() <= 3;
    let (hay, needle) = if short_acronym {
        (text.to_string(), keyword.to_string())
    } else {
        (text.to_lowercase(), keyword.to_lowercase())
    };
    let bytes = hay.as_bytes();
    let mut from = 0;
    while let Some(i) = hay[from..].find(&needle) {
        let at = from + i;
        let end = at + needle.len();
        let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let after = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if before && after {
            return true;
        }
        from = end;
        if from >= hay.len() {
            break;
        }
    }
    false
}

/// The hardware and platforms an issue needs, from its labels, its title, the prose of its
/// body (`prose`, lowercase) and its prose and code (`body_all`); `maintainers` (their prose,
/// lowercase) may say the failure shows on Linux too.
pub(crate) fn hardware(
    doc: &ThreadDoc,
    prose: &str,
    maintainers: &str,
    body_all: &str,
    errors: &[ErrorSignal],
    config: &TriageConfig,
) -> Vec<String> {
    let thread = &doc.thread;
    let mut found: Vec<String> = Vec::new();
    let add = |name: String, found: &mut Vec<String>| {
        let lower = name.to_lowercase();
        if !found.iter().any(|f| {
            let f = f.to_lowercase();
            f.contains(&lower) || lower.contains(&f)
        }) {
            found.push(name);
        }
    };
    // A platform named by a label or the title stands unless the thread says the failure
    // can be reproduced or tested on Linux.
    let on_linux = linux_testable(prose)
        || linux_testable(maintainers)
        || (TITLE_ON_LINUX.is_match(&thread.title) && !TITLE_FINE_ON_LINUX.is_match(&thread.title));
    for label in &thread.labels {
        let lower = label.to_lowercase();
        let platform = config
            .platform_keywords
            .iter()
            .any(|k| keyword_in(label, k));
        let by_label = config
            .hardware_labels
            .iter()
            .any(|h| h.to_lowercase() == lower);
        let by_keyword = config
            .hardware_keywords
            .iter()
            .any(|k| keyword_in(label, k));
        if (platform && !on_linux) || (!platform && (by_label || by_keyword)) {
            add(label.clone(), &mut found);
        }
    }
    // The title, or the body more than once: a passing "haven't tried ROCm" is not a need.
    for k in &config.hardware_keywords {
        let in_title = keyword_in(&thread.title, k);
        let body_hits = prose
            .lines()
            .filter(|l| keyword_in(l, &k.to_lowercase()) || keyword_in(l, k))
            .count();
        if in_title || body_hits >= 2 {
            add(k.clone(), &mut found);
        }
    }
    // Platforms: named in the title, or the report says it happens only there.
    for k in &config.platform_keywords {
        let lower = k.to_lowercase();
        let only_there = [
            format!("only on {lower}"),
            format!("only in {lower}"),
            format!("only with {lower}"),
            format!("only under {lower}"),
            format!("on {lower} only"),
            format!("{lower} only"),
            format!("{lower}-only"),
            format!("on a real {lower}"),
            format!("physical {lower}"),
            format!("only happens on {lower}"),
            format!("only reproduces on {lower}"),
        ]
        .iter()
        .any(|p| keyword_in(prose, p));
        if !on_linux && (keyword_in(&thread.title, k) || only_there) {
            add(k.clone(), &mut found);
        }
    }
    // A maintainer who said verifying it takes a platform or a device.
    if !on_linux {
        for m in NEEDED_TO_VERIFY.find_iter(maintainers) {
            for k in config
                .platform_keywords
                .iter()
                .chain(&config.hardware_keywords)
            {
                if keyword_in(m.as_str(), &k.to_lowercase()) {
                    add(k.clone(), &mut found);
                }
            }
        }
    }
    // The project's own name is not a need (an issue of DeepSpeed names DeepSpeed).
    let project = thread.repo.rsplit('/').next().unwrap_or("").to_lowercase();
    let multi_gpu = MULTI_GPU
        .find_iter(body_all)
        .any(|m| project.is_empty() || m.as_str().to_lowercase() != project);
    if config.agent_gpus < 2 && multi_gpu {
        add("multi-GPU".to_string(), &mut found);
    }
    if config.agent_gpus == 0 && !NO_GPU_NEEDED.iter().any(|p| prose.contains(p)) {
        // The failure, quoted in a block or named in the title.
        let runtime = errors
            .iter()
            .any(|e| e.kind != ErrorKind::Compiler && is_gpu_runtime_failure(&e.signature))
            || is_gpu_runtime_failure(&thread.title.to_lowercase());
        let models: Vec<&str> = GPU_MODEL
            .find_iter(&thread.title)
            .map(|m| m.as_str())
            .take(3)
            .collect();
        let model = (!models.is_empty()).then(|| models.join(", "));
        let rocm_or_other = !found.is_empty();
        if (runtime || model.is_some()) && !rocm_or_other {
            add(
                match model {
                    Some(m) => format!("CUDA GPU ({m})"),
                    None => "CUDA GPU".to_string(),
                },
                &mut found,
            );
        }
    }
    found
}
