//! The `ingress` binary, built inside the test package so integration tests can run ingress
//! as a real process (its own telemetry: JSON logs, OTLP export; `healthcheck`). Same entry
//! point as `ingress`.

#[tokio::main]
async fn main() -> anyhow::Result<std::process::ExitCode> {
    baton_ingress::cli::main().await
}
