//! What Slack sends Baton, shaped like `../shared/specs/slack.md` §5.1–§5.4 and §6.2:
//! [`MessageEvent`] (a human's thread reply or a bot's message, wrapped in an
//! `event_callback` envelope), [`url_verification`], and [`BlockAction`] (a button click,
//! sent form-encoded by [`super::SlackRequest::interaction`]).
//!
//! Defaults are the test workspace's ids from [`super`]; every event gets a fresh `event_id`
//! and a `ts` later than any handed out before in this process, so events built one after the
//! other are ordered like Slack orders them. Builders never panic.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::{AGENT, APP_ID, BOT_ID, BOT_USER_ID, CHANNEL, TEAM_ID};

/// A `ts` (`secs.micros`) later than every `ts` this function returned before.
pub fn next_ts() -> String {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
        .unwrap_or_default();
    let prev = LAST.fetch_max(now, Ordering::SeqCst);
    let us = if now > prev {
        now
    } else {
        LAST.fetch_add(1, Ordering::SeqCst) + 1
    };
    format!("{}.{:06}", us / 1_000_000, us % 1_000_000)
}

/// A `message` event in a channel (§5.3); see [`MessageEvent::callback`] for the envelope.
#[derive(Debug, Clone)]
pub struct MessageEvent {
    pub channel: String,
    /// The author; `None` for a classic `bot_message` without a user.
    pub user: Option<String>,
    pub text: String,
    pub ts: String,
    /// The parent's `ts` for a thread reply.
    pub thread_ts: Option<String>,
    pub bot_id: Option<String>,
    pub subtype: Option<String>,
    /// Set by Slack's clients on human messages.
    pub client_msg_id: Option<String>,
    /// Stable across Slack's retries of the same delivery.
    pub event_id: String,
    pub event_time: i64,
}

impl MessageEvent {
    /// Human agent `user` replies `text` in the thread of the alert `thread_ts`.
    pub fn reply(thread_ts: &str, user: &str, text: &str) -> MessageEvent {
        let ts = next_ts();
        let event_time = ts
            .split('.')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or_default();
        MessageEvent {
            channel: CHANNEL.into(),
            user: Some(user.into()),
            text: text.into(),
            ts,
            thread_ts: Some(thread_ts.into()),
            bot_id: None,
            subtype: None,
            client_msg_id: Some(uuid::Uuid::new_v4().to_string()),
            event_id: format!("Ev{}", uuid::Uuid::new_v4().simple()).to_uppercase(),
            event_time,
        }
    }

    /// [`MessageEvent::reply`] by the default agent [`AGENT`].
    pub fn agent_reply(thread_ts: &str, text: &str) -> MessageEvent {
        MessageEvent::reply(thread_ts, AGENT, text)
    }

    /// Baton's own post coming back (a modern bot-token post: `bot_id` and the bot user, no
    /// subtype, §5.4, marked unconfirmed there); Baton must drop it.
    pub fn own_post(thread_ts: &str, text: &str) -> MessageEvent {
        let mut m = MessageEvent::reply(thread_ts, BOT_USER_ID, text);
        m.bot_id = Some(BOT_ID.into());
        m.client_msg_id = None;
        m
    }

    /// Another bot's `bot_message` (subtype, `bot_id`, no user) in the thread.
    pub fn bot_message(thread_ts: &str, bot_id: &str, text: &str) -> MessageEvent {
        let mut m = MessageEvent::reply(thread_ts, AGENT, text);
        m.user = None;
        m.bot_id = Some(bot_id.into());
        m.client_msg_id = None;
        m.subtype = Some("bot_message".into());
        m
    }

    /// With a subtype (e.g. `message_changed`, `thread_broadcast`).
    pub fn with_subtype(mut self, subtype: &str) -> MessageEvent {
        self.subtype = Some(subtype.into());
        self
    }

    /// With this `event_id` (e.g. the same id twice, as Slack's retries send it).
    pub fn with_event_id(mut self, event_id: &str) -> MessageEvent {
        self.event_id = event_id.into();
        self
    }

    /// With this `event_time` (Unix seconds).
    pub fn with_event_time(mut self, event_time: i64) -> MessageEvent {
        self.event_time = event_time;
        self
    }

    /// In this channel.
    pub fn in_channel(mut self, channel: &str) -> MessageEvent {
        self.channel = channel.into();
        self
    }

    /// The inner `event` object.
    pub fn event(&self) -> Value {
        let mut e = json!({"type": "message", "channel": self.channel,
            "channel_type": "channel", "text": self.text, "ts": self.ts, "event_ts": self.ts});
        let optional = [
            ("user", &self.user),
            ("thread_ts", &self.thread_ts),
            ("bot_id", &self.bot_id),
            ("subtype", &self.subtype),
            ("client_msg_id", &self.client_msg_id),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                e[key] = json!(v);
            }
        }
        if self.thread_ts.is_some() {
            e["parent_user_id"] = json!(BOT_USER_ID);
        }
        if self.bot_id.is_some() {
            e["app_id"] = json!(APP_ID);
        }
        e
    }

    /// The `event_callback` envelope Slack posts (§5.2).
    pub fn callback(&self) -> Value {
        json!({
            "token": "legacyVerificationToken",
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "type": "event_callback",
            "event_id": self.event_id,
            "event_time": self.event_time,
            "authorizations": [{"enterprise_id": null, "team_id": TEAM_ID,
                "user_id": BOT_USER_ID, "is_bot": true, "is_enterprise_install": false}],
            "is_ext_shared_channel": false,
            "event": self.event(),
        })
    }
}

