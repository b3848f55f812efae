//! Conversation ownership: who may speak to the customer (ARCHITECTURE §5).
//!
//! The state is read with [`get`] (the shared read model, `baton_shared::state`); this module
//! writes it. One Redis hash per conversation, `{ns}:conv:{key}`, holds the owner — `ai`,
//! `pending_human` (handoff requested, nobody claimed it) or `human` (with the agent) — and a
//! `version` that increases on every change. The version is the fencing token of I5: an AI
//! turn remembers the version it started under and sends only if it is unchanged at send time
//! (see [`still_owned_by_ai`]); otherwise the reply becomes a draft for the human.
//!
//! Transitions ([`apply`], the one script in `baton_shared::state::transition`, which ingress
//! also runs so a console takeover applies at once) store the event that caused them
//! (`cause`), so a retry of that event — or the worker running a command whose transition
//! ingress already applied — sees "already applied by me" and resumes the follow-up effects
//! instead of treating the conversation as someone else's. The hash also keeps the customer's identity
//! and the time of their last message (the 24-hour customer-service window), and `handoff_ms`
//! until a human first answers the handoff ([`take_unanswered_handoff`], for the
//! time-to-first-human-reply metric). Fails with [`RedisError`] (transient).
//!
//! The console's index (`baton_shared::state::index`) changes inside the same scripts, so it
//! always agrees with the hash: a transition moves the conversation between the per-owner
//! sets `{ns}:owned:{owner}`; [`touch_customer`] registers the customer's ids and number the
//! first time the conversation gets an identity field (its `HSET` reports new fields), so an
//! ordinary customer message costs one command more than a bare `HSET` (the `EVALSHA`).

use baton_shared::event::Conversation;
use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use baton_shared::state::Owner;
use redis::{self, Script};

pub use baton_shared::state::conversation::{ConversationState as State, WINDOW_MS, get};
pub use baton_shared::state::transition::{Applied, Request, Transition, apply};

// KEYS: conversation hash, customers:{number}, numbers, owned:ai. ARGV: conversation key,
// number, time, alias count n, the n ids, then the hash's field/value pairs. New fields mean
// a new identity: register it (rare; ordinary messages only run the HSET).
const TOUCH: &str = r#"
local n = tonumber(ARGV[4])
local added = redis.call('HSET', KEYS[1], unpack(ARGV, 5 + n))
if added > 0 then
  for i = 5, 4 + n do redis.call('HSET', KEYS[2], ARGV[i], ARGV[1]) end
  redis.call('SADD', KEYS[3], ARGV[2])
  if redis.call('HEXISTS', KEYS[1], 'owner') == 0 then
    redis.call('ZADD', KEYS[4], 'NX', ARGV[3], ARGV[1])
  end
end
return added
"#;

fn key(keys: &Keys, conv: &str) -> String {
    keys.conversation(conv)
}

/// Records a customer message: identity fields and the start of a new 24-hour window (and,
/// for a new identity, the console's index).
pub async fn touch_customer(
    pool: &Pool,
    keys: &Keys,
    conv: &Conversation,
    at_ms: i64,
) -> Result<(), RedisError> {
    let key = conv.key();
    let ids: Vec<&String> = [
        Some(&conv.customer),
        conv.wa_id.as_ref(),
        conv.user_id.as_ref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let touch = Script::new(TOUCH);
    let mut script = touch.prepare_invoke();
    script
        .key(keys.conversation(&key))
        .key(keys.customers(&conv.number))
        .key(keys.numbers())
        .key(keys.owned(Owner::Ai))
        .arg(&key)
        .arg(&conv.number)
        .arg(at_ms)
        .arg(ids.len())
        .arg(&ids)
        .arg("last_customer_ms")
        .arg(at_ms)
        .arg("number")
        .arg(&conv.number)
        .arg("customer")
        .arg(&conv.customer);
    for (field, value) in [
        ("wa_id", &conv.wa_id),
        ("user_id", &conv.user_id),
        ("name", &conv.name),
    ] {
        if let Some(v) = value {
            script.arg(field).arg(v);
        }
    }
    let mut c = pool.get().await?;
    script.invoke_async::<i64>(&mut *c).await?;
    Ok(())
}

/// Takes (reads and deletes, atomically) the time of the handoff no human has answered yet:
/// `Some` exactly once per handoff, for its first human reply, however often that reply's
/// event is retried. The handoff sets it; a release clears it.
pub async fn take_unanswered_handoff(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
) -> Result<Option<i64>, RedisError> {
    let mut c = pool.get().await?;
    let (at, _): (Option<i64>, i64) = redis::pipe()
        .atomic()
        .cmd("HGET")
        .arg(key(keys, conv))
        .arg("handoff_ms")
        .cmd("HDEL")
        .arg(key(keys, conv))
        .arg("handoff_ms")
        .query_async(&mut *c)
        .await?;
    Ok(at)
}

/// True when the AI still owns the conversation at `version` (checked right before sending;
/// reads only the two fields it needs).
pub async fn still_owned_by_ai(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    version: u64,
) -> Result<bool, RedisError> {
    let mut c = pool.get().await?;
    let (owner, v): (Option<String>, Option<u64>) = redis::cmd("HMGET")
        .arg(key(keys, conv))
        .arg("owner")
        .arg("version")
        .query_async(&mut *c)
        .await?;
    let owner = owner.and_then(|o| baton_shared::state::Owner::parse(&o));
    Ok(owner.unwrap_or_default() == baton_shared::state::Owner::Ai && v.unwrap_or(0) == version)
}

/// Counts an AI reply the customer has not (yet) accepted; `reset` starts over.
pub async fn unresolved(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    reset: bool,
) -> Result<(), RedisError> {
    let mut c = pool.get().await?;
    let k = key(keys, conv);
    if reset {
        redis::cmd("HSET")
            .arg(k)
            .arg("unresolved")
            .arg(0)
            .query_async::<()>(&mut *c)
            .await?;
    } else {
        redis::cmd("HINCRBY")
            .arg(k)
            .arg("unresolved")
            .arg(1)
            .query_async::<()>(&mut *c)
            .await?;
    }
    Ok(())
}
