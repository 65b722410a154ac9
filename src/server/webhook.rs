//! `POST $WEBHOOK_PATH`: the GitHub webhook receiver.
//!
//! In this order: the signature header must be there (401), the body fits in 25 MiB (413),
//! the HMAC matches one configured secret (401), the event and delivery headers are present
//! (400). Then `ping` is answered, a known delivery ID is answered 200 without a second job,
//! and anything else is written durably with its job before the 202. No GitHub or Slack call
//! is made here: that is the worker's.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt as _, LengthLimitError, Limited};
use serde_json::json;
use tracing::{info, warn};

use super::AppState;
use crate::github::event::{self, EnvelopeError};
use crate::github::signature;
use crate::store::{
    CompressedPayload, DeliveryOutcome, NewDelivery, NewJob, RecordOutcome, now_ms,
};

/// GitHub sends payloads of up to 25 MB.
pub const MAX_BODY_BYTES: usize = 25 * 1024 * 1024;

/// The job kind that processes a stored delivery.
pub const WEBHOOK_JOB: &str = "webhook";

/// How long a delivery may wait for the database before the answer is a 503.
const RECORD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(8);

fn reply(status: StatusCode, body: serde_json::Value) -> Response {
    (status, Json(body)).into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    reply(status, json!({ "error": message }))
}

pub async fn receive(State(app): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let metrics = &app.metrics;
    let Some(sig) = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok())
    else {
        metrics.delivery("unknown", "unauthorized");
        return error(
            StatusCode::UNAUTHORIZED,
            "missing X-Hub-Signature-256: sign the body with the webhook secret",
        );
    };
    let declared = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        metrics.delivery("unknown", "too_large");
        return error(StatusCode::PAYLOAD_TOO_LARGE, "the body is over 25 MiB");
    }
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => {
            metrics.delivery("unknown", "too_large");
            return error(StatusCode::PAYLOAD_TOO_LARGE, "the body is over 25 MiB");
        }
        Err(err) => {
            metrics.delivery("unknown", "bad_request");
            return error(
                StatusCode::BAD_REQUEST,
                &format!("cannot read the body: {err}"),
            );
        }
    };
    if !signature::verify(&app.secrets, sig, &body) {
        metrics.delivery("unknown", "unauthorized");
        warn!("webhook signature does not match any configured secret");
        return error(
            StatusCode::UNAUTHORIZED,
            "X-Hub-Signature-256 does not match: check WEBHOOK_SECRET",
        );
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let (Some(event), Some(delivery_id)) = (header("x-github-event"), header("x-github-delivery"))
    else {
        metrics.delivery("unknown", "bad_request");
        return error(
            StatusCode::BAD_REQUEST,
            "X-GitHub-Event and X-GitHub-Delivery headers are required",
        );
    };
    if delivery_id.len() > 200 || event.len() > 100 {
        metrics.delivery("unknown", "bad_request");
        return error(
            StatusCode::BAD_REQUEST,
            "X-GitHub-Event or X-GitHub-Delivery is too long",
        );
    }
    if event == "ping" {
        metrics.delivery("ping", "pong");
        info!(delivery = delivery_id, "ping");
        return reply(StatusCode::OK, json!({ "status": "pong" }));
    }
    let envelope = match event::parse_envelope(event, &body) {
        Ok(envelope) => Some(envelope),
        // An event we never act on is stored and ignored whatever its body: a change on
        // GitHub's side to an event we do not read is not the sender's error.
        Err(EnvelopeError::NotJson(err)) if !event::is_acted_on_event(event) => {
            warn!(delivery = delivery_id, event, error = %err, "ignoring a payload that is not JSON");
            None
        }
        Err(EnvelopeError::NotJson(err)) => {
            metrics.delivery(event, "malformed");
            warn!(delivery = delivery_id, event, error = %err, "payload is not JSON");
            return error(
                StatusCode::BAD_REQUEST,
                &format!("the payload is not valid JSON: {err}"),
            );
        }
        Err(err @ EnvelopeError::UnexpectedShape { .. }) => {
            warn!(delivery = delivery_id, event, error = %err, "ignoring a payload of an unknown shape");
            None
        }
    };
    let action = envelope.as_ref().and_then(|e| e.action.clone());
    let acted_on = envelope.is_some() && event::is_acted_on(event, action.as_deref());
    let received_at = now_ms();
    let delivery = NewDelivery {
        id: delivery_id.to_string(),
        event: event.to_string(),
        action,
        installation_id: envelope.as_ref().and_then(|e| e.installation_id),
        repo: envelope
            .as_ref()
            .and_then(|e| e.repository.as_ref())
            .map(|r| r.full_name()),
        outcome: if acted_on {
            DeliveryOutcome::Queued
        } else {
            DeliveryOutcome::Ignored
        },
        payload: acted_on.then(|| CompressedPayload::compress(&body)),
        received_at,
        job: acted_on.then(|| NewJob {
            kind: WEBHOOK_JOB.to_string(),
            delivery_id: Some(delivery_id.to_string()),
            args: "{}".to_string(),
            dedupe_key: None,
            run_at: received_at,
            max_attempts: app.max_attempts,
        }),
    };
    let outcome_label = delivery.outcome.as_str();
    // GitHub gives up after 10 s: a database that cannot take the delivery in 8 gets a 503
    // (GitHub then marks the delivery failed, and recovery asks for it again).
    let recorded = tokio::time::timeout(RECORD_TIMEOUT, app.intake.record(delivery))
        .await
        .unwrap_or_else(|_| {
            Err(anyhow::anyhow!(
                "the database did not take the delivery within {} s",
                RECORD_TIMEOUT.as_secs()
            ))
        });
    match recorded {
        Ok(RecordOutcome::Stored) => {
            metrics.delivery(event, outcome_label);
            reply(
                StatusCode::ACCEPTED,
                json!({ "status": outcome_label, "delivery": delivery_id }),
            )
        }
        Ok(RecordOutcome::Duplicate) => {
            metrics.delivery(event, "duplicate");
            info!(
                delivery = delivery_id,
                event, "duplicate delivery: already stored"
            );
            reply(
                StatusCode::OK,
                json!({ "status": "duplicate", "delivery": delivery_id }),
            )
        }
        Err(err) => {
            metrics.delivery(event, "store_error");
            // Not stored, so not acknowledged: a redelivery will carry it again.
            reply(
                StatusCode::SERVICE_UNAVAILABLE,
                json!({ "error": format!("cannot store the delivery: {err:#}") }),
            )
        }
    }
}
