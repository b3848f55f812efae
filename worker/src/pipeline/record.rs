//! Records every event where humans and later steps can see it.
//!
//! Customer messages go to the conversation's recent transcript in Redis (newest first, capped
//! at [`TRANSCRIPT_CAP`] entries, expiring after 30 days of silence); each entry is keyed by
//! event id so a re-run after a crash does not add it twice. Statuses, platform errors and
//! changes are logged and counted. Fails transiently when Redis does.

use baton_shared::event::{Event, EventKind};
use baton_shared::telemetry::mask;
use deadpool_redis::redis;
use futures::FutureExt;
use futures::future::BoxFuture;

use super::{Step, StepCx, StepError};

/// Entries kept in a recent transcript.
pub const TRANSCRIPT_CAP: isize = 200;
const TRANSCRIPT_TTL_SECS: i64 = 30 * 24 * 3600;

pub struct Record;

impl Step for Record {
    fn name(&self) -> &'static str {
        "record"
    }

    fn run<'a>(&'a self, cx: &'a StepCx, event: &'a Event) -> BoxFuture<'a, Result<(), StepError>> {
        async move {
            match event.kind {
                EventKind::CustomerMessage => append_transcript(cx, event).await?,
                EventKind::PlatformError => {
                    tracing::warn!(error = %event.item, number = %event.conversation.number, "platform error from Meta")
                }
                _ => {}
            }
            tracing::info!(
                kind = event.kind.as_str(),
                r#type = event.message_type().unwrap_or("-"),
                customer = %mask(&event.conversation.customer),
                "event recorded"
            );
            Ok(())
        }
        .boxed()
    }
}

/// Adds the message to the transcript unless this event id is already in it.
async fn append_transcript(cx: &StepCx, event: &Event) -> Result<(), StepError> {
    let key = cx
        .keys
        .other(&format!("transcript:{}", event.conversation.key()));
    let seen = cx
        .keys
        .other(&format!("transcript-ids:{}", event.conversation.key()));
    let entry = serde_json::json!({
        "role": "customer",
        "event_id": event.id,
        "type": event.message_type(),
        "text": event.text(),
        "meta_ts": event.meta_ts,
        "received_at_ms": event.received_at_ms,
    })
    .to_string();
    let mut conn = cx
        .redis
        .get()
        .await
        .map_err(baton_shared::redis::RedisError::from)?;
    let script = redis::Script::new(
        r#"
        if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
        redis.call('LPUSH', KEYS[1], ARGV[2])
        redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
        redis.call('EXPIRE', KEYS[1], ARGV[4])
        redis.call('EXPIRE', KEYS[2], ARGV[4])
        return 1
        "#,
    );
    let _: i64 = script
        .key(key)
        .key(seen)
        .arg(&event.id)
        .arg(entry)
        .arg(TRANSCRIPT_CAP)
        .arg(TRANSCRIPT_TTL_SECS)
        .invoke_async(&mut *conn)
        .await
        .map_err(baton_shared::redis::RedisError::from)?;
    metrics::counter!("baton_worker_customer_messages_total").increment(1);
    Ok(())
}
