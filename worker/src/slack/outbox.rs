//! What Slack must show, recorded by the conversation engine in the same `MULTI` as the
//! console event it comes with (see the parent module): [`for_event`] gives the commands.
//!
//! - A handoff starts a new alert: the conversation's Slack hash is replaced by
//!   `{alert: <handoff event id>, posted: 0}` and its thread lines are cleared, so the next
//!   sync posts a fresh alert (a conversation handed off again gets a new alert and thread).
//! - A customer message while the AI is silent, and a re-alert (shown in the channel too),
//!   append a thread line — only while an alert exists (checked in the same script), so a
//!   conversation a human took over without any handoff collects nothing.
//! - A claim, takeover or release records nothing: the sync sees the new version and updates
//!   the alert.

use baton_shared::redis::Keys;
use baton_shared::state::ConsoleEvent;
use serde::{Deserialize, Serialize};

use super::render;

/// How long a conversation's Slack records are kept.
pub const TTL_SECS: i64 = 30 * 24 * 3600;

/// One line of an alert's thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// mrkdwn, already escaped.
    pub text: String,
    /// Also shown in the channel (`reply_broadcast`).
    #[serde(default)]
    pub broadcast: bool,
}

const PUSH_IF_ALERT: &str = r"
if redis.call('HEXISTS', KEYS[1], 'alert') == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
";

/// The commands recording what `event` means for Slack; `None` when Slack shows nothing of it.
pub fn for_event(keys: &Keys, conv: &str, event: &ConsoleEvent) -> Option<redis::Pipeline> {
    let mut pipe = redis::pipe();
    match event {
        ConsoleEvent::Handoff { event_id, .. } => {
            let (hash, lines) = (keys.slack(conv), keys.slack_lines(conv));
            pipe.del(&hash).ignore().del(&lines).ignore();
            pipe.hset_multiple(&hash, &[("alert", event_id.as_str()), ("posted", "0")])
                .ignore();
            pipe.expire(&hash, TTL_SECS).ignore();
        }
        ConsoleEvent::CustomerMessage { text, .. } => {
            push(
                &mut pipe,
                keys,
                conv,
                &Line {
                    text: render::customer_line(text),
                    broadcast: false,
                },
            );
        }
        ConsoleEvent::HandoffWaiting {
            waiting_ms, alert, ..
        } => push(
            &mut pipe,
            keys,
            conv,
            &Line {
                text: render::waiting_line(*waiting_ms, *alert),
                broadcast: true,
            },
        ),
        ConsoleEvent::HumanClaim(_)
        | ConsoleEvent::HumanTakeover(_)
        | ConsoleEvent::HumanRelease(_) => {}
        _ => return None,
    }
    Some(pipe)
}

/// Adds the command appending `line` to the alert's thread (only while an alert exists).
pub fn push(pipe: &mut redis::Pipeline, keys: &Keys, conv: &str, line: &Line) {
    let json = serde_json::to_string(line).expect("lines serialise");
    pipe.cmd("EVAL")
        .arg(PUSH_IF_ALERT)
        .arg(2)
        .arg(keys.slack(conv))
        .arg(keys.slack_lines(conv))
        .arg(json)
        .arg(TTL_SECS)
        .ignore();
}
