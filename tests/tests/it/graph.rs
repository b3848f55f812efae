//! The worker's Graph send client against the fake Graph server (which checks every request
//! against the spec): request shapes, splitting, addressing, retries and error classes.
//! Needs neither the broker nor Redis.

use std::time::{Duration, Instant};

use baton_tests::fakes::graph::FakeGraph;
use baton_tests::http;
use baton_worker::whatsapp::{GraphClient, GraphConfig, GraphError, Recipient, split_text};
use serde_json::json;

const TOKEN: &str = "graph-client-token";
const NUMBER: &str = "300000000000001";
const PHONE: &str = "5511988887777";

async fn setup() -> (FakeGraph, GraphClient) {
    let graph = FakeGraph::start(TOKEN).await;
    let client = client_for(&graph, TOKEN);
    (graph, client)
}

fn client_for(graph: &FakeGraph, token: &str) -> GraphClient {
    let mut cfg = GraphConfig::new(&graph.url, "v25.0", token.to_owned().into());
    cfg.timeout = Duration::from_secs(5);
    GraphClient::new(cfg)
}

fn ana() -> Recipient {
    Recipient::phone(PHONE)
}

fn assert_clean(graph: &FakeGraph) {
    assert!(
        graph.violations().is_empty(),
        "violations: {:?}",
        graph.violations()
    );
}

#[tokio::test]
async fn text_send_has_the_spec_shape_and_returns_the_wamid() {
    let (graph, client) = setup().await;
    let sent = client
        .send_text(
            NUMBER,
            &ana(),
            "Hello Ana",
            Some("wamid.IN-1"),
            Some("evt-1"),
        )
        .await
        .unwrap();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].wamid.starts_with("wamid.FAKE-"), "{:?}", sent[0]);
    assert_eq!(sent[0].wa_id.as_deref(), Some(PHONE));
    let reqs = graph.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, format!("/v25.0/{NUMBER}/messages"));
    assert_eq!(
        reqs[0].body,
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": format!("+{PHONE}"),
            "context": { "message_id": "wamid.IN-1" },
            "type": "text",
            "text": { "body": "Hello Ana", "preview_url": false },
            "biz_opaque_callback_data": "evt-1"
        })
    );
    assert_eq!(graph.texts_to(PHONE), vec!["Hello Ana"]);
    assert_clean(&graph);
}

#[tokio::test]
async fn long_text_is_split_in_order_with_the_quote_on_the_first_part_only() {
    let (graph, client) = setup().await;
    let para = |c: char| format!("{c}{}.", " word".repeat(700)); // ~3500 chars
    let body = format!("{}\n\n{}\n\n{}", para('A'), para('B'), para('C'));
    let sent = client
        .send_text(NUMBER, &ana(), &body, Some("wamid.IN-2"), Some("evt-2"))
        .await
        .unwrap();
    let texts = graph.texts_to(PHONE);
    assert_eq!(texts, split_text(&body, 4096));
    assert_eq!(texts.len(), 3);
    assert!(texts[0].starts_with('A') && texts[1].starts_with('B') && texts[2].starts_with('C'));
    assert_eq!(sent.len(), 3);
    let reqs = graph.requests();
    assert_eq!(reqs[0].body["context"]["message_id"], "wamid.IN-2");
    assert!(reqs[1..].iter().all(|r| r.body.get("context").is_none()));
    assert!(
        reqs.iter()
            .all(|r| r.body["biz_opaque_callback_data"] == "evt-2")
    );
    let mut wamids: Vec<_> = sent.iter().map(|s| s.wamid.clone()).collect();
    wamids.dedup();
    assert_eq!(wamids.len(), 3, "one wamid per part: {wamids:?}");
    assert_clean(&graph);
}

#[tokio::test]
async fn bsuid_only_recipient_is_sent_as_recipient() {
    let (graph, client) = setup().await;
    let to = Recipient::bsuid("BR.77001234");
    let sent = client
        .send_text(NUMBER, &to, "oi", None, None)
        .await
        .unwrap();
    assert_eq!(sent[0].user_id.as_deref(), Some("BR.77001234"));
    let req = &graph.requests()[0];
    assert_eq!(req.body["recipient"], "BR.77001234");
    assert!(req.body.get("to").is_none());
    assert_eq!(graph.texts_to("BR.77001234"), vec!["oi"]);
    let nobody = Recipient {
        wa_id: None,
        user_id: None,
    };
    let err = client
        .send_text(NUMBER, &nobody, "x", None, None)
        .await
        .unwrap_err();
    assert!(matches!(err, GraphError::Invalid(_)), "{err:?}");
    assert_eq!(graph.requests().len(), 1);
    assert_clean(&graph);
}

