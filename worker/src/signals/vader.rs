//! A compact re-implementation of VADER's scoring rules (Hutto & Gilbert, 2014; MIT)
//! over the embedded lexicon subset `vader_lexicon.tsv` (source, selection and licence in
//! its header). Rules kept: booster words with distance decay, negation in the three
//! preceding tokens (x -0.74), ALL-CAPS emphasis when the message mixes case, the "but"
//! shift (x0.5 before, x1.5 after), `!`/`?` emphasis, and the compound normalisation
//! `x / sqrt(x^2 + 15)`. Left out: idiom tables and the "least"/"never so" special cases.
//! English only; callers gate on the language guess. The lexicon is parsed once; a
//! malformed line is skipped (a test checks there are none).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::normalize::Normalized;

const B_INCR: f32 = 0.293;
const B_DECR: f32 = -0.293;
const C_INCR: f32 = 0.733;
const N_SCALAR: f32 = -0.74;
const EMARK_INCR: f32 = 0.292;
const QMARK_INCR: f32 = 0.18;
const ALPHA: f32 = 15.0;

static RAW: &str = include_str!("vader_lexicon.tsv");

pub static LEXICON: LazyLock<HashMap<&'static str, f32>> = LazyLock::new(|| {
    RAW.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let (w, v) = l.split_once('\t')?;
            Some((w, v.parse().ok()?))
        })
        .collect()
});

/// VADER's booster list (normalised: apostrophes and hyphens removed).
const BOOSTERS_UP: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormously",
    "entirely",
    "especially",
    "exceptionally",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fucking",
    "fuckin",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredibly",
    "intensely",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "totally",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utterly",
    "very",
];
const BOOSTERS_DOWN: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "kinda",
    "kindof",
    "less",
    "little",
    "marginally",
    "occasionally",
    "partly",
    "scarcely",
    "slightly",
    "somewhat",
    "sorta",
    "sortof",
];
/// VADER's negation list (normalised: apostrophes removed), plus "no" (see the lexicon header).
const NEGATE: &[&str] = &[
    "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "dont", "hadnt",
    "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "neednt", "never", "none", "nope",
    "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "wasnt", "werent",
    "without", "wont", "wouldnt", "rarely", "seldom", "despite", "no",
];

fn booster(word: &str) -> Option<f32> {
    if BOOSTERS_UP.contains(&word) {
        Some(B_INCR)
    } else if BOOSTERS_DOWN.contains(&word) {
        Some(B_DECR)
    } else {
        None
    }
}

/// Slang praise words ("this burrito is killer", "killer deals", "the sauce was sick"):
/// neutral after a third-person copula or before a word of what is being praised.
const SLANG_PRAISE: &[&str] = &["killer", "sick", "wicked", "dope"];
const PRAISE_COPULA: &[&str] = &["is", "was", "looks", "tastes", "sounds", "looked", "tasted"];
const PRAISED: &[&str] = &[
    "deal", "deals", "price", "prices", "offer", "offers", "sauce", "food", "burger", "pizza",
    "menu", "dish", "sale", "discount", "combo", "app", "design", "look", "view", "track",
];

/// "my phone died", "the battery is dead", "dead tired": not about death.
const DEVICES: &[&str] = &[
    "phone",
    "battery",
    "laptop",
    "car",
    "app",
    "charger",
    "tablet",
    "router",
    "screen",
    "internet",
    "wifi",
    "signal",
    "line",
    "connection",
];

fn dead_device(words: &[&str], i: usize) -> bool {
    (words[i] == "die"
        && i.checked_sub(1).is_some_and(|j| words[j] == "to")
        && words.get(i + 1).is_some_and(|w| *w == "for"))
        || matches!(words[i], "died" | "dead" | "dying")
            && ((1..=3)
                .filter_map(|b| i.checked_sub(b))
                .any(|j| DEVICES.contains(&words[j]))
                || words.get(i + 1).is_some_and(|w| *w == "tired"))
}

fn slang_praise(words: &[&str], i: usize) -> bool {
    SLANG_PRAISE.contains(&words[i])
        && (i
            .checked_sub(1)
            .is_some_and(|j| PRAISE_COPULA.contains(&words[j]))
            || words.get(i + 1).is_some_and(|w| PRAISED.contains(w)))
}

/// Lexicon valence of token `i` (bigram entries such as "fed up" are looked up first).
fn lookup(words: &[&str], i: usize) -> Option<f32> {
    if slang_praise(words, i) || dead_device(words, i) {
        return None;
    }
    if let Some(next) = words.get(i + 1)
        && let Some(v) = LEXICON.get(format!("{} {next}", words[i]).as_str())
    {
        return Some(*v);
    }
    if booster(words[i]).is_some() {
        return None;
    }
    LEXICON.get(words[i]).copied()
}

/// Valence of token `i` after caps, booster and negation rules.
fn valence(norm: &Normalized, words: &[&str], i: usize, caps_differ: bool) -> Option<f32> {
    let mut v = lookup(words, i)?;
    let sign = v.signum();
    if caps_differ && norm.tokens[i].caps {
        v += sign * C_INCR;
    }
    for (back, decay) in [(1usize, 1.0f32), (2, 0.95), (3, 0.9)] {
        let Some(j) = i.checked_sub(back) else { break };
        if let Some(b) = booster(words[j]) {
            let mut s = b * sign;
            if caps_differ && norm.tokens[j].caps {
                s += sign * C_INCR;
            }
            v += s * decay;
        }
    }
    let negated = (1..=3)
        .filter_map(|b| i.checked_sub(b))
        .any(|j| NEGATE.contains(&words[j]));
    Some(if negated { v * N_SCALAR } else { v })
}

/// VADER compound score in [-1, 1] for the whole message.
pub fn compound(norm: &Normalized) -> f32 {
    let words: Vec<&str> = norm.tokens.iter().map(|t| t.text.as_str()).collect();
    let caps = norm.tokens.iter().filter(|t| t.caps).count();
    let caps_differ = caps > 0 && caps < norm.tokens.len();
    let but = words.iter().position(|w| *w == "but");
    let mut sum = 0.0f32;
    for i in 0..words.len() {
        let Some(mut v) = valence(norm, &words, i, caps_differ) else {
            continue;
        };
        match but {
            Some(b) if i < b => v *= 0.5,
            Some(b) if i > b => v *= 1.5,
            _ => {}
        }
        sum += v;
    }
    if sum == 0.0 {
        return 0.0;
    }
    let q = match norm.questions {
        0 | 1 => 0.0,
        n @ 2..=3 => n as f32 * QMARK_INCR,
        _ => 0.96,
    };
    let emphasis = norm.exclamations.min(4) as f32 * EMARK_INCR + q;
    sum += sum.signum() * emphasis;
    (sum / (sum * sum + ALPHA).sqrt()).clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn c(text: &str) -> f32 {
        compound(&normalize(text))
    }

    #[test]
    fn lexicon_parses_completely() {
        let lines = RAW
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .count();
        assert_eq!(LEXICON.len(), lines);
        assert_eq!(LEXICON.get("terrible"), Some(&-2.1));
    }

    #[test]
    fn polarity_negation_caps_and_but() {
        assert!(c("terrible service") < -0.4);
        assert!(c("great service, thanks") > 0.4);
        assert!(c("not terrible") > 0.0, "negation flips");
        assert!(
            c("this is TERRIBLE service") < c("this is terrible service"),
            "caps emphasis"
        );
        assert!(
            c("a bit late but everything is fine, thanks") > 0.0,
            "but shifts weight"
        );
        assert_eq!(c("where is my order"), 0.0);
    }
}
