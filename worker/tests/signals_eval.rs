//! Evaluation of the handoff signal detectors on the labelled set
//! `tests/data/handoff_labelled.jsonl` (one JSON object per line: text, handoff, reason,
//! lang, optional context and keywords). Runs `decide` on every row with the row's context
//! and keywords, prints per-reason precision/recall/support, the false-handoff rate and
//! every misclassified row, then asserts the targets: `customer_asked` recall >= 0.95,
//! false-handoff rate <= 0.05, >= 200 rows covering en/es/pt/fr/de. Fails with a message
//! naming the line when the data set is malformed.
//!
//! The main set is the development set: the detectors were tuned on it (its last 108 rows
//! were a first held-out set, written after the first detector version, whose failures
//! were then fixed by failure class). `tests/data/handoff_blind.jsonl` (same format) was
//! written after that tuning and is never tuned against: its report is printed for
//! information only (no targets), to show how far the main-set numbers generalise.
//!
//! `tests/data/handoff_dev2.jsonl` is the second development set (issue 8; how it was written
//! is in `handoff_dev2.md`): the generalisation work was tuned on it, and
//! [`dev2_set_meets_floors`] asserts the per-reason floors reached there, so a detector
//! regression fails the build. `handoff_dev2_holdout.jsonl`, split from the same pool before
//! any tuning, is reported for information only.
//!
//! `tests/data/handoff_dev3.jsonl` is the third development set (555 rows by an independent
//! writer who never saw the detectors; `handoff_dev3.md`). Its rows carry `id` and a sorted
//! list of `reasons` (several when a message is, say, an explicit ask and angry); the label
//! scored here is the one [`decide`] should act on, the highest-priority reason. Before any
//! of its rows were read it was split by a hash of the id ([`dev3_is_holdout`]: FNV-1a 64,
//! one id in five): the tune part (446 rows) is what the work on it was tuned against and
//! [`dev3_tune_meets_floors`] asserts its floors; the holdout (109 rows) is reported in
//! aggregate only and never tuned against.
//!
//! `tests/data/handoff_dev4.jsonl` is the fourth development set (532 rows by another
//! independent writer, different businesses per language; `handoff_dev4.md`), split by the
//! same rule before any of its rows were read: [`dev4_tune_meets_floors`] is what round 3
//! was tuned on, [`dev4_holdout_report`] is aggregate only and never tuned against.
//!
//! `tests/data/handoff_dev5.jsonl` is the fifth development set (530 rows by a fifth
//! independent writer who saw no detector, set or note; new businesses per language: a vet
//! clinic and car insurance (en), cable internet and grocery delivery (es), a health plan and
//! a used-car marketplace (pt), train tickets and a rental agency (fr), a neobank and concert
//! tickets (de), and code-switched rows about a language school, bike sharing, parcel
//! lockers, a dentist, a cinema, a crypto exchange and a laundry; `handoff_dev5.md`). It was
//! split by the same rule before any of its rows were read (423 tune, 107 holdout; the
//! aggregate of both was recorded before any change): [`dev5_tune_meets_floors`] is what round
//! 4 was tuned on, [`dev5_holdout_report`] is aggregate only and never tuned against.
//!
//! Round 5 adds a statistical second opinion (`signals::model`) trained on the labelled set,
//! dev2, the paraphrase list and the tune parts of dev3/4/5 (never a holdout or blind row;
//! its trainer filters the split sets by the same hash). On those sets the numbers are
//! therefore in-sample; the holdouts stay the measure of what generalises.
//!
//! `tests/data/handoff_dev6.jsonl` (520 rows by a sixth independent writer; `handoff_dev6.md`)
//! was written while round 5 was built and was a holdout as a whole for it; round 6's model
//! trains on it ([`dev6_report`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;
use std::time::Instant;

use baton_worker::signals::{Context, Reason, Signal, SignalConfig, decide};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct RowContext {
    #[serde(default)]
    recent: Vec<String>,
    #[serde(default)]
    unresolved_ai_turns: u32,
}

