//! What Baton writes to memory, and how each record becomes a document and its metadata.
//!
//! The texts and metadata are the seed recipe's, kept on purpose so memory written by a seed
//! deployment and by Baton reads alike:
//!
//! - turns: `Customer: …`, `Agent: …`, `Human agent: …`, metadata `channel=whatsapp`,
//!   `direction=inbound|outbound` and `tier=ai|human` (customer turns have no tier);
//! - handoff events: `AI handed off to human. Reason: {reason}. Summary: {summary}` (metadata
//!   `handoff_reason`) and `Human released thread back to AI.` (metadata
//!   `handoff_event=released`). Baton adds the events the seed lacks (`claimed`,
//!   `taken_over`), always sets `handoff_event`, and carries the seed's document type in
//!   `metadata.document_kind = "support-handoff"` because Synap does not accept it as a
//!   `document_type` (spec §5.1; ARCHITECTURE §7);
//! - facts the LLM chose to store (`store_memory` tool): the content as is.
//!
//! The serde form (`{"kind": "turn", …}`) is what the memory queue carries; keep it stable.
//! Nothing here fails.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// The seed's document type for handoff events, carried in `metadata.document_kind`.
pub const HANDOFF_KIND: &str = "support-handoff";
/// The seed's (and the SDK's default) document type for chat turns.
pub const CHAT_DOCUMENT_TYPE: &str = "ai-chat-conversation";
/// Document type of stored facts: plain statements, not a dialogue (spec §9.3).
pub const FACT_DOCUMENT_TYPE: &str = "document";

/// Who spoke a turn.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Customer,
    Ai,
    Human,
}

impl Role {
    /// The seed's speaker label.
    pub fn label(self) -> &'static str {
        match self {
            Role::Customer => "Customer",
            Role::Ai => "Agent",
            Role::Human => "Human agent",
        }
    }

    pub fn direction(self) -> &'static str {
        match self {
            Role::Customer => "inbound",
            Role::Ai | Role::Human => "outbound",
        }
    }

    pub fn tier(self) -> Option<&'static str> {
        match self {
            Role::Customer => None,
            Role::Ai => Some("ai"),
            Role::Human => Some("human"),
        }
    }

    /// Synap's `record_message` role: only `user` and `assistant` exist (spec §5.6).
    pub fn synap_role(self) -> &'static str {
        match self {
            Role::Customer => "user",
            Role::Ai | Role::Human => "assistant",
        }
    }
}

/// A change of conversation ownership.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum HandoffEvent {
    HandedOff,
    Claimed,
    TakenOver,
    Released,
}

impl HandoffEvent {
    /// The `metadata.handoff_event` value.
    pub fn as_str(self) -> &'static str {
        match self {
            HandoffEvent::HandedOff => "handed_off",
            HandoffEvent::Claimed => "claimed",
            HandoffEvent::TakenOver => "taken_over",
            HandoffEvent::Released => "released",
        }
    }
}

/// One thing to remember about a customer.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    /// A customer, AI or human turn.
    Turn {
        /// Event or turn id: the idempotency key of the write.
        id: String,
        role: Role,
        text: String,
        at_ms: i64,
    },
    /// A handoff event (the seed's `support-handoff` documents).
    Handoff {
        id: String,
        event: HandoffEvent,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<String>,
        /// The human agent's name, when a human acted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actor: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        at_ms: i64,
    },
    /// A fact the LLM chose to store.
    Fact {
        id: String,
        content: String,
        at_ms: i64,
    },
}

impl Record {
    pub fn id(&self) -> &str {
        match self {
            Record::Turn { id, .. } | Record::Handoff { id, .. } | Record::Fact { id, .. } => id,
        }
    }

    pub fn at_ms(&self) -> i64 {
        match self {
            Record::Turn { at_ms, .. }
            | Record::Handoff { at_ms, .. }
            | Record::Fact { at_ms, .. } => *at_ms,
        }
    }

    /// The document text (the seed's wording).
    pub fn document(&self) -> String {
        match self {
            Record::Turn { role, text, .. } => format!("{}: {text}", role.label()),
            Record::Handoff { .. } => self.handoff_document(),
            Record::Fact { content, .. } => content.clone(),
        }
    }

    /// The metadata object (the seed's keys plus Baton's additions for handoff events).
    pub fn metadata(&self) -> Value {
        match self {
            Record::Turn { role, .. } => {
                let mut m = json!({"channel": "whatsapp", "direction": role.direction()});
                if let Some(tier) = role.tier() {
                    m["tier"] = json!(tier);
                }
                m
            }
            Record::Handoff {
                event,
                reason,
                actor,
                ..
            } => {
                let mut m = Map::new();
                m.insert("document_kind".into(), json!(HANDOFF_KIND));
                m.insert("handoff_event".into(), json!(event.as_str()));
                if let Some(r) = reason {
                    m.insert("handoff_reason".into(), json!(r));
                }
                if let Some(a) = actor {
                    m.insert("actor".into(), json!(a));
                }
                Value::Object(m)
            }
            Record::Fact { .. } => json!({"document_kind": "fact"}),
        }
    }

