//! Events for the humans — what the console and Slack show: handoffs with their evidence (and
//! whether anyone was available), handoffs still waiting (re-alerts), customer messages while a human owns the conversation, the AI's unsent drafts, messages
//! that could not be sent or delivered, human commands applied or refused, and every send
//! paused or resumed (the circuit breaker, [`super::breaker`]).
//!
//! One tagged type, [`ConsoleEvent`], one payload shape per kind. Each event is an entry of
//! the Redis stream `{ns}:console` (capped at about [`MAX_LEN`] entries) with the fields
//! `type`, `conversation`, `at_ms` and `data` (the payload as JSON), and `once` when the
//! writer needs to find its entry again; the worker appends ([`emit_parts`], see below), the
//! console reads ([`read`], and [`parse_entry`] for its live `XREAD`). A `send_failed` or
//! `delivery_failed` event also appends to the conversation's failure list
//! ([`super::failures`]).
//!
//! The stream is namespace-wide, so on a Redis Cluster it is in another hash slot than the
//! conversation and the event's journal: it cannot be appended in their `MULTI`. The worker
//! writes an event exactly once in steps instead (`worker::conversation::effects`): the
//! conversation's part with a *pending* journal mark in one `MULTI`, then the `XADD` carrying a
//! `once` token, then the final mark; a retry that finds the pending mark looks for its token
//! among the entries appended since ([`appended_since`]) before appending.
//! The AI's unsent drafts are kept per conversation in `{ns}:drafts:{key}` ([`drafts`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::failures::{self, Failure};
use super::{HandoffReason, Owner, Speaker, Unavailable};
use crate::event::now_ms;
use crate::redis::{Keys, Pool, RedisError};

/// Entries the stream keeps, about.
pub const MAX_LEN: usize = 10_000;

/// A human command that applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandApplied {
    pub event_id: String,
    pub agent: String,
    pub owner: Owner,
    pub version: u64,
    #[serde(default)]
    pub note: Option<String>,
}

/// One event for the humans.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum ConsoleEvent {
    /// Baton handed the conversation off: why, and on what evidence.
    Handoff {
        event_id: String,
        reason: HandoffReason,
        summary: String,
        /// The detector's matched words, the model's `hand_off_to_human` call, or the failure.
        #[serde(default)]
        evidence: Option<String>,
        #[serde(default)]
        version: Option<u64>,
        /// Set when nobody was available (outside business hours, or no agent online).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unavailable: Option<Unavailable>,
    },
    /// A handoff still waits for a human: re-alerted once per `HANDOFF_REALERT_AFTER`.
    HandoffWaiting {
        event_id: String,
        /// When it was handed off (ms).
        since_ms: i64,
        waiting_ms: i64,
        /// Which re-alert this is (1, 2, …): one per interval waited.
        alert: u32,
        /// The handoff's reason.
        #[serde(default)]
        reason: Option<HandoffReason>,
    },
    /// A customer wrote while a human owns the conversation (the AI stays silent).
    CustomerMessage {
        event_id: String,
        text: String,
        owner: Owner,
        #[serde(default)]
        agent: Option<String>,
    },
    /// An AI reply not sent because the owner changed mid-turn: a suggestion for the human.
    Draft {
        event_id: String,
        text: String,
    },
    /// A message Baton or a human wanted to send was refused (Graph, or the closed window).
    SendFailed {
        event_id: String,
        role: Speaker,
        #[serde(default)]
        agent: Option<String>,
        text: String,
        #[serde(default)]
        code: Option<i64>,
        error: String,
        window_closed: bool,
    },
    /// Meta reported a sent message as failed.
    DeliveryFailed {
        wamid: String,
        #[serde(default)]
        role: Option<Speaker>,
        errors: Value,
    },
    /// A human command that does not apply to the conversation as it is.
    CommandRefused {
        event_id: String,
        command: String,
        agent: String,
        /// Why (a `state::command::Refusal`), when the worker said.
        #[serde(default)]
        reason: Option<String>,
    },
    HumanClaim(CommandApplied),
    HumanTakeover(CommandApplied),
    HumanRelease(CommandApplied),
    /// WhatsApp refused a send with an account-level error (131048, 368, 131031, 131042, 190,
    /// 0): every send is paused until an operator resumes them (`worker sends resume`). The
    /// conversation is the one whose send opened the breaker; nothing is dropped meanwhile.
    SendsPaused {
        event_id: String,
        #[serde(default)]
        code: Option<i64>,
        error: String,
    },
    /// An operator resumed sending; the replies that waited go out now.
    SendsResumed {
        by: String,
        /// When the pause began (ms).
        paused_since_ms: i64,
    },
}

