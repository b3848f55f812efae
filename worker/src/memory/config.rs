//! Memory configuration from the environment (the seed's names where it has them).
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `SYNAP_API_KEY` | unset: local backend | Synap key (opaque string, §3) |
//! | `SYNAP_BASE_URL` | `https://synap-cloud-prod.maximem.ai` | Synap host (§2) |
//! | `CUSTOMER_ID` | unset: the business number | the business (tenant) |
//! | `BATON_HASH_PHONES` | `true` | user ids from `sha256("e164:"+phone)` |
//! | `BATON_HANDOFF_DOCUMENT_TYPE` | `document` | Synap `document_type` of handoff events |
//! | `BATON_MEMORY_FETCH_TIMEOUT` | `800ms` | context fetch before each AI turn |
//! | `BATON_MEMORY_SEARCH_TIMEOUT` | `3s` | the LLM's search tool |
//! | `BATON_MEMORY_WRITE_TIMEOUT` | `10s` | each write request (SDK default, §8.3) |
//!
//! Durations take `ms`, `s` or `m` suffixes (bare numbers are milliseconds). Errors name the
//! variable. Hashing defaults to on: raw phone numbers then never reach Synap.

use std::time::Duration;

use secrecy::SecretString;

use super::identity::{self, Identity, SynapIds};

pub const DEFAULT_SYNAP_BASE_URL: &str = "https://synap-cloud-prod.maximem.ai";

#[derive(Clone, Debug)]
pub struct MemoryConfig {
    pub synap_api_key: Option<SecretString>,
    pub synap_base_url: String,
    /// `CUSTOMER_ID`; empty means "the business number of each conversation".
    pub customer_id: String,
    pub hash_phones: bool,
    pub handoff_document_type: String,
    pub fetch_timeout: Duration,
    pub search_timeout: Duration,
    pub write_timeout: Duration,
}

impl Default for MemoryConfig {
    fn default() -> Self {
        MemoryConfig::from_lookup(|_| None).expect("defaults are valid")
    }
}

impl MemoryConfig {
    pub fn from_env() -> Result<Self, String> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let get = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let base = get("SYNAP_BASE_URL").unwrap_or_else(|| DEFAULT_SYNAP_BASE_URL.into());
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(format!("SYNAP_BASE_URL: {base:?} is not an http(s) URL"));
        }
        let doc_type = get("BATON_HANDOFF_DOCUMENT_TYPE").unwrap_or_else(|| "document".into());
        let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if !doc_type.chars().all(valid) {
            return Err(format!(
                "BATON_HANDOFF_DOCUMENT_TYPE: {doc_type:?} is not a document type"
            ));
        }
        Ok(MemoryConfig {
            synap_api_key: get("SYNAP_API_KEY").map(SecretString::from),
            synap_base_url: base.trim_end_matches('/').to_owned(),
            customer_id: get("CUSTOMER_ID").unwrap_or_default(),
            hash_phones: boolean("BATON_HASH_PHONES", get("BATON_HASH_PHONES"), true)?,
            handoff_document_type: doc_type,
            fetch_timeout: duration(
                "BATON_MEMORY_FETCH_TIMEOUT",
                get("BATON_MEMORY_FETCH_TIMEOUT"),
                800,
            )?,
            search_timeout: duration(
                "BATON_MEMORY_SEARCH_TIMEOUT",
                get("BATON_MEMORY_SEARCH_TIMEOUT"),
                3_000,
            )?,
            write_timeout: duration(
                "BATON_MEMORY_WRITE_TIMEOUT",
                get("BATON_MEMORY_WRITE_TIMEOUT"),
                10_000,
            )?,
        })
    }

    /// The Synap ids of a customer (see [`identity`]).
    pub fn ids(&self, who: &Identity) -> SynapIds {
        identity::derive(&self.customer_id, self.hash_phones, who)
    }
}

fn boolean(name: &str, v: Option<String>, default: bool) -> Result<bool, String> {
    match v.map(|v| v.to_ascii_lowercase()).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(format!("{name}: {other:?} is not a boolean")),
    }
}

fn duration(name: &str, v: Option<String>, default_ms: u64) -> Result<Duration, String> {
    let Some(v) = v else {
        return Ok(Duration::from_millis(default_ms));
    };
    let bad = || format!("{name}: {v:?} is not a duration (e.g. 800ms, 10s)");
    // A bare number is milliseconds here (the timeouts are sub-second); units go through the
    // one duration parser the worker's configuration shares.
    let ms = match v.trim().parse::<u64>() {
        Ok(n) => n,
        Err(_) => crate::llm::parse_duration(&v).ok_or_else(bad)?.as_millis() as u64,
    };
    if ms == 0 {
        return Err(format!("{name}: must be positive"));
    }
    Ok(Duration::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::collections::HashMap;

    fn load(pairs: &[(&str, &str)]) -> Result<MemoryConfig, String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        MemoryConfig::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let c = load(&[]).unwrap();
        assert!(c.synap_api_key.is_none());
        assert_eq!(c.synap_base_url, "https://synap-cloud-prod.maximem.ai");
        assert_eq!(c.customer_id, "");
        assert!(c.hash_phones);
        assert_eq!(c.handoff_document_type, "document");
        assert_eq!(c.fetch_timeout, Duration::from_millis(800));
        assert_eq!(c.write_timeout, Duration::from_secs(10));
        let blank = load(&[("SYNAP_API_KEY", "  ")]).unwrap();
        assert!(blank.synap_api_key.is_none(), "a blank key means local");
    }

    #[test]
    fn values() {
        let c = load(&[
            ("SYNAP_API_KEY", "synap_abc"),
            ("SYNAP_BASE_URL", "http://127.0.0.1:9/"),
            ("CUSTOMER_ID", "acme"),
            ("BATON_HASH_PHONES", "off"),
            ("BATON_HANDOFF_DOCUMENT_TYPE", "support-ticket"),
            ("BATON_MEMORY_FETCH_TIMEOUT", "250ms"),
            ("BATON_MEMORY_WRITE_TIMEOUT", "2s"),
        ])
        .unwrap();
        assert_eq!(c.synap_api_key.unwrap().expose_secret(), "synap_abc");
        assert_eq!(c.synap_base_url, "http://127.0.0.1:9");
        assert_eq!(c.customer_id, "acme");
        assert!(!c.hash_phones);
        assert_eq!(c.handoff_document_type, "support-ticket");
        assert_eq!(c.fetch_timeout, Duration::from_millis(250));
        assert_eq!(c.write_timeout, Duration::from_secs(2));
    }

    #[test]
    fn errors_name_the_variable() {
        for (k, v) in [
            ("SYNAP_BASE_URL", "synap.example"),
            ("BATON_HASH_PHONES", "maybe"),
            ("BATON_HANDOFF_DOCUMENT_TYPE", "Support Handoff"),
            ("BATON_MEMORY_FETCH_TIMEOUT", "soon"),
            ("BATON_MEMORY_WRITE_TIMEOUT", "0s"),
        ] {
            let e = load(&[(k, v)]).unwrap_err();
            assert!(e.starts_with(k), "{e}");
        }
    }
}