    /// Synap `document_type` for this record; handoff events use the configured type.
    pub fn document_type<'a>(&self, handoff_type: &'a str) -> &'a str {
        match self {
            Record::Turn { .. } => CHAT_DOCUMENT_TYPE,
            Record::Handoff { .. } => handoff_type,
            Record::Fact { .. } => FACT_DOCUMENT_TYPE,
        }
    }

    /// True for handoff events and facts: the durable notes the context always shows.
    pub fn is_note(&self) -> bool {
        !matches!(self, Record::Turn { .. })
    }

    fn handoff_document(&self) -> String {
        let Record::Handoff {
            event,
            reason,
            summary,
            actor,
            note,
            ..
        } = self
        else {
            return String::new();
        };
        let who = actor
            .as_deref()
            .map(|a| format!(" {a}"))
            .unwrap_or_default();
        let mut doc = match event {
            HandoffEvent::HandedOff => format!(
                "AI handed off to human. Reason: {}. Summary: {}",
                reason.as_deref().unwrap_or("unspecified"),
                summary.as_deref().unwrap_or("none")
            ),
            HandoffEvent::Claimed => format!("Human agent{who} claimed the thread."),
            HandoffEvent::TakenOver => match reason {
                Some(r) => format!("Human agent{who} took over the thread from AI. Reason: {r}."),
                None => format!("Human agent{who} took over the thread from AI."),
            },
            HandoffEvent::Released => "Human released thread back to AI.".to_owned(),
        };
        if let Some(n) = note.as_deref().filter(|n| !n.trim().is_empty()) {
            doc.push_str(&format!(" Note: {n}"));
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn(role: Role, text: &str) -> Record {
        Record::Turn {
            id: "t1".into(),
            role,
            text: text.into(),
            at_ms: 0,
        }
    }

    fn handoff(event: HandoffEvent) -> Record {
        Record::Handoff {
            id: "h1".into(),
            event,
            reason: None,
            summary: None,
            actor: None,
            note: None,
            at_ms: 0,
        }
    }

    #[test]
    fn turns_are_the_seeds_documents() {
        let c = turn(Role::Customer, "Hi, my order #ORD-22 hasn't arrived");
        assert_eq!(
            c.document(),
            "Customer: Hi, my order #ORD-22 hasn't arrived"
        );
        assert_eq!(
            c.metadata(),
            json!({"channel": "whatsapp", "direction": "inbound"})
        );
        let a = turn(Role::Ai, "Of course");
        assert_eq!(a.document(), "Agent: Of course");
        assert_eq!(
            a.metadata(),
            json!({"channel": "whatsapp", "direction": "outbound", "tier": "ai"})
        );
        let h = turn(Role::Human, "Reissuing now");
        assert_eq!(h.document(), "Human agent: Reissuing now");
        assert_eq!(
            h.metadata(),
            json!({"channel": "whatsapp", "direction": "outbound", "tier": "human"})
        );
        assert_eq!(c.document_type("document"), "ai-chat-conversation");
    }

    #[test]
    fn handoff_is_the_seeds_document_plus_kind() {
        let mut r = handoff(HandoffEvent::HandedOff);
        if let Record::Handoff {
            reason, summary, ..
        } = &mut r
        {
            *reason = Some("customer_asked".into());
            *summary = Some("2nd missing-order issue".into());
        }
        assert_eq!(
            r.document(),
            "AI handed off to human. Reason: customer_asked. Summary: 2nd missing-order issue"
        );
        let m = r.metadata();
        assert_eq!(m["handoff_reason"], "customer_asked");
        assert_eq!(m["handoff_event"], "handed_off");
        assert_eq!(m["document_kind"], "support-handoff");
        assert_eq!(r.document_type("document"), "document");
    }

    #[test]
    fn release_is_the_seeds_document() {
        let r = handoff(HandoffEvent::Released);
        assert_eq!(r.document(), "Human released thread back to AI.");
        assert_eq!(
            r.metadata(),
            json!({"handoff_event": "released", "document_kind": "support-handoff"})
        );
        let mut noted = r.clone();
        if let Record::Handoff { note, actor, .. } = &mut noted {
            *note = Some("reissued ORD-22-R".into());
            *actor = Some("ana".into());
        }
        assert_eq!(
            noted.document(),
            "Human released thread back to AI. Note: reissued ORD-22-R"
        );
        assert_eq!(noted.metadata()["actor"], "ana");
    }

    #[test]
    fn other_events_and_facts() {
        assert_eq!(
            handoff(HandoffEvent::Claimed).document(),
            "Human agent claimed the thread."
        );
        let mut t = handoff(HandoffEvent::TakenOver);
        if let Record::Handoff { actor, .. } = &mut t {
            *actor = Some("ana".into());
        }
        assert_eq!(
            t.document(),
            "Human agent ana took over the thread from AI."
        );
        assert_eq!(t.metadata()["handoff_event"], "taken_over");
        let f = Record::Fact {
            id: "f".into(),
            content: "Prefers email".into(),
            at_ms: 0,
        };
        assert_eq!(f.document(), "Prefers email");
        assert_eq!(f.document_type("document"), "document");
    }

    #[test]
    fn serde_form_is_tagged_and_round_trips() {
        let r = turn(Role::Human, "x");
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(
            v,
            json!({"kind": "turn", "id": "t1", "role": "human", "text": "x", "at_ms": 0})
        );
        assert_eq!(serde_json::from_value::<Record>(v).unwrap(), r);
        let h = serde_json::to_value(handoff(HandoffEvent::TakenOver)).unwrap();
        assert_eq!(
            h,
            json!({"kind": "handoff", "id": "h1", "event": "taken_over", "at_ms": 0})
        );
    }
}
