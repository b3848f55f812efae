//! The engine's journaled effects: each runs at most once per event, marked in the event's
//! journal (`pipeline::journal`) — a retry skips what is marked.
//!
//! - [`notify_once`]: a console event, exactly once even across a crash; [`notify_with`] adds
//!   commands on the conversation's own keys, written in one `MULTI` with a mark. The console
//!   stream is namespace-wide (another hash slot than the conversation on a Redis Cluster), so
//!   the event is written in three steps, each safe to die after:
//!
//!   | step | dies after it → the retry |
//!   |---|---|
//!   | 1. `MULTI`: the conversation's part (failure list, `extra`) + mark `<field>:pending` = now | finds the pending mark, skips step 1, looks for its `once` token among the stream's entries since then (`feed::appended_since`) |
//!   | 2. `XADD` with the `once` token (`journal key|field`) | finds the token: only marks |
//!   | 3. mark `<field>` (sent in one pipeline with step 2) | finds `<field>` done: nothing |
//!
//!   So the stream gets the event once unless it was trimmed past it (about
//!   `feed::MAX_LEN` newer entries) between the crash and the retry.
//!
//! Memory records are not journaled: queuing one again on a retry is harmless, since the
//! memory backends store each record id once (`Engine::remember`).
//!
//! - [`announce`]: a console event Slack shows too (handoff, re-alert, customer message while
//!   the AI is silent, claim/takeover/release): what Slack must show is recorded in the same
//!   `MULTI` (`crate::slack::outbox`), then a Slack sync is queued — also when an earlier
//!   attempt already wrote the event, since it may have died before queuing (a sync with
//!   nothing to do changes nothing).
//!
//! - [`transition_once`]: a change of owner, applied once per causing event and marked, so a
//!   retry resumes the follow-ups of a transition it made instead of being refused.
//!
//! Fail with [`StepError::Transient`] when Redis or the broker does.

use super::Engine;
use super::state::feed::{self, ConsoleEvent};
use super::state::ownership::{self, Applied, Request, State};
use crate::pipeline::{StepCx, StepError};

/// Appends a console event unless this event already did (`field` names it in the journal).
pub async fn notify_once(
    cx: &StepCx,
    field: &str,
    conv: &str,
    event: ConsoleEvent,
) -> Result<(), StepError> {
    notify_with(cx, field, "1", conv, event, |_| {}).await
}

/// Like [`notify_once`], marking `field` with `mark` and running the commands `extra` adds in
/// the same `MULTI` (a view kept beside the event, such as the last handoff's record).
pub async fn notify_with(
    cx: &StepCx,
    field: &str,
    mark: &str,
    conv: &str,
    event: ConsoleEvent,
    extra: impl FnOnce(&mut redis::Pipeline),
) -> Result<(), StepError> {
    if cx.journal.is_done(field).await? {
        return Ok(());
    }
    let pending = format!("{field}:pending");
    let once = cx.journal.token(field);
    let (mut own, xadd) = feed::emit_parts(&cx.keys, conv, &event, Some(&once));
    match cx.journal.get(&pending).await? {
        Some(since) => {
            // Clocks of the worker and of Redis (which numbers the stream) may differ a little.
            let since = since.parse::<i64>().unwrap_or(0) - PENDING_SKEW_MS;
            if feed::appended_since(&cx.redis, &cx.keys, since, &once).await? {
                cx.journal.mark(field, mark).await?;
                return Ok(());
            }
        }
        None => {
            extra(&mut own);
            let now = baton_shared::event::now_ms().to_string();
            cx.journal.atomically(&pending, &now, own).await?;
        }
    }
    let mut append = redis::pipe();
    append.add_command(xadd).ignore();
    cx.journal.mark_after(append, field, mark).await?;
    Ok(())
}

/// How far before its pending mark a retry looks for the console entry it may have written.
const PENDING_SKEW_MS: i64 = 60_000;

/// Like [`notify_with`] (marked `1`), bringing Slack along when it is configured (see the
/// module doc).
pub async fn announce(
    e: &Engine,
    cx: &StepCx,
    field: &str,
    conv: &str,
    event: ConsoleEvent,
    extra: impl FnOnce(&mut redis::Pipeline),
) -> Result<(), StepError> {
    let slack = e
        .slack
        .as_ref()
        .and_then(|s| Some((s, crate::slack::outbox::for_event(&cx.keys, conv, &event)?)));
    let Some((slack, cmds)) = slack else {
        return notify_with(cx, field, "1", conv, event, extra).await;
    };
    notify_with(cx, field, "1", conv, event, |pipe| {
        extra(pipe);
        for cmd in cmds.cmd_iter() {
            pipe.add_command(cmd.clone()).ignore();
        }
    })
    .await?;
    slack
        .sync(conv)
        .await
        .map_err(|e| StepError::Transient(format!("slack queue: {e}")))
}

/// Applies `req` unless this event already did (journal mark `transition`); returns the
/// state after it, or `None` when the transition does not apply to the conversation as it is.
pub async fn transition_once(
    cx: &StepCx,
    conv: &str,
    req: &Request<'_>,
) -> Result<Option<State>, StepError> {
    if cx.journal.is_done("transition").await? {
        return Ok(Some(ownership::get(&cx.redis, &cx.keys, conv).await?));
    }
    match ownership::apply(&cx.redis, &cx.keys, conv, req).await? {
        Applied::Now(s) | Applied::Earlier(s) => {
            cx.journal
                .mark("transition", &s.version.to_string())
                .await?;
            Ok(Some(s))
        }
        Applied::Refused => Ok(None),
    }
}
