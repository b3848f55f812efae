//! `ingress`: serve, or `ingress healthcheck` (see [`baton_ingress::cli`]).

#[tokio::main]
async fn main() -> anyhow::Result<std::process::ExitCode> {
    baton_ingress::cli::main().await
}
