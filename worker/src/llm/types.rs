//! The chat-completions data model: messages, tool calls, tool specs, errors and turn results.
//!
//! Outgoing shapes follow the spec exactly (`../shared/specs/openai-chat.md` §3–§4). Incoming
//! responses are parsed leniently (§9): unknown fields are ignored, `content` may be `null`,
//! `""` or an array of text parts, tool calls may lack `id`/`type` (an id is generated) and
//! `arguments` may come as an object instead of a JSON string (it is re-encoded). A response
//! without a usable first choice is [`LlmError::BadResponse`].

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `name` given to messages a human agent wrote, so the model (and the fake) can tell them
/// apart from the AI's own turns. See [`ChatMessage::human_agent`].
pub const HUMAN_AGENT_NAME: &str = "human_agent";

/// Who wrote a message.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    Developer,
    User,
    Assistant,
    Tool,
}

/// One message of the conversation sent to (or returned by) the model.
///
/// A message with [`ChatMessage::images`] is sent with `content` as an array of parts (spec
/// `openai-audio-vision.md` §2.1): the text first, then one `image_url` part per image,
/// `{"url": "data:image/…;base64,…"}`. Without images `content` is the plain string.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ChatMessage {
    pub role: Role,
    /// May be `None` only on an assistant message with tool calls.
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<ToolCall>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Images shown with a user message, as `data:` URLs (never a Meta URL: it needs the
    /// access token and expires in minutes).
    #[serde(skip)]
    pub images: Vec<String>,
}

/// One part of a `content` array.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Part<'a> {
    Text { text: &'a str },
    ImageUrl { image_url: ImageUrl<'a> },
}

#[derive(Serialize)]
struct ImageUrl<'a> {
    url: &'a str,
}

impl Serialize for ChatMessage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("role", &self.role)?;
        if self.images.is_empty() {
            m.serialize_entry("content", &self.content)?;
        } else {
            let text = std::iter::once(Part::Text {
                text: self.content.as_deref().unwrap_or(""),
            });
            let images = self.images.iter().map(|url| Part::ImageUrl {
                image_url: ImageUrl { url },
            });
            m.serialize_entry("content", &text.chain(images).collect::<Vec<_>>())?;
        }
        if let Some(calls) = &self.tool_calls {
            m.serialize_entry("tool_calls", calls)?;
        }
        if let Some(id) = &self.tool_call_id {
            m.serialize_entry("tool_call_id", id)?;
        }
        if let Some(name) = &self.name {
            m.serialize_entry("name", name)?;
        }
        m.end()
    }
}

impl ChatMessage {
    fn new(role: Role, content: impl Into<String>) -> Self {
        Self {
            role,
            content: Some(content.into()),
            tool_calls: None,
            tool_call_id: None,
            name: None,
            images: Vec::new(),
        }
    }

    /// This message with `images` (`data:` URLs) shown beside its text.
    pub fn with_images(mut self, images: Vec<String>) -> Self {
        self.images = images;
        self
    }

    pub fn system(content: impl Into<String>) -> Self {
        Self::new(Role::System, content)
    }

    pub fn user(content: impl Into<String>) -> Self {
        Self::new(Role::User, content)
    }

    pub fn assistant(content: impl Into<String>) -> Self {
        Self::new(Role::Assistant, content)
    }

    /// What a human agent said in the conversation: an assistant turn named
    /// [`HUMAN_AGENT_NAME`].
    pub fn human_agent(content: impl Into<String>) -> Self {
        Self {
            name: Some(HUMAN_AGENT_NAME.to_owned()),
            ..Self::assistant(content)
        }
    }

    /// The result of the tool call `id`.
    pub fn tool(id: impl Into<String>, content: impl Into<String>) -> Self {
        Self {
            tool_call_id: Some(id.into()),
            ..Self::new(Role::Tool, content)
        }
    }

    /// The tool calls of this message; empty when there are none.
    pub fn calls(&self) -> &[ToolCall] {
        self.tool_calls.as_deref().unwrap_or_default()
    }
}

