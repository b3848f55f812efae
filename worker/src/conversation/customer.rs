//! An inbound customer message, from record to reply — decided once, then acted on.
//!
//! 0. A voice note is heard first (`media::hear`: downloaded, transcribed, journaled): its
//!    transcript is the message from here on, for every step below.
//! 1. Queue the customer's turn for memory (again on a retry, which memory absorbs; the
//!    transcript and the 24-hour window were recorded by the `record` step) — published while
//!    steps 2 to 5 run, both awaited to their end before the step ends.
//! 2. If this event already decided (its journal holds a plan), carry the plan out — resuming
//!    after whatever an earlier attempt did — and stop: the model is never called twice.
//! 3. If the message is the customer's end keyword (`handback`), hand the conversation back
//!    to the AI first. If a human owns the conversation, mirror the message to the console
//!    and stay silent. Messages needing no reply stop here; earlier messages of a coalesced burst are recorded
//!    as silent (the last one is answered for all).
//! 4. Decide: deterministic handoff signals first (a hit hands off without calling the LLM),
//!    else the AI turn with memory context and tools. Any failure of the LLM path hands off with
//!    reason `ai_failure`. The decision — the reply text and its version, or the handoff with its
//!    source, evidence (matched words, the model's tool call, or the failure), the memory
//!    context it had (fetched for a detector's handoff too: it is the human's snapshot) and the
//!    notice (the one saying when a person will be back when nobody is available:
//!    `availability`) — is recorded in the journal before the first effect (I8). A voice note
//!    that could not be transcribed is answered with a kind request to type it (or handed off,
//!    `TRANSCRIBE_ON_FAILURE`). Photos go to the model with the turn (`media`); when the model
//!    refuses images the turn is asked again without them, from the caption.
//! 5. Act: a reply is sent part by part only while the AI still owns the conversation at the
//!    version the turn started under (I5), else kept as a draft; a handoff runs its resumable
//!    effects (`handoff`).

use std::time::Duration;

use baton_shared::event::{Event, now_ms};
use baton_shared::state::{ConsoleEvent, HandoffReason, HandoffSource, Speaker};
use serde::{Deserialize, Serialize};
use tracing::{info, warn};

use super::effects::announce;
use super::handback;
use super::handoff::{self, Handoff};
use super::media::{self, Heard, TurnImages};
use super::record::Recorded;
use super::send::{self, Guard, Outgoing};
use super::settings::{Vision, VoiceFailure};
use super::state::{ownership, transcript};
use super::{Engine, availability, render, tools};
use crate::llm::LlmError;
use crate::memory::{Record, Role};
use crate::pipeline::{StepCx, StepError};
use crate::signals::pushback::{gratitude, pushback};
use crate::signals::{self, Context};

/// Detector runs at once in this process: one per core.
static DETECTORS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
});

/// What the engine decided for one customer message (the journal's `plan`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Plan {
    /// Recorded, not answered: an earlier message of a coalesced burst.
    Silent,
    /// The AI answers with `text`, if it still owns the conversation at `version`.
    Reply {
        text: String,
        version: u64,
        quote: Option<String>,
        unresolved: Unresolved,
    },
    /// The conversation goes to a human.
    Handoff {
        handoff: Handoff,
        unresolved: Unresolved,
    },
}

/// What the message does to the repeated-failure count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unresolved {
    Keep,
    /// The customer pushed back on the AI's last answer.
    Increment,
    /// The customer accepted it (or thanked).
    Reset,
}

pub async fn on_message(e: &Engine, cx: &StepCx, ev: &Event) -> Result<(), StepError> {
    let heard = media::hear(e, cx, ev).await?;
    let described = render::describe(ev);
    // The message for the detectors and the model; `shown`: for memory and the human mirror,
    // saying whether a voice note was transcribed.
    let text = match &heard {
        Some(Heard::Transcript { text }) => text.clone(),
        _ => described.clone(),
    };
    let shown = heard
        .as_ref()
        .map_or_else(|| described.clone(), |h| h.describe(&described));
    let at_ms = ev.meta_ts.map_or(ev.received_at_ms, |t| t * 1000);
    let turn = Record::Turn {
        id: ev.id.clone(),
        role: Role::Customer,
        text: shown.clone(),
        at_ms,
    };
    // The memory write is published while the turn runs, not before it: its confirm (a
    // quorum-queue commit) is off the reply's path. Both are awaited to the end — never one
    // cancelled midway by the other's failure — and either failing fails the step, which then
    // resumes from the journal and publishes again (memory stores each record id once).
    let remembered = e.remember_as(&ev.conversation, turn, cx.journal.pristine_attempt());
    let (remembered, turned) = tokio::join!(remembered, run_turn(e, cx, ev, heard, text, shown));
    remembered.and(turned)
}

