//! What became of the messages Baton sent: one small record per `wamid`,
//! `{ns}:sent:{wamid}` (a JSON string kept [`TTL_SECS`]), written by the worker from Meta's
//! status webhooks (the first one creates it; sending writes nothing, so a reply costs no
//! command here — the transcript line carrying the wamid says it was accepted and who wrote
//! it); the console reads it for the delivery ticks ([`get_many`], `super::delivery`).
//!
//! One string rather than a hash because it costs one command to write with its lifetime
//! (`SET … EX`); a status update rewrites it (the worker runs a conversation's events one at
//! a time, so nothing races it). Readers fail with [`RedisError`]; an unreadable record reads
//! as absent.

use serde::{Deserialize, Serialize};

use super::Speaker;
use crate::redis::{Keys, Pool, RedisError};

/// How long a sent message's record lives.
pub const TTL_SECS: u64 = 30 * 24 * 3600;

/// What Meta reported on a message Baton sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRecord {
    /// The conversation key.
    #[serde(rename = "c")]
    pub conversation: String,
    /// Who wrote it (`ai` or `human`): written at send time by builds before 2026-12-07, read
    /// when present; the transcript line with the wamid says it otherwise.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Speaker>,
    /// Meta's last status (`sent`, `delivered`, `read`, `played`, `failed`); none while the
    /// message is only accepted.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Meta's time of that status (seconds).
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    pub status_ts: Option<i64>,
}

impl SentRecord {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("sent records serialise")
    }
}

/// The record of `wamid`, if any.
pub async fn get(pool: &Pool, keys: &Keys, wamid: &str) -> Result<Option<SentRecord>, RedisError> {
    let mut c = pool.get().await?;
    let raw: Option<String> = redis::cmd("GET")
        .arg(keys.sent(wamid))
        .query_async(&mut *c)
        .await?;
    Ok(raw.and_then(|r| serde_json::from_str(&r).ok()))
}

/// The records of `wamids`, in order, in one round trip.
pub async fn get_many(
    pool: &Pool,
    keys: &Keys,
    wamids: &[String],
) -> Result<Vec<Option<SentRecord>>, RedisError> {
    if wamids.is_empty() {
        return Ok(Vec::new());
    }
    let mut pipe = redis::pipe();
    for w in wamids {
        pipe.get(keys.sent(w));
    }
    let mut c = pool.get().await?;
    let raw: Vec<Option<String>> = pipe.query_async(&mut *c).await?;
    Ok(raw
        .into_iter()
        .map(|r| r.and_then(|r| serde_json::from_str(&r).ok()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_small_and_read_back() {
        let r = SentRecord {
            conversation: "300:5511".into(),
            role: Some(Speaker::Ai),
            status: None,
            status_ts: None,
        };
        assert_eq!(r.to_json(), r#"{"c":"300:5511","r":"ai"}"#);
        let back: SentRecord = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(back, r);
    }
}
