//! Ingress against the real broker: handshake, signatures, fixtures, batches, unparsed bodies,
//! broker outages, body limit, trace context.

use std::time::Duration;

use baton_shared::amqp::header_str;
use baton_shared::event::EventKind;
use baton_shared::topology::partition_of;
use baton_tests::proxy::Proxy;
use baton_tests::{SECRET, TestEnv, VERIFY_TOKEN, eventually, http, webhooks};
use lapin::options::BasicGetOptions;

#[tokio::test(flavor = "multi_thread")]
async fn handshake_echoes_the_challenge_only_for_the_right_token() {
    let mut env = TestEnv::new("handshake");
    let url = env.start_ingress().await;
    let get = |q: String| {
        let target = format!("{url}/webhook/whatsapp?{q}");
        async move {
            let r = http::get(&target, &[]).await;
            (r.status, r.text())
        }
    };
    let ok = get(format!(
        "hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=0123456789"
    ))
    .await;
    assert_eq!(
        ok,
        (200, "0123456789".to_owned()),
        "challenge echoed verbatim"
    );
    let wrong = get("hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1".into()).await;
    assert_eq!(wrong.0, 403);
    let mode = get(format!(
        "hub.mode=unsubscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=1"
    ))
    .await;
    assert_eq!(mode.0, 403);
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signatures_are_checked_over_the_raw_bytes() {
    let mut env = TestEnv::new("signature");
    env.start_ingress().await;
    // Meta escapes non-ASCII and '/': these exact bytes must verify; re-serialised ones not.
    let raw = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"300"},"contacts":[{"wa_id":"5511"}],"messages":[{"from":"5511","id":"wamid.SIG1","timestamp":"1","type":"text","text":{"body":"caf\u00e9 \ud83d\ude00 http:\/\/x.y\/z @me"}}]}}]}]}"#;
    let good = baton_ingress::verify::sign(SECRET, raw);
    assert_eq!(env.post_with(raw, Some(&good), &[]).await, 200);

    let reserialised =
        serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(raw).unwrap()).unwrap();
    assert_ne!(reserialised.as_slice(), raw.as_slice());
    assert_eq!(env.post_with(&reserialised, Some(&good), &[]).await, 401);
    assert_eq!(
        env.post_with(raw, None, &[]).await,
        401,
        "missing signature"
    );
    let wrong = baton_ingress::verify::sign("another-secret", raw);
    assert_eq!(
        env.post_with(raw, Some(&wrong), &[]).await,
        401,
        "wrong secret"
    );
    assert_eq!(
        env.post_with(raw, Some("sha256=zz"), &[]).await,
        401,
        "malformed"
    );

    let published = env.consume_published(1, Duration::from_secs(5)).await;
    assert_eq!(published.len(), 1, "only the verified request published");
    assert_eq!(published[0].event.text(), Some("café 😀 http://x.y/z @me"));
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_shared_fixture_is_accepted_and_split() {
    let mut env = TestEnv::new("fixtures");
    env.start_ingress().await;
    let fixtures = webhooks::fixtures();
    assert!(
        fixtures.len() >= 68,
        "fixture corpus present ({})",
        fixtures.len()
    );
    let mut expected = 0;
    for (name, body) in &fixtures {
        assert_eq!(env.post_signed(body).await, 200, "fixture {name} refused");
        expected += webhooks::expected_events(body);
    }
    let published = env
        .consume_published(expected, Duration::from_secs(20))
        .await;
    assert_eq!(
        published.len(),
        expected,
        "one event per message, status and error"
    );
    let names = env.names();
    assert_eq!(
        env.queue_len(&names.unparsed_queue()).await,
        0,
        "nothing unparsed"
    );
    for p in &published {
        let key = p.event.conversation.key();
        assert_eq!(
            p.partition,
            partition_of(&key, names.partitions),
            "routed by conversation"
        );
        assert!(
            header_str(Some(&p.headers), "traceparent").is_some(),
            "trace context injected"
        );
    }
    // Business-scoped ids key the conversation; a phone-less sender still gets a key.
    let bsuid = published
        .iter()
        .find(|p| p.event.id == "wamid.xyzxyz")
        .expect("text__pywa event");
    assert_eq!(bsuid.event.conversation.customer, "US.13491208655302741918");
    assert_eq!(
        bsuid.event.conversation.wa_id.as_deref(),
        Some("972987654321")
    );
    let numeric_ts = webhooks::fixture("messages/order_integer_timestamp__netflie.json");
    let v: serde_json::Value = serde_json::from_slice(&numeric_ts).unwrap();
    let id = v["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
        .as_str()
        .unwrap();
    let order = published
        .iter()
        .find(|p| p.event.id == id)
        .expect("order event");
    assert!(order.event.meta_ts.is_some(), "numeric timestamp read");
    assert!(
        published
            .iter()
            .any(|p| p.event.kind == EventKind::PlatformError)
    );
    assert!(
        published
            .iter()
            .any(|p| p.event.kind == EventKind::MessageStatus)
    );
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_multi_entry_batch_becomes_one_event_per_item() {
    let mut env = TestEnv::new("batch");
    env.start_ingress().await;
    let status: serde_json::Value = serde_json::from_slice(&webhooks::fixture(
        "statuses/sent_v25_pmp__whatsapp-api-js.json",
    ))
    .unwrap();
    let body = webhooks::envelope(vec![
        webhooks::entry(
            "111",
            vec![
                webhooks::message("5511000000001", "wamid.B1", "first"),
                webhooks::message("5511000000002", "wamid.B2", "second"),
            ],
        ),
        webhooks::entry(
            "222",
            vec![webhooks::message("5511000000001", "wamid.B3", "third")],
        ),
        status["entry"][0].clone(),
    ]);
    assert_eq!(env.post_signed(&body).await, 200);
    let published = env.consume_published(4, Duration::from_secs(5)).await;
    assert_eq!(published.len(), 4, "{published:?}");
    let find = |id: &str| {
        published
            .iter()
            .find(|p| p.event.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(
        find("wamid.B1").event.conversation.key(),
        "111:5511000000001"
    );
    assert_eq!(
        find("wamid.B2").event.conversation.key(),
        "111:5511000000002"
    );
    assert_eq!(
        find("wamid.B3").event.conversation.key(),
        "222:5511000000001"
    );
    let statuses: Vec<_> = published
        .iter()
        .filter(|p| p.event.kind == EventKind::MessageStatus)
        .collect();
    assert_eq!(statuses.len(), 1);
    assert!(statuses[0].event.id.starts_with("status:"));
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_body_we_cannot_read_is_kept_for_operators() {
    let mut env = TestEnv::new("unparsed");
    env.start_ingress().await;
    let odd = br#"{"object":"instagram","entry":[{"weird":true}]}"#;
    assert_eq!(env.post_signed(odd).await, 200);
    assert_eq!(env.post_signed(b"<xml>not json</xml>").await, 200);
    let conn = baton_shared::amqp::connect(&baton_tests::real_amqp_url(), "t")
        .await
        .unwrap();
    let ch = conn.create_channel().await.unwrap();
    let q = env.names().unparsed_queue();
    let mut bodies = Vec::new();
    while let Some(m) = ch
        .basic_get(q.as_str().into(), BasicGetOptions { no_ack: true })
        .await
        .unwrap()
    {
        let reason = header_str(m.delivery.properties.headers().as_ref(), "x-baton-reason");
        assert!(reason.is_some(), "reason recorded");
        bodies.push(m.delivery.data.clone());
    }
    assert_eq!(
        bodies,
        vec![odd.to_vec(), b"<xml>not json</xml>".to_vec()],
        "kept byte for byte"
    );
    let _ = conn.close(200, "done".into()).await;
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn broker_down_answers_503_never_200() {
    let mut env = TestEnv::new("brokerdown");
    let proxy = Proxy::start("127.0.0.1:5672".parse().unwrap()).await;
    env.set(
        "AMQP_URL",
        &format!("amqp://guest:guest@{}/%2f", proxy.addr),
    );
    let url = env.start_ingress().await;
    let body = |i: u32| webhooks::text("300", "5511", &format!("wamid.D{i}"), "hello");
    assert_eq!(env.post_signed(&body(0)).await, 200);
    proxy.down();
    for i in 1..=5 {
        assert_eq!(
            env.post_signed(&body(i)).await,
            503,
            "request {i} while the broker is down"
        );
    }
    let ready = http::get(&format!("{url}/readyz"), &[]).await;
    assert_eq!(ready.status, 503, "{ready}");
    proxy.up();
    let back = eventually(Duration::from_secs(10), || async {
        env.post_signed(&body(6)).await == 200
    })
    .await;
    assert!(back, "ingress reconnects once the broker is back");
    let published = env.consume_published(2, Duration::from_secs(5)).await;
    let ids: Vec<_> = published.iter().map(|p| p.event.id.as_str()).collect();
    assert!(
        ids.contains(&"wamid.D0") && ids.contains(&"wamid.D6"),
        "{ids:?}"
    );
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_over_the_limit_are_refused_with_413() {
    let mut env = TestEnv::new("limit");
    env.start_ingress().await;
    let big = webhooks::text("300", "5511", "wamid.BIG", &"x".repeat(5 * 1024 * 1024));
    assert_eq!(env.post_signed(&big).await, 413);
    let near = webhooks::text("300", "5511", "wamid.NEAR", &"y".repeat(3 * 1024 * 1024));
    assert_eq!(env.post_signed(&near).await, 200, "Meta's 3 MB bodies fit");
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn health_readiness_and_metrics() {
    let mut env = TestEnv::new("health");
    let url = env.start_ingress().await;
    assert_eq!(
        env.post_signed(&webhooks::text("300", "5511", "wamid.M1", "hi"))
            .await,
        200
    );
    assert_eq!(env.post_with(b"{}", None, &[]).await, 401);
    let get = |path: &str| {
        let target = format!("{url}{path}");
        async move { http::get(&target, &[]).await }
    };
    assert_eq!(get("/healthz").await.status, 200);
    assert_eq!(get("/readyz").await.status, 200);
    let reply = get("/metrics").await;
    assert_eq!(reply.status, 200, "{reply}");
    let metrics = reply.text();
    for needle in [
        "baton_ingress_requests_total{outcome=\"accepted\"}",
        "baton_ingress_requests_total{outcome=\"unauthorized\"}",
        "baton_ingress_publish_seconds_bucket",
        "baton_ingress_events_published_total{kind=\"customer_message\"}",
    ] {
        assert!(metrics.contains(needle), "metrics lack {needle}");
    }
    env.cleanup().await;
}
