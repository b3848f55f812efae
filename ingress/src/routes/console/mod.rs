//! The console JSON API (ARCHITECTURE §8): what human agents use to see conversations and act
//! on them. Routes, all under `Authorization: Bearer <token>` or the `baton_console` cookie
//! ([`auth`]):
//!
//! | route | |
//! |---|---|
//! | `GET /api/v1/conversations?owner=&number=&limit=&offset=` | list ([`read::list`]) |
//! | `GET /api/v1/conversations/{customer}?number=&transcript=` | detail ([`read::detail`]) |
//! | `POST /api/v1/conversations/{customer}/{claim,takeover,reply,release,template}` | commands ([`commands`]) |
//! | `GET /api/v1/conversations/{customer}/media/{media_id}` | a customer's media, proxied from Meta ([`media`]) |
//! | `GET /api/v1/commands/{id}` | a command's outcome, for a request answered 202 |
//! | `GET /api/v1/sends`, `POST /api/v1/sends/resume` | the sends circuit breaker: status, resume ([`sends`]) |
//! | `GET /api/v1/events?conversation=` | server-sent events ([`sse`]) |
//! | `POST /console/login`, `POST /console/logout` | set or clear the cookie |
//! | `GET /console`, `/console/app.js`, `/console/app.css` | the agents' web page ([`page`]) |
//!
//! Reads come from the conversation read model in Redis (`baton_shared::state`), which the
//! worker writes; ingress never calls the memory service or the LLM, and calls WhatsApp only to
//! fetch a customer's media for an agent ([`media`]). Commands are
//! published as events on the conversation's partition (ordered with the customer's messages)
//! and the request waits, bounded, for the outcome the worker records.
//!
//! How it fails: Redis is needed by the console only — the shared connection is lazy, so the
//! webhook path neither waits for nor depends on it; while Redis is unreachable every console
//! route answers 503 (the broker likewise for commands). Errors are JSON `{"error": …}`
//! (`crate::error`). Everything a customer wrote is returned as JSON string data, never as
//! markup: every answer carries `X-Content-Type-Options: nosniff` and `Cache-Control:
//! no-store`.

pub mod auth;
mod body;
pub mod commands;
mod find;
pub mod media;
pub mod page;
pub mod presence;
pub mod read;
pub mod sends;
pub mod sse;
mod views;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::{get, post};
use baton_shared::config::Config;
use baton_shared::redis::{Keys, Pool};
use tokio_util::sync::CancellationToken;

use crate::AppState;

/// Console request bodies are small JSON objects.
const BODY_LIMIT: usize = 64 * 1024;

/// What the console routes share.
pub struct Console {
    pub redis: Pool,
    pub keys: Keys,
    pub tokens: auth::Tokens,
    /// `CONSOLE_COMMAND_WAIT`.
    pub wait: Duration,
    /// `WABA_PHONE_NUMBER_ID`: the business number `{customer}` is on unless `?number=` says.
    pub default_number: Option<String>,
    pub hub: sse::Hub,
    /// Downloads customers' media from the Graph API for [`media`].
    pub media: baton_shared::media::MediaClient,
    /// Ends server-sent event streams at shutdown (they would hold a graceful stop forever).
    pub shutdown: CancellationToken,
}

impl Console {
    /// Builds the console's state; connects nothing yet (Redis is reached on first use).
    pub fn new(config: &Config, shutdown: CancellationToken) -> anyhow::Result<Console> {
        let keys = Keys::new(&config.infra.namespace);
        let redis = baton_shared::redis::pool(&config.infra.redis_url)?;
        Ok(Console {
            hub: sse::Hub::new(&config.infra.redis_url, keys.clone(), shutdown.clone())?,
            redis,
            keys,
            tokens: auth::Tokens::new(&config.console.agents),
            wait: config.console.command_wait,
            default_number: config.waba.phone_number_id.clone(),
            media: baton_shared::media::MediaClient::new(&config.waba, Duration::from_secs(30)),
            shutdown,
        })
    }
}

pub fn routes() -> Router<AppState> {
    let conv = "/api/v1/conversations/{customer}";
    Router::new()
        .route("/api/v1/conversations", get(read::list))
        .route(conv, get(read::detail))
        .route(&format!("{conv}/claim"), post(commands::claim))
        .route(&format!("{conv}/takeover"), post(commands::takeover))
        .route(&format!("{conv}/reply"), post(commands::reply))
        .route(&format!("{conv}/release"), post(commands::release))
        .route(&format!("{conv}/template"), post(commands::template))
        .route(&format!("{conv}/media/{{media_id}}"), get(media::media))
        .route("/api/v1/commands/{id}", get(commands::outcome))
        .route("/api/v1/sends", get(sends::status))
        .route("/api/v1/sends/resume", post(sends::resume))
        .route("/api/v1/events", get(sse::events))
        .route("/console/login", post(auth::login))
        .route("/console/logout", post(auth::logout))
        .merge(page::routes())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::map_response(protect))
}

/// Headers on every console answer: data is never sniffed into markup, nor cached.
async fn protect(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
