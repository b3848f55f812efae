//! The sends circuit breaker: while `{ns}:sends:paused` exists, no worker sends anything to
//! WhatsApp (spec §6.2: pause all sends on 131048, 368, 131031, 131042, 190 and 0).
//!
//! One key per namespace, shared by every worker replica, holding [`Paused`] as JSON: why and
//! since when. A worker whose send Meta refused with an account-level code opens it
//! ([`open`], `SET NX`: the first one wins and announces it with a `sends_paused` console
//! event); an operator closes it ([`resume`], `worker sends resume`), which announces
//! `sends_resumed`. It never closes by itself: every one of those codes needs a human to fix
//! something (a token, billing, the account's standing) first.
//!
//! How it fails: Redis errors are returned ([`RedisError`]). The key and its console event are
//! two commands, not one transaction: a crash between them leaves the breaker open without
//! its event (the state is what matters: the worker's `baton_graph_sends_paused` gauge and
//! `worker sends status` still show it).

use serde::{Deserialize, Serialize};

use super::feed::{self, ConsoleEvent};
use crate::event::now_ms;
use crate::redis::{Keys, Pool, RedisError};

/// Why every send is paused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paused {
    /// Meta's error code (131048, 368, 131031, 131042, 190 or 0).
    #[serde(default)]
    pub code: Option<i64>,
    /// The error as the worker saw it.
    pub error: String,
    /// When the breaker opened (ms).
    pub since_ms: i64,
    /// The event whose send was refused, and its conversation.
    pub event_id: String,
    pub conversation: String,
}

/// The breaker's state: `Some` while sends are paused.
pub async fn get(pool: &Pool, keys: &Keys) -> Result<Option<Paused>, RedisError> {
    let mut c = pool.get().await?;
    let raw: Option<String> = redis::cmd("GET")
        .arg(keys.sends_paused())
        .query_async(&mut *c)
        .await?;
    Ok(raw.and_then(|r| serde_json::from_str(&r).ok()))
}

/// Whether the breaker is open (one `EXISTS`; the send path's check).
pub async fn is_open(pool: &Pool, keys: &Keys) -> Result<bool, RedisError> {
    let mut c = pool.get().await?;
    let open: bool = redis::cmd("EXISTS")
        .arg(keys.sends_paused())
        .query_async(&mut *c)
        .await?;
    Ok(open)
}

/// Opens the breaker unless it is open already; true when this call opened it (and appended
/// the `sends_paused` console event).
pub async fn open(pool: &Pool, keys: &Keys, paused: &Paused) -> Result<bool, RedisError> {
    let json = serde_json::to_string(paused).expect("breaker state serialises");
    let mut c = pool.get().await?;
    let set: Option<String> = redis::cmd("SET")
        .arg(keys.sends_paused())
        .arg(json)
        .arg("NX")
        .query_async(&mut *c)
        .await?;
    if set.is_none() {
        return Ok(false);
    }
    let event = ConsoleEvent::SendsPaused {
        event_id: paused.event_id.clone(),
        code: paused.code,
        error: paused.error.clone(),
    };
    feed::emit_cmd(keys, &paused.conversation, &event)
        .query_async::<()>(&mut *c)
        .await?;
    Ok(true)
}

/// Closes the breaker; returns what it was (`None`: sends were not paused). `by` names the
/// operator in the `sends_resumed` console event.
pub async fn resume(pool: &Pool, keys: &Keys, by: &str) -> Result<Option<Paused>, RedisError> {
    let mut c = pool.get().await?;
    let raw: Option<String> = redis::cmd("GETDEL")
        .arg(keys.sends_paused())
        .query_async(&mut *c)
        .await?;
    let Some(raw) = raw else {
        return Ok(None);
    };
    let paused = serde_json::from_str::<Paused>(&raw).unwrap_or(Paused {
        code: None,
        error: "unreadable breaker state".into(),
        since_ms: now_ms(),
        event_id: String::new(),
        conversation: String::new(),
    });
    let event = ConsoleEvent::SendsResumed {
        by: by.to_owned(),
        paused_since_ms: paused.since_ms,
    };
    feed::emit_cmd(keys, &paused.conversation, &event)
        .query_async::<()>(&mut *c)
        .await?;
    Ok(Some(paused))
}
