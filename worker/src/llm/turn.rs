//! The tool loop of one customer turn (spec §6).
//!
//! Call the model; when its message has tool calls (decided by their presence, never by
//! `finish_reason`), append that message unchanged (ids, order; only arguments that are not
//! JSON are replaced by `{}`), run every call through the [`ToolRunner`] concurrently, append
//! one tool message per call in the same order, and call the model again. The turn ends with a reply without tool calls, when a tool answers
//! `stop: true`, or fails with [`LlmError::TurnLimit`] after `turn_limit` model calls.
//!
//! Tool trouble never fails the turn: malformed arguments, unknown tools and tools that do not
//! answer within the per-call timeout become `{"error": …}` tool results so the model can
//! recover or tell the customer. Arguments are never logged.

use futures::future::join_all;
use serde_json::Value;
use tracing::debug;

use super::client::LlmClient;
use super::types::{
    ChatMessage, Completion, LlmError, ToolCall, ToolOutcome, ToolRunner, ToolSpec, TurnResult,
};

impl LlmClient {
    /// Runs one turn of the conversation `messages` with the tools `tools`; the whole turn is
    /// timed in `baton_llm_turn_seconds{outcome}`.
    pub async fn run_turn(
        &self,
        messages: Vec<ChatMessage>,
        tools: &[ToolSpec],
        runner: &dyn ToolRunner,
    ) -> Result<TurnResult, LlmError> {
        let started = std::time::Instant::now();
        let result = self.tool_loop(messages, tools, runner).await;
        let outcome = match &result {
            Ok(t) if t.reply.is_some() => "reply",
            Ok(t) if t.stopped_by.is_some() => "tool_stop",
            Ok(_) => "no_reply",
            Err(_) => "error",
        };
        metrics::histogram!("baton_llm_turn_seconds", "outcome" => outcome)
            .record(started.elapsed().as_secs_f64());
        result
    }

    async fn tool_loop(
        &self,
        messages: Vec<ChatMessage>,
        tools: &[ToolSpec],
        runner: &dyn ToolRunner,
    ) -> Result<TurnResult, LlmError> {
        let mut turn = TurnResult {
            reply: None,
            calls: Vec::new(),
            stopped_by: None,
            model_calls: 0,
            finish_reason: None,
            messages,
        };
        while turn.model_calls < self.cfg.turn_limit {
            let completion = self.complete(&turn.messages, tools).await?;
            turn.model_calls += 1;
            turn.finish_reason = completion.finish_reason.clone();
            if completion.message.calls().is_empty() {
                finish(&mut turn, completion);
                return Ok(turn);
            }
            let calls = completion.message.calls().to_vec();
            turn.messages.push(echoed(completion.message));
            self.run_calls(&mut turn, &calls, tools, runner).await;
            if turn.stopped_by.is_some() {
                return Ok(turn);
            }
        }
        Err(LlmError::TurnLimit(self.cfg.turn_limit))
    }

    /// Runs one response's calls concurrently and records them in order.
    async fn run_calls(
        &self,
        turn: &mut TurnResult,
        calls: &[ToolCall],
        tools: &[ToolSpec],
        runner: &dyn ToolRunner,
    ) {
        let outcomes = join_all(calls.iter().map(|c| self.run_call(c, tools, runner))).await;
        for (call, (args, outcome)) in calls.iter().zip(outcomes) {
            let name = &call.function.name;
            if let Some(args) = args {
                turn.calls.push((name.clone(), args));
            }
            if outcome.stop && turn.stopped_by.is_none() {
                turn.stopped_by = Some(name.clone());
            }
            turn.messages
                .push(ChatMessage::tool(call.id.clone(), outcome.content));
        }
    }

    /// One call: the parsed arguments (when valid) and what goes back to the model.
    async fn run_call(
        &self,
        call: &ToolCall,
        tools: &[ToolSpec],
        runner: &dyn ToolRunner,
    ) -> (Option<Value>, ToolOutcome) {
        let name = call.function.name.as_str();
        let known = tools.iter().any(|t| t.name == name);
        let label = if known {
            name.to_owned()
        } else {
            "unknown".to_owned()
        };
        let (args, outcome, result) = match parse_arguments(&call.function.arguments) {
            Err(e) => {
                let msg = format!("invalid arguments ({e}); call {name} again with a JSON object");
                (None, ToolOutcome::error(msg), "invalid_arguments")
            }
            Ok(args) => {
                let run = runner.call(name, args.clone());
                match tokio::time::timeout(self.cfg.timeout, run).await {
                    Ok(outcome) => (Some(args), outcome, "ok"),
                    Err(_) => (
                        Some(args),
                        ToolOutcome::error("the tool timed out"),
                        "timeout",
                    ),
                }
            }
        };
        debug!(tool = name, known, result, stop = outcome.stop, "tool call");
        metrics::counter!("baton_llm_tool_calls_total", "tool" => label, "result" => result)
            .increment(1);
        (args, outcome)
    }
}

/// Records the final answer; filtered output is never sent to the customer (spec §5).
fn finish(turn: &mut TurnResult, completion: Completion) {
    let filtered = completion.finish_reason.as_deref() == Some("content_filter");
    let text = completion
        .message
        .content
        .clone()
        .filter(|t| !t.trim().is_empty());
    if filtered || text.is_none() {
        debug!(filtered, "model gave no usable reply");
        return;
    }
    turn.reply = text;
    turn.messages.push(completion.message);
}

/// The assistant message as sent back: unchanged, except that arguments which are not JSON
/// become `{}`, because some servers parse them when rendering the history and would reject
/// every later request of the conversation.
fn echoed(mut message: ChatMessage) -> ChatMessage {
    for call in message.tool_calls.iter_mut().flatten() {
        if serde_json::from_str::<Value>(&call.function.arguments).is_err() {
            call.function.arguments = "{}".to_owned();
        }
    }
    message
}

/// The model's arguments as a JSON object; `""` (no-argument calls on some servers) is `{}`.
fn parse_arguments(raw: &str) -> Result<Value, String> {
    if raw.trim().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    match serde_json::from_str::<Value>(raw) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err("not a JSON object".into()),
        Err(e) => Err(format!("not valid JSON: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments() {
        assert_eq!(parse_arguments("").unwrap(), serde_json::json!({}));
        assert_eq!(parse_arguments(r#"{"a":1}"#).unwrap()["a"], 1);
        assert!(parse_arguments("[1]").is_err());
        assert!(parse_arguments(r#"{"a":"#).unwrap_err().contains("JSON"));
    }
}
