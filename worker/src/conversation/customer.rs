//! An inbound customer message, from record to reply.
//!
//! 1. Queue the customer's turn for memory (the transcript and the 24-hour window were
//!    recorded by the `record` step).
//! 2. If a human owns the conversation, mirror the message to the console and stay silent.
//!    Earlier messages of a coalesced burst stop here: the last one is answered for all.
//! 3. Reserve the right to answer this message once (I4: at most one AI reply per inbound,
//!    across redeliveries and crashes), mark it read with the typing indicator.
//! 4. Deterministic handoff signals; on a hit, hand off without calling the LLM.
//! 5. The AI turn with memory context and tools; its reply is sent only if the AI still owns
//!    the conversation at the version the turn started under (I5), else kept as a draft.
//!    Any failure of the LLM path hands off with reason `ai_failure`.

use std::time::Duration;

use baton_shared::event::Event;
use serde_json::json;
use tracing::{info, warn};

use super::render;
use super::state::{feed, ownership, transcript};
use super::{Engine, send, tools};
use crate::memory::{Record, Role};
use crate::pipeline::{StepCx, StepError};
use crate::signals::{self, Context};

const RESERVATION_SECS: u64 = 8 * 24 * 3600;

pub async fn on_message(e: &Engine, cx: &StepCx, ev: &Event) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    let text = render::describe(ev);
    let at_ms = ev.meta_ts.map_or(ev.received_at_ms, |t| t * 1000);
    e.remember(
        &ev.conversation,
        Record::Turn {
            id: ev.id.clone(),
            role: Role::Customer,
            text: text.clone(),
            at_ms,
        },
    )
    .await?;
    let state = ownership::get(&cx.redis, &cx.keys, &conv).await?;
    if !state.is_ai() {
        let payload =
            json!({ "event_id": ev.id, "text": text, "owner": state.owner, "agent": state.agent });
        feed::emit(&cx.redis, &cx.keys, "customer_message", &conv, payload).await?;
        info!(owner = %state.owner, "a human owns the conversation; AI stays silent");
        return Ok(());
    }
    if render::needs_no_reply(ev) {
        return Ok(());
    }
    if cx.coalesced {
        info!("part of a burst; the burst's last message gets the answer");
        return Ok(());
    }
    if gratitude(&text) {
        ownership::unresolved(&cx.redis, &cx.keys, &conv, true).await?;
    }
    if !ownership::reserve_reply(&cx.redis, &cx.keys, &ev.id, RESERVATION_SECS).await? {
        info!("already answered (or answering) this message; no second reply");
        return Ok(());
    }
    let result = turn(e, cx, ev, &text, &state).await;
    if matches!(result, Err(StepError::Transient(_))) {
        // Nothing was sent: let the retry answer.
        ownership::unreserve_reply(&cx.redis, &cx.keys, &ev.id).await?;
    }
    result
}

async fn turn(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    text: &str,
    state: &ownership::State,
) -> Result<(), StepError> {
    if let Err(err) = e
        .graph
        .mark_read(&ev.conversation.number, &ev.id, true)
        .await
    {
        warn!(error = %err, "mark-as-read failed; going on");
    }
    if render::is_unsupported(ev) {
        return send::ai_reply(e, cx, ev, state.version, &e.settings.text.unsupported).await;
    }
    let conv = ev.conversation.key();
    let recent =
        transcript::recent(&cx.redis, &cx.keys, &conv, e.settings.transcript_turns).await?;
    let earlier: Vec<String> = recent
        .iter()
        .filter(|t| t.role == "customer" && t.id != ev.id)
        .map(|t| t.text.clone())
        .collect();
    let unresolved = count_unresolved(cx, &conv, &recent, ev, text, state.unresolved).await?;
    let sig_cx = Context {
        recent_customer_texts: &earlier,
        unresolved_ai_turns: unresolved,
    };
    if let Some(signal) = signals::decide(&e.settings.signals, text, &sig_cx) {
        info!(reason = signal.reason.as_str(), "handoff signal");
        let summary = format!("Detected {}: {}", signal.reason.as_str(), signal.evidence);
        let notice = e.settings.text.handoff.clone();
        return send::handoff(
            e,
            cx,
            ev,
            signal.reason.as_str(),
            &summary,
            Some(&signal.evidence),
            &notice,
        )
        .await;
    }
    let context = memory_context(e, ev, text).await;
    let messages = super::prompt::build(
        &e.settings.system_prompt,
        &recent,
        context.as_deref(),
        ev,
        text,
    );
    let runner = tools::Runner::new(e, ev);
    let specs = tools::specs(e);
    match e.llm.run_turn(messages, &specs, &runner).await {
        Ok(result) => {
            if let Some((reason, summary)) = runner.handoff_requested() {
                let notice = result
                    .reply
                    .filter(|r| !r.trim().is_empty())
                    .unwrap_or_else(|| e.settings.text.handoff.clone());
                return send::handoff(e, cx, ev, &reason, &summary, None, &notice).await;
            }
            match result.reply.filter(|r| !r.trim().is_empty()) {
                Some(reply) => send::ai_reply(e, cx, ev, state.version, &reply).await,
                None => ai_failure(e, cx, ev, "the model returned no reply").await,
            }
        }
        Err(err) => {
            warn!(error = %err, "AI turn failed; handing off");
            ai_failure(e, cx, ev, &err.to_string()).await
        }
    }
}