/// A function call requested by the model.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ToolCall {
    pub id: String,
    /// Always `"function"`.
    #[serde(default = "function_type")]
    pub r#type: String,
    pub function: FunctionCall,
}

fn function_type() -> String {
    "function".to_owned()
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct FunctionCall {
    pub name: String,
    /// The arguments as a JSON-encoded string, as the API sends them.
    pub arguments: String,
}

/// A function tool offered to the model.
#[derive(Clone, Debug, PartialEq)]
pub struct ToolSpec {
    pub name: String,
    pub description: String,
    /// A JSON schema of type `object`.
    pub parameters: Value,
}

impl ToolSpec {
    /// The `tools[]` entry of a request.
    pub fn to_wire(&self) -> Value {
        serde_json::json!({
            "type": "function",
            "function": {
                "name": self.name,
                "description": self.description,
                "parameters": self.parameters,
            }
        })
    }
}

/// Why a model call failed; says what the caller can do next.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    /// Connection errors, 5xx, 408/409/429 after the retries: try later or hand off.
    #[error("LLM unavailable: {0}")]
    Unavailable(String),
    /// No answer within the per-call timeout, after the retries.
    #[error("LLM call timed out")]
    Timeout,
    /// The model kept calling tools for this many model calls.
    #[error("turn limit of {0} model calls reached")]
    TurnLimit(usize),
    /// The server answered 2xx with something we cannot use.
    #[error("bad LLM response: {0}")]
    BadResponse(String),
    /// 400/401/403/404/422 or quota exhausted: retrying cannot help; alert operators.
    #[error("LLM refused the request: {0}")]
    Refused(String),
    /// The request had images and the server says the model cannot see images
    /// (`openai-audio-vision.md` §2.4): resend without them, and stop sending them.
    #[error("the model does not accept images: {0}")]
    NoVision(String),
    /// The request had images and the server could not read one (a bad image, not a model
    /// without vision): resend without it.
    #[error("the model could not read an image: {0}")]
    BadImage(String),
}

impl LlmError {
    /// True when the request was too long for the model's context window (spec §9).
    pub fn is_context_length(&self) -> bool {
        match self {
            LlmError::Refused(m) => {
                let m = m.to_ascii_lowercase();
                m.contains("context_length_exceeded") || m.contains("context length")
            }
            _ => false,
        }
    }
}

/// What one tool call produced.
#[derive(Clone, Debug, PartialEq)]
pub struct ToolOutcome {
    /// JSON or text returned to the model as the tool message.
    pub content: String,
    /// Ends the turn after this tool (used by `hand_off_to_human`).
    pub stop: bool,
}

impl ToolOutcome {
    pub fn ok(content: impl Into<String>) -> Self {
        Self {
            content: content.into(),
            stop: false,
        }
    }

    /// `{"error": message}`, so the model can tell the customer.
    pub fn error(message: impl AsRef<str>) -> Self {
        Self::ok(serde_json::json!({ "error": message.as_ref() }).to_string())
    }
}

/// What the caller's tools do.
pub trait ToolRunner: Send + Sync {
    fn call<'a>(&'a self, name: &'a str, arguments: Value) -> BoxFuture<'a, ToolOutcome>;
}

/// The outcome of [`crate::llm::LlmClient::run_turn`].
#[derive(Clone, Debug, PartialEq)]
pub struct TurnResult {
    /// The final assistant text, if any (none when a tool stopped the turn or the output was
    /// withheld by a content filter).
    pub reply: Option<String>,
    /// Every tool call made, in order.
    pub calls: Vec<(String, Value)>,
    /// The tool that ended the turn.
    pub stopped_by: Option<String>,
    pub model_calls: usize,
    /// `finish_reason` of the last model response (`length` means the reply is truncated).
    pub finish_reason: Option<String>,
    /// The whole conversation after the turn, tool messages included, for persistence.
    pub messages: Vec<ChatMessage>,
}

