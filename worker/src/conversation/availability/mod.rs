//! Whether a person can take a handoff now, and what the customer is told when nobody can.
//!
//! Decided once per handoff, while the handoff is being decided and before its plan is
//! journaled ([`settle`], called from `customer`): outside business hours ([`hours`],
//! `BUSINESS_HOURS` in `BUSINESS_TIMEZONE`) the customer is told when the team is back
//! (`BATON_HANDOFF_CLOSED_MESSAGE`, its `{when}` the next opening such as `Monday 09:00
//! (Europe/Lisbon)`); inside them, when no agent is online — nobody's console open and nobody
//! active in Slack within `AGENT_PRESENCE_TTL` (`baton_shared::state::presence`) — that a
//! person will answer as soon as one is free (`BATON_HANDOFF_OFFLINE_MESSAGE`). The notice and
//! the reason ([`Unavailable`]) become part of the handoff's plan, so a retry sends the same
//! notice and the console event and handoff record say it was handed off while unavailable.
//! The handoff itself happens either way: the conversation stays `pending_human`, and the
//! sweeper re-alerts it while nobody takes it.
//!
//! How it fails: presence is best effort — when Redis cannot be read the handoff goes on with
//! the normal notice (being told "a teammate will reply shortly" when nobody is online is the
//! lesser harm than not handing off). Configuration errors stop the start, naming the variable.

pub mod hours;

use std::time::Duration;

use baton_shared::config::{ConfigError, Env};
use baton_shared::state::{Unavailable, presence};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use tracing::warn;

use super::Engine;
use super::handoff::Handoff;
use crate::pipeline::StepCx;
pub use hours::BusinessHours;

/// The default notice outside business hours.
pub const CLOSED_MESSAGE: &str = "Thanks for your message. Our team is away right now and \
back {when}; a teammate will reply here then.";
/// The default notice inside business hours when no agent is online.
pub const OFFLINE_MESSAGE: &str = "Thanks for your message. Our teammates are all away from \
their desks right now; a person will answer here as soon as one is free.";

/// Business hours, presence and the notices (see the module doc).
#[derive(Clone, Debug)]
pub struct Availability {
    /// `BUSINESS_HOURS` (unset: always open).
    pub hours: Option<BusinessHours>,
    /// `BUSINESS_TIMEZONE`: an IANA name, default `UTC`.
    pub timezone: TimeZone,
    /// `AGENT_PRESENCE_TTL`: an agent seen this recently is online (default `2m`).
    pub presence_ttl: Duration,
    /// `BATON_HANDOFF_CLOSED_MESSAGE` (`{when}`: the next opening).
    pub closed_message: String,
    /// `BATON_HANDOFF_OFFLINE_MESSAGE` (`{when}`: "as soon as a teammate is free").
    pub offline_message: String,
}

impl Availability {
    pub fn from_env<F: Fn(&str) -> Option<String>>(env: &Env<F>) -> Result<Self, ConfigError> {
        let hours = env
            .get("BUSINESS_HOURS")
            .map(|h| h.parse().map_err(|e| ConfigError::new("BUSINESS_HOURS", e)))
            .transpose()?;
        let zone = env.or("BUSINESS_TIMEZONE", "UTC");
        let timezone = TimeZone::get(&zone).map_err(|e| {
            ConfigError::new(
                "BUSINESS_TIMEZONE",
                format!("{zone:?}: not an IANA time zone such as Europe/Lisbon ({e})"),
            )
        })?;
        Ok(Availability {
            hours,
            timezone,
            presence_ttl: env.positive_duration("AGENT_PRESENCE_TTL", "2m")?,
            closed_message: env.or("BATON_HANDOFF_CLOSED_MESSAGE", CLOSED_MESSAGE),
            offline_message: env.or("BATON_HANDOFF_OFFLINE_MESSAGE", OFFLINE_MESSAGE),
        })
    }

    /// `Closed` with the next opening when `now_ms` is outside business hours.
    pub fn closed_at(&self, now_ms: i64) -> Option<Unavailable> {
        let hours = self.hours.as_ref()?;
        let now = Timestamp::from_millisecond(now_ms)
            .ok()?
            .to_zoned_datetime(self.timezone.clone());
        if hours.is_open(&now) {
            return None;
        }
        let back: ZonedDateTime = hours.next_opening(&now)?;
        Some(Unavailable::Closed {
            back_at_ms: back.timestamp().as_millisecond(),
            back: hours::describe(&back),
        })
    }

    /// What the customer is told when nobody is available.
    pub fn notice(&self, why: &Unavailable) -> String {
        match why {
            Unavailable::Closed { back, .. } => self.closed_message.replace("{when}", back),
            Unavailable::NobodyOnline => self
                .offline_message
                .replace("{when}", "as soon as a teammate is free"),
        }
    }
}

/// Decides whether anyone can take the handoff `h` now and, when nobody can, records why in
/// it and replaces its notice — before the plan is journaled (see the module doc).
pub async fn settle(e: &Engine, cx: &StepCx, h: &mut Handoff, now_ms: i64) {
    let a = &e.settings.human.availability;
    let why = match a.closed_at(now_ms) {
        Some(closed) => Some(closed),
        None => {
            let ttl = a.presence_ttl.as_millis() as i64;
            match presence::online(&cx.redis, &cx.keys, now_ms, ttl).await {
                Ok(agents) if agents.is_empty() => Some(Unavailable::NobodyOnline),
                Ok(_) => None,
                Err(err) => {
                    warn!(error = %err, "presence unreadable; handing off with the usual notice");
                    None
                }
            }
        }
    };
    if let Some(why) = why {
        h.notice = a.notice(&why);
        h.unavailable = Some(why);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(pairs: &[(&str, &str)]) -> Result<Availability, ConfigError> {
        let env = Env::new(|k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        });
        Availability::from_env(&env)
    }

    #[test]
    fn always_open_by_default_and_closed_outside_the_hours() {
        let a = load(&[]).unwrap();
        assert!(a.hours.is_none());
        assert_eq!(a.presence_ttl, Duration::from_secs(120));
        assert_eq!(a.closed_at(0), None);
        let a = load(&[
            ("BUSINESS_HOURS", "mon-fri 09:00-18:00"),
            ("BUSINESS_TIMEZONE", "Europe/Lisbon"),
            ("BATON_HANDOFF_CLOSED_MESSAGE", "Back {when}."),
        ])
        .unwrap();
        // Saturday 4 April 2026, 12:00 UTC.
        let saturday = 1_775_304_000_000;
        let closed = a.closed_at(saturday).expect("closed on saturday");
        assert_eq!(
            closed,
            Unavailable::Closed {
                back_at_ms: 1_775_462_400_000,
                back: "Monday 09:00 (Europe/Lisbon)".into()
            }
        );
        assert_eq!(a.notice(&closed), "Back Monday 09:00 (Europe/Lisbon).");
        assert!(
            a.notice(&Unavailable::NobodyOnline)
                .contains("as soon as one is free")
        );
        assert_eq!(a.closed_at(1_775_462_400_000), None, "open on monday 09:00");
    }

    #[test]
    fn errors_name_the_variable() {
        for (k, v) in [
            ("BUSINESS_HOURS", "weekdays 9-5"),
            ("BUSINESS_TIMEZONE", "Europe/Atlantis"),
            ("AGENT_PRESENCE_TTL", "0s"),
            ("AGENT_PRESENCE_TTL", "120"),
        ] {
            assert_eq!(load(&[(k, v)]).unwrap_err().name, k, "{k}={v}");
        }
    }
}
