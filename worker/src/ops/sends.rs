//! `worker sends status|resume`: the operator's view of Meta's send limits, and a way to close
//! the sends circuit breaker (`baton_shared::state::breaker`) once the cause is fixed (a new
//! token, billing, the account's standing: see the README runbook). The console's *Resume
//! sending* button (`POST /api/v1/sends/resume`) does the same.

use std::io::Write;

use baton_shared::config::{Config, Env};
use baton_shared::event::now_ms;
use baton_shared::redis::{Keys, Pool};
use baton_shared::state::breaker;

use crate::whatsapp::{LimitsConfig, SendLimits};

/// Prints whether sends are paused (and why) and the send rate in effect for each business
/// number that sent in the last second or whose rate Meta lowered.
pub async fn status(config: &Config, out: &mut impl Write) -> anyhow::Result<()> {
    let (pool, keys) = connect(config)?;
    match breaker::get(&pool, &keys).await? {
        Some(p) => writeln!(
            out,
            "sends: PAUSED for {}s (code {}): {}\n  opened by event {} of conversation {}\n  resume with `worker sends resume` (or the console's Resume sending) once the cause is fixed",
            (now_ms() - p.since_ms).max(0) / 1000,
            p.code.map_or_else(|| "none".into(), |c| c.to_string()),
            p.error,
            p.event_id,
            p.conversation
        )?,
        None => writeln!(out, "sends: running")?,
    }
    let cfg = LimitsConfig::from_env(&Env::new(|k| std::env::var(k).ok()))?;
    let limits = SendLimits::new(pool.clone(), keys.clone(), cfg.clone());
    writeln!(out, "configured rate: {} sends/s per number", cfg.rate)?;
    let mut numbers = Vec::new();
    for pattern in [keys.send_learned("*"), keys.send_tat("*")] {
        let (prefix, suffix) = pattern.split_once('*').expect("a pattern");
        for key in scan(&pool, &pattern).await? {
            if let Some(n) = key
                .strip_prefix(prefix)
                .and_then(|k| k.strip_suffix(suffix))
            {
                numbers.push(n.to_owned());
            }
        }
    }
    numbers.sort();
    numbers.dedup();
    for number in numbers {
        let rate = limits.rate(&number, None).await?;
        writeln!(out, "  number {number}: {rate:.2} sends/s in effect")?;
    }
    Ok(())
}

/// Closes the breaker; the replies that waited go out as their events come back from the
/// retry tiers (within a minute).
pub async fn resume(config: &Config, by: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let (pool, keys) = connect(config)?;
    match breaker::resume(&pool, &keys, by).await? {
        Some(p) => writeln!(
            out,
            "sends resumed (paused for {}s, code {})",
            (now_ms() - p.since_ms).max(0) / 1000,
            p.code.map_or_else(|| "none".into(), |c| c.to_string())
        )?,
        None => writeln!(out, "sends were not paused")?,
    }
    Ok(())
}

/// Every key matching `pattern` (`SCAN`, never `KEYS`: production Redis is shared). One
/// server only: a cluster's `SCAN` cursor belongs to one node.
pub(crate) async fn scan(pool: &Pool, pattern: &str) -> anyhow::Result<Vec<String>> {
    anyhow::ensure!(
        !pool.is_cluster(),
        "this command scans keys and works on one Redis server, not on a cluster URL"
    );
    let mut c = pool.get().await?;
    let mut cursor = 0u64;
    let mut found = Vec::new();
    loop {
        let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(pattern)
            .arg("COUNT")
            .arg(1000)
            .query_async(&mut *c)
            .await?;
        found.extend(keys);
        if next == 0 {
            return Ok(found);
        }
        cursor = next;
    }
}

fn connect(config: &Config) -> anyhow::Result<(Pool, Keys)> {
    let pool = baton_shared::redis::pool(&config.infra.redis_url)?;
    Ok((pool, Keys::new(&config.infra.namespace)))
}
