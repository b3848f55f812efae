//! Baton's worker: owns partitions of the event stream and does every side effect.
//!
//! - [`partitions`]: membership, leases and partition consumers (who consumes what, safely).
//! - [`leases`]: the Redis side of membership and leases.
//! - [`lanes`]: per-conversation order, concurrency across conversations.
//! - [`process`]: one delivery end to end: parking, idempotency, pipeline, ack.
//! - [`parking`]: holding a conversation's later events behind a retried one.
//! - [`idempotency`]: the dedupe record and its crash cases.
//! - [`pipeline`]: the steps an event goes through.
//! - [`signals`]: deterministic handoff detectors that run before the LLM.
//! - [`failure`]: retry tiers and the dead-letter queue, with history.
//! - [`dlq`]: the operator's DLQ commands.
//! - [`conversation`]: the engine — AI turns, handoff, human commands, sending.
//! - [`ownership`]: who owns a conversation, with a version checked at send time.
//! - [`transcript`], [`console`], [`render`]: what humans and the prompt see.
//! - [`memory`], [`memq`]: long-term memory backends and the queue that feeds them.
//! - [`whatsapp`], [`llm`]: the Graph API and OpenAI-compatible clients.
//! - [`admin`]: health, readiness and metrics.
//! - [`cli`]: the `worker` command line.

pub mod admin;
pub mod cli;
pub mod console;
pub mod conversation;
pub mod dlq;
pub mod failure;
pub mod idempotency;
pub mod lanes;
pub mod leases;
pub mod llm;
pub mod memory;
pub mod memq;
pub mod ownership;
pub mod parking;
pub mod partitions;
pub mod pipeline;
pub mod process;
pub mod render;
pub mod signals;
pub mod transcript;
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
    settings: conversation::Settings,
    admin: TcpListener,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let id = format!("w-{}", uuid::Uuid::new_v4().simple());
    let redis = baton_shared::redis::pool(&config.infra.redis_url)?;
    let keys = Keys::new(&config.infra.namespace);
    let publisher = Publisher::lazy(&config.infra, &format!("baton-worker-{id}-pub"), 2);
    let config = Arc::new(config);
    let (pipeline, memory) = pipeline::build(&config, &settings, &redis, &keys, &publisher).await?;
    let w = Arc::new(Worker {
        id: id.clone(),
        redis,
        keys,
        names: Names::new(&config.infra),
        publisher: publisher.clone(),
        pipeline,
        permits: Semaphore::new(config.worker.concurrency),
        metrics: baton_shared::telemetry::metrics(),
        config: config.clone(),
    });
    tracing::info!(worker = %id, admin = %admin.local_addr()?, "worker starting");
    let admin_stop = CancellationToken::new();
    let admin_task = tokio::spawn(admin::serve(w.clone(), admin, admin_stop.clone()));
    let memory_stop = CancellationToken::new();
    let memory_task = memory.map(|backend| {
        let m = Arc::new(memq::MemoryWorker {
            config: config.clone(),
            names: Names::new(&config.infra),
            publisher: publisher.clone(),
            backend,
            worker_id: id.clone(),
        });
        tokio::spawn(memq::run(m, memory_stop.clone()))
    });
    partitions::Manager::new(w.clone()).run(shutdown).await;
    memory_stop.cancel();
    if let Some(t) = memory_task {
        let _ = t.await;
    }
    w.publisher.close().await;
    admin_stop.cancel();
    let _ = admin_task.await;
    tracing::info!(worker = %id, "worker stopped");
    Ok(())
}
