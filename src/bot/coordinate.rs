//! `/coordinate` in a comment and the trigger label: permission, the repository's settings,
//! the context refreshed when the mirror lags, the analysis, and publishing the prompt (one
//! comment per issue, edited on a re-run) or the triage verdict.
//!
//! Everything a person sees is acknowledged: `eyes` on receipt, `rocket` when published, and
//! one short reply when something goes wrong. Replies are claimed in the database before they
//! are posted, so a retried job never answers twice.

use tracing::{error, info, warn};

use super::Bot;
use super::command::{Command, new_commands, parse_commands};
use crate::config::repo::{Permission, RepoConfig};
use crate::error::UserError;
use crate::github::client::{Client, GitHubError};
use crate::ids::{InstallationId, IssueNumber};
use crate::jobs::JobError;
use crate::markdown::neutralize;
use crate::messages;
use crate::mirror::{cross_references, events::Applied};
use crate::prompt::render::{Templates, TriageData, triage_marker};
use crate::prompt::{Assembled, CodeContext, PromptRequest, assemble, gather};
use crate::publish::github::{PostedComment, Sink};
use crate::publish::{CommentParts, Destination, compose_comment, plan, verdict_line};
use crate::store::{Millis, Publication, RepoName, now_ms};

/// What started the work.
#[derive(Debug, Clone)]
pub enum TriggerKind {
    Comment {
        id: i64,
        body: String,
        /// The text before an edit.
        previous: Option<String>,
    },
    Label {
        name: String,
    },
}

/// Whether the analyst (when configured) is asked about a prompt about to be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AnalystUse {
    No,
    Prompt {
        /// A transient failure of the model's API retries the job (a few times at most)
        /// instead of publishing without the analyst at once.
        retry: bool,
        /// Only when the triage finds the issue ready (a trigger label publishes the prompt
        /// only then).
        only_if_actionable: bool,
    },
}

/// Attempts of a job during which a model that is down or rate-limiting retries the job; past
/// them the prompt goes out without the analyst and says so.
const ANALYST_ATTEMPTS: i64 = 3;

/// The longest a model's `Retry-After` holds a prompt back.
const ANALYST_MAX_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// A command or label on one issue.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub repo: RepoName,
    pub installation: Option<InstallationId>,
    pub number: IssueNumber,
    pub actor: String,
    pub kind: TriggerKind,
    /// The issue's `updated_at` in the payload: the mirror must be at least this fresh.
    pub updated_at: Option<Millis>,
    /// Identifies the trigger for one-reply-only bookkeeping.
    pub source: String,
    /// What a failure reply names so that a maintainer finds the details in the logs.
    pub reference: String,
    /// The job's last attempt: a failure now is final and gets its reply.
    pub last_attempt: bool,
    /// Not the first attempt: a comment may exist that the database does not know of.
    pub retrying: bool,
    /// The job's attempt, from 1.
    pub attempt: i64,
}

/// The outcome of a trigger, for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ignored,
    Refused,
    ConfigError,
    Published,
    Triaged {
        actionable: bool,
    },
    /// `plan`: how many prompts were published.
    Planned {
        published: usize,
    },
    /// `sweep`: how many issues it proposes to close.
    Swept {
        proposed: usize,
    },
    /// `close`: what was closed and what refused.
    Closed {
        closed: Vec<i64>,
        refused: Vec<i64>,
    },
}

/// How many issues `/coordinate plan` picks.
const PLAN_TOP: usize = 5;

/// Whether a login is a GitHub App's bot account (`name[bot]`): people cannot have such a
/// login, so a comment by one was not written by a person.
fn is_app_login(login: Option<&str>) -> bool {
    login.is_some_and(|l| l.ends_with("[bot]"))
}

/// A failure on our side (or GitHub's): transient ones are retried (and answered on the
/// last attempt), others are answered at once. The error is logged whole and never shown
/// on GitHub: the reply only says what to do, with the trigger's reference.
struct Failure {
    error: anyhow::Error,
    transient: bool,
    retry_after: Option<std::time::Duration>,
}

