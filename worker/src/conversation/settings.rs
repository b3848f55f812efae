//! The engine's configuration: LLM, Graph, memory, signals and the texts Baton says itself.
//!
//! Read once at start from the environment; a bad value fails the start with the variable's
//! name. The system prompt is the seed recipe's, replaceable with `BATON_SYSTEM_PROMPT` (text)
//! or `BATON_SYSTEM_PROMPT_FILE` (path).

use std::time::Duration;

use crate::llm::LlmConfig;
use crate::memory::MemoryConfig;
use crate::signals::SignalConfig;

/// The seed recipe's system prompt.
pub const SEED_SYSTEM_PROMPT: &str = "You are a WhatsApp business agent.

- Be concise. WhatsApp users want short replies.
- Recall the customer's history and prior preferences from memory.
- Hand off to a human when: the customer explicitly asks, they're frustrated, the issue is sensitive
  (financial, medical, legal), or you've tried twice without resolution. Use hand_off_to_human.
- Don't promise anything you can't deliver via tools.";

/// What Baton itself says to customers.
#[derive(Clone, Debug)]
pub struct EngineText {
    /// `BATON_HANDOFF_MESSAGE`: sent when a detector or the model hands off.
    pub handoff: String,
    /// `BATON_AI_FAILURE_MESSAGE`: sent when the AI path fails (no error text ever).
    pub ai_failure: String,
    /// `BATON_UNSUPPORTED_MESSAGE`: answer to a message type we cannot read.
    pub unsupported: String,
}

/// Everything the conversation engine reads from its environment.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `BATON_CONVERSATION`: run the engine (default true; the backbone tests turn it off).
    pub enabled: bool,
    pub system_prompt: String,
    /// `BATON_TRANSCRIPT_TURNS`: transcript entries in the prompt.
    pub transcript_turns: usize,
    /// `BATON_TOOLS_FILE`: business tools (TOML).
    pub tools_file: Option<String>,
    pub text: EngineText,
    pub llm: LlmConfig,
    pub memory: MemoryConfig,
    pub signals: SignalConfig,
    /// Graph API per-call timeout (`WABA_TIMEOUT`).
    pub graph_timeout: Duration,
}

impl Settings {
    pub fn from_lookup(get: impl Fn(&str) -> Option<String> + Copy) -> Result<Self, String> {
        let val = |k: &str| get(k).filter(|v| !v.trim().is_empty());
        let system_prompt = match (val("BATON_SYSTEM_PROMPT"), val("BATON_SYSTEM_PROMPT_FILE")) {
            (Some(p), _) => p,
            (None, Some(path)) => std::fs::read_to_string(&path).map_err(|e| {
                format!("configuration variable BATON_SYSTEM_PROMPT_FILE: {path}: {e}")
            })?,
            (None, None) => SEED_SYSTEM_PROMPT.to_owned(),
        };
        let parse_bool = |k: &str, d: bool| -> Result<bool, String> {
            val(k).map_or(Ok(d), |v| {
                v.parse()
                    .map_err(|e| format!("configuration variable {k}: {v:?}: {e}"))
            })
        };
        let text = EngineText {
            handoff: val("BATON_HANDOFF_MESSAGE")
                .unwrap_or_else(|| "Of course — I'm connecting you with a teammate now. They'll reply here shortly.".into()),
            ai_failure: val("BATON_AI_FAILURE_MESSAGE").unwrap_or_else(|| {
                "Thanks for your message. A teammate will follow up with you here shortly.".into()
            }),
            unsupported: val("BATON_UNSUPPORTED_MESSAGE").unwrap_or_else(|| {
                "Sorry, I can't open that kind of message here. Could you send it as text?".into()
            }),
        };
        Ok(Settings {
            enabled: parse_bool("BATON_CONVERSATION", true)?,
            system_prompt,
            transcript_turns: val("BATON_TRANSCRIPT_TURNS").map_or(Ok(30), |v| {
                v.parse()
                    .map_err(|e| format!("configuration variable BATON_TRANSCRIPT_TURNS: {e}"))
            })?,
            tools_file: val("BATON_TOOLS_FILE"),
            text,
            llm: LlmConfig::from_lookup(get)?,
            memory: MemoryConfig::from_lookup(get)?,
            signals: SignalConfig::from_lookup(get)?,
            graph_timeout: Duration::from_secs(val("WABA_TIMEOUT_SECS").map_or(Ok(10), |v| {
                v.parse()
                    .map_err(|e| format!("configuration variable WABA_TIMEOUT_SECS: {e}"))
            })?),
        })
    }
}
