//! The RabbitMQ topology, declared in one place.
//!
//! Every name lives under `BATON_NAMESPACE` (`ns` below). Both binaries call [`declare`] at
//! start; declarations are idempotent, and a declaration that conflicts with an existing queue
//! (for example a changed partition count or delivery limit) fails loudly instead of silently
//! running with the old arguments — changing them is an offline operation (README).
//!
//! ```text
//!  ingress ──▶ {ns}.events (direct) ──p.<i>──▶ {ns}.p.<i>   quorum, single-active-consumer,
//!                    ▲                                      delivery limit, DLX {ns}.dlx
//!                    │ (dead-letter on TTL, routing key kept)
//!  worker ──▶ {ns}.retry.<t> (fanout) ──▶ {ns}.retry.<t> queue, x-message-ttl = tier t
//!  worker / broker ──▶ {ns}.dlx (fanout) ──▶ {ns}.dlq        quorum, no SAC (basic.get works)
//!  ingress ──▶ (default exchange) ──▶ {ns}.unparsed             signed bodies we could not read
//!  worker ──▶ (default exchange) ──▶ {ns}.memory               memory writes (competing consumers)
//!  worker ──▶ {ns}.memory.retry.<t> (TTL) ──dead-letter──▶ {ns}.memory
//!  worker ──▶ (default exchange) ──▶ {ns}.slack                Slack syncs (single active consumer)
//!  worker ──▶ {ns}.slack.retry.<t> (TTL) ──dead-letter──▶ {ns}.slack
//! ```

use std::time::Duration;

use lapin::options::{ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions};
use lapin::types::{AMQPValue, FieldTable, ShortString};
use lapin::{Channel, ExchangeKind};

use crate::config::Infra;

/// Names derived from the namespace.
#[derive(Clone, Debug)]
pub struct Names {
    pub ns: String,
    pub partitions: u16,
}

impl Names {
    pub fn new(infra: &Infra) -> Self {
        Names {
            ns: infra.namespace.clone(),
            partitions: infra.partitions,
        }
    }
    /// The direct exchange every conversation event is published to.
    pub fn events_exchange(&self) -> String {
        format!("{}.events", self.ns)
    }
    /// Routing key of partition `p`.
    pub fn partition_key(&self, p: u16) -> String {
        format!("p.{p}")
    }
    /// Queue of partition `p`.
    pub fn partition_queue(&self, p: u16) -> String {
        format!("{}.p.{p}", self.ns)
    }
    /// Partition number of a partition queue name, if it is one of ours.
    pub fn partition_of_queue(&self, queue: &str) -> Option<u16> {
        queue
            .strip_prefix(&format!("{}.p.", self.ns))?
            .parse()
            .ok()
            .filter(|p| *p < self.partitions)
    }
    /// Exchange (and queue) of retry tier `t`.
    pub fn retry_tier(&self, t: usize) -> String {
        format!("{}.retry.{t}", self.ns)
    }
    pub fn dead_letter_exchange(&self) -> String {
        format!("{}.dlx", self.ns)
    }
    pub fn dead_letter_queue(&self) -> String {
        format!("{}.dlq", self.ns)
    }
    pub fn unparsed_queue(&self) -> String {
        format!("{}.unparsed", self.ns)
    }
    /// The memory-write queue (competing consumers, no ordering needed).
    pub fn memory_queue(&self) -> String {
        format!("{}.memory", self.ns)
    }
    /// Retry tier `t` of the memory queue.
    pub fn memory_retry(&self, t: usize) -> String {
        format!("{}.memory.retry.{t}", self.ns)
    }
    /// The Slack queue: what must be brought in line on Slack (`worker::slack`).
    pub fn slack_queue(&self) -> String {
        format!("{}.slack", self.ns)
    }
    /// Retry tier `t` of the Slack queue.
    pub fn slack_retry(&self, t: usize) -> String {
        format!("{}.slack.retry.{t}", self.ns)
    }
    /// The retry tier `t` of a side queue (memory or Slack), if `queue` is one.
    pub fn side_retry(&self, queue: &str, t: usize) -> Option<String> {
        if queue == self.memory_queue() {
            Some(self.memory_retry(t))
        } else if queue == self.slack_queue() {
            Some(self.slack_retry(t))
        } else {
            None
        }
    }
    /// Every queue of the namespace (used by cleanup and by operators' scripts).
    pub fn all_queues(&self, tiers: usize) -> Vec<String> {
        let mut q: Vec<String> = (0..self.partitions)
            .map(|p| self.partition_queue(p))
            .collect();
        q.extend((0..tiers).map(|t| self.retry_tier(t)));
        q.push(self.dead_letter_queue());
        q.push(self.unparsed_queue());
        q.push(self.memory_queue());
        q.extend((0..tiers).map(|t| self.memory_retry(t)));
        q.push(self.slack_queue());
        q.extend((0..tiers).map(|t| self.slack_retry(t)));
        q
    }
    /// Every exchange of the namespace.
    pub fn all_exchanges(&self, tiers: usize) -> Vec<String> {
        let mut e = vec![self.events_exchange(), self.dead_letter_exchange()];
        e.extend((0..tiers).map(|t| self.retry_tier(t)));
        e
    }
}

