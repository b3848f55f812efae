//! The LLM client and tool loop against the fake OpenAI-compatible server, and business tools
//! against tiny HTTP endpoints. No broker or Redis needed. Every test ends by checking that
//! the fake saw no spec violations.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Json;
use axum::http::HeaderMap;
use axum::routing::post;
use baton_tests::fakes::llm::{FakeLlm, Scripted, demo_agent};
use baton_worker::llm::{
    BusinessTools, ChatMessage, LlmClient, LlmConfig, LlmError, ToolOutcome, ToolRunner, ToolSpec,
};
use futures::future::BoxFuture;
use serde_json::{Value, json};

fn client(fake: &FakeLlm, tweak: impl FnOnce(&mut LlmConfig)) -> LlmClient {
    let mut cfg = LlmConfig {
        base_url: fake.base_url.clone(),
        api_key: Some("sk-test".to_owned().into()),
        timeout: Duration::from_secs(5),
        ..LlmConfig::default()
    };
    tweak(&mut cfg);
    LlmClient::new(cfg)
}

fn tool(name: &str) -> ToolSpec {
    ToolSpec {
        name: name.into(),
        description: format!("the {name} tool"),
        parameters: json!({"type": "object", "properties": {}}),
    }
}

fn prompt(text: &str) -> Vec<ChatMessage> {
    vec![
        ChatMessage::system("You are a test."),
        ChatMessage::user(text),
    ]
}

/// Records calls; `hand_off_to_human` stops the turn; everything else answers "shipped".
#[derive(Default)]
struct Recorder(Mutex<Vec<(String, Value)>>);

impl ToolRunner for Recorder {
    fn call<'a>(&'a self, name: &'a str, args: Value) -> BoxFuture<'a, ToolOutcome> {
        self.0.lock().unwrap().push((name.to_owned(), args));
        let stop = name == "hand_off_to_human";
        Box::pin(async move {
            ToolOutcome {
                content: json!({"status": "shipped"}).to_string(),
                stop,
            }
        })
    }
}

fn assert_clean(fake: &FakeLlm) {
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn plain_reply() {
    let fake = FakeLlm::start().await;
    fake.push(Scripted::Reply("hello there".into()));
    let reply = client(&fake, |_| {})
        .chat(&prompt("hi"), &[])
        .await
        .unwrap();
    assert_eq!(reply.content.as_deref(), Some("hello there"));
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0]["model"], "gpt-4o");
    assert!(reqs[0].get("tools").is_none(), "no tools, no `tools` field");
    assert_clean(&fake);
}

#[tokio::test]
async fn tool_loop_with_two_rounds() {
    let fake = FakeLlm::start().await;
    fake.push(Scripted::ToolCalls(vec![(
        "lookup_order".into(),
        json!({"order_id": "1"}),
    )]));
    fake.push(Scripted::ToolCalls(vec![
        ("lookup_order".into(), json!({"order_id": "2"})),
        ("store_hours".into(), json!({})),
    ]));
    fake.push(Scripted::Reply("both shipped".into()));
    let tools = [tool("lookup_order"), tool("store_hours")];
    let runner = Recorder::default();
    let turn = client(&fake, |_| {})
        .run_turn(prompt("where are my orders?"), &tools, &runner)
        .await
        .unwrap();
    assert_eq!(turn.reply.as_deref(), Some("both shipped"));
    assert_eq!(
        (turn.model_calls, turn.calls.len(), turn.stopped_by),
        (3, 3, None)
    );
    assert_eq!(
        turn.calls[1],
        ("lookup_order".into(), json!({"order_id": "2"}))
    );
    assert_eq!(runner.0.lock().unwrap().len(), 3);
    // system, user, assistant+call, tool, assistant+2 calls, tool, tool, final reply
    assert_eq!(turn.messages.len(), 8);
    let last = &fake.requests()[2];
    assert_eq!(last["tools"].as_array().unwrap().len(), 2);
    assert_eq!(last["messages"][6]["role"], "tool");
    assert_clean(&fake);
}

