//! HTTP routes, one module per concern, merged in [`router`].

pub mod console;
pub mod health;
pub mod webhook;

use axum::Router;

use crate::AppState;

/// The whole HTTP surface of ingress.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(webhook::routes())
        .merge(health::routes())
        .merge(console::routes())
        .with_state(state)
}
