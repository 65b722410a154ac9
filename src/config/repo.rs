//! `.github/coordinator.toml`: a repository's own settings, read from its default branch.
//! The schema is strict: an unknown key is an error shown to the maintainer, not ignored, so a
//! typo never silently turns a setting off.

use serde::Deserialize;

use super::triage::TriageConfig;

/// Who may run the command, from GitHub's collaborator permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Permission {
    None,
    Read,
    Triage,
    Write,
    Maintain,
    Admin,
}

impl Permission {
    /// From GitHub's `role_name` (admin, maintain, write, triage, read) or, failing that, its
    /// coarser `permission` (admin, write, read, none).
    pub fn from_github(role_name: Option<&str>, permission: Option<&str>) -> Permission {
        let parse = |s: &str| match s.to_ascii_lowercase().as_str() {
            "admin" => Some(Permission::Admin),
            "maintain" => Some(Permission::Maintain),
            "write" | "push" => Some(Permission::Write),
            "triage" => Some(Permission::Triage),
            "read" | "pull" => Some(Permission::Read),
            "none" => Some(Permission::None),
            _ => None,
        };
        role_name
            .and_then(parse)
            .or_else(|| permission.and_then(parse))
            .unwrap_or(Permission::None)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Permission::None => "none",
            Permission::Read => "read",
            Permission::Triage => "triage",
            Permission::Write => "write",
            Permission::Maintain => "maintain",
            Permission::Admin => "admin",
        }
    }
}

/// Where the prompt goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputMode {
    Comment,
    Gist,
    /// A comment when it fits, else a gist, else a trimmed comment.
    Auto,
}

/// The `[setup]` table: the prompt's Setup section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SetupConfig {
    /// Lines of the Setup section; `{number}`, `{repo}` and `{name}` are filled in.
    pub commands: Vec<String>,
    /// The repository's testing guide, pointed at from the prompt.
    pub guide: Option<String>,
}

impl Default for SetupConfig {
    fn default() -> Self {
        SetupConfig {
            commands: vec![
                "cd ~/git/{name}".into(),
                "git worktree add ~/git/{name}-fix-{number} -b fix/issue-{number}".into(),
                "cd ~/git/{name}-fix-{number}".into(),
            ],
            guide: None,
        }
    }
}

/// The `[slack]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SlackConfig {
    /// Overrides `SLACK_CHANNEL` for this repository.
    pub channel: Option<String>,
}

/// The `[digest]` table: a weekly Slack message (the plan's top five, the sweep's count, the
/// pull requests the relay saw).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DigestConfig {
    /// The UTC day it goes out (`"monday"`); no digest without it.
    pub weekday: Option<String>,
}

impl DigestConfig {
    /// The configured day, when it names one.
    pub fn day(&self) -> Option<chrono::Weekday> {
        self.weekday.as_deref()?.trim().parse().ok()
    }
}

/// The `[sweep]` table: which open issues the maintenance sweep may propose to close.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SweepConfig {
    /// The oldest supported version (`"1.4"`): a report on an older one that nobody
    /// reproduced since may be closed.
    pub min_version: Option<String>,
    /// Days a maintainer's answer stands unanswered before the issue may be closed.
    pub answered_after_days: i64,
}

impl Default for SweepConfig {
    fn default() -> Self {
        SweepConfig {
            min_version: None,
            answered_after_days: 30,
        }
    }
}

impl SweepConfig {
    /// `min_version` read as a version.
    pub fn min_version(&self) -> Option<super::version::Version> {
        self.min_version.as_deref().and_then(super::version::parse)
    }
}

/// The whole file; every key is optional.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RepoConfig {
    pub command: String,
    pub trigger_label: String,
    pub min_permission: Permission,
    pub output: OutputMode,
    /// The launch command; `{prompt_url}` is the gist's raw URL or the comment's URL.
    pub launch: String,
    pub hardware_keywords: Vec<String>,
    pub setup: SetupConfig,
    pub slack: SlackConfig,
    /// The triage's finer settings (labels it reads, how many GPUs the agent has, when an
    /// issue is stale); `hardware_keywords` above takes precedence over its own.
    pub triage: TriageConfig,
    pub sweep: SweepConfig,
    pub digest: DigestConfig,
}

impl Default for RepoConfig {
    fn default() -> Self {
        RepoConfig {
            command: "/coordinate".into(),
            trigger_label: "coordinate".into(),
            min_permission: Permission::Write,
            output: OutputMode::Auto,
            launch: r#"claude "Please read {prompt_url} and follow the instructions.""#.into(),
            hardware_keywords: TriageConfig::default().hardware_keywords,
            setup: SetupConfig::default(),
            slack: SlackConfig::default(),
            triage: TriageConfig::default(),
            sweep: SweepConfig::default(),
            digest: DigestConfig::default(),
        }
    }
}

/// The path of the file in a repository.
pub const CONFIG_PATH: &str = ".github/coordinator.toml";

