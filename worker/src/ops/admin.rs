//! The worker's admin HTTP server on `WORKER_ADMIN_ADDR`: `/healthz`, `/readyz`, `/metrics`.
//!
//! Readiness means the broker and Redis both answer; liveness only that the process serves.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use redis;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::stream::Runtime;

pub async fn serve(
    w: Arc<Runtime>,
    listener: TcpListener,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route(
            "/metrics",
            get(|State(w): State<Arc<Runtime>>| async move { w.metrics.render() }),
        )
        .with_state(w);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
}

async fn readyz(State(w): State<Arc<Runtime>>) -> (StatusCode, &'static str) {
    let redis_ok = async {
        let mut c = w.redis.get().await.ok()?;
        redis::cmd("PING").query_async::<String>(&mut *c).await.ok()
    };
    let redis_ok = tokio::time::timeout(Duration::from_secs(2), redis_ok)
        .await
        .ok()
        .flatten()
        .is_some();
    let broker_ok = tokio::time::timeout(Duration::from_secs(2), w.publisher.ready())
        .await
        .unwrap_or(false);
    match (broker_ok, redis_ok) {
        (true, true) => (StatusCode::OK, "ready"),
        (false, _) => (StatusCode::SERVICE_UNAVAILABLE, "broker unreachable"),
        (_, false) => (StatusCode::SERVICE_UNAVAILABLE, "redis unreachable"),
    }
}
