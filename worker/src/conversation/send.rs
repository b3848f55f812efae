//! Sending to the customer, part by part, with what was sent recorded before anything else.
//!
//! [`deliver`] splits a message into parts (4096 characters, paragraphs first) and sends the
//! parts not yet sent. Right after Graph accepts a part, its wamid is marked in the event's
//! journal (`<prefix>:sent:<i>`), before any bookkeeping; a later failure (transcript, memory publish, the next part)
//! retries the event, which resumes with the parts not yet sent, redoes the idempotent
//! bookkeeping, and never calls the model or repeats a part again (I4/I8). The one window left
//! is a crash between Graph's answer and the mark (Graph has no idempotency key): that part is
//! sent again.
//!
//! Each part first waits for its turn within Meta's limits ([`pace`]: the number's send rate,
//! the customer's pair rate, paused sends), then, right before it goes, in this order: the
//! fence (this worker still holds the partition), then the [`Guard`] — for an AI reply, that
//! the AI still owns the conversation at the version the turn started under (I5). The recipient and the quote are worked out before, so no await
//! separates the ownership check from the send. A part the guard stops, and everything after
//! it, becomes a draft for the human. Rate-limit refusals wait for the next turn; account-level
//! errors pause every send and the event waits ([`StepError::Wait`]); other retryable Graph
//! errors are a transient step error (retried, resuming); permanent ones are recorded in the
//! transcript and shown to humans (`send_failed`), never retried.

use baton_shared::event::{Event, now_ms};
use baton_shared::state::Speaker;
use tracing::{info, warn};

use super::effects::{notify_once, notify_with};
use super::state::feed::{self, ConsoleEvent};
use super::state::{ownership, transcript};
use super::{Engine, pace};
use crate::memory::{Record, Role};
use crate::pipeline::{StepCx, StepError};
use crate::whatsapp::{GraphError, Recipient, TEXT_LIMIT, split_text};

/// What must still hold right before each part goes out.
#[derive(Clone, Copy, Debug)]
pub enum Guard {
    /// Nothing beyond the fence (handoff notices, human messages).
    None,
    /// The AI owns the conversation at this version.
    AiOwnsAt(u64),
}

/// One message to send for an event.
pub struct Outgoing<'a> {
    /// Names the message in the journal (`reply`, `notice`, `human`).
    pub prefix: &'a str,
    pub role: Role,
    pub agent: Option<&'a str>,
    pub text: &'a str,
    /// The wamid the first part quotes.
    pub quote: Option<&'a str>,
}

/// How a delivery ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivered {
    /// Every part was accepted by Graph (now or by an earlier attempt): their wamids.
    Sent(Vec<String>),
    /// The guard stopped it before part `from`: the rest was kept as a draft.
    Withheld { from: usize },
    /// Graph refused it for good (its error); shown to humans.
    Refused(String),
}

fn speaker(role: Role) -> Speaker {
    match role {
        Role::Customer => Speaker::Customer,
        Role::Ai => Speaker::Ai,
        Role::Human => Speaker::Human,
    }
}

/// Sends `out` on `ev`'s conversation, resuming after the parts already sent.
pub async fn deliver(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    out: &Outgoing<'_>,
    guard: Guard,
) -> Result<Delivered, StepError> {
    let parts = split_text(out.text, TEXT_LIMIT);
    if parts.is_empty() {
        return Err(StepError::Permanent("nothing to send".into()));
    }
    if let Some(error) = cx.journal.get(&format!("{}:failed", out.prefix)).await? {
        return Ok(Delivered::Refused(error));
    }
    let to = recipient(cx, ev).await?;
    let mut sent_now = false;
    let mut wamids = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let field = format!("{}:sent:{i}", out.prefix);
        if let Some(wamid) = cx.journal.get(&field).await? {
            wamids.push(wamid);
            continue;
        }
        let one = Part {
            index: i,
            text: part,
            field: &field,
            to: &to,
        };
        match send_part(e, cx, ev, out, guard, &one).await? {
            PartSent::Sent(wamid) => {
                wamids.push(wamid);
                sent_now = true;
            }
            PartSent::Withheld => {
                withhold(cx, ev, out.prefix, &parts[i..].join("\n\n")).await?;
                return Ok(Delivered::Withheld { from: i });
            }
            PartSent::Refused(error) => return Ok(Delivered::Refused(error)),
        }
    }
    if sent_now {
        let role = speaker(out.role);
        metrics::counter!("baton_worker_messages_sent_total", "role" => role.as_str()).increment(1);
    }
    record_sent(e, cx, ev, out, &wamids).await?;
    Ok(Delivered::Sent(wamids))
}

