//! Parking: keeping a conversation's order while its head event waits in a retry tier
//! (ARCHITECTURE §4; the protocol is in `process`, the decisions in [`admit`]).
//!
//! `{ns}:parked:{conversation}` holds the id of the event being retried (the *head*);
//! `{ns}:parked-events:{conversation}` is the list of events held behind it, oldest first, each
//! with its trace context. An event is removed from the list only after it was settled (peek,
//! run, pop), so a crash in between re-runs it (deduplicated) instead of losing it.
//!
//! The protocol is restartable from any point (I9): a head whose dedupe record says it is
//! finished (`done`) or dead-lettered (`dead`) holds nothing — the next event of the
//! conversation first drains what is held, then runs; a held list without a head (the marker
//! expired: it lives twice the retry tiers' total) is drained the same way. Marking a head
//! happens only *after* its retry-tier publish was confirmed, so a refused publish can never
//! leave a conversation parked behind an event that is not coming back. The held list is
//! capped ([`HELD_MAX`]): past it, events are dead-lettered rather than held, never dropped.
//! Every operation is retried while Redis is unreachable until the partition is fenced
//! (`fence::redis_until_fenced`).
//!
//! **Admitting a new event of a conversation that is not parked costs no Redis command** (the
//! common case). A partition's conversations are parked, held and unparked only by the
//! process that holds its lease, and every parked conversation is a member of the partition's
//! set `{ns}:parked-set:<p>` from its `park` (written before the marker) until its held list
//! is drained and it is unparked (removed after the marker). The owner loads that set when it
//! starts consuming the partition and keeps it in memory ([`MaybeParked`]) as it parks and
//! unparks; a new event (first delivery, attempt 0) of a conversation outside it is admitted
//! without a read. Everything else is read from Redis as before ([`state`]): a conversation
//! in the set, and **every delivery that comes back** — from a retry tier (a returning head)
//! or redelivered by the broker (a crash or fence mid-drain). So a head always finds its
//! marker and drains what is held behind it, whatever the memory says: a wrong memory can
//! cost order, never a held event. The ways it can be wrong: a parking write in flight
//! across a fence (a previous owner's, or this process's previous generation's) landing
//! after the set was loaded or after a read forgot the conversation; a set member lost while
//! its marker survived (a Redis failover losing the last writes: the set and the marker are
//! on different hash slots); a Redis restore while this process holds the partition. In
//! each, the conversation's *new* events may run before its head comes back — what a lost
//! marker already meant. A member whose marker is gone (its head never came back: the marker
//! expired) is forgotten in memory on its next read, never removed from the set by a read
//! (only `unpark` removes, after draining): stale members cost one read per partition start.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use baton_shared::redis::RedisError;
use lapin::types::FieldTable;
use redis::{self, Script};
use serde::{Deserialize, Serialize};

use crate::stream::Runtime;

/// Events held behind one head at most; later ones are dead-lettered.
pub const HELD_MAX: i64 = 10_000;

/// A conversation's parking, as read in one round trip.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parked {
    /// The event being retried, if any.
    pub head: Option<String>,
    /// The head's dedupe record says it finished or was dead-lettered.
    pub head_settled: bool,
    /// Events held behind the head.
    pub held: i64,
}

/// What to do with an arriving event, given the conversation's parking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Nothing parked: run it.
    Run,
    /// It is the parked head coming back (from its tier, or redelivered): run it, then drain.
    RunAsHead,
    /// The head is settled (or gone) but events are still held: drain them first, then admit
    /// again.
    DrainFirst,
    /// A head is being retried: hold this event behind it.
    Hold,
}

/// The admission decision (pure; table-tested).
pub fn admit(parked: &Parked, event_id: &str) -> Admission {
    match &parked.head {
        Some(h) if h == event_id => Admission::RunAsHead,
        Some(_) if parked.head_settled => Admission::DrainFirst,
        Some(_) => Admission::Hold,
        None if parked.held > 0 => Admission::DrainFirst,
        None => Admission::Run,
    }
}

/// The conversations of one partition that may be parked, as its owner knows them: loaded
/// from the partition's parked set when the owner starts consuming it ([`members`]), added to
/// before a `park` is written, removed from after an `unpark` was. A superset of the parked
/// ones (see the module docs), so "not in it" is the answer without asking Redis.
#[derive(Debug, Default)]
pub struct MaybeParked(Mutex<HashSet<String>>);

