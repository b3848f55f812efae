//! The web console in headless Chromium (WebDriver), on the real broker and Redis with the
//! conversation world: an agent logs in, sees a handoff arrive live with its reason, opens it
//! (reason, evidence, delivery ticks), claims it, replies — the customer gets exactly that
//! text once — and releases it with a note; a customer named like an HTML payload is shown as
//! literal text throughout; outside the 24-hour window the page offers a template instead of the
//! reply box; while sends are paused (the circuit breaker) a banner says why and resumes them.
//! `BATON_SCREENSHOTS=1` also writes `docs/console.png`.

use std::path::Path;
use std::time::Duration;

use baton_shared::event::now_ms;
use baton_shared::state::breaker::{self, Paused};
use baton_shared::state::{DeliveryStatus, Owner, Speaker};
use baton_tests::browser::{Browser, WINDOW};
use baton_tests::webhooks;
use baton_tests::world::{AGENTS, NUMBER, PHONE, World};
use serde_json::Value;

use super::until;

/// A customer name that would run script if it were ever parsed as markup.
const HOSTILE: &str = "<img src=x onerror=alert(1)>";
const WAIT: Duration = Duration::from_secs(20);
const REPLY: &str = "Hi, Maria here: I can reserve the oak table for you today.";
const NOTE: &str = "Reserved one oak table until Friday; customer will confirm.";

/// The hostile customer writes `text`.
async fn hostile_says(w: &World, id: &str, text: &str) {
    let body = webhooks::text_named(NUMBER, PHONE, HOSTILE, id, text);
    assert_eq!(w.env.post_signed(&body).await, 200);
}

/// The AI's answer to the first message was delivered and read (statuses from Meta).
async fn ai_reply_read(w: &World) {
    let maria = w.agent("maria");
    let d = maria.detail(PHONE).await.ok();
    let ai = d.transcript.iter().find(|t| t.speaker == Speaker::Ai);
    let wamid = ai
        .and_then(|t| t.delivery.first())
        .expect("the AI reply's wamid");
    for s in ["delivered", "read"] {
        let body = webhooks::status(NUMBER, PHONE, &wamid.wamid, s, Value::Null);
        assert_eq!(w.env.post_signed(&body).await, 200);
    }
    until(w, "the AI reply reads as read", || async {
        let d = maria.detail(PHONE).await.ok();
        d.transcript.iter().any(|t| {
            t.speaker == Speaker::Ai && t.delivery.iter().any(|p| p.status == DeliveryStatus::Read)
        })
    })
    .await;
}

/// Opens `/console{fragment}` and logs in as maria with the login form.
async fn log_in(b: &Browser, w: &World, fragment: &str) {
    b.client
        .goto(&format!("{}/console{fragment}", w.env.ingress_url()))
        .await
        .expect("open /console");
    b.type_into("#token", AGENTS[0].1).await;
    b.click("#login-submit").await;
    b.wait_text("signed in", "#me", WAIT, |t| t == "maria")
        .await;
}

/// Installs a marker (gone if the page reloads) and hooks on the dialog functions.
async fn watch_page(b: &Browser) {
    b.run(
        "window.__samePage = true; window.__dialogs = [];
         for (const f of ['alert', 'confirm', 'prompt']) {
           window[f] = (m) => { window.__dialogs.push(f + ':' + m); };
         }",
    )
    .await;
}

async fn claim_and_reply(b: &Browser, w: &World) {
    b.click("#btn-claim").await;
    b.wait_text("claimed", "#conv-owner", WAIT, |t| {
        t == "Human: maria (you)"
    })
    .await;
    b.type_into("#reply-text", REPLY).await;
    b.click("#btn-send").await;
    b.wait_text(
        "the reply in the transcript",
        "#transcript li.human:last-child .text",
        WAIT,
        |t| t == REPLY,
    )
    .await;
    until(w, "the reply reached WhatsApp", || async {
        w.texts().iter().any(|t| t == REPLY)
    })
    .await;
    let sent = w.texts().iter().filter(|t| *t == REPLY).count();
    assert_eq!(sent, 1, "exactly once: {:?}", w.texts());
    let left = b
        .element("#reply-text")
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(left.as_deref(), Some(""), "the box is emptied");
}

