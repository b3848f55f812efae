//! The machinery every fake external server shares: [`FakeServer`] runs one [`FakeApi`].
//!
//! A fake supplies only what is its own: the spec checks and the answers, in
//! [`FakeApi::handle`], and the state that needs (stored messages, settings). The server owns
//! the rest:
//!
//! - binding `127.0.0.1:0` and serving until the [`FakeServer`] is dropped (graceful stop:
//!   no new connections, in-flight answers finish, a [`Answer::Hang`] gives up with 503);
//! - recording every request as it arrives, before any latency, in arrival order
//!   ([`RecordedRequest`]: method, path, query, headers, raw body, arrival time);
//! - the violations list a test asserts empty at the end (handlers add to it through
//!   [`Exchange::violation`]);
//! - an optional latency before each answer ([`FakeApi::delays`] can exempt a request);
//! - a queue of scripted outcomes ([`FakeApi::Script`]) the handler takes from when *it*
//!   decides a request should consume one (e.g. Graph: sends, not mark-read).
//!
//! Handlers are synchronous and run under the server's lock, so a fake's state needs no locking
//! of its own and a request is handled atomically. Nothing here panics on bad input; only a
//! failed bind panics (a test cannot go on without its fake). A poisoned lock (a handler
//! panicked) is recovered, so later requests and accessors still work.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// One request exactly as the fake received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: Method,
    /// The path without the query, e.g. `/v25.0/300/messages`.
    pub path: String,
    /// The raw query string, without `?`.
    pub query: Option<String>,
    pub headers: HeaderMap,
    /// The raw body bytes (signatures and byte-exact checks need them).
    pub body: Bytes,
    /// When it arrived (before any latency was applied).
    pub at: Instant,
}

impl RecordedRequest {
    /// A header's value, if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The token of `Authorization: Bearer <token>`, if the header has that shape.
    pub fn bearer(&self) -> Option<&str> {
        self.header(header::AUTHORIZATION.as_str())?
            .strip_prefix("Bearer ")
    }

    /// Whether `Content-Type` is `mime` (parameters such as `charset` allowed, any case).
    pub fn content_type_is(&self, mime: &str) -> bool {
        self.header(header::CONTENT_TYPE.as_str())
            .and_then(|c| c.split(';').next())
            .is_some_and(|c| c.trim().eq_ignore_ascii_case(mime))
    }

    /// The body parsed as JSON, or why it is not JSON.
    pub fn json(&self) -> Result<Value, String> {
        serde_json::from_slice(&self.body).map_err(|e| format!("body is not JSON: {e}"))
    }

    /// `path?query` (just the path without a query).
    pub fn path_and_query(&self) -> String {
        match &self.query {
            Some(q) => format!("{}?{q}", self.path),
            None => self.path.clone(),
        }
    }
}

/// What a handler answers.
pub enum Answer {
    /// This response, now.
    Reply(Response),
    /// No answer until the fake stops (a client's timeout must fire); then 503.
    Hang,
}

impl Answer {
    /// A JSON body with `status` (an invalid status becomes 500).
    pub fn json(status: u16, body: Value) -> Answer {
        Answer::Reply(json_response(status, body))
    }
}

impl From<Response> for Answer {
    fn from(r: Response) -> Answer {
        Answer::Reply(r)
    }
}

/// A JSON response with `status` (an invalid status becomes 500).
pub fn json_response(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}

/// What a handler may touch besides its own state: the violations and the scripted queue.
pub struct Exchange<'a, S> {
    violations: &'a mut Vec<String>,
    scripts: &'a mut VecDeque<S>,
}

impl<S> Exchange<'_, S> {
    /// Records a way the request broke the spec.
    pub fn violation(&mut self, what: impl Into<String>) {
        self.violations.push(what.into());
    }

    /// Records several violations.
    pub fn violations(&mut self, all: impl IntoIterator<Item = String>) {
        self.violations.extend(all);
    }

    /// Takes the next scripted outcome, if any.
    pub fn next_script(&mut self) -> Option<S> {
        self.scripts.pop_front()
    }
}

