//! Effects that survive retries, redeliveries and fences (I4, I6, I8, I9): one regression
//! test per defect found in review, each on the real broker and Redis. Each of them failed on
//! the code before the effects journal and attempt tokens.

use std::time::Duration;

use baton_shared::event::{Event, EventKind};
use baton_shared::state::Owner;
use baton_tests::fakes::llm::Scripted;
use baton_tests::proxy::Proxy;
use baton_tests::world::{NUMBER, PHONE, World};
use baton_tests::{TestEnv, eventually, webhooks};

/// A broker blip while a turn is inside the model call: every partition is fenced, the
/// manager reconnects and restarts its consumers on the same process, and the redelivered
/// message meets the first attempt still running. The reply must still reach the customer,
/// once, from one model call.
#[tokio::test(flavor = "multi_thread")]
async fn a_broker_blip_mid_turn_neither_loses_nor_repeats_the_reply() {
    let amqp = Proxy::start("127.0.0.1:5672".parse().unwrap()).await;
    let url = format!("amqp://guest:guest@{}/%2f", amqp.addr);
    let w = World::start_with("blip", false, &[], &[("AMQP_URL", &url)]).await;
    w.llm.set_latency(Duration::from_millis(2500));
    w.say("wamid.BL1", "Do you ship to Madeira?").await;
    assert!(
        eventually(Duration::from_secs(10), || async {
            !w.llm.requests().is_empty()
        })
        .await,
        "the turn reached the model\n{}",
        w.env.logs()
    );
    amqp.down();
    tokio::time::sleep(Duration::from_millis(600)).await;
    amqp.up();
    w.wait_done(&["wamid.BL1"]).await;
    let texts = w.wait_texts(1).await;
    assert_eq!(texts.len(), 1, "one reply: {texts:?}");
    assert_eq!(w.llm.requests().len(), 1, "the model was asked once");
    w.finish().await;
}

/// The retry-tier publish is refused (the tier's queue is gone, so the publish is
/// returned): the conversation must not be parked behind an event that is not coming back.
#[tokio::test(flavor = "multi_thread")]
async fn a_refused_tier_publish_does_not_wedge_the_conversation() {
    let mut env = TestEnv::new("tierfail");
    // Slow in-process retries (about 3 s before the tier publish), so the second message
    // surely reaches the worker while the first is still failing and waits in its lane,
    // even on a loaded machine: a message that arrives after the first was returned to the
    // broker but before the broker hands it out again would overtake it (a known window; see
    // the README's "Retries and order").
    env.set("WORKER_STEP_RETRY_DELAY", "1s");
    env.start_ingress().await;
    env.spawn_worker(&[]);
    // Warm up through tier 0, so the worker's publisher is connected (connecting declares
    // the topology again), then remove tier 0's queue.
    let warm = webhooks::text("300", "5599", "wamid.TF0", "warm up #probe:transient:3");
    assert_eq!(env.post_signed(&warm).await, 200);
    env.wait_processed(&["wamid.TF0".into()], Duration::from_secs(20))
        .await;
    delete_queue(&env.names().retry_tier(0)).await;
    // Fails its 3 in-process runs; the tier publish is returned; the redelivery succeeds.
    let head = webhooks::text("300", "5511", "wamid.TF1", "first #probe:transient:3");
    let next = webhooks::text("300", "5511", "wamid.TF2", "second");
    assert_eq!(env.post_signed(&head).await, 200);
    assert_eq!(env.post_signed(&next).await, 200);
    let entries = env
        .wait_processed(
            &["wamid.TF1".into(), "wamid.TF2".into()],
            Duration::from_secs(20),
        )
        .await;
    let order = processed_order(&entries, "300:5511");
    assert_eq!(order, ["wamid.TF1", "wamid.TF2"], "{}", env.logs());
    assert!(
        !redis_exists(&env, &env.keys().parked("300:5511")).await,
        "not parked"
    );
    env.cleanup().await;
}