async fn release_with_note(b: &Browser, w: &World) {
    b.click("#btn-release").await;
    assert!(
        b.element("#release-dialog[open]").await.is_some(),
        "the note dialog opens"
    );
    b.type_into("#release-note", NOTE).await;
    b.click("#release-confirm").await;
    b.wait_text("released", "#conv-owner", WAIT, |t| t == "AI")
        .await;
    assert_eq!(w.owner().await.owner, Owner::Ai);
    let noted = w.transcript().await.iter().any(|e| e.text.contains(NOTE));
    assert!(noted, "the note is in the transcript the AI reads");
    b.wait_text("the note shown", "#transcript", WAIT, |t| t.contains(NOTE))
        .await;
}

/// The hostile name is text everywhere, no element came of it, no dialog ran.
async fn assert_hostile_name_inert(b: &Browser, w: &World) {
    assert_eq!(b.text("#conv-name").await.as_deref(), Some(HOSTILE));
    let row = format!(
        "#queue-ai .item[data-conversation=\"{}\"] .name",
        w.conv_key()
    );
    b.wait_text("back in the AI's list", &row, WAIT, |t| t == HOSTILE)
        .await;
    let images = b
        .client
        .find_all(fantoccini::Locator::Css("img"))
        .await
        .unwrap();
    assert!(images.is_empty(), "no img element in the document");
    assert_eq!(b.run("return window.__dialogs.length").await, 0, "no alert");
    let open = b.client.get_alert_text().await;
    assert!(open.is_err(), "no dialog open: {open:?}");
}