#[derive(Debug, Deserialize)]
struct Row {
    text: String,
    handoff: bool,
    reason: Option<Reason>,
    lang: String,
    context: Option<RowContext>,
    #[serde(default)]
    keywords: Vec<String>,
}

struct Outcome {
    row: Row,
    predicted: Option<Reason>,
    evidence: String,
}

fn load(file: &str) -> Vec<Row> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let row: Row =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
            assert_eq!(
                row.handoff,
                row.reason.is_some(),
                "line {}: handoff and reason disagree",
                i + 1
            );
            row
        })
        .collect()
}

/// A row of `handoff_dev3.jsonl`: several reasons may apply.
#[derive(Debug, Deserialize)]
struct Dev3Row {
    id: String,
    text: String,
    lang: String,
    reasons: Vec<Reason>,
}

/// Whether a dev3 row (by id) is in the 20% holdout: FNV-1a 64 of the id, one in five.
/// Fixed before the rows were read; changing it would leak the holdout into tuning.
fn dev3_is_holdout(id: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h.is_multiple_of(5)
}

/// The tune part (`holdout == false`) or the holdout of dev3, labelled with the reason
/// `decide` should give: the highest-priority one of the row's reasons.
fn load_dev3(holdout: bool) -> Vec<Row> {
    load_split("handoff_dev3.jsonl", holdout)
}

/// The tune part or the holdout of dev4 (`handoff_dev4.jsonl`, same format and the same
/// split rule as dev3: [`dev3_is_holdout`] of the id, fixed before any of its rows were read).
fn load_dev4(holdout: bool) -> Vec<Row> {
    load_split("handoff_dev4.jsonl", holdout)
}

/// The tune part or the holdout of dev5 (`handoff_dev5.jsonl`, same format and the same
/// split rule as dev3 and dev4: [`dev3_is_holdout`] of the id, fixed before any of its rows
/// were read).
fn load_dev5(holdout: bool) -> Vec<Row> {
    load_split("handoff_dev5.jsonl", holdout)
}

/// A dev set with `id` and `reasons` (dev3, dev4, dev5), split by [`dev3_is_holdout`].
fn load_split(file: &str, holdout: bool) -> Vec<Row> {
    load_reasons(file, |id| dev3_is_holdout(id) == holdout)
}

/// The rows of a set with `id` and `reasons` whose id `keep` accepts, labelled with the
/// reason `decide` should give: the highest-priority one of the row's reasons.
fn load_reasons(file: &str, keep: impl Fn(&str) -> bool) -> Vec<Row> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .filter_map(|(i, l)| {
            let row: Dev3Row =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
            keep(&row.id).then(|| {
                let reason = row.reasons.iter().copied().min_by_key(|r| dev3_rank(*r));
                Row {
                    text: row.text,
                    handoff: reason.is_some(),
                    reason,
                    lang: row.lang,
                    context: None,
                    keywords: Vec::new(),
                }
            })
        })
        .collect()
}

/// `decide`'s fixed priority (see `signals`): lower wins.
fn dev3_rank(r: Reason) -> u8 {
    match r {
        Reason::CustomerAsked => 0,
        Reason::Sensitive => 1,
        Reason::Frustration => 2,
        Reason::Keyword => 3,
        _ => 4,
    }
}

/// The detectors as a worker configures them from its environment (`HANDOFF_*`; the meaning
/// encoder loads unless `HANDOFF_MEANING_MODEL=off`, which reads a set without it).
static CONFIG: LazyLock<SignalConfig> = LazyLock::new(|| {
    SignalConfig::from_lookup(|k| std::env::var(k).ok()).expect("a valid HANDOFF_* environment")
});

fn decide_row(row: &Row) -> Option<Signal> {
    let config = SignalConfig {
        keywords: row.keywords.clone(),
        ..CONFIG.clone()
    };
    let (recent, turns) = row
        .context
        .as_ref()
        .map_or((&[][..], 0), |c| (&c.recent[..], c.unresolved_ai_turns));
    let cx = Context {
        recent_customer_texts: recent,
        unresolved_ai_turns: turns,
    };
    decide(&config, &row.text, &cx)
}

