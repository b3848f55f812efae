//! Redis access: the shared connection and the key layout.
//!
//! [`Pool`] is one multiplexed connection per process (redis-rs's `ConnectionManager`), cheap
//! to clone and shared by every task: commands from concurrent tasks are pipelined on it, and
//! it reconnects by itself after an error. (A pool of multiplexed connections buys nothing, and
//! deadpool's recycling sent `UNWATCH` + `PING` before every use — half of all Redis commands.)
//! It connects lazily, so creating it succeeds with Redis down; a command fails with
//! [`RedisError`] while Redis is unreachable (a response waits at most 2 s), and callers treat
//! that as transient (retry, or for the worker: stop trusting leases, see
//! `worker::stream::partitions`). Blocking commands must not use it (they would stall every
//! other task's commands): open a dedicated connection for those.
//!
//! Every key is `{ns}:<purpose>:...` so a namespace can be listed and deleted as a whole
//! (tests do); [`Keys`] builds each of them.

use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use crate::state::Owner;

/// Errors talking to Redis.
#[derive(Debug, thiserror::Error)]
pub enum RedisError {
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
}

/// The process's shared Redis connection (see the module doc).
#[derive(Clone)]
pub struct Pool(ConnectionManager);

/// A handle on the shared connection, for one or more commands.
pub struct Conn(ConnectionManager);

