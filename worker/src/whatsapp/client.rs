//! [`GraphClient`]: sends messages through `POST {base}/{version}/{phone_number_id}/messages`.
//!
//! Owns the HTTP exchange: bearer auth (the token never reaches a log), the request timeout,
//! in-process retries and the `baton_graph_*` metrics (`baton_graph_requests_total{op,outcome,code}`
//! per HTTP attempt, `code` being Meta's error code or `none`). Retries: only `Retryable` errors, at
//! most `max_retries` times, exponential backoff with jitter, or the error's `retry_after`
//! when it has one (131056: 4^attempt s). A wait longer than [`MAX_RETRY_SLEEP`] is not slept:
//! the `Retryable` error goes back to the caller, whose broker retry tiers take over. With
//! `retry_rate_limits` off (the conversation engine), 130429 and 131056 go back at once: the
//! caller paces sends through [`super::SendLimits`] and checks the fence and owner again.
//! Multi-part texts are sent one part after another; if part k fails, parts before k were
//! already delivered (use [`split_text`] + [`GraphClient::send_text_part`] to resume).
//! Logs: failures at warn with code, `fbtrace_id` and Meta's details; never message text,
//! tokens or unmasked phone numbers.

use std::sync::Arc;
use std::time::{Duration, Instant};

use backon::{ExponentialBuilder, Retryable};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tracing::{Instrument, debug, info_span, warn};

use super::error::{from_response, parse_retry_after, permanent};
use super::split::{TEXT_LIMIT, split_text};
use super::{GraphConfig, GraphError, MAX_RETRY_SLEEP, RETRY_MIN_DELAY, Recipient, body};

/// Meta accepted a message (spec §5.6). Delivery is reported later by status webhooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub wamid: String,
    /// `contacts[0].wa_id`: may differ from the number we sent to; store both.
    pub wa_id: Option<String>,
    /// `contacts[0].user_id`: present when we sent to a BSUID.
    pub user_id: Option<String>,
}

/// The Graph send client; cheap to clone (one shared connection pool).
#[derive(Clone)]
pub struct GraphClient {
    http: reqwest::Client,
    cfg: Arc<Settings>,
}

struct Settings {
    /// `{base}/{version}`, no trailing slash.
    root: String,
    token: SecretString,
    max_retries: usize,
    retry_rate_limits: bool,
}

/// Which call, for metrics and logs.
#[derive(Debug, Clone, Copy)]
enum Op {
    Text,
    Read,
    Buttons,
    Template,
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::Text => "text",
            Op::Read => "read",
            Op::Buttons => "buttons",
            Op::Template => "template",
        }
    }
}

