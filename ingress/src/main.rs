//! `ingress`: loads configuration, starts telemetry, binds, runs.

use anyhow::Context;
use baton_shared::config::Config;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let _telemetry = baton_shared::telemetry::init("baton-ingress")?;
    let config = Config::from_env()?;
    let listener = tokio::net::TcpListener::bind(config.ingress_addr)
        .await
        .with_context(|| format!("binding INGRESS_ADDR {}", config.ingress_addr))?;
    let shutdown = baton_shared::shutdown::on_signals();
    baton_ingress::run(config, listener, shutdown).await
}
