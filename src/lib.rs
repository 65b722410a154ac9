//! coordinator: a GitHub App that prepares well-scoped issues for autonomous coding agents
//! and relays their pull requests to Slack.
//!
//! Layers, top down; a module imports only from layers below it (`tests/architecture.rs`
//! checks every `crate::` path against this list):
//!
//! 1. the binary: `cli` (flags, commands), `app` (`serve`), `telemetry`;
//! 2. `bot`: one handler per trigger and job kind;
//! 3. `publish` (comments, gists), over `prompt` (context assembly and templates), `mirror`
//!    (sync and webhook updates), `jobs` (the worker) and `server` (the webhook receiver,
//!    which never calls GitHub);
//! 4. `analysis` (pure: ranking, triage and `locate` over the mirror and the code index);
//! 5. `code` (pure: the index of a repository's code at one commit), `github` (REST client,
//!    the typed webhook event), `slack`, `views` (rows as people read them);
//! 6. `metrics`, over `store` (SQLite and Postgres) and `config`;
//! 7. leaves: `messages` (every public text outside the templates), `error` (usage and user
//!    errors), `markdown` (quoting, making text inert), `ids` (newtypes).

pub mod analysis;
pub mod analyst;
pub mod app;
pub mod bot;
pub mod cli;
pub mod code;
pub mod config;
pub mod error;
pub mod github;
pub mod ids;
pub mod jobs;
pub mod markdown;
pub mod messages;
pub mod metrics;
pub mod mirror;
pub mod prompt;
pub mod publish;
pub mod server;
pub mod slack;
pub mod store;
pub mod telemetry;
pub mod views;
