//! Commands from the human side (console, Slack, API), arriving as events on the
//! conversation's partition so they are ordered with the customer's messages.
//!
//! - `human_claim`: an agent claims a pending handoff (refused unless `pending_human`).
//! - `human_takeover`: a human takes over from the AI now.
//! - `human_reply`: a human message to the customer; takes over at once if needed. Outside the
//!   24-hour window free-form text cannot be sent: refused and shown (a template is needed).
//! - `human_release`: hands the conversation back to the AI, with an optional note; the
//!   sweeper's inactivity release is one too, refused quietly if a human acted since (`release`).
//! - `human_template`: an approved template to the customer (`template`); takes over too.
//!
//! Every transition stores the command that caused it, so a retried command finds its
//! transition applied by itself and resumes the follow-ups — transcript line, the seed's
//! `support-handoff` memory record, the console event — instead of reporting
//! `command_refused` (I8). A refusal (the command does not apply to the conversation as it is)
//! is decided once (journal `refused`) and reported once. A reply's decision (send, or refused
//! because the window closed) is journaled before it acts, and its parts are sent at most once
//! each (`send`). Every command ends by recording its outcome for the console (`outcome`). The
//! first reply that reaches the customer after a handoff is timed from the handoff
//! (`baton_worker_first_human_reply_seconds`). Every human message (reply, template, business
//! app) records the human's activity (`baton_shared::state::activity`).

use baton_shared::event::{CUSTOMER_AGENT, Command, Event, EventKind, SYSTEM_AGENT, human, now_ms};
use baton_shared::state::{ConsoleEvent, Owner, Refusal, Speaker, activity};
use serde::{Deserialize, Serialize};

use super::Engine;
use super::effects::{announce, notify_once, transition_once};
use super::outcome::{self, Settled};
use super::release;
use super::send::{self, Delivered, Guard, Outgoing, SendProblem};
use super::state::feed::CommandApplied;
use super::state::ownership::{self, Request, State, Transition};
use super::state::transcript;
use super::template;
use crate::memory::{HandoffEvent, Record, Role};
use crate::pipeline::{StepCx, StepError};

pub async fn on_command(e: &Engine, cx: &StepCx, ev: &Event) -> Result<(), StepError> {
    let agent = human::agent_of(ev).to_owned();
    let Some(command) = Command::from_event(ev) else {
        return Err(StepError::Permanent(format!(
            "{} without its fields",
            ev.kind.as_str()
        )));
    };
    let settled = match command {
        Command::Claim => transition(e, cx, ev, Transition::Claim, &agent, None).await?,
        Command::Takeover => transition(e, cx, ev, Transition::Takeover, &agent, None).await?,
        Command::Release { note } => match ev.idle_since() {
            // The sweeper's inactivity release (`release`): refused quietly if a human acted.
            Some(seen) => release::idle(e, cx, ev, &agent, note.as_deref(), seen).await?,
            None => transition(e, cx, ev, Transition::Release, &agent, note.as_deref()).await?,
        },
        Command::Reply { text } => reply(e, cx, ev, &agent, &text).await?,
        Command::Template(t) => template::send(e, cx, ev, &agent, &t).await?,
    };
    tell_slack(e, cx, ev, &settled).await?;
    outcome::settle(cx, ev, settled).await
}

/// A command from a Slack button that did not apply (a claim another agent won) or a Slack
/// thread reply WhatsApp did not take: the agent is told on Slack — ephemerally through the
/// click's `response_url`, or in the alert's thread. Journaled (`slack:told`, marked after
/// the job is queued: a crash in between tells them twice, never not at all).
async fn tell_slack(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    settled: &Settled,
) -> Result<(), StepError> {
    let message = match settled {
        Settled::Refused { message, .. } => message.clone(),
        Settled::Failed { message } => format!("not delivered to the customer: {message}"),
        Settled::Applied { .. } => return Ok(()),
    };
    let (Some(slack), Some(origin)) = (&e.slack, ev.item.get("slack")) else {
        return Ok(());
    };
    if cx.journal.is_done("slack:told").await? {
        return Ok(());
    }
    let text = crate::slack::render::refusal(&message);
    let queued = match origin["response_url"].as_str() {
        Some(url) => {
            let job = crate::slack::Job::Respond {
                url: url.to_owned(),
                text,
            };
            slack.enqueue(&job).await
        }
        None => {
            let conv = ev.conversation.key();
            let line = crate::slack::outbox::Line {
                text,
                broadcast: false,
            };
            if !cx.journal.is_done("slack:line").await? {
                let mut pipe = redis::pipe();
                crate::slack::outbox::push(&mut pipe, &cx.keys, &conv, &line);
                cx.journal.atomically("slack:line", "1", pipe).await?;
            }
            slack.sync(&conv).await
        }
    };
    queued.map_err(|e| StepError::Transient(format!("slack queue: {e}")))?;
    cx.journal.mark("slack:told", "1").await?;
    Ok(())
}

/// Why `t` by `agent` does not apply to the conversation as it is, in words for the agent.
fn refusal(t: Transition, state: &State, agent: &str) -> (Refusal, String) {
    let holder = state.agent.as_deref().unwrap_or("another agent");
    match (t, state.owner) {
        (_, Owner::Human) if state.agent.as_deref() == Some(agent) => (
            Refusal::AlreadyOwner,
            "you already own this conversation".into(),
        ),
        (Transition::Claim, Owner::Human) => (
            Refusal::AlreadyClaimed,
            format!("{holder} already claimed this conversation"),
        ),
        (Transition::Claim, _) => (
            Refusal::NotHandedOff,
            "nobody handed this conversation off: the AI owns it (take it over instead)".into(),
        ),
        _ => (
            Refusal::AlreadyAi,
            "the AI already owns this conversation".into(),
        ),
    }
}

