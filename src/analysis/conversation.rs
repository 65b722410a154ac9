//! What the conversation of an issue says, read once for the triage: whether there is a
//! reproduction, an open design question, a maintainer's agreement, a proposal to close, or a
//! request to the reporter that nobody answered. Phrases are quoted back as the sentence they
//! were found in, so a person can find them.

use std::sync::LazyLock;

use regex::Regex;

use super::index::is_bot;
use super::signals::{ErrorSignal, Project};
use super::text::{self, LineKind};
use super::{ThreadDoc, hardware};
use crate::config::triage::TriageConfig;
use crate::store::Comment;

pub(crate) fn is_maintainer(association: Option<&str>) -> bool {
    matches!(association, Some("OWNER" | "MEMBER" | "COLLABORATOR"))
}

/// Something the thread shows that the triage weighs, each with the words it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub(crate) enum Signal {
    /// A feature request or a change of behaviour asked for, not a failure.
    FeatureRequest,
    /// A usage question ("how do I...").
    Question,
    /// An open design question ("should we...").
    DesignQuestion,
    /// A maintainer keeps the decision open.
    DecisionOpen,
    /// A maintainer agreed on the change ("PR welcome", "good catch").
    MaintainerAgreed,
    /// A maintainer confirmed the bug ("I can reproduce it").
    Confirmed,
    /// A maintainer (or the reporter) says it is fixed.
    SaidFixed,
    /// The reporter says their problem is solved.
    ReporterResolved,
    /// A maintainer declined it (won't fix, out of scope).
    WontFix,
    /// A maintainer says it behaves as intended, or is not a bug.
    NotABug,
    /// A maintainer says the cause is the reporter's environment or another project.
    EnvironmentBlamed,
    /// A maintainer answered a question and nobody came back with more.
    Answered,
    /// A maintainer asked the reporter for something and nobody answered.
    InfoRequested,
    /// A maintainer could not reproduce it and nobody followed up.
    CannotReproduce,
    /// The failure is the installed package not loading or setting up (a native library, a
    /// missing module, certificates, a proxy), not the project's logic.
    SetupFailure,
    /// The report says what was expected and what happened instead.
    ExpectedActual,
    /// A maintainer proposed closing it.
    CloseProposed,
    /// The report's own words point at the cause in the code (a source file, a function).
    Diagnosed,
    /// A maintainer says it is fixed (a subset of [`Signal::SaidFixed`]).
    MaintainerSaidFixed,
    /// A maintainer's comment points at the code to change (a source file, a function, a
    /// manifest): whatever the report lacks, the maintainer says where to look.
    Pinpointed,
    /// The reporter cannot make it happen at will: it happened once, now and then, or
    /// nowhere they could reproduce it.
    Intermittent,
    /// The template's reproduction section was left empty.
    EmptyReproduction,
    /// A maintainer lacks what it takes to reproduce it ("I don't have a Windows machine
    /// to test").
    MaintainerLacks,
    /// A maintainer said they are working on it ("I'm on it", "I already have a branch") and
    /// did not give it up since; `Facts::claimed_at` says when.
    MaintainerClaimed,
    /// Someone outside the project said they are taking it ("/assign", "I'd like to work on
    /// this, will open a PR"); `Facts::taken_at` says when.
    Taken,
    /// The reporter says what they think causes it ("looks like the writer uses the default
    /// precision", "I guess the parser compares the whole line"): a lead a fix can check.
    Hypothesis,
    /// A maintainer's last word on closing it was to keep it open ("keeping this open until
    /// the fix is forward-ported").
    KeptOpen,
    /// Someone says they opened a pull request for it ("Opened a PR for this: #260"): the
    /// triage looks for the open pull request the thread names.
    PrAnnounced,
}

/// What the conversation says, read once when the thread is indexed: the index keeps these
/// facts (with the words they come from), not the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Facts {
    pub reproduction: Option<&'static str>,
    pub task_refs: u16,
    /// "+1", "same here" comments.
    pub me_too: u16,
    /// People (not bots) who commented.
    pub participants: u16,
    /// The body is (almost) empty.
    pub no_description: bool,
    signals: u32,
    /// For each signal, who said it and the sentence, as found.
    pub evidence: Box<[(Signal, Box<str>)]>,
    /// Hardware and platforms the issue needs, by the index's triage settings.
    pub hardware: Box<[Box<str>]>,
    /// When someone last said it still happens (milliseconds since the epoch, 0: never): a
    /// fix merged before that did not fix it.
    pub still_broken_at: i64,
    /// When a maintainer last said they are working on it (0: nobody, or they gave it up).
    pub claimed_at: i64,
    /// When someone outside the project last said they are taking it (0: nobody).
    pub taken_at: i64,
    /// The project's version the report is on, when its body names one.
    pub reported_version: Option<super::version::Version>,
    /// The newest of the project's versions anyone in the thread says they run.
    pub newest_version: Option<super::version::Version>,
    /// A maintainer took part (other than with a bare command).
    pub maintainer_spoke: bool,
    /// Someone other than the reporter and the maintainers says they reproduced it.
    pub reproduced_by_others: bool,
    /// The maintainer's last word, unanswered, tells the reporter what to do (whatever the
    /// report looked like: a label may say it is a question when the words do not).
    pub answer_given: Option<Box<str>>,
    /// The maintainer's last word asked the reporter for something or failed to reproduce
    /// it, and nobody answered.
    pub waiting_on_reporter: bool,
}

impl Facts {
    pub(crate) fn has(&self, signal: Signal) -> bool {
        self.signals & (1 << signal as u32) != 0
    }

    /// A maintainer asked the reporter for something the reporter can give. Not when a
    /// maintainer said they lack the machine to reproduce it: then the issue waits for the
    /// machine, which asking the reporter does not supply (the triage and the sweep agree).
    pub(crate) fn asked_reporter(&self) -> bool {
        self.has(Signal::InfoRequested) && !self.has(Signal::MaintainerLacks)
    }

    /// The words behind a signal, when it was read from words.
    pub(crate) fn said(&self, signal: Signal) -> Option<&str> {
        self.evidence
            .iter()
            .find(|(s, _)| *s == signal)
            .map(|(_, w)| &**w)
    }

    fn set(&mut self, signal: Signal, words: Option<String>) {
        if self.has(signal) {
            return;
        }
        self.signals |= 1 << signal as u32;
        if let Some(w) = words {
            self.evidence = self
                .evidence
                .iter()
                .cloned()
                .chain([(signal, crate::analysis::ellipsize(&w, 160).into_boxed_str())])
                .collect();
        }
    }

    /// A tracking issue's "X landed in #N" or "fixed in 2.1" is about one of its items, not
    /// the issue: it says nothing is fixed.
    pub(crate) fn of_tracking_issue(&mut self) {
        self.unset(Signal::SaidFixed);
        self.unset(Signal::MaintainerSaidFixed);
    }

    fn unset(&mut self, signal: Signal) {
        self.signals &= !(1 << signal as u32);
        self.evidence = self
            .evidence
            .iter()
            .filter(|(s, _)| *s != signal)
            .cloned()
            .collect();
    }
}

