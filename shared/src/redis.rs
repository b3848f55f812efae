//! Redis access: the shared connection and the key layout.
//!
//! [`Pool`] is one multiplexed connection per process, cheap to clone and shared by every task:
//! commands from concurrent tasks are pipelined on it, and it reconnects by itself after an
//! error. (A pool of multiplexed connections buys nothing, and deadpool's recycling sent
//! `UNWATCH` + `PING` before every use — half of all Redis commands.) Two forms, chosen by the
//! URL ([`pool`]):
//!
//! - one server (`redis://…`, `rediss://…`): redis-rs's `ConnectionManager`;
//! - a Redis Cluster (`redis+cluster://host:port,host:port,…`, any reachable nodes; the rest
//!   of the topology is discovered): redis-rs's `cluster_async::ClusterConnection`, which routes
//!   each command to the master of its key's hash slot and follows `MOVED`/`ASK`. On a
//!   cluster, a non-atomic pipeline is sent one command after the other, in order (each to its
//!   own slot), since a pipeline's keys may live on different nodes; a `MULTI` pipeline and a
//!   script must touch one hash slot (see the key layout below), or Redis answers `CROSSSLOT`.
//!
//! Both connect lazily, so creating the pool succeeds with Redis down; a command fails with
//! [`RedisError`] while Redis is unreachable (a response waits at most 2 s), and callers treat
//! that as transient (retry, or for the worker: stop trusting leases, see
//! `worker::stream::partitions`). Blocking commands must not use it (they would stall every
//! other task's commands): open a dedicated connection for those ([`dedicated`]).
//!
//! # Key layout
//!
//! Every key is `{ns}:<purpose>:...` (the namespace first, without braces — it may not contain
//! `{` or `}`), so a namespace can be listed and deleted as a whole (tests do); [`Keys`] builds
//! each of them, and is the only place keys are built. Keys that a script or a `MULTI`
//! touches together carry the same Redis Cluster *hash tag* (the first `{…}` of a key: only
//! that part is hashed), so they live in one hash slot:
//!
//! - `{c:<conversation>}`: everything of one conversation — its hash, transcript, drafts,
//!   handoff record, failures, parking, Slack hash and lines — and everything of one *event*
//!   of it: the dedupe record, and the effects journal (so a journal mark
//!   and the conversation's effects share one `MULTI`);
//! - `{p:<partition>}`: a partition's lease and its parked-conversations set;
//! - `{e:<event>}` (a command's outcome, found by its id alone; the probe's run counter),
//!   `{w:<wamid>}`, `{n:<number>}`, `{u:<memory user>}`, `{d:<doc>}`, `{t:<channel>:<ts>}`:
//!   records that are only ever touched alone;
//! - no tag: the namespace-wide structures (`members`, `console`, `owned:*`, `numbers`,
//!   `presence`, the probe's stream), each touched alone.
//!
//! No script or transaction spans two tags: what used to (the console index moved by the
//! transition script, the claim reading the membership, the renewal of every lease in one
//! script, the parking state reading the head's dedupe record, a console event written in the
//! journal's `MULTI`) is split into steps whose failure modes are described where they live
//! (`state::transition`, `state::feed`, and the worker's `stream::idempotency`,
//! `stream::membership`, `stream::parking`, `conversation::effects`). The tag always has a
//! kind prefix (`c:`, `p:` …), so it is never empty whatever the id. [`slot`] computes a key's
//! hash slot; a unit test checks every script's and transaction's key set with it.
//! (The send-limit keys, `send_rate`, `send_pair` and `sends_paused`, are being reworked
//! separately and keep their old form for now.)

use std::sync::Arc;
use std::time::Duration;

use redis::aio::{ConnectionLike, ConnectionManager, ConnectionManagerConfig};
use redis::cluster::ClusterClient;
use redis::cluster_async::ClusterConnection;
use redis::{Cmd, Pipeline, RedisFuture, Value};
use tokio::sync::OnceCell;

use crate::state::Owner;

/// Errors talking to Redis.
#[derive(Debug, thiserror::Error)]
pub enum RedisError {
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
}

