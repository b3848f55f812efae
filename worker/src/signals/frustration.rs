//! `frustration`: negativity from a real lexicon and curated cues, amplified by intensity.
//!
//! - **Negativity** (0..1) combines, as independent evidence `1 - Π(1 - p)`:
//!   the negative part of the VADER compound score ([`super::vader`], only when the
//!   language guess is English or unknown: never on German "war"/"die" or Spanish "sin"), each complaint/profanity cue ([`super::cues`]), and angry emoji (0.4 each).
//! - A cue the context shows to mean something else is not counted ([`super::cues`]): a
//!   waste noun with its article, rabies, a joke to send, the weather, oneself or one's
//!   household ("soy un desastre con las fechas"), one's own slip ("Mist, hab's vergessen"),
//!   a feeling denied ("pas déçue du tout"), someone else's never-again that praises ours.
//!   Round 13 cues: "this is how you treat me", paying for nothing ("para qué pago"), flat
//!   verdicts ("franchement nul", Bavarian "so a Schmarrn"), "je déplore".
//! - **Intensity** adds: a repetition marker ("again", "third time", "sigue sin": +0.25),
//!   shouted words (3+ letters, common acronyms like FYI/VAT excluded: +0.1 each, up to 3), `!!`/`?!` runs (+0.15 each, up to 2), and recent
//!   customer messages that were themselves complaints (+0.15 each, up to 2).
//! - **Form** ([`super::forms`]): frustration carried without sentiment words (only `?!`,
//!   a mostly-capitals message that asks where/why, "third time / tercera vez / dritte Mal"
//!   in a complaint, "nobody answers") scores a fixed 0.6. Round 14 forms: leaving or never
//!   coming back, a review on a named platform, paid an amount "for this?", one message
//!   unanswered, a promised weekday passed, a counted reminder (even put politely: it
//!   overrides a positive lexicon score), praise of the service "again" before a failure.
//! - **Score** = `max(negativity x (1 + intensity), typography, form)`, where typography
//!   (caps and `!!` runs alone, up to 0.6) lets pure shouting count. Clearly positive
//!   messages (compound > 0.3, no complaint cue) score 0, so "AMAZING, thank you!!!" never
//!   fires; nor does one bad word laughed off before something good ("the film was a
//!   disaster lol but the popcorn was great"). Nor do, in any language, a bad mood that is an
//!   aside about something else before a routine request ("sorry if I sound short",
//!   "odio los lunes 😡 en fin, ¿…?"), capitals with thanks or two party emoji and no
//!   complaint, contrast or negator ("MUITO OBRIGADA!!!"), or praise intensified by a swear
//!   word ("damn this is dangerously good"), or a message taken back with no complaint cue
//!   ("oh wait no, ignore me!!"); fed up with one's own job counts as a mood aside, and so
//!   does anger said not to be at the business ("en colère, mais pas contre vous"). The
//!   model's head is vetoed there too. Forms are read in their complaint sense too: no
//!   ordinal for a returning customer or instalments, no threat in promotion, a rating
//!   scale or a review seen, no "nobody answers" about someone else's silence.
//!
//! The detector fires when the score reaches `frustration_threshold`. Never fails.

use super::cues;
use super::forms::{self, ACRONYMS, FORM_SCORE};
use super::lang::{self, Lang};
use super::normalize::{Normalized, normalize};
use super::vader;
use super::{Context, Reason, Signal, SignalConfig};

const EMOJI_WEIGHT: f32 = 0.4;
/// Eye-rolling: on its own it says "annoyed", and it turns praise into sarcasm.
const ANNOYED_WEIGHT: f32 = 0.5;
/// Weight of an upside-down face (🙃): sarcasm or self-mockery, so less than an eye-roll.
const WRY_WEIGHT: f32 = 0.25;
const REPEAT_BOOST: f32 = 0.25;
const CAPS_BOOST: f32 = 0.1;
const RUN_BOOST: f32 = 0.15;
const CONTEXT_BOOST: f32 = 0.15;
/// Negativity at which a previous message counts as a complaint.
const CONTEXT_COMPLAINT: f32 = 0.3;
/// How many previous messages are looked at.
const CONTEXT_WINDOW: usize = 3;
/// Negativity of one message and what produced it.
struct Negativity {
    value: f32,
    compound: f32,
    cues: Vec<String>,
}

