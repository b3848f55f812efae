//! Sending within Meta's limits (spec §6.2 and §6.4), for every worker replica at once.
//!
//! Three limits, each kept in Redis because it belongs to the business number or the account,
//! not to a process:
//!
//! - **Throughput (130429).** A per-number token bucket, written as its equivalent virtual
//!   schedule (GCRA): `<ns>:sends:{s:<number>}:tat` holds the next free send slot. Each send
//!   reserves the next slot in one script ([`lua::ADMIT`]) and sleeps until it, so sends wait
//!   for a token instead of failing, and a burst of replies is spread at the rate with one
//!   Redis call each (no polling). The rate is `GRAPH_SEND_RATE` per second, *learned
//!   downward* when Meta refuses anyway ([`lua::THROTTLED`], kept in
//!   `<ns>:sends:{s:<number>}:learned`: × 0.8, at most once per rate — a refusal of a slot
//!   reserved before the last cut is old news) and climbing back linearly to the configured
//!   rate over `GRAPH_SEND_RATE_RECOVERY`.
//! - **Pair rate (131056).** Per recipient (`<ns>:sends:{s:<number>}:pair:<recipient>`): a refusal
//!   makes that customer's sends wait 4^X s (X = refusals in a row, [`lua::PAIR_REFUSED`]);
//!   other customers' sends are unaffected. [`lua::ADMIT`] reads it with the slot, in the
//!   same `MGET`.
//! - **Account-level errors (131048, 368, 131031, 131042, 190, 0).** The circuit breaker
//!   (`baton_shared::state::breaker`): every send of every replica is paused until an
//!   operator resumes (`worker sends resume`). Each process looks at it at most once per
//!   [`BREAKER_REFRESH`] while sends are running (so a breaker another replica opened stops
//!   this one's sends within that time; the sends that go meanwhile are refused with the same
//!   account-level code and held like the first), and before every send while it is open
//!   (so a resume takes effect at once).
//!
//! Cost: a send that goes is one script of three Redis commands (`EVALSHA`, `MGET`, `SET …
//! PX`; times are the worker's clock, see [`lua`] for what that trusts), plus one `EXISTS` per
//! process per [`BREAKER_REFRESH`]. The keys of a number
//! share its hash tag, so every script runs on one Redis Cluster slot.
//!
//! [`SendLimits::turn`] waits for a send's turn, at most `GRAPH_SEND_MAX_WAIT` in process;
//! a longer wait (a backlog beyond it, a long pair-rate delay) or paused sends come back as a
//! [`Hold`] for the caller to retry later through the broker's retry tiers. The caller checks
//! the fence and the owner *after* its turn came, right before the request (I5), and reports
//! each refusal back ([`SendLimits::throttled`], [`SendLimits::pair_refused`],
//! [`SendLimits::pause`]). A slot reserved by a send that then does not happen (fenced, withheld)
//! is simply lost: the number sends a little under its rate for one interval.
//!
//! Metrics: `baton_graph_send_wait_seconds` (the wait for a turn),
//! `baton_graph_sends_paused` (1 while this worker finds sends paused),
//! `baton_graph_sends_paused_total{code}` (breaker openings by this worker) and
//! `baton_graph_send_rate{phone_number_id}` (the rate in effect after Meta refused).
//! Fails with [`RedisError`]: the caller's step is then retried like any Redis failure.

pub mod lua;

use std::future::Future;
use std::time::Duration;

use baton_shared::config::{ConfigError, Env};
use baton_shared::redis::{Keys, Pool, RedisError};
use baton_shared::state::breaker::{self, Paused};
use tokio::time::Instant;

/// How far one 130429 lowers the rate.
pub const CUT_FACTOR: f64 = 0.8;
/// The rate is never learned below this (sends per second).
pub const FLOOR_RATE: f64 = 1.0;
/// 131056's delay stops growing at 4^6 s (about 68 minutes).
pub const MAX_PAIR_EXPONENT: u32 = 6;
/// Turns asked for in one [`SendLimits::turn`] (a pair-rate wait, then the slot).
const MAX_ROUNDS: usize = 4;
/// How long a process trusts that sends are running before looking at the breaker again.
pub const BREAKER_REFRESH: Duration = Duration::from_secs(1);

