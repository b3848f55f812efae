//! WhatsApp Cloud API (Graph) send client: replies, read receipts, buttons and templates.
//!
//! Owns every outbound call to `POST {base}/{version}/{phone_number_id}/messages`
//! (spec `shared/specs/whatsapp-cloud-api.md` §5) and the meaning of its errors (§6):
//!
//! - [`client`]: [`GraphClient`], the HTTP side: auth, timeouts, in-process retries, metrics.
//! - [`body`]: the request JSON of each message kind and the local limits ([`Recipient`]).
//! - [`split`]: [`split_text`], long replies cut into ≤ 4096-char parts.
//! - [`error`]: [`GraphError`], the §6.2 code table ([`classify`]) and response parsing.
//! - [`status`]: the monotonic delivery-status rules for status webhooks.
//! - [`limits`]: [`SendLimits`], sending within Meta's limits for every replica at once: the
//!   per-number token bucket (130429), per-recipient delays (131056), the circuit breaker.
//!
//! How it fails: every call returns a [`GraphError`] that says what to do next —
//! `Retryable` (try later; brief retries already happened in process), `Permanent` (record it,
//! show it to a human; see [`GraphError::window_closed`] and
//! [`GraphError::pauses_all_sends`]) or `Invalid` (our bug: rejected before any request).
//! Sends are at-least-once: Graph has no idempotency key, so a timeout after Meta accepted a
//! message and a retry can deliver it twice (spec §5.6); `correlation` is echoed in status
//! webhooks to reconcile.

pub mod body;
pub mod client;
pub mod error;
pub mod limits;
pub mod split;
pub mod status;

use std::time::Duration;

use secrecy::SecretString;

pub use body::Recipient;
pub use client::{GraphClient, Sent};
pub use error::{ErrorClass, GraphError, classify};
pub use limits::{Hold, LimitsConfig, SendLimits, Ticket};
pub use split::{TEXT_LIMIT, split_text};
pub use status::{status_rank, status_supersedes};

/// Meta's production Graph host.
pub const DEFAULT_BASE_URL: &str = "https://graph.facebook.com";
/// The Graph API version pinned in every URL (spec: always pin one).
pub const DEFAULT_VERSION: &str = "v25.0";

/// First backoff delay of in-process retries (exponential, jittered).
pub const RETRY_MIN_DELAY: Duration = Duration::from_millis(200);
/// Longest wait spent in process before a retry. A longer `retry_after` (e.g. 131057's
/// ~60 s, or 131056's 16 s on the third try) returns the `Retryable` error at once, for the
/// caller's broker retry tiers.
pub const MAX_RETRY_SLEEP: Duration = Duration::from_secs(5);

/// How to reach the Graph API and how hard to retry.
#[derive(Debug, Clone)]
pub struct GraphConfig {
    /// Scheme and host, without the version (e.g. [`DEFAULT_BASE_URL`] or a fake's URL).
    pub base_url: String,
    /// e.g. [`DEFAULT_VERSION`].
    pub version: String,
    /// System-user access token, sent as `Authorization: Bearer`.
    pub token: SecretString,
    /// Whole-request timeout (default 10 s).
    pub timeout: Duration,
    /// In-process retries of retryable errors (default 2); then the error is returned.
    pub max_retries: usize,
    /// Whether throughput (130429) and pair-rate (131056) refusals are retried in process
    /// (default true). False when the caller paces its sends through [`SendLimits`], which
    /// waits for the next turn and re-checks the fence and the owner before trying again.
    pub retry_rate_limits: bool,
}

impl GraphConfig {
    /// A configuration with the default timeout (10 s) and retries (2).
    pub fn new(
        base_url: impl Into<String>,
        version: impl Into<String>,
        token: SecretString,
    ) -> Self {
        GraphConfig {
            base_url: base_url.into(),
            version: version.into(),
            token,
            timeout: Duration::from_secs(10),
            max_retries: 2,
            retry_rate_limits: true,
        }
    }
}