#[tokio::test]
async fn mark_read_with_and_without_typing() {
    let (graph, client) = setup().await;
    client.mark_read(NUMBER, "wamid.IN-3", true).await.unwrap();
    client.mark_read(NUMBER, "wamid.IN-4", false).await.unwrap();
    let reqs = graph.requests();
    assert_eq!(reqs[0].kind, "read");
    assert_eq!(
        reqs[0].body,
        json!({ "messaging_product": "whatsapp", "status": "read", "message_id": "wamid.IN-3",
                "typing_indicator": { "type": "text" } })
    );
    assert!(reqs[1].body.get("typing_indicator").is_none());
    assert_clean(&graph);
}

#[tokio::test]
async fn buttons_are_validated_locally_then_sent() {
    let (graph, client) = setup().await;
    let b = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(i, t)| (i.to_string(), t.to_string()))
            .collect()
    };
    for bad in [
        b(&[]),
        b(&[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]),
        b(&[("a", "This title is too long")]),
        b(&[("a", "Same"), ("b", "Same")]),
    ] {
        let err = client
            .send_buttons(NUMBER, &ana(), "Pick", &bad, None)
            .await
            .unwrap_err();
        assert!(matches!(err, GraphError::Invalid(_)), "{bad:?}: {err:?}");
    }
    assert!(
        graph.requests().is_empty(),
        "no request for invalid buttons"
    );
    let ok = b(&[("opt_yes", "Yes"), ("opt_no", "Pick another day")]);
    let sent = client
        .send_buttons(
            NUMBER,
            &ana(),
            "Keep the Friday slot?",
            &ok,
            Some("wamid.IN-5"),
        )
        .await
        .unwrap();
    assert!(sent.wamid.starts_with("wamid.FAKE-"));
    let req = &graph.requests()[0];
    assert_eq!(req.kind, "interactive");
    assert_eq!(
        req.body["interactive"]["action"]["buttons"][1]["reply"]["title"],
        "Pick another day"
    );
    assert_eq!(req.body["context"]["message_id"], "wamid.IN-5");
    assert_clean(&graph);
}

#[tokio::test]
async fn template_has_the_spec_shape() {
    let (graph, client) = setup().await;
    let components = json!([
        { "type": "body", "parameters": [ { "type": "text", "text": "Ana" } ] }
    ]);
    client
        .send_template(
            NUMBER,
            &ana(),
            "booking_reminder",
            "pt_BR",
            components.clone(),
        )
        .await
        .unwrap();
    let req = &graph.requests()[0];
    assert_eq!(req.kind, "template");
    assert_eq!(
        req.body["template"],
        json!({ "name": "booking_reminder", "language": { "code": "pt_BR" }, "components": components })
    );
    assert_clean(&graph);
}

