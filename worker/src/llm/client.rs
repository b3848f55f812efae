//! One model call: `POST {base_url}/chat/completions` with timeout, retries and metrics.
//!
//! Retries follow the official SDKs (spec §7.4): connection errors, timeouts, 408, 409, 429
//! (except `insufficient_quota`) and 5xx are retried up to `max_retries` times with exponential
//! backoff and jitter (0.5 s doubling, at most 8 s); a server's `retry-after-ms` /
//! `retry-after` replaces the computed delay, capped at [`MAX_SERVER_WAIT`], and a server asking
//! for more than [`GIVE_UP_AFTER`] is not retried. `x-should-retry` overrides the status rule.
//! Other 4xx are [`LlmError::Refused`] at once. Prompts and replies are never logged; the
//! `x-request-id` of every call is (at debug, and on failures at warn).
//!
//! A request carrying images is also judged by `openai-audio-vision.md` §2.4: a 400, 422 or
//! 500 — or a 200 with a top-level `error` (LM Studio) — whose message says the model cannot
//! take images is [`LlmError::NoVision`], one that says an image is unreadable is
//! [`LlmError::BadImage`]; neither is retried (the caller resends without the images).

use std::time::{Duration, Instant, SystemTime};

use backon::{ExponentialBuilder, Retryable};
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap};
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use tracing::{debug, warn};

use super::config::LlmConfig;
use super::types::{ChatMessage, Completion, LlmError, ToolSpec};

/// The longest single wait we accept from a server's retry header (a customer is waiting).
pub const MAX_SERVER_WAIT: Duration = Duration::from_secs(10);
/// Servers asking to wait longer than this are not retried (spec §7.4).
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(120);

/// An OpenAI-compatible chat-completions client. Cheap to clone.
#[derive(Clone)]
pub struct LlmClient {
    pub(super) cfg: LlmConfig,
    http: reqwest::Client,
    url: String,
}

/// A failed attempt: the error to report and whether (and when) to try again.
struct Failure {
    error: LlmError,
    retry: bool,
    after: Option<Duration>,
    /// The `outcome` label of `baton_llm_requests_total`.
    outcome: &'static str,
}

impl LlmClient {
    pub fn new(cfg: LlmConfig) -> Self {
        let http = reqwest::Client::builder()
            .connect_timeout(cfg.timeout.min(Duration::from_secs(5)))
            .build()
            .unwrap_or_default();
        let url = format!("{}/chat/completions", cfg.base_url.trim_end_matches('/'));
        Self { cfg, http, url }
    }

    pub fn config(&self) -> &LlmConfig {
        &self.cfg
    }

    /// One model call (with retries); returns the assistant message.
    pub async fn chat(
        &self,
        messages: &[ChatMessage],
        tools: &[ToolSpec],
    ) -> Result<ChatMessage, LlmError> {
        Ok(self.complete(messages, tools).await?.message)
    }

