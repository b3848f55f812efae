//! Baton's Slack routes at the edge: only requests Slack signed within five minutes are taken;
//! `url_verification` is answered; without Slack configured, the routes do not exist.

use std::time::Duration;

use baton_tests::TestEnv;
use baton_tests::slack::payloads::{self, BlockAction, MessageEvent};
use baton_tests::slack::{AGENT, CHANNEL, SlackClient, SlackRequest};
use serde_json::json;

const SECRET: &str = "slack-signing-secret-0001";

/// Ingress alone (no worker), with Slack configured.
async fn ingress(name: &str) -> (TestEnv, SlackClient) {
    let mut env = TestEnv::new(name);
    env.set("SLACK_BOT_TOKEN", "xoxb-test-bot-token")
        .set("SLACK_SIGNING_SECRET", SECRET)
        .set("SLACK_CHANNEL_ID", CHANNEL)
        .set("SLACK_API_BASE_URL", "http://127.0.0.1:9/api");
    env.start_ingress().await;
    let client = SlackClient::new(env.ingress_url(), SECRET);
    (env, client)
}

#[tokio::test(flavor = "multi_thread")]
async fn only_requests_slack_signed_recently_are_accepted() {
    let (env, client) = ingress("slack-sig").await;
    // A reply in a thread Baton never started: verified, then ignored (200, nothing published).
    let reply = MessageEvent::agent_reply("1700000000.000100", "hello").callback();
    let ok = client.send(&SlackRequest::event(&reply)).await;
    assert_eq!(ok.status, 200, "{ok}");
    let click = BlockAction::click(AGENT, "handoff_claim", "c_0", "1700000000.000100");
    let ok = client
        .send(&SlackRequest::interaction(&click.payload()))
        .await;
    assert_eq!(ok.status, 200, "{ok}");
    // Slack's retry of a delivery verifies like the first one.
    let retried = SlackRequest::event(&reply).retry(1, "http_timeout");
    assert_eq!(client.send(&retried).await.status, 200);

    let refused = [
        (
            "replayed six minutes later",
            SlackRequest::event(&reply).aged(Duration::from_secs(360)),
        ),
        (
            "stamped in the future",
            SlackRequest::event(&reply).at(baton_tests::slack::now() + 400),
        ),
        (
            "another secret",
            SlackRequest::event(&reply).signed_with("not-the-secret"),
        ),
        ("unsigned", SlackRequest::event(&reply).unsigned()),
        ("malformed", SlackRequest::event(&reply).signature("v0=zz")),
        (
            "forged click",
            SlackRequest::interaction(&click.payload()).signed_with("x"),
        ),
        (
            "replayed click",
            SlackRequest::interaction(&click.payload()).aged(Duration::from_secs(301 + 5)),
        ),
    ];
    for (what, req) in refused {
        let r = client.send(&req).await;
        assert_eq!(r.status, 401, "{what}: {r}");
    }
    // The signature covers the exact bytes: a body changed after signing does not verify.
    let signed = SlackRequest::event(&reply);
    let headers = signed.headers(SECRET);
    let mut tampered = signed.body().to_vec();
    tampered.extend_from_slice(b" ");
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .filter(|(k, _)| k != "content-type")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let url = format!("{}{}", env.ingress_url(), signed.path());
    let r = baton_tests::http::post_raw(&url, "application/json", tampered, &pairs).await;
    assert_eq!(r.status, 401, "{r}");
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn url_verification_is_answered_with_the_challenge() {
    let (env, client) = ingress("slack-url").await;
    let r = client
        .event(&payloads::url_verification(
            "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        ))
        .await;
    assert_eq!(r.status, 200, "{r}");
    assert_eq!(
        r.json().unwrap_or_default(),
        json!({"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"})
    );
    let forged = SlackRequest::event(&payloads::url_verification("c")).signed_with("x");
    assert_eq!(client.send(&forged).await.status, 401);
    env.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_slack_configured_there_are_no_slack_routes() {
    let mut env = TestEnv::new("slack-off");
    env.start_ingress().await;
    let client = SlackClient::new(env.ingress_url(), SECRET);
    let challenge = payloads::url_verification("c");
    for req in [
        SlackRequest::event(&challenge),
        SlackRequest::event(&challenge).unsigned(),
        SlackRequest::interaction(&json!({"type": "block_actions"})).unsigned(),
    ] {
        let r = client.send(&req).await;
        assert_eq!(r.status, 404, "{r}");
    }
    env.cleanup().await;
}