async fn ai_failure(e: &Engine, cx: &StepCx, ev: &Event, why: &str) -> Result<(), StepError> {
    let summary =
        format!("The AI could not answer ({why}). Customer's last message needs a person.");
    let notice = e.settings.text.ai_failure.clone();
    send::handoff(e, cx, ev, "ai_failure", &summary, Some(why), &notice).await
}

/// User-scope memory context, fast: bounded by the memory fetch timeout; on any failure the
/// turn goes on without it.
async fn memory_context(e: &Engine, ev: &Event, text: &str) -> Option<String> {
    let who = super::identity(&ev.conversation);
    let limit = e.settings.memory.fetch_timeout + Duration::from_millis(50);
    match tokio::time::timeout(limit, e.memory.context(&who, text)).await {
        Ok(Ok(c)) if !c.trim().is_empty() => Some(c),
        Ok(Ok(_)) => None,
        Ok(Err(err)) => {
            warn!(error = %err, "memory context unavailable; answering without it");
            None
        }
        Err(_) => {
            warn!("memory context timed out; answering without it");
            None
        }
    }
}

/// "The AI tried and did not resolve it": the customer's answer to an AI reply pushes back
/// ("that didn't help", "still not working", …) — counted; any other answer to an AI reply
/// resets the count. Two in a row trigger the `repeated_failure` signal.
async fn count_unresolved(
    cx: &StepCx,
    conv: &str,
    recent: &[transcript::Entry],
    ev: &Event,
    text: &str,
    stored: u32,
) -> Result<u32, StepError> {
    let before = recent.iter().rev().skip_while(|t| t.id != ev.id).nth(1);
    if before.is_none_or(|t| t.role != "ai") {
        return Ok(stored);
    }
    if pushback(text) {
        ownership::unresolved(&cx.redis, &cx.keys, conv, false).await?;
        Ok(stored + 1)
    } else {
        ownership::unresolved(&cx.redis, &cx.keys, conv, true).await?;
        Ok(0)
    }
}

/// The customer says the last answer did not solve it (en, es, pt, fr, de).
fn pushback(text: &str) -> bool {
    let t = text.to_lowercase().replace('’', "'");
    [
        "didn't help",
        "did not help",
        "doesn't help",
        "not helpful",
        "not what i",
        "that's not",
        "still not",
        "still doesn't",
        "still don't",
        "still no ",
        "didn't work",
        "doesn't work",
        "not working",
        "wrong answer",
        "you don't understand",
        "that's wrong",
        "no sirve",
        "no me ayuda",
        "no me ayudó",
        "sigue sin",
        "no es lo que",
        "não ajudou",
        "não ajuda",
        "não é isso",
        "ainda não",
        "ça n'aide pas",
        "toujours pas",
        "ce n'est pas ce",
        "hilft nicht",
        "immer noch nicht",
        "das ist nicht",
    ]
    .iter()
    .any(|p| t.contains(p))
}

/// A customer saying thanks/solved resets the repeated-failure count.
fn gratitude(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "thank",
        "thx",
        "gracias",
        "obrigad",
        "merci",
        "danke",
        "perfect",
        "solved",
        "that worked",
    ]
    .iter()
    .any(|w| t.contains(w))
}

#[cfg(test)]
mod tests {
    use super::pushback;

    #[test]
    fn pushback_is_recognised_in_five_languages() {
        for t in [
            "That didn't help at all",
            "It’s still not working",
            "No sirve lo que me dices",
            "Isso não ajudou",
            "Ça n'aide pas",
            "Das hilft nicht",
        ] {
            assert!(pushback(t), "{t}");
        }
        for t in [
            "Thanks!",
            "And how long does delivery take?",
            "Do you have it in blue?",
        ] {
            assert!(!pushback(t), "{t}");
        }
    }
}
