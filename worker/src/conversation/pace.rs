//! Sending within Meta's limits, from the conversation's side: each send waits for its turn
//! ([`turn`]) before the fence and the owner are checked, and each refusal is turned into what
//! it means ([`refused`]) — instead of backoff-and-retry for everything (spec §6.2).
//!
//! - 130429 (throughput): the number's rate is lowered for every replica and the send waits
//!   for its next turn, in process.
//! - 131056 (pair rate): this customer's sends wait 4^X s; other customers are unaffected.
//!   Within the longest in-process wait (`GRAPH_SEND_MAX_WAIT`) the send waits in its lane,
//!   beyond it the event waits in the retry tiers (its conversation parked behind it).
//! - 131048, 368, 131031, 131042, 190, 0 (account level): every send is paused (the circuit
//!   breaker, `baton_shared::state::breaker`) and the event waits ([`StepError::Wait`]): it
//!   cycles through the retry tiers, never dead-lettered for it, and goes out once an operator
//!   resumes sends. Nothing is reported to the humans as failed: nothing failed for good.
//!
//! Idempotency is `send`'s: a part is marked in the journal only once Graph accepted it, so
//! a send that waited, was refused or was held is simply tried again by the next attempt,
//! never duplicated (the journal's crash table is unchanged). More than [`MAX_REFUSALS`]
//! rate-limit refusals in a row for one part make it a transient failure (the tiers take
//! over), so a limit Meta keeps enforcing cannot spin a lane forever.

use baton_shared::event::{Event, now_ms};
use baton_shared::state::breaker::Paused;
use tracing::{info, warn};

use super::Engine;
use crate::pipeline::StepError;
use crate::whatsapp::{GraphError, Hold, Recipient, Ticket};

/// Rate-limit refusals in a row for one send before it becomes a transient failure.
pub const MAX_REFUSALS: u32 = 8;

/// The id pair-rate delays are kept under: the phone number, else the business-scoped id.
pub fn recipient_id(to: &Recipient) -> &str {
    to.wa_id
        .as_deref()
        .or(to.user_id.as_deref())
        .unwrap_or_default()
}

/// Waits for a send's turn. Paused sends and turns beyond the longest in-process wait are
/// [`StepError::Wait`]; Redis trouble is transient.
pub async fn turn(e: &Engine, number: &str, to: &Recipient) -> Result<Ticket, StepError> {
    match e.limits.turn(number, recipient_id(to)).await {
        Ok(ticket) => Ok(ticket),
        Err(Hold::Redis(err)) => Err(err.into()),
        Err(hold @ Hold::Paused) => Err(StepError::Wait(hold.to_string())),
        Err(hold @ Hold::Later { .. }) => {
            info!(reason = %hold, "send waits in the retry tiers");
            Err(StepError::Wait(hold.to_string()))
        }
    }
}

/// After Graph refused a send: `Ok(true)` when it was a rate limit, now reported, and the send
/// should wait for its next turn and try again; `Err(Wait)` when sends are now paused; `Ok(false)`
/// when the refusal is not about limits (the caller handles it as before).
pub async fn refused(
    e: &Engine,
    ev: &Event,
    to: &Recipient,
    ticket: &Ticket,
    err: &GraphError,
    refusals: &mut u32,
) -> Result<bool, StepError> {
    let number = &ev.conversation.number;
    if err.pauses_all_sends() {
        let paused = Paused {
            code: err.code(),
            error: err.to_string(),
            since_ms: now_ms(),
            event_id: ev.id.clone(),
            conversation: ev.conversation.key(),
        };
        e.limits.pause(&paused).await?;
        return Err(StepError::Wait(format!(
            "sends paused by an account-level error: {err}"
        )));
    }
    if !err.is_rate_limit() {
        return Ok(false);
    }
    *refusals += 1;
    match err.code() {
        Some(130429) => {
            e.limits.throttled(number, ticket, None).await?;
        }
        _ => {
            let delay = e
                .limits
                .pair_refused(number, recipient_id(to), None)
                .await?;
            info!(
                ?delay,
                "WhatsApp refused a send to this customer (pair rate, 131056); their sends wait"
            );
        }
    }
    if *refusals > MAX_REFUSALS {
        warn!(refusals = *refusals, code = ?err.code(), "send refused for rate limits again and again; retrying later");
        return Err(StepError::Transient(format!("whatsapp send: {err}")));
    }
    Ok(true)
}
