//! The tera templates, embedded at build time and checked at start, and the rendering of the
//! prompt, the prompt comment and the triage verdict. Rendering is a pure function of its
//! context.

use serde::Serialize;
use tera::{Context, Tera};

use super::PromptData;
use crate::analysis::Verdict;

const PROMPT: &str = include_str!("../../templates/prompt.md.tera");
const COMMENT: &str = include_str!("../../templates/comment.md.tera");
const TRIAGE: &str = include_str!("../../templates/triage.md.tera");

/// The path under which a repository may commit its own prompt template.
pub const PROMPT_OVERRIDE_PATH: &str = ".github/coordinator/prompt.md.tera";

/// The hidden marker of the prompt comment of issue `number`: found again on a re-run.
pub fn prompt_marker(number: i64) -> String {
    format!("<!-- coordinator:prompt issue={number} -->")
}

/// The hidden marker of the triage comment of issue `number`.
pub fn triage_marker(number: i64) -> String {
    format!("<!-- coordinator:triage issue={number} -->")
}

/// Where the status lines of a prompt comment start and end (pull requests linked to it).
pub const STATUS_START: &str = "<!-- coordinator:status -->";
pub const STATUS_END: &str = "<!-- /coordinator:status -->";

/// The compiled templates.
#[derive(Clone)]
pub struct Templates {
    tera: Tera,
}

/// What the prompt comment shows around the prompt.
#[derive(Debug, Clone, Serialize)]
pub struct CommentData {
    pub marker: String,
    pub number: i64,
    /// The prompt (already made inert for GitHub), or empty when it went to a gist.
    pub prompt: String,
    pub gist_url: Option<String>,
    pub prompt_chars: usize,
    pub full_chars: usize,
    pub trimmed: bool,
    /// The issue's own texts were shortened too.
    pub cut: bool,
    /// `ready for an agent` / `not ready: ...`.
    pub verdict_line: String,
    pub status_start: &'static str,
    pub status_end: &'static str,
    pub status: Vec<String>,
    pub launch: String,
}

/// The triage comment's data: the verdict plus what to do next.
#[derive(Debug, Clone, Serialize)]
pub struct TriageData {
    pub marker: String,
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The outcome in words.
    pub meaning: &'static str,
    pub next_step: Option<String>,
}

impl TriageData {
    pub fn new(marker: String, verdict: Verdict, next_step: Option<String>) -> TriageData {
        TriageData {
            marker,
            meaning: verdict.outcome.describe(),
            verdict,
            next_step,
        }
    }
}

fn error_chain(err: &tera::Error) -> String {
    let mut out = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out.replace('\n', " ")
}

impl Templates {
    /// The embedded templates, compiled and tried on a sample: a broken template stops the
    /// bot at start, not at the first `/coordinate`.
    pub fn embedded() -> Result<Templates, String> {
        Templates::build(PROMPT)
    }

    /// The embedded templates with a repository's own prompt template.
    pub fn with_prompt(prompt: &str) -> Result<Templates, String> {
        Templates::build(prompt)
            .map_err(|err| format!("{PROMPT_OVERRIDE_PATH} cannot be used: {err}"))
    }

    fn build(prompt: &str) -> Result<Templates, String> {
        let mut tera = Tera::default();
        // `.md` templates are not escaped by tera: the text is markdown, quoted by us.
        tera.add_raw_templates([
            ("prompt.md.tera", prompt),
            ("comment.md.tera", COMMENT),
            ("triage.md.tera", TRIAGE),
        ])
        .map_err(|err| error_chain(&err))?;
        let templates = Templates { tera };
        templates.render_prompt(&sample_prompt())?;
        Ok(templates)
    }

    pub fn render_prompt(&self, data: &PromptData) -> Result<String, String> {
        let context = Context::from_serialize(data).map_err(|err| error_chain(&err))?;
        self.tera
            .render("prompt.md.tera", &context)
            .map(|text| tidy(&text))
            .map_err(|err| error_chain(&err))
    }

    pub fn render_comment(&self, data: &CommentData) -> Result<String, String> {
        let context = Context::from_serialize(data).map_err(|err| error_chain(&err))?;
        self.tera
            .render("comment.md.tera", &context)
            .map(|text| tidy(&text))
            .map_err(|err| error_chain(&err))
    }

    pub fn render_triage(&self, data: &TriageData) -> Result<String, String> {
        let context = Context::from_serialize(data).map_err(|err| error_chain(&err))?;
        self.tera
            .render("triage.md.tera", &context)
            .map(|text| tidy(&text))
            .map_err(|err| error_chain(&err))
    }
}

/// No runs of more than one blank line, and one final newline: templates with conditional
/// sections leave gaps.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    let mut fence: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        // Quoted raw text is left exactly as written, blank lines included.
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) && trimmed.trim_end().chars().all(|c| c == '`') {
                fence = None;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if trimmed.starts_with("```") {
            let run: String = trimmed.chars().take_while(|c| *c == '`').collect();
            fence = Some(run);
        }
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_end_matches('\n');
    format!("{}\n", trimmed.trim_start_matches('\n'))
}

