//! A fake OpenAI-compatible chat-completions server (`../shared/specs/openai-chat.md`).
//!
//! [`FakeLlm::start`] serves `POST {base_url}/chat/completions` (and
//! `POST {base_url}/audio/transcriptions`, `llm/audio.rs`) on `127.0.0.1:0` with
//! `base_url = http://127.0.0.1:port/v1`. Every request is checked against the spec (path,
//! JSON, `model`, message roles and shapes, the tool-call/tool-result pairing of §3, the tool
//! definitions of §4, no deprecated or streaming fields); problems are recorded, never
//! panicked on, so a test asserts `violations().is_empty()` at the end. Answers come from a
//! queue of [`Scripted`] responses, then from a fallback closure (default: `Reply("ok")`);
//! [`demo_agent`] is a deterministic stand-in for a model. Runs on [`FakeServer`], which
//! records every request on arrival (before the latency), so a test sees a call while the
//! "model" is still thinking. [`FakeLlm::set_vision`]`(false)` makes it a text-only model that
//! refuses image parts the way OpenAI does. The server stops when dropped.

use std::sync::Arc;
use std::time::Duration;

use axum::http::Method;
use axum::response::IntoResponse;
use serde_json::{Value, json};

use super::server::{Answer, Exchange, FakeApi, FakeServer, RecordedRequest, json_response};

mod audio;
mod checks;
mod demo;

pub use audio::{FormPart, Transcription};
pub use checks::{check_headers, check_request};
pub use demo::demo_agent;

/// The chat path the fake serves.
const COMPLETIONS: &str = "/v1/chat/completions";
/// Speech to text (`llm/audio.rs`).
const TRANSCRIPTIONS: &str = "/v1/audio/transcriptions";

/// What OpenAI answers a text-only model sent an image (`openai-audio-vision.md` §2.4).
pub const NO_VISION: &str = "Invalid content type. image_url is only supported by certain models.";

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

/// The fake's own state; the generic server holds requests, violations, latency and the
/// queue of [`Scripted`] answers.
struct LlmApi {
    fallback: Fallback,
    down: bool,
    /// Numbers generated tool call ids across the fake's life.
    next_call: u64,
    /// False: a request with an image part is refused like a text-only model.
    vision: bool,
    /// Requests refused for their images.
    image_refusals: usize,
    audio: audio::Audio,
}

/// The running fake; see the module doc.
pub struct FakeLlm {
    pub base_url: String,
    server: FakeServer<LlmApi>,
}

impl FakeLlm {
    pub async fn start() -> FakeLlm {
        let server = FakeServer::start(LlmApi {
            fallback: Arc::new(|_| Scripted::Reply("ok".into())),
            down: false,
            next_call: 0,
            vision: true,
            image_refusals: 0,
            audio: Default::default(),
        })
        .await;
        FakeLlm {
            base_url: format!("{}/v1", server.url()),
            server,
        }
    }

    /// Queues a response; queued responses are used in order before the fallback.
    pub fn push(&self, s: Scripted) {
        self.server.script([s]);
    }

    pub fn set_fallback(&self, f: impl Fn(&Value) -> Scripted + Send + Sync + 'static) {
        self.server.with(|l| l.fallback = Arc::new(f));
    }

    /// Every completions request body received (`null` when not JSON), in arrival order.
    pub fn requests(&self) -> Vec<Value> {
        self.server
            .requests()
            .iter()
            .filter(|r| r.method == Method::POST && r.path == COMPLETIONS)
            .map(|r| r.json().unwrap_or(Value::Null))
            .collect()
    }

    /// [`FakeLlm::requests`] with the time each arrived.
    pub fn requests_at(&self) -> Vec<(std::time::Instant, Value)> {
        self.server
            .requests()
            .iter()
            .filter(|r| r.method == Method::POST && r.path == COMPLETIONS)
            .map(|r| (r.at, r.json().unwrap_or(Value::Null)))
            .collect()
    }

