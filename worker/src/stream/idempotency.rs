//! Idempotency of event processing, keyed on the event id, with attempt tokens.
//!
//! Meta redelivers webhooks for up to 7 days, ingress may publish a retried webhook twice, and
//! the broker redelivers whatever a crashed or fenced worker held. Each event id has one Redis
//! record, `{ns}:dedupe:{c:<conversation>}:<id>` (in the conversation's hash slot, with the
//! event's journal), living as long as Meta may redeliver (`BATON_DEDUPE_TTL`):
//!
//! - absent: never claimed → [`Claim::Fresh`] with `pristine` set: nothing of this event ever
//!   happened, so its effects journal is known to be empty and is not read. This is the common
//!   case and costs one command (`SET … NX GET`);
//! - `done`: finished → [`Claim::Duplicate`], acked without effect;
//! - `dead` (dead-lettered; a DLQ replay runs it again) or `retry` (an attempt failed and gave
//!   the claim up: the event waits in a retry tier) → [`Claim::Fresh`], not pristine;
//! - in progress, `<worker>|<generation>|<ms>` (the attempt token and when it last showed it
//!   was alive; the running attempt refreshes it, [`renew`]): under another live worker, and
//!   refreshed within the stale limit → [`Claim::InProgress`]: that worker lost its lease but
//!   may still be finishing; the caller retries later instead of racing it. Under a worker
//!   that is no longer a live member (it crashed midway), or not refreshed for the stale limit
//!   (abandoned) → taken over, [`Claim::Fresh`], not pristine;
//! - in progress under *this* worker with another attempt token → [`Claim::Mine`]. The token
//!   is the worker id plus the partition's fence generation: after a broker blip or a Redis
//!   outage the partition restarts on the same process with a new generation while the old,
//!   fenced attempt may still be inside a model call. The caller asks [`Attempts`] whether
//!   that attempt still runs, waits for it to end, and only then takes the claim over
//!   ([`claim`] with `takeover`). A fenced attempt is never mistaken for a dead one.
//!
//! The record never disappears while its event may still run or resume: an attempt that ends
//! without finishing (failed, fenced, panicked) writes `retry` over its own claim ([`release`])
//! instead of deleting it, and a crashed attempt's claim stays until it is taken over. That
//! is what makes an absent record prove a pristine event — a record that expired under a
//! half-done journal would otherwise let a later delivery decide and send again. The journal
//! gets the record's lifetime when the attempt gives up ([`release`], [`dead`]) and is
//! deleted when the event completes ([`complete`]).
//!
//! Whatever a half-done attempt did is in its effects journal (`pipeline::journal`): the
//! attempt that takes over resumes it instead of redoing it. Claiming is atomic (one command,
//! or one Lua script on the slow path), so two near-simultaneous deliveries cannot both see
//! "absent". The slow path needs to know whether the holder is a live member, and the
//! membership set is namespace-wide (another hash slot on a Redis Cluster), so it is read
//! *before* the script, which gets the record it was read for and the answer: the script
//! writes only if the record is still exactly that value (it carries the holder's last
//! refresh time, so it does not come back), else it answers "changed" and the claim reads
//! again (a few times, then it reports the record's holder as in progress: the caller retries
//! later). The outcome is the one the script would have had at the moment the membership was
//! read. Crash cases: dying after `done` is written but before the ack → the redelivery
//! is a duplicate (correct); dying before → the claim is taken over once the worker left the
//! membership, as above.

use std::collections::HashMap;
use std::sync::Mutex;

use baton_shared::redis::Pool;
use redis::{self, Script};
use tokio_util::sync::CancellationToken;

use baton_shared::event::now_ms;
use baton_shared::redis::{Keys, RedisError};

/// Result of claiming an event id.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// This attempt holds the event. `pristine`: no attempt ever held it before, so nothing of
    /// it happened and its journal is empty.
    Fresh {
        pristine: bool,
    },
    Duplicate,
    InProgress {
        by: String,
    },
    /// Held by an earlier attempt of this very process (token `token`).
    Mine {
        token: String,
    },
}

/// How claims are written: the record's lifetime, and when an in-progress claim that was not
/// refreshed counts as abandoned.
#[derive(Clone, Copy, Debug)]
pub struct ClaimPolicy {
    pub ttl_secs: u64,
    pub stale_ms: u64,
}

const CLAIM: &str = r#"
local v = redis.call('GET', KEYS[1])
if (v or '') ~= ARGV[8] then return {'changed', ''} end
if v == 'done' then return {'duplicate', ''} end
if v and v ~= 'dead' and v ~= 'retry' then
  local owner = string.match(v, '^([^|]*)|')
  local token = string.match(v, '^([^|]*|[^|]*)|')
  local at = tonumber(string.match(v, '|(%d+)$') or '0')
  if token ~= ARGV[3] and token ~= ARGV[5] then
    if owner == ARGV[4] then return {'mine', token or ''} end
    local alive = tonumber(ARGV[6]) - at < tonumber(ARGV[7])
    if alive and owner and ARGV[9] == '1' then return {'inprogress', owner} end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return {'fresh', ''}
