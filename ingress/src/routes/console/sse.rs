//! `GET /api/v1/events`: server-sent events for live console updates.
//!
//! One [`Hub`] per ingress process follows the console feed (the Redis stream `{ns}:console`)
//! with `XREAD BLOCK` on its own connection — a blocking read on the shared multiplexed
//! connection would stall every other console request — and fans entries out through a
//! `tokio::sync::broadcast` channel. It starts with the first subscriber (a webhook-only
//! deployment never opens it) and reconnects by itself, resuming after the last entry it saw,
//! so nothing written while Redis blinked is skipped.
//!
//! Each client gets `event: <type>`, `id: <stream id>` and `data: {"type", "conversation",
//! "at_ms", "data"}` (JSON; customer text is a JSON string, never markup), and a keep-alive
//! comment every 15 s that also keeps the agent's presence fresh (`presence`: an agent with
//! the stream open counts as online). A `Last-Event-ID` header (what browsers send when they reconnect)
//! replays the entries after it from the stream first (`XRANGE`, up to [`REPLAY_MAX`]); the
//! client subscribes before replaying and skips live entries it already got, so the seam loses
//! and repeats nothing. `?conversation=<key>` keeps one conversation's events. A client too slow
//! for the channel is disconnected and resumes with `Last-Event-ID`. Streams end at shutdown.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, Sse};
use baton_shared::redis::Connection as MultiplexedConnection;
use baton_shared::redis::{Keys, RedisError};
use baton_shared::state::feed::{self, FeedEntry};
use futures::{Stream, StreamExt, stream};
use tokio::sync::{OnceCell, broadcast};
use tokio_util::sync::CancellationToken;

use super::auth::Agent;
use super::presence;
use super::read::params;
use crate::AppState;
use crate::error::ApiError;

/// Entries replayed for a `Last-Event-ID`, at most.
pub const REPLAY_MAX: usize = 1000;
/// How long one `XREAD` blocks.
const BLOCK: Duration = Duration::from_secs(5);
/// Live entries buffered per client before it counts as too slow.
const CHANNEL: usize = 1024;

/// Follows the console feed and fans it out (see the module doc).
pub struct Hub {
    url: String,
    keys: Keys,
    tx: broadcast::Sender<Arc<FeedEntry>>,
    started: OnceCell<()>,
    shutdown: CancellationToken,
}

impl Hub {
    pub fn new(url: &str, keys: Keys, shutdown: CancellationToken) -> anyhow::Result<Hub> {
        Ok(Hub {
            url: {
                if baton_shared::redis::cluster_nodes(url).is_none() {
                    redis::Client::open(url)?;
                }
                url.to_owned()
            },
            keys,
            tx: broadcast::channel(CHANNEL).0,
            started: OnceCell::new(),
            shutdown,
        })
    }

    /// A receiver of every entry appended from now on (starting the follower on first use).
    pub async fn subscribe(&self) -> Result<broadcast::Receiver<Arc<FeedEntry>>, RedisError> {
        let rx = self.tx.subscribe();
        self.started
            .get_or_try_init(|| async {
                let mut conn = self.connect().await?;
                let from = newest_id(&mut conn, &self.keys).await?;
                let follower = Follower {
                    url: self.url.clone(),
                    key: self.keys.console(),
                    tx: self.tx.clone(),
                    shutdown: self.shutdown.clone(),
                };
                tokio::spawn(follower.run(conn, from));
                Ok::<(), RedisError>(())
            })
            .await?;
        Ok(rx)
    }

    async fn connect(&self) -> Result<MultiplexedConnection, RedisError> {
        connect(&self.url).await
    }
}

async fn connect(url: &str) -> Result<MultiplexedConnection, RedisError> {
    baton_shared::redis::dedicated(url, BLOCK + Duration::from_secs(3)).await
}

/// The id of the stream's newest entry (`0-0` when empty).
async fn newest_id(conn: &mut MultiplexedConnection, keys: &Keys) -> Result<String, RedisError> {
    let newest: Vec<(String, Vec<String>)> = redis::cmd("XREVRANGE")
        .arg(keys.console())
        .arg("+")
        .arg("-")
        .arg("COUNT")
        .arg(1)
        .query_async(conn)
        .await?;
    Ok(newest.into_iter().next().map_or("0-0".into(), |(id, _)| id))
}

