//! When a human last acted in a conversation they own — what the inactivity release measures.
//!
//! No key of its own: the score of the conversation in `{ns}:owned:human` (the console index,
//! `super::index`). The transition script sets it when a conversation comes to a human (claim,
//! takeover: the time of that change), and every human message moves it forward with [`touch`]
//! — a console reply or template (ingress, as it publishes the command, and the worker as it
//! handles it) and a message from the WhatsApp Business app. `ZADD XX GT`: only a conversation
//! a human owns is touched, and the time never goes back. So the oldest scores of that set are
//! the conversations idle longest, found with one `ZRANGEBYSCORE` ([`idle`]), and the console's
//! human-owned list is ordered by last human activity. Fails with [`RedisError`] (transient).

use super::Owner;
use crate::redis::{Keys, Pool, RedisError};

/// Adds to `pipe` the command recording human activity in `conv` at `at_ms`.
pub fn touch_cmd(pipe: &mut redis::Pipeline, keys: &Keys, conv: &str, at_ms: i64) {
    pipe.cmd("ZADD")
        .arg(keys.owned(Owner::Human))
        .arg("XX")
        .arg("GT")
        .arg(at_ms)
        .arg(conv)
        .ignore();
}

/// Records human activity in `conv` at `at_ms` (nothing when no human owns it).
pub async fn touch(pool: &Pool, keys: &Keys, conv: &str, at_ms: i64) -> Result<(), RedisError> {
    let mut pipe = redis::pipe();
    touch_cmd(&mut pipe, keys, conv, at_ms);
    let mut c = pool.get().await?;
    pipe.query_async::<()>(&mut *c).await?;
    Ok(())
}

/// The last human activity in `conv`, while a human owns it.
pub async fn last(pool: &Pool, keys: &Keys, conv: &str) -> Result<Option<i64>, RedisError> {
    let mut c = pool.get().await?;
    let score: Option<f64> = redis::cmd("ZSCORE")
        .arg(keys.owned(Owner::Human))
        .arg(conv)
        .query_async(&mut *c)
        .await?;
    Ok(score.map(|s| s as i64))
}

/// Up to `limit` human-owned conversations with no human activity since `before_ms` (and
/// their last activity), idle longest first.
pub async fn idle(
    pool: &Pool,
    keys: &Keys,
    before_ms: i64,
    limit: usize,
) -> Result<Vec<(String, i64)>, RedisError> {
    owned_before(pool, keys, Owner::Human, before_ms, limit).await
}

/// Up to `limit` conversations of `owner` that got it before `before_ms`, oldest first, with
/// the index's score (for `pending_human`: when it was handed off).
pub async fn owned_before(
    pool: &Pool,
    keys: &Keys,
    owner: Owner,
    before_ms: i64,
    limit: usize,
) -> Result<Vec<(String, i64)>, RedisError> {
    let mut c = pool.get().await?;
    let raw: Vec<(String, f64)> = redis::cmd("ZRANGEBYSCORE")
        .arg(keys.owned(owner))
        .arg("-inf")
        .arg(format!("({before_ms}"))
        .arg("WITHSCORES")
        .arg("LIMIT")
        .arg(0)
        .arg(limit)
        .query_async(&mut *c)
        .await?;
    Ok(raw.into_iter().map(|(k, s)| (k, s as i64)).collect())
}
