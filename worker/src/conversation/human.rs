//! Commands from the human side (console, Slack, API), arriving as events on the
//! conversation's partition so they are ordered with the customer's messages.
//!
//! - `human_claim`: an agent claims a pending handoff (refused unless `pending_human`).
//! - `human_takeover`: a human takes over from the AI now.
//! - `human_reply`: a human message to the customer; takes over at once if needed. Outside the
//!   24-hour window free-form text cannot be sent: refused and shown (a template is needed).
//! - `human_release`: hands the conversation back to the AI, with an optional note.
//!
//! Every transition is written to the transcript, to memory (the seed's `support-handoff`
//! documents) and to the console. Replies are sent at most once per command id.

use baton_shared::event::{Event, EventKind, now_ms};
use serde_json::json;

use super::state::ownership::{self, Transition};
use super::state::{feed, transcript};
use super::{Engine, send};
use crate::memory::{HandoffEvent, Record};
use crate::pipeline::{StepCx, StepError};

pub async fn on_command(e: &Engine, cx: &StepCx, ev: &Event) -> Result<(), StepError> {
    let agent = ev.item["agent"].as_str().unwrap_or("agent").to_owned();
    match ev.kind {
        EventKind::HumanClaim => transition(e, cx, ev, Transition::Claim, &agent, None)
            .await
            .map(|_| ()),
        EventKind::HumanTakeover => transition(e, cx, ev, Transition::Takeover, &agent, None)
            .await
            .map(|_| ()),
        EventKind::HumanRelease => {
            let note = ev.item["note"].as_str().map(str::to_owned);
            transition(e, cx, ev, Transition::Release, &agent, note.as_deref())
                .await
                .map(|_| ())
        }
        EventKind::HumanReply => reply(e, cx, ev, &agent).await,
        _ => Ok(()),
    }
}

/// Applies a transition and records it; returns whether it applied.
async fn transition(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    t: Transition,
    agent: &str,
    note: Option<&str>,
) -> Result<bool, StepError> {
    let conv = ev.conversation.key();
    let Some(state) =
        ownership::apply(&cx.redis, &cx.keys, &conv, t, Some(agent), None, None).await?
    else {
        let payload = json!({ "event_id": ev.id, "command": ev.kind.as_str(), "agent": agent });
        feed::emit(&cx.redis, &cx.keys, "command_refused", &conv, payload).await?;
        return Ok(false);
    };
    let (event, line) = match t {
        Transition::Claim => (
            HandoffEvent::Claimed,
            format!("Human agent {agent} claimed the conversation."),
        ),
        Transition::Takeover => (
            HandoffEvent::TakenOver,
            format!("Human agent {agent} took over from the AI."),
        ),
        Transition::Release => (
            HandoffEvent::Released,
            match note {
                Some(n) => format!("Human released thread back to AI. Note: {n}"),
                None => "Human released thread back to AI.".to_owned(),
            },
        ),
        Transition::Handoff => return Ok(true),
    };
    let id = format!("{}:{}", ev.id, ev.kind.as_str());
    let mut entry = transcript::Entry::new(id.clone(), "event", line);
    entry.agent = Some(agent.to_owned());
    transcript::append(&cx.redis, &cx.keys, &conv, &entry).await?;
    let record = Record::Handoff {
        id,
        event,
        reason: state.reason.clone(),
        summary: None,
        actor: Some(agent.to_owned()),
        note: note.map(str::to_owned),
        at_ms: now_ms(),
    };
    e.remember(&ev.conversation, record).await?;
    if t == Transition::Release {
        ownership::unresolved(&cx.redis, &cx.keys, &conv, true).await?;
    }
    let payload = json!({ "event_id": ev.id, "agent": agent, "owner": state.owner, "version": state.version, "note": note });
    feed::emit(&cx.redis, &cx.keys, ev.kind.as_str(), &conv, payload).await?;
    Ok(true)
}

async fn reply(e: &Engine, cx: &StepCx, ev: &Event, agent: &str) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    let text = ev.item["text"].as_str().unwrap_or("").trim().to_owned();
    if text.is_empty() {
        return Err(StepError::Permanent("human_reply without text".into()));
    }
    let state = ownership::get(&cx.redis, &cx.keys, &conv).await?;
    if !(state.owner == "human" && state.agent.as_deref() == Some(agent)) {
        transition(e, cx, ev, Transition::Takeover, agent, None).await?;
    }
    if !state.window_open(now_ms()) {
        let payload = json!({ "event_id": ev.id, "agent": agent, "text": text, "window_closed": true,
            "error": "more than 24 hours since the customer's last message: send an approved template" });
        feed::emit(&cx.redis, &cx.keys, "send_failed", &conv, payload).await?;
        return Ok(());
    }
    if !ownership::reserve_reply(&cx.redis, &cx.keys, &ev.id, 8 * 24 * 3600).await? {
        return Ok(());
    }
    match send::deliver(e, cx, ev, &text, None, "human", Some(agent)).await {
        Err(StepError::Transient(m)) => {
            ownership::unreserve_reply(&cx.redis, &cx.keys, &ev.id).await?;
            Err(StepError::Transient(m))
        }
        other => other.map(|_| ()),
    }
}