impl From<GitHubError> for Failure {
    fn from(err: GitHubError) -> Self {
        Failure {
            transient: err.is_transient(),
            retry_after: err.retry_after(),
            error: err.into(),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Self {
        match err.downcast::<GitHubError>() {
            Ok(gh) => gh.into(),
            Err(error) => Failure {
                error,
                // The database: worth another try.
                transient: true,
                retry_after: None,
            },
        }
    }
}

impl Failure {
    /// A failure no retry can mend (a template that cannot render this issue).
    fn permanent(message: impl std::fmt::Display) -> Failure {
        Failure {
            error: anyhow::anyhow!("{message}"),
            transient: false,
            retry_after: None,
        }
    }
}

/// The per-trigger state of a run.
struct Run<'a> {
    bot: &'a Bot,
    trigger: &'a Trigger,
    sink: Sink,
    client: Option<Client>,
    /// Set once the trigger is known to ask for the bot (a command parsed, the trigger
    /// label matched): only then does a failure get a reply.
    asked: std::sync::atomic::AtomicBool,
}

/// Handles a trigger from a webhook delivery.
pub async fn handle(bot: &Bot, trigger: Trigger) -> Result<Outcome, JobError> {
    if let TriggerKind::Comment { body, .. } = &trigger.kind {
        // Most comments hold no command at all: say so before any GitHub call.
        if !super::command::may_hold_a_command(body) {
            return Ok(Outcome::Ignored);
        }
    }
    let client = match &bot.github {
        Some(github) => Some(
            github
                .for_repo(&trigger.repo, trigger.installation)
                .await
                .map_err(super::github_error)?,
        ),
        None => None,
    };
    let sink = match (&client, bot.dry_run) {
        (Some(client), false) => Sink::Live {
            client: Box::new(client.clone()),
            gist: bot.gist.clone().map(Box::new),
        },
        _ => Sink::DryRun {
            store: bot.store.clone(),
        },
    };
    let run = Run {
        bot,
        trigger: &trigger,
        sink,
        client,
        asked: Default::default(),
    };
    match run.go().await {
        Ok(outcome) => Ok(outcome),
        Err(failure) => {
            let final_failure = !failure.transient || trigger.last_attempt;
            if final_failure {
                error!(error = %format!("{:#}", failure.error), reference = %trigger.reference,
                    repo = %trigger.repo, number = trigger.number.get(), "the trigger failed for good");
            }
            // A failure before the settings were read (GitHub down) replies only to what the
            // default settings would take for a command, never to an ordinary comment.
            if final_failure && run.asked_for_the_bot() {
                run.reply_failure().await;
            }
            let err = failure.error;
            Err(match (failure.transient, failure.retry_after) {
                (false, _) => JobError::Permanent(err),
                (true, Some(wait)) => JobError::RetryAfter(err, wait),
                (true, None) => JobError::Retry(err),
            })
        }
    }
}

impl Run<'_> {
    fn asked_for_the_bot(&self) -> bool {
        if self.asked.load(std::sync::atomic::Ordering::Relaxed) {
            return true;
        }
        let default = RepoConfig::default();
        match &self.trigger.kind {
            TriggerKind::Comment { body, previous, .. } => match previous {
                Some(before) => !new_commands(before, body, &default.command).is_empty(),
                None => !parse_commands(body, &default.command).is_empty(),
            },
            TriggerKind::Label { name } => name.eq_ignore_ascii_case(&default.trigger_label),
        }
    }

    async fn go(&self) -> Result<Outcome, Failure> {
        let trigger = self.trigger;
        let files = match &self.client {
            Some(client) => Some(self.bot.settings.repo_files(client, &trigger.repo).await?),
            None => None,
        };
        let (config, template) = match files {
            Some(files) => (files.config, files.template),
            None => (Ok(RepoConfig::default()), None),
        };
        let commands = match &trigger.kind {
            TriggerKind::Comment { body, previous, .. } => {
                let command = config
                    .as_ref()
                    .map(|c| c.command.clone())
                    .unwrap_or_else(|_| RepoConfig::default().command);
                let parsed = match previous {
                    Some(before) => new_commands(before, body, &command),
                    None => parse_commands(body, &command),
                };
                if parsed.is_empty() {
                    return Ok(Outcome::Ignored);
                }
                self.asked.store(true, std::sync::atomic::Ordering::Relaxed);
                parsed
            }
            TriggerKind::Label { name } => {
                let label = config
                    .as_ref()
                    .map(|c| c.trigger_label.clone())
                    .unwrap_or_else(|_| RepoConfig::default().trigger_label);
                if !name.eq_ignore_ascii_case(&label) {
                    return Ok(Outcome::Ignored);
                }
                self.asked.store(true, std::sync::atomic::Ordering::Relaxed);
                vec![Ok(Command::Triage)]
            }
        };
        let config = match config {
            Ok(config) => config,
            Err(message) => {
                self.reply_user_error("config", &UserError::Config(message))
                    .await?;
                return Ok(Outcome::ConfigError);
            }
        };
        if !self.allowed(&config).await? {
            self.reply_user_error(
                "refusal",
                &UserError::Permission {
                    actor: trigger.actor.clone(),
                    needed: config.min_permission.as_str().to_string(),
                    command: config.command.clone(),
                },
            )
            .await?;
            return Ok(Outcome::Refused);
        }
        let errors: Vec<String> = commands
            .iter()
            .filter_map(|c| c.as_ref().err().map(|e| e.message.clone()))
            .collect();
        if !errors.is_empty() {
            self.reply_user_error("parse", &UserError::Command(errors))
                .await?;
        }
        let mut wanted: Vec<Command> = commands.into_iter().filter_map(Result::ok).collect();
        wanted.dedup();
        if wanted.is_empty() {
            return Ok(Outcome::Ignored);
        }
        self.react("eyes").await;
        // One publisher per issue: in this process a mutex, across replicas a lease.
        let Some(guard) = self.bot.publishing(&trigger.repo, trigger.number).await? else {
            return Err(Failure {
                error: anyhow::anyhow!("another replica is still publishing on this issue"),
                transient: true,
                retry_after: None,
            });
        };
        let published = self.publish(&wanted, &config, template.as_deref()).await;
        guard.release().await;
        let outcome = published?;
        self.react("rocket").await;
        info!(repo = %trigger.repo, number = trigger.number.get(), ?outcome, "trigger handled");
        Ok(outcome)
    }