fn negativity(norm: &Normalized) -> Negativity {
    let compound = match lang::guess(norm) {
        Lang::En | Lang::Unknown => vader::compound(norm),
        _ => 0.0,
    };
    // Slang praise with a happy or hype emoji ("this burrito is killer 🔥"): the lexicon's
    // negative words are not a complaint there.
    let compound = if norm.happy_emoji > 0 && norm.angry_emoji == 0 {
        compound.max(0.0)
    } else {
        compound
    };
    let found = cues::complaints(&norm.full);
    let mut keep = 1.0 - (-compound).max(0.0);
    for (_, w) in &found {
        keep *= 1.0 - w;
    }
    keep *= (1.0 - EMOJI_WEIGHT).powi(norm.angry_emoji.min(3) as i32);
    let rolled = norm.annoyed_emoji.saturating_sub(norm.wry_emoji);
    keep *= (1.0 - ANNOYED_WEIGHT).powi(rolled.min(2) as i32);
    keep *= (1.0 - WRY_WEIGHT).powi(norm.wry_emoji.min(2) as i32);
    Negativity {
        value: 1.0 - keep,
        compound,
        cues: found.into_iter().map(|(c, _)| c.to_owned()).collect(),
    }
}

/// Previous messages (the last few) that were complaints or repetition markers.
fn complaining_context(cx: &Context) -> usize {
    let start = cx
        .recent_customer_texts
        .len()
        .saturating_sub(CONTEXT_WINDOW);
    cx.recent_customer_texts[start..]
        .iter()
        .map(|t| normalize(t))
        .filter(|n| negativity(n).value >= CONTEXT_COMPLAINT || cues::repetition(&n.full).is_some())
        .count()
}

/// The frustration score (0..1) and its evidence.
pub fn assess(norm: &Normalized, cx: &Context) -> (f32, String) {
    let neg = negativity(norm);
    let form = forms::form(norm, neg.value > 0.0);
    let sarcastic = form.as_deref().is_some_and(|f| f.starts_with("sarcasm"));
    // A counted reminder ("this is the fourth reminder") is a complaint however politely
    // put ("with due respect", "kindly").
    let reminder = form
        .as_deref()
        .is_some_and(|f| f.starts_with("reminder count"));
    if neg.compound > 0.3
        && neg.cues.is_empty()
        && norm.angry_emoji == 0
        && norm.annoyed_emoji == 0
        && !sarcastic
        && !reminder
    {
        return (0.0, format!("positive compound {:.2}", neg.compound));
    }
    // A bad mood that is an aside about something else ("sorry if I sound short, bad day"),
    // or excitement in capitals with thanks or party emoji and no complaint word.
    if neg.cues.len() <= 1 && !sarcastic && forms::mood_aside(norm) {
        return (0.0, "a mood aside".to_owned());
    }
    if neg.cues.len() <= 1
        && !sarcastic
        && norm.angry_emoji + norm.annoyed_emoji == 0
        && forms::intensified_praise(norm)
    {
        return (0.0, "intensified praise".to_owned());
    }
    if cheerful_words(norm, &neg, sarcastic) {
        return (0.0, "excitement".to_owned());
    }
    // A message taken back ("charged twice?? oh wait no, ignore me!!") with no complaint cue.
    if neg.cues.is_empty() && !sarcastic && forms::retraction(norm) {
        return (0.0, "taken back".to_owned());
    }
    // "What does 'human error' on my invoice mean?": a word the lexicon dislikes, quoted
    // in a question about meaning, with nothing else negative, is not a complaint.
    if neg.cues.is_empty()
        && form.is_none()
        && norm.angry_emoji + norm.annoyed_emoji == 0
        && forms::asks_meaning(norm)
    {
        return (0.0, "a question about meaning".to_owned());
    }
    // "the film was a disaster lol, but the channel is fine": one bad word, laughed off.
    if neg.cues.len() <= 1
        && form.is_none()
        && norm.angry_emoji + norm.annoyed_emoji == 0
        && norm.emphatic_runs == 0
        && norm.tokens.iter().all(|t| !t.caps)
        && forms::laughing_it_off(norm)
    {
        return (0.0, "laughed off".to_owned());
    }
    let caps = norm
        .tokens
        .iter()
        .filter(|t| t.caps && t.text.len() >= 3 && !ACRONYMS.contains(&t.text.as_str()))
        .count()
        .min(3);
    let runs = norm.emphatic_runs.min(2);
    // Capitals and `!!` in a message of praise with nothing negative are excitement ("WAS
    // THAT YOU ON TV?? SO PROUD OF YOU!!!").
    let excited = neg.value == 0.0 && form.is_none() && forms::positive(norm);
    let typography = if excited {
        0.0
    } else {
        CAPS_BOOST * caps as f32 + RUN_BOOST * runs as f32
    };
    let repeat = cues::repetition(&norm.full);
    let context = complaining_context(cx).min(2);
    let intensity =
        typography + repeat.map_or(0.0, |_| REPEAT_BOOST) + CONTEXT_BOOST * context as f32;
    let form_score = if form.is_some() { FORM_SCORE } else { 0.0 };
    let score = (neg.value * (1.0 + intensity))
        .max(typography)
        .max(form_score)
        .min(1.0);
    let mut ev = vec![format!("lexicon {:.2}", neg.compound)];
    ev.extend(form);
    if !neg.cues.is_empty() {
        ev.push(format!("cues {}", neg.cues.join("+")));
    }
    if let Some(r) = repeat {
        ev.push(format!("repeat \"{r}\""));
    }
    ev.extend((caps > 0).then(|| format!("caps {caps}")));
    ev.extend((runs > 0).then(|| format!("!! x{runs}")));
    ev.extend((norm.angry_emoji > 0).then(|| format!("angry emoji {}", norm.angry_emoji)));
    ev.extend((norm.annoyed_emoji > 0).then(|| format!("annoyed emoji {}", norm.annoyed_emoji)));
    ev.extend((context > 0).then(|| format!("earlier complaints {context}")));
    (score, ev.join("; "))
}

