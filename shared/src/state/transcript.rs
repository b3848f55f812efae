//! The recent transcript of a conversation: customer, AI and human turns and events, newest
//! first in the Redis list `{ns}:transcript:{key}`, capped at about [`CAP`] entries (the worker
//! trims in batches), expiring after [`TTL_SECS`] of customer silence (the worker's `conversation::state::transcript` appends to it).
//! A customer's media line carries a [`MediaRef`] (the media id, never the bytes); a voice
//! note's line is rewritten once with its transcript and marked `transcribed`.

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
    /// The photo, voice note, sticker, video or document of a customer turn: Meta's media id
    /// (the console shows it through `GET /api/v1/conversations/{customer}/media/{id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaRef>,
}

/// A customer's media as the transcript keeps it: never the bytes, never Meta's URL (it
/// expires within minutes and needs the access token), only the id, downloadable for 7 days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaRef {
    /// Meta's media id.
    pub id: String,
    /// The WhatsApp message type: `audio`, `image`, `sticker`, `video` or `document`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// A document's file name, as the customer's phone gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// A recorded voice note (`audio.voice`), not a forwarded audio file.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub voice: bool,
    /// The line's text is what speech-to-text heard in this audio (a transcript, not words
    /// the customer typed): the console marks it so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub transcribed: bool,
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
            media: None,
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
