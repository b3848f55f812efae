//! Failures: transient errors through retry tiers without overtaking, exhausted retries and
//! poison messages in the DLQ, and the operator's `worker dlq` commands.

use std::time::Duration;

use baton_tests::{TestEnv, eventually, webhooks};

fn position(entries: &[baton_tests::ProbeEntry], id: &str) -> usize {
    entries
        .iter()
        .position(|e| e.event == id)
        .unwrap_or_else(|| panic!("{id} not processed"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retried_event_is_not_overtaken_by_its_conversation() {
    let mut env = TestEnv::new("retry");
    env.start_ingress().await;
    env.spawn_worker(&[]);
    // Fails on its first 4 runs: 3 in process (1 + 2 retries), then once more after tier 0.
    let head = webhooks::text("300", "5511", "wamid.RT1", "first #probe:transient:4");
    let next = webhooks::text("300", "5511", "wamid.RT2", "second");
    let other = webhooks::text("300", "5599", "wamid.RT-OTHER", "another conversation");
    for b in [&head, &next, &other] {
        assert_eq!(env.post_signed(b).await, 200);
    }
    let entries = env
        .wait_processed(
            &[
                "wamid.RT1".into(),
                "wamid.RT2".into(),
                "wamid.RT-OTHER".into(),
            ],
            Duration::from_secs(20),
        )
        .await;
    let first = entries
        .iter()
        .find(|e| e.event == "wamid.RT1")
        .unwrap_or_else(|| panic!("{}", env.logs()));
    assert!(first.attempt >= 1, "went through a broker retry tier");
    assert!(
        position(&entries, "wamid.RT1") < position(&entries, "wamid.RT2"),
        "order kept"
    );
    assert!(
        position(&entries, "wamid.RT-OTHER") < position(&entries, "wamid.RT1"),
        "others not blocked"
    );
    assert!(
        eventually(Duration::from_secs(5), || async {
            env.probe().await.len() == 3
        })
        .await,
        "no extra runs"
    );
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn exhausted_retries_dead_letter_with_history_and_unpark() {
    let mut env = TestEnv::new("exhaust");
    env.start_ingress().await;
    env.spawn_worker(&[]);
    let head = webhooks::text(
        "300",
        "5511",
        "wamid.EX1",
        "never works #probe:transient:1000",
    );
    let next = webhooks::text("300", "5511", "wamid.EX2", "after it");
    assert_eq!(env.post_signed(&head).await, 200);
    assert_eq!(env.post_signed(&next).await, 200);
    let entries = env
        .wait_processed(&["wamid.EX2".into()], Duration::from_secs(20))
        .await;
    assert!(
        entries.iter().any(|e| e.event == "wamid.EX2"),
        "conversation unparked\n{}",
        env.logs()
    );
    let (ok, out) = env.worker_cli(&["dlq", "list", "--json"], "");
    assert!(ok, "{out}");
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let entry = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "wamid.EX1")
        .expect("in the DLQ");
    let history = entry["history"].as_array().unwrap();
    assert_eq!(history.len(), 3, "first try + 2 tiers: {entry}");
    assert!(entry["reason"].as_str().unwrap().contains("transient"));
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn poison_reaches_the_dlq_and_replay_processes_it() {
    let mut env = TestEnv::new("poison");
    env.start_ingress().await;
    env.spawn_worker(&[]);
    env.redis_set("probe-broken", Some("1")).await;
    let poison = webhooks::text("300", "5511", "wamid.POISON", "bad #probe:panic");
    let perm = webhooks::text("300", "5533", "wamid.PERM", "bad #probe:permanent");
    assert_eq!(env.post_signed(&poison).await, 200);
    assert_eq!(env.post_signed(&perm).await, 200);
    let in_dlq = eventually(Duration::from_secs(30), || async {
        let (_, out) = env.worker_cli(&["dlq", "list", "--json"], "");
        out.contains("wamid.POISON") && out.contains("wamid.PERM")
    })
    .await;
    assert!(in_dlq, "both dead-lettered\n{}", env.logs());
    let (ok, table) = env.worker_cli(&["dlq", "list"], "");
    assert!(
        ok && table.contains("step panicked") && table.contains("2 event(s)"),
        "{table}"
    );
    let (ok, shown) = env.worker_cli(&["dlq", "show", "wamid.POISON"], "");
    assert!(ok, "{shown}");
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    // Returned to the queue once, then dead-lettered by the worker on its second panic.
    let reason = shown["reason"].as_str().unwrap_or_default();
    assert_eq!(
        reason, "step panicked (2 attempts): probe: poison message wamid.POISON",
        "{shown}"
    );
    assert_eq!(shown["event"]["item"]["text"]["body"], "bad #probe:panic");
    let (ok, _) = env.worker_cli(&["dlq", "show", "wamid.NOPE"], "");
    assert!(!ok, "unknown id is an error");

    // The fix is deployed; the operator replays the poison message.
    env.redis_set("probe-broken", None).await;
    let (ok, out) = env.worker_cli(&["dlq", "replay", "wamid.POISON"], "");
    assert!(ok && out.contains("replayed 1"), "{out}");
    let entries = env
        .wait_processed(&["wamid.POISON".into()], Duration::from_secs(20))
        .await;
    assert!(
        entries.iter().any(|e| e.event == "wamid.POISON"),
        "replayed and processed\n{}",
        env.logs()
    );

    // Purge asks first; "n" keeps the rest, --yes deletes it.
    let (_, out) = env.worker_cli(&["dlq", "purge"], "n\n");
    assert!(out.contains("nothing deleted"), "{out}");
    let (_, list) = env.worker_cli(&["dlq", "list", "--json"], "");
    assert!(
        list.contains("wamid.PERM") && !list.contains("wamid.POISON"),
        "{list}"
    );
    let (ok, out) = env.worker_cli(&["dlq", "purge", "--yes"], "");
    assert!(ok && out.contains("purged 1"), "{out}");
    let (_, list) = env.worker_cli(&["dlq", "list", "--json"], "");
    assert_eq!(list.trim(), "[]");
    env.cleanup().await;
}

/// A poison event returns to the queue with the events queued behind it in its lane (so none
/// overtakes it), and the broker counts every return against the delivery limit (3 here):
/// the worker dead-letters the poison on its second panic, and the events behind it run, in
/// order, instead of reaching the limit with it.
#[tokio::test(flavor = "multi_thread")]
async fn events_behind_a_poison_event_are_not_dead_lettered_with_it() {
    let mut env = TestEnv::new("poisonlane");
    env.start_ingress().await;
    env.spawn_worker(&[]);
    env.redis_set("probe-broken", Some("1")).await;
    // The poison runs long enough (400 ms) for the next two to queue behind it in its lane.
    let poison = webhooks::text(
        "300",
        "5544",
        "wamid.PL0",
        "bad #probe:sleep:400 #probe:panic",
    );
    assert_eq!(env.post_signed(&poison).await, 200);
    let after: Vec<String> = (1..=2).map(|i| format!("wamid.PL{i}")).collect();
    for id in &after {
        let body = webhooks::text("300", "5544", id, "and then this");
        assert_eq!(env.post_signed(&body).await, 200);
    }
    let entries = env.wait_processed(&after, Duration::from_secs(30)).await;
    assert!(
        position(&entries, "wamid.PL1") < position(&entries, "wamid.PL2"),
        "in order\n{}",
        env.logs()
    );
    let (_, list) = env.worker_cli(&["dlq", "list", "--json"], "");
    let dead: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    let ids: Vec<&str> = dead.iter().filter_map(|e| e["id"].as_str()).collect();
    assert_eq!(ids, ["wamid.PL0"], "only the poison: {list}");
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn replay_all_returns_every_event_to_its_partition() {
    let mut env = TestEnv::new("replayall");
    env.start_ingress().await;
    env.spawn_worker(&[]);
    env.redis_set("probe-broken", Some("1")).await;
    let ids: Vec<String> = (0..3).map(|i| format!("wamid.RA{i}")).collect();
    for (i, id) in ids.iter().enumerate() {
        let body = webhooks::text("300", &format!("55{i}"), id, "x #probe:permanent");
        assert_eq!(env.post_signed(&body).await, 200);
    }
    let all_in = eventually(Duration::from_secs(20), || async {
        let (_, out) = env.worker_cli(&["dlq", "list"], "");
        out.contains("3 event(s)")
    })
    .await;
    assert!(all_in, "{}", env.logs());
    env.redis_set("probe-broken", None).await;
    let (ok, out) = env.worker_cli(&["dlq", "replay", "--all"], "");
    assert!(ok && out.contains("replayed 3"), "{out}");
    let entries = env.wait_processed(&ids, Duration::from_secs(20)).await;
    for id in &ids {
        assert!(
            entries.iter().any(|e| &e.event == id),
            "{id} processed after replay"
        );
    }
    env.cleanup().await;
}
