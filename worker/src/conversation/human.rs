//! Commands from the human side (console, Slack, API), arriving as events on the
//! conversation's partition so they are ordered with the customer's messages.
//!
//! - `human_claim`: an agent claims a pending handoff (refused unless `pending_human`).
//! - `human_takeover`: a human takes over from the AI now.
//! - `human_reply`: a human message to the customer; takes over at once if needed. Outside the
//!   24-hour window free-form text cannot be sent: refused and shown (a template is needed).
//! - `human_release`: hands the conversation back to the AI, with an optional note.
//!
//! Every transition stores the command that caused it, so a retried command finds its
//! transition applied by itself and resumes the follow-ups — transcript line, the seed's
//! `support-handoff` memory record, the console event — instead of reporting
//! `command_refused` (I8). A refusal (the command does not apply to the conversation as it is)
//! is reported once. A reply's decision (send, or refused because the window closed) is
//! journaled before it acts, and its parts are sent at most once each (`send`). The first
//! reply that reaches the customer after a handoff is timed from the handoff
//! (`baton_worker_first_human_reply_seconds`).

use baton_shared::event::{Event, EventKind, now_ms};
use baton_shared::state::{ConsoleEvent, Owner, Speaker};
use serde::{Deserialize, Serialize};

use super::Engine;
use super::effects::{notify_once, transition_once};
use super::send::{self, Guard, Outgoing, SendProblem};
use super::state::feed::CommandApplied;
use super::state::ownership::{self, Request, Transition};
use super::state::transcript;
use crate::memory::{HandoffEvent, Record, Role};
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

/// Applies a transition (or finds it applied by this event) and records it; returns whether
/// it applied.
async fn transition(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    t: Transition,
    agent: &str,
    note: Option<&str>,
) -> Result<bool, StepError> {
    let conv = ev.conversation.key();
    let req = Request {
        transition: t,
        agent: Some(agent),
        reason: None,
        summary: None,
        cause: &ev.id,
    };
    let Some(state) = transition_once(cx, &conv, &req).await? else {
        let refused = ConsoleEvent::CommandRefused {
            event_id: ev.id.clone(),
            command: ev.kind.as_str().to_owned(),
            agent: agent.to_owned(),
        };
        notify_once(cx, "feed:refused", &conv, refused).await?;
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
    let kind = match t {
        Transition::Claim => EventKind::HumanClaim,
        Transition::Takeover => EventKind::HumanTakeover,
        _ => EventKind::HumanRelease,
    };
    let id = format!("{}:{}", ev.id, kind.as_str());
    let mut entry = transcript::Entry::new(id.clone(), Speaker::Event, line);
    entry.agent = Some(agent.to_owned());
    transcript::append(&cx.redis, &cx.keys, &conv, &entry).await?;
    let record = Record::Handoff {
        id,
        event,
        reason: state.reason.map(|r| r.as_str().to_owned()),
        summary: None,
        actor: Some(agent.to_owned()),
        note: note.map(str::to_owned),
        at_ms: now_ms(),
    };
    e.remember(&ev.conversation, record).await?;
    if t == Transition::Release {
        ownership::unresolved(&cx.redis, &cx.keys, &conv, true).await?;
    }
    let applied = CommandApplied {
        event_id: ev.id.clone(),
        agent: agent.to_owned(),
        owner: state.owner,
        version: state.version,
        note: note.map(str::to_owned),
    };
    let event = match t {
        Transition::Claim => ConsoleEvent::HumanClaim(applied),
        Transition::Takeover => ConsoleEvent::HumanTakeover(applied),
        _ => ConsoleEvent::HumanRelease(applied),
    };
    notify_once(cx, "feed:transition", &conv, event).await?;
    Ok(true)
}

/// A human reply's decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ReplyPlan {
    Send,
    /// More than 24 hours since the customer's last message: free-form text is refused.
    WindowClosed,
}

async fn reply(e: &Engine, cx: &StepCx, ev: &Event, agent: &str) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    let text = ev.item["text"].as_str().unwrap_or("").trim().to_owned();
    if text.is_empty() {
        return Err(StepError::Permanent("human_reply without text".into()));
    }
    let state = ownership::get(&cx.redis, &cx.keys, &conv).await?;
    let owns = state.owner == Owner::Human && state.agent.as_deref() == Some(agent);
    if !owns || cx.journal.is_done("transition").await? {
        transition(e, cx, ev, Transition::Takeover, agent, None).await?;
    }
    let plan = match cx.journal.plan::<ReplyPlan>("plan").await? {
        Some(p) => p,
        None => {
            let p = if state.window_open(now_ms()) {
                ReplyPlan::Send
            } else {
                ReplyPlan::WindowClosed
            };
            cx.journal.decide("plan", &p).await?
        }
    };
    let out = Outgoing {
        prefix: "human",
        role: Role::Human,
        agent: Some(agent),
        text: &text,
        quote: None,
    };
    match plan {
        ReplyPlan::WindowClosed => {
            let problem = SendProblem {
                code: None,
                error: "more than 24 hours since the customer's last message: send an approved template".into(),
                window_closed: true,
            };
            send::report_unsent(cx, ev, &out, &problem).await
        }
        ReplyPlan::Send => {
            let delivered = send::deliver(e, cx, ev, &out, Guard::None).await?;
            if matches!(delivered, send::Delivered::Sent) {
                observe_first_reply(cx, &conv).await?;
            }
            Ok(())
        }
    }
}

/// `baton_worker_first_human_reply_seconds`: from the handoff to the first human reply that
/// reached the customer (counted once per handoff; takeovers without a handoff are not).
async fn observe_first_reply(cx: &StepCx, conv: &str) -> Result<(), StepError> {
    if let Some(at) = ownership::take_unanswered_handoff(&cx.redis, &cx.keys, conv).await? {
        let waited = (now_ms() - at).max(0) as f64 / 1000.0;
        metrics::histogram!("baton_worker_first_human_reply_seconds").record(waited);
    }
    Ok(())
}