/// Runs `decide` on every row; also returns the steady-state mean time per message
/// (second pass, after patterns are compiled and the regex caches are warm).
fn run(rows: Vec<Row>) -> (Vec<Outcome>, f64) {
    let outcomes: Vec<Outcome> = rows
        .into_iter()
        .map(|row| {
            let signal = decide_row(&row);
            Outcome {
                predicted: signal.as_ref().map(|s| s.reason),
                evidence: signal.map(|s| s.evidence).unwrap_or_default(),
                row,
            }
        })
        .collect();
    let start = Instant::now();
    for o in &outcomes {
        std::hint::black_box(decide_row(&o.row));
    }
    let micros = start.elapsed().as_secs_f64() * 1e6 / outcomes.len().max(1) as f64;
    (outcomes, micros)
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        f64::NAN
    } else {
        num as f64 / den as f64
    }
}

/// (precision, recall, support) for one reason.
fn prf(outcomes: &[Outcome], r: Reason) -> (f64, f64, usize) {
    let tp = outcomes
        .iter()
        .filter(|o| o.predicted == Some(r) && o.row.reason == Some(r))
        .count();
    let predicted = outcomes.iter().filter(|o| o.predicted == Some(r)).count();
    let support = outcomes.iter().filter(|o| o.row.reason == Some(r)).count();
    (ratio(tp, predicted), ratio(tp, support), support)
}

fn label(r: Option<Reason>) -> &'static str {
    r.map_or("none", |r| r.as_str())
}

fn print_report(outcomes: &[Outcome], micros: f64) -> (f64, f64) {
    println!(
        "\n{:<18} {:>9} {:>7} {:>8}",
        "reason", "precision", "recall", "support"
    );
    let mut asked_recall = 0.0;
    for r in Reason::DETECTORS {
        let (p, rec, n) = prf(outcomes, r);
        println!("{:<18} {:>9.3} {:>7.3} {:>8}", r.as_str(), p, rec, n);
        if r == Reason::CustomerAsked {
            asked_recall = rec;
        }
    }
    let negatives: Vec<&Outcome> = outcomes.iter().filter(|o| !o.row.handoff).collect();
    let false_handoffs = negatives.iter().filter(|o| o.predicted.is_some()).count();
    let fhr = ratio(false_handoffs, negatives.len());
    let positives = outcomes.iter().filter(|o| o.row.handoff).count();
    let caught = outcomes
        .iter()
        .filter(|o| o.row.handoff && o.predicted.is_some())
        .count();
    let exact = outcomes
        .iter()
        .filter(|o| o.predicted == o.row.reason)
        .count();
    println!(
        "handoff recall (any reason): {:.3} ({caught}/{positives})",
        ratio(caught, positives)
    );
    println!(
        "false-handoff rate: {fhr:.3} ({false_handoffs}/{})",
        negatives.len()
    );
    println!(
        "exact-label accuracy: {:.3} ({exact}/{})",
        ratio(exact, outcomes.len()),
        outcomes.len()
    );
    println!("mean decide() time (warm): {micros:.1} us/message in this build profile");
    (asked_recall, fhr)
}

fn print_misclassified(outcomes: &[Outcome]) {
    println!("\nmisclassified (expected -> predicted | evidence | lang | text):");
    for o in outcomes.iter().filter(|o| o.predicted != o.row.reason) {
        println!(
            "  {} -> {} | {} | {} | {}",
            label(o.row.reason),
            label(o.predicted),
            o.evidence,
            o.row.lang,
            o.row.text
        );
    }
}