/// Parking left by an earlier owner of the partition (here written before the worker starts)
/// is honoured: an owner loads its partitions' parked sets before it admits anything, and
/// admits a conversation outside them without reading Redis. A later event waits behind the
/// head, and both run, head first, when the head comes; a set member whose marker is gone
/// (expired) is found unparked and run.
#[tokio::test(flavor = "multi_thread")]
async fn parking_left_by_an_earlier_owner_is_honoured_and_stale_members_do_not_hold() {
    let mut env = TestEnv::new("parkedset");
    let parts = env.names().partitions;
    let keys = env.keys();
    let (parked_conv, stale_conv) = ("300:5511", "300:5522");
    let parked_set = keys.parked_set(baton_shared::topology::partition_of(parked_conv, parts));
    let stale_set = keys.parked_set(baton_shared::topology::partition_of(stale_conv, parts));
    {
        let mut c = env.redis.get().await.unwrap();
        redis::pipe()
            .sadd(&parked_set, parked_conv)
            .set_ex(keys.parked(parked_conv), "wamid.PS1", 600)
            .sadd(&stale_set, stale_conv)
            .query_async::<()>(&mut *c)
            .await
            .unwrap();
    }
    env.start_ingress().await;
    env.spawn_worker(&[]);
    let later = webhooks::text("300", "5511", "wamid.PS2", "later");
    assert_eq!(env.post_signed(&later).await, 200);
    let held_key = keys.parked_events(parked_conv);
    let held = eventually(Duration::from_secs(15), || async {
        let mut c = env.redis.get().await.unwrap();
        let n: i64 = redis::cmd("LLEN")
            .arg(&held_key)
            .query_async(&mut *c)
            .await
            .unwrap();
        n == 1
    })
    .await;
    assert!(
        held,
        "the later event is held behind the head\n{}",
        env.logs()
    );
    let other = webhooks::text("300", "5522", "wamid.PS3", "hello");
    assert_eq!(env.post_signed(&other).await, 200);
    env.wait_processed(&["wamid.PS3".into()], Duration::from_secs(20))
        .await;
    // Forgotten in memory only: a read never removes a member from the set (only an unpark
    // does, after draining), so a read racing a park cannot strand what gets held.
    assert!(
        is_member(&env, &stale_set, stale_conv).await,
        "a read leaves the set alone"
    );
    let head = webhooks::text("300", "5511", "wamid.PS1", "head");
    assert_eq!(env.post_signed(&head).await, 200);
    let entries = env
        .wait_processed(
            &["wamid.PS1".into(), "wamid.PS2".into()],
            Duration::from_secs(20),
        )
        .await;
    let order = processed_order(&entries, "300:5511");
    assert_eq!(order, ["wamid.PS1", "wamid.PS2"], "{}", env.logs());
    assert!(
        eventually(Duration::from_secs(5), || async {
            !redis_exists(&env, &keys.parked(parked_conv)).await
                && !is_member(&env, &parked_set, parked_conv).await
        })
        .await,
        "unparked and out of the partition's set"
    );
    env.cleanup().await;
}

/// A head comes back from its retry tier to an owner whose memory does not know that its
/// conversation is parked (here the partition's set lost the member — as a Redis failover
/// losing the last writes can — and the worker that knew was replaced): a returning delivery
/// always reads its marker, so it still drains what was held behind it.
#[tokio::test(flavor = "multi_thread")]
async fn a_returning_head_drains_its_held_events_even_when_the_parked_set_lost_it() {
    let mut env = TestEnv::new("parkedlost");
    env.set("BATON_RETRY_TIERS", "6s,6s");
    env.start_ingress().await;
    env.spawn_worker(&[]);
    let conv = "300:5511";
    let keys = env.keys();
    let (marker, held_list) = (keys.parked(conv), keys.parked_events(conv));
    let head = webhooks::text("300", "5511", "wamid.PL1", "head #probe:transient:3");
    assert_eq!(env.post_signed(&head).await, 200);
    assert!(
        eventually(Duration::from_secs(10), || redis_exists(&env, &marker)).await,
        "head parked\n{}",
        env.logs()
    );
    let held = webhooks::text("300", "5511", "wamid.PL2", "held");
    assert_eq!(env.post_signed(&held).await, 200);
    assert!(
        eventually(Duration::from_secs(10), || redis_exists(&env, &held_list)).await,
        "event held\n{}",
        env.logs()
    );
    let set = keys.parked_set(baton_shared::topology::partition_of(
        conv,
        env.names().partitions,
    ));
    {
        let mut c = env.redis.get().await.unwrap();
        redis::cmd("SREM")
            .arg(&set)
            .arg(conv)
            .query_async::<()>(&mut *c)
            .await
            .unwrap();
    }
    env.worker(0).kill();
    env.spawn_worker(&[]);
    let entries = env
        .wait_processed(
            &["wamid.PL1".into(), "wamid.PL2".into()],
            Duration::from_secs(45),
        )
        .await;
    let order = processed_order(&entries, "300:5511");
    assert_eq!(order, ["wamid.PL1", "wamid.PL2"], "{}", env.logs());
    assert!(
        eventually(Duration::from_secs(5), || async {
            !redis_exists(&env, &marker).await && !redis_exists(&env, &held_list).await
        })
        .await,
        "drained and unparked"
    );
    env.cleanup().await;
}

