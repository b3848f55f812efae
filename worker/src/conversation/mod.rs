//! The conversation engine: the pipeline step that does Baton's job for the customer.
//!
//! - [`customer`]: an inbound message — record it, stay silent while a human owns the
//!   conversation (mirror it to the console), otherwise run the handoff signals and the AI
//!   turn, and send the reply (or hand off).
//! - [`human`]: commands from the human side — claim, takeover, reply, release — and
//!   [`template`] (an approved template); each ends with its [`outcome`] for the console.
//! - Release and resume, availability: [`release`] (the sweeper's inactivity release),
//!   [`handback`] (the customer's end keyword), [`waiting`] (re-alerts of a handoff nobody
//!   took), [`availability`] (business hours and agents online at a handoff).
//! - [`status`]: delivery statuses of what we sent.
//! - [`send`]: sending with the ownership fence (I5), drafts, and recording every sent turn;
//!   [`pace`]: waiting for each send's turn within Meta's limits, and what a refusal means.
//! - [`prompt`] and [`tools`]: what the LLM sees and may call; [`media`]: voice notes heard
//!   (transcribed) and photos shown to the model.
//! - Slack: the engine never calls Slack. The console events Slack shows too (handoff,
//!   re-alert, customer message while the AI is silent, claim/takeover/release) go through
//!   [`effects::announce`], which records what Slack must show in the same transaction and
//!   queues a sync (`crate::slack`); a Slack command that did not apply is answered on Slack
//!   (`human`).
//!
//! Failure policy: a dependency that may recover (Redis, the broker, a retryable Graph error)
//! is a [`StepError::Transient`] and the event is retried (in process, then broker tiers);
//! a failing AI path never reaches the customer as an error — it hands off with reason
//! `ai_failure`; a permanent send error is recorded and shown to humans, not retried.

pub mod availability;
pub mod customer;
pub mod echo;
pub mod effects;
pub mod handback;
pub mod handoff;
pub mod human;
pub mod media;
pub mod outcome;
pub mod pace;
pub mod prompt;
pub mod record;
pub mod release;
pub mod render;
pub mod send;
pub mod settings;
pub mod state;
pub mod status;
pub mod template;
pub mod tools;
pub mod waiting;

use std::sync::Arc;

use baton_shared::amqp::Publisher;
use baton_shared::event::{Conversation, Event, EventKind};
use futures::FutureExt;
use futures::future::BoxFuture;

use crate::llm::{BusinessTools, LlmClient, Transcriber};
use crate::memory::{Identity, MemoryBackend, Record};
use crate::pipeline::{Step, StepCx, StepError};
use crate::whatsapp::{GraphClient, SendLimits};
pub use settings::{EngineText, Settings};

/// What the engine talks to.
pub struct Engine {
    pub graph: GraphClient,
    /// Meta's send limits, shared with every replica through Redis ([`pace`]).
    pub limits: SendLimits,
    pub llm: LlmClient,
    /// Speech to text for voice notes (`TRANSCRIBE_*`).
    pub transcriber: Transcriber,
    /// Customers' media from the Graph API (`MEDIA_MAX_BYTES`).
    pub media: baton_shared::media::MediaClient,
    pub tools: BusinessTools,
    pub memory: Arc<dyn MemoryBackend>,
    pub publisher: Arc<Publisher>,
    pub settings: Settings,
    /// Slack, when configured: the engine records what it must show and queues syncs.
    pub slack: Option<crate::slack::Slack>,
}