impl RepoConfig {
    /// Reads the file; the error says which key or line is wrong, for a reply comment.
    pub fn parse(text: &str) -> Result<RepoConfig, String> {
        let config: RepoConfig = toml::from_str(text)
            .map_err(|err| format!("{CONFIG_PATH} is not valid: {}", one_line(&err.to_string())))?;
        if !config.command.starts_with(['/', '!', '@'])
            || config.command.contains(char::is_whitespace)
        {
            return Err(format!(
                "{CONFIG_PATH} is not valid: `command = {:?}` must be one word starting with /, ! or @",
                config.command
            ));
        }
        if let Some(v) = &config.sweep.min_version
            && super::version::parse(v).is_none()
        {
            return Err(format!(
                "{CONFIG_PATH} is not valid: `[sweep] min_version = {v:?}` is not a version like \"1.4\" or \"1.4.2\""
            ));
        }
        if let Some(day) = &config.digest.weekday
            && config.digest.day().is_none()
        {
            return Err(format!(
                "{CONFIG_PATH} is not valid: `[digest] weekday = {day:?}` is not a day of the week like \"monday\""
            ));
        }
        if config.trigger_label.trim().is_empty() {
            return Err(format!(
                "{CONFIG_PATH} is not valid: `trigger_label` is empty"
            ));
        }
        Ok(config)
    }

    /// The triage settings, with the top-level `hardware_keywords`.
    pub fn triage_config(&self) -> TriageConfig {
        TriageConfig {
            hardware_keywords: self.hardware_keywords.clone(),
            ..self.triage.clone()
        }
    }

    /// Reads a local copy of the file (for the command line); the defaults when `path` is
    /// `None`.
    pub fn load(path: Option<&std::path::Path>) -> Result<RepoConfig, String> {
        match path {
            None => Ok(RepoConfig::default()),
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
                RepoConfig::parse(&text)
            }
        }
    }

    /// A setup line with `{number}`, `{repo}` and `{name}` filled in.
    pub fn fill(template: &str, number: i64, owner: &str, name: &str) -> String {
        template
            .replace("{number}", &number.to_string())
            .replace("{repo}", &format!("{owner}/{name}"))
            .replace("{name}", name)
    }
}

fn one_line(s: &str) -> String {
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.chars().all(|c| c == '|' || c == '^' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweep_and_digest_settings_are_checked() {
        let config =
            RepoConfig::parse("[sweep]\nmin_version = \"1.4\"\n[digest]\nweekday = \"Monday\"\n")
                .expect("valid");
        assert_eq!(config.sweep.min_version(), Some([1, 4, 0]));
        assert_eq!(config.digest.day(), Some(chrono::Weekday::Mon));
        let err = RepoConfig::parse("[sweep]\nmin_version = \"latest\"\n").expect_err("bad");
        assert!(err.contains("min_version"), "{err}");
        let err = RepoConfig::parse("[digest]\nweekday = \"someday\"\n").expect_err("bad");
        assert!(err.contains("weekday"), "{err}");
        let err = RepoConfig::parse("[digest]\nday = \"monday\"\n").expect_err("bad");
        assert!(err.contains("day"), "{err}");
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(RepoConfig::parse("").expect("valid"), RepoConfig::default());
    }

    #[test]
    fn reads_the_documented_example() {
        let text = r#"
command = "/coordinate"
trigger_label = "coordinate"
min_permission = "maintain"
output = "gist"
launch = 'claude "Please read {prompt_url} and follow the instructions."'
hardware_keywords = ["ROCm", "Gaudi"]

[setup]
commands = ["cd ~/git/{name}", "git worktree add ~/git/{name}-fix-{number} -b fix/issue-{number}"]
guide = "agents/testing_guide.md"

[slack]
channel = "C0123456789"
"#;
        let config = RepoConfig::parse(text).expect("valid");
        assert_eq!(config.min_permission, Permission::Maintain);
        assert_eq!(config.output, OutputMode::Gist);
        assert_eq!(
            config.setup.guide.as_deref(),
            Some("agents/testing_guide.md")
        );
        assert_eq!(config.slack.channel.as_deref(), Some("C0123456789"));
        assert_eq!(
            RepoConfig::fill(&config.setup.commands[1], 42, "acme", "widgets"),
            "git worktree add ~/git/widgets-fix-42 -b fix/issue-42"
        );
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors_that_say_where() {
        let err = RepoConfig::parse("comand = \"/x\"").expect_err("typo");
        assert!(err.contains("comand"), "{err}");
        assert!(!err.contains('\n'));
        let err = RepoConfig::parse("[setup]\ncomands = []").expect_err("typo");
        assert!(err.contains("comands"), "{err}");
        let err = RepoConfig::parse("min_permission = \"owner\"").expect_err("bad value");
        assert!(err.contains("owner"), "{err}");
        let err = RepoConfig::parse("command = \"coordinate now\"").expect_err("bad command");
        assert!(err.contains("one word"), "{err}");
    }

    #[test]
    fn permissions_order_and_map_from_github() {
        assert!(Permission::Maintain >= Permission::Write);
        assert!(Permission::Triage < Permission::Write);
        assert_eq!(
            Permission::from_github(Some("maintain"), Some("write")),
            Permission::Maintain
        );
        assert_eq!(
            Permission::from_github(None, Some("write")),
            Permission::Write
        );
        assert_eq!(
            Permission::from_github(Some("custom-role"), Some("read")),
            Permission::Read
        );
        assert_eq!(Permission::from_github(None, None), Permission::None);
    }
}
