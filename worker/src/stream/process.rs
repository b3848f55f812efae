//! Handling one delivery: admission (parking), claim, pipeline with retries, settle.
//!
//! Order of a conversation survives retries by **parking** (ARCHITECTURE §4): when an event
//! fails transiently after its in-process retries, it is published to a broker retry tier,
//! *then* the conversation is marked parked with that event as its head, and the delivery is
//! acked (nothing sits unacked for the broker's 30-minute consumer timeout). A refused tier
//! publish requeues the delivery without parking, so nothing waits behind an event that is
//! not coming back. Later events of a parked conversation are held in Redis and acked. When
//! the head comes back and settles (done or dead-lettered), the held events run in order, the
//! conversation is unparked, and only then is the head's delivery acked — a crash or fence in
//! between redelivers the head, which finds itself done and drains again. An event arriving
//! while the head is settled drains first ([`parking::admit`]). A held event that fails
//! transiently becomes the new head (its own retry tier); one that fails permanently goes to
//! the DLQ and the drain goes on. An event whose step panics has its delivery returned to the
//! queue once; its second panic (counted in Redis, `idempotency::panicked`) dead-letters it
//! here — not left to the broker's delivery limit, which the events returned behind it in its
//! lane would reach with it.
//!
//! Redis being unreachable is not a step failure: Redis operations here retry until they work
//! or the partition is fenced (its lease can no longer be renewed), and then the channel is
//! closed so the broker requeues everything (ARCHITECTURE §3.5).

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Instant;

use backon::{ExponentialBuilder, Retryable};
use baton_shared::event::Event;
use baton_shared::telemetry::{self, mask};
use futures::FutureExt;
use lapin::BasicProperties;
use lapin::message::Delivery;
use tracing::{Instrument, info, info_span, warn};

use super::Runtime;
use super::delivery::{Job, Outcome, ack, requeue};
use super::fence::{PartitionCx, redis_until_fenced};
use super::idempotency::{self, AttemptToken, Claim, ClaimPolicy};
use super::parking::{self, Admission, Held};
use super::retry::{self, Failed, Failure, History, Origin, Settle};
use crate::pipeline::journal::Journal;
use crate::pipeline::{StepCx, StepError};

/// Handles one job end to end; never panics, never leaves the delivery unsettled unless fenced.
pub async fn handle(w: &Arc<Runtime>, part: &Arc<PartitionCx>, job: Job) -> Outcome {
    let headers = job.delivery.properties.headers().clone();
    let attempt = retry::attempt_of(headers.as_ref());
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
    let started = Instant::now();
    metrics::gauge!("baton_worker_inflight").increment(1.0);
    let outcome = handle_inner(w, part, job, attempt).instrument(span).await;
    metrics::gauge!("baton_worker_inflight").decrement(1.0);
    metrics::histogram!("baton_worker_event_seconds").record(started.elapsed().as_secs_f64());
    metrics::counter!("baton_worker_events_total", "kind" => kind, "outcome" => outcome.as_str())
        .increment(1);
    outcome
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
        received,
        ..
    } = job;
    let event = match event {
        Ok(e) => e,
        Err(reason) => {
            let why = format!("undecodable event: {reason}");
            let history = History::from_headers(delivery.properties.headers().as_ref());
            let f = failed(&delivery.data, &delivery.properties, &history, part.p);
            return match retry::to_dead_letter(&w.publisher, &f, &why).await {
                Ok(()) => ack(part, &delivery, Outcome::DeadLettered).await,
                Err(e) => {
                    warn!(error = %e, "could not dead-letter; requeueing");
                    requeue(&delivery).await;
                    Outcome::Requeued
                }
            };
        }
    };
    let conv = event.conversation.key();
    // A delivery that comes back (from a retry tier, or redelivered) always reads its
    // conversation's parking: a returning head must find its marker (`parking` docs).
    let returning = attempt > 0 || delivery.redelivered;
    let is_head = loop {
        let Some(parked) =
            redis_until_fenced(part, || parking::state(w, &part.parked, &conv, returning)).await
        else {
            return Outcome::Fenced;
        };
        match parking::admit(&parked, &event.id) {
            Admission::Run => break false,
            Admission::RunAsHead => break true,
            Admission::Hold => return hold(w, part, &conv, &event, &delivery).await,
            Admission::DrainFirst => match drain_held(w, part, &conv).await {
                Drained::Unparked | Drained::NewHead => continue,
                Drained::Stopped => return Outcome::Fenced,
                Drained::Refused => {
                    requeue(&delivery).await;
                    return Outcome::Requeued;
                }
            },
        }
    };
    let ran = run(w, part, &event, attempt, !reply, received).await;
    settle(w, part, &event, &delivery, attempt, ran, is_head).await
}

