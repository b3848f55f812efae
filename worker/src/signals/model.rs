//! `model`: a small statistical second opinion for `customer_asked` and `frustration`, for
//! the phrasings the rules have no pattern for.
//!
//! Each reason has one logistic-regression head over sparse binary features of the
//! canonical text ([`super::canon`] after [`super::normalize`]): character 3- to 5-grams
//! inside each word (`<hum`, `uman>`: they carry typos, inflections and compounds across
//! en/es/pt/fr/de), word unigrams, word bigrams inside a clause, and a few typographic cues
//! (shouting, `!!` runs, angry/annoyed/happy emoji). The feature vector is L2-normalised
//! (every present feature weighs `1/sqrt(n)`), so the score is `sigmoid(bias + Σ w / sqrt(n))`.
//!
//! The heads are combined with the rules in [`super::detect`] as "a rule fires OR the head's
//! probability reaches its threshold": the model only adds signals, with the evidence
//! `model:0.93` (the probability) so operators can see why. Thresholds are high on purpose:
//! the trainer picks, by cross-validation on the training rows, the lowest one whose extra
//! false handoffs stay within a small budget.
//!
//! Weights and thresholds are compiled in from `model_weights.tsv` (parsed once, in a
//! `LazyLock`), written by the trainer in [`train`] (a test module: it needs the crate's
//! normalisation, and running it as a test keeps the committed file checked against it).
//! Format, tab-separated, `#` comments: `heads <reason> <reason>` first, then one value per
//! head on each line: `threshold`, `bias`, and a line per feature (`c:<hum 1.23 -0.04`).
//!
//! Never fails: a file that does not parse (a test guards the committed one) yields a model
//! with no heads, which never fires. Pure, no I/O at run time; a few microseconds a message
//! (one hash lookup per feature).

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use super::normalize::Normalized;
use super::{Reason, Signal};

#[cfg(test)]
mod train;

/// The committed weights (see the module doc for the format).
const WEIGHTS: &str = include_str!("model_weights.tsv");

/// The reasons the model has heads for, in file order.
pub const HEADS: [Reason; 2] = [Reason::CustomerAsked, Reason::Frustration];

/// Character n-gram lengths taken inside each word (with `<` `>` word-boundary marks).
const CHAR_NGRAMS: std::ops::RangeInclusive<usize> = 3..=5;

/// One logistic-regression head.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Head {
    pub bias: f32,
    /// Probability at or above which the head fires on its own.
    pub threshold: f32,
    /// Probability at or above which it fires when the rules saw partial evidence for the
    /// reason (see [`super::rules_support`]); never above `threshold`.
    pub supported_threshold: f32,
    pub weights: HashMap<String, f32>,
}

impl Head {
    /// Probability (0..1) for a message's feature set.
    pub fn probability(&self, features: &BTreeSet<String>) -> f32 {
        if features.is_empty() {
            return 0.0;
        }
        let scale = 1.0 / (features.len() as f32).sqrt();
        let z = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f32>()
                * scale;
        1.0 / (1.0 + (-z).exp())
    }
}

/// The heads, by reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub heads: Vec<(Reason, Head)>,
}

impl Model {
    /// Parses the weights file format (see the module doc).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut heads: Vec<(Reason, Head)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |what: &str| format!("line {}: {what}", i + 1);
            let mut fields = line.split('\t');
            let name = fields.next().unwrap_or_default();
            let rest: Vec<&str> = fields.collect();
            if name == "heads" {
                heads = rest
                    .iter()
                    .map(|r| Reason::parse(r).map(|r| (r, Head::default())))
                    .collect::<Option<_>>()
                    .ok_or_else(|| bad("unknown reason"))?;
                continue;
            }
            if heads.is_empty() || rest.len() != heads.len() {
                return Err(bad("not one value per head"));
            }
            for ((_, head), value) in heads.iter_mut().zip(&rest) {
                let v = value
                    .parse::<f32>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| bad("bad number"))?;
                match name {
                    "threshold" => head.threshold = v,
                    "supported_threshold" => head.supported_threshold = v,
                    "bias" => head.bias = v,
                    feature if feature.len() > 2 && feature.as_bytes()[1] == b':' => {
                        if v != 0.0 {
                            head.weights.insert(feature.to_owned(), v);
                        }
                    }
                    _ => return Err(bad("unknown record")),
                }
            }
        }
        // 1.01: a head that never fires on its own.
        let valid = |t: f32| (0.5..=1.01).contains(&t);
        if heads.iter().any(|(_, h)| {
            !valid(h.threshold)
                || !valid(h.supported_threshold)
                || h.supported_threshold > h.threshold
        }) {
            return Err("a head's thresholds are not 0.5 <= supported <= alone <= 1.01".to_owned());
        }
        Ok(Self { heads })
    }

    /// The head for `reason`, if the model has one.
    pub fn head(&self, reason: Reason) -> Option<&Head> {
        self.heads
            .iter()
            .find(|(r, _)| *r == reason)
            .map(|(_, h)| h)
    }

    /// A signal for `reason` when its head reaches its threshold on `features`, or its
    /// lower `supported_threshold` and `supported()` (asked only then) says the rules saw
    /// partial evidence.
    pub fn signal(
        &self,
        reason: Reason,
        features: &BTreeSet<String>,
        supported: impl FnOnce() -> bool,
    ) -> Option<Signal> {
        let head = self.head(reason)?;
        let p = head.probability(features);
        let fires = p >= head.threshold || (p >= head.supported_threshold && supported());
        fires.then(|| Signal::new(reason, format!("model:{p:.2}"), p))
    }
}

