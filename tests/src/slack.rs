//! Plays Slack calling Baton (`../shared/specs/slack.md` §5–§7): a [`SlackClient`] that signs
//! requests exactly like Slack and posts them to Baton's `POST /slack/events` and
//! `POST /slack/interactions`, and [`payloads`] to build what Slack sends (a thread reply, a
//! bot's own message, a `url_verification`, a `block_actions` click).
//!
//! Signing (§7): `X-Slack-Request-Timestamp: <unix secs>` and
//! `X-Slack-Signature: v0=hex(HMAC-SHA256(signing secret, "v0:<ts>:<raw body>"))`, computed
//! over the exact bytes sent. A [`SlackRequest`] can be sent as Slack would, or deliberately
//! wrong for negative tests: an old timestamp ([`SlackRequest::aged`], a replay), another
//! secret, a hand-written signature header, no signature; and with the retry headers
//! `X-Slack-Retry-Num` / `X-Slack-Retry-Reason` (§5.6).
//!
//! The ids of the test workspace ([`TEAM_ID`], [`CHANNEL`], [`BOT_USER_ID`], …) are shared
//! with the fake Slack Web API ([`crate::fakes::slack`]), so what Baton posts there and what
//! this client sends back fit together. Failure: sending never panics; a transport error is an
//! [`HttpReply`] with status 0 (see [`crate::http`]).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::http::{self, HttpReply};

pub mod payloads;

/// The workspace (`team_id`) of the test Slack.
pub const TEAM_ID: &str = "T0TEAM001";
/// Baton's Slack app (`api_app_id`).
pub const APP_ID: &str = "A0APP0001";
/// The handoff channel.
pub const CHANNEL: &str = "C0HANDOFF1";
/// Baton's bot user (`auth.test` `user_id`).
pub const BOT_USER_ID: &str = "U0BOTUSER";
/// Baton's bot (`auth.test` `bot_id`).
pub const BOT_ID: &str = "B0BOT0001";
/// A human agent.
pub const AGENT: &str = "U0AGENT01";

/// Baton's Events API route.
pub const EVENTS_PATH: &str = "/slack/events";
/// Baton's interactivity route.
pub const INTERACTIONS_PATH: &str = "/slack/interactions";

/// `v0=` and the lowercase hex HMAC-SHA256 of `v0:{timestamp}:{body}` under `secret` (§7).
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any size");
    mac.update(format!("v0:{timestamp}:").as_bytes());
    mac.update(body);
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
}

/// How a request is signed.
#[derive(Debug, Clone)]
enum Signing {
    /// With the client's signing secret, like Slack.
    Client,
    /// With another secret (a forged request).
    Secret(String),
    /// This exact `X-Slack-Signature` value (malformed or stale).
    Header(String),
    /// No signature headers at all.
    Unsigned,
}

/// One request as Slack would send it; adjust it, then [`SlackClient::send`] it.
#[derive(Debug, Clone)]
pub struct SlackRequest {
    path: &'static str,
    content_type: &'static str,
    body: Bytes,
    timestamp: i64,
    retry: Option<(u32, String)>,
    signing: Signing,
}

impl SlackRequest {
    /// An Events API delivery of `body` (compact JSON, like Slack), stamped now.
    pub fn event(body: &Value) -> SlackRequest {
        SlackRequest {
            path: EVENTS_PATH,
            content_type: "application/json",
            body: Bytes::from(body.to_string()),
            timestamp: now(),
            retry: None,
            signing: Signing::Client,
        }
    }

    /// An interactivity delivery: the form body `payload=<url-encoded JSON>` (§6.1).
    pub fn interaction(payload: &Value) -> SlackRequest {
        SlackRequest {
            path: INTERACTIONS_PATH,
            content_type: "application/x-www-form-urlencoded",
            body: Bytes::from(payloads::form_body(payload)),
            timestamp: now(),
            retry: None,
            signing: Signing::Client,
        }
    }

    /// Stamped (and signed) at this Unix time instead of now.
    pub fn at(mut self, timestamp: i64) -> SlackRequest {
        self.timestamp = timestamp;
        self
    }

    /// Stamped `age` ago and signed correctly for that time: a replay once `age` > 5 minutes.
    pub fn aged(self, age: Duration) -> SlackRequest {
        let secs = i64::try_from(age.as_secs()).unwrap_or(i64::MAX);
        let at = now().saturating_sub(secs);
        self.at(at)
    }

    /// Slack's retry `num` (1..=3) of this delivery, after `reason` (e.g. `http_timeout`).
    pub fn retry(mut self, num: u32, reason: &str) -> SlackRequest {
        self.retry = Some((num, reason.to_owned()));
        self
    }

    /// Signed with another secret.
    pub fn signed_with(mut self, secret: &str) -> SlackRequest {
        self.signing = Signing::Secret(secret.to_owned());
        self
    }

