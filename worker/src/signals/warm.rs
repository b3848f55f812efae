//! Warming the detectors before the first message: every pattern and table the detectors use
//! is compiled on first use (`LazyLock`), which takes a few hundred milliseconds in all and
//! blocks the thread that triggers it — on a worker, a runtime thread, so every message in
//! flight waits. [`warm_up`] pays that once at start-up, off the message path, by running the
//! detectors and the pushback classifier on messages that make each of them fire. It cannot
//! fail; what it does not reach is compiled on first use as before.

use std::time::{Duration, Instant};

use super::{Context, SignalConfig, detect, pushback};

/// Messages in the five languages that make every detector fire (checked by a test), so the
/// patterns behind each are compiled and their matchers have run once.
const SAMPLES: &[&str] = &[
    "I want to talk to a human, this is the THIRD time!!! 😡",
    "someone hacked my account and you charged me twice, my lawyer will hear about it",
    "quiero hablar con una persona, me cobraron dos veces y nadie responde!!!",
    "quero falar com um atendente, fui cobrado duas vezes, que absurdo",
    "je veux parler à un conseiller, on m'a débité deux fois, c'est inadmissible",
    "ich möchte mit einem Mitarbeiter sprechen, doppelt abgebucht, das ist eine Frechheit",
    "my refund code is warmup-keyword",
    "es ist das dritte Mal, dass ich frage",
    "Hi, is the store open today?",
];

/// The keyword the samples carry, so the keyword matcher runs too.
const KEYWORD: &str = "warmup-keyword";

/// Answers to an AI reply: pushback and gratitude, so both classifiers run.
const REACTIONS: &[&str] = &[
    "that didn't help at all",
    "thanks, that solved it",
    "no me sirvió",
    "danke, hat geklappt",
];

/// Runs every detector once; returns how long it took (start-up logs it).
pub fn warm_up() -> Duration {
    let started = Instant::now();
    let config = SignalConfig {
        keywords: vec![KEYWORD.to_owned()],
        ..Default::default()
    };
    let recent = vec!["my order has not arrived".to_owned()];
    let cx = Context {
        recent_customer_texts: &recent,
        unresolved_ai_turns: 1,
    };
    for text in SAMPLES {
        std::hint::black_box(detect(&config, text, &cx));
    }
    for text in REACTIONS {
        std::hint::black_box(pushback::classify(text));
    }
    started.elapsed()
}

#[cfg(test)]
mod tests {
    use super::super::Reason;
    use super::*;

    /// The reasons the samples make fire, and the reactions the answers get (for the test).
    fn reached() -> (Vec<Reason>, Vec<pushback::Reaction>) {
        let config = SignalConfig {
            keywords: vec![KEYWORD.to_owned()],
            ..Default::default()
        };
        let mut reasons: Vec<Reason> = SAMPLES
            .iter()
            .flat_map(|t| detect(&config, t, &Context::default()))
            .map(|s| s.reason)
            .collect();
        reasons.sort_by_key(|r| r.as_str());
        reasons.dedup();
        let reactions = REACTIONS
            .iter()
            .map(|t| pushback::classify(t).reaction)
            .collect();
        (reasons, reactions)
    }

    #[test]
    fn the_samples_make_every_detector_fire() {
        let (reasons, reactions) = reached();
        for r in [
            Reason::CustomerAsked,
            Reason::Sensitive,
            Reason::Frustration,
            Reason::Keyword,
        ] {
            assert!(reasons.contains(&r), "{r:?} not reached: {reasons:?}");
        }
        assert!(reactions.contains(&pushback::Reaction::Pushback));
        assert!(reactions.contains(&pushback::Reaction::Gratitude));
    }

    #[test]
    fn warm_up_runs_and_later_calls_agree() {
        warm_up();
        let config = SignalConfig::default();
        let after = detect(&config, SAMPLES[0], &Context::default());
        assert_eq!(after[0].reason, Reason::CustomerAsked);
    }
}
