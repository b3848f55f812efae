//! `repeated_failure`: the AI is not getting there.
//!
//! Fires when `cx.unresolved_ai_turns >= repeat_turns` (default 2), or when the current
//! message is a near-repeat of one of the recent customer messages: Jaccard similarity of
//! their content-token sets (normalised, function words and courtesy words removed) at
//! least `repeat_similarity` (default 0.8). Very short messages ("ok", "yes please",
//! "thank you!") never count as repeats: the current message needs at least three tokens
//! and two content tokens. Never fails.

use std::collections::HashSet;

use super::normalize::{Normalized, normalize};
use super::{Context, Reason, Signal, SignalConfig};

/// Function and courtesy words (en/es/pt/fr/de) ignored when comparing messages.
const STOP: &[&str] = &[
    "i", "me", "my", "you", "your", "we", "it", "is", "are", "the", "a", "an", "to", "for", "of",
    "on", "in", "at", "and", "or", "do", "does", "can", "could", "would", "please", "pls", "hi",
    "hello", "ok", "okay", "yes", "no", "thanks", "thank", "what", "where", "when", "how", "this",
    "that", "el", "la", "los", "las", "un", "una", "de", "del", "en", "y", "o", "mi", "me", "que",
    "por", "para", "con", "si", "hola", "gracias", "cuando", "donde", "como", "os", "as", "um",
    "uma", "do", "da", "no", "na", "e", "meu", "minha", "sim", "obrigado", "obrigada", "le", "les",
    "une", "des", "du", "et", "je", "mon", "ma", "mes", "oui", "merci", "quand", "est", "der",
    "die", "das", "ein", "eine", "und", "ich", "mein", "meine", "ja", "danke", "bitte", "wann",
    "wo", "wie", "zu", "mit",
];
const MIN_TOKENS: usize = 3;
const MIN_CONTENT: usize = 2;

fn content(norm: &Normalized) -> HashSet<&str> {
    norm.tokens
        .iter()
        .map(|t| t.text.as_str())
        .filter(|t| !STOP.contains(t))
        .collect()
}

fn jaccard(a: &HashSet<&str>, b: &HashSet<&str>) -> f32 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f32 / union as f32
    }
}

/// The most similar recent message at or above the threshold, with its similarity.
fn near_repeat<'c>(
    config: &SignalConfig,
    norm: &Normalized,
    cx: &'c Context,
) -> Option<(&'c str, f32)> {
    let current = content(norm);
    if norm.tokens.len() < MIN_TOKENS || current.len() < MIN_CONTENT {
        return None;
    }
    cx.recent_customer_texts
        .iter()
        .map(|prev| (prev.as_str(), jaccard(&current, &content(&normalize(prev)))))
        .filter(|(_, sim)| *sim >= config.repeat_similarity)
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// Fires on enough unresolved AI turns (checked first) or on a near-repeat.
pub fn detect(config: &SignalConfig, norm: &Normalized, cx: &Context) -> Option<Signal> {
    if cx.unresolved_ai_turns >= config.repeat_turns {
        let ev = format!(
            "unresolved_ai_turns {} >= {}",
            cx.unresolved_ai_turns, config.repeat_turns
        );
        return Some(Signal::new(Reason::RepeatedFailure, ev, 0.7));
    }
    let (prev, sim) = near_repeat(config, norm, cx)?;
    Some(Signal::new(
        Reason::RepeatedFailure,
        format!("repeats {prev:?} (jaccard {sim:.2})"),
        0.6 + 0.3 * sim,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fires(text: &str, recent: &[&str], turns: u32) -> bool {
        let recent: Vec<String> = recent.iter().map(|s| s.to_string()).collect();
        let cx = Context {
            recent_customer_texts: &recent,
            unresolved_ai_turns: turns,
        };
        detect(&SignalConfig::default(), &normalize(text), &cx).is_some()
    }

    #[test]
    fn unresolved_turns_threshold() {
        assert!(!fires("not quite", &[], 1));
        assert!(fires("not quite", &[], 2));
    }

    #[test]
    fn near_repeats_fire_short_acks_do_not() {
        assert!(fires(
            "¿Cuándo llega mi pedido?",
            &["hola", "cuando llega mi pedido"],
            0
        ));
        assert!(fires(
            "can I change the booking to Friday?",
            &["Can I change my booking to Friday?"],
            0
        ));
        assert!(!fires("ok", &["ok"], 0));
        assert!(!fires("thank you!", &["thank you!"], 0));
        assert!(!fires("yes please", &["yes please"], 0));
        assert!(!fires(
            "Where is my order 5521?",
            &["Can I change the address for order 5521?"],
            0
        ));
    }
}
