//! The outcome of a human command, recorded for the console request waiting on it
//! (`baton_shared::state::command`).
//!
//! [`settle`] is a command's last effect: it writes `{ns}:command:{e:<event_id>}`, then its
//! journal mark `outcome` (one pipeline, in that order: the outcome is in its own hash slot on
//! a Redis Cluster, so it cannot share the journal's `MULTI`), after every other effect of the
//! command is done, so an outcome the console reads means the transition, transcript line,
//! console event and send all happened. A retry that finds the mark writes nothing; one that
//! does not (a crash before the outcome, or between it and the mark) writes it then — again,
//! overwriting an equivalent outcome. The state it reports (owner, version) is read
//! at that moment. Fails with [`StepError::Transient`] when Redis does.

use baton_shared::event::now_ms;
use baton_shared::event::{Event, human};
use baton_shared::state::command::{self, CommandOutcome, OutcomeStatus, Refusal};

use super::state::ownership;
use crate::pipeline::{StepCx, StepError};

/// How a command ended, before it is recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled {
    /// Done; the wamids of anything sent to the customer.
    Applied { wamids: Vec<String> },
    /// Does not apply to the conversation as it is.
    Refused { reason: Refusal, message: String },
    /// Applied, but WhatsApp refused the message (Graph's error).
    Failed { message: String },
}

impl Settled {
    pub fn applied() -> Settled {
        Settled::Applied { wamids: Vec::new() }
    }
}

/// Records how the command `ev` ended, once.
pub async fn settle(cx: &StepCx, ev: &Event, settled: Settled) -> Result<(), StepError> {
    if cx.journal.is_done("outcome").await? {
        return Ok(());
    }
    let state = ownership::get(&cx.redis, &cx.keys, &ev.conversation.key()).await?;
    let (status, reason, message, wamids) = match settled {
        Settled::Applied { wamids } => (OutcomeStatus::Applied, None, None, wamids),
        Settled::Refused { reason, message } => (
            OutcomeStatus::Refused,
            Some(reason),
            Some(message),
            Vec::new(),
        ),
        Settled::Failed { message } => (OutcomeStatus::Failed, None, Some(message), Vec::new()),
    };
    let status_label = match status {
        OutcomeStatus::Applied => "applied",
        OutcomeStatus::Refused => "refused",
        OutcomeStatus::Failed => "failed",
    };
    metrics::counter!("baton_worker_commands_total", "command" => ev.kind.as_str(), "status" => status_label)
        .increment(1);
    let outcome = CommandOutcome {
        event_id: ev.id.clone(),
        command: ev.kind.as_str().to_owned(),
        agent: human::agent_of(ev).to_owned(),
        status,
        reason,
        message,
        owner: state.owner,
        owner_agent: state.agent,
        version: state.version,
        wamids,
        fingerprint: ev.item["fingerprint"].as_str().map(str::to_owned),
        at_ms: now_ms(),
    };
    let mut pipe = redis::pipe();
    command::save_cmd(&mut pipe, &cx.keys, &outcome);
    // The outcome is found by the command's id alone, so it lives outside the conversation's
    // hash slot: written first, then marked (one round trip). Dying in between rewrites it
    // on the retry — the same outcome, still the command's last effect.
    cx.journal.mark_after(pipe, "outcome", "1").await?;
    Ok(())
}