#[test]
fn handoff_signals_meet_targets_on_the_labelled_set() {
    let rows = load("handoff_labelled.jsonl");
    let n = rows.len();
    let langs: BTreeSet<String> = rows.iter().map(|r| r.lang.clone()).collect();
    let mut per_lang: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        *per_lang.entry(r.lang.as_str()).or_default() += 1;
    }
    println!("rows: {n}, per language: {per_lang:?}");
    let (outcomes, micros) = run(rows);
    let (asked_recall, fhr) = print_report(&outcomes, micros);
    print_misclassified(&outcomes);

    assert!(n >= 200, "labelled set has {n} rows, need >= 200");
    for l in ["en", "es", "pt", "fr", "de"] {
        assert!(langs.contains(l), "no rows in {l}");
    }
    assert!(
        asked_recall >= 0.95,
        "customer_asked recall {asked_recall:.3} < 0.95"
    );
    assert!(fhr <= 0.05, "false-handoff rate {fhr:.3} > 0.05");
}

#[test]
fn blind_set_report() {
    let rows = load("handoff_blind.jsonl");
    println!(
        "\n=== blind set ({} rows, never tuned against; informational) ===",
        rows.len()
    );
    let (outcomes, micros) = run(rows);
    print_report(&outcomes, micros);
    print_misclassified(&outcomes);
}

/// The frozen blind set v2 (`tests/data/handoff_blind_v2.jsonl`, 372 rows written by someone
/// who never saw the detectors or the other sets; `handoff_blind_v2.md` says how). Only the
/// aggregate numbers are printed — never the rows the detectors got wrong — so that reading
/// this report cannot turn into tuning against it.
#[test]
fn frozen_blind_set_v2_report() {
    let rows = load("handoff_blind_v2.jsonl");
    println!(
        "\n=== frozen blind set v2 ({} rows; aggregate only, never tuned against) ===",
        rows.len()
    );
    let mut per_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (outcomes, micros) = run(rows);
    for o in &outcomes {
        let e = per_lang.entry(o.row.lang.clone()).or_default();
        e.0 += 1;
        e.1 += usize::from(o.predicted == o.row.reason);
    }
    print_report(&outcomes, micros);
    for (lang, (n, ok)) in per_lang {
        println!(
            "exact-label accuracy [{lang}]: {:.3} ({ok}/{n})",
            ratio(ok, n)
        );
    }
}

/// The frozen blind set v3 (`tests/data/handoff_blind_v3.jsonl`, 400 rows, multi-label like
/// the dev sets and scored the same way, written on 2026-12-07 by someone who saw no
/// detector, set or note; `handoff_blind_v3.md` says how). Evaluation only: never trained
/// on (the trainer test checks no `v3-` id gets in), never tuned against, and only the
/// aggregate numbers are printed. It came after round 8, so it has no "before": it is a
/// fresh estimate of what new writers get, beside v2.
#[test]
fn frozen_blind_set_v3_report() {
    whole_set_report(
        "handoff_blind_v3.jsonl",
        400,
        "aggregate only, never tuned against",
    );
}

/// Reads a multi-label set whole (it must have `rows` rows) and prints its aggregate report
/// under `note`; returns the outcomes.
fn whole_set_report(file: &str, rows: usize, note: &str) -> Vec<Outcome> {
    let set = load_reasons(file, |_| true);
    assert_eq!(set.len(), rows);
    println!("\n=== {file} ({rows} rows; {note}) ===");
    let (outcomes, micros) = run(set);
    print_report(&outcomes, micros);
    outcomes
}

/// Per-reason recall for `r` (NaN when there is no support).
fn recall(outcomes: &[Outcome], r: Reason) -> f64 {
    prf(outcomes, r).1
}

/// Floors reached on dev2 after the generalisation work (issue 8), with a little slack so
/// that a deliberate trade-off on one row does not fail the build but a regressed detector does.
const DEV2_FLOORS: [(Reason, f64); 3] = [
    (Reason::CustomerAsked, 0.95),
    (Reason::Sensitive, 0.92),
    (Reason::Frustration, 0.90),
];
const DEV2_MAX_FALSE_HANDOFF: f64 = 0.03;