    /// Refreshes, analyses and publishes what was asked for.
    async fn publish(
        &self,
        wanted: &[Command],
        config: &RepoConfig,
        template: Option<&str>,
    ) -> Result<Outcome, Failure> {
        let trigger = self.trigger;
        // The dispatcher's commands look at the whole tracker, not at this issue.
        let mut dispatched = None;
        for command in wanted {
            dispatched = Some(match command {
                Command::Plan => self.plan(config, template).await?,
                Command::Sweep => self.sweep(config).await?,
                Command::Close(numbers) => self.close(config, numbers).await?,
                Command::Coordinate | Command::Triage => continue,
            });
        }
        if !wanted
            .iter()
            .any(|c| matches!(c, Command::Coordinate | Command::Triage))
        {
            return Ok(dispatched.unwrap_or(Outcome::Ignored));
        }
        self.refresh_thread().await?;
        let templates = self.templates(template);
        let label_triggered = matches!(trigger.kind, TriggerKind::Label { .. });
        let analyst = if wanted.contains(&Command::Coordinate) {
            AnalystUse::Prompt {
                retry: true,
                only_if_actionable: false,
            }
        } else if label_triggered {
            AnalystUse::Prompt {
                retry: true,
                only_if_actionable: true,
            }
        } else {
            AnalystUse::No
        };
        let assembled = self.analyse(config, analyst).await?;
        if wanted.contains(&Command::Coordinate) {
            self.publish_prompt(config, &templates.0, &assembled, templates.1.as_deref())
                .await?;
            return Ok(Outcome::Published);
        }
        let actionable = assembled.verdict.actionable;
        self.publish_triage(&templates.0, &assembled, config, label_triggered)
            .await?;
        if label_triggered && actionable {
            self.publish_prompt(config, &templates.0, &assembled, templates.1.as_deref())
                .await?;
        }
        Ok(Outcome::Triaged { actionable })
    }

    /// `/coordinate plan`: the best candidates, each prompt published on its issue as
    /// `/coordinate` would, and one reply with the table.
    async fn plan(&self, config: &RepoConfig, template: Option<&str>) -> Result<Outcome, Failure> {
        let trigger = self.trigger;
        let triage = config.triage_config();
        let index = self
            .bot
            .indexes
            .get(&self.bot.store, &trigger.repo, &triage)
            .await?;
        let (picks, candidates) = index.read().await.plan(&triage, now_ms(), PLAN_TOP);
        let templates = self.templates(template);
        let mut rows = Vec::new();
        for v in &picks {
            let number = IssueNumber(v.number);
            let sub = Trigger {
                number,
                source: format!("{}:plan:{}", trigger.source, v.number),
                ..trigger.clone()
            };
            let run = Run {
                bot: self.bot,
                trigger: &sub,
                sink: self.sink.clone(),
                client: self.client.clone(),
                asked: Default::default(),
            };
            // One publisher per issue (this run holds the issue it was asked on): one busy
            // now is left out of this plan.
            let guard = if number == trigger.number {
                None
            } else {
                match self.bot.publishing(&trigger.repo, number).await? {
                    Some(guard) => Some(guard),
                    None => {
                        rows.push(self.plan_row(&index, v, None).await);
                        continue;
                    }
                }
            };
            let done = async {
                run.refresh_thread().await?;
                let assembled = run
                    .analyse(
                        config,
                        AnalystUse::Prompt {
                            retry: false,
                            only_if_actionable: false,
                        },
                    )
                    .await?;
                run.publish_prompt(config, &templates.0, &assembled, templates.1.as_deref())
                    .await
            }
            .await;
            if let Some(guard) = guard {
                guard.release().await;
            }
            let published = match done {
                Ok(()) => true,
                Err(failure) if failure.transient => return Err(failure),
                Err(failure) => {
                    warn!(number = v.number, error = %format!("{:#}", failure.error), "cannot publish a planned prompt");
                    false
                }
            };
            let prompt_url = if published {
                self.bot
                    .store
                    .publication(&trigger.repo.key(), v.number, "prompt")
                    .await?
                    .and_then(|p| p.gist_url.or(p.comment_url))
            } else {
                None
            };
            rows.push(self.plan_row(&index, v, prompt_url).await);
        }
        let short = (rows.len() < PLAN_TOP).then(|| {
            messages::few_ready_for_plan(rows.len(), PLAN_TOP, &candidates.others_summary())
        });
        // Everything inert but the links to the prompts the plan just published: they are
        // set aside while the rest is neutralised.
        let urls: Vec<Option<String>> = rows.iter_mut().map(|r| r.prompt_url.take()).collect();
        for (i, row) in rows.iter_mut().enumerate() {
            if urls[i].is_some() {
                row.prompt_url = Some(format!("\u{1}{i}\u{1}"));
            }
        }
        let mut text = neutralize(
            &messages::plan_reply(&rows, short.as_deref()),
            Some(trigger.number.get()),
        )
        .replace(
            &format!("@\u{200B}{}", trigger.actor),
            &format!("@{}", trigger.actor),
        );
        for (i, url) in urls.iter().enumerate() {
            if let Some(url) = url {
                text = text.replace(&format!("\u{1}{i}\u{1}"), url);
            }
        }
        self.reply_once_as_is("plan", &text).await?;
        Ok(Outcome::Planned {
            published: urls.iter().flatten().count(),
        })
    }

