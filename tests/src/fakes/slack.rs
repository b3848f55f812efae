//! A fake Slack Web API (`../shared/specs/slack.md`) on [`FakeServer`], for Baton's handoff
//! alerts: `POST /api/chat.postMessage`, `POST /api/chat.update`, `POST /api/auth.test`, and
//! the `response_url`s of interactions (`POST /response/<n>`, issued by
//! [`FakeSlack::response_url`]). Point `SLACK_API_BASE_URL` at [`FakeSlack::api_url`].
//!
//! Every call is checked: POST, `Authorization: Bearer <bot token>` (§1; a token in the query
//! or the JSON body is a violation too), JSON content type, the arguments of §2–§3, Block Kit
//! limits (§4.1) and mrkdwn escaping (modules `checks`, `blocks`, `mrkdwn`), and what needs
//! the fake's memory: `thread_ts` must be a parent message this fake posted (never a reply's
//! ts), `chat.update` must name a message it posted, and a block whose content changes on
//! update needs a new `block_id`. [`FakeSlack::forbid`] adds text no request may contain
//! (a raw phone number). A problem is a violation; where Slack would refuse, the fake answers
//! like Slack (HTTP 200, `{"ok":false,"error":"…"}`). Accepted posts get increasing `ts`
//! values (`1700000000.000100`, `…000200`, …) and are kept in order, as are updates and
//! `response_url` posts. Scripted outcomes ([`FakeSlack::fail_next`],
//! [`FakeSlack::rate_limit_next`], [`FakeSlack::refuse_next`]) answer the next `chat.*` calls
//! that pass authentication (their violations are still recorded; nothing is stored). Bad
//! input never panics; the server stops when dropped.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::server::{FakeServer, RecordedRequest};
use api::{Outcome, SlackApi};

mod api;
mod blocks;
mod checks;
mod mrkdwn;
mod response_url;

/// A message Baton posted, as posted (see [`FakeSlack::current`] for its latest version).
#[derive(Debug, Clone)]
pub struct SlackMessage {
    pub channel: String,
    /// The id the fake gave it.
    pub ts: String,
    /// The parent's `ts` for a thread reply.
    pub thread_ts: Option<String>,
    pub text: Option<String>,
    pub blocks: Option<Value>,
    /// The whole request body.
    pub body: Value,
    pub at: Instant,
}

/// One accepted `chat.update`.
#[derive(Debug, Clone)]
pub struct SlackUpdate {
    pub channel: String,
    pub ts: String,
    pub text: Option<String>,
    pub blocks: Option<Value>,
    pub body: Value,
    pub at: Instant,
}

/// One accepted post to a `response_url`.
#[derive(Debug, Clone)]
pub struct ResponsePost {
    /// Which URL (the `<n>` of `/response/<n>`).
    pub id: String,
    pub body: Value,
    pub at: Instant,
}

/// The running fake; see the module doc.
pub struct FakeSlack {
    /// Root URL, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    /// `{url}/api`, the base Web API methods hang off (`{api_url}/chat.postMessage`).
    pub api_url: String,
    server: FakeServer<SlackApi>,
}

impl FakeSlack {
    /// Starts the fake; calls must carry `Authorization: Bearer <token>`.
    pub async fn start(token: &str) -> FakeSlack {
        let server = FakeServer::start(SlackApi::new(token)).await;
        let url = server.url().to_owned();
        FakeSlack {
            api_url: format!("{url}/api"),
            url,
            server,
        }
    }

    /// Every accepted `chat.postMessage`, alerts and thread replies, in order.
    pub fn messages(&self) -> Vec<SlackMessage> {
        self.server.with(|s| s.posts.clone())
    }

    /// The replies posted in the thread of the message `ts`, in order.
    pub fn thread(&self, ts: &str) -> Vec<SlackMessage> {
        let posts = self.messages();
        posts
            .into_iter()
            .filter(|m| m.thread_ts.as_deref() == Some(ts))
            .collect()
    }

    /// The accepted updates of the message `ts`, in order.
    pub fn updates(&self, ts: &str) -> Vec<SlackUpdate> {
        let all = self.server.with(|s| s.updates.clone());
        all.into_iter().filter(|u| u.ts == ts).collect()
    }

    /// The message `ts` with its latest text and blocks (after every update).
    pub fn current(&self, ts: &str) -> Option<SlackMessage> {
        self.server.with(|s| s.current(ts))
    }

    /// Every accepted post to a `response_url`, in order.
    pub fn responses(&self) -> Vec<ResponsePost> {
        self.server.with(|s| s.responses.clone())
    }

    /// Every request received, as received (including refused ones), in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.server.requests()
    }

    /// Every spec violation seen, in order.
    pub fn violations(&self) -> Vec<String> {
        self.server.violations()
    }

    /// A fresh `response_url` for an interaction payload; usable five times (§6.3).
    pub fn response_url(&self) -> String {
        let id = self.server.with(|s| {
            let id = (s.response_urls.len() + 1).to_string();
            s.response_urls.insert(id.clone(), 0);
            id
        });
        format!("{}/response/{id}", self.url)
    }

    /// The next `times` `chat.*` calls are answered HTTP 503 `service_unavailable`.
    pub fn fail_next(&self, times: usize) {
        self.server
            .script(std::iter::repeat_n(Outcome::Unavailable, times));
    }

    /// The next `chat.*` call is answered 429 with `Retry-After: <retry_after_secs>`.
    pub fn rate_limit_next(&self, retry_after_secs: u64) {
        self.server.script([Outcome::RateLimited(retry_after_secs)]);
    }

    /// The next `chat.*` call is answered `{"ok":false,"error":<error>}` (e.g. `not_in_channel`).
    pub fn refuse_next(&self, error: &str) {
        self.server.script([Outcome::Refused(error.to_owned())]);
    }

    /// Delay before every answer.
    pub fn set_latency(&self, d: Duration) {
        self.server.set_latency(d);
    }

    /// Any request whose body or query contains `needle` (e.g. a raw phone number) is a
    /// violation.
    pub fn forbid(&self, needle: &str) {
        self.server.with(|s| s.forbidden.push(needle.to_owned()));
    }

    /// Waits until at least `n` messages were posted (or `timeout` passed); returns them all.
    pub async fn wait_messages(&self, n: usize, timeout: Duration) -> Vec<SlackMessage> {
        self.server
            .wait_until(timeout, |s, _| s.posts.len() >= n)
            .await;
        self.messages()
    }

    /// Waits until the message `ts` was updated at least `n` times (or `timeout` passed).
    pub async fn wait_updates(&self, ts: &str, n: usize, timeout: Duration) -> Vec<SlackUpdate> {
        self.server
            .wait_until(timeout, |s, _| {
                s.updates.iter().filter(|u| u.ts == ts).count() >= n
            })
            .await;
        self.updates(ts)
    }
}
