//! The sweeper: what happens to a conversation because time passed, not because someone wrote.
//!
//! Every worker runs one task that, every `BATON_SWEEP_INTERVAL` (±20 % jitter, so workers do
//! not sweep in step), looks only at conversations of the partitions this worker holds a lease
//! on right now (`{ns}:lease:p` = its id; the partition of a conversation is the hash ingress
//! routes with, `topology::partition_of`), and publishes, with a publisher confirm, events on
//! their partitions for the engine to act on in order with everything else:
//!
//! - [`idle`]: a human-owned conversation with no human message for `HUMAN_IDLE_RELEASE` gets
//!   an inactivity release (`human_release` from `system`, carrying the activity time seen).
//! - [`waiting`]: a handoff nobody took for `HANDOFF_REALERT_AFTER` gets a `handoff_waiting`
//!   re-alert, one per interval waited.
//!
//! It decides nothing itself: the engine applies the release only if no human acted since
//! (`conversation::release`) and shows a re-alert only if the handoff still waits
//! (`conversation::waiting`). Event ids are derived from what was seen, so a sweep repeated
//! before the event was handled, two workers sweeping one partition during a hand-over, or a
//! publish retried after a lost confirm all make one event (the worker's dedupe). An id
//! published and still due is not published again by this process.
//!
//! Failure: a sweep that cannot read Redis or publish logs a warning and tries again at the
//! next interval; nothing is marked before its publish is confirmed, so nothing is lost. It
//! imports nothing of the engine or the stream runtime (`worker/tests/layers.rs`).

pub mod idle;
pub mod waiting;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use baton_shared::amqp::{PublishError, Publisher};
use baton_shared::event::{Conversation, now_ms};
use baton_shared::redis::{Keys, Pool, RedisError};
use baton_shared::topology::partition_of;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

/// How many conversations one sweep looks at, per kind (the longest-waiting first).
pub const BATCH: usize = 500;

/// When the sweeper acts (`0` turns a kind off).
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    pub idle_release: Duration,
    pub realert_after: Duration,
    pub interval: Duration,
}

/// What the sweeper needs: Redis, the publisher, who it is.
pub struct Sweeper {
    pub redis: Pool,
    pub keys: Keys,
    pub publisher: Arc<Publisher>,
    /// This worker's id, as its leases hold it.
    pub worker_id: String,
    pub partitions: u16,
    pub timing: Timing,
}

#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    #[error(transparent)]
    Redis(#[from] RedisError),
    #[error("publish: {0}")]
    Publish(#[from] PublishError),
}

/// Runs sweeps until `shutdown`.
pub async fn run(s: Sweeper, shutdown: CancellationToken) {
    let t = s.timing;
    if t.idle_release.is_zero() && t.realert_after.is_zero() {
        return;
    }
    info!(idle = ?t.idle_release, realert = ?t.realert_after, every = ?t.interval, "sweeper running");
    let mut published = HashSet::new();
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(jittered(t.interval, random_unit())) => {}
        }
        if let Err(e) = s.sweep(&mut published).await {
            warn!(error = %e, "sweep failed; trying again next time");
        }
    }
}

impl Sweeper {
    /// One sweep: the events due now on the partitions held, each published once.
    pub async fn sweep(&self, published: &mut HashSet<String>) -> Result<(), SweepError> {
        let held = self.held().await?;
        if held.is_empty() {
            return Ok(());
        }
        let now = now_ms();
        let mut due = Vec::new();
        if !self.timing.idle_release.is_zero() {
            due.extend(idle::due(self, &held, now).await?);
        }
        if !self.timing.realert_after.is_zero() {
            due.extend(waiting::due(self, &held, now).await?);
        }
        // Forget what is no longer due (applied, refused, or taken by a human).
        published.retain(|id| due.iter().any(|ev| &ev.id == id));
        for ev in due {
            if published.contains(&ev.id) {
                continue;
            }
            self.publisher
                .publish_event(&ev, Default::default())
                .await?;
            metrics::counter!("baton_worker_sweeper_events_total", "kind" => ev.kind.as_str())
                .increment(1);
            info!(event = %ev.id, kind = ev.kind.as_str(), "sweeper published");
            published.insert(ev.id);
        }
        Ok(())
    }