    async fn plan_row(
        &self,
        index: &tokio::sync::RwLock<crate::analysis::RepoIndex>,
        v: &crate::analysis::Verdict,
        prompt_url: Option<String>,
    ) -> messages::PlanRow {
        let title = index
            .read()
            .await
            .thread(v.number)
            .map(|t| t.title)
            .unwrap_or_default();
        messages::PlanRow {
            number: v.number,
            title,
            why: v
                .reasons
                .iter()
                .skip(1)
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join("; "),
            prompt_url,
        }
    }

    /// `/coordinate sweep`: the proposals replace the repository's last sweep and are listed
    /// in one reply. Nothing is closed.
    async fn sweep(&self, config: &RepoConfig) -> Result<Outcome, Failure> {
        let trigger = self.trigger;
        let triage = config.triage_config();
        let index = self
            .bot
            .indexes
            .get(&self.bot.store, &trigger.repo, &triage)
            .await?;
        let (proposals, open) = {
            let index = index.read().await;
            (
                index.sweep(
                    &triage,
                    &crate::analysis::SweepSettings::of(&config.sweep),
                    now_ms(),
                ),
                index.open_issues(),
            )
        };
        let min = config.sweep.min_version.as_deref();
        let drafted: Vec<(crate::analysis::Proposal, String)> = proposals
            .into_iter()
            .map(|p| {
                let comment = p.drafted_comment(min);
                (p, comment)
            })
            .collect();
        let now = now_ms();
        let rows: Vec<crate::store::SweepProposal> = drafted
            .iter()
            .map(|(p, comment)| crate::store::SweepProposal {
                repo: trigger.repo.key(),
                number: p.number,
                reason: p.reason.as_str().to_string(),
                state_reason: p.reason.state_reason().to_string(),
                comment: comment.clone(),
                evidence: p.evidence.clone(),
                swept_at: now,
                comment_id: None,
                closed_at: None,
            })
            .collect();
        self.bot
            .store
            .replace_sweep(&trigger.repo.key(), &rows)
            .await?;
        self.reply_once(
            "sweep",
            &messages::sweep_reply(
                &drafted
                    .iter()
                    .map(|(p, c)| (p.line(), c.clone()))
                    .collect::<Vec<_>>(),
                &config.command,
                open,
            ),
        )
        .await?;
        Ok(Outcome::Swept {
            proposed: drafted.len(),
        })
    }

    /// `/coordinate close #N ...`: each listed issue the latest sweep proposed gets its
    /// drafted comment and is closed with the proposal's `state_reason`; the rest are
    /// refused. Safe to run again: what was done is recorded step by step.
    async fn close(&self, config: &RepoConfig, numbers: &[i64]) -> Result<Outcome, Failure> {
        let trigger = self.trigger;
        // Closing takes write access, whatever the repository lets run the other commands.
        if let Some(client) = &self.client {
            let permission = self
                .bot
                .settings
                .permission(client, &trigger.repo, &trigger.actor)
                .await?;
            if permission < Permission::Write {
                self.reply_user_error(
                    "refusal",
                    &UserError::Permission {
                        actor: trigger.actor.clone(),
                        needed: Permission::Write.as_str().to_string(),
                        command: format!("{} close", config.command),
                    },
                )
                .await?;
                return Ok(Outcome::Refused);
            }
        }
        let key = trigger.repo.key();
        let store = &self.bot.store;
        let mut report = messages::CloseReport::default();
        for &number in numbers {
            let Some(proposal) = store.sweep_proposal(&key, number).await? else {
                report.refused.push(number);
                continue;
            };
            if proposal.closed_at.is_some() {
                report.already.push(number);
                continue;
            }
            // Closed by someone since the sweep: no comment, nothing to do.
            let open = store
                .thread(&key, number)
                .await?
                .is_none_or(|t| t.state == crate::store::ThreadState::Open);
            if !open {
                store.set_sweep_closed(&key, number, now_ms()).await?;
                report.already.push(number);
                continue;
            }
            if proposal.comment_id.is_none() {
                let marker = format!("<!-- coordinator:close #{number} {} -->", proposal.swept_at);
                let id = self.post_once(number, &marker, &proposal.comment).await?;
                store.set_sweep_comment(&key, number, id).await?;
            }
            self.sink
                .close_issue(&trigger.repo, number, &proposal.state_reason)
                .await?;
            store.set_sweep_closed(&key, number, now_ms()).await?;
            report.closed.push((number, proposal.reason.clone()));
        }
        self.reply_once("close", &messages::close_reply(&report, &config.command))
            .await?;
        Ok(Outcome::Closed {
            closed: report.closed.iter().map(|(n, _)| *n).collect(),
            refused: report.refused,
        })
    }

