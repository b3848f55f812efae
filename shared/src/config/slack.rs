//! The Slack app's configuration (ARCHITECTURE §8): `SLACK_BOT_TOKEN`, `SLACK_SIGNING_SECRET`,
//! `SLACK_CHANNEL_ID`, `SLACK_API_BASE_URL`, and `SLACK_CONSOLE_URL` (where the alert's
//! "Open in console" button points).
//!
//! Slack is optional and all-or-nothing: with none of the three required variables set, Slack
//! is off — ingress mounts no `/slack/*` route (they answer 404, never 200 to an unsigned
//! request) and the worker posts nothing. With some but not all of them set, loading fails and
//! names the missing one: a half-configured Slack would silently drop alerts or accept
//! nothing. Secrets are [`SecretString`]s.

use secrecy::SecretString;

use super::{ConfigError, Env};

/// The Slack app's settings.
#[derive(Clone, Debug)]
pub struct Slack {
    /// `SLACK_BOT_TOKEN` (`xoxb-…`): the worker's Web API calls.
    pub bot_token: SecretString,
    /// `SLACK_SIGNING_SECRET`: verifies every request Slack sends ingress.
    pub signing_secret: SecretString,
    /// `SLACK_CHANNEL_ID`: the handoff channel (an id such as `C0123ABCD`, not a name).
    pub channel: String,
    /// `SLACK_API_BASE_URL`: default `https://slack.com/api`.
    pub api_base_url: String,
    /// `SLACK_CONSOLE_URL`: the console's public address (e.g. `https://baton.example/console`);
    /// without it the alert has no "Open in console" button.
    pub console_url: Option<String>,
}

const REQUIRED: [&str; 3] = [
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_CHANNEL_ID",
];

impl Slack {
    /// `None` when Slack is not configured at all; an error when it is half configured.
    pub(super) fn from_env<F: Fn(&str) -> Option<String>>(
        env: &Env<F>,
    ) -> Result<Option<Slack>, ConfigError> {
        let set: Vec<&str> = REQUIRED
            .into_iter()
            .filter(|k| env.get(k).is_some())
            .collect();
        if set.is_empty() {
            return Ok(None);
        }
        if let Some(missing) = REQUIRED.into_iter().find(|k| !set.contains(k)) {
            return Err(ConfigError::new(
                missing,
                format!(
                    "required when {} is set (Slack needs all of {})",
                    set.join(", "),
                    REQUIRED.join(", ")
                ),
            ));
        }
        let channel = env.get("SLACK_CHANNEL_ID").unwrap_or_default();
        let id_like = channel.len() > 2
            && channel.starts_with(['C', 'G'])
            && channel
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !id_like {
            return Err(ConfigError::new(
                "SLACK_CHANNEL_ID",
                format!("{channel:?}: use the channel's id (C… or G…), not its name"),
            ));
        }
        let url = |name: &'static str, v: String| {
            if v.starts_with("http://") || v.starts_with("https://") {
                Ok(v.trim_end_matches('/').to_owned())
            } else {
                Err(ConfigError::new(name, format!("{v:?}: not an http(s) URL")))
            }
        };
        Ok(Some(Slack {
            bot_token: SecretString::from(env.get("SLACK_BOT_TOKEN").unwrap_or_default()),
            signing_secret: SecretString::from(env.get("SLACK_SIGNING_SECRET").unwrap_or_default()),
            channel,
            api_base_url: url(
                "SLACK_API_BASE_URL",
                env.or("SLACK_API_BASE_URL", "https://slack.com/api"),
            )?,
            console_url: env
                .get("SLACK_CONSOLE_URL")
                .map(|v| url("SLACK_CONSOLE_URL", v))
                .transpose()?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn load(pairs: &[(&str, &str)]) -> Result<Option<Slack>, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Slack::from_env(&Env::new(|k: &str| map.get(k).cloned()))
    }

    #[test]
    fn off_unless_configured_and_never_half() {
        assert!(load(&[]).unwrap().is_none());
        let e = load(&[("SLACK_BOT_TOKEN", "xoxb-1"), ("SLACK_CHANNEL_ID", "C1X")]).unwrap_err();
        assert_eq!(e.name, "SLACK_SIGNING_SECRET");
        let full = [
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", "s"),
            ("SLACK_CHANNEL_ID", "C0HANDOFF1"),
        ];
        let s = load(&full).unwrap().unwrap();
        assert_eq!(s.api_base_url, "https://slack.com/api");
        assert_eq!(s.console_url, None);
        let mut named = full.to_vec();
        named[2] = ("SLACK_CHANNEL_ID", "#handoff");
        assert_eq!(load(&named).unwrap_err().name, "SLACK_CHANNEL_ID");
    }
}
