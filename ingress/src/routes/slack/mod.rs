//! Slack's callbacks (ARCHITECTURE §8, `../shared/specs/slack.md` §5–§7):
//! `POST /slack/events` (the Events API: `url_verification`, thread replies — [`events`]) and
//! `POST /slack/interactions` (button clicks on the alert — [`interactions`]).
//!
//! Mounted only when Slack is configured (`SLACK_*`, `baton_shared::config::Slack`); otherwise
//! both paths answer 404, so nothing unsigned is ever accepted. Every request is verified
//! first ([`verify`]: signing secret, five-minute window, constant-time compare): 401 and
//! nothing else on failure. What a verified request asks becomes a human command (reply,
//! claim, release) published as an event on the conversation's partition, exactly like the
//! console's (`routes::console::commands`): ordered with the customer's messages, and with an
//! id derived from Slack's own identity of the request (the message's channel and `ts`, the
//! click's `action_ts`), so Slack's retries (`X-Slack-Retry-Num`) and duplicate `event_id`s
//! are the same command and the worker's dedupe makes them one. A claim or a reply also
//! changes the owner at once (`shared::state::transition`: the claim is the compare-and-set
//! two agents race on). The agent is `slack-<user id>` (`state::slack::agent_name`); acting
//! in Slack marks them online (`state::presence`).
//!
//! The 3-second rule: the request only verifies, reads one Redis key, publishes (with a
//! publisher confirm) and answers; everything else happens in the worker. A request that
//! cannot be published answers 503, so Slack retries it. A verified body that cannot be
//! parsed, or that is not for Baton (another channel, a bot's message, an unknown thread),
//! is answered 200 and ignored: retrying it could not help. Metrics:
//! `baton_ingress_slack_requests_total{route,outcome}`.

pub mod events;
pub mod interactions;
pub mod verify;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use baton_shared::event::{Command, Conversation, Event, now_ms};
use baton_shared::state::transition::{self, Request, Transition};
use baton_shared::state::{activity, conversation, presence};
use baton_shared::telemetry;
use bytes::Bytes;
use serde_json::Value;

use crate::AppState;
use verify::{SlackBody, SlackSignatureError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/slack/events", post(events::events))
        .route("/slack/interactions", post(interactions::interactions))
}

/// How a request ended, for the metric and the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A command was published.
    Published,
    /// Verified, but nothing for Baton to do.
    Ignored,
    /// A command the worker already carried out (a late retry): not published again.
    Duplicate,
    /// `url_verification` answered.
    Challenge,
    /// The broker or Redis did not answer: 503, Slack retries.
    Unavailable,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Published => "published",
            Outcome::Ignored => "ignored",
            Outcome::Duplicate => "duplicate",
            Outcome::Challenge => "challenge",
            Outcome::Unavailable => "unavailable",
        }
    }
}

fn count(route: &'static str, outcome: &'static str) {
    metrics::counter!("baton_ingress_slack_requests_total", "route" => route, "outcome" => outcome)
        .increment(1);
}

/// The answer for `outcome` on `route` (a `url_verification` answers itself).
fn answer(route: &'static str, outcome: Outcome) -> Response {
    count(route, outcome.as_str());
    match outcome {
        Outcome::Unavailable => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        _ => StatusCode::OK.into_response(),
    }
}

/// Verifies the request; `None` (answer [`unauthorized`]) when it does not verify.
fn verified(
    s: &AppState,
    route: &'static str,
    headers: &HeaderMap,
    body: Bytes,
) -> Option<SlackBody> {
    let secret = &s
        .config
        .slack
        .as_ref()
        .expect("routes mounted only with Slack")
        .signing_secret;
    let h = |name: &str| headers.get(name).map(|v| v.as_bytes());
    let now = now_ms() / 1000;
    verify::verify(
        secret,
        h("x-slack-request-timestamp"),
        h("x-slack-signature"),
        body,
        now,
    )
    .map_err(|e: SlackSignatureError| {
        tracing::warn!(route, reason = %e, "Slack request refused");
        count(route, "unauthorized");
    })
    .ok()
}

