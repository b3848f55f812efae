//! Slack, the human side's second screen (ARCHITECTURE §5, `../shared/specs/slack.md`): the
//! handoff alert in `SLACK_CHANNEL_ID` with its buttons, kept in line with the conversation's
//! owner by `chat.update`, and the customer's messages mirrored into its thread. (What Slack
//! sends back — thread replies, clicks — arrives through ingress as ordinary human commands.)
//!
//! **Record, then sync.** The conversation engine never calls Slack. Where it records an event
//! for the humans (a handoff, a re-alert, a customer message while a human owns the
//! conversation, a claim, takeover or release), it also records what Slack must show, in the
//! same `MULTI` as that event and its journal mark ([`outbox`]) — so it is recorded exactly
//! once, whatever fails — and then queues a [`Job::Sync`] for the conversation on the Slack
//! queue. The queue's consumer ([`queue`]) brings Slack in line with what is recorded
//! ([`sync`]): post the alert if it is not posted, update it if the conversation's version
//! moved, post the thread lines not yet posted. A sync is idempotent (it compares, then acts),
//! so a sync queued twice, retried or overtaken by a later one changes nothing more.
//!
//! **Failure never blocks a handoff.** The handoff is complete once recorded; Slack down or
//! rate limited only delays the alert: a failed sync goes through the broker's retry tiers
//! (`{ns}.slack.retry.<t>`), then to the DLQ (`worker dlq replay` puts it back), while the
//! customer's conversation goes on. A refusal that retrying cannot fix (`not_in_channel`,
//! `invalid_auth`) goes straight to the DLQ and is logged.
//!
//! Layout in Redis (per conversation, kept 30 days): `{ns}:slack:conv:{key}` (hash: `alert`,
//! the id of the handoff the alert is for; `ts`/`channel` once posted; `shown`, the version the
//! alert shows; `posted`, how many thread lines are posted) and `{ns}:slack:lines:{key}` (the
//! thread lines, in order). `{ns}:slack:thread:{channel}:{ts}` leads ingress from an alert to
//! its conversation (`baton_shared::state::slack`).

pub mod client;
pub mod outbox;
pub mod queue;
pub mod render;
pub mod sync;

use std::sync::Arc;

use baton_shared::amqp::{PublishError, Publisher};
use lapin::BasicProperties;
use serde::{Deserialize, Serialize};

pub use client::{SlackClient, SlackError};

/// One unit of work on the Slack queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// Bring the conversation's alert and thread in line with what is recorded.
    Sync { conversation: String },
    /// Tell the agent who clicked a button why it did not apply (ephemeral, §6.3).
    Respond { url: String, text: String },
}

/// The engine's handle on Slack: queues jobs (never calls Slack itself).
#[derive(Clone)]
pub struct Slack {
    pub publisher: Arc<Publisher>,
}

impl Slack {
    /// Queues `job` (confirmed publish). Its message id (`slack-sync-<uuid>`,
    /// `slack-respond-<uuid>`) names it in `worker dlq list|show|replay`.
    pub async fn enqueue(&self, job: &Job) -> Result<(), PublishError> {
        let body = serde_json::to_vec(job)?;
        let kind = match job {
            Job::Sync { .. } => "sync",
            Job::Respond { .. } => "respond",
        };
        let id = format!("slack-{kind}-{}", uuid::Uuid::new_v4().simple());
        let props = BasicProperties::default()
            .with_content_type("application/json".into())
            .with_message_id(id.into())
            .with_type("slack".into())
            .with_headers(baton_shared::telemetry::inject_current());
        let queue = self.publisher.names().slack_queue();
        self.publisher.publish_raw("", &queue, &body, props).await
    }

    /// Queues a sync of `conversation`.
    pub async fn sync(&self, conversation: &str) -> Result<(), PublishError> {
        self.enqueue(&Job::Sync {
            conversation: conversation.to_owned(),
        })
        .await
    }
}
