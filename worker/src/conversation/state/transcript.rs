//! Appending to the recent transcript (the shared read model, `baton_shared::state::transcript`,
//! reads it). The transcript of a conversation in Redis: customer, AI and human turns and
//! handoff events, newest first, capped at [`CAP`] entries and expiring after 30 days of
//! silence. Always available to the prompt and to humans right after a turn, whatever the
//! long-term memory is doing.
//!
//! Appends are idempotent per entry id (a crash and re-run does not duplicate an entry):
//! [`append`] checks the newest entries for its id (one conversation's events run one at a
//! time, so a retry's duplicate is among them); no id set grows beside the list. An attempt
//! that is *pristine* (no attempt of its event ran before and none of its steps failed,
//! `pipeline::journal`) cannot find its entry there, and uses [`append_new`]: a bare `LPUSH`,
//! trimmed only once the list has grown [`TRIM_SLACK`] past the cap, with the lifetime
//! refreshed on customer turns, at most once a day per conversation and process (every other
//! entry follows one within the lifetime).
//! [`rewrite`] changes one of the newest entries in place (a voice note's transcript). Fails
//! with [`RedisError`] (transient).

use std::sync::LazyLock;
use std::time::Duration;

use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use redis::{self, Script};

use super::recently::Recently;

pub use baton_shared::state::transcript::{CAP, Entry, TTL_SECS, recent};

// A retry re-appends within moments, and a conversation's events run one at a time, so a
// duplicate is among the newest entries: checking the last `ARGV[5]` is enough, and no id set
// has to be kept beside the list.
const APPEND: &str = r#"
local prefix = ARGV[1]
for _, e in ipairs(redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[5]) - 1)) do
  if string.sub(e, 1, #prefix) == prefix then return 0 end
end
redis.call('LPUSH', KEYS[1], ARGV[2])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
"#;

// Replaces one entry by its exact old value (a conversation's events run one at a time, so it
// is among the newest; comparing the whole value makes a concurrent change a no-op).
const REPLACE: &str = r#"
for i, e in ipairs(redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)) do
  if e == ARGV[1] then
    redis.call('LSET', KEYS[1], i - 1, ARGV[2])
    return 1
  end
end
return 0
"#;

/// The append (or, `replace`, the rewrite) script with its one key, the transcript (also what
/// the key-slot test checks).
pub fn transcript_script(
    keys: &Keys,
    conv: &str,
    replace: bool,
) -> redis::ScriptInvocation<'static> {
    static APPEND_SCRIPT: std::sync::LazyLock<Script> =
        std::sync::LazyLock::new(|| Script::new(APPEND));
    static REPLACE_SCRIPT: std::sync::LazyLock<Script> =
        std::sync::LazyLock::new(|| Script::new(REPLACE));
    let script: &'static Script = if replace {
        &REPLACE_SCRIPT
    } else {
        &APPEND_SCRIPT
    };
    let mut inv = script.prepare_invoke();
    inv.key(keys.transcript(conv));
    inv
}

/// How many of the newest entries an append checks for its id.
const RECENT_IDS: usize = 20;

/// How far past [`CAP`] a list grows between trims of [`append_new`].
pub const TRIM_SLACK: isize = 20;

/// How often a customer turn refreshes its transcript's lifetime ([`TTL_SECS`], 30 days),
/// per conversation and process ([`append_new`]).
pub const REFRESH_EVERY: Duration = Duration::from_secs(24 * 3600);

/// The transcripts whose lifetime this process refreshed within [`REFRESH_EVERY`].
static REFRESHED: LazyLock<Recently> = LazyLock::new(|| Recently::new(REFRESH_EVERY));

