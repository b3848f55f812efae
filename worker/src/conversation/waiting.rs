//! Re-alerting a handoff nobody has taken (`HANDOFF_REALERT_AFTER`): the worker's sweeper
//! publishes a `handoff_waiting` event on the conversation's partition for every interval a
//! `pending_human` conversation has waited (`baton_shared::event::sweep`), with an id derived
//! from the conversation, the handoff and the interval — so two workers or a retried publish
//! make one event, and the worker's dedupe one alert.
//!
//! [`on_waiting`] turns it into the `handoff_waiting` console event (`waiting_ms`, the alert's
//! number, the handoff's reason), once per event (journal `feed:waiting`, written with the
//! event in one `MULTI`). If the conversation was claimed, taken over or released — or handed
//! off again — since the sweeper looked, the alert is stale and nothing is shown.
//!
//! Slack: the same `MULTI` records a thread line for the alert, also shown in the channel
//! (`crate::slack::outbox`), so each re-alert bumps the Slack alert once. Fails with [`StepError::Transient`] when Redis does.

use baton_shared::event::{Event, Waiting, now_ms};
use baton_shared::state::{ConsoleEvent, Owner};
use tracing::info;

use super::Engine;
use super::effects;
use super::state::ownership::{self, State};
use crate::pipeline::{StepCx, StepError};

const FEED: &str = "feed:waiting";

pub async fn on_waiting(e: &Engine, cx: &StepCx, ev: &Event) -> Result<(), StepError> {
    let Some(w) = ev.waiting() else {
        return Err(StepError::Permanent(
            "handoff_waiting without its fields".into(),
        ));
    };
    let state = ownership::get(&cx.redis, &cx.keys, &ev.conversation.key()).await?;
    let current = state.owner == Owner::PendingHuman && state.since_ms == Some(w.since_ms);
    if !current && !cx.journal.is_done(FEED).await? {
        info!(owner = %state.owner, "the handoff was taken since the sweeper looked; no re-alert");
        return Ok(());
    }
    announce(e, cx, ev, w, &state).await
}

/// The re-alert's effects, each once per event: the console event and Slack's bump.
pub async fn announce(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    w: Waiting,
    state: &State,
) -> Result<(), StepError> {
    let event = ConsoleEvent::HandoffWaiting {
        event_id: ev.id.clone(),
        since_ms: w.since_ms,
        waiting_ms: (now_ms() - w.since_ms).max(w.waiting_ms),
        alert: w.alert,
        reason: state.reason,
    };
    if !cx.journal.is_done(FEED).await? {
        metrics::counter!("baton_worker_handoff_realerts_total").increment(1);
    }
    effects::announce(e, cx, FEED, &ev.conversation.key(), event, |_| {}).await
}
