//! OSC 133 shell integration marks (FinalTerm semantic prompts).
//!
//! - `A`: prompt start
//! - `B`: command start (end of prompt)
//! - `C`: command output start
//! - `D [; exit code]`: command finished

use std::fmt;
use std::str;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptMark {
    PromptStart,
    CommandStart,
    OutputStart,
    CommandEnd { exit_code: Option<i32> },
}

#[derive(Debug, PartialEq, Eq)]
pub enum MarkError {
    Missing,
    UnknownKind(String),
    InvalidExitCode(String),
}

impl fmt::Display for MarkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkError::Missing => write!(f, "empty OSC 133 sequence"),
            MarkError::UnknownKind(kind) => write!(f, "unknown OSC 133 mark {:?}", kind),
            MarkError::InvalidExitCode(code) => write!(f, "invalid OSC 133 exit code {:?}", code),
        }
    }
}

/// Parse the parameters after `133`.
pub fn parse_mark(params: &[&[u8]]) -> Result<PromptMark, MarkError> {
    let kind = params.first().ok_or(MarkError::Missing)?;
    match *kind {
        b"A" => Ok(PromptMark::PromptStart),
        b"B" => Ok(PromptMark::CommandStart),
        b"C" => Ok(PromptMark::OutputStart),
        b"D" => {
            let exit_code = match params.get(1) {
                None => None,
                Some(code) => {
                    let code = str::from_utf8(code).unwrap_or_default();
                    Some(code.parse::<i32>().map_err(|_| MarkError::InvalidExitCode(code.to_owned()))?)
                },
            };
            Ok(PromptMark::CommandEnd { exit_code })
        },
        other => Err(MarkError::UnknownKind(String::from_utf8_lossy(other).into_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_end_with_code() {
        let params: [&[u8]; 2] = [b"D", b"1"];
        assert_eq!(parse_mark(&params), Ok(PromptMark::CommandEnd { exit_code: Some(1) }));
    }

    #[test]
    fn command_end_without_code() {
        let params: [&[u8]; 1] = [b"D"];
        assert_eq!(parse_mark(&params), Ok(PromptMark::CommandEnd { exit_code: None }));
    }
}
