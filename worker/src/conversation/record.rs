//! Records every inbound event where humans and later steps can see it.
//!
//! Customer messages (every type, rendered by [`super::render`], media with its id) go to the
//! conversation's recent transcript, open or extend the 24-hour window, and register the
//! customer in the console's index when they are not yet (a first attempt reads the
//! conversation's state for that and leaves it to the engine as a [`Recorded`] note; a retry
//! leaves the index to the engine, which reads the state anyway). Platform errors are logged at
//! warn; statuses and changes are counted. Fails transiently when Redis does.

use baton_shared::event::{Event, EventKind};
use baton_shared::state::Speaker;
use baton_shared::telemetry::mask;
use futures::FutureExt;
use futures::future::BoxFuture;

use super::render;
use super::state::{ownership, transcript};
use crate::pipeline::{Step, StepCx, StepError};
use baton_shared::redis::RedisError;

pub struct Record;

/// What recording a customer message read and wrote, for the engine (a note,
/// `pipeline::Notes`; trusted only while the attempt is pristine).
pub struct Recorded {
    /// The conversation's state with this message's writes applied.
    pub state: ownership::State,
    /// The whole transcript (oldest first, as `transcript::recent` reads it), when this
    /// message's line started it.
    pub transcript: Option<Vec<transcript::Entry>>,
}

impl Step for Record {
    fn name(&self) -> &'static str {
        "record"
    }

    fn run<'a>(&'a self, cx: &'a StepCx, event: &'a Event) -> BoxFuture<'a, Result<(), StepError>> {
        async move {
            match event.kind {
                EventKind::CustomerMessage => record_customer(cx, event).await?,
                EventKind::PlatformError => {
                    tracing::warn!(error = %event.item, number = %event.conversation.number, "platform error from Meta")
                }
                _ => {}
            }
            tracing::info!(
                kind = event.kind.as_str(),
                r#type = event.message_type().unwrap_or("-"),
                customer = %mask(&event.conversation.customer),
                "event recorded"
            );
            Ok(())
        }
        .boxed()
    }
}

async fn record_customer(cx: &StepCx, event: &Event) -> Result<(), StepError> {
    let conv = event.conversation.key();
    let mut entry =
        transcript::Entry::new(event.id.clone(), Speaker::Customer, render::describe(event));
    entry.r#type = event.message_type().map(str::to_owned);
    entry.media = render::media_ref(event);
    if let Some(ts) = event.meta_ts {
        entry.at_ms = ts * 1000;
    }
    let at = event
        .meta_ts
        .map(|t| t * 1000)
        .unwrap_or(event.received_at_ms);
    if cx.journal.pristine_attempt() {
        // First attempt: the entry cannot be there yet. The conversation's state is read
        // once, before the writes; the writes (index registration when due, the touch, the
        // transcript line) go in one round trip, and the engine gets the state and — when
        // this line started the transcript — the transcript, without reading them again.
        let before = ownership::fields(&cx.redis, &cx.keys, &conv).await?;
        let touch = ownership::touch_and_index(&cx.keys, &event.conversation, at, before);
        let created =
            transcript::append_new(&cx.redis, &cx.keys, &conv, &entry, touch.pipe.clone())
                .await
                .inspect_err(|_| touch.failed())?;
        cx.notes.put(Recorded {
            state: touch.state,
            transcript: created.then(|| vec![entry]),
        });
    } else {
        transcript::append(&cx.redis, &cx.keys, &conv, &entry).await?;
        let touch = ownership::touch_cmd(&cx.keys, &event.conversation, at);
        let mut c = cx.redis.get().await?;
        touch
            .query_async::<()>(&mut *c)
            .await
            .map_err(RedisError::from)?;
    }
    metrics::counter!("baton_worker_customer_messages_total").increment(1);
    Ok(())
}
