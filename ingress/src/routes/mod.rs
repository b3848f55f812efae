//! HTTP routes, one module per concern, merged in [`router`].

pub mod console;
pub mod health;
pub mod slack;
pub mod webhook;

use axum::Router;

use crate::AppState;

/// The whole HTTP surface of ingress.
/// The whole HTTP surface of ingress; the Slack routes only when Slack is configured.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new()
        .merge(webhook::routes())
        .merge(health::routes())
        .merge(console::routes());
    if state.config.slack.is_some() {
        router = router.merge(slack::routes());
    }
    router.with_state(state)
}