/// The send limits' settings (`GRAPH_SEND_*`).
#[derive(Clone, Debug, PartialEq)]
pub struct LimitsConfig {
    /// `GRAPH_SEND_RATE`: sends per second per business number (default 80, Meta's default
    /// throughput; 20 for numbers shared with the WhatsApp Business app).
    pub rate: f64,
    /// `GRAPH_SEND_MAX_WAIT`: the longest a send waits in process for its turn before it is
    /// retried later through the retry tiers (default `30s`).
    pub max_wait: Duration,
    /// `GRAPH_SEND_RATE_RECOVERY`: how long a rate learned from 130429 takes to climb back to
    /// `GRAPH_SEND_RATE` (linearly, from zero; default `10m`; `0s`: it stays learned).
    pub recovery: Duration,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            rate: 80.0,
            max_wait: Duration::from_secs(30),
            recovery: Duration::from_secs(600),
        }
    }
}

impl LimitsConfig {
    pub fn from_env<F: Fn(&str) -> Option<String>>(env: &Env<F>) -> Result<Self, ConfigError> {
        let rate: f64 = env.parse("GRAPH_SEND_RATE", 80.0)?;
        if !(rate.is_finite() && rate >= 0.01) {
            return Err(ConfigError::new(
                "GRAPH_SEND_RATE",
                format!("{rate}: sends per second, at least 0.01"),
            ));
        }
        Ok(LimitsConfig {
            rate,
            max_wait: env.positive_duration("GRAPH_SEND_MAX_WAIT", "30s")?,
            recovery: env.duration("GRAPH_SEND_RATE_RECOVERY", "10m")?,
        })
    }

    /// How long a learned rate is kept: until it has climbed back (0: for good, since it
    /// never climbs back by itself).
    fn learned_lifetime_ms(&self) -> u64 {
        if self.recovery.is_zero() {
            0
        } else {
            (self.recovery + Duration::from_secs(1)).as_millis() as u64
        }
    }
}

/// What [`SendLimits::admit`] answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admit {
    /// Go after `wait`: the slot is reserved (at `reserved_at_ms`, Redis time).
    Go { wait: Duration, reserved_at_ms: i64 },
    /// Every send is paused (circuit breaker).
    Paused,
    /// This recipient must wait this long (pair rate).
    PairDelay(Duration),
    /// The number's next free slot is this far away, beyond the max wait (nothing reserved).
    Full(Duration),
}

/// A send's turn came: it may go now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket {
    /// When its slot was reserved (Redis time, ms): a 130429 for it lowers the rate only if
    /// the rate was not lowered since.
    pub reserved_at_ms: i64,
    /// How long it waited.
    pub waited: Duration,
}

