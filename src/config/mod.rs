//! Configuration values, read and checked: the mode the bot runs in, the App's credentials,
//! the webhook secrets, and (in `repo`) a repository's own `.github/coordinator.toml`.
//! Secrets are `SecretString`s from the moment they are read, so they never reach a log or a
//! `Debug` print. The command-line flags that carry them live in `cli::args`.

pub mod repo;
pub mod triage;
pub mod version;

use secrecy::{ExposeSecret, SecretString};

use crate::error::usage;

/// How the bot talks to the world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// As a GitHub App.
    App { app_id: u64 },
    /// With a personal or Actions token.
    Token,
    /// Computes everything, sends nothing; `forced` when no credentials were given.
    DryRun { forced: bool },
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mode::App { app_id } => write!(f, "GitHub App {app_id}"),
            Mode::Token => f.write_str("GitHub token"),
            Mode::DryRun { forced: false } => f.write_str("DRY RUN (DRY_RUN=1)"),
            Mode::DryRun { forced: true } => {
                f.write_str("DRY RUN (forced: neither APP_ID/PRIVATE_KEY nor GITHUB_TOKEN is set)")
            }
        }
    }
}

impl Mode {
    /// The mode from the credentials given and `DRY_RUN`.
    pub fn from_credentials(dry_run: bool, app: Option<&AppCredentials>, token: bool) -> Mode {
        match (dry_run, app, token) {
            (true, _, _) => Mode::DryRun { forced: false },
            (false, Some(app), _) => Mode::App { app_id: app.app_id },
            (false, None, true) => Mode::Token,
            (false, None, false) => Mode::DryRun { forced: true },
        }
    }
}

/// App credentials, read and checked.
pub struct AppCredentials {
    pub app_id: u64,
    pub private_key: SecretString,
}

/// Reads and checks the App's credentials: `None` when none are given, a usage error when
/// they are half given or unreadable.
pub fn app_credentials(
    app_id: Option<&str>,
    private_key: Option<&SecretString>,
    private_key_path: Option<&std::path::Path>,
) -> anyhow::Result<Option<AppCredentials>> {
    let key = match (private_key, private_key_path) {
        (Some(key), _) => Some(SecretString::from(key.expose_secret().replace("\\n", "\n"))),
        (None, Some(path)) => Some(SecretString::from(std::fs::read_to_string(path).map_err(
            |err| {
                usage(format!(
                    "PRIVATE_KEY_PATH {}: cannot read the key: {err}",
                    path.display()
                ))
            },
        )?)),
        (None, None) => None,
    };
    match (app_id, key) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(usage(
            "APP_ID is set but PRIVATE_KEY or PRIVATE_KEY_PATH is not: give the App's private key",
        )),
        (None, Some(_)) => Err(usage(
            "a private key is set but APP_ID is not: give the App's ID",
        )),
        (Some(id), Some(private_key)) => {
            let app_id = id.trim().parse::<u64>().map_err(|_| {
                usage(format!(
                    "APP_ID {id:?} is not a number: use the App's numeric ID"
                ))
            })?;
            jsonwebtoken::EncodingKey::from_rsa_pem(private_key.expose_secret().as_bytes())
                .map_err(|err| {
                    usage(format!(
                        "the App's private key is not an RSA key in PEM form ({err}): download a new one from the App's settings"
                    ))
                })?;
            Ok(Some(AppCredentials {
                app_id,
                private_key,
            }))
        }
    }
}

/// `WEBHOOK_SECRET`: one secret, or several separated by commas while one is rotated.
pub fn parse_webhook_secrets(value: &SecretString) -> anyhow::Result<Vec<SecretString>> {
    let secrets: Vec<SecretString> = value
        .expose_secret()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| SecretString::from(s.to_string()))
        .collect();
    if secrets.is_empty() {
        return Err(usage(
            "WEBHOOK_SECRET is empty: set it to the App's webhook secret",
        ));
    }
    Ok(secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_secrets_split_on_commas() {
        let secrets =
            parse_webhook_secrets(&SecretString::from(" new , old,")).expect("two secrets");
        let exposed: Vec<&str> = secrets.iter().map(|s| s.expose_secret()).collect();
        assert_eq!(exposed, ["new", "old"]);
        assert!(parse_webhook_secrets(&SecretString::from(" , ")).is_err());
    }

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let s = SecretString::from("hunter2");
        assert!(!format!("{s:?}").contains("hunter2"));
    }
}
