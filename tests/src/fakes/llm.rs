//! A fake OpenAI-compatible chat-completions server (`../shared/specs/openai-chat.md`).
//!
//! [`FakeLlm::start`] serves `POST {base_url}/chat/completions` on `127.0.0.1:0` with
//! `base_url = http://127.0.0.1:port/v1`. Every request is checked against the spec (path,
//! JSON, `model`, message roles and shapes, the tool-call/tool-result pairing of §3, the tool
//! definitions of §4, no deprecated or streaming fields); problems are recorded, never
//! panicked on, so a test asserts `violations().is_empty()` at the end. Answers come from a
//! queue of [`Scripted`] responses, then from a fallback closure (default: `Reply("ok")`);
//! [`demo_agent`] is a deterministic stand-in for a model. The server stops when dropped.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

mod checks;
mod demo;

pub use checks::{check_headers, check_request};
pub use demo::demo_agent;

/// What the fake answers to one request.
#[derive(Clone, Debug)]
pub enum Scripted {
    /// A final assistant reply.
    Reply(String),
    /// Tool calls (name, arguments), with generated ids `call_N`.
    ToolCalls(Vec<(String, Value)>),
    /// An error status with an OpenAI-style error body and an optional `Retry-After` (s).
    Status(u16, Option<u64>),
    /// Never answers (the client's timeout must fire).
    Hang,
    /// This exact body with status 200 (for lenient-parsing tests).
    Raw(Value),
}

type Fallback = Arc<dyn Fn(&Value) -> Scripted + Send + Sync>;

struct Inner {
    queue: VecDeque<Scripted>,
    fallback: Fallback,
    requests: Vec<Value>,
    violations: Vec<String>,
    latency: Duration,
    down: bool,
    next_call: u64,
}

type Shared = Arc<Mutex<Inner>>;

/// The running fake; see the module doc.
pub struct FakeLlm {
    pub base_url: String,
    inner: Shared,
    task: tokio::task::JoinHandle<()>,
}

impl FakeLlm {
    pub async fn start() -> FakeLlm {
        let inner: Shared = Arc::new(Mutex::new(Inner {
            queue: VecDeque::new(),
            fallback: Arc::new(|_| Scripted::Reply("ok".into())),
            requests: Vec::new(),
            violations: Vec::new(),
            latency: Duration::ZERO,
            down: false,
            next_call: 0,
        }));
        let app = Router::new()
            .route("/v1/chat/completions", post(completions))
            .fallback(unexpected)
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake LLM");
        let addr = listener.local_addr().expect("fake LLM address");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeLlm {
            base_url: format!("http://{addr}/v1"),
            inner,
            task,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues a response; queued responses are used in order before the fallback.
    pub fn push(&self, s: Scripted) {
        self.lock().queue.push_back(s);
    }

    pub fn set_fallback(&self, f: impl Fn(&Value) -> Scripted + Send + Sync + 'static) {
        self.lock().fallback = Arc::new(f);
    }

    /// Every request body received, in order.
    pub fn requests(&self) -> Vec<Value> {
        self.lock().requests.clone()
    }

    /// Every way a request broke the spec.
    pub fn violations(&self) -> Vec<String> {
        self.lock().violations.clone()
    }

    /// Added before every answer.
    pub fn set_latency(&self, d: Duration) {
        self.lock().latency = d;
    }

    /// While down, everything is answered 503 (the queue is not consumed).
    pub fn set_down(&self, down: bool) {
        self.lock().down = down;
    }
}

impl Drop for FakeLlm {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock(inner: &Shared) -> std::sync::MutexGuard<'_, Inner> {
    inner.lock().unwrap_or_else(|p| p.into_inner())
}

async fn unexpected(State(inner): State<Shared>, method: Method, uri: Uri) -> Response {
    lock(&inner)
        .violations
        .push(format!("unexpected request {method} {uri}"));
    error(404, "not found", None)
}

async fn completions(State(inner): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let mut problems = check_headers(&headers);
    let request: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            problems.push(format!("body is not JSON: {e}"));
            Value::Null
        }
    };
    problems.extend(check_request(&request));
    let (answer, latency, first_call) = {
        let mut g = lock(&inner);
        g.violations.extend(problems);
        g.requests.push(request.clone());
        let answer = match (g.down, g.queue.pop_front()) {
            (true, popped) => {
                if let Some(s) = popped {
                    g.queue.push_front(s);
                }
                Scripted::Status(503, None)
            }
            (false, Some(s)) => s,
            (false, None) => (g.fallback.clone())(&request),
        };
        let first = g.next_call;
        if let Scripted::ToolCalls(calls) = &answer {
            g.next_call += calls.len() as u64;
        }
        (answer, g.latency, first)
    };
    tokio::time::sleep(latency).await;
    render(answer, &request, first_call).await
}

async fn render(answer: Scripted, request: &Value, first_call: u64) -> Response {
    let model = request["model"].as_str().unwrap_or("fake-model");
    let (message, finish) = match answer {
        Scripted::Reply(text) => (json!({"role": "assistant", "content": text}), "stop"),
        Scripted::ToolCalls(calls) => {
            let calls: Vec<Value> = (first_call..)
                .zip(calls)
                .map(|(n, (name, args))| {
                    json!({"id": format!("call_{n}"), "type": "function",
                        "function": {"name": name, "arguments": args.to_string()}})
                })
                .collect();
            let msg = json!({"role": "assistant", "content": null, "tool_calls": calls});
            (msg, "tool_calls")
        }
        Scripted::Status(code, retry_after) => return error(code, "scripted failure", retry_after),
        Scripted::Hang => return std::future::pending::<Response>().await,
        Scripted::Raw(body) => return axum::Json(body).into_response(),
    };
    let body = json!({
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 1_718_000_000,
        "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": null, "finish_reason": finish}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    });
    ([("x-request-id", "req_fake")], axum::Json(body)).into_response()
}

fn error(code: u16, message: &str, retry_after: Option<u64>) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let kind = match code {
        429 => "rate_limit_exceeded",
        400..=499 => "invalid_request_error",
        _ => "server_error",
    };
    let body = json!({"error": {"message": message, "type": kind, "param": null, "code": kind}});
    let mut resp = (status, axum::Json(body)).into_response();
    if let Some(secs) = retry_after {
        resp.headers_mut().insert("retry-after", secs.into());
    }
    resp
}