/// One part about to be sent.
struct Part<'a> {
    index: usize,
    text: &'a str,
    /// Its journal field (`<prefix>:sent:<i>`).
    field: &'a str,
    to: &'a Recipient,
}

/// How one part ended.
enum PartSent {
    Sent(String),
    /// The guard stopped it (the caller keeps it and the rest as a draft).
    Withheld,
    /// Graph refused it for good; reported to humans.
    Refused(String),
}

/// Sends one part: waits for its turn within Meta's limits ([`pace`]), then checks the fence
/// and the guard — no await between the guard and the request — and sends; a rate-limit
/// refusal waits for the next turn and tries again.
async fn send_part(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    out: &Outgoing<'_>,
    guard: Guard,
    part: &Part<'_>,
) -> Result<PartSent, StepError> {
    let conv = ev.conversation.key();
    let quote = if part.index == 0 { out.quote } else { None };
    let mut refusals = 0;
    loop {
        let ticket = pace::turn(e, &ev.conversation.number, part.to).await?;
        if cx.fenced() {
            return Err(StepError::Transient(
                "partition lease lost before sending".into(),
            ));
        }
        if let Guard::AiOwnsAt(version) = guard
            && !ownership::still_owned_by_ai(&cx.redis, &cx.keys, &conv, version).await?
        {
            info!(
                part = part.index,
                "owner changed during the AI turn; reply kept as a draft"
            );
            return Ok(PartSent::Withheld);
        }
        let result = e
            .graph
            .send_text_part(
                &ev.conversation.number,
                part.to,
                part.text,
                quote,
                Some(&ev.id),
            )
            .await;
        let err = match result {
            Ok(sent) => {
                mark_sent(cx, part.field, &sent.wamid).await?;
                return Ok(PartSent::Sent(sent.wamid));
            }
            Err(err) => err,
        };
        if pace::refused(e, ev, part.to, &ticket, &err, &mut refusals).await? {
            continue;
        }
        if err.is_retryable() {
            return Err(StepError::Transient(format!("whatsapp send: {err}")));
        }
        warn!(error = %err, code = ?err.code(), part = part.index, "WhatsApp refused the message; shown to humans, not retried");
        send_failed(cx, ev, out, &err).await?;
        return Ok(PartSent::Refused(err.to_string()));
    }
}

/// Marks a part sent in the event's journal (one `HSET`). Retried a few times, since losing
/// the mark means sending the part again. Nothing else is written for the status webhooks:
/// the first of them records the message (`status`), and until then the transcript line
/// that carries its wamid is what says Graph accepted it.
pub(super) async fn mark_sent(cx: &StepCx, field: &str, wamid: &str) -> Result<(), StepError> {
    let mut delay = std::time::Duration::from_millis(50);
    for _ in 0..5 {
        match cx.journal.mark(field, wamid).await {
            Ok(()) => return Ok(()),
            Err(e) => warn!(error = %e, "could not record a sent part yet; retrying"),
        }
        tokio::time::sleep(delay).await;
        delay *= 2;
    }
    cx.journal.mark(field, wamid).await.map_err(Into::into)
}