/// Thanks, or two party emoji, with no complaint word, angry or annoyed emoji, or sarcasm.
fn cheerful_words(norm: &Normalized, neg: &Negativity, sarcastic: bool) -> bool {
    neg.cues.is_empty()
        && neg.compound >= 0.0
        && norm.angry_emoji + norm.annoyed_emoji == 0
        && !sarcastic
        && (forms::thanks(norm) || (norm.happy_emoji >= 2 && forms::thanks_free_of_contrast(norm)))
}

/// Whether the message is excitement or a mood aside, not frustration: the model's
/// frustration head is vetoed there as well as the rules.
pub fn not_frustration(norm: &Normalized) -> bool {
    let neg = negativity(norm);
    let sarcastic = forms::form(norm, neg.value > 0.0).is_some_and(|f| f.starts_with("sarcasm"));
    (neg.cues.len() <= 1
        && !sarcastic
        && (forms::mood_aside(norm)
            || (norm.angry_emoji + norm.annoyed_emoji == 0 && forms::intensified_praise(norm))))
        || cheerful_words(norm, &neg, sarcastic)
        || (neg.cues.is_empty() && !sarcastic && forms::retraction(norm))
}

/// Fires when the score reaches the configured threshold.
pub fn detect(config: &SignalConfig, norm: &Normalized, cx: &Context) -> Option<Signal> {
    let (score, evidence) = assess(norm, cx);
    // Tolerance so that e.g. 0.4 x 1.25 (= 0.49999997 in f32) reaches a 0.5 threshold.
    (score + 1e-4 >= config.frustration_threshold)
        .then(|| Signal::new(Reason::Frustration, evidence, score))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(text: &str) -> f32 {
        assess(&normalize(text), &Context::default()).0
    }

    #[test]
    fn lexicon_and_cues_fire_mild_does_not() {
        assert!(score("Terrible service, the order arrived broken") >= 0.5);
        assert!(score("Estoy harto, el pedido sigue sin llegar") >= 0.5);
        assert!(score("Das ist eine Frechheit") >= 0.5);
        assert!(score("The delivery was a bit late but everything's fine, thanks") < 0.5);
        assert!(
            score("Die Lieferung war etwas spät, aber kein Problem") < 0.5,
            "no English lexicon on German"
        );
    }

    #[test]
    fn caps_and_exclamations_intensify_but_not_positive_text() {
        assert!(score("WHERE IS MY PACKAGE?? I paid two weeks ago!!!") >= 0.5);
        assert!(score("where is my package? I paid two weeks ago") < 0.5);
        assert_eq!(score("Wow!!! The cake was AMAZING, thank you!!!"), 0.0);
    }

    #[test]
    fn repetition_and_context_raise_the_score() {
        let base = score("this is annoying");
        assert!(score("this is annoying, again") > base);
        let recent = vec!["This is ridiculous, where is it?".to_string()];
        let cx = Context {
            recent_customer_texts: &recent,
            unresolved_ai_turns: 0,
        };
        assert!(assess(&normalize("this is annoying"), &cx).0 > base);
    }
}
