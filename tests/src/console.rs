//! A typed client of the console JSON API, for the integration tests.
//!
//! Every call returns an [`Answer`]: the status, the headers and the JSON body, with
//! [`Answer::ok`] to parse a success into its type (panicking with the body otherwise) and
//! [`Answer::error`] to read an error's sentence. [`ConsoleClient::events`] opens the
//! server-sent event stream and reads it frame by frame. The types mirror the API's documented
//! shapes (README "Console API"), so a change of shape fails here.

use std::marker::PhantomData;
use std::time::Duration;

use baton_shared::state::failures::Failure;
use baton_shared::state::{
    CommandOutcome, DeliveryStatus, HandoffReason, HandoffSource, Owner, Speaker,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// One answer of the API.
#[derive(Debug)]
pub struct Answer<T> {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    _t: PhantomData<T>,
}

impl<T: DeserializeOwned> Answer<T> {
    /// The body as `T`; panics unless the status is 2xx and the body has the shape.
    pub fn ok(&self) -> T {
        assert!(
            (200..300).contains(&self.status),
            "expected success, got {}: {}",
            self.status,
            self.body
        );
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|e| panic!("unexpected shape ({e}): {}", self.body))
    }
}

impl<T> Answer<T> {
    /// The error's sentence (`{"error": …}`).
    pub fn error(&self) -> &str {
        self.body["error"].as_str().unwrap_or_default()
    }

    /// The error's reason code (`{"reason": …}`), for refused commands.
    pub fn reason(&self) -> &str {
        self.body["reason"].as_str().unwrap_or_default()
    }
}

#[derive(Debug, Deserialize)]
pub struct Window {
    pub open: bool,
    pub remaining_ms: i64,
    pub closes_at_ms: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct Turn {
    pub id: String,
    pub speaker: Speaker,
    pub agent: Option<String>,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub at_ms: i64,
    /// Sent parts and their status (the detail's AI and human turns; absent elsewhere).
    #[serde(default)]
    pub delivery: Vec<Delivery>,
    /// A customer's media (id, kind, transcribed).
    #[serde(default)]
    pub media: Option<baton_shared::state::MediaRef>,
}

#[derive(Debug, Deserialize)]
pub struct Delivery {
    pub wamid: String,
    pub status: DeliveryStatus,
}

#[derive(Debug, Deserialize)]
pub struct Summary {
    pub conversation: String,
    pub number: String,
    pub customer: String,
    pub name: Option<String>,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub owner: Owner,
    pub agent: Option<String>,
    pub version: u64,
    pub reason: Option<HandoffReason>,
    pub summary: Option<String>,
    pub since_ms: Option<i64>,
    pub waiting_ms: Option<i64>,
    pub last_customer_ms: Option<i64>,
    pub last_message: Option<Turn>,
    pub window: Window,
}

#[derive(Debug, Deserialize)]
pub struct List {
    pub conversations: Vec<Summary>,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Debug, Deserialize)]
pub struct Handoff {
    pub event_id: String,
    pub reason: HandoffReason,
    pub summary: String,
    pub source: Option<HandoffSource>,
    pub evidence: Option<String>,
    pub version: u64,
    pub at_ms: i64,
}

#[derive(Debug, Deserialize)]
pub struct Detail {
    #[serde(flatten)]
    pub summary: Summary,
    pub handoff: Option<Handoff>,
    pub memory_context: Option<String>,
    pub transcript: Vec<Turn>,
    pub failures: Vec<Failure>,
    pub draft: Option<String>,
}

/// How requests authenticate.
#[derive(Clone, Debug)]
pub enum Auth {
    None,
    Bearer(String),
    /// A raw `Cookie` header value.
    Cookie(String),
}

/// The console API of one ingress, as one agent.
#[derive(Clone)]
pub struct ConsoleClient {
    pub base: String,
    pub auth: Auth,
    http: reqwest::Client,
}

impl ConsoleClient {
    pub fn new(base: &str, auth: Auth) -> ConsoleClient {
        ConsoleClient {
            base: base.trim_end_matches('/').to_owned(),
            auth,
            http: reqwest::Client::new(),
        }
    }

    /// The same client with other credentials.
    pub fn with(&self, auth: Auth) -> ConsoleClient {
        ConsoleClient::new(&self.base, auth)
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let req = self.http.request(method, format!("{}{path}", self.base));
        match &self.auth {
            Auth::None => req,
            Auth::Bearer(t) => req.bearer_auth(t),
            Auth::Cookie(c) => req.header("cookie", c),
        }
    }