static NUMBERED_STEP: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"^\s*(?:\d{1,2}[.)]|step \d+:?)\s+\S"));
static REPRO_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?m)^\s*(?:\$ |>>> )?(?:python3?|pytest|cargo|npm|npx|node|go test|go run|make|cmake|pip|uv|torchrun|bash|sh|printf|echo|curl|docker run) |^\s*\$ [\w./-]+",
    )
});
/// A literal value quoted inline, what the reporter typed or passed (`Python, python`,
/// `a,,b`, `"x" = 1`): not a name, which points at code.
static LITERAL_INPUT: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"`[^`\n]{0,40}?[ ,=\x22'][^`\n]{0,40}`"));
/// What the reporter expected instead of what they got.
static EXPECTATION: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)\b(?:i(?:'d| would)? (?:have )?expect(?:ed)?|expected (?:result|behaviou?r|output)|(?:it|this|that|they|the result) should (?:be|have|give|return|produce|stay|keep))\b",
    )
});
/// A maintainer without the device, account or platform to reproduce a report.
static LACKS: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)\b(?:don'?t|do not|doesn'?t|does not) have (?:access to |an? |any |the |that |this |such an? |one )[^.?!\n]{0,50}?\b(?:to (?:test|try|reproduce|run|verify|check)|at hand|set up)\b|\b(?:we|i) (?:don'?t|do not) have an? [^.?!\n]{0,40}?\b(?:with|like) (?:that|this|your|such an?) [^.?!\n]{0,30}?\b(?:setup|set-up|configuration|environment|deployment|network)\b|\bno way to (?:test|reproduce|verify|try)\b|\b(?:hard|impossible|not possible) to reproduce (?:here|on our side|on our end)\b|\b(?:can'?t|cannot|unable to|not able to) (?:test|verify|try) (?:this|it|that|on)\b|\b(?:i|we) (?:can'?t|cannot) (?:test|verify|try) [^.?!\n]{1,40}? (?:here|on our side|on our end|locally)\b|\bwithout an? [^.?!\n]{0,40}?\b(?:we|i) (?:can'?t|cannot)\b|\b(?:we|i) (?:don'?t|do not) own (?:an? |any )|\bnone of us (?:has|have|owns?|runs?|uses?) |\b(?:can'?t|cannot|unable to) (?:test|confirm|verify|check|reproduce)(?: (?:it|this|that))? without an? |\bwithout an? (?:similar|matching|comparable|such) (?:setup|machine|device|system|box|host)\b|\b(?:i|we)(?:'d| would) need (?:one|an? [^.?!\n]{0,30}?) to (?:test|bisect|reproduce|debug|check|verify)\b|\b(?:can'?t|cannot) (?:test|check|verify) (?:which|whether|if)\b|\bneed(?:s)? someone (?:with|who has|on) [^.?!\n]{0,60}?\bto (?:test|try|verify|reproduce|check)\b|\bsomeone (?:with|who has|on) [^.?!\n]{0,60}?\bneeds? to (?:test|try|verify|reproduce|check)\b|\bwithout access to (?:an? |the |that |this |your )?[^.?!\n]{0,40}?(?:\b(?:we|i) (?:can'?t|cannot)\b|\b(?:this|it)(?:'s| is) (?:(?:all |just )?guesswork|guessing|hard to)\b)|\b(?:can'?t|cannot|unable to) (?:test|confirm|verify|check|reproduce)(?: (?:it|this|that))? without (?:that|this|the|your) [^.?!\n]{0,30}?\b(?:profile|device|phone|tablet|appliance|box|machine|hardware|setup|network|vpn|proxy|board|gpu|cluster|account|deployment|environment)\b",
    )
});
/// What a reporter can give (a dump, a log, a reproduction): "without a thread dump we can't
/// tell" asks for it, it lacks no machine.
static INFO_THING: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)\b(?:dump|logs?|trace|traceback|backtrace|output|example|repro|reproduction|reproducer|snippet|details|stack|(?:way|steps) to reproduce)\b",
    )
});
/// A template's placeholder for what the reporter was to paste (`<COMPLETE OUTPUT>`,
/// `<your command>`, `…`): not a reproduction.
static PLACEHOLDER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)^\s*(?:\$\s*)?(?:[\w./-]+\s+)*(?:<[^<>]{3,}>|\[[A-Z][A-Z _-]{3,}\]|\{\{[^}]*\}\})(?:\s+\S+)*\s*$|^\s*(?:…|\.\.\.)\s*$",
    )
});
/// A source file's name: `render.ts`, `src/pool.rb`.
const SOURCE_FILE: &str = r"[\w/.-]*[A-Za-z_]\w*\.(?:py|rs|go|ts|tsx|js|jsx|mjs|c|cc|cpp|h|hpp|cu|java|rb|kt|swift|cs|php)";
/// A source file or a function named in prose: the reporter looked at the code.
static DIAGNOSIS: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(&format!(
        r"\b{SOURCE_FILE}\b|`[\w.:]+\(\)`|`[A-Za-z_]\w*(?:\.|::)[A-Za-z_]\w*(?:\(\))?`"
    ))
});
static IS_SOURCE_FILE: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(&format!("^{SOURCE_FILE}$")));
/// What follows a file name where a program printed where it failed: `:34`, ` on line 34`,
/// `(34)`, `, line 34`.
static FILE_LINE: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"^(?::\d|\(\d+\)|,? (?:on )?line \d)"));
/// A package or build manifest named in prose: where a dependency or build fix goes.
static MANIFEST: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"\b[\w/.-]*(?:Cargo\.toml|pyproject\.toml|package\.json|setup\.py|setup\.cfg|CMakeLists\.txt|go\.mod|Makefile|meson\.build|build\.rs|tsconfig\.json)\b",
    )
});

/// The code a maintainer's comment points at, when it names the project's own (a sentence
/// about "your" file is about the reporter's code).
fn pinpoint(original: &str) -> Option<String> {
    let found = DIAGNOSIS
        .find_iter(original)
        .chain(MANIFEST.find_iter(original))
        .chain(CODE_NAME.find_iter(original))
        .filter(|m| !super::code::is_placeholder(m.as_str()))
        .find_map(|m| {
            // The sentence around it: a dot inside a file name does not end it.
            let start = original[..m.start()]
                .rfind(". ")
                .map_or(0, |i| i + 2)
                .max(original[..m.start()].rfind('\n').map_or(0, |i| i + 1));
            let end = original[m.end()..]
                .find(['\n', '!', '?'])
                .map_or(original.len(), |i| m.end() + i);
            let sentence = original[start..end].trim();
            // "You're right: ..." agrees with the reporter; it is not about their code.
            let lower = sentence.to_lowercase().replace("you're right", "");
            // "Set `compileSdk = 34` in android/app/build.gradle": what the reporter is to do
            // in their own setup, not where the project's code is at fault.
            let instruction = SETUP_INSTRUCTION.is_match(&lower);
            (!lower.contains("your ") && !lower.contains("you're") && !instruction)
                .then(|| sentence.to_string())
        })?;
    Some(found)
}

