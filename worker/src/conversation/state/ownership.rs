//! Conversation ownership: who may speak to the customer (ARCHITECTURE §5).
//!
//! The state is read with [`get`] (the shared read model, `baton_shared::state`); this module
//! writes it. One Redis hash per conversation, `{ns}:conv:{key}`, holds the owner — `ai`,
//! `pending_human` (handoff requested, nobody claimed it) or `human` (with the agent) — and a
//! `version` that increases on every change. The version is the fencing token of I5: an AI
//! turn remembers the version it started under and sends only if it is unchanged at send time
//! (see [`still_owned_by_ai`]); otherwise the reply becomes a draft for the human.
//!
//! Transitions are one Lua script each, so concurrent commands (a claim from the console and
//! a takeover from Slack) cannot interleave: `claim` only succeeds from `pending_human`;
//! `handoff` only from `ai`; `takeover`/`reply` move any state to `human`; `release` moves any
//! state to `ai`. Each successful transition returns the new state; callers record the event
//! (memory, console). A transition stores the event that caused it (`cause`), so a retry of
//! that event sees "already applied by me" and resumes the follow-up effects instead of
//! treating the conversation as someone else's. The hash also keeps the customer's identity
//! and the time of their last message (the 24-hour customer-service window), and `handoff_ms`
//! until a human first answers the handoff ([`take_unanswered_handoff`], for the
//! time-to-first-human-reply metric). Fails with [`RedisError`] (transient).
//!
//! The console's index (`baton_shared::state::index`) changes inside the same scripts, so it
//! always agrees with the hash: a transition moves the conversation between the per-owner
//! sets `{ns}:owned:{owner}`; [`touch_customer`] registers the customer's ids and number the
//! first time the conversation gets an identity field (its `HSET` reports new fields), so an
//! ordinary customer message costs one command more than a bare `HSET` (the `EVALSHA`).

use baton_shared::event::{Conversation, now_ms};
use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use baton_shared::state::{HandoffReason, Owner};
use redis::{self, Script};

pub use baton_shared::state::conversation::{ConversationState as State, WINDOW_MS, get};

/// A requested change of owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// AI → pending_human.
    Handoff,
    /// pending_human → human(agent).
    Claim,
    /// any → human(agent): takeover, or a human reply from any path.
    Takeover,
    /// any → ai.
    Release,
}

const TRANSITION: &str = r#"
local owner = redis.call('HGET', KEYS[1], 'owner') or 'ai'
local t = ARGV[1]
local target = ({handoff='pending_human', claim='human', takeover='human', release='ai'})[t]
if ARGV[6] ~= '' and redis.call('HGET', KEYS[1], 'cause') == ARGV[6] and owner == target then
  return {2, tonumber(redis.call('HGET', KEYS[1], 'version') or '0')}
end
if t == 'handoff' and owner ~= 'ai' then return {0, 0} end
if t == 'claim' and owner ~= 'pending_human' then return {0, 0} end
if t == 'takeover' and owner == 'human' and redis.call('HGET', KEYS[1], 'agent') == ARGV[3] then return {0, 0} end
if t == 'release' and owner == 'ai' then return {0, 0} end
local v = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'owner', target, 'since_ms', ARGV[2], 'cause', ARGV[6])
local owned = {ai=KEYS[2], pending_human=KEYS[3], human=KEYS[4]}
redis.call('ZREM', owned[owner], ARGV[7])
redis.call('ZADD', owned[target], ARGV[2], ARGV[7])
if t == 'handoff' then
  redis.call('HSET', KEYS[1], 'reason', ARGV[4], 'summary', ARGV[5], 'handoff_ms', ARGV[2])
  redis.call('HDEL', KEYS[1], 'agent')
elseif t == 'release' then
  redis.call('HDEL', KEYS[1], 'agent', 'reason', 'summary', 'handoff_ms')
else
  redis.call('HSET', KEYS[1], 'agent', ARGV[3])
  if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'reason', ARGV[4]) end
end
return {1, v}
"#;

fn key(keys: &Keys, conv: &str) -> String {
    keys.conversation(conv)
}

/// What a transition request did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// Applied now; the new state.
    Now(State),
    /// Already applied earlier by the same causing event (a retry): the current state.
    Earlier(State),
    /// Does not apply (already in that state through another event, or a claim of a
    /// conversation nobody handed off).
    Refused,
}

impl Applied {
    /// The state after the transition, unless it was refused.
    pub fn state(self) -> Option<State> {
        match self {
            Applied::Now(s) | Applied::Earlier(s) => Some(s),
            Applied::Refused => None,
        }
    }
}

/// A transition request: what, by whom, why, and the event that causes it.
pub struct Request<'a> {
    pub transition: Transition,
    pub agent: Option<&'a str>,
    pub reason: Option<HandoffReason>,
    pub summary: Option<&'a str>,
    /// The causing event's id: a retry of the same event finds its transition applied
    /// ([`Applied::Earlier`]) and resumes its follow-up effects instead of being refused.
    pub cause: &'a str,
}

/// Applies a transition atomically (one Lua script).
pub async fn apply(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    req: &Request<'_>,
) -> Result<Applied, RedisError> {
    let name = match req.transition {
        Transition::Handoff => "handoff",
        Transition::Claim => "claim",
        Transition::Takeover => "takeover",
        Transition::Release => "release",
    };
    let mut c = pool.get().await?;
    let (status, _version): (i64, i64) = Script::new(TRANSITION)
        .key(key(keys, conv))
        .key(keys.owned(Owner::Ai))
        .key(keys.owned(Owner::PendingHuman))
        .key(keys.owned(Owner::Human))
        .arg(name)
        .arg(now_ms())
        .arg(req.agent.unwrap_or(""))
        .arg(req.reason.map_or("", HandoffReason::as_str))
        .arg(req.summary.unwrap_or(""))
        .arg(req.cause)
        .arg(conv)
        .invoke_async(&mut *c)
        .await?;
    drop(c);
    Ok(match status {
        1 => Applied::Now(get(pool, keys, conv).await?),
        2 => Applied::Earlier(get(pool, keys, conv).await?),
        _ => Applied::Refused,
    })
}

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