    /// Whether the actor may run the command. Without credentials (forced dry run) nobody can
    /// be checked, and nothing is sent either.
    async fn allowed(&self, config: &RepoConfig) -> Result<bool, Failure> {
        let Some(client) = &self.client else {
            return Ok(true);
        };
        let permission = self
            .bot
            .settings
            .permission(client, &self.trigger.repo, &self.trigger.actor)
            .await?;
        Ok(permission >= config.min_permission && permission > Permission::None)
    }

    /// The embedded templates, or the repository's own prompt template; a broken one falls
    /// back to ours with a note for the maintainers.
    fn templates(&self, own: Option<&str>) -> (Templates, Option<String>) {
        match own {
            None => (self.bot.templates.clone(), None),
            Some(text) => match Templates::with_prompt(text) {
                Ok(templates) => (templates, None),
                Err(err) => {
                    warn!(error = %err, "the repository's prompt template is broken; using ours");
                    (self.bot.templates.clone(), Some(err))
                }
            },
        }
    }

    /// Brings the issue's comments and timeline into the mirror when they are missing or
    /// older than the payload (a repository not synced yet, a lost delivery).
    async fn refresh_thread(&self) -> Result<(), Failure> {
        let trigger = self.trigger;
        let store = &self.bot.store;
        let key = trigger.repo.key();
        let thread = store.thread(&key, trigger.number.get()).await?;
        let mirrored = store
            .comment_counts(&key, &[trigger.number.get()])
            .await?
            .first()
            .map_or(0, |(_, n)| *n);
        let stale = match (&thread, trigger.updated_at) {
            (None, _) => true,
            (Some(t), Some(at)) => t.updated_at < at || mirrored < t.comment_count,
            (Some(t), None) => mirrored < t.comment_count,
        };
        if store.sync_state(&key).await?.is_none() {
            self.bot
                .queue_initial_sync(&trigger.repo, trigger.installation)
                .await?;
        }
        let Some(client) = &self.client else {
            return Ok(());
        };
        if !stale {
            return Ok(());
        }
        info!(repo = %trigger.repo, number = trigger.number.get(), "the mirror lags behind the issue: refreshing it");
        if let Err(err) = crate::mirror::refresh::refresh_thread(
            store.as_ref(),
            client,
            &trigger.repo,
            trigger.number.get(),
        )
        .await
        {
            let failure = Failure::from(err);
            // The mirror holds the issue (the delivery itself wrote it): once no attempt is
            // left, a prompt from it beats no prompt.
            if thread.is_some() && (trigger.last_attempt || !failure.transient) {
                self.bot.metrics.cosmetic_failure("refresh");
                warn!(error = %format!("{:#}", failure.error), "cannot refresh the issue; publishing from the mirror as it is");
                return Ok(());
            }
            return Err(failure);
        }
        self.bot
            .indexes
            .apply(
                store,
                &trigger.repo,
                &Applied {
                    changed: vec![trigger.number.get()],
                    ..Applied::default()
                },
            )
            .await?;
        Ok(())
    }

