//! Idempotency of event processing, keyed on the event id, with attempt tokens.
//!
//! Meta redelivers webhooks for up to 7 days, ingress may publish a retried webhook twice, and
//! the broker redelivers whatever a crashed or fenced worker held. Each event id has one Redis
//! record, `{ns}:dedupe:{id}`:
//!
//! - absent, or `dead` (dead-lettered; a DLQ replay runs it again): never finished →
//!   [`Claim::Fresh`]; we write `<worker>|<generation>|<ms>` (in progress) with a TTL that the
//!   running attempt renews ([`renew`]) for as long as its steps run;
//! - `done`: finished → [`Claim::Duplicate`], acked without effect;
//! - in progress under another live worker → [`Claim::InProgress`]: that worker lost its lease
//!   but may still be finishing; the caller retries later instead of racing it;
//! - in progress under a worker that is no longer a live member (it crashed midway) → taken
//!   over, [`Claim::Fresh`];
//! - in progress under *this* worker with another attempt token → [`Claim::Mine`]. The token
//!   is the worker id plus the partition's fence generation: after a broker blip or a Redis
//!   outage the partition restarts on the same process with a new generation while the old,
//!   fenced attempt may still be inside a model call. The caller asks [`Attempts`] whether
//!   that attempt still runs, waits for it to end, and only then takes the claim over
//!   ([`claim`] with `takeover`). A fenced attempt is never mistaken for a dead one.
//!
//! Whatever a half-done attempt did is in its effects journal (`pipeline::journal`): the
//! attempt that takes over resumes it instead of redoing it. Claiming is one Lua script, so two
//! near-simultaneous deliveries cannot both see "absent". An attempt that ends without
//! finishing (failed, fenced, panicked) deletes its own record if it still holds it
//! ([`release`]). Crash cases: dying after `done` is written but before the ack → the
//! redelivery is a duplicate (correct); dying before → the record expires within its TTL or is
//! taken over as above.

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
    Fresh,
    Duplicate,
    InProgress {
        by: String,
    },
    /// Held by an earlier attempt of this very process (token `token`).
    Mine {
        token: String,
    },
}

const CLAIM: &str = r#"
local v = redis.call('GET', KEYS[1])
if v == 'done' then return {'duplicate', ''} end
if v and v ~= 'dead' then
  local owner = string.match(v, '^([^|]*)|')
  local token = string.match(v, '^([^|]*|[^|]*)|')
  if token ~= ARGV[3] and token ~= ARGV[5] then
    if owner == ARGV[4] then return {'mine', token or ''} end
    if owner and redis.call('ZSCORE', KEYS[2], owner) then return {'inprogress', owner} end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {'fresh', ''}
"#;

/// Claims `event_id` for the attempt `token` (`<worker>|<generation>`); `takeover` names an
/// earlier attempt of this process that is known to have ended.
pub async fn claim(
    pool: &Pool,
    keys: &Keys,
    event_id: &str,
    token: &AttemptToken,
    in_progress_ttl_ms: u64,
    takeover: Option<&str>,
) -> Result<Claim, RedisError> {
    let mut conn = pool.get().await?;
    let marker = format!("{}|{}", token.as_str(), now_ms());
    let (state, by): (String, String) = Script::new(CLAIM)
        .key(keys.dedupe(event_id))
        .key(keys.members())
        .arg(&marker)
        .arg(in_progress_ttl_ms)
        .arg(token.as_str())
        .arg(&token.worker)
        .arg(takeover.unwrap_or("\u{0}"))
        .invoke_async(&mut *conn)
        .await?;
    Ok(match state.as_str() {
        "duplicate" => Claim::Duplicate,
        "inprogress" => Claim::InProgress { by },
        "mine" => Claim::Mine { token: by },
        _ => Claim::Fresh,
    })
}

const IF_MINE: &str = r#"
local v = redis.call('GET', KEYS[1])
if not v or string.sub(v, 1, string.len(ARGV[1]) + 1) ~= ARGV[1] .. '|' then return 0 end
if ARGV[2] == 'renew' then return redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return redis.call('DEL', KEYS[1])
"#;

/// Extends the in-progress record while the attempt `token` still holds it.
pub async fn renew(
    pool: &Pool,
    keys: &Keys,
    event_id: &str,
    token: &AttemptToken,
    ttl_ms: u64,
) -> Result<bool, RedisError> {
    let mut conn = pool.get().await?;
    let n: i64 = Script::new(IF_MINE)
        .key(keys.dedupe(event_id))
        .arg(token.as_str())
        .arg("renew")
        .arg(ttl_ms)
        .invoke_async(&mut *conn)
        .await?;
    Ok(n == 1)
}

/// Gives up the claim of an attempt that did not finish, if it still holds it, so a retry
/// tier, a redelivery or a DLQ replay runs the event again (and resumes its journal).
pub async fn release(
    pool: &Pool,
    keys: &Keys,
    event_id: &str,
    token: &AttemptToken,
) -> Result<(), RedisError> {
    let mut conn = pool.get().await?;
    Script::new(IF_MINE)
        .key(keys.dedupe(event_id))
        .arg(token.as_str())
        .arg("release")
        .arg(0)
        .invoke_async::<i64>(&mut *conn)
        .await?;
    Ok(())
}

/// Records that `event_id` was fully processed (remembered for `ttl_secs`) and drops its
/// effects journal, which nothing will read again.
pub async fn complete(
    pool: &Pool,
    keys: &Keys,
    event_id: &str,
    ttl_secs: u64,
) -> Result<(), RedisError> {
    let mut conn = pool.get().await?;
    redis::pipe()
        .set_ex(keys.dedupe(event_id), "done", ttl_secs.max(1))
        .ignore()
        .del(keys.journal(event_id))
        .ignore()
        .query_async::<()>(&mut *conn)
        .await?;
    Ok(())
}

/// Records that `event_id` was dead-lettered: it holds nothing behind it any more (parking),
/// and a DLQ replay claims it afresh.
pub async fn dead(
    pool: &Pool,
    keys: &Keys,
    event_id: &str,
    ttl_secs: u64,
) -> Result<(), RedisError> {
    let mut conn = pool.get().await?;
    redis::cmd("SET")
        .arg(keys.dedupe(event_id))
        .arg("dead")
        .arg("EX")
        .arg(ttl_secs.max(1))
        .query_async::<()>(&mut *conn)
        .await?;
    Ok(())
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
