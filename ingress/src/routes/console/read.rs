//! `GET /api/v1/conversations` (list) and `GET /api/v1/conversations/{customer}` (detail).
//!
//! The list walks the per-owner indexes (`baton_shared::state::index`): pending handoffs
//! first, longest-waiting first; then human-owned and AI-owned conversations, most recent
//! change first. `?owner=` picks one of them, `?number=` one business number, `limit`
//! (default 50, at most 200) and `offset` page through. Each row costs one pipelined round
//! trip (the hash and the newest transcript line). The detail reads the hash, the transcript
//! (`?transcript=`, default 100, 1 to 200 lines), the last handoff, the failures and the
//! drafts, concurrently, then the delivery status of every sent part the transcript names
//! (one pipelined round trip, `baton_shared::state::delivery`).

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use baton_shared::event::now_ms;
use baton_shared::state::{Owner, delivery, failures, feed, handoff, index, transcript};

use super::Console;
use super::auth::Agent;
use super::find::find;
use super::views::{Detail, Summary, Turn};
use crate::AppState;
use crate::error::ApiError;

/// Index entries fetched per round trip while paging.
const CHUNK: usize = 200;

/// The query string, or a 400.
pub fn params(
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<HashMap<String, String>, ApiError> {
    q.map(|Query(m)| m)
        .map_err(|e| ApiError::BadRequest(e.body_text()))
}

/// A numeric parameter in `0..=max`, or `default`.
pub fn number_param(
    q: &HashMap<String, String>,
    name: &str,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    match q.get(name) {
        None => Ok(default),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= max)
            .ok_or_else(|| ApiError::BadRequest(format!("{name}: expected 0 to {max}"))),
    }
}

#[derive(serde::Serialize)]
pub struct List {
    pub conversations: Vec<Summary>,
    pub limit: usize,
    pub offset: usize,
}

pub async fn list(
    State(state): State<AppState>,
    _agent: Agent,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<List>, ApiError> {
    let q = params(q)?;
    let owners = match q.get("owner") {
        None => vec![Owner::PendingHuman, Owner::Human, Owner::Ai],
        Some(o) => vec![Owner::parse(o).ok_or_else(|| {
            ApiError::BadRequest("owner: expected pending_human, human or ai".into())
        })?],
    };
    let limit = number_param(&q, "limit", 50, 200)?.max(1);
    let offset = number_param(&q, "offset", 0, 1_000_000)?;
    let prefix = match q.get("number") {
        Some(_) => Some(format!(
            "{}:",
            super::find::number(&state.console, &q).await?
        )),
        None => None,
    };
    let members = page(&state.console, &owners, prefix.as_deref(), offset, limit).await?;
    let rows = index::rows(&state.console.redis, &state.console.keys, &members).await?;
    let now = now_ms();
    Ok(Json(List {
        conversations: rows.iter().map(|r| Summary::of_row(r, now)).collect(),
        limit,
        offset,
    }))
}

/// The `offset..offset+limit` members of the owners' indexes, in order, on one number.
async fn page(
    console: &Console,
    owners: &[Owner],
    prefix: Option<&str>,
    offset: usize,
    limit: usize,
) -> Result<Vec<(String, i64)>, ApiError> {
    let mut skip = offset;
    let mut out = Vec::new();
    for owner in owners {
        let mut start = 0;
        loop {
            let chunk = index::owned(&console.redis, &console.keys, *owner, start, CHUNK).await?;
            let n = chunk.len();
            for m in chunk {
                if prefix.is_some_and(|p| !m.0.starts_with(p)) {
                    continue;
                }
                if skip > 0 {
                    skip -= 1;
                } else if out.len() < limit {
                    out.push(m);
                }
            }
            if out.len() >= limit {
                return Ok(out);
            }
            if n < CHUNK {
                break;
            }
            start += CHUNK;
        }
    }
    Ok(out)
}

pub async fn detail(
    State(state): State<AppState>,
    _agent: Agent,
    Path(customer): Path<String>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Detail>, ApiError> {
    let q = params(q)?;
    let lines = number_param(&q, "transcript", 100, transcript::CAP as usize)?.max(1);
    let c = &state.console;
    let found = find(c, &customer, &q).await?;
    let (key, pool, keys) = (&found.key, &c.redis, &c.keys);
    let (lines, last, failed, drafts) = tokio::try_join!(
        transcript::recent(pool, keys, key, lines),
        handoff::last(pool, keys, key),
        failures::recent(pool, keys, key),
        feed::drafts(pool, keys, key),
    )?;
    let sent: Vec<(&str, i64)> = lines
        .iter()
        .flat_map(|l| l.wamids.iter().map(|w| (w.as_str(), l.at_ms)))
        .collect();
    let statuses = delivery::statuses(pool, keys, &sent, now_ms()).await?;
    let (handoff, memory_context) = Detail::split_handoff(last);
    let mut summary = Summary::new(key, &found.state, None, now_ms());
    summary.last_message = lines.last().map(Turn::from);
    Ok(Json(Detail {
        summary,
        handoff,
        memory_context,
        transcript: lines
            .iter()
            .map(|l| Turn::with_delivery(l, &statuses))
            .collect(),
        failures: failed,
        draft: drafts.into_iter().next(),
    }))
}
