//! The console's commands: claim, takeover, reply, release, template — and the outcome of one.
//!
//! Each request becomes one event on the conversation's partition (`Event::command`), published
//! with a publisher confirm, so it is ordered with the customer's messages and survives any
//! process. A command that hands the conversation to a human (claim, takeover, reply,
//! template) also changes the owner at once, right after publishing ([`apply_at_once`]): an AI
//! turn already running sees it at its send-time check and keeps its reply as a draft. A reply
//! or template records the human's activity before it is published ([`touch_activity`]), so an
//! inactivity release already on its way does not apply. Its id is derived from the `Idempotency-Key` header when there is one (the same key
//! from the same agent for the same command and conversation is the same event, and the
//! worker's dedupe makes it one command), else random. The worker records each command's
//! outcome (`baton_shared::state::command`); the request waits for it, polling with a growing
//! interval for at most `CONSOLE_COMMAND_WAIT` (never a blocking read on the shared
//! connection), and answers:
//!
//! - 200 with the outcome when it applied;
//! - 409 `{error, reason, outcome}` when it was refused (a claim another agent won, a release
//!   of an AI conversation, …);
//! - 502 `{error, reason: "send_failed", outcome}` when WhatsApp refused the message;
//! - 202 `{status: "accepted", command_id}` when the worker has not answered in time (the
//!   command still runs; `GET /api/v1/commands/{id}` or the same request again tells how it
//!   ended).
//!
//! A retried request whose outcome is already recorded is answered from it without publishing;
//! one that reuses a key for a different request (another fingerprint) gets 422. A free-form
//! reply more than 24 hours after the customer's last message is refused here with 409
//! `window_closed` before anything is published (the worker refuses it too, should the window
//! close in between): only a template can reach the customer then.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use baton_shared::event::{Command, Event, Template, command_id, now_ms};
use baton_shared::state::activity;
use baton_shared::state::command::{self as outcomes, CommandOutcome, OutcomeStatus};
use baton_shared::state::transition::{self, Request, Transition};
use baton_shared::telemetry;
use serde::Deserialize;
use serde_json::json;
use tracing::Instrument;

use super::auth::Agent;
use super::body::ApiJson;
use super::find::{Found, find};
use super::read::params;
use crate::AppState;
use crate::error::ApiError;

/// Longest reply text accepted (the worker splits it into 4,096-character messages).
const MAX_TEXT: usize = 16 * 1024;
const MAX_NOTE: usize = 4 * 1024;

type Q = Result<Query<HashMap<String, String>>, QueryRejection>;

pub async fn claim(
    State(s): State<AppState>,
    agent: Agent,
    Path(customer): Path<String>,
    q: Q,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    run(&s, &agent, &customer, params(q)?, &headers, Command::Claim).await
}

pub async fn takeover(
    State(s): State<AppState>,
    agent: Agent,
    Path(customer): Path<String>,
    q: Q,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    run(
        &s,
        &agent,
        &customer,
        params(q)?,
        &headers,
        Command::Takeover,
    )
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyBody {
    text: String,
}

pub async fn reply(
    State(s): State<AppState>,
    agent: Agent,
    Path(customer): Path<String>,
    q: Q,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ReplyBody>,
) -> Result<Response, ApiError> {
    let text = checked_text("text", &body.text, MAX_TEXT)?;
    let cmd = Command::Reply { text };
    run(&s, &agent, &customer, params(q)?, &headers, cmd).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseBody {
    #[serde(default)]
    note: Option<String>,
}

pub async fn release(
    State(s): State<AppState>,
    agent: Agent,
    Path(customer): Path<String>,
    q: Q,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ReleaseBody>,
) -> Result<Response, ApiError> {
    let note = match body.note.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(n) => Some(checked_text("note", n, MAX_NOTE)?),
    };
    let cmd = Command::Release { note };
    run(&s, &agent, &customer, params(q)?, &headers, cmd).await
}

pub async fn template(
    State(s): State<AppState>,
    agent: Agent,
    Path(customer): Path<String>,
    q: Q,
    headers: HeaderMap,
    ApiJson(t): ApiJson<TemplateBody>,
) -> Result<Response, ApiError> {
    let cmd = Command::Template(t.checked()?);
    run(&s, &agent, &customer, params(q)?, &headers, cmd).await
}

/// `{"name": …, "language": …, "parameters": [...]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateBody {
    name: String,
    language: String,
    #[serde(default)]
    parameters: Vec<String>,
}