async fn hold(
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    conv: &str,
    event: &Event,
    delivery: &Delivery,
) -> Outcome {
    let held = Held::new(&delivery.data, delivery.properties.headers().as_ref());
    let Some(kept) = redis_until_fenced(part, || parking::hold(w, conv, &held)).await else {
        return Outcome::Fenced;
    };
    if kept {
        info!("conversation parked; event held behind its retried head");
        return ack(part, delivery, Outcome::Parked).await;
    }
    warn!(event = %event.id, "too many events held behind a retried head; dead-lettering");
    let history = History::from_headers(delivery.properties.headers().as_ref());
    let f = failed(&delivery.data, &delivery.properties, &history, part.p);
    match retry::to_dead_letter(&w.publisher, &f, "conversation parked: hold list full").await {
        Ok(()) => ack(part, delivery, Outcome::DeadLettered).await,
        Err(_) => {
            requeue(delivery).await;
            Outcome::Requeued
        }
    }
}

fn failed<'a>(
    body: &'a [u8],
    props: &'a BasicProperties,
    history: &'a History,
    p: u16,
) -> Failed<'a> {
    Failed {
        body,
        props,
        history,
        origin: Origin::Partition(p),
    }
}

/// Settles the delivery of an event that ran (ack, retry tier, DLQ or requeue); a head that
/// settled for good drains what it held before its delivery is acked.
async fn settle(
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    event: &Event,
    delivery: &Delivery,
    attempt: u32,
    ran: Ran,
    is_head: bool,
) -> Outcome {
    let tiers = &w.config.infra.retry_tiers;
    let mut done = Outcome::Done;
    let (result, error) = match ran {
        Ran::Fenced => return Outcome::Fenced,
        Ran::Done => (Ok(()), None),
        Ran::Duplicate => {
            done = Outcome::Duplicate;
            (Ok(()), None)
        }
        Ran::Panicked { message, count } => {
            // A bug, not a dependency. The event's first panic returns its delivery to the
            // queue (another run, maybe on another worker); its second is poison,
            // dead-lettered here like a permanent failure. Never by the broker's delivery
            // limit: the events queued behind it in its lane are returned with it each time
            // (`lanes`), so they would reach the limit with it.
            if count < PANICS_BEFORE_DEAD_LETTER {
                warn!(panic = %message, "step panicked; returning the delivery to the queue once");
                requeue(delivery).await;
                return Outcome::Requeued;
            }
            let why = format!("step panicked ({count} attempts): {message}");
            (Err(Failure::Permanent), Some(why))
        }
        Ran::Failed(e) => (Err(class(&e)), Some(e.to_string())),
    };
    let mut history = History::from_headers(delivery.properties.headers().as_ref());
    if let Some(e) = &error {
        history.push(attempt, &w.id, e);
    }
    let f = failed(&delivery.data, &delivery.properties, &history, part.p);
    let conv = event.conversation.key();
    let outcome = match retry::decide(result, attempt, tiers) {
        Settle::Ack => done,
        Settle::Tier(t) => {
            if let Err(e) = retry::to_tier(&w.publisher, &f, t).await {
                warn!(error = %e, "could not publish to the retry tier; requeueing");
                requeue(delivery).await;
                return Outcome::Requeued;
            }
            // Parked only now that the head is sure to come back.
            let Some(()) = redis_until_fenced(part, || {
                parking::park(w, &part.parked, part.p, &conv, &event.id)
            })
            .await
            else {
                return Outcome::Fenced;
            };
            info!(tier = t, "event sent to a retry tier; conversation parked");
            return ack(part, delivery, Outcome::Retried).await;
        }
        Settle::DeadLetter => {
            let why = error.unwrap_or_default();
            if let Err(e) = retry::to_dead_letter(&w.publisher, &f, &why).await {
                warn!(error = %e, "could not dead-letter; requeueing");
                requeue(delivery).await;
                return Outcome::Requeued;
            }
            warn!(reason = %why, "event dead-lettered");
            let ttl = w.config.worker.dedupe_ttl.as_secs();
            let Some(()) = redis_until_fenced(part, || {
                idempotency::dead(&w.redis, &w.keys, &conv, &event.id, ttl)
            })
            .await
            else {
                return Outcome::Fenced;
            };
            Outcome::DeadLettered
        }
    };
    if is_head {
        match drain_held(w, part, &conv).await {
            Drained::Unparked | Drained::NewHead => {}
            Drained::Stopped => return Outcome::Fenced,
            Drained::Refused => {
                requeue(delivery).await;
                return Outcome::Requeued;
            }
        }
    }
    ack(part, delivery, outcome).await
}