    async fn analyse(
        &self,
        config: &RepoConfig,
        analyst: AnalystUse,
    ) -> Result<Assembled, Failure> {
        let trigger = self.trigger;
        let store = &self.bot.store;
        let cross = cross_references(store.as_ref(), &trigger.repo, trigger.number.get()).await?;
        let default_branch = store
            .sync_state(&trigger.repo.key())
            .await?
            .and_then(|s| s.default_branch)
            .unwrap_or_else(|| "main".to_string());
        let index = self
            .bot
            .indexes
            .get(store, &trigger.repo, &config.triage_config())
            .await?;
        let (code, code_failed) = match self.code().await {
            Ok(code) => (code.filter(|c| c.has_source()), false),
            Err(()) => (None, true),
        };
        let index = index.read().await;
        let gathered = gather(store.as_ref(), &index, &trigger.repo, trigger.number.get()).await?;
        let web = crate::github::web_base(
            &gathered.issue.thread.html_url,
            &trigger.repo,
            &self
                .bot
                .github
                .as_ref()
                .map_or_else(|| "https://api.github.com".to_string(), |g| g.api_url()),
        );
        let pointers = match &code {
            Some(code) => crate::analysis::locate::locate(
                &gathered.issue,
                code,
                &index.project_with(code),
                &web,
            ),
            None => Vec::new(),
        };
        let mut assembled = assemble(
            &index,
            &PromptRequest {
                repo: &trigger.repo,
                number: trigger.number.get(),
                config,
                cross_references: &cross,
                default_branch: &default_branch,
                now: now_ms(),
                code: match &code {
                    Some(code) => CodeContext::Read {
                        sha: &code.sha,
                        pointers: &pointers,
                    },
                    None if code_failed => CodeContext::Unavailable,
                    None => CodeContext::NotAsked,
                },
            },
            &gathered,
        )
        .map_err(|err| Failure::permanent(err.to_string()))?;
        let (
            Some(analyst),
            AnalystUse::Prompt {
                retry,
                only_if_actionable,
            },
        ) = (&self.bot.analyst, analyst)
        else {
            return Ok(assembled);
        };
        if only_if_actionable && !assembled.verdict.actionable {
            return Ok(assembled);
        }
        // The model may take a while: the index is not held meanwhile (webhooks update it).
        let known: std::collections::HashSet<i64> = index.numbers().collect();
        drop(index);
        let texts = gathered.texts();
        let exists = |n: i64| known.contains(&n);
        let consultation = crate::analyst::Consultation {
            data: &assembled.data,
            evidence: crate::analyst::check::Evidence {
                thread_exists: &exists,
                code: code.as_deref().map(|c| (c, web.as_str())),
                texts: &texts,
            },
        };
        match analyst
            .consult(self.bot.store.as_ref(), &consultation, chrono::Utc::now())
            .await
        {
            Ok(consulted) => assembled.data.analyst = Some(consulted.view),
            Err(err)
                if err.transient()
                    && retry
                    && trigger.attempt < ANALYST_ATTEMPTS
                    && !trigger.last_attempt =>
            {
                return Err(Failure {
                    retry_after: err.retry_after().map(|d| d.min(ANALYST_MAX_WAIT)),
                    error: anyhow::Error::new(err),
                    transient: true,
                });
            }
            Err(err) => assembled.data.analyst_note = Some(err.note()),
        }
        Ok(assembled)
    }

    /// The repository's code at its head, best effort: a prompt without the code beats no
    /// prompt (it then says the code was not read).
    async fn code(&self) -> Result<Option<std::sync::Arc<crate::code::CodeIndex>>, ()> {
        let store = self.bot.store.as_ref();
        let Some(client) = &self.client else {
            return Ok(self
                .bot
                .code
                .stored(store, &self.trigger.repo)
                .await
                .ok()
                .flatten());
        };
        match self
            .bot
            .code
            .current(
                store,
                client,
                &self.trigger.repo,
                None,
                self.bot.code_limits,
            )
            .await
        {
            Ok(outcome) => Ok(Some(outcome.index)),
            Err(err) => {
                self.bot.metrics.cosmetic_failure("code");
                warn!(error = %format!("{err:#}"), "cannot read the repository's code; the prompt goes out without it");
                Err(())
            }
        }
    }

    /// What this trigger publishes of `kind`, starting from what was recorded before.
    fn record(&self, known: Option<&Publication>, kind: &str, title: &str) -> Publication {
        let now = now_ms();
        Publication {
            repo: self.trigger.repo.key(),
            number: self.trigger.number.get(),
            kind: kind.into(),
            triggered_by: Some(self.trigger.actor.clone()),
            trigger: Some(self.trigger_label()),
            title: Some(title.to_string()),
            created_at: known.map_or(now, |p| p.created_at),
            updated_at: now,
            ..known.cloned().unwrap_or_default()
        }
    }

    fn trigger_label(&self) -> String {
        match &self.trigger.kind {
            TriggerKind::Comment { id, .. } => format!("comment:{id}"),
            TriggerKind::Label { name } => format!("label:{name}"),
        }
    }

    /// The comment of `marker` on the issue, from the database, the mirror, or (on a retry,
    /// when an earlier attempt may have posted it) GitHub.
    async fn find_own_comment(
        &self,
        known: Option<&Publication>,
        marker: &str,
    ) -> Result<Option<(i64, String)>, Failure> {
        if let Some(p) = known
            && let Some(id) = p.comment_id
        {
            return Ok(Some((id, p.comment_url.clone().unwrap_or_default())));
        }
        self.find_own_comment_on(self.trigger.number.get(), marker)
            .await
    }

