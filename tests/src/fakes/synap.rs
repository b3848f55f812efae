//! A fake Synap server (`../shared/specs/synap.md`), REST only, on `127.0.0.1:0`.
//!
//! Serves `GET /health`, `GET /api/v1/auth/whoami`, `POST /api/v1/memories/create`,
//! `POST /v1/conversations/messages` and `POST /v1/context/{scope}/fetch`. Every request is
//! checked (method and path, `Authorization: Bearer <key>` §3, JSON content type, bodies and
//! the B2C/B2B id contract §4–§5, canonical UUID ids, see [`checks`]); problems are recorded
//! as violations, never panicked on, so a test asserts `violations().is_empty()`. Where the
//! real server refuses (400/422/500, duplicate `document_id` → 409), the fake refuses alike.
//! A [`FakeSynap::forbid`]den substring (a raw phone number) anywhere in a request (path,
//! headers, body) is a violation too. Accepted creates and messages are stored; a user fetch
//! answers the stored memories of that user (keyword-filtered by `search_query`) as `facts`,
//! or the text given to [`FakeSynap::set_context`]. The server stops when dropped.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub mod checks;

struct Inner {
    api_key: String,
    isolation: Option<String>,
    memories: Vec<Value>,
    messages: Vec<Value>,
    fetches: Vec<Value>,
    requests: Vec<String>,
    violations: Vec<String>,
    document_ids: HashSet<String>,
    down: bool,
    fail: Option<(u16, usize)>,
    context: Option<String>,
    forbidden: Vec<String>,
    latency: Duration,
}

type Shared = Arc<Mutex<Inner>>;

/// The running fake; see the module doc.
pub struct FakeSynap {
    /// Base URL (`SYNAP_BASE_URL`).
    pub url: String,
    inner: Shared,
    task: tokio::task::JoinHandle<()>,
}