/// Steps 2 to 5 for the message whose text the detectors and the model see (`text`) and
/// humans see (`shown`).
async fn run_turn(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    heard: Option<Heard>,
    text: String,
    shown: String,
) -> Result<(), StepError> {
    let conv = ev.conversation.key();
    if let Some(plan) = cx.journal.plan::<Plan>("plan").await? {
        info!("resuming what this message's processing decided");
        return act(e, cx, ev, plan).await;
    }
    // What the record step read and wrote, when nothing can have changed it since: a first
    // attempt, and no voice note heard in between (that rewrote the line and took a while).
    let recorded = cx
        .notes
        .take::<Recorded>()
        .filter(|_| cx.journal.pristine_attempt() && heard.is_none());
    let (state, known) = match recorded {
        Some(r) => (r.state, r.transcript),
        None => {
            let state = ownership::get(&cx.redis, &cx.keys, &conv).await?;
            ownership::ensure_indexed(&cx.redis, &cx.keys, &ev.conversation, &state).await?;
            (state, None)
        }
    };
    let state = handback::hand_back(e, cx, ev, &text, state).await?;
    if !state.is_ai() {
        let mirrored = ConsoleEvent::CustomerMessage {
            event_id: ev.id.clone(),
            text: shown,
            owner: state.owner,
            agent: state.agent.clone(),
        };
        announce(e, cx, "feed:customer", &conv, mirrored, |_| {}).await?;
        info!(owner = %state.owner, "a human owns the conversation; AI stays silent");
        return Ok(());
    }
    if render::needs_no_reply(ev) {
        return Ok(());
    }
    if cx.coalesced {
        info!("part of a burst; the burst's last message gets the answer");
        cx.journal.decide("plan", &Plan::Silent).await?;
        return Ok(());
    }
    let mut plan = match heard {
        Some(Heard::Failed { why }) => unheard(e, ev, &text, &state, &why).await,
        _ => {
            // Mark-as-read (with "typing…") goes out while the turn is decided — a Graph round
            // trip off the reply's path — and has ended by the time the plan is acted on.
            let decided = decide(e, cx, ev, &text, &state, known);
            let (_, plan) = tokio::join!(mark_read(e, ev), decided);
            plan?
        }
    };
    if let Plan::Handoff { handoff, .. } = &mut plan {
        availability::settle(e, cx, handoff, now_ms()).await;
    }
    let plan = cx.journal.decide("plan", &plan).await?;
    act(e, cx, ev, plan).await
}

/// Carries out a plan; every effect is journaled, so this resumes after a failure.
async fn act(e: &Engine, cx: &StepCx, ev: &Event, plan: Plan) -> Result<(), StepError> {
    match plan {
        Plan::Silent => Ok(()),
        Plan::Reply {
            text,
            version,
            quote,
            unresolved,
        } => {
            count(cx, ev, unresolved).await?;
            let out = Outgoing {
                prefix: "reply",
                role: Role::Ai,
                agent: None,
                text: &text,
                quote: quote.as_deref(),
            };
            send::deliver(e, cx, ev, &out, Guard::AiOwnsAt(version))
                .await
                .map(|_| ())
        }
        Plan::Handoff {
            handoff,
            unresolved,
        } => {
            count(cx, ev, unresolved).await?;
            handoff::hand_off(e, cx, ev, &handoff).await
        }
    }
}

/// A voice note nobody could transcribe: ask the customer kindly to type it, or hand off
/// (`TRANSCRIBE_ON_FAILURE`); never silence.
async fn unheard(e: &Engine, ev: &Event, text: &str, state: &ownership::State, why: &str) -> Plan {
    mark_read(e, ev).await;
    match e.settings.media.on_voice_failure {
        VoiceFailure::Ask => Plan::Reply {
            text: e.settings.text.voice_failed.clone(),
            version: state.version,
            quote: None,
            unresolved: Unresolved::Keep,
        },
        VoiceFailure::Handoff => Plan::Handoff {
            handoff: Handoff {
                reason: HandoffReason::AiFailure,
                summary: format!(
                    "The customer sent a voice note that could not be transcribed ({why}). Play it in the console."
                ),
                evidence: Some(format!("transcription failed: {why}")),
                notice: e.settings.text.handoff.clone(),
                source: Some(HandoffSource::AiFailure),
                context: memory_context(e, ev, text).await,
                unavailable: None,
            },
            unresolved: Unresolved::Keep,
        },
    }
}

