//! The memory queue: every turn and handoff event reaches long-term memory eventually (I6),
//! and an AI reply never waits on it.
//!
//! Conversation steps [`enqueue`] a write (confirmed publish to `{ns}.memory`) and move on.
//! Every worker runs a [`run`] consumer on that queue (competing consumers; order does not
//! matter because records are idempotent by id). A transient failure of the memory backend
//! goes to `{ns}.memory.retry.<attempt>` and comes back after the tier's TTL; a permanent one,
//! or one past the last tier, goes to the DLQ with its history and `x-baton-origin-queue`, so
//! `worker dlq replay` puts it back on the memory queue. The consumer reconnects by itself.
//! A write published once by a pristine attempt (`x-baton-first-publish`) and delivered for
//! the first time goes to `MemoryBackend::write_first`: no earlier write of it can exist, so
//! the backend may skip looking for one (Synap's written marker).

use std::sync::Arc;
use std::time::Duration;

use baton_shared::amqp::{PublishError, Publisher};
use baton_shared::config::Config;
use baton_shared::topology::Names;
use futures::StreamExt;
use lapin::BasicProperties;
use lapin::message::Delivery;
use lapin::options::{BasicAckOptions, BasicConsumeOptions, BasicQosOptions};
use lapin::types::FieldTable;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::{info, warn};

use crate::memory::{Identity, MemoryBackend, MemoryError, Record};
use crate::stream::delivery::requeue;
use crate::stream::retry::{self, Failed, Failure, History, Origin, Settle};

/// One memory write in the queue.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Job {
    pub identity: Identity,
    pub record: Record,
}

/// Publishes a memory write (confirmed) without waiting for the write itself. `first`: no
/// earlier publish of this record can exist (the caller's attempt is pristine), marked with
/// [`retry::headers::FIRST_PUBLISH`].
pub async fn enqueue(
    publisher: &Publisher,
    identity: &Identity,
    record: &Record,
    first: bool,
) -> Result<(), PublishError> {
    let body = serde_json::to_vec(&Job {
        identity: identity.clone(),
        record: record.clone(),
    })?;
    let mut headers = baton_shared::telemetry::inject_current();
    if first {
        headers.insert(
            retry::headers::FIRST_PUBLISH.into(),
            lapin::types::AMQPValue::Boolean(true),
        );
    }
    let props = BasicProperties::default()
        .with_content_type("application/json".into())
        .with_message_id(record.id().into())
        .with_type("memory_write".into())
        .with_headers(headers);
    let queue = publisher.names().memory_queue();
    publisher.publish_raw("", &queue, &body, props).await
}

/// Everything the consumer needs.
pub struct MemoryWorker {
    pub config: Arc<Config>,
    pub names: Names,
    pub publisher: Arc<Publisher>,
    pub backend: Arc<dyn MemoryBackend>,
    pub worker_id: String,
}

/// Consumes the memory queue until `shutdown`, reconnecting when the broker goes away.
pub async fn run(m: Arc<MemoryWorker>, shutdown: CancellationToken) {
    let mut delay = Duration::from_millis(200);
    while !shutdown.is_cancelled() {
        match consume(&m, &shutdown).await {
            Ok(()) => return,
            Err(e) => warn!(error = %e, "memory consumer lost its connection; reconnecting"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(delay) => {}
        }
        delay = (delay * 2).min(Duration::from_secs(5));
    }
}

async fn consume(m: &Arc<MemoryWorker>, shutdown: &CancellationToken) -> anyhow::Result<()> {
    let conn = baton_shared::amqp::connect(
        &m.config.infra.amqp_url,
        &format!("baton-worker-{}-memory", m.worker_id),
    )
    .await?;
    let ch = conn.create_channel().await?;
    baton_shared::topology::declare(&ch, &m.config.infra).await?;
    ch.basic_qos(64, BasicQosOptions::default()).await?;
    let queue = m.names.memory_queue();
    let mut consumer = ch
        .basic_consume(
            queue.as_str().into(),
            "memory".into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    info!("memory consumer started");
    let tracker = TaskTracker::new();
    let permits = Arc::new(Semaphore::new(32));
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => break,
            next = consumer.next() => match next {
                Some(Ok(delivery)) => {
                    let (m, permits) = (m.clone(), permits.clone());
                    tracker.spawn(async move {
                        let _permit = permits.acquire().await;
                        handle(&m, delivery).await;
                    });
                }
                Some(Err(e)) => return Err(e.into()),
                None => anyhow::bail!("the broker cancelled the memory consumer"),
            },
        }
    }
    tracker.close();
    let _ = tokio::time::timeout(m.config.worker.shutdown_timeout, tracker.wait()).await;
    let _ = conn.close(200, "shutdown".into()).await;
    Ok(())
}