impl std::ops::Deref for Conn {
    type Target = ConnectionManager;
    fn deref(&self) -> &ConnectionManager {
        &self.0
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut ConnectionManager {
        &mut self.0
    }
}

impl Pool {
    /// A handle on the connection (never waits: the connection is shared).
    pub async fn get(&self) -> Result<Conn, RedisError> {
        Ok(Conn(self.0.clone()))
    }
}

/// Creates the shared connection for `url`; it connects on first use, so this succeeds with
/// Redis down (it fails only on a malformed URL).
pub fn pool(url: &str) -> anyhow::Result<Pool> {
    let client = redis::Client::open(url)?;
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_response_timeout(Some(Duration::from_secs(2)))
        .set_number_of_retries(2)
        .set_max_delay(Duration::from_millis(500));
    Ok(Pool(ConnectionManager::new_lazy_with_config(
        client, config,
    )?))
}

/// Builds keys under one namespace.
#[derive(Clone, Debug)]
pub struct Keys {
    ns: String,
}

impl Keys {
    pub fn new(ns: &str) -> Self {
        Keys { ns: ns.to_owned() }
    }
    /// Sorted set of live workers (score = last heartbeat, ms).
    pub fn members(&self) -> String {
        format!("{}:members", self.ns)
    }
    /// Lease of partition `p` (value = worker id).
    pub fn lease(&self, p: u16) -> String {
        format!("{}:lease:{p}", self.ns)
    }
    /// Idempotency record of an event.
    pub fn dedupe(&self, event_id: &str) -> String {
        format!("{}:dedupe:{event_id}", self.ns)
    }
    /// Marker of a conversation whose head event waits in a retry tier.
    pub fn parked(&self, conversation: &str) -> String {
        format!("{}:parked:{conversation}", self.ns)
    }
    /// Events of a parked conversation held back behind the retried one (a list).
    pub fn parked_events(&self, conversation: &str) -> String {
        format!("{}:parked-events:{conversation}", self.ns)
    }
    /// Effects journal of an event (what its processing decided and which effects are done).
    pub fn journal(&self, event_id: &str) -> String {
        format!("{}:journal:{event_id}", self.ns)
    }
    /// Conversations of partition `p` that are parked (a set; swept when the partition starts).
    pub fn parked_set(&self, p: u16) -> String {
        format!("{}:parked-set:{p}", self.ns)
    }
    /// Ownership and identity of a conversation (a hash).
    pub fn conversation(&self, conversation: &str) -> String {
        format!("{}:conv:{conversation}", self.ns)
    }
    /// Recent transcript of a conversation (a list, newest first).
    pub fn transcript(&self, conversation: &str) -> String {
        format!("{}:transcript:{conversation}", self.ns)
    }
    /// The console feed (a stream of events for the humans).
    pub fn console(&self) -> String {
        format!("{}:console", self.ns)
    }
    /// Unsent AI replies kept as suggestions for the human (a list).
    pub fn drafts(&self, conversation: &str) -> String {
        format!("{}:drafts:{conversation}", self.ns)
    }
    /// The customer ids of one business number, each mapped to its conversation key (a hash:
    /// the customer key, `wa_id` and `user_id` all point at the conversation, so the console
    /// finds it by either).
    pub fn customers(&self, number: &str) -> String {
        format!("{}:customers:{number}", self.ns)
    }
    /// Business numbers conversations were seen on (a set).
    pub fn numbers(&self) -> String {
        format!("{}:numbers", self.ns)
    }
    /// Conversations owned by `owner` (a sorted set of conversation keys, score = since when,
    /// ms), kept by the same scripts that change the owner.
    pub fn owned(&self, owner: Owner) -> String {
        format!("{}:owned:{}", self.ns, owner.as_str())
    }
    /// Human agents online: agent → last seen, ms (a sorted set, `state::presence`).
    pub fn presence(&self) -> String {
        format!("{}:presence", self.ns)
    }
    /// The last handoff of a conversation: decision, evidence, memory snapshot (JSON).
    pub fn handoff(&self, conversation: &str) -> String {
        format!("{}:handoff:{conversation}", self.ns)
    }
    /// Messages of a conversation that could not be sent or delivered (a capped list).
    pub fn failures(&self, conversation: &str) -> String {
        format!("{}:failures:{conversation}", self.ns)
    }
    /// The outcome of a human command, by event id (JSON), for the request waiting on it.
    pub fn command(&self, event_id: &str) -> String {
        format!("{}:command:{event_id}", self.ns)
    }
    /// A message we sent, by wamid: conversation, role, delivery status (a JSON string,
    /// `state::sent`).
    pub fn sent(&self, wamid: &str) -> String {
        format!("{}:sent:{wamid}", self.ns)
    }
    /// The local memory backend's records of a memory user (a hash: record id → JSON).
    pub fn memory_docs(&self, user: &str) -> String {
        format!("{}:memory:{user}:docs", self.ns)
    }
    /// Marker that a Synap document was written (dedupe of memory-queue redeliveries).
    pub fn synap_written(&self, doc_id: &str) -> String {
        format!("{}:memory:synap-written:{doc_id}", self.ns)
    }
    /// How often the probe step ran for an event (its fault markers count runs).
    pub fn probe_runs(&self, event_id: &str) -> String {
        format!("{}:probe-runs:{event_id}", self.ns)
    }
    /// While it exists, the probe's poison markers fail (tests).
    pub fn probe_broken(&self) -> String {
        format!("{}:probe-broken", self.ns)
    }
    /// Stream the probe step appends to (tests and benchmarks).
    pub fn probe(&self) -> String {
        format!("{}:probe", self.ns)
    }
    /// The next free send slot of one business number (ms, a string living until the slot
    /// has passed). The send keys of a number share the hash tag `{number}`: the limits'
    /// scripts touch one number's keys together (`worker::whatsapp::limits`).
    pub fn send_tat(&self, number: &str) -> String {
        format!("{}:sends:{{{number}}}:tat", self.ns)
    }
    /// The send rate learned from Meta's 130429 refusals for one business number, and when
    /// (`"<rate> <cut_at ms>"`).
    pub fn send_learned(&self, number: &str) -> String {
        format!("{}:sends:{{{number}}}:learned", self.ns)
    }
    /// The pair-rate delay of one customer of a business number, set by Meta's 131056
    /// (`"<until ms> <refusals in a row>"`).
    pub fn send_pair(&self, number: &str, recipient: &str) -> String {
        format!("{}:sends:{{{number}}}:pair:{recipient}", self.ns)
    }
    /// The sends circuit breaker: present (JSON, `state::breaker`) while every send is paused.
    pub fn sends_paused(&self) -> String {
        format!("{}:sends:paused", self.ns)
    }
    /// The Slack side of a conversation: its current alert (`alert`, `ts`, `channel`,
    /// `shown`, `posted`; a hash, `worker::slack`).
    pub fn slack(&self, conversation: &str) -> String {
        format!("{}:slack:conv:{conversation}", self.ns)
    }
    /// Lines waiting to be posted in (or already posted to) the alert's thread (a list).
    pub fn slack_lines(&self, conversation: &str) -> String {
        format!("{}:slack:lines:{conversation}", self.ns)
    }
    /// The conversation an alert belongs to, by the alert's channel and `ts` (a string,
    /// `state::slack`).
    pub fn slack_thread(&self, channel: &str, ts: &str) -> String {
        format!("{}:slack:thread:{channel}:{ts}", self.ns)
    }
    /// Any other key under the namespace.
    pub fn other(&self, rest: &str) -> String {
        format!("{}:{rest}", self.ns)
    }
    /// Pattern matching every key of the namespace.
    pub fn pattern(&self) -> String {
        format!("{}:*", self.ns)
    }
}
