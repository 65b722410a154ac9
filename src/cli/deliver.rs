//! `coordinator deliver`: signs a payload file like GitHub does and posts it to a running bot.

use std::path::Path;

use anyhow::{Context as _, Result};
use secrecy::SecretString;

use crate::github::signature;

/// What to deliver, and where.
pub struct Delivery<'a> {
    pub url: &'a str,
    pub event: &'a str,
    pub payload: &'a Path,
    pub secret: &'a SecretString,
    pub delivery_id: Option<&'a str>,
}

/// The server's answer.
pub struct Answer {
    pub status: reqwest::StatusCode,
    pub body: String,
    pub delivery_id: String,
}

pub async fn deliver(delivery: Delivery<'_>) -> Result<Answer> {
    let body = std::fs::read(delivery.payload).map_err(|err| {
        crate::error::usage(format!(
            "cannot read the payload {}: {err}",
            delivery.payload.display()
        ))
    })?;
    let delivery_id = delivery
        .delivery_id
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let response = reqwest::Client::new()
        .post(delivery.url)
        .header("content-type", "application/json")
        .header("user-agent", "GitHub-Hookshot/coordinator-deliver")
        .header("x-github-event", delivery.event)
        .header("x-github-delivery", &delivery_id)
        .header(
            "x-hub-signature-256",
            signature::sign(delivery.secret, &body),
        )
        .body(body)
        .send()
        .await
        .with_context(|| {
            format!(
                "cannot reach {}: is `coordinator serve` running?",
                delivery.url
            )
        })?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    Ok(Answer {
        status,
        body,
        delivery_id,
    })
}