    /// The App's comment on issue `number` that starts with `marker`: in the mirror, and on a
    /// retry on GitHub too (an earlier attempt may have posted it and lost the answer).
    async fn find_own_comment_on(
        &self,
        number: i64,
        marker: &str,
    ) -> Result<Option<(i64, String)>, Failure> {
        let trigger = self.trigger;
        let mirrored = self
            .bot
            .store
            .comments_of(&trigger.repo.key(), number)
            .await?;
        // Only an App's comment can be ours: a person could start a comment with the marker
        // to have the bot write the prompt into a comment they can edit later.
        if let Some(c) = mirrored
            .iter()
            .find(|c| c.body.starts_with(marker) && is_app_login(c.user.as_deref()))
        {
            return Ok(Some((c.id, c.html_url.clone().unwrap_or_default())));
        }
        if trigger.retrying {
            let listed = self.sink.list_comments(&trigger.repo, number).await?;
            if let Some(c) = listed.iter().find(|c| {
                c.body.as_deref().is_some_and(|b| b.starts_with(marker))
                    && is_app_login(c.user.as_ref().map(|u| u.login.as_str()))
            }) {
                return Ok(Some((c.id, c.html_url.clone())));
            }
        }
        Ok(None)
    }

    /// Edits the comment when it exists (and still does), else posts a new one. `body` gets
    /// the comment's own URL.
    async fn put_comment(
        &self,
        existing: Option<(i64, String)>,
        body: impl Fn(&str) -> Result<String, Failure>,
    ) -> Result<PostedComment, Failure> {
        let trigger = self.trigger;
        if let Some((id, url)) = existing {
            match self
                .sink
                .update_comment(&trigger.repo, id, &body(&url)?)
                .await
            {
                Ok(mut posted) => {
                    if posted.html_url.is_empty() {
                        posted.html_url = url;
                    }
                    return Ok(posted);
                }
                // Deleted by someone: post a new one.
                Err(GitHubError::NotFound { .. }) => {}
                Err(err) => return Err(err.into()),
            }
        }
        let issue_url = format!(
            "https://github.com/{}/issues/{}",
            trigger.repo,
            trigger.number.get()
        );
        let first = body(&issue_url)?;
        let posted = self
            .sink
            .create_comment(&trigger.repo, trigger.number.get(), &first)
            .await?;
        // Now that the comment has a URL, the launch command can point at it (unless it does
        // not use the URL: then there is nothing to edit).
        let url = posted.html_url.clone();
        let with_url = body(&url)?;
        if with_url == first {
            return Ok(posted);
        }
        // The comment is published already and its launch command works with the issue's
        // URL: pointing it at the comment itself is cosmetic.
        match self
            .sink
            .update_comment(&trigger.repo, posted.id, &with_url)
            .await
        {
            Ok(mut updated) => {
                updated.html_url = url;
                Ok(updated)
            }
            Err(err) => {
                self.bot.metrics.cosmetic_failure("launch_url");
                warn!(error = %err, "cannot point the launch command at the comment; it points at the issue");
                Ok(posted)
            }
        }
    }

    async fn publish_prompt(
        &self,
        config: &RepoConfig,
        templates: &Templates,
        assembled: &Assembled,
        template_error: Option<&str>,
    ) -> Result<(), Failure> {
        let trigger = self.trigger;
        let store = &self.bot.store;
        let key = trigger.repo.key();
        let plan = plan(
            templates,
            assembled,
            config.output,
            self.sink.gists_available(),
            trigger.number.get(),
            &config.launch,
        )
        .map_err(Failure::permanent)?;
        let known = store
            .publication(&key, trigger.number.get(), "prompt")
            .await?;
        let marker = crate::prompt::render::prompt_marker(trigger.number.get());
        let existing = self.find_own_comment(known.as_ref(), &marker).await?;
        let mut status =
            super::relay::status_window(&store.pr_links(&key, trigger.number.get()).await?);
        if let Some(err) = template_error {
            status.push(neutralize(
                &messages::template_note(err),
                Some(trigger.number.get()),
            ));
        }
        let mut gist_id = known.as_ref().and_then(|p| p.gist_id.clone());
        let mut gist_url = None;
        if plan.destination == Destination::Gist {
            let gist = self
                .sink
                .put_gist(
                    gist_id.as_deref(),
                    &messages::gist_description(&trigger.repo.to_string(), trigger.number),
                    &format!("issue-{}.md", trigger.number.get()),
                    &plan.prompt,
                )
                .await?;
            gist_id = Some(gist.id);
            gist_url = Some(gist.raw_url);
            // Recorded at once: a retry after a later failure updates this gist, not a new one.
            store
                .put_publication(&Publication {
                    gist_id: gist_id.clone(),
                    gist_url: gist_url.clone(),
                    ..self.record(known.as_ref(), "prompt", &assembled.data.title)
                })
                .await?;
        }
        let line = verdict_line(assembled);
        let posted = self
            .put_comment(existing, |url| {
                let prompt_url = gist_url.as_deref().unwrap_or(url);
                compose_comment(
                    templates,
                    &CommentParts {
                        number: trigger.number.get(),
                        plan: &plan,
                        gist_url: gist_url.as_deref(),
                        verdict_line: &line,
                        status: &status,
                        launch: &config.launch.replace("{prompt_url}", prompt_url),
                    },
                )
                .map_err(Failure::permanent)
            })
            .await?;
        store
            .put_publication(&Publication {
                comment_id: Some(posted.id),
                comment_url: Some(posted.html_url),
                gist_id,
                gist_url,
                prompt_hash: Some(crate::store::content_hash_of(&plan.prompt)),
                ..self.record(known.as_ref(), "prompt", &assembled.data.title)
            })
            .await?;
        Ok(())
    }

