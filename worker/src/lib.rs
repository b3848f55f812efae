//! Baton's worker: owns partitions of the event stream and does every side effect.
//!
//! - [`partitions`]: membership, leases and partition consumers (who consumes what, safely).
//! - [`leases`]: the Redis side of membership and leases.
//! - [`lanes`]: per-conversation order, concurrency across conversations.
//! - [`process`]: one delivery end to end: parking, idempotency, pipeline, ack.
//! - [`idempotency`]: the dedupe record and its crash cases.
//! - [`pipeline`]: the steps an event goes through.
//! - [`signals`]: deterministic handoff detectors that run before the LLM.
//! - [`failure`]: retry tiers and the dead-letter queue, with history.
//! - [`dlq`]: the operator's DLQ commands.
//! - [`admin`]: health, readiness and metrics.
//! - [`cli`]: the `worker` command line.

pub mod admin;
pub mod cli;
pub mod dlq;
pub mod failure;
pub mod idempotency;
pub mod lanes;
pub mod leases;
pub mod llm;
pub mod memory;
pub mod partitions;
pub mod pipeline;
pub mod process;
pub mod signals;
pub mod whatsapp;

use std::sync::Arc;

use baton_shared::amqp::Publisher;
use baton_shared::config::Config;
use baton_shared::redis::Keys;
use baton_shared::topology::Names;
use deadpool_redis::Pool;
use metrics_exporter_prometheus::PrometheusHandle;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::pipeline::Pipeline;

/// Everything a worker's tasks share.
pub struct Worker {
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
}

/// Runs a worker until `shutdown` is cancelled; returns after every partition was handed back.
pub async fn run(
    config: Config,
    admin: TcpListener,
    pipeline: Pipeline,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let id = format!("w-{}", uuid::Uuid::new_v4().simple());
    let w = Arc::new(Worker {
        id: id.clone(),
        redis: baton_shared::redis::pool(&config.infra.redis_url)?,
        keys: Keys::new(&config.infra.namespace),
        names: Names::new(&config.infra),
        publisher: Publisher::lazy(&config.infra, &format!("baton-worker-{id}-pub"), 2),
        pipeline,
        permits: Semaphore::new(config.worker.concurrency),
        metrics: baton_shared::telemetry::metrics(),
        config: Arc::new(config),
    });
    tracing::info!(worker = %id, admin = %admin.local_addr()?, "worker starting");
    let admin_stop = CancellationToken::new();
    let admin_task = tokio::spawn(admin::serve(w.clone(), admin, admin_stop.clone()));
    partitions::Manager::new(w.clone()).run(shutdown).await;
    w.publisher.close().await;
    admin_stop.cancel();
    let _ = admin_task.await;
    tracing::info!(worker = %id, "worker stopped");
    Ok(())
}