fn table(entries: &[(&str, AMQPValue)]) -> FieldTable {
    let mut t = FieldTable::default();
    for (k, v) in entries {
        t.insert(ShortString::from(*k), v.clone());
    }
    t
}

fn text(s: &str) -> AMQPValue {
    AMQPValue::LongString(s.into())
}

fn durable() -> QueueDeclareOptions {
    QueueDeclareOptions {
        durable: true,
        ..QueueDeclareOptions::default()
    }
}

/// Declares every exchange, queue and binding; safe to call any number of times.
pub async fn declare(ch: &Channel, infra: &Infra) -> lapin::Result<Names> {
    let names = Names::new(infra);
    let ex_opts = ExchangeDeclareOptions {
        durable: true,
        ..ExchangeDeclareOptions::default()
    };
    let events = names.events_exchange();
    let dlx = names.dead_letter_exchange();
    ch.exchange_declare(
        events.as_str().into(),
        ExchangeKind::Direct,
        ex_opts,
        FieldTable::default(),
    )
    .await?;
    ch.exchange_declare(
        dlx.as_str().into(),
        ExchangeKind::Fanout,
        ex_opts,
        FieldTable::default(),
    )
    .await?;

    // The DLQ: quorum for durability, but *not* single-active-consumer, because the operator
    // CLI reads it with basic.get (refused on SAC quorum queues, ARCHITECTURE §11). No delivery
    // limit: listing returns messages to the queue and must not dead-letter them again.
    let dlq = names.dead_letter_queue();
    let quorum = table(&[("x-queue-type", text("quorum"))]);
    ch.queue_declare(dlq.as_str().into(), durable(), quorum.clone())
        .await?;
    ch.queue_bind(
        dlq.as_str().into(),
        dlx.as_str().into(),
        "".into(),
        QueueBindOptions::default(),
        FieldTable::default(),
    )
    .await?;
    let unparsed = names.unparsed_queue();
    ch.queue_declare(unparsed.as_str().into(), durable(), quorum)
        .await?;

    for p in 0..names.partitions {
        let q = names.partition_queue(p);
        let args = table(&[
            // Replicated, durable, and supports the delivery limit below.
            ("x-queue-type", text("quorum")),
            // Safety net behind the Redis leases: the broker delivers to one consumer at once.
            ("x-single-active-consumer", AMQPValue::Boolean(true)),
            // A message that crashes its worker again and again (redelivered with requeue)
            // is dead-lettered instead of looping forever.
            (
                "x-delivery-limit",
                AMQPValue::LongInt(infra.delivery_limit as i32),
            ),
            ("x-dead-letter-exchange", text(&dlx)),
            // Dead-lettering waits for the DLQ's confirm: a poison message is never lost.
            ("x-dead-letter-strategy", text("at-least-once")),
            // at-least-once dead-lettering requires reject-publish overflow; a full queue then
            // nacks ingress's publish (503, Meta retries) instead of dropping old messages.
            ("x-overflow", text("reject-publish")),
        ]);
        ch.queue_declare(q.as_str().into(), durable(), args).await?;
        ch.queue_bind(
            q.as_str().into(),
            events.as_str().into(),
            names.partition_key(p).as_str().into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await?;
    }

    for (t, delay) in infra.retry_tiers.iter().enumerate() {
        declare_retry_tier(ch, &names, t, *delay, ex_opts).await?;
    }
    declare_side_queue(ch, &names, infra, &names.memory_queue(), false).await?;
    // The Slack queue has one active consumer: posts to the one handoff channel go out in
    // order and one at a time, which is Slack's own pace (about one per second per channel).
    declare_side_queue(ch, &names, infra, &names.slack_queue(), true).await?;
    Ok(names)
}

/// A retry tier: a fanout exchange and a TTL queue that dead-letters back into the events
/// exchange with the message's own routing key (`p.<i>`), so it returns to its partition.
async fn declare_retry_tier(
    ch: &Channel,
    names: &Names,
    t: usize,
    delay: Duration,
    ex_opts: ExchangeDeclareOptions,
) -> lapin::Result<()> {
    let name = names.retry_tier(t);
    ch.exchange_declare(
        name.as_str().into(),
        ExchangeKind::Fanout,
        ex_opts,
        FieldTable::default(),
    )
    .await?;
    let args = table(&[
        ("x-queue-type", text("quorum")),
        (
            "x-message-ttl",
            AMQPValue::LongLongInt(delay.as_millis() as i64),
        ),
        ("x-dead-letter-exchange", text(&names.events_exchange())),
        ("x-dead-letter-strategy", text("at-least-once")),
        ("x-overflow", text("reject-publish")),
    ]);
    ch.queue_declare(name.as_str().into(), durable(), args)
        .await?;
    ch.queue_bind(
        name.as_str().into(),
        name.as_str().into(),
        "".into(),
        QueueBindOptions::default(),
        FieldTable::default(),
    )
    .await
}

/// A side queue (memory writes, Slack syncs) and its retry tiers: TTL queues that
/// dead-letter back to the queue through the default exchange. Failures past the last tier go
/// to `{ns}.dlx`. `single` makes it a single-active-consumer queue.
async fn declare_side_queue(
    ch: &Channel,
    names: &Names,
    infra: &Infra,
    queue: &str,
    single: bool,
) -> lapin::Result<()> {
    let mut args = table(&[
        ("x-queue-type", text("quorum")),
        (
            "x-delivery-limit",
            AMQPValue::LongInt(infra.delivery_limit as i32),
        ),
        (
            "x-dead-letter-exchange",
            text(&names.dead_letter_exchange()),
        ),
        ("x-dead-letter-strategy", text("at-least-once")),
        ("x-overflow", text("reject-publish")),
    ]);
    if single {
        args.insert("x-single-active-consumer".into(), AMQPValue::Boolean(true));
    }
    ch.queue_declare(queue.into(), durable(), args).await?;
    for (t, delay) in infra.retry_tiers.iter().enumerate() {
        let q = names.side_retry(queue, t).unwrap_or_default();
        let args = table(&[
            ("x-queue-type", text("quorum")),
            (
                "x-message-ttl",
                AMQPValue::LongLongInt(delay.as_millis() as i64),
            ),
            ("x-dead-letter-exchange", text("")),
            ("x-dead-letter-routing-key", text(queue)),
            ("x-dead-letter-strategy", text("at-least-once")),
            ("x-overflow", text("reject-publish")),
        ]);
        ch.queue_declare(q.as_str().into(), durable(), args).await?;
    }
    Ok(())
}

/// Deletes every queue and exchange of a namespace (tests and `worker` cleanup).
pub async fn delete_all(ch: &Channel, names: &Names, tiers: usize) -> lapin::Result<()> {
    use lapin::options::{ExchangeDeleteOptions, QueueDeleteOptions};
    for q in names.all_queues(tiers) {
        ch.queue_delete(q.as_str().into(), QueueDeleteOptions::default())
            .await?;
    }
    for e in names.all_exchanges(tiers) {
        ch.exchange_delete(e.as_str().into(), ExchangeDeleteOptions::default())
            .await?;
    }
    Ok(())
}

/// The partition of a conversation key: a stable hash (xxh3, seed 0) modulo `partitions`.
pub fn partition_of(key: &str, partitions: u16) -> u16 {
    (xxhash_rust::xxh3::xxh3_64(key.as_bytes()) % u64::from(partitions)) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitioning_is_stable_and_spread() {
        assert_eq!(partition_of("300:BR.7", 16), partition_of("300:BR.7", 16));
        let mut seen = [0u32; 16];
        for i in 0..1600 {
            seen[partition_of(&format!("300:{i}"), 16) as usize] += 1;
        }
        assert!(seen.iter().all(|n| *n > 50), "{seen:?}");
    }

    #[test]
    fn queue_names_round_trip() {
        let n = Names {
            ns: "t1".into(),
            partitions: 4,
        };
        assert_eq!(n.partition_of_queue(&n.partition_queue(3)), Some(3));
        assert_eq!(n.partition_of_queue("t1.p.9"), None);
        assert_eq!(n.partition_of_queue("t2.p.1"), None);
    }
}
