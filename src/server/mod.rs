//! The HTTP side of `serve`: the webhook receiver, `/healthz` and `/metrics`.

pub mod intake;
pub mod webhook;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use secrecy::SecretString;
use serde_json::json;

use crate::metrics::Metrics;
use crate::store::Store;
use intake::Intake;

/// The health route (fly.toml's check and the Dockerfile's HEALTHCHECK use it).
pub const HEALTH_PATH: &str = "/healthz";

/// What the routes share.
#[derive(Clone)]
pub struct AppState {
    pub secrets: Arc<[SecretString]>,
    pub intake: Intake,
    pub store: Arc<dyn Store>,
    pub metrics: Arc<Metrics>,
    /// Attempts a delivery's job gets before it is dead.
    pub max_attempts: i64,
}

/// The router of `serve`, with the webhook at `webhook_path`.
pub fn router(state: AppState, webhook_path: &str) -> Router {
    Router::new()
        .route(
            webhook_path,
            // The receiver reads the body itself, with its own 25 MiB cap.
            post(webhook::receive).layer(DefaultBodyLimit::disable()),
        )
        .route(HEALTH_PATH, get(healthz))
        .route("/metrics", get(metrics))
        .with_state(state)
}

async fn healthz(State(app): State<AppState>) -> Response {
    match app.store.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok" }))).into_response(),
        Err(err) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "error": format!("{err:#}") })),
        )
            .into_response(),
    }
}

async fn metrics(State(app): State<AppState>) -> Response {
    let jobs = match app.store.job_counts().await {
        Ok(counts) => Some(counts),
        Err(err) => {
            tracing::warn!(error = %format!("{err:#}"), "metrics: cannot count jobs");
            None
        }
    };
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        app.metrics.render(jobs.as_deref()),
    )
        .into_response()
}
