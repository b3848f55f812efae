//! Evaluation of `signals::pushback` on the labelled set
//! `tests/data/pushback_labelled.jsonl` (one JSON object per line: `text`, `lang`, `label`
//! = `pushback` | `gratitude` | `neutral`). Runs `classify` on every row, prints
//! precision/recall/support per label, the confusion matrix and every misclassified row
//! with its evidence, then asserts the targets: precision and recall of at least 0.9 for
//! pushback and for gratitude, at least 150 rows, at least 25 rows in each of en/es/pt/fr/de.
//! Fails with a message naming the line when the data set is malformed.
//!
//! `pushback_labelled.jsonl` is the development set: its first 205 rows were written together
//! with the phrase lists by the same author, and the next 124 rows were two blind probes
//! whose failures were then fixed by failure class. It checks that the lists do what the
//! module doc claims (hard negatives included), not how they generalise.
//! `tests/data/pushback_blind.jsonl` (same format) was written before the last round of
//! fixes and is never tuned against. Its report is printed for information only (no
//! targets).

use std::collections::BTreeMap;

use baton_worker::signals::pushback::{Reaction, classify, gratitude, pushback, reaction};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Row {
    text: String,
    lang: String,
    label: Reaction,
}

const LABELS: [Reaction; 3] = [Reaction::Pushback, Reaction::Gratitude, Reaction::Neutral];

fn load(file: &str) -> Vec<Row> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", i + 1)))
        .collect()
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        f64::NAN
    } else {
        num as f64 / den as f64
    }
}

/// Classifies every row, prints the report; returns (precision, recall) per label.
fn report(rows: &[Row]) -> BTreeMap<&'static str, (f64, f64)> {
    let mut per_lang: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        *per_lang.entry(r.lang.as_str()).or_default() += 1;
    }
    println!("rows: {}, per language: {per_lang:?}", rows.len());

    let outcomes: Vec<(&Row, Reaction, Option<String>)> = rows
        .iter()
        .map(|row| {
            let v = classify(&row.text);
            // The bool API and `reaction` must agree with `classify`.
            assert_eq!(reaction(&row.text), v.reaction, "{}", row.text);
            assert_eq!(pushback(&row.text), v.reaction == Reaction::Pushback);
            assert_eq!(gratitude(&row.text), v.reaction == Reaction::Gratitude);
            (row, v.reaction, v.evidence)
        })
        .collect();

    println!(
        "\n{:<10} {:>9} {:>7} {:>8}",
        "label", "precision", "recall", "support"
    );
    let mut scores = BTreeMap::new();
    for l in LABELS {
        let tp = outcomes
            .iter()
            .filter(|o| o.0.label == l && o.1 == l)
            .count();
        let predicted = outcomes.iter().filter(|o| o.1 == l).count();
        let support = outcomes.iter().filter(|o| o.0.label == l).count();
        let (p, r) = (ratio(tp, predicted), ratio(tp, support));
        println!("{:<10} {p:>9.3} {r:>7.3} {support:>8}", l.as_str());
        scores.insert(l.as_str(), (p, r));
    }
    let exact = outcomes.iter().filter(|o| o.0.label == o.1).count();
    println!(
        "accuracy: {:.3} ({exact}/{})",
        ratio(exact, outcomes.len()),
        outcomes.len()
    );

    println!("\nconfusion (rows: expected, columns: predicted):");
    println!(
        "{:<10} {:>9} {:>9} {:>9}",
        "", "pushback", "gratitude", "neutral"
    );
    for e in LABELS {
        let n = |p: Reaction| {
            outcomes
                .iter()
                .filter(|o| o.0.label == e && o.1 == p)
                .count()
        };
        println!(
            "{:<10} {:>9} {:>9} {:>9}",
            e.as_str(),
            n(Reaction::Pushback),
            n(Reaction::Gratitude),
            n(Reaction::Neutral)
        );
    }

    println!("\nmisclassified (expected -> predicted | evidence | lang | text):");
    for (row, predicted, evidence) in outcomes.iter().filter(|o| o.0.label != o.1) {
        println!(
            "  {} -> {} | {} | {} | {}",
            row.label.as_str(),
            predicted.as_str(),
            evidence.as_deref().unwrap_or(""),
            row.lang,
            row.text
        );
    }
    scores
}

#[test]
fn pushback_and_gratitude_meet_targets_on_the_labelled_set() {
    let rows = load("pushback_labelled.jsonl");
    let scores = report(&rows);

    assert!(
        rows.len() >= 150,
        "labelled set has {} rows, need >= 150",
        rows.len()
    );
    for l in ["en", "es", "pt", "fr", "de"] {
        let n = rows.iter().filter(|r| r.lang == l).count();
        assert!(n >= 25, "{n} rows in {l}, need >= 25");
    }
    for l in ["pushback", "gratitude"] {
        let (p, r) = scores[l];
        assert!(p >= 0.9, "{l} precision {p:.3} < 0.9");
        assert!(r >= 0.9, "{l} recall {r:.3} < 0.9");
    }
}

#[test]
fn blind_set_report() {
    let rows = load("pushback_blind.jsonl");
    println!(
        "\n=== blind set ({} rows, never tuned against; informational) ===",
        rows.len()
    );
    report(&rows);
}