/// 401: the request did not verify; nothing was done.
fn unauthorized() -> Response {
    (StatusCode::UNAUTHORIZED, "invalid Slack signature").into_response()
}

/// The configured handoff channel.
fn channel(s: &AppState) -> &str {
    s.config.slack.as_ref().map_or("", |c| c.channel.as_str())
}

/// A Slack user id as Slack writes them (`U…`/`W…`, upper-case letters and digits).
fn user_id(v: &Value) -> Option<&str> {
    v.as_str().filter(|u| {
        u.len() > 1
            && u.starts_with(['U', 'W'])
            && u.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    })
}

/// The conversation of the alert `(channel, ts)`, as events carry it.
async fn conversation_of(
    s: &AppState,
    channel: &str,
    ts: &str,
) -> Result<Option<(String, Conversation)>, Outcome> {
    let (redis, keys) = (&s.console.redis, &s.console.keys);
    let Some(key) = baton_shared::state::slack::conversation_of(redis, keys, channel, ts)
        .await
        .map_err(|e| unavailable("thread lookup", e))?
    else {
        return Ok(None);
    };
    let state = conversation::get(redis, keys, &key)
        .await
        .map_err(|e| unavailable("conversation", e))?;
    let Some((number, customer)) = key.split_once(':') else {
        return Ok(None);
    };
    let conv = Conversation {
        number: number.to_owned(),
        customer: customer.to_owned(),
        wa_id: state.wa_id,
        user_id: state.user_id,
        name: state.name,
    };
    Ok(Some((key, conv)))
}

fn unavailable(what: &str, e: impl std::fmt::Display) -> Outcome {
    tracing::warn!(error = %e, what, "Slack request not taken");
    Outcome::Unavailable
}

/// One command from Slack: who, what, about which conversation, with which id.
pub struct SlackCommand {
    pub key: String,
    pub conversation: Conversation,
    pub agent: String,
    pub command: Command,
    pub id: String,
    /// Kept on the event's item as `slack` (e.g. the click's `response_url`).
    pub origin: Value,
}

/// Publishes `c` (unless the worker already recorded its outcome: a retry of a request that
/// was published) and changes the owner at once for a claim or a reply.
async fn publish(s: &AppState, c: SlackCommand) -> Outcome {
    let (redis, keys) = (&s.console.redis, &s.console.keys);
    match baton_shared::state::command::get(redis, keys, &c.id).await {
        Ok(Some(_)) => return Outcome::Duplicate,
        Ok(None) => {}
        Err(e) => return unavailable("outcome", e),
    }
    if let Err(e) = presence::touch(redis, keys, &c.agent).await {
        tracing::warn!(error = %e, "could not record the Slack agent's presence");
    }
    if matches!(c.command, Command::Reply { .. })
        && let Err(e) = activity::touch(redis, keys, &c.key, now_ms()).await
    {
        tracing::warn!(error = %e, "could not record the activity at once; the worker will");
    }
    let mut event = Event::command(&c.command, c.conversation, &c.agent, c.id.clone());
    event.item["slack"] = c.origin;
    if let Err(e) = s
        .publisher
        .publish_event(&event, telemetry::inject_current())
        .await
    {
        return unavailable("publish", e);
    }
    let transition = match c.command {
        Command::Claim => Transition::Claim,
        Command::Reply { .. } => Transition::Takeover,
        _ => return Outcome::Published,
    };
    let req = Request {
        transition,
        agent: Some(&c.agent),
        reason: None,
        summary: None,
        cause: &c.id,
    };
    match transition::apply(redis, keys, &c.key, &req).await {
        Ok(applied) => tracing::debug!(?applied, "owner changed at once"),
        Err(e) => tracing::warn!(error = %e, "could not change the owner at once; the worker will"),
    }
    tracing::info!(command = event.kind.as_str(), agent = %c.agent, customer = %telemetry::mask(&event.conversation.customer), "Slack command published");
    Outcome::Published
}
