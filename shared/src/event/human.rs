//! Commands from the human side (console, Slack, API) as they travel in an event's `item`.
//!
//! A [`Command`] becomes an [`Event`] on the conversation's partition ([`Event::command`]), so
//! it is ordered with the customer's messages. Its id is the worker's idempotency key:
//! [`command_id`] derives it from the request's `Idempotency-Key` (UUIDv5 of agent, command,
//! conversation and key), so the same key from the same agent is one command however often it
//! is sent; without a key every request is a new command. The item also carries a
//! [`Command::fingerprint`] of what was asked, so a key reused for a different request can be
//! told apart from a retry.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{Conversation, Event, EventKind, SCHEMA_VERSION, now_ms};

/// An approved WhatsApp template and its body parameters, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub name: String,
    /// Language code, e.g. `en_US` or `pt_BR`.
    pub language: String,
    #[serde(default)]
    pub parameters: Vec<String>,
}

/// What a human asks Baton to do with a conversation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Claim a pending handoff.
    Claim,
    /// Take the conversation from the AI now.
    Takeover,
    /// A message to the customer (takes over if needed).
    Reply { text: String },
    /// Hand the conversation back to the AI.
    Release { note: Option<String> },
    /// An approved template to the customer (takes over if needed).
    Template(Template),
}

impl Command {
    pub fn kind(&self) -> EventKind {
        match self {
            Command::Claim => EventKind::HumanClaim,
            Command::Takeover => EventKind::HumanTakeover,
            Command::Reply { .. } => EventKind::HumanReply,
            Command::Release { .. } => EventKind::HumanRelease,
            Command::Template(_) => EventKind::HumanTemplate,
        }
    }

    /// The event item for `agent` (without the fingerprint).
    fn item(&self, agent: &str) -> Value {
        let mut item = json!({ "agent": agent });
        match self {
            Command::Claim | Command::Takeover => {}
            Command::Reply { text } => item["text"] = json!(text),
            Command::Release { note } => {
                if let Some(n) = note {
                    item["note"] = json!(n);
                }
            }
            Command::Template(t) => item["template"] = json!(t),
        }
        item
    }

    /// A digest of what was asked (kind and content), to tell a retry from a reused key.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.kind().as_str().as_bytes());
        h.update(self.item("").to_string().as_bytes());
        hex::encode(&h.finalize()[..16])
    }

    /// Reads a command back from a human event; `None` for other kinds or a malformed item.
    pub fn from_event(ev: &Event) -> Option<Command> {
        let text = |k: &str| ev.item[k].as_str().map(str::to_owned);
        Some(match ev.kind {
            EventKind::HumanClaim => Command::Claim,
            EventKind::HumanTakeover => Command::Takeover,
            EventKind::HumanReply => Command::Reply {
                text: text("text")?,
            },
            EventKind::HumanRelease => Command::Release { note: text("note") },
            EventKind::HumanTemplate => {
                Command::Template(serde_json::from_value(ev.item["template"].clone()).ok()?)
            }
            _ => return None,
        })
    }
}

/// The agent who sent a human event.
pub fn agent_of(ev: &Event) -> &str {
    ev.item["agent"].as_str().unwrap_or("agent")
}

/// Fixed namespace of command ids (UUIDv5), so every ingress replica derives the same id.
const COMMAND_NS: uuid::Uuid = uuid::uuid!("5b0f3d2e-8c1a-4e55-9d3b-6f1c2a7e9b40");

/// The event id of a command: with an idempotency key, derived from (agent, command,
/// conversation, key) — the same key from the same agent is the same event; without one,
/// random.
pub fn command_id(kind: EventKind, agent: &str, conversation: &str, key: Option<&str>) -> String {
    let id = match key {
        Some(k) => {
            let name = [agent, kind.as_str(), conversation, k].join("\u{0}");
            uuid::Uuid::new_v5(&COMMAND_NS, name.as_bytes())
        }
        None => uuid::Uuid::new_v4(),
    };
    format!("{}:{id}", kind.as_str())
}

impl Event {
    /// The event carrying `command` from `agent` about `conversation`, with id `id`
    /// (see [`command_id`]).
    pub fn command(
        command: &Command,
        conversation: Conversation,
        agent: &str,
        id: String,
    ) -> Event {
        let mut item = command.item(agent);
        item["fingerprint"] = json!(command.fingerprint());
        Event {
            v: SCHEMA_VERSION,
            kind: command.kind(),
            id,
            conversation,
            meta_ts: None,
            received_at_ms: now_ms(),
            item,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv() -> Conversation {
        Conversation {
            number: "300".into(),
            customer: "5511".into(),
            wa_id: Some("5511".into()),
            user_id: None,
            name: None,
        }
    }

    #[test]
    fn one_key_from_one_agent_is_one_command() {
        let k = EventKind::HumanReply;
        let a = command_id(k, "maria", "300:5511", Some("key-1"));
        assert_eq!(a, command_id(k, "maria", "300:5511", Some("key-1")));
        assert!(a.starts_with("human_reply:"));
        for other in [
            command_id(k, "li", "300:5511", Some("key-1")),
            command_id(k, "maria", "300:5522", Some("key-1")),
            command_id(EventKind::HumanRelease, "maria", "300:5511", Some("key-1")),
            command_id(k, "maria", "300:5511", Some("key-2")),
            command_id(k, "maria", "300:5511", None),
        ] {
            assert_ne!(a, other);
        }
        assert_ne!(
            command_id(k, "maria", "300:5511", None),
            command_id(k, "maria", "300:5511", None)
        );
    }

    #[test]
    fn commands_round_trip_through_events() {
        let t = Template {
            name: "order_update".into(),
            language: "en_US".into(),
            parameters: vec!["Anish".into(), "ORD-22".into()],
        };
        for c in [
            Command::Claim,
            Command::Takeover,
            Command::Reply { text: "hi".into() },
            Command::Release { note: None },
            Command::Release {
                note: Some("done".into()),
            },
            Command::Template(t),
        ] {
            let ev = Event::command(&c, conv(), "maria", "x".into());
            let back: Event = serde_json::from_str(&serde_json::to_string(&ev).unwrap()).unwrap();
            assert_eq!(Command::from_event(&back), Some(c.clone()));
            assert_eq!(agent_of(&back), "maria");
            assert_eq!(back.item["fingerprint"], c.fingerprint());
        }
        let reply = |t: &str| Command::Reply { text: t.into() }.fingerprint();
        assert_ne!(reply("hi"), reply("hello"));
        assert_ne!(
            Command::Claim.fingerprint(),
            Command::Takeover.fingerprint()
        );
    }
}
