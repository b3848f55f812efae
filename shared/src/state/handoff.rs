//! The last handoff of a conversation, as the console shows it: why Baton handed off, on what
//! evidence, and the memory context the AI had — so an agent sees the decision without
//! scanning the console feed, and ingress never calls the memory service.
//!
//! One JSON value per conversation, `{ns}:handoff:{key}`, replaced by each handoff and kept
//! [`TTL_SECS`]. The worker writes it with [`save_cmd`] in the same `MULTI` as the `handoff`
//! console event and that event's journal mark (so the two never disagree); the console reads
//! it with [`last`]. A value this build cannot read reads as absent.

use serde::{Deserialize, Serialize};

use super::HandoffReason;
use crate::redis::{Keys, Pool, RedisError};

/// How long a handoff's record is kept.
pub const TTL_SECS: i64 = 30 * 24 * 3600;

/// Who decided to hand off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoffSource {
    /// A deterministic detector (evidence: the matched words).
    Detector,
    /// The model called `hand_off_to_human` (evidence: the call's reason and summary).
    Model,
    /// The AI path failed (evidence: the failure).
    AiFailure,
}

/// Why nobody could take a handoff when it was made (ARCHITECTURE §5, availability): the
/// customer was told when a person will be back, and the handoff waits as `pending_human`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unavailable {
    /// Outside business hours (`BUSINESS_HOURS`): the next opening.
    Closed {
        /// When the team is back (ms).
        back_at_ms: i64,
        /// The same, as the customer was told it: weekday, time and time zone.
        back: String,
    },
    /// Inside business hours, and no agent was online (console open or active in Slack).
    NobodyOnline,
}

/// One handoff decision and what the AI knew when it was made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HandoffRecord {
    /// The customer message whose processing handed off.
    pub event_id: String,
    pub reason: HandoffReason,
    pub summary: String,
    #[serde(default)]
    pub source: Option<HandoffSource>,
    #[serde(default)]
    pub evidence: Option<String>,
    /// The long-term memory context fetched for the decision (none when unavailable).
    #[serde(default)]
    pub memory_context: Option<String>,
    /// The conversation's version after the handoff.
    pub version: u64,
    /// Set when nobody was available to take it (the customer was told when).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<Unavailable>,
    pub at_ms: i64,
}

/// Adds the command storing `record` as the conversation's last handoff to `pipe`.
pub fn save_cmd(pipe: &mut redis::Pipeline, keys: &Keys, conv: &str, record: &HandoffRecord) {
    let json = serde_json::to_string(record).expect("handoff records serialise");
    pipe.set_ex(keys.handoff(conv), json, TTL_SECS as u64)
        .ignore();
}

/// The conversation's last handoff, if one is recorded.
pub async fn last(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
) -> Result<Option<HandoffRecord>, RedisError> {
    let mut c = pool.get().await?;
    let raw: Option<String> = redis::cmd("GET")
        .arg(keys.handoff(conv))
        .query_async(&mut *c)
        .await?;
    Ok(raw.and_then(|r| serde_json::from_str(&r).ok()))
}
