//! [`SlackClient`]: the two Web API methods Baton calls, `chat.postMessage` and `chat.update`
//! (`../shared/specs/slack.md` §1–§3, §8), and posts to an interaction's `response_url` (§6.3).
//!
//! Every call is `POST {SLACK_API_BASE_URL}/<method>` with a JSON body
//! (`application/json; charset=utf-8`) and `Authorization: Bearer <bot token>` (the token never
//! reaches a log). Slack answers HTTP 200 with `ok: false` for most failures, so the body
//! decides: [`SlackError`] says what to do next.
//!
//! Rate limits (§8): a 429 names how long to wait (`Retry-After`). The client remembers it per
//! method and waits before that method's next call, and retries the refused call itself when
//! the wait is at most [`MAX_WAIT`] (up to [`RATE_RETRIES`] times); a longer wait returns
//! [`SlackError::Transient`] for the broker's retry tiers. Other failures are not retried here:
//! a 5xx may already have posted (Slack warns of duplicates), and the caller's tiers space the
//! attempts out. Metrics: `baton_worker_slack_calls_total{method,outcome}`, one per HTTP
//! attempt.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use tracing::warn;

/// Longest `Retry-After` slept in process; longer goes back to the retry tiers.
pub const MAX_WAIT: Duration = Duration::from_secs(30);
/// In-process retries of a rate-limited call.
pub const RATE_RETRIES: usize = 3;
/// Whole-request timeout.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Why a Slack call did not succeed, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlackError {
    /// Slack is down, slow or limiting us for long: try again later (retry tiers).
    #[error("slack unavailable: {0}")]
    Transient(String),
    /// Slack refused the call for good (configuration, a message gone): Slack's error code.
    #[error("slack refused: {0}")]
    Refused(String),
}

impl SlackError {
    /// A refusal that retrying cannot fix.
    pub fn code(&self) -> Option<&str> {
        match self {
            SlackError::Refused(c) => Some(c),
            SlackError::Transient(_) => None,
        }
    }
}

/// A message Slack stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub channel: String,
    pub ts: String,
}

/// The Web API client; cheap to clone.
#[derive(Clone)]
pub struct SlackClient {
    http: reqwest::Client,
    base: Arc<str>,
    token: SecretString,
    /// Per method: no call before this instant (a 429's `Retry-After`).
    blocked: Arc<Mutex<HashMap<&'static str, Instant>>>,
}

/// What one HTTP attempt gave.
enum Attempt {
    Done(Value),
    Limited(Duration),
    Failed(SlackError),
}

impl SlackClient {
    pub fn new(base_url: &str, token: SecretString) -> SlackClient {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            .build()
            .expect("HTTP client (TLS backend) initialises");
        SlackClient {
            http,
            base: base_url.trim_end_matches('/').into(),
            token,
            blocked: Arc::default(),
        }
    }

    /// `chat.postMessage` of `body` (channel, text, blocks, thread_ts, …).
    pub async fn post_message(&self, body: &Value) -> Result<Posted, SlackError> {
        let answer = self.call("chat.postMessage", body).await?;
        let field = |k: &str| answer[k].as_str().map(str::to_owned);
        match (field("channel"), field("ts")) {
            (Some(channel), Some(ts)) => Ok(Posted { channel, ts }),
            _ => Err(SlackError::Transient(
                "chat.postMessage answered ok without channel and ts".into(),
            )),
        }
    }

    /// `chat.update` of `body` (channel, ts, text, blocks).
    pub async fn update(&self, body: &Value) -> Result<(), SlackError> {
        self.call("chat.update", body).await.map(|_| ())
    }

    /// Posts `body` to an interaction's `response_url` (no token: the URL is the credential).
    pub async fn respond(&self, url: &str, body: &Value) -> Result<(), SlackError> {
        let res = self.http.post(url).json(body).send().await;
        let outcome = match &res {
            Ok(r) if r.status().is_success() => "ok",
            Ok(r) if r.status().is_server_error() => "unavailable",
            Ok(_) => "refused",
            Err(_) => "unavailable",
        };
        metrics::counter!("baton_worker_slack_calls_total", "method" => "response_url", "outcome" => outcome)
            .increment(1);
        match outcome {
            "ok" => Ok(()),
            "refused" => Err(SlackError::Refused("response_url refused the post".into())),
            _ => Err(SlackError::Transient("response_url unavailable".into())),
        }
    }

    /// Calls `method`, honouring and retrying rate limits (see the module doc).
    async fn call(&self, method: &'static str, body: &Value) -> Result<Value, SlackError> {
        for _ in 0..=RATE_RETRIES {
            self.wait_turn(method).await;
            match self.attempt(method, body).await {
                Attempt::Done(v) => return Ok(v),
                Attempt::Failed(e) => return Err(e),
                Attempt::Limited(wait) => {
                    self.block(method, wait);
                    if wait > MAX_WAIT {
                        return Err(SlackError::Transient(format!(
                            "{method} rate limited for {}s",
                            wait.as_secs()
                        )));
                    }
                }
            }
        }
        Err(SlackError::Transient(format!(
            "{method} still rate limited"
        )))
    }

