//! Baton on a Redis Cluster (issue 9): a 3-master cluster from `redis-server` on loopback
//! ports (`baton_tests::cluster`), ingress and a worker process with `REDIS_URL` in the
//! cluster form, one conversation end to end, and no `CROSSSLOT` anywhere; the keys spread
//! over the masters (the hash tags do not pin everything to one node).
//!
//! Two phases. The first sends nothing to the customer: a console takeover, a customer message
//! while the human owns the conversation, a release — transitions and the console index,
//! claims against the membership, journals, console events, leases. The second — a customer
//! message answered by the AI, a handoff, a claim and a reply from the console, a release —
//! sends through the send limits (`worker::whatsapp::limits`), whose scripts touch one business
//! number's keys under its hash tag.

use std::time::{Duration, Instant};

use baton_shared::event::now_ms;
use baton_shared::state::{Owner, index};
use baton_tests::cluster::RedisCluster;
use baton_tests::eventually;
use baton_tests::world::{PHONE, World};
use baton_worker::conversation::state::ownership;

async fn until<F, Fut>(w: &World, what: &str, f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let ok = eventually(Duration::from_secs(20), f).await;
    assert!(ok, "{what}\n{}", w.env.logs());
}

/// The conversation is listed under `owner` only.
async fn indexed_under(w: &World, owner: Owner) -> bool {
    let conv = w.conv_key();
    for o in [Owner::Ai, Owner::PendingHuman, Owner::Human] {
        let listed = index::owned(&w.env.redis, &w.env.keys(), o, 0, 100)
            .await
            .unwrap()
            .iter()
            .any(|(k, _)| *k == conv);
        if listed != (o == owner) {
            return false;
        }
    }
    true
}

#[tokio::test(flavor = "multi_thread")]
async fn a_conversation_end_to_end_on_a_three_master_redis_cluster() {
    if !RedisCluster::available() {
        eprintln!("SKIPPED: redis-server and redis-cli are not installed");
        return;
    }
    let started = Instant::now();
    let cluster = tokio::task::spawn_blocking(RedisCluster::start)
        .await
        .unwrap();
    let url = cluster.url();
    let w = World::start("rcl", false, &[("REDIS_URL", url.as_str())]).await;
    assert!(w.env.redis.is_cluster());
    let maria = w.agent("maria");

    // Phase 1: nothing sent to the customer. The customer is known (as after an earlier
    // message), a human takes the conversation over before they write.
    ownership::touch_customer(&w.env.redis, &w.env.keys(), &w.conversation(), now_ms())
        .await
        .unwrap();
    let took = maria.takeover(PHONE, None).await;
    assert!(took.status < 300, "takeover: {}", took.body);
    assert_eq!(w.owner().await.agent.as_deref(), Some("maria"));
    w.say("wamid.K0", "Hello? Anyone there?").await;
    w.wait_done(&["wamid.K0"]).await;
    w.wait_console("customer_message").await;
    until(&w, "indexed under the human", || {
        indexed_under(&w, Owner::Human)
    })
    .await;
    let released = maria.release(PHONE, None, None).await;
    assert!(released.status < 300, "release: {}", released.body);
    until(&w, "released to the AI", || async {
        w.owner().await.owner == Owner::Ai
    })
    .await;
    until(&w, "indexed under the AI", || indexed_under(&w, Owner::Ai)).await;
    for kind in ["human_takeover", "customer_message", "human_release"] {
        assert_eq!(w.console_count(kind).await, 1, "{kind}");
    }

    // Phase 2: sends, through the send limits (one number's keys, one slot).
    w.say("wamid.K1", "Hi, do you deliver on Sundays?").await;
    w.wait_texts(1).await;
    w.say("wamid.K2", "I want to talk to a person").await;
    w.wait_console("handoff").await;
    w.wait_done(&["wamid.K1", "wamid.K2"]).await;
    assert_eq!(w.owner().await.owner, Owner::PendingHuman);
    let claimed = maria.claim(PHONE, None).await;
    assert!(claimed.status < 300, "claim: {}", claimed.body);
    let replied = maria.reply(PHONE, "Hi, Maria here.", None).await;
    assert!(replied.status < 300, "reply: {}", replied.body);
    until(&w, "maria's reply sent", || async {
        w.texts().iter().any(|t| t.contains("Maria here"))
    })
    .await;
    let released = maria.release(PHONE, None, None).await;
    assert!(released.status < 300, "release: {}", released.body);
    until(&w, "released again", || async {
        w.owner().await.owner == Owner::Ai
    })
    .await;
    until(&w, "indexed under the AI again", || {
        indexed_under(&w, Owner::Ai)
    })
    .await;
    for (kind, n) in [("handoff", 1), ("human_claim", 1), ("human_release", 2)] {
        assert_eq!(w.console_count(kind).await, n, "{kind}");
    }

    let logs = w.env.full_logs();
    for bad in ["CROSSSLOT", "CrossSlot", "cross-slot"] {
        assert!(
            !logs.contains(bad),
            "{bad} in the worker log:\n{}",
            logs.lines()
                .filter(|l| l.contains(bad))
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    let sizes = cluster.sizes();
    assert!(
        sizes.iter().filter(|n| **n > 0).count() >= 2,
        "keys spread over the masters: {sizes:?}"
    );
    w.finish().await;
    drop(cluster);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}
