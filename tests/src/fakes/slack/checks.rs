//! Spec checks of the fake Slack Web API: the bodies of `chat.postMessage` (§2) and
//! `chat.update` (§3), Block Kit limits (§4.1) and mrkdwn escaping ([`super::mrkdwn`]).
//!
//! Each check returns a [`Verdict`]: the problems found (recorded as violations) and, when the
//! real Slack would refuse the call, the error code it would answer with (`no_text`,
//! `invalid_blocks`, …). Checks that need the fake's memory (known `ts`, block ids of the
//! previous version) live in [`super`]. Pure functions; nothing here panics on bad input.

use serde_json::{Map, Value};

use super::blocks::check_blocks;
use super::mrkdwn;

/// Problems with one call, and the error Slack would refuse it with, if any.
#[derive(Default, Debug)]
pub struct Verdict {
    pub problems: Vec<String>,
    pub error: Option<&'static str>,
}

impl Verdict {
    pub fn problem(&mut self, p: impl Into<String>) {
        self.problems.push(p.into());
    }

    /// Records a problem Slack refuses with `error`; the first refusal wins.
    pub fn refuse(&mut self, error: &'static str, p: impl Into<String>) {
        self.problems.push(p.into());
        self.error.get_or_insert(error);
    }
}

/// Slack's message id: seconds, a dot, six digits (`"1718000000.123456"`).
pub fn is_ts(s: &str) -> bool {
    let (secs, micros) = s.split_once('.').unwrap_or_default();
    !secs.is_empty()
        && secs.bytes().all(|b| b.is_ascii_digit())
        && micros.len() == 6
        && micros.bytes().all(|b| b.is_ascii_digit())
}

/// `chat.postMessage` (§2.1), without what needs the fake's memory.
pub fn post_message(m: &Map<String, Value>) -> Verdict {
    let mut v = Verdict::default();
    channel(m, &mut v);
    content(m, &mut v);
    if let Some(t) = m.get("thread_ts") {
        ts_field(t, "thread_ts", "invalid_thread_ts", &mut v);
    }
    if m.contains_key("reply_broadcast") && !m.contains_key("thread_ts") {
        v.problem("reply_broadcast without thread_ts");
    }
    for flag in ["reply_broadcast", "unfurl_links", "unfurl_media", "mrkdwn"] {
        if m.get(flag).is_some_and(|x| !x.is_boolean()) {
            v.problem(format!("{flag} must be a boolean"));
        }
    }
    v
}

/// `chat.update` (§3), without what needs the fake's memory.
pub fn update(m: &Map<String, Value>) -> Verdict {
    let mut v = Verdict::default();
    channel(m, &mut v);
    match m.get("ts") {
        Some(t) => ts_field(t, "ts", "message_not_found", &mut v),
        None => v.refuse("message_not_found", "chat.update without ts"),
    }
    if m.contains_key("thread_ts") {
        v.problem("thread_ts is not a chat.update argument (a message cannot move)");
    }
    content(m, &mut v);
    v
}

/// A `response_url` body (§6.3): message fields, `response_type` and the `*_original` flags.
pub fn response(m: &Map<String, Value>) -> Verdict {
    let mut v = Verdict::default();
    if let Some(t) = m.get("response_type")
        && !matches!(t.as_str(), Some("ephemeral" | "in_channel"))
    {
        let what = format!("response_type must be ephemeral or in_channel, got {t}");
        v.refuse("invalid_arguments", what);
    }
    for flag in ["replace_original", "delete_original"] {
        if m.get(flag).is_some_and(|x| !x.is_boolean()) {
            v.problem(format!("{flag} must be a boolean"));
        }
    }
    if m.get("delete_original") != Some(&Value::Bool(true)) {
        content(m, &mut v);
    }
    v
}