async fn is_member(env: &TestEnv, set: &str, member: &str) -> bool {
    let mut c = env.redis.get().await.unwrap();
    redis::cmd("SISMEMBER")
        .arg(set)
        .arg(member)
        .query_async::<bool>(&mut *c)
        .await
        .unwrap()
}

/// The worker crashes while it drains the events held behind a head that came back: after a
/// restart, the held event and every later one are processed, in order.
#[tokio::test(flavor = "multi_thread")]
async fn a_crash_while_draining_held_events_does_not_wedge_the_conversation() {
    let mut env = TestEnv::new("draincrash");
    env.set("BATON_RETRY_TIERS", "2s,2s");
    env.start_ingress().await;
    env.spawn_worker(&[]);
    let head = webhooks::text("300", "5511", "wamid.DC1", "head #probe:transient:3");
    assert_eq!(env.post_signed(&head).await, 200);
    let parked = env.keys().parked("300:5511");
    assert!(
        eventually(Duration::from_secs(10), || redis_exists(&env, &parked)).await,
        "head parked\n{}",
        env.logs()
    );
    // Held behind the head; aborts the process the first time it runs (during the drain).
    let held = webhooks::text("300", "5511", "wamid.DC2", "held #probe:crash");
    assert_eq!(env.post_signed(&held).await, 200);
    let died = eventually(Duration::from_secs(15), || {
        let exited = matches!(env.worker(0).child.try_wait(), Ok(Some(_)));
        async move { exited }
    })
    .await;
    assert!(died, "the held event crashed the worker\n{}", env.logs());
    env.spawn_worker(&[]);
    let later = webhooks::text("300", "5511", "wamid.DC3", "later");
    assert_eq!(env.post_signed(&later).await, 200);
    let entries = env
        .wait_processed(
            &["wamid.DC1".into(), "wamid.DC2".into(), "wamid.DC3".into()],
            Duration::from_secs(30),
        )
        .await;
    let order: Vec<&str> = entries.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(
        order,
        ["wamid.DC1", "wamid.DC2", "wamid.DC3"],
        "{}",
        env.logs()
    );
    assert!(
        eventually(Duration::from_secs(5), || async {
            !redis_exists(&env, &parked).await
        })
        .await,
        "unparked"
    );
    env.cleanup().await;
}

/// Graph answers 503 to the handoff notice, more often than the client retries: the step
/// is retried after the transition to `pending_human` and must still tell the customer, and
/// record the handoff once.
#[tokio::test(flavor = "multi_thread")]
async fn a_failed_handoff_notice_is_resumed_not_dropped() {
    let w = World::start("notice", false, &[]).await;
    // The client tries 3 times per send: the first step run's notice fails for good.
    w.graph.fail_next(2, 503, 3);
    w.say("wamid.HN1", "I want to talk to a person please")
        .await;
    w.wait_done(&["wamid.HN1"]).await;
    let texts = w.wait_texts(1).await;
    assert!(texts[0].to_lowercase().contains("teammate"), "{texts:?}");
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert_eq!(w.console_count("handoff").await, 1);
    assert_eq!(
        w.console_count("customer_message").await,
        0,
        "the retry did not take its own handoff for a human's conversation"
    );
    let lines = w.transcript().await;
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.text.starts_with("AI handed off"))
            .count(),
        1
    );
    assert_eq!(w.owner().await.owner, Owner::PendingHuman);
    w.finish().await;
}

/// A human command whose processing fails after its transition is retried: the retry finds
/// the transition applied by itself and finishes the follow-ups, instead of reporting
/// `command_refused`.
#[tokio::test(flavor = "multi_thread")]
async fn a_retried_claim_is_not_refused() {
    let w = World::start("claim", false, &[]).await;
    w.say("wamid.CL1", "I want to talk to a person").await;
    w.wait_console("handoff").await;
    // The probe step (after the engine) fails this claim's first 3 runs: past the in-process
    // retries (which re-run only the failing step), so the whole pipeline runs again from a
    // retry tier.
    let mut claim = Event::human(EventKind::HumanClaim, w.conversation(), "maria", None);
    claim.item["text"] = serde_json::json!({ "body": "#probe:transient:3" });
    w.publish(&claim).await;
    w.wait_done(&[&claim.id]).await;
    assert_eq!(w.owner().await.agent.as_deref(), Some("maria"));
    assert_eq!(w.console_count("human_claim").await, 1);
    assert_eq!(w.console_count("command_refused").await, 0);
    w.finish().await;
}

