//! Typed configuration, read from the environment.
//!
//! Owns every environment variable name Baton reads (the contract of ARCHITECTURE §8 plus
//! Baton's own `BATON_*`/`WORKER_*` tuning knobs) and their defaults. Loading fails fast with
//! an error naming the variable and the value it could not use; secrets are wrapped in
//! [`SecretString`] so they never reach a log line.
//!
//! [`Config::from_lookup`] takes any lookup function so tests build configurations without
//! touching the process environment.

use std::net::SocketAddr;
use std::time::Duration;

use secrecy::SecretString;

/// Error naming the variable that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("configuration variable {name}: {problem}")]
pub struct ConfigError {
    pub name: &'static str,
    pub problem: String,
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
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads through `get`; empty values count as unset.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&get);
        let infra = Infra {
            amqp_url: env.or("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2f"),
            redis_url: env.or("REDIS_URL", "redis://127.0.0.1:6379"),
            namespace: namespace(env.or("BATON_NAMESPACE", "baton"))?,
            partitions: env.parse("BATON_PARTITIONS", 16)?,
            delivery_limit: env.parse("BATON_DELIVERY_LIMIT", 10)?,
            retry_tiers: env.durations("BATON_RETRY_TIERS", "10s,1m,10m,1h")?,
        };
        if infra.partitions == 0 {
            return Err(problem("BATON_PARTITIONS", "must be at least 1"));
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
        };
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
            probe: env.parse("BATON_PROBE", false)?,
            probe_sleep: env.duration("BATON_PROBE_SLEEP", "0s")?,
        };
        if worker.concurrency == 0 || worker.prefetch == 0 {
            return Err(problem(
                "WORKER_CONCURRENCY",
                "and WORKER_PREFETCH must be at least 1",
            ));
        }
        if worker.lease_ttl <= worker.heartbeat * 2 {
            return Err(problem(
                "WORKER_LEASE_TTL",
                "must exceed twice WORKER_HEARTBEAT",
            ));
        }
        Ok(Config {
            infra,
            waba,
            ingress_addr: env.parse("INGRESS_ADDR", "0.0.0.0:8080".parse().unwrap())?,
            worker,
        })
    }
}

fn problem(name: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        name,
        problem: problem.into(),
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
        Err(problem(
            "BATON_NAMESPACE",
            format!("{ns:?}: use 1-64 letters, digits, '-' or '_'"),
        ))
    }
}

struct Env<'a, F: Fn(&str) -> Option<String>>(&'a F);

impl<F: Fn(&str) -> Option<String>> Env<'_, F> {
    fn get(&self, name: &str) -> Option<String> {
        (self.0)(name).filter(|v| !v.trim().is_empty())
    }

    fn or(&self, name: &str, default: &str) -> String {
        self.get(name).unwrap_or_else(|| default.to_owned())
    }

    fn parse<T: std::str::FromStr>(&self, name: &'static str, default: T) -> Result<T, ConfigError>
    where
        T::Err: std::fmt::Display,
    {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse()
                .map_err(|e| problem(name, format!("{v:?}: {e}"))),
        }
    }

    fn duration(&self, name: &'static str, default: &str) -> Result<Duration, ConfigError> {
        let v = self.or(name, default);
        humantime::parse_duration(v.trim()).map_err(|e| problem(name, format!("{v:?}: {e}")))
    }

    fn durations(&self, name: &'static str, default: &str) -> Result<Vec<Duration>, ConfigError> {
        let v = self.or(name, default);
        v.split(',')
            .map(|d| humantime::parse_duration(d.trim()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| problem(name, format!("{v:?}: {e}")))
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
        assert_eq!(c.infra.retry_tiers.len(), 4);
    }

    #[test]
    fn errors_name_the_variable() {
        let e = load(&[("BATON_PARTITIONS", "many")]).unwrap_err();
        assert_eq!(e.name, "BATON_PARTITIONS");
        let e = load(&[("BATON_NAMESPACE", "a b")]).unwrap_err();
        assert_eq!(e.name, "BATON_NAMESPACE");
        let e = load(&[("BATON_RETRY_TIERS", "1s,soon")]).unwrap_err();
        assert_eq!(e.name, "BATON_RETRY_TIERS");
    }

    #[test]
    fn app_secret_list_supports_rotation() {
        let c = load(&[("WABA_APP_SECRET", "old, new")]).unwrap();
        assert_eq!(c.waba.app_secrets.len(), 2);
    }
}