/// A sentence that tells the reporter to change their setup: it starts with the verb.
static SETUP_INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"^(?:please\s+)?(?:set|try|use|upgrade|update|install|enable|bump|pin|downgrade)\s",
    )
});

/// A name only code has, in a maintainer's prose: `applyConfig`, `Ring.Pick`, `next_time` or
/// `ExecuteAsync` in backticks. Not a word with a capital inside that brands use (`macOS`,
/// `iPhone`, `eBPF`: one lowercase letter, or no lowercase after the capital).
static CODE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"\b[a-z]{2,}(?:[A-Z][a-z0-9]+)+\b|\b[A-Z][a-z]+(?:[A-Z][a-z0-9]*)*\.[A-Z][a-z]+(?:[A-Z][a-z0-9]*)*\b|`[a-z][a-z0-9]*(?:_[a-z0-9]+)+[!?]?`|`[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+`",
    )
});

static TASK_REF: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"^\s*[-*]\s+\[[ xX]\].*#\d+"));
pub(crate) static DESIGN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)^\s*(?:\[\s*(?:rfc|proposal|discussion|idea)\s*\]|(?:rfc|proposal|discussion|idea)\b\s*[:\-]?|should\s+(?:we|\w+\s+(?:be|become|support|use|drop|switch|move))\b|should\b[^?]{0,80}\?\s*$|(?:drop|deprecate|remove|rename|switch to|move to|require)\b[^?]{0,60}\?\s*$)",
    )
});
static FEATURE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)^\s*(?:\[\s*(?:feature|feat|enhancement|request|feature request|idea|suggestion)\s*\]|(?:feature(?: request)?|feat|enhancement|request|suggestion)\s*[:(\-]|(?:add|support|allow|make|let|provide|expose|implement|enable|offer|introduce)\b|option to\b|ability to\b|(?:a |an )?(?:way|flag|setting|option) to\b)",
    )
});
static QUESTION_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)^\s*(?:\[\s*(?:question|q|help|support)\s*\]|(?:question|help|support)\s*[:\-]|how (?:do|can|to|should|would|does)\b|is (?:it|there) (?:possible|a way)\b|can (?:i|we|you)\b|what(?:'s| is| are) the\b|where (?:is|are|can)\b|why (?:does|do|is)\b)",
    )
});
/// What a failure of the reporter's installation or environment looks like: the package does
/// not load, a module or a native library is missing, certificates, proxies, permissions.
static SETUP_FAILURE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)modulenotfounderror|no module named|cannot open shared object|dll load failed|could not load dynamic library|undefined symbol|glibc_?[\d.]* not found|glibcxx|libcudart|cuda setup failed|cuda_setup|certificate verify failed|unable to get local issuer|self[- ]signed certificate|ssl: certificate|econnrefused|econnreset|etimedout|enotfound|getaddrinfo|proxyerror|proxyconnect|proxy authentication|https?_proxy|no_proxy|tunnel connection failed|(?:unable|cannot|can't|failed) to connect to (?:the )?proxy|(?:corporate|company|intercepting|mitm) proxy|behind an? (?:corporate |company )?proxy|permission denied|eacces|command not found|is not recognized as an internal or external command|no such file or directory.*(?:\.so|\.dll|bin/)|could not find a version that satisfies|no matching distribution|externally-managed-environment|failed building wheel|error: subprocess-exited-with-error|npm err! code e|cannot find module|module not found: error: can't resolve|gyp err|xcrun: error|dyld\[?\d*\]?: library not loaded|x509: certificate|certificate signed by unknown authority|ssl_error_syscall|unable to verify the first certificate|expkeysig|no_pubkey|gpg: .*(?:expired|no public key)|request entity too large|could not resolve host|name or service not known|temporary failure in name resolution|network is unreachable|connection timed out|connection refused|connectionrefusederror|no pg_hba\.conf entry|err_pnpm_peer_dep_issues|npm err! code eresolve|conflicting peer dependency|unmet peer dependency|does not satisfy that requirement|could not be resolved to an installable set|the requested php extension|(?:class|interface) \S+ not found|call to undefined function [a-z0-9_]+\b|unchecked dependencies for environment|the dependency does not match the requirement|can't continue due to errors on dependencies|nosuchmethoderror|noclassdeffounderror|classnotfoundexception|evictionerrorlevel|checkaarmetadata|to compile against version \d+ or later|cmdline-tools component is missing|android license status unknown|cocoapods not installed|could not find compatible versions for pod|could not resolve dependencies|\(backjumping, conflict set|missing dependency on a foreign library|missing \(or bad\) (?:c library|header file)",
    )
});

/// Where `text` shows the installation failing ([`SETUP_FAILURE`]): not a database's "permission
/// denied for table x", which is the privileges the project's code connected with.
fn setup_failure(text: &str) -> Option<regex::Match<'_>> {
    SETUP_FAILURE.find_iter(text).find(|m| {
        !(m.as_str().eq_ignore_ascii_case("permission denied")
            && text
                .get(m.end()..m.end() + 5)
                .is_some_and(|t| t.eq_ignore_ascii_case(" for ")))
    })
}

pub(crate) static TRACKING_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)^\s*\[?\s*(?:tracking|tracker|umbrella|meta|roadmap|epic)\b|\btracking issue\b|\broadmap\b",
    )
});