fn class(e: &StepError) -> Failure {
    match e {
        StepError::Transient(_) => Failure::Transient,
        StepError::Permanent(_) => Failure::Permanent,
        StepError::Wait(_) => Failure::Wait,
    }
}

/// The attempts of an event that may panic before it is dead-lettered.
const PANICS_BEFORE_DEAD_LETTER: u32 = 2;

enum Ran {
    Done,
    Duplicate,
    Fenced,
    /// A step panicked: the panic's message, and how many attempts of the event panicked.
    Panicked {
        message: String,
        count: u32,
    },
    Failed(StepError),
}

/// The message a panic carried (`panic!` gives a `&str` or a `String`).
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(s), _) => (*s).to_owned(),
        (_, Some(s)) => s.clone(),
        _ => "a panic without a message".to_owned(),
    }
}

/// Claims the event for this attempt and runs the pipeline with in-process retries.
async fn run(
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    event: &Event,
    attempt: u32,
    coalesced: bool,
    received: Instant,
) -> Ran {
    let token = AttemptToken::new(&w.id, part.generation);
    let conv = event.conversation.key();
    let pristine = match claim(w, part, &conv, &event.id, &token).await {
        Some(Claim::Fresh { pristine }) => pristine,
        Some(Claim::Duplicate) => return Ran::Duplicate,
        Some(Claim::InProgress { by }) => {
            return Ran::Failed(StepError::Transient(format!(
                "still in progress on worker {by}"
            )));
        }
        Some(Claim::Mine { token }) => {
            return Ran::Failed(StepError::Transient(format!(
                "an earlier attempt ({token}) of this worker is still running"
            )));
        }
        None => return Ran::Fenced,
    };
    let _running = w.attempts.start(&event.id, &token);
    let journal = if pristine {
        Journal::pristine(w.redis.clone(), &w.keys, &conv, &event.id)
    } else {
        Journal::new(w.redis.clone(), &w.keys, &conv, &event.id)
    };
    let cx = StepCx {
        redis: w.redis.clone(),
        keys: w.keys.clone(),
        worker_id: w.id.clone(),
        partition: part.p,
        attempt,
        coalesced,
        received,
        fence: part.fence.clone(),
        journal,
        notes: Default::default(),
    };
    let steps = AssertUnwindSafe(run_steps(w, &cx, event)).catch_unwind();
    let steps = with_renewal(w, &conv, &event.id, &token, steps).await;
    let ttl = w.config.worker.dedupe_ttl.as_secs();
    let release = || idempotency::release(&w.redis, &w.keys, &conv, &event.id, &token, ttl);
    match steps {
        Err(_) if part.fence.is_cancelled() => {
            let _ = release().await;
            Ran::Fenced
        }
        Err(panic) => {
            let _ = redis_until_fenced(part, release).await;
            let counted = || idempotency::panicked(&w.redis, &w.keys, &conv, &event.id, ttl);
            match redis_until_fenced(part, counted).await {
                Some(count) => Ran::Panicked {
                    message: panic_message(panic.as_ref()),
                    count,
                },
                None => Ran::Fenced,
            }
        }
        Ok(Ok(())) => {
            let journal = cx.journal.touched();
            let complete =
                || idempotency::complete(&w.redis, &w.keys, &conv, &event.id, ttl, journal);
            if part.fence.is_cancelled() {
                // Every effect is done and marked; say so if Redis still answers.
                let _ = complete().await;
                return Ran::Fenced;
            }
            match redis_until_fenced(part, complete).await {
                Some(()) => Ran::Done,
                None => Ran::Fenced,
            }
        }
        Ok(Err(_)) if part.fence.is_cancelled() => {
            let _ = release().await;
            Ran::Fenced
        }
        Ok(Err(e)) => {
            let _ = redis_until_fenced(part, release).await;
            Ran::Failed(e)
        }
    }
}

