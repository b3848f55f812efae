//! `baton-sandbox`: runs the local stand-ins for Meta, the model and the demo business tool,
//! and the customer chat page (see `baton_tests::sandbox`). `scripts/dev` starts it first and
//! reads the variables it writes to `--env-file` before starting ingress and the workers.
//! Stops on Ctrl-C or SIGTERM.

use std::path::PathBuf;

use baton_tests::sandbox::{Options, Sandbox};
use clap::Parser;

#[derive(Parser)]
#[command(
    about = "Baton's local sandbox: stand-in WhatsApp, model and order service, and the customer chat page"
)]
struct Args {
    /// Where the chat page and the demo order service listen.
    #[arg(long, default_value = "127.0.0.1:8090")]
    addr: String,
    /// Ingress's base URL (where the chat page posts signed webhooks).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    ingress: String,
    /// Writes the variables Baton needs to use the stand-ins here (`KEY=value` lines).
    #[arg(long)]
    env_file: Option<PathBuf>,
    /// Where to write the demo tool's business-tools file.
    #[arg(long, default_value = "target/sandbox/tools.toml")]
    tools_file: PathBuf,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    baton_shared::telemetry::init_for_tests();
    let args = Args::parse();
    let env: Vec<(String, String)> = std::env::vars().collect();
    let app_secret = std::env::var("WABA_APP_SECRET").unwrap_or_else(|_| "dev-app-secret".into());
    let sandbox = Sandbox::start(Options {
        addr: args.addr,
        ingress: args.ingress,
        app_secret,
        env,
        tools_file: args.tools_file,
    })
    .await?;
    if let Some(path) = &args.env_file {
        let lines: String = sandbox
            .env()
            .iter()
            .map(|(k, v)| format!("{k}={v}\n"))
            .collect();
        std::fs::write(path, lines)?;
    }
    println!("sandbox: customer chat page {}", sandbox.url);
    for (k, v) in sandbox.env() {
        println!("sandbox: {k}={v}");
    }
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    sandbox.stop();
    Ok(())
}
