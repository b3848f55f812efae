//! Where failed deliveries go: the broker's retry tiers and the dead-letter queue — one
//! implementation for the event stream and the memory queue.
//!
//! Each failed attempt is appended to a JSON history carried in [`headers::HISTORY`], so a
//! message that reaches the DLQ shows every error, worker and time on its way there. A retried
//! message carries [`headers::ATTEMPT`] = number of tiers used so far; it returns to where it
//! came from ([`Origin`]) when the tier's TTL expires (see `baton_shared::topology`).
//! Dead-lettered messages also record [`headers::ERROR`], [`headers::DEAD_AT`] and their
//! origin ([`headers::ORIGIN_PARTITION`] or [`headers::ORIGIN_QUEUE`]), which
//! `worker dlq replay` uses to put them back.
//!
//! [`decide`] is the settle decision, a pure function. Publishing fails with
//! [`PublishError`]; callers then requeue the delivery rather than ack it (nothing is lost).

use baton_shared::amqp::{PublishError, Publisher, header_i64, header_str};
use baton_shared::event::now_ms;
use lapin::BasicProperties;
use lapin::types::{AMQPValue, FieldTable};
use serde::{Deserialize, Serialize};

/// The header names of the failure paths (the DLQ tooling reads them too).
pub mod headers {
    /// Retry tiers used so far (0 on the first delivery).
    pub const ATTEMPT: &str = "x-baton-attempt";
    /// JSON list of the failed attempts.
    pub const HISTORY: &str = "x-baton-history";
    /// Why the message was dead-lettered.
    pub const ERROR: &str = "x-baton-error";
    /// When it was dead-lettered (Unix ms).
    pub const DEAD_AT: &str = "x-baton-dead-lettered-at-ms";
    /// The partition an event came from.
    pub const ORIGIN_PARTITION: &str = "x-baton-origin-partition";
    /// The queue a non-event message (a memory write) came from.
    pub const ORIGIN_QUEUE: &str = "x-baton-origin-queue";
    /// Set on messages put back by `worker dlq replay`.
    pub const REPLAYED: &str = "x-baton-replayed";
    /// Set (true) by the publisher of a memory write when no earlier publish of the same
    /// record can exist (the event's attempt is pristine, `pipeline::journal`): its first
    /// delivery may skip the check for an earlier write (`memory::queue`).
    pub const FIRST_PUBLISH: &str = "x-baton-first-publish";
}

/// Attempts a history keeps from its start, and from its end.
pub const HISTORY_KEEP_FIRST: usize = 10;
pub const HISTORY_KEEP_LAST: usize = 30;

/// One failed attempt.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Attempt {
    pub attempt: u32,
    pub at_ms: i64,
    pub worker: String,
    pub error: String,
}

/// The failed attempts of one message.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct History(pub Vec<Attempt>);

impl History {
    pub fn from_headers(headers: Option<&FieldTable>) -> Self {
        header_str(headers, headers::HISTORY)
            .and_then(|h| serde_json::from_str(&h).ok())
            .unwrap_or_default()
    }

    pub fn push(&mut self, attempt: u32, worker: &str, error: &str) {
        self.0.push(Attempt {
            attempt,
            at_ms: now_ms(),
            worker: worker.to_owned(),
            error: error.chars().take(2000).collect(),
        });
        // An event waiting for hours (paused sends) passes a tier every minute: keep the first
        // attempts and the latest ones, so the header stays far below the broker's frame size.
        if self.0.len() > HISTORY_KEEP_FIRST + HISTORY_KEEP_LAST {
            self.0.remove(HISTORY_KEEP_FIRST);
        }
    }

    /// The history as an AMQP header value.
    pub fn header_value(&self) -> AMQPValue {
        AMQPValue::LongString(serde_json::to_string(self).unwrap_or_default().into())
    }
}

/// The attempt number a delivery carries.
pub fn attempt_of(headers: Option<&FieldTable>) -> u32 {
    header_i64(headers, headers::ATTEMPT).unwrap_or(0).max(0) as u32
}

/// How a failure should be treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// May pass: retry later.
    Transient,
    /// Retrying cannot help.
    Permanent,
    /// Not a failure: come back later, as often as it takes (sends paused, a long send
    /// queue). Never dead-lettered for it.
    Wait,
}

/// The longest tier a waiting event cycles through: it comes back at least this often, so
/// once sends resume it goes out within about this long.
pub const WAIT_TIER_MAX: std::time::Duration = std::time::Duration::from_secs(60);

/// What to do with a delivery once its attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settle {
    Ack,
    /// Publish to retry tier `n` (0-based), then ack.
    Tier(u32),
    /// Publish to the DLQ, then ack.
    DeadLetter,
}

/// The settle decision (pure; table-tested): success is acked; a transient failure goes to
/// the next tier while there is one; a waiting event goes to the next tier too, then stays on
/// the last one not longer than [`WAIT_TIER_MAX`] (the first, if all are longer) for as long
/// as it waits; anything else (or any failure without tiers) is dead-lettered.
pub fn decide(result: Result<(), Failure>, attempt: u32, tiers: &[std::time::Duration]) -> Settle {
    let n = tiers.len() as u32;
    match result {
        Ok(()) => Settle::Ack,
        Err(Failure::Transient) if attempt < n => Settle::Tier(attempt),
        Err(Failure::Wait) if n > 0 => {
            let cap = tiers.iter().rposition(|d| *d <= WAIT_TIER_MAX).unwrap_or(0) as u32;
            Settle::Tier(attempt.min(cap))
        }
        Err(_) => Settle::DeadLetter,
    }
}

