//! The delivery status of messages Baton sent, as the console shows it (ticks).
//!
//! The worker keeps one record per sent message, `{ns}:sent:{wamid}` (`super::sent`:
//! conversation, status; `worker::conversation::status` writes it from Meta's first status
//! webhook, statuses only move forward). A wamid is in a transcript line only once Graph
//! accepted it, so a line's wamid without a record — or with a record without a `status`,
//! written by an older build at send time — is a message Graph accepted and Meta has not
//! reported on yet. Records live 30 days ([`super::sent::TTL_SECS`]); a line older than that
//! without one reads as [`DeliveryStatus::Unknown`], and so does a status this build does not
//! know. [`statuses`] reads any number of wamids in one pipelined round trip; it fails with
//! [`RedisError`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::redis::{Keys, Pool, RedisError};

/// How far a sent message got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Graph accepted it; no status webhook yet.
    Accepted,
    Sent,
    Delivered,
    Read,
    /// A voice message was played.
    Played,
    /// Meta reported it failed (the conversation's failures carry the error).
    Failed,
    /// No record (expired, or never written), or a status this build does not know.
    Unknown,
}

impl DeliveryStatus {
    /// The status of a record whose `status` field is `stored`; `exists` tells whether the
    /// record is there at all, `recent` whether the message was sent within the records'
    /// lifetime (so a missing record means no status webhook yet, not an expired record).
    pub fn of_record(exists: bool, stored: Option<&str>, recent: bool) -> DeliveryStatus {
        match (exists, stored) {
            (false, None) if !recent => DeliveryStatus::Unknown,
            (_, None) | (_, Some("accepted")) => DeliveryStatus::Accepted,
            (_, Some("sent")) => DeliveryStatus::Sent,
            (_, Some("delivered")) => DeliveryStatus::Delivered,
            (_, Some("read")) => DeliveryStatus::Read,
            (_, Some("played")) => DeliveryStatus::Played,
            (_, Some("failed")) => DeliveryStatus::Failed,
            (_, Some(_)) => DeliveryStatus::Unknown,
        }
    }
}

/// The status of each of `sent` — a wamid from a transcript line and the line's time (ms) —
/// at `now_ms` (duplicates are read once), in one round trip.
pub async fn statuses(
    pool: &Pool,
    keys: &Keys,
    sent: &[(&str, i64)],
    now_ms: i64,
) -> Result<HashMap<String, DeliveryStatus>, RedisError> {
    let mut newest: HashMap<&str, i64> = HashMap::new();
    for &(w, at) in sent {
        let t = newest.entry(w).or_insert(at);
        *t = (*t).max(at);
    }
    if newest.is_empty() {
        return Ok(HashMap::new());
    }
    let owned: Vec<String> = newest.keys().map(|w| (*w).to_owned()).collect();
    let records = super::sent::get_many(pool, keys, &owned).await?;
    let lifetime_ms = super::sent::TTL_SECS as i64 * 1000;
    Ok(owned
        .into_iter()
        .zip(records)
        .map(|(w, r)| {
            let recent = now_ms - newest[w.as_str()] < lifetime_ms;
            let status = DeliveryStatus::of_record(
                r.is_some(),
                r.as_ref().and_then(|r| r.status.as_deref()),
                recent,
            );
            (w, status)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_as_statuses() {
        use DeliveryStatus::*;
        // No record: accepted, no webhook yet — unless the record would have expired.
        assert_eq!(DeliveryStatus::of_record(false, None, true), Accepted);
        assert_eq!(DeliveryStatus::of_record(false, None, false), Unknown);
        assert_eq!(DeliveryStatus::of_record(true, None, true), Accepted);
        assert_eq!(DeliveryStatus::of_record(true, Some("read"), true), Read);
        assert_eq!(DeliveryStatus::of_record(true, Some("read"), false), Read);
        assert_eq!(
            DeliveryStatus::of_record(true, Some("failed"), true),
            Failed
        );
        assert_eq!(
            DeliveryStatus::of_record(true, Some("deleted"), true),
            Unknown
        );
        assert_eq!(serde_json::to_value(Delivered).unwrap(), "delivered");
    }
}