    /// Like [`LlmClient::chat`], also returning the `finish_reason`.
    pub async fn complete(
        &self,
        messages: &[ChatMessage],
        tools: &[ToolSpec],
    ) -> Result<Completion, LlmError> {
        let body = self.body(messages, tools)?;
        let images = messages.iter().any(|m| !m.images.is_empty());
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(500))
            .with_max_delay(Duration::from_secs(8))
            .with_max_times(self.cfg.max_retries)
            .with_jitter();
        (|| self.attempt(body.clone(), images))
            .retry(backoff)
            .when(|f: &Failure| f.retry)
            .adjust(|f, next| next.map(|d| f.after.unwrap_or(d)))
            .notify(|f, after| warn!(error = %f.error, ?after, "LLM call failed; retrying"))
            .await
            .map_err(|f| f.error)
    }

    fn body(&self, messages: &[ChatMessage], tools: &[ToolSpec]) -> Result<Vec<u8>, LlmError> {
        let mut body = json!({ "model": self.cfg.model, "messages": messages });
        if !tools.is_empty() {
            body["tools"] = tools.iter().map(ToolSpec::to_wire).collect::<Value>();
        }
        if let Some(t) = self.cfg.temperature {
            // Via the decimal text, so 0.3f32 is sent as 0.3 and not 0.30000001192092896.
            body["temperature"] = json!(t.to_string().parse::<f64>().unwrap_or(1.0));
        }
        serde_json::to_vec(&body).map_err(|e| LlmError::BadResponse(format!("encoding: {e}")))
    }

    /// One HTTP attempt, timed and counted.
    async fn attempt(&self, body: Vec<u8>, images: bool) -> Result<Completion, Failure> {
        let started = Instant::now();
        let result = self.send(body, images).await;
        metrics::histogram!("baton_llm_request_seconds").record(started.elapsed().as_secs_f64());
        let outcome = result.as_ref().map_or_else(|f| f.outcome, |_| "ok");
        metrics::counter!("baton_llm_requests_total", "outcome" => outcome).increment(1);
        if let Ok(c) = &result {
            metrics::counter!("baton_llm_tokens_total", "type" => "prompt")
                .increment(c.usage.prompt_tokens);
            metrics::counter!("baton_llm_tokens_total", "type" => "completion")
                .increment(c.usage.completion_tokens);
        }
        result
    }

    async fn send(&self, body: Vec<u8>, images: bool) -> Result<Completion, Failure> {
        let mut req = self
            .http
            .post(&self.url)
            .timeout(self.cfg.timeout)
            .header(CONTENT_TYPE, "application/json")
            .body(body);
        if let Some(key) = &self.cfg.api_key {
            req = req.header(AUTHORIZATION, format!("Bearer {}", key.expose_secret()));
        }
        let resp = req.send().await.map_err(transport_failure)?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let request_id = header(&headers, "x-request-id").unwrap_or("-").to_owned();
        let bytes = resp.bytes().await.map_err(transport_failure)?;
        debug!(%status, request_id, model = %self.cfg.model, "LLM call answered");
        if images && let Some(failure) = image_refusal(status, &bytes) {
            warn!(%status, request_id, error = %failure.error, "the model refused the images");
            return Err(failure);
        }
        if status.is_success() {
            return Completion::parse(&bytes).map_err(|error| {
                warn!(request_id, %error, "LLM response unusable");
                Failure {
                    error,
                    retry: false,
                    after: None,
                    outcome: "bad_response",
                }
            });
        }
        let failure = classify(status, &headers, &bytes);
        warn!(%status, request_id, retry = failure.retry, "LLM call failed");
        Err(failure)
    }
}

fn transport_failure(e: reqwest::Error) -> Failure {
    let (error, outcome) = if e.is_timeout() {
        (LlmError::Timeout, "timeout")
    } else {
        (
            LlmError::Unavailable(format!("transport: {e}")),
            "transport_error",
        )
    };
    Failure {
        error,
        retry: true,
        after: None,
        outcome,
    }
}

