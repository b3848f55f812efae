//! `POST /slack/interactions`: clicks on the alert's buttons (`../shared/specs/slack.md` §6).
//!
//! The body is a form with one field, `payload` (URL-encoded JSON), signed as received. A
//! `block_actions` click on a message Baton posted (found by the message's channel and `ts`)
//! whose button carries that conversation's reference becomes a command from
//! `slack-<user>`: `handoff_claim` a claim (compare-and-set: of two agents clicking at once,
//! one wins), `handoff_release` a release. "Open in console" is a link; its click is
//! acknowledged and ignored. The command id comes from the click itself (message `ts`,
//! `action_ts`), so a retried delivery is the same command. The click's `response_url`
//! travels with the command: the worker tells an agent whose claim lost why, ephemerally.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use baton_shared::event::{Command, command_id};
use baton_shared::state::slack::{agent_name, reference};
use bytes::Bytes;
use serde_json::{Value, json};

use super::{
    Outcome, SlackCommand, answer, channel, conversation_of, publish, unauthorized, user_id,
    verified,
};
use crate::AppState;

const ROUTE: &str = "interactions";

pub async fn interactions(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(body) = verified(&s, ROUTE, &headers, body) else {
        return unauthorized();
    };
    let payload = form_urlencoded::parse(body.bytes())
        .find(|(k, _)| k == "payload")
        .and_then(|(_, v)| serde_json::from_str::<Value>(&v).ok());
    let Some(payload) = payload else {
        tracing::warn!("a signed Slack interaction without a readable payload; ignored");
        return answer(ROUTE, Outcome::Ignored);
    };
    answer(ROUTE, on_click(&s, &payload).await)
}

async fn on_click(s: &AppState, p: &Value) -> Outcome {
    let action = &p["actions"][0];
    let command = match action["action_id"].as_str() {
        Some("handoff_claim") => Command::Claim,
        Some("handoff_release") => Command::Release { note: None },
        _ => return Outcome::Ignored,
    };
    let ch = p["container"]["channel_id"]
        .as_str()
        .or(p["channel"]["id"].as_str());
    let (Some(user), Some(ch), Some(ts), Some(action_ts)) = (
        user_id(&p["user"]["id"]),
        ch,
        p["container"]["message_ts"].as_str(),
        action["action_ts"].as_str(),
    ) else {
        return Outcome::Ignored;
    };
    if p["type"] != "block_actions" || ch != channel(s) {
        return Outcome::Ignored;
    }
    let (key, conversation) = match conversation_of(s, ch, ts).await {
        Ok(Some(found)) => found,
        Ok(None) => return Outcome::Ignored,
        Err(o) => return o,
    };
    if action["value"].as_str() != Some(reference(&key).as_str()) {
        tracing::warn!("a click whose button does not belong to its alert; ignored");
        return Outcome::Ignored;
    }
    let agent = agent_name(user);
    let click = format!("slack:{ch}:{ts}:{action_ts}");
    let id = command_id(command.kind(), &agent, &key, Some(&click));
    let mut origin = json!({ "channel": ch, "ts": ts });
    if let Some(url) = p["response_url"].as_str().filter(|u| u.starts_with("http")) {
        origin["response_url"] = json!(url);
    }
    let command = SlackCommand {
        key,
        conversation,
        agent,
        command,
        id,
        origin,
    };
    publish(s, command).await
}
