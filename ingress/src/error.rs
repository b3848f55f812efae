//! The console API's one error type and its mapping to HTTP statuses.
//!
//! Every console handler fails with an [`ApiError`]; this is the only place that decides the
//! status and the body, always JSON `{"error": "<sentence>"}` (plus `reason` and `outcome` for
//! a refused or failed command). Internals never leak: a Redis or broker failure is logged
//! here at warn and answered 503 with a fixed sentence. The webhook routes keep their own
//! plain answers (Meta reads only the status).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use baton_shared::amqp::PublishError;
use baton_shared::media::MediaError;
use baton_shared::redis::RedisError;
use baton_shared::state::CommandOutcome;
use serde_json::{Value, json};

/// Why a console request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Missing or wrong token (401).
    #[error("missing or wrong console token")]
    Unauthorized,
    /// Bad JSON, a missing field, a bad parameter (400).
    #[error("{0}")]
    BadRequest(String),
    /// No such conversation (404).
    #[error("{0}")]
    NotFound(String),
    /// A body that is not JSON (415): cookie-authenticated browsers cannot send JSON across
    /// sites without a preflight, so this also stops form-based cross-site requests.
    #[error("send the body as JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    /// A body over the console's limit (413).
    #[error("request body too large")]
    TooLarge,
    /// The command does not apply to the conversation as it is (409): the reason code, a
    /// sentence, and the recorded outcome when the worker refused it.
    #[error("{message}")]
    Conflict {
        reason: &'static str,
        message: String,
        outcome: Option<Box<CommandOutcome>>,
    },
    /// An `Idempotency-Key` already used for a different request (422).
    #[error("this Idempotency-Key was already used for a different request")]
    KeyReused,
    /// The command applied but WhatsApp refused the message (502).
    #[error("{message}")]
    SendFailed {
        message: String,
        outcome: Box<CommandOutcome>,
    },
    /// Redis unreachable (503): the console's store; webhooks are unaffected.
    #[error("console store unavailable: {0}")]
    Store(#[from] RedisError),
    /// The broker did not confirm the command (503): nothing was published.
    #[error("broker unavailable: {0}")]
    Broker(#[from] PublishError),
    /// A customer's media could not be fetched from Meta: 404 when Meta no longer has it,
    /// 503 without an access token, else 502.
    #[error("{0}")]
    Media(#[from] MediaError),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::KeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::SendFailed { .. } => StatusCode::BAD_GATEWAY,
            ApiError::Store(_) | ApiError::Broker(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Media(MediaError::Gone) => StatusCode::NOT_FOUND,
            ApiError::Media(MediaError::NoToken) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Media(_) => StatusCode::BAD_GATEWAY,
        }
    }

    fn body(&self) -> Value {
        match self {
            ApiError::Store(e) => {
                tracing::warn!(error = %e, "console: Redis unavailable");
                json!({ "error": "the console's store (Redis) is unavailable; try again" })
            }
            ApiError::Broker(e) => {
                tracing::warn!(error = %e, "console: command not published");
                json!({ "error": "the broker did not take the command; nothing was sent, try again" })
            }
            ApiError::Conflict {
                reason,
                message,
                outcome,
            } => json!({ "error": message, "reason": reason, "outcome": outcome }),
            ApiError::Media(e) => {
                tracing::warn!(error = %e, "console: media not fetched");
                let what = match e {
                    MediaError::Gone => "WhatsApp no longer has this media (kept 7 days)",
                    MediaError::TooLarge(..) => "this media is over MEDIA_MAX_BYTES",
                    MediaError::NoToken => "no WABA_ACCESS_TOKEN: media cannot be fetched",
                    _ => "WhatsApp did not give the media; try again",
                };
                json!({ "error": what })
            }
            ApiError::SendFailed { message, outcome } => {
                json!({ "error": message, "reason": "send_failed", "outcome": outcome })
            }
            other => json!({ "error": other.to_string() }),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status(), Json(self.body())).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_bodies() {
        let cases = [
            (ApiError::Unauthorized, 401),
            (ApiError::BadRequest("missing field `text`".into()), 400),
            (ApiError::NotFound("no conversation".into()), 404),
            (ApiError::UnsupportedMediaType, 415),
            (ApiError::TooLarge, 413),
            (ApiError::KeyReused, 422),
            (
                ApiError::Conflict {
                    reason: "window_closed",
                    message: "send a template".into(),
                    outcome: None,
                },
                409,
            ),
            (ApiError::Broker(PublishError::Nacked), 503),
        ];
        for (e, status) in cases {
            assert_eq!(e.status().as_u16(), status, "{e}");
            let body = e.body();
            assert!(body["error"].as_str().is_some_and(|s| !s.is_empty()));
            assert!(!body.to_string().contains("nack"), "internals stay inside");
        }
    }
}
