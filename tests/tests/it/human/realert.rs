//! A handoff nobody takes is re-alerted once per `HANDOFF_REALERT_AFTER`, by whichever worker
//! holds its partition, never twice for one interval; a claimed one no more.

use std::time::Duration;

use baton_shared::event::{Event, Waiting};
use baton_shared::state::Owner;
use baton_tests::world::{PHONE, World};

use super::{console_of, handed_off, until};

const EVERY_MS: i64 = 1000;

#[tokio::test(flavor = "multi_thread")]
async fn a_waiting_handoff_is_realerted_once_per_interval() {
    let vars = [
        ("HANDOFF_REALERT_AFTER", "1s"),
        ("BATON_SWEEP_INTERVAL", "200ms"),
    ];
    let mut w = World::start("realert", false, &vars).await;
    // Two workers share the partitions: each sweeps the conversations of its own.
    w.env.spawn_worker(&[]);
    until(&w, "both workers hold partitions", || async {
        let holders = w.env.lease_holders().await;
        let mut who: Vec<_> = holders.iter().flatten().collect();
        who.sort();
        who.dedup();
        holders.iter().all(Option::is_some) && who.len() == 2
    })
    .await;
    handed_off(&w, "wamid.W1").await;
    let since = w.owner().await.since_ms.expect("handed off at");
    until(&w, "three re-alerts", || async {
        w.console_count("handoff_waiting").await >= 3
    })
    .await;

    // The first alert published again (a lost confirm, a sweep during a hand-over): no echo.
    let again = Waiting {
        since_ms: since,
        alert: 1,
        waiting_ms: EVERY_MS,
    };
    let dup = Event::handoff_waiting(w.conversation(), again);
    w.publish(&dup).await;
    // The customer's next message runs after it in the conversation's lane.
    w.say("wamid.W2", "hello? anyone there?").await;
    w.wait_done(&["wamid.W2"]).await;

    let alerts = console_of(&w, "handoff_waiting").await;
    let numbers: Vec<u64> = alerts
        .iter()
        .map(|a| a["alert"].as_u64().unwrap())
        .collect();
    let mut unique = numbers.clone();
    unique.dedup();
    assert_eq!(numbers, unique, "one event per interval: {alerts:?}");
    assert!(numbers.windows(2).all(|p| p[0] < p[1]), "{numbers:?}");
    assert_eq!(numbers[0], 1, "{numbers:?}");
    for a in &alerts {
        let n = a["alert"].as_i64().unwrap();
        assert_eq!(a["since_ms"].as_i64(), Some(since));
        assert!(a["waiting_ms"].as_i64().unwrap() >= n * EVERY_MS, "{a}");
        assert_eq!(a["reason"], "customer_asked");
    }

    // Claimed: no more re-alerts.
    w.agent("maria").claim(PHONE, None).await.ok();
    assert_eq!(w.owner().await.owner, Owner::Human);
    let settled = w.console_count("handoff_waiting").await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(
        w.console_count("handoff_waiting").await,
        settled,
        "an alert the sweeper sent before the claim is stale once it is handled"
    );
    w.finish().await;
}