impl FakeSynap {
    /// Starts a B2B (`strict`) or B2C (`equals_customer`) instance accepting `api_key`.
    pub async fn start(api_key: &str, b2b: bool) -> FakeSynap {
        let isolation = if b2b { "strict" } else { "equals_customer" };
        let inner: Shared = Arc::new(Mutex::new(Inner {
            api_key: api_key.to_owned(),
            isolation: Some(isolation.to_owned()),
            memories: Vec::new(),
            messages: Vec::new(),
            fetches: Vec::new(),
            requests: Vec::new(),
            violations: Vec::new(),
            document_ids: HashSet::new(),
            down: false,
            fail: None,
            context: None,
            forbidden: Vec::new(),
            latency: Duration::ZERO,
        }));
        let app = Router::new().fallback(handle).with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake Synap");
        let addr = listener.local_addr().expect("fake Synap address");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeSynap {
            url: format!("http://{addr}"),
            inner,
            task,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        lock(&self.inner)
    }

    /// Accepted `memories/create` bodies, in order.
    pub fn memories(&self) -> Vec<Value> {
        self.lock().memories.clone()
    }

    /// Accepted `conversations/messages` bodies, in order.
    pub fn messages(&self) -> Vec<Value> {
        self.lock().messages.clone()
    }

    /// Context fetch bodies, in order.
    pub fn fetches(&self) -> Vec<Value> {
        self.lock().fetches.clone()
    }

    /// Every request as `METHOD /path`, in order.
    pub fn requests(&self) -> Vec<String> {
        self.lock().requests.clone()
    }

    /// Every way a request broke the spec.
    pub fn violations(&self) -> Vec<String> {
        self.lock().violations.clone()
    }

    /// While down, everything but `/health` is answered 503.
    pub fn set_down(&self, down: bool) {
        self.lock().down = down;
    }

    /// The next `times` requests (not `/health`) are answered `status` (429 with `Retry-After: 1`).
    pub fn fail_next(&self, status: u16, times: usize) {
        self.lock().fail = Some((status, times));
    }

    /// Fetches answer one fact with this text instead of the stored memories.
    pub fn set_context(&self, text: &str) {
        self.lock().context = Some(text.to_owned());
    }

    /// Changes what whoami reports: `Some("strict")`, `Some("equals_customer")` or `None`
    /// (an older deployment); the id contract is enforced accordingly.
    pub fn set_isolation(&self, isolation: Option<&str>) {
        self.lock().isolation = isolation.map(str::to_owned);
    }

    /// Added before every answer but `/health`'s (for client timeouts).
    pub fn set_latency(&self, d: Duration) {
        self.lock().latency = d;
    }

    /// Any request containing `needle` (path, header value or body) is a violation.
    pub fn forbid(&self, needle: &str) {
        self.lock().forbidden.push(needle.to_owned());
    }
}

impl Drop for FakeSynap {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock(inner: &Shared) -> MutexGuard<'_, Inner> {
    inner.lock().unwrap_or_else(|p| p.into_inner())
}

async fn handle(
    State(inner): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let latency = lock(&inner).latency;
    if path != "/health" && !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let mut g = lock(&inner);
    g.requests.push(format!("{method} {path}"));
    let problems = forbidden(&g.forbidden, &uri, &headers, &body);
    g.violations.extend(problems);
    if method == Method::GET && path == "/health" {
        return ok(json!({"status": "ok"}));
    }
    if let Some(refusal) = gate(&mut g, &method, &headers) {
        return refusal;
    }
    let json_body = if method == Method::POST {
        parse(&mut g, &headers, &body)
    } else {
        Value::Null
    };
    match (method.as_str(), path.as_str()) {
        ("GET", "/api/v1/auth/whoami") => whoami(&g),
        ("POST", "/api/v1/memories/create") => create(&mut g, json_body),
        ("POST", "/v1/conversations/messages") => message(&mut g, json_body),
        ("POST", p) if p.starts_with("/v1/context/") && p.ends_with("/fetch") => {
            let scope = p
                .trim_start_matches("/v1/context/")
                .trim_end_matches("/fetch")
                .to_owned();
            fetch(&mut g, &scope, json_body)
        }
        (m, p) => {
            g.violations.push(format!("unexpected request {m} {p}"));
            error(404, json!({"detail": "Not Found"}))
        }
    }
}

/// Auth (§3), then the injected outages.
fn gate(g: &mut Inner, method: &Method, headers: &HeaderMap) -> Option<Response> {
    let auth = headers.get("authorization").and_then(|a| a.to_str().ok());
    if !auth.is_some_and(|a| a.starts_with("Bearer ") && a.len() > 7) {
        g.violations.push(format!(
            "{method}: authorization is {auth:?}, not `Bearer <key>`"
        ));
        return Some(error(401, json!({"detail": "Not authenticated"})));
    }
    if auth != Some(format!("Bearer {}", g.api_key).as_str()) {
        return Some(error(401, json!({"detail": "Invalid API key"})));
    }
    if g.down {
        return Some(error(503, json!({"detail": "Service Unavailable"})));
    }
    if let Some((status, times)) = g.fail.take() {
        if times > 1 {
            g.fail = Some((status, times - 1));
        }
        let mut resp = error(status, json!({"detail": "injected failure"}));
        if status == 429 {
            resp.headers_mut().insert("retry-after", 1.into());
        }
        return Some(resp);
    }
    None
}

fn parse(g: &mut Inner, headers: &HeaderMap, body: &Bytes) -> Value {
    let ct = headers.get("content-type").and_then(|h| h.to_str().ok());
    if !ct.is_some_and(|c| c.starts_with("application/json")) {
        g.violations
            .push(format!("content-type is {ct:?}, not application/json"));
    }
    serde_json::from_slice(body).unwrap_or_else(|e| {
        g.violations.push(format!("body is not JSON: {e}"));
        Value::Null
    })
}

fn forbidden(needles: &[String], uri: &Uri, headers: &HeaderMap, body: &Bytes) -> Vec<String> {
    let body = String::from_utf8_lossy(body);
    let header_text: Vec<&str> = headers.values().filter_map(|v| v.to_str().ok()).collect();
    needles
        .iter()
        .filter(|n| {
            uri.to_string().contains(n.as_str())
                || body.contains(n.as_str())
                || header_text.iter().any(|h| h.contains(n.as_str()))
        })
        .map(|n| format!("forbidden text {n:?} in a request to {}", uri.path()))
        .collect()
}

fn b2b(g: &Inner) -> Option<bool> {
    match g.isolation.as_deref() {
        Some("strict") => Some(true),
        Some("equals_customer") => Some(false),
        _ => None,
    }
}

fn whoami(g: &Inner) -> Response {
    let mut body = json!({
        "client_id": "cli_3f0a9c1d2e4b5a60",
        "instance_id": "inst_9b1e27c04d3f8a65",
        "credential_id": "2c7d4e1a-0b9f-4c3e-8d21-5f6a7b8c9d0e",
    });
    if let Some(iso) = &g.isolation {
        body["user_context_isolation"] = json!(iso);
    }
    ok(body)
}

/// Applies a verdict: records problems, returns the refusal if the real server would refuse.
fn judge(g: &mut Inner, verdict: checks::Verdict) -> Option<Response> {
    g.violations.extend(verdict.problems);
    verdict.reject.map(|(status, body)| error(status, body))
}

fn create(g: &mut Inner, body: Value) -> Response {
    let verdict = checks::create(&body, b2b(g));
    if let Some(refusal) = judge(g, verdict) {
        return refusal;
    }
    let doc_id = body["document_id"].as_str().map(str::to_owned);
    if let Some(d) = &doc_id
        && !g.document_ids.insert(d.clone())
    {
        let detail =
            json!({"code": "duplicate_document_id", "message": "document_id already ingested"});
        return error(409, json!({"detail": detail}));
    }
    g.memories.push(body);
    let doc_id = doc_id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    ok(json!({
        "ingestion_id": uuid::Uuid::new_v4().to_string(),
        "document_id": doc_id,
        "status": "queued",
        "queued_at": "2026-09-02T09:12:45.120391+00:00",
    }))
}

fn message(g: &mut Inner, body: Value) -> Response {
    let verdict = checks::message(&body, b2b(g));
    if let Some(refusal) = judge(g, verdict) {
        return refusal;
    }
    let conversation = body["conversation_id"].clone();
    g.messages.push(body);
    ok(json!({
        "message_id": uuid::Uuid::new_v4().to_string(),
        "conversation_id": conversation,
        "session_id": uuid::Uuid::new_v4().to_string(),
        "recorded_at": "2026-09-02T09:12:45Z",
    }))
}

fn fetch(g: &mut Inner, scope: &str, body: Value) -> Response {
    if !["user", "customer", "client", "conversation"].contains(&scope) {
        g.violations
            .push(format!("unknown context scope {scope:?}"));
        return error(404, json!({"detail": "Not Found"}));
    }
    let verdict = checks::fetch(scope, &body, b2b(g));
    g.fetches.push(body.clone());
    if let Some(refusal) = judge(g, verdict) {
        return refusal;
    }
    let max = body["max_results"].as_u64().unwrap_or(10) as usize;
    let facts: Vec<Value> = match &g.context {
        Some(text) => vec![fact(text)],
        None => stored_facts(g, &body, max),
    };
    ok(
        json!({"context": {"facts": facts, "preferences": [], "episodes": [], "emotions": [],
        "temporal_events": []}, "ttl_seconds": 300}),
    )
}

/// The user's stored memories, newest first, sharing a word with the query when one is given.
fn stored_facts(g: &Inner, body: &Value, max: usize) -> Vec<Value> {
    let words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(str::to_lowercase)
            .collect()
    };
    let query: HashSet<String> = body["search_query"]
        .as_array()
        .map(|qs| {
            qs.iter()
                .filter_map(Value::as_str)
                .flat_map(words)
                .collect()
        })
        .unwrap_or_default();
    g.memories
        .iter()
        .rev()
        .filter(|m| m["user_id"] == body["user_id"])
        .filter_map(|m| m["document"].as_str())
        .filter(|d| query.is_empty() || !words(d).is_disjoint(&query))
        .take(max)
        .map(fact)
        .collect()
}

fn fact(text: &str) -> Value {
    json!({"id": uuid::Uuid::new_v4().to_string(), "content": text, "confidence": 0.9,
        "source": "conversation", "extracted_at": "2026-09-02T09:12:58Z", "metadata": {}})
}

fn ok(body: Value) -> Response {
    axum::Json(body).into_response()
}

fn error(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}