/// `channel` is required and should be an id (`C…`, `G…`, `D…`), not a name.
fn channel(m: &Map<String, Value>, v: &mut Verdict) {
    match m.get("channel").and_then(Value::as_str) {
        None | Some("") => v.refuse("channel_not_found", "channel missing"),
        Some(c) if !is_channel_id(c) => {
            v.problem(format!(
                "channel {c:?} is not a channel id (prefer ids, §2.1)"
            ));
        }
        Some(_) => {}
    }
}

pub fn is_channel_id(c: &str) -> bool {
    c.len() > 2
        && c.starts_with(['C', 'G', 'D'])
        && c.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// A `ts`-like argument: a string of the `ts` shape (never a float, §2.2).
fn ts_field(t: &Value, name: &str, error: &'static str, v: &mut Verdict) {
    match t.as_str() {
        Some(s) if is_ts(s) => {}
        Some(s) => v.refuse(error, format!("{name} {s:?} is not a Slack ts")),
        None => v.refuse(error, format!("{name} must be a string, got {t}")),
    }
}

/// `text`, `blocks`, `markdown_text` and the escaping of every mrkdwn text.
fn content(m: &Map<String, Value>, v: &mut Verdict) {
    let text = m.get("text");
    let blocks = m.get("blocks");
    if m.contains_key("markdown_text") && (text.is_some() || blocks.is_some()) {
        v.refuse(
            "markdown_text_conflict",
            "markdown_text cannot be combined with text or blocks",
        );
    }
    match text {
        Some(Value::String(t)) if !t.trim().is_empty() => {
            if t.chars().count() > 40_000 {
                v.problem("text over 40,000 characters (Slack truncates it)");
            }
            if m.get("mrkdwn") != Some(&Value::Bool(false)) {
                v.problems.extend(mrkdwn::problems(t, "text"));
            }
        }
        Some(t) if !t.is_string() => v.refuse("invalid_arguments", "text must be a string"),
        _ if blocks.is_some() => v.problem("blocks without text: always send text (§2.1, §4.2)"),
        _ if m.contains_key("markdown_text") => {}
        _ => v.refuse("no_text", "neither text nor blocks"),
    }
    if let Some(b) = blocks {
        check_blocks(b, v);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn post(body: Value) -> Verdict {
        post_message(body.as_object().unwrap())
    }

    #[test]
    fn the_spec_examples_pass() {
        let reply = json!({"channel": "C0HANDOFF1", "thread_ts": "1718000000.123456",
            "text": ":speech_balloon: *Customer:* Is anyone there?",
            "unfurl_links": false, "unfurl_media": false});
        let v = post(reply);
        assert!(v.problems.is_empty() && v.error.is_none(), "{v:?}");
        let update = json!({"channel": "C0HANDOFF1", "ts": "1718000000.123456",
            "text": "Handoff claimed by Ana",
            "blocks": [
                {"type": "section", "block_id": "summary_v2",
                 "text": {"type": "mrkdwn", "text": "*Claimed by <@U0AGENT01>* · refund"}},
                {"type": "actions", "block_id": "handoff_actions_v2", "elements": [
                    {"type": "button", "action_id": "handoff_release", "value": "conv_8f2c",
                     "text": {"type": "plain_text", "text": "Release to AI"}}]}]});
        let v = update_of(update);
        assert!(v.problems.is_empty() && v.error.is_none(), "{v:?}");
    }

    /// The alert of §4.2, verbatim.
    #[test]
    fn the_spec_alert_passes() {
        let alert = json!({
          "channel": "C0HANDOFF1",
          "text": "Human needed: refund request in conversation conv_8f2c",
          "unfurl_links": false,
          "blocks": [
            { "type": "header", "block_id": "hdr_v1",
              "text": { "type": "plain_text", "text": "Human needed: refund request" } },
            { "type": "section", "block_id": "summary_v1",
              "text": { "type": "mrkdwn",
                "text": "*Summary:* Customer says order 7781 arrived damaged and asks for a refund. The AI cannot approve refunds above the policy limit." } },
            { "type": "section", "block_id": "fields_v1",
              "fields": [
                { "type": "mrkdwn", "text": "*Customer*\nMaria S." },
                { "type": "mrkdwn", "text": "*WhatsApp*\n+49 151 •••• 0420" },
                { "type": "mrkdwn", "text": "*Reason*\nrefund_over_limit" },
                { "type": "mrkdwn", "text": "*Waiting since*\n10:13 UTC" }
              ] },
            { "type": "context", "block_id": "ctx_v1",
              "elements": [
                { "type": "mrkdwn", "text": "Conversation `conv_8f2c` · 14 messages · handled by AI so far" }
              ] },
            { "type": "actions", "block_id": "handoff_actions_v1",
              "elements": [
                { "type": "button", "action_id": "handoff_claim", "style": "primary",
                  "text": { "type": "plain_text", "text": "Claim" }, "value": "conv_8f2c" },
                { "type": "button", "action_id": "handoff_release",
                  "text": { "type": "plain_text", "text": "Release to AI" }, "value": "conv_8f2c",
                  "confirm": {
                    "title":   { "type": "plain_text", "text": "Release to AI?" },
                    "text":    { "type": "mrkdwn", "text": "The AI will reply to the customer again." },
                    "confirm": { "type": "plain_text", "text": "Release" },
                    "deny":    { "type": "plain_text", "text": "Cancel" } } }
              ] }
          ]
        });
        let v = post(alert);
        assert!(v.problems.is_empty() && v.error.is_none(), "{v:?}");
    }

    fn update_of(body: Value) -> Verdict {
        update(body.as_object().unwrap())
    }

    #[test]
    fn broken_calls_are_refused_like_slack() {
        let cases = [
            (
                json!({"channel": "C1X", "thread_ts": 1718000000.1, "text": "x"}),
                "invalid_thread_ts",
            ),
            (json!({"channel": "C1X"}), "no_text"),
            (json!({"text": "x"}), "channel_not_found"),
            (
                json!({"channel": "C1X", "text": "x", "blocks": {}}),
                "invalid_blocks_format",
            ),
            (
                json!({"channel": "C1X", "text": "x", "blocks": [{"type": "header",
                "text": {"type": "mrkdwn", "text": "h"}}]}),
                "invalid_blocks",
            ),
            (
                json!({"channel": "C1X", "text": "x", "blocks": [{"type": "actions", "elements": [
                    {"type": "button", "text": {"type": "plain_text", "text": "a"}, "action_id": "a"},
                    {"type": "button", "text": {"type": "plain_text", "text": "b"}, "action_id": "a"}
                ]}]}),
                "invalid_blocks",
            ),
            (
                json!({"channel": "C1X", "text": "x", "markdown_text": "y"}),
                "markdown_text_conflict",
            ),
        ];
        for (body, error) in cases {
            assert_eq!(post(body.clone()).error, Some(error), "{body}");
        }
        assert_eq!(
            update_of(json!({"channel": "C1X", "text": "x"})).error,
            Some("message_not_found")
        );
    }

    #[test]
    fn soft_problems_are_recorded_without_refusal() {
        let v = post(
            json!({"channel": "#handoff", "blocks": [{"type": "divider"}],
            "reply_broadcast": true}),
        );
        assert_eq!(v.error, None);
        let all = v.problems.join("\n");
        for want in [
            "not a channel id",
            "always send text",
            "reply_broadcast without",
        ] {
            assert!(all.contains(want), "{want}: {all}");
        }
        let v = post(
            json!({"channel": "C1X", "text": "x", "blocks": [{"type": "section",
            "text": {"type": "mrkdwn", "text": "Customer: <!channel> help"}}]}),
        );
        assert!(
            v.problems
                .iter()
                .any(|p| p.contains("blocks[0]: special mention")),
            "{v:?}"
        );
    }
}