#[tokio::test]
async fn a_stop_tool_ends_the_turn() {
    let fake = FakeLlm::start().await;
    fake.set_fallback(demo_agent);
    let tools = [tool("lookup_order"), tool("hand_off_to_human")];
    let turn = client(&fake, |_| {})
        .run_turn(
            prompt("I want to talk to a person"),
            &tools,
            &Recorder::default(),
        )
        .await
        .unwrap();
    assert_eq!(turn.stopped_by.as_deref(), Some("hand_off_to_human"));
    assert_eq!((turn.reply, turn.model_calls), (None, 1));
    assert_eq!(turn.calls[0].1["reason"], "customer_asked");
    assert_eq!(fake.requests().len(), 1);
    assert_clean(&fake);
}

#[tokio::test]
async fn the_turn_limit_is_enforced() {
    let fake = FakeLlm::start().await;
    fake.set_fallback(|_| Scripted::ToolCalls(vec![("lookup_order".into(), json!({}))]));
    let err = client(&fake, |c| c.turn_limit = 3)
        .run_turn(
            prompt("loop"),
            &[tool("lookup_order")],
            &Recorder::default(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::TurnLimit(3)), "{err}");
    assert_eq!(fake.requests().len(), 3);
    assert_clean(&fake);
}

#[tokio::test]
async fn lenient_tool_calls_and_malformed_arguments() {
    let fake = FakeLlm::start().await;
    // No ids, no type, arguments as an object for one call and broken JSON for the other.
    fake.push(Scripted::Raw(
        json!({"choices": [{"finish_reason": "stop", "message": {
        "role": "assistant", "content": "",
        "tool_calls": [{"function": {"name": "lookup_order", "arguments": {"order_id": "7"}}},
                       {"function": {"name": "lookup_order", "arguments": "{\"order_id\":"}}]}}]}),
    ));
    fake.push(Scripted::Reply("done".into()));
    let turn = client(&fake, |_| {})
        .run_turn(
            prompt("order 7"),
            &[tool("lookup_order")],
            &Recorder::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        turn.calls,
        vec![("lookup_order".into(), json!({"order_id": "7"}))]
    );
    let second = &fake.requests()[1]["messages"];
    assert!(
        second[2]["tool_calls"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with("call_")
    );
    assert_eq!(
        second[2]["tool_calls"][0]["function"]["arguments"],
        r#"{"order_id":"7"}"#
    );
    assert!(
        second[4]["content"]
            .as_str()
            .unwrap()
            .contains("invalid arguments")
    );
    assert_clean(&fake);
}

#[tokio::test]
async fn rate_limit_waits_for_retry_after() {
    let fake = FakeLlm::start().await;
    fake.push(Scripted::Status(429, Some(1)));
    fake.push(Scripted::Reply("ok".into()));
    let started = Instant::now();
    let reply = client(&fake, |_| {})
        .chat(&prompt("hi"), &[])
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(reply.content.as_deref(), Some("ok"));
    assert!(waited >= Duration::from_millis(900), "{waited:?}");
    assert!(waited < Duration::from_secs(8), "{waited:?}");
    assert_eq!(fake.requests().len(), 2);
    assert_clean(&fake);
}

#[tokio::test]
async fn server_errors_exhaust_the_retries() {
    let fake = FakeLlm::start().await;
    fake.set_fallback(|_| Scripted::Status(500, None));
    let err = client(&fake, |_| {})
        .chat(&prompt("hi"), &[])
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::Unavailable(_)), "{err}");
    assert_eq!(
        fake.requests().len(),
        3,
        "one call and max_retries = 2 retries"
    );
    fake.set_down(true);
    let err = client(&fake, |c| c.max_retries = 0)
        .chat(&prompt("hi"), &[])
        .await;
    assert!(matches!(err, Err(LlmError::Unavailable(m)) if m.contains("503")));
    assert_clean(&fake);
}

#[tokio::test]
async fn a_hanging_server_times_out_and_is_retried() {
    let fake = FakeLlm::start().await;
    fake.push(Scripted::Hang);
    let quick = |c: &mut LlmConfig| {
        c.timeout = Duration::from_millis(300);
        c.max_retries = 0;
    };
    let started = Instant::now();
    let err = client(&fake, quick)
        .chat(&prompt("hi"), &[])
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::Timeout), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    fake.push(Scripted::Hang);
    fake.push(Scripted::Reply("second try".into()));
    let reply = client(&fake, |c| c.timeout = Duration::from_millis(300))
        .chat(&prompt("hi"), &[])
        .await
        .unwrap();
    assert_eq!(reply.content.as_deref(), Some("second try"));
    assert_clean(&fake);
}

