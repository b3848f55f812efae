//! Events for the humans: what the console and Slack show (handoffs, customer messages while
//! a human owns the conversation, drafts, delivery and send failures).
//!
//! Each event is appended to the Redis stream `{ns}:console` (capped at about 10,000 entries)
//! with its type, conversation and a JSON payload; the console's live feed reads it. Drafts
//! (AI replies not sent because the owner changed mid-turn) are also kept per conversation in
//! `{ns}:drafts:{conversation}`. Fails with [`RedisError`] (transient).

use baton_shared::event::now_ms;
use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use redis;
use serde_json::Value;

/// The command that appends one console event (for callers that run it atomically with
/// their journal mark, `pipeline::journal::Journal::atomically`).
pub fn emit_cmd(keys: &Keys, kind: &str, conversation: &str, payload: &Value) -> redis::Pipeline {
    let mut pipe = redis::pipe();
    pipe.cmd("XADD")
        .arg(keys.console())
        .arg("MAXLEN")
        .arg("~")
        .arg(10_000)
        .arg("*")
        .arg("type")
        .arg(kind)
        .arg("conversation")
        .arg(conversation)
        .arg("at_ms")
        .arg(now_ms())
        .arg("data")
        .arg(payload.to_string())
        .ignore();
    pipe
}

/// Appends one console event.
pub async fn emit(
    pool: &Pool,
    keys: &Keys,
    kind: &str,
    conversation: &str,
    payload: Value,
) -> Result<(), RedisError> {
    let mut c = pool.get().await?;
    redis::cmd("XADD")
        .arg(keys.console())
        .arg("MAXLEN")
        .arg("~")
        .arg(10_000)
        .arg("*")
        .arg("type")
        .arg(kind)
        .arg("conversation")
        .arg(conversation)
        .arg("at_ms")
        .arg(now_ms())
        .arg("data")
        .arg(payload.to_string())
        .query_async::<String>(&mut *c)
        .await?;
    Ok(())
}

/// Keeps an unsent AI reply as a suggestion for the human.
pub async fn save_draft(
    pool: &Pool,
    keys: &Keys,
    conversation: &str,
    text: &str,
) -> Result<(), RedisError> {
    let mut c = pool.get().await?;
    let key = keys.drafts(conversation);
    redis::pipe()
        .lpush(&key, text)
        .ltrim(&key, 0, 19)
        .expire(&key, 7 * 24 * 3600)
        .query_async::<()>(&mut *c)
        .await?;
    Ok(())
}
