//! The tools the LLM may call during a turn.
//!
//! - `hand_off_to_human(reason, summary)` — the seed's tool and reasons (`customer_asked`,
//!   `frustration`, `out_of_scope`, `sensitive`). It only *requests* the handoff and ends the
//!   turn; the engine performs it (ownership, memory, console, notice).
//! - `search_memory(query)` — long-term memory search for this customer.
//! - `store_memory(content)` — queue a fact about this customer for memory.
//! - business tools declared in `BATON_TOOLS_FILE` (HTTP endpoints).
//!
//! Tool failures are returned to the model as `{"error": …}` so it can tell the customer;
//! they never fail the turn.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use baton_shared::event::{Event, now_ms};
use baton_shared::state::HandoffReason;
use futures::FutureExt;
use futures::future::BoxFuture;
use serde_json::{Value, json};

use super::Engine;
use crate::llm::{ToolOutcome, ToolRunner, ToolSpec};
use crate::memory::Record;

/// The seed's handoff reasons, as the tool's `enum`.
fn handoff_reasons() -> Vec<&'static str> {
    HandoffReason::MODEL.iter().map(|r| r.as_str()).collect()
}

/// Every tool offered to the model.
pub fn specs(e: &Engine) -> Vec<ToolSpec> {
    let mut specs = vec![
        ToolSpec {
            name: "hand_off_to_human".into(),
            description: "Bring a human into the thread. Use when the customer asks for a person, is frustrated, the issue is sensitive (financial, medical, legal) or out of scope, or you tried twice without resolution.".into(),
            parameters: json!({
                "type": "object",
                "properties": {
                    "reason": { "type": "string", "enum": handoff_reasons() },
                    "summary": { "type": "string", "description": "One or two sentences for the human: the problem and what was tried." }
                },
                "required": ["reason", "summary"]
            }),
        },
        ToolSpec {
            name: "search_memory".into(),
            description: "Search what is remembered about this customer (past conversations, human agents' resolutions, preferences).".into(),
            parameters: json!({ "type": "object", "properties": { "query": { "type": "string" } }, "required": ["query"] }),
        },
        ToolSpec {
            name: "store_memory".into(),
            description: "Remember a durable fact about this customer (a preference, an address, a promise made).".into(),
            parameters: json!({ "type": "object", "properties": { "content": { "type": "string" } }, "required": ["content"] }),
        },
    ];
    specs.extend(e.tools.specs());
    specs
}

/// Runs tool calls for one turn and remembers a handoff request.
pub struct Runner<'a> {
    e: &'a Engine,
    ev: &'a Event,
    handoff: Mutex<Option<(HandoffReason, String)>>,
    facts: AtomicUsize,
}

impl<'a> Runner<'a> {
    pub fn new(e: &'a Engine, ev: &'a Event) -> Self {
        Runner {
            e,
            ev,
            handoff: Mutex::new(None),
            facts: AtomicUsize::new(0),
        }
    }

    /// The handoff the model asked for, if any: (reason, summary).
    pub fn handoff_requested(&self) -> Option<(HandoffReason, String)> {
        self.handoff.lock().expect("runner lock").clone()
    }

    async fn dispatch(&self, name: &str, args: Value) -> ToolOutcome {
        let text = |k: &str| args[k].as_str().unwrap_or("").trim().to_owned();
        match name {
            "hand_off_to_human" => {
                let reason = HandoffReason::parse(&text("reason"))
                    .filter(|r| HandoffReason::MODEL.contains(r))
                    .unwrap_or(HandoffReason::OutOfScope);
                *self.handoff.lock().expect("runner lock") = Some((reason, text("summary")));
                ToolOutcome {
                    content: json!({ "status": "handed_off" }).to_string(),
                    stop: true,
                }
            }
            "search_memory" => self.search(&text("query")).await,
            "store_memory" => self.store(text("content")).await,
            other if self.e.tools.has(other) => self.e.tools.call(other, args).await,
            other => ToolOutcome {
                content: json!({ "error": format!("unknown tool {other}") }).to_string(),
                stop: false,
            },
        }
    }

    async fn search(&self, query: &str) -> ToolOutcome {
        let who = super::identity(&self.ev.conversation);
        let content = match self.e.memory.search(&who, query, 5).await {
            Ok(found) => json!({ "results": found }),
            Err(e) => json!({ "error": format!("memory search unavailable: {e}") }),
        };
        ToolOutcome {
            content: content.to_string(),
            stop: false,
        }
    }

    async fn store(&self, content: String) -> ToolOutcome {
        if content.is_empty() {
            return ToolOutcome {
                content: json!({ "error": "empty content" }).to_string(),
                stop: false,
            };
        }
        let n = self.facts.fetch_add(1, Ordering::Relaxed);
        let record = Record::Fact {
            id: format!("{}:fact:{n}", self.ev.id),
            content,
            at_ms: now_ms(),
        };
        let content = match self.e.remember(&self.ev.conversation, record).await {
            Ok(()) => json!({ "status": "stored" }),
            Err(e) => json!({ "error": e.to_string() }),
        };
        ToolOutcome {
            content: content.to_string(),
            stop: false,
        }
    }
}

impl ToolRunner for Runner<'_> {
    fn call<'b>(&'b self, name: &'b str, arguments: Value) -> BoxFuture<'b, ToolOutcome> {
        self.dispatch(name, arguments).boxed()
    }
}