#[tokio::test]
async fn unauthorized_is_refused_without_retry() {
    let fake = FakeLlm::start().await;
    fake.push(Scripted::Status(401, None));
    let err = client(&fake, |_| {})
        .chat(&prompt("hi"), &[])
        .await
        .unwrap_err();
    assert!(
        matches!(err, LlmError::Refused(ref m) if m.contains("401")),
        "{err}"
    );
    assert_eq!(fake.requests().len(), 1);
    assert_clean(&fake);
}

/// A tools file pointing `lookup_order` at `endpoint`.
fn tools_file(endpoint: &str, timeout: &str) -> BusinessTools {
    let path = std::env::temp_dir().join(format!("baton-tools-{}.toml", uuid::Uuid::new_v4()));
    let text = format!(
        r#"[[tool]]
name = "lookup_order"
description = "Look up an order by its number"
endpoint = "{endpoint}"
timeout = "{timeout}"
headers = {{ Authorization = "Bearer orders-key" }}
parameters = {{ type = "object", properties = {{ order_id = {{ type = "string" }} }}, required = ["order_id"] }}
"#
    );
    std::fs::write(&path, text).unwrap();
    let tools = BusinessTools::load(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    tools
}

/// An orders service: `/lookup` answers the order, `/slow` never in time, others 404.
async fn orders_service() -> String {
    let lookup = |headers: HeaderMap, Json(body): Json<Value>| async move {
        let auth = headers.get("authorization").and_then(|h| h.to_str().ok());
        assert_eq!(auth, Some("Bearer orders-key"));
        Json(json!({"order_id": body["order_id"], "status": "shipped", "carrier": "DHL"}))
    };
    let slow = || async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    };
    let app = axum::Router::new()
        .route("/lookup", post(lookup))
        .route("/slow", post(slow));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

#[tokio::test]
async fn business_tools_call_http_endpoints() {
    let base = orders_service().await;
    let tools = tools_file(&format!("{base}/lookup"), "2s");
    assert_eq!(tools.specs()[0].name, "lookup_order");
    let out = tools
        .call("lookup_order", json!({"order_id": "ORD-22"}))
        .await;
    let v: Value = serde_json::from_str(&out.content).unwrap();
    assert_eq!(
        (v["order_id"].as_str(), v["status"].as_str()),
        (Some("ORD-22"), Some("shipped"))
    );
    assert!(!out.stop);

    let missing = tools_file(&format!("{base}/nope"), "2s");
    let out = missing.call("lookup_order", json!({})).await;
    assert!(out.content.contains("HTTP 404"), "{}", out.content);
    let slow = tools_file(&format!("{base}/slow"), "200ms");
    let out = slow.call("lookup_order", json!({})).await;
    assert!(
        out.content.contains("did not answer in time"),
        "{}",
        out.content
    );

    let dead = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let dead_addr = dead.local_addr().unwrap();
    drop(dead);
    let out = tools_file(&format!("http://{dead_addr}/lookup"), "1s")
        .call("lookup_order", json!({"order_id": "1"}))
        .await;
    let v: Value = serde_json::from_str(&out.content).unwrap();
    assert!(v["error"].as_str().unwrap().contains("unavailable"), "{v}");
}

#[tokio::test]
async fn demo_agent_looks_up_orders_and_knows_what_humans_said() {
    let fake = FakeLlm::start().await;
    fake.set_fallback(demo_agent);
    let tools = tools_file(&format!("{}/lookup", orders_service().await), "2s");
    let llm = client(&fake, |c| c.api_key = None);
    let turn = llm
        .run_turn(prompt("Where is my order #ORD-22?"), &tools.specs(), &tools)
        .await
        .unwrap();
    let reply = turn.reply.unwrap();
    assert!(
        reply.contains("ORD-22") && reply.contains("shipped"),
        "{reply}"
    );
    assert_eq!(turn.model_calls, 2);

    let mut messages = prompt("Can I get a refund?");
    messages.push(ChatMessage::human_agent("Your refund was approved."));
    messages.push(ChatMessage::user("Great, when will it arrive?"));
    let turn = llm.run_turn(messages, &[], &tools).await.unwrap();
    let reply = turn.reply.unwrap();
    assert!(
        reply.contains("As our teammate said: \"Your refund was approved.\""),
        "{reply}"
    );
    assert_clean(&fake);
}
