//! Fencing: a partition this worker consumes, and the token that says it may still act.
//!
//! [`PartitionCx`] is shared by a partition's consumer and its lanes. Its fence is cancelled
//! when the lease is lost (renewal refused, Redis unreachable for longer than a lease lives, a
//! broker connection lost, a hand-over past its deadline): from then on no step starts an
//! effect that must not happen twice or after another worker took the partition, and nothing
//! is settled — the broker requeues what the channel held. [`redis_until_fenced`] is how the
//! stream talks to Redis: retried while Redis is unreachable, given up once fenced.

use std::sync::Arc;
use std::time::Duration;

use baton_shared::redis::RedisError;
use tokio_util::sync::CancellationToken;
use tracing::warn;

use super::parking::MaybeParked;

/// A partition this worker consumes, shared with its lanes.
pub struct PartitionCx {
    pub p: u16,
    /// Counts the times this process started consuming a partition: with the worker id it
    /// makes the attempt token of every claim (`idempotency`), so an attempt fenced in an
    /// earlier generation is told from a dead one.
    pub generation: u64,
    /// Cancelled when the lease is lost: stop effects, settle nothing.
    pub fence: CancellationToken,
    /// The partition's conversations that may be parked (`parking::MaybeParked`), kept by
    /// this process across the partition's generations.
    pub parked: Arc<MaybeParked>,
}

/// Retries a Redis operation until it works; `None` once the partition is fenced.
pub async fn redis_until_fenced<T, F, Fut>(part: &PartitionCx, mut op: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, RedisError>>,
{
    let mut delay = Duration::from_millis(50);
    loop {
        if part.fence.is_cancelled() {
            return None;
        }
        match op().await {
            Ok(v) => return Some(v),
            Err(e) => {
                warn!(error = %e, "redis unavailable; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = part.fence.cancelled() => return None,
                }
                delay = (delay * 2).min(Duration::from_secs(2));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    fn part() -> PartitionCx {
        PartitionCx {
            p: 0,
            generation: 1,
            fence: CancellationToken::new(),
            parked: Arc::default(),
        }
    }

    fn down() -> RedisError {
        RedisError::Redis(redis::RedisError::from((
            redis::ErrorKind::Io,
            "connection refused",
        )))
    }

    #[tokio::test(start_paused = true)]
    async fn redis_is_retried_with_a_doubling_delay_until_it_answers() {
        let part = part();
        let calls = Arc::new(AtomicU32::new(0));
        let started = tokio::time::Instant::now();
        let c = calls.clone();
        let got = redis_until_fenced(&part, move || {
            let n = c.fetch_add(1, Ordering::SeqCst);
            async move { if n < 4 { Err(down()) } else { Ok(n) } }
        })
        .await;
        assert_eq!(got, Some(4));
        // 50 + 100 + 200 + 400 ms of backoff, in virtual time.
        assert_eq!(started.elapsed(), Duration::from_millis(750));
    }

    #[tokio::test(start_paused = true)]
    async fn the_delay_is_capped_and_a_fence_ends_the_wait_at_once() {
        let part = Arc::new(part());
        let fence = part.fence.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(10)).await;
            fence.cancel();
        });
        let started = tokio::time::Instant::now();
        let calls = Arc::new(AtomicU32::new(0));
        let c = calls.clone();
        let got: Option<()> = redis_until_fenced(&part, move || {
            c.fetch_add(1, Ordering::SeqCst);
            async { Err(down()) }
        })
        .await;
        assert_eq!(got, None, "fenced");
        assert_eq!(
            started.elapsed(),
            Duration::from_secs(10),
            "no wait past the fence"
        );
        // 50 ms doubling, capped at 2 s: 0.05+0.1+0.2+0.4+0.8+1.6 = 3.15 s, then every 2 s.
        assert_eq!(calls.load(Ordering::SeqCst), 7 + 3);
    }
}
