//! Baton's ingress: the stateless HTTP edge.
//!
//! - [`verify`]: Meta's signature and verify-token checks (the only way to a verified body).
//! - [`routes`]: webhook, health and metrics routes, the console API ([`routes::console`])
//!   and Slack's callbacks ([`routes::slack`], when configured), merged in one router.
//! - [`error`]: the console API's errors and their statuses.
//! - [`run`]: serves a bound listener until the shutdown token is cancelled.
//! - [`cli`]: the binary's entry point (`ingress`, `ingress healthcheck`).
//!
//! The webhook path depends on RabbitMQ only: it never calls Redis, the LLM, WhatsApp or Synap.
//! When the broker is down it answers 503 (Meta retries), never 200. The console API reads the
//! conversation read model in Redis through a lazily connected handle of its own, so Redis
//! being down makes only the console answer 503; ingress still never calls the LLM or Synap,
//! and calls WhatsApp only to fetch a customer's media for an authenticated agent
//! (`routes::console::media`).

pub mod cli;
pub mod error;
pub mod routes;
pub mod verify;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use baton_shared::amqp::Publisher;
use baton_shared::config::Config;
use metrics_exporter_prometheus::PrometheusHandle;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// Meta sends bodies of up to 3 MB; anything above 4 MiB is refused with 413.
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;

/// Confirm channels shared by concurrent requests.
const PUBLISH_CHANNELS: usize = 4;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub publisher: Arc<Publisher>,
    pub metrics: PrometheusHandle,
    pub console: Arc<routes::console::Console>,
}

/// Checks the configuration ingress cannot work without.
pub fn validate(config: &Config) -> anyhow::Result<()> {
    if config.waba.app_secrets.is_empty() {
        anyhow::bail!("configuration variable WABA_APP_SECRET: required to verify Meta's webhooks");
    }
    Ok(())
}

/// Serves ingress on `listener` until `shutdown` is cancelled, then drains requests.
pub async fn run(
    config: Config,
    listener: TcpListener,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    validate(&config)?;
    let publisher = Publisher::lazy(&config.infra, "baton-ingress", PUBLISH_CHANNELS);
    // Connect (and declare the topology) now when possible; a broker that is down only makes
    // us unready, it does not stop us from starting.
    if !publisher.ready().await {
        tracing::warn!("broker unreachable at start; /readyz is 503 until it is back");
    }
    let console = routes::console::Console::new(&config, shutdown.clone())?;
    if config.slack.is_none() {
        tracing::info!("Slack is not configured (SLACK_*): /slack/* answers 404");
    }
    if config.console.agents.is_empty() {
        tracing::info!("CONSOLE_TOKENS is empty: every console API request is refused (401)");
    }
    let state = AppState {
        config: Arc::new(config),
        publisher: publisher.clone(),
        metrics: baton_shared::telemetry::metrics(),
        console: Arc::new(console),
    };
    let app = routes::router(state).layer(DefaultBodyLimit::max(BODY_LIMIT));
    tracing::info!(addr = %listener.local_addr()?, "ingress listening");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await?;
    publisher.close().await;
    Ok(())
}
