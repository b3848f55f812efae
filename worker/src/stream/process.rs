//! Handling one delivery: park check, claim, pipeline with retries, ack.
//!
//! Order of a conversation survives retries by **parking** (ARCHITECTURE §4): when an event
//! fails transiently after its in-process retries, it goes to a broker retry tier, the
//! conversation is marked parked in Redis with that event's id, and the delivery is acked (so
//! nothing sits unacked for the broker's 30-minute consumer timeout). Later events of a parked
//! conversation are appended to a Redis list and acked. When the parked event comes back from
//! its tier it runs first; then the held events run in order, and the conversation is unparked.
//! If a held event fails transiently in turn, it becomes the new head and the rest stay held.
//!
//! Redis being unreachable is not a step failure: Redis operations here retry until they work
//! or the partition is fenced (its lease can no longer be renewed), and then the channel is
//! closed so the broker requeues everything (ARCHITECTURE §3.5).

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use backon::{ExponentialBuilder, Retryable};
use baton_shared::amqp::header_i64;
use baton_shared::event::{Event, now_ms};
use baton_shared::telemetry::{self, mask};
use futures::FutureExt;
use lapin::message::Delivery;
use lapin::options::{BasicAckOptions, BasicNackOptions};
use lapin::types::{AMQPValue, FieldTable};
use tracing::{Instrument, info, info_span, warn};

use super::retry::{self, History};
use crate::pipeline::{StepCx, StepError};
use crate::stream::Runtime;
use crate::stream::idempotency::{self, Claim};
use crate::stream::parking::{
    hold, park, parked_head, peek_held, pop_held, redis_until_fenced, unpark,
};
use crate::stream::partitions::PartitionCx;

/// What happened to one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Duplicate,
    Parked,
    Retried,
    DeadLettered,
    /// The step panicked: the delivery is returned to the queue (the delivery limit ends it).
    Requeued,
    /// The lease was lost meanwhile: results dropped, the broker redelivers.
    Fenced,
}

impl Outcome {
    fn as_str(self) -> &'static str {
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
    /// The burst this job starts (or belongs to) was already looked for.
    pub burst_checked: bool,
}

impl Job {
    pub fn new(delivery: Delivery) -> Self {
        let event = serde_json::from_slice::<Event>(&delivery.data).map_err(|e| e.to_string());
        Job {
            delivery,
            event,
            reply: true,
            burst_checked: false,
        }
    }

    /// True for an inbound customer message (the only kind that can be coalesced).
    pub fn is_customer_message(&self) -> bool {
        matches!(&self.event, Ok(e) if e.kind == baton_shared::event::EventKind::CustomerMessage)
    }

    /// The lane this job belongs to.
    pub fn lane_key(&self) -> String {
        match &self.event {
            Ok(e) => e.conversation.key(),
            Err(_) => "_undecodable".to_owned(),
        }
    }
}

/// Handles one job end to end; never panics, never leaves the delivery unsettled unless fenced.
pub async fn handle(w: &Arc<Runtime>, part: &Arc<PartitionCx>, job: Job) {
    let headers = job.delivery.properties.headers().clone();
    let attempt = header_i64(headers.as_ref(), "x-baton-attempt")
        .unwrap_or(0)
        .max(0) as u32;
    let (id, kind, customer) = match &job.event {
        Ok(e) => (
            e.id.clone(),
            e.kind.as_str(),
            mask(&e.conversation.customer),
        ),
        Err(_) => (String::new(), "undecodable", String::new()),
    };
    let span = info_span!("event.process", event_id = %id, kind, customer = %customer, attempt, partition = part.p);
    telemetry::continue_from(&span, headers.as_ref());
    let started = std::time::Instant::now();
    metrics::gauge!("baton_worker_inflight").increment(1.0);
    let outcome = handle_inner(w, part, job, attempt).instrument(span).await;
    metrics::gauge!("baton_worker_inflight").decrement(1.0);
    metrics::histogram!("baton_worker_event_seconds").record(started.elapsed().as_secs_f64());
    metrics::counter!("baton_worker_events_total", "kind" => kind, "outcome" => outcome.as_str())
        .increment(1);
}