    /// False: the fake is a text-only model; a request with an image part gets OpenAI's 400
    /// ([`NO_VISION`]) and consumes no scripted answer.
    pub fn set_vision(&self, vision: bool) {
        self.server.with(|l| l.vision = vision);
    }

    /// How many requests were refused for their images.
    pub fn image_refusals(&self) -> usize {
        self.server.with(|l| l.image_refusals)
    }

    /// What every transcription answers from now on.
    pub fn set_transcript(&self, text: &str) {
        self.server.with(|l| l.audio.transcript = text.to_owned());
    }

    /// While down, transcriptions are answered 503 (chat is unaffected).
    pub fn set_transcription_down(&self, down: bool) {
        self.server.with(|l| l.audio.down = down);
    }

    /// From now on, transcriptions of any other file extension are refused with OpenAI's
    /// 400 `Unsupported file format` (`None`: every format is read).
    pub fn set_transcription_reads(&self, extensions: Option<&[&str]>) {
        let reads = extensions.map(|e| e.iter().map(|s| s.to_string()).collect());
        self.server.with(|l| l.audio.reads = reads);
    }

    /// Every transcription request, in arrival order.
    pub fn transcriptions(&self) -> Vec<Transcription> {
        self.server.with(|l| l.audio.log.clone())
    }

    /// Every way a request broke the spec.
    pub fn violations(&self) -> Vec<String> {
        self.server.violations()
    }

    /// Added before every answer.
    pub fn set_latency(&self, d: Duration) {
        self.server.set_latency(d);
    }

    /// While down, everything is answered 503 (the queue is not consumed).
    pub fn set_down(&self, down: bool) {
        self.server.with(|l| l.down = down);
    }
}

impl FakeApi for LlmApi {
    type Script = Scripted;

    fn handle(&mut self, req: &RecordedRequest, ex: &mut Exchange<'_, Scripted>) -> Answer {
        if req.method == Method::POST && req.path == TRANSCRIPTIONS {
            return self.audio.handle(req, ex);
        }
        if req.method != Method::POST || req.path != COMPLETIONS {
            ex.violation(format!(
                "unexpected request {} {}",
                req.method,
                req.path_and_query()
            ));
            return error(404, "not found", None);
        }
        let mut problems = check_headers(&req.headers);
        let request = req.json().unwrap_or_else(|e| {
            problems.push(e);
            Value::Null
        });
        problems.extend(check_request(&request));
        ex.violations(problems);
        if !self.vision && has_image(&request) {
            self.image_refusals += 1;
            let body = json!({"error": {"message": NO_VISION, "type": "invalid_request_error",
                "param": "messages.[1].content.[1].type", "code": null}});
            return Answer::json(400, body);
        }
        let answer = if self.down {
            Scripted::Status(503, None)
        } else {
            ex.next_script()
                .unwrap_or_else(|| (self.fallback)(&request))
        };
        let first_call = self.next_call;
        if let Scripted::ToolCalls(calls) = &answer {
            self.next_call += calls.len() as u64;
        }
        render(answer, &request, first_call)
    }
}

/// True when a message of the request has an `image_url` part.
pub fn has_image(request: &Value) -> bool {
    request["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["content"].as_array())
        .flatten()
        .any(|p| p["type"] == "image_url")
}

fn render(answer: Scripted, request: &Value, first_call: u64) -> Answer {
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
        Scripted::Hang => return Answer::Hang,
        Scripted::Raw(body) => return Answer::json(200, body),
    };
    let body = json!({
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 1_718_000_000,
        "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": null, "finish_reason": finish}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    });
    ([("x-request-id", "req_fake")], axum::Json(body))
        .into_response()
        .into()
}

fn error(code: u16, message: &str, retry_after: Option<u64>) -> Answer {
    let kind = match code {
        429 => "rate_limit_exceeded",
        400..=499 => "invalid_request_error",
        _ => "server_error",
    };
    let body = json!({"error": {"message": message, "type": kind, "param": null, "code": kind}});
    let mut resp = json_response(code, body);
    if let Some(secs) = retry_after {
        resp.headers_mut().insert("retry-after", secs.into());
    }
    resp.into()
}
