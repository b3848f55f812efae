//! `GET /webhook/whatsapp` (verification handshake) and `POST /webhook/whatsapp` (events).
//!
//! POST: signature first (401, nothing published), then split into events, publish each to its
//! partition with confirms, and answer 200 only after every confirm (I1). Any publish failure
//! answers 503 so Meta retries (duplicates are removed by the worker's dedupe). A signed body
//! we cannot read is kept in the unparsed queue and answered 200 (I2): refusing it would only
//! buy a week of identical retries.

use std::collections::HashMap;
use std::time::Instant;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use baton_shared::amqp::PublishError;
use baton_shared::event::now_ms;
use baton_shared::{telemetry, webhook};
use bytes::Bytes;
use futures::future::try_join_all;
use lapin::types::AMQPValue;
use tracing::{Instrument, info, warn};

use crate::AppState;
use crate::verify::{self, VerifiedBody};

pub fn routes() -> Router<AppState> {
    Router::new().route("/webhook/whatsapp", get(handshake).post(receive))
}

async fn handshake(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> (StatusCode, String) {
    let mode_ok = q.get("hub.mode").map(String::as_str) == Some("subscribe");
    let token_ok = match (&state.config.waba.verify_token, q.get("hub.verify_token")) {
        (Some(expected), Some(given)) => verify::token_matches(expected, given),
        _ => false,
    };
    match q.get("hub.challenge") {
        Some(challenge) if mode_ok && token_ok => (StatusCode::OK, challenge.clone()),
        _ => {
            warn!(mode_ok, token_ok, "webhook verification refused");
            (StatusCode::FORBIDDEN, "verification failed".into())
        }
    }
}

fn outcome(outcome: &'static str) {
    metrics::counter!("baton_ingress_requests_total", "outcome" => outcome).increment(1);
}

/// One span per request; it continues a `traceparent` sent by the caller (the sandbox, load
/// tests, a proxy), else starts a new trace.
async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let span = tracing::info_span!(
        "webhook.receive",
        events = tracing::field::Empty,
        trace_id = tracing::field::Empty
    );
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    telemetry::continue_from_http(&span, text("traceparent"), text("tracestate"));
    span.record("trace_id", telemetry::trace_id(&span));
    receive_verified(state, headers.clone(), body)
        .instrument(span)
        .await
}

async fn receive_verified(state: AppState, headers: HeaderMap, body: Bytes) -> StatusCode {
    let span = tracing::Span::current();
    let signature = headers.get("x-hub-signature-256").map(|v| v.as_bytes());
    let verified = match verify::verify_signature(&state.config.waba.app_secrets, signature, body) {
        Ok(v) => v,
        Err(e) => {
            warn!(error = %e, "webhook refused");
            outcome("unauthorized");
            return StatusCode::UNAUTHORIZED;
        }
    };
    let received = now_ms();
    let started = Instant::now();
    let result = match webhook::split(verified.bytes(), received) {
        Ok(events) => {
            span.record("events", events.len());
            publish_events(&state, events).await.map(|_| "accepted")
        }
        Err(unparsed) => {
            warn!(reason = %unparsed, "signed webhook body kept as unparsed");
            keep_unparsed(&state, &verified, &unparsed.0, received)
                .await
                .map(|_| "unparsed")
        }
    };
    metrics::histogram!("baton_ingress_publish_seconds").record(started.elapsed().as_secs_f64());
    match result {
        Ok(o) => {
            outcome(o);
            StatusCode::OK
        }
        Err(e) => {
            warn!(error = %e, "publish failed; answering 503 so Meta retries");
            outcome("unavailable");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

async fn publish_events(
    state: &AppState,
    events: Vec<baton_shared::event::Event>,
) -> Result<(), PublishError> {
    let headers = telemetry::inject_current();
    try_join_all(events.iter().map(|event| {
        let headers = headers.clone();
        async move {
            state.publisher.publish_event(event, headers).await?;
            metrics::counter!("baton_ingress_events_published_total", "kind" => event.kind.as_str())
                .increment(1);
            info!(kind = event.kind.as_str(), conversation = %telemetry::mask(&event.conversation.customer), "event published");
            Ok::<_, PublishError>(())
        }
    }))
    .await?;
    Ok(())
}

async fn keep_unparsed(
    state: &AppState,
    body: &VerifiedBody,
    reason: &str,
    received: i64,
) -> Result<(), PublishError> {
    let mut headers = telemetry::inject_current();
    headers.insert(
        "x-baton-reason".into(),
        AMQPValue::LongString(reason.into()),
    );
    headers.insert(
        "x-baton-received-at-ms".into(),
        AMQPValue::LongLongInt(received),
    );
    let props = lapin::BasicProperties::default()
        .with_content_type("application/json".into())
        .with_timestamp((received / 1000) as u64)
        .with_headers(headers);
    let queue = state.publisher.names().unparsed_queue();
    state
        .publisher
        .publish_raw("", &queue, body.bytes(), props)
        .await?;
    metrics::counter!("baton_ingress_unparsed_total").increment(1);
    Ok(())
}
