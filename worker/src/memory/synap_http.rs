//! Synap's HTTP transport: one pooled client, auth, error classification, one quick retry.
//!
//! - Every request carries `Authorization: Bearer <key>` (the only header the server needs,
//!   spec §3), a random-UUID `X-Correlation-ID` (Maximem's TS package does the same; it is
//!   logged so support can trace a request) and a `User-Agent`.
//! - Connections are pooled and kept idle 300 s: a cold connection through Synap's CDN costs
//!   up to a second (§2).
//! - Status mapping (§7): 2xx ok; 408, 429, 5xx, transport errors → transient; other 4xx →
//!   permanent. Error bodies are summarised from `detail`/`message`/`fix`/`code` only (a 422
//!   may echo the input, i.e. memory contents, so the raw body is never logged; it is kept
//!   in memory to match codes such as `customer_id_not_accepted_on_b2c`).
//! - At most one quick retry in process (§8.2; the caller has broker retry tiers): after
//!   transport errors, 429 whose `Retry-After` is at most a second (an HTTP-date or a longer
//!   wait is left to the tiers) and 502/503/504 (500 too on idempotent routes). A route
//!   without a dedup key (`conversations/messages`, §8.4) is retried only when the request
//!   never left (connect error) or the server said 429.

use std::time::Duration;

use backon::{ConstantBuilder, Retryable};
use reqwest::{Method, header::HeaderMap};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use super::MemoryError;

const QUICK_DELAY: Duration = Duration::from_millis(150);
const MAX_QUICK_WAIT: Duration = Duration::from_secs(1);
const BODY_KEEP: usize = 2_000;

/// How safe a route is to repeat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// Reads: whoami, context fetch.
    Idempotent,
    /// Writes the server dedups by `document_id` (memories/create).
    Deduped,
    /// Writes without a dedup key (conversations/messages).
    Unkeyed,
}

/// A failed request.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: Option<u16>,
    /// The request never reached the server.
    pub connect: bool,
    pub retry_after: Option<Duration>,
    /// Short, content-free description (method, path, status, server message, correlation id).
    pub summary: String,
    /// Raw body (truncated), for code matching only; never logged.
    pub body: String,
}

impl Failure {
    pub fn is_b2c_rejection(&self) -> bool {
        self.status == Some(400) && self.body.contains("customer_id_not_accepted_on_b2c")
    }

    pub fn is_transient(&self) -> bool {
        match self.status {
            None | Some(408 | 429) => true,
            Some(s) => !(400..500).contains(&s),
        }
    }

    pub fn into_error(self) -> MemoryError {
        if self.is_transient() {
            MemoryError::Transient(self.summary)
        } else {
            MemoryError::Permanent(self.summary)
        }
    }

    fn quick_retry(&self, route: Route) -> bool {
        let short_wait = self.retry_after.is_none_or(|d| d <= MAX_QUICK_WAIT);
        match (self.status, route) {
            (Some(429), _) => short_wait,
            (None, Route::Unkeyed) => self.connect,
            (None, _) => true,
            (Some(_), Route::Unkeyed) => false,
            (Some(502..=504), _) => true,
            (Some(500), Route::Idempotent) => true,
            _ => false,
        }
    }
}

pub(crate) struct Http {
    client: reqwest::Client,
    base: String,
    key: SecretString,
}

impl Http {
    pub fn new(base: &str, key: SecretString) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .pool_idle_timeout(Duration::from_secs(300))
            .pool_max_idle_per_host(10)
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("baton-synap-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("synap http client: {e}"))?;
        Ok(Http {
            client,
            base: base.trim_end_matches('/').to_owned(),
            key,
        })
    }