#[test]
fn dev2_set_meets_floors() {
    let rows = load("handoff_dev2.jsonl");
    let n = rows.len();
    println!("\n=== dev2 set ({n} rows; tuned on) ===");
    let (outcomes, micros) = run(rows);
    let (_, fhr) = print_report(&outcomes, micros);
    print_misclassified(&outcomes);
    assert!(n >= 350, "dev2 has {n} rows, need >= 350");
    for (r, floor) in DEV2_FLOORS {
        let rec = recall(&outcomes, r);
        assert!(
            rec >= floor,
            "dev2 {} recall {rec:.3} < {floor}",
            r.as_str()
        );
    }
    assert!(
        fhr <= DEV2_MAX_FALSE_HANDOFF,
        "dev2 false-handoff rate {fhr:.3} > {DEV2_MAX_FALSE_HANDOFF}"
    );
}

/// Held out from the dev2 pool before tuning and never tuned against: informational, and
/// aggregate only (like the frozen set) so that reading it cannot turn into tuning.
#[test]
fn dev2_holdout_report() {
    let rows = load("handoff_dev2_holdout.jsonl");
    println!(
        "\n=== dev2 holdout ({} rows; aggregate only) ===",
        rows.len()
    );
    let (outcomes, micros) = run(rows);
    print_report(&outcomes, micros);
}

/// Runs a dev set's tune part (printing its report and misses) and asserts its recall floors
/// and the false-handoff cap.
fn assert_tune_floors(name: &str, rows: Vec<Row>, floors: &[(Reason, f64)]) {
    println!("\n=== {name} tune ({} rows; tuned on) ===", rows.len());
    let (outcomes, micros) = run(rows);
    let (_, fhr) = print_report(&outcomes, micros);
    print_misclassified(&outcomes);
    for &(r, floor) in floors {
        let rec = recall(&outcomes, r);
        assert!(
            rec >= floor,
            "{name} tune {} recall {rec:.3} < {floor}",
            r.as_str()
        );
    }
    assert!(
        fhr <= DEV2_MAX_FALSE_HANDOFF,
        "{name} tune false-handoff rate {fhr:.3} > {DEV2_MAX_FALSE_HANDOFF}"
    );
}

/// A holdout's report: aggregate only, never its rows.
fn holdout_report(name: &str, rows: Vec<Row>) {
    println!(
        "\n=== {name} holdout ({} rows; aggregate only, never tuned against) ===",
        rows.len()
    );
    let (outcomes, micros) = run(rows);
    print_report(&outcomes, micros);
}

#[test]
fn dev3_split_is_fixed() {
    let (tune, holdout) = (load_dev3(false), load_dev3(true));
    assert_eq!((tune.len(), holdout.len()), (446, 109));
}

/// Floors reached on dev3's tune part (issue 8, second round), with the same slack as dev2's.
const DEV3_TUNE_FLOORS: [(Reason, f64); 3] = [
    (Reason::CustomerAsked, 0.95),
    (Reason::Sensitive, 0.95),
    (Reason::Frustration, 0.95),
];

#[test]
fn dev3_tune_meets_floors() {
    assert_tune_floors("dev3", load_dev3(false), &DEV3_TUNE_FLOORS);
}

/// Held out from dev3 by [`dev3_is_holdout`] before any of its rows were read and never
/// tuned against: informational, aggregate only (like the frozen set).
#[test]
fn dev3_holdout_report() {
    holdout_report("dev3", load_dev3(true));
}

#[test]
fn dev4_split_is_fixed() {
    let (tune, holdout) = (load_dev4(false), load_dev4(true));
    assert_eq!(tune.len() + holdout.len(), 532);
    assert_eq!((tune.len(), holdout.len()), (DEV4_SPLIT.0, DEV4_SPLIT.1));
}

/// Sizes of dev4's tune part and holdout under [`dev3_is_holdout`].
const DEV4_SPLIT: (usize, usize) = (423, 109);

