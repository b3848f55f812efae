//! Messages the business sent from the WhatsApp Business app on the same number
//! (WhatsApp coexistence: `smb_message_echoes` webhooks, events of kind `business_echo`).
//!
//! Such a message already reached the customer: Baton sends nothing. It is a human's turn —
//! an implicit takeover by the business app (agent [`ECHO_AGENT`]), recorded in the transcript
//! as the human's (`tier: human` in memory), after which the AI stays silent until someone
//! releases the conversation. An echo does not open or extend the 24-hour window (only the
//! customer's messages do).
//!
//! The echo names the customer by the phone number it went to (and by business-scoped id when
//! Meta sends one). When the conversation Baton knows is keyed by the other id, the echo is
//! applied to it through the console's customer index; it then arrived on another partition
//! than the conversation's own events, which is harmless: the takeover is one atomic
//! transition, and the transcript line is idempotent by the echo's id. Fails like the rest of
//! the engine: Redis and the broker are transient.

use baton_shared::event::{Conversation, Event, now_ms};
use baton_shared::state::{Speaker, index};

use super::human::take_over_for_message;
use super::state::{ownership, transcript};
use super::{Engine, render};
use crate::memory::{Record, Role};
use crate::pipeline::{StepCx, StepError};

/// Who the transcript and the console name as the author of a business-app message.
pub const ECHO_AGENT: &str = "WhatsApp Business app";

pub async fn on_echo(e: &Engine, cx: &StepCx, ev: &Event) -> Result<(), StepError> {
    let ev = resolved(cx, ev).await?;
    take_over_for_message(e, cx, &ev, ECHO_AGENT).await?;
    let text = render::describe(&ev);
    let mut entry = transcript::Entry::new(ev.id.clone(), Speaker::Human, text.clone());
    entry.agent = Some(ECHO_AGENT.to_owned());
    if let Some(ts) = ev.meta_ts {
        entry.at_ms = ts * 1000;
    }
    let conv = ev.conversation.key();
    if cx.journal.pristine_attempt() {
        transcript::append_new(&cx.redis, &cx.keys, &conv, &entry, redis::pipe()).await?;
    } else {
        transcript::append(&cx.redis, &cx.keys, &conv, &entry).await?;
    }
    let turn = Record::Turn {
        id: ev.id.clone(),
        role: Role::Human,
        text,
        at_ms: ev.meta_ts.map_or_else(now_ms, |t| t * 1000),
    };
    e.remember(&ev.conversation, turn).await?;
    metrics::counter!("baton_worker_business_echoes_total").increment(1);
    Ok(())
}

/// `ev` on the conversation Baton knows for its customer (itself when it is known as is, or
/// nothing is known).
async fn resolved(cx: &StepCx, ev: &Event) -> Result<Event, StepError> {
    let c = &ev.conversation;
    let state = ownership::get(&cx.redis, &cx.keys, &c.key()).await?;
    if state.version > 0 || state.last_customer_ms.is_some() {
        return Ok(ev.clone());
    }
    for id in [c.user_id.as_deref(), c.wa_id.as_deref()]
        .into_iter()
        .flatten()
    {
        if let Some(key) = index::resolve(&cx.redis, &cx.keys, &c.number, id).await?
            && key != c.key()
        {
            let customer = key
                .strip_prefix(&format!("{}:", c.number))
                .unwrap_or(&c.customer)
                .to_owned();
            let mut moved = ev.clone();
            moved.conversation = Conversation {
                customer,
                ..c.clone()
            };
            return Ok(moved);
        }
    }
    Ok(ev.clone())
}
