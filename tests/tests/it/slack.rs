//! Slack. Here, the test tools themselves: the fake Slack Web API answers and records like the
//! spec says (`../shared/specs/slack.md`), and the Slack client signs requests like Slack
//! (checked against a recording server; needs neither the broker nor Redis). Baton's Slack
//! side, against the real broker and Redis:
//!
//! - [`routes`]: signatures accepted and refused (a replayed old timestamp too),
//!   `url_verification`, and no Slack route at all when Slack is not configured;
//! - [`flow`]: the alert, its updates, the mirrored thread, thread replies relayed once, bot
//!   messages ignored, the buttons (two concurrent claims), and Slack failing or rate limiting
//!   without blocking the handoff.

mod flow;
mod routes;

use std::time::Duration;

use baton_tests::fakes::server::{Answer, Exchange, FakeApi, FakeServer, RecordedRequest};
use baton_tests::fakes::slack::FakeSlack;
use baton_tests::http::{self, HttpReply};
use baton_tests::slack::payloads::{self, BlockAction, MessageEvent};
use baton_tests::slack::{AGENT, CHANNEL, EVENTS_PATH, SlackClient, SlackRequest, now};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

const TOKEN: &str = "xoxb-test-bot-token";
const JSON: &str = "application/json; charset=utf-8";

/// Calls a Web API method of the fake with `token`.
async fn call(slack: &FakeSlack, method: &str, token: &str, body: &Value) -> HttpReply {
    let url = format!("{}/{method}", slack.api_url);
    let auth = format!("Bearer {token}");
    http::post_raw(&url, JSON, body.to_string(), &[("authorization", &auth)]).await
}

fn alert(block_suffix: &str, summary: &str) -> Value {
    json!({"channel": CHANNEL, "text": "Human needed: refund request", "unfurl_links": false,
        "blocks": [
            {"type": "section", "block_id": format!("summary_{block_suffix}"),
             "text": {"type": "mrkdwn", "text": summary}},
            {"type": "actions", "block_id": format!("actions_{block_suffix}"), "elements": [
                {"type": "button", "action_id": "handoff_claim", "style": "primary",
                 "text": {"type": "plain_text", "text": "Claim"}, "value": "conv_8f2c"}]}]})
}

#[tokio::test]
async fn posts_replies_and_updates_are_recorded_and_answered_like_slack() {
    let slack = FakeSlack::start(TOKEN).await;
    let posted = call(
        &slack,
        "chat.postMessage",
        TOKEN,
        &alert("v1", "*Refund* for order 7781"),
    )
    .await;
    let answer = posted.json().unwrap_or_default();
    assert_eq!(posted.status, 200, "{posted}");
    assert_eq!(answer["ok"], true, "{posted}");
    assert_eq!(
        (answer["channel"].as_str(), answer["ts"].as_str()),
        (Some(CHANNEL), Some("1700000000.000100"))
    );
    assert_eq!(answer["message"]["bot_id"], "B0BOT0001");
    let reply = json!({"channel": CHANNEL, "thread_ts": "1700000000.000100",
        "text": ":speech_balloon: *Customer:* Is anyone there? 5 &gt; 3 &amp; 2 &lt; 4"});
    let replied = call(&slack, "chat.postMessage", TOKEN, &reply).await;
    assert_eq!(
        replied.json().unwrap_or_default()["ts"],
        "1700000000.000200",
        "{replied}"
    );
    let mut claimed = alert("v2", "*Claimed by <@U0AGENT01>*");
    claimed["ts"] = json!("1700000000.000100");
    let updated = call(&slack, "chat.update", TOKEN, &claimed).await;
    assert_eq!(updated.json().unwrap_or_default()["ok"], true, "{updated}");

    assert_eq!(slack.messages().len(), 2);
    let thread = slack.thread("1700000000.000100");
    assert_eq!(thread.len(), 1);
    assert!(
        thread[0]
            .text
            .as_deref()
            .unwrap_or_default()
            .contains("Is anyone there?")
    );
    assert_eq!(slack.updates("1700000000.000100").len(), 1);
    let current = slack.current("1700000000.000100").expect("the alert");
    assert_eq!(
        current.blocks.unwrap_or_default()[0]["block_id"],
        "summary_v2"
    );
    assert_eq!(slack.violations(), Vec::<String>::new());

    let no_charset = http::post_json(
        &format!("{}/chat.postMessage", slack.api_url),
        &json!({"channel": CHANNEL, "text": "hi"}),
        &[("authorization", &format!("Bearer {TOKEN}"))],
    )
    .await;
    let answer = no_charset.json().unwrap_or_default();
    assert_eq!(
        (answer["ok"].as_bool(), answer["warning"].as_str()),
        (Some(true), Some("missing_charset"))
    );
}

