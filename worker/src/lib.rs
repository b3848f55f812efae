//! Baton's worker: owns partitions of the event stream and does every side effect.
//!
//! This file is the composition root: it builds the clients, the conversation engine, the
//! pipeline and the stream runtime, and runs them. Layers (no import points back up):
//! `lib → stream → pipeline ← conversation → {memory, signals, llm, whatsapp}`.
//!
//! - [`stream`]: how events are processed safely (partitions, lanes, idempotency, parking,
//!   retry tiers and the DLQ); knows nothing of WhatsApp or LLMs.
//! - [`pipeline`]: the step contract between the stream and the domain.
//! - [`conversation`]: what Baton does with one conversation — AI turns, handoff, human
//!   commands, sending, statuses — and its state in Redis (`conversation::state`).
//! - [`memory`]: long-term memory backends and the memory queue that feeds them.
//! - [`signals`], [`llm`], [`whatsapp`]: leaves — handoff detectors, the OpenAI-compatible
//!   client, the Graph API client.
//! - [`ops`]: the operator's side — admin HTTP, the CLI, DLQ commands.
//! - [`slack`]: the handoff alert and its thread on Slack, kept in line by the Slack queue's
//!   consumer (the engine only records what Slack must show and queues a sync).
//! - [`sweeper`]: inactivity releases and re-alerts of waiting handoffs, published as events
//!   on the partitions this worker holds.

pub mod conversation;
pub mod llm;
pub mod memory;
pub mod ops;
pub mod pipeline;
pub mod signals;
pub mod slack;
pub mod stream;
pub mod sweeper;
pub mod whatsapp;

#[cfg(test)]
mod cluster_slots;

use std::sync::Arc;

use baton_shared::amqp::Publisher;
use baton_shared::config::Config;
use baton_shared::redis::Keys;
use baton_shared::redis::Pool;
use baton_shared::topology::Names;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::pipeline::{Pipeline, Step};
use crate::stream::Runtime;

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
    let (pipeline, memory) = build_pipeline(&config, &settings, &redis, &keys, &publisher).await?;
    let w = Arc::new(Runtime {
        id: id.clone(),
        redis,
        keys,
        names: Names::new(&config.infra),
        publisher: publisher.clone(),
        pipeline,
        permits: Semaphore::new(config.worker.concurrency),
        metrics: baton_shared::telemetry::metrics(),
        attempts: Default::default(),
        config: config.clone(),
    });
    tracing::info!(worker = %id, admin = %admin.local_addr()?, "worker starting");
    let admin_stop = CancellationToken::new();
    let admin_task = tokio::spawn(ops::admin::serve(w.clone(), admin, admin_stop.clone()));
    let memory_stop = CancellationToken::new();
    let memory_task = memory.map(|backend| {
        let m = Arc::new(memory::queue::MemoryWorker {
            config: config.clone(),
            names: Names::new(&config.infra),
            publisher: publisher.clone(),
            backend,
            worker_id: id.clone(),
        });
        tokio::spawn(memory::queue::run(m, memory_stop.clone()))
    });
    let slack_stop = CancellationToken::new();
    let slack_task = slack_worker(&config, &settings, &w, &id)
        .map(|s| tokio::spawn(slack::queue::run(s, slack_stop.clone())));
    let sweeper = settings
        .enabled
        .then(|| tokio::spawn(sweeper::run(sweeper_of(&w, &settings), shutdown.clone())));
    stream::partitions::Manager::new(w.clone())
        .run(shutdown)
        .await;
    if let Some(t) = sweeper {
        let _ = t.await;
    }
    memory_stop.cancel();
    if let Some(t) = memory_task {
        let _ = t.await;
    }
    slack_stop.cancel();
    if let Some(t) = slack_task {
        let _ = t.await;
    }
    w.publisher.close().await;
    admin_stop.cancel();
    let _ = admin_task.await;
    tracing::info!(worker = %id, "worker stopped");
    Ok(())
}

/// The Slack queue's consumer, when Slack is configured and the engine runs.
fn slack_worker(
    config: &Arc<Config>,
    settings: &conversation::Settings,
    w: &Runtime,
    id: &str,
) -> Option<Arc<slack::queue::SlackWorker>> {
    let s = config.slack.as_ref().filter(|_| settings.enabled)?;
    Some(Arc::new(slack::queue::SlackWorker {
        config: config.clone(),
        names: Names::new(&config.infra),
        publisher: w.publisher.clone(),
        syncer: slack::sync::Syncer {
            client: slack::SlackClient::new(&s.api_base_url, s.bot_token.clone()),
            redis: w.redis.clone(),
            keys: w.keys.clone(),
            channel: s.channel.clone(),
            console_url: s.console_url.clone(),
        },
        worker_id: id.to_owned(),
    }))
}

/// The sweeper of this worker (`BATON_SWEEP_INTERVAL`, `HUMAN_IDLE_RELEASE`,
/// `HANDOFF_REALERT_AFTER`).
fn sweeper_of(w: &Runtime, settings: &conversation::Settings) -> sweeper::Sweeper {
    let h = &settings.human;
    sweeper::Sweeper {
        redis: w.redis.clone(),
        keys: w.keys.clone(),
        publisher: w.publisher.clone(),
        worker_id: w.id.clone(),
        partitions: w.config.infra.partitions,
        timing: sweeper::Timing {
            idle_release: h.idle_release,
            realert_after: h.realert_after,
            interval: h.sweep_interval,
        },
    }
}

/// The worker's pipeline: record, then the conversation engine (unless
/// `BATON_CONVERSATION=false`), then the probe when enabled. Also returns the memory backend
/// the memory-queue consumer writes to (when the engine runs).
async fn build_pipeline(
    config: &Config,
    settings: &conversation::Settings,
    redis: &Pool,
    keys: &Keys,
    publisher: &Arc<Publisher>,
) -> anyhow::Result<(Pipeline, Option<Arc<dyn memory::MemoryBackend>>)> {
    let mut steps: Vec<Arc<dyn Step>> = vec![Arc::new(conversation::record::Record)];
    let mut memory = None;
    if settings.enabled {
        let engine = conversation::Engine::new(config, settings, redis, keys, publisher).await?;
        memory = Some(engine.memory.clone());
        steps.push(Arc::new(conversation::Converse(Arc::new(engine))));
    }
    if config.worker.probe {
        steps.push(Arc::new(stream::probe::Probe {
            sleep: config.worker.probe_sleep,
        }));
    }
    // Only customer messages that need an answer join a burst: a reaction or a status at the
    // end of a burst must not take the answer the question before it is owed.
    let burst = |e: &baton_shared::event::Event| {
        e.kind == baton_shared::event::EventKind::CustomerMessage
            && !conversation::render::needs_no_reply(e)
    };
    Ok((Pipeline::new(steps).with_bursts(burst), memory))
}