async fn handle_inner(
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    job: Job,
    attempt: u32,
) -> Outcome {
    let Job {
        delivery,
        event,
        reply,
        ..
    } = job;
    let event = match event {
        Ok(e) => e,
        Err(reason) => {
            let history = History::from_headers(delivery.properties.headers().as_ref());
            let why = format!("undecodable event: {reason}");
            return dead_letter_and_ack(w, part, &delivery, history, &why).await;
        }
    };
    let conv = event.conversation.key();
    let Some(head) = redis_until_fenced(part, || parked_head(w, &conv)).await else {
        return Outcome::Fenced;
    };
    if let Some(head) = head {
        let is_head_returning = head == event.id && attempt > 0;
        if !is_head_returning {
            let Some(()) = redis_until_fenced(part, || hold(w, &conv, &delivery.data)).await else {
                return Outcome::Fenced;
            };
            info!(head = %head, "conversation parked; event held behind its retried head");
            return ack(part, &delivery, Outcome::Parked).await;
        }
    }
    let outcome = settle(w, part, &event, &delivery, attempt, !reply).await;
    if head_is(&outcome, w, part, &conv, &event.id).await {
        drain_held(w, part, &conv).await;
    }
    outcome
}

/// True when the conversation was parked on this event and the event is now settled for good
/// (done or dead-lettered), so the held events may run.
async fn head_is(
    outcome: &Outcome,
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    conv: &str,
    id: &str,
) -> bool {
    if !matches!(
        outcome,
        Outcome::Done | Outcome::Duplicate | Outcome::DeadLettered
    ) {
        return false;
    }
    redis_until_fenced(part, || parked_head(w, conv))
        .await
        .flatten()
        .is_some_and(|h| h == id)
}

/// Runs the event and settles its delivery (ack, retry tier, DLQ or requeue).
async fn settle(
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    event: &Event,
    delivery: &Delivery,
    attempt: u32,
    coalesced: bool,
) -> Outcome {
    match run(w, part, event, attempt, coalesced).await {
        Ran::Done => ack(part, delivery, Outcome::Done).await,
        Ran::Duplicate => ack(part, delivery, Outcome::Duplicate).await,
        Ran::Fenced => Outcome::Fenced,
        Ran::Panicked => {
            warn!("step panicked; returning the delivery to the queue");
            requeue(delivery).await;
            Outcome::Requeued
        }
        Ran::Failed(err) => {
            let mut history = History::from_headers(delivery.properties.headers().as_ref());
            history.push(attempt, &w.id, &err.to_string());
            let tiers = w.config.infra.retry_tiers.len() as u32;
            match err {
                StepError::Transient(_) if attempt < tiers => {
                    retry_later(w, part, event, delivery, attempt, history).await
                }
                _ => dead_letter_and_ack(w, part, delivery, history, &err.to_string()).await,
            }
        }
    }
}

enum Ran {
    Done,
    Duplicate,
    Fenced,
    Panicked,
    Failed(StepError),
}

/// Claims the event id and runs the pipeline with in-process retries.
async fn run(
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    event: &Event,
    attempt: u32,
    coalesced: bool,
) -> Ran {
    let ttl_ms = (w.config.worker.lease_ttl * 4).as_millis() as u64;
    let claim = redis_until_fenced(part, || {
        idempotency::claim(&w.redis, &w.keys, &event.id, &w.id, ttl_ms)
    })
    .await;
    match claim {
        None => return Ran::Fenced,
        Some(Claim::Duplicate) => return Ran::Duplicate,
        Some(Claim::InProgress { by }) => {
            return Ran::Failed(StepError::Transient(format!(
                "still in progress on worker {by}"
            )));
        }
        Some(Claim::Fresh) => {}
    }
    let cx = StepCx {
        redis: w.redis.clone(),
        keys: w.keys.clone(),
        worker_id: w.id.clone(),
        partition: part.p,
        attempt,
        coalesced,
        fence: part.fence.clone(),
    };
    let steps = AssertUnwindSafe(run_steps(w, &cx, event))
        .catch_unwind()
        .await;
    match steps {
        Err(_) => Ran::Panicked,
        Ok(_) if part.fence.is_cancelled() => Ran::Fenced,
        Ok(Ok(())) => {
            let ttl = w.config.worker.dedupe_ttl.as_secs();
            match redis_until_fenced(part, || {
                idempotency::complete(&w.redis, &w.keys, &event.id, ttl)
            })
            .await
            {
                Some(()) => Ran::Done,
                None => Ran::Fenced,
            }
        }
        Ok(Err(e)) => {
            let _ = redis_until_fenced(part, || idempotency::abandon(&w.redis, &w.keys, &event.id))
                .await;
            Ran::Failed(e)
        }
    }
}