impl Engine {
    /// Builds the engine's clients from the configuration (calls the memory service's
    /// `whoami` when Synap is configured).
    pub async fn new(
        config: &baton_shared::config::Config,
        settings: &Settings,
        redis: &baton_shared::redis::Pool,
        keys: &baton_shared::redis::Keys,
        publisher: &Arc<Publisher>,
    ) -> anyhow::Result<Engine> {
        let waba = &config.waba;
        let graph = GraphClient::new(crate::whatsapp::GraphConfig {
            base_url: waba.api_base_url.clone(),
            version: waba.api_version.clone(),
            token: waba
                .access_token
                .clone()
                .unwrap_or_else(|| secrecy::SecretString::from(String::new())),
            timeout: settings.graph_timeout,
            max_retries: 2,
            // Throughput and pair-rate refusals go back to `send`, which waits for the next
            // turn and checks the fence and the owner again.
            retry_rate_limits: false,
        });
        let limits = SendLimits::new(redis.clone(), keys.clone(), settings.send_limits.clone());
        let tools = match &settings.tools_file {
            Some(path) => BusinessTools::load(path)
                .map_err(|e| anyhow::anyhow!("BATON_TOOLS_FILE {path}: {e}"))?,
            None => BusinessTools::default(),
        };
        let memory = crate::memory::backend(&settings.memory, redis.clone(), keys.clone())
            .await
            .map_err(|e| anyhow::anyhow!("memory backend: {e}"))?;
        // The detectors' patterns compile on first use, blocking a runtime thread for a few
        // hundred milliseconds: done here, before the worker consumes, not on a message.
        let warmed = tokio::task::spawn_blocking(crate::signals::warm_up)
            .await
            .unwrap_or_default();
        tracing::info!(
            memory = memory.name(),
            tools = tools.specs().len(),
            detectors_warmed_ms = warmed.as_millis() as u64,
            "conversation engine ready"
        );
        Ok(Engine {
            graph,
            limits,
            llm: LlmClient::new(settings.llm.clone()),
            transcriber: Transcriber::new(settings.media.transcribe.clone()),
            media: baton_shared::media::MediaClient::new(
                waba,
                settings
                    .graph_timeout
                    .max(std::time::Duration::from_secs(30)),
            ),
            tools,
            memory,
            publisher: publisher.clone(),
            settings: settings.clone(),
            slack: config.slack.as_ref().map(|_| crate::slack::Slack {
                publisher: publisher.clone(),
            }),
        })
    }

    /// Queues a memory write (never waits for the memory service itself). Not journaled:
    /// queuing a record again on a retry is harmless, the backends store each id once.
    pub async fn remember(&self, conv: &Conversation, record: Record) -> Result<(), StepError> {
        self.remember_as(conv, record, false).await
    }

    /// [`Engine::remember`] for a record only this step publishes, marked as its first publish
    /// when `pristine` (the attempt is pristine: no earlier attempt can have published it), so
    /// that its first delivery skips the memory backend's look for an earlier write.
    pub async fn remember_as(
        &self,
        conv: &Conversation,
        record: Record,
        pristine: bool,
    ) -> Result<(), StepError> {
        crate::memory::queue::enqueue(&self.publisher, &identity(conv), &record, pristine)
            .await
            .map_err(|e| StepError::Transient(format!("memory queue: {e}")))
    }
}

/// The memory identity of a conversation.
pub fn identity(conv: &Conversation) -> Identity {
    Identity {
        business: conv.number.clone(),
        customer: conv.customer.clone(),
        phone: conv.wa_id.clone(),
    }
}

/// The pipeline step.
pub struct Converse(pub Arc<Engine>);

impl Step for Converse {
    fn name(&self) -> &'static str {
        "converse"
    }

    fn run<'a>(&'a self, cx: &'a StepCx, event: &'a Event) -> BoxFuture<'a, Result<(), StepError>> {
        async move {
            let e = &self.0;
            match event.kind {
                EventKind::CustomerMessage => customer::on_message(e, cx, event).await,
                EventKind::MessageStatus => status::on_status(cx, event).await,
                EventKind::HumanClaim
                | EventKind::HumanTakeover
                | EventKind::HumanReply
                | EventKind::HumanRelease
                | EventKind::HumanTemplate => human::on_command(e, cx, event).await,
                EventKind::BusinessEcho => echo::on_echo(e, cx, event).await,
                EventKind::HandoffWaiting => waiting::on_waiting(e, cx, event).await,
                _ => Ok(()),
            }
        }
        .boxed()
    }
}
