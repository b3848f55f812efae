//! OpenAI-compatible chat completions with a tool loop (`../shared/specs/openai-chat.md`).
//!
//! - [`config`]: [`LlmConfig`] from `OPENAI_BASE_URL`, `OPENAI_API_KEY`, `OPENAI_MODEL`,
//!   `LLM_TIMEOUT`, `LLM_MAX_RETRIES`, `LLM_TURN_LIMIT`, `LLM_TEMPERATURE`.
//! - [`types`]: messages, tool calls and specs, [`LlmError`], lenient response parsing.
//! - [`client`]: [`LlmClient::chat`], one model call with timeout, retries and metrics.
//! - [`turn`]: [`LlmClient::run_turn`], the tool loop of one customer turn.
//! - [`transcribe`]: [`Transcriber`], speech to text for voice notes through the same kind of
//!   server (`/audio/transcriptions`, multipart), configured by `TRANSCRIBE_*`.
//! - [`business_tools`]: HTTP tools declared in `BATON_TOOLS_FILE` (tool timeouts use the
//!   shared duration convention: a unit is required, e.g. `timeout = "3s"`).
//!
//! How it fails: every failure is an [`LlmError`] that says what to do next. `Unavailable` and
//! `Timeout` (after retries) mean "try later or hand off", `Refused` means "operators must fix
//! the configuration" (never retried), `TurnLimit` means "the model is looping: hand off".
//! Tool failures never fail a turn; they become error results the model sees.
//!
//! Metrics: per HTTP attempt `baton_llm_request_seconds` and `baton_llm_requests_total{outcome}`
//! (`ok`, `timeout`, `transport_error`, `rate_limited`, `server_error`, `refused`,
//! `client_error`, `bad_response`); per tool call `baton_llm_tool_calls_total{tool,result}`
//! (`tool` is `unknown` for names that were not offered); per answered call
//! `baton_llm_tokens_total{type}` (`prompt`, `completion`, from the response's `usage`); per
//! turn `baton_llm_turn_seconds{outcome}` (`reply`, `tool_stop`, `no_reply`, `error`: the whole
//! tool loop, what the customer waits for). Prompts, replies and tool arguments are never
//! logged at info.

pub mod business_tools;
pub mod client;
pub mod config;
pub mod transcribe;
pub mod turn;
pub mod types;

pub use business_tools::BusinessTools;
pub use client::LlmClient;
pub use config::LlmConfig;
pub use transcribe::{TranscribeConfig, TranscribeError, Transcriber};
pub use types::{
    ChatMessage, Completion, FunctionCall, HUMAN_AGENT_NAME, LlmError, Role, ToolCall, ToolOutcome,
    ToolRunner, ToolSpec, TurnResult, Usage,
};
