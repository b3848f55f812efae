//! A delivery and how it is settled: the [`Job`] a lane runs (the delivery with its decoded
//! event and burst flags), [`ack`] (never once fenced: the broker redelivers instead) and
//! [`requeue`].

use baton_shared::event::Event;
use lapin::message::Delivery;
use lapin::options::{BasicAckOptions, BasicRejectOptions};
use tracing::warn;

use super::Runtime;
use super::fence::PartitionCx;

/// What happened to one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Duplicate,
    Parked,
    Retried,
    DeadLettered,
    /// Returned to the queue (a panic, or a publish the broker refused).
    Requeued,
    /// The lease was lost meanwhile: results dropped, the broker redelivers.
    Fenced,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Duplicate => "duplicate",
            Outcome::Parked => "parked",
            Outcome::Retried => "retried",
            Outcome::DeadLettered => "dead_lettered",
            Outcome::Requeued => "requeued",
            Outcome::Fenced => "fenced",
        }
    }
}

/// A delivery with its decoded event (or why it could not be decoded).
pub struct Job {
    pub delivery: Delivery,
    pub event: Result<Event, String>,
    /// False for the earlier messages of a coalesced burst: recorded, not answered.
    pub reply: bool,
    /// The event may join a burst (a customer message that needs a reply).
    pub joins_burst: bool,
    /// The burst this job starts (or belongs to) was already looked for.
    pub burst_checked: bool,
    /// When this worker received the delivery.
    pub received: std::time::Instant,
}

impl Job {
    pub fn new(delivery: Delivery, w: &Runtime) -> Self {
        let event = serde_json::from_slice::<Event>(&delivery.data).map_err(|e| e.to_string());
        let joins_burst = event.as_ref().is_ok_and(|e| w.pipeline.joins_burst(e));
        Job {
            delivery,
            event,
            reply: true,
            joins_burst,
            burst_checked: false,
            received: std::time::Instant::now(),
        }
    }

    /// The lane this job belongs to.
    pub fn lane_key(&self) -> String {
        match &self.event {
            Ok(e) => e.conversation.key(),
            Err(_) => "_undecodable".to_owned(),
        }
    }
}

/// Acks the delivery unless the partition is fenced; returns `outcome` (or `Fenced`).
pub async fn ack(part: &PartitionCx, delivery: &Delivery, outcome: Outcome) -> Outcome {
    if part.fence.is_cancelled() {
        return Outcome::Fenced;
    }
    if let Err(e) = delivery.acker.ack(BasicAckOptions::default()).await {
        warn!(error = %e, "ack failed; the broker will redeliver (deduplicated)");
    }
    outcome
}

/// Returns a delivery to its queue, counted against the queue's delivery limit.
///
/// `basic.reject`, not `basic.nack`: up to RabbitMQ 4.2 both count, but from 4.3 a nack no
/// longer increments the delivery count, so a message that panics its step would be
/// requeued forever instead of reaching the DLQ. A reject counts on every version.
pub async fn requeue(delivery: &Delivery) {
    if let Err(e) = delivery
        .acker
        .reject(BasicRejectOptions { requeue: true })
        .await
    {
        warn!(error = %e, "reject failed; the channel's closing returns the delivery");
    }
}
