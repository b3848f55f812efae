//! Which human agents are online: the console's live connections and Slack activity.
//!
//! One Redis sorted set, `{ns}:presence`: agent name → when they were last seen (ms). Ingress
//! refreshes an agent's entry when their console opens its live event stream and on every
//! keep-alive of it (`routes::console::presence`); the Slack side calls [`touch`] when an agent
//! acts there. The worker reads it at a handoff ([`online`]): an agent seen within
//! `AGENT_PRESENCE_TTL` counts as online. Nothing expires the entries themselves — an agent who
//! closes the console simply stops being refreshed — and [`touch`] drops entries older than
//! [`FORGET_MS`] so the set stays the size of the team. Fails with [`RedisError`]; callers
//! treat presence as best effort (a console stream still opens, a handoff still happens).

use crate::event::now_ms;
use crate::redis::{Keys, Pool, RedisError};

/// Entries not refreshed for this long are removed (a day).
pub const FORGET_MS: i64 = 24 * 3600 * 1000;

/// Records that `agent` is active now.
pub async fn touch(pool: &Pool, keys: &Keys, agent: &str) -> Result<(), RedisError> {
    let now = now_ms();
    let mut c = pool.get().await?;
    redis::pipe()
        .zadd(keys.presence(), agent, now)
        .ignore()
        .cmd("ZREMRANGEBYSCORE")
        .arg(keys.presence())
        .arg("-inf")
        .arg(now - FORGET_MS)
        .ignore()
        .query_async::<()>(&mut *c)
        .await?;
    Ok(())
}

/// The agents seen within `ttl_ms` of `now`, in name order.
pub async fn online(
    pool: &Pool,
    keys: &Keys,
    now: i64,
    ttl_ms: i64,
) -> Result<Vec<String>, RedisError> {
    let mut c = pool.get().await?;
    let mut agents: Vec<String> = redis::cmd("ZRANGEBYSCORE")
        .arg(keys.presence())
        .arg(now - ttl_ms)
        .arg("+inf")
        .query_async(&mut *c)
        .await?;
    agents.sort();
    Ok(agents)
}
