//! The fake Slack's handler: routing, authentication, the checks that need the fake's memory
//! (threads, updated messages, block ids), storing accepted calls and Slack-shaped answers.
//! See the parent module for the contract.

use std::collections::HashMap;
use std::time::Instant;

use axum::http::Method;
use serde_json::{Map, Value, json};

use super::checks::{self, Verdict};
use super::{ResponsePost, SlackMessage, SlackUpdate};
use crate::fakes::server::{Answer, Exchange, FakeApi, RecordedRequest, json_response};
use crate::slack::{APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID};

/// What a scripted `chat.*` call is answered with.
#[derive(Debug, Clone)]
pub(super) enum Outcome {
    /// HTTP 503 (a Slack-side failure; the client should retry with backoff).
    Unavailable,
    /// HTTP 429 with `Retry-After: <secs>` and `{"ok":false,"error":"ratelimited"}`.
    RateLimited(u64),
    /// HTTP 200 with `{"ok":false,"error":<code>}`.
    Refused(String),
}

pub(super) struct SlackApi {
    token: String,
    pub(super) posts: Vec<SlackMessage>,
    pub(super) updates: Vec<SlackUpdate>,
    pub(super) responses: Vec<ResponsePost>,
    /// Issued response URL ids and how often each was used.
    pub(super) response_urls: HashMap<String, usize>,
    pub(super) forbidden: Vec<String>,
    /// Microseconds of the last `ts` handed out.
    last_ts: u64,
}

impl FakeApi for SlackApi {
    type Script = Outcome;

    fn handle(&mut self, req: &RecordedRequest, ex: &mut Exchange<'_, Outcome>) -> Answer {
        self.forbidden_text(req, ex);
        if let Some(id) = req.path.strip_prefix("/response/") {
            return self.respond(id, req, ex);
        }
        let Some(method) = req.path.strip_prefix("/api/") else {
            ex.violation(format!("unexpected request {} {}", req.method, req.path));
            return Answer::json(404, json!({"ok": false, "error": "not_found"}));
        };
        if req.method != Method::POST {
            ex.violation(format!("{method}: method must be POST, got {}", req.method));
            return refused("invalid_request");
        }
        if let Some(error) = self.authenticate(method, req, ex) {
            return refused(error);
        }
        match method {
            "auth.test" => Answer::json(200, auth_test()),
            "chat.postMessage" | "chat.update" => self.chat(method, req, ex),
            other => {
                ex.violation(format!("unexpected Slack method {other:?}"));
                refused("unknown_method")
            }
        }
    }
}

impl SlackApi {
    pub(super) fn new(token: &str) -> SlackApi {
        SlackApi {
            token: token.to_owned(),
            posts: Vec::new(),
            updates: Vec::new(),
            responses: Vec::new(),
            response_urls: HashMap::new(),
            forbidden: Vec::new(),
            last_ts: 1_700_000_000_000_000,
        }
    }