/// Applies the repeated-failure count change once.
async fn count(cx: &StepCx, ev: &Event, u: Unresolved) -> Result<(), StepError> {
    if u == Unresolved::Keep || cx.journal.is_done("unresolved").await? {
        return Ok(());
    }
    let conv = ev.conversation.key();
    ownership::unresolved(&cx.redis, &cx.keys, &conv, u == Unresolved::Reset).await?;
    cx.journal.mark("unresolved", "1").await?;
    Ok(())
}

/// Decides what to do with a message the AI owns: a reply or a handoff. No effect on the
/// customer happens here (the caller marks the message read meanwhile, harmless to repeat).
async fn decide(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    text: &str,
    state: &ownership::State,
    known: Option<Vec<transcript::Entry>>,
) -> Result<Plan, StepError> {
    if render::is_unsupported(ev) {
        return Ok(Plan::Reply {
            text: e.settings.text.unsupported.clone(),
            version: state.version,
            quote: None,
            unresolved: Unresolved::Keep,
        });
    }
    let conv = ev.conversation.key();
    let recent = match known {
        Some(whole) => whole,
        None => transcript::recent(&cx.redis, &cx.keys, &conv, e.settings.transcript_turns).await?,
    };
    let unresolved = match unresolved_change(&recent, ev, text) {
        // Nothing to reset: no write.
        Unresolved::Reset if state.unresolved == 0 => Unresolved::Keep,
        u => u,
    };
    if let Some(handoff) = detect(e, ev, text, &recent, state, unresolved).await {
        return Ok(Plan::Handoff {
            handoff,
            unresolved,
        });
    }
    ai_turn(e, cx, ev, text, &recent, state, unresolved).await
}

/// Marks the message read and shows "typing…" (harmless to repeat; a failure is only logged).
async fn mark_read(e: &Engine, ev: &Event) {
    if let Err(err) = e
        .graph
        .mark_read(&ev.conversation.number, &ev.id, true)
        .await
    {
        warn!(error = %err, "mark-as-read failed; going on");
    }
}

/// The deterministic detectors; a hit hands off without calling the LLM. The memory context
/// is fetched anyway (bounded, skipped on failure) as the human's snapshot.
async fn detect(
    e: &Engine,
    ev: &Event,
    text: &str,
    recent: &[transcript::Entry],
    state: &ownership::State,
    unresolved: Unresolved,
) -> Option<Handoff> {
    let earlier: Vec<String> = recent
        .iter()
        .filter(|t| t.role == Speaker::Customer && t.id != ev.id)
        .map(|t| t.text.clone())
        .collect();
    let count = match unresolved {
        Unresolved::Increment => state.unresolved + 1,
        Unresolved::Reset => 0,
        Unresolved::Keep => state.unresolved,
    };
    // The detectors are CPU work (the meaning encoder a few milliseconds per message): off
    // the async threads, and no more at once than there are cores (each run's buffers would
    // otherwise stay in as many allocator arenas). A panic in them stays a panic of this step.
    let _permit = DETECTORS
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let config = e.settings.signals.clone();
    let owned = text.to_owned();
    let signal = tokio::task::spawn_blocking(move || {
        let sig_cx = Context {
            recent_customer_texts: &earlier,
            unresolved_ai_turns: count,
        };
        signals::decide(&config, &owned, &sig_cx)
    })
    .await
    .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
    info!(reason = signal.reason.as_str(), "handoff signal");
    Some(Handoff {
        reason: signal.reason,
        summary: format!("Detected {}: {}", signal.reason.as_str(), signal.evidence),
        evidence: Some(signal.evidence.clone()),
        notice: e.settings.text.handoff.clone(),
        source: Some(HandoffSource::Detector),
        context: memory_context(e, ev, text).await,
        unavailable: None,
    })
}

