//! `GET /api/v1/sends` and `POST /api/v1/sends/resume`: the sends circuit breaker
//! (`baton_shared::state::breaker`) as agents see it, and the console's way to close it.
//!
//! When Meta refuses a send with an account-level code (spec §6.2: 131048, 368, 131031,
//! 131042, 190, 0) every worker stops sending until someone resumes; the replies wait, nothing
//! is lost. The status route says whether sends are paused, since when and why (the page shows
//! a banner); the resume route closes the breaker — the same as `worker sends resume` — and the
//! `sends_resumed` console event names the agent who did it. Any console agent may resume: the
//! people who answer the customers are the ones who see the banner, and resuming before the
//! cause is fixed costs one refused send (the breaker opens again on it), never a lost reply.
//!
//! How it fails: Redis unreachable → 503 (`crate::error`); resuming when nothing is paused is
//! not an error (`{"resumed": false}`), so a double click or two agents at once are harmless.

use axum::Json;
use axum::extract::State;
use baton_shared::event::now_ms;
use baton_shared::state::breaker::{self, Paused};
use serde::Serialize;

use super::auth::Agent;
use crate::AppState;
use crate::error::ApiError;

/// Whether every send is paused.
#[derive(Serialize)]
pub struct Status {
    /// `null` while sends run.
    pub paused: Option<Paused>,
}

pub async fn status(State(s): State<AppState>, _agent: Agent) -> Result<Json<Status>, ApiError> {
    let paused = breaker::get(&s.console.redis, &s.console.keys).await?;
    Ok(Json(Status { paused }))
}

/// What a resume did.
#[derive(Serialize)]
pub struct Resumed {
    /// False when sends were not paused (nothing changed).
    pub resumed: bool,
    /// What had paused them, and for how long (ms).
    pub paused: Option<Paused>,
    pub paused_for_ms: Option<i64>,
}

pub async fn resume(State(s): State<AppState>, agent: Agent) -> Result<Json<Resumed>, ApiError> {
    let was = breaker::resume(&s.console.redis, &s.console.keys, &agent).await?;
    if let Some(p) = &was {
        tracing::warn!(
            agent = &*agent,
            code = p.code,
            paused_for_ms = now_ms() - p.since_ms,
            "sends resumed from the console"
        );
    }
    Ok(Json(Resumed {
        resumed: was.is_some(),
        paused_for_ms: was.as_ref().map(|p| now_ms() - p.since_ms),
        paused: was,
    }))
}
