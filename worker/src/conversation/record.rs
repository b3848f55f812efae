//! Records every inbound event where humans and later steps can see it.
//!
//! Customer messages (every type, rendered by [`super::render`], media with its id) go to the
//! conversation's recent transcript, and open or extend the 24-hour window (the console's index is ensured by
//! the engine, which reads the conversation's state anyway). Platform errors are logged at
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
    let touch = ownership::touch_cmd(&cx.keys, &event.conversation, at);
    if cx.journal.pristine_attempt() {
        // First attempt: the entry cannot be there yet; one round trip for both writes.
        transcript::append_new(&cx.redis, &cx.keys, &conv, &entry, Some(touch)).await?;
    } else {
        transcript::append(&cx.redis, &cx.keys, &conv, &entry).await?;
        let mut c = cx.redis.get().await?;
        touch
            .query_async::<()>(&mut *c)
            .await
            .map_err(RedisError::from)?;
    }
    metrics::counter!("baton_worker_customer_messages_total").increment(1);
    Ok(())
}
