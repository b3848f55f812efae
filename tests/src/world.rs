//! The conversation test world: one test's namespace with ingress, a worker process and fake
//! Graph, LLM and Synap servers (plus a tiny business endpoint for the `lookup_order` tool),
//! and helpers to speak as the customer and as human agents and to read what Baton did —
//! texts sent, ownership, the console feed — and the console API as each of [`AGENTS`]
//! ([`World::agent`]). The human side's tests build on it.

use std::time::Duration;

use baton_shared::amqp::Publisher;
use baton_shared::event::{Conversation, Event, EventKind};
use baton_worker::conversation::state::ownership;
use serde_json::Value;

use crate::console::{Auth, ConsoleClient};
use crate::fakes::graph::FakeGraph;
use crate::fakes::llm::{FakeLlm, demo_agent};
use crate::fakes::synap::FakeSynap;
use crate::{TestEnv, eventually, webhooks};

pub const TOKEN: &str = "graph-test-token";
pub const NUMBER: &str = "300000000000001";
pub const PHONE: &str = "5511988887777";
/// The human agents of the console (`CONSOLE_TOKENS`): name and token.
pub const AGENTS: [(&str, &str); 2] = [
    ("maria", "maria-console-token-0001"),
    ("li", "li-console-token-000000002"),
];

/// `CONSOLE_TOKENS` for [`AGENTS`].
pub fn console_tokens() -> String {
    AGENTS
        .iter()
        .map(|(name, token)| format!("{name}:{token}"))
        .collect::<Vec<_>>()
        .join(",")
}

pub struct World {
    pub env: TestEnv,
    pub graph: FakeGraph,
    pub llm: FakeLlm,
    pub synap: Option<FakeSynap>,
    pub _orders: tokio::task::JoinHandle<()>,
    pub tools_file: std::path::PathBuf,
}

