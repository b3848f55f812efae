//! Graph API errors: the code table of spec §6.2 and turning HTTP answers into [`GraphError`].
//!
//! Owns the decision "retry or not" for every answer. The Graph `error.code` decides (spec
//! §6.1: never the HTTP status or the message title). Only when there is no Graph error body,
//! or the code is not in the table, does the HTTP status decide: 5xx, 429 and 408 are worth
//! retrying, anything else is permanent. A 2xx whose body is not what the endpoint promises is
//! permanent (retrying would not change it, and the send may have happened). Parsing never
//! panics: any byte string becomes some `GraphError`.

use std::time::Duration;

use serde_json::Value;

/// What the worker should do about an error code (spec §6.2 "retry" column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// Temporary: back off and retry.
    Retry,
    /// "Limited (1–2 tries)" / "yes, a few times": retry briefly, then give up and alert.
    RetryFewTimes,
    /// Fix something (request, permissions, template, recipient) or give up.
    NoRetry,
    /// Account-level trouble: pause every send (circuit breaker) and alert.
    PauseAll,
}

/// Classification of a Graph error code per spec §6.2. Codes not in the table are `NoRetry`
/// (a 5xx answer with such a code is still retried, see [`from_response`]).
pub fn classify(code: i64) -> ErrorClass {
    table(code).unwrap_or(ErrorClass::NoRetry)
}

/// The §6.2 table itself; `None` for codes it does not list.
fn table(code: i64) -> Option<ErrorClass> {
    use ErrorClass::*;
    Some(match code {
        0 | 190 | 368 | 131031 | 131042 | 131048 => PauseAll,
        1 | 131000 => RetryFewTimes,
        2 | 4 | 17 | 613 | 80007 | 130429 | 131016 | 131056 | 131057 => Retry,
        3 | 10 | 33 | 100 | 200..=299 => NoRetry,
        130403 | 130472 | 130497 => NoRetry,
        131005 | 131008 | 131009 | 131014 | 131021 | 131026 | 131037 | 131045 | 131047 => NoRetry,
        131049..=131053 | 131060 | 131062..=131064 => NoRetry,
        132000 | 132001 | 132005 | 132007 | 132012 | 132015 | 132016 => NoRetry,
        133010 | 135000 => NoRetry,
        _ => return None,
    })
}

/// A failed Graph call, saying what to do next.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// Worth retrying later: throughput 130429, pair rate 131056, maintenance 131057, codes
    /// 1/2/4/17/613/80007/131000/131016, HTTP 5xx/429 without a listed code, network errors and
    /// timeouts. `retry_after` comes from the Retry-After header or the code's rule.
    #[error("graph: retryable error (code {code:?}): {message}")]
    Retryable {
        code: Option<i64>,
        message: String,
        retry_after: Option<Duration>,
    },
    /// Not retried: recorded and shown to humans. `fbtrace_id` is kept for support tickets.
    #[error("graph: permanent error (code {code:?}): {message}")]
    Permanent {
        code: Option<i64>,
        message: String,
        details: Option<String>,
        fbtrace_id: Option<String>,
    },
    /// Rejected locally before any request (bad buttons, empty body, no recipient).
    #[error("graph: invalid request: {0}")]
    Invalid(String),
}

impl GraphError {
    pub fn code(&self) -> Option<i64> {
        match self {
            GraphError::Retryable { code, .. } | GraphError::Permanent { code, .. } => *code,
            GraphError::Invalid(_) => None,
        }
    }

    pub fn is_retryable(&self) -> bool {
        matches!(self, GraphError::Retryable { .. })
    }

    /// Throughput (130429) or pair rate (131056): paced by [`super::SendLimits`].
    pub fn is_rate_limit(&self) -> bool {
        matches!(self.code(), Some(130429 | 131056))
    }

    /// 131047: the 24-hour customer service window is closed; send a template instead.
    pub fn window_closed(&self) -> bool {
        self.code() == Some(131047)
    }

