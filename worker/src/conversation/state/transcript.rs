//! Appending to the recent transcript (the shared read model, `baton_shared::state::transcript`,
//! reads it). The transcript of a conversation in Redis: customer, AI and human turns and
//! handoff events, newest first, capped at [`CAP`] entries and expiring after 30 days of
//! silence. Always available to the prompt and to humans right after a turn, whatever the
//! long-term memory is doing. Appends are idempotent per entry id (a crash and re-run does not
//! duplicate an entry): the ids of the last `2 × CAP` entries are kept in a sorted set trimmed
//! with the list, so neither grows without bound. Fails with [`RedisError`] (transient).

use baton_shared::event::now_ms;
use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use redis::{self, Script};

pub use baton_shared::state::transcript::{CAP, Entry, TTL_SECS, recent};

fn keys_of(keys: &Keys, conv: &str) -> (String, String) {
    (keys.transcript(conv), keys.transcript_ids(conv))
}

const APPEND: &str = r#"
-- Builds before this one kept the ids in a plain set.
if redis.call('TYPE', KEYS[2]).ok == 'set' then redis.call('DEL', KEYS[2]) end
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[3]) * 2) - 1)
redis.call('LPUSH', KEYS[1], ARGV[2])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
"#;

/// Appends `entry` unless an entry with its id is already there; true when appended.
pub async fn append(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    entry: &Entry,
) -> Result<bool, RedisError> {
    let (list, ids) = keys_of(keys, conv);
    let json = serde_json::to_string(entry).expect("entries serialise");
    let mut c = pool.get().await?;
    let n: i64 = Script::new(APPEND)
        .key(list)
        .key(ids)
        .arg(&entry.id)
        .arg(json)
        .arg(CAP)
        .arg(TTL_SECS)
        .arg(now_ms())
        .invoke_async(&mut *c)
        .await?;
    Ok(n == 1)
}
