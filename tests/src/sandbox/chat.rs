//! The customer side of the sandbox: a WhatsApp-like chat page where a person plays one or
//! several customers, and the relay that turns what Baton sends to the stand-in Graph API into
//! what those customers see.
//!
//! - `POST /api/messages` `{customer, name, text}`: builds the webhook Meta would send for that
//!   text, signs it with the app secret and posts it to ingress; the customer's bubble gets one
//!   tick when ingress answers 200. A refusal or an unreachable ingress is answered 502 with
//!   ingress's reason, and the bubble shows it failed (nothing is retried behind the user's back).
//! - `POST /api/media?customer=&name=&caption=` with a photo (`image/*`) or a recording
//!   (`audio/*`) as the body: kept in the stand-in Graph API under a new media id, and the
//!   `image` or voice-note `audio` webhook Meta would send for it goes to ingress — Baton then
//!   downloads it with its token, as from Meta. Other types are a 415; an empty body a 400.
//! - `POST /api/read` `{customer}`: the customer looked at the chat: a signed `read` status for
//!   every reply of Baton not yet read goes to ingress (the console shows blue ticks).
//! - `GET /api/history`: every chat event so far, as a JSON array (what tests and scripts read).
//! - `GET /api/events`: server-sent events, every chat event since the sandbox started (so a
//!   reload shows the history), then live ones: `customer` (a message the customer wrote),
//!   `reply` (Baton's message), `read` (Baton read a customer's message: two blue ticks),
//!   `typing` (Baton's typing indicator), `failed` (ingress refused a message).
//!
//! The relay ([`relay`]) watches the stand-in Graph API's accepted requests: a send becomes a
//! `reply` for its recipient plus signed `sent` and `delivered` status webhooks, like Meta's; a
//! mark-as-read becomes `read` (and `typing` when it carries the typing indicator). Status
//! webhooks that ingress refuses are reported on stderr, not retried. Everything lives in memory.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures::{Stream, StreamExt, stream};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use crate::fakes::graph::{FakeGraph, GraphRequest};
use crate::webhooks;

const PAGE: &str = include_str!("../../sandbox/chat.html");
const SCRIPT: &str = include_str!("../../sandbox/chat.js");
const STYLE: &str = include_str!("../../sandbox/chat.css");
/// The largest photo or voice note the page uploads (WhatsApp's own cap for audio is 16 MiB).
const MEDIA_MAX: usize = 16 * 1024 * 1024;

/// One thing a customer sees happen in their chat.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ChatEvent {
    /// Position in the sandbox's history (SSE id).
    pub seq: u64,
    /// The customer's phone number (`wa_id`).
    pub customer: String,
    /// `customer`, `reply`, `read`, `typing` or `failed`.
    pub kind: String,
    /// The message id (`wamid`) it is about.
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    pub at_ms: i64,
}

/// Where to post webhooks, and how to sign them.
#[derive(Clone)]
pub struct Ingress {
    /// e.g. `http://127.0.0.1:8080`.
    pub url: String,
    pub app_secret: String,
    /// The business number (`phone_number_id`) the customers write to.
    pub number: String,
}

/// The chat history and its live feed.
#[derive(Clone)]
pub struct Chats {
    inner: Arc<Inner>,
}

struct Inner {
    /// Where uploaded photos and voice notes are kept for Baton to download (the Graph API's
    /// media endpoints).
    graph: Arc<FakeGraph>,
    log: Mutex<Vec<ChatEvent>>,
    live: broadcast::Sender<ChatEvent>,
    ingress: Ingress,
    http: reqwest::Client,
}

impl Chats {
    pub fn new(ingress: Ingress, graph: Arc<FakeGraph>) -> Chats {
        Chats {
            inner: Arc::new(Inner {
                graph,
                log: Mutex::new(Vec::new()),
                live: broadcast::channel(1024).0,
                ingress,
                http: reqwest::Client::new(),
            }),
        }
    }

    /// Records an event and tells the open pages.
    pub fn push(&self, customer: &str, kind: &str, id: &str, text: &str) -> ChatEvent {
        let mut log = self.inner.log.lock().unwrap_or_else(|e| e.into_inner());
        let ev = ChatEvent {
            seq: log.len() as u64 + 1,
            customer: customer.to_owned(),
            kind: kind.to_owned(),
            id: id.to_owned(),
            text: text.to_owned(),
            at_ms: baton_shared::event::now_ms(),
        };
        log.push(ev.clone());
        let _ = self.inner.live.send(ev.clone());
        ev
    }