/// One parsed model response.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    pub message: ChatMessage,
    pub finish_reason: Option<String>,
    /// Tokens the server says it used; zeros when it does not say (`usage` is optional).
    pub usage: Usage,
}

/// The `usage` object of a response: what the call cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

impl Usage {
    /// Read leniently like the rest of the response: a missing, `null` or odd-typed count is 0.
    fn from_wire(usage: Option<&Value>) -> Self {
        let count = |k: &str| usage.and_then(|u| u[k].as_u64()).unwrap_or(0);
        Usage {
            prompt_tokens: count("prompt_tokens"),
            completion_tokens: count("completion_tokens"),
        }
    }
}

#[derive(Deserialize)]
struct WireResponse {
    #[serde(default)]
    choices: Vec<WireChoice>,
    #[serde(default)]
    usage: Option<Value>,
}

#[derive(Deserialize)]
struct WireChoice {
    message: Option<WireMessage>,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct WireMessage {
    content: Option<Value>,
    tool_calls: Option<Vec<WireToolCall>>,
}

#[derive(Deserialize)]
struct WireToolCall {
    id: Option<String>,
    function: WireFunction,
}

#[derive(Deserialize)]
struct WireFunction {
    name: String,
    #[serde(default)]
    arguments: Value,
}

impl Completion {
    /// Parses a 2xx response body leniently (see the module doc).
    pub fn parse(body: &[u8]) -> Result<Self, LlmError> {
        let wire: WireResponse = serde_json::from_slice(body)
            .map_err(|e| LlmError::BadResponse(format!("not a chat completion: {e}")))?;
        let choice = wire
            .choices
            .into_iter()
            .next()
            .ok_or_else(|| LlmError::BadResponse("no choices".into()))?;
        let msg = choice
            .message
            .ok_or_else(|| LlmError::BadResponse("choice without message".into()))?;
        let calls: Vec<ToolCall> = msg
            .tool_calls
            .unwrap_or_default()
            .into_iter()
            .map(WireToolCall::into_call)
            .collect();
        let message = ChatMessage {
            role: Role::Assistant,
            content: msg.content.and_then(content_text),
            tool_calls: (!calls.is_empty()).then_some(calls),
            tool_call_id: None,
            name: None,
            images: Vec::new(),
        };
        Ok(Completion {
            message,
            finish_reason: choice.finish_reason,
            usage: Usage::from_wire(wire.usage.as_ref()),
        })
    }
}

impl WireToolCall {
    fn into_call(self) -> ToolCall {
        let arguments = match self.function.arguments {
            Value::String(s) => s,
            Value::Null => "{}".to_owned(),
            other => other.to_string(),
        };
        let id = self
            .id
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| format!("call_{}", uuid::Uuid::new_v4().simple()));
        ToolCall {
            id,
            r#type: function_type(),
            function: FunctionCall {
                name: self.function.name,
                arguments,
            },
        }
    }
}

