//! The Slack queue's consumer: runs [`Job`]s one at a time (the queue has a single active
//! consumer across all workers, prefetch 1), so posts to the handoff channel go out in order
//! and at Slack's pace, and two syncs of one conversation never overlap.
//!
//! A job that fails transiently (Slack down, 5xx, a long rate limit, Redis) goes to
//! `{ns}.slack.retry.<attempt>` and comes back after the tier's TTL; one Slack refused for good,
//! or one past the last tier, goes to the DLQ with its history and `x-baton-origin-queue`, so
//! `worker dlq replay` puts it back. The consumer reconnects by itself. Every worker runs one;
//! the broker makes one of them active and switches to another when it goes away.

use std::sync::Arc;
use std::time::Duration;

use baton_shared::amqp::Publisher;
use baton_shared::config::Config;
use baton_shared::topology::Names;
use futures::StreamExt;
use lapin::message::Delivery;
use lapin::options::{BasicAckOptions, BasicConsumeOptions, BasicQosOptions};
use lapin::types::FieldTable;
use serde_json::json;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::sync::Syncer;
use super::{Job, SlackError};
use crate::stream::delivery::requeue;
use crate::stream::retry::{self, Failed, Failure, History, Origin, Settle};

/// Everything the consumer needs.
pub struct SlackWorker {
    pub config: Arc<Config>,
    pub names: Names,
    pub publisher: Arc<Publisher>,
    pub syncer: Syncer,
    pub worker_id: String,
}

/// Consumes the Slack queue until `shutdown`, reconnecting when the broker goes away.
pub async fn run(s: Arc<SlackWorker>, shutdown: CancellationToken) {
    let mut delay = Duration::from_millis(200);
    while !shutdown.is_cancelled() {
        match consume(&s, &shutdown).await {
            Ok(()) => return,
            Err(e) => warn!(error = %e, "Slack consumer lost its connection; reconnecting"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(delay) => {}
        }
        delay = (delay * 2).min(Duration::from_secs(5));
    }
}

async fn consume(s: &SlackWorker, shutdown: &CancellationToken) -> anyhow::Result<()> {
    let conn = baton_shared::amqp::connect(
        &s.config.infra.amqp_url,
        &format!("baton-worker-{}-slack", s.worker_id),
    )
    .await?;
    let ch = conn.create_channel().await?;
    baton_shared::topology::declare(&ch, &s.config.infra).await?;
    ch.basic_qos(1, BasicQosOptions::default()).await?;
    let queue = s.names.slack_queue();
    let mut consumer = ch
        .basic_consume(
            queue.as_str().into(),
            "slack".into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    info!("Slack consumer started");
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => break,
            next = consumer.next() => match next {
                // One at a time: the next delivery waits for this one (prefetch 1).
                Some(Ok(delivery)) => handle(s, delivery).await,
                Some(Err(e)) => return Err(e.into()),
                None => anyhow::bail!("the broker cancelled the Slack consumer"),
            },
        }
    }
    let _ = conn.close(200, "shutdown".into()).await;
    Ok(())
}

async fn handle(s: &SlackWorker, delivery: Delivery) {
    let attempt = retry::attempt_of(delivery.properties.headers().as_ref());
    let result = match serde_json::from_slice::<Job>(&delivery.data) {
        Ok(job) => run_job(s, &job).await,
        Err(e) => Err(SlackError::Refused(format!("undecodable job: {e}"))),
    };
    settle(s, &delivery, attempt, result).await;
}

/// Runs one job.
pub async fn run_job(s: &SlackWorker, job: &Job) -> Result<(), SlackError> {
    match job {
        Job::Sync { conversation } => s.syncer.sync(conversation).await,
        Job::Respond { url, text } => {
            let body = json!({"response_type": "ephemeral", "replace_original": false,
                "text": text});
            s.syncer.client.respond(url, &body).await
        }
    }
}

async fn settle(
    s: &SlackWorker,
    delivery: &Delivery,
    attempt: u32,
    result: Result<(), SlackError>,
) {
    let mut history = History::from_headers(delivery.properties.headers().as_ref());
    let (class, error) = match &result {
        Ok(()) => (Ok(()), None),
        Err(e @ SlackError::Transient(_)) => (Err(Failure::Transient), Some(e.to_string())),
        Err(e) => (Err(Failure::Permanent), Some(e.to_string())),
    };
    if let Some(e) = &error {
        warn!(attempt, error = %e, "Slack job failed");
        history.push(attempt, &s.worker_id, e);
    }
    let failed = Failed {
        body: &delivery.data,
        props: &delivery.properties,
        history: &history,
        origin: Origin::Queue(s.names.slack_queue()),
    };
    let outcome = match retry::decide(class, attempt, &s.config.infra.retry_tiers) {
        Settle::Ack => Ok("done"),
        Settle::Tier(t) => retry::to_tier(&s.publisher, &failed, t)
            .await
            .map(|_| "retried"),
        Settle::DeadLetter => {
            retry::to_dead_letter(&s.publisher, &failed, &error.unwrap_or_default())
                .await
                .map(|_| "dead_lettered")
        }
    };
    match outcome {
        Ok(o) => {
            metrics::counter!("baton_worker_slack_jobs_total", "outcome" => o).increment(1);
            let _ = delivery.acker.ack(BasicAckOptions::default()).await;
        }
        Err(e) => {
            warn!(error = %e, "Slack job could not be rescheduled; requeueing");
            requeue(delivery).await;
        }
    }
}
