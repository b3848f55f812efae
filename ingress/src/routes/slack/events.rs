//! `POST /slack/events`: the Events API (`../shared/specs/slack.md` §5).
//!
//! - `url_verification` → `{"challenge": …}` (Slack checks the URL with it).
//! - `event_callback` with a `message` in the alert's thread, written by a person → a
//!   `human_reply` command from `slack-<user>` (an implicit takeover, as from the console).
//!   Dropped (§5.4): anything with a `bot_id` (Baton's own thread posts come back this way),
//!   the bot user's own messages, subtypes other than `thread_broadcast` and `file_share`
//!   (edits, deletions, joins…), hidden events, messages outside `SLACK_CHANNEL_ID` or not in a
//!   thread, threads Baton did not start. The command's id is derived from the message's
//!   channel and `ts`, not from the delivery, so every retry and duplicate is the same command.
//!
//! Slack's text is mrkdwn; the customer gets plain text ([`plain`]): links `<url|label>`
//! become `label (url)`, mentions lose their brackets, and `&lt;`/`&gt;`/`&amp;` are
//! unescaped.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use baton_shared::event::{Command, EventKind, command_id};
use baton_shared::state::slack::agent_name;
use bytes::Bytes;
use serde_json::{Value, json};

use super::{
    Outcome, SlackCommand, answer, channel, conversation_of, publish, unauthorized, user_id,
    verified,
};
use crate::AppState;

const ROUTE: &str = "events";
/// Message subtypes that are a person writing (§5.4).
const HUMAN_SUBTYPES: [&str; 2] = ["thread_broadcast", "file_share"];

pub async fn events(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(body) = verified(&s, ROUTE, &headers, body) else {
        return unauthorized();
    };
    let Ok(envelope) = serde_json::from_slice::<Value>(body.bytes()) else {
        tracing::warn!("a signed Slack event that is not JSON; ignored");
        return answer(ROUTE, Outcome::Ignored);
    };
    match envelope["type"].as_str() {
        Some("url_verification") => {
            super::count(ROUTE, Outcome::Challenge.as_str());
            let challenge = envelope["challenge"].as_str().unwrap_or_default();
            Json(json!({ "challenge": challenge })).into_response()
        }
        Some("event_callback") => {
            let retry = headers
                .get("x-slack-retry-num")
                .and_then(|v| v.to_str().ok());
            tracing::debug!(
                retry,
                event_id = envelope["event_id"].as_str(),
                "Slack event"
            );
            answer(ROUTE, on_event(&s, &envelope).await)
        }
        _ => answer(ROUTE, Outcome::Ignored),
    }
}

/// The Slack user who wrote `e`, when it is a person's message in a thread of our channel.
fn human_reply<'a>(s: &AppState, envelope: &'a Value) -> Option<(&'a str, &'a str, &'a str)> {
    let e = &envelope["event"];
    let bot_user = envelope["authorizations"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["is_bot"] == true))
        .and_then(|x| x["user_id"].as_str());
    let subtype_ok = e["subtype"]
        .as_str()
        .is_none_or(|st| HUMAN_SUBTYPES.contains(&st));
    let user = user_id(&e["user"])?;
    let (ts, thread) = (e["ts"].as_str()?, e["thread_ts"].as_str()?);
    let person = e["type"] == "message"
        && e.get("bot_id").is_none_or(Value::is_null)
        && Some(user) != bot_user
        && subtype_ok
        && e["hidden"] != true
        && e["channel"].as_str() == Some(channel(s))
        && ts != thread;
    person.then_some((user, ts, thread))
}

async fn on_event(s: &AppState, envelope: &Value) -> Outcome {
    let Some((user, ts, thread)) = human_reply(s, envelope) else {
        return Outcome::Ignored;
    };
    let text = plain(envelope["event"]["text"].as_str().unwrap_or_default());
    if text.is_empty() {
        return Outcome::Ignored;
    }
    let ch = channel(s);
    let (key, conversation) = match conversation_of(s, ch, thread).await {
        Ok(Some(found)) => found,
        Ok(None) => return Outcome::Ignored,
        Err(o) => return o,
    };
    let agent = agent_name(user);
    let slack_key = format!("slack:{ch}:{ts}");
    let id = command_id(EventKind::HumanReply, &agent, &key, Some(&slack_key));
    let command = SlackCommand {
        key,
        conversation,
        agent,
        command: Command::Reply { text },
        id,
        origin: json!({ "channel": ch, "thread_ts": thread, "ts": ts }),
    };
    publish(s, command).await
}

/// Slack mrkdwn → the plain text the customer reads (see the module doc).
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let inner = &after[..end];
        let (target, label) = match inner.split_once('|') {
            Some((t, l)) => (t, Some(l)),
            None => (inner, None),
        };
        let shown = match (target.chars().next(), label) {
            (Some('@' | '#'), Some(l)) => l.to_owned(),
            (Some('@'), None) => target.to_owned(),
            (Some('#'), None) => target.to_owned(),
            (Some('!'), Some(l)) => l.to_owned(),
            (Some('!'), None) => format!("@{}", &target[1..]),
            (_, Some(l)) if l != target => format!("{l} ({target})"),
            _ => target.trim_start_matches("mailto:").to_owned(),
        };
        out.push_str(&shown);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn mrkdwn_becomes_plain_text() {
        assert_eq!(plain("Refund issued &amp; sent"), "Refund issued & sent");
        assert_eq!(
            plain("see <https://shop.example/o/1|your order> or <https://x.example>"),
            "see your order (https://shop.example/o/1) or https://x.example"
        );
        assert_eq!(plain("ask <@U0AGENT01> &lt;3"), "ask @U0AGENT01 <3");
        assert_eq!(
            plain("<mailto:a@b.example|a@b.example>"),
            "a@b.example (mailto:a@b.example)"
        );
        assert_eq!(plain("5 < 6"), "5 < 6");
        assert_eq!(plain("  "), "");
    }
}
