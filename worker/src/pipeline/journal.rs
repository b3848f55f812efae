//! The effects journal: what one event's processing decided, and which of its effects are
//! done (ARCHITECTURE §4, I8). Decide first, record the decision, then act.
//!
//! One Redis hash per event, `{ns}:journal:{c:<conversation>}:<event_id>`: in the
//! conversation's hash slot, so a mark and the conversation's effects share a `MULTI` on a
//! Redis Cluster too. Fields are named by the step:
//! `plan` (the decision, JSON: the reply text and its parts, the transition, the notice) and
//! one field per effect (`reply:sent:0` = the wamid of part 0, `feed:handoff`, …). A retry,
//! redelivery or takeover of the event reads the hash once ([`Journal::load`]) and carries on
//! from the first effect not done: it does not run the model again, re-decide, or repeat an
//! effect that is marked.
//!
//! A *pristine* journal ([`Journal::pristine`]) belongs to an event no attempt ever held (its
//! claim found no record, `stream::idempotency`): it is known to be empty and is never read.
//! Steps may then skip the checks that only a retry needs ([`Journal::pristine_attempt`]),
//! e.g. scanning the transcript for an entry before appending it. Any step failure ends
//! that: [`Journal::forget`] drops what was read and the rest of the attempt reads Redis
//! again, since a failed write may or may not have been applied.
//!
//! Crash table (an effect is "marked" when its field is written):
//!
//! | dies… | on the next attempt |
//! |---|---|
//! | before the plan is written | decides again (no effect had happened) |
//! | after the plan, before an effect | resumes with that effect |
//! | after a Redis-only effect on the conversation's keys | nothing: [`Journal::atomically`] writes the effect and its mark in one `MULTI` |
//! | after a console event's steps | resumes them: see `conversation::effects` (the console stream is in another hash slot) |
//! | after an external effect (a Graph send, a broker publish), before its mark | repeats that one effect: the window is one request wide, and the mark is written right after the request returns, before any bookkeeping |
//!
//! Effects whose repetition is harmless and absorbed downstream (a memory record: the
//! backends store each record id once) are not marked at all.
//!
//! [`Journal::decide`] is first-writer-wins (`HSETNX`), so two attempts that both got as far as
//! deciding (a fenced one and its successor) act on one decision. The hash has no lifetime of
//! its own while its event runs: it is deleted when the event completes
//! (`idempotency::complete`), after which the dedupe record answers every redelivery, and it
//! gets the dedupe record's lifetime when an attempt gives the event up (`idempotency::release`,
//! `idempotency::dead`). Fails with [`RedisError`] (transient: the step is retried and resumes).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use redis::{self, Pipeline};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The journal of one event, with what was read of it so far.
pub struct Journal {
    pool: Pool,
    key: String,
    seen: Mutex<Option<HashMap<String, String>>>,
    /// No attempt held the event before this one and no step of this attempt failed.
    pristine: AtomicBool,
    /// This attempt wrote to the hash (so completion has something to delete).
    written: AtomicBool,
}

impl Journal {
    /// The journal of an event an earlier attempt may have worked on: read on first use.
    pub fn new(pool: Pool, keys: &Keys, conv: &str, event_id: &str) -> Self {
        Journal::with(pool, keys.journal(conv, event_id), None, false)
    }

    /// The journal of an event no attempt ever held: empty, never read.
    pub fn pristine(pool: Pool, keys: &Keys, conv: &str, event_id: &str) -> Self {
        Journal::with(
            pool,
            keys.journal(conv, event_id),
            Some(HashMap::new()),
            true,
        )
    }

    fn with(
        pool: Pool,
        key: String,
        seen: Option<HashMap<String, String>>,
        pristine: bool,
    ) -> Self {
        Journal {
            pool,
            key,
            seen: Mutex::new(seen),
            pristine: AtomicBool::new(pristine),
            written: AtomicBool::new(false),
        }
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Option<HashMap<String, String>>> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// True while nothing of this event can have happened outside this attempt's own,
    /// successful steps: checks that only a retry needs may be skipped.
    pub fn pristine_attempt(&self) -> bool {
        self.pristine.load(Ordering::Relaxed)
    }

    /// True when this attempt wrote to the journal (or may have: it was read from Redis).
    pub fn touched(&self) -> bool {
        self.written.load(Ordering::Relaxed) || !self.pristine_attempt()
    }

    /// After a failed step: what was read may be stale (a failed write may have been
    /// applied), so the next access reads Redis again, and the attempt is no longer pristine.
    pub fn forget(&self) {
        self.pristine.store(false, Ordering::Relaxed);
        *self.cache() = None;
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
        self.written.store(true, Ordering::Relaxed);
        let set: bool = redis::cmd("HSETNX")
            .arg(&self.key)
            .arg(field)
            .arg(&json)
            .query_async(&mut *c)
            .await?;
        let stored = if set {
            json.clone()
        } else {
            let first: Option<String> = redis::cmd("HGET")
                .arg(&self.key)
                .arg(field)
                .query_async(&mut *c)
                .await?;
            first.unwrap_or_else(|| json.clone())
        };
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

    /// Marks the effect `field` done with `value` (one `HSET`).
    pub async fn mark(&self, field: &str, value: &str) -> Result<(), RedisError> {
        self.write(field, value, redis::pipe()).await
    }

    /// Runs `before` (Redis commands, a plain pipeline), then marks the effect `field` done
    /// with `value`, in one round trip: the mark is written only after `before` was.
    pub async fn mark_after(
        &self,
        before: Pipeline,
        field: &str,
        value: &str,
    ) -> Result<(), RedisError> {
        self.write(field, value, before).await
    }

    /// A token naming the effect `field` of this event, unique across events (to find an
    /// effect written outside the journal's hash slot again, `conversation::effects`).
    pub fn token(&self, field: &str) -> String {
        format!("{}|{field}", self.key)
    }

    /// Marks the effect `field` done with `value`, and runs `effects` (Redis commands on the
    /// conversation's own keys: one hash slot with the journal) in the same `MULTI`/`EXEC`: the effect and its mark happen together or not at all.
    pub async fn atomically(
        &self,
        field: &str,
        value: &str,
        effects: Pipeline,
    ) -> Result<(), RedisError> {
        let pipe = self.atomic_pipe(field, value, effects);
        self.send(pipe, field, value).await
    }

    /// The `MULTI` of [`Journal::atomically`]: `effects`, then the mark (also what the
    /// key-slot test checks).
    pub fn atomic_pipe(&self, field: &str, value: &str, mut effects: Pipeline) -> Pipeline {
        effects.atomic();
        effects.hset(&self.key, field, value).ignore();
        effects
    }

    async fn write(&self, field: &str, value: &str, mut pipe: Pipeline) -> Result<(), RedisError> {
        pipe.hset(&self.key, field, value).ignore();
        self.send(pipe, field, value).await
    }

    async fn send(&self, pipe: Pipeline, field: &str, value: &str) -> Result<(), RedisError> {
        self.written.store(true, Ordering::Relaxed);
        let mut c = self.pool.get().await?;
        pipe.query_async::<()>(&mut *c).await?;
        drop(c);
        self.remember(field, value);
        Ok(())
    }

    fn remember(&self, field: &str, value: &str) {
        if let Some(m) = self.cache().as_mut() {
            m.insert(field.to_owned(), value.to_owned());
        }
    }
}