/// Floors reached on dev4's tune part (issue 8, third round), with the same slack as dev3's.
const DEV4_TUNE_FLOORS: [(Reason, f64); 3] = [
    (Reason::CustomerAsked, 0.95),
    (Reason::Sensitive, 0.95),
    (Reason::Frustration, 0.95),
];

#[test]
fn dev4_tune_meets_floors() {
    assert_tune_floors("dev4", load_dev4(false), &DEV4_TUNE_FLOORS);
}

/// Held out from dev4 by [`dev3_is_holdout`] before any of its rows were read and never
/// tuned against: informational, aggregate only (like the frozen set).
#[test]
fn dev4_holdout_report() {
    holdout_report("dev4", load_dev4(true));
}

#[test]
fn dev5_split_is_fixed() {
    let (tune, holdout) = (load_dev5(false), load_dev5(true));
    assert_eq!(tune.len() + holdout.len(), 530);
    assert_eq!((tune.len(), holdout.len()), (DEV5_SPLIT.0, DEV5_SPLIT.1));
}

/// Sizes of dev5's tune part and holdout under [`dev3_is_holdout`].
const DEV5_SPLIT: (usize, usize) = (423, 107);

/// Floors reached on dev5's tune part (issue 8, fourth round: 0.966 / 0.879 / 0.973; fifth
/// round, with the model, which is trained on it: 0.974 / 0.879 / 0.973), less a few rows of
/// slack. Sensitive was not worked on in either round (0.879 before and after).
const DEV5_TUNE_FLOORS: [(Reason, f64); 3] = [
    (Reason::CustomerAsked, 0.95),
    (Reason::Sensitive, 0.85),
    (Reason::Frustration, 0.95),
];

#[test]
fn dev5_tune_meets_floors() {
    assert_tune_floors("dev5", load_dev5(false), &DEV5_TUNE_FLOORS);
}

/// Held out from dev5 by [`dev3_is_holdout`] before any of its rows were read and never
/// tuned against: informational, aggregate only (like the frozen set).
#[test]
fn dev5_holdout_report() {
    holdout_report("dev5", load_dev5(true));
}

/// A dev set written for a round (`handoff_<name>.jsonl`, `rows` rows), read once before
/// round `round` and trained on from it: its report and misses, in-sample, as a tune part's.
fn training_set_report(name: &str, rows: usize, round: u32) {
    let set = load_reasons(&format!("handoff_{name}.jsonl"), |_| true);
    assert_eq!(set.len(), rows);
    println!(
        "\n=== {name} ({rows} rows; read once before round {round}, trained on from round {round}) ==="
    );
    let (outcomes, micros) = run(set);
    print_report(&outcomes, micros);
    print_misclassified(&outcomes);
}

/// dev16, dev21 and dev22 (`handoff_dev16.jsonl`, `handoff_dev21.jsonl`,
/// `handoff_dev22.jsonl`, 400 rows each by three independent writers who saw nothing under
/// /work; hospitality, travel, events and home services; telecoms, utilities, insurance,
/// banks and gyms; delivery, pets, couriers, repairs and rentals; 160 negatives each, most of
/// them hard; their `.md` files): new writers' readings of rounds 15 and 16 (dev16 with
/// rounds 14, 15 and 16; dev21 and dev22 with round 15's detectors and round 16's, aggregate
/// only), trained on from round 17, so their misses are printed.
#[test]
fn dev16_report() {
    training_set_report("dev16", 400, 17);
}

#[test]
fn dev21_report() {
    training_set_report("dev21", 400, 17);
}

#[test]
fn dev22_report() {
    training_set_report("dev22", 400, 17);
}