async fn handle(m: &MemoryWorker, delivery: Delivery) {
    let headers = delivery.properties.headers().as_ref();
    let attempt = retry::attempt_of(headers);
    let job: Job = match serde_json::from_slice(&delivery.data) {
        Ok(j) => j,
        Err(e) => {
            return settle(
                m,
                &delivery,
                attempt,
                Err(MemoryError::Permanent(format!("undecodable: {e}"))),
            )
            .await;
        }
    };
    let started = std::time::Instant::now();
    let first = only_delivery(
        delivery.properties.headers().as_ref(),
        delivery.redelivered,
        attempt,
    );
    let result = if first {
        m.backend.write_first(&job.identity, &job.record).await
    } else {
        m.backend.write(&job.identity, &job.record).await
    };
    metrics::histogram!("baton_worker_memory_write_seconds")
        .record(started.elapsed().as_secs_f64());
    settle(m, &delivery, attempt, result).await;
}

/// Whether this delivery is the only one its record can have had: published once by a
/// pristine attempt ([`retry::headers::FIRST_PUBLISH`]), never delivered before (not
/// redelivered by the broker, not back from a retry tier, not replayed from the DLQ). Then no
/// earlier write of it can exist, and the backend may skip looking for one.
fn only_delivery(headers: Option<&FieldTable>, redelivered: bool, attempt: u32) -> bool {
    let flag = |name: &str| {
        headers
            .and_then(|h| h.inner().get(name))
            .is_some_and(|v| matches!(v, lapin::types::AMQPValue::Boolean(true)))
    };
    let replayed = headers.is_some_and(|h| h.inner().contains_key(retry::headers::REPLAYED));
    flag(retry::headers::FIRST_PUBLISH) && !redelivered && attempt == 0 && !replayed
}

async fn settle(
    m: &MemoryWorker,
    delivery: &Delivery,
    attempt: u32,
    result: Result<(), MemoryError>,
) {
    let mut history = History::from_headers(delivery.properties.headers().as_ref());
    let (class, error) = match &result {
        Ok(()) => (Ok(()), None),
        Err(e @ MemoryError::Transient(_)) => (Err(Failure::Transient), Some(e.to_string())),
        Err(e) => (Err(Failure::Permanent), Some(e.to_string())),
    };
    if let Some(e) = &error {
        history.push(attempt, &m.worker_id, e);
    }
    let failed = Failed {
        body: &delivery.data,
        props: &delivery.properties,
        history: &history,
        origin: Origin::Queue(m.names.memory_queue()),
    };
    let outcome = match retry::decide(class, attempt, &m.config.infra.retry_tiers) {
        Settle::Ack => Ok("written"),
        Settle::Tier(t) => retry::to_tier(&m.publisher, &failed, t)
            .await
            .map(|_| "retried"),
        Settle::DeadLetter => {
            retry::to_dead_letter(&m.publisher, &failed, &error.unwrap_or_default())
                .await
                .map(|_| "dead_lettered")
        }
    };
    match outcome {
        Ok(o) => {
            metrics::counter!("baton_worker_memory_writes_total", "outcome" => o).increment(1);
            let _ = delivery.acker.ack(BasicAckOptions::default()).await;
        }
        Err(e) => {
            warn!(error = %e, "memory write could not be rescheduled; requeueing");
            requeue(delivery).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use lapin::types::{AMQPValue, ShortString};

    use super::*;

    fn headers(pairs: &[(&str, AMQPValue)]) -> FieldTable {
        let mut t = FieldTable::default();
        for (k, v) in pairs {
            t.insert(ShortString::from(*k), v.clone());
        }
        t
    }

    #[test]
    fn only_a_first_publish_on_its_first_delivery_skips_the_check() {
        let first = (retry::headers::FIRST_PUBLISH, AMQPValue::Boolean(true));
        let replayed = (retry::headers::REPLAYED, AMQPValue::Boolean(true));
        let not_first = (retry::headers::FIRST_PUBLISH, AMQPValue::Boolean(false));
        let cases: [(&str, Option<FieldTable>, bool, u32, bool); 7] = [
            (
                "first publish, first delivery",
                Some(headers(std::slice::from_ref(&first))),
                false,
                0,
                true,
            ),
            ("no headers", None, false, 0, false),
            (
                "published by a retried attempt",
                Some(headers(&[not_first])),
                false,
                0,
                false,
            ),
            (
                "redelivered by the broker",
                Some(headers(std::slice::from_ref(&first))),
                true,
                0,
                false,
            ),
            (
                "back from a retry tier",
                Some(headers(std::slice::from_ref(&first))),
                false,
                1,
                false,
            ),
            (
                "replayed from the DLQ",
                Some(headers(&[first.clone(), replayed])),
                false,
                0,
                false,
            ),
            (
                "other headers only",
                Some(headers(&[("x-other", AMQPValue::Boolean(true))])),
                false,
                0,
                false,
            ),
        ];
        for (what, h, redelivered, attempt, want) in cases {
            assert_eq!(
                only_delivery(h.as_ref(), redelivered, attempt),
                want,
                "{what}"
            );
        }
    }
}
