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
//! or the text given to [`FakeSynap::set_context`]. Runs on [`FakeServer`] (binding,
//! recording, latency, the queue of injected failures). The server stops when dropped.

use std::collections::HashSet;
use std::time::Duration;

use axum::http::Method;
use axum::response::Response;
use serde_json::{Value, json};

use super::server::{Answer, Exchange, FakeApi, FakeServer, RecordedRequest, json_response};

pub mod checks;

/// The fake's own state; the generic server holds requests, violations, latency and the
/// queue of injected failure statuses.
struct SynapApi {
    api_key: String,
    isolation: Option<String>,
    memories: Vec<Value>,
    messages: Vec<Value>,
    fetches: Vec<Value>,
    document_ids: HashSet<String>,
    down: bool,
    context: Option<String>,
    forbidden: Vec<String>,
}

/// An injected failure: the HTTP status the next request is answered with.
type Script = u16;

/// The running fake; see the module doc.
pub struct FakeSynap {
    /// Base URL (`SYNAP_BASE_URL`).
    pub url: String,
    server: FakeServer<SynapApi>,
}

impl FakeSynap {
    /// Starts a B2B (`strict`) or B2C (`equals_customer`) instance accepting `api_key`.
    pub async fn start(api_key: &str, b2b: bool) -> FakeSynap {
        let isolation = if b2b { "strict" } else { "equals_customer" };
        let server = FakeServer::start(SynapApi {
            api_key: api_key.to_owned(),
            isolation: Some(isolation.to_owned()),
            memories: Vec::new(),
            messages: Vec::new(),
            fetches: Vec::new(),
            document_ids: HashSet::new(),
            down: false,
            context: None,
            forbidden: Vec::new(),
        })
        .await;
        FakeSynap {
            url: server.url().to_owned(),
            server,
        }
    }

    /// Accepted `memories/create` bodies, in order.
    pub fn memories(&self) -> Vec<Value> {
        self.server.with(|g| g.memories.clone())
    }

    /// Accepted `conversations/messages` bodies, in order.
    pub fn messages(&self) -> Vec<Value> {
        self.server.with(|g| g.messages.clone())
    }

    /// Context fetch bodies, in order.
    pub fn fetches(&self) -> Vec<Value> {
        self.server.with(|g| g.fetches.clone())
    }

    /// Every request as `METHOD /path`, in arrival order.
    pub fn requests(&self) -> Vec<String> {
        let all = self.server.requests();
        all.iter()
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }

    /// Every way a request broke the spec.
    pub fn violations(&self) -> Vec<String> {
        self.server.violations()
    }

    /// While down, everything but `/health` is answered 503.
    pub fn set_down(&self, down: bool) {
        self.server.with(|g| g.down = down);
    }

    /// The next `times` requests (not `/health`) are answered `status` (429 with `Retry-After: 1`);
    /// replaces failures still queued.
    pub fn fail_next(&self, status: u16, times: usize) {
        self.server.clear_scripts();
        self.server.script(std::iter::repeat_n(status, times));
    }

    /// Fetches answer one fact with this text instead of the stored memories.
    pub fn set_context(&self, text: &str) {
        self.server.with(|g| g.context = Some(text.to_owned()));
    }

    /// Changes what whoami reports: `Some("strict")`, `Some("equals_customer")` or `None`
    /// (an older deployment); the id contract is enforced accordingly.
    pub fn set_isolation(&self, isolation: Option<&str>) {
        self.server
            .with(|g| g.isolation = isolation.map(str::to_owned));
    }

    /// Added before every answer but `/health`'s (for client timeouts).
    pub fn set_latency(&self, d: Duration) {
        self.server.set_latency(d);
    }

    /// Any request containing `needle` (path, header value or body) is a violation.
    pub fn forbid(&self, needle: &str) {
        self.server.with(|g| g.forbidden.push(needle.to_owned()));
    }
}

impl FakeApi for SynapApi {
    type Script = Script;

    fn handle(&mut self, req: &RecordedRequest, ex: &mut Exchange<'_, Script>) -> Answer {
        ex.violations(forbidden(&self.forbidden, req));
        if req.method == Method::GET && req.path == "/health" {
            return ok(json!({"status": "ok"})).into();
        }
        if let Some(refusal) = self.gate(req, ex) {
            return refusal.into();
        }
        let body = if req.method == Method::POST {
            parse(req, ex)
        } else {
            Value::Null
        };
        self.route(req, body, ex).into()
    }

