//! Sending to the customer and recording what was sent.
//!
//! [`ai_reply`] checks, right before the Graph call, that this worker still holds the
//! partition (fence) and that the AI still owns the conversation at the version the turn
//! started under (I5); otherwise the reply is kept as a draft for the human and a console
//! event says so. [`handoff`] moves the conversation to `pending_human`, records the seed's
//! `support-handoff` memory, tells the console, and sends the customer a short notice.
//! [`deliver`] is the shared Graph path: retryable errors become a transient step error
//! (retried), permanent ones are recorded in the transcript and shown to humans, never retried.

use baton_shared::event::{Event, now_ms};
use serde_json::json;
use tracing::{info, warn};

use super::Engine;
use super::state::{feed, ownership, transcript};
use crate::memory::{HandoffEvent, Record, Role};
use crate::pipeline::{StepCx, StepError};
use crate::whatsapp::{GraphError, Recipient};

/// Sends the AI's reply to `ev` if the AI still owns the conversation at `version`.
pub async fn ai_reply(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    version: u64,
    text: &str,
) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    if cx.fenced() {
        return Err(StepError::Transient(
            "partition lease lost before sending".into(),
        ));
    }
    if !ownership::still_owned_by_ai(&cx.redis, &cx.keys, &conv, version).await? {
        info!("owner changed during the AI turn; reply kept as a draft");
        feed::save_draft(&cx.redis, &cx.keys, &conv, text).await?;
        feed::emit(
            &cx.redis,
            &cx.keys,
            "draft",
            &conv,
            json!({ "event_id": ev.id, "text": text }),
        )
        .await?;
        return Ok(());
    }
    let quote = quote_target(cx, ev).await?;
    deliver(e, cx, ev, text, quote.as_deref(), "ai", None)
        .await
        .map(|_| ())
}

/// Hands the conversation to a human and tells the customer.
pub async fn handoff(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    reason: &str,
    summary: &str,
    evidence: Option<&str>,
    notice: &str,
) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    let applied = ownership::apply(
        &cx.redis,
        &cx.keys,
        &conv,
        ownership::Transition::Handoff,
        None,
        Some(reason),
        Some(summary),
    )
    .await?;
    let id = format!("{}:handoff", ev.id);
    let line = format!("AI handed off to human. Reason: {reason}. Summary: {summary}");
    transcript::append(
        &cx.redis,
        &cx.keys,
        &conv,
        &transcript::Entry::new(id.clone(), "event", line),
    )
    .await?;
    let record = Record::Handoff {
        id,
        event: HandoffEvent::HandedOff,
        reason: Some(reason.to_owned()),
        summary: Some(summary.to_owned()),
        actor: Some("ai".to_owned()),
        note: None,
        at_ms: now_ms(),
    };
    e.remember(&ev.conversation, record).await?;
    let version = applied.as_ref().map(|s| s.version);
    let payload = json!({ "event_id": ev.id, "reason": reason, "summary": summary, "evidence": evidence, "version": version });
    feed::emit(&cx.redis, &cx.keys, "handoff", &conv, payload).await?;
    ownership::unresolved(&cx.redis, &cx.keys, &conv, true).await?;
    metrics::counter!("baton_worker_handoffs_total", "reason" => reason.to_owned()).increment(1);
    if cx.fenced() {
        return Err(StepError::Transient(
            "partition lease lost before sending".into(),
        ));
    }
    deliver(e, cx, ev, notice, None, "ai", None)
        .await
        .map(|_| ())
}

/// Sends `text` on `ev`'s conversation as `role` (`ai` or `human`); records it.
/// Returns whether it was sent. A permanent Graph error is recorded and shown, not retried.
pub async fn deliver(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    text: &str,
    quote: Option<&str>,
    role: &str,
    agent: Option<&str>,
) -> Result<bool, StepError> {
    let conv = ev.conversation.key();
    let to = recipient(cx, ev).await?;
    match e
        .graph
        .send_text(&ev.conversation.number, &to, text, quote, Some(&ev.id))
        .await
    {
        Ok(sent) => {
            for s in &sent {
                super::status::remember_sent(cx, &s.wamid, &conv, role).await?;
            }
            let mut entry = transcript::Entry::new(format!("{}:{role}", ev.id), role, text);
            entry.agent = agent.map(str::to_owned);
            transcript::append(&cx.redis, &cx.keys, &conv, &entry).await?;
            let role_kind = if role == "human" {
                Role::Human
            } else {
                Role::Ai
            };
            let record = Record::Turn {
                id: entry.id.clone(),
                role: role_kind,
                text: text.to_owned(),
                at_ms: now_ms(),
            };
            e.remember(&ev.conversation, record).await?;
            metrics::counter!("baton_worker_messages_sent_total", "role" => role.to_owned())
                .increment(1);
            Ok(true)
        }
        Err(err) if err.is_retryable() => {
            Err(StepError::Transient(format!("whatsapp send: {err}")))
        }
        Err(err) => {
            warn!(error = %err, code = ?err.code(), "WhatsApp refused the message; shown to humans, not retried");
            send_failed(cx, ev, role, text, &err).await?;
            Ok(false)
        }
    }
}

async fn send_failed(
    cx: &StepCx,
    ev: &Event,
    role: &str,
    text: &str,
    err: &GraphError,
) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    let line = format!("A {role} message could not be sent: {err}");
    let id = format!("{}:{role}:failed", ev.id);
    transcript::append(
        &cx.redis,
        &cx.keys,
        &conv,
        &transcript::Entry::new(id, "event", line),
    )
    .await?;
    let payload = json!({
        "event_id": ev.id, "role": role, "text": text, "code": err.code(),
        "error": err.to_string(), "window_closed": err.window_closed(),
    });
    feed::emit(&cx.redis, &cx.keys, "send_failed", &conv, payload).await?;
    Ok(())
}

/// Phone number when known (replies go there), else the business-scoped id.
async fn recipient(cx: &StepCx, ev: &Event) -> Result<Recipient, StepError> {
    let c = &ev.conversation;
    if c.wa_id.is_some() || c.user_id.is_some() {
        return Ok(Recipient {
            wa_id: c.wa_id.clone(),
            user_id: c.user_id.clone(),
        });
    }
    let state = ownership::get(&cx.redis, &cx.keys, &c.key()).await?;
    Ok(Recipient {
        wa_id: state.wa_id,
        user_id: state.user_id.or_else(|| Some(c.customer.clone())),
    })
}

/// Quote the customer's message when they have written more since (the reply would
/// otherwise read as an answer to the latest one).
async fn quote_target(cx: &StepCx, ev: &Event) -> Result<Option<String>, StepError> {
    let recent = transcript::recent(&cx.redis, &cx.keys, &ev.conversation.key(), 5).await?;
    let last_customer = recent
        .iter()
        .rev()
        .find(|t| t.role == "customer")
        .map(|t| t.id.as_str());
    Ok((last_customer != Some(ev.id.as_str())).then(|| ev.id.clone()))
}
