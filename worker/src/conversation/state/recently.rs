//! Writes that need to happen at most once in a while per key and process: an index entry
//! that is almost always there already (`ownership::ensure_indexed` adds the business number
//! to `{ns}:numbers` once an hour), a lifetime that only needs refreshing long before it runs
//! out (the transcript's 30 days, once a day: `transcript::append_new`). Each saves a Redis
//! command on the hot path of every message.
//!
//! Per process, in memory: a restarted or another replica writes again (harmless, the writes
//! are idempotent). Bounded: past [`MAX_KEYS`] keys, the ones not seen within their interval
//! are forgotten (forgetting one only costs a write). Nothing here fails.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys remembered before the stale ones are dropped.
pub const MAX_KEYS: usize = 100_000;

/// When each key was last written, by this process.
pub struct Recently {
    every: Duration,
    seen: Mutex<HashMap<String, Instant>>,
}

impl Recently {
    /// Writes due at most once per `every`.
    pub fn new(every: Duration) -> Recently {
        Recently {
            every,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// True — and `key` counts as written now — unless this process wrote `key` within
    /// `every`. A caller that then fails to write should [`Recently::forget`] it.
    pub fn due(&self, key: &str) -> bool {
        self.due_at(key, Instant::now())
    }

    fn due_at(&self, key: &str, now: Instant) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = seen.get(key)
            && now.saturating_duration_since(*at) < self.every
        {
            return false;
        }
        if seen.len() >= MAX_KEYS {
            seen.retain(|_, at| now.saturating_duration_since(*at) < self.every);
        }
        seen.insert(key.to_owned(), now);
        true
    }

    /// The write of `key` did not happen: the next [`Recently::due`] says it is due.
    pub fn forget(&self, key: &str) {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_once_per_interval_per_key() {
        let r = Recently::new(Duration::from_secs(60));
        let t0 = Instant::now();
        assert!(r.due_at("a", t0));
        assert!(!r.due_at("a", t0 + Duration::from_secs(59)));
        assert!(r.due_at("b", t0 + Duration::from_secs(1)), "keys are apart");
        assert!(r.due_at("a", t0 + Duration::from_secs(60)), "due again");
        assert!(!r.due_at("a", t0 + Duration::from_secs(61)));
        r.forget("a");
        assert!(
            r.due_at("a", t0 + Duration::from_secs(62)),
            "a failed write"
        );
    }

    #[test]
    fn stale_keys_go_when_full() {
        let r = Recently::new(Duration::from_secs(60));
        let t0 = Instant::now();
        for i in 0..MAX_KEYS {
            r.due_at(&i.to_string(), t0);
        }
        assert_eq!(r.len(), MAX_KEYS);
        // Still fresh: nothing can go, the map grows by one.
        assert!(r.due_at("fresh", t0 + Duration::from_secs(1)));
        assert_eq!(r.len(), MAX_KEYS + 1);
        // Later, every key but the new one is stale and goes.
        assert!(r.due_at("late", t0 + Duration::from_secs(61)));
        assert_eq!(r.len(), 1);
        assert!(!r.due_at("late", t0 + Duration::from_secs(62)));
    }
}