    /// Circuit-breaker class of spec §6.2 (131048, 368, 131031, 131042, 190, 0): stop all sends.
    pub fn pauses_all_sends(&self) -> bool {
        self.code()
            .is_some_and(|c| classify(c) == ErrorClass::PauseAll)
    }

    /// How long to wait before retrying, when known.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            GraphError::Retryable { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Meta's trace id, for support tickets.
    pub fn fbtrace_id(&self) -> Option<&str> {
        match self {
            GraphError::Permanent { fbtrace_id, .. } => fbtrace_id.as_deref(),
            _ => None,
        }
    }
}

/// The wait a code's own rule asks for after the `attempt`-th failure (0-based): 131056 pair
/// rate limit 4^attempt s (spec §6.4); 131057 maintenance ~60 s; 4 app rate limit "minutes"
/// (60 s, so it is never hot-retried in process).
pub fn code_delay(code: i64, attempt: u32) -> Option<Duration> {
    match code {
        131056 => Some(Duration::from_secs(4u64.saturating_pow(attempt.min(16)))),
        131057 | 4 => Some(Duration::from_secs(60)),
        _ => None,
    }
}

/// Parses a `Retry-After` header given in seconds (HTTP dates are ignored).
pub fn parse_retry_after(value: Option<&str>) -> Option<Duration> {
    let secs: f64 = value?.trim().parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(86_400.0)))
}

/// Turns an HTTP answer into the JSON body (2xx without a Graph error) or a [`GraphError`].
/// `attempt` is the 0-based number of this try (for 131056's 4^attempt rule).
pub fn from_response(
    status: u16,
    retry_after: Option<Duration>,
    body: &[u8],
    attempt: u32,
) -> Result<Value, GraphError> {
    let json: Option<Value> = serde_json::from_slice(body).ok();
    if let Some(err) = json
        .as_ref()
        .and_then(|j| j.get("error"))
        .filter(|e| e.is_object())
    {
        return Err(graph_error(status, retry_after, err, attempt));
    }
    match json {
        Some(v) if (200..300).contains(&status) => Ok(v),
        _ if (200..300).contains(&status) => Err(permanent(
            None,
            format!(
                "unexpected non-JSON response (HTTP {status}): {}",
                snippet(body)
            ),
        )),
        _ if http_retryable(status) => Err(GraphError::Retryable {
            code: None,
            message: format!("HTTP {status} without a Graph error: {}", snippet(body)),
            retry_after,
        }),
        _ => Err(permanent(
            None,
            format!("HTTP {status} without a Graph error: {}", snippet(body)),
        )),
    }
}

fn graph_error(
    status: u16,
    retry_after: Option<Duration>,
    err: &Value,
    attempt: u32,
) -> GraphError {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    let code = err.get("code").and_then(code_of);
    let message = text(err.get("message")).unwrap_or_else(|| "(no message)".into());
    let retry = match code.and_then(table) {
        Some(ErrorClass::Retry | ErrorClass::RetryFewTimes) => true,
        Some(_) => false,
        None => http_retryable(status),
    };
    if retry {
        let rule = code.and_then(|c| code_delay(c, attempt));
        return GraphError::Retryable {
            code,
            message,
            retry_after: retry_after.or(rule),
        };
    }
    GraphError::Permanent {
        code,
        message,
        details: text(err.pointer("/error_data/details")),
        fbtrace_id: text(err.get("fbtrace_id")),
    }
}

/// Error codes are numbers, but accept a numeric string too.
fn code_of(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())
}

fn http_retryable(status: u16) -> bool {
    status >= 500 || status == 429 || status == 408
}

/// A permanent error with no Graph details (our own diagnosis of an odd answer).
pub fn permanent(code: Option<i64>, message: String) -> GraphError {
    GraphError::Permanent {
        code,
        message,
        details: None,
        fbtrace_id: None,
    }
}

/// The start of a body for error messages (bounded, lossy UTF-8).
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(200).collect();
    if text.chars().nth(200).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
