//! `worker`: run the worker, or `worker dlq …` to operate the dead-letter queue.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    baton_worker::ops::cli::main().await
}
