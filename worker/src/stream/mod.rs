//! How events are processed safely: the stream runtime. It knows AMQP and Redis and nothing of
//! WhatsApp, LLMs or conversations — the domain reaches it only through [`crate::pipeline`].
//!
//! - [`partitions`]: membership-driven assignment, leases and one consumer per partition.
//! - [`fence`]: a consumed partition and the token that says it may still act.
//! - [`delivery`]: a delivery as a lane runs it, and how it is acked or requeued.
//! - [`membership`]: the Redis side of membership and leases.
//! - [`lanes`]: per-conversation order, concurrency across conversations, burst coalescing.
//! - [`process`]: one delivery end to end: admission, claim, pipeline, settle.
//! - [`parking`]: holding a conversation's later events behind a retried one.
//! - [`idempotency`]: the per-event claim and its crash cases.
//! - [`retry`]: retry tiers and the dead-letter queue, with history, for any queue.
//! - [`probe`]: a test and benchmark step (`BATON_PROBE=true`).
//!
//! Failure: a broker or Redis outage fences the partitions it affects (their unacked
//! deliveries return to the broker); nothing here drops an event.

pub mod delivery;
pub mod fence;
pub mod idempotency;
pub mod lanes;
pub mod membership;
pub mod parking;
pub mod partitions;
pub mod probe;
pub mod process;
pub mod retry;

use std::sync::Arc;

use baton_shared::amqp::Publisher;
use baton_shared::config::Config;
use baton_shared::redis::Keys;
use baton_shared::redis::Pool;
use baton_shared::topology::Names;
use metrics_exporter_prometheus::PrometheusHandle;
use tokio::sync::Semaphore;

use crate::pipeline::Pipeline;

/// What the stream's tasks share: the handles of one worker process.
pub struct Runtime {
    pub config: Arc<Config>,
    /// Unique per process: membership, leases and idempotency records name it.
    pub id: String,
    pub redis: Pool,
    pub keys: Keys,
    pub names: Names,
    /// Confirmed publishes to retry tiers and the DLQ.
    pub publisher: Arc<Publisher>,
    pub pipeline: Pipeline,
    /// Bounds the conversations processed at once (`WORKER_CONCURRENCY`).
    pub permits: Semaphore,
    pub metrics: PrometheusHandle,
    /// The attempts running in this process (tells a fenced attempt from a dead one).
    pub attempts: idempotency::Attempts,
}