    fn delays(&self, req: &RecordedRequest) -> bool {
        req.path != "/health"
    }
}

impl SynapApi {
    fn route(
        &mut self,
        req: &RecordedRequest,
        body: Value,
        ex: &mut Exchange<'_, Script>,
    ) -> Response {
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/api/v1/auth/whoami") => whoami(self),
            ("POST", "/api/v1/memories/create") => create(self, body, ex),
            ("POST", "/v1/conversations/messages") => message(self, body, ex),
            ("POST", p) if p.starts_with("/v1/context/") && p.ends_with("/fetch") => {
                let scope = p
                    .trim_start_matches("/v1/context/")
                    .trim_end_matches("/fetch");
                fetch(self, scope, body, ex)
            }
            (m, p) => {
                ex.violation(format!("unexpected request {m} {p}"));
                error(404, json!({"detail": "Not Found"}))
            }
        }
    }

    /// Auth (§3), then the injected outages.
    fn gate(&self, req: &RecordedRequest, ex: &mut Exchange<'_, Script>) -> Option<Response> {
        let auth = req.header("authorization");
        if !auth.is_some_and(|a| a.starts_with("Bearer ") && a.len() > 7) {
            ex.violation(format!(
                "{}: authorization is {auth:?}, not `Bearer <key>`",
                req.method
            ));
            return Some(error(401, json!({"detail": "Not authenticated"})));
        }
        if req.bearer() != Some(self.api_key.as_str()) {
            return Some(error(401, json!({"detail": "Invalid API key"})));
        }
        if self.down {
            return Some(error(503, json!({"detail": "Service Unavailable"})));
        }
        let status = ex.next_script()?;
        let mut resp = error(status, json!({"detail": "injected failure"}));
        if status == 429 {
            resp.headers_mut().insert("retry-after", 1.into());
        }
        Some(resp)
    }
}

fn parse(req: &RecordedRequest, ex: &mut Exchange<'_, Script>) -> Value {
    if !req.content_type_is("application/json") {
        let ct = req.header("content-type");
        ex.violation(format!("content-type is {ct:?}, not application/json"));
    }
    req.json().unwrap_or_else(|e| {
        ex.violation(e);
        Value::Null
    })
}

fn forbidden(needles: &[String], req: &RecordedRequest) -> Vec<String> {
    let body = String::from_utf8_lossy(&req.body);
    let target = req.path_and_query();
    let header_text: Vec<&str> = req
        .headers
        .values()
        .filter_map(|v| v.to_str().ok())
        .collect();
    needles
        .iter()
        .filter(|n| {
            target.contains(n.as_str())
                || body.contains(n.as_str())
                || header_text.iter().any(|h| h.contains(n.as_str()))
        })
        .map(|n| format!("forbidden text {n:?} in a request to {}", req.path))
        .collect()
}

fn b2b(g: &SynapApi) -> Option<bool> {
    match g.isolation.as_deref() {
        Some("strict") => Some(true),
        Some("equals_customer") => Some(false),
        _ => None,
    }
}

fn whoami(g: &SynapApi) -> Response {
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
fn judge(ex: &mut Exchange<'_, Script>, verdict: checks::Verdict) -> Option<Response> {
    ex.violations(verdict.problems);
    verdict.reject.map(|(status, body)| error(status, body))
}

fn create(g: &mut SynapApi, body: Value, ex: &mut Exchange<'_, Script>) -> Response {
    let verdict = checks::create(&body, b2b(g));
    if let Some(refusal) = judge(ex, verdict) {
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

fn message(g: &mut SynapApi, body: Value, ex: &mut Exchange<'_, Script>) -> Response {
    let verdict = checks::message(&body, b2b(g));
    if let Some(refusal) = judge(ex, verdict) {
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

fn fetch(g: &mut SynapApi, scope: &str, body: Value, ex: &mut Exchange<'_, Script>) -> Response {
    if !["user", "customer", "client", "conversation"].contains(&scope) {
        ex.violation(format!("unknown context scope {scope:?}"));
        return error(404, json!({"detail": "Not Found"}));
    }
    let verdict = checks::fetch(scope, &body, b2b(g));
    g.fetches.push(body.clone());
    if let Some(refusal) = judge(ex, verdict) {
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
fn stored_facts(g: &SynapApi, body: &Value, max: usize) -> Vec<Value> {
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
    json_response(200, body)
}

fn error(status: u16, body: Value) -> Response {
    json_response(status, body)
}
