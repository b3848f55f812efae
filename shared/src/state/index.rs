//! Finding and listing conversations: how the console gets from a customer id to a
//! conversation, and from an owner to its conversations.
//!
//! Three structures, kept by the worker's ownership code
//! (`worker::conversation::state::ownership`) and the transitions (`super::transition`). They
//! are namespace-wide (or per business number), so on a Redis Cluster they live in other hash
//! slots than the conversation hash and are written right after it, not in the same atomic
//! step: the hash is the truth, and these are lists of candidates that every reader checks
//! against it (a row shows the hash's state):
//!
//! - `{ns}:customers:{number}` (hash): every other id of a customer on that business number
//!   — the phone number (`wa_id`) and the business-scoped user id, where they differ from the
//!   conversation's customer key — maps to the conversation key (the customer key itself is
//!   found as `{number}:{id}`, so the usual customer known by phone number costs no entry). Written when the worker records a customer message that
//!   brings an identity field the conversation did not have yet (its first message, or the
//!   first one with a user id), so an ordinary message costs nothing extra here.
//! - `{ns}:numbers` (set): the business numbers seen, so the console can default to the only
//!   one.
//! - `{ns}:owned:{owner}` (sorted sets): each conversation is in exactly the set of its owner,
//!   scored by when it got that owner (ms). [`super::transition::sync_index`] moves it after
//!   each transition; a conversation
//!   enters `owned:ai` with its first customer message.
//!
//! Conversations recorded before these structures existed are found through their key
//! (`{number}:{id}`) and join the lists at their next change of owner. Readers fail with
//! [`RedisError`].

use std::collections::HashMap;

use super::{ConversationState, Entry, Owner};
use crate::redis::{Keys, Pool, RedisError};

/// The conversation key of customer `id` (phone number, user id or customer key) on business
/// number `number`, if Baton knows it.
pub async fn resolve(
    pool: &Pool,
    keys: &Keys,
    number: &str,
    id: &str,
) -> Result<Option<String>, RedisError> {
    let mut c = pool.get().await?;
    let found: Option<String> = redis::cmd("HGET")
        .arg(keys.customers(number))
        .arg(id)
        .query_async(&mut *c)
        .await?;
    if found.is_some() {
        return Ok(found);
    }
    let key = format!("{number}:{id}");
    let exists: bool = redis::cmd("EXISTS")
        .arg(keys.conversation(&key))
        .query_async(&mut *c)
        .await?;
    Ok(exists.then_some(key))
}

/// The business numbers conversations were seen on.
pub async fn numbers(pool: &Pool, keys: &Keys) -> Result<Vec<String>, RedisError> {
    let mut c = pool.get().await?;
    let mut all: Vec<String> = redis::cmd("SMEMBERS")
        .arg(keys.numbers())
        .query_async(&mut *c)
        .await?;
    all.sort();
    Ok(all)
}

/// Up to `count` conversation keys of `owner` from position `start`, with the time each got
/// that owner: longest-waiting first for `pending_human`, most recent first otherwise.
pub async fn owned(
    pool: &Pool,
    keys: &Keys,
    owner: Owner,
    start: usize,
    count: usize,
) -> Result<Vec<(String, i64)>, RedisError> {
    if count == 0 {
        return Ok(Vec::new());
    }
    let mut c = pool.get().await?;
    let mut cmd = redis::cmd("ZRANGE");
    cmd.arg(keys.owned(owner)).arg(start).arg(start + count - 1);
    if owner != Owner::PendingHuman {
        cmd.arg("REV");
    }
    let raw: Vec<(String, f64)> = cmd.arg("WITHSCORES").query_async(&mut *c).await?;
    Ok(raw.into_iter().map(|(k, s)| (k, s as i64)).collect())
}

/// One conversation as a list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub key: String,
    pub state: ConversationState,
    /// When it got its owner (the index's score).
    pub since_ms: i64,
    /// The newest transcript entry.
    pub last: Option<Entry>,
}

/// The state and newest transcript entry of each conversation (one round trip).
pub async fn rows(
    pool: &Pool,
    keys: &Keys,
    members: &[(String, i64)],
) -> Result<Vec<Row>, RedisError> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let mut pipe = redis::pipe();
    for (key, _) in members {
        pipe.hgetall(keys.conversation(key))
            .lindex(keys.transcript(key), 0);
    }
    let mut c = pool.get().await?;
    let raw: Vec<(HashMap<String, String>, Option<String>)> = pipe.query_async(&mut *c).await?;
    Ok(members
        .iter()
        .zip(raw)
        .map(|((key, since), (fields, last))| Row {
            key: key.clone(),
            state: ConversationState::from_fields(&fields),
            since_ms: *since,
            last: last.and_then(|l| serde_json::from_str(&l).ok()),
        })
        .collect())
}
