//! The conversation read model: what both binaries know about a conversation in Redis — its
//! owner and version, its recent transcript, and the feed of events for the humans. The worker
//! writes it (`worker::conversation::state`); ingress's console reads it.
//!
//! - [`conversation`]: ownership, identity and the 24-hour window ([`ConversationState`]).
//! - [`transcript`]: the recent transcript ([`Entry`]).
//! - [`delivery`]: the delivery status of each message Baton sent ([`DeliveryStatus`]).
//! - [`feed`]: console events ([`ConsoleEvent`]) and their stream; the AI's drafts.
//! - [`index`]: finding a conversation by customer id, and the per-owner lists.
//! - [`handoff`]: the last handoff's decision, evidence and memory snapshot.
//! - [`failures`]: messages that could not be sent or delivered, per conversation.
//! - [`command`]: the outcome of each human command, for the console request waiting on it.
//! - [`transition`]: changes of owner (the one script both binaries run).
//! - [`sent`]: what became of each message Baton sent (delivery statuses).
//! - [`activity`]: when a human last acted in a conversation they own (inactivity release).
//! - [`presence`]: which human agents are online (availability at a handoff).
//! - [`breaker`]: the sends circuit breaker (every send paused on an account-level error).
//! - [`slack`]: which conversation a Slack alert belongs to, and Slack agents' names.
//!
//! The domain's words are types here, not strings: [`Owner`], [`Speaker`], [`HandoffReason`].
//! Their string forms are the contract (Redis values, JSON, memory metadata) and never change.
//! Readers fail with [`crate::redis::RedisError`]; an unreadable stored value reads as absent.

pub mod activity;
pub mod breaker;
pub mod command;
pub mod conversation;
pub mod delivery;
pub mod failures;
pub mod feed;
pub mod handoff;
pub mod index;
pub mod presence;
pub mod sent;
pub mod slack;
pub mod transcript;
pub mod transition;

use serde::{Deserialize, Serialize};

pub use command::{CommandOutcome, OutcomeStatus, Refusal};
pub use conversation::ConversationState;
pub use delivery::DeliveryStatus;
pub use feed::ConsoleEvent;
pub use handoff::{HandoffRecord, HandoffSource, Unavailable};
pub use transcript::{Entry, MediaRef};

/// Who owns a conversation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// The AI answers.
    #[default]
    Ai,
    /// Handed off; no human has claimed it yet. The AI is silent.
    PendingHuman,
    /// A human agent owns it. The AI is silent.
    Human,
}

impl Owner {
    pub const ALL: [Owner; 3] = [Owner::Ai, Owner::PendingHuman, Owner::Human];

    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Ai => "ai",
            Owner::PendingHuman => "pending_human",
            Owner::Human => "human",
        }
    }

    pub fn parse(s: &str) -> Option<Owner> {
        Owner::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who said a transcript line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    Customer,
    Ai,
    /// A human agent (named on the entry).
    Human,
    /// Not a turn: a handoff, claim, release or delivery event.
    Event,
}

impl Speaker {
    pub fn as_str(self) -> &'static str {
        match self {
            Speaker::Customer => "customer",
            Speaker::Ai => "ai",
            Speaker::Human => "human",
            Speaker::Event => "event",
        }
    }
}

/// Why a conversation was handed to a human: the deterministic detectors, the reasons the
/// model may give in `hand_off_to_human`, and the AI path failing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoffReason {
    /// The customer asked for a person (detector or model).
    CustomerAsked,
    /// A configured business keyword (detector).
    Keyword,
    /// The customer is frustrated (detector or model).
    Frustration,
    /// A financial, medical or legal topic (detector or model).
    Sensitive,
    /// The AI tried twice without resolving it (detector).
    RepeatedFailure,
    /// The model judged the request outside what it can do.
    OutOfScope,
    /// The AI path failed (model down, empty answer, turn limit).
    AiFailure,
}

impl HandoffReason {
    pub const ALL: [HandoffReason; 7] = [
        HandoffReason::CustomerAsked,
        HandoffReason::Keyword,
        HandoffReason::Frustration,
        HandoffReason::Sensitive,
        HandoffReason::RepeatedFailure,
        HandoffReason::OutOfScope,
        HandoffReason::AiFailure,
    ];
    /// The reasons a deterministic detector can give.
    pub const DETECTORS: [HandoffReason; 5] = [
        HandoffReason::CustomerAsked,
        HandoffReason::Keyword,
        HandoffReason::Frustration,
        HandoffReason::Sensitive,
        HandoffReason::RepeatedFailure,
    ];
    /// The reasons the model may give in `hand_off_to_human` (the seed's).
    pub const MODEL: [HandoffReason; 4] = [
        HandoffReason::CustomerAsked,
        HandoffReason::Frustration,
        HandoffReason::OutOfScope,
        HandoffReason::Sensitive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HandoffReason::CustomerAsked => "customer_asked",
            HandoffReason::Keyword => "keyword",
            HandoffReason::Frustration => "frustration",
            HandoffReason::Sensitive => "sensitive",
            HandoffReason::RepeatedFailure => "repeated_failure",
            HandoffReason::OutOfScope => "out_of_scope",
            HandoffReason::AiFailure => "ai_failure",
        }
    }

    pub fn parse(s: &str) -> Option<HandoffReason> {
        HandoffReason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for HandoffReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_forms_round_trip_and_match_serde() {
        for o in Owner::ALL {
            assert_eq!(Owner::parse(o.as_str()), Some(o));
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
        for r in HandoffReason::ALL {
            assert_eq!(HandoffReason::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        for s in [
            Speaker::Customer,
            Speaker::Ai,
            Speaker::Human,
            Speaker::Event,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(Owner::parse("robot"), None);
    }
}