impl GraphClient {
    /// Builds the client. Panics only if the TLS backend cannot initialise (as
    /// `reqwest::Client::new` would).
    pub fn new(cfg: GraphConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout.min(Duration::from_secs(5)))
            .build()
            .expect("HTTP client (TLS backend) initialises");
        let root = format!(
            "{}/{}",
            cfg.base_url.trim_end_matches('/'),
            cfg.version.trim_matches('/')
        );
        let cfg = Settings {
            root,
            token: cfg.token,
            max_retries: cfg.max_retries,
            retry_rate_limits: cfg.retry_rate_limits,
        };
        GraphClient {
            http,
            cfg: Arc::new(cfg),
        }
    }

    /// Text message; a body over 4096 chars is split ([`split_text`]) and the parts are sent in
    /// order. `reply_to` quotes that wamid in the first part only; `correlation` goes in
    /// `biz_opaque_callback_data` of every part. Returns the wamid of every part.
    pub async fn send_text(
        &self,
        phone_number_id: &str,
        to: &Recipient,
        body: &str,
        reply_to: Option<&str>,
        correlation: Option<&str>,
    ) -> Result<Vec<Sent>, GraphError> {
        let parts = split_text(body, TEXT_LIMIT);
        if parts.is_empty() {
            return Err(rejected(Op::Text, body::invalid("empty text body")));
        }
        let mut sent = Vec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            let quote = if i == 0 { reply_to } else { None };
            match self
                .send_text_part(phone_number_id, to, part, quote, correlation)
                .await
            {
                Ok(s) => sent.push(s),
                Err(e) => {
                    if i > 0 {
                        warn!(
                            sent = i,
                            parts = parts.len(),
                            "text part failed after earlier parts were sent"
                        );
                    }
                    return Err(e);
                }
            }
        }
        Ok(sent)
    }

    /// One text message of at most 4096 chars (longer is `Invalid`): the building block for
    /// callers that record per-part progress.
    pub async fn send_text_part(
        &self,
        phone_number_id: &str,
        to: &Recipient,
        part: &str,
        reply_to: Option<&str>,
        correlation: Option<&str>,
    ) -> Result<Sent, GraphError> {
        let body =
            body::text(to, part, reply_to, correlation).map_err(|e| rejected(Op::Text, e))?;
        self.send(Op::Text, phone_number_id, &body).await
    }

    /// Marks an inbound message (and the ones before it) read; with `typing`, also shows
    /// "typing…" for up to 25 s or until we reply — only use it when a reply will follow.
    pub async fn mark_read(
        &self,
        phone_number_id: &str,
        message_id: &str,
        typing: bool,
    ) -> Result<(), GraphError> {
        let body = body::mark_read(message_id, typing).map_err(|e| rejected(Op::Read, e))?;
        let answer = self.post(Op::Read, phone_number_id, &body).await?;
        if answer.get("success").and_then(Value::as_bool) == Some(true) {
            return Ok(());
        }
        Err(permanent(
            None,
            format!("mark read answered without success: {answer}"),
        ))
    }

    /// Interactive reply buttons; `buttons` are `(id, title)` pairs (1..=3, title ≤ 20 chars
    /// and unique, id ≤ 256, body ≤ 1024), validated before any request.
    pub async fn send_buttons(
        &self,
        phone_number_id: &str,
        to: &Recipient,
        body: &str,
        buttons: &[(String, String)],
        reply_to: Option<&str>,
    ) -> Result<Sent, GraphError> {
        let body =
            body::buttons(to, body, buttons, reply_to).map_err(|e| rejected(Op::Buttons, e))?;
        self.send(Op::Buttons, phone_number_id, &body).await
    }

    /// Approved template `name` in `language` (e.g. `pt_BR`); `components` as in spec §5.5
    /// (a JSON array, or `null` for none).
    pub async fn send_template(
        &self,
        phone_number_id: &str,
        to: &Recipient,
        name: &str,
        language: &str,
        components: Value,
    ) -> Result<Sent, GraphError> {
        let body = body::template(to, name, language, components)
            .map_err(|e| rejected(Op::Template, e))?;
        self.send(Op::Template, phone_number_id, &body).await
    }

    async fn send(&self, op: Op, phone_number_id: &str, body: &Value) -> Result<Sent, GraphError> {
        let answer = self.post(op, phone_number_id, body).await?;
        parse_sent(&answer)
    }

    /// One logical call: attempts with in-process retries, inside a span.
    async fn post(&self, op: Op, phone_number_id: &str, body: &Value) -> Result<Value, GraphError> {
        let url = self.url(phone_number_id).map_err(|e| rejected(op, e))?;
        let cap = MAX_RETRY_SLEEP;
        let backoff = ExponentialBuilder::default()
            .with_min_delay(RETRY_MIN_DELAY)
            .with_max_delay(cap)
            .with_max_times(self.cfg.max_retries)
            .with_jitter();
        let mut attempt = 0u32;
        let span = info_span!("graph", op = op.as_str(), phone_number_id);
        (|| {
            let n = attempt;
            attempt += 1;
            self.attempt(op, &url, body, n)
        })
        .retry(backoff)
        .when(|e| e.is_retryable() && (self.cfg.retry_rate_limits || !e.is_rate_limit()))
        .adjust(move |e, next| next.and_then(|d| in_process_delay(e.retry_after(), d, cap)))
        .notify(|e, after| debug!(code = ?e.code(), ?after, "retrying graph request"))
        .instrument(span)
        .await
    }

    fn url(&self, phone_number_id: &str) -> Result<String, GraphError> {
        let ok = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if phone_number_id.is_empty() || !phone_number_id.chars().all(ok) {
            return Err(body::invalid(format!(
                "bad phone_number_id {phone_number_id:?}"
            )));
        }
        Ok(format!("{}/{phone_number_id}/messages", self.cfg.root))
    }

    /// One HTTP request, measured and logged.
    async fn attempt(&self, op: Op, url: &str, body: &Value, n: u32) -> Result<Value, GraphError> {
        let started = Instant::now();
        let result = self.exchange(url, body, n).await;
        let outcome = match &result {
            Ok(_) => "ok",
            Err(GraphError::Retryable { .. }) => "retryable",
            Err(_) => "permanent",
        };
        // Meta's error code (131047, 130429…), `none` when the call succeeded or failed
        // without one (network, bare 5xx): operators alert on codes, not on HTTP statuses.
        let code = result
            .as_ref()
            .err()
            .and_then(GraphError::code)
            .map_or_else(|| "none".to_owned(), |c| c.to_string());
        metrics::histogram!("baton_graph_request_seconds", "op" => op.as_str())
            .record(started.elapsed().as_secs_f64());
        metrics::counter!(
            "baton_graph_requests_total",
            "op" => op.as_str(),
            "outcome" => outcome,
            "code" => code
        )
        .increment(1);
        result
    }

    async fn exchange(&self, url: &str, body: &Value, n: u32) -> Result<Value, GraphError> {
        let resp = self
            .http
            .post(url)
            .bearer_auth(self.cfg.token.expose_secret())
            .json(body)
            .send()
            .await
            .map_err(|e| transport(&e, n))?;
        let status = resp.status().as_u16();
        let header = resp.headers().get(reqwest::header::RETRY_AFTER);
        let retry_after = parse_retry_after(header.and_then(|v| v.to_str().ok()));
        let bytes = resp.bytes().await.map_err(|e| transport(&e, n))?;
        let result = from_response(status, retry_after, &bytes, n);
        if let Err(e) = &result {
            log_failure(e, status, &bytes, n);
        }
        result
    }
}

