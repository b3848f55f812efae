//! Delivery statuses of the messages we sent (`message_status` events).
//!
//! Each sent message has a Redis hash `{ns}:msg:{wamid}` (conversation, role, status) kept
//! for 30 days. Statuses only move forward (`sent` < `delivered` < `read` < `played`; a late,
//! lower-ranked webhook never downgrades; `failed` is terminal unless a later delivered/read
//! proves otherwise — `whatsapp::status_supersedes`). A status may arrive before our send
//! call returned: it is stored anyway and the send fills in the rest (a record without a
//! status is a message Graph accepted). A `failed` AI or human
//! message is written to the transcript and shown to humans with Meta's error.

use baton_shared::event::Event;
use baton_shared::state::{ConsoleEvent, Speaker};
use redis;

use super::effects::notify_once;
use super::state::transcript;
use crate::pipeline::{StepCx, StepError};
use crate::whatsapp::status_supersedes;

const TTL_SECS: i64 = 30 * 24 * 3600;

fn key(cx: &StepCx, wamid: &str) -> String {
    cx.keys.sent_message(wamid)
}

/// Adds to `pipe` the record of a message we just sent (conversation and role; its status
/// comes with the status webhooks and may already be there). Idempotent.
pub fn remember_sent(
    pipe: &mut redis::Pipeline,
    cx: &StepCx,
    wamid: &str,
    conv: &str,
    role: Speaker,
) {
    pipe.hset_multiple(
        key(cx, wamid),
        &[("conversation", conv), ("role", role.as_str())],
    )
    .ignore()
    .expire(key(cx, wamid), TTL_SECS)
    .ignore();
}

pub async fn on_status(cx: &StepCx, ev: &Event) -> Result<(), StepError> {
    let wamid = ev.item["id"].as_str().unwrap_or_default();
    let status = ev.item["status"].as_str().unwrap_or_default();
    if wamid.is_empty() || status.is_empty() {
        return Ok(());
    }
    let mut c = cx.redis.get().await?;
    let (stored, role, conv): (Option<String>, Option<String>, Option<String>) =
        redis::cmd("HMGET")
            .arg(key(cx, wamid))
            .arg("status")
            .arg("role")
            .arg("conversation")
            .query_async(&mut *c)
            .await
            .map_err(baton_shared::redis::RedisError::from)?;
    let stored = stored.filter(|s| s != "accepted");
    if !status_supersedes(stored.as_deref(), status) {
        return Ok(());
    }
    redis::pipe()
        .hset(key(cx, wamid), "status", status)
        .hset(key(cx, wamid), "status_ts", ev.meta_ts.unwrap_or_default())
        .expire(key(cx, wamid), TTL_SECS)
        .query_async::<()>(&mut *c)
        .await
        .map_err(baton_shared::redis::RedisError::from)?;
    drop(c);
    metrics::counter!("baton_worker_statuses_total", "status" => status.to_owned()).increment(1);
    if status == "failed" {
        let conv = conv.unwrap_or_else(|| ev.conversation.key());
        let role = role.as_deref().and_then(|r| match r {
            "ai" => Some(Speaker::Ai),
            "human" => Some(Speaker::Human),
            _ => None,
        });
        let errors = ev.item["errors"].clone();
        let code = errors[0]["code"].as_i64();
        let line = format!(
            "A {} message could not be delivered (code {}).",
            role.map_or("sent", Speaker::as_str),
            code.map_or("?".into(), |c| c.to_string())
        );
        let entry = transcript::Entry::new(format!("{}:failed", ev.id), Speaker::Event, line);
        transcript::append(&cx.redis, &cx.keys, &conv, &entry).await?;
        let failed = ConsoleEvent::DeliveryFailed {
            wamid: wamid.to_owned(),
            role,
            errors,
        };
        notify_once(cx, "feed:failed", &conv, failed).await?;
    }
    Ok(())
}