impl ConsoleEvent {
    /// The stream's `type` field.
    pub fn kind(&self) -> &'static str {
        match self {
            ConsoleEvent::Handoff { .. } => "handoff",
            ConsoleEvent::HandoffWaiting { .. } => "handoff_waiting",
            ConsoleEvent::CustomerMessage { .. } => "customer_message",
            ConsoleEvent::Draft { .. } => "draft",
            ConsoleEvent::SendFailed { .. } => "send_failed",
            ConsoleEvent::DeliveryFailed { .. } => "delivery_failed",
            ConsoleEvent::CommandRefused { .. } => "command_refused",
            ConsoleEvent::HumanClaim(_) => "human_claim",
            ConsoleEvent::HumanTakeover(_) => "human_takeover",
            ConsoleEvent::HumanRelease(_) => "human_release",
            ConsoleEvent::SendsPaused { .. } => "sends_paused",
            ConsoleEvent::SendsResumed { .. } => "sends_resumed",
        }
    }

    /// The stream's `data` field.
    pub fn data(&self) -> Value {
        let mut v = serde_json::to_value(self).expect("console events serialise");
        v.get_mut("data").map(Value::take).unwrap_or(Value::Null)
    }

    /// Reads an event back from its `type` and `data` fields.
    pub fn from_parts(kind: &str, data: &str) -> Option<ConsoleEvent> {
        let data: Value = serde_json::from_str(data).ok()?;
        serde_json::from_value(serde_json::json!({ "type": kind, "data": data })).ok()
    }
}

/// The commands appending `event` about `conversation` (a plain pipeline: the conversation's
/// part, then the `XADD`; failure events also feed the failure list).
pub fn emit_cmd(keys: &Keys, conversation: &str, event: &ConsoleEvent) -> redis::Pipeline {
    let (mut pipe, xadd) = emit_parts(keys, conversation, event, None);
    pipe.add_command(xadd).ignore();
    pipe
}

/// The two parts of appending `event` about `conversation`: the commands on the
/// conversation's own keys (its failure list, for failure events; possibly empty), and the
/// `XADD` to the stream, carrying `once` when given (see the module doc).
pub fn emit_parts(
    keys: &Keys,
    conversation: &str,
    event: &ConsoleEvent,
    once: Option<&str>,
) -> (redis::Pipeline, redis::Cmd) {
    let mut pipe = redis::pipe();
    let at_ms = now_ms();
    if let Some(f) = Failure::from_event(event, at_ms) {
        failures::push_cmd(&mut pipe, keys, conversation, &f);
    }
    let mut xadd = redis::cmd("XADD");
    xadd.arg(keys.console())
        .arg("MAXLEN")
        .arg("~")
        .arg(MAX_LEN)
        .arg("*")
        .arg("type")
        .arg(event.kind())
        .arg("conversation")
        .arg(conversation)
        .arg("at_ms")
        .arg(at_ms)
        .arg("data")
        .arg(event.data().to_string());
    if let Some(once) = once {
        xadd.arg("once").arg(once);
    }
    (pipe, xadd)
}

/// True when an entry carrying `once` was appended to the stream at or after `since_ms` (read
/// in pages of 500; a retry looks moments after the attempt it resumes).
pub async fn appended_since(
    pool: &Pool,
    keys: &Keys,
    since_ms: i64,
    once: &str,
) -> Result<bool, RedisError> {
    let mut start = since_ms.max(0).to_string();
    let mut c = pool.get().await?;
    loop {
        let raw: Vec<(String, Vec<String>)> = redis::cmd("XRANGE")
            .arg(keys.console())
            .arg(&start)
            .arg("+")
            .arg("COUNT")
            .arg(500)
            .query_async(&mut *c)
            .await?;
        let found = raw.iter().any(|(_, fields)| {
            fields
                .chunks(2)
                .any(|p| p.len() == 2 && p[0] == "once" && p[1] == once)
        });
        if found {
            return Ok(true);
        }
        match raw.last() {
            Some((id, _)) if raw.len() == 500 => start = format!("({id}"),
            _ => return Ok(false),
        }
    }
}

