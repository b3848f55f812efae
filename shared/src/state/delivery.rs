//! The delivery status of messages Baton sent, as the console shows it (ticks).
//!
//! The worker keeps one record per sent message, `{ns}:sent:{wamid}` (`super::sent`:
//! conversation, role, status; `worker::conversation::status` writes it, statuses only move
//! forward). A record
//! without a `status` is a message Graph accepted and Meta has not reported on yet. Records
//! live 30 days; an expired or never-written one reads as [`DeliveryStatus::Unknown`], and so
//! does a status this build does not know. [`statuses`] reads any number of wamids in one
//! pipelined round trip; it fails with [`RedisError`].

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
    /// record is there at all.
    pub fn of_record(exists: bool, stored: Option<&str>) -> DeliveryStatus {
        match (exists, stored) {
            (false, None) => DeliveryStatus::Unknown,
            (true, None) | (_, Some("accepted")) => DeliveryStatus::Accepted,
            (_, Some("sent")) => DeliveryStatus::Sent,
            (_, Some("delivered")) => DeliveryStatus::Delivered,
            (_, Some("read")) => DeliveryStatus::Read,
            (_, Some("played")) => DeliveryStatus::Played,
            (_, Some("failed")) => DeliveryStatus::Failed,
            (_, Some(_)) => DeliveryStatus::Unknown,
        }
    }
}

/// The status of each of `wamids` (duplicates are read once), in one round trip.
pub async fn statuses(
    pool: &Pool,
    keys: &Keys,
    wamids: &[&str],
) -> Result<HashMap<String, DeliveryStatus>, RedisError> {
    let mut unique: Vec<&str> = wamids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    if unique.is_empty() {
        return Ok(HashMap::new());
    }
    let owned: Vec<String> = unique.iter().map(|w| (*w).to_owned()).collect();
    let records = super::sent::get_many(pool, keys, &owned).await?;
    Ok(owned
        .into_iter()
        .zip(records)
        .map(|(w, r)| {
            let status = DeliveryStatus::of_record(
                r.is_some(),
                r.as_ref().and_then(|r| r.status.as_deref()),
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
        assert_eq!(DeliveryStatus::of_record(false, None), Unknown);
        assert_eq!(DeliveryStatus::of_record(true, None), Accepted);
        assert_eq!(DeliveryStatus::of_record(true, Some("read")), Read);
        assert_eq!(DeliveryStatus::of_record(true, Some("failed")), Failed);
        assert_eq!(DeliveryStatus::of_record(true, Some("deleted")), Unknown);
        assert_eq!(serde_json::to_value(Delivered).unwrap(), "delivered");
    }
}
