//! The errors a person is shown, kept apart from internal ones.
//!
//! - [`UsageError`]: a mistake in the command line or the environment; the binary prints it
//!   on one line and exits with status 2.
//! - [`UserError`]: a mistake of the person who asked the bot for something on GitHub (a
//!   broken `.github/coordinator.toml`, a command it does not know, a permission they lack).
//!   It is explained to them in a reply. Everything else that goes wrong on the bot's side is
//!   internal: logged with its whole chain, and answered on GitHub only with a short apology and
//!   a reference (see `messages::failure_reply`).

/// A configuration mistake: reported on one line, exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// A usage error as an `anyhow::Error`.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// A mistake the person who triggered the bot can fix; the text is meant for them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserError {
    /// `.github/coordinator.toml` (or the prompt template) is not valid; the text says where.
    #[error("{0}")]
    Config(String),
    /// Lines of a comment that start with the command but say nothing it knows.
    #[error("{}", .0.join("; "))]
    Command(Vec<String>),
    /// The person lacks the permission the repository asks for.
    #[error("{actor} lacks {needed} permission for {command}")]
    Permission {
        actor: String,
        needed: String,
        command: String,
    },
}