/// A tiny business endpoint for the `lookup_order` tool.
async fn orders_endpoint() -> (String, tokio::task::JoinHandle<()>) {
    use axum::{Json, Router, routing::post};
    let app = Router::new().route(
        "/lookup",
        post(|Json(args): Json<Value>| async move {
            let id = args["order_id"]
                .as_str()
                .unwrap_or("?")
                .trim_start_matches('#')
                .to_owned();
            Json(serde_json::json!({ "order_id": id, "status": "delivered 5/14 to 12 Oak St" }))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/lookup", listener.local_addr().unwrap());
    (
        url,
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() }),
    )
}

impl World {
    pub async fn start(name: &str, synap: bool, extra: &[(&str, &str)]) -> World {
        World::start_with(name, synap, extra, &[]).await
    }

    /// Like [`World::start`], with variables for the worker process only (e.g. its broker
    /// URL through a [`crate::proxy::Proxy`]).
    pub async fn start_with(
        name: &str,
        synap: bool,
        extra: &[(&str, &str)],
        worker: &[(&str, &str)],
    ) -> World {
        let mut env = TestEnv::new(name);
        let graph = FakeGraph::start(TOKEN).await;
        let llm = FakeLlm::start().await;
        llm.set_fallback(demo_agent);
        let (orders_url, orders) = orders_endpoint().await;
        let tools_file = std::env::temp_dir().join(format!("{}-tools.toml", env.ns));
        std::fs::write(
            &tools_file,
            format!(
                "[[tool]]\nname = \"lookup_order\"\ndescription = \"Look up an order by its number\"\nendpoint = \"{orders_url}\"\nparameters = {{ type = \"object\", properties = {{ order_id = {{ type = \"string\" }} }}, required = [\"order_id\"] }}\n"
            ),
        )
        .unwrap();
        env.set("BATON_CONVERSATION", "true")
            .set("WABA_ACCESS_TOKEN", TOKEN)
            .set("WABA_API_BASE_URL", &graph.url)
            .set("WABA_API_VERSION", "v25.0")
            .set("OPENAI_BASE_URL", &llm.base_url)
            .set("OPENAI_API_KEY", "sk-test")
            .set("LLM_TIMEOUT", "3s")
            .set("CONSOLE_TOKENS", &console_tokens())
            .set("BATON_TOOLS_FILE", tools_file.to_str().unwrap());
        let synap = if synap {
            let s = FakeSynap::start("synap-test-key", false).await;
            env.set("SYNAP_API_KEY", "synap-test-key")
                .set("SYNAP_BASE_URL", &s.url)
                .set("CUSTOMER_ID", "acme");
            Some(s)
        } else {
            None
        };
        for (k, v) in extra {
            env.set(k, v);
        }
        env.start_ingress().await;
        env.spawn_worker(worker);
        World {
            env,
            graph,
            llm,
            synap,
            _orders: orders,
            tools_file,
        }
    }

    pub fn conversation(&self) -> Conversation {
        Conversation {
            number: NUMBER.into(),
            customer: PHONE.into(),
            wa_id: Some(PHONE.into()),
            user_id: None,
            name: Some("Anish".into()),
        }
    }

    pub fn conv_key(&self) -> String {
        self.conversation().key()
    }

    /// The console API as `agent` (one of [`AGENTS`]).
    pub fn agent(&self, agent: &str) -> ConsoleClient {
        let token = AGENTS
            .iter()
            .find(|(name, _)| *name == agent)
            .map(|(_, t)| t.to_string())
            .expect("a configured agent");
        ConsoleClient::new(self.env.ingress_url(), Auth::Bearer(token))
    }

    pub async fn say(&self, id: &str, text: &str) {
        let body = webhooks::text(NUMBER, PHONE, id, text);
        assert_eq!(self.env.post_signed(&body).await, 200);
    }

    /// Publishes a human command (as the console will) on the conversation's partition.
    pub async fn human(&self, kind: EventKind, agent: &str, text: Option<&str>) {
        let ev = Event::human(kind, self.conversation(), agent, text);
        self.publish(&ev).await;
    }

    /// Publishes `ev` to its conversation's partition.
    pub async fn publish(&self, ev: &Event) {
        let p = Publisher::connect(&self.env.config().infra, "test-console", 1)
            .await
            .unwrap();
        p.publish_event(ev, Default::default()).await.unwrap();
        p.close().await;
    }

    /// Marks `agent` online now, as their open console does (`AGENT_PRESENCE_TTL`).
    pub async fn agent_online(&self, agent: &str) {
        baton_shared::state::presence::touch(&self.env.redis, &self.env.keys(), agent)
            .await
            .unwrap();
    }

    pub fn texts(&self) -> Vec<String> {
        self.graph.texts_to(PHONE)
    }

    pub async fn wait_texts(&self, n: usize) -> Vec<String> {
        let ok = eventually(Duration::from_secs(20), || async {
            self.texts().len() >= n
        })
        .await;
        assert!(
            ok,
            "expected {n} texts, got {:?}\n{}",
            self.texts(),
            self.env.logs()
        );
        self.texts()
    }

    pub async fn owner(&self) -> ownership::State {
        ownership::get(&self.env.redis, &self.env.keys(), &self.conv_key())
            .await
            .unwrap()
    }

    /// Every console event so far, oldest first: (kind, data as JSON).
    pub async fn console(&self) -> Vec<(String, Value)> {
        baton_shared::state::feed::read(&self.env.redis, &self.env.keys(), "-", 100_000)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.event.kind().to_owned(), e.event.data()))
            .collect()
    }

    pub async fn wait_console(&self, kind: &str) -> Value {
        let until = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            if let Some((_, v)) = self.console().await.into_iter().find(|(t, _)| t == kind) {
                return v;
            }
            assert!(
                std::time::Instant::now() < until,
                "no console event {kind}: {:?}\n{}",
                self.console().await,
                self.env.logs()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the worker finished processing every event in `ids` (the probe step runs
    /// last, so an entry means every effect of the event is done); panics on timeout.
    pub async fn wait_done(&self, ids: &[&str]) {
        let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        let entries = self.env.wait_processed(&ids, Duration::from_secs(30)).await;
        let missing: Vec<_> = ids
            .iter()
            .filter(|id| !entries.iter().any(|e| &e.event == *id))
            .collect();
        assert!(
            missing.is_empty(),
            "not processed: {missing:?}\n{}",
            self.env.logs()
        );
    }

    /// How many console events of `kind` there are.
    pub async fn console_count(&self, kind: &str) -> usize {
        self.console()
            .await
            .iter()
            .filter(|(t, _)| t == kind)
            .count()
    }

    /// The recent transcript, oldest first.
    pub async fn transcript(&self) -> Vec<baton_worker::conversation::state::transcript::Entry> {
        baton_worker::conversation::state::transcript::recent(
            &self.env.redis,
            &self.env.keys(),
            &self.conv_key(),
            200,
        )
        .await
        .unwrap()
    }

    pub fn assert_no_violations(&self) {
        assert!(
            self.graph.violations().is_empty(),
            "graph: {:?}",
            self.graph.violations()
        );
        assert!(
            self.llm.violations().is_empty(),
            "llm: {:?}",
            self.llm.violations()
        );
        if let Some(s) = &self.synap {
            assert!(s.violations().is_empty(), "synap: {:?}", s.violations());
        }
    }

    pub async fn finish(self) {
        self.assert_no_violations();
        let _ = std::fs::remove_file(&self.tools_file);
        self.env.cleanup().await;
    }
}
