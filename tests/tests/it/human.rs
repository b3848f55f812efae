//! The human side beyond the console, against the real broker and Redis with the
//! conversation world: the business answering from its own WhatsApp Business app (coexistence
//! echoes, here), and
//!
//! - [`release`]: the inactivity release — recorded, refused when a human wrote since, resumed
//!   once after a failure at any step;
//! - [`resume`]: "full context, no recap" after a release, and the customer's end keyword;
//! - [`availability`]: business hours and agents online at a handoff;
//! - [`realert`]: a handoff nobody takes is re-alerted once per interval.

mod availability;
mod realert;
mod release;
mod resume;

use std::time::Duration;

use baton_shared::state::{CommandOutcome, Owner, Speaker, activity, command};
use baton_tests::world::{NUMBER, PHONE, World};
use baton_tests::{eventually, webhooks};
use baton_worker::conversation::echo::ECHO_AGENT;
use serde_json::Value;

/// The customer asks for a person: handed off (a detector's decision, no model call).
async fn handed_off(w: &World, id: &str) {
    w.say(id, "I want to talk to a person").await;
    w.wait_console("handoff").await;
    w.wait_done(&[id]).await;
}

/// Waits until `f` holds, or panics with `what` and the worker logs.
async fn until<F, Fut>(w: &World, what: &str, f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let ok = eventually(Duration::from_secs(20), f).await;
    assert!(ok, "{what}\n{}", w.env.logs());
}

/// The conversation's last human activity, while a human owns it.
async fn last_activity(w: &World) -> Option<i64> {
    activity::last(&w.env.redis, &w.env.keys(), &w.conv_key())
        .await
        .unwrap()
}

/// The recorded outcome of the command `id`.
async fn outcome(w: &World, id: &str) -> Option<CommandOutcome> {
    command::get(&w.env.redis, &w.env.keys(), id).await.unwrap()
}

/// Every record of the local memory backend (`{ns}:memory:*:docs`), as stored.
async fn memory_records(w: &World) -> Vec<Value> {
    let mut c = w.env.redis.get().await.unwrap();
    let hashes: Vec<String> = redis::cmd("KEYS")
        .arg(w.env.keys().other("memory:*:docs"))
        .query_async(&mut *c)
        .await
        .unwrap();
    let mut out = Vec::new();
    for h in hashes {
        let docs: Vec<String> = redis::cmd("HVALS")
            .arg(&h)
            .query_async(&mut *c)
            .await
            .unwrap();
        out.extend(
            docs.iter()
                .filter_map(|d| serde_json::from_str::<Value>(d).ok()),
        );
    }
    out.into_iter().map(|d| d["r"].clone()).collect()
}

/// The console events of `kind`, oldest first.
async fn console_of(w: &World, kind: &str) -> Vec<Value> {
    w.console()
        .await
        .into_iter()
        .filter(|(k, _)| k == kind)
        .map(|(_, v)| v)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_echo_from_the_business_app_takes_over_and_the_ai_stays_silent() {
    let w = World::start("echo", false, &[]).await;
    w.say("wamid.E0", "Hi, do you deliver on Sundays?").await;
    w.wait_texts(1).await;
    w.wait_done(&["wamid.E0"]).await;
    let sent_before = w.graph.requests().len();
    let window = w.owner().await.last_customer_ms;

    // The shop owner answers from the WhatsApp Business app on the same number.
    let text = "Hi Anish, Maria here from the shop: yes, Sundays 10-14.";
    let echo = webhooks::business_echo(NUMBER, PHONE, "wamid.BIZ1", text);
    assert_eq!(w.env.post_signed(&echo).await, 200);
    // Meta redelivers the same echo: one turn, one takeover.
    assert_eq!(w.env.post_signed(&echo).await, 200);
    w.wait_done(&["echo:wamid.BIZ1"]).await;

    let state = w.owner().await;
    assert_eq!(
        (state.owner, state.agent.as_deref()),
        (Owner::Human, Some(ECHO_AGENT))
    );
    let turns: Vec<_> = w
        .transcript()
        .await
        .into_iter()
        .filter(|t| t.role == Speaker::Human)
        .collect();
    assert_eq!(turns.len(), 1, "{turns:?}");
    assert_eq!(
        (turns[0].text.as_str(), turns[0].agent.as_deref()),
        (text, Some(ECHO_AGENT))
    );
    assert_eq!(w.console_count("human_takeover").await, 1);
    // Only the customer's messages open the 24-hour window, not the business's own.
    assert_eq!(w.owner().await.last_customer_ms, window);

    // The customer answers: mirrored to the humans, and the AI sends nothing.
    w.say("wamid.E1", "Great, see you Sunday!").await;
    w.wait_done(&["wamid.E1"]).await;
    w.wait_console("customer_message").await;
    assert_eq!(
        w.graph.requests().len(),
        sent_before,
        "nothing sent after the echo: {:?}",
        w.texts()
    );
    w.finish().await;
}
