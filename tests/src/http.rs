//! HTTP helpers for tests: one call gives the status, the headers and the body together, so an
//! assertion can look at all three and print the body when the status is wrong.
//!
//! [`send`] runs any `reqwest` request; [`get`], [`post_json`] and [`post_raw`] build common
//! ones on a fresh client. A fresh client per call is deliberate: every `#[tokio::test]` has
//! its own runtime, and a pooled connection from a finished runtime fails the next request.
//!
//! Failure: a transport error (connection refused, timeout, a body that cannot be read) is
//! not a panic but a reply with status 0 whose body is the error text, so the test's own
//! assertion reports it with context.

use std::fmt;

use axum::body::Bytes;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// A complete answer: status, headers and raw body.
#[derive(Debug, Clone)]
pub struct HttpReply {
    /// The HTTP status, or 0 when the request failed before an answer arrived.
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl HttpReply {
    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value, if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn failed(error: &reqwest::Error) -> HttpReply {
        HttpReply {
            status: 0,
            headers: HeaderMap::new(),
            body: Bytes::from(format!("request failed: {error}")),
        }
    }
}

/// `status body`, for assertion messages.
impl fmt::Display for HttpReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.text())
    }
}

/// Sends a prepared request and reads the whole answer.
pub async fn send(request: reqwest::RequestBuilder) -> HttpReply {
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) => return HttpReply::failed(&e),
    };
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    match response.bytes().await {
        Ok(body) => HttpReply {
            status,
            headers,
            body,
        },
        Err(e) => HttpReply::failed(&e),
    }
}

/// `GET url` with extra headers.
pub async fn get(url: &str, headers: &[(&str, &str)]) -> HttpReply {
    send(with_headers(reqwest::Client::new().get(url), headers)).await
}

/// `POST url` with `body` as `application/json`, plus extra headers.
pub async fn post_json(url: &str, body: &Value, headers: &[(&str, &str)]) -> HttpReply {
    let request = reqwest::Client::new().post(url).json(body);
    send(with_headers(request, headers)).await
}

/// `POST url` with these exact bytes and content type, plus extra headers.
pub async fn post_raw(
    url: &str,
    content_type: &str,
    body: impl Into<Bytes>,
    headers: &[(&str, &str)],
) -> HttpReply {
    let request = reqwest::Client::new()
        .post(url)
        .header("content-type", content_type)
        .body(body.into());
    send(with_headers(request, headers)).await
}

/// Adds `headers` to `request`.
pub fn with_headers(
    mut request: reqwest::RequestBuilder,
    headers: &[(&str, &str)],
) -> reqwest::RequestBuilder {
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    request
}