/// Part 2 of a long reply fails after part 1 was accepted: the retry sends part 2 only,
/// without a second model call.
#[tokio::test(flavor = "multi_thread")]
async fn a_long_reply_resumes_with_the_parts_not_sent() {
    let w = World::start("longreply", false, &[]).await;
    let part = |c: &str| c.repeat(3000);
    let reply = format!("{}\n\n{}", part("a"), part("b"));
    w.llm.push(Scripted::Reply(reply));
    w.graph.pass_next(1);
    w.graph.fail_next(2, 503, 3);
    w.say("wamid.LR1", "Tell me everything about your returns policy")
        .await;
    w.wait_done(&["wamid.LR1"]).await;
    let texts = w.wait_texts(2).await;
    assert_eq!(texts, [part("a"), part("b")], "each part once, in order");
    assert_eq!(w.llm.requests().len(), 1, "one model call");
    w.finish().await;
}

/// With coalescing, a reaction at the end of a burst must not take the answer the question
/// before it is owed.
#[tokio::test(flavor = "multi_thread")]
async fn a_reaction_ending_a_burst_does_not_swallow_the_answer() {
    let w = World::start("burstreact", false, &[("BATON_COALESCE_DEBOUNCE", "500ms")]).await;
    w.say("wamid.BR1", "hi").await;
    w.say("wamid.BR2", "are you open on Sunday?").await;
    let reaction = webhooks::envelope(vec![webhooks::entry(
        NUMBER,
        vec![serde_json::json!({
        "from": PHONE, "id": "wamid.BR3", "timestamp": "1767225600", "type": "reaction",
        "reaction": { "message_id": "wamid.X", "emoji": "👍" } })],
    )]);
    assert_eq!(w.env.post_signed(&reaction).await, 200);
    w.wait_done(&["wamid.BR1", "wamid.BR2", "wamid.BR3"]).await;
    let texts = w.wait_texts(1).await;
    assert_eq!(texts.len(), 1, "one answer for the burst: {texts:?}");
    let prompt = w.llm.requests().last().unwrap().to_string();
    assert!(prompt.contains("are you open on Sunday?"), "{prompt}");
    w.finish().await;
}

/// Messages already waiting in the lane when a turn starts are answered in one turn, with no
/// debounce configured.
#[tokio::test(flavor = "multi_thread")]
async fn messages_waiting_when_a_turn_starts_are_answered_together() {
    let w = World::start("waiting", false, &[]).await;
    w.llm.set_latency(Duration::from_millis(1500));
    w.say("wamid.WT1", "hi").await;
    assert!(
        eventually(Duration::from_secs(10), || async {
            !w.llm.requests().is_empty()
        })
        .await
    );
    for (id, text) in [
        ("wamid.WT2", "I ordered a lamp"),
        ("wamid.WT3", "it has not come"),
        ("wamid.WT4", "where is it?"),
    ] {
        w.say(id, text).await;
    }
    w.wait_done(&["wamid.WT1", "wamid.WT2", "wamid.WT3", "wamid.WT4"])
        .await;
    let texts = w.wait_texts(2).await;
    assert_eq!(
        texts.len(),
        2,
        "the first message, then the burst: {texts:?}"
    );
    let requests = w.llm.requests();
    assert_eq!(requests.len(), 2);
    let prompt = requests[1].to_string();
    for t in ["I ordered a lamp", "it has not come", "where is it?"] {
        assert!(prompt.contains(t), "the burst's turn sees {t:?}");
    }
    w.finish().await;
}