    async fn publish_triage(
        &self,
        templates: &Templates,
        assembled: &Assembled,
        config: &RepoConfig,
        label_triggered: bool,
    ) -> Result<(), Failure> {
        let trigger = self.trigger;
        let store = &self.bot.store;
        let key = trigger.repo.key();
        let verdict = &assembled.verdict;
        let next_step =
            messages::triage_next_step(verdict.actionable, label_triggered, &config.command);
        let marker = triage_marker(trigger.number.get());
        let body = templates
            .render_triage(&TriageData::new(
                marker.clone(),
                verdict.clone(),
                Some(next_step),
            ))
            .map_err(Failure::permanent)?;
        let body = neutralize(&body, Some(trigger.number.get()));
        let known = store
            .publication(&key, trigger.number.get(), "triage")
            .await?;
        let existing = self.find_own_comment(known.as_ref(), &marker).await?;
        let posted = self.put_comment(existing, |_| Ok(body.clone())).await?;
        store
            .put_publication(&Publication {
                comment_id: Some(posted.id),
                comment_url: Some(posted.html_url),
                ..self.record(known.as_ref(), "triage", &assembled.data.title)
            })
            .await?;
        Ok(())
    }

    /// Posts `text` as the one reply of `kind` to this trigger. Only the person who asked is
    /// mentioned: anything else in the text is made inert.
    async fn reply_once(&self, kind: &str, text: &str) -> Result<(), Failure> {
        let text = neutralize(text, Some(self.trigger.number.get())).replace(
            &format!("@\u{200B}{}", self.trigger.actor),
            &format!("@{}", self.trigger.actor),
        );
        self.reply_once_as_is(kind, &text).await
    }

    /// [`Run::reply_once`] for a text the caller already made inert where it must be (the
    /// plan's table links the prompts it published on other issues).
    async fn reply_once_as_is(&self, kind: &str, text: &str) -> Result<(), Failure> {
        let trigger = self.trigger;
        let key = trigger.repo.key();
        let store = &self.bot.store;
        if !store
            .claim_reply(&key, &trigger.source, kind, now_ms())
            .await?
        {
            return Ok(());
        }
        let marker = format!("<!-- coordinator:reply {} {kind} -->", trigger.source);
        match self.post_once(trigger.number.get(), &marker, text).await {
            Ok(id) => {
                store
                    .set_reply_comment(&key, &trigger.source, kind, id)
                    .await?;
                Ok(())
            }
            Err(err) => {
                // Not posted: give the claim back so a retry can.
                let _ = store.release_reply(&key, &trigger.source, kind).await;
                Err(err)
            }
        }
    }

    /// Posts `text` on issue `number` under `marker` (a hidden first line), unless the App's
    /// comment with that marker is already there: an earlier attempt may have posted it and
    /// died, or lost GitHub's answer, before recording it. When even the lookup fails, posting
    /// is the better risk (the comment is often the news that GitHub is failing). The
    /// comment's id.
    async fn post_once(&self, number: i64, marker: &str, text: &str) -> Result<i64, Failure> {
        match self.find_own_comment_on(number, marker).await {
            Ok(Some((id, _))) => return Ok(id),
            Ok(None) => {}
            Err(err) => {
                warn!(error = %format!("{:#}", err.error), number, "cannot look for an earlier comment; posting")
            }
        }
        let body = format!("{marker}\n{text}");
        Ok(self
            .sink
            .create_comment(&self.trigger.repo, number, &body)
            .await?
            .id)
    }

    /// The one short reply after a final failure.
    async fn reply_failure(&self) {
        let text = messages::failure_reply(&self.trigger.reference);
        if let Err(err) = self.reply_once("failure", &text).await {
            warn!(error = %format!("{:#}", err.error), "cannot post the failure reply");
        }
    }

    /// The one reply of `kind` to a mistake the person can fix.
    async fn reply_user_error(&self, kind: &str, err: &UserError) -> Result<(), Failure> {
        self.reply_once(kind, &messages::user_error_reply(err))
            .await
    }

    /// A reaction on the command comment: cosmetic, so a failure is logged and counted,
    /// never the command's failure.
    async fn react(&self, content: &str) {
        let TriggerKind::Comment { id, .. } = &self.trigger.kind else {
            return;
        };
        if let Err(err) = self.sink.react(&self.trigger.repo, *id, content).await {
            self.bot.metrics.cosmetic_failure("reaction");
            warn!(error = %err, content, "cannot react to the command; going on without it");
        }
    }
}