/// Decides what a non-2xx answer means (spec §7.2, §7.4).
fn classify(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Failure {
    let (message, code) = error_body(body);
    let text = format!("HTTP {}: {message}", status.as_u16());
    let quota = code.as_deref() == Some("insufficient_quota");
    let by_status = matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error();
    let mut retry = match header(headers, "x-should-retry") {
        Some("true") => true,
        Some("false") => false,
        _ => by_status && !quota,
    };
    let after = retry_after(headers, SystemTime::now());
    if after.is_some_and(|a| a > GIVE_UP_AFTER) {
        retry = false;
    }
    let error = if retry || (by_status && !quota) {
        LlmError::Unavailable(text)
    } else {
        LlmError::Refused(text)
    };
    let outcome = match status.as_u16() {
        429 if !quota => "rate_limited",
        _ if status.is_server_error() => "server_error",
        _ if matches!(error, LlmError::Refused(_)) => "refused",
        _ => "client_error",
    };
    Failure {
        error,
        retry,
        after: after.map(|a| a.min(MAX_SERVER_WAIT)),
        outcome,
    }
}

/// What servers say when the model cannot take images (§2.4, lower case).
const NO_VISION: [&str; 10] = [
    "image_url is only supported by certain models",
    "not a multimodal model",
    "image input is not supported",
    "missing data required for image input",
    "does not support image",
    "does not support vision",
    "unknown variant `image_url`",
    "only 'text' content type is supported",
    "vision add-on is not loaded",
    "allowed values: ['text']",
];

/// What servers say when an image (not the model) is the problem (§2.4 step 6).
const BAD_IMAGE: [&str; 4] = [
    "invalid_image_format",
    "invalid image input",
    "failed to load image",
    "unsupported image",
];

/// The message of an error body in any of the shapes OpenAI-compatible servers use (§1.6):
/// `error.message`, `error` as a string, `detail`, `message`.
pub(super) fn server_message(v: &Value) -> Option<String> {
    [
        v["error"]["message"].as_str(),
        v["error"].as_str(),
        v["detail"].as_str(),
        v["message"].as_str(),
    ]
    .into_iter()
    .flatten()
    .next()
    .map(str::to_owned)
}

/// A refusal of a request's images: the model has no vision, or an image is unreadable.
fn image_refusal(status: StatusCode, body: &[u8]) -> Option<Failure> {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let judged = matches!(status.as_u16(), 400 | 422 | 500)
        || (status.is_success() && v.get("error").is_some());
    if !judged {
        return None;
    }
    let message = server_message(&v)
        .unwrap_or_else(|| String::from_utf8_lossy(&body[..body.len().min(500)]).into_owned());
    let lower = format!("{message} {}", v["error"]["code"]).to_lowercase();
    let text: String = message.chars().take(300).collect();
    let error = if NO_VISION.iter().any(|n| lower.contains(n)) {
        LlmError::NoVision(text)
    } else if BAD_IMAGE.iter().any(|n| lower.contains(n)) {
        LlmError::BadImage(text)
    } else {
        return None;
    };
    Some(Failure {
        error,
        retry: false,
        after: None,
        outcome: "refused",
    })
}

/// `error.message` (truncated) and `error.code` of an error body, if it has them.
fn error_body(body: &[u8]) -> (String, Option<String>) {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let err = &v["error"];
    let message = err["message"]
        .as_str()
        .or_else(|| err.as_str())
        .unwrap_or("no error message");
    let code = err["code"].as_str().or_else(|| err["type"].as_str());
    (message.chars().take(300).collect(), code.map(str::to_owned))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok().map(str::trim)
}

/// The server's requested wait: `retry-after-ms`, else `retry-after` (seconds or HTTP date).
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    if let Some(ms) = header(headers, "retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return Duration::try_from_secs_f64(ms / 1000.0).ok();
    }
    let v = header(headers, "retry-after")?;
    if let Ok(secs) = v.parse::<f64>() {
        return Duration::try_from_secs_f64(secs).ok();
    }
    let at = parse_http_date(v)?;
    Some(at.duration_since(now).unwrap_or_default())
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form servers send.
fn parse_http_date(s: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, sec] = hms.as_slice() else {
        return None;
    };
    let secs = days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + sec;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).ok()?))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        let get = |pairs: &[(&'static str, &str)]| retry_after(&headers(pairs), now);
        assert_eq!(get(&[("retry-after", "2")]), Some(Duration::from_secs(2)));
        assert_eq!(
            get(&[("retry-after", "0.5")]),
            Some(Duration::from_millis(500))
        );
        let both = [("retry-after-ms", "250"), ("retry-after", "9")];
        assert_eq!(get(&both), Some(Duration::from_millis(250)));
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT.
        let date = [("retry-after", "Sun, 06 Nov 1994 08:49:40 GMT")];
        assert_eq!(get(&date), Some(Duration::from_secs(3)));
        let past = [("retry-after", "Sat, 05 Nov 1994 08:49:40 GMT")];
        assert_eq!(get(&past), Some(Duration::ZERO));
        assert_eq!(get(&[("retry-after", "later")]), None);
        assert_eq!(get(&[]), None);
    }

    #[test]
    fn classification() {
        let none = HeaderMap::new();
        let f = classify(StatusCode::TOO_MANY_REQUESTS, &none, b"{}");
        assert!(f.retry && matches!(f.error, LlmError::Unavailable(_)));
        let quota = br#"{"error":{"message":"quota","type":"insufficient_quota","code":"insufficient_quota"}}"#;
        let f = classify(StatusCode::TOO_MANY_REQUESTS, &none, quota);
        assert!(!f.retry && matches!(f.error, LlmError::Refused(_)));
        for s in [400, 401, 403, 404, 422] {
            let f = classify(StatusCode::from_u16(s).unwrap(), &none, b"");
            assert!(!f.retry && matches!(f.error, LlmError::Refused(_)), "{s}");
        }
        for s in [408, 409, 500, 502, 503, 504] {
            assert!(
                classify(StatusCode::from_u16(s).unwrap(), &none, b"").retry,
                "{s}"
            );
        }
        let no = headers(&[("x-should-retry", "false")]);
        assert!(!classify(StatusCode::BAD_GATEWAY, &no, b"").retry);
        let long = headers(&[("retry-after", "600")]);
        let f = classify(StatusCode::TOO_MANY_REQUESTS, &long, b"");
        assert!(!f.retry && matches!(f.error, LlmError::Unavailable(_)));
        let short = headers(&[("retry-after", "30")]);
        let f = classify(StatusCode::SERVICE_UNAVAILABLE, &short, b"");
        assert_eq!(f.after, Some(MAX_SERVER_WAIT));
    }

    #[test]
    fn image_refusals_are_told_apart() {
        let s = |c| StatusCode::from_u16(c).unwrap();
        let openai = br#"{"error":{"message":"Invalid content type. image_url is only supported by certain models.","type":"invalid_request_error","param":"messages.[1].content.[1].type","code":null}}"#;
        let f = image_refusal(s(400), openai).unwrap();
        assert!(matches!(f.error, LlmError::NoVision(_)) && !f.retry);
        let llama = br#"{"error":{"code":500,"message":"image input is not supported - hint: if this is unexpected, you may need to provide the mmproj","type":"server_error"}}"#;
        assert!(matches!(
            image_refusal(s(500), llama).unwrap().error,
            LlmError::NoVision(_)
        ));
        let lm_studio = br#"{"error":"Vision add-on is not loaded, but images were provided"}"#;
        assert!(matches!(
            image_refusal(s(200), lm_studio).unwrap().error,
            LlmError::NoVision(_)
        ));
        let deepseek = b"Failed to deserialize the JSON body into the target type: messages[1]: unknown variant `image_url`, expected `text`";
        assert!(matches!(
            image_refusal(s(422), deepseek).unwrap().error,
            LlmError::NoVision(_)
        ));
        let bad = br#"{"error":{"message":"You uploaded an unsupported image.","type":"invalid_request_error","code":"invalid_image_format"}}"#;
        assert!(matches!(
            image_refusal(s(400), bad).unwrap().error,
            LlmError::BadImage(_)
        ));
        assert!(image_refusal(s(400), br#"{"error":{"message":"context length"}}"#).is_none());
        assert!(
            image_refusal(s(503), openai).is_none(),
            "503 is only unavailable"
        );
        let ok = br#"{"choices":[{"message":{"content":"does not support vision"}}]}"#;
        assert!(image_refusal(s(200), ok).is_none(), "a reply is a reply");
    }

    #[test]
    fn error_messages_are_kept() {
        let body = br#"{"error":{"message":"This model's maximum context length is 8192 tokens","type":"invalid_request_error","code":null}}"#;
        let f = classify(StatusCode::BAD_REQUEST, &HeaderMap::new(), body);
        assert!(f.error.is_context_length(), "{}", f.error);
    }

    #[test]
    fn request_body_shape() {
        let c = LlmClient::new(LlmConfig::default());
        let b: Value =
            serde_json::from_slice(&c.body(&[ChatMessage::user("hi")], &[]).unwrap()).unwrap();
        assert_eq!(
            b,
            json!({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]})
        );
        let cfg = LlmConfig {
            temperature: Some(0.5),
            ..LlmConfig::default()
        };
        let tool = ToolSpec {
            name: "t".into(),
            description: "d".into(),
            parameters: json!({"type": "object"}),
        };
        let b: Value =
            serde_json::from_slice(&LlmClient::new(cfg).body(&[], &[tool]).unwrap()).unwrap();
        assert_eq!(b["tools"][0]["function"]["name"], "t");
        assert_eq!(b["temperature"], 0.5);
        assert!(b.get("tool_choice").is_none());
    }
}