/// The compiled-in model, parsed on first use; no heads if the file does not parse.
pub static MODEL: LazyLock<Model> = LazyLock::new(|| Model::parse(WEIGHTS).unwrap_or_default());

/// The distinct features of a canonical message (see the module doc).
pub fn features(norm: &Normalized) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, t) in norm.tokens.iter().enumerate() {
        out.insert(format!("w:{}", t.text));
        if let Some(next) = norm.tokens.get(i + 1).filter(|n| n.clause == t.clause) {
            out.insert(format!("b:{}_{}", t.text, next.text));
        }
        let chars: Vec<char> = std::iter::once('<')
            .chain(t.text.chars())
            .chain(std::iter::once('>'))
            .collect();
        for n in CHAR_NGRAMS {
            for gram in chars.windows(n) {
                out.insert(format!("c:{}", gram.iter().collect::<String>()));
            }
        }
    }
    let shouted = norm
        .tokens
        .iter()
        .filter(|t| t.caps && t.text.len() >= 3)
        .count();
    let cues = [
        ("x:caps", shouted > 0),
        ("x:caps2", shouted > 1),
        ("x:runs", norm.emphatic_runs > 0),
        ("x:excl", norm.exclamations > 0),
        ("x:question", norm.questions > 0),
        ("x:angry", norm.angry_emoji > 0),
        ("x:annoyed", norm.annoyed_emoji > 0),
        ("x:happy", norm.happy_emoji > 0),
    ];
    for (name, on) in cues {
        if on {
            out.insert(name.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::canon::canonicalize;
    use super::super::normalize::normalize;
    use super::*;

    fn p(reason: Reason, text: &str) -> f32 {
        let f = features(&canonicalize(&normalize(text)));
        MODEL.head(reason).expect("head").probability(&f)
    }

    fn fires(text: &str) -> Vec<Reason> {
        let f = features(&canonicalize(&normalize(text)));
        HEADS
            .into_iter()
            .filter(|r| MODEL.signal(*r, &f, || true).is_some())
            .collect()
    }

    #[test]
    fn committed_weights_parse_with_both_heads() {
        let model = Model::parse(WEIGHTS).expect("committed weights parse");
        for r in HEADS {
            let head = model.head(r).expect("a head for each reason");
            assert!(!head.weights.is_empty());
            assert!((0.5..=1.01).contains(&head.threshold));
            assert!(head.supported_threshold <= head.threshold);
        }
        assert_eq!(*MODEL, model);
    }

    #[test]
    fn bad_files_are_rejected_and_the_fallback_never_fires() {
        let heads = "heads\tcustomer_asked\tfrustration\nthreshold\t0.9\t0.9\n\
                     supported_threshold\t0.9\t0.8\n";
        assert!(Model::parse(&format!("{heads}c:hum\tnot-a-number\t1")).is_err());
        assert!(Model::parse(&format!("{heads}c:hum\t1")).is_err());
        assert!(Model::parse(&format!("{heads}nonsense\t1\t1")).is_err());
        assert!(Model::parse("heads\tno_such_reason").is_err());
        assert!(Model::parse("heads\tfrustration\nthreshold\t0.2").is_err());
        let above = "heads\tfrustration\nthreshold\t0.8\nsupported_threshold\t0.9";
        assert!(Model::parse(above).is_err(), "supported above alone");
        assert!(Model::parse("c:hum\t1\t1").is_err(), "no heads line");
        let ok = Model::parse(&format!("{heads}bias\t-1\t-2\nc:hum\t0.5\t0")).expect("parses");
        assert_eq!(
            ok.head(Reason::Frustration).map(|h| h.weights.len()),
            Some(0)
        );
        let empty = Model::default();
        let f = features(&normalize("I want a human NOW!!!"));
        assert!(
            HEADS
                .iter()
                .all(|r| empty.signal(*r, &f, || true).is_none())
        );
    }

    #[test]
    fn features_are_char_ngrams_words_bigrams_and_cues() {
        let f = features(&normalize("Human NOW!!"));
        for want in [
            "c:<hu",
            "c:uman>",
            "c:<huma",
            "w:human",
            "b:human_now",
            "x:caps",
            "x:runs",
        ] {
            assert!(f.contains(want), "{want} in {f:?}");
        }
        // Bigrams stay inside a clause.
        assert!(!features(&normalize("human. now")).contains("b:human_now"));
    }

    #[test]
    fn deterministic() {
        let text = "quiero hablar con una persona";
        assert_eq!(
            p(Reason::CustomerAsked, text),
            p(Reason::CustomerAsked, text)
        );
        let f = features(&normalize(text));
        assert_eq!(f, features(&normalize(text)));
    }

    #[test]
    fn never_fires_on_empty_or_happy_text() {
        for text in [
            "",
            "   ",
            "👍🙏",
            "😊😊😊",
            "thanks!",
            "obrigada 😍",
            "perfecto, gracias 🙌",
        ] {
            assert_eq!(fires(text), Vec::<Reason>::new(), "{text:?}");
        }
        assert_eq!(p(Reason::CustomerAsked, ""), 0.0);
    }

    #[test]
    fn obvious_cases() {
        assert!(p(Reason::CustomerAsked, "I want to talk to a human") > 0.5);
        assert!(p(Reason::CustomerAsked, "what are your opening hours?") < 0.2);
        assert!(p(Reason::Frustration, "this is ridiculous, nobody answers!!") > 0.5);
        assert!(p(Reason::Frustration, "what are your opening hours?") < 0.5);
    }
}