/// Why a send must not go now.
#[derive(Debug, thiserror::Error)]
pub enum Hold {
    /// Every send is paused until an operator resumes them.
    #[error("sends are paused (circuit breaker); resume with `worker sends resume`")]
    Paused,
    /// Its turn is further away than the max wait.
    #[error("send must wait {wait:?} for the {why}")]
    Later { wait: Duration, why: &'static str },
    #[error(transparent)]
    Redis(#[from] RedisError),
}

/// The send limits of every business number, shared through Redis; cheap to clone.
#[derive(Clone)]
pub struct SendLimits {
    pool: Pool,
    keys: Keys,
    cfg: LimitsConfig,
    scripts: std::sync::Arc<Scripts>,
    /// When this process last saw sends running (`None`: never, or the breaker was open).
    running_seen: std::sync::Arc<std::sync::Mutex<Option<Instant>>>,
}

struct Scripts {
    admit: redis::Script,
    throttled: redis::Script,
    pair_refused: redis::Script,
    rate: redis::Script,
}

impl SendLimits {
    pub fn new(pool: Pool, keys: Keys, cfg: LimitsConfig) -> Self {
        let scripts = Scripts {
            admit: lua::script(lua::ADMIT),
            throttled: lua::script(lua::THROTTLED),
            pair_refused: lua::script(lua::PAIR_REFUSED),
            rate: lua::script(lua::RATE),
        };
        SendLimits {
            pool,
            keys,
            cfg,
            scripts: std::sync::Arc::new(scripts),
            running_seen: Default::default(),
        }
    }

    pub fn config(&self) -> &LimitsConfig {
        &self.cfg
    }

    /// Waits until a send from `number` to `recipient` may go (see the module doc).
    pub async fn turn(&self, number: &str, recipient: &str) -> Result<Ticket, Hold> {
        let result = wait_turn(|| self.admit(number, recipient, None), self.cfg.max_wait).await;
        let paused = matches!(result, Err(Hold::Paused));
        metrics::gauge!("baton_graph_sends_paused").set(if paused { 1.0 } else { 0.0 });
        if let Ok(t) = &result {
            metrics::histogram!("baton_graph_send_wait_seconds").record(t.waited.as_secs_f64());
        }
        result
    }

    /// One look at the limits, reserving a slot when the send may go (`now`: this worker's
    /// clock unless given, in ms).
    pub async fn admit(
        &self,
        number: &str,
        recipient: &str,
        now: Option<i64>,
    ) -> Result<Admit, RedisError> {
        if self.paused().await? {
            return Ok(Admit::Paused);
        }
        let mut c = self.pool.get().await?;
        let (status, ms, at): (i64, i64, i64) = self
            .admit_invocation(number, recipient, now)
            .invoke_async(&mut *c)
            .await?;
        let d = Duration::from_millis(ms.max(0) as u64);
        Ok(match status {
            0 => Admit::Go {
                wait: d,
                reserved_at_ms: at,
            },
            2 => Admit::PairDelay(d),
            _ => Admit::Full(d),
        })
    }

    /// Meta refused the send of `ticket` with 130429: lowers the number's rate unless it was
    /// lowered since the slot was reserved. Returns the rate now in effect.
    pub async fn throttled(
        &self,
        number: &str,
        ticket: &Ticket,
        now: Option<i64>,
    ) -> Result<f64, RedisError> {
        let mut c = self.pool.get().await?;
        let (cut, milli): (i64, i64) = self
            .throttled_invocation(number, ticket, now)
            .invoke_async(&mut *c)
            .await?;
        let rate = milli as f64 / 1000.0;
        if cut == 1 {
            metrics::gauge!("baton_graph_send_rate", "phone_number_id" => number.to_owned())
                .set(rate);
            tracing::warn!(
                phone_number_id = number,
                rate,
                "WhatsApp refused a send for throughput (130429); send rate lowered"
            );
        }
        Ok(rate)
    }

    /// Meta refused a send to `recipient` with 131056: that recipient's sends wait 4^X s.
    /// Returns the delay.
    pub async fn pair_refused(
        &self,
        number: &str,
        recipient: &str,
        now: Option<i64>,
    ) -> Result<Duration, RedisError> {
        let mut c = self.pool.get().await?;
        let ms: i64 = self
            .pair_refused_invocation(number, recipient, now)
            .invoke_async(&mut *c)
            .await?;
        Ok(Duration::from_millis(ms.max(0) as u64))
    }

    /// The rate in effect for `number` (sends per second).
    pub async fn rate(&self, number: &str, now: Option<i64>) -> Result<f64, RedisError> {
        let mut c = self.pool.get().await?;
        let milli: i64 = self
            .rate_invocation(number, now)
            .invoke_async(&mut *c)
            .await?;
        Ok(milli as f64 / 1000.0)
    }

    /// Meta refused a send with an account-level code: pauses every send (unless already
    /// paused). True when this call opened the breaker.
    pub async fn pause(&self, paused: &Paused) -> Result<bool, RedisError> {
        *self.running_seen.lock().expect("breaker cache") = None;
        let opened = breaker::open(&self.pool, &self.keys, paused).await?;
        metrics::gauge!("baton_graph_sends_paused").set(1.0);
        if opened {
            let code = paused.code.map_or_else(|| "none".into(), |c| c.to_string());
            metrics::counter!("baton_graph_sends_paused_total", "code" => code).increment(1);
            tracing::error!(
                code = ?paused.code,
                error = %paused.error,
                "WhatsApp refused a send with an account-level error: every send is paused until `worker sends resume`"
            );
        }
        Ok(opened)
    }
}

/// The scripts' invocations, keys and arguments (also for the Redis Cluster check,
/// `crate::cluster_slots`: each touches one number's keys, under its hash tag).
impl SendLimits {
    pub(crate) fn admit_invocation(
        &self,
        number: &str,
        recipient: &str,
        now: Option<i64>,
    ) -> redis::ScriptInvocation<'_> {
        let mut i = self.scripts.admit.prepare_invoke();
        i.key(self.keys.send_tat(number))
            .key(self.keys.send_learned(number))
            .key(self.keys.send_pair(number, recipient))
            .arg(self.cfg.rate)
            .arg(self.cfg.max_wait.as_millis() as u64)
            .arg(self.cfg.recovery.as_millis() as u64)
            .arg(now_arg(now));
        i
    }

    pub(crate) fn throttled_invocation(
        &self,
        number: &str,
        ticket: &Ticket,
        now: Option<i64>,
    ) -> redis::ScriptInvocation<'_> {
        let mut i = self.scripts.throttled.prepare_invoke();
        i.key(self.keys.send_tat(number))
            .key(self.keys.send_learned(number))
            .arg(self.cfg.rate)
            .arg(self.cfg.recovery.as_millis() as u64)
            .arg(self.cfg.learned_lifetime_ms())
            .arg(ticket.reserved_at_ms)
            .arg(CUT_FACTOR)
            .arg(FLOOR_RATE.min(self.cfg.rate))
            .arg(now_arg(now));
        i
    }

