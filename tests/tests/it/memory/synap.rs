//! The Synap client against the fake Synap server.

use std::time::Duration;

use baton_tests::fakes::synap::FakeSynap;
use baton_tests::http;
use baton_worker::memory::{self, MemoryError, Role};
use serde_json::json;

use super::{KEY, Ns, PHONE, arc, config, fact, synap, turn, who};

/// A B2B fake that forbids the raw phone, after the seed's conversation was written.
async fn written_arc(name: &str) -> (FakeSynap, Ns) {
    let (fake, ns) = (FakeSynap::start(KEY, true).await, Ns::new(name));
    fake.forbid(PHONE);
    let mem = synap(&fake, &ns, &[]).await;
    assert_eq!(mem.name(), "synap");
    assert_eq!(fake.requests(), vec!["GET /api/v1/auth/whoami"]);
    for r in arc() {
        mem.write(&who(), &r).await.expect("write");
    }
    (fake, ns)
}

#[tokio::test]
async fn synap_writes_the_seeds_documents_and_metadata() {
    let (fake, ns) = written_arc("docs").await;
    let mems = fake.memories();
    let field = |k: &str| -> Vec<String> {
        mems.iter()
            .map(|m| m[k].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        field("document"),
        [
            "Customer: I never got it. I want to talk to a person.",
            "Agent: Of course, connecting you with a teammate now.",
            "AI handed off to human. Reason: customer_asked. Summary: 2nd missing order",
            "Human agent: I'm reissuing #ORD-22-R immediately.",
            "Human released thread back to AI.",
        ]
    );
    let chat = "ai-chat-conversation";
    assert_eq!(
        field("document_type"),
        [chat, chat, "document", chat, "document"]
    );
    let meta: Vec<_> = mems.iter().map(|m| m["metadata"].clone()).collect();
    assert_eq!(
        meta[0],
        json!({"channel": "whatsapp", "direction": "inbound"})
    );
    assert_eq!(
        meta[1],
        json!({"channel": "whatsapp", "direction": "outbound", "tier": "ai"})
    );
    assert_eq!(meta[2]["handoff_reason"], "customer_asked");
    assert_eq!(meta[2]["handoff_event"], "handed_off");
    assert_eq!(meta[2]["document_kind"], "support-handoff");
    assert_eq!(
        meta[3],
        json!({"channel": "whatsapp", "direction": "outbound", "tier": "human"})
    );
    assert_eq!(
        meta[4],
        json!({"handoff_event": "released", "document_kind": "support-handoff"})
    );
    assert_eq!(
        fake.violations(),
        Vec::<String>::new(),
        "incl. no raw phone"
    );
    ns.cleanup().await;
}

#[tokio::test]
async fn synap_sends_accepted_ids_and_records_turns() {
    let (fake, ns) = written_arc("ids").await;
    let ids = config(None, "", &[]).ids(&who());
    for m in fake.memories() {
        assert_eq!(m["user_id"], ids.user_id.as_str());
        assert_eq!(m["customer_id"], ids.customer_id.as_str(), "B2B");
        assert_eq!(m["mode"], "long-range");
        assert!(m["document_id"].is_string() && m["document_created_at"].is_string());
    }
    let msgs = fake.messages();
    let roles: Vec<&str> = msgs.iter().map(|m| m["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["user", "assistant", "assistant"]);
    for m in &msgs {
        assert_eq!(m["conversation_id"], ids.conversation_id.as_str());
        assert_eq!(m["user_id"], ids.user_id.as_str());
        assert_eq!(m["customer_id"], ids.customer_id.as_str());
    }
    assert_eq!(
        msgs[2]["content"],
        "Human agent: I'm reissuing #ORD-22-R immediately."
    );
    assert_eq!(msgs[2]["metadata"]["tier"], "human");
    assert_eq!(
        msgs[2]["metadata"]["document_id"],
        fake.memories()[3]["document_id"]
    );
    assert_eq!(fake.violations(), Vec::<String>::new());
    ns.cleanup().await;
}

#[tokio::test]
async fn synap_b2c_and_unknown_mode_send_user_id_only() {
    for isolation in [Some("equals_customer"), None] {
        let (fake, ns) = (FakeSynap::start(KEY, false).await, Ns::new("b2c"));
        fake.set_isolation(isolation);
        let mem = synap(&fake, &ns, &[]).await;
        mem.write(&who(), &turn("wamid.C1", Role::Customer, "hello"))
            .await
            .expect("turn");
        mem.write(&who(), &fact("f1", "Prefers email"))
            .await
            .expect("fact");
        mem.context(&who(), "hello").await.expect("context");
        let bodies = [fake.memories(), fake.messages(), fake.fetches()].concat();
        assert_eq!(bodies.len(), 4);
        assert!(
            bodies
                .iter()
                .all(|b| b.get("customer_id").is_none() && b["user_id"].is_string())
        );
        assert_eq!(fake.memories()[1]["document_type"], "document");
        assert_eq!(fake.violations(), Vec::<String>::new(), "{isolation:?}");
        ns.cleanup().await;
    }
}

#[tokio::test]
async fn synap_learns_b2c_from_a_rejection() {
    let (fake, ns) = (FakeSynap::start(KEY, true).await, Ns::new("learn"));
    let mem = synap(&fake, &ns, &[]).await;
    fake.set_isolation(Some("equals_customer"));
    mem.write(&who(), &fact("f1", "Prefers email"))
        .await
        .expect("resent without customer_id");
    mem.write(&who(), &fact("f2", "Has a dog"))
        .await
        .expect("B2C from now on");
    assert_eq!(fake.memories().len(), 2);
    assert!(
        fake.memories()
            .iter()
            .all(|m| m.get("customer_id").is_none())
    );
    assert_eq!(
        fake.violations().len(),
        1,
        "only the first, refused request"
    );
    ns.cleanup().await;
}

#[tokio::test]
async fn synap_rewrites_are_idempotent() {
    let (fake, ns) = (FakeSynap::start(KEY, true).await, Ns::new("idem"));
    let mem = synap(&fake, &ns, &[]).await;
    let records = arc();
    for r in records.iter().chain(records.iter()) {
        mem.write(&who(), r).await.expect("write");
    }
    assert_eq!(fake.memories().len(), 5);
    assert_eq!(fake.messages().len(), 3);
    // Another worker without the Redis marker: Synap's 409 on the document_id means stored.
    let other = Ns::new("idem2");
    let mem2 = synap(&fake, &other, &[]).await;
    mem2.write(&who(), &records[2])
        .await
        .expect("409 is success");
    assert_eq!(fake.memories().len(), 5);
    assert_eq!(fake.violations(), Vec::<String>::new());
    ns.cleanup().await;
    other.cleanup().await;
}

#[tokio::test]
async fn synap_context_and_search_use_user_scope_fetch() {
    let (fake, ns) = (FakeSynap::start(KEY, true).await, Ns::new("ctx"));
    let mem = synap(&fake, &ns, &[]).await;
    mem.write(&who(), &fact("f1", "Customer lives at 12 Oak St"))
        .await
        .unwrap();
    let ctx = mem
        .context(&who(), "where do I live? Oak")
        .await
        .expect("context");
    assert_eq!(ctx, "- fact: Customer lives at 12 Oak St");
    let f = &fake.fetches()[0];
    assert_eq!(f["mode"], "fast");
    assert_eq!(f["types"], json!(["all"]));
    assert_eq!(f["search_query"], json!(["where do I live? Oak"]));
    assert!(f["user_id"].is_string() && f["customer_id"].is_string());
    fake.set_context("Reissue ORD-22-R shipped 5/15");
    let hits = mem.search(&who(), "reissue", 3).await.expect("search");
    assert_eq!(hits, vec!["fact: Reissue ORD-22-R shipped 5/15"]);
    assert_eq!(fake.fetches()[1]["max_results"], 3);
    assert_eq!(fake.fetches()[1]["mode"], "accurate");
    assert!(
        fake.requests()
            .iter()
            .all(|r| r != "POST /v1/context/customer/fetch")
    );
    assert_eq!(fake.violations(), Vec::<String>::new());
    ns.cleanup().await;
}

#[tokio::test]
async fn synap_errors_map_to_transient_and_permanent() {
    let (fake, ns) = (FakeSynap::start(KEY, true).await, Ns::new("err"));
    let mem = synap(&fake, &ns, &[("BATON_MEMORY_FETCH_TIMEOUT", "300ms")]).await;
    let w = |id: &str| fact(id, "x");
    fake.set_down(true);
    assert!(matches!(
        mem.write(&who(), &w("a")).await,
        Err(MemoryError::Transient(_))
    ));
    assert!(matches!(
        mem.context(&who(), "q").await,
        Err(MemoryError::Transient(_))
    ));
    fake.set_down(false);
    fake.fail_next(503, 1);
    mem.write(&who(), &w("b")).await.expect("one quick retry");
    fake.fail_next(502, 2);
    assert!(matches!(
        mem.write(&who(), &w("c")).await,
        Err(MemoryError::Transient(_))
    ));
    fake.fail_next(429, 1);
    mem.write(&who(), &w("d"))
        .await
        .expect("429 with Retry-After: 1 is retried once");
    for status in [400, 401, 402, 404, 422] {
        fake.fail_next(status, 1);
        let r = mem.write(&who(), &w(&format!("p{status}"))).await;
        assert!(
            matches!(r, Err(MemoryError::Permanent(_))),
            "{status}: {r:?}"
        );
    }
    fake.fail_next(408, 1);
    assert!(matches!(
        mem.write(&who(), &w("e")).await,
        Err(MemoryError::Transient(_))
    ));
    fake.set_latency(Duration::from_secs(2));
    let started = std::time::Instant::now();
    assert!(matches!(
        mem.context(&who(), "q").await,
        Err(MemoryError::Transient(_))
    ));
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "bounded by the fetch timeout"
    );
    assert_eq!(fake.violations(), Vec::<String>::new());
    ns.cleanup().await;
}

#[tokio::test]
async fn synap_rejected_key_fails_at_start() {
    let (fake, ns) = (FakeSynap::start(KEY, true).await, Ns::new("key"));
    let cfg = config(Some(&fake.url), "synap_wrong", &[]);
    let r = memory::backend(&cfg, ns.pool.clone(), ns.keys.clone()).await;
    assert!(r.err().is_some_and(|e| e.contains("SYNAP_API_KEY")));
    ns.cleanup().await;
}

#[tokio::test]
async fn synap_hashing_keeps_raw_phones_out_of_every_request() {
    let (fake, ns) = (FakeSynap::start(KEY, false).await, Ns::new("hash"));
    fake.forbid(PHONE);
    fake.forbid(&format!("+{PHONE}"));
    let mem = synap(&fake, &ns, &[("BATON_HASH_PHONES", "true")]).await;
    let phone_ids = [
        turn(&format!("{PHONE}:turn:1"), Role::Ai, "Hi!"),
        fact(&format!("fact:{PHONE}:1"), "Likes tea"),
    ];
    for r in &phone_ids {
        mem.write(&who(), r).await.unwrap();
    }
    mem.context(&who(), "tea").await.unwrap();
    mem.search(&who(), "tea", 5).await.unwrap();
    assert_eq!(fake.requests().len(), 6);
    assert_eq!(fake.violations(), Vec::<String>::new());
    ns.cleanup().await;
}

/// The fake itself notices what it must: wrong prefixes, missing auth, nulls, non-UUID ids,
/// the B2B id contract and forbidden text.
#[tokio::test]
async fn fake_synap_flags_spec_breaks() {
    let fake = FakeSynap::start(KEY, true).await;
    fake.forbid(PHONE);
    let auth = format!("Bearer {KEY}");
    let auth = [("authorization", auth.as_str())];
    let post = |path: &str, body: serde_json::Value| {
        let url = format!("{}{path}", fake.url);
        async move { http::post_json(&url, &body, &auth).await }
    };
    let r = post(
        "/api/v1/memories/create",
        json!({"document": "x", "user_id": PHONE, "customer_id": null}),
    )
    .await;
    assert_eq!(r.status, 400, "user_id without customer_id on B2B: {r}");
    let body = json!({"conversation_id": "conv-1", "role": "user", "content": "x", "user_id": "u"});
    let r = post("/v1/conversations/messages", body).await;
    assert_eq!(r.status, 500, "{r}");
    let r = post("/v1/memories/create", json!({})).await;
    assert_eq!(r.status, 404, "{r}");
    let anon = http::get(&format!("{}/api/v1/auth/whoami", fake.url), &[]).await;
    assert_eq!(anon.status, 401, "{anon}");
    let v = fake.violations().join("\n");
    for expected in [
        "`customer_id` sent as null",
        "is not a UUID",
        "`document_type` not sent",
        "forbidden text",
        "user_id without customer_id",
        "not a canonical UUID",
        "unexpected request POST /v1/memories/create",
        "authorization is None",
    ] {
        assert!(v.contains(expected), "{expected:?} missing from:\n{v}");
    }
    assert!(fake.memories().is_empty() && fake.messages().is_empty());
}

/// A record's only delivery (`write_first`: published once by a pristine attempt, delivered for
/// the first time) does not read the written marker, and still sets it; any other delivery
/// (`write`) reads it. Shown by writing one turn again through each: `write` is skipped,
/// `write_first` is not — which is why the memory queue calls it only when no earlier write can
/// exist (`memory::queue::only_delivery`).
#[tokio::test]
async fn synap_first_delivery_skips_the_written_marker() {
    let (fake, ns) = (FakeSynap::start(KEY, true).await, Ns::new("first"));
    let mem = synap(&fake, &ns, &[]).await;
    let t = turn("wamid.F1", Role::Customer, "hello");
    mem.write_first(&who(), &t).await.expect("write");
    assert_eq!((fake.memories().len(), fake.messages().len()), (1, 1));
    mem.write(&who(), &t).await.expect("write");
    assert_eq!(
        fake.messages().len(),
        1,
        "the marker the first write set is honoured"
    );
    mem.write_first(&who(), &t).await.expect("409 is success");
    assert_eq!(fake.messages().len(), 2, "write_first does not read it");
    assert_eq!(fake.memories().len(), 1, "create dedups by document_id");
    ns.cleanup().await;
}
