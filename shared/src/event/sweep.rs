//! Events the worker's sweeper publishes on a conversation's partition, so they are ordered
//! with the customer's messages and the humans' commands like every other change.
//!
//! - The **inactivity release** ([`Event::idle_release`]): a `human_release` command from the
//!   agent [`SYSTEM_AGENT`] whose item also carries `idle_since`, the last human activity the
//!   sweeper saw. The worker applies it only if no human acted after that
//!   (`state::transition::apply_if_idle`), else refuses it quietly.
//! - The **re-alert** of a handoff nobody took ([`Event::handoff_waiting`]), the `alert`-th
//!   interval after it was handed off.
//!
//! Both ids are derived (UUIDv5) from what the sweeper saw — the conversation and the activity
//! time, or the conversation, the handoff time and the interval — so a repeated sweep, a
//! second worker sweeping during a partition hand-over, or a publish retried after a lost
//! confirm makes the same event, and the worker's dedupe makes it one.

use serde_json::json;

use super::{Command, Conversation, Event, EventKind, SCHEMA_VERSION, now_ms};

/// The agent named on what Baton does by itself (the inactivity release).
pub const SYSTEM_AGENT: &str = "system";
/// The agent named on a release the customer asked for (`HANDOFF_END_KEYWORDS`).
pub const CUSTOMER_AGENT: &str = "customer";

/// Fixed namespace of the sweeper's event ids, so every worker derives the same id.
const SWEEP_NS: uuid::Uuid = uuid::uuid!("0b6f6a1e-54c4-4d63-9f0e-2a0c7d5e8b31");

fn derived(parts: &[&str]) -> uuid::Uuid {
    uuid::Uuid::new_v5(&SWEEP_NS, parts.join("\u{0}").as_bytes())
}

/// A handoff still waiting, as a `handoff_waiting` event carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Waiting {
    /// When the conversation was handed off (ms): the `pending_human` index's score.
    pub since_ms: i64,
    /// Which re-alert: 1 for the first interval waited, 2 for the second, …
    pub alert: u32,
    /// How long it had waited when the sweeper looked (ms).
    pub waiting_ms: i64,
}

impl Event {
    /// The inactivity release of `conversation`, whose last human activity the sweeper saw at
    /// `idle_since` (ms); `note` is what the AI and the humans read about it.
    pub fn idle_release(conversation: Conversation, idle_since: i64, note: &str) -> Event {
        let key = conversation.key();
        let id = format!(
            "{}:idle-{}",
            EventKind::HumanRelease.as_str(),
            derived(&["idle", &key, &idle_since.to_string()])
        );
        let release = Command::Release {
            note: Some(note.to_owned()),
        };
        let mut ev = Event::command(&release, conversation, SYSTEM_AGENT, id);
        ev.item["idle_since"] = json!(idle_since);
        ev
    }

    /// The last human activity an inactivity release was decided on, if this is one.
    pub fn idle_since(&self) -> Option<i64> {
        if self.kind != EventKind::HumanRelease {
            return None;
        }
        self.item["idle_since"].as_i64()
    }

    /// The `w.alert`-th re-alert of the handoff of `conversation` made at `w.since_ms`.
    pub fn handoff_waiting(conversation: Conversation, w: Waiting) -> Event {
        let key = conversation.key();
        let id = format!(
            "{}:{}",
            EventKind::HandoffWaiting.as_str(),
            derived(&[
                "waiting",
                &key,
                &w.since_ms.to_string(),
                &w.alert.to_string()
            ])
        );
        Event {
            v: SCHEMA_VERSION,
            kind: EventKind::HandoffWaiting,
            id,
            conversation,
            meta_ts: None,
            received_at_ms: now_ms(),
            item: json!({ "since_ms": w.since_ms, "alert": w.alert, "waiting_ms": w.waiting_ms }),
        }
    }

    /// What a `handoff_waiting` event carries (`None` for other kinds or a malformed item).
    pub fn waiting(&self) -> Option<Waiting> {
        if self.kind != EventKind::HandoffWaiting {
            return None;
        }
        Some(Waiting {
            since_ms: self.item["since_ms"].as_i64()?,
            alert: u32::try_from(self.item["alert"].as_u64()?).ok()?,
            waiting_ms: self.item["waiting_ms"].as_i64().unwrap_or(0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(customer: &str) -> Conversation {
        Conversation {
            number: "300".into(),
            customer: customer.into(),
            wa_id: Some(customer.into()),
            user_id: None,
            name: None,
        }
    }

    #[test]
    fn one_idle_stretch_is_one_release() {
        let a = Event::idle_release(conv("5511"), 1000, "idle");
        assert_eq!(a.id, Event::idle_release(conv("5511"), 1000, "idle").id);
        assert_ne!(a.id, Event::idle_release(conv("5511"), 1001, "idle").id);
        assert_ne!(a.id, Event::idle_release(conv("5522"), 1000, "idle").id);
        assert!(a.id.starts_with("human_release:idle-"));
        let back: Event = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back.idle_since(), Some(1000));
        assert_eq!(
            Command::from_event(&back),
            Some(Command::Release {
                note: Some("idle".into())
            })
        );
        assert_eq!(super::super::human::agent_of(&back), SYSTEM_AGENT);
        let console = Event::human(EventKind::HumanRelease, conv("5511"), "maria", None);
        assert_eq!(console.idle_since(), None);
    }

    #[test]
    fn one_interval_of_one_handoff_is_one_realert() {
        let w = Waiting {
            since_ms: 5000,
            alert: 2,
            waiting_ms: 2_000_000,
        };
        let a = Event::handoff_waiting(conv("5511"), w);
        let later = Waiting {
            waiting_ms: 2_100_000,
            ..w
        };
        assert_eq!(a.id, Event::handoff_waiting(conv("5511"), later).id);
        for other in [
            Waiting { alert: 3, ..w },
            Waiting {
                since_ms: 6000,
                ..w
            },
        ] {
            assert_ne!(a.id, Event::handoff_waiting(conv("5511"), other).id);
        }
        let back: Event = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back.kind, EventKind::HandoffWaiting);
        assert_eq!(back.waiting(), Some(w));
    }
}