"#;

/// The claim script with its one key (also what the key-slot test checks).
pub fn claim_script(keys: &Keys, conv: &str, event_id: &str) -> redis::ScriptInvocation<'static> {
    static SCRIPT: std::sync::LazyLock<Script> = std::sync::LazyLock::new(|| Script::new(CLAIM));
    let mut inv = SCRIPT.prepare_invoke();
    inv.key(keys.dedupe(conv, event_id));
    inv
}

/// Claims event `event_id` of conversation `conv` for the attempt `token`
/// (`<worker>|<generation>`); `takeover` names an earlier attempt of this process that is
/// known to have ended.
pub async fn claim(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    event_id: &str,
    token: &AttemptToken,
    policy: ClaimPolicy,
    takeover: Option<&str>,
) -> Result<Claim, RedisError> {
    let mut conn = pool.get().await?;
    let marker = token.marker();
    let key = keys.dedupe(conv, event_id);
    if takeover.is_none() {
        let before: Option<String> = redis::cmd("SET")
            .arg(&key)
            .arg(&marker)
            .arg("NX")
            .arg("GET")
            .arg("EX")
            .arg(policy.ttl_secs.max(1))
            .query_async(&mut *conn)
            .await?;
        match before.as_deref() {
            None => return Ok(Claim::Fresh { pristine: true }),
            Some("done") => return Ok(Claim::Duplicate),
            Some(_) => {}
        }
    }
    let mut holder = String::new();
    for _ in 0..5 {
        let seen: Option<String> = redis::cmd("GET").arg(&key).query_async(&mut *conn).await?;
        let seen = seen.unwrap_or_default();
        holder = seen.split('|').next().unwrap_or("").to_owned();
        let alive: Option<f64> = if holder.is_empty() {
            None
        } else {
            redis::cmd("ZSCORE")
                .arg(keys.members())
                .arg(&holder)
                .query_async(&mut *conn)
                .await?
        };
        let (state, by): (String, String) = claim_script(keys, conv, event_id)
            .arg(&marker)
            .arg(policy.ttl_secs.max(1))
            .arg(token.as_str())
            .arg(&token.worker)
            .arg(takeover.unwrap_or("\u{0}"))
            .arg(now_ms())
            .arg(policy.stale_ms)
            .arg(&seen)
            .arg(if alive.is_some() { "1" } else { "0" })
            .invoke_async(&mut *conn)
            .await?;
        return Ok(match state.as_str() {
            "changed" => continue,
            "duplicate" => Claim::Duplicate,
            "inprogress" => Claim::InProgress { by },
            "mine" => Claim::Mine { token: by },
            _ => Claim::Fresh { pristine: false },
        });
    }
    // The record kept changing under us: someone is working on it right now.
    Ok(Claim::InProgress { by: holder })
}

const IF_MINE: &str = r#"
local v = redis.call('GET', KEYS[1])
if not v or string.sub(v, 1, string.len(ARGV[1]) + 1) ~= ARGV[1] .. '|' then return 0 end
if ARGV[2] == 'renew' then
  redis.call('SET', KEYS[1], ARGV[3], 'KEEPTTL')
  return 1
end
redis.call('SET', KEYS[1], 'retry', 'KEEPTTL')
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1
"#;

/// The renew/release script with its keys, the dedupe record and the journal (one hash slot:
/// the conversation's; also what the key-slot test checks).
pub fn if_mine_script(keys: &Keys, conv: &str, event_id: &str) -> redis::ScriptInvocation<'static> {
    static SCRIPT: std::sync::LazyLock<Script> = std::sync::LazyLock::new(|| Script::new(IF_MINE));
    let mut inv = SCRIPT.prepare_invoke();
    inv.key(keys.dedupe(conv, event_id))
        .key(keys.journal(conv, event_id));
    inv
}

/// Shows that the attempt `token` still runs (refreshes its claim's time) while it holds it.
pub async fn renew(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    event_id: &str,
    token: &AttemptToken,
) -> Result<bool, RedisError> {
    let mut conn = pool.get().await?;
    let n: i64 = if_mine_script(keys, conv, event_id)
        .arg(token.as_str())
        .arg("renew")
        .arg(token.marker())
        .invoke_async(&mut *conn)
        .await?;
    Ok(n == 1)
}

/// Gives up the claim of an attempt that did not finish, if it still holds it (the record
/// becomes `retry`), so a retry tier, a redelivery or a DLQ replay runs the event again and
/// resumes its journal, which now lives as long as the record.
pub async fn release(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    event_id: &str,
    token: &AttemptToken,
    ttl_secs: u64,
) -> Result<(), RedisError> {
    let mut conn = pool.get().await?;
    if_mine_script(keys, conv, event_id)
        .arg(token.as_str())
        .arg("release")
        .arg(ttl_secs.max(1))
        .invoke_async::<i64>(&mut *conn)
        .await?;
    Ok(())
}

