//! Typed configuration, read from the environment, and the one parser every crate uses.
//!
//! Owns every environment variable name the shared [`Config`] reads (the contract of
//! ARCHITECTURE §8 plus Baton's own `BATON_*`/`WORKER_*` tuning knobs) and their defaults, and
//! [`Env`], the lookup helper through which the worker's own configurations (LLM, memory,
//! signals, conversation settings) parse theirs, so one convention holds everywhere:
//!
//! - unset, empty or blank variables keep the default; values are trimmed;
//! - durations are humantime-style and need a unit: `500ms`, `1.5s`, `2m`, `1h`, `8days`.
//!   A bare number (`3`, even `0`) is rejected rather than guessed at;
//! - booleans are `true/false`, `1/0`, `yes/no` or `on/off`, in any case.
//!
//! Loading fails fast with a [`ConfigError`] naming the variable and the value it could not
//! use; secrets are wrapped in [`SecretString`] so they never reach a log line.
//! [`Config::from_lookup`] (like every `from_lookup` built on [`Env`]) takes any lookup
//! function, so tests build configurations without touching the process environment.

pub mod console;
pub mod slack;

use std::net::SocketAddr;
use std::time::Duration;

use secrecy::SecretString;

pub use console::{AgentToken, Console};
pub use slack::Slack;

/// Error naming the variable that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("configuration variable {name}: {problem}")]
pub struct ConfigError {
    pub name: &'static str,
    pub problem: String,
}

impl ConfigError {
    pub fn new(name: &'static str, problem: impl Into<String>) -> Self {
        ConfigError {
            name,
            problem: problem.into(),
        }
    }
}

/// Broker, Redis and namespace: what both binaries need.
#[derive(Clone, Debug)]
pub struct Infra {
    /// `AMQP_URL`.
    pub amqp_url: String,
    /// `REDIS_URL`.
    pub redis_url: String,
    /// `BATON_NAMESPACE`: prefix of every exchange, queue and Redis key.
    pub namespace: String,
    /// `BATON_PARTITIONS`: number of partition queues (changing it is an offline operation).
    pub partitions: u16,
    /// `BATON_DELIVERY_LIMIT`: redeliveries before the broker dead-letters a poison message.
    pub delivery_limit: u32,
    /// `BATON_RETRY_TIERS`: delays of the broker retry tiers, e.g. `10s,1m,10m,1h`.
    pub retry_tiers: Vec<Duration>,
}

/// Meta (WhatsApp Cloud API) credentials.
#[derive(Clone, Debug)]
pub struct Waba {
    /// `WABA_PHONE_NUMBER_ID`: the business number used for sending.
    pub phone_number_id: Option<String>,
    /// `WABA_ACCESS_TOKEN`.
    pub access_token: Option<SecretString>,
    /// `WABA_WEBHOOK_VERIFY_TOKEN`: the token of the GET handshake.
    pub verify_token: Option<SecretString>,
    /// `WABA_APP_SECRET`: one secret, or several comma-separated during a rotation.
    pub app_secrets: Vec<SecretString>,
    /// `WABA_API_BASE_URL`.
    pub api_base_url: String,
    /// `WABA_API_VERSION`.
    pub api_version: String,
    /// `MEDIA_MAX_BYTES`: the largest customer media downloaded (worker and console), default
    /// 16 MiB, WhatsApp's own cap on audio and video (images are at most 5 MB).
    pub media_max_bytes: u64,
}

