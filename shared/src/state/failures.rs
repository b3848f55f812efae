//! Messages of a conversation that could not be sent or delivered, newest first: what the
//! console's detail shows without scanning the feed.
//!
//! A capped list per conversation, `{ns}:failures:{key}` ([`CAP`] entries, kept [`TTL_SECS`]).
//! It is fed by the console events themselves: [`super::feed::emit_cmd`] appends an entry for
//! every `send_failed` and `delivery_failed` event in the same pipeline, so whatever writes
//! the event atomically with its journal mark writes the entry too — the list and the feed
//! never disagree, and no writer can forget one of them.

use serde::{Deserialize, Serialize};

use super::{ConsoleEvent, Speaker};
use crate::redis::{Keys, Pool, RedisError};

/// Entries kept per conversation.
pub const CAP: isize = 20;
/// Lifetime of a conversation's list after its last failure.
pub const TTL_SECS: i64 = 30 * 24 * 3600;

/// Why a message did not reach the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// Refused before or when sending (Graph's error, or the closed 24-hour window).
    SendFailed,
    /// Accepted, then reported failed by Meta's status webhook.
    DeliveryFailed,
}

/// One message that did not reach the customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub kind: FailureKind,
    /// The event that tried to send (send failures).
    #[serde(default)]
    pub event_id: Option<String>,
    /// The message's wamid (delivery failures).
    #[serde(default)]
    pub wamid: Option<String>,
    #[serde(default)]
    pub role: Option<Speaker>,
    #[serde(default)]
    pub agent: Option<String>,
    /// What was to be sent (send failures).
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub code: Option<i64>,
    pub error: String,
    #[serde(default)]
    pub window_closed: bool,
    pub at_ms: i64,
}

impl Failure {
    /// The entry a console event adds, for the failure kinds.
    pub fn from_event(event: &ConsoleEvent, at_ms: i64) -> Option<Failure> {
        match event {
            ConsoleEvent::SendFailed {
                event_id,
                role,
                agent,
                text,
                code,
                error,
                window_closed,
            } => Some(Failure {
                kind: FailureKind::SendFailed,
                event_id: Some(event_id.clone()),
                wamid: None,
                role: Some(*role),
                agent: agent.clone(),
                text: Some(text.clone()),
                code: *code,
                error: error.clone(),
                window_closed: *window_closed,
                at_ms,
            }),
            ConsoleEvent::DeliveryFailed {
                wamid,
                role,
                errors,
            } => {
                let first = &errors[0];
                let error = ["message", "title"]
                    .iter()
                    .find_map(|k| first[*k].as_str())
                    .unwrap_or("delivery failed");
                Some(Failure {
                    kind: FailureKind::DeliveryFailed,
                    event_id: None,
                    wamid: Some(wamid.clone()),
                    role: *role,
                    agent: None,
                    text: None,
                    code: first["code"].as_i64(),
                    error: error.to_owned(),
                    window_closed: first["code"].as_i64() == Some(131047),
                    at_ms,
                })
            }
            _ => None,
        }
    }
}

/// Adds the commands appending `failure` to the conversation's list to `pipe`.
pub fn push_cmd(pipe: &mut redis::Pipeline, keys: &Keys, conv: &str, failure: &Failure) {
    let key = keys.failures(conv);
    let json = serde_json::to_string(failure).expect("failures serialise");
    pipe.lpush(&key, json)
        .ignore()
        .ltrim(&key, 0, CAP - 1)
        .ignore()
        .expire(&key, TTL_SECS)
        .ignore();
}

/// The conversation's failures, newest first (unreadable entries are skipped).
pub async fn recent(pool: &Pool, keys: &Keys, conv: &str) -> Result<Vec<Failure>, RedisError> {
    let mut c = pool.get().await?;
    let raw: Vec<String> = redis::cmd("LRANGE")
        .arg(keys.failures(conv))
        .arg(0)
        .arg(CAP - 1)
        .query_async(&mut *c)
        .await?;
    Ok(raw
        .iter()
        .filter_map(|r| serde_json::from_str(r).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_events_become_entries_and_others_do_not() {
        let sent = ConsoleEvent::SendFailed {
            event_id: "e1".into(),
            role: Speaker::Human,
            agent: Some("maria".into()),
            text: "hi".into(),
            code: Some(131026),
            error: "undeliverable".into(),
            window_closed: false,
        };
        let f = Failure::from_event(&sent, 5).unwrap();
        assert_eq!(
            (f.kind, f.code, f.agent.as_deref()),
            (FailureKind::SendFailed, Some(131026), Some("maria"))
        );
        let delivery = ConsoleEvent::DeliveryFailed {
            wamid: "wamid.X".into(),
            role: Some(Speaker::Ai),
            errors: serde_json::json!([{ "code": 131047, "title": "Re-engagement message" }]),
        };
        let f = Failure::from_event(&delivery, 5).unwrap();
        assert_eq!(f.error, "Re-engagement message");
        assert!(f.window_closed);
        let draft = ConsoleEvent::Draft {
            event_id: "e".into(),
            text: "t".into(),
        };
        assert_eq!(Failure::from_event(&draft, 5), None);
    }
}
