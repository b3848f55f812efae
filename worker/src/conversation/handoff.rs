//! Handing a conversation to a human: the transition and its follow-up effects, resumable.
//!
//! Effects, in order, each once per causing event: (1) the transition `ai → pending_human`,
//! stored with the event that caused it; (2) a transcript line; (3) the seed's
//! `support-handoff` memory record; (4) the `handoff` console event with the decision's
//! evidence, and in the same `MULTI` the conversation's last-handoff record for the console
//! (source, evidence, memory snapshot, and whether anyone was available:
//! `baton_shared::state::handoff`); (5) the notice to the customer — when nobody was available
//! (`availability`), the one saying when a person will be back, decided with the plan. A retry
//! after any failure — a Graph 503 on the notice, a broker hiccup on the memory queue — finds
//! the transition applied *by this event* (journal mark `transition`, or the conversation's
//! `cause`), so it does not mistake the conversation for someone else's: it resumes the effects
//! not yet done and tells the customer (I6/I8). If another event moved the conversation first (a human took it over before the
//! handoff applied), the handoff is moot and nothing is sent.

use baton_shared::event::{Event, now_ms};
use baton_shared::state::handoff as handoff_view;
use baton_shared::state::{
    ConsoleEvent, HandoffReason, HandoffRecord, HandoffSource, Speaker, Unavailable,
};
use serde::{Deserialize, Serialize};
use tracing::info;

use super::Engine;
use super::effects::{announce, transition_once};
use super::send::{self, Guard, Outgoing};
use super::state::ownership::{self, Request, Transition};
use super::state::transcript;
use crate::memory::{HandoffEvent, Record, Role};
use crate::pipeline::{StepCx, StepError};

/// A decided handoff, as recorded in the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    pub reason: HandoffReason,
    pub summary: String,
    /// What triggered it: the detector's matched words, the model's tool call, or the failure.
    pub evidence: Option<String>,
    /// What the customer is told.
    pub notice: String,
    /// Who decided (absent in plans journaled by an older build).
    #[serde(default)]
    pub source: Option<HandoffSource>,
    /// The long-term memory context the decision had: the human's snapshot.
    #[serde(default)]
    pub context: Option<String>,
    /// Nobody could take it when it was decided (`availability`); `notice` says when.
    #[serde(default)]
    pub unavailable: Option<Unavailable>,
}

/// Applies `h` for `ev` and carries out its effects (resuming those already done).
pub async fn hand_off(e: &Engine, cx: &StepCx, ev: &Event, h: &Handoff) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    let req = Request {
        transition: Transition::Handoff,
        agent: None,
        reason: Some(h.reason),
        summary: Some(&h.summary),
        cause: &ev.id,
    };
    let Some(state) = transition_once(cx, &conv, &req).await? else {
        info!("the conversation moved before the handoff applied; nothing to do");
        return Ok(());
    };
    let version = Some(state.version);
    let id = format!("{}:handoff", ev.id);
    let line = format!(
        "AI handed off to human. Reason: {}. Summary: {}",
        h.reason, h.summary
    );
    transcript::append(
        &cx.redis,
        &cx.keys,
        &conv,
        &transcript::Entry::new(id.clone(), Speaker::Event, line),
    )
    .await?;
    let record = Record::Handoff {
        id,
        event: HandoffEvent::HandedOff,
        reason: Some(h.reason.as_str().to_owned()),
        summary: Some(h.summary.clone()),
        actor: Some("ai".to_owned()),
        note: None,
        at_ms: now_ms(),
    };
    e.remember(&ev.conversation, record).await?;
    if !cx.journal.is_done("feed:handoff").await? {
        metrics::counter!("baton_worker_handoffs_total", "reason" => h.reason.as_str())
            .increment(1);
    }
    let event = ConsoleEvent::Handoff {
        event_id: ev.id.clone(),
        reason: h.reason,
        summary: h.summary.clone(),
        evidence: h.evidence.clone(),
        version,
        unavailable: h.unavailable.clone(),
    };
    let record = HandoffRecord {
        event_id: ev.id.clone(),
        reason: h.reason,
        summary: h.summary.clone(),
        source: h.source,
        evidence: h.evidence.clone(),
        memory_context: h.context.clone(),
        version: state.version,
        unavailable: h.unavailable.clone(),
        at_ms: now_ms(),
    };
    announce(e, cx, "feed:handoff", &conv, event, |pipe| {
        handoff_view::save_cmd(pipe, &cx.keys, &conv, &record)
    })
    .await?;
    ownership::unresolved(&cx.redis, &cx.keys, &conv, true).await?;
    let notice = Outgoing {
        prefix: "notice",
        role: Role::Ai,
        agent: None,
        text: &h.notice,
        quote: None,
    };
    send::deliver(e, cx, ev, &notice, Guard::None)
        .await
        .map(|_| ())
}