/// Worker tuning.
#[derive(Clone, Debug)]
pub struct WorkerTuning {
    /// `WORKER_ADMIN_ADDR`: health, readiness and metrics.
    pub admin_addr: SocketAddr,
    /// `WORKER_CONCURRENCY`: conversations processed at once by one worker.
    pub concurrency: usize,
    /// `WORKER_PREFETCH`: unacked deliveries per partition channel.
    pub prefetch: u16,
    /// `WORKER_SHUTDOWN_TIMEOUT`: how long in-flight work may take after SIGTERM or a hand-over.
    pub shutdown_timeout: Duration,
    /// `WORKER_HEARTBEAT`: membership heartbeat and lease renewal period.
    pub heartbeat: Duration,
    /// `WORKER_LEASE_TTL`: lifetime of a partition lease and of a membership entry.
    pub lease_ttl: Duration,
    /// `WORKER_STEP_RETRIES`: in-process retries of a transient step failure.
    pub step_retries: usize,
    /// `WORKER_STEP_RETRY_DELAY`: first in-process retry delay (doubles each time).
    pub step_retry_delay: Duration,
    /// `BATON_DEDUPE_TTL`: how long processed event ids are remembered (Meta retries 7 days).
    pub dedupe_ttl: Duration,
    /// `BATON_COALESCE_DEBOUNCE`: how long a customer message waits for more messages of the
    /// same burst before its turn starts (`0s`, the default, turns coalescing off).
    pub coalesce_debounce: Duration,
    /// `BATON_PROBE`: record every processed event in a Redis stream and honour fault
    /// markers; for tests and benchmarks, never in production.
    pub probe: bool,
    /// `BATON_PROBE_SLEEP`: how long the probe step sleeps per event (benchmarks).
    pub probe_sleep: Duration,
}

/// Everything Baton reads from its environment.
#[derive(Clone, Debug)]
pub struct Config {
    pub infra: Infra,
    pub waba: Waba,
    /// `INGRESS_ADDR`.
    pub ingress_addr: SocketAddr,
    pub worker: WorkerTuning,
    /// The console API (`CONSOLE_*`).
    pub console: Console,
    /// The Slack app (`SLACK_*`); `None` when Slack is off.
    pub slack: Option<Slack>,
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads through `get`; empty values count as unset.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env::new(get);
        let infra = Infra {
            amqp_url: env.or("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2f"),
            redis_url: env.or("REDIS_URL", "redis://127.0.0.1:6379"),
            namespace: namespace(env.or("BATON_NAMESPACE", "baton"))?,
            partitions: env.parse("BATON_PARTITIONS", 16)?,
            delivery_limit: env.parse("BATON_DELIVERY_LIMIT", 10)?,
            retry_tiers: env.durations("BATON_RETRY_TIERS", "10s,1m,10m,1h")?,
        };
        if infra.partitions == 0 {
            return Err(ConfigError::new("BATON_PARTITIONS", "must be at least 1"));
        }
        let waba = Waba {
            phone_number_id: env.get("WABA_PHONE_NUMBER_ID"),
            access_token: env.get("WABA_ACCESS_TOKEN").map(SecretString::from),
            verify_token: env.get("WABA_WEBHOOK_VERIFY_TOKEN").map(SecretString::from),
            app_secrets: env
                .get("WABA_APP_SECRET")
                .map(|s| {
                    s.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| SecretString::from(s.to_owned()))
                        .collect()
                })
                .unwrap_or_default(),
            api_base_url: env.or("WABA_API_BASE_URL", "https://graph.facebook.com"),
            api_version: env.or("WABA_API_VERSION", "v25.0"),
            media_max_bytes: env.parse("MEDIA_MAX_BYTES", 16 * 1024 * 1024)?,
        };
        if waba.media_max_bytes == 0 {
            return Err(ConfigError::new("MEDIA_MAX_BYTES", "must be at least 1"));
        }
        let worker = WorkerTuning {
            admin_addr: env.parse("WORKER_ADMIN_ADDR", "0.0.0.0:9091".parse().unwrap())?,
            concurrency: env.parse("WORKER_CONCURRENCY", 256)?,
            prefetch: env.parse("WORKER_PREFETCH", 256)?,
            shutdown_timeout: env.duration("WORKER_SHUTDOWN_TIMEOUT", "30s")?,
            heartbeat: env.duration("WORKER_HEARTBEAT", "1s")?,
            lease_ttl: env.duration("WORKER_LEASE_TTL", "6s")?,
            step_retries: env.parse("WORKER_STEP_RETRIES", 3)?,
            step_retry_delay: env.duration("WORKER_STEP_RETRY_DELAY", "200ms")?,
            dedupe_ttl: env.duration("BATON_DEDUPE_TTL", "8days")?,
            coalesce_debounce: env.duration("BATON_COALESCE_DEBOUNCE", "0s")?,
            probe: env.flag("BATON_PROBE", false)?,
            probe_sleep: env.duration("BATON_PROBE_SLEEP", "0s")?,
        };
        if worker.concurrency == 0 || worker.prefetch == 0 {
            return Err(ConfigError::new(
                "WORKER_CONCURRENCY",
                "and WORKER_PREFETCH must be at least 1",
            ));
        }
        if worker.lease_ttl <= worker.heartbeat * 2 {
            return Err(ConfigError::new(
                "WORKER_LEASE_TTL",
                "must exceed twice WORKER_HEARTBEAT",
            ));
        }
        Ok(Config {
            infra,
            waba,
            ingress_addr: env.parse("INGRESS_ADDR", "0.0.0.0:8080".parse().unwrap())?,
            worker,
            console: Console::from_env(&env)?,
            slack: Slack::from_env(&env)?,
        })
    }
}

