//! A conversation's ownership, identity and 24-hour window, as stored in the Redis hash
//! `{ns}:conv:{key}` (the worker's `conversation::state::ownership` writes it).
//!
//! Fields: `owner` (`ai`, `pending_human`, `human`), `agent`, `version` (increases on every
//! change of owner: the fencing token of I5), `reason` and `summary` of the last handoff,
//! `cause` (the event that made the last change), `since_ms`, `last_customer_ms`,
//! `unresolved`, the customer's `wa_id`, `user_id`, `name`, `number`, `customer`,
//! `indexed` (the ids registered in the console's index) and, while a human owns it,
//! `human_ms` (their last activity, `activity`). A conversation never seen reads as
//! owned by the AI at version 0.

use std::collections::HashMap;

use serde::Serialize;

use super::{HandoffReason, Owner};
use crate::redis::{Keys, Pool, RedisError};

/// The 24-hour customer-service window (WhatsApp spec §6.3).
pub const WINDOW_MS: i64 = 24 * 3600 * 1000;

/// Who owns a conversation now, and who the customer is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConversationState {
    pub owner: Owner,
    pub agent: Option<String>,
    pub version: u64,
    pub reason: Option<HandoffReason>,
    pub summary: Option<String>,
    /// The event that made the last change of owner.
    pub cause: Option<String>,
    pub since_ms: Option<i64>,
    pub last_customer_ms: Option<i64>,
    /// Consecutive AI replies the customer has not accepted (repeated-failure signal).
    pub unresolved: u32,
    /// The customer's phone number and business-scoped id, as last seen.
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    /// The customer's WhatsApp profile name, as last seen.
    pub name: Option<String>,
    /// The customer ids registered in the console's index (`index`), comma-separated.
    pub indexed: Option<String>,
    /// While a human owns it: when they last acted (`super::activity`); not shown.
    #[serde(skip)]
    pub human_ms: Option<i64>,
}

impl ConversationState {
    pub fn is_ai(&self) -> bool {
        self.owner == Owner::Ai
    }

    /// True while the customer wrote within the last 24 hours.
    pub fn window_open(&self, now: i64) -> bool {
        self.last_customer_ms.is_some_and(|t| now - t < WINDOW_MS)
    }

    /// Milliseconds left in the window (0 when closed).
    pub fn window_left_ms(&self, now: i64) -> i64 {
        self.last_customer_ms
            .map_or(0, |t| (t + WINDOW_MS - now).max(0))
    }

    /// Reads the state from the hash's fields.
    pub fn from_fields(fields: &HashMap<String, String>) -> Self {
        let f = |k: &str| fields.get(k).cloned().filter(|v| !v.is_empty());
        let num = |k: &str| f(k).and_then(|v| v.parse::<i64>().ok());
        ConversationState {
            owner: f("owner")
                .and_then(|o| Owner::parse(&o))
                .unwrap_or_default(),
            agent: f("agent"),
            version: f("version").and_then(|v| v.parse().ok()).unwrap_or(0),
            reason: f("reason").and_then(|r| HandoffReason::parse(&r)),
            summary: f("summary"),
            cause: f("cause"),
            since_ms: num("since_ms"),
            last_customer_ms: num("last_customer_ms"),
            unresolved: f("unresolved").and_then(|v| v.parse().ok()).unwrap_or(0),
            wa_id: f("wa_id"),
            user_id: f("user_id"),
            name: f("name"),
            indexed: f("indexed"),
            human_ms: num("human_ms"),
        }
    }
}

/// The current state of `conv`.
pub async fn get(pool: &Pool, keys: &Keys, conv: &str) -> Result<ConversationState, RedisError> {
    Ok(ConversationState::from_fields(
        &fields(pool, keys, conv).await?,
    ))
}

/// The hash's raw fields (for a writer that plans its writes from them, then applies them to
/// what it read instead of reading again).
pub async fn fields(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
) -> Result<HashMap<String, String>, RedisError> {
    let mut c = pool.get().await?;
    Ok(redis::cmd("HGETALL")
        .arg(keys.conversation(conv))
        .query_async(&mut *c)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unseen_conversations_belong_to_the_ai_and_bad_values_read_as_absent() {
        let s = ConversationState::from_fields(&HashMap::new());
        assert_eq!(s.owner, Owner::Ai);
        assert_eq!(s.version, 0);
        let fields: HashMap<String, String> = [
            ("owner", "pending_human"),
            ("version", "7"),
            ("reason", "no_such_reason"),
            ("last_customer_ms", "1000"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let s = ConversationState::from_fields(&fields);
        assert_eq!(s.owner, Owner::PendingHuman);
        assert_eq!(s.version, 7);
        assert_eq!(s.reason, None);
        assert!(s.window_open(1000 + WINDOW_MS - 1));
        assert!(!s.window_open(1000 + WINDOW_MS));
        assert_eq!(s.window_left_ms(1000 + WINDOW_MS - 5), 5);
    }
}