/// Appends `entry`, known not to be there yet (a pristine attempt), after `before` (writes
/// sent in the same round trip, their replies ignored): one `LPUSH`, plus an `LTRIM` once in
/// [`TRIM_SLACK`] appends, plus — for a customer turn — an `EXPIRE` once a day per
/// conversation and process (so a transcript lives at least 29 days after the customer's last
/// message) and whenever the `LPUSH` created the list (a transcript is never left without a
/// lifetime, even one deleted and recreated within the day). True when the `LPUSH` created
/// the list: `entry` is then the whole transcript.
pub async fn append_new(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    entry: &Entry,
    before: redis::Pipeline,
) -> Result<bool, RedisError> {
    let json = serde_json::to_string(entry).expect("entries serialise");
    let key = keys.transcript(conv);
    let mut pipe = before;
    pipe.lpush(&key, json);
    let customer = entry.role == baton_shared::state::Speaker::Customer;
    let refresh = customer && REFRESHED.due(&key);
    if refresh {
        pipe.expire(&key, TTL_SECS).ignore();
    }
    let mut c = pool.get().await?;
    let (len,): (isize,) = match pipe.query_async(&mut *c).await {
        Ok(v) => v,
        Err(e) => {
            if refresh {
                REFRESHED.forget(&key);
            }
            return Err(e.into());
        }
    };
    if customer && !refresh && len == 1 {
        redis::cmd("EXPIRE")
            .arg(&key)
            .arg(TTL_SECS)
            .query_async::<()>(&mut *c)
            .await?;
    }
    if len > CAP + TRIM_SLACK {
        redis::cmd("LTRIM")
            .arg(&key)
            .arg(0)
            .arg(CAP - 1)
            .query_async::<()>(&mut *c)
            .await?;
    }
    Ok(len == 1)
}

/// Who wrote the message Graph knows as `wamid`: the speaker of the line that carries it
/// (`None` once it is no longer among the last [`CAP`] lines).
pub async fn speaker_of(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    wamid: &str,
) -> Result<Option<baton_shared::state::Speaker>, RedisError> {
    let lines = recent(pool, keys, conv, CAP as usize).await?;
    Ok(lines
        .iter()
        .rev()
        .find(|l| l.wamids.iter().any(|w| w == wamid))
        .map(|l| l.role))
}

/// Appends `entry` unless an entry with its id is already there; true when appended.
pub async fn append(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    entry: &Entry,
) -> Result<bool, RedisError> {
    let json = serde_json::to_string(entry).expect("entries serialise");
    debug_assert!(json.starts_with("{\"id\":"), "the id is serialised first");
    // The serialised entry starts with its id: `{"id":"…",` is what the script looks for.
    let prefix = format!(
        "{{\"id\":{},",
        serde_json::to_string(&entry.id).expect("strings serialise")
    );
    let mut c = pool.get().await?;
    let n: i64 = transcript_script(keys, conv, false)
        .arg(prefix)
        .arg(json)
        .arg(CAP)
        .arg(TTL_SECS)
        .arg(RECENT_IDS)
        .invoke_async(&mut *c)
        .await?;
    Ok(n == 1)
}

/// Rewrites the newest entry with `id` through `change` (a voice note's line gets its
/// transcript); true when an entry was found and changed. Idempotent: a retry rewrites it to
/// the same value.
pub async fn rewrite(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    id: &str,
    change: impl FnOnce(&mut Entry),
) -> Result<bool, RedisError> {
    let key = keys.transcript(conv);
    let mut c = pool.get().await?;
    let raw: Vec<String> = redis::cmd("LRANGE")
        .arg(&key)
        .arg(0)
        .arg(RECENT_IDS as isize - 1)
        .query_async(&mut *c)
        .await?;
    let Some((old, mut entry)) = raw.into_iter().find_map(|r| {
        let e: Entry = serde_json::from_str(&r).ok()?;
        (e.id == id).then_some((r, e))
    }) else {
        return Ok(false);
    };
    change(&mut entry);
    let new = serde_json::to_string(&entry).expect("entries serialise");
    if new == old {
        return Ok(true);
    }
    let n: i64 = transcript_script(keys, conv, true)
        .arg(old)
        .arg(new)
        .arg(RECENT_IDS)
        .invoke_async(&mut *c)
        .await?;
    Ok(n == 1)
}