    async fn wait_turn(&self, method: &'static str) {
        let until = self.lock().get(method).copied();
        if let Some(t) = until {
            tokio::time::sleep_until(t.into()).await;
        }
    }

    fn block(&self, method: &'static str, wait: Duration) {
        let until = Instant::now() + wait;
        let mut b = self.lock();
        let e = b.entry(method).or_insert(until);
        *e = (*e).max(until);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<&'static str, Instant>> {
        self.blocked.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn attempt(&self, method: &'static str, body: &Value) -> Attempt {
        let res = self
            .http
            .post(format!("{}/{method}", self.base))
            .bearer_auth(self.token.expose_secret())
            .header("content-type", "application/json; charset=utf-8")
            .body(body.to_string())
            .send()
            .await;
        let attempt = match res {
            Err(e) => Attempt::Failed(SlackError::Transient(format!("{method}: {e}"))),
            Ok(r) if r.status().as_u16() == 429 => Attempt::Limited(retry_after(&r)),
            Ok(r) if r.status().is_server_error() => Attempt::Failed(SlackError::Transient(
                format!("{method}: HTTP {}", r.status().as_u16()),
            )),
            Ok(r) => match r.json::<Value>().await {
                Ok(v) => answer(method, v),
                Err(e) => Attempt::Failed(SlackError::Transient(format!("{method}: {e}"))),
            },
        };
        metrics::counter!("baton_worker_slack_calls_total", "method" => method, "outcome" => outcome(&attempt))
            .increment(1);
        attempt
    }
}

/// `Retry-After` in seconds (Slack's 429), at least one second.
fn retry_after(r: &reqwest::Response) -> Duration {
    let secs = r
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1);
    Duration::from_secs(secs.max(1))
}

/// Errors that may pass (§2.3); every other `ok: false` is a refusal.
const TRANSIENT: [&str; 5] = [
    "fatal_error",
    "service_unavailable",
    "request_timeout",
    "internal_error",
    "ratelimited",
];

/// Reads an HTTP 200 answer: `ok: true`, or Slack's error code.
fn answer(method: &str, v: Value) -> Attempt {
    if v["ok"].as_bool() == Some(true) {
        return Attempt::Done(v);
    }
    let code = v["error"].as_str().unwrap_or("unknown_error").to_owned();
    if code == "ratelimited" || code == "rate_limited" {
        return Attempt::Limited(Duration::from_secs(1));
    }
    if TRANSIENT.contains(&code.as_str()) {
        return Attempt::Failed(SlackError::Transient(format!("{method}: {code}")));
    }
    warn!(method, error = %code, "Slack refused the call");
    Attempt::Failed(SlackError::Refused(code))
}

fn outcome(a: &Attempt) -> &'static str {
    match a {
        Attempt::Done(_) => "ok",
        Attempt::Limited(_) => "rate_limited",
        Attempt::Failed(SlackError::Transient(_)) => "unavailable",
        Attempt::Failed(SlackError::Refused(_)) => "refused",
    }
}

/// The JSON of a message post (`thread_ts` for a thread reply), links never unfurled: customer
/// text may hold URLs, and a preview would fetch them.
pub fn message(
    channel: &str,
    text: &str,
    blocks: Option<&Value>,
    thread: Option<(&str, bool)>,
) -> Value {
    let mut body = json!({"channel": channel, "text": text,
        "unfurl_links": false, "unfurl_media": false});
    if let Some(b) = blocks {
        body["blocks"] = b.clone();
    }
    if let Some((ts, broadcast)) = thread {
        body["thread_ts"] = json!(ts);
        if broadcast {
            body["reply_broadcast"] = json!(true);
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_classified() {
        let done = answer("m", json!({"ok": true, "ts": "1.000001"}));
        assert!(matches!(done, Attempt::Done(_)));
        let refused = answer("m", json!({"ok": false, "error": "not_in_channel"}));
        assert!(
            matches!(refused, Attempt::Failed(SlackError::Refused(ref c)) if c == "not_in_channel")
        );
        let down = answer("m", json!({"ok": false, "error": "service_unavailable"}));
        assert!(matches!(down, Attempt::Failed(SlackError::Transient(_))));
        assert!(matches!(
            answer("m", json!({"ok": false, "error": "ratelimited"})),
            Attempt::Limited(_)
        ));
    }

    #[test]
    fn thread_posts_carry_the_parent() {
        let b = message("C1", "hi", None, Some(("1.000001", true)));
        assert_eq!(b["thread_ts"], "1.000001");
        assert_eq!(b["reply_broadcast"], true);
        assert_eq!(b["unfurl_links"], false);
        assert!(message("C1", "hi", None, None).get("thread_ts").is_none());
    }
}
