//! LLM configuration from `OPENAI_*` / `LLM_*` variables, and a tiny duration parser.
//!
//! Parsing is strict: a malformed value is an error naming the variable, so a typo fails the
//! start instead of silently using a default. Unset or empty variables keep the default.

use std::time::Duration;

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
    /// `LLM_TIMEOUT`, per model call (a customer is waiting), default 20 s.
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
        Self {
            base_url: "https://api.openai.com/v1".into(),
            api_key: None,
            model: "gpt-4o".into(),
            timeout: Duration::from_secs(20),
            max_retries: 2,
            turn_limit: 4,
            temperature: None,
        }
    }
}

impl LlmConfig {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, String> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the configuration through `get` (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let get = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let d = Self::default();
        let base_url = get("OPENAI_BASE_URL").unwrap_or(d.base_url);
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(format!(
                "OPENAI_BASE_URL: {base_url:?} is not an http(s) URL"
            ));
        }
        let temperature = match get("LLM_TEMPERATURE") {
            None => None,
            Some(v) => Some(
                v.parse::<f32>()
                    .ok()
                    .filter(|t| (0.0..=2.0).contains(t))
                    .ok_or_else(|| format!("LLM_TEMPERATURE: {v:?} is not a number in 0..=2"))?,
            ),
        };
        let cfg = Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key: get("OPENAI_API_KEY").map(SecretString::from),
            model: get("OPENAI_MODEL").unwrap_or(d.model),
            timeout: parse_var(&get, "LLM_TIMEOUT", d.timeout, parse_duration)?,
            max_retries: parse_var(&get, "LLM_MAX_RETRIES", d.max_retries, |v| v.parse().ok())?,
            turn_limit: parse_var(&get, "LLM_TURN_LIMIT", d.turn_limit, |v| v.parse().ok())?,
            temperature,
        };
        if cfg.timeout.is_zero() || cfg.turn_limit == 0 {
            return Err("LLM_TIMEOUT and LLM_TURN_LIMIT must be greater than zero".into());
        }
        Ok(cfg)
    }
}

fn parse_var<T>(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: T,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, String> {
    match get(name) {
        None => Ok(default),
        Some(v) => parse(&v).ok_or_else(|| format!("{name}: {v:?} is not valid")),
    }
}

/// Parses `"500ms"`, `"20s"`, `"1.5s"`, `"2m"`, `"1h"` or a bare number of seconds.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let secs = match unit.trim() {
        "" | "s" | "sec" | "secs" => n,
        "ms" => n / 1000.0,
        "m" | "min" | "mins" => n * 60.0,
        "h" => n * 3600.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(secs).ok()
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
            ("LLM_MAX_RETRIES", "-1"),
            ("LLM_TURN_LIMIT", "0"),
            ("LLM_TEMPERATURE", "3"),
            ("OPENAI_BASE_URL", "api.openai.com"),
        ] {
            let err = LlmConfig::from_lookup(lookup(&[(k, v)])).unwrap_err();
            assert!(err.contains(k), "{k}={v}: {err}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("20s"), Some(Duration::from_secs(20)));
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration(" 2m "), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("7"), Some(Duration::from_secs(7)));
        for bad in ["", "s", "1d", "-1s", "1.2.3s"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }
}
