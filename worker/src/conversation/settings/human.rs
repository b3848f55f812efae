//! The human side's settings: releasing idle conversations, re-alerting waiting handoffs,
//! the customer's end keywords and availability (business hours, presence, notices).
//!
//! Durations need a unit like every duration Baton reads; `0s` turns the inactivity release
//! and the re-alert off. Errors name the variable.

use std::time::Duration;

use baton_shared::config::{ConfigError, Env};

use crate::conversation::availability::Availability;

/// See the module doc; each field names its variable.
#[derive(Clone, Debug)]
pub struct HumanSide {
    /// `HUMAN_IDLE_RELEASE`: a human-owned conversation with no human message for this long
    /// goes back to the AI (default `1h`; `0s` off).
    pub idle_release: Duration,
    /// `HANDOFF_REALERT_AFTER`: a handoff nobody took is re-alerted once per this interval
    /// (default `15m`; `0s` off).
    pub realert_after: Duration,
    /// `BATON_SWEEP_INTERVAL`: how often each worker looks for both (default `15s`, jittered).
    pub sweep_interval: Duration,
    /// `HANDOFF_END_KEYWORDS`: comma-separated; a customer message that is one of them (case,
    /// accents and punctuation aside) hands the conversation back to the AI (default none).
    pub end_keywords: Vec<String>,
    pub availability: Availability,
}

impl HumanSide {
    pub fn from_env<F: Fn(&str) -> Option<String>>(env: &Env<F>) -> Result<Self, ConfigError> {
        let end_keywords = env
            .get("HANDOFF_END_KEYWORDS")
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Ok(HumanSide {
            idle_release: env.duration("HUMAN_IDLE_RELEASE", "1h")?,
            realert_after: env.duration("HANDOFF_REALERT_AFTER", "15m")?,
            sweep_interval: env.positive_duration("BATON_SWEEP_INTERVAL", "15s")?,
            end_keywords,
            availability: Availability::from_env(env)?,
        })
    }
}
