//! The effects journal: what one event's processing decided, and which of its effects are
//! done (ARCHITECTURE §4, I8). Decide first, record the decision, then act.
//!
//! One Redis hash per event, `{ns}:journal:{event_id}`. Fields are named by the step:
//! `plan` (the decision, JSON: the reply text and its parts, the transition, the notice) and
//! one field per effect (`send:0` = the wamid of part 0, `feed:handoff`, `mem:ai`, …). A retry,
//! redelivery or takeover of the event reads the hash once ([`Journal::load`]) and carries on
//! from the first effect not done: it does not run the model again, re-decide, or repeat an
//! effect that is marked.
//!
//! Crash table (an effect is "marked" when its field is written):
//!
//! | dies… | on the next attempt |
//! |---|---|
//! | before the plan is written | decides again (no effect had happened) |
//! | after the plan, before an effect | resumes with that effect |
//! | after a Redis-only effect (feed event…) | nothing: [`Journal::atomically`] writes the effect and its mark in one `MULTI` |
//! | after an external effect (a Graph send, a broker publish), before its mark | repeats that one effect: the window is one request wide, and the mark is written right after the request returns, before any bookkeeping |
//!
//! [`Journal::decide`] is first-writer-wins (`HSETNX`), so two attempts that both got as far as
//! deciding (a fenced one and its successor) act on one decision. The hash lives as long as
//! the dedupe record (Meta redelivers for 7 days) and is deleted when the event completes
//! (`idempotency::complete`): after that the dedupe record answers every redelivery. Fails with
//! [`RedisError`] (transient: the step is retried and resumes).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use redis::{self, Pipeline, Script};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The journal of one event, with what was read of it so far.
pub struct Journal {
    pool: Pool,
    key: String,
    ttl_secs: u64,
    seen: Mutex<Option<HashMap<String, String>>>,
    /// This attempt already set the hash's TTL (one `EXPIRE` per attempt is enough).
    ttl_set: AtomicBool,
}

const DECIDE: &str = r#"
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  if ARGV[4] == '1' then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
  return ARGV[2]
end
return redis.call('HGET', KEYS[1], ARGV[1])
"#;

impl Journal {
    pub fn new(pool: Pool, keys: &Keys, event_id: &str, ttl_secs: u64) -> Self {
        Journal {
            pool,
            key: keys.journal(event_id),
            ttl_secs: ttl_secs.max(1),
            seen: Mutex::new(None),
            ttl_set: AtomicBool::new(false),
        }
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Option<HashMap<String, String>>> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the journal from Redis once per attempt (later calls use what was read).
    pub async fn load(&self) -> Result<(), RedisError> {
        if self.cache().is_some() {
            return Ok(());
        }
        let mut c = self.pool.get().await?;
        let all: HashMap<String, String> = redis::cmd("HGETALL")
            .arg(&self.key)
            .query_async(&mut *c)
            .await?;
        *self.cache() = Some(all);
        Ok(())
    }

    /// The value of `field`, if marked (after [`Journal::load`]).
    pub async fn get(&self, field: &str) -> Result<Option<String>, RedisError> {
        self.load().await?;
        Ok(self.cache().as_ref().and_then(|m| m.get(field).cloned()))
    }

    /// True when the effect `field` is marked done.
    pub async fn is_done(&self, field: &str) -> Result<bool, RedisError> {
        Ok(self.get(field).await?.is_some())
    }

    /// Records `plan` under `field` unless a plan is already there; returns the plan that
    /// counts (the first one written).
    pub async fn decide<T: Serialize + DeserializeOwned>(
        &self,
        field: &str,
        plan: &T,
    ) -> Result<T, RedisError> {
        let json = serde_json::to_string(plan).expect("plans serialise");
        let mut c = self.pool.get().await?;
        let stored: String = Script::new(DECIDE)
            .key(&self.key)
            .arg(field)
            .arg(&json)
            .arg(self.ttl_secs)
            .arg(if self.ttl_set.swap(true, Ordering::Relaxed) {
                "0"
            } else {
                "1"
            })
            .invoke_async(&mut *c)
            .await?;
        self.remember(field, &stored);
        Ok(serde_json::from_str(&stored).unwrap_or_else(|_| {
            serde_json::from_str(&json).expect("a plan we just serialised reads back")
        }))
    }

    /// The recorded plan under `field`, if any.
    pub async fn plan<T: DeserializeOwned>(&self, field: &str) -> Result<Option<T>, RedisError> {
        Ok(self
            .get(field)
            .await?
            .and_then(|raw| serde_json::from_str(&raw).ok()))
    }

    /// Marks the effect `field` done with `value` (one `HSET`; the attempt's first write also
    /// refreshes the TTL).
    pub async fn mark(&self, field: &str, value: &str) -> Result<(), RedisError> {
        self.write(field, value, redis::pipe()).await
    }

    /// Marks the effect `field` done with `value`, and runs `effects` (Redis commands) in the
    /// same `MULTI`/`EXEC`: the effect and its mark happen together or not at all.
    pub async fn atomically(
        &self,
        field: &str,
        value: &str,
        mut effects: Pipeline,
    ) -> Result<(), RedisError> {
        effects.atomic();
        self.write(field, value, effects).await
    }

    async fn write(&self, field: &str, value: &str, mut pipe: Pipeline) -> Result<(), RedisError> {
        pipe.hset(&self.key, field, value).ignore();
        let first = !self.ttl_set.load(Ordering::Relaxed);
        if first {
            pipe.expire(&self.key, self.ttl_secs as i64).ignore();
        }
        let mut c = self.pool.get().await?;
        pipe.query_async::<()>(&mut *c).await?;
        drop(c);
        if first {
            self.ttl_set.store(true, Ordering::Relaxed);
        }
        self.remember(field, value);
        Ok(())
    }

    fn remember(&self, field: &str, value: &str) {
        if let Some(m) = self.cache().as_mut() {
            m.insert(field.to_owned(), value.to_owned());
        }
    }
}
