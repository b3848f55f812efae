//! Idempotency of event processing, keyed on the event id.
//!
//! Meta redelivers webhooks for up to 7 days, ingress may publish a retried webhook twice, and
//! the broker redelivers whatever a crashed worker held. Each event id has one Redis record:
//!
//! - absent: never started → [`Claim::Fresh`]; we write `<worker>|<ms>` (in progress) with a
//!   TTL and run the pipeline;
//! - `done`: finished → [`Claim::Duplicate`], acked without effect;
//! - `<worker>|<ms>` written by *this* worker, or by a worker that is no longer a live member
//!   (it crashed midway): the earlier attempt died → taken over, [`Claim::Fresh`], processed
//!   again (steps are idempotent per effect, so a half-done attempt is completed, not doubled);
//! - `<worker>|<ms>` of another live worker → [`Claim::InProgress`]: that worker lost its lease
//!   but may still be finishing; the caller retries later instead of racing it.
//!
//! Claiming is one Lua script, so two near-simultaneous deliveries cannot both see "absent".
//! A failed attempt deletes its record ([`abandon`]) so a retry or a DLQ replay runs again.
//! Crash cases: dying after `done` is written but before the ack → the redelivery is a
//! duplicate (correct); dying before → the record is taken over as above.

use deadpool_redis::Pool;
use deadpool_redis::redis::Script;

use baton_shared::event::now_ms;
use baton_shared::redis::{Keys, RedisError};

/// Result of claiming an event id.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    Fresh,
    Duplicate,
    InProgress { by: String },
}

const CLAIM: &str = r#"
local v = redis.call('GET', KEYS[1])
if v == 'done' then return {'duplicate', ''} end
if v and v ~= ARGV[3] then
  local owner = string.match(v, '^([^|]*)|')
  if owner and owner ~= ARGV[4] and redis.call('ZSCORE', KEYS[2], owner) then
    return {'inprogress', owner}
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {'fresh', ''}
"#;

/// Claims `event_id` for `worker`.
pub async fn claim(
    pool: &Pool,
    keys: &Keys,
    event_id: &str,
    worker: &str,
    in_progress_ttl_ms: u64,
) -> Result<Claim, RedisError> {
    let mut conn = pool.get().await?;
    let marker = format!("{worker}|{}", now_ms());
    let (state, by): (String, String) = Script::new(CLAIM)
        .key(keys.dedupe(event_id))
        .key(keys.members())
        .arg(&marker)
        .arg(in_progress_ttl_ms)
        .arg("done")
        .arg(worker)
        .invoke_async(&mut *conn)
        .await?;
    Ok(match state.as_str() {
        "duplicate" => Claim::Duplicate,
        "inprogress" => Claim::InProgress { by },
        _ => Claim::Fresh,
    })
}

/// Records that `event_id` was fully processed; remembered for `ttl_secs`.
pub async fn complete(
    pool: &Pool,
    keys: &Keys,
    event_id: &str,
    ttl_secs: u64,
) -> Result<(), RedisError> {
    let mut conn = pool.get().await?;
    deadpool_redis::redis::cmd("SET")
        .arg(keys.dedupe(event_id))
        .arg("done")
        .arg("EX")
        .arg(ttl_secs.max(1))
        .query_async::<()>(&mut *conn)
        .await?;
    Ok(())
}

/// Forgets a failed attempt so the event can run again (retry tier or DLQ replay).
pub async fn abandon(pool: &Pool, keys: &Keys, event_id: &str) -> Result<(), RedisError> {
    let mut conn = pool.get().await?;
    deadpool_redis::redis::cmd("DEL")
        .arg(keys.dedupe(event_id))
        .query_async::<()>(&mut *conn)
        .await?;
    Ok(())
}