impl MaybeParked {
    pub fn contains(&self, conv: &str) -> bool {
        self.lock().contains(conv)
    }

    pub fn insert(&self, conv: &str) {
        self.lock().insert(conv.to_owned());
    }

    pub fn remove(&self, conv: &str) {
        self.lock().remove(conv);
    }

    /// Adds what the partition's set holds (a union: what this process already knew stays).
    pub fn extend(&self, convs: impl IntoIterator<Item = String>) {
        self.lock().extend(convs);
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        // A panic while holding this lock cannot leave the set half-changed (each method is
        // one call on it), so a poisoned lock is still a valid set.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The conversations of partition `p` that were parked and not yet unparked (`SMEMBERS`, once
/// per partition start).
pub async fn members(w: &Runtime, p: u16) -> Result<Vec<String>, RedisError> {
    let mut c = w.redis.get().await?;
    Ok(redis::cmd("SMEMBERS")
        .arg(w.keys.parked_set(p))
        .query_async(&mut *c)
        .await?)
}

/// The conversation's parking. Nothing is read for a new event (`returning` false: attempt 0,
/// first delivery) when the partition's owner knows the conversation is not parked
/// ([`MaybeParked`], the common case). Else one `EXISTS`; when that finds nothing, the
/// conversation is forgotten in memory. Else the head and the held count (one round trip, one hash slot) and then the head's dedupe record. That record is
/// in the head's own conversation slot — the same conversation — but read on its own: a
/// conversation's events run one at a time on one worker, so nothing settles the head
/// between the two reads except this very worker.
pub async fn state(
    w: &Runtime,
    known: &MaybeParked,
    conv: &str,
    returning: bool,
) -> Result<Parked, RedisError> {
    if !returning && !known.contains(conv) {
        return Ok(Parked::default());
    }
    let mut c = w.redis.get().await?;
    let parked: i64 = redis::cmd("EXISTS")
        .arg(w.keys.parked(conv))
        .arg(w.keys.parked_events(conv))
        .query_async(&mut *c)
        .await?;
    if parked == 0 {
        known.remove(conv);
        return Ok(Parked::default());
    }
    let (head, held): (Option<String>, i64) = redis::pipe()
        .get(w.keys.parked(conv))
        .llen(w.keys.parked_events(conv))
        .query_async(&mut *c)
        .await?;
    let settled = match &head {
        Some(h) => {
            let d: Option<String> = redis::cmd("GET")
                .arg(w.keys.dedupe(conv, h))
                .query_async(&mut *c)
                .await?;
            matches!(d.as_deref(), Some("done" | "dead"))
        }
        None => false,
    };
    Ok(Parked {
        head,
        head_settled: settled,
        held,
    })
}

/// Marks `id` as the conversation's head; lives twice the retry tiers' total, so a head whose
/// tier message was lost cannot hold the conversation for ever. The owner's memory first,
/// then the partition's set, then the marker (different hash slots, so not one `MULTI`: in
/// this order, a write cut midway leaves a member without a marker, which the next read
/// forgets — never a marker outside the set).
pub async fn park(
    w: &Runtime,
    known: &MaybeParked,
    p: u16,
    conv: &str,
    id: &str,
) -> Result<(), RedisError> {
    let tiers: Duration = w.config.infra.retry_tiers.iter().sum();
    let ttl = (tiers * 2 + Duration::from_secs(600)).as_secs();
    known.insert(conv);
    let mut c = w.redis.get().await?;
    redis::pipe()
        .sadd(w.keys.parked_set(p), conv)
        .ignore()
        .set_ex(w.keys.parked(conv), id, ttl)
        .ignore()
        .query_async::<()>(&mut *c)
        .await?;
    Ok(())
}

/// Unparks the conversation (its held list is empty): the marker, the partition's set, then
/// the owner's memory.
pub async fn unpark(
    w: &Runtime,
    known: &MaybeParked,
    p: u16,
    conv: &str,
) -> Result<(), RedisError> {
    let mut c = w.redis.get().await?;
    redis::pipe()
        .del(w.keys.parked(conv))
        .ignore()
        .srem(w.keys.parked_set(p), conv)
        .ignore()
        .query_async::<()>(&mut *c)
        .await?;
    known.remove(conv);
    Ok(())
}

/// An event held behind a head, with the trace context it arrived with.
#[derive(Debug, Serialize, Deserialize)]
pub struct Held {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traceparent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracestate: Option<String>,
    /// The delivery's body (the event JSON).
    pub body: String,
}

impl Held {
    pub fn new(body: &[u8], headers: Option<&FieldTable>) -> Self {
        Held {
            traceparent: baton_shared::amqp::header_str(headers, "traceparent"),
            tracestate: baton_shared::amqp::header_str(headers, "tracestate"),
            body: String::from_utf8_lossy(body).into_owned(),
        }
    }

    /// Reads a held entry (an entry written by an older build is the bare event JSON).
    pub fn decode(raw: &[u8]) -> Held {
        serde_json::from_slice(raw).unwrap_or_else(|_| Held::new(raw, None))
    }

    /// The trace headers to continue from.
    pub fn headers(&self) -> FieldTable {
        let mut h = FieldTable::default();
        for (k, v) in [
            ("traceparent", &self.traceparent),
            ("tracestate", &self.tracestate),
        ] {
            if let Some(v) = v {
                h.insert(
                    k.into(),
                    lapin::types::AMQPValue::LongString(v.as_str().into()),
                );
            }
        }
        h
    }
}

const HOLD: &str = r#"
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[1])
return 1
"#;

/// The hold script with its one key (also what the key-slot test checks).
pub fn hold_script(
    keys: &baton_shared::redis::Keys,
    conv: &str,
) -> redis::ScriptInvocation<'static> {
    static SCRIPT: std::sync::LazyLock<Script> = std::sync::LazyLock::new(|| Script::new(HOLD));
    let mut inv = SCRIPT.prepare_invoke();
    inv.key(keys.parked_events(conv));
    inv
}