#[tokio::test]
async fn window_closed_is_permanent_and_not_retried() {
    let (graph, client) = setup().await;
    graph.fail_next(131047, 400, 1);
    let err = client
        .send_text(NUMBER, &ana(), "late reply", None, None)
        .await
        .unwrap_err();
    assert!(err.window_closed() && !err.is_retryable(), "{err:?}");
    match &err {
        GraphError::Permanent {
            fbtrace_id,
            details,
            ..
        } => {
            assert!(
                fbtrace_id
                    .as_deref()
                    .is_some_and(|t| t.starts_with("FAKE-TRACE-"))
            );
            assert!(details.is_some());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(graph.requests().len(), 1, "exactly one request");
    assert!(graph.texts_to(PHONE).is_empty());
    assert_clean(&graph);
}

#[tokio::test]
async fn pair_rate_limit_and_5xx_are_retried_then_succeed() {
    let (graph, client) = setup().await;
    graph.fail_next(131056, 400, 1);
    let started = Instant::now();
    client
        .send_text(NUMBER, &ana(), "one", None, None)
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "131056 waits 4^0 = 1 s"
    );
    graph.fail_next(2, 503, 2);
    client
        .send_text(NUMBER, &ana(), "two", None, None)
        .await
        .unwrap();
    let reqs = graph.requests();
    let failed: Vec<_> = reqs.iter().map(|r| r.failed_with).collect();
    assert_eq!(failed, vec![Some(131056), None, Some(2), Some(2), None]);
    assert_eq!(graph.texts_to(PHONE), vec!["one", "two"]);
    assert_clean(&graph);
}

#[tokio::test]
async fn exhausted_retries_return_retryable() {
    let (graph, client) = setup().await;
    graph.fail_next(130429, 400, 3);
    let err = client
        .send_text(NUMBER, &ana(), "busy", None, None)
        .await
        .unwrap_err();
    assert!(err.is_retryable() && err.code() == Some(130429), "{err:?}");
    assert_eq!(graph.requests().len(), 3, "first try + max_retries (2)");
    assert!(graph.texts_to(PHONE).is_empty());
    assert_clean(&graph);
}

#[tokio::test]
async fn long_retry_after_is_handed_back_not_slept() {
    let (graph, client) = setup().await;
    // 131057 (maintenance) asks for ~60 s: returned at once for the broker retry tiers.
    graph.fail_next(131057, 400, 1);
    let started = Instant::now();
    let err = client
        .send_text(NUMBER, &ana(), "x", None, None)
        .await
        .unwrap_err();
    assert!(err.is_retryable(), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(60)));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(graph.requests().len(), 1);
    // Scripted failures apply to sends only: mark-read still works.
    graph.fail_next(131057, 400, 1);
    client.mark_read(NUMBER, "wamid.IN-6", false).await.unwrap();
    assert_eq!(graph.requests().len(), 2);
    assert_clean(&graph);
}

#[tokio::test]
async fn wrong_token_is_a_circuit_breaker_error_and_a_violation() {
    let graph = FakeGraph::start(TOKEN).await;
    let client = client_for(&graph, "not-the-token");
    let err = client
        .send_text(NUMBER, &ana(), "hi", None, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(190));
    assert!(err.pauses_all_sends() && !err.is_retryable());
    assert_eq!(graph.violations().len(), 1, "{:?}", graph.violations());
    assert!(graph.requests().is_empty());
}

#[tokio::test]
async fn fake_rejects_requests_that_break_the_spec() {
    let graph = FakeGraph::start(TOKEN).await;
    let url = format!("{}/v25.0/{NUMBER}/messages", graph.url);
    let auth = format!("Bearer {TOKEN}");
    let auth = [("authorization", auth.as_str())];
    let text = json!({ "type": "text", "text": { "body": "hi" } });
    let with = |extra: serde_json::Value| {
        let mut v = json!({ "messaging_product": "whatsapp" });
        for src in [&text, &extra] {
            for (k, x) in src.as_object().unwrap() {
                v[k] = x.clone();
            }
        }
        v
    };
    let bad_bodies = [
        with(json!({ "to": PHONE })),                     // no '+'
        with(json!({ "to": "+1", "recipient": "BR.1" })), // both
        with(json!({})),                                  // neither
        with(json!({ "to": "+1", "text": { "body": "x".repeat(4097) } })), // too long
        with(json!({ "to": "+1", "messaging_product": "sms" })),
        json!({ "messaging_product": "whatsapp", "status": "read" }), // no message_id
    ];
    for body in &bad_bodies {
        let reply = http::post_json(&url, body, &auth).await;
        assert_eq!(reply.status, 400, "{body}: {reply}");
        let answer = reply.json().unwrap_or_default();
        assert_eq!(answer["error"]["code"], 100, "{reply}");
    }
    let reply = http::get(&url, &auth).await;
    assert_eq!(reply.status, 400, "{reply}");
    assert_eq!(
        graph.violations().len(),
        bad_bodies.len() + 1,
        "{:?}",
        graph.violations()
    );
    assert!(graph.requests().is_empty());
}

#[tokio::test]
async fn timeouts_are_retryable() {
    let graph = FakeGraph::start(TOKEN).await;
    graph.set_latency(Duration::from_secs(2));
    let mut cfg = GraphConfig::new(&graph.url, "v25.0", TOKEN.to_owned().into());
    cfg.timeout = Duration::from_millis(300);
    cfg.max_retries = 0;
    let client = GraphClient::new(cfg);
    let started = Instant::now();
    let err = client
        .send_text(NUMBER, &ana(), "slow", None, None)
        .await
        .unwrap_err();
    assert!(err.is_retryable() && err.code().is_none(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}