/// A small prompt for checking templates.
fn sample_prompt() -> PromptData {
    use super::{CommentView, ExistingPrView, IssueView, RelatedView, ThreadRefView, WarningView};
    let comment = CommentView {
        index: 1,
        author: "octocat".into(),
        date: "2024-01-01".into(),
        reactions: "+1 1".into(),
        body: "```text\nsample\n```".into(),
    };
    PromptData {
        repo: "o/r".into(),
        owner: "o".into(),
        name: "r".into(),
        number: 1,
        title: "sample".into(),
        setup: vec!["cd ~/git/r".into()],
        guide: Some("TESTING.md".into()),
        default_branch: "main".into(),
        issue: IssueView {
            author: "octocat".into(),
            association: Some("member".into()),
            created: "2024-01-01".into(),
            updated: "2024-01-02".into(),
            state: "open issue".into(),
            labels: vec!["bug".into()],
            reactions: String::new(),
            url: "https://github.com/o/r/issues/1".into(),
            body: "```text\nbody\n```".into(),
            comments: vec![comment.clone()],
        },
        cross_references: vec![ThreadRefView {
            number: 2,
            state: "open PR".into(),
            title: "fix".into(),
            author: "a".into(),
        }],
        open_prs: vec![],
        existing_prs: vec![ExistingPrView {
            number: 2,
            state: "merged".into(),
            title: "fix".into(),
            author: "a".into(),
            reviewed: "no maintainer has commented on it".into(),
            todo: "verify".into(),
            url: "https://github.com/o/r/pull/2".into(),
        }],
        warning: Some(WarningView {
            outcome: "already_fixed_or_claimed".into(),
            meaning: "already fixed or claimed".into(),
            blocker: "probably fixed by #2: verify and close".into(),
            evidence: vec!["merged PR #2: \"Fixes #1\"".into()],
        }),
        related: vec![RelatedView {
            number: 3,
            state: "closed issue".into(),
            title: "older".into(),
            connection: "same error".into(),
            url: "https://github.com/o/r/issues/3".into(),
            body: Some("```text\nold\n```".into()),
            comments: vec![comment],
        }],
        related_trimmed: false,
        context: vec!["context".into()],
        code: Some(super::CodeSectionView {
            sha: "0123456789ab".into(),
            pointers: vec![super::PointerView {
                place:
                    "[`pkg/load.py:12`](https://github.com/o/r/blob/0123456789ab/pkg/load.py#L12)"
                        .into(),
                permalink: "https://github.com/o/r/blob/0123456789ab/pkg/load.py#L12".into(),
                kind: "raise site".into(),
                why: "`raise ValueError` raises the reported message".into(),
                excerpt: Some(
                    "```py
    raise ValueError('no model')
```"
                    .into(),
                ),
                stale: false,
            }],
        }),
        approach: vec!["approach".into()],
        tests: vec!["tests/test_x.py".into()],
        dont: vec!["dont".into()],
        analyst: None,
        analyst_note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADINGS: [&str; 7] = [
        "## Setup",
        "## Issue #1: sample",
        "## Related Issues",
        "## Additional Context",
        "## Recommended Approach",
        "## When You Are Done",
        "## What NOT to Do",
    ];

    #[test]
    fn the_embedded_templates_render_the_seven_sections_in_order() {
        let templates = Templates::embedded().expect("templates compile");
        let text = templates.render_prompt(&sample_prompt()).expect("renders");
        let mut at = 0;
        for heading in HEADINGS {
            let found = text[at..]
                .find(&format!("\n{heading}\n"))
                .unwrap_or_else(|| panic!("{heading} missing or out of order in:\n{text}"));
            at += found + heading.len();
        }
        assert!(text.contains("### Full Issue Body"));
        assert!(text.contains("### Comments"));
        assert!(text.contains("### #3 (closed issue): older"));
        assert!(text.contains("`Fixes #1`"));
        assert_eq!(text.matches("Untrusted data").count(), 1);
        assert!(!text.contains("\n\n\n"));
    }

    #[test]
    fn a_broken_override_is_a_clear_error() {
        let err = Templates::with_prompt("{% if %}").err().expect("error");
        assert!(err.contains(PROMPT_OVERRIDE_PATH), "{err}");
        let err = Templates::with_prompt("{{ no_such_field.x }}")
            .err()
            .expect("error");
        assert!(err.contains("no_such_field"), "{err}");
        assert!(Templates::with_prompt("# {{ repo }} #{{ number }}").is_ok());
    }

    #[test]
    fn quoted_text_keeps_its_blank_lines() {
        let text = tidy("a\n\n\n\nb\n````text\nx\n\n\n\ny\n````\n\n\nc\n");
        assert_eq!(text, "a\n\nb\n````text\nx\n\n\n\ny\n````\n\nc\n");
    }
}
