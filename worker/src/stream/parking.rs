//! Parking: the Redis side of keeping a conversation's order while its head event waits in
//! a retry tier (see `process` for the protocol).
//!
//! `{ns}:parked:{conversation}` holds the id of the event being retried; `{ns}:parked-events:
//! {conversation}` is the list of events held behind it, oldest first. An event is removed from
//! the list only after it was processed (peek, run, pop), so a crash in between re-runs it
//! (deduplicated) instead of losing it. Every operation is retried while Redis is unreachable
//! until the partition is fenced ([`redis_until_fenced`]).

use std::time::Duration;

use baton_shared::redis::RedisError;
use deadpool_redis::redis;
use tracing::warn;

use crate::stream::Runtime;
use crate::stream::partitions::PartitionCx;

/// Retries a Redis operation until it works; `None` once the partition is fenced.
pub async fn redis_until_fenced<T, F, Fut>(part: &PartitionCx, mut op: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, RedisError>>,
{
    let mut delay = Duration::from_millis(50);
    loop {
        if part.fence.is_cancelled() {
            return None;
        }
        match op().await {
            Ok(v) => return Some(v),
            Err(e) => {
                warn!(error = %e, "redis unavailable; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = part.fence.cancelled() => return None,
                }
                delay = (delay * 2).min(Duration::from_secs(2));
            }
        }
    }
}

pub async fn parked_head(w: &Runtime, conv: &str) -> Result<Option<String>, RedisError> {
    let mut c = w.redis.get().await?;
    Ok(redis::cmd("GET")
        .arg(w.keys.parked(conv))
        .query_async(&mut *c)
        .await?)
}

pub async fn park(w: &Runtime, conv: &str, id: &str) -> Result<(), RedisError> {
    let mut c = w.redis.get().await?;
    redis::cmd("SET")
        .arg(w.keys.parked(conv))
        .arg(id)
        .query_async::<()>(&mut *c)
        .await?;
    Ok(())
}

pub async fn unpark(w: &Runtime, conv: &str) -> Result<(), RedisError> {
    let mut c = w.redis.get().await?;
    redis::cmd("DEL")
        .arg(w.keys.parked(conv))
        .query_async::<()>(&mut *c)
        .await?;
    Ok(())
}

pub async fn hold(w: &Runtime, conv: &str, raw: &[u8]) -> Result<(), RedisError> {
    let mut c = w.redis.get().await?;
    redis::cmd("RPUSH")
        .arg(w.keys.parked_events(conv))
        .arg(raw)
        .query_async::<()>(&mut *c)
        .await?;
    Ok(())
}

pub async fn peek_held(w: &Runtime, conv: &str) -> Result<Option<Vec<u8>>, RedisError> {
    let mut c = w.redis.get().await?;
    Ok(redis::cmd("LINDEX")
        .arg(w.keys.parked_events(conv))
        .arg(0)
        .query_async(&mut *c)
        .await?)
}

pub async fn pop_held(w: &Runtime, conv: &str) -> Result<(), RedisError> {
    let mut c = w.redis.get().await?;
    redis::cmd("LPOP")
        .arg(w.keys.parked_events(conv))
        .query_async::<()>(&mut *c)
        .await?;
    Ok(())
}
