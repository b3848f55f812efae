//! Fake WhatsApp Graph API: `POST /{version}/{phone_number_id}/messages` checked against
//! `shared/specs/whatsapp-cloud-api.md` §5.
//!
//! Every request is validated (method, path, bearer token, JSON content type, the common send
//! fields of §5.2, the type-specific object and limits of §5.2–5.5, the mark-read shape of
//! §5.3). A request that breaks the spec is recorded in [`FakeGraph::violations`] and answered
//! like Graph would: 400 with error code 100 (401 with code 190 for a wrong token). Accepted
//! requests are recorded in order and answered like §5.6 (`wamid.FAKE-<n>`) or
//! `{"success":true}`; [`FakeGraph::fail_next`] scripts Graph errors for the next sends
//! ([`FakeGraph::pass_next`] lets some through first). Customers' media is served from
//! `graph/media.rs` (§5.7: id → URL → bytes, with the token).
//! Runs on [`FakeServer`] (binding, recording, latency, the script queue); this module holds
//! only Graph's checks and answers. Thread-safe; bad input never panics. The server stops
//! when the `FakeGraph` is dropped.

use std::time::Duration;

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::server::{Answer, Exchange, FakeApi, FakeServer, RecordedRequest, json_response};
use check::check;
pub use media::MediaRequest;

mod check;
mod media;

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
    /// The message id it was answered with (`wamid.FAKE-<n>`), for a send that succeeded.
    pub wamid: Option<String>,
    /// When the request arrived (benchmarks measure webhook-to-send time with it).
    pub at: std::time::Instant,
}

/// A running fake Graph server.
pub struct FakeGraph {
    /// Base URL without the version, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    server: FakeServer<GraphApi>,
}

/// The fake's own state; the generic server holds requests, violations, latency and scripts.
struct GraphApi {
    token: String,
    accepted: Vec<GraphRequest>,
    /// Numbers answers (`wamid.FAKE-<n>`, `FAKE-TRACE-<n>`).
    next_id: u64,
    /// Customers' media (`graph/media.rs`).
    media: media::MediaStore,
}

/// A scripted answer for the next send: Graph error (code, HTTP status), or `None` to pass.
type Script = Option<(i64, u16)>;

impl FakeGraph {
    /// Starts the server on 127.0.0.1:0; requests must carry `Authorization: Bearer <token>`.
    pub async fn start(token: &str) -> FakeGraph {
        let server = FakeServer::start(GraphApi {
            token: token.to_owned(),
            accepted: Vec::new(),
            next_id: 0,
            media: Default::default(),
        })
        .await;
        let url = server.url().to_owned();
        server.with(|g| g.media.base = url);
        FakeGraph {
            url: server.url().to_owned(),
            server,
        }
    }

    /// Every accepted request, in order (including those answered with a scripted failure).
    pub fn requests(&self) -> Vec<GraphRequest> {
        self.server.with(|g| g.accepted.clone())
    }

    /// Text bodies successfully sent to a wa_id (with or without `+`) or BSUID, in order.
    pub fn texts_to(&self, recipient: &str) -> Vec<String> {
        let want = recipient.trim_start_matches('+');
        self.requests()
            .iter()
            .filter(|r| r.kind == "text" && r.failed_with.is_none())
            .filter(|r| r.recipient.as_deref() == Some(want))
            .filter_map(|r| r.body.pointer("/text/body")?.as_str().map(str::to_owned))
            .collect()
    }

    /// Every spec violation seen, in order.
    pub fn violations(&self) -> Vec<String> {
        self.server.violations()
    }

    /// The next `times` send requests (not mark-read) are answered with Graph error `code` and
    /// HTTP `http_status`, e.g. (131047, 400) permanent, (131056, 400) or (2, 503) retryable.
    pub fn fail_next(&self, code: i64, http_status: u16, times: usize) {
        let failure: Script = Some((code, http_status));
        self.server.script(std::iter::repeat_n(failure, times));
    }

    /// The next `times` send requests succeed before the scripted failures queued after this
    /// call apply (e.g. part 1 of a long reply goes through, part 2 fails).
    pub fn pass_next(&self, times: usize) {
        self.server.script(std::iter::repeat_n(None, times));
    }

    /// Stores media a webhook can then name by `id` (`GET /{version}/{id}` finds it).
    pub fn add_media(&self, id: &str, mime_type: &str, bytes: &[u8]) {
        let stored = media::Stored {
            mime_type: mime_type.to_owned(),
            bytes: bytes.to_vec(),
        };
        self.server
            .with(|g| g.media.stored.insert(id.to_owned(), stored));
    }

    /// Every media lookup and download, in order.
    pub fn media_requests(&self) -> Vec<MediaRequest> {
        self.server.with(|g| g.media.log.clone())
    }

    /// The next `n` media downloads answer 404, as an expired URL does.
    pub fn expire_next_urls(&self, n: usize) {
        self.server.with(|g| g.media.expire = n);
    }

    /// Delay before every answer (for benchmarks and timeout tests).
    pub fn set_latency(&self, d: Duration) {
        self.server.set_latency(d);
    }

    /// Waits until at least `n` requests were accepted (or `timeout` passed); returns them.
    pub async fn wait_requests(&self, n: usize, timeout: Duration) -> Vec<GraphRequest> {
        self.server
            .wait_until(timeout, |g, _| g.accepted.len() >= n)
            .await;
        self.requests()
    }
}

impl FakeApi for GraphApi {
    type Script = Script;

    fn handle(&mut self, req: &RecordedRequest, ex: &mut Exchange<'_, Script>) -> Answer {
        if let Some(answer) = self.media.handle(req, &self.token, ex) {
            return answer.into();
        }
        self.next_id += 1;
        match check(req, &self.token) {
            Ok(accepted) => self.accept(accepted, ex).into(),
            Err(v) => {
                ex.violation(format!("{} {}: {}", req.method, req.path, v.what));
                error_response(v.status, v.code, &v.what, self.next_id).into()
            }
        }
    }
}

impl GraphApi {
    /// Records a spec-valid request; a send takes the next scripted answer, mark-read never.
    fn accept(&mut self, mut req: GraphRequest, ex: &mut Exchange<'_, Script>) -> Response {
        let n = self.next_id;
        let scripted = if req.kind == "read" {
            None
        } else {
            ex.next_script().flatten()
        };
        req.failed_with = scripted.map(|(code, _)| code);
        if scripted.is_none() && req.kind != "read" {
            req.wamid = Some(format!("wamid.FAKE-{n}"));
        }
        let answer = match scripted {
            Some((code, status)) => error_response(status, code, "scripted failure", n),
            None if req.kind == "read" => Json(json!({ "success": true })).into_response(),
            None => Json(send_answer(&req, n)).into_response(),
        };
        self.accepted.push(req);
        answer
    }
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
        "messages": [{ "id": req.wamid.clone().unwrap_or_else(|| format!("wamid.FAKE-{n}")) }]
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
    // An unknown status falls back to 400, as before the generic server.
    let status = if (100..1000).contains(&status) {
        status
    } else {
        400
    };
    json_response(status, body)
}