/// How this worker writes claims: records live as long as dedupe records; an in-progress
/// claim not refreshed for four lease lifetimes is abandoned.
fn claim_policy(w: &Runtime) -> ClaimPolicy {
    ClaimPolicy {
        ttl_secs: w.config.worker.dedupe_ttl.as_secs(),
        stale_ms: (w.config.worker.lease_ttl * 4).as_millis() as u64,
    }
}

/// Claims `event_id`; an earlier attempt of this process under an older fence generation is
/// waited for (it is fenced and stops before its next effect) and then taken over.
async fn claim(
    w: &Arc<Runtime>,
    part: &Arc<PartitionCx>,
    conv: &str,
    event_id: &str,
    token: &AttemptToken,
) -> Option<Claim> {
    let policy = claim_policy(w);
    let first = redis_until_fenced(part, || {
        idempotency::claim(&w.redis, &w.keys, conv, event_id, token, policy, None)
    })
    .await?;
    let Claim::Mine { token: earlier } = first else {
        return Some(first);
    };
    if let Some(ended) = w.attempts.running(event_id, &earlier) {
        info!(earlier = %earlier, "an earlier, fenced attempt of this event still runs here; waiting for it");
        let wait = w.config.worker.lease_ttl * 4;
        tokio::select! {
            _ = ended.cancelled() => {}
            _ = tokio::time::sleep(wait) => return Some(Claim::Mine { token: earlier }),
            _ = part.fence.cancelled() => return None,
        }
    }
    redis_until_fenced(part, || {
        idempotency::claim(
            &w.redis,
            &w.keys,
            conv,
            event_id,
            token,
            policy,
            Some(&earlier),
        )
    })
    .await
}

/// Runs `steps` while showing the claim alive every lease lifetime, so a turn of minutes is
/// never taken for an abandoned one (most events finish before the first refresh).
async fn with_renewal<F: std::future::Future>(
    w: &Arc<Runtime>,
    conv: &str,
    event_id: &str,
    token: &AttemptToken,
    steps: F,
) -> F::Output {
    let every = w.config.worker.lease_ttl;
    let renew = async {
        loop {
            tokio::time::sleep(every).await;
            if let Err(e) = idempotency::renew(&w.redis, &w.keys, conv, event_id, token).await {
                warn!(error = %e, "could not renew the event's claim");
            }
        }
    };
    tokio::select! {
        out = steps => out,
        _ = renew => unreachable!("the renewal loop never ends"),
    }
}

async fn run_steps(w: &Arc<Runtime>, cx: &StepCx, event: &Event) -> Result<(), StepError> {
    for step in w.pipeline.steps() {
        let backoff = ExponentialBuilder::default()
            .with_min_delay(w.config.worker.step_retry_delay)
            .with_max_times(w.config.worker.step_retries)
            .with_jitter();
        let started = Instant::now();
        let result = (|| step.run(cx, event))
            .retry(backoff)
            .when(|e| matches!(e, StepError::Transient(_)) && !cx.fenced())
            .notify(|e, after| {
                // A failed write may or may not have been applied: read the journal again.
                cx.journal.forget();
                cx.notes.clear();
                warn!(step = step.name(), error = %e, ?after, "step failed; retrying")
            })
            .await;
        metrics::histogram!("baton_worker_step_seconds", "step" => step.name())
            .record(started.elapsed().as_secs_f64());
        result?;
    }
    Ok(())
}

