//! LLM configuration from `OPENAI_*` / `LLM_*` variables.
//!
//! Owns the names and defaults of those variables. Parsing goes through the shared
//! [`Env`] (one convention for every crate: durations need a unit, e.g. `LLM_TIMEOUT=20s`)
//! and is strict: a malformed value is a [`ConfigError`] naming the variable, so a typo fails
//! the start instead of silently using a default. Unset or empty variables keep the default.

use std::time::Duration;

use baton_shared::config::{ConfigError, Env};
use secrecy::SecretString;

/// How to reach the model and how hard to try.
#[derive(Clone, Debug)]
pub struct LlmConfig {
    /// `OPENAI_BASE_URL`, default `https://api.openai.com/v1` (no trailing slash).
    pub base_url: String,
    /// `OPENAI_API_KEY`; without it no `Authorization` header is sent (local servers, sandbox).
    pub api_key: Option<SecretString>,
    /// `OPENAI_MODEL`, default `gpt-4o`.
    pub model: String,
    /// `LLM_TIMEOUT`, per model call (a customer is waiting), default `20s`.
    pub timeout: Duration,
    /// `LLM_MAX_RETRIES`, retries after the first attempt, default 2.
    pub max_retries: usize,
    /// `LLM_TURN_LIMIT`, model calls per customer turn, default 4.
    pub turn_limit: usize,
    /// `LLM_TEMPERATURE`, 0–2; not sent when unset (some models reject it).
    pub temperature: Option<f32>,
}

impl Default for LlmConfig {
    fn default() -> Self {
        Self::from_lookup(|_| None).expect("defaults are valid")
    }
}

impl LlmConfig {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the configuration through `get` (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env::new(get);
        let base_url = env.or("OPENAI_BASE_URL", "https://api.openai.com/v1");
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(ConfigError::new(
                "OPENAI_BASE_URL",
                format!("{base_url:?} is not an http(s) URL"),
            ));
        }
        let temperature = match env.parse_opt::<f32>("LLM_TEMPERATURE") {
            Ok(Some(t)) if (0.0..=2.0).contains(&t) => Some(t),
            Ok(None) => None,
            _ => {
                return Err(ConfigError::new(
                    "LLM_TEMPERATURE",
                    format!(
                        "{:?}: expected a number in 0..=2",
                        env.or("LLM_TEMPERATURE", "")
                    ),
                ));
            }
        };
        let turn_limit = env.parse("LLM_TURN_LIMIT", 4)?;
        if turn_limit == 0 {
            return Err(ConfigError::new(
                "LLM_TURN_LIMIT",
                "must be greater than zero",
            ));
        }
        Ok(Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key: env.get("OPENAI_API_KEY").map(SecretString::from),
            model: env.or("OPENAI_MODEL", "gpt-4o"),
            timeout: env.positive_duration("LLM_TIMEOUT", "20s")?,
            max_retries: env.parse("LLM_MAX_RETRIES", 2)?,
            turn_limit,
            temperature,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults() {
        let c = LlmConfig::from_lookup(|_| None).unwrap();
        assert_eq!(c.base_url, "https://api.openai.com/v1");
        assert_eq!(c.model, "gpt-4o");
        assert_eq!(c.timeout, Duration::from_secs(20));
        assert_eq!((c.max_retries, c.turn_limit), (2, 4));
        assert!(c.api_key.is_none() && c.temperature.is_none());
    }

    #[test]
    fn reads_every_variable() {
        let c = LlmConfig::from_lookup(lookup(&[
            ("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1/"),
            ("OPENAI_API_KEY", "sk-test"),
            ("OPENAI_MODEL", "llama3"),
            ("LLM_TIMEOUT", "500ms"),
            ("LLM_MAX_RETRIES", "0"),
            ("LLM_TURN_LIMIT", "6"),
            ("LLM_TEMPERATURE", "0.3"),
        ]))
        .unwrap();
        assert_eq!(c.base_url, "http://127.0.0.1:11434/v1");
        assert_eq!(c.api_key.unwrap().expose_secret(), "sk-test");
        assert_eq!(c.model, "llama3");
        assert_eq!(c.timeout, Duration::from_millis(500));
        assert_eq!((c.max_retries, c.turn_limit), (0, 6));
        assert_eq!(c.temperature, Some(0.3));
    }

    #[test]
    fn errors_name_the_variable() {
        for (k, v) in [
            ("LLM_TIMEOUT", "soon"),
            ("LLM_TIMEOUT", "0s"),
            ("LLM_TIMEOUT", "-1s"),
            ("LLM_MAX_RETRIES", "-1"),
            ("LLM_TURN_LIMIT", "0"),
            ("LLM_TEMPERATURE", "3"),
            ("LLM_TEMPERATURE", "warm"),
            ("OPENAI_BASE_URL", "api.openai.com"),
        ] {
            let err = LlmConfig::from_lookup(lookup(&[(k, v)])).unwrap_err();
            assert_eq!(err.name, k, "{k}={v}: {err}");
        }
    }

    #[test]
    fn timeouts_need_a_unit() {
        for (v, want) in [
            ("20s", Duration::from_secs(20)),
            ("500ms", Duration::from_millis(500)),
            ("1.5s", Duration::from_millis(1500)),
            (" 2m ", Duration::from_secs(120)),
            ("1h", Duration::from_secs(3600)),
        ] {
            let c = LlmConfig::from_lookup(lookup(&[("LLM_TIMEOUT", v)])).unwrap();
            assert_eq!(c.timeout, want, "{v}");
        }
        // A bare number used to mean seconds here (and milliseconds elsewhere): now refused.
        let err = LlmConfig::from_lookup(lookup(&[("LLM_TIMEOUT", "1")])).unwrap_err();
        assert_eq!(err.name, "LLM_TIMEOUT");
        assert_eq!(err.problem, "\"1\": add a unit, e.g. 1s or 1ms");
    }
}
