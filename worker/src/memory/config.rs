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
//! Parsing goes through the shared [`Env`]: timeouts need a unit (`800ms`, `3s`; a bare
//! number is refused) and must be positive, booleans take `true/false`, `1/0`, `yes/no` or
//! `on/off`. A bad value is a [`ConfigError`] naming the variable. Hashing defaults to on: raw
//! phone numbers then never reach Synap.

use std::time::Duration;

use baton_shared::config::{ConfigError, Env};
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
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env::new(get);
        let base = env.or("SYNAP_BASE_URL", DEFAULT_SYNAP_BASE_URL);
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(ConfigError::new(
                "SYNAP_BASE_URL",
                format!("{base:?} is not an http(s) URL"),
            ));
        }
        let doc_type = env.or("BATON_HANDOFF_DOCUMENT_TYPE", "document");
        let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if !doc_type.chars().all(valid) {
            return Err(ConfigError::new(
                "BATON_HANDOFF_DOCUMENT_TYPE",
                format!("{doc_type:?} is not a document type (lowercase letters, digits, '-')"),
            ));
        }
        Ok(MemoryConfig {
            synap_api_key: env.get("SYNAP_API_KEY").map(SecretString::from),
            synap_base_url: base.trim_end_matches('/').to_owned(),
            customer_id: env.or("CUSTOMER_ID", ""),
            hash_phones: env.flag("BATON_HASH_PHONES", true)?,
            handoff_document_type: doc_type,
            fetch_timeout: env.positive_duration("BATON_MEMORY_FETCH_TIMEOUT", "800ms")?,
            search_timeout: env.positive_duration("BATON_MEMORY_SEARCH_TIMEOUT", "3s")?,
            write_timeout: env.positive_duration("BATON_MEMORY_WRITE_TIMEOUT", "10s")?,
        })
    }

    /// The Synap ids of a customer (see [`identity`]).
    pub fn ids(&self, who: &Identity) -> SynapIds {
        identity::derive(&self.customer_id, self.hash_phones, who)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::collections::HashMap;

    fn load(pairs: &[(&str, &str)]) -> Result<MemoryConfig, ConfigError> {
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
        assert_eq!(c.search_timeout, Duration::from_secs(3));
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
            ("BATON_MEMORY_SEARCH_TIMEOUT", "-3s"),
            ("BATON_MEMORY_WRITE_TIMEOUT", "0s"),
        ] {
            let e = load(&[(k, v)]).unwrap_err();
            assert_eq!(e.name, k, "{e}");
        }
    }

    #[test]
    fn timeouts_need_a_unit() {
        let c = load(&[
            ("BATON_MEMORY_FETCH_TIMEOUT", "1.5s"),
            ("BATON_MEMORY_SEARCH_TIMEOUT", "2m"),
        ])
        .unwrap();
        assert_eq!(c.fetch_timeout, Duration::from_millis(1500));
        assert_eq!(c.search_timeout, Duration::from_secs(120));
        // A bare number used to mean milliseconds here (and seconds elsewhere): now refused.
        for k in [
            "BATON_MEMORY_FETCH_TIMEOUT",
            "BATON_MEMORY_SEARCH_TIMEOUT",
            "BATON_MEMORY_WRITE_TIMEOUT",
        ] {
            let e = load(&[(k, "300")]).unwrap_err();
            assert_eq!(e.name, k);
            assert_eq!(e.problem, "\"300\": add a unit, e.g. 300s or 300ms");
        }
    }

    #[test]
    fn booleans_share_one_convention() {
        for (v, b) in [
            ("TRUE", true),
            ("yes", true),
            ("1", true),
            ("no", false),
            ("0", false),
        ] {
            assert_eq!(
                load(&[("BATON_HASH_PHONES", v)]).unwrap().hash_phones,
                b,
                "{v}"
            );
        }
    }
}
