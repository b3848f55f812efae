//! The operator's view of the dead-letter queue: list, show, replay, purge.
//!
//! The DLQ is a quorum queue without single-active-consumer, read with `basic.get` without
//! acking: listing takes every message, reads it, and closes the channel, which returns them
//! all to the queue. Replay publishes the message back to its conversation's partition (for a
//! decodable event: the partition of its conversation key; otherwise the partition recorded in
//! its headers) with a confirm, and only then acks it out of the DLQ — a failed replay loses
//! nothing. Ids are the event id (the AMQP message id); `--all` replays everything that was in
//! the DLQ when it started (what fails again meanwhile waits for the next replay).

use baton_shared::amqp::{Publisher, header_i64, header_str};
use baton_shared::config::Infra;
use baton_shared::event::Event;
use baton_shared::topology::{self, Names};
use lapin::message::BasicGetMessage;
use lapin::options::{BasicAckOptions, BasicGetOptions, QueuePurgeOptions};
use lapin::types::{AMQPValue, FieldTable, ShortString};
use lapin::{BasicProperties, Channel, Connection};
use serde::Serialize;

use crate::stream::retry::History;

/// One dead-lettered message as operators see it.
#[derive(Debug, Serialize, PartialEq)]
pub struct Entry {
    pub id: String,
    pub kind: Option<String>,
    pub conversation: Option<String>,
    /// Why it was dead-lettered: our error, or the broker's reason (`delivery_limit`…).
    pub reason: String,
    pub dead_lettered_at_ms: Option<i64>,
    pub origin_partition: Option<u16>,
    pub history: History,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<serde_json::Value>,
}

/// A connection to the DLQ.
pub struct Dlq {
    conn: Connection,
    names: Names,
    infra: Infra,
}

impl Dlq {
    pub async fn connect(infra: &Infra) -> anyhow::Result<Self> {
        let conn = baton_shared::amqp::connect(&infra.amqp_url, "baton-worker-dlq").await?;
        let ch = conn.create_channel().await?;
        let names = topology::declare(&ch, infra).await?;
        let _ = ch.close(200, "declared".into()).await;
        Ok(Dlq {
            conn,
            names,
            infra: infra.clone(),
        })
    }

    /// Reads every message without removing any.
    pub async fn list(&self, with_body: bool) -> anyhow::Result<Vec<Entry>> {
        let ch = self.conn.create_channel().await?;
        let mut out = Vec::new();
        while let Some(m) = self.get(&ch).await? {
            out.push(entry(&m, &self.names, with_body));
        }
        ch.close(200, "listed".into()).await?;
        Ok(out)
    }

    /// The entry with this id, if any.
    pub async fn show(&self, id: &str) -> anyhow::Result<Option<Entry>> {
        Ok(self.list(true).await?.into_iter().find(|e| e.id == id))
    }

    /// Replays the message `id` (or every message when `id` is `None`); returns how many.
    pub async fn replay(&self, id: Option<&str>) -> anyhow::Result<usize> {
        let publisher = Publisher::connect(&self.infra, "baton-worker-dlq-replay", 1).await?;
        let ch = self.conn.create_channel().await?;
        let mut replayed = 0;
        // Only what was there when the replay began: an event that fails again while we
        // replay is dead-lettered behind us and must not be replayed in this same run (with
        // workers re-dead-lettering, `--all` would otherwise never end).
        let mut budget: Option<u32> = None;
        while let Some(m) = self.get(&ch).await? {
            let left = budget.get_or_insert(m.message_count + 1);
            if *left == 0 {
                break;
            }
            *left -= 1;
            let e = entry(&m, &self.names, false);
            if id.is_some_and(|id| id != e.id) {
                continue;
            }
            self.republish(&publisher, &m, &e).await?;
            m.delivery.acker.ack(BasicAckOptions::default()).await?;
            replayed += 1;
            if id.is_some() {
                break;
            }
        }
        ch.close(200, "replayed".into()).await?;
        publisher.close().await;
        Ok(replayed)
    }

    /// Deletes every message in the DLQ; returns how many.
    pub async fn purge(&self) -> anyhow::Result<u32> {
        let ch = self.conn.create_channel().await?;
        let q = self.names.dead_letter_queue();
        let n = ch
            .queue_purge(q.as_str().into(), QueuePurgeOptions::default())
            .await?;
        ch.close(200, "purged".into()).await?;
        Ok(n)
    }

