//! The console JSON API end to end: ingress in-process, a worker process, the real broker and
//! Redis, fake Graph and LLM servers; the typed client of `baton_tests::console`.
//!
//! - [`auth`]: tokens, the cookie, error shapes, Redis down (no worker needed).
//! - [`browser`]: the web console in headless Chromium — a live handoff, claim, reply,
//!   release, and a hostile customer name shown as text.
//! - [`commands`]: claim races, idempotent replies, takeover and release, the 24-hour window
//!   and templates, request errors.
//! - [`read`]: list and detail — handoff evidence, memory snapshot, transcript, draft,
//!   failures.
//! - [`page`]: `GET /console` (login form or app), its script and stylesheet, strict headers.
//! - [`sse`]: live events and replay after `Last-Event-ID`.

mod auth;
mod browser;
mod commands;
mod page;
mod read;
mod sse;

use std::time::Duration;

use baton_tests::eventually;
use baton_tests::world::World;

/// The customer says hello and the AI answers: the conversation exists, owned by the AI.
async fn chatting(w: &World, id: &str) {
    w.say(id, "Hello, do you have the oak table in stock?")
        .await;
    w.wait_texts(1).await;
    w.wait_done(&[id]).await;
}

/// The customer asks for a person: the conversation is handed off (a detector's decision).
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
