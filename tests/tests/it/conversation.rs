//! The conversation engine end to end: real broker, Redis and worker processes; fake Graph,
//! LLM and Synap servers that check every request against the specs.

use std::time::Duration;

use baton_shared::event::EventKind;
use baton_shared::state::{HandoffReason, Owner, Speaker};
use baton_tests::world::{NUMBER, PHONE, World};
use baton_tests::{eventually, webhooks};
use baton_worker::conversation::state::ownership;
use baton_worker::conversation::state::transcript;

#[tokio::test(flavor = "multi_thread")]
async fn the_seed_run_and_verify_conversation() {
    let w = World::start("seed", true, &[]).await;
    // Order question → the AI looks the order up and answers.
    w.say("wamid.S1", "Hi, my order #ORD-22 hasn't arrived")
        .await;
    let texts = w.wait_texts(1).await;
    assert!(
        texts[0].contains("ORD-22"),
        "answer about the order: {texts:?}"
    );

    // Explicit ask → handoff before the LLM; the customer is told a person is coming.
    let llm_calls = w.llm.requests().len();
    w.say(
        "wamid.S2",
        "I never got it. This is the second time. I want to talk to a person.",
    )
    .await;
    let texts = w.wait_texts(2).await;
    assert!(texts[1].to_lowercase().contains("teammate"), "{texts:?}");
    let handoff = w.wait_console("handoff").await;
    assert_eq!(handoff["reason"], "customer_asked");
    assert_eq!(
        w.llm.requests().len(),
        llm_calls,
        "signal handled before the LLM"
    );
    assert_eq!(w.owner().await.owner, Owner::PendingHuman);

    // The AI stays silent while a human owns the conversation.
    w.say("wamid.S3", "...").await;
    w.wait_console("customer_message").await;
    w.human(EventKind::HumanReply, "maria", Some("Hi Anish, I see ORD-22 was marked delivered to 12 Oak. I'm reissuing #ORD-22-R immediately, free shipping, you'll have it in 2 days.")).await;
    let texts = w.wait_texts(3).await;
    assert!(texts[2].contains("ORD-22-R"));
    let state = w.owner().await;
    assert_eq!(
        (state.owner.as_str(), state.agent.as_deref()),
        ("human", Some("maria"))
    );
    w.say("wamid.S4", "Thank you.").await;
    w.wait_done(&["wamid.S4"]).await;
    assert_eq!(
        w.texts().len(),
        3,
        "AI silent while the human owns it: {:?}",
        w.texts()
    );

    // Release → the next AI prompt contains the human's turn and the release.
    w.human(
        EventKind::HumanRelease,
        "maria",
        Some("Reissued as ORD-22-R"),
    )
    .await;
    w.wait_console("human_release").await;
    assert_eq!(w.owner().await.owner, Owner::Ai);
    w.say("wamid.S5", "Hey, did the reissue ship?").await;
    let texts = w.wait_texts(4).await;
    let prompt = w.llm.requests().last().unwrap().to_string();
    assert!(
        prompt.contains("ORD-22-R"),
        "the AI sees what the human said"
    );
    assert!(prompt.contains("released"), "the AI sees the release");
    assert!(
        texts[3].contains("ORD-22-R"),
        "the answer uses it: {texts:?}"
    );

    // Memory got the seed's documents.
    let synap = w.synap.as_ref().unwrap();
    let ok = eventually(Duration::from_secs(20), || async {
        let docs = serde_json::to_string(&synap.memories()).unwrap();
        docs.contains("AI handed off to human. Reason: customer_asked")
            && docs.contains("Human released thread back to AI.")
    })
    .await;
    assert!(ok, "handoff and release written: {:?}", synap.memories());
    let turns = eventually(Duration::from_secs(20), || async {
        serde_json::to_string(&synap.messages())
            .unwrap()
            .contains("ORD-22-R")
    })
    .await;
    assert!(
        turns,
        "human turn written to memory: {:?}",
        synap.messages()
    );
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn llm_down_hands_off_without_showing_an_error() {
    let w = World::start(
        "llmdown",
        false,
        &[("LLM_TIMEOUT", "1s"), ("LLM_MAX_RETRIES", "1")],
    )
    .await;
    w.llm.set_down(true);
    // Someone has the console open, so the customer gets the AI-failure notice (with nobody
    // online it would be the "as soon as one is free" one: `human::availability`).
    w.agent_online("maria").await;
    w.say(
        "wamid.L1",
        "Can you tell me the opening hours of the Lisbon store?",
    )
    .await;
    let texts = w.wait_texts(1).await;
    assert_eq!(
        texts,
        vec![
            "Thanks for your message. A teammate will follow up with you here shortly.".to_owned()
        ]
    );
    let state = w.owner().await;
    assert_eq!(
        (state.owner, state.reason),
        (Owner::PendingHuman, Some(HandoffReason::AiFailure))
    );
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_is_not_sent_when_the_owner_changed_mid_turn() {
    let w = World::start("midturn", false, &[]).await;
    w.llm.set_latency(Duration::from_millis(1500));
    w.say("wamid.M1", "What sizes does the blue jacket come in?")
        .await;
    assert!(
        eventually(Duration::from_secs(10), || async {
            !w.llm.requests().is_empty()
        })
        .await
    );
    // A human takes over from the console while the model is thinking.
    let takeover = ownership::Request {
        transition: ownership::Transition::Takeover,
        agent: Some("li"),
        reason: None,
        summary: None,
        cause: "console-takeover-1",
    };
    ownership::apply(&w.env.redis, &w.env.keys(), &w.conv_key(), &takeover)
        .await
        .unwrap();
    let draft = w.wait_console("draft").await;
    assert!(draft["text"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(
        w.texts().is_empty(),
        "no AI message reached the customer: {:?}",
        w.texts()
    );
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn synap_down_for_a_while_writes_are_retried_then_complete() {
    let w = World::start("synapdown", true, &[("BATON_RETRY_TIERS", "1s,2s,4s")]).await;
    let synap = w.synap.as_ref().unwrap();
    w.say("wamid.Y0", "Hello!").await;
    w.wait_texts(1).await;
    let first = eventually(Duration::from_secs(20), || async {
        serde_json::to_string(&synap.messages())
            .unwrap()
            .contains("Hello!")
    })
    .await;
    assert!(first, "memory works before the outage\n{}", w.env.logs());
    synap.set_down(true);
    w.say("wamid.Y1", "Do you ship to Porto?").await;
    w.wait_texts(2).await;
    assert!(
        !serde_json::to_string(&synap.messages())
            .unwrap()
            .contains("Porto"),
        "the reply did not wait for memory"
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    synap.set_down(false);
    let ok = eventually(Duration::from_secs(20), || async {
        serde_json::to_string(&synap.messages())
            .unwrap()
            .contains("Do you ship to Porto?")
    })
    .await;
    assert!(
        ok,
        "customer turn written after Synap came back\n{}",
        w.env.logs()
    );
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_permanent_graph_error_is_recorded_not_retried() {
    let w = World::start("graphperm", false, &[]).await;
    w.graph.fail_next(131026, 400, 1);
    w.say("wamid.G1", "Hello, is anyone there?").await;
    let failed = w.wait_console("send_failed").await;
    assert_eq!(failed["code"], 131026);
    w.wait_done(&["wamid.G1"]).await;
    let sends = w
        .graph
        .requests()
        .into_iter()
        .filter(|r| r.kind == "text")
        .count();
    assert_eq!(sends, 1, "not retried");
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicates_redeliveries_and_crashes_give_at_most_one_reply() {
    let w = World::start("onereply", false, &[]).await;
    for _ in 0..3 {
        w.say("wamid.D1", "Where is my parcel?").await;
    }
    w.wait_texts(1).await;
    // The worker crashes after answering (the probe aborts after the engine ran): the
    // redelivered message is processed again but not answered again.
    w.say("wamid.D2", "And the second parcel? #probe:crash")
        .await;
    w.wait_texts(2).await;
    let mut env = w.env;
    let died = eventually(Duration::from_secs(10), || {
        let exited = matches!(env.worker(0).child.try_wait(), Ok(Some(_)));
        async move { exited }
    })
    .await;
    assert!(died, "the probe aborted the worker");
    env.spawn_worker(&[]);
    let entries = env
        .wait_processed(&["wamid.D2".into()], Duration::from_secs(30))
        .await;
    assert!(
        entries.iter().any(|e| e.event == "wamid.D2"),
        "{}",
        env.logs()
    );
    assert_eq!(
        w.graph.texts_to(PHONE).len(),
        2,
        "one reply per inbound: {:?}",
        w.graph.texts_to(PHONE)
    );
    let w = World { env, ..w };
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn statuses_update_delivery_and_failures_reach_humans() {
    let w = World::start("status", false, &[]).await;
    w.say("wamid.T1", "Hi there").await;
    w.wait_texts(1).await;
    // Sending writes no status record (the first status webhook does): the transcript line
    // carries the wamid.
    let mut c = w.env.redis.get().await.unwrap();
    let records: Vec<String> = redis::cmd("KEYS")
        .arg(w.env.keys().sent("*"))
        .query_async(&mut *c)
        .await
        .unwrap();
    drop(c);
    assert!(records.is_empty(), "no record before a status: {records:?}");
    let lines = transcript::recent(&w.env.redis, &w.env.keys(), &w.conv_key(), 10)
        .await
        .unwrap();
    let wamid = lines
        .iter()
        .find(|l| l.role == Speaker::Ai)
        .and_then(|l| l.wamids.first().cloned())
        .expect("the AI's line carries its wamid");
    let status = |s: &str, code: Option<i64>| {
        let mut item = serde_json::json!({ "id": wamid, "status": s, "timestamp": "1767225700", "recipient_id": PHONE });
        if let Some(c) = code {
            item["errors"] = serde_json::json!([{ "code": c, "title": "Message undeliverable" }]);
        }
        webhooks::envelope(vec![
            serde_json::json!({ "id": "1", "changes": [{ "field": "messages", "value": {
            "messaging_product": "whatsapp", "metadata": { "phone_number_id": NUMBER }, "statuses": [item] } }] }),
        ])
    };
    assert_eq!(w.env.post_signed(&status("sent", None)).await, 200);
    assert_eq!(
        w.env.post_signed(&status("failed", Some(131026))).await,
        200
    );
    let failed = w.wait_console("delivery_failed").await;
    assert_eq!(failed["role"], "ai");
    assert_eq!(failed["errors"][0]["code"], 131026);
    // A later read proves delivery; a late 'delivered' after it does not downgrade it.
    assert_eq!(w.env.post_signed(&status("read", None)).await, 200);
    assert_eq!(w.env.post_signed(&status("delivered", None)).await, 200);
    let settled = eventually(Duration::from_secs(10), || async {
        let r = baton_shared::state::sent::get(&w.env.redis, &w.env.keys(), &wamid)
            .await
            .unwrap();
        r.and_then(|r| r.status).as_deref() == Some("read")
    })
    .await;
    // Wait for the late 'delivered' to be processed, then check it changed nothing.
    w.wait_done(&[&format!("status:{wamid}:delivered")]).await;
    let last = baton_shared::state::sent::get(&w.env.redis, &w.env.keys(), &wamid)
        .await
        .unwrap()
        .and_then(|r| r.status);
    assert!(
        settled && last.as_deref() == Some("read"),
        "status is {last:?}"
    );
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn non_text_messages_are_recorded_and_answered_sensibly() {
    let w = World::start("nontext", false, &[]).await;
    let reaction = webhooks::envelope(vec![webhooks::entry(
        NUMBER,
        vec![serde_json::json!({
        "from": PHONE, "id": "wamid.N1", "timestamp": "1767225600", "type": "reaction",
        "reaction": { "message_id": "wamid.X", "emoji": "👍" } })],
    )]);
    assert_eq!(w.env.post_signed(&reaction).await, 200);
    let unsupported = webhooks::envelope(vec![webhooks::entry(
        NUMBER,
        vec![serde_json::json!({
        "from": PHONE, "id": "wamid.N2", "timestamp": "1767225601", "type": "unsupported",
        "errors": [{ "code": 131051, "title": "Message type unknown" }] })],
    )]);
    assert_eq!(w.env.post_signed(&unsupported).await, 200);
    let texts = w.wait_texts(1).await;
    assert!(
        texts[0].contains("as text"),
        "polite ask for text: {texts:?}"
    );
    let location = webhooks::envelope(vec![webhooks::entry(
        NUMBER,
        vec![serde_json::json!({
        "from": PHONE, "id": "wamid.N3", "timestamp": "1767225602", "type": "location",
        "location": { "latitude": 38.72, "longitude": -9.14, "name": "Rossio" } })],
    )]);
    assert_eq!(w.env.post_signed(&location).await, 200);
    let texts = w.wait_texts(2).await;
    let prompt = w
        .llm
        .requests()
        .last()
        .unwrap_or_else(|| panic!("no model call; sent {texts:?}"))
        .to_string();
    assert!(
        prompt.contains("[location: 38.72, -9.14; Rossio]"),
        "location described to the model"
    );
    assert_eq!(w.texts().len(), 2, "the reaction needed no answer");
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_burst_of_messages_gets_one_answer_when_coalescing_is_on() {
    let w = World::start("burst", false, &[("BATON_COALESCE_DEBOUNCE", "800ms")]).await;
    w.say("wamid.B1", "hi").await;
    w.say("wamid.B2", "I ordered a lamp last week").await;
    w.say("wamid.B3", "when will it arrive?").await;
    w.wait_done(&["wamid.B1", "wamid.B2", "wamid.B3"]).await;
    w.wait_texts(1).await;
    assert_eq!(
        w.texts().len(),
        1,
        "one answer for the burst: {:?}",
        w.texts()
    );
    let requests = w.llm.requests();
    assert_eq!(requests.len(), 1, "one model call");
    let prompt = requests[0].to_string();
    for part in ["hi", "I ordered a lamp last week", "when will it arrive?"] {
        assert!(prompt.contains(part), "the turn sees {part:?}");
    }
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_unresolved_ai_turns_hand_off_and_ordinary_questions_do_not() {
    let w = World::start("unresolved", false, &[]).await;
    // Several ordinary questions in a row are not failures.
    w.say("wamid.U1", "Do you have the blue lamp in stock?")
        .await;
    w.wait_texts(1).await;
    w.say("wamid.U2", "And how long does delivery to Porto take?")
        .await;
    w.wait_texts(2).await;
    w.say("wamid.U3", "Can I pay on delivery?").await;
    w.wait_texts(3).await;
    assert_eq!(w.owner().await.owner, Owner::Ai);
    // Pushing back on two AI answers in a row is.
    w.say("wamid.U4", "That doesn't help me").await;
    w.wait_texts(4).await;
    assert_eq!(
        w.owner().await.owner,
        Owner::Ai,
        "one unresolved turn is not enough"
    );
    w.say("wamid.U5", "Hmm, that's not what I asked about the lamp")
        .await;
    let handoff = w.wait_console("handoff").await;
    assert_eq!(handoff["reason"], "repeated_failure", "{handoff}");
    w.finish().await;
}