/// The URL scheme of a Redis Cluster: `redis+cluster://host:port,host:port,…` (plain TCP;
/// `rediss+cluster://` for TLS is not supported by this build).
pub const CLUSTER_SCHEME: &str = "redis+cluster://";

/// The process's shared Redis connection (see the module doc).
#[derive(Clone)]
pub struct Pool(Inner);

#[derive(Clone)]
enum Inner {
    Single(ConnectionManager),
    Cluster(Arc<LazyCluster>),
}

/// A cluster connection made on first use (and again after a failed first attempt).
struct LazyCluster {
    client: ClusterClient,
    conn: OnceCell<ClusterConnection>,
}

impl LazyCluster {
    async fn get(&self) -> Result<ClusterConnection, RedisError> {
        Ok(self
            .conn
            .get_or_try_init(|| self.client.get_async_connection())
            .await?
            .clone())
    }
}

/// A connection: one server or a cluster. Implements [`ConnectionLike`], so every redis-rs
/// command, pipeline and script runs on it.
#[derive(Clone)]
pub enum Connection {
    Single(ConnectionManager),
    Cluster(ClusterConnection),
}

/// A handle on the shared connection, for one or more commands.
pub struct Conn(Connection);

impl std::ops::Deref for Conn {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.0
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.0
    }
}

impl Pool {
    /// A handle on the connection (never waits on a single server: the connection is shared;
    /// on a cluster, the first call connects).
    pub async fn get(&self) -> Result<Conn, RedisError> {
        Ok(Conn(match &self.0 {
            Inner::Single(m) => Connection::Single(m.clone()),
            Inner::Cluster(c) => Connection::Cluster(c.get().await?),
        }))
    }

    /// True when this is a Redis Cluster connection.
    pub fn is_cluster(&self) -> bool {
        matches!(self.0, Inner::Cluster(_))
    }
}

impl ConnectionLike for Connection {
    fn req_packed_command<'a>(&'a mut self, cmd: &'a Cmd) -> RedisFuture<'a, Value> {
        match self {
            Connection::Single(c) => c.req_packed_command(cmd),
            Connection::Cluster(c) => c.req_packed_command(cmd),
        }
    }

    fn req_packed_commands<'a>(
        &'a mut self,
        pipeline: &'a Pipeline,
        offset: usize,
        count: usize,
    ) -> RedisFuture<'a, Vec<Value>> {
        match (self, pipeline.is_transaction()) {
            (Connection::Single(c), _) => c.req_packed_commands(pipeline, offset, count),
            (Connection::Cluster(c), true) => c.req_packed_commands(pipeline, offset, count),
            // A plain pipeline promises order, not atomicity: on a cluster its commands may
            // belong to different nodes, so they go one after the other.
            (Connection::Cluster(c), false) => {
                let mut c = c.clone();
                Box::pin(async move {
                    let mut out = Vec::with_capacity(count);
                    for cmd in pipeline.cmd_iter() {
                        out.push(c.req_packed_command(cmd).await?);
                    }
                    Ok(out)
                })
            }
        }
    }

    fn get_db(&self) -> i64 {
        match self {
            Connection::Single(c) => c.get_db(),
            Connection::Cluster(c) => c.get_db(),
        }
    }
}

/// The seed nodes of a cluster URL (`redis+cluster://h1:p1,h2:p2`), as `redis://` URLs; `None`
/// for a single-server URL.
pub fn cluster_nodes(url: &str) -> Option<Vec<String>> {
    let rest = url.strip_prefix(CLUSTER_SCHEME)?;
    let (auth, hosts) = match rest.rsplit_once('@') {
        Some((auth, hosts)) => (format!("{auth}@"), hosts),
        None => (String::new(), rest),
    };
    let hosts = hosts.trim_end_matches('/');
    Some(
        hosts
            .split(',')
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(|h| format!("redis://{auth}{h}"))
            .collect(),
    )
}

fn cluster_client(nodes: Vec<String>, response: Duration) -> anyhow::Result<ClusterClient> {
    anyhow::ensure!(!nodes.is_empty(), "REDIS_URL: a cluster URL names no node");
    Ok(ClusterClient::builder(nodes)
        .connection_timeout(Duration::from_secs(2))
        .response_timeout(response)
        .retries(2)
        .max_retry_wait(500)
        .build()?)
}