/// A release's title ("Release 2.1.0", "chore(release): 3.0", "Version Packages", "v1.4.2"):
/// its body lists what went in, item by item.
pub(crate) static RELEASE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?i)^\s*(?:\[?releas(?:e|ing)\]?\s*:?\s*v?\d|chore\(release\)|prepare (?:the )?release\b.*\d|version packages|v?\d+\.\d+(?:\.\d+)?(?:[-.]?\w+)?\s*$)",
    )
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
    "need to decide",
    "an api decision",
    "will decide",
    "before anyone writes code",
    "let's think about it",
    "let me think about it",
    "need to think about",
    "not sure we want",
    "not sure we should",
    "no strong opinion",
    "let me think about which",
    "breaks every user",
    "would be a breaking change",
];
const AGREED_PHRASES: &[&str] = &[
    "yes please",
    "accepted.",
    "accepted,",
    "accepted!",
    "anyone can pick it up",
    "want to send a pr",
    "like to send a pr",
    "feel free to send",
    "feel free to open a pr",
    "feel free to submit",
    "send a pr",
    "a pr is welcome",
    "a pr would be welcome",
    "happy to take a pr",
    "happy to take prs",
    "happy to take a fix",
    "i like it.",
    "i like it!",
    "would take a fix",
    "should be a small change",
    "should be a small fix",
    "should be an easy fix",
    "would take prs",
    "would take a pr",
    "open to a pr",
    "contributions welcome",
    "makes sense to",
    "pr welcome",
    "prs welcome",
    "patch welcome",
    "patches welcome",
    "a patch is welcome",
    "a patch would be welcome",
    "yes, we should",
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
    "let's have it",
    "let's add",
    "let's support",
    "happy to add",
    "we'd accept",
    "we would accept",
    "good catch",
];
/// A maintainer taking the work on themselves.
const CLAIM_PHRASES: &[&str] = &[
    "i'm on it",
    "i am on it",
    "i'm working on",
    "i am working on",
    "i'll take this",
    "i will take this",
    "i'll take it",
    "i'll take care of",
    "i will take care of",
    "i have a branch",
    "i already have a branch",
    "i've got a branch",
    "i have a fix locally",
    "i'll send a pr",
    "i'll open a pr",
    "i'll put up a pr",
    "i'll fix this",
    "i will fix this",
    "i'll do it",
    "i will do it",
    "i'm doing this",
    "i am doing this",
    "i'll do this",
    "i will do this",
    "i'll pick this up",
    "i will pick this up",
    "assigning myself",
    "assigning to myself",
    "assigning it to myself",
    "assigning this to myself",
    "assigned it to myself",
    "assigned this to myself",
    "i have a local branch",
    "/assign me",
    "still on it",
    "still working on it",
    "still working on this",
];
/// Someone outside the project taking the work on ("/assign", "I'd like to work on this").
const TAKE_PHRASES: &[&str] = &[
    "i'd like to work on this",
    "i would like to work on this",
    "i'll work on this",
    "i will work on this",
    "i'm working on this",
    "i am working on this",
    "i'll open a pr",
    "will open a pr",
    "i'll send a pr",
    "i'll submit a pr",
    "i'll take this",
    "i'll take it",
    "i can take this",
];
/// Someone saying a pull request for it is up (the pull request itself need not say so).
const PR_OPENED_PHRASES: &[&str] = &[
    "opened a pr",
    "opened a pull request",
    "opened pr #",
    "sent a pr",
    "sent a pull request",
    "submitted a pr",
    "submitted a pull request",
    "put up a pr",
    "raised a pr",
    "created a pr",
    "made a pr",
    "filed a pr",
    "pr for this",
    "pull request for this",
    "pr is up",
    "pr's up",
];
/// A maintainer handing the work back.
const UNCLAIM_PHRASES: &[&str] = &[
    "up for grabs",
    "anyone can take",
    "anyone is welcome to take",
    "someone else can take",
    "feel free to take",
    "feel free to pick",
    "won't get to this",
    "won't have time",
    "unassigning myself",
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
];
const FIXED_PHRASES: &[&str] = &[
    "has been fixed",
    "should be gone",
    "have been fixed",
    "already fixed",
    "is fixed in",
    "was fixed in",
    "fixed in v",
    "fixed in the",
    "fixed in version",
    "fixed in 0.",
    "fixed in 1.",
    "fixed in 2.",
    "fixed in 3.",
    "fixed in 4.",
    "fixed in 5.",
    "fixed in 6.",
    "fixed in 7.",
    "fixed in 8.",
    "fixed in 9.",
    "fixed on main",
    "fixed on master",
    "fixed by #",
    "fixed via #",
    "is now fixed",
    "this is fixed",
    "should now be fixed",
    "resolved in v",
    "resolved in #",
    "resolved in version",
    "resolved in the latest",
    "resolved on main",
    "resolved on master",
    "fixed since",
    "fine since",
    "works since",
    "landed in",
    "fix is in v",
    "fix is in 0",
    "fix is in 1",
    "fix is in 2",
    "fix is in 3",
    "fix is in 4",
    "fix is in 5",
    "fix is in 6",
    "fix is in 7",
    "fix is in 8",
    "fix is in 9",
    "fix is in main",
    "fix is in master",
    "fix is in #",
    "fix is in the latest",
    "fix is in the next",
    "fix is in release",
    "fix is in now",
    "fix is in.",
    "fix has been released",
    "fix was released",
    "works in the latest",
    "works with the latest",
    "no longer reproduce",
    "no longer happens",
    "can't reproduce on main",
    "cannot reproduce on main",
    "already on main",
    "on main already",
    "already rejects it on main",
    "already handles it on main",
    "will be in the next release",
    "which should fix this",
    "which should fix it",
];
const RESOLVED_PHRASES: &[&str] = &[
    "that worked",
    "that fixed it",
    "this fixed it",
    "it works now",
    "works now",
    "working now",
    "solved it",
    "problem solved",
    "my bad",
    "my mistake",
    "never mind",
    "nevermind",
    "it was my",
    "on my side",
    "on my end",
    "user error",
    "thanks, that",
    "thank you, that",
    "figured it out",
    "that was it",
    "fine now",
    "that did it",
    "did the trick",
    "fixed it. thank",
    "fixed it, thank",
    "fixed, thank",
];
const WONT_FIX_PHRASES: &[&str] = &[
    "won't fix",
    "wont fix",
    "will not fix",
    "not going to fix",
    "not going to add",
    "not going to support",
    "we won't",
    "we will not",
    "out of scope",
    "outside the scope",
    "outside of the scope",
    "not planned",
    "no plans to",
    "not something we",
];
const NOT_A_BUG_PHRASES: &[&str] = &[
    "not a bug",
    "working as intended",
    "works as intended",
    "as designed",
    "by design",
    "expected behavior",
    "expected behaviour",
    "intended behavior",
    "intended behaviour",
    "this is expected",
    "is expected here",
];
const ENVIRONMENT_PHRASES: &[&str] = &[
    "your environment",
    "your installation",
    "your install",
    "your setup",
    "your proxy",
    "your firewall",
    "your network",
    "your system",
    "your path",
    "your local",
    "your machine",
    "your config",
    "on your side",
    "an issue with your",
    "a problem with your",
    "not related to this",
    "not an issue with",
    "not a problem with",
    "upstream issue",
    "upstream bug",
    "issue upstream",
    "report it upstream",
    "please reinstall",
    "try reinstalling",
    "fresh virtualenv",
    "fresh venv",
    "clean environment",
    "clean install",
    "we do not maintain",
    "we don't maintain",
    "not maintained by us",
    "is not ours",
    "isn't ours",
    "in your graph",
    "your dependency graph",
    "your lockfile",
    "your lock file",
    "your mix.lock",
    "your composer.lock",
    "your gemfile.lock",
    "your package-lock",
    "your yarn.lock",
    "your poetry.lock",
    "in your application",
    "in your supervision tree",
    "nothing we can change",
    "nothing to change in",
    "nothing to change on",
    "nothing we can do on our side",
    "report it to them",
    "please report it to",
];
/// Another user who made it happen too (more than "+1").
const REPRODUCED_PHRASES: &[&str] = &[
    "i can reproduce",
    "can confirm",
    "i could reproduce",
    "i reproduced",
    "we can reproduce",
];
const CONFIRMED_PHRASES: &[&str] = &[
    "i can reproduce",
    "can confirm",
    "i could reproduce",
    "reproduced",
    "confirmed",
    "this is a bug",
    "this is indeed a bug",
    "looks like a bug",
    "valid bug",
    "good catch",
    "thanks for the report",
    "we should fix",
    "needs fixing",
    "should be fixed in",
    "my bad",
    "my mistake",
    "my fault",
    "an oversight",
    "bug in the",
    "bug on our side",
    "treat this as a bug",
    "treat it as a bug",
];
/// A maintainer asking someone else to confirm it ("leaving this open so you can confirm").
const CONFIRM_ASKS: &[&str] = &[
    "you can confirm",
    "you could confirm",
    "you to confirm",
    "please confirm",
    "can you confirm",
    "could you confirm",
    "once you confirm",
    "until you confirm",
];
const ANSWER_PHRASES: &[&str] = &[
    "you can ",
    "you need to",
    "you should",
    "you'll need",
    "you have to",
    "you could",
    "try ",
    "use ",
    "set ",
    "instead",
    "see the doc",
    "in the docs",
    "documentation",
    "as documented",
];
const CANNOT_REPRODUCE_PHRASES: &[&str] = &[
    "cannot reproduce",
    "can't reproduce",
    "could not reproduce",
    "couldn't reproduce",
    "unable to reproduce",
    "not able to reproduce",
    "doesn't reproduce",
    "does not reproduce",
    "can't get this to happen",
    "cannot get this to happen",
    "couldn't get this to happen",
    "can't make this happen",
    "can't trigger",
    "cannot trigger",
    "could not trigger",
    "couldn't trigger",
    "could not get the crash",
    "couldn't get the crash",
    "could not get it to",
    "couldn't get it to",
];
/// A reporter who cannot make the failure happen at will.
const INTERMITTENT_PHRASES: &[&str] = &[
    "can't reproduce locally",
    "can't reproduce it locally",
    "cannot reproduce locally",
    "cannot reproduce it locally",
    "can't reproduce it reliably",
    "cannot reproduce it reliably",
    "can't reliably reproduce",
    "cannot reliably reproduce",
    "not reproducible",
    "hard to reproduce",
    "difficult to reproduce",
    "happened once",
    "happened only once",
    "only happens once",
    "once in a while",
    "now and then",
    "intermittent",
    "sporadic",
    "randomly",
    "at random",
    "can't reproduce on purpose",
    "cannot reproduce on purpose",
    "can't reproduce it on purpose",
    "cannot reproduce it on purpose",
    "can't make it fail",
    "cannot make it fail",
    "can't make it happen",
    "cannot make it happen",
    "fails sometimes",
    "sometimes fails",
];
const FEATURE_PHRASES: &[&str] = &[
    "feature request",
    "would be nice",
    "would be great",
    "would be useful",
    "would be helpful",
    "would love",
    "it'd be nice",
    "is your feature request",
    "please add",
    "please support",
    "i'd like to be able",
    "i would like to be able",
    "add support for",
    "add an option",
    "add a way",
    "possible to add",
    "consider adding",
    "any plans to support",
    "any plans to add",
];
const EXPECTED_PHRASES: &[&str] = &[
    "expected behavior",
    "expected behaviour",
    "expected result",
    "expected output",
    "i expected",
    "i expect",
    "should return",
    "should be",
    "instead of",
    "but got",
    "but it",
    "actual behavior",
    "actual behaviour",
    "actual result",
    "expected:",
];
/// Expected behaviour said otherwise: "Expected 500 ms.", "should probably say \"now\"".
static EXPECTED: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(
        r"(?m)(?:^|[.!?]\s+)expected\s|\bshould (?:probably |rather |instead |just )?(?:say|show|print|read|display)\b",
    )
});
/// The reporter's (or a maintainer's) guess at the cause.
const HYPOTHESIS_PHRASES: &[&str] = &[
    "looks like the ",
    "looks like it ",
    "seems like the ",
    "seems that the ",
    "i guess the ",
    "i suspect the ",
    "i suspect that ",
    "my guess is ",
    "probably because ",
    "the cause is ",
    "the problem is that ",
    "the bug is that ",
];
/// Someone says the problem remains (after a fix, a release, an answer).
const STILL_PHRASES: &[&str] = &[
    "still happening",
    "still happens",
    "still broken",
    "still seeing",
    "still see this",
    "still see the",
    "still an issue",
    "still a problem",
    "still occurs",
    "still fails",
    "still failing",
    "still present",
    "still the case",
    "still there in",
    "still reproduc",
    "still getting",
    "still get the",
    "still not working",
    "still doesn't work",
    "still does not work",
    "not fixed",
    "isn't fixed",
    "is not fixed",
    "reappeared",
    "came back in",
];
const KEEP_OPEN_PHRASES: &[&str] = &[
    "keep this open",
    "keeping this open",
    "reopening",
    "let's keep",
    "leave this open",
    "leaving this open",
    "leave it open",
    "leaving it open",
    "keep it open",
    "keeping it open",
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
    "please attach",
    "please enable",
    "attach the log",
    "attach a log",
    "attach the full",
    "if you can",
    "if you could",
    "friendly ping",
    "need more information",
    "more details",
    "minimal repro",
    "minimal script",
    "reproducer",
    "would help",
    "are you using",
    "which version",
    "what version",
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

/// What makes a sentence a guess rather than a claim about the reporter's environment.
const GUESS_HEDGES: &[&str] = &["whether", " if ", "might", "could be", "may be", "not sure"];
/// Conditions that ask leave rather than doubt ("I'd like to work on this if nobody else is").
const POLITE_IFS: &[&str] = &[
    " if nobody",
    " if no one",
    " if noone",
    " if that's ok",
    " if that's okay",
    " if that is ok",
    " if you don't mind",
];
/// What makes "fixed in" a partial fix.
const PARTIAL_HEDGES: &[&str] = &[
    "remaining",
    "partial",
    "part of",
    "the rest",
    "not yet",
    "might",
];

/// Like [`phrase_in`], for claims: a phrase in a question or a hedged sentence ("whether
/// this is the fallback or your environment") does not count.
fn claim_in(text_lower: &str, phrases: &[&str], hedges: &[&str], original: &str) -> Option<String> {
    for p in phrases {
        for (at, _) in text_lower.match_indices(p) {
            let start = text_lower.get(..at).map_or(0, sentence_start);
            let end = at + text_lower.get(at..).map_or(0, sentence_end);
            let Some(sentence) = text_lower.get(start..end) else {
                continue;
            };
            // "if nobody else is", "if that's ok": politeness, not doubt.
            let mut plain = sentence.to_string();
            for polite in POLITE_IFS {
                plain = plain.replace(polite, "");
            }
            let hedged =
                sentence.trim_end().ends_with('?') || hedges.iter().any(|h| plain.contains(h));
            if !hedged && !negated(&text_lower[start..at]) && !requested(&text_lower[start..at]) {
                let quoted = (text_lower.len() == original.len())
                    .then(|| original.get(start..end))
                    .flatten()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
                return Some(quoted.unwrap_or_else(|| p.to_string()));
            }
        }
    }
    None
}

/// Whether the words just before a phrase deny it: "Not your setup", "this isn't fixed in",
/// "it's not caused by your setup". Only the clause the phrase is in counts (after the last
/// comma, colon or semicolon), and only its last three words, so that "I can't reproduce it so
/// it's your setup" still blames the setup.
fn negated(before: &str) -> bool {
    let clause = before
        .rsplit([',', ';', ':', '(', '—'])
        .next()
        .unwrap_or(before);
    let clause = clause.trim_end();
    ["nothing to do with", "unrelated to", "no fault of"]
        .iter()
        .any(|p| clause.ends_with(p))
        // "I don't think you need your proxy": a doubt about the whole clause.
        || ["don't think", "do not think", "doubt "]
            .iter()
            .any(|p| clause.contains(p))
        || clause.split_whitespace().rev().take(3).any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            matches!(w, "not" | "never" | "nothing" | "hardly") || w.ends_with("n't")
        })
}