/// A fake's own part: its state, its checks and its answers.
pub trait FakeApi: Send + 'static {
    /// What a test can queue for the next requests (e.g. a failure to answer with).
    type Script: Send + 'static;

    /// Checks one request, records what is wrong through `ex`, updates the fake's state and
    /// answers like the real service would.
    fn handle(&mut self, req: &RecordedRequest, ex: &mut Exchange<'_, Self::Script>) -> Answer;

    /// Whether the configured latency applies to this request (default: every request).
    fn delays(&self, _req: &RecordedRequest) -> bool {
        true
    }
}

/// Everything behind the lock.
struct Core<A: FakeApi> {
    api: A,
    requests: Vec<RecordedRequest>,
    violations: Vec<String>,
    scripts: VecDeque<A::Script>,
    latency: Duration,
}

struct Shared<A: FakeApi> {
    core: Mutex<Core<A>>,
    /// Woken whenever a request arrives or is answered (for [`FakeServer::wait_until`]).
    changed: Notify,
    stop: CancellationToken,
}

impl<A: FakeApi> Shared<A> {
    fn lock(&self) -> MutexGuard<'_, Core<A>> {
        self.core.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A running fake server; it stops when dropped.
pub struct FakeServer<A: FakeApi> {
    url: String,
    shared: Arc<Shared<A>>,
}

impl<A: FakeApi> FakeServer<A> {
    /// Serves `api` on `127.0.0.1:0`; panics if it cannot bind.
    pub async fn start(api: A) -> FakeServer<A> {
        let shared = Arc::new(Shared {
            core: Mutex::new(Core {
                api,
                requests: Vec::new(),
                violations: Vec::new(),
                scripts: VecDeque::new(),
                latency: Duration::ZERO,
            }),
            changed: Notify::new(),
            stop: CancellationToken::new(),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a fake server on 127.0.0.1:0");
        let url = format!("http://{}", listener.local_addr().expect("fake's address"));
        let app = Router::new()
            .fallback(serve::<A>)
            .with_state(shared.clone());
        let stopped = shared.stop.clone().cancelled_owned();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(stopped)
                .await;
        });
        FakeServer { url, shared }
    }

    /// Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request received, in arrival order (including refused ones).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// Every spec violation recorded, in order.
    pub fn violations(&self) -> Vec<String> {
        self.shared.lock().violations.clone()
    }

    /// A delay before every answer the API does not exempt.
    pub fn set_latency(&self, d: Duration) {
        self.shared.lock().latency = d;
    }

    /// Appends scripted outcomes for the next requests that take one.
    pub fn script(&self, items: impl IntoIterator<Item = A::Script>) {
        self.shared.lock().scripts.extend(items);
    }

    /// Drops every scripted outcome not used yet.
    pub fn clear_scripts(&self) {
        self.shared.lock().scripts.clear();
    }

    /// Runs `f` on the fake's state (under the lock: keep it short, never await in it).
    pub fn with<R>(&self, f: impl FnOnce(&mut A) -> R) -> R {
        f(&mut self.shared.lock().api)
    }

    /// Waits until `done(state, requests)` holds or `timeout` passes; returns whether it held.
    /// Re-checked whenever a request arrives or is answered, never by polling.
    pub async fn wait_until(
        &self,
        timeout: Duration,
        mut done: impl FnMut(&A, &[RecordedRequest]) -> bool,
    ) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let changed = self.shared.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            {
                let core = self.shared.lock();
                if done(&core.api, &core.requests) {
                    return true;
                }
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                return false;
            }
        }
    }
}

impl<A: FakeApi> Drop for FakeServer<A> {
    fn drop(&mut self) {
        self.shared.stop.cancel();
    }
}

/// The one handler: record, wait the latency, let the API answer.
async fn serve<A: FakeApi>(
    State(shared): State<Arc<Shared<A>>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req = RecordedRequest {
        method,
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers,
        body,
        at: Instant::now(),
    };
    let delay = {
        let mut core = shared.lock();
        core.requests.push(req.clone());
        if core.api.delays(&req) {
            core.latency
        } else {
            Duration::ZERO
        }
    };
    shared.changed.notify_waiters();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let answer = {
        let mut core = shared.lock();
        let Core {
            api,
            violations,
            scripts,
            ..
        } = &mut *core;
        api.handle(
            &req,
            &mut Exchange {
                violations,
                scripts,
            },
        )
    };
    shared.changed.notify_waiters();
    match answer {
        Answer::Reply(response) => response,
        Answer::Hang => {
            shared.stop.cancelled().await;
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

#[cfg(test)]
mod tests;