/// How a drain ended.
enum Drained {
    /// Nothing is held any more; the conversation is unparked.
    Unparked,
    /// A held event failed transiently and is the new head; the rest stay held.
    NewHead,
    /// Fenced: the next owner picks up where this stopped.
    Stopped,
    /// The broker refused a publish; nothing was lost, try again later.
    Refused,
}

/// Runs the events held behind a conversation's settled head, in order, then unparks it.
/// Restartable at any point: an event leaves the list only after it was settled.
async fn drain_held(w: &Arc<Runtime>, part: &Arc<PartitionCx>, conv: &str) -> Drained {
    let tiers = &w.config.infra.retry_tiers;
    loop {
        let Some(next) = redis_until_fenced(part, || parking::peek_held(w, conv)).await else {
            return Drained::Stopped;
        };
        let Some(raw) = next else {
            let Some(()) =
                redis_until_fenced(part, || parking::unpark(w, &part.parked, part.p, conv)).await
            else {
                return Drained::Stopped;
            };
            info!("conversation unparked");
            return Drained::Unparked;
        };
        let held = Held::decode(&raw);
        let headers = held.headers();
        let props = lapin::BasicProperties::default().with_headers(headers.clone());
        let (result, error, id) = match serde_json::from_str::<Event>(&held.body) {
            Ok(event) => {
                let span = info_span!("event.held", event_id = %event.id);
                telemetry::continue_from(&span, Some(&headers));
                let ran = run(w, part, &event, 0, false, Instant::now())
                    .instrument(span)
                    .await;
                let props_id = event.id.clone();
                match ran {
                    Ran::Done | Ran::Duplicate => (Ok(()), None, props_id),
                    Ran::Fenced => return Drained::Stopped,
                    Ran::Panicked { message, .. } => (
                        Err(Failure::Transient),
                        Some(format!("step panicked: {message}")),
                        props_id,
                    ),
                    Ran::Failed(e) => (Err(class(&e)), Some(e.to_string()), props_id),
                }
            }
            Err(e) => (
                Err(Failure::Permanent),
                Some(format!("held event undecodable: {e}")),
                String::new(),
            ),
        };
        let mut history = History::default();
        if let Some(e) = &error {
            history.push(0, &w.id, &format!("while draining held events: {e}"));
        }
        let props = if id.is_empty() {
            props
        } else {
            props.with_message_id(id.as_str().into())
        };
        let f = failed(held.body.as_bytes(), &props, &history, part.p);
        match retry::decide(result, 0, tiers) {
            Settle::Ack => {}
            Settle::Tier(t) => {
                if retry::to_tier(&w.publisher, &f, t).await.is_err() {
                    return Drained::Refused;
                }
                let Some(()) =
                    redis_until_fenced(part, || parking::park(w, &part.parked, part.p, conv, &id))
                        .await
                else {
                    return Drained::Stopped;
                };
                let _ = redis_until_fenced(part, || parking::pop_held(w, conv)).await;
                return Drained::NewHead;
            }
            Settle::DeadLetter => {
                let why = error.unwrap_or_default();
                if retry::to_dead_letter(&w.publisher, &f, &why).await.is_err() {
                    return Drained::Refused;
                }
                if !id.is_empty() {
                    let ttl = w.config.worker.dedupe_ttl.as_secs();
                    let _ = redis_until_fenced(part, || {
                        idempotency::dead(&w.redis, &w.keys, conv, &id, ttl)
                    })
                    .await;
                }
            }
        }
        let Some(()) = redis_until_fenced(part, || parking::pop_held(w, conv)).await else {
            return Drained::Stopped;
        };
    }
}

#[cfg(test)]
mod tests {
    use super::panic_message;

    #[test]
    fn a_panic_s_message_is_kept_for_the_dlq() {
        let text = std::panic::catch_unwind(|| panic!("plain")).unwrap_err();
        assert_eq!(panic_message(text.as_ref()), "plain");
        let formatted = std::panic::catch_unwind(|| panic!("event {}", 7)).unwrap_err();
        assert_eq!(panic_message(formatted.as_ref()), "event 7");
        let other = std::panic::catch_unwind(|| std::panic::panic_any(7u8)).unwrap_err();
        assert_eq!(panic_message(other.as_ref()), "a panic without a message");
    }
}
