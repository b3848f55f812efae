//! The `worker` command line: run the worker (default), probe a running one (`healthcheck`),
//! operate the dead-letter queue, see and resume paused sends (`sends status|resume`), or
//! rename Redis keys to the cluster layout (`migrate-keys`).

use std::io::{BufRead, Write};

use anyhow::Context;
use baton_shared::config::Config;
use clap::{Parser, Subcommand};

use crate::ops::dlq::Dlq;

#[derive(Parser, Debug)]
#[command(
    name = "worker",
    about = "Baton worker: processes conversation events; operates the DLQ"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the worker (the default).
    Run,
    /// Probe the running worker's `/healthz` on `WORKER_ADMIN_ADDR`: exit 0 only on a 200
    /// (container `HEALTHCHECK`s on images without a shell).
    Healthcheck,
    /// Inspect and act on the dead-letter queue.
    Dlq {
        #[command(subcommand)]
        action: DlqAction,
    },
    /// Meta's send limits: whether sends are paused (circuit breaker), the rate in effect.
    Sends {
        #[command(subcommand)]
        action: SendsAction,
    },
    /// Rename the namespace's Redis keys written by a build before the cluster key layout
    /// (once, with the old workers and ingress stopped; one Redis server).
    MigrateKeys {
        /// Only count what would be renamed.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum SendsAction {
    /// Whether sends are paused and why; the send rate in effect per business number.
    Status,
    /// Resume every send after an account-level error paused them (fix the cause first).
    Resume {
        /// Who resumes (shown in the console's `sends_resumed` event).
        #[arg(long, default_value = "operator")]
        by: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum DlqAction {
    /// List dead-lettered events.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one event with its body and history.
    Show { id: String },
    /// Put an event (or every event) back on its partition.
    Replay {
        /// Event id to replay.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<String>,
        /// Replay every event in the DLQ.
        #[arg(long)]
        all: bool,
    },
    /// Delete every event in the DLQ.
    Purge {
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

/// Entry point of the `worker` binary.
pub async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::from_env()?;
    match cli.command.unwrap_or(Command::Run) {
        Command::Run => {
            let _telemetry = baton_shared::telemetry::init("baton-worker")?;
            let admin = tokio::net::TcpListener::bind(config.worker.admin_addr)
                .await
                .with_context(|| {
                    format!("binding WORKER_ADMIN_ADDR {}", config.worker.admin_addr)
                })?;
            let shutdown = baton_shared::shutdown::on_signals();
            let settings = crate::conversation::Settings::from_lookup(|k| std::env::var(k).ok())?;
            crate::run(config, settings, admin, shutdown).await
        }
        Command::Healthcheck => {
            if let Err(e) = baton_shared::health::check(config.worker.admin_addr).await {
                eprintln!("unhealthy: {e:#}");
                std::process::exit(1);
            }
            Ok(())
        }
        Command::Dlq { action } => dlq(config, action).await,
        Command::MigrateKeys { dry_run } => {
            let mut out = std::io::stdout().lock();
            crate::ops::migrate::run(&config, dry_run, &mut out).await
        }
        Command::Sends { action } => {
            let mut out = std::io::stdout().lock();
            match action {
                SendsAction::Status => crate::ops::sends::status(&config, &mut out).await,
                SendsAction::Resume { by } => {
                    crate::ops::sends::resume(&config, &by, &mut out).await
                }
            }
        }
    }
}

async fn dlq(config: Config, action: DlqAction) -> anyhow::Result<()> {
    let dlq = Dlq::connect(&config.infra)
        .await
        .context("connecting to the broker")?;
    let mut out = std::io::stdout().lock();
    match action {
        DlqAction::List { json } => {
            let entries = dlq.list(false).await?;
            if json {
                serde_json::to_writer_pretty(&mut out, &entries)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{:<48} {:<18} {:<10} REASON", "ID", "KIND", "ATTEMPTS")?;
                for e in &entries {
                    let kind = e.kind.as_deref().unwrap_or("-");
                    writeln!(
                        out,
                        "{:<48} {:<18} {:<10} {}",
                        e.id,
                        kind,
                        e.history.0.len(),
                        e.reason
                    )?;
                }
                writeln!(out, "{} event(s) in the dead-letter queue", entries.len())?;
            }
        }
        DlqAction::Show { id } => match dlq.show(&id).await? {
            Some(e) => {
                serde_json::to_writer_pretty(&mut out, &e)?;
                writeln!(out)?;
            }
            None => anyhow::bail!("no event {id} in the dead-letter queue"),
        },
        DlqAction::Replay { id, all } => {
            let n = dlq.replay(if all { None } else { id.as_deref() }).await?;
            if n == 0 && !all {
                anyhow::bail!(
                    "no event {} in the dead-letter queue",
                    id.unwrap_or_default()
                );
            }
            writeln!(out, "replayed {n} event(s)")?;
        }
        DlqAction::Purge { yes } => {
            if !yes && !confirm("Delete every event in the dead-letter queue?")? {
                writeln!(out, "nothing deleted")?;
                dlq.close().await;
                return Ok(());
            }
            let n = dlq.purge().await?;
            writeln!(out, "purged {n} event(s)")?;
        }
    }
    dlq.close().await;
    Ok(())
}

fn confirm(question: &str) -> anyhow::Result<bool> {
    eprint!("{question} [y/N] ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "YES"))
}
