//! The contract between the stream runtime and the domain: the steps an event goes through
//! once it is claimed. It imports nothing of the domain (conversation, memory, clients); the
//! composition root (`lib.rs`) builds the steps.
//!
//! A [`Step`] does one thing with side effects and says, when it fails, what to do next:
//! [`StepError::Transient`] (retry: in process with backoff, then through the broker's retry
//! tiers), [`StepError::Permanent`] (dead-letter now) or [`StepError::Wait`] (come back later
//! through the tiers, as often as it takes). Steps must be idempotent per effect:
//! a crash midway makes the whole pipeline run again for the same event, and the journal
//! tells each step what is already done.
//!
//! Steps check [`StepCx::fenced`] before effects that must not happen twice or after the
//! partition moved to another worker (ARCHITECTURE §3.5), and record what they decided and
//! which effects are done in the event's [`journal`], so a retry resumes instead of repeating
//! (I8).

pub mod journal;

use std::sync::Arc;

use baton_shared::event::Event;
use baton_shared::redis::Keys;
use baton_shared::redis::Pool;
use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

/// What a failed step asks for.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StepError {
    /// A dependency failed in a way that may pass: retry.
    #[error("transient: {0}")]
    Transient(String),
    /// Retrying cannot help: dead-letter with this reason.
    #[error("permanent: {0}")]
    Permanent(String),
    /// Not now, and not a failure: the event must wait (sends paused by the circuit breaker, a
    /// send's turn beyond the longest in-process wait). Not retried in process; it goes
    /// through the retry tiers without using them up and is never dead-lettered for it.
    #[error("waiting: {0}")]
    Wait(String),
}

impl From<baton_shared::redis::RedisError> for StepError {
    fn from(e: baton_shared::redis::RedisError) -> Self {
        StepError::Transient(e.to_string())
    }
}

/// Everything a step may use for one event.
pub struct StepCx {
    pub redis: Pool,
    pub keys: Keys,
    pub worker_id: String,
    pub partition: u16,
    /// Delivery attempt (0 = first time; n = after n retry tiers).
    pub attempt: u32,
    /// True for an earlier message of a coalesced burst: record it, do not answer it (the
    /// burst's last message gets the one answer).
    pub coalesced: bool,
    /// When this worker received the event's delivery (for an event held behind a retried
    /// head, when its drain ran it): what `baton_worker_to_model_seconds` counts from.
    pub received: std::time::Instant,
    /// Cancelled when this worker lost the partition's lease: no more side effects.
    pub fence: CancellationToken,
    /// What this event's processing decided and which effects are done (I8).
    pub journal: journal::Journal,
    /// What a step of this attempt left for the steps after it.
    pub notes: Notes,
}

impl StepCx {
    /// True when the partition's lease was lost and effects must be dropped.
    pub fn fenced(&self) -> bool {
        self.fence.is_cancelled()
    }
}

/// What a step leaves for the later steps of the same attempt: a value it read or wrote that
/// a later step would otherwise read from Redis again (one value per type; the type is the
/// contract between the two steps). A failed step clears them, since a failed write may or
/// may not have been applied: a step uses a note only while the attempt is pristine
/// ([`journal::Journal::pristine_attempt`]) and falls back to reading Redis otherwise.
#[derive(Default)]
pub struct Notes(std::sync::Mutex<Vec<Box<dyn std::any::Any + Send + Sync>>>);

impl Notes {
    fn slots(&self) -> std::sync::MutexGuard<'_, Vec<Box<dyn std::any::Any + Send + Sync>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Leaves `value` (replacing an earlier note of its type).
    pub fn put<T: std::any::Any + Send + Sync>(&self, value: T) {
        let mut slots = self.slots();
        slots.retain(|v| !v.is::<T>());
        slots.push(Box::new(value));
    }

    /// Takes the note of type `T`, if a step left one.
    pub fn take<T: std::any::Any + Send + Sync>(&self) -> Option<T> {
        let mut slots = self.slots();
        let i = slots.iter().position(|v| v.is::<T>())?;
        slots.swap_remove(i).downcast::<T>().ok().map(|b| *b)
    }

    /// Drops every note (after a failed step).
    pub fn clear(&self) {
        self.slots().clear();
    }
}

/// One unit of work in the pipeline.
pub trait Step: Send + Sync {
    fn name(&self) -> &'static str;
    fn run<'a>(&'a self, cx: &'a StepCx, event: &'a Event) -> BoxFuture<'a, Result<(), StepError>>;
}

/// Which events may be coalesced into one burst (answered once, by the last).
pub type BurstRule = Arc<dyn Fn(&Event) -> bool + Send + Sync>;

/// The ordered steps of this worker.
#[derive(Clone)]
pub struct Pipeline {
    steps: Vec<Arc<dyn Step>>,
    burst: Option<BurstRule>,
}

impl Pipeline {
    pub fn new(steps: Vec<Arc<dyn Step>>) -> Self {
        Pipeline { steps, burst: None }
    }

    /// Lets the events `rule` accepts coalesce into bursts (none do by default).
    pub fn with_bursts(mut self, rule: impl Fn(&Event) -> bool + Send + Sync + 'static) -> Self {
        self.burst = Some(Arc::new(rule));
        self
    }

    /// True when `event` may join a burst.
    pub fn joins_burst(&self, event: &Event) -> bool {
        self.burst.as_ref().is_some_and(|rule| rule(event))
    }

    pub fn steps(&self) -> &[Arc<dyn Step>] {
        &self.steps
    }
}
