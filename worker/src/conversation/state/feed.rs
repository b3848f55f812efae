//! Events for the humans: what the console and Slack show (handoffs, customer messages while
//! a human owns the conversation, drafts, delivery and send failures).
//!
//! Each event is appended to the Redis stream `{ns}:console` (capped at about 10,000 entries)
//! with its type, conversation and a JSON payload; the console's live feed reads it. Drafts
//! (AI replies not sent because the owner changed mid-turn) are also kept per conversation in
//! `{ns}:drafts:{conversation}`. Fails with [`RedisError`] (transient).

use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use redis;

pub use baton_shared::state::feed::{
    CommandApplied, ConsoleEvent, appended_since, emit_cmd, emit_parts,
};

/// Appends one console event (outside any journal: prefer `effects::notify_once`).
pub async fn emit(
    pool: &Pool,
    keys: &Keys,
    conversation: &str,
    event: &ConsoleEvent,
) -> Result<(), RedisError> {
    let mut c = pool.get().await?;
    emit_cmd(keys, conversation, event)
        .query_async::<()>(&mut *c)
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
