//! What the console reads: the lists by owner and the detail — the handoff decision with its
//! evidence, the memory snapshot, the transcript with agents' names, the window, the AI's
//! draft and the messages that did not reach the customer; each sent part's delivery status.

use std::time::Duration;

use baton_shared::state::failures::FailureKind;
use baton_shared::state::{DeliveryStatus, HandoffReason, HandoffSource, Owner, Speaker};
use baton_tests::fakes::llm::Scripted;
use baton_tests::world::{NUMBER, PHONE, World};
use baton_tests::{eventually, webhooks};
use serde_json::json;

use super::{handed_off, until};

/// Waits until the local memory backend holds at least `n` records of the customer.
async fn memory_holds(w: &World, n: usize) {
    let pattern = w.env.keys().memory_docs("*");
    until(w, "memory records written", || async {
        let mut c = w.env.redis.get().await.unwrap();
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg(&pattern)
            .query_async(&mut *c)
            .await
            .unwrap();
        let Some(key) = keys.first() else {
            return false;
        };
        let len: usize = redis::cmd("HLEN")
            .arg(key)
            .query_async(&mut *c)
            .await
            .unwrap();
        len >= n
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_and_detail_show_a_detectors_handoff_with_its_evidence() {
    let w = World::start("console-detail", false, &[]).await;
    w.say("wamid.H0", "Hi, I'm Anish and I love oak tables")
        .await;
    w.wait_texts(1).await;
    memory_holds(&w, 2).await;
    handed_off(&w, "wamid.H1").await;
    let maria = w.agent("maria");

    let pending = maria
        .list(Some(Owner::PendingHuman))
        .await
        .ok()
        .conversations;
    assert_eq!(pending.len(), 1);
    let row = &pending[0];
    assert_eq!(
        (row.customer.as_str(), row.number.as_str()),
        (PHONE, NUMBER)
    );
    assert_eq!(row.reason, Some(HandoffReason::CustomerAsked));
    assert!(row.waiting_ms.is_some_and(|ms| ms >= 0));
    assert!(row.window.open);
    let last = row.last_message.as_ref().expect("the newest line");
    assert_eq!(last.speaker, Speaker::Ai, "the handoff notice");
    assert!(
        maria
            .list(Some(Owner::Ai))
            .await
            .ok()
            .conversations
            .is_empty()
    );
    assert_eq!(maria.list(None).await.ok().conversations.len(), 1);

    let d = maria.detail(PHONE).await.ok();
    let h = d.handoff.expect("the handoff decision");
    assert_eq!(
        (h.reason, h.source),
        (HandoffReason::CustomerAsked, Some(HandoffSource::Detector))
    );
    assert!(
        h.evidence.is_some_and(|e| !e.is_empty()),
        "the matched words"
    );
    assert_eq!(h.version, d.summary.version);
    let context = d.memory_context.expect("the memory snapshot");
    assert!(context.contains("oak tables"), "{context}");
    let day = 24 * 3600 * 1000;
    assert!(d.summary.window.remaining_ms > day - 60_000 && d.summary.window.remaining_ms <= day);
    let speakers: Vec<Speaker> = d.transcript.iter().map(|t| t.speaker).collect();
    assert_eq!(
        speakers,
        [
            Speaker::Customer,
            Speaker::Ai,
            Speaker::Customer,
            Speaker::Event,
            Speaker::Ai
        ]
    );
    assert!(d.draft.is_none() && d.failures.is_empty());

    maria.claim(PHONE, None).await.ok();
    maria.reply(PHONE, "Hi Anish, Maria here.", None).await.ok();
    let d2 = maria.detail(PHONE).await.ok();
    assert_eq!(
        (d2.summary.owner, d2.summary.agent.as_deref()),
        (Owner::Human, Some("maria"))
    );
    assert!(d2.summary.version > d.summary.version);
    let claimed = d2.transcript.iter().any(|t| {
        t.speaker == Speaker::Event
            && t.agent.as_deref() == Some("maria")
            && t.text.contains("claimed")
    });
    assert!(claimed, "{:?}", d2.transcript);
    let said = d2.transcript.last().unwrap();
    assert_eq!(
        (said.speaker, said.agent.as_deref(), said.text.as_str()),
        (Speaker::Human, Some("maria"), "Hi Anish, Maria here.")
    );
    assert!(
        maria
            .list(Some(Owner::PendingHuman))
            .await
            .ok()
            .conversations
            .is_empty()
    );
    assert_eq!(
        maria
            .list(Some(Owner::Human))
            .await
            .ok()
            .conversations
            .len(),
        1
    );
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_models_handoff_shows_its_tool_call() {
    let w = World::start("console-model", false, &[]).await;
    let args = json!({ "reason": "out_of_scope", "summary": "Wants a custom-built table" });
    w.llm.push(Scripted::ToolCalls(vec![(
        "hand_off_to_human".into(),
        args,
    )]));
    w.say("wamid.MH1", "Could you build me a table to my own design?")
        .await;
    w.wait_console("handoff").await;
    w.wait_done(&["wamid.MH1"]).await;
    let d = w.agent("li").detail(PHONE).await.ok();
    let h = d.handoff.expect("the handoff decision");
    assert_eq!(
        (h.reason, h.source),
        (HandoffReason::OutOfScope, Some(HandoffSource::Model))
    );
    assert_eq!(h.summary, "Wants a custom-built table");
    let evidence = h.evidence.unwrap_or_default();
    for part in ["hand_off_to_human", "out_of_scope", "custom-built table"] {
        assert!(evidence.contains(part), "{evidence}");
    }
    assert_eq!(d.summary.owner, Owner::PendingHuman);
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn detail_shows_the_ais_draft_and_what_did_not_reach_the_customer() {
    let w = World::start("console-draft", false, &[]).await;
    let li = w.agent("li");
    w.llm.set_latency(Duration::from_millis(1500));
    w.say("wamid.DR1", "What sizes does the blue jacket come in?")
        .await;
    until(&w, "the turn reached the model", || async {
        !w.llm.requests().is_empty()
    })
    .await;
    // Li takes over through the console while the model thinks: the owner changes at once
    // (ingress applies it), so the AI's reply is withheld at its send-time check.
    let took = li.takeover(PHONE, Some("take-1")).await;
    assert!(
        matches!(took.status, 200 | 202),
        "takeover answered: {}",
        took.body
    );
    let now = w.owner().await;
    assert_eq!(
        (now.owner, now.agent.as_deref()),
        (Owner::Human, Some("li"))
    );
    w.wait_console("draft").await;
    let d = li.detail(PHONE).await.ok();
    assert!(d.draft.is_some_and(|t| !t.is_empty()), "the unsent reply");
    assert!(w.texts().is_empty());
    // The worker records the takeover once, as applied by that command.
    let recorded = eventually(Duration::from_secs(20), || async {
        w.console_count("human_takeover").await == 1
    })
    .await;
    assert!(recorded, "{:?}", w.console().await);
    let lines = w.transcript().await;
    let took_over = lines
        .iter()
        .filter(|l| l.text.contains("li took over"))
        .count();
    assert_eq!(took_over, 1, "{lines:?}");

    w.graph.fail_next(131026, 400, 1);
    let refused = li.reply(PHONE, "Hi, we have S to XL.", None).await;
    assert_eq!(
        (refused.status, refused.reason()),
        (502, "send_failed"),
        "{}",
        refused.body
    );
    assert_eq!(refused.body["outcome"]["status"], "failed");
    let sent = li.reply(PHONE, "We have sizes S to XL.", None).await.ok();
    let wamid = sent.wamids[0].clone();
    let status = json!({
        "object": "whatsapp_business_account",
        "entry": [{ "id": "400000000000001", "changes": [{ "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": { "display_phone_number": "15550001111", "phone_number_id": NUMBER },
            "statuses": [{ "id": wamid, "status": "failed", "timestamp": "1767225655",
                "recipient_id": PHONE,
                "errors": [{ "code": 131047, "title": "Re-engagement message" }] }]
        }}]}]
    });
    assert_eq!(
        w.env
            .post_signed(&serde_json::to_vec(&status).unwrap())
            .await,
        200
    );
    let both = eventually(Duration::from_secs(20), || async {
        li.detail(PHONE).await.ok().failures.len() == 2
    })
    .await;
    assert!(both, "{}\n{}", li.detail(PHONE).await.body, w.env.logs());
    let f = li.detail(PHONE).await.ok().failures;
    assert_eq!(
        (f[0].kind, f[0].wamid.as_deref(), f[0].code),
        (
            FailureKind::DeliveryFailed,
            Some(wamid.as_str()),
            Some(131047)
        )
    );
    assert!(f[0].window_closed);
    assert_eq!(
        (f[1].kind, f[1].code, f[1].agent.as_deref()),
        (FailureKind::SendFailed, Some(131026), Some("li"))
    );
    assert_eq!(f[1].text.as_deref(), Some("Hi, we have S to XL."));
    w.finish().await;
}

/// The delivery status of each sent part of the AI's and the human's turns, as the ticks show.
async fn statuses(w: &World, speaker: Speaker) -> Vec<(String, DeliveryStatus)> {
    let d = w.agent("maria").detail(PHONE).await.ok();
    let turn = d
        .transcript
        .iter()
        .rev()
        .find(|t| t.speaker == speaker)
        .unwrap_or_else(|| panic!("no {speaker:?} turn: {:?}", d.transcript));
    turn.delivery
        .iter()
        .map(|p| (p.wamid.clone(), p.status))
        .collect()
}

async fn post_status(w: &World, wamid: &str, status: &str, errors: serde_json::Value) {
    let body = webhooks::status(NUMBER, PHONE, wamid, status, errors);
    assert_eq!(w.env.post_signed(&body).await, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn detail_shows_each_sent_parts_delivery_status() {
    let w = World::start("console-ticks", false, &[]).await;
    w.say("wamid.TK1", "Hello, do you have the oak table in stock?")
        .await;
    w.wait_texts(1).await;
    w.wait_done(&["wamid.TK1"]).await;
    let ai = statuses(&w, Speaker::Ai).await;
    assert_eq!(ai.len(), 1, "one part: {ai:?}");
    assert_eq!(ai[0].1, DeliveryStatus::Accepted, "no status webhook yet");
    let customer = statuses(&w, Speaker::Customer).await;
    assert!(customer.is_empty(), "customer turns have no ticks");
    for s in ["delivered", "read"] {
        post_status(&w, &ai[0].0, s, serde_json::Value::Null).await;
    }
    until(&w, "the AI turn reads as read", || async {
        statuses(&w, Speaker::Ai).await[0].1 == DeliveryStatus::Read
    })
    .await;

    let maria = w.agent("maria");
    let sent = maria
        .reply(PHONE, "Maria here: yes, two left.", None)
        .await
        .ok();
    let human = statuses(&w, Speaker::Human).await;
    assert_eq!(human, [(sent.wamids[0].clone(), DeliveryStatus::Accepted)]);
    let errors = json!([{ "code": 131026, "title": "Message undeliverable" }]);
    post_status(&w, &sent.wamids[0], "failed", errors).await;
    until(&w, "the human turn reads as failed", || async {
        statuses(&w, Speaker::Human).await[0].1 == DeliveryStatus::Failed
    })
    .await;
    w.finish().await;
}