/// `content` as text: a string, or the text parts of an array; `None` when empty.
fn content_text(v: Value) -> Option<String> {
    let text = match v {
        Value::String(s) => s,
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(""),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn messages_serialise_like_the_spec() {
        let m = ChatMessage::tool("call_A1", "{}");
        assert_eq!(
            serde_json::to_value(&m).unwrap(),
            json!({"role": "tool", "content": "{}", "tool_call_id": "call_A1"})
        );
        let m = ChatMessage::user("hi");
        assert_eq!(
            serde_json::to_value(&m).unwrap(),
            json!({"role": "user", "content": "hi"})
        );
        let back: ChatMessage =
            serde_json::from_value(json!({"role": "user", "content": "hi"})).expect("round trip");
        assert_eq!(back, m);
    }

    #[test]
    fn images_go_as_parts_after_the_text() {
        let m = ChatMessage::user("[image] is this broken?")
            .with_images(vec!["data:image/jpeg;base64,/9j/".into()]);
        assert_eq!(
            serde_json::to_value(&m).unwrap(),
            json!({"role": "user", "content": [
                {"type": "text", "text": "[image] is this broken?"},
                {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/"}}
            ]})
        );
        let plain = ChatMessage::assistant("hi").with_images(Vec::new());
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            json!({"role": "assistant", "content": "hi"})
        );
    }

    #[test]
    fn parses_tool_calls_with_null_content() {
        let body = json!({"choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": null, "refusal": null,
            "tool_calls": [{"id": "call_A1", "type": "function",
                "function": {"name": "lookup_order", "arguments": "{\"order_id\":\"7781\"}"}}]}}],
            "usage": {"total_tokens": 3}});
        let c = Completion::parse(body.to_string().as_bytes()).unwrap();
        assert_eq!(c.message.content, None);
        assert_eq!(c.message.calls()[0].id, "call_A1");
        assert_eq!(
            c.message.calls()[0].function.arguments,
            r#"{"order_id":"7781"}"#
        );
        assert_eq!(c.finish_reason.as_deref(), Some("tool_calls"));
        assert_eq!(
            c.usage,
            Usage::default(),
            "only total_tokens: nothing to count"
        );
        let out = serde_json::to_value(&c.message).unwrap();
        assert_eq!(out["content"], Value::Null, "assistant content stays null");
    }

    #[test]
    fn reads_token_usage_leniently() {
        let body = json!({"choices": [{"message": {"content": "hi"}}],
            "usage": {"prompt_tokens": 120, "completion_tokens": 7, "total_tokens": 127}});
        let c = Completion::parse(body.to_string().as_bytes()).unwrap();
        assert_eq!(
            c.usage,
            Usage {
                prompt_tokens: 120,
                completion_tokens: 7
            }
        );
        let body = json!({"choices": [{"message": {"content": "hi"}}],
            "usage": {"prompt_tokens": null, "completion_tokens": "7"}});
        let c = Completion::parse(body.to_string().as_bytes()).unwrap();
        assert_eq!(c.usage, Usage::default());
    }

    #[test]
    fn tolerates_missing_ids_and_object_arguments() {
        let body = json!({"choices": [{"finish_reason": "stop", "message": {"content": "",
            "tool_calls": [{"function": {"name": "a", "arguments": {"x": 1}}},
                           {"function": {"name": "b"}}],
            "reasoning_content": "ignored"}}]});
        let c = Completion::parse(body.to_string().as_bytes()).unwrap();
        let calls = c.message.calls();
        assert_eq!(calls.len(), 2);
        assert!(calls[0].id.starts_with("call_") && calls[0].id != calls[1].id);
        assert_eq!(calls[0].r#type, "function");
        assert_eq!(calls[0].function.arguments, r#"{"x":1}"#);
        assert_eq!(calls[1].function.arguments, "{}");
        assert_eq!(c.message.content, None, "empty content is no content");
    }

    #[test]
    fn content_parts_and_bad_bodies() {
        let body = json!({"choices": [{"message": {"content": [{"type": "text", "text": "a"},
            {"type": "text", "text": "b"}]}}]});
        let c = Completion::parse(body.to_string().as_bytes()).unwrap();
        assert_eq!(c.message.content.as_deref(), Some("ab"));
        assert_eq!(c.message.tool_calls, None);
        for bad in [r#"{"choices": []}"#, "not json", r#"{"choices":[{}]}"#] {
            let err = Completion::parse(bad.as_bytes()).unwrap_err();
            assert!(matches!(err, LlmError::BadResponse(_)), "{bad}: {err}");
        }
    }

    #[test]
    fn tool_spec_wire_shape_and_context_errors() {
        let spec = ToolSpec {
            name: "t".into(),
            description: "d".into(),
            parameters: json!({"type": "object"}),
        };
        assert_eq!(spec.to_wire()["type"], "function");
        assert_eq!(spec.to_wire()["function"]["parameters"]["type"], "object");
        let e = LlmError::Refused("HTTP 400: maximum context length is 8192 tokens".into());
        assert!(e.is_context_length());
        assert!(!LlmError::Timeout.is_context_length());
    }
}
