//! Dependencies that go away and come back: the worker reconnects to the broker and to Redis
//! by itself and loses nothing.

use std::time::Duration;

use baton_tests::proxy::Proxy;
use baton_tests::{TestEnv, eventually, webhooks};

#[tokio::test(flavor = "multi_thread")]
async fn worker_reconnects_after_broker_and_redis_restarts() {
    let mut env = TestEnv::new("reconnect");
    env.start_ingress().await;
    let amqp = Proxy::start("127.0.0.1:5672".parse().unwrap()).await;
    let redis = Proxy::start("127.0.0.1:6379".parse().unwrap()).await;
    env.spawn_worker(&[
        ("AMQP_URL", &format!("amqp://guest:guest@{}/%2f", amqp.addr)),
        ("REDIS_URL", &format!("redis://{}", redis.addr)),
    ]);
    let send = |id: &str| webhooks::text("300", "5511", id, "hello");
    assert_eq!(env.post_signed(&send("wamid.RC1")).await, 200);
    let e = env
        .wait_processed(&["wamid.RC1".into()], Duration::from_secs(20))
        .await;
    assert_eq!(e.len(), 1, "{}", env.logs());

    // The broker "restarts": every worker connection is cut for a while.
    amqp.down();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        env.post_signed(&send("wamid.RC2")).await,
        200,
        "ingress uses the real broker"
    );
    amqp.up();
    let e = env
        .wait_processed(&["wamid.RC2".into()], Duration::from_secs(30))
        .await;
    assert!(
        e.iter().any(|e| e.event == "wamid.RC2"),
        "after broker restart\n{}",
        env.logs()
    );

    // Redis "restarts" for longer than a lease lives: partitions are fenced, then resumed.
    redis.down();
    assert_eq!(env.post_signed(&send("wamid.RC3")).await, 200);
    tokio::time::sleep(Duration::from_secs(3)).await;
    redis.up();
    let e = env
        .wait_processed(&["wamid.RC3".into()], Duration::from_secs(30))
        .await;
    assert!(
        e.iter().any(|e| e.event == "wamid.RC3"),
        "after redis restart\n{}",
        env.logs()
    );
    let back = eventually(Duration::from_secs(10), || async {
        env.lease_holders().await.iter().all(Option::is_some)
    })
    .await;
    assert!(back, "leases held again");
    let ids: Vec<_> = env.probe().await.into_iter().map(|e| e.event).collect();
    assert_eq!(
        ids,
        ["wamid.RC1", "wamid.RC2", "wamid.RC3"],
        "each exactly once"
    );
    env.cleanup().await;
}

/// A distant broker (every answer 700 ms away): the worker's periodic lag measurement, one
/// round trip per partition it owns (8 here, with the DLQ's about 6 s), runs beside the
/// heartbeats and is not taken for a dead connection — the worker keeps its connection and
/// its partitions, and messages keep flowing. (It used to run inside the heartbeat, under a
/// 5 s limit that, once passed, fenced every partition and reconnected.)
#[tokio::test(flavor = "multi_thread")]
async fn a_slow_broker_is_not_taken_for_a_dead_one() {
    let mut env = TestEnv::new("slowbroker");
    env.start_ingress().await;
    let amqp = Proxy::start("127.0.0.1:5672".parse().unwrap()).await;
    env.spawn_worker(&[("AMQP_URL", &format!("amqp://guest:guest@{}/%2f", amqp.addr))]);
    let send = |id: &str| webhooks::text("300", "5511", id, "hello");
    assert_eq!(env.post_signed(&send("wamid.SB1")).await, 200);
    env.wait_processed(&["wamid.SB1".into()], Duration::from_secs(20))
        .await;
    let all = eventually(Duration::from_secs(20), || async {
        env.lease_holders().await.iter().all(Option::is_some)
    })
    .await;
    assert!(all, "the worker holds every partition\n{}", env.logs());
    amqp.delay_downstream(Duration::from_millis(700));
    // Two measurements at least (every fifth one-second heartbeat).
    tokio::time::sleep(Duration::from_secs(12)).await;
    assert_eq!(env.post_signed(&send("wamid.SB2")).await, 200);
    let e = env
        .wait_processed(&["wamid.SB2".into()], Duration::from_secs(20))
        .await;
    assert!(
        e.iter().any(|e| e.event == "wamid.SB2"),
        "processed\n{}",
        env.logs()
    );
    let logs = env.logs();
    assert!(
        !logs.contains("broker connection lost"),
        "the slow broker was taken for a dead one\n{logs}"
    );
    amqp.delay_downstream(Duration::ZERO);
    env.cleanup().await;
}