fn namespace(ns: String) -> Result<String, ConfigError> {
    let ok = !ns.is_empty()
        && ns.len() <= 64
        && ns
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(ns)
    } else {
        Err(ConfigError::new(
            "BATON_NAMESPACE",
            format!("{ns:?}: use 1-64 letters, digits, '-' or '_'"),
        ))
    }
}

/// Reads variables through a lookup function (`std::env::var(k).ok()`, or a map in tests).
///
/// Every accessor treats an unset, empty or blank variable as "use the default", trims the
/// value, and fails with a [`ConfigError`] naming the variable. Defaults given as text go
/// through the same parser as the values.
pub struct Env<F>(F);

impl<F: Fn(&str) -> Option<String>> Env<F> {
    pub fn new(lookup: F) -> Self {
        Env(lookup)
    }

    /// The trimmed value, or `None` when unset, empty or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        (self.0)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    /// The trimmed value, or `default`.
    pub fn or(&self, name: &str, default: &str) -> String {
        self.get(name).unwrap_or_else(|| default.to_owned())
    }

    /// The value parsed with [`FromStr`](std::str::FromStr), or `None` when unset.
    pub fn parse_opt<T: std::str::FromStr>(
        &self,
        name: &'static str,
    ) -> Result<Option<T>, ConfigError>
    where
        T::Err: std::fmt::Display,
    {
        self.get(name)
            .map(|v| {
                v.parse()
                    .map_err(|e| ConfigError::new(name, format!("{v:?}: {e}")))
            })
            .transpose()
    }

    /// The value parsed with [`FromStr`](std::str::FromStr), or `default`.
    pub fn parse<T: std::str::FromStr>(
        &self,
        name: &'static str,
        default: T,
    ) -> Result<T, ConfigError>
    where
        T::Err: std::fmt::Display,
    {
        Ok(self.parse_opt(name)?.unwrap_or(default))
    }

    /// A boolean (see [`parse_flag`]), or `default`.
    pub fn flag(&self, name: &'static str, default: bool) -> Result<bool, ConfigError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => parse_flag(&v).ok_or_else(|| {
                ConfigError::new(
                    name,
                    format!("{v:?}: not a boolean (use true/false, 1/0, yes/no or on/off)"),
                )
            }),
        }
    }

    /// A duration with a unit (see [`parse_duration`]); `default` is parsed the same way.
    pub fn duration(&self, name: &'static str, default: &str) -> Result<Duration, ConfigError> {
        parse_duration(&self.or(name, default)).map_err(|e| ConfigError::new(name, e))
    }

    /// Like [`Env::duration`], and zero is refused (timeouts, periods).
    pub fn positive_duration(
        &self,
        name: &'static str,
        default: &str,
    ) -> Result<Duration, ConfigError> {
        let d = self.duration(name, default)?;
        if d.is_zero() {
            return Err(ConfigError::new(name, "must be greater than zero"));
        }
        Ok(d)
    }

    /// A comma-separated list of durations, e.g. `10s,1m,10m,1h`.
    pub fn durations(
        &self,
        name: &'static str,
        default: &str,
    ) -> Result<Vec<Duration>, ConfigError> {
        self.or(name, default)
            .split(',')
            .map(|d| parse_duration(d).map_err(|e| ConfigError::new(name, e)))
            .collect()
    }

    /// A number in `(0, 1]` (thresholds, similarities), or `default`.
    pub fn unit_interval(&self, name: &'static str, default: f32) -> Result<f32, ConfigError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse::<f32>()
                .ok()
                .filter(|x| *x > 0.0 && *x <= 1.0)
                .ok_or_else(|| {
                    ConfigError::new(name, format!("{v:?}: expected a number in (0, 1]"))
                }),
        }
    }
}

