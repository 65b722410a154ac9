//! coordinator: a GitHub App that prepares well-scoped issues for autonomous coding agents
//! and relays their pull requests to Slack.
//!
//! Layers, top down: `cli` and `app` (the binary) -> `bot` (job handlers) -> `server`
//! (webhook intake) and `jobs` (the worker) -> `github` -> `store` and `config`.

pub mod analysis;
pub mod app;
pub mod bot;
pub mod cli;
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