    async fn get(&self, ch: &Channel) -> anyhow::Result<Option<BasicGetMessage>> {
        let q = self.names.dead_letter_queue();
        Ok(ch
            .basic_get(q.as_str().into(), BasicGetOptions { no_ack: false })
            .await?)
    }

    async fn republish(
        &self,
        publisher: &Publisher,
        m: &BasicGetMessage,
        e: &Entry,
    ) -> anyhow::Result<()> {
        // A fresh start: no attempt count, no history, no broker death records.
        let mut headers = FieldTable::default();
        let old = m.delivery.properties.headers().as_ref();
        for k in ["traceparent", "tracestate"] {
            if let Some(v) = header_str(old, k) {
                headers.insert(ShortString::from(k), AMQPValue::LongString(v.into()));
            }
        }
        headers.insert(
            crate::stream::retry::headers::REPLAYED.into(),
            AMQPValue::Boolean(true),
        );
        if let Some(queue) = header_str(old, crate::stream::retry::headers::ORIGIN_QUEUE) {
            // Not a conversation event (a memory write): back to the queue it came from.
            let mut props = BasicProperties::default()
                .with_content_type("application/json".into())
                .with_headers(headers);
            if let Some(kind) = m.delivery.properties.kind() {
                props = props.with_type(kind.clone());
            }
            if let Some(id) = m.delivery.properties.message_id() {
                props = props.with_message_id(id.clone());
            }
            return Ok(publisher
                .publish_raw("", &queue, &m.delivery.data, props)
                .await?);
        }
        match serde_json::from_slice::<Event>(&m.delivery.data) {
            Ok(event) => Ok(publisher.publish_event(&event, headers).await?),
            Err(_) => {
                let p = e.origin_partition.unwrap_or(0);
                let props = BasicProperties::default().with_headers(headers);
                Ok(publisher
                    .publish_raw(
                        &self.names.events_exchange(),
                        &self.names.partition_key(p),
                        &m.delivery.data,
                        props,
                    )
                    .await?)
            }
        }
    }

    pub async fn close(self) {
        let _ = self.conn.close(200, "done".into()).await;
    }
}

fn entry(m: &BasicGetMessage, names: &Names, with_body: bool) -> Entry {
    let headers = m.delivery.properties.headers().as_ref();
    let event: Option<Event> = serde_json::from_slice(&m.delivery.data).ok();
    let id = event
        .as_ref()
        .map(|e| e.id.clone())
        .or_else(|| {
            m.delivery
                .properties
                .message_id()
                .as_ref()
                .map(|s| s.to_string())
        })
        .unwrap_or_else(|| format!("tag-{}", m.delivery.delivery_tag));
    let reason = header_str(headers, crate::stream::retry::headers::ERROR)
        .or_else(|| death_reason(headers))
        .unwrap_or_else(|| "unknown".into());
    let origin_partition = header_str(headers, crate::stream::retry::headers::ORIGIN_PARTITION)
        .and_then(|p| p.parse().ok())
        .or_else(|| death_queue(headers).and_then(|q| names.partition_of_queue(&q)));
    Entry {
        kind: event
            .as_ref()
            .map(|e| e.kind.as_str().to_owned())
            .or_else(|| m.delivery.properties.kind().as_ref().map(|k| k.to_string())),
        conversation: event.as_ref().map(|e| e.conversation.key()),
        id,
        reason,
        dead_lettered_at_ms: header_i64(headers, crate::stream::retry::headers::DEAD_AT),
        origin_partition,
        history: History::from_headers(headers),
        event: if with_body {
            serde_json::from_slice(&m.delivery.data).ok()
        } else {
            None
        },
    }
}

/// The first `x-death` record's field `key` (set by the broker on dead-lettering).
fn first_death(headers: Option<&FieldTable>, key: &str) -> Option<String> {
    let AMQPValue::FieldArray(deaths) = headers?.inner().get(&ShortString::from("x-death"))? else {
        return None;
    };
    let AMQPValue::FieldTable(first) = deaths.as_slice().first()? else {
        return None;
    };
    header_str(Some(first), key)
}

fn death_reason(headers: Option<&FieldTable>) -> Option<String> {
    first_death(headers, "reason")
}

fn death_queue(headers: Option<&FieldTable>) -> Option<String> {
    first_death(headers, "queue")
}