/// dev23 (`handoff_dev23.jsonl`, 400 rows by a twenty-third independent writer who saw
/// nothing under /work: clinics, opticians, driving schools, laundries, furniture, coworking,
/// photographers, printers and bike shops; 160 negatives, most of them hard;
/// `handoff_dev23.md`), written during round 16: read with round 15's detectors
/// (`HANDOFF_MEANING_MODEL=off`), round 16's and round 17's (trained on dev16, dev21 and
/// dev22), aggregate only. Never trained on.
#[test]
fn dev23_report() {
    whole_set_report(
        "handoff_dev23.jsonl",
        400,
        "aggregate only, never trained on",
    );
}

/// dev24 and dev25 (`handoff_dev24.jsonl`, `handoff_dev25.jsonl`, 400 rows each by two more
/// independent writers who saw nothing under /work: restaurants, guesthouses, vets, phone
/// repair, car rental, language schools, salons and letting agents; fashion, pharmacies,
/// movers, tickets, travel, trades, streaming and tutoring; 160 negatives each, 120 hard;
/// their `.md` files), written during round 18: each read once with round 17's detectors,
/// aggregate only, before any change. dev25 is trained on from round 18, so its misses are
/// printed; dev24 was read once more with round 18's detectors and is never trained on.
#[test]
fn dev24_report() {
    whole_set_report(
        "handoff_dev24.jsonl",
        400,
        "aggregate only, never trained on",
    );
}

#[test]
fn dev25_report() {
    training_set_report("dev25", 400, 18);
}

/// dev17 to dev20 (`handoff_dev17.jsonl` … `handoff_dev20.jsonl`, 400 rows each by four
/// more independent writers who saw nothing under /work: retail; health, wellness and
/// beauty; education, housing and public-facing services; automotive, transport and B2B
/// supply; 160 negatives each, most of them hard), written during round 15 as training data
/// for the model: each read once with round 14's detectors (aggregate only, four more new
/// writers' readings), then trained on from round 15, so their misses are printed.
#[test]
fn dev17_report() {
    training_set_report("dev17", 400, 15);
}

#[test]
fn dev18_report() {
    training_set_report("dev18", 400, 15);
}

#[test]
fn dev19_report() {
    training_set_report("dev19", 400, 15);
}

#[test]
fn dev20_report() {
    training_set_report("dev20", 400, 15);
}

/// dev15 (`handoff_dev15.jsonl`, 400 rows by a fifteenth independent writer who saw nothing
/// under /work; customers of online and subscription businesses and utilities; 160
/// negatives, most of them hard; `handoff_dev15.md`), written during round 14: read with
/// round 13's detectors and again with round 14's, aggregate only, as a new writer's measure
/// of what round 14 (trained on dev14) carries over; trained on from round 15, so its misses
/// are printed, as a training set's.
#[test]
fn dev15_report() {
    let outcomes = whole_set_report(
        "handoff_dev15.jsonl",
        400,
        "read before and after round 14, trained on from round 15",
    );
    print_misclassified(&outcomes);
}

/// dev14 (`handoff_dev14.jsonl`, 400 rows by a fourteenth independent writer who saw nothing
/// under /work; less common businesses, dialects, writers on someone else's behalf; 160
/// negatives, most of them hard; `handoff_dev14.md`), written during round 13: read with
/// round 12's detectors and again with round 13's, aggregate only, as a new writer's measure
/// of what round 13 (trained on dev13) carries over; trained on from round 14, so its misses
/// are printed, as a training set's.
#[test]
fn dev14_report() {
    let outcomes = whole_set_report(
        "handoff_dev14.jsonl",
        400,
        "read before and after round 13, trained on from round 14",
    );
    print_misclassified(&outcomes);
}

/// dev13 (`handoff_dev13.jsonl`, 400 rows by a thirteenth independent writer who saw nothing
/// under /work; 160 negatives, most of them hard; `handoff_dev13.md`), written during round
/// 12: read with the round-11 detectors and again with round 12's, aggregate only, as a new
/// writer's measure of what round 12 (trained on dev12) carries over; trained on from round
/// 13, so its misses are printed, as a training set's.
#[test]
fn dev13_report() {
    let outcomes = whole_set_report(
        "handoff_dev13.jsonl",
        400,
        "read before and after round 12, trained on from round 13",
    );
    print_misclassified(&outcomes);
}