/// Applies a transition (or finds it applied by this event) and records it; a refusal is
/// decided once and reported once.
async fn transition(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    t: Transition,
    agent: &str,
    note: Option<&str>,
) -> Result<Settled, StepError> {
    let conv = ev.conversation.key();
    if let Some(r) = cx.journal.plan::<Refused>("refused").await? {
        return refused(cx, ev, agent, r).await;
    }
    let req = Request {
        transition: t,
        agent: Some(agent),
        reason: None,
        summary: None,
        cause: &ev.id,
    };
    let Some(state) = transition_once(cx, &conv, &req).await? else {
        let state = ownership::get(&cx.redis, &cx.keys, &conv).await?;
        let (reason, message) = refusal(t, &state, agent);
        let r = cx
            .journal
            .decide("refused", &Refused { reason, message })
            .await?;
        return refused(cx, ev, agent, r).await;
    };
    record_transition(e, cx, ev, t, agent, note, &state).await?;
    Ok(Settled::applied())
}

/// A refusal as decided (journal `refused`): the same answer on every retry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Refused {
    reason: Refusal,
    message: String,
}

async fn refused(cx: &StepCx, ev: &Event, agent: &str, r: Refused) -> Result<Settled, StepError> {
    let event = ConsoleEvent::CommandRefused {
        event_id: ev.id.clone(),
        command: ev.kind.as_str().to_owned(),
        agent: agent.to_owned(),
        reason: Some(r.reason.as_str().to_owned()),
    };
    notify_once(cx, "feed:refused", &ev.conversation.key(), event).await?;
    Ok(Settled::Refused {
        reason: r.reason,
        message: r.message,
    })
}

/// What an applied transition is, for memory and the transcript.
fn describe(t: Transition, agent: &str, note: Option<&str>) -> (HandoffEvent, EventKind, String) {
    match t {
        Transition::Claim => (
            HandoffEvent::Claimed,
            EventKind::HumanClaim,
            format!("Human agent {agent} claimed the conversation."),
        ),
        Transition::Takeover | Transition::Handoff => (
            HandoffEvent::TakenOver,
            EventKind::HumanTakeover,
            format!("Human agent {agent} took over from the AI."),
        ),
        Transition::Release => (
            HandoffEvent::Released,
            EventKind::HumanRelease,
            release_line(agent, note),
        ),
    }
}

/// The transcript's release line: the seed's for an agent's release; the inactivity release
/// and the customer's end keyword say who released.
fn release_line(agent: &str, note: Option<&str>) -> String {
    let who = match agent {
        SYSTEM_AGENT => "Baton released thread back to AI (no human message for a while)",
        CUSTOMER_AGENT => "Customer ended the conversation with a person; thread back to AI",
        _ => "Human released thread back to AI",
    };
    match note {
        Some(n) => format!("{who}. Note: {n}"),
        None => format!("{who}."),
    }
}

/// The follow-ups of an applied transition, each once: transcript line, memory record,
/// console event.
pub(super) async fn record_transition(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    t: Transition,
    agent: &str,
    note: Option<&str>,
    state: &State,
) -> Result<(), StepError> {
    if t == Transition::Handoff {
        return Ok(()); // the AI's handoff records itself (`handoff`)
    }
    let conv = ev.conversation.key();
    let (event, kind, line) = describe(t, agent, note);
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
    announce(e, cx, "feed:transition", &conv, event, |_| {}).await
}

/// A message from `agent` moves the conversation to them first (an implicit takeover),
/// unless they own it already; returns the state read before.
pub(super) async fn take_over_for_message(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    agent: &str,
) -> Result<State, StepError> {
    let state = ownership::get(&cx.redis, &cx.keys, &ev.conversation.key()).await?;
    let owns = state.owner == Owner::Human && state.agent.as_deref() == Some(agent);
    // Applied by this command already (a retry, or ingress applied it at once): record it.
    let mine = state.cause.as_deref() == Some(ev.id.as_str());
    if !owns || mine || cx.journal.is_done("transition").await? {
        transition(e, cx, ev, Transition::Takeover, agent, None).await?;
    }
    // A human message: the inactivity release counts from here (`release`).
    activity::touch(&cx.redis, &cx.keys, &ev.conversation.key(), now_ms()).await?;
    Ok(state)
}

/// A human reply's decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ReplyPlan {
    Send,
    /// More than 24 hours since the customer's last message: free-form text is refused.
    WindowClosed,
}

const WINDOW_CLOSED: &str =
    "more than 24 hours since the customer's last message: send an approved template";

async fn reply(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    agent: &str,
    text: &str,
) -> Result<Settled, StepError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StepError::Permanent("human_reply without text".into()));
    }
    let state = take_over_for_message(e, cx, ev, agent).await?;
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
        text,
        quote: None,
    };
    if plan == ReplyPlan::WindowClosed {
        let problem = SendProblem {
            code: None,
            error: WINDOW_CLOSED.into(),
            window_closed: true,
        };
        send::report_unsent(cx, ev, &out, &problem).await?;
        return Ok(Settled::Refused {
            reason: Refusal::WindowClosed,
            message: WINDOW_CLOSED.into(),
        });
    }
    Ok(match send::deliver(e, cx, ev, &out, Guard::None).await? {
        Delivered::Sent(wamids) => {
            observe_first_reply(cx, &ev.conversation.key()).await?;
            Settled::Applied { wamids }
        }
        Delivered::Refused(message) => Settled::Failed { message },
        Delivered::Withheld { .. } => Settled::Failed {
            message: "the message was withheld".into(),
        },
    })
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
