//! The console API's response bodies: typed, so the JSON shape is written down once.
//!
//! Customer text travels as JSON strings only (serde escapes it); nothing here builds markup.

use baton_shared::state::failures::Failure;
use baton_shared::state::index::Row;
use baton_shared::state::{
    ConversationState, DeliveryStatus, Entry, HandoffReason, HandoffRecord, HandoffSource,
    MediaRef, Owner, Speaker, Unavailable,
};
use std::collections::HashMap;

use serde::Serialize;

/// The 24-hour customer-service window.
#[derive(Serialize)]
pub struct Window {
    pub open: bool,
    pub remaining_ms: i64,
    /// When it closes (absent when the customer never wrote).
    pub closes_at_ms: Option<i64>,
}

impl Window {
    pub fn of(state: &ConversationState, now: i64) -> Window {
        Window {
            open: state.window_open(now),
            remaining_ms: state.window_left_ms(now),
            closes_at_ms: state
                .last_customer_ms
                .map(|t| t + baton_shared::state::conversation::WINDOW_MS),
        }
    }
}

/// One transcript line: who said what.
#[derive(Serialize)]
pub struct Turn {
    pub id: String,
    pub speaker: Speaker,
    /// The human agent's name (human turns and their events).
    pub agent: Option<String>,
    pub text: String,
    /// The customer's message type (`text`, `image`, …).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub at_ms: i64,
    /// The detail's AI and human turns: each part's wamid and how far it got (the ticks).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub delivery: Vec<Delivery>,
    /// A customer's photo, voice note, sticker, video or document: its media id (fetched
    /// through `…/media/{id}`), kind, and whether `text` is its transcript.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaRef>,
}

/// One sent part of a turn and its delivery status.
#[derive(Serialize)]
pub struct Delivery {
    pub wamid: String,
    pub status: DeliveryStatus,
}

impl From<&Entry> for Turn {
    fn from(e: &Entry) -> Turn {
        Turn {
            id: e.id.clone(),
            speaker: e.role,
            agent: e.agent.clone(),
            text: e.text.clone(),
            kind: e.r#type.clone(),
            at_ms: e.at_ms,
            delivery: Vec::new(),
            media: e.media.clone(),
        }
    }
}

impl Turn {
    /// The turn with its parts' statuses (`statuses` as `state::delivery::statuses` reads
    /// them; a wamid missing there reads as unknown).
    pub fn with_delivery(e: &Entry, statuses: &HashMap<String, DeliveryStatus>) -> Turn {
        let mut t = Turn::from(e);
        t.delivery = e
            .wamids
            .iter()
            .map(|w| Delivery {
                wamid: w.clone(),
                status: statuses.get(w).copied().unwrap_or(DeliveryStatus::Unknown),
            })
            .collect();
        t
    }
}

/// A conversation as the list shows it.
#[derive(Serialize)]
pub struct Summary {
    /// The conversation key (`{number}:{customer}`); SSE events carry it.
    pub conversation: String,
    pub number: String,
    pub customer: String,
    pub name: Option<String>,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub owner: Owner,
    /// The human agent who owns it.
    pub agent: Option<String>,
    pub version: u64,
    /// The current handoff's reason and summary (cleared on release).
    pub reason: Option<HandoffReason>,
    pub summary: Option<String>,
    /// Since when it has this owner.
    pub since_ms: Option<i64>,
    /// How long it has waited for a human (pending handoffs only).
    pub waiting_ms: Option<i64>,
    pub last_customer_ms: Option<i64>,
    pub last_message: Option<Turn>,
    pub window: Window,
}

impl Summary {
    pub fn new(key: &str, state: &ConversationState, since_ms: Option<i64>, now: i64) -> Summary {
        let (number, customer) = key.split_once(':').unwrap_or(("", key));
        let since_ms = state.since_ms.or(since_ms);
        Summary {
            conversation: key.to_owned(),
            number: number.to_owned(),
            customer: customer.to_owned(),
            name: state.name.clone(),
            wa_id: state.wa_id.clone(),
            user_id: state.user_id.clone(),
            owner: state.owner,
            agent: state.agent.clone(),
            version: state.version,
            reason: state.reason,
            summary: state.summary.clone(),
            since_ms,
            waiting_ms: since_ms
                .filter(|_| state.owner == Owner::PendingHuman)
                .map(|t| (now - t).max(0)),
            last_customer_ms: state.last_customer_ms,
            last_message: None,
            window: Window::of(state, now),
        }
    }

    pub fn of_row(row: &Row, now: i64) -> Summary {
        let mut s = Summary::new(&row.key, &row.state, Some(row.since_ms), now);
        s.last_message = row.last.as_ref().map(Turn::from);
        s
    }
}

/// Why Baton handed the conversation off.
#[derive(Serialize)]
pub struct Handoff {
    pub event_id: String,
    pub reason: HandoffReason,
    pub summary: String,
    /// `detector`, `model` or `ai_failure`.
    pub source: Option<HandoffSource>,
    /// The detector's matched words, the model's `hand_off_to_human` call, or the failure.
    pub evidence: Option<String>,
    pub version: u64,
    /// Set when nobody was available to take it (`closed` with when the team is back, or
    /// `nobody_online`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<Unavailable>,
    pub at_ms: i64,
}

/// A conversation in full.
#[derive(Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub summary: Summary,
    /// The last handoff (kept after a release, with the version it happened at).
    pub handoff: Option<Handoff>,
    /// The long-term memory context the AI had at the last handoff.
    pub memory_context: Option<String>,
    /// Oldest first.
    pub transcript: Vec<Turn>,
    /// Messages that could not be sent or delivered, newest first.
    pub failures: Vec<Failure>,
    /// The AI's newest unsent reply (owner changed mid-turn), a suggestion for the human.
    pub draft: Option<String>,
}

impl Detail {
    pub fn split_handoff(record: Option<HandoffRecord>) -> (Option<Handoff>, Option<String>) {
        match record {
            None => (None, None),
            Some(r) => (
                Some(Handoff {
                    event_id: r.event_id,
                    reason: r.reason,
                    summary: r.summary,
                    source: r.source,
                    evidence: r.evidence,
                    version: r.version,
                    unavailable: r.unavailable,
                    at_ms: r.at_ms,
                }),
                r.memory_context,
            ),
        }
    }
}