/// One entry of the feed.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedEntry {
    /// The stream id (for "everything after this").
    pub id: String,
    pub conversation: String,
    pub at_ms: i64,
    pub event: ConsoleEvent,
}

/// Up to `count` entries after the stream id `after` (`"-"` for the oldest); entries of
/// kinds this build does not know are skipped.
pub async fn read(
    pool: &Pool,
    keys: &Keys,
    after: &str,
    count: usize,
) -> Result<Vec<FeedEntry>, RedisError> {
    let start = if after == "-" {
        "-".to_owned()
    } else {
        format!("({after}")
    };
    let mut c = pool.get().await?;
    let raw: Vec<(String, Vec<String>)> = redis::cmd("XRANGE")
        .arg(keys.console())
        .arg(start)
        .arg("+")
        .arg("COUNT")
        .arg(count.max(1))
        .query_async(&mut *c)
        .await?;
    Ok(raw
        .into_iter()
        .filter_map(|(id, fields)| parse_entry(id, &fields))
        .collect())
}

/// Reads one stream entry (its id and flat field list); `None` for kinds this build does not
/// know or a malformed entry.
pub fn parse_entry(id: String, fields: &[String]) -> Option<FeedEntry> {
    let get = |k: &str| {
        fields
            .chunks(2)
            .find(|p| p.len() == 2 && p[0] == k)
            .map(|p| p[1].clone())
    };
    Some(FeedEntry {
        event: ConsoleEvent::from_parts(&get("type")?, &get("data")?)?,
        conversation: get("conversation")?,
        at_ms: get("at_ms").and_then(|v| v.parse().ok()).unwrap_or(0),
        id,
    })
}

/// The AI's unsent drafts of a conversation, newest first (the worker keeps up to 20).
pub async fn drafts(
    pool: &Pool,
    keys: &Keys,
    conversation: &str,
) -> Result<Vec<String>, RedisError> {
    let mut c = pool.get().await?;
    Ok(redis::cmd("LRANGE")
        .arg(keys.drafts(conversation))
        .arg(0)
        .arg(-1)
        .query_async(&mut *c)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_through_their_stream_fields() {
        let events = [
            ConsoleEvent::Handoff {
                event_id: "e1".into(),
                reason: HandoffReason::CustomerAsked,
                summary: "wants a person".into(),
                evidence: Some("talk to a person".into()),
                version: Some(3),
                unavailable: Some(Unavailable::Closed {
                    back_at_ms: 1_767_600_000_000,
                    back: "Monday 09:00 (Europe/Lisbon)".into(),
                }),
            },
            ConsoleEvent::HandoffWaiting {
                event_id: "w1".into(),
                since_ms: 1000,
                waiting_ms: 900_000,
                alert: 1,
                reason: Some(HandoffReason::CustomerAsked),
            },
            ConsoleEvent::SendFailed {
                event_id: "e2".into(),
                role: Speaker::Human,
                agent: Some("maria".into()),
                text: "hi".into(),
                code: None,
                error: "window closed".into(),
                window_closed: true,
            },
            ConsoleEvent::HumanRelease(CommandApplied {
                event_id: "e3".into(),
                agent: "maria".into(),
                owner: Owner::Ai,
                version: 4,
                note: Some("reissued".into()),
            }),
            ConsoleEvent::SendsPaused {
                event_id: "e4".into(),
                code: Some(131048),
                error: "spam rate limit".into(),
            },
            ConsoleEvent::SendsResumed {
                by: "ops".into(),
                paused_since_ms: 1000,
            },
        ];
        for e in events {
            let back = ConsoleEvent::from_parts(e.kind(), &e.data().to_string());
            assert_eq!(back.as_ref(), Some(&e), "{}", e.kind());
        }
        assert_eq!(ConsoleEvent::from_parts("slack_reaction", "{}"), None);
    }
}
