//! `keyword`: business-configured keywords and phrases (`HANDOFF_KEYWORDS`).
//!
//! Both the message and each keyword are normalised the same way (lowercase, no
//! diacritics, punctuation as spaces), then a keyword matches only as whole words, with
//! a plural `s`/`es` allowed on its last word: `press` does not match "pressed",
//! `resilier` matches "résilier", `franquicia` matches "franquicias". Keywords that
//! normalise to nothing (punctuation only) are ignored. Never fails.

use super::normalize::{Normalized, fold};
use super::{Reason, Signal, SignalConfig};

/// Fires on the first configured keyword found (in configuration order).
pub fn detect(config: &SignalConfig, norm: &Normalized) -> Option<Signal> {
    if config.keywords.is_empty() || norm.full.is_empty() {
        return None;
    }
    let padded = format!(" {} ", norm.full);
    config.keywords.iter().find_map(|kw| {
        let folded = fold(kw);
        let hit = !folded.is_empty()
            && ["", "s", "es"]
                .iter()
                .any(|pl| padded.contains(&format!(" {folded}{pl} ")));
        hit.then(|| Signal::new(Reason::Keyword, folded, 1.0))
    })
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn hit(keywords: &[&str], text: &str) -> Option<String> {
        let config = SignalConfig {
            keywords: keywords.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        detect(&config, &normalize(text)).map(|s| s.evidence)
    }

    #[test]
    fn whole_words_only_after_folding() {
        assert_eq!(hit(&["press"], "I pressed the button"), None);
        assert_eq!(
            hit(&["Press"], "Are you the PRESS office?"),
            Some("press".into())
        );
        assert_eq!(
            hit(&["resilier"], "Je veux résilier"),
            Some("resilier".into())
        );
        assert_eq!(
            hit(&["Kündigen"], "ich will kundigen"),
            Some("kundigen".into())
        );
        assert_eq!(
            hit(&["bulk order"], "a bulk-order, please"),
            Some("bulk order".into())
        );
        assert_eq!(
            hit(&["franquicia"], "info de franquicias"),
            Some("franquicia".into())
        );
    }

    #[test]
    fn empty_config_or_keyword_never_fires() {
        assert_eq!(hit(&[], "anything"), None);
        assert_eq!(hit(&["!!"], "wow !!"), None);
    }
}
