//! The inactivity release (`HUMAN_IDLE_RELEASE`): a `human_release` command from the agent
//! `system` that the worker's sweeper publishes for a human-owned conversation with no human
//! message for that long, carrying `idle_since`, the last human activity it saw
//! (`baton_shared::event::sweep`).
//!
//! It applies only if no human acted after that: the transition checks, in the same script,
//! that the conversation's last human activity (`baton_shared::state::activity`) is still at
//! most `idle_since` (`apply_if_idle`). A human reply that came in after the sweeper looked —
//! even one still waiting in the conversation's lane, since ingress records the activity as it
//! publishes the reply — keeps the conversation with the human. Such a release is refused
//! quietly: no `command_refused` event for the console (nobody asked for it), only the
//! recorded outcome (`refused`, reason `human_active`, or `already_ai` when someone released
//! it first). When it applies it is a normal release, recorded like the console's: transcript
//! line, the seed's `support-handoff` memory record (`Released`), the `human_release` console
//! event with agent `system` — visible and in memory, never a silent key expiry.
//!
//! Decide, record, act (I8): the transition is marked in the journal (`transition`) and stores
//! this event as its cause, so a retry after any later failure finds it applied by itself and
//! resumes the follow-ups (each marked or idempotent, `human::record_transition`); a refusal is
//! decided once (`idle:refused`) and answered the same on every retry. Fails with
//! [`StepError::Transient`] when Redis or the broker does.

use baton_shared::event::Event;
use baton_shared::state::Refusal;
use serde::{Deserialize, Serialize};
use tracing::info;

use super::Engine;
use super::human::record_transition;
use super::outcome::Settled;
use super::state::ownership::{self, Applied, Request, State, Transition};
use crate::pipeline::{StepCx, StepError};

/// The journal field of a refused inactivity release.
const REFUSED: &str = "idle:refused";

/// A refused inactivity release, as decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Quiet {
    reason: Refusal,
    message: String,
}

impl Quiet {
    fn settled(self) -> Settled {
        Settled::Refused {
            reason: self.reason,
            message: self.message,
        }
    }
}

/// Hands `ev`'s conversation back to the AI unless a human acted after `idle_since`.
pub async fn idle(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    agent: &str,
    note: Option<&str>,
    idle_since: i64,
) -> Result<Settled, StepError> {
    if let Some(q) = cx.journal.plan::<Quiet>(REFUSED).await? {
        return Ok(q.settled());
    }
    let Some(state) = apply_once(cx, ev, agent, idle_since).await? else {
        let conv = ev.conversation.key();
        let now = ownership::get(&cx.redis, &cx.keys, &conv).await?;
        let q = cx.journal.decide(REFUSED, &refusal(&now)).await?;
        info!(reason = q.reason.as_str(), "inactivity release refused");
        return Ok(q.settled());
    };
    record_transition(e, cx, ev, Transition::Release, agent, note, &state).await?;
    Ok(Settled::applied())
}

/// The guarded release, applied once (journal `transition`): the state after it, or `None`
/// when it does not apply.
async fn apply_once(
    cx: &StepCx,
    ev: &Event,
    agent: &str,
    idle_since: i64,
) -> Result<Option<State>, StepError> {
    let conv = ev.conversation.key();
    if cx.journal.is_done("transition").await? {
        return Ok(Some(ownership::get(&cx.redis, &cx.keys, &conv).await?));
    }
    let req = Request {
        transition: Transition::Release,
        agent: Some(agent),
        reason: None,
        summary: None,
        cause: &ev.id,
    };
    match ownership::apply_if_idle(&cx.redis, &cx.keys, &conv, &req, idle_since).await? {
        Applied::Now(s) | Applied::Earlier(s) => {
            cx.journal
                .mark("transition", &s.version.to_string())
                .await?;
            Ok(Some(s))
        }
        Applied::Refused => {
            // The sweeper saw an older activity time than the hash has: the index lagged
            // (`baton_shared::state::activity`); bring it in line so it stops proposing this.
            ownership::sync_index(&cx.redis, &cx.keys, &conv).await?;
            Ok(None)
        }
    }
}

fn refusal(state: &State) -> Quiet {
    if state.is_ai() {
        Quiet {
            reason: Refusal::AlreadyAi,
            message: "the AI already owns this conversation".into(),
        }
    } else {
        Quiet {
            reason: Refusal::HumanActive,
            message: "a human acted after the conversation was seen idle; it stays with them"
                .into(),
        }
    }
}
