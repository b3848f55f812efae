//! The engine's journaled effects: each runs at most once per event, marked in the event's
//! journal (`pipeline::journal`) — a retry skips what is marked.
//!
//! - [`notify_once`]: a console event, written together with its mark (one `MULTI`), so it is
//!   exactly once even across a crash.
//! - [`remember_once`]: a memory record queued (confirmed publish) and then marked; a crash
//!   between the two queues it again, which the memory backends absorb (records are
//!   idempotent by id).
//!
//! Fail with [`StepError::Transient`] when Redis or the broker does.

use baton_shared::event::Conversation;

use super::Engine;
use super::state::feed::{self, ConsoleEvent};
use crate::memory::Record;
use crate::pipeline::{StepCx, StepError};

/// Appends a console event unless this event already did (`field` names it in the journal).
pub async fn notify_once(
    cx: &StepCx,
    field: &str,
    conv: &str,
    event: ConsoleEvent,
) -> Result<(), StepError> {
    if cx.journal.is_done(field).await? {
        return Ok(());
    }
    let cmd = feed::emit_cmd(&cx.keys, conv, &event);
    cx.journal.atomically(field, "1", cmd).await?;
    Ok(())
}

/// Queues a memory record unless this event already did.
pub async fn remember_once(
    e: &Engine,
    cx: &StepCx,
    field: &str,
    conv: &Conversation,
    record: Record,
) -> Result<(), StepError> {
    if cx.journal.is_done(field).await? {
        return Ok(());
    }
    e.remember(conv, record).await?;
    cx.journal.mark(field, "1").await?;
    Ok(())
}
