//! The sandbox's Slack stand-in: the fake Slack Web API ([`FakeSlack`], the same one the
//! integration tests use) plus a page that shows what Baton posted to the handoff channel —
//! alerts as last updated, their threads, the ephemeral answers — with buttons and thread
//! replies that work: each becomes the signed request Slack would send to ingress
//! (`/slack/interactions`, `/slack/events`), as the sandbox's Slack user `U0SANDBOX1`.
//!
//! - `GET /slack`: the page. `GET /api/slack`: the channel as JSON (what the page and tests read).
//! - `POST /api/slack/click` `{ts, action_id, value}`: a button click on the alert `ts`.
//! - `POST /api/slack/reply` `{thread_ts, text}`: a reply in the alert's thread.
//!
//! Both answer with ingress's status and body (502 with the reason when ingress is
//! unreachable). Bad JSON is a 400.

use std::sync::Arc;

use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::fakes::slack::FakeSlack;
use crate::slack::SlackClient;
use crate::slack::payloads::{BlockAction, MessageEvent};

const PAGE: &str = include_str!("../../sandbox/slack.html");

/// The Slack user the sandbox acts as.
pub const USER: &str = "U0SANDBOX1";
/// The signing secret the stand-in signs with (Baton's `SLACK_SIGNING_SECRET` in the sandbox).
pub const SIGNING_SECRET: &str = "sandbox-slack-signing-secret";
/// The bot token Baton uses against the stand-in.
pub const BOT_TOKEN: &str = "xoxb-sandbox-bot-token";

/// The stand-in's state: the fake and a client that signs like Slack.
#[derive(Clone)]
pub struct SlackStandIn {
    pub fake: Arc<FakeSlack>,
    client: Arc<SlackClient>,
}

impl SlackStandIn {
    pub async fn start(ingress: &str) -> SlackStandIn {
        SlackStandIn {
            fake: Arc::new(FakeSlack::start(BOT_TOKEN).await),
            client: Arc::new(SlackClient::new(ingress, SIGNING_SECRET)),
        }
    }

    /// The channel as the page shows it: every top-level message in its latest version, with
    /// its thread; and the ephemeral answers to clicks.
    pub fn channel(&self) -> Value {
        let all = self.fake.messages();
        let alerts: Vec<Value> = all
            .iter()
            .filter(|m| m.thread_ts.is_none())
            .map(|m| {
                let now = self.fake.current(&m.ts).unwrap_or_else(|| m.clone());
                let thread: Vec<Value> = self
                    .fake
                    .thread(&m.ts)
                    .iter()
                    .map(|r| json!({"ts": r.ts, "text": r.text, "blocks": r.blocks}))
                    .collect();
                json!({"ts": m.ts, "text": now.text, "blocks": now.blocks, "thread": thread,
                       "updates": self.fake.updates(&m.ts).len()})
            })
            .collect();
        let ephemeral: Vec<Value> = self
            .fake
            .responses()
            .iter()
            .map(|r| r.body.clone())
            .collect();
        json!({"messages": alerts, "ephemeral": ephemeral})
    }
}

/// The stand-in page's routes.
pub fn router(slack: SlackStandIn) -> Router {
    Router::new()
        .route("/slack", get(|| async { Html(PAGE) }))
        .route(
            "/api/slack",
            get(|State(s): State<SlackStandIn>| async move { Json(s.channel()) }),
        )
        .route("/api/slack/click", post(click))
        .route("/api/slack/reply", post(reply))
        .with_state(slack)
}

#[derive(Deserialize)]
struct Click {
    ts: String,
    action_id: String,
    #[serde(default)]
    value: String,
}

#[derive(Deserialize)]
struct Reply {
    thread_ts: String,
    text: String,
}

fn answer(reply: crate::http::HttpReply) -> Response {
    if reply.status == 0 {
        return (
            StatusCode::BAD_GATEWAY,
            Json(json!({"error": "ingress unreachable"})),
        )
            .into_response();
    }
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::BAD_GATEWAY);
    (
        status,
        Json(json!({"ingress_status": reply.status, "body": reply.text()})),
    )
        .into_response()
}

async fn click(
    State(s): State<SlackStandIn>,
    body: Result<Json<Click>, JsonRejection>,
) -> Response {
    let Ok(Json(c)) = body else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "expected JSON {ts, action_id, value}"})),
        )
            .into_response();
    };
    let action = BlockAction::click(USER, &c.action_id, &c.value, &c.ts)
        .with_response_url(&s.fake.response_url());
    answer(s.client.interaction(&action.payload()).await)
}

async fn reply(
    State(s): State<SlackStandIn>,
    body: Result<Json<Reply>, JsonRejection>,
) -> Response {
    let Ok(Json(r)) = body else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "expected JSON {thread_ts, text}"})),
        )
            .into_response();
    };
    if r.text.trim().is_empty() {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "text: write something"})),
        )
            .into_response();
    }
    let event = MessageEvent::reply(&r.thread_ts, USER, &r.text);
    answer(s.client.event(&event.callback()).await)
}