/// The bookkeeping of a sent message: the transcript line (with its parts' `wamids`, so the
/// console can show their delivery status) and the memory record. Both are idempotent (the append checks for its entry unless the attempt is pristine, and memory
/// stores each record id once), so a resumed attempt simply does them again.
pub(super) async fn record_sent(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    out: &Outgoing<'_>,
    wamids: &[String],
) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    let role = speaker(out.role);
    let mut entry = transcript::Entry::new(format!("{}:{}", ev.id, role.as_str()), role, out.text);
    entry.agent = out.agent.map(str::to_owned);
    entry.wamids = wamids.to_vec();
    if cx.journal.pristine_attempt() {
        transcript::append_new(&cx.redis, &cx.keys, &conv, &entry, redis::pipe()).await?;
    } else {
        transcript::append(&cx.redis, &cx.keys, &conv, &entry).await?;
    }
    let record = Record::Turn {
        id: entry.id.clone(),
        role: out.role,
        text: out.text.to_owned(),
        at_ms: now_ms(),
    };
    e.remember_as(&ev.conversation, record, cx.journal.pristine_attempt())
        .await
}

/// Keeps an AI reply the guard stopped as a draft for the human, once.
async fn withhold(cx: &StepCx, ev: &Event, prefix: &str, text: &str) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    let field = format!("{prefix}:draft");
    if cx.journal.is_done(&field).await? {
        return Ok(());
    }
    feed::save_draft(&cx.redis, &cx.keys, &conv, text).await?;
    let draft = ConsoleEvent::Draft {
        event_id: ev.id.clone(),
        text: text.to_owned(),
    };
    notify_once(cx, &field, &conv, draft).await
}

/// Records a message Graph refused, once: a transcript line and a `send_failed` console event.
async fn send_failed(
    cx: &StepCx,
    ev: &Event,
    out: &Outgoing<'_>,
    err: &GraphError,
) -> Result<(), StepError> {
    let problem = SendProblem {
        code: err.code(),
        error: err.to_string(),
        window_closed: err.window_closed(),
    };
    report_unsent(cx, ev, out, &problem).await
}

/// Why a message was not sent.
pub struct SendProblem {
    pub code: Option<i64>,
    pub error: String,
    pub window_closed: bool,
}

/// Shows humans a message that could not be sent (one payload shape for every cause).
pub async fn report_unsent(
    cx: &StepCx,
    ev: &Event,
    out: &Outgoing<'_>,
    problem: &SendProblem,
) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    let role = speaker(out.role);
    let line = format!(
        "A {} message could not be sent: {}",
        role.as_str(),
        problem.error
    );
    let id = format!("{}:{}:failed", ev.id, role.as_str());
    transcript::append(
        &cx.redis,
        &cx.keys,
        &conv,
        &transcript::Entry::new(id, Speaker::Event, line),
    )
    .await?;
    let failed = ConsoleEvent::SendFailed {
        event_id: ev.id.clone(),
        role,
        agent: out.agent.map(str::to_owned),
        text: out.text.to_owned(),
        code: problem.code,
        error: problem.error.clone(),
        window_closed: problem.window_closed,
    };
    // The mark holds the error, so a retry that finds it can still say why.
    let field = format!("{}:failed", out.prefix);
    notify_with(cx, &field, &problem.error, &conv, failed, |_| {}).await
}

/// Phone number when known (replies go there), else the business-scoped id.
pub(super) async fn recipient(cx: &StepCx, ev: &Event) -> Result<Recipient, StepError> {
    let c = &ev.conversation;
    if c.wa_id.is_some() || c.user_id.is_some() {
        return Ok(Recipient {
            wa_id: c.wa_id.clone(),
            user_id: c.user_id.clone(),
        });
    }
    let state = ownership::get(&cx.redis, &cx.keys, &c.key()).await?;
    Ok(Recipient {
        wa_id: state.wa_id,
        user_id: state.user_id.or_else(|| Some(c.customer.clone())),
    })
}