    /// §1: the bot token in the header, never in the query.
    fn authenticate(
        &self,
        method: &str,
        req: &RecordedRequest,
        ex: &mut Exchange<'_, Outcome>,
    ) -> Option<&'static str> {
        let in_query = req.query.as_deref().unwrap_or_default();
        if in_query.split('&').any(|kv| kv.starts_with("token=")) {
            ex.violation(format!("{method}: token in the query string (§1)"));
        }
        match req.bearer() {
            None => {
                ex.violation(format!("{method}: no `Authorization: Bearer` header"));
                Some("not_authed")
            }
            Some(t) if t != self.token => {
                ex.violation(format!("{method}: wrong bot token"));
                Some("invalid_auth")
            }
            Some(_) => None,
        }
    }

    /// `chat.postMessage` / `chat.update`: check, then a scripted outcome, then store.
    fn chat(
        &mut self,
        method: &str,
        req: &RecordedRequest,
        ex: &mut Exchange<'_, Outcome>,
    ) -> Answer {
        let body = match json_object(req) {
            Ok(b) => b,
            Err((error, what)) => {
                ex.violation(format!("{method}: {what}"));
                return refused(error);
            }
        };
        let post = method == "chat.postMessage";
        let mut verdict = if post {
            checks::post_message(&body)
        } else {
            checks::update(&body)
        };
        if body.contains_key("token") {
            verdict.problem("token in the JSON body; send it as a bearer header (§1)");
        }
        if post {
            self.check_thread(&body, &mut verdict);
        } else {
            self.check_update(&body, &mut verdict);
        }
        ex.violations(verdict.problems.iter().map(|p| format!("{method}: {p}")));
        if let Some(outcome) = ex.next_script() {
            return scripted(outcome);
        }
        if let Some(error) = verdict.error {
            return refused(error);
        }
        let mut answer = if post {
            self.store_post(body, req.at)
        } else {
            self.store_update(body, req.at)
        };
        warn_charset(&mut answer, req);
        Answer::json(200, answer)
    }

    /// `thread_ts` must name a parent this fake posted in the same channel.
    fn check_thread(&self, body: &Map<String, Value>, v: &mut Verdict) {
        let Some(thread) = body.get("thread_ts").and_then(Value::as_str) else {
            return;
        };
        let parent = self.posts.iter().find(|p| p.ts == thread);
        match parent {
            None => v.refuse(
                "thread_not_found",
                format!("thread_ts {thread} was never posted"),
            ),
            Some(p) if Some(p.channel.as_str()) != body.get("channel").and_then(Value::as_str) => {
                v.refuse(
                    "thread_not_found",
                    format!("thread_ts {thread} is in another channel"),
                );
            }
            Some(p) if p.thread_ts.is_some() => v.problem(format!(
                "thread_ts {thread} is a reply's ts; use the parent's (§2.1)"
            )),
            Some(_) => {}
        }
    }

    /// The message must exist; a block whose content changes needs a new `block_id` (§4.1).
    fn check_update(&self, body: &Map<String, Value>, v: &mut Verdict) {
        let ts = body.get("ts").and_then(Value::as_str).unwrap_or_default();
        let channel = body.get("channel").and_then(Value::as_str);
        let Some(current) = self
            .current(ts)
            .filter(|m| Some(m.channel.as_str()) == channel)
        else {
            return v.refuse(
                "message_not_found",
                format!("no message {ts} in {channel:?}"),
            );
        };
        let old = block_ids(current.blocks.as_ref());
        for (id, block) in block_ids(body.get("blocks")) {
            if old.get(id).is_some_and(|before| *before != block) {
                v.problem(format!(
                    "block_id {id:?} kept while its content changed (§4.1)"
                ));
            }
        }
    }

    fn next_ts(&mut self) -> String {
        self.last_ts += 100;
        format!(
            "{}.{:06}",
            self.last_ts / 1_000_000,
            self.last_ts % 1_000_000
        )
    }

    /// Keeps an accepted post; returns Slack's answer.
    fn store_post(&mut self, body: Map<String, Value>, at: Instant) -> Value {
        let ts = self.next_ts();
        let text = body.get("text").and_then(Value::as_str).map(str::to_owned);
        let message = SlackMessage {
            channel: body["channel"].as_str().unwrap_or_default().to_owned(),
            thread_ts: body
                .get("thread_ts")
                .and_then(Value::as_str)
                .map(str::to_owned),
            blocks: body.get("blocks").cloned(),
            ts: ts.clone(),
            text,
            body: Value::Object(body),
            at,
        };
        let answer = json!({"ok": true, "channel": message.channel, "ts": ts,
            "message": echo(&message.ts, message.text.as_deref(), message.blocks.as_ref(),
                message.thread_ts.as_deref())});
        self.posts.push(message);
        answer
    }

    /// Keeps an accepted update; returns Slack's answer.
    fn store_update(&mut self, body: Map<String, Value>, at: Instant) -> Value {
        let update = SlackUpdate {
            channel: body["channel"].as_str().unwrap_or_default().to_owned(),
            ts: body["ts"].as_str().unwrap_or_default().to_owned(),
            text: body.get("text").and_then(Value::as_str).map(str::to_owned),
            blocks: body.get("blocks").cloned(),
            body: Value::Object(body),
            at,
        };
        let answer = json!({"ok": true, "channel": update.channel, "ts": update.ts,
            "text": update.text,
            "message": echo(&update.ts, update.text.as_deref(), update.blocks.as_ref(), None)});
        self.updates.push(update);
        answer
    }

    /// The post `ts` with the text and blocks of its last update.
    pub(super) fn current(&self, ts: &str) -> Option<SlackMessage> {
        let mut m = self.posts.iter().find(|p| p.ts == ts)?.clone();
        if let Some(u) = self.updates.iter().rev().find(|u| u.ts == ts) {
            m.text = u.text.clone();
            m.blocks = u.blocks.clone();
        }
        Some(m)
    }

    fn forbidden_text(&self, req: &RecordedRequest, ex: &mut Exchange<'_, Outcome>) {
        let body = String::from_utf8_lossy(&req.body);
        let target = req.path_and_query();
        for n in &self.forbidden {
            if body.contains(n.as_str()) || target.contains(n.as_str()) {
                ex.violation(format!("forbidden text {n:?} in a request to {}", req.path));
            }
        }
    }
}