/// Whether the sentence before a phrase asks for the thing it names rather than blames it:
/// "Please add the log and your config", "can you attach your setup's output".
fn requested(before: &str) -> bool {
    before.split_whitespace().any(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
            "share"
                | "add"
                | "post"
                | "attach"
                | "paste"
                | "send"
                | "provide"
                | "include"
                | "upload"
                | "give"
        )
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

/// Phrases of a reply that promises an answer rather than giving one.
const PROMISE_PHRASES: &[&str] = &[
    "will try",
    "will get",
    "will check",
    "will report back",
    "will look",
    "i'll try",
    "i'll get",
    "i'll check",
    "i'll report",
    "i'll look",
    "when i get",
    "when i have time",
    "still interested",
    "any update",
    "bump",
];

/// Whether a reply gives something (output, code, an answer) rather than a promise or a bump.
fn is_substantive(body: &str, prose_lower: &str) -> bool {
    let has_code = text::segment(body)
        .iter()
        .any(|l| matches!(l.kind, LineKind::Code | LineKind::Dump(_)));
    has_code || prose_lower.len() >= 200 || !PROMISE_PHRASES.iter().any(|p| prose_lower.contains(p))
}

/// The words a signal was read from: who wrote it and the sentence.
fn quote(user: Option<&str>, sentence: &str) -> String {
    match user {
        Some(u) => format!("{u}: \"{sentence}\""),
        None => format!("\"{sentence}\""),
    }
}

impl Facts {
    /// Reads the facts of a thread; `config` decides which hardware words count, `project`
    /// which files named in it are the project's.
    pub(crate) fn read(
        doc: &ThreadDoc,
        errors: &[ErrorSignal],
        config: &TriageConfig,
        project: &Project,
    ) -> Facts {
        let thread = &doc.thread;
        let body = thread.body.as_deref().unwrap_or("");
        let mut facts = Facts::default();

        let mut code_lines = 0usize;
        let mut steps = 0usize;
        let mut prose = thread.title.to_lowercase();
        prose.push('\n');
        let mut body_all = prose.clone();
        let mut body_prose = String::new();
        let mut task_refs = 0usize;
        // The report's code, logs and dumps: where a setup failure shows.
        let mut setup_lines = String::new();
        // Prose that is not a heading: where the reporter says what they expected.
        let mut plain_prose = String::new();
        // What the reporter wrote beyond the template: not its headings, not its prompts
        // ("Output of `x`:"), not empty fences.
        let mut filled = 0usize;
        // Inside a reproduction section with nothing in it yet; whether one ended so.
        let mut repro_open = false;
        let mut repro_empty = false;
        for line in text::segment(body) {
            let t = line.text.trim();
            let heading = line.kind == LineKind::Heading
                || (line.kind == LineKind::Boilerplate
                    && (t.starts_with('#') || (t.starts_with("**") && t.len() > 4)));
            if heading {
                repro_empty |= repro_open;
                repro_open = t.to_lowercase().contains("reproduc");
            } else if repro_open
                && matches!(
                    line.kind,
                    LineKind::Prose | LineKind::Code | LineKind::Dump(_) | LineKind::Quote
                )
                && !t.is_empty()
                && !PLACEHOLDER_LINE.is_match(t)
            {
                repro_open = false;
            }
            filled += match line.kind {
                LineKind::Prose if t.ends_with(':') && t.len() <= 100 => 0,
                LineKind::Prose | LineKind::Heading | LineKind::Quote => t.len(),
                LineKind::Code if !PLACEHOLDER_LINE.is_match(t) => t.len(),
                LineKind::Dump(_) => t.len(),
                _ => 0,
            };
            match line.kind {
                LineKind::Code | LineKind::Dump(_) => {
                    if line.kind == LineKind::Code
                        && !line.text.trim().is_empty()
                        && !PLACEHOLDER_LINE.is_match(line.text)
                    {
                        code_lines += 1;
                    }
                    body_all.push_str(line.text);
                    body_all.push('\n');
                    setup_lines.push_str(line.text);
                    setup_lines.push('\n');
                }
                LineKind::Prose | LineKind::Heading => {
                    if line.kind == LineKind::Prose {
                        plain_prose.push_str(&line.text.to_lowercase());
                        plain_prose.push('\n');
                    }
                    if NUMBERED_STEP.is_match(line.text) {
                        steps += 1;
                    }
                    if TASK_REF.is_match(line.text) {
                        task_refs += 1;
                    }
                    prose.push_str(&line.text.to_lowercase());
                    prose.push('\n');
                    body_prose.push_str(line.text);
                    body_prose.push('\n');
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
        } else if LITERAL_INPUT.is_match(&body_prose) && EXPECTATION.is_match(&body_prose) {
            Some("an input and what was expected of it")
        } else {
            None
        };
        facts.no_description = filled < 20;
        if repro_empty || repro_open {
            facts.set(Signal::EmptyReproduction, None);
        }

        // The shape of the report itself.
        let body_lower = body_prose.to_lowercase();
        let title = thread.title.trim();
        let has_error = !errors.is_empty();
        if FEATURE_TITLE.is_match(title) && !has_error {
            facts.set(
                Signal::FeatureRequest,
                Some(format!("the title: \"{title}\"")),
            );
        } else if let Some(p) = phrase_in(&body_lower, &body_prose, FEATURE_PHRASES)
            && !has_error
        {
            facts.set(
                Signal::FeatureRequest,
                Some(quote(thread.user.as_deref(), &p)),
            );
        }
        if QUESTION_TITLE.is_match(title) && !has_error && facts.reproduction.is_none() {
            facts.set(Signal::Question, Some(format!("the title: \"{title}\"")));
        }
        if DESIGN_TITLE.is_match(title) {
            facts.set(
                Signal::DesignQuestion,
                Some(format!("the title: \"{title}\"")),
            );
        } else if let Some(p) = phrase_in(&body_lower, &body_prose, DESIGN_PHRASES) {
            facts.set(
                Signal::DesignQuestion,
                Some(quote(thread.user.as_deref(), &p)),
            );
        }
        if let Some(p) = phrase_in(&body_lower, &body_prose, INTERMITTENT_PHRASES) {
            facts.set(
                Signal::Intermittent,
                Some(quote(thread.user.as_deref(), &p)),
            );
        }
        if let Some(p) = phrase_in(&body_lower, &body_prose, HYPOTHESIS_PHRASES) {
            facts.set(Signal::Hypothesis, Some(quote(thread.user.as_deref(), &p)));
        }
        if EXPECTED_PHRASES.iter().any(|p| plain_prose.contains(p))
            || EXPECTED.is_match(&plain_prose)
        {
            facts.set(Signal::ExpectedActual, None);
        }
        // A file the project's tree lacks (once the tree is known) is the reporter's own
        // (`src/main.ts` of their app), not the code at fault; a backticked function is. The
        // file an error line says it was raised in is where it showed, not a diagnosis.
        let in_error_line = |m: &regex::Match<'_>| {
            let start = body_prose[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let end = body_prose[m.end()..]
                .find('\n')
                .map_or(body_prose.len(), |i| m.end() + i);
            let line = &body_prose[start..end];
            // Where the program said it failed ("... not found in /app/src/X.php:34"): a
            // file with its line number, on the line of an error.
            let after = &body_prose[m.end()..end];
            FILE_LINE.is_match(after)
                && errors
                    .iter()
                    .any(|e| !e.example.is_empty() && line.contains(e.example.as_str()))
        };
        if let Some(m) = DIAGNOSIS.find_iter(&body_prose).find(|m| {
            let name = m.as_str().trim_matches('`');
            !super::code::is_placeholder(m.as_str())
                && (!IS_SOURCE_FILE.is_match(name) || project.may_have_file(name))
                && !in_error_line(m)
        }) {
            facts.set(
                Signal::Diagnosed,
                Some(format!("names `{}`", m.as_str().trim_matches('`'))),
            );
        }
        // A setup failure shows in the error or the pasted output, not in the prose (an
        // issue about proxy support talks about proxies).
        if let Some(e) = errors
            .iter()
            .find(|e| setup_failure(&e.signature).is_some())
        {
            facts.set(
                Signal::SetupFailure,
                Some(format!("the error: `{}`", e.example)),
            );
        } else if let Some(m) = setup_failure(&setup_lines) {
            let start = setup_lines[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let end = setup_lines[m.start()..]
                .find('\n')
                .map_or(setup_lines.len(), |i| m.start() + i);
            facts.set(
                Signal::SetupFailure,
                Some(format!("the output: `{}`", setup_lines[start..end].trim())),
            );
        }

        // A bare "/assign" from someone outside the project: they take it.
        for c in &doc.comments {
            let body = c.body.trim().to_lowercase();
            if (body == "/assign" || body == "/assign me")
                && !is_bot(c.user.as_deref())
                && !is_maintainer(c.author_association.as_deref())
            {
                facts.set(Signal::Taken, Some(quote(c.user.as_deref(), c.body.trim())));
                facts.taken_at = facts.taken_at.max(c.created_at);
            }
        }
        let mut comments: Vec<&Comment> = doc
            .comments
            .iter()
            .filter(|c| !is_bot(c.user.as_deref()) && !text::is_command_only(&c.body))
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

        // What maintainers and the reporter said, in order: a later word can undo an earlier one.
        let mut close_or_keep: Option<(bool, String)> = None;
        let mut last_maintainer: Option<usize> = None;
        // What maintainers wrote: they may say where the failure shows.
        let mut maintainer_prose = String::new();
        let mut last_reporter: Option<usize> = None;
        for (i, c) in comments.iter().enumerate() {
            let user = c.user.as_deref();
            let (original, lower) = prose_of(&c.body);
            let from_reporter = user.is_some() && user == reporter;
            let from_maintainer = is_maintainer(c.author_association.as_deref()) && !from_reporter;
            if STILL_PHRASES.iter().any(|p| lower.contains(p)) {
                facts.still_broken_at = facts.still_broken_at.max(c.created_at);
                // A later word that it still happens undoes an earlier "fixed".
                if !FIXED_PHRASES.iter().any(|p| lower.contains(p)) {
                    facts.unset(Signal::SaidFixed);
                    facts.unset(Signal::MaintainerSaidFixed);
                    facts.unset(Signal::ReporterResolved);
                }
            }
            // "Duplicate of #M, fixed in 2.0.1" is the other thread's fix: a duplicate.
            if let Some(p) = claim_in(&lower, FIXED_PHRASES, PARTIAL_HEDGES, &original)
                && !lower.contains("duplicate of")
            {
                if from_maintainer {
                    facts.set(Signal::MaintainerSaidFixed, Some(quote(user, &p)));
                }
                facts.set(Signal::SaidFixed, Some(quote(user, &p)));
            }
            if let Some(p) = claim_in(&lower, PR_OPENED_PHRASES, GUESS_HEDGES, &original) {
                facts.set(Signal::PrAnnounced, Some(quote(user, &p)));
            }
            // The reporter or anyone else outside the project taking it on.
            if !from_maintainer
                && let Some(p) = claim_in(&lower, TAKE_PHRASES, GUESS_HEDGES, &original)
            {
                facts.set(Signal::Taken, Some(quote(user, &p)));
                facts.taken_at = facts.taken_at.max(c.created_at);
            }
            if from_reporter {
                // "Will try next week" does not answer a request.
                if is_substantive(&c.body, &lower) {
                    last_reporter = Some(i);
                }
                if let Some(p) = phrase_in(&lower, &original, RESOLVED_PHRASES) {
                    facts.set(Signal::ReporterResolved, Some(quote(user, &p)));
                }
                continue;
            }
            if !from_maintainer {
                if claim_in(&lower, REPRODUCED_PHRASES, GUESS_HEDGES, &original).is_some() {
                    facts.reproduced_by_others = true;
                }
                continue;
            }
            last_maintainer = Some(i);
            maintainer_prose.push_str(&lower);
            maintainer_prose.push('\n');
            if let Some(p) = phrase_in(&lower, &original, DECISION_OPEN_PHRASES) {
                facts.set(Signal::DecisionOpen, Some(quote(user, &p)));
            }
            if let Some(p) = phrase_in(&lower, &original, AGREED_PHRASES) {
                facts.set(Signal::MaintainerAgreed, Some(quote(user, &p)));
            }
            if let Some(p) = claim_in(&lower, CONFIRMED_PHRASES, CONFIRM_ASKS, &original) {
                facts.set(Signal::Confirmed, Some(quote(user, &p)));
            }
            if let Some(p) = phrase_in(&lower, &original, WONT_FIX_PHRASES) {
                facts.set(Signal::WontFix, Some(quote(user, &p)));
            }
            if let Some(p) = claim_in(&lower, NOT_A_BUG_PHRASES, GUESS_HEDGES, &original) {
                facts.set(Signal::NotABug, Some(quote(user, &p)));
            }
            if let Some(p) = claim_in(&lower, ENVIRONMENT_PHRASES, GUESS_HEDGES, &original) {
                facts.set(Signal::EnvironmentBlamed, Some(quote(user, &p)));
            }
            if let Some(p) = claim_in(&lower, CLAIM_PHRASES, GUESS_HEDGES, &original) {
                facts.unset(Signal::MaintainerClaimed);
                facts.set(Signal::MaintainerClaimed, Some(quote(user, &p)));
                facts.claimed_at = c.created_at;
            } else if claim_in(&lower, UNCLAIM_PHRASES, GUESS_HEDGES, &original).is_some() {
                facts.unset(Signal::MaintainerClaimed);
                facts.claimed_at = 0;
            }
            if let Some(m) = LACKS
                .find_iter(&original)
                .find(|m| !INFO_THING.is_match(m.as_str()))
            {
                let start = sentence_start(&original[..m.start()]);
                let end = m.end() + sentence_end(&original[m.end()..]);
                let sentence = original.get(start..end).unwrap_or(m.as_str()).trim();
                facts.set(Signal::MaintainerLacks, Some(quote(user, sentence)));
            }
            if let Some(code) = pinpoint(&original) {
                facts.set(Signal::Pinpointed, Some(quote(user, &code)));
            }
            // A maintainer's lead on the cause points at it.
            if let Some(p) = phrase_in(&lower, &original, HYPOTHESIS_PHRASES) {
                facts.set(Signal::Pinpointed, Some(quote(user, &p)));
            }
            if let Some(p) = phrase_in(&lower, &original, KEEP_OPEN_PHRASES) {
                close_or_keep = Some((false, quote(user, &p)));
            }
            if let Some(p) = phrase_in(&lower, &original, CLOSE_PHRASES) {
                close_or_keep = Some((true, quote(user, &p)));
            }
        }
        match close_or_keep {
            Some((true, said)) => facts.set(Signal::CloseProposed, Some(said)),
            Some((false, said)) => facts.set(Signal::KeptOpen, Some(said)),
            None => {}
        }
        // The maintainer's last word, when nobody answered it: a question for the reporter,
        // a failed reproduction, or an answer to a question.
        facts.maintainer_spoke = last_maintainer.is_some();
        if let Some(m) = last_maintainer
            && last_reporter.is_none_or(|r| r < m)
        {
            let c = comments[m];
            let user = c.user.as_deref();
            let (original, lower) = prose_of(&c.body);
            if let Some(p) = phrase_in(&lower, &original, CANNOT_REPRODUCE_PHRASES) {
                facts.set(Signal::CannotReproduce, Some(quote(user, &p)));
            }
            // A request: a question, a "please", or "if you can ..., that would help".
            let conditional = (lower.contains("if you can") || lower.contains("if you could"))
                && (lower.contains("would help") || lower.contains("would be helpful"));
            if let Some(p) = phrase_in(&lower, &original, INFO_PHRASES)
                && (lower.contains('?') || lower.contains("please") || conditional)
            {
                facts.set(Signal::InfoRequested, Some(quote(user, &p)));
            }
            facts.waiting_on_reporter =
                facts.has(Signal::InfoRequested) || facts.has(Signal::CannotReproduce);
            if let Some(p) = phrase_in(&lower, &original, ANSWER_PHRASES)
                && !facts.waiting_on_reporter
            {
                facts.answer_given = Some(quote(user, &p).into_boxed_str());
                if facts.has(Signal::Question) || facts.has(Signal::SetupFailure) {
                    facts.set(Signal::Answered, Some(quote(user, &p)));
                }
            }
        }
        // A reporter who came back after the maintainer's answer and thanked them.
        if facts.has(Signal::ReporterResolved)
            && (facts.has(Signal::Question) || last_maintainer.is_some())
        {
            facts.set(Signal::Answered, None);
        }
        // A maintainer who confirmed the bug, or pointed at the project's code for it (and did
        // not blame the environment), answered the question of whether it is one.
        if facts.has(Signal::Confirmed)
            || (facts.has(Signal::Pinpointed) && !facts.has(Signal::EnvironmentBlamed))
        {
            facts.unset(Signal::SetupFailure);
        }
        facts.hardware =
            hardware::hardware(doc, &prose, &maintainer_prose, &body_all, errors, config)
                .into_iter()
                .map(String::into_boxed_str)
                .collect();
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_denied_in_its_clause_is_no_claim() {
        let env = |s: &str| claim_in(&s.to_lowercase(), ENVIRONMENT_PHRASES, GUESS_HEDGES, s);
        assert!(env("Not your setup.").is_none());
        assert!(env("It's not caused by your setup.").is_none());
        assert!(env("This has nothing to do with your environment.").is_none());
        assert!(env("I can't reproduce it so it's your setup.").is_some());
        assert!(env("Not much we can do here, it's your proxy.").is_some());
        // A doubt about the whole clause denies it too.
        assert!(env("I don't think you need your proxy to debug this.").is_none());
        assert!(env("I don't think it's our bug, it's your proxy.").is_some());
        let fixed = |s: &str| claim_in(&s.to_lowercase(), FIXED_PHRASES, PARTIAL_HEDGES, s);
        assert!(fixed("This isn't fixed in 2.1.").is_none());
        assert!(fixed("This is fixed in 2.1.").is_some());
    }

    #[test]
    fn a_proxy_fails_the_setup_only_when_it_is_the_network_in_between() {
        for setup in [
            "ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 403'))",
            "proxyconnect tcp: dial tcp 172.28.1.1:3128: connect: connection refused",
            "we are behind a corporate proxy",
            "407 Proxy Authentication Required",
        ] {
            assert!(SETUP_FAILURE.is_match(setup), "{setup}");
        }
        // The project may be a proxy: its own errors are its logic.
        for own in [
            r#"{"level":"error","msg":"proxy error","err":"malformed HTTP response"}"#,
            "proxyproto: invalid v2 header length",
            "reverse proxy drops the Upgrade header",
        ] {
            assert!(!SETUP_FAILURE.is_match(own), "{own}");
        }
    }

    #[test]
    fn a_patch_invited_in_words_is_an_agreed_change() {
        for agreed in [
            "Yes, we should do what browsers do for both name and filename. Patch welcome.",
            "Patches welcome!",
            "A patch would be welcome.",
        ] {
            let lower = agreed.to_lowercase();
            assert!(
                phrase_in(&lower, agreed, AGREED_PHRASES).is_some(),
                "{agreed}"
            );
        }
        let lower = "we should look into it at some point".to_string();
        assert!(phrase_in(&lower, &lower, AGREED_PHRASES).is_none());
    }

    #[test]
    fn a_maintainer_without_the_machine_says_so_in_many_ways() {
        for lacks in [
            "Without access to a NetWarden box this is guesswork.",
            "Without access to that appliance we can't tell.",
            "We can't reproduce without that VPN profile; can you get a heap dump?",
            "I cannot test this without the device.",
            "None of us has a Pixel.",
        ] {
            assert!(LACKS.is_match(lacks), "{lacks}");
        }
        // Information the reporter can give is not a machine.
        for info in [
            "We can't reproduce without the logs.",
            "Can't reproduce without your config file, can you post it?",
            "Without access to the source we only guess what it does.",
        ] {
            assert!(!LACKS.is_match(info), "{info}");
        }
    }

    #[test]
    fn release_titles_are_releases_and_others_are_not() {
        for t in [
            "Release 2.1.0",
            "release: v3.0.0-rc.1",
            "[Release] 1.4",
            "Releasing 0.9",
            "chore(release): publish",
            "Version Packages",
            "v1.4.2",
        ] {
            assert!(RELEASE_TITLE.is_match(t), "{t}");
        }
        for t in [
            "Release notes are missing the 2.0 changes",
            "Crash in a release build",
            "2.1.0 regression: export fails",
        ] {
            assert!(!RELEASE_TITLE.is_match(t), "{t}");
        }
    }
}