/// Records that `event_id` was fully processed (remembered for `ttl_secs`) and drops its
/// effects journal, which nothing will read again (`journal`: false when it was never written).
pub async fn complete(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    event_id: &str,
    ttl_secs: u64,
    journal: bool,
) -> Result<(), RedisError> {
    let mut conn = pool.get().await?;
    let mut pipe = redis::pipe();
    pipe.set_ex(keys.dedupe(conv, event_id), "done", ttl_secs.max(1))
        .ignore();
    if journal {
        pipe.del(keys.journal(conv, event_id)).ignore();
    }
    pipe.query_async::<()>(&mut *conn).await?;
    Ok(())
}

/// Records that `event_id` was dead-lettered: it holds nothing behind it any more (parking),
/// a DLQ replay claims it afresh and resumes its journal, which lives as long as the record.
pub async fn dead(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    event_id: &str,
    ttl_secs: u64,
) -> Result<(), RedisError> {
    let mut conn = pool.get().await?;
    let ttl = ttl_secs.max(1);
    redis::pipe()
        .set_ex(keys.dedupe(conv, event_id), "dead", ttl)
        .ignore()
        .expire(keys.journal(conv, event_id), ttl as i64)
        .ignore()
        .del(keys.panics(conv, event_id))
        .ignore()
        .query_async::<()>(&mut *conn)
        .await?;
    Ok(())
}

/// Counts an attempt of `event_id` that panicked; returns how many did so far (the counter
/// lives as long as the idempotency record; [`dead`] clears it, so a DLQ replay starts again).
pub async fn panicked(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    event_id: &str,
    ttl_secs: u64,
) -> Result<u32, RedisError> {
    let mut conn = pool.get().await?;
    let key = keys.panics(conv, event_id);
    let (n,): (i64,) = redis::pipe()
        .atomic()
        .incr(&key, 1)
        .expire(&key, ttl_secs.max(1) as i64)
        .ignore()
        .query_async(&mut *conn)
        .await?;
    Ok(n.clamp(0, i64::from(u32::MAX)) as u32)
}

/// Who is attempting an event: this worker, in one fence generation of one partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptToken {
    pub worker: String,
    pub generation: u64,
    text: String,
}

impl AttemptToken {
    pub fn new(worker: &str, generation: u64) -> Self {
        AttemptToken {
            worker: worker.to_owned(),
            generation,
            text: format!("{worker}|{generation}"),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The in-progress record: the token and the time it was last shown alive.
    fn marker(&self) -> String {
        format!("{}|{}", self.text, now_ms())
    }
}

/// The attempts running in this process, by event id: lets a new attempt tell a fenced
/// attempt that is still running from one that ended.
#[derive(Default)]
pub struct Attempts(Mutex<HashMap<String, (String, CancellationToken)>>);

impl Attempts {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, (String, CancellationToken)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a running attempt; it counts as ended when the guard is dropped.
    pub fn start(&self, event_id: &str, token: &AttemptToken) -> AttemptGuard<'_> {
        let ended = CancellationToken::new();
        self.map().insert(
            event_id.to_owned(),
            (token.as_str().to_owned(), ended.clone()),
        );
        AttemptGuard {
            attempts: self,
            event_id: event_id.to_owned(),
            ended,
        }
    }

    /// When the attempt `token` of `event_id` still runs here: a token cancelled when it ends.
    pub fn running(&self, event_id: &str, token: &str) -> Option<CancellationToken> {
        self.map()
            .get(event_id)
            .filter(|(t, ended)| t == token && !ended.is_cancelled())
            .map(|(_, ended)| ended.clone())
    }
}

/// Marks an attempt ended when dropped (whatever way the attempt ends, panics included).
pub struct AttemptGuard<'a> {
    attempts: &'a Attempts,
    event_id: String,
    ended: CancellationToken,
}

impl Drop for AttemptGuard<'_> {
    fn drop(&mut self) {
        self.ended.cancel();
        let mut map = self.attempts.map();
        if map
            .get(&self.event_id)
            .is_some_and(|(_, e)| e.is_cancelled())
        {
            map.remove(&self.event_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_runs_until_its_guard_drops() {
        let attempts = Attempts::default();
        let old = AttemptToken::new("w1", 1);
        let guard = attempts.start("e1", &old);
        let ended = attempts.running("e1", old.as_str()).expect("running");
        assert!(attempts.running("e1", "w1|2").is_none(), "another token");
        drop(guard);
        assert!(ended.is_cancelled());
        assert!(attempts.running("e1", old.as_str()).is_none());
    }

    #[test]
    fn a_newer_attempt_is_not_removed_by_an_older_guard() {
        let attempts = Attempts::default();
        let old = attempts.start("e1", &AttemptToken::new("w1", 1));
        let new_token = AttemptToken::new("w1", 2);
        let _new = attempts.start("e1", &new_token);
        drop(old);
        assert!(attempts.running("e1", new_token.as_str()).is_some());
    }
}
