//! The local sandbox: stand-ins for everything outside Baton, so the whole product runs on a
//! laptop with no Meta, OpenAI or Synap account (ARCHITECTURE §9). `scripts/dev` starts it
//! before ingress and the workers and points them at it; the integration tests use the same
//! fakes ([`crate::fakes`]), so there is one implementation of each stand-in.
//!
//! - **WhatsApp**: the fake Graph API ([`FakeGraph`]: validates every send against the spec,
//!   answers `wamid`s) and the customer chat page ([`chat`]), which sends signed webhooks to
//!   ingress as Meta would and shows Baton's replies, ticks and typing indicator.
//! - **Model**: the fake OpenAI-compatible server answering with [`demo_agent`]: looks up
//!   orders through the demo tool, hands off when a person is asked for, repeats what a human
//!   teammate said after a release. Its answers carry the model name `baton-sandbox-scripted`.
//! - **Business tool**: the demo order service ([`orders`]), declared in a tools file.
//! - **Slack**: the fake Slack Web API and a page showing the handoff channel, with buttons
//!   and thread replies that send signed requests to ingress ([`slack`]).
//! - **Memory**: Baton's own local backend (no stand-in needed: it is the default without
//!   `SYNAP_API_KEY`).
//!
//! Every real credential set in the environment replaces its stand-in ([`Sandbox::env`] leaves
//! those variables alone). Fails only at start (a port in use, an unwritable tools file).

pub mod chat;
pub mod orders;
pub mod slack;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::fakes::graph::FakeGraph;
use crate::fakes::llm::{FakeLlm, demo_agent};

/// The model name the sandbox's scripted model answers as.
pub const MODEL: &str = "baton-sandbox-scripted";
/// The Graph token Baton uses against the stand-in when none is configured.
pub const GRAPH_TOKEN: &str = "sandbox-graph-token";
/// What the stand-in transcription answers for every voice note.
pub const VOICE_TRANSCRIPT: &str = "Hi, this is a voice note: where is my order ORD-22?";
/// The business number when `WABA_PHONE_NUMBER_ID` is unset.
pub const NUMBER: &str = "100000000000001";

/// How to start a sandbox.
pub struct Options {
    /// Where the chat page and the demo tool listen, e.g. `127.0.0.1:8090`.
    pub addr: String,
    /// Ingress's base URL, e.g. `http://127.0.0.1:8080`.
    pub ingress: String,
    pub app_secret: String,
    /// The caller's environment (what is already configured stays).
    pub env: Vec<(String, String)>,
    /// Where to write the business-tools file.
    pub tools_file: PathBuf,
}

/// A running sandbox; stops when dropped or [`Sandbox::stop`]ped.
pub struct Sandbox {
    pub url: String,
    pub graph: Arc<FakeGraph>,
    pub llm: FakeLlm,
    pub chats: chat::Chats,
    /// `None` when real Slack credentials are configured.
    pub slack: Option<slack::SlackStandIn>,
    env: Vec<(String, String)>,
    stop: CancellationToken,
}

impl Sandbox {
    pub async fn start(opts: Options) -> anyhow::Result<Sandbox> {
        let configured = |k: &str| {
            opts.env
                .iter()
                .find(|(n, v)| n == k && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
        };
        let number = configured("WABA_PHONE_NUMBER_ID").unwrap_or_else(|| NUMBER.into());
        let token = configured("WABA_ACCESS_TOKEN").unwrap_or_else(|| GRAPH_TOKEN.into());
        let graph = Arc::new(FakeGraph::start(&token).await);
        let llm = FakeLlm::start().await;
        llm.set_fallback(demo_agent);
        // The stand-in cannot hear: every voice note reads as this (the page says so).
        llm.set_transcript(VOICE_TRANSCRIPT);
        let listener = TcpListener::bind(&opts.addr)
            .await
            .map_err(|e| anyhow::anyhow!("sandbox: cannot listen on {}: {e}", opts.addr))?;
        let url = format!("http://{}", listener.local_addr()?);
        write_tools_file(&opts.tools_file, &url)?;
        let chats = chat::Chats::new(
            chat::Ingress {
                url: opts.ingress.clone(),
                app_secret: opts.app_secret.clone(),
                number: number.clone(),
            },
            graph.clone(),
        );
        let stop = CancellationToken::new();
        let slack = match configured("SLACK_BOT_TOKEN") {
            Some(_) => None,
            None => Some(slack::SlackStandIn::start(&opts.ingress).await),
        };
        let mut app = chat::router(chats.clone()).merge(orders::router());
        if let Some(s) = &slack {
            app = app.merge(slack::router(s.clone()));
        }
        let s = stop.clone();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(s.cancelled_owned())
                .await;
        });
        tokio::spawn(chat::relay(graph.clone(), chats.clone(), stop.clone()));

        let mut env = Vec::new();
        let mut set = |k: &str, v: String| env.push((k.to_owned(), v));
        if configured("WABA_ACCESS_TOKEN").is_none() {
            set("WABA_API_BASE_URL", graph.url.clone());
            set("WABA_ACCESS_TOKEN", token.clone());
            set("WABA_PHONE_NUMBER_ID", number.clone());
        }
        if configured("OPENAI_API_KEY").is_none() && configured("OPENAI_BASE_URL").is_none() {
            set("OPENAI_BASE_URL", llm.base_url.clone());
            set("OPENAI_API_KEY", "sandbox-model-key".into());
            set("OPENAI_MODEL", MODEL.into());
        }
        if let Some(s) = &slack {
            set("SLACK_BOT_TOKEN", slack::BOT_TOKEN.into());
            set("SLACK_SIGNING_SECRET", slack::SIGNING_SECRET.into());
            set("SLACK_CHANNEL_ID", crate::slack::CHANNEL.into());
            set("SLACK_API_BASE_URL", s.fake.api_url.clone());
            set("SLACK_CONSOLE_URL", format!("{}/console", opts.ingress));
        }
        if configured("BATON_TOOLS_FILE").is_none() {
            set("BATON_TOOLS_FILE", opts.tools_file.display().to_string());
        }
        Ok(Sandbox {
            url,
            graph,
            llm,
            chats,
            slack,
            env,
            stop,
        })
    }

    /// The variables Baton's processes need to use the stand-ins: only those whose real
    /// counterpart is not configured.
    pub fn env(&self) -> &[(String, String)] {
        &self.env
    }

    /// Stops the servers and the relay.
    pub fn stop(&self) {
        self.stop.cancel();
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

fn write_tools_file(path: &Path, url: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, orders::tools_file(url))
        .map_err(|e| anyhow::anyhow!("sandbox: cannot write {}: {e}", path.display()))
}