    /// The partitions whose lease this worker holds now.
    async fn held(&self) -> Result<HashSet<u16>, RedisError> {
        let leases: Vec<String> = (0..self.partitions).map(|p| self.keys.lease(p)).collect();
        let mut c = self.redis.get().await?;
        let holders: Vec<Option<String>> =
            redis::cmd("MGET").arg(&leases).query_async(&mut *c).await?;
        Ok(holders
            .into_iter()
            .zip(0..)
            .filter(|(h, _)| h.as_deref() == Some(self.worker_id.as_str()))
            .map(|(_, p)| p)
            .collect())
    }

    /// The conversations of `found` (key, score) whose partition is in `held`.
    fn mine(&self, found: Vec<(String, i64)>, held: &HashSet<u16>) -> Vec<(String, i64)> {
        found
            .into_iter()
            .filter(|(key, _)| held.contains(&partition_of(key, self.partitions)))
            .collect()
    }

    /// Who each conversation is with, from its hash (the key's parts when the hash lacks
    /// them); one round trip.
    async fn conversations(&self, keys: &[String]) -> Result<Vec<Conversation>, RedisError> {
        let mut pipe = redis::pipe();
        for key in keys {
            pipe.cmd("HMGET")
                .arg(self.keys.conversation(key))
                .arg(&["number", "customer", "wa_id", "user_id", "name"]);
        }
        let mut c = self.redis.get().await?;
        let rows: Vec<Vec<Option<String>>> = pipe.query_async(&mut *c).await?;
        Ok(keys.iter().zip(rows).map(|(k, r)| identity(k, r)).collect())
    }
}

fn identity(key: &str, mut fields: Vec<Option<String>>) -> Conversation {
    fields.resize(5, None);
    let (number, customer) = key.split_once(':').unwrap_or((key, ""));
    let mut f = fields.into_iter();
    let mut next = || f.next().flatten();
    Conversation {
        number: next().unwrap_or_else(|| number.to_owned()),
        customer: next().unwrap_or_else(|| customer.to_owned()),
        wa_id: next(),
        user_id: next(),
        name: next(),
    }
}

/// `every` scaled by a factor in [0.8, 1.2) chosen by `unit` in [0, 1).
pub fn jittered(every: Duration, unit: f64) -> Duration {
    every.mul_f64(0.8 + 0.4 * unit.clamp(0.0, 1.0))
}

/// A number in [0, 1) from the random bits of a v4 UUID (no RNG crate for one jitter).
fn random_unit() -> f64 {
    (uuid::Uuid::new_v4().as_u128() % 1_000_000) as f64 / 1_000_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_stays_within_a_fifth_either_way() {
        let every = Duration::from_secs(15);
        assert_eq!(jittered(every, 0.0), Duration::from_secs(12));
        assert_eq!(jittered(every, 0.5), every);
        assert!(jittered(every, 0.999_999) < Duration::from_secs(18));
        for _ in 0..100 {
            let d = jittered(every, random_unit());
            assert!(d >= Duration::from_secs(12) && d < Duration::from_secs(18));
        }
    }

    #[test]
    fn identity_prefers_the_hash_and_falls_back_to_the_key() {
        let c = identity(
            "300:5511",
            vec![None, None, Some("5511".into()), None, None],
        );
        assert_eq!((c.number.as_str(), c.customer.as_str()), ("300", "5511"));
        assert_eq!(c.wa_id.as_deref(), Some("5511"));
        let c = identity(
            "300:BR.7",
            vec![
                Some("300".into()),
                Some("BR.7".into()),
                None,
                Some("BR.7".into()),
                Some("Anish".into()),
            ],
        );
        assert_eq!(c.key(), "300:BR.7");
        assert_eq!(c.name.as_deref(), Some("Anish"));
    }
}