#[tokio::test]
async fn a_bad_or_missing_token_is_refused() {
    let slack = FakeSlack::start(TOKEN).await;
    let body = json!({"channel": CHANNEL, "text": "hi"});
    let wrong = call(&slack, "chat.postMessage", "xoxb-wrong", &body).await;
    assert_eq!(wrong.status, 200, "Slack refuses with HTTP 200");
    assert_eq!(
        wrong.json().unwrap_or_default(),
        json!({"ok": false, "error": "invalid_auth"})
    );
    let url = format!("{}/chat.postMessage", slack.api_url);
    let none = http::post_raw(&url, JSON, body.to_string(), &[]).await;
    assert_eq!(
        none.json().unwrap_or_default()["error"],
        "not_authed",
        "{none}"
    );
    assert!(slack.messages().is_empty());
    let v = slack.violations().join("\n");
    assert!(
        v.contains("wrong bot token") && v.contains("no `Authorization: Bearer`"),
        "{v}"
    );
}

#[tokio::test]
async fn scripted_failures_rate_limits_and_refusals() {
    let slack = FakeSlack::start(TOKEN).await;
    let body = json!({"channel": CHANNEL, "text": "hi"});
    slack.rate_limit_next(7);
    let limited = call(&slack, "chat.postMessage", TOKEN, &body).await;
    assert_eq!(limited.status, 429, "{limited}");
    assert_eq!(limited.header("retry-after"), Some("7"));
    assert_eq!(limited.json().unwrap_or_default()["error"], "ratelimited");
    slack.fail_next(2);
    slack.refuse_next("not_in_channel");
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let r = call(&slack, "chat.postMessage", TOKEN, &body).await;
        statuses.push((r.status, r.json().unwrap_or_default()["ok"].as_bool()));
    }
    assert_eq!(
        statuses,
        [
            (503, Some(false)),
            (503, Some(false)),
            (200, Some(false)),
            (200, Some(true))
        ]
    );
    assert_eq!(slack.messages().len(), 1, "only the last call was stored");
    assert_eq!(slack.requests().len(), 5, "every attempt is recorded");
    assert_eq!(slack.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn spec_breaks_are_violations() {
    let slack = FakeSlack::start(TOKEN).await;
    slack.forbid("5511988887777");
    let parent = call(
        &slack,
        "chat.postMessage",
        TOKEN,
        &alert("v1", "Customer: <!channel> urgent"),
    )
    .await;
    let parent_ts = parent.json().unwrap_or_default()["ts"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let reply = |thread_ts: &str, text: &str| json!({"channel": CHANNEL, "thread_ts": thread_ts, "text": text});
    let first = call(&slack, "chat.postMessage", TOKEN, &reply(&parent_ts, "ok")).await;
    let reply_ts = first.json().unwrap_or_default()["ts"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    call(
        &slack,
        "chat.postMessage",
        TOKEN,
        &reply(&reply_ts, "to a reply"),
    )
    .await;
    let orphan = call(
        &slack,
        "chat.postMessage",
        TOKEN,
        &reply("1600000000.000001", "x"),
    )
    .await;
    assert_eq!(
        orphan.json().unwrap_or_default()["error"],
        "thread_not_found"
    );
    let mut same_ids = alert("v1", "changed summary");
    same_ids["ts"] = json!(parent_ts);
    call(&slack, "chat.update", TOKEN, &same_ids).await;
    let phone = json!({"channel": CHANNEL, "text": "from 5511988887777"});
    call(&slack, "chat.postMessage", TOKEN, &phone).await;
    let v = slack.violations().join("\n");
    for expected in [
        "special mention `<!channel>`",
        "is a reply's ts",
        "was never posted",
        "block_id \"summary_v1\" kept while its content changed",
        "forbidden text",
    ] {
        assert!(v.contains(expected), "{expected:?} missing from:\n{v}");
    }
}

#[tokio::test]
async fn a_response_url_takes_five_posts() {
    let slack = FakeSlack::start(TOKEN).await;
    let url = slack.response_url();
    let body = json!({"response_type": "ephemeral", "replace_original": false,
        "text": "Already claimed by <@U0AGENT01>"});
    for _ in 0..5 {
        assert_eq!(http::post_json(&url, &body, &[]).await.status, 200);
    }
    let sixth = http::post_json(&url, &body, &[]).await;
    assert_eq!(sixth.status, 404, "{sixth}");
    assert_eq!(slack.responses().len(), 5);
    assert_eq!(slack.violations().len(), 1, "{:?}", slack.violations());
}

/// Answers 200 to everything; the test reads what it recorded.
struct Recorder;

impl FakeApi for Recorder {
    type Script = ();

    fn handle(&mut self, _req: &RecordedRequest, _ex: &mut Exchange<'_, ()>) -> Answer {
        Answer::json(200, json!({}))
    }
}

/// Verifies a recorded request the way Baton must (§7), independently of the client's signer.
fn verify(req: &RecordedRequest, secret: &str) -> Result<i64, String> {
    let ts = req
        .header("x-slack-request-timestamp")
        .ok_or("no timestamp")?;
    let sig = req
        .header("x-slack-signature")
        .and_then(|s| s.strip_prefix("v0="))
        .ok_or("no v0=")?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|e| e.to_string())?;
    mac.update(format!("v0:{ts}:").as_bytes());
    mac.update(&req.body);
    let raw = hex::decode(sig).map_err(|e| e.to_string())?;
    mac.verify_slice(&raw).map_err(|e| e.to_string())?;
    ts.parse().map_err(|_| "timestamp not a number".to_owned())
}

#[tokio::test]
async fn the_client_signs_like_slack() {
    let baton = FakeServer::start(Recorder).await;
    let client = SlackClient::new(baton.url(), "signing-secret");
    let reply = MessageEvent::agent_reply("1718000000.123456", "Refund issued");
    assert_eq!(client.event(&reply.callback()).await.status, 200);
    let click = BlockAction::click(AGENT, "handoff_claim", "conv_8f2c", "1718000000.123456");
    assert_eq!(client.interaction(&click.payload()).await.status, 200);
    let retry = SlackRequest::event(&reply.callback()).retry(1, "http_timeout");
    client.send(&retry).await;
    client
        .send(&SlackRequest::event(&payloads::url_verification("c")).aged(Duration::from_secs(600)))
        .await;
    client
        .send(&SlackRequest::event(&json!({})).signed_with("forged"))
        .await;

    let got = baton.requests();
    assert_eq!(got.len(), 5);
    let fresh = verify(&got[0], "signing-secret").expect("a valid signature");
    assert!((now() - fresh).abs() <= 5);
    assert_eq!(
        (got[0].path.as_str(), got[0].header("content-type")),
        (EVENTS_PATH, Some("application/json"))
    );
    let event: Value = got[0].json().unwrap_or_default();
    assert_eq!(event["event"]["thread_ts"], "1718000000.123456");

    verify(&got[1], "signing-secret").expect("signed over the raw form body");
    assert_eq!(got[1].path, "/slack/interactions");
    assert!(got[1].content_type_is("application/x-www-form-urlencoded"));
    let payload = payloads::decode_form_body(&got[1].body).unwrap_or_default();
    assert_eq!(payload["actions"][0]["value"], "conv_8f2c");

    assert_eq!(
        (
            got[2].header("x-slack-retry-num"),
            got[2].header("x-slack-retry-reason")
        ),
        (Some("1"), Some("http_timeout"))
    );
    assert_eq!(got[2].body, got[0].body, "a retry resends the same event");
    let old = verify(&got[3], "signing-secret").expect("an old request is still well signed");
    assert!(now() - old >= 599, "outside Slack's five-minute window");
    assert!(
        verify(&got[4], "signing-secret").is_err(),
        "a forged signature does not verify"
    );
}