/// The JSON object body of a Web API call, or (Slack error, what was wrong).
pub(super) fn json_object(
    req: &RecordedRequest,
) -> Result<Map<String, Value>, (&'static str, String)> {
    if !req.content_type_is("application/json") {
        let ct = req.header("content-type");
        return Err((
            "invalid_form_data",
            format!("content-type {ct:?}, not application/json"),
        ));
    }
    match req.json() {
        Ok(Value::Object(m)) => Ok(m),
        Ok(other) => Err((
            "invalid_json",
            format!("body is not a JSON object: {other}"),
        )),
        Err(e) => Err(("invalid_json", e)),
    }
}

/// Block ids of a block list with their blocks.
fn block_ids(blocks: Option<&Value>) -> HashMap<&str, &Value> {
    let list = blocks
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    list.iter()
        .filter_map(|b| Some((b.get("block_id")?.as_str()?, b)))
        .collect()
}

/// The stored message as Slack echoes it (§2.4).
fn echo(ts: &str, text: Option<&str>, blocks: Option<&Value>, thread_ts: Option<&str>) -> Value {
    let mut m = json!({"type": "message", "bot_id": BOT_ID, "app_id": APP_ID,
        "user": BOT_USER_ID, "text": text.unwrap_or_default(), "ts": ts});
    if let Some(b) = blocks {
        m["blocks"] = b.clone();
    }
    if let Some(t) = thread_ts {
        m["thread_ts"] = json!(t);
    }
    m
}

fn auth_test() -> Value {
    json!({"ok": true, "url": "https://baton-test.slack.com/", "team": "Baton Test",
        "user": "baton", "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID,
        "is_enterprise_install": false})
}

/// Slack's usual refusal: HTTP 200, `ok: false`.
fn refused(error: &str) -> Answer {
    Answer::json(200, json!({"ok": false, "error": error}))
}

fn scripted(outcome: Outcome) -> Answer {
    match outcome {
        Outcome::Unavailable => {
            Answer::json(503, json!({"ok": false, "error": "service_unavailable"}))
        }
        Outcome::RateLimited(secs) => {
            let mut r = json_response(429, json!({"ok": false, "error": "ratelimited"}));
            r.headers_mut().insert("retry-after", secs.into());
            Answer::Reply(r)
        }
        Outcome::Refused(error) => refused(&error),
    }
}

/// Slack warns (without refusing) when a JSON body does not declare its charset (§1).
fn warn_charset(answer: &mut Value, req: &RecordedRequest) {
    let declared = req.header("content-type").is_some_and(|c| {
        c.to_ascii_lowercase()
            .replace(' ', "")
            .contains("charset=utf-8")
    });
    if !declared {
        answer["warning"] = json!("missing_charset");
        answer["response_metadata"] = json!({"warnings": ["missing_charset"]});
    }
}