async fn run_steps(w: &Arc<Runtime>, cx: &StepCx, event: &Event) -> Result<(), StepError> {
    for step in w.pipeline.steps() {
        let backoff = ExponentialBuilder::default()
            .with_min_delay(w.config.worker.step_retry_delay)
            .with_max_times(w.config.worker.step_retries)
            .with_jitter();
        let started = std::time::Instant::now();
        let result = (|| step.run(cx, event))
            .retry(backoff)
            .when(|e| matches!(e, StepError::Transient(_)) && !cx.fenced())
            .notify(
                |e, after| warn!(step = step.name(), error = %e, ?after, "step failed; retrying"),
            )
            .await;
        metrics::histogram!("baton_worker_step_seconds", "step" => step.name())
            .record(started.elapsed().as_secs_f64());
        result?;
    }
    Ok(())
}

async fn ack(part: &PartitionCx, delivery: &Delivery, outcome: Outcome) -> Outcome {
    if part.fence.is_cancelled() {
        return Outcome::Fenced;
    }
    if let Err(e) = delivery.acker.ack(BasicAckOptions::default()).await {
        warn!(error = %e, "ack failed; the broker will redeliver (deduplicated)");
    }
    outcome
}

async fn retry_later(
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    event: &Event,
    delivery: &Delivery,
    attempt: u32,
    history: History,
) -> Outcome {
    let conv = event.conversation.key();
    let Some(()) = redis_until_fenced(part, || park(w, &conv, &event.id)).await else {
        return Outcome::Fenced;
    };
    match retry::to_retry_tier(w, part.p, delivery, attempt, &history).await {
        Ok(()) => {
            info!(
                tier = attempt,
                "event sent to a retry tier; conversation parked"
            );
            ack(part, delivery, Outcome::Retried).await
        }
        Err(e) => {
            // The broker refused: leave the delivery unacked on a closed channel so it returns.
            warn!(error = %e, "could not publish to the retry tier; requeueing");
            requeue(delivery).await;
            Outcome::Requeued
        }
    }
}

async fn dead_letter_and_ack(
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    delivery: &Delivery,
    history: History,
    reason: &str,
) -> Outcome {
    match retry::to_dead_letter(w, part.p, delivery, &history, reason).await {
        Ok(()) => {
            warn!(reason, "event dead-lettered");
            ack(part, delivery, Outcome::DeadLettered).await
        }
        Err(e) => {
            warn!(error = %e, "could not dead-letter; requeueing");
            requeue(delivery).await;
            Outcome::Requeued
        }
    }
}

/// Runs the events held behind a conversation's head, in order, then unparks it.
async fn drain_held(w: &Arc<Runtime>, part: &Arc<PartitionCx>, conv: &str) {
    loop {
        let Some(next) = redis_until_fenced(part, || peek_held(w, conv)).await else {
            return;
        };
        let Some(raw) = next else {
            let _ = redis_until_fenced(part, || unpark(w, conv)).await;
            info!("conversation unparked");
            return;
        };
        let event: Event = match serde_json::from_slice(&raw) {
            Ok(e) => e,
            Err(e) => {
                warn!(error = %e, "held event undecodable; dropping it from the hold list");
                let _ = redis_until_fenced(part, || pop_held(w, conv)).await;
                continue;
            }
        };
        let held_span = info_span!("event.held", event_id = %event.id);
        match run(w, part, &event, 0, false).instrument(held_span).await {
            Ran::Done | Ran::Duplicate => {}
            Ran::Fenced => return,
            Ran::Panicked | Ran::Failed(_) => {
                // Becomes the new head: republish it through the first tier (or the DLQ if
                // there are no tiers) and keep the rest held.
                let mut history = History::default();
                history.push(0, &w.id, "failed while draining held events");
                let id = event.id.clone();
                if retry::publish_held_to_tier(w, part.p, &raw, &event, &history)
                    .await
                    .is_err()
                {
                    return;
                }
                let _ = redis_until_fenced(part, || park(w, conv, &id)).await;
                let _ = redis_until_fenced(part, || pop_held(w, conv)).await;
                return;
            }
        }
        let _ = redis_until_fenced(part, || pop_held(w, conv)).await;
    }
}

/// Returns a delivery to its queue (the broker counts the delivery against the limit).
pub async fn requeue(delivery: &Delivery) {
    let opts = BasicNackOptions {
        requeue: true,
        ..BasicNackOptions::default()
    };
    if let Err(e) = delivery.acker.nack(opts).await {
        warn!(error = %e, "nack failed; the channel's closing returns the delivery");
    }
}

/// Headers of a delivery with `key` set to `value` (used by the failure paths).
pub fn with_header(headers: Option<&FieldTable>, key: &str, value: AMQPValue) -> FieldTable {
    let mut h = headers.cloned().unwrap_or_default();
    h.insert(key.into(), value);
    h
}

/// Milliseconds now (re-exported for the failure module's history entries).
pub fn stamp() -> i64 {
    now_ms()
}
