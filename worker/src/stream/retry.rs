//! Where failed events go: the broker's retry tiers and the dead-letter queue.
//!
//! Each failed attempt is appended to a JSON history carried in the `x-baton-history` header,
//! so an event that reaches the DLQ shows every error, worker and time on its way there. A
//! retried message carries `x-baton-attempt` = number of tiers used so far; it returns to its
//! partition when the tier's TTL expires (see `baton_shared::topology`). Dead-lettered messages
//! also record `x-baton-error`, `x-baton-dead-lettered-at-ms` and `x-baton-origin-partition`.
//!
//! Publishing fails with [`PublishError`]; callers then requeue the delivery rather than ack it.

use baton_shared::amqp::{PublishError, header_str};
use baton_shared::event::Event;
use lapin::BasicProperties;
use lapin::message::Delivery;
use lapin::types::{AMQPValue, FieldTable};
use serde::{Deserialize, Serialize};

use crate::stream::Runtime;
use crate::stream::process::{stamp, with_header};

/// One failed attempt.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Attempt {
    pub attempt: u32,
    pub at_ms: i64,
    pub worker: String,
    pub error: String,
}

/// The failed attempts of one event.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct History(pub Vec<Attempt>);

impl History {
    pub fn from_headers(headers: Option<&FieldTable>) -> Self {
        header_str(headers, "x-baton-history")
            .and_then(|h| serde_json::from_str(&h).ok())
            .unwrap_or_default()
    }

    pub fn push(&mut self, attempt: u32, worker: &str, error: &str) {
        self.0.push(Attempt {
            attempt,
            at_ms: stamp(),
            worker: worker.to_owned(),
            error: error.chars().take(2000).collect(),
        });
    }

    /// The history as an AMQP header value.
    pub fn header_value(&self) -> AMQPValue {
        AMQPValue::LongString(serde_json::to_string(self).unwrap_or_default().into())
    }
}

fn props_with(headers: FieldTable, base: &BasicProperties) -> BasicProperties {
    let mut props = BasicProperties::default()
        .with_content_type("application/json".into())
        .with_headers(headers);
    if let Some(id) = base.message_id() {
        props = props.with_message_id(id.clone());
    }
    if let Some(kind) = base.kind() {
        props = props.with_type(kind.clone());
    }
    props
}

/// Publishes the delivery to retry tier `attempt`, to come back to partition `p`.
pub async fn to_retry_tier(
    w: &Runtime,
    p: u16,
    delivery: &Delivery,
    attempt: u32,
    history: &History,
) -> Result<(), PublishError> {
    let headers = delivery.properties.headers().as_ref();
    let mut h = with_header(
        headers,
        "x-baton-attempt",
        AMQPValue::LongLongInt(i64::from(attempt) + 1),
    );
    h.insert("x-baton-history".into(), history.header_value());
    let props = props_with(h, &delivery.properties);
    let names = w.publisher.names();
    let tier = names.retry_tier(attempt as usize);
    w.publisher
        .publish_raw(&tier, &names.partition_key(p), &delivery.data, props)
        .await
}

/// Publishes an event that was held behind a parked head to the first retry tier.
pub async fn publish_held_to_tier(
    w: &Runtime,
    p: u16,
    raw: &[u8],
    event: &Event,
    history: &History,
) -> Result<(), PublishError> {
    let names = w.publisher.names();
    let mut h = FieldTable::default();
    h.insert("x-baton-attempt".into(), AMQPValue::LongLongInt(1));
    h.insert("x-baton-history".into(), history.header_value());
    let props = baton_shared::amqp::event_properties(event, h);
    if w.config.infra.retry_tiers.is_empty() {
        return w
            .publisher
            .publish_raw(
                &names.dead_letter_exchange(),
                &names.partition_key(p),
                raw,
                props,
            )
            .await;
    }
    w.publisher
        .publish_raw(&names.retry_tier(0), &names.partition_key(p), raw, props)
        .await
}

/// Publishes the delivery to the dead-letter queue with its history and reason.
pub async fn to_dead_letter(
    w: &Runtime,
    p: u16,
    delivery: &Delivery,
    history: &History,
    reason: &str,
) -> Result<(), PublishError> {
    let headers = delivery.properties.headers().as_ref();
    let mut h = with_header(headers, "x-baton-history", history.header_value());
    h.insert("x-baton-error".into(), AMQPValue::LongString(reason.into()));
    h.insert(
        "x-baton-dead-lettered-at-ms".into(),
        AMQPValue::LongLongInt(stamp()),
    );
    h.insert(
        "x-baton-origin-partition".into(),
        AMQPValue::LongString(p.to_string().into()),
    );
    let props = props_with(h, &delivery.properties);
    let names = w.publisher.names();
    w.publisher
        .publish_raw(
            &names.dead_letter_exchange(),
            &names.partition_key(p),
            &delivery.data,
            props,
        )
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
        table.insert("x-baton-history".into(), h.header_value());
        assert_eq!(History::from_headers(Some(&table)), h);
        assert_eq!(History::from_headers(None), History::default());
    }
}