/// Holds an event behind the head; false when the list is full ([`HELD_MAX`]).
pub async fn hold(w: &Runtime, conv: &str, held: &Held) -> Result<bool, RedisError> {
    let json = serde_json::to_string(held).expect("held entries serialise");
    let mut c = w.redis.get().await?;
    let n: i64 = hold_script(&w.keys, conv)
        .arg(json)
        .arg(HELD_MAX)
        .invoke_async(&mut *c)
        .await?;
    Ok(n == 1)
}

pub async fn peek_held(w: &Runtime, conv: &str) -> Result<Option<Vec<u8>>, RedisError> {
    let mut c = w.redis.get().await?;
    Ok(redis::cmd("LINDEX")
        .arg(w.keys.parked_events(conv))
        .arg(0)
        .query_async(&mut *c)
        .await?)
}

pub async fn pop_held(w: &Runtime, conv: &str) -> Result<(), RedisError> {
    let mut c = w.redis.get().await?;
    redis::cmd("LPOP")
        .arg(w.keys.parked_events(conv))
        .query_async::<()>(&mut *c)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parked(head: Option<&str>, settled: bool, held: i64) -> Parked {
        Parked {
            head: head.map(str::to_owned),
            head_settled: settled,
            held,
        }
    }

    #[test]
    fn admission_table() {
        use Admission::*;
        let cases = [
            (parked(None, false, 0), "e2", Run),
            (parked(None, false, 3), "e2", DrainFirst),
            (parked(Some("e1"), false, 0), "e1", RunAsHead),
            (parked(Some("e1"), false, 2), "e1", RunAsHead),
            (parked(Some("e1"), true, 2), "e1", RunAsHead),
            (parked(Some("e1"), false, 0), "e2", Hold),
            (parked(Some("e1"), false, 5), "e2", Hold),
            (parked(Some("e1"), true, 0), "e2", DrainFirst),
            (parked(Some("e1"), true, 5), "e2", DrainFirst),
        ];
        for (p, id, want) in cases {
            assert_eq!(admit(&p, id), want, "{p:?} {id}");
        }
    }

    #[test]
    fn held_entries_keep_their_trace_context_and_read_old_entries() {
        let mut h = FieldTable::default();
        h.insert(
            "traceparent".into(),
            lapin::types::AMQPValue::LongString("00-abc-def-01".into()),
        );
        let held = Held::new(br#"{"id":"e1"}"#, Some(&h));
        let raw = serde_json::to_vec(&held).unwrap();
        let back = Held::decode(&raw);
        assert_eq!(back.body, r#"{"id":"e1"}"#);
        assert_eq!(back.traceparent.as_deref(), Some("00-abc-def-01"));
        let old = Held::decode(br#"{"v":1,"id":"e1"}"#);
        assert_eq!(old.body, r#"{"v":1,"id":"e1"}"#);
        assert!(old.traceparent.is_none());
    }
}
