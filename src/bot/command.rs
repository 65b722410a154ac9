//! The `/coordinate` command parser: a pure function over a comment's markdown.
//!
//! A command is a line that starts with the configured command word, outside fenced code
//! blocks, indented code, inline code and quotes. Every command of a comment is returned, each
//! with its own error, so a typo is answered with a helpful message instead of silence.

use std::fmt;

/// What a maintainer asked for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Command {
    /// Generate and publish the worker prompt (after the triage).
    Coordinate,
    /// Post the triage verdict only.
    Triage,
    /// The dispatcher's pass: the best candidates, their prompts published on their issues.
    Plan,
    /// The maintenance sweep: issues that can probably be closed, proposed in a reply.
    Sweep,
    /// Close the listed issues that the latest sweep proposed.
    Close(Vec<i64>),
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Coordinate => f.write_str("coordinate"),
            Command::Triage => f.write_str("triage"),
            Command::Plan => f.write_str("plan"),
            Command::Sweep => f.write_str("sweep"),
            Command::Close(numbers) => {
                f.write_str("close")?;
                for n in numbers {
                    write!(f, " #{n}")?;
                }
                Ok(())
            }
        }
    }
}

/// The issue numbers of `close`: `#12`, `12`, `#12,` and `#12, #13`.
fn close_numbers(words: &[&str]) -> Result<Vec<i64>, String> {
    let mut out = Vec::new();
    for word in words.iter().flat_map(|w| w.split(',')) {
        let w = word.trim();
        if w.is_empty() {
            continue;
        }
        let digits = w.strip_prefix('#').unwrap_or(w);
        match digits.parse::<i64>() {
            Ok(n) if n > 0 => {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            _ => return Err(format!("`{w}` is not an issue number like #12")),
        }
    }
    Ok(out)
}

/// A line that starts with the command but does not say anything we know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line of the comment.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The lines of `body` that could hold a command: outside fenced code blocks, indented code
/// and quotes, trimmed, with their 1-based line numbers.
pub fn candidate_lines(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    // The fence that opened the current code block: its character and length.
    let mut fence: Option<(char, usize)> = None;
    for (index, raw) in body.lines().enumerate() {
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        let line = raw.trim_start();
        if let Some((c, n)) = fence {
            let run = line.chars().take_while(|&x| x == c).count();
            if run >= n && line[run * c.len_utf8()..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if indent <= 3 {
            for c in ['`', '~'] {
                let run = line.chars().take_while(|&x| x == c).count();
                if run >= 3 {
                    fence = Some((c, run));
                }
            }
            if fence.is_some() {
                continue;
            }
        }
        // Indented code (four spaces or a tab) and quotes are not commands.
        if indent >= 4 || raw.starts_with('\t') || line.starts_with('>') {
            continue;
        }
        out.push((index + 1, line));
    }
    out
}

/// Whether `body` has a line that could be a command of any configured word (`/...`,
/// `!...`, `@...`): most comments have none, and need no further look.
pub fn may_hold_a_command(body: &str) -> bool {
    candidate_lines(body)
        .iter()
        .any(|(_, line)| line.starts_with(['/', '!', '@']))
}

/// Every command in `body`, in order. `command` is the configured word, e.g. `/coordinate`.
pub fn parse_commands(body: &str, command: &str) -> Vec<Result<Command, ParseError>> {
    let command = command.trim();
    if command.is_empty() {
        return Vec::new();
    }
    candidate_lines(body)
        .into_iter()
        .filter_map(|(number, line)| parse_line(line, command, number))
        .collect()
}

fn parse_line(line: &str, command: &str, number: usize) -> Option<Result<Command, ParseError>> {
    let head = line.get(..command.len())?;
    if !head.eq_ignore_ascii_case(command) {
        return None;
    }
    let rest = &line[command.len()..];
    // `/coordinates` or `/coordinate-later` is another word, not the command.
    if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    let error = |message: String| {
        Some(Err(ParseError {
            line: number,
            message,
        }))
    };
    let bare = |word: &str, what: Command| -> Option<Result<Command, ParseError>> {
        if words.len() > 1 {
            return error(format!(
                "`{command} {word}` takes nothing after it, but got `{}`",
                words[1..].join(" ")
            ));
        }
        Some(Ok(what))
    };
    match words.as_slice() {
        [] => Some(Ok(Command::Coordinate)),
        [word, ..] if word.eq_ignore_ascii_case("triage") => bare("triage", Command::Triage),
        [word, ..] if word.eq_ignore_ascii_case("plan") => bare("plan", Command::Plan),
        [word, ..] if word.eq_ignore_ascii_case("sweep") => bare("sweep", Command::Sweep),
        [word, rest @ ..] if word.eq_ignore_ascii_case("close") => match close_numbers(rest) {
            Ok(numbers) if numbers.is_empty() => error(format!(
                "`{command} close` needs the issues to close, like `{command} close #12 #15`"
            )),
            Ok(numbers) => Some(Ok(Command::Close(numbers))),
            Err(message) => error(format!("`{command} close`: {message}")),
        },
        [word, ..] => error(format!(
            "unknown subcommand `{word}`: write `{command}` to generate the worker prompt, `{command} triage` for the triage verdict only, `{command} plan`, `{command} sweep` or `{command} close #N`"
        )),
    }
}

/// The commands of an edited comment that its previous text did not hold: editing a comment
/// must not run a command again.
pub fn new_commands(before: &str, after: &str, command: &str) -> Vec<Result<Command, ParseError>> {
    let old: Vec<Command> = parse_commands(before, command)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    parse_commands(after, command)
        .into_iter()
        .filter(|parsed| match parsed {
            Ok(cmd) => !old.contains(cmd),
            // An error already there was already answered.
            Err(err) => !parse_commands(before, command)
                .iter()
                .any(|p| p.as_ref().err().map(|e| &e.message) == Some(&err.message)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CMD: &str = "/coordinate";

    fn ok(body: &str) -> Vec<Command> {
        parse_commands(body, CMD)
            .into_iter()
            .filter_map(Result::ok)
            .collect()
    }

    #[test]
    fn finds_commands_at_the_start_of_a_line() {
        assert_eq!(ok("/coordinate"), [Command::Coordinate]);
        assert_eq!(ok("Looks good.\n  /coordinate triage\n"), [Command::Triage]);
        assert_eq!(ok("/Coordinate"), [Command::Coordinate]);
        assert_eq!(
            ok("/coordinate triage\n/coordinate"),
            [Command::Triage, Command::Coordinate]
        );
    }

    #[test]
    fn ignores_code_quotes_and_other_words() {
        assert!(ok("```\n/coordinate\n```").is_empty());
        assert!(ok("~~~~md\n/coordinate\n~~~\n/coordinate still in the block\n").is_empty());
        assert!(ok("`/coordinate`").is_empty());
        assert!(ok("please run `/coordinate` here").is_empty());
        assert!(ok("> /coordinate").is_empty());
        assert!(ok("    /coordinate").is_empty());
        assert!(ok("\t/coordinate").is_empty());
        assert!(ok("/coordinates").is_empty());
        assert!(ok("text /coordinate").is_empty());
        assert_eq!(ok("```\ncode\n```\n/coordinate"), [Command::Coordinate]);
    }

    #[test]
    fn explains_what_it_does_not_understand() {
        let parsed = parse_commands("hello\n/coordinate tirage", CMD);
        let err = parsed[0].clone().expect_err("an error");
        assert_eq!(err.line, 2);
        assert!(err.message.contains("unknown subcommand `tirage`"), "{err}");
        assert!(err.message.contains("`/coordinate triage`"));
        let parsed = parse_commands("/coordinate triage now", CMD);
        assert!(
            parsed[0]
                .clone()
                .expect_err("error")
                .message
                .contains("`now`")
        );
    }

    #[test]
    fn the_dispatchers_commands() {
        assert_eq!(ok("/coordinate plan"), [Command::Plan]);
        assert_eq!(ok("/coordinate Sweep"), [Command::Sweep]);
        assert_eq!(
            ok("/coordinate close #12 #15, 17 #12"),
            [Command::Close(vec![12, 15, 17])]
        );
        let err = |body: &str| {
            parse_commands(body, CMD)[0]
                .clone()
                .expect_err("an error")
                .message
        };
        assert!(err("/coordinate close").contains("needs the issues"));
        assert!(err("/coordinate close #x").contains("`#x` is not an issue number"));
        assert!(err("/coordinate close #-3").contains("not an issue number"));
        assert!(err("/coordinate plan now").contains("takes nothing after it"));
        assert_eq!(Command::Close(vec![3, 4]).to_string(), "close #3 #4");
    }

    #[test]
    fn another_configured_command_word() {
        assert_eq!(
            parse_commands("/agent", "/agent"),
            [Ok(Command::Coordinate)]
        );
        assert!(parse_commands("/coordinate", "/agent").is_empty());
        assert!(parse_commands("/coordinate", "").is_empty());
    }

    #[test]
    fn an_edit_runs_only_new_commands() {
        assert!(new_commands("/coordinate", "/coordinate\nthanks!", CMD).is_empty());
        assert_eq!(
            new_commands("/coordinate", "/coordinate\n/coordinate triage", CMD),
            [Ok(Command::Triage)]
        );
        assert_eq!(
            new_commands("typo: /coordinate", "/coordinate", CMD),
            [Ok(Command::Coordinate)]
        );
        assert!(new_commands("/coordinate x", "/coordinate x\nmore text", CMD).is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(body in ".{0,400}", command in "[/!@]?[a-zA-Zé]{0,12}") {
            let _ = parse_commands(&body, &command);
            let _ = new_commands(&body, &body, &command);
        }

        #[test]
        fn never_panics_on_markdown_like_input(
            lines in proptest::collection::vec(
                prop_oneof![
                    Just("```".to_string()),
                    Just("~~~".to_string()),
                    Just("> /coordinate".to_string()),
                    Just("/coordinate".to_string()),
                    Just("/coordinate triage".to_string()),
                    "[ \t`~>/a-zé]{0,20}",
                ],
                0..20,
            )
        ) {
            let body = lines.join("\n");
            for parsed in parse_commands(&body, "/coordinate") {
                if let Err(err) = parsed {
                    prop_assert!(err.line >= 1);
                }
            }
        }
    }
}