type XRead = Option<Vec<(String, Vec<(String, Vec<String>)>)>>;

struct Follower {
    url: String,
    key: String,
    tx: broadcast::Sender<Arc<FeedEntry>>,
    shutdown: CancellationToken,
}

impl Follower {
    async fn run(self, mut conn: MultiplexedConnection, mut last: String) {
        loop {
            let mut cmd = redis::cmd("XREAD");
            cmd.arg("COUNT")
                .arg(100)
                .arg("BLOCK")
                .arg(BLOCK.as_millis() as u64)
                .arg("STREAMS")
                .arg(&self.key)
                .arg(&last);
            let read = cmd.query_async::<XRead>(&mut conn);
            let result = tokio::select! {
                _ = self.shutdown.cancelled() => return,
                r = read => r,
            };
            match result {
                Ok(batch) => self.publish(batch, &mut last),
                Err(e) => {
                    tracing::warn!(error = %e, "console feed: Redis read failed; reconnecting");
                    match self.reconnect().await {
                        Some(c) => conn = c,
                        None => return,
                    }
                }
            }
        }
    }

    fn publish(&self, batch: XRead, last: &mut String) {
        for (_, entries) in batch.unwrap_or_default() {
            for (id, fields) in entries {
                *last = id.clone();
                if let Some(entry) = feed::parse_entry(id, &fields) {
                    // No receiver is fine: nobody is watching right now.
                    let _ = self.tx.send(Arc::new(entry));
                }
            }
        }
    }

    /// A new connection, retried every second until shutdown (`None`).
    async fn reconnect(&self) -> Option<MultiplexedConnection> {
        loop {
            tokio::select! {
                _ = self.shutdown.cancelled() => return None,
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            if let Ok(c) = connect(&self.url).await {
                return Some(c);
            }
        }
    }
}

/// `(milliseconds, sequence)` of a stream id, for ordering.
fn stream_pos(id: &str) -> Option<(u64, u64)> {
    let (ms, seq) = id.split_once('-')?;
    Some((ms.parse().ok()?, seq.parse().ok()?))
}

fn to_sse(entry: &FeedEntry) -> SseEvent {
    let data = serde_json::json!({
        "type": entry.event.kind(),
        "conversation": entry.conversation,
        "at_ms": entry.at_ms,
        "data": entry.event.data(),
    });
    SseEvent::default()
        .event(entry.event.kind())
        .id(entry.id.clone())
        .data(data.to_string())
}

pub async fn events(
    State(state): State<AppState>,
    agent: Agent,
    headers: HeaderMap,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    let only = params(q)?.remove("conversation");
    let c = &state.console;
    let last_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .filter(|id| stream_pos(id).is_some())
        .map(str::to_owned);
    let rx = c.hub.subscribe().await?;
    presence::touch(&c.redis, &c.keys, &agent).await?;
    let replay = match &last_id {
        Some(id) => feed::read(&c.redis, &c.keys, id, REPLAY_MAX).await?,
        None => Vec::new(),
    };
    let seen = replay
        .last()
        .map(|e| e.id.clone())
        .or(last_id)
        .and_then(|id| stream_pos(&id));
    let live = stream::unfold(rx, |mut rx| async move {
        match rx.recv().await {
            Ok(e) => Some((e, rx)),
            // Lagged: end the stream; the client resumes with Last-Event-ID. Closed: shutdown.
            Err(_) => None,
        }
    })
    .filter(move |e| std::future::ready(seen.is_none_or(|s| stream_pos(&e.id) > Some(s))));
    let all = stream::iter(replay.into_iter().map(Arc::new))
        .chain(live)
        .filter(move |e| std::future::ready(only.as_deref().is_none_or(|k| e.conversation == k)))
        .map(|e| Ok(to_sse(&e)))
        .take_until(c.shutdown.clone().cancelled_owned());
    let (redis, keys) = (c.redis.clone(), c.keys.clone());
    Ok(Sse::new(presence::with_heartbeat(
        all, redis, keys, agent.0,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_ids_order_numerically() {
        assert!(stream_pos("10-0") > stream_pos("9-5"));
        assert!(stream_pos("9-10") > stream_pos("9-9"));
        assert_eq!(stream_pos("nope"), None);
        assert_eq!(stream_pos("1-x"), None);
    }
}