    /// Sends with at most one quick retry; the JSON answer (`Null` when empty) or the failure.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        timeout: Duration,
        route: Route,
    ) -> Result<Value, Failure> {
        let once = || self.send(method.clone(), path, body, timeout);
        once.retry(
            ConstantBuilder::new()
                .with_delay(QUICK_DELAY)
                .with_max_times(1)
                .with_jitter(),
        )
        .when(|f: &Failure| f.quick_retry(route))
        .adjust(|f: &Failure, d| d.map(|d| f.retry_after.unwrap_or(d)))
        .notify(
            |f: &Failure, d| tracing::debug!(error = %f.summary, wait = ?d, "synap: retrying once"),
        )
        .await
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        timeout: Duration,
    ) -> Result<Value, Failure> {
        let cid = uuid::Uuid::new_v4().to_string();
        let what = format!("{method} {path}");
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(self.key.expose_secret())
            .header("X-Correlation-ID", &cid)
            .timeout(timeout);
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.map_err(|e| transport(&what, &cid, &e))?;
        let status = resp.status();
        let retry_after = retry_after(resp.headers());
        let text = resp.text().await.map_err(|e| transport(&what, &cid, &e))?;
        if status.is_success() {
            return Ok(serde_json::from_str(&text).unwrap_or(Value::Null));
        }
        let summary = format!(
            "{what}: HTTP {} {} (correlation {cid})",
            status.as_u16(),
            describe(&text)
        );
        tracing::debug!(status = status.as_u16(), correlation = %cid, "synap error answer");
        Err(Failure {
            status: Some(status.as_u16()),
            connect: false,
            retry_after,
            summary,
            body: text.chars().take(BODY_KEEP).collect(),
        })
    }
}

fn transport(what: &str, cid: &str, e: &reqwest::Error) -> Failure {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "transport error"
    };
    Failure {
        status: None,
        connect: e.is_connect(),
        retry_after: None,
        summary: format!("{what}: {kind} (correlation {cid})"),
        body: String::new(),
    }
}

/// `Retry-After` in seconds; an HTTP-date counts as "long" (left to the broker tiers).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    Some(match v.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => Duration::from_secs(3600),
    })
}

/// The server's own words about an error, without anything that could echo the input.
fn describe(body: &str) -> String {
    let Ok(v) = serde_json::from_str::<Value>(body) else {
        return String::new();
    };
    let mut parts: Vec<String> = Vec::new();
    let mut push = |s: Option<&str>| {
        if let Some(s) = s.filter(|s| !s.is_empty()) {
            parts.push(s.to_owned());
        }
    };
    push(v["message"].as_str());
    push(v["error"].as_str());
    push(v["code"].as_str());
    match &v["detail"] {
        Value::String(s) => push(Some(s)),
        Value::Object(_) => {
            push(v["detail"]["code"].as_str());
            push(v["detail"]["message"].as_str());
            push(v["detail"]["fix"].as_str());
        }
        Value::Array(items) => items.iter().for_each(|i| push(i["msg"].as_str())),
        _ => {}
    }
    let joined = parts.join("; ");
    let mut out: String = joined.chars().take(300).collect();
    if out.len() < joined.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(status: Option<u16>) -> Failure {
        Failure {
            status,
            connect: false,
            retry_after: None,
            summary: String::new(),
            body: String::new(),
        }
    }

    #[test]
    fn classification_follows_section_7() {
        for s in [400, 401, 402, 403, 404, 409, 422] {
            assert!(!fail(Some(s)).is_transient(), "{s}");
        }
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(fail(Some(s)).is_transient(), "{s}");
        }
        assert!(fail(None).is_transient());
    }

    #[test]
    fn quick_retry_rules() {
        assert!(fail(Some(503)).quick_retry(Route::Deduped));
        assert!(!fail(Some(500)).quick_retry(Route::Deduped));
        assert!(fail(Some(500)).quick_retry(Route::Idempotent));
        assert!(!fail(Some(503)).quick_retry(Route::Unkeyed));
        assert!(
            !fail(None).quick_retry(Route::Unkeyed),
            "a timeout may have been processed"
        );
        assert!(
            Failure {
                connect: true,
                ..fail(None)
            }
            .quick_retry(Route::Unkeyed)
        );
        let slow = Failure {
            retry_after: Some(Duration::from_secs(30)),
            ..fail(Some(429))
        };
        assert!(!slow.quick_retry(Route::Idempotent));
        assert!(!fail(Some(400)).quick_retry(Route::Idempotent));
    }

    #[test]
    fn descriptions_never_echo_input() {
        let d = describe(
            r#"{"detail":[{"loc":["body","document"],"msg":"too long","input":"secret text"}]}"#,
        );
        assert_eq!(d, "too long");
        let d = describe(
            r#"{"message":"customer_id not accepted","detail":{"fix":"omit customer_id","code":"customer_id_not_accepted_on_b2c"}}"#,
        );
        assert_eq!(
            d,
            "customer_id not accepted; customer_id_not_accepted_on_b2c; omit customer_id"
        );
        assert_eq!(describe("<html>bad gateway</html>"), "");
    }
}