/// The `url_verification` handshake (§5.1): not wrapped in an envelope.
pub fn url_verification(challenge: &str) -> Value {
    json!({"token": "legacyVerificationToken", "challenge": challenge,
        "type": "url_verification"})
}

/// A button click on a message (§6.2).
#[derive(Debug, Clone)]
pub struct BlockAction {
    /// Who clicked.
    pub user: String,
    pub action_id: String,
    pub value: String,
    /// The clicked message (the alert).
    pub message_ts: String,
    pub channel: String,
    pub block_id: String,
    pub action_ts: String,
    pub response_url: String,
}

impl BlockAction {
    /// `user` clicks the button `action_id` carrying `value` on the alert `message_ts`.
    pub fn click(user: &str, action_id: &str, value: &str, message_ts: &str) -> BlockAction {
        BlockAction {
            user: user.into(),
            action_id: action_id.into(),
            value: value.into(),
            message_ts: message_ts.into(),
            channel: CHANNEL.into(),
            block_id: "handoff_actions_v1".into(),
            action_ts: next_ts(),
            response_url: "https://hooks.slack.com/actions/T0TEAM001/1/fake".into(),
        }
    }

    /// Where Baton may answer the click (e.g. [`crate::fakes::slack::FakeSlack::response_url`]).
    pub fn with_response_url(mut self, url: &str) -> BlockAction {
        self.response_url = url.into();
        self
    }

    /// The decoded `block_actions` payload.
    pub fn payload(&self) -> Value {
        let name = self.user.to_lowercase();
        json!({
            "type": "block_actions",
            "user": {"id": self.user, "username": name, "name": name, "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "legacyVerificationToken",
            "container": {"type": "message", "message_ts": self.message_ts,
                "channel_id": self.channel, "is_ephemeral": false},
            "trigger_id": format!("{}.1234567890.{}", self.action_ts.replace('.', ""),
                uuid::Uuid::new_v4().simple()),
            "team": {"id": TEAM_ID, "domain": "baton-test"},
            "enterprise": null,
            "is_enterprise_install": false,
            "channel": {"id": self.channel, "name": "whatsapp-handoff"},
            "message": {"type": "message", "ts": self.message_ts, "bot_id": BOT_ID,
                "text": "Human needed", "blocks": []},
            "response_url": self.response_url,
            "actions": [{"type": "button", "action_id": self.action_id,
                "block_id": self.block_id, "text": {"type": "plain_text", "text": "Claim"},
                "value": self.value, "action_ts": self.action_ts}],
            "state": {"values": {}},
        })
    }
}

/// The interactivity form body: `payload=` and the URL-encoded compact JSON (§6.1).
pub fn form_body(payload: &Value) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("payload", &payload.to_string())
        .finish()
}

/// The JSON of a form body's `payload` field, as Baton must decode it (§6.1).
pub fn decode_form_body(body: &[u8]) -> Option<Value> {
    let (_, payload) = form_urlencoded::parse(body).find(|(k, _)| k == "payload")?;
    serde_json::from_str(&payload).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_reply_has_the_spec_shape() {
        let a = MessageEvent::agent_reply("1718000000.123456", "Refund issued");
        let b = MessageEvent::agent_reply("1718000000.123456", "Anything else?");
        let cb = a.callback();
        assert_eq!(cb["type"], "event_callback");
        assert_eq!(cb["api_app_id"], APP_ID);
        assert_eq!(cb["event"]["user"], AGENT);
        assert_eq!(cb["event"]["thread_ts"], "1718000000.123456");
        assert!(cb["event"].get("bot_id").is_none() && cb["event"].get("subtype").is_none());
        assert_ne!(cb["event"]["ts"], cb["event"]["thread_ts"]);
        assert!(a.ts < b.ts && a.event_id != b.event_id, "{a:?} {b:?}");
        assert!(a.event_id.starts_with("EV"));
    }

    #[test]
    fn bot_messages_carry_bot_id() {
        let own = MessageEvent::own_post("1.000001", "mirror").event();
        assert_eq!(
            (own["bot_id"].as_str(), own["user"].as_str()),
            (Some(BOT_ID), Some(BOT_USER_ID))
        );
        let other = MessageEvent::bot_message("1.000001", "B0OTHER01", "x").event();
        assert_eq!(other["subtype"], "bot_message");
        assert!(other.get("user").is_none());
    }

    #[test]
    fn a_click_round_trips_through_the_form_body() {
        let click = BlockAction::click(AGENT, "handoff_claim", "conv_8f2c", "1718000000.123456");
        let body = form_body(&click.payload());
        assert!(body.starts_with("payload=%7B"), "{body}");
        let back = decode_form_body(body.as_bytes()).unwrap_or_default();
        assert_eq!(back["type"], "block_actions");
        assert_eq!(back["actions"][0]["action_id"], "handoff_claim");
        assert_eq!(back["actions"][0]["value"], "conv_8f2c");
        assert_eq!(back["container"]["message_ts"], "1718000000.123456");
        assert_eq!(back["user"]["id"], AGENT);
    }

    #[test]
    fn ts_values_only_grow() {
        let all: Vec<String> = (0..200).map(|_| next_ts()).collect();
        assert!(all.windows(2).all(|w| w[0] < w[1]));
    }
}
