//! Redis access: the pool and the key layout.
//!
//! Every key is `{ns}:<purpose>:...` so a namespace can be listed and deleted as a whole
//! (tests do). Pool errors surface as [`RedisError`]; callers treat them as transient (retry,
//! or for the worker: stop trusting leases, see `worker::partitions`).

use deadpool_redis::{Config as PoolConfig, Pool, Runtime};

/// Errors talking to Redis.
#[derive(Debug, thiserror::Error)]
pub enum RedisError {
    #[error("redis pool: {0}")]
    Pool(#[from] deadpool_redis::PoolError),
    #[error("redis: {0}")]
    Redis(#[from] deadpool_redis::redis::RedisError),
}

/// Creates a pool; connections are opened lazily, so this succeeds with Redis down.
pub fn pool(url: &str) -> anyhow::Result<Pool> {
    let mut cfg = PoolConfig::from_url(url);
    let mut pc = deadpool_redis::PoolConfig::new(64);
    pc.timeouts.wait = Some(std::time::Duration::from_secs(2));
    pc.timeouts.create = Some(std::time::Duration::from_secs(2));
    pc.timeouts.recycle = Some(std::time::Duration::from_secs(2));
    cfg.pool = Some(pc);
    Ok(cfg.create_pool(Some(Runtime::Tokio1))?)
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
    /// Ids of the transcript's entries (a sorted set by insertion time, trimmed with the list).
    pub fn transcript_ids(&self, conversation: &str) -> String {
        format!("{}:transcript-ids:{conversation}", self.ns)
    }
    /// The console feed (a stream of events for the humans).
    pub fn console(&self) -> String {
        format!("{}:console", self.ns)
    }
    /// Unsent AI replies kept as suggestions for the human (a list).
    pub fn drafts(&self, conversation: &str) -> String {
        format!("{}:drafts:{conversation}", self.ns)
    }
    /// A message we sent, by wamid: conversation, role, delivery status (a hash).
    pub fn sent_message(&self, wamid: &str) -> String {
        format!("{}:msg:{wamid}", self.ns)
    }
    /// Stream the probe step appends to (tests and benchmarks).
    pub fn probe(&self) -> String {
        format!("{}:probe", self.ns)
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