/// dev12 (`handoff_dev12.jsonl`, 400 rows by a twelfth independent writer who saw nothing
/// under /work; balanced, 160 negatives, most of them hard; `handoff_dev12.md`), written
/// after round 11: read once with the round-11 detectors (a new writer's reading of how that
/// round generalises, like v3's), then training data for the next round; its misses are
/// printed, as a training set's.
#[test]
fn dev12_report() {
    training_set_report("dev12", 400, 12);
}

/// dev10 (`handoff_dev10.jsonl`, 400 rows, 300 of them negatives, by a tenth writer who,
/// unlike the others, read the detectors' source — a white-box red team, asked for messages
/// real customers would send that use the detectors' trigger words and patterns in a benign
/// sense, and for positives phrased the way the patterns miss; it ran nothing and saw no data
/// set; `handoff_dev10.md`), written for round 11: read once with the round-10 detectors,
/// then trained on, so its numbers are in-sample from round 11 (its misses are printed).
#[test]
fn dev10_report() {
    training_set_report("dev10", 400, 11);
}

/// dev11 (`handoff_dev11.jsonl`, 400 rows by an eleventh independent writer who saw nothing
/// under /work; a new register: 160 voice-note transcripts as a speech-to-text model writes
/// them, 120 long messages carrying several topics, 120 short ones from writers such sets
/// rarely have; 135 hard negatives; `handoff_dev11.md`), written for round 11: read once with
/// the round-10 detectors, then trained on, so its numbers are in-sample from round 11 (its
/// misses are printed, as a tune part's).
#[test]
fn dev11_report() {
    training_set_report("dev11", 400, 11);
}

/// dev9 (`handoff_dev9.jsonl`, 400 rows by a ninth independent writer who saw no detector,
/// set or note; 286 hard negatives of every kind; `handoff_dev9.md`), written for round 10
/// after the frozen set v3's false handoffs did not move in round 9: read once with the
/// round-9 detectors, then trained on, so its numbers are in-sample from round 10 (its
/// misses are printed, as a tune part's).
#[test]
fn dev9_report() {
    training_set_report("dev9", 400, 10);
}

/// dev8 (`handoff_dev8.jsonl`, 600 rows by an eighth independent writer who saw no detector,
/// set or note; sensitive cases without their obvious keywords and hard negatives of every
/// kind weighted up; `handoff_dev8.md`), written for round 9 after the frozen set v3 showed
/// what new writers still get: read once with the round-8 detectors, then trained on, so
/// its numbers are in-sample from round 9 (its misses are printed, as a tune part's).
#[test]
fn dev8_report() {
    training_set_report("dev8", 600, 9);
}

/// dev7 (`handoff_dev7.jsonl`, 600 rows by a seventh independent writer who saw no
/// detector, set or note; asks weighted up, with hard negatives that look like asks;
/// `handoff_dev7.md`): read once with the round-6 detectors, aggregate only, then trained on
/// from round 7, so its numbers are in-sample (and its misses are printed, as a tune part's).
#[test]
fn dev7_report() {
    training_set_report("dev7", 600, 7);
}

/// dev6 (`handoff_dev6.jsonl`, 520 rows by a sixth independent writer who saw no detector,
/// set or note; new businesses per language; `handoff_dev6.md`) was written while round 5 was
/// being built and was a holdout as a whole for it (aggregate only, read once before round 5
/// landed and once after). From round 6 the model trains on all of it, so its numbers are
/// in-sample: reported, not a measure of what generalises.
#[test]
fn dev6_report() {
    let rows = load_reasons("handoff_dev6.jsonl", |_| true);
    assert_eq!(rows.len(), 520);
    println!(
        "\n=== dev6 ({} rows; held out in round 5, trained on from round 6) ===",
        rows.len()
    );
    let (outcomes, micros) = run(rows);
    print_report(&outcomes, micros);
}