    pub(crate) fn pair_refused_invocation(
        &self,
        number: &str,
        recipient: &str,
        now: Option<i64>,
    ) -> redis::ScriptInvocation<'_> {
        let mut i = self.scripts.pair_refused.prepare_invoke();
        i.key(self.keys.send_pair(number, recipient))
            .arg(MAX_PAIR_EXPONENT)
            .arg(now_arg(now));
        i
    }

    pub(crate) fn rate_invocation(
        &self,
        number: &str,
        now: Option<i64>,
    ) -> redis::ScriptInvocation<'_> {
        let mut i = self.scripts.rate.prepare_invoke();
        i.key(self.keys.send_learned(number))
            .arg(self.cfg.rate)
            .arg(self.cfg.recovery.as_millis() as u64)
            .arg(now_arg(now));
        i
    }

    /// Whether every send is paused: the breaker's key, looked at most once per
    /// [`BREAKER_REFRESH`] while sends run, every time while it is open.
    async fn paused(&self) -> Result<bool, RedisError> {
        let fresh = |seen: &Option<Instant>| seen.is_some_and(|t| t.elapsed() < BREAKER_REFRESH);
        if fresh(&self.running_seen.lock().expect("breaker cache")) {
            return Ok(false);
        }
        let open = breaker::is_open(&self.pool, &self.keys).await?;
        *self.running_seen.lock().expect("breaker cache") = (!open).then(Instant::now);
        Ok(open)
    }
}

/// The time the scripts compute with: `now`, or this worker's clock (ms).
fn now_arg(now: Option<i64>) -> i64 {
    now.unwrap_or_else(baton_shared::event::now_ms)
}

/// The waiting of [`SendLimits::turn`], over any `admit` (tested with paused tokio time):
/// sleeps through a pair-rate delay and then until the reserved slot, as long as the whole
/// wait stays within `max_wait`.
pub async fn wait_turn<F, Fut>(mut admit: F, max_wait: Duration) -> Result<Ticket, Hold>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Admit, RedisError>>,
{
    let started = Instant::now();
    let mut last = Duration::ZERO;
    for _ in 0..MAX_ROUNDS {
        match admit().await? {
            Admit::Go {
                wait,
                reserved_at_ms,
            } => {
                tokio::time::sleep(wait).await;
                return Ok(Ticket {
                    reserved_at_ms,
                    waited: started.elapsed(),
                });
            }
            Admit::Paused => return Err(Hold::Paused),
            Admit::PairDelay(d) if started.elapsed() + d <= max_wait => {
                last = d;
                tokio::time::sleep(d).await;
            }
            Admit::PairDelay(wait) => {
                return Err(Hold::Later {
                    wait,
                    why: "recipient's pair rate",
                });
            }
            Admit::Full(wait) => {
                return Err(Hold::Later {
                    wait: wait.saturating_sub(max_wait),
                    why: "number's send rate",
                });
            }
        }
    }
    Err(Hold::Later {
        wait: last,
        why: "recipient's pair rate",
    })
}

#[cfg(test)]
mod tests;