/// The memory queue refuses every publish while the customer's turn runs: the reply is sent,
/// then the step fails on its memory publishes and is retried from a tier. The retry must not
/// ask the model again or send the reply again, and once the queue takes publishes again both
/// turns reach memory, once each.
#[tokio::test(flavor = "multi_thread")]
async fn a_failed_memory_publish_after_the_reply_neither_repeats_nor_loses_it() {
    let w = World::start("memrefused", true, &[("BATON_RETRY_TIERS", "2s,2s,2s")]).await;
    // A first turn connects the worker's publisher (connecting declares the topology, which
    // the stand-in queue would refuse); then the memory queue is replaced.
    w.say("wamid.MR0", "hello").await;
    w.wait_done(&["wamid.MR0"]).await;
    w.wait_texts(1).await;
    let queue = w.env.names().memory_queue();
    let impostor = RefusingQueue::replace(&queue).await;
    w.say("wamid.MR1", "Do you ship to Madeira?").await;
    let texts = w.wait_texts(2).await;
    assert!(
        eventually(Duration::from_secs(10), || async {
            w.env.logs().contains("memory queue")
        })
        .await,
        "the step failed on its memory publish\n{}",
        w.env.logs()
    );
    impostor.remove().await;
    w.wait_done(&["wamid.MR1"]).await;
    assert_eq!(w.texts(), texts, "the reply was not sent again");
    assert_eq!(
        w.llm.requests().len(),
        2,
        "the model was asked once per message"
    );
    let synap = w.synap.as_ref().unwrap();
    let count = |content: &str| {
        synap
            .messages()
            .iter()
            .filter(|m| m["content"] == content)
            .count()
    };
    let question = "Customer: Do you ship to Madeira?";
    let reply = format!("Agent: {}", texts[1]);
    assert!(
        eventually(Duration::from_secs(20), || async {
            count(question) >= 1 && count(&reply) >= 1
        })
        .await,
        "both turns reached memory: {:?}\n{}",
        synap.messages(),
        w.env.logs()
    );
    assert_eq!(count(question), 1, "{:?}", synap.messages());
    assert_eq!(count(&reply), 1, "{:?}", synap.messages());
    w.finish().await;
}

/// Stands in for a queue with one that refuses every publish: a classic queue of the same
/// name capped at zero messages with `reject-publish`, so a confirmed publish to it is nacked.
/// Its arguments differ from the real queue's, so a consumer reconnecting meanwhile cannot
/// declare the real one over it (`PRECONDITION_FAILED`) until [`RefusingQueue::remove`].
struct RefusingQueue {
    conn: lapin::Connection,
    name: String,
}

impl RefusingQueue {
    async fn replace(name: &str) -> RefusingQueue {
        use lapin::options::{QueueDeclareOptions, QueueDeleteOptions};
        use lapin::types::{AMQPValue, FieldTable};
        let conn = baton_shared::amqp::connect(&baton_tests::real_amqp_url(), "baton-test-refuse")
            .await
            .unwrap();
        let mut args = FieldTable::default();
        args.insert("x-max-length".into(), AMQPValue::LongInt(0));
        args.insert(
            "x-overflow".into(),
            AMQPValue::LongString("reject-publish".into()),
        );
        for _ in 0..20 {
            // A channel per try: a refused declare closes it.
            let ch = conn.create_channel().await.unwrap();
            ch.queue_delete(name.into(), QueueDeleteOptions::default())
                .await
                .unwrap();
            let declared = ch
                .queue_declare(
                    name.into(),
                    QueueDeclareOptions {
                        durable: true,
                        ..Default::default()
                    },
                    args.clone(),
                )
                .await;
            if declared.is_ok() {
                return RefusingQueue {
                    conn,
                    name: name.to_owned(),
                };
            }
        }
        panic!("could not replace {name}: a consumer keeps declaring it first");
    }

    /// Deletes the stand-in; the worker's memory consumer declares the real queue again when it
    /// reconnects.
    async fn remove(self) {
        let ch = self.conn.create_channel().await.unwrap();
        ch.queue_delete(self.name.as_str().into(), Default::default())
            .await
            .unwrap();
        let _ = self.conn.close(200, "done".into()).await;
    }
}

async fn delete_queue(name: &str) {
    use lapin::options::QueueDeleteOptions;
    let conn = baton_shared::amqp::connect(&baton_tests::real_amqp_url(), "baton-test-delete")
        .await
        .unwrap();
    let ch = conn.create_channel().await.unwrap();
    ch.queue_delete(name.into(), QueueDeleteOptions::default())
        .await
        .unwrap();
    let _ = conn.close(200, "done".into()).await;
}

/// The event ids the probe saw processed for `conversation`, in processing order.
fn processed_order<'a>(entries: &'a [baton_tests::ProbeEntry], conversation: &str) -> Vec<&'a str> {
    entries
        .iter()
        .filter(|e| e.conversation == conversation)
        .map(|e| e.event.as_str())
        .collect()
}

async fn redis_exists(env: &TestEnv, key: &str) -> bool {
    let mut c = env.redis.get().await.unwrap();
    redis::cmd("EXISTS")
        .arg(key)
        .query_async::<bool>(&mut *c)
        .await
        .unwrap()
}
