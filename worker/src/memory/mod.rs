//! Long-term memory behind one interface ([`MemoryBackend`]): Synap when `SYNAP_API_KEY` is
//! set ([`synap`]), else a local Redis backend ([`local`]) with the same behaviour in small.
//!
//! - [`record`]: what is written (turns, handoff events, facts) and its seed-compatible
//!   document text and metadata.
//! - [`identity`]: who it is about, and the deterministic UUIDv5 ids sent to Synap.
//! - [`config`]: [`MemoryConfig`] from the environment.
//!
//! Failures are [`MemoryError::Transient`] (network, timeout, 408, 429, 5xx: the caller retries
//! through its broker tiers) or [`MemoryError::Permanent`] (any other 4xx: dead-letter).
//! Writes are idempotent per record id. Reads (`context`) are bounded by a tight timeout; the
//! caller degrades to "no memory" on error. Every operation counts
//! `baton_memory_requests_total{backend,op,outcome}`. Memory contents and phone numbers are
//! never logged above debug.

pub mod config;
pub mod identity;
pub mod local;
pub mod queue;
pub mod record;
mod stamp;
pub mod synap;
mod synap_http;
mod synap_render;
mod written;

use std::sync::Arc;
use std::time::Duration;

use baton_shared::redis::Keys;
use futures::future::BoxFuture;

pub use config::MemoryConfig;
pub use identity::{Identity, SynapIds};
pub use record::{HandoffEvent, Record, Role};

/// Why a memory operation failed, and what the caller should do.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    /// Network, timeout, 408, 429, 5xx: retry later.
    #[error("memory unavailable: {0}")]
    Transient(String),
    /// Any other 4xx (bad request, key, credits): retrying will not help; dead-letter.
    #[error("memory request rejected: {0}")]
    Permanent(String),
}

impl MemoryError {
    pub fn is_transient(&self) -> bool {
        matches!(self, MemoryError::Transient(_))
    }
}

impl From<baton_shared::redis::RedisError> for MemoryError {
    fn from(e: baton_shared::redis::RedisError) -> Self {
        MemoryError::Transient(e.to_string())
    }
}

/// A place to remember customers.
pub trait MemoryBackend: Send + Sync {
    /// `"synap"` or `"local"`.
    fn name(&self) -> &'static str;
    /// Stores a record; idempotent per record id.
    fn write<'a>(
        &'a self,
        who: &'a Identity,
        record: &'a Record,
    ) -> BoxFuture<'a, Result<(), MemoryError>>;
    /// Stores a record known to have no earlier write (its only publish, first delivery:
    /// `queue`): a backend that looks for an earlier write before writing may skip that look.
    /// By default the same as [`MemoryBackend::write`].
    fn write_first<'a>(
        &'a self,
        who: &'a Identity,
        record: &'a Record,
    ) -> BoxFuture<'a, Result<(), MemoryError>> {
        self.write(who, record)
    }
    /// User-scope context for the prompt, as short text lines ("" when nothing is known);
    /// bounded by the configured fetch timeout.
    fn context<'a>(
        &'a self,
        who: &'a Identity,
        query: &'a str,
    ) -> BoxFuture<'a, Result<String, MemoryError>>;
    /// Memories matching `query`, best first (the `search_memory` tool).
    fn search<'a>(
        &'a self,
        who: &'a Identity,
        query: &'a str,
        limit: usize,
    ) -> BoxFuture<'a, Result<Vec<String>, MemoryError>>;
}

/// The configured backend: Synap when an API key is set (asks whoami first, §3.1), else local.
///
/// Fails when Synap rejects the key or answers whoami with another permanent error; a Synap
/// that is merely unreachable does not stop the start (the mode is learned later).
pub async fn backend(
    cfg: &MemoryConfig,
    redis: baton_shared::redis::Pool,
    keys: Keys,
) -> Result<Arc<dyn MemoryBackend>, String> {
    if cfg.synap_api_key.is_some() {
        let b = synap::SynapBackend::connect(cfg.clone(), Some((redis, keys))).await?;
        tracing::info!(mode = ?b.isolation(), "memory: synap");
        return Ok(Arc::new(b));
    }
    tracing::info!("memory: local (no SYNAP_API_KEY)");
    Ok(Arc::new(local::LocalBackend::new(cfg.clone(), redis, keys)))
}

/// Counts one operation's outcome and passes the result through.
pub(crate) fn observe<T>(
    backend: &'static str,
    op: &'static str,
    result: Result<T, MemoryError>,
) -> Result<T, MemoryError> {
    let outcome = match &result {
        Ok(_) => "ok",
        Err(MemoryError::Transient(_)) => "transient",
        Err(MemoryError::Permanent(_)) => "permanent",
    };
    count(backend, op, outcome);
    if let Err(e) = &result {
        tracing::warn!(backend, op, error = %e, "memory operation failed");
    }
    result
}

/// `baton_memory_requests_total{backend,op,outcome}`.
pub(crate) fn count(backend: &'static str, op: &'static str, outcome: &'static str) {
    metrics::counter!("baton_memory_requests_total", "backend" => backend, "op" => op, "outcome" => outcome)
        .increment(1);
}

/// Runs `fut` within `timeout`; running out is a transient failure.
pub(crate) async fn bounded<T>(
    timeout: Duration,
    what: &str,
    fut: impl Future<Output = Result<T, MemoryError>>,
) -> Result<T, MemoryError> {
    tokio::time::timeout(timeout, fut)
        .await
        .unwrap_or_else(|_| {
            Err(MemoryError::Transient(format!(
                "memory {what} exceeded {timeout:?}"
            )))
        })
}
