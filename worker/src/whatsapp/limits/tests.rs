//! The waiting logic with paused tokio time, and the configuration. The scripts' arithmetic
//! (bucket, learning, pair delays) runs in Redis: `tests/tests/it/limits.rs` checks it there
//! with explicit clocks.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use super::*;

/// An `admit` that answers from a list, counting calls.
fn scripted(answers: Vec<Admit>) -> (Mutex<VecDeque<Admit>>, Mutex<usize>) {
    (Mutex::new(answers.into()), Mutex::new(0))
}

async fn run(answers: Vec<Admit>, max_wait: Duration) -> (Result<Ticket, Hold>, usize, Duration) {
    let (queue, calls) = scripted(answers);
    let started = Instant::now();
    let result = wait_turn(
        || {
            *calls.lock().unwrap() += 1;
            let next = queue.lock().unwrap().pop_front().expect("an answer");
            async move { Ok(next) }
        },
        max_wait,
    )
    .await;
    let n = *calls.lock().unwrap();
    (result, n, started.elapsed())
}

#[allow(non_snake_case)]
fn MS(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[tokio::test(start_paused = true)]
async fn a_reserved_slot_is_slept_until_then_the_send_goes() {
    let go = Admit::Go {
        wait: MS(450),
        reserved_at_ms: 7,
    };
    let (result, calls, took) = run(vec![go], Duration::from_secs(30)).await;
    let ticket = result.unwrap();
    assert_eq!(calls, 1, "one Redis call per send, no polling");
    assert_eq!(took, MS(450));
    assert_eq!(ticket.waited, MS(450));
    assert_eq!(ticket.reserved_at_ms, 7);
}

#[tokio::test(start_paused = true)]
async fn a_pair_rate_delay_is_waited_then_a_slot_is_reserved() {
    let answers = vec![
        Admit::PairDelay(Duration::from_secs(4)),
        Admit::Go {
            wait: MS(50),
            reserved_at_ms: 1,
        },
    ];
    let (result, calls, took) = run(answers, Duration::from_secs(30)).await;
    assert!(result.is_ok());
    assert_eq!(calls, 2);
    assert_eq!(took, Duration::from_secs(4) + MS(50));
}

#[tokio::test(start_paused = true)]
async fn waits_beyond_the_max_are_handed_back_without_sleeping() {
    let (result, _, took) = run(
        vec![Admit::PairDelay(Duration::from_secs(16))],
        Duration::from_secs(10),
    )
    .await;
    assert!(
        matches!(result, Err(Hold::Later { wait, .. }) if wait == Duration::from_secs(16)),
        "{result:?}"
    );
    assert_eq!(took, Duration::ZERO);
    let (result, _, took) = run(
        vec![Admit::Full(Duration::from_secs(25))],
        Duration::from_secs(10),
    )
    .await;
    assert!(
        matches!(result, Err(Hold::Later { wait, .. }) if wait == Duration::from_secs(15)),
        "the slot frees up in 25 s, 15 s past the max wait: {result:?}"
    );
    assert_eq!(took, Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn paused_sends_are_not_waited_for() {
    let (result, calls, took) = run(vec![Admit::Paused], Duration::from_secs(30)).await;
    assert!(matches!(result, Err(Hold::Paused)));
    assert_eq!((calls, took), (1, Duration::ZERO));
}

#[tokio::test(start_paused = true)]
async fn a_recipient_refused_again_and_again_stops_asking() {
    let answers = vec![Admit::PairDelay(Duration::from_secs(1)); MAX_ROUNDS];
    let (result, calls, took) = run(answers, Duration::from_secs(30)).await;
    assert!(matches!(result, Err(Hold::Later { .. })), "{result:?}");
    assert_eq!(calls, MAX_ROUNDS);
    assert_eq!(took, Duration::from_secs(MAX_ROUNDS as u64));
}

fn config(pairs: &[(&str, &str)]) -> Result<LimitsConfig, ConfigError> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    LimitsConfig::from_env(&Env::new(|k: &str| map.get(k).cloned()))
}

#[test]
fn configuration_defaults_and_errors() {
    assert_eq!(config(&[]).unwrap(), LimitsConfig::default());
    let c = config(&[
        ("GRAPH_SEND_RATE", "20"),
        ("GRAPH_SEND_MAX_WAIT", "5s"),
        ("GRAPH_SEND_RATE_RECOVERY", "0s"),
    ])
    .unwrap();
    assert_eq!(c.rate, 20.0);
    assert_eq!(c.max_wait, Duration::from_secs(5));
    assert_eq!(c.recovery, Duration::ZERO);
    assert_eq!(config(&[("GRAPH_SEND_RATE", "2.5")]).unwrap().rate, 2.5);
    for (k, v) in [
        ("GRAPH_SEND_RATE", "0"),
        ("GRAPH_SEND_RATE", "fast"),
        ("GRAPH_SEND_RATE", "NaN"),
        ("GRAPH_SEND_MAX_WAIT", "0s"),
        ("GRAPH_SEND_MAX_WAIT", "30"),
        ("GRAPH_SEND_RATE_RECOVERY", "10"),
    ] {
        assert_eq!(config(&[(k, v)]).unwrap_err().name, k, "{k}={v}");
    }
}
