//! Agents online, as the console sees them: an agent whose console has its live event stream
//! open is online (`baton_shared::state::presence`, read by the worker at a handoff to decide
//! whether anyone can take it).
//!
//! [`touch`] records the agent when the stream opens; [`with_heartbeat`] sends the stream's
//! keep-alive comment every [`REFRESH`] and refreshes the agent's presence with each, so an
//! agent stays online while the page is open and drops out `AGENT_PRESENCE_TTL` after it
//! closes. A failed refresh is logged and the stream goes on (presence is best effort).

use std::convert::Infallible;
use std::time::Duration;

use axum::response::sse::Event as SseEvent;
use baton_shared::redis::{Keys, Pool, RedisError};
use baton_shared::state::presence;
use futures::{Stream, StreamExt, stream};

/// Keep-alive and presence refresh period of an open stream.
pub const REFRESH: Duration = Duration::from_secs(15);

/// Records `agent` as online now.
pub async fn touch(redis: &Pool, keys: &Keys, agent: &str) -> Result<(), RedisError> {
    presence::touch(redis, keys, agent).await
}

/// `events`, with a keep-alive comment every [`REFRESH`] that also refreshes `agent`'s
/// presence; it ends when `events` ends.
pub fn with_heartbeat<S>(
    events: S,
    redis: Pool,
    keys: Keys,
    agent: String,
) -> impl Stream<Item = Result<SseEvent, Infallible>> + Send + 'static
where
    S: Stream<Item = Result<SseEvent, Infallible>> + Send + 'static,
{
    let beats = stream::unfold((redis, keys, agent), |(redis, keys, agent)| async move {
        tokio::time::sleep(REFRESH).await;
        if let Err(e) = touch(&redis, &keys, &agent).await {
            tracing::warn!(error = %e, "console presence: refresh failed");
        }
        let beat = Some(Ok(SseEvent::default().comment("keep-alive")));
        Some((beat, (redis, keys, agent)))
    });
    let events = events.map(Some).chain(stream::once(async { None }));
    stream::select(events, beats)
        .take_while(|e| std::future::ready(e.is_some()))
        .filter_map(std::future::ready)
}