    async fn send<T>(&self, req: reqwest::RequestBuilder) -> Answer<T> {
        let res = req.send().await.expect("console request");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.unwrap_or_default();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            _t: PhantomData,
        }
    }

    /// `GET …/{customer}/media/{media_id}`: status, headers and the raw bytes.
    pub async fn media(
        &self,
        customer: &str,
        media_id: &str,
    ) -> (u16, reqwest::header::HeaderMap, bytes::Bytes) {
        let path = conv_path(customer, &format!("media/{media_id}"));
        let res = self
            .request(reqwest::Method::GET, &path)
            .send()
            .await
            .expect("console request");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        (status, headers, res.bytes().await.unwrap_or_default())
    }

    pub async fn get<T>(&self, path: &str) -> Answer<T> {
        self.send(self.request(reqwest::Method::GET, path)).await
    }

    /// A POST with a raw body and content type (for the error cases).
    pub async fn post_raw(&self, path: &str, content_type: &str, body: &str) -> Answer<Value> {
        let req = self
            .request(reqwest::Method::POST, path)
            .header("content-type", content_type)
            .body(body.to_owned());
        self.send(req).await
    }

    /// `GET /api/v1/sends`: `{"paused": null | {code, error, since_ms, event_id, conversation}}`.
    pub async fn sends(&self) -> Answer<Value> {
        self.get("/api/v1/sends").await
    }

    /// `POST /api/v1/sends/resume` (no body).
    pub async fn resume_sends(&self) -> Answer<Value> {
        self.send(self.request(reqwest::Method::POST, "/api/v1/sends/resume"))
            .await
    }

    async fn command(
        &self,
        path: &str,
        body: Option<Value>,
        key: Option<&str>,
    ) -> Answer<CommandOutcome> {
        let mut req = self.request(reqwest::Method::POST, path);
        if let Some(k) = key {
            req = req.header("idempotency-key", k);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        self.send(req).await
    }

    pub async fn list(&self, owner: Option<Owner>) -> Answer<List> {
        match owner {
            Some(o) => self.get(&format!("/api/v1/conversations?owner={o}")).await,
            None => self.get("/api/v1/conversations").await,
        }
    }

    pub async fn detail(&self, customer: &str) -> Answer<Detail> {
        self.get(&format!("/api/v1/conversations/{customer}")).await
    }

    pub async fn claim(&self, customer: &str, key: Option<&str>) -> Answer<CommandOutcome> {
        self.command(&conv_path(customer, "claim"), None, key).await
    }

    pub async fn takeover(&self, customer: &str, key: Option<&str>) -> Answer<CommandOutcome> {
        self.command(&conv_path(customer, "takeover"), None, key)
            .await
    }

    pub async fn reply(
        &self,
        customer: &str,
        text: &str,
        key: Option<&str>,
    ) -> Answer<CommandOutcome> {
        let body = json!({ "text": text });
        self.command(&conv_path(customer, "reply"), Some(body), key)
            .await
    }

    pub async fn release(
        &self,
        customer: &str,
        note: Option<&str>,
        key: Option<&str>,
    ) -> Answer<CommandOutcome> {
        let body = note.map(|n| json!({ "note": n }));
        self.command(&conv_path(customer, "release"), body, key)
            .await
    }

    pub async fn template(
        &self,
        customer: &str,
        name: &str,
        language: &str,
        parameters: &[&str],
        key: Option<&str>,
    ) -> Answer<CommandOutcome> {
        let body = json!({ "name": name, "language": language, "parameters": parameters });
        self.command(&conv_path(customer, "template"), Some(body), key)
            .await
    }

    /// `POST /console/login` with a JSON token; returns the answer and its `Set-Cookie`.
    pub async fn login(&self, token: &str) -> (Answer<Value>, Option<String>) {
        let req = self
            .http
            .post(format!("{}/console/login", self.base))
            .json(&json!({ "token": token }));
        let a: Answer<Value> = self.send(req).await;
        let cookie = a
            .headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (a, cookie)
    }

    /// Opens `GET /api/v1/events` (after `last_id` when given); panics unless it is 200.
    pub async fn events(&self, last_id: Option<&str>, conversation: Option<&str>) -> EventStream {
        let path = match conversation {
            Some(c) => format!("/api/v1/events?conversation={c}"),
            None => "/api/v1/events".to_owned(),
        };
        let mut req = self.request(reqwest::Method::GET, &path);
        if let Some(id) = last_id {
            req = req.header("last-event-id", id);
        }
        let res = req.send().await.expect("events request");
        assert_eq!(res.status().as_u16(), 200, "events stream");
        let ctype = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok());
        assert_eq!(ctype, Some("text/event-stream"));
        EventStream {
            res,
            buf: String::new(),
        }
    }
}

fn conv_path(customer: &str, command: &str) -> String {
    format!("/api/v1/conversations/{customer}/{command}")
}

/// One server-sent event.
#[derive(Debug, Clone)]
pub struct Frame {
    pub event: String,
    pub id: String,
    pub data: Value,
}

/// An open server-sent event stream.
pub struct EventStream {
    res: reqwest::Response,
    buf: String,
}

impl EventStream {
    /// The next event (keep-alive comments skipped), or `None` after `timeout` or at the end.
    pub async fn next(&mut self, timeout: Duration) -> Option<Frame> {
        let until = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(frame) = self.take_frame() {
                return Some(frame);
            }
            let chunk = tokio::time::timeout_at(until, self.res.chunk())
                .await
                .ok()?;
            self.buf.push_str(&String::from_utf8_lossy(&chunk.ok()??));
        }
    }

    /// The next event of type `kind`, skipping others.
    pub async fn next_of(&mut self, kind: &str, timeout: Duration) -> Option<Frame> {
        let until = tokio::time::Instant::now() + timeout;
        loop {
            let left = until.saturating_duration_since(tokio::time::Instant::now());
            let f = self.next(left).await?;
            if f.event == kind {
                return Some(f);
            }
        }
    }

    fn take_frame(&mut self) -> Option<Frame> {
        loop {
            let end = self.buf.find("\n\n")?;
            let block: String = self.buf.drain(..end + 2).collect();
            let (mut event, mut id, mut data) = (String::new(), String::new(), String::new());
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    event = v.trim().to_owned();
                } else if let Some(v) = line.strip_prefix("id:") {
                    id = v.trim().to_owned();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim_start());
                }
            }
            if !event.is_empty() {
                let data = serde_json::from_str(&data).unwrap_or(Value::Null);
                return Some(Frame { event, id, data });
            }
        }
    }
}