/// The wait before an in-process retry: the error's own `retry_after` if any, else the
/// backoff's; `None` (give the error back) when that is longer than `cap`.
fn in_process_delay(
    retry_after: Option<Duration>,
    backoff: Duration,
    cap: Duration,
) -> Option<Duration> {
    let wait = retry_after.unwrap_or(backoff);
    (wait <= cap).then_some(wait)
}

/// `messages[0].id` (and the contact ids) of a send answer; anything else is `Permanent`.
fn parse_sent(answer: &Value) -> Result<Sent, GraphError> {
    let text = |p: &str| answer.pointer(p).and_then(Value::as_str).map(str::to_owned);
    match text("/messages/0/id").filter(|id| !id.is_empty()) {
        Some(wamid) => Ok(Sent {
            wamid,
            wa_id: text("/contacts/0/wa_id"),
            user_id: text("/contacts/0/user_id"),
        }),
        None => Err(permanent(
            None,
            format!("send answered without messages[0].id: {answer}"),
        )),
    }
}

/// Network trouble is retryable (the request may or may not have reached Meta); a request
/// that could not even be built (e.g. a token with invalid header characters) is not.
fn transport(e: &reqwest::Error, attempt: u32) -> GraphError {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    if e.is_builder() {
        warn!(error = %message, "graph request could not be built");
        return permanent(None, message);
    }
    warn!(error = %message, timeout = e.is_timeout(), attempt, "graph request failed (network)");
    GraphError::Retryable {
        code: None,
        message,
        retry_after: None,
    }
}

fn log_failure(e: &GraphError, status: u16, body: &[u8], attempt: u32) {
    let fbtrace_id = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.pointer("/error/fbtrace_id")?.as_str().map(str::to_owned));
    let details = match e {
        GraphError::Permanent { details, .. } => details.as_deref(),
        _ => None,
    };
    warn!(
        code = ?e.code(),
        http_status = status,
        retryable = e.is_retryable(),
        fbtrace_id = fbtrace_id.as_deref(),
        details,
        attempt,
        error = %e,
        "graph request failed"
    );
}

/// Counts a request rejected locally (no HTTP call was made).
fn rejected(op: Op, e: GraphError) -> GraphError {
    metrics::counter!(
        "baton_graph_requests_total",
        "op" => op.as_str(),
        "outcome" => "invalid",
        "code" => "none"
    )
    .increment(1);
    debug!(op = op.as_str(), error = %e, "graph request rejected locally");
    e
}

#[cfg(test)]
mod tests;