impl TemplateBody {
    fn checked(self) -> Result<Template, ApiError> {
        let name_ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
        if self.name.is_empty() || self.name.len() > 512 || !self.name.chars().all(name_ok) {
            return Err(ApiError::BadRequest(
                "name: an approved template's name (a-z, 0-9, _)".into(),
            ));
        }
        let lang_ok = |c: char| c.is_ascii_alphabetic() || c == '_';
        let l = &self.language;
        if l.len() < 2 || l.len() > 15 || !l.chars().all(lang_ok) {
            return Err(ApiError::BadRequest(
                "language: a language code such as en_US or pt_BR".into(),
            ));
        }
        if self.parameters.len() > 20 {
            return Err(ApiError::BadRequest("parameters: at most 20".into()));
        }
        let parameters = self
            .parameters
            .iter()
            .map(|p| checked_text("parameters", p, 1024))
            .collect::<Result<_, _>>()?;
        Ok(Template {
            name: self.name,
            language: self.language,
            parameters,
        })
    }
}

/// A non-blank text of at most `max` characters, trimmed.
fn checked_text(field: &str, text: &str, max: usize) -> Result<String, ApiError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ApiError::BadRequest(format!("{field}: must not be empty")));
    }
    if t.chars().count() > max {
        return Err(ApiError::BadRequest(format!(
            "{field}: at most {max} characters"
        )));
    }
    Ok(t.to_owned())
}

/// The `Idempotency-Key` header, if any (1–255 visible ASCII characters).
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(v) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = v.to_str().ok().map(str::trim).filter(|k| {
        !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
    });
    key.map(|k| Some(k.to_owned())).ok_or_else(|| {
        ApiError::BadRequest("Idempotency-Key: 1-255 visible ASCII characters".into())
    })
}

/// Publishes `cmd` (unless its outcome is already known) and answers with its outcome; one
/// span per command, continued by the worker through the event's trace headers.
async fn run(
    s: &AppState,
    agent: &str,
    customer: &str,
    q: HashMap<String, String>,
    headers: &HeaderMap,
    cmd: Command,
) -> Result<Response, ApiError> {
    let span = tracing::info_span!(
        "console.command",
        command = cmd.kind().as_str(),
        agent,
        id = tracing::field::Empty
    );
    execute(s, agent, customer, q, headers, cmd)
        .instrument(span)
        .await
}

async fn execute(
    s: &AppState,
    agent: &str,
    customer: &str,
    q: HashMap<String, String>,
    headers: &HeaderMap,
    cmd: Command,
) -> Result<Response, ApiError> {
    let key = idempotency_key(headers)?;
    let found = find(&s.console, customer, &q).await?;
    let id = command_id(cmd.kind(), agent, &found.key, key.as_deref());
    tracing::Span::current().record("id", id.as_str());
    if key.is_some()
        && let Some(o) = outcomes::get(&s.console.redis, &s.console.keys, &id).await?
    {
        return answer(o, &cmd);
    }
    precheck(&found, &cmd)?;
    let event = Event::command(&cmd, found.conversation(), agent, id.clone());
    touch_activity(s, &found, &cmd).await;
    s.publisher
        .publish_event(&event, telemetry::inject_current())
        .await?;
    metrics::counter!("baton_ingress_console_commands_total", "command" => cmd.kind().as_str())
        .increment(1);
    apply_at_once(s, &found, agent, &id, &cmd).await;
    tracing::info!(command = cmd.kind().as_str(), agent, customer = %telemetry::mask(&found.customer), "console command published");
    match wait_outcome(s, &id).await? {
        Some(o) => answer(o, &cmd),
        None => Ok(accepted(&id)),
    }
}

