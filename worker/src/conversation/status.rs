//! Delivery statuses of the messages we sent (`message_status` events).
//!
//! Each sent message gets a record `{ns}:sent:{wamid}` (`baton_shared::state::sent`:
//! conversation, status) from its first status webhook, kept for 30 days; sending writes
//! nothing for it (the transcript line carrying the wamid says Graph accepted it, and says who
//! wrote it). Statuses only move forward (`sent` < `delivered` < `read` < `played`; a late,
//! lower-ranked webhook never downgrades; `failed` is terminal unless a later delivered/read
//! proves otherwise — `whatsapp::status_supersedes`). A `failed` AI or human message is
//! written to the transcript and shown to humans with Meta's error and, from the transcript
//! line with its wamid, who wrote it.

use baton_shared::event::Event;
use baton_shared::state::sent::{self, SentRecord, TTL_SECS};
use baton_shared::state::{ConsoleEvent, Speaker};
use redis;

use super::effects::notify_once;
use super::state::transcript;
use crate::pipeline::{StepCx, StepError};
use crate::whatsapp::status_supersedes;

pub async fn on_status(cx: &StepCx, ev: &Event) -> Result<(), StepError> {
    let wamid = ev.item["id"].as_str().unwrap_or_default();
    let status = ev.item["status"].as_str().unwrap_or_default();
    if wamid.is_empty() || status.is_empty() {
        return Ok(());
    }
    let known = sent::get(&cx.redis, &cx.keys, wamid).await?;
    let stored = known.as_ref().and_then(|r| r.status.as_deref());
    if !status_supersedes(stored, status) {
        return Ok(());
    }
    let record = SentRecord {
        status: Some(status.to_owned()),
        status_ts: ev.meta_ts,
        ..known.clone().unwrap_or_else(|| SentRecord {
            conversation: ev.conversation.key(),
            ..SentRecord::default()
        })
    };
    let mut c = cx.redis.get().await?;
    let mut set = redis::cmd("SET");
    set.arg(cx.keys.sent(wamid)).arg(record.to_json());
    if known.is_some() {
        set.arg("KEEPTTL");
    } else {
        set.arg("EX").arg(TTL_SECS);
    }
    set.query_async::<()>(&mut *c)
        .await
        .map_err(baton_shared::redis::RedisError::from)?;
    drop(c);
    let conv = record.conversation;
    metrics::counter!("baton_worker_statuses_total", "status" => status.to_owned()).increment(1);
    if status == "failed" {
        // Who wrote it: the transcript line that carries its wamid (a record written by an
        // older build may say it too).
        let role = match record.role {
            Some(r) => Some(r),
            None => transcript::speaker_of(&cx.redis, &cx.keys, &conv, wamid).await?,
        };
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