    /// Sent with this exact `X-Slack-Signature` header.
    pub fn signature(mut self, header: &str) -> SlackRequest {
        self.signing = Signing::Header(header.to_owned());
        self
    }

    /// Sent without `X-Slack-Signature` and `X-Slack-Request-Timestamp`.
    pub fn unsigned(mut self) -> SlackRequest {
        self.signing = Signing::Unsigned;
        self
    }

    /// The exact bytes that will be sent (and signed).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Baton's route this request goes to.
    pub fn path(&self) -> &str {
        self.path
    }

    /// Every header Slack would send, signed with `secret` unless told otherwise.
    pub fn headers(&self, secret: &str) -> Vec<(String, String)> {
        let mut out = vec![("content-type".to_owned(), self.content_type.to_owned())];
        let sig = match &self.signing {
            Signing::Client => Some(signature(secret, self.timestamp, &self.body)),
            Signing::Secret(other) => Some(signature(other, self.timestamp, &self.body)),
            Signing::Header(h) => Some(h.clone()),
            Signing::Unsigned => None,
        };
        if let Some(sig) = sig {
            out.push((
                "x-slack-request-timestamp".into(),
                self.timestamp.to_string(),
            ));
            out.push(("x-slack-signature".into(), sig));
        }
        if let Some((num, reason)) = &self.retry {
            out.push(("x-slack-retry-num".into(), num.to_string()));
            out.push(("x-slack-retry-reason".into(), reason.clone()));
        }
        out
    }
}

/// Sends signed Slack requests to Baton's ingress.
pub struct SlackClient {
    base_url: String,
    signing_secret: String,
    http: reqwest::Client,
}

impl SlackClient {
    /// A client for the ingress at `base_url` (no trailing slash), signing with
    /// `signing_secret` (Baton's `SLACK_SIGNING_SECRET`).
    pub fn new(base_url: &str, signing_secret: &str) -> SlackClient {
        SlackClient {
            base_url: base_url.trim_end_matches('/').to_owned(),
            signing_secret: signing_secret.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// Sends `req` as Slack would; returns Baton's whole answer.
    pub async fn send(&self, req: &SlackRequest) -> HttpReply {
        let mut builder = self
            .http
            .post(format!("{}{}", self.base_url, req.path))
            .body(req.body.clone());
        for (k, v) in req.headers(&self.signing_secret) {
            builder = builder.header(k, v);
        }
        http::send(builder).await
    }

    /// Delivers an Events API body, signed now.
    pub async fn event(&self, body: &Value) -> HttpReply {
        self.send(&SlackRequest::event(body)).await
    }

    /// Delivers an interactivity payload, signed now.
    pub async fn interaction(&self, payload: &Value) -> HttpReply {
        self.send(&SlackRequest::interaction(payload)).await
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The test vector of §7 (from Slack's documentation).
    #[test]
    fn signs_the_spec_example() {
        let body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assert_eq!(
            signature(
                "8f742231b10e8888abcd99yyyzzz85a5",
                1531420618,
                body.as_bytes()
            ),
            "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
        );
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn headers_carry_timestamp_signature_and_retries() {
        let req = SlackRequest::event(&json!({"type": "event_callback"})).at(1_718_000_450);
        let h = req.headers("s3cret");
        assert_eq!(header(&h, "content-type"), Some("application/json"));
        assert_eq!(header(&h, "x-slack-request-timestamp"), Some("1718000450"));
        let want = signature("s3cret", 1_718_000_450, req.body());
        assert_eq!(header(&h, "x-slack-signature"), Some(want.as_str()));
        assert_eq!(header(&h, "x-slack-retry-num"), None);

        let retried = req.clone().retry(2, "http_timeout").headers("s3cret");
        assert_eq!(header(&retried, "x-slack-retry-num"), Some("2"));
        assert_eq!(
            header(&retried, "x-slack-retry-reason"),
            Some("http_timeout")
        );
        let forged = req.clone().signed_with("other").headers("s3cret");
        assert_ne!(header(&forged, "x-slack-signature"), Some(want.as_str()));
        assert_eq!(
            header(
                &req.clone().unsigned().headers("s3cret"),
                "x-slack-signature"
            ),
            None
        );
    }

    #[test]
    fn an_aged_request_is_signed_for_its_old_time() {
        let req = SlackRequest::event(&json!({})).aged(Duration::from_secs(600));
        let h = req.headers("k");
        let ts: i64 = header(&h, "x-slack-request-timestamp")
            .and_then(|t| t.parse().ok())
            .unwrap_or_default();
        assert!((now() - ts - 600).abs() <= 2, "{ts}");
        let want = signature("k", ts, req.body());
        assert_eq!(header(&h, "x-slack-signature"), Some(want.as_str()));
    }
}
