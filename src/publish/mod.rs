//! Publishing on GitHub: the prompt comment (kept as one comment per issue and edited on a
//! re-run), gists, the size fallback, and making quoted text inert.

pub mod github;
use crate::markdown as text;

use crate::config::repo::OutputMode;
use crate::prompt::Assembled;
use crate::prompt::render::{CommentData, STATUS_END, STATUS_START, Templates, prompt_marker};

/// GitHub refuses comment bodies over 65,536 characters (422 "Body is too long").
pub const COMMENT_LIMIT: usize = 65_536;

/// Room kept for the launch command's URL, which is known only once the comment exists.
const URL_ALLOWANCE: usize = 400;

/// Where the prompt goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// Whole in the comment.
    Comment,
    /// In a gist; the comment links to it.
    Gist,
    /// In the comment, the related threads' text cut to links; `cut` when even that did not
    /// fit and the prompt was cut at the end.
    Trimmed { cut: bool },
}

/// The prompt as it will be published.
#[derive(Debug, Clone)]
pub struct Plan {
    pub destination: Destination,
    /// The text for the comment or the gist, made inert for GitHub.
    pub prompt: String,
    /// The whole prompt's length, before any trimming.
    pub full_chars: usize,
}

/// One line on the verdict for the comment's summary.
pub fn verdict_line(assembled: &Assembled) -> String {
    let v = &assembled.verdict;
    crate::messages::verdict_line(
        v.outcome.as_str(),
        v.score,
        v.blockers.first().map(String::as_str),
    )
}

/// The comment around a prompt (or a gist link), ending with the launch command.
pub struct CommentParts<'a> {
    pub number: i64,
    pub plan: &'a Plan,
    pub gist_url: Option<&'a str>,
    pub verdict_line: &'a str,
    pub status: &'a [String],
    pub launch: &'a str,
}

pub fn compose_comment(templates: &Templates, parts: &CommentParts<'_>) -> Result<String, String> {
    let in_gist = parts.plan.destination == Destination::Gist;
    templates.render_comment(&CommentData {
        marker: prompt_marker(parts.number),
        number: parts.number,
        prompt: if in_gist {
            String::new()
        } else {
            parts.plan.prompt.clone()
        },
        gist_url: parts.gist_url.map(str::to_string),
        prompt_chars: parts.plan.prompt.chars().count(),
        full_chars: parts.plan.full_chars,
        trimmed: matches!(parts.plan.destination, Destination::Trimmed { .. }),
        cut: parts.plan.destination == Destination::Trimmed { cut: true },
        // Blockers quote what people wrote: inert like the rest.
        verdict_line: text::neutralize(parts.verdict_line, Some(parts.number)),
        status_start: STATUS_START,
        status_end: STATUS_END,
        status: parts.status.to_vec(),
        launch: parts.launch.to_string(),
    })
}

/// Decides where the prompt goes (CONTRACT.md's `output`): `comment` always a comment (its
/// related threads trimmed when needed), `gist` a gist when a gist token is set, `auto` a
/// comment when it fits, else a gist, else a trimmed comment. Never over GitHub's limit.
pub fn plan(
    templates: &Templates,
    assembled: &Assembled,
    mode: OutputMode,
    gist_available: bool,
    number: i64,
    launch_template: &str,
) -> Result<Plan, String> {
    let full = text::neutralize(&templates.render_prompt(&assembled.data)?, Some(number));
    let full_chars = full.chars().count();
    let line = verdict_line(assembled);
    // The launch command with the longest URL it could get.
    let launch = launch_template.replace("{prompt_url}", &"x".repeat(URL_ALLOWANCE));
    let long_url = "x".repeat(URL_ALLOWANCE);
    let fits = |plan: &Plan| -> Result<bool, String> {
        let body = compose_comment(
            templates,
            &CommentParts {
                number,
                plan,
                gist_url: (plan.destination == Destination::Gist).then_some(long_url.as_str()),
                verdict_line: &line,
                // Room for the pull request lines the relay adds later (at most eight of about
                // 300 characters, and a count of the rest).
                status: &vec!["x".repeat(320); 9],
                launch: &launch,
            },
        )?;
        Ok(body.chars().count() <= COMMENT_LIMIT)
    };
    let whole = Plan {
        destination: Destination::Comment,
        prompt: full.clone(),
        full_chars,
    };
    let wants_gist = mode == OutputMode::Gist || (mode == OutputMode::Auto && !fits(&whole)?);
    if wants_gist && gist_available {
        return Ok(Plan {
            destination: Destination::Gist,
            prompt: full,
            full_chars,
        });
    }
    if fits(&whole)? {
        return Ok(whole);
    }
    let trimmed = text::neutralize(
        &templates.render_prompt(&assembled.trimmed())?,
        Some(number),
    );
    let mut plan = Plan {
        destination: Destination::Trimmed { cut: false },
        prompt: trimmed,
        full_chars,
    };
    if fits(&plan)? {
        return Ok(plan);
    }
    // The issue alone is too long: cut its own texts, longest first, keeping every section.
    let cuts = [
        (20_000, None),
        (8_000, None),
        (3_000, None),
        (1_000, None),
        (1_000, Some(50)),
        (400, Some(20)),
        (200, Some(5)),
    ];
    for (cap, keep) in cuts {
        let prompt = text::neutralize(
            &templates.render_prompt(&assembled.cut(cap, keep))?,
            Some(number),
        );
        plan = Plan {
            destination: Destination::Trimmed { cut: true },
            prompt,
            full_chars,
        };
        if fits(&plan)? {
            return Ok(plan);
        }
    }
    // Nothing of the issue fits (a status block or a launch command of that size): say so.
    plan.prompt = crate::messages::prompt_does_not_fit();
    Ok(plan)
}
