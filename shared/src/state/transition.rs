//! Changes of owner (ARCHITECTURE §5): one Lua script, so concurrent commands (a claim from
//! the console and a takeover from Slack) cannot interleave.
//!
//! `claim` only succeeds from `pending_human`; `handoff` only from `ai`; `takeover` (also a
//! human reply from any path) moves any state to `human`; `release` moves any state to `ai`.
//! Every change bumps `version` (the fencing token of I5) and stores the event that caused it
//! (`cause`): the same event applying the same transition again finds it [`Applied::Earlier`]
//! and resumes its follow-ups instead of being refused. The per-owner lists of the console's
//! index (`index`) move in the same script, so they always agree with the hash.
//! [`apply_if_idle`] adds one condition checked in that script: the inactivity release applies
//! only while the human's last activity is no newer than what the sweeper saw.
//!
//! Both binaries apply transitions: the worker for every event, in the conversation's order;
//! ingress for a console command that hands the conversation to a human (claim, takeover,
//! reply, template), right after publishing the command, so an AI turn already running sees
//! the new owner at its send-time check (I5) and keeps its reply as a draft — the worker then
//! finds the transition applied by that command and only records it. Fails with
//! [`RedisError`] (transient).

use redis::Script;

use super::conversation::{ConversationState as State, get};
use super::{HandoffReason, Owner};
use crate::event::now_ms;
use crate::redis::{Keys, Pool, RedisError};

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
if ARGV[8] ~= '' then
  local seen = redis.call('ZSCORE', KEYS[4], ARGV[7])
  if not seen or tonumber(seen) > tonumber(ARGV[8]) then return {0, 0} end
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
    apply_guarded(pool, keys, conv, req, None).await
}

/// Like [`apply`], refused unless a human owns `conv` and has not acted after `idle_since`
/// (their last activity, `super::activity`, is at most that): the inactivity release, which
/// must not apply when a human wrote after the sweeper looked. Checked in the same script.
pub async fn apply_if_idle(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    req: &Request<'_>,
    idle_since: i64,
) -> Result<Applied, RedisError> {
    apply_guarded(pool, keys, conv, req, Some(idle_since)).await
}

async fn apply_guarded(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    req: &Request<'_>,
    idle_since: Option<i64>,
) -> Result<Applied, RedisError> {
    let name = match req.transition {
        Transition::Handoff => "handoff",
        Transition::Claim => "claim",
        Transition::Takeover => "takeover",
        Transition::Release => "release",
    };
    let mut c = pool.get().await?;
    let (status, _version): (i64, i64) = Script::new(TRANSITION)
        .key(keys.conversation(conv))
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
        .arg(idle_since.map_or(String::new(), |t| t.to_string()))
        .invoke_async(&mut *c)
        .await?;
    drop(c);
    Ok(match status {
        1 => Applied::Now(get(pool, keys, conv).await?),
        2 => Applied::Earlier(get(pool, keys, conv).await?),
        _ => Applied::Refused,
    })
}