    /// Every event so far, oldest first.
    pub fn history(&self) -> Vec<ChatEvent> {
        self.inner
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The customer who wrote message `id`, if a customer of this sandbox did.
    fn author_of(&self, id: &str) -> Option<String> {
        self.history()
            .into_iter()
            .find(|e| e.kind == "customer" && e.id == id)
            .map(|e| e.customer)
    }

    /// Posts a signed webhook body to ingress; the status, or why there is none.
    /// Posts a customer's webhook to ingress; when ingress does not take it, the message is
    /// marked failed on the page and the answer for the page's request is returned as `Err`.
    async fn deliver(&self, customer: &str, id: &str, body: Vec<u8>) -> Result<(), Response> {
        let why = match self.post(body).await {
            Ok(200) => return Ok(()),
            Ok(code) => format!("ingress answered {code}"),
            Err(why) => why,
        };
        self.push(customer, "failed", id, &why);
        Err((
            StatusCode::BAD_GATEWAY,
            Json(json!({ "id": id, "error": why })),
        )
            .into_response())
    }

    async fn post(&self, body: Vec<u8>) -> Result<u16, String> {
        let ing = &self.inner.ingress;
        let signature = baton_ingress::verify::sign(&ing.app_secret, &body);
        let res = self
            .inner
            .http
            .post(format!("{}/webhook/whatsapp", ing.url))
            .header("content-type", "application/json")
            .header("x-hub-signature-256", signature)
            .timeout(Duration::from_secs(10))
            .body(body)
            .send()
            .await
            .map_err(|e| format!("ingress unreachable at {}: {e}", ing.url))?;
        Ok(res.status().as_u16())
    }

    /// A signed status webhook for Baton's message `wamid` to `customer`.
    async fn post_status(&self, customer: &str, wamid: &str, status: &str) {
        let body = webhooks::status(
            &self.inner.ingress.number,
            customer,
            wamid,
            status,
            Value::Null,
        );
        match self.post(body).await {
            Ok(200) => {}
            Ok(code) => eprintln!("sandbox: ingress refused a `{status}` status webhook ({code})"),
            Err(e) => eprintln!("sandbox: `{status}` status webhook not delivered: {e}"),
        }
    }
}

/// The chat page's routes.
pub fn router(chats: Chats) -> Router {
    Router::new()
        .route("/", get(|| async { Html(PAGE) }))
        .route(
            "/chat.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/chat.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE) }),
        )
        .route("/api/messages", post(send))
        .route(
            "/api/media",
            post(upload).layer(axum::extract::DefaultBodyLimit::max(MEDIA_MAX)),
        )
        .route("/api/read", post(read))
        .route("/api/events", get(events))
        .route(
            "/api/history",
            get(|State(c): State<Chats>| async move { Json(c.history()) }),
        )
        .with_state(chats)
}

fn asset(mime: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

#[derive(Deserialize)]
struct Outgoing {
    customer: String,
    #[serde(default)]
    name: String,
    text: String,
}

fn bad(msg: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": msg }))).into_response()
}

/// A phone number as WhatsApp writes a `wa_id`: digits only, 6 to 15 of them.
fn plausible_number(n: &str) -> bool {
    (6..=15).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
}

async fn send(State(chats): State<Chats>, body: Result<Json<Outgoing>, JsonRejection>) -> Response {
    let Ok(Json(out)) = body else {
        return bad("expected JSON {customer, name, text}");
    };
    let customer = out.customer.trim().trim_start_matches('+').to_owned();
    if !plausible_number(&customer) {
        return bad("customer: a phone number of 6 to 15 digits");
    }
    if out.text.trim().is_empty() {
        return bad("text: write something");
    }
    let id = format!("wamid.SANDBOX-{}", uuid::Uuid::new_v4().simple());
    let name = if out.name.trim().is_empty() {
        "Customer"
    } else {
        out.name.trim()
    };
    let body = webhooks::text_named(&chats.inner.ingress.number, &customer, name, &id, &out.text);
    chats.push(&customer, "customer", &id, &out.text);
    match chats.deliver(&customer, &id, body).await {
        Ok(()) => Json(json!({ "id": id, "accepted": true })).into_response(),
        Err(refused) => refused,
    }
}

#[derive(Deserialize)]
struct Upload {
    customer: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    caption: String,
}

async fn upload(
    State(chats): State<Chats>,
    query: Result<axum::extract::Query<Upload>, axum::extract::rejection::QueryRejection>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Ok(axum::extract::Query(up)) = query else {
        return bad("expected ?customer=<digits>&name=&caption=");
    };
    let customer = up.customer.trim().trim_start_matches('+').to_owned();
    if !plausible_number(&customer) {
        return bad("customer: a phone number of 6 to 15 digits");
    }
    if body.is_empty() {
        return bad("the body must be the file");
    }
    let mime = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    // Meta's media ids are long decimal numbers.
    let media_id = (7_000_000_000_000_000 + uuid::Uuid::new_v4().as_u128() % 1_000_000_000_000_000)
        .to_string();
    let id = format!("wamid.SANDBOX-{}", uuid::Uuid::new_v4().simple());
    let number = chats.inner.ingress.number.clone();
    let caption = up.caption.trim();
    let (webhook, shown) = if mime.starts_with("image/") {
        let cap = (!caption.is_empty()).then_some(caption);
        let shown = format!("[photo] {caption}");
        (
            webhooks::image(&number, &customer, &id, &media_id, cap),
            shown,
        )
    } else if mime.starts_with("audio/") {
        (
            webhooks::voice_note(&number, &customer, &id, &media_id),
            "[voice note]".to_owned(),
        )
    } else {
        let msg = "only photos (image/*) and recordings (audio/*) can be sent";
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Json(json!({ "error": msg })),
        )
            .into_response();
    };
    let webhook = with_name(webhook, &up.name);
    chats.inner.graph.add_media(&media_id, &mime, &body);
    chats.push(&customer, "customer", &id, shown.trim());
    match chats.deliver(&customer, &id, webhook).await {
        Ok(()) => Json(json!({ "id": id, "media_id": media_id, "accepted": true })).into_response(),
        Err(refused) => refused,
    }
}

/// The webhook with the customer's profile name set (the builders use a placeholder).
fn with_name(body: Vec<u8>, name: &str) -> Vec<u8> {
    let name = if name.trim().is_empty() {
        "Customer"
    } else {
        name.trim()
    };
    let mut v: Value = serde_json::from_slice(&body).unwrap_or_default();
    if let Some(c) = v.pointer_mut("/entry/0/changes/0/value/contacts/0/profile/name") {
        *c = json!(name);
    }
    serde_json::to_vec(&v).unwrap_or(body)
}

#[derive(Deserialize)]
struct Seen {
    customer: String,
}

async fn read(State(chats): State<Chats>, body: Result<Json<Seen>, JsonRejection>) -> Response {
    let Ok(Json(seen)) = body else {
        return bad("expected JSON {customer}");
    };
    let history = chats.history();
    let unread: Vec<String> = history
        .iter()
        .filter(|e| e.customer == seen.customer && e.kind == "reply")
        .filter(|r| !history.iter().any(|e| e.kind == "seen" && e.id == r.id))
        .map(|r| r.id.clone())
        .collect();
    for wamid in &unread {
        chats.push(&seen.customer, "seen", wamid, "");
        chats.post_status(&seen.customer, wamid, "read").await;
    }
    Json(json!({ "read": unread.len() })).into_response()
}

async fn events(
    State(chats): State<Chats>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    // Subscribe before reading the history, so nothing falls between the two.
    let live = chats.inner.live.subscribe();
    let past = chats.history();
    let last = past.last().map_or(0, |e| e.seq);
    let replay = stream::iter(past);
    let live = stream::unfold(live, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(ev) => return Some((ev, rx)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    })
    .filter(move |e| futures::future::ready(e.seq > last));
    let all = replay.chain(live).map(|ev| {
        Ok(SseEvent::default()
            .id(ev.seq.to_string())
            .event(ev.kind.clone())
            .data(serde_json::to_string(&ev).unwrap_or_default()))
    });
    Sse::new(all).keep_alive(KeepAlive::default())
}

/// What a customer sees of one request Baton made to the Graph API.
fn seen_by_customer(req: &GraphRequest) -> Option<(String, String)> {
    let body = &req.body;
    let text = match req.kind.as_str() {
        "text" => body.pointer("/text/body")?.as_str()?.to_owned(),
        "template" => format!(
            "[template {}]",
            body.pointer("/template/name")
                .and_then(Value::as_str)
                .unwrap_or("?")
        ),
        "interactive" => body
            .pointer("/interactive/body/text")
            .and_then(Value::as_str)
            .unwrap_or("[interactive message]")
            .to_owned(),
        other => format!("[{other}]"),
    };
    Some((req.recipient.clone()?, text))
}

/// Follows the stand-in Graph API until `stop`: see the module doc.
pub async fn relay(graph: Arc<FakeGraph>, chats: Chats, stop: CancellationToken) {
    let mut done = 0;
    loop {
        let all = graph.requests();
        for req in all.iter().skip(done) {
            if req.kind == "read" {
                let Some(id) = req.body["message_id"].as_str() else {
                    continue;
                };
                let Some(customer) = chats.author_of(id) else {
                    continue;
                };
                chats.push(&customer, "read", id, "");
                if req.body.get("typing_indicator").is_some() {
                    chats.push(&customer, "typing", id, "");
                }
                continue;
            }
            let (Some(wamid), Some((customer, text))) = (&req.wamid, seen_by_customer(req)) else {
                continue;
            };
            chats.push(&customer, "reply", wamid, &text);
            chats.post_status(&customer, wamid, "sent").await;
            chats.post_status(&customer, wamid, "delivered").await;
        }
        done = all.len();
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_millis(100)) => {}
        }
    }
}