/// Creates the shared connection for `url` (a single server, or a cluster in the
/// [`CLUSTER_SCHEME`] form); it connects on first use, so this succeeds with Redis down (it
/// fails only on a malformed URL).
pub fn pool(url: &str) -> anyhow::Result<Pool> {
    if let Some(nodes) = cluster_nodes(url) {
        let client = cluster_client(nodes, Duration::from_secs(2))?;
        return Ok(Pool(Inner::Cluster(Arc::new(LazyCluster {
            client,
            conn: OnceCell::new(),
        }))));
    }
    let client = redis::Client::open(url)?;
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_response_timeout(Some(Duration::from_secs(2)))
        .set_number_of_retries(2)
        .set_max_delay(Duration::from_millis(500));
    Ok(Pool(Inner::Single(
        ConnectionManager::new_lazy_with_config(client, config)?,
    )))
}

/// Opens a connection of its own (for blocking commands such as `XREAD BLOCK`), answering
/// within `response_timeout`; a single server or a cluster, as [`pool`].
pub async fn dedicated(url: &str, response_timeout: Duration) -> Result<Connection, RedisError> {
    if let Some(nodes) = cluster_nodes(url) {
        let client = cluster_client(nodes, response_timeout).map_err(|e| {
            redis::RedisError::from((
                redis::ErrorKind::InvalidClientConfig,
                "REDIS_URL",
                e.to_string(),
            ))
        })?;
        return Ok(Connection::Cluster(client.get_async_connection().await?));
    }
    let client = redis::Client::open(url)?;
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_response_timeout(Some(response_timeout))
        .set_number_of_retries(0);
    Ok(Connection::Single(
        ConnectionManager::new_with_config(client, config).await?,
    ))
}

/// The Redis Cluster hash slot of `key` (CRC16/XMODEM of its hash tag — the part between the
/// first `{` and the next `}` when that is not empty — or of the whole key, mod 16384), as in
/// the cluster specification.
pub fn slot(key: &[u8]) -> u16 {
    let hashed = match key.iter().position(|&b| b == b'{') {
        Some(open) => match key[open + 1..].iter().position(|&b| b == b'}') {
            Some(len) if len > 0 => &key[open + 1..open + 1 + len],
            _ => key,
        },
        None => key,
    };
    crc16_xmodem(hashed) % 16384
}

