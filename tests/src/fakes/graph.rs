//! Fake WhatsApp Graph API: `POST /{version}/{phone_number_id}/messages` checked against
//! `shared/specs/whatsapp-cloud-api.md` §5.
//!
//! Every request is validated (method, path, bearer token, JSON content type, the common send
//! fields of §5.2, the type-specific object and limits of §5.2–5.5, the mark-read shape of
//! §5.3). A request that breaks the spec is recorded in [`FakeGraph::violations`] and answered
//! like Graph would: 400 with error code 100 (401 with code 190 for a wrong token). Accepted
//! requests are recorded in order and answered like §5.6 (`wamid.FAKE-<n>`) or
//! `{"success":true}`; [`FakeGraph::fail_next`] scripts Graph errors for the next sends
//! ([`FakeGraph::pass_next`] lets some through first).
//! Thread-safe; bad input never panics. The server stops when the `FakeGraph` is dropped.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::{Value, json};
use tokio::sync::oneshot;

use check::check;

mod check;

/// One accepted request (spec-valid), in arrival order.
#[derive(Debug, Clone)]
pub struct GraphRequest {
    /// e.g. `/v25.0/300/messages`.
    pub path: String,
    pub phone_number_id: String,
    pub body: Value,
    /// `text`, `read`, `interactive`, `template` (or another message type).
    pub kind: String,
    /// Digits of `to` (no `+`), or the `recipient` BSUID; `None` for mark-read.
    pub recipient: Option<String>,
    /// The Graph error code it was answered with, when a failure was scripted.
    pub failed_with: Option<i64>,
    /// When the request arrived (benchmarks measure webhook-to-send time with it).
    pub at: std::time::Instant,
}

/// A running fake Graph server.
pub struct FakeGraph {
    /// Base URL without the version, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    state: Arc<Mutex<Inner>>,
    _stop: oneshot::Sender<()>,
}

struct Inner {
    token: String,
    requests: Vec<GraphRequest>,
    violations: Vec<String>,
    /// Scripted answers for the next sends: (code, HTTP status).
    failures: VecDeque<Option<(i64, u16)>>,
    latency: Duration,
    next_id: u64,
}

type Shared = Arc<Mutex<Inner>>;

fn lock(state: &Mutex<Inner>) -> MutexGuard<'_, Inner> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

impl FakeGraph {
    /// Starts the server on 127.0.0.1:0; requests must carry `Authorization: Bearer <token>`.
    pub async fn start(token: &str) -> FakeGraph {
        let state = Arc::new(Mutex::new(Inner {
            token: token.to_owned(),
            requests: Vec::new(),
            violations: Vec::new(),
            failures: VecDeque::new(),
            latency: Duration::ZERO,
            next_id: 0,
        }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake graph");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let app = Router::new().fallback(handle).with_state(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await;
        });
        FakeGraph {
            url,
            state,
            _stop: stop,
        }
    }

    /// Every accepted request, in order (including those answered with a scripted failure).
    pub fn requests(&self) -> Vec<GraphRequest> {
        lock(&self.state).requests.clone()
    }

    /// Text bodies successfully sent to a wa_id (with or without `+`) or BSUID, in order.
    pub fn texts_to(&self, recipient: &str) -> Vec<String> {
        let want = recipient.trim_start_matches('+');
        lock(&self.state)
            .requests
            .iter()
            .filter(|r| r.kind == "text" && r.failed_with.is_none())
            .filter(|r| r.recipient.as_deref() == Some(want))
            .filter_map(|r| r.body.pointer("/text/body")?.as_str().map(str::to_owned))
            .collect()
    }

    /// Every spec violation seen, in order.
    pub fn violations(&self) -> Vec<String> {
        lock(&self.state).violations.clone()
    }

    /// The next `times` send requests (not mark-read) are answered with Graph error `code` and
    /// HTTP `http_status`, e.g. (131047, 400) permanent, (131056, 400) or (2, 503) retryable.
    pub fn fail_next(&self, code: i64, http_status: u16, times: usize) {
        let mut s = lock(&self.state);
        s.failures
            .extend(std::iter::repeat_n(Some((code, http_status)), times));
    }

    /// The next `times` send requests succeed before the scripted failures queued after this
    /// call apply (e.g. part 1 of a long reply goes through, part 2 fails).
    pub fn pass_next(&self, times: usize) {
        lock(&self.state)
            .failures
            .extend(std::iter::repeat_n(None, times));
    }

    /// Delay before every answer (for benchmarks and timeout tests).
    pub fn set_latency(&self, d: Duration) {
        lock(&self.state).latency = d;
    }

    /// Waits until at least `n` requests were accepted (or `timeout` passed); returns them.
    pub async fn wait_requests(&self, n: usize, timeout: Duration) -> Vec<GraphRequest> {
        let until = Instant::now() + timeout;
        loop {
            let got = self.requests();
            if got.len() >= n || Instant::now() >= until {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn handle(
    State(state): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let latency = lock(&state).latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let token = lock(&state).token.clone();
    match check(&method, &uri, &headers, &body, &token) {
        Ok(req) => accept(&state, req),
        Err(v) => {
            let mut s = lock(&state);
            s.violations
                .push(format!("{method} {}: {}", uri.path(), v.what));
            s.next_id += 1;
            error_response(v.status, v.code, &v.what, s.next_id)
        }
    }
}

fn accept(state: &Shared, mut req: GraphRequest) -> Response {
    let mut s = lock(state);
    s.next_id += 1;
    let n = s.next_id;
    let scripted = if req.kind == "read" {
        None
    } else {
        s.failures.pop_front().flatten()
    };
    req.failed_with = scripted.map(|(code, _)| code);
    let answer = match scripted {
        Some((code, status)) => error_response(status, code, "scripted failure", n),
        None if req.kind == "read" => Json(json!({ "success": true })).into_response(),
        None => Json(send_answer(&req, n)).into_response(),
    };
    s.requests.push(req);
    answer
}

fn send_answer(req: &GraphRequest, n: u64) -> Value {
    let who = req.recipient.clone().unwrap_or_default();
    let contact = if req.body.get("to").is_some() {
        json!({ "input": req.body["to"], "wa_id": who })
    } else {
        json!({ "input": who, "user_id": who })
    };
    json!({
        "messaging_product": "whatsapp",
        "contacts": [contact],
        "messages": [{ "id": format!("wamid.FAKE-{n}") }]
    })
}

fn error_response(status: u16, code: i64, what: &str, n: u64) -> Response {
    let body = json!({ "error": {
        "message": format!("(#{code}) {what}"),
        "type": "OAuthException",
        "code": code,
        "error_data": { "messaging_product": "whatsapp", "details": what },
        "fbtrace_id": format!("FAKE-TRACE-{n}")
    }});
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    (status, Json(body)).into_response()
}
