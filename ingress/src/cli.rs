//! The `ingress` command line: serve (the default), or `healthcheck`, which probes the running
//! process's `/healthz` on `INGRESS_ADDR` and exits 0 only when it answers 200 (container
//! `HEALTHCHECK`s on images without a shell). A bad configuration or a failed bind stops the
//! process with a message naming the variable; an unknown argument exits 2 with the usage.

use std::process::ExitCode;

use anyhow::Context;
use baton_shared::config::Config;

/// Entry point of the `ingress` binary (and of the test package's copy of it).
pub async fn main() -> anyhow::Result<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["run"] => serve().await.map(|()| ExitCode::SUCCESS),
        ["healthcheck"] => Ok(healthcheck().await),
        _ => {
            eprintln!("usage: ingress [run | healthcheck]");
            Ok(ExitCode::from(2))
        }
    }
}

/// Loads configuration, starts telemetry, binds, runs until SIGTERM/SIGINT.
async fn serve() -> anyhow::Result<()> {
    let _telemetry = baton_shared::telemetry::init("baton-ingress")?;
    let config = Config::from_env()?;
    let listener = tokio::net::TcpListener::bind(config.ingress_addr)
        .await
        .with_context(|| format!("binding INGRESS_ADDR {}", config.ingress_addr))?;
    let shutdown = baton_shared::shutdown::on_signals();
    crate::run(config, listener, shutdown).await
}

async fn healthcheck() -> ExitCode {
    let result = match Config::from_env() {
        Ok(config) => baton_shared::health::check(config.ingress_addr).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unhealthy: {e:#}");
            ExitCode::FAILURE
        }
    }
}
