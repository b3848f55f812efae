//! When a human last acted in a conversation they own — what the inactivity release measures.
//!
//! The truth is the conversation hash's `human_ms` field: the transition script sets it when a
//! conversation comes to a human (claim, takeover: the time of that change) and removes it
//! when it leaves them, and every human message moves it forward with [`touch`] — a console
//! reply or template (ingress, as it publishes the command, and the worker as it handles it)
//! and a message from the WhatsApp Business app. A one-key script: only a conversation a human
//! owns is touched, and the time never goes back. The inactivity release is guarded by that
//! field, in the transition script (`super::transition::apply_if_idle`).
//!
//! The same time is the conversation's score in `{ns}:owned:human` (the console index,
//! `super::index`), so the oldest scores of that set are the conversations idle longest, found
//! with one `ZRANGEBYSCORE` ([`idle`]), and the console's human-owned list is ordered by last
//! human activity. [`touch`] moves it forward after the hash (`ZADD XX GT`), as a second
//! command: on a Redis Cluster the index lives in another hash slot. If that second command
//! is lost, the index shows an older time than the hash: the sweeper may then propose an
//! inactivity release that the guard refuses (never the other way round), and the worker
//! re-syncs the index when it does. Fails with [`RedisError`] (transient).

use super::Owner;
use crate::redis::{Keys, Pool, RedisError};

const TOUCH: &str = r"
if redis.call('HGET', KEYS[1], 'owner') ~= 'human' then return 0 end
local at = tonumber(ARGV[1])
local was = tonumber(redis.call('HGET', KEYS[1], 'human_ms') or '0')
if was and was >= at then return 0 end
redis.call('HSET', KEYS[1], 'human_ms', ARGV[1])
return 1
";

/// The script recording human activity in `conv`'s hash at `at_ms` (also what the key-slot
/// test checks).
pub fn touch_script(keys: &Keys, conv: &str, at_ms: i64) -> redis::Cmd {
    let mut cmd = redis::cmd("EVAL");
    cmd.arg(TOUCH)
        .arg(1)
        .arg(keys.conversation(conv))
        .arg(at_ms);
    cmd
}

/// Adds to `pipe` the commands recording human activity in `conv` at `at_ms`: the hash first,
/// then the index (a plain pipeline: the two keys are in different hash slots).
pub fn touch_cmd(pipe: &mut redis::Pipeline, keys: &Keys, conv: &str, at_ms: i64) {
    pipe.add_command(touch_script(keys, conv, at_ms)).ignore();
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
    let (owner, human, since): (Option<String>, Option<i64>, Option<i64>) = redis::cmd("HMGET")
        .arg(keys.conversation(conv))
        .arg("owner")
        .arg("human_ms")
        .arg("since_ms")
        .query_async(&mut *c)
        .await?;
    if owner.as_deref() != Some(Owner::Human.as_str()) {
        return Ok(None);
    }
    Ok(human.or(since))
}

/// Up to `limit` human-owned conversations with no human activity since `before_ms` (and
/// their last activity), idle longest first, as the index has them.
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