fn crc16_xmodem(data: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &b in data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// Builds keys under one namespace.
#[derive(Clone, Debug)]
pub struct Keys {
    ns: String,
}

/// The hash tag of a conversation's keys (and of its events' keys).
fn conv_tag(conversation: &str) -> String {
    format!("{{c:{conversation}}}")
}

/// The hash tag of a partition's keys.
fn part_tag(p: u16) -> String {
    format!("{{p:{p}}}")
}

impl Keys {
    /// Keys under `ns`. Panics when `ns` contains `{` or `}` (it would become the keys' hash
    /// tag; the configuration refuses such a namespace before it gets here).
    pub fn new(ns: &str) -> Self {
        assert!(
            !ns.contains(['{', '}']),
            "a namespace may not contain '{{' or '}}': {ns:?}"
        );
        Keys { ns: ns.to_owned() }
    }
    /// Sorted set of live workers (score = last heartbeat, ms).
    pub fn members(&self) -> String {
        format!("{}:members", self.ns)
    }
    /// Lease of partition `p` (value = worker id).
    pub fn lease(&self, p: u16) -> String {
        format!("{}:lease:{}", self.ns, part_tag(p))
    }
    /// Idempotency record of event `event_id` of `conversation`.
    pub fn dedupe(&self, conversation: &str, event_id: &str) -> String {
        format!("{}:dedupe:{}:{event_id}", self.ns, conv_tag(conversation))
    }
    /// Marker of a conversation whose head event waits in a retry tier.
    pub fn parked(&self, conversation: &str) -> String {
        format!("{}:parked:{}", self.ns, conv_tag(conversation))
    }
    /// Events of a parked conversation held back behind the retried one (a list).
    pub fn parked_events(&self, conversation: &str) -> String {
        format!("{}:parked-events:{}", self.ns, conv_tag(conversation))
    }
    /// Effects journal of event `event_id` of `conversation` (what its processing decided and
    /// which effects are done).
    pub fn journal(&self, conversation: &str, event_id: &str) -> String {
        format!("{}:journal:{}:{event_id}", self.ns, conv_tag(conversation))
    }
    /// How many attempts of event `event_id` of `conversation` panicked (a counter, living as
    /// long as its idempotency record).
    pub fn panics(&self, conversation: &str, event_id: &str) -> String {
        format!("{}:panics:{}:{event_id}", self.ns, conv_tag(conversation))
    }
    /// Conversations of partition `p` that are parked (a set; loaded by the partition's owner when
    /// it starts consuming it).
    pub fn parked_set(&self, p: u16) -> String {
        format!("{}:parked-set:{}", self.ns, part_tag(p))
    }
    /// Ownership and identity of a conversation (a hash).
    pub fn conversation(&self, conversation: &str) -> String {
        format!("{}:conv:{}", self.ns, conv_tag(conversation))
    }
    /// Recent transcript of a conversation (a list, newest first).
    pub fn transcript(&self, conversation: &str) -> String {
        format!("{}:transcript:{}", self.ns, conv_tag(conversation))
    }
    /// The console feed (a stream of events for the humans).
    pub fn console(&self) -> String {
        format!("{}:console", self.ns)
    }
    /// Unsent AI replies kept as suggestions for the human (a list).
    pub fn drafts(&self, conversation: &str) -> String {
        format!("{}:drafts:{}", self.ns, conv_tag(conversation))
    }
    /// The customer ids of one business number, each mapped to its conversation key (a hash:
    /// the customer key, `wa_id` and `user_id` all point at the conversation, so the console
    /// finds it by either).
    pub fn customers(&self, number: &str) -> String {
        format!("{}:customers:{{n:{number}}}", self.ns)
    }
    /// Business numbers conversations were seen on (a set).
    pub fn numbers(&self) -> String {
        format!("{}:numbers", self.ns)
    }
    /// Conversations owned by `owner` (a sorted set of conversation keys, score = since when,
    /// ms): the console's index, brought in line with the conversation hashes after each
    /// change of owner (`state::transition`).
    pub fn owned(&self, owner: Owner) -> String {
        format!("{}:owned:{}", self.ns, owner.as_str())
    }
    /// Human agents online: agent → last seen, ms (a sorted set, `state::presence`).
    pub fn presence(&self) -> String {
        format!("{}:presence", self.ns)
    }
    /// The last handoff of a conversation: decision, evidence, memory snapshot (JSON).
    pub fn handoff(&self, conversation: &str) -> String {
        format!("{}:handoff:{}", self.ns, conv_tag(conversation))
    }
    /// Messages of a conversation that could not be sent or delivered (a capped list).
    pub fn failures(&self, conversation: &str) -> String {
        format!("{}:failures:{}", self.ns, conv_tag(conversation))
    }
    /// The outcome of a human command, by event id (JSON), for the request waiting on it
    /// (written alone: ingress finds it by the id only).
    pub fn command(&self, event_id: &str) -> String {
        format!("{}:command:{{e:{event_id}}}", self.ns)
    }
    /// A message we sent, by wamid: conversation, role, delivery status (a JSON string,
    /// `state::sent`).
    pub fn sent(&self, wamid: &str) -> String {
        format!("{}:sent:{{w:{wamid}}}", self.ns)
    }
    /// The local memory backend's records of a memory user (a hash: record id → JSON).
    pub fn memory_docs(&self, user: &str) -> String {
        format!("{}:memory:{{u:{user}}}:docs", self.ns)
    }
    /// Marker that a Synap document was written (dedupe of memory-queue redeliveries).
    pub fn synap_written(&self, doc_id: &str) -> String {
        format!("{}:memory:synap-written:{{d:{doc_id}}}", self.ns)
    }
    /// How often the probe step ran for an event (its fault markers count runs).
    pub fn probe_runs(&self, event_id: &str) -> String {
        format!("{}:probe-runs:{{e:{event_id}}}", self.ns)
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
    /// has passed). The send keys of a number share the hash tag `{s:<number>}`: the limits'
    /// scripts touch one number's keys together (`worker::whatsapp::limits`).
    pub fn send_tat(&self, number: &str) -> String {
        format!("{}:sends:{{s:{number}}}:tat", self.ns)
    }
    /// The send rate learned from Meta's 130429 refusals for one business number, and when
    /// (`"<rate> <cut_at ms>"`).
    pub fn send_learned(&self, number: &str) -> String {
        format!("{}:sends:{{s:{number}}}:learned", self.ns)
    }
    /// The pair-rate delay of one customer of a business number, set by Meta's 131056
    /// (`"<until ms> <refusals in a row>"`).
    pub fn send_pair(&self, number: &str, recipient: &str) -> String {
        format!("{}:sends:{{s:{number}}}:pair:{recipient}", self.ns)
    }
    /// The sends circuit breaker: present (JSON, `state::breaker`) while every send is paused.
    pub fn sends_paused(&self) -> String {
        format!("{}:sends:paused", self.ns)
    }
    /// The Slack side of a conversation: its current alert (`alert`, `ts`, `channel`,
    /// `shown`, `posted`; a hash, `worker::slack`).
    pub fn slack(&self, conversation: &str) -> String {
        format!("{}:slack:conv:{}", self.ns, conv_tag(conversation))
    }
    /// Lines waiting to be posted in (or already posted to) the alert's thread (a list).
    pub fn slack_lines(&self, conversation: &str) -> String {
        format!("{}:slack:lines:{}", self.ns, conv_tag(conversation))
    }
    /// The conversation an alert belongs to, by the alert's channel and `ts` (a string,
    /// `state::slack`).
    pub fn slack_thread(&self, channel: &str, ts: &str) -> String {
        format!("{}:slack:thread:{{t:{channel}:{ts}}}", self.ns)
    }
    /// Any other key under the namespace.
    pub fn other(&self, rest: &str) -> String {
        format!("{}:{rest}", self.ns)
    }
    /// Pattern matching every key of the namespace (with `KEYS`, which redis-rs sends to every
    /// master of a cluster; single-server tooling may `SCAN` with it).
    pub fn pattern(&self) -> String {
        format!("{}:*", self.ns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_follow_the_cluster_specification() {
        // The specification's check value of CRC16/XMODEM, and slots redis-cli reports.
        assert_eq!(crc16_xmodem(b"123456789"), 0x31C3);
        assert_eq!(slot(b"foo"), 12182);
        assert_eq!(slot(b"{foo}bar"), 12182);
        assert_eq!(slot(b"{user1000}.following"), slot(b"{user1000}.followers"));
        // An empty tag hashes the whole key.
        assert_eq!(slot(b"{}foo"), crc16_xmodem(b"{}foo") % 16384);
        assert_ne!(slot(b"{}a"), slot(b"{}b"));
    }

    #[test]
    fn cluster_urls_name_their_seed_nodes() {
        assert_eq!(cluster_nodes("redis://127.0.0.1:6379"), None);
        assert_eq!(
            cluster_nodes("redis+cluster://127.0.0.1:7001,127.0.0.1:7002/").unwrap(),
            vec!["redis://127.0.0.1:7001", "redis://127.0.0.1:7002"]
        );
        assert_eq!(
            cluster_nodes("redis+cluster://:pw@a:1,b:2").unwrap(),
            vec!["redis://:pw@a:1", "redis://:pw@b:2"]
        );
    }

    #[test]
    #[should_panic(expected = "namespace")]
    fn a_namespace_with_braces_is_refused() {
        Keys::new("a{b}");
    }

    #[test]
    fn a_conversation_and_its_events_share_one_slot_whatever_the_id() {
        let k = Keys::new("ns");
        for conv in ["300:5511", "", "}", "{x}", "a}b{c"] {
            let s = slot(k.conversation(conv).as_bytes());
            for other in [
                k.transcript(conv),
                k.dedupe(conv, "e}1"),
                k.journal(conv, "e1"),
                k.slack_lines(conv),
            ] {
                assert_eq!(slot(other.as_bytes()), s, "{conv:?} {other}");
            }
        }
    }
}