/// A command that hands the conversation to a human (claim, takeover, and the implicit
/// takeover of a reply or template) changes the owner now, right after it was published: an
/// AI turn already running for an earlier message sees the new owner at its send-time check
/// (I5) and keeps its reply as a draft, instead of the command waiting behind it in the
/// conversation's lane. The transition carries the command's id, so the worker finds it
/// applied by this command and records it in order; if this fails (or ingress dies first)
/// the worker applies it then. A release is not applied here: it must not overtake the
/// agent's own earlier messages still in the lane.
async fn apply_at_once(s: &AppState, found: &Found, agent: &str, id: &str, cmd: &Command) {
    let transition = match cmd {
        Command::Claim => Transition::Claim,
        Command::Takeover | Command::Reply { .. } | Command::Template(_) => Transition::Takeover,
        Command::Release { .. } => return,
    };
    let req = Request {
        transition,
        agent: Some(agent),
        reason: None,
        summary: None,
        cause: id,
    };
    let (redis, keys) = (&s.console.redis, &s.console.keys);
    match transition::apply(redis, keys, &found.key, &req).await {
        Ok(applied) => tracing::debug!(?applied, "owner changed at once"),
        Err(e) => tracing::warn!(error = %e, "could not change the owner at once; the worker will"),
    }
}

/// A human message counts as activity from the moment it is asked for, before its event
/// exists: an inactivity release the sweeper published earlier then does not apply, even if
/// the worker reaches it first (the worker records the activity again as it sends). Harmless
/// if the publish then fails: the release only waits longer.
async fn touch_activity(s: &AppState, found: &Found, cmd: &Command) {
    if !matches!(cmd, Command::Reply { .. } | Command::Template(_)) {
        return;
    }
    let (redis, keys) = (&s.console.redis, &s.console.keys);
    if let Err(e) = activity::touch(redis, keys, &found.key, now_ms()).await {
        tracing::warn!(error = %e, "could not record the activity at once; the worker will");
    }
}

/// What ingress refuses before publishing: free-form text outside the 24-hour window.
fn precheck(found: &Found, cmd: &Command) -> Result<(), ApiError> {
    if matches!(cmd, Command::Reply { .. }) && !found.state.window_open(now_ms()) {
        return Err(ApiError::Conflict {
            reason: "window_closed",
            message: "more than 24 hours since the customer's last message: free-form \
                      replies cannot be sent, send an approved template"
                .into(),
            outcome: None,
        });
    }
    Ok(())
}

/// Polls for the outcome of `id` until `CONSOLE_COMMAND_WAIT` passes.
async fn wait_outcome(s: &AppState, id: &str) -> Result<Option<CommandOutcome>, ApiError> {
    let until = Instant::now() + s.console.wait;
    let mut pause = Duration::from_millis(20);
    loop {
        if let Some(o) = outcomes::get(&s.console.redis, &s.console.keys, id).await? {
            return Ok(Some(o));
        }
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        tokio::time::sleep(pause.min(left)).await;
        pause = (pause * 3 / 2).min(Duration::from_millis(250));
    }
}

fn accepted(id: &str) -> Response {
    let body = json!({
        "status": "accepted",
        "command_id": id,
        "message": "the worker has not finished yet; GET /api/v1/commands/{id} or repeat the request with the same Idempotency-Key",
    });
    (StatusCode::ACCEPTED, Json(body)).into_response()
}

/// The answer for a recorded outcome (422 when it belongs to a different request).
fn answer(o: CommandOutcome, cmd: &Command) -> Result<Response, ApiError> {
    if o.fingerprint
        .as_deref()
        .is_some_and(|f| f != cmd.fingerprint())
    {
        return Err(ApiError::KeyReused);
    }
    outcome_response(o)
}

fn outcome_response(o: CommandOutcome) -> Result<Response, ApiError> {
    let message = o.message.clone().unwrap_or_default();
    match o.status {
        OutcomeStatus::Applied => Ok(Json(o).into_response()),
        OutcomeStatus::Refused => Err(ApiError::Conflict {
            reason: o.reason.map_or("refused", |r| r.as_str()),
            message,
            outcome: Some(Box::new(o)),
        }),
        OutcomeStatus::Failed => Err(ApiError::SendFailed {
            message: format!("WhatsApp refused the message: {message}"),
            outcome: Box::new(o),
        }),
    }
}

/// `GET /api/v1/commands/{id}`: the outcome of one of the caller's commands (404 until the
/// worker recorded it, and for other agents' commands).
pub async fn outcome(
    State(s): State<AppState>,
    agent: Agent,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let unknown = || ApiError::NotFound("no outcome recorded for this command (yet)".into());
    if id.len() > 128
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-:".contains(c))
    {
        return Err(unknown());
    }
    let o = outcomes::get(&s.console.redis, &s.console.keys, &id)
        .await?
        .filter(|o| o.agent == *agent)
        .ok_or_else(unknown)?;
    outcome_response(o)
}