/// The AI turn: a reply, or a handoff (the model's call, or the AI path failing).
async fn ai_turn(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    text: &str,
    recent: &[transcript::Entry],
    state: &ownership::State,
    unresolved: Unresolved,
) -> Result<Plan, StepError> {
    let context = memory_context(e, ev, text).await;
    let images = media::images_for_turn(e, cx, ev, recent).await?;
    let prompt = |images: &TurnImages| {
        super::prompt::build(
            &e.settings.system_prompt,
            recent,
            context.as_deref(),
            ev,
            text,
            images,
        )
    };
    let runner = tools::Runner::new(e, ev);
    let specs = tools::specs(e);
    // The worker's own part of the reply's latency: everything from the delivery to the
    // model request (admission, claim, recording, state, detectors, memory context).
    metrics::histogram!("baton_worker_to_model_seconds")
        .record(cx.received.elapsed().as_secs_f64());
    let mut result = e.llm.run_turn(prompt(&images), &specs, &runner).await;
    let refused = match &result {
        Err(LlmError::NoVision(why)) => Some((true, why.clone())),
        Err(LlmError::BadImage(why)) => Some((false, why.clone())),
        _ => None,
    };
    if let Some((no_vision, why)) = refused.filter(|_| e.settings.media.vision == Vision::Auto) {
        if no_vision {
            media::remember_refusal(e, cx, &why).await?;
        }
        info!(
            no_vision,
            "answering again without the images, from the caption"
        );
        result = e
            .llm
            .run_turn(prompt(&images.without_images()), &specs, &runner)
            .await;
    }
    let handoff = match result {
        Ok(result) => {
            let reply = result.reply.filter(|r| !r.trim().is_empty());
            match (runner.handoff_requested(), reply) {
                (Some((reason, summary)), reply) => Handoff {
                    reason,
                    evidence: Some(tool_call(reason, &summary)),
                    summary,
                    notice: reply.unwrap_or_else(|| e.settings.text.handoff.clone()),
                    source: Some(HandoffSource::Model),
                    context,
                    unavailable: None,
                },
                (None, Some(reply)) => {
                    return Ok(Plan::Reply {
                        text: reply,
                        version: state.version,
                        quote: quote_target(recent, ev),
                        unresolved,
                    });
                }
                (None, None) => ai_failure(e, "the model returned no reply", context),
            }
        }
        Err(err) => {
            warn!(error = %err, "AI turn failed; handing off");
            ai_failure(e, &err.to_string(), context)
        }
    };
    Ok(Plan::Handoff {
        handoff,
        unresolved,
    })
}

/// The model's `hand_off_to_human` call as evidence: its reason and summary.
fn tool_call(reason: HandoffReason, summary: &str) -> String {
    let args = serde_json::json!({ "reason": reason, "summary": summary });
    format!("hand_off_to_human({args})")
}

fn ai_failure(e: &Engine, why: &str, context: Option<String>) -> Handoff {
    Handoff {
        reason: HandoffReason::AiFailure,
        summary: format!(
            "The AI could not answer ({why}). Customer's last message needs a person."
        ),
        evidence: Some(why.to_owned()),
        notice: e.settings.text.ai_failure.clone(),
        source: Some(HandoffSource::AiFailure),
        context,
        unavailable: None,
    }
}

/// Quote the customer's message when they have written more since (the reply would
/// otherwise read as an answer to the latest one).
fn quote_target(recent: &[transcript::Entry], ev: &Event) -> Option<String> {
    let last_customer = recent
        .iter()
        .rev()
        .find(|t| t.role == Speaker::Customer)
        .map(|t| t.id.as_str());
    (last_customer != Some(ev.id.as_str())).then(|| ev.id.clone())
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
/// ("that didn't help", "still not working", …) — counted; any other answer to an AI reply,
/// or thanks, resets the count. Two in a row trigger the `repeated_failure` signal.
fn unresolved_change(recent: &[transcript::Entry], ev: &Event, text: &str) -> Unresolved {
    let before = recent.iter().rev().skip_while(|t| t.id != ev.id).nth(1);
    if before.is_none_or(|t| t.role != Speaker::Ai) {
        return if gratitude(text) {
            Unresolved::Reset
        } else {
            Unresolved::Keep
        };
    }
    if pushback(text) {
        Unresolved::Increment
    } else {
        Unresolved::Reset
    }
}
