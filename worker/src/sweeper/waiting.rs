//! Re-alerts due: handoffs still `pending_human` (`{ns}:owned:pending_human`, scored by when
//! they were handed off) for at least `HANDOFF_REALERT_AFTER`. A handoff that has waited `n`
//! whole intervals gets its `n`-th `handoff_waiting` event; the same one until the next
//! interval starts, so however often it is swept, it is one alert per interval.

use std::collections::HashSet;
use std::time::Duration;

use baton_shared::event::{Event, Waiting};
use baton_shared::redis::RedisError;
use baton_shared::state::{Owner, activity};

use super::{BATCH, Sweeper};

/// Which re-alert a handoff made at `since` is due at `now`, every `every` (none before the
/// first interval has passed).
pub fn alert(since: i64, now: i64, every: Duration) -> Option<u32> {
    let every = every.as_millis() as i64;
    let waited = now - since;
    if every <= 0 || waited < every {
        return None;
    }
    u32::try_from(waited / every).ok()
}

/// The re-alerts due at `now` on the partitions in `held`.
pub async fn due(s: &Sweeper, held: &HashSet<u16>, now: i64) -> Result<Vec<Event>, RedisError> {
    let every = s.timing.realert_after;
    let before = now - every.as_millis() as i64 + 1;
    let found =
        activity::owned_before(&s.redis, &s.keys, Owner::PendingHuman, before, BATCH).await?;
    let found = s.mine(found, held);
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<String> = found.iter().map(|(k, _)| k.clone()).collect();
    let convs = s.conversations(&keys).await?;
    Ok(convs
        .into_iter()
        .zip(found)
        .filter_map(|(conv, (_, since))| {
            let w = Waiting {
                since_ms: since,
                alert: alert(since, now, every)?,
                waiting_ms: now - since,
            };
            Some(Event::handoff_waiting(conv, w))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_alert_per_whole_interval_waited() {
        let m = Duration::from_secs(60);
        assert_eq!(alert(0, 59_999, m), None);
        assert_eq!(alert(0, 60_000, m), Some(1));
        assert_eq!(alert(0, 119_999, m), Some(1));
        assert_eq!(alert(0, 120_000, m), Some(2));
        assert_eq!(alert(1000, 1000 + 10 * 60_000, m), Some(10));
        assert_eq!(alert(0, 1_000_000, Duration::ZERO), None);
        assert_eq!(alert(5000, 0, m), None, "a clock behind the handoff");
    }
}