/// Where a message goes back to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A partition queue of the event stream.
    Partition(u16),
    /// A side queue (the memory queue, the Slack queue).
    Queue(String),
}

/// A message that failed: its body, the properties it came with and its history so far.
pub struct Failed<'a> {
    pub body: &'a [u8],
    pub props: &'a BasicProperties,
    pub history: &'a History,
    pub origin: Origin,
}

impl Failed<'_> {
    fn headers(&self) -> FieldTable {
        let mut h = self.props.headers().clone().unwrap_or_default();
        h.insert(headers::HISTORY.into(), self.history.header_value());
        h
    }

    fn props(&self, headers: FieldTable) -> BasicProperties {
        let mut p = BasicProperties::default()
            .with_content_type("application/json".into())
            .with_headers(headers);
        if let Some(id) = self.props.message_id() {
            p = p.with_message_id(id.clone());
        }
        if let Some(kind) = self.props.kind() {
            p = p.with_type(kind.clone());
        }
        p
    }
}

/// Publishes `f` to retry tier `tier` (its attempt becomes `tier + 1`); it comes back to its
/// origin when the tier's TTL expires.
pub async fn to_tier(publisher: &Publisher, f: &Failed<'_>, tier: u32) -> Result<(), PublishError> {
    let mut h = f.headers();
    h.insert(
        headers::ATTEMPT.into(),
        AMQPValue::LongLongInt(i64::from(tier) + 1),
    );
    let names = publisher.names();
    let (exchange, key) = match &f.origin {
        Origin::Partition(p) => (names.retry_tier(tier as usize), names.partition_key(*p)),
        Origin::Queue(q) => (
            String::new(),
            names
                .side_retry(q, tier as usize)
                .unwrap_or_else(|| q.clone()),
        ),
    };
    publisher
        .publish_raw(&exchange, &key, f.body, f.props(h))
        .await
}

/// Publishes `f` to the dead-letter queue with its history, reason and origin.
pub async fn to_dead_letter(
    publisher: &Publisher,
    f: &Failed<'_>,
    reason: &str,
) -> Result<(), PublishError> {
    let mut h = f.headers();
    h.insert(headers::ERROR.into(), AMQPValue::LongString(reason.into()));
    h.insert(headers::DEAD_AT.into(), AMQPValue::LongLongInt(now_ms()));
    let names = publisher.names();
    let key = match &f.origin {
        Origin::Partition(p) => {
            h.insert(
                headers::ORIGIN_PARTITION.into(),
                AMQPValue::LongString(p.to_string().into()),
            );
            names.partition_key(*p)
        }
        Origin::Queue(q) => {
            h.insert(
                headers::ORIGIN_QUEUE.into(),
                AMQPValue::LongString(q.as_str().into()),
            );
            "memory".to_owned()
        }
    };
    publisher
        .publish_raw(&names.dead_letter_exchange(), &key, f.body, f.props(h))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_round_trips_through_headers() {
        let mut h = History::default();
        h.push(0, "w1", "boom");
        h.push(1, "w2", "boom again");
        let mut table = FieldTable::default();
        table.insert(headers::HISTORY.into(), h.header_value());
        assert_eq!(History::from_headers(Some(&table)), h);
        assert_eq!(History::from_headers(None), History::default());
    }

    #[test]
    fn a_long_wait_keeps_the_first_and_the_latest_attempts() {
        let mut h = History::default();
        for i in 0..100 {
            h.push(i, "w", "sends paused");
        }
        assert_eq!(h.0.len(), HISTORY_KEEP_FIRST + HISTORY_KEEP_LAST);
        let attempts: Vec<u32> = h.0.iter().map(|a| a.attempt).collect();
        assert_eq!(
            attempts[..HISTORY_KEEP_FIRST],
            (0..10).collect::<Vec<_>>()[..]
        );
        assert_eq!(
            attempts[HISTORY_KEEP_FIRST..],
            (70..100).collect::<Vec<_>>()[..]
        );
    }

    #[test]
    fn settle_table() {
        use Failure::*;
        use std::time::Duration;
        let s = Duration::from_secs;
        let two = [s(1), s(2)];
        let prod = [s(10), s(60), s(600), s(3600)];
        let long = [s(600), s(3600)];
        type Case<'a> = (Result<(), Failure>, u32, &'a [Duration], Settle);
        let cases: [Case; 14] = [
            (Ok(()), 0, &two, Settle::Ack),
            (Ok(()), 2, &two, Settle::Ack),
            (Err(Transient), 0, &two, Settle::Tier(0)),
            (Err(Transient), 1, &two, Settle::Tier(1)),
            (Err(Transient), 2, &two, Settle::DeadLetter),
            (Err(Transient), 0, &[], Settle::DeadLetter),
            (Err(Permanent), 0, &two, Settle::DeadLetter),
            // Waiting never runs out of tiers: it stays on the last one of at most a minute.
            (Err(Wait), 0, &two, Settle::Tier(0)),
            (Err(Wait), 2, &two, Settle::Tier(1)),
            (Err(Wait), 9, &two, Settle::Tier(1)),
            (Err(Wait), 1, &prod, Settle::Tier(1)),
            (Err(Wait), 4, &prod, Settle::Tier(1)),
            (Err(Wait), 3, &long, Settle::Tier(0)),
            (Err(Wait), 0, &[], Settle::DeadLetter),
        ];
        for (result, attempt, tiers, want) in cases {
            assert_eq!(
                decide(result, attempt, tiers),
                want,
                "{result:?} {attempt}/{tiers:?}"
            );
        }
    }
}
