//! The one versioned event type that travels through the broker.
//!
//! Ingress turns each webhook item into an [`Event`]; workers consume it. The JSON form is the
//! queue contract: fields are only ever added (with defaults), never renamed; a breaking change
//! bumps [`SCHEMA_VERSION`]. The raw item Meta sent is always carried in `item`, so nothing is
//! lost even for kinds and types this version does not understand.

pub mod human;
pub mod sweep;

use serde::{Deserialize, Serialize};

pub use human::{Command, Template, command_id};
pub use sweep::{CUSTOMER_AGENT, SYSTEM_AGENT, Waiting};

/// Version of the event JSON written by this build.
pub const SCHEMA_VERSION: u16 = 1;

/// What an event is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An inbound message from a customer (`messages[]`).
    CustomerMessage,
    /// A delivery status of a message we sent (`statuses[]`).
    MessageStatus,
    /// A value-level error from Meta (`value.errors[]`).
    PlatformError,
    /// A change of a subscribed field other than `messages` (account, template updates…).
    PlatformChange,
    /// A human takes the conversation over from the AI (`item`: `{agent}`).
    HumanTakeover,
    /// A human's message to the customer (`item`: `{agent, text}`); also takes over.
    HumanReply,
    /// The human hands the conversation back to the AI (`item`: `{agent, note?}`; the
    /// inactivity release adds `idle_since`, [`sweep`]).
    HumanRelease,
    /// An agent claims a pending handoff (`item`: `{agent}`).
    HumanClaim,
    /// An approved template to the customer (`item`: `{agent, template: {name, language,
    /// parameters}}`); also takes over. The one way to write outside the 24-hour window.
    HumanTemplate,
    /// A message the business sent from the WhatsApp Business app on the same number
    /// (coexistence; `smb_message_echoes`, `item`: the echo as Meta sent it): a human's turn
    /// that takes the conversation over.
    BusinessEcho,
    /// A handoff nobody has taken yet, re-alerted by the worker's sweeper once per
    /// `HANDOFF_REALERT_AFTER` (`item`: `{since_ms, alert, waiting_ms}`, [`sweep`]).
    HandoffWaiting,
    /// Anything a newer producer emits that this build does not know.
    #[serde(other)]
    Unknown,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::CustomerMessage => "customer_message",
            EventKind::MessageStatus => "message_status",
            EventKind::PlatformError => "platform_error",
            EventKind::PlatformChange => "platform_change",
            EventKind::HumanTakeover => "human_takeover",
            EventKind::HumanReply => "human_reply",
            EventKind::HumanRelease => "human_release",
            EventKind::HumanClaim => "human_claim",
            EventKind::HumanTemplate => "human_template",
            EventKind::BusinessEcho => "business_echo",
            EventKind::HandoffWaiting => "handoff_waiting",
            EventKind::Unknown => "unknown",
        }
    }
}

/// Who the conversation is with: one business number and one customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    /// `metadata.phone_number_id` of the business number (or the WABA id when absent).
    pub number: String,
    /// The customer key: business-scoped user id when present, else the phone number.
    pub customer: String,
    /// The customer's phone number (`wa_id`/`from`), when Meta sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wa_id: Option<String>,
    /// The business-scoped user id (BSUID), when Meta sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The customer's WhatsApp profile name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Conversation {
    /// The stable key events are partitioned and ordered by.
    pub fn key(&self) -> String {
        format!("{}:{}", self.number, self.customer)
    }
}

/// One unit of work on the event stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Schema version ([`SCHEMA_VERSION`] when written by this build).
    pub v: u16,
    pub kind: EventKind,
    /// The idempotency key: the `wamid` for messages, a derived stable id otherwise.
    pub id: String,
    pub conversation: Conversation,
    /// Meta's own timestamp (Unix seconds), when present and readable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta_ts: Option<i64>,
    /// When ingress received the webhook (Unix milliseconds).
    pub received_at_ms: i64,
    /// The raw item exactly as Meta sent it (a message, status, error or change value).
    pub item: serde_json::Value,
}

impl Event {
    /// The message `type` of a customer message (`text`, `image`, …) when present.
    pub fn message_type(&self) -> Option<&str> {
        self.item.get("type").and_then(|t| t.as_str())
    }

    /// The text body of a text message, when present.
    pub fn text(&self) -> Option<&str> {
        self.item.pointer("/text/body").and_then(|t| t.as_str())
    }
}

impl Event {
    /// A command from the human side (console, Slack, API) about `conversation`.
    pub fn human(
        kind: EventKind,
        conversation: Conversation,
        agent: &str,
        text: Option<&str>,
    ) -> Event {
        let mut item = serde_json::json!({ "agent": agent });
        if let Some(t) = text {
            let field = if kind == EventKind::HumanRelease {
                "note"
            } else {
                "text"
            };
            item[field] = serde_json::Value::String(t.to_owned());
        }
        Event {
            v: SCHEMA_VERSION,
            kind,
            id: format!("{}:{}", kind.as_str(), uuid::Uuid::new_v4()),
            conversation,
            meta_ts: None,
            received_at_ms: now_ms(),
            item,
        }
    }
}

/// Current time in Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_kinds_deserialise() {
        let k: EventKind = serde_json::from_str("\"slack_reaction\"").unwrap();
        assert_eq!(k, EventKind::Unknown);
        let k: EventKind = serde_json::from_str("\"customer_message\"").unwrap();
        assert_eq!(k.as_str(), "customer_message");
    }
}