/// Parses a duration the one way Baton does: humantime-style with a unit (`500ms`, `1.5s`,
/// `2m`, `1h`, `8days`, `1h 30m`). A bare number is refused, since `3` could mean seconds or
/// milliseconds. The error quotes the value (callers prefix what it was for).
pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let v = value.trim();
    if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(format!("{v:?}: add a unit, e.g. {v}s or {v}ms"));
    }
    humantime::parse_duration(v)
        .map_err(|e| format!("{v:?}: not a duration ({e}); use e.g. 500ms, 3s, 2m or 1h"))
}

/// `true/false`, `1/0`, `yes/no`, `on/off`, in any case; anything else is `None`.
pub fn parse_flag(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_follow_the_contract() {
        let c = load(&[]).unwrap();
        assert_eq!(c.infra.namespace, "baton");
        assert_eq!(c.infra.partitions, 16);
        assert_eq!(c.ingress_addr.port(), 8080);
        assert_eq!(c.worker.admin_addr.port(), 9091);
        assert_eq!(c.worker.concurrency, 256);
        assert_eq!(c.waba.api_base_url, "https://graph.facebook.com");
        assert_eq!(c.waba.media_max_bytes, 16 * 1024 * 1024);
        assert_eq!(
            c.infra.retry_tiers,
            [10, 60, 600, 3600].map(Duration::from_secs)
        );
        assert_eq!(c.worker.shutdown_timeout, Duration::from_secs(30));
        assert_eq!(c.worker.heartbeat, Duration::from_secs(1));
        assert_eq!(c.worker.lease_ttl, Duration::from_secs(6));
        assert_eq!(c.worker.step_retry_delay, Duration::from_millis(200));
        assert_eq!(c.worker.dedupe_ttl, Duration::from_secs(8 * 86_400));
        assert_eq!(c.worker.coalesce_debounce, Duration::ZERO);
        assert_eq!(c.worker.probe_sleep, Duration::ZERO);
        assert!(!c.worker.probe);
        assert!(c.console.agents.is_empty());
        assert_eq!(c.console.command_wait, Duration::from_secs(5));
    }

    #[test]
    fn durations_need_a_unit() {
        let c = load(&[
            ("WORKER_HEARTBEAT", " 250ms "),
            ("WORKER_LEASE_TTL", "1.5s"),
            ("WORKER_SHUTDOWN_TIMEOUT", "2m"),
            ("BATON_DEDUPE_TTL", "1h 30m"),
            ("BATON_RETRY_TIERS", "300ms, 600ms"),
        ])
        .unwrap();
        assert_eq!(c.worker.heartbeat, Duration::from_millis(250));
        assert_eq!(c.worker.lease_ttl, Duration::from_millis(1500));
        assert_eq!(c.worker.shutdown_timeout, Duration::from_secs(120));
        assert_eq!(c.worker.dedupe_ttl, Duration::from_secs(5400));
        assert_eq!(c.infra.retry_tiers, [300, 600].map(Duration::from_millis));
        for (k, v) in [
            ("WORKER_SHUTDOWN_TIMEOUT", "30"),
            ("BATON_PROBE_SLEEP", "0"),
            ("BATON_COALESCE_DEBOUNCE", "1.5"),
            ("BATON_RETRY_TIERS", "10s,60"),
        ] {
            let e = load(&[(k, v)]).unwrap_err();
            assert_eq!(e.name, k);
            assert!(e.problem.contains("add a unit"), "{k}={v}: {e}");
        }
        let e = load(&[("WORKER_SHUTDOWN_TIMEOUT", "1")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "configuration variable WORKER_SHUTDOWN_TIMEOUT: \"1\": add a unit, e.g. 1s or 1ms"
        );
    }

    #[test]
    fn one_duration_parser() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration(" 2m "), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("0s"), Ok(Duration::ZERO));
        for bad in [
            "",
            "7",
            "0",
            "1.5",
            "s",
            "soon",
            "-1s",
            "1.2.3s",
            "5 parsecs",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn one_boolean_convention() {
        for (v, b) in [
            ("true", true),
            ("TRUE", true),
            ("1", true),
            ("Yes", true),
            ("on", true),
            ("false", false),
            ("0", false),
            ("no", false),
            ("OFF", false),
        ] {
            assert_eq!(parse_flag(v), Some(b), "{v}");
            assert_eq!(load(&[("BATON_PROBE", v)]).unwrap().worker.probe, b);
        }
        let e = load(&[("BATON_PROBE", "maybe")]).unwrap_err();
        assert_eq!(e.name, "BATON_PROBE");
    }

    #[test]
    fn env_accessors() {
        let env = Env::new(|k: &str| match k {
            "BLANK" => Some("  ".to_owned()),
            "PADDED" => Some(" x ".to_owned()),
            "HALF" => Some("0.5".to_owned()),
            "ZERO" => Some("0".to_owned()),
            "NOTHING" => Some("0s".to_owned()),
            _ => None,
        });
        assert_eq!(env.get("BLANK"), None);
        assert_eq!(env.get("PADDED").as_deref(), Some("x"));
        assert_eq!(env.or("UNSET", "d"), "d");
        assert_eq!(env.unit_interval("HALF", 0.8).unwrap(), 0.5);
        assert_eq!(env.unit_interval("UNSET", 0.8).unwrap(), 0.8);
        assert_eq!(env.unit_interval("ZERO", 0.8).unwrap_err().name, "ZERO");
        assert_eq!(env.parse_opt::<u32>("UNSET").unwrap(), None);
        assert_eq!(env.parse_opt::<u32>("ZERO").unwrap(), Some(0));
        let e = env.positive_duration("NOTHING", "1s").unwrap_err();
        assert_eq!(e.name, "NOTHING");
        assert_eq!(
            env.positive_duration("UNSET", "3s").unwrap(),
            Duration::from_secs(3)
        );
    }

    #[test]
    fn errors_name_the_variable() {
        let e = load(&[("BATON_PARTITIONS", "many")]).unwrap_err();
        assert_eq!(e.name, "BATON_PARTITIONS");
        let e = load(&[("BATON_NAMESPACE", "a b")]).unwrap_err();
        assert_eq!(e.name, "BATON_NAMESPACE");
        let e = load(&[("BATON_RETRY_TIERS", "1s,soon")]).unwrap_err();
        assert_eq!(e.name, "BATON_RETRY_TIERS");
        let e = load(&[("CONSOLE_TOKENS", "maria")]).unwrap_err();
        assert_eq!(e.name, "CONSOLE_TOKENS");
        let e = load(&[("MEDIA_MAX_BYTES", "16MB")]).unwrap_err();
        assert_eq!(e.name, "MEDIA_MAX_BYTES");
        let e = load(&[("MEDIA_MAX_BYTES", "0")]).unwrap_err();
        assert_eq!(e.name, "MEDIA_MAX_BYTES");
        let e = load(&[("CONSOLE_COMMAND_WAIT", "5")]).unwrap_err();
        assert_eq!(e.name, "CONSOLE_COMMAND_WAIT");
        let e = load(&[("CONSOLE_COMMAND_WAIT", "2m")]).unwrap_err();
        assert_eq!(e.name, "CONSOLE_COMMAND_WAIT");
    }

    #[test]
    fn app_secret_list_supports_rotation() {
        let c = load(&[("WABA_APP_SECRET", "old, new")]).unwrap();
        assert_eq!(c.waba.app_secrets.len(), 2);
    }
}
