//! Detector configuration: defaults and parsing from `HANDOFF_*` variables.
//!
//! Parsing goes through the shared [`Env`] and is strict: an unknown reason or category, or
//! a number out of range, is a [`ConfigError`] naming the variable, so a typo cannot silently
//! disable a detector. Unset or empty variables keep the default. The variables are listed in
//! the module doc of [`crate::signals`].

use baton_shared::config::{ConfigError, Env};

use super::Reason;
use super::meaning::{self, MeaningModel};

/// Sensitive-topic categories that can be switched on and off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Financial,
    Medical,
    Legal,
    /// Account security: hacked, used by someone else, freeze it, stolen phone, SIM swap.
    Security,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Financial,
        Category::Medical,
        Category::Legal,
        Category::Security,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Category::Financial => "financial",
            Category::Medical => "medical",
            Category::Legal => "legal",
            Category::Security => "security",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What the detectors do; see the module doc of [`crate::signals`] for each knob.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalConfig {
    /// Detectors switched off (`HANDOFF_DISABLE`).
    pub disabled: Vec<Reason>,
    /// Business keywords/phrases, matched whole-word after normalisation (`HANDOFF_KEYWORDS`).
    pub keywords: Vec<String>,
    /// Frustration score (0..1) at which the detector fires (`HANDOFF_FRUSTRATION_THRESHOLD`).
    pub frustration_threshold: f32,
    /// Sensitive categories checked (`HANDOFF_SENSITIVE_CATEGORIES`).
    pub sensitive_categories: Vec<Category>,
    /// Unresolved AI turns that trigger `repeated_failure` (`HANDOFF_REPEAT_TURNS`).
    pub repeat_turns: u32,
    /// Token Jaccard similarity at which a message counts as a repeat (`HANDOFF_REPEAT_SIMILARITY`).
    pub repeat_similarity: f32,
    /// The sentence encoder behind the meaning heads (`HANDOFF_MEANING_MODEL`); `None` runs
    /// the rules and the n-gram model alone. The default config has none (it does no I/O);
    /// [`SignalConfig::from_lookup`] loads it unless told `off`.
    pub meaning: Option<MeaningModel>,
}

impl Default for SignalConfig {
    fn default() -> Self {
        Self {
            disabled: Vec::new(),
            keywords: Vec::new(),
            frustration_threshold: 0.5,
            sensitive_categories: Category::ALL.to_vec(),
            repeat_turns: 2,
            repeat_similarity: 0.8,
            meaning: None,
        }
    }
}

fn list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(',').map(str::trim).filter(|s| !s.is_empty())
}

impl SignalConfig {
    /// Whether the detector for `reason` runs.
    pub fn is_enabled(&self, reason: Reason) -> bool {
        !self.disabled.contains(&reason)
    }

    /// Builds a config from `HANDOFF_*` variables looked up through `get` (e.g. `std::env::var(..).ok()`).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let d = Self::default();
        let env = Env::new(get);
        let disabled = match env.get("HANDOFF_DISABLE") {
            None => d.disabled,
            Some(raw) => list(&raw)
                .map(|item| {
                    Reason::parse(&item.to_lowercase())
                        .filter(|r| Reason::DETECTORS.contains(r))
                        .ok_or_else(|| {
                            ConfigError::new("HANDOFF_DISABLE", format!("unknown reason {item:?}"))
                        })
                })
                .collect::<Result<_, _>>()?,
        };
        let sensitive_categories = match env.get("HANDOFF_SENSITIVE_CATEGORIES") {
            None => d.sensitive_categories,
            Some(raw) => list(&raw)
                .map(|s| {
                    Category::parse(&s.to_lowercase()).ok_or_else(|| {
                        ConfigError::new(
                            "HANDOFF_SENSITIVE_CATEGORIES",
                            format!("unknown category {s:?}"),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        let repeat_turns = env.parse("HANDOFF_REPEAT_TURNS", d.repeat_turns)?;
        if repeat_turns == 0 {
            return Err(ConfigError::new(
                "HANDOFF_REPEAT_TURNS",
                "must be at least 1",
            ));
        }
        let meaning = match env.get("HANDOFF_MEANING_MODEL") {
            Some(raw) if raw.trim().eq_ignore_ascii_case("off") => None,
            raw => {
                let dir = raw.map_or_else(meaning::default_dir, |p| p.trim().into());
                Some(meaning::load(&dir).map_err(|e| {
                    ConfigError::new(
                        "HANDOFF_MEANING_MODEL",
                        format!("{e} (set HANDOFF_MEANING_MODEL=off to run without it)"),
                    )
                })?)
            }
        };
        Ok(Self {
            disabled,
            keywords: env
                .get("HANDOFF_KEYWORDS")
                .map_or(d.keywords, |raw| list(&raw).map(str::to_owned).collect()),
            frustration_threshold: env
                .unit_interval("HANDOFF_FRUSTRATION_THRESHOLD", d.frustration_threshold)?,
            sensitive_categories,
            repeat_turns,
            repeat_similarity: env
                .unit_interval("HANDOFF_REPEAT_SIMILARITY", d.repeat_similarity)?,
            meaning,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn empty_lookup_is_default_with_the_encoder() {
        assert_eq!(
            SignalConfig::from_lookup(|_| None).unwrap(),
            SignalConfig {
                meaning: Some(meaning::load(&meaning::default_dir()).unwrap()),
                ..SignalConfig::default()
            }
        );
        assert_eq!(
            SignalConfig::from_lookup(lookup(&[("HANDOFF_MEANING_MODEL", "off")])).unwrap(),
            SignalConfig::default()
        );
    }

    #[test]
    fn parses_every_variable() {
        let c = SignalConfig::from_lookup(lookup(&[
            ("HANDOFF_DISABLE", "frustration, Keyword"),
            ("HANDOFF_KEYWORDS", "wholesale, bulk order,"),
            ("HANDOFF_FRUSTRATION_THRESHOLD", "0.7"),
            ("HANDOFF_SENSITIVE_CATEGORIES", "legal,medical,security"),
            ("HANDOFF_REPEAT_TURNS", "3"),
            ("HANDOFF_REPEAT_SIMILARITY", "0.9"),
        ]))
        .unwrap();
        assert_eq!(c.disabled, vec![Reason::Frustration, Reason::Keyword]);
        assert!(!c.is_enabled(Reason::Keyword) && c.is_enabled(Reason::Sensitive));
        assert_eq!(c.keywords, vec!["wholesale", "bulk order"]);
        assert_eq!(c.frustration_threshold, 0.7);
        assert_eq!(
            c.sensitive_categories,
            vec![Category::Legal, Category::Medical, Category::Security]
        );
        assert_eq!((c.repeat_turns, c.repeat_similarity), (3, 0.9));
    }

    #[test]
    fn rejects_bad_values() {
        for (k, v) in [
            ("HANDOFF_DISABLE", "frustrated"),
            ("HANDOFF_FRUSTRATION_THRESHOLD", "1.5"),
            ("HANDOFF_FRUSTRATION_THRESHOLD", "high"),
            ("HANDOFF_SENSITIVE_CATEGORIES", "tax"),
            ("HANDOFF_REPEAT_TURNS", "0"),
            ("HANDOFF_REPEAT_TURNS", "-1"),
            ("HANDOFF_REPEAT_SIMILARITY", "0"),
            ("HANDOFF_MEANING_MODEL", "/nonexistent/use-m3"),
        ] {
            let err = SignalConfig::from_lookup(lookup(&[(k, v)])).unwrap_err();
            assert_eq!(err.name, k, "{k}={v}: {err}");
        }
    }
}