async fn screenshot(b: &Browser) {
    if std::env::var("BATON_SCREENSHOTS").as_deref() != Ok("1") {
        return;
    }
    let png = b.client.screenshot().await.expect("screenshot");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/console.png");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, png).unwrap();
    eprintln!(
        "screenshot ({}x{}) written to {}",
        WINDOW.0,
        WINDOW.1,
        path.display()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agent_takes_a_live_handoff_replies_and_releases_in_the_browser() {
    let Some(b) = Browser::start("console-browser").await else {
        return;
    };
    let w = World::start("console-browser", false, &[]).await;
    hostile_says(
        &w,
        "wamid.WB1",
        "Hello, do you have the oak table in stock?",
    )
    .await;
    w.wait_texts(1).await;
    w.wait_done(&["wamid.WB1"]).await;
    ai_reply_read(&w).await;

    log_in(&b, &w, "").await;
    let key = w.conv_key();
    let ai_row = format!("#queue-ai .item[data-conversation=\"{key}\"] .name");
    b.wait_text("the AI's conversation listed", &ai_row, WAIT, |t| {
        t == HOSTILE
    })
    .await;
    // The live stream is open: what follows can only reach the page through it.
    b.wait_text("live updates", "#live", WAIT, |t| t == "live")
        .await;
    watch_page(&b).await;

    hostile_says(&w, "wamid.WB2", "I want to talk to a person").await;
    let pending = format!("#queue-pending .item[data-conversation=\"{key}\"]");
    let reason = format!("{pending} .reason");
    b.wait_text("the handoff arrives live", &reason, WAIT, |t| {
        t == "Customer asked for a person"
    })
    .await;
    let code = b
        .element(&reason)
        .await
        .unwrap()
        .attr("data-reason")
        .await
        .unwrap();
    assert_eq!(code.as_deref(), Some("customer_asked"));
    assert_eq!(
        b.run("return window.__samePage === true").await,
        true,
        "no reload"
    );

    b.click(&pending).await;
    b.wait_text("the conversation opens", "#conv-name", WAIT, |t| {
        t == HOSTILE
    })
    .await;
    let shown = b.text("#handoff-reason").await.unwrap_or_default();
    assert!(
        shown.contains("Customer asked for a person") && shown.contains("customer_asked"),
        "{shown}"
    );
    let d = w.agent("maria").detail(PHONE).await.ok();
    let evidence = d
        .handoff
        .and_then(|h| h.evidence)
        .expect("the detector's evidence");
    assert_eq!(
        b.text("#handoff-evidence").await.as_deref(),
        Some(evidence.as_str())
    );
    assert!(
        b.element("#transcript li.ai .ticks[data-status=\"read\"]")
            .await
            .is_some(),
        "read ticks"
    );

    claim_and_reply(&b, &w).await;
    screenshot(&b).await;
    release_with_note(&b, &w).await;
    assert_hostile_name_inert(&b, &w).await;
    b.close().await;
    w.finish().await;
}

/// The customer's last message was 25 hours ago: the 24-hour window is closed.
async fn close_window(w: &World) {
    let mut c = w.env.redis.get().await.unwrap();
    redis::cmd("HSET")
        .arg(w.env.keys().conversation(&w.conv_key()))
        .arg("last_customer_ms")
        .arg(now_ms() - 25 * 3600 * 1000)
        .query_async::<()>(&mut *c)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn outside_the_window_the_page_sends_a_template_instead() {
    let Some(b) = Browser::start("console-browser-window").await else {
        return;
    };
    let w = World::start("console-browser-window", false, &[]).await;
    w.say("wamid.WW1", "Hello, is the oak table back in stock?")
        .await;
    w.wait_texts(1).await;
    w.wait_done(&["wamid.WW1"]).await;
    close_window(&w).await;

    // The address names the conversation: it opens right after the login.
    log_in(&b, &w, &format!("#/c/{NUMBER}/{PHONE}")).await;
    b.wait_text("the window", "#conv-window", WAIT, |t| t == "window closed")
        .await;
    let reply = b.element("#reply-text").await.unwrap();
    assert_eq!(
        reply.prop("disabled").await.unwrap().as_deref(),
        Some("true")
    );
    let hint = b.text("#reply-hint").await.unwrap_or_default();
    assert!(
        hint.contains("24 hours") && hint.contains("template"),
        "{hint}"
    );
    let claim = b.element("#btn-claim").await.unwrap();
    assert!(!claim.is_displayed().await.unwrap(), "nothing to claim");

    b.type_into("#template-name", "order_update").await;
    b.type_into("#template-params", "Anish\nORD-22").await;
    b.click("#btn-template").await;
    let line = "[template order_update (en_US)] Anish | ORD-22";
    b.wait_text(
        "the template in the transcript",
        "#transcript li.human:last-child .text",
        WAIT,
        |t| t == line,
    )
    .await;
    b.wait_text("said in words", "#notice", WAIT, |t| {
        t == "Template order_update sent."
    })
    .await;
    let sent: Vec<_> = w
        .graph
        .requests()
        .into_iter()
        .filter(|r| r.kind == "template")
        .collect();
    assert_eq!(sent.len(), 1, "one template");
    assert_eq!(
        sent[0].body["template"]["components"][0]["parameters"][1]["text"],
        "ORD-22"
    );
    assert_eq!(
        w.owner().await.agent.as_deref(),
        Some("maria"),
        "a template takes the conversation"
    );
    sends_paused_banner_resumes(&b, &w).await;
    b.close().await;
    w.finish().await;
}

/// WhatsApp refuses sending for the whole account (the breaker opens, as a worker does on
/// 190): the banner appears live with the reason in words; its button resumes sending.
async fn sends_paused_banner_resumes(b: &Browser, w: &World) {
    let keys = w.env.keys();
    let banner = b.element("#sends").await.unwrap();
    assert!(
        !banner.is_displayed().await.unwrap(),
        "no banner while sends run"
    );
    let paused = Paused {
        code: Some(190),
        error: "Error validating access token".into(),
        since_ms: now_ms(),
        event_id: "wamid.WW1".into(),
        conversation: w.conv_key(),
    };
    assert!(breaker::open(&w.env.redis, &keys, &paused).await.unwrap());
    b.wait_text("the banner", "#sends-text", WAIT, |t| {
        t.contains("access token expired") && t.contains("code 190")
    })
    .await;
    b.click("#btn-resume-sends").await;
    b.wait_text("said in words", "#notice", WAIT, |t| {
        t.starts_with("Sending resumed")
    })
    .await;
    until(w, "the banner goes", || async {
        !b.element("#sends")
            .await
            .unwrap()
            .is_displayed()
            .await
            .unwrap()
    })
    .await;
    assert!(!breaker::is_open(&w.env.redis, &keys).await.unwrap());
    assert_eq!(w.wait_console("sends_resumed").await["by"], "maria");
}
