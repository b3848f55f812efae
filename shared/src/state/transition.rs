//! Changes of owner (ARCHITECTURE §5): one Lua script on the conversation's hash, so
//! concurrent commands (a claim from the console and a takeover from Slack) cannot interleave.
//!
//! `claim` only succeeds from `pending_human`; `handoff` only from `ai`; `takeover` (also a
//! human reply from any path) moves any state to `human`; `release` moves any state to `ai`.
//! Every change bumps `version` (the fencing token of I5) and stores the event that caused it
//! (`cause`): the same event applying the same transition again finds it [`Applied::Earlier`]
//! and resumes its follow-ups instead of being refused. [`apply_if_idle`] adds one condition
//! checked in that script: the inactivity release applies only while the human's last activity
//! (the hash's `human_ms`, `super::activity`) is no newer than what the sweeper saw.
//!
//! The console's per-owner index (`{ns}:owned:{owner}`, `super::index`) is namespace-wide, so
//! on a Redis Cluster it lives in another hash slot than the conversation and cannot change in
//! the same script. It is brought in line right after the script ([`sync_index`]: read the
//! hash, move the conversation to its owner's set, read the version again and repeat if it
//! moved meanwhile), also when the transition was [`Applied::Earlier`]. How that split fails:
//!
//! | dies or fails… | then |
//! |---|---|
//! | before the script | nothing changed; the event is retried |
//! | after the script, before the index is synced | the hash is right, the index lags: the retry of the same event finds the transition `Earlier` and syncs; until then the console lists the conversation under its old owner (each row shows the hash's state) |
//! | two transitions' syncs interleave | each sync re-reads `version` after writing and writes again when it moved, so the last writer always wrote the newest owner |
//! | a reader looks during a sync | on one server the move is one `MULTI`; on a cluster the owner's set is joined first, then the others are left: the conversation may show in two lists for a moment, never in none |
//!
//! The hash is the truth: readers of the index treat it as a list of candidates (the console
//! shows each row's state from the hash, the inactivity release is guarded by the hash).
//!
//! Both binaries apply transitions: the worker for every event, in the conversation's order;
//! ingress for a console command that hands the conversation to a human (claim, takeover,
//! reply, template), right after publishing the command, so an AI turn already running sees
//! the new owner at its send-time check (I5) and keeps its reply as a draft — the worker then
//! finds the transition applied by that command, only records it, and syncs the index again.
//! Fails with [`RedisError`] (transient).

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
if ARGV[7] ~= '' then
  if owner ~= 'human' then return {0, 0} end
  local seen = tonumber(redis.call('HGET', KEYS[1], 'human_ms') or redis.call('HGET', KEYS[1], 'since_ms') or '0')
  if seen > tonumber(ARGV[7]) then return {0, 0} end
end
if t == 'handoff' and owner ~= 'ai' then return {0, 0} end
if t == 'claim' and owner ~= 'pending_human' then return {0, 0} end
if t == 'takeover' and owner == 'human' and redis.call('HGET', KEYS[1], 'agent') == ARGV[3] then return {0, 0} end
if t == 'release' and owner == 'ai' then return {0, 0} end
local v = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'owner', target, 'since_ms', ARGV[2], 'cause', ARGV[6])
if target == 'human' then
  redis.call('HSET', KEYS[1], 'human_ms', ARGV[2])
else
  redis.call('HDEL', KEYS[1], 'human_ms')
end
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
    let (status, _version): (i64, i64) = script(keys, conv)
        .arg(name)
        .arg(now_ms())
        .arg(req.agent.unwrap_or(""))
        .arg(req.reason.map_or("", HandoffReason::as_str))
        .arg(req.summary.unwrap_or(""))
        .arg(req.cause)
        .arg(idle_since.map_or(String::new(), |t| t.to_string()))
        .invoke_async(&mut *c)
        .await?;
    drop(c);
    if status == 0 {
        return Ok(Applied::Refused);
    }
    let state = sync_index(pool, keys, conv).await?;
    Ok(if status == 1 {
        Applied::Now(state)
    } else {
        Applied::Earlier(state)
    })
}

/// The transition script with its one key (also what the key-slot test checks).
pub fn script(keys: &Keys, conv: &str) -> redis::ScriptInvocation<'static> {
    static SCRIPT: std::sync::LazyLock<Script> =
        std::sync::LazyLock::new(|| Script::new(TRANSITION));
    let mut inv = SCRIPT.prepare_invoke();
    inv.key(keys.conversation(conv));
    inv
}

/// Brings the console's index in line with the conversation's hash (see the module doc): the
/// conversation joins its owner's set, scored by when it got that owner (for a human: their
/// last activity), and leaves the others'; repeated while the version moves under it.
/// Returns the state it synced to. Idempotent.
pub async fn sync_index(pool: &Pool, keys: &Keys, conv: &str) -> Result<State, RedisError> {
    let mut state = get(pool, keys, conv).await?;
    for _ in 0..5 {
        let owner = state.owner;
        let since = state.since_ms.unwrap_or_else(now_ms);
        let score = match owner {
            Owner::Human => state.human_ms.unwrap_or(since).max(since),
            _ => since,
        };
        let mut pipe = redis::pipe();
        if !pool.is_cluster() {
            // One server: readers never see the move half done (on a cluster the sets may be
            // on different nodes; a reader may then miss the conversation for a moment).
            pipe.atomic();
        }
        pipe.zadd(keys.owned(owner), conv, score).ignore();
        for other in [Owner::Ai, Owner::PendingHuman, Owner::Human] {
            if other != owner {
                pipe.zrem(keys.owned(other), conv).ignore();
            }
        }
        let mut c = pool.get().await?;
        pipe.query_async::<()>(&mut *c).await?;
        drop(c);
        let now = get(pool, keys, conv).await?;
        if now.version == state.version {
            return Ok(now);
        }
        state = now;
    }
    Ok(state)
}
