//! The `worker` binary, built inside the test package so integration tests can start real
//! worker processes (`CARGO_BIN_EXE_baton-test-worker`). Same entry point as `worker`.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    baton_worker::ops::cli::main().await
}
