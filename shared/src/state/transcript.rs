//! The recent transcript of a conversation: customer, AI and human turns and events, newest
//! first in the Redis list `{ns}:transcript:{key}`, capped at about [`CAP`] entries (the worker
//! trims in batches), expiring after [`TTL_SECS`] of customer silence (the worker's `conversation::state::transcript` appends to it).

use serde::{Deserialize, Serialize};

use super::Speaker;
use crate::event::now_ms;
use crate::redis::{Keys, Pool, RedisError};

/// Entries kept per conversation.
pub const CAP: isize = 200;
/// Lifetime of a silent conversation's transcript.
pub const TTL_SECS: i64 = 30 * 24 * 3600;

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Idempotency key (event id, or event id + suffix).
    pub id: String,
    pub role: Speaker,
    pub text: String,
    /// Agent name for human turns and events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// Message type of customer turns (`text`, `image`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    pub at_ms: i64,
    /// The wamids Graph gave a sent AI or human message, one per part, so the console can
    /// show each part's delivery status (`super::delivery`). Absent on other lines and on
    /// lines written before it existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wamids: Vec<String>,
}

impl Entry {
    pub fn new(id: impl Into<String>, role: Speaker, text: impl Into<String>) -> Self {
        Entry {
            id: id.into(),
            role,
            text: text.into(),
            agent: None,
            r#type: None,
            at_ms: now_ms(),
            wamids: Vec::new(),
        }
    }
}

/// The most recent `n` entries, oldest first (unreadable entries are skipped).
pub async fn recent(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    n: usize,
) -> Result<Vec<Entry>, RedisError> {
    let mut c = pool.get().await?;
    let raw: Vec<String> = redis::cmd("LRANGE")
        .arg(keys.transcript(conv))
        .arg(0)
        .arg(n.max(1) as isize - 1)
        .query_async(&mut *c)
        .await?;
    Ok(raw
        .iter()
        .rev()
        .filter_map(|r| serde_json::from_str(r).ok())
        .collect())
}
