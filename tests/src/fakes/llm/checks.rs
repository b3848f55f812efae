//! Spec checks for the fake LLM: every way a request breaks `../shared/specs/openai-chat.md`.
//!
//! Pure functions returning human-readable violations; nothing here panics on bad input.

use std::collections::HashSet;

use axum::http::HeaderMap;
use serde_json::{Value, json};

pub fn check_headers(headers: &HeaderMap) -> Vec<String> {
    let mut v = Vec::new();
    let ct = headers.get("content-type").and_then(|h| h.to_str().ok());
    if !ct.is_some_and(|c| c.starts_with("application/json")) {
        v.push(format!("content-type is {ct:?}, not application/json"));
    }
    let auth = headers
        .get("authorization")
        .map(|a| a.to_str().unwrap_or(""));
    if auth.is_some_and(|a| !a.starts_with("Bearer ") || a.len() <= 7) {
        v.push("authorization is not `Bearer <key>`".into());
    }
    v
}

/// Every spec violation of a request body (§2–§4).
pub fn check_request(req: &Value) -> Vec<String> {
    let mut v = Vec::new();
    if req["model"].as_str().is_none_or(str::is_empty) {
        v.push("`model` missing or empty".into());
    }
    for field in ["functions", "function_call"] {
        if req.get(field).is_some() {
            v.push(format!("deprecated field `{field}` sent"));
        }
    }
    if req["stream"] == json!(true) {
        v.push("`stream: true` sent; the client must not stream".into());
    }
    let temperature = req.get("temperature");
    if temperature.is_some_and(|t| !t.as_f64().is_some_and(|t| (0.0..=2.0).contains(&t))) {
        v.push(format!("temperature {} outside 0..=2", req["temperature"]));
    }
    if let Some(c) = req.get("tool_choice") {
        let named = c["type"] == "function" && c["function"]["name"].is_string();
        if !(named || ["none", "auto", "required"].iter().any(|s| c == s)) {
            v.push(format!("bad tool_choice {c}"));
        }
    }
    match req["messages"].as_array() {
        Some(m) if !m.is_empty() => check_messages(m, &mut v),
        _ => v.push("`messages` missing or empty".into()),
    }
    if let Some(tools) = req.get("tools") {
        check_tools(tools, &mut v);
    }
    v
}

fn check_messages(messages: &[Value], v: &mut Vec<String>) {
    let mut pending: Vec<String> = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        let role = m["role"].as_str().unwrap_or("");
        if role != "tool" && !pending.is_empty() {
            v.push(format!(
                "message {i}: tool calls {pending:?} were not answered"
            ));
            pending.clear();
        }
        let text = m["content"].is_string() || m["content"].is_array();
        if let Some(parts) = m["content"].as_array() {
            check_parts(i, role, parts, v);
        }
        match role {
            "system" | "developer" | "user" if !text => v.push(format!("message {i}: no content")),
            "system" | "developer" | "user" => {}
            "assistant" => pending = check_assistant(i, m, v),
            "tool" => {
                let id = m["tool_call_id"].as_str().unwrap_or("");
                match pending.iter().position(|p| p == id) {
                    Some(p) => drop(pending.remove(p)),
                    None => v.push(format!("message {i}: tool result for unknown id {id:?}")),
                }
                if !text {
                    v.push(format!("message {i}: tool result without content"));
                }
            }
            other => v.push(format!("message {i}: invalid role {other:?}")),
        }
    }
    if !pending.is_empty() {
        v.push(format!("tool calls {pending:?} have no results"));
    }
}

/// Content parts (`openai-audio-vision.md` §2.1, §2.3): text parts with text; image parts
/// only on user messages, as `{"url": "data:image/<jpeg|png|webp>;base64,…"}` (never a
/// remote URL: Meta's need the access token) with standard base64.
fn check_parts(i: usize, role: &str, parts: &[Value], v: &mut Vec<String>) {
    use base64::Engine as _;
    if parts.is_empty() {
        v.push(format!("message {i}: empty content array"));
    }
    for p in parts {
        match p["type"].as_str() {
            Some("text") if p["text"].is_string() => {}
            Some("image_url") if role == "user" => {
                let url = p["image_url"]["url"].as_str().unwrap_or("");
                let payload = ["jpeg", "png", "webp"]
                    .iter()
                    .find_map(|f| url.strip_prefix(&format!("data:image/{f};base64,")));
                let decodes = payload
                    .is_some_and(|b| base64::engine::general_purpose::STANDARD.decode(b).is_ok());
                if !decodes {
                    let shown: String = url.chars().take(40).collect();
                    v.push(format!(
                        "message {i}: image url {shown:?} is not a base64 data URL"
                    ));
                }
            }
            _ => v.push(format!("message {i}: bad content part {}", short(p))),
        }
    }
}

fn short(p: &Value) -> String {
    p.to_string().chars().take(80).collect()
}

/// Checks an assistant message; returns the ids of its tool calls.
fn check_assistant(i: usize, m: &Value, v: &mut Vec<String>) -> Vec<String> {
    let calls = m["tool_calls"].as_array().cloned().unwrap_or_default();
    if m.get("tool_calls").is_some() && calls.is_empty() {
        v.push(format!("message {i}: `tool_calls` present but empty"));
    }
    let content_ok = m["content"].is_string() || m["content"].is_array();
    if !content_ok && (calls.is_empty() || !m["content"].is_null()) {
        v.push(format!(
            "message {i}: assistant content must be text (null only with tool calls)"
        ));
    }
    let mut ids = Vec::new();
    for c in &calls {
        let id = c["id"].as_str().unwrap_or("").to_owned();
        let args = c["function"]["arguments"].as_str();
        let shape = !id.is_empty() && c["type"] == "function" && c["function"]["name"].is_string();
        if !shape || args.is_none_or(|a| serde_json::from_str::<Value>(a).is_err()) {
            v.push(format!("message {i}: malformed tool call {c}"));
        }
        if ids.contains(&id) {
            v.push(format!("message {i}: duplicate tool call id {id:?}"));
        }
        ids.push(id);
    }
    ids
}

fn check_tools(tools: &Value, v: &mut Vec<String>) {
    let Some(tools) = tools.as_array().filter(|t| !t.is_empty()) else {
        return v.push("`tools` must be a non-empty array (omit it when empty)".into());
    };
    let mut names = HashSet::new();
    for t in tools {
        let f = &t["function"];
        let name = f["name"].as_str().unwrap_or("");
        let valid = (1..=64).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if t["type"] != "function" || !valid || !names.insert(name.to_owned()) {
            v.push(format!("bad or duplicate tool definition {t}"));
        }
        if f.get("parameters").is_some_and(|p| p["type"] != "object") {
            v.push(format!("tool {name}: parameters must be an object schema"));
        }
        if f.get("description").is_some_and(|d| !d.is_string()) {
            v.push(format!("tool {name}: description must be a string"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(messages: Value) -> Value {
        json!({"model": "m", "messages": messages})
    }

    #[test]
    fn a_good_tool_round_passes() {
        let r = req(json!([
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": null, "tool_calls": [{"id": "a", "type": "function",
                "function": {"name": "f", "arguments": "{}"}}]},
            {"role": "tool", "tool_call_id": "a", "content": "{}"},
            {"role": "assistant", "content": "done"},
        ]));
        assert_eq!(check_request(&r), Vec::<String>::new());
    }

    #[test]
    fn catches_broken_requests() {
        let call =
            json!({"id": "a", "type": "function", "function": {"name": "f", "arguments": "{}"}});
        let bad = [
            json!({"messages": [{"role": "user", "content": "x"}]}),
            req(json!([])),
            req(json!([{"role": "robot", "content": "x"}])),
            req(json!([{"role": "assistant", "content": null}])),
            req(json!([{"role": "assistant", "content": null, "tool_calls": [call]}])),
            req(json!([{"role": "tool", "tool_call_id": "zz", "content": "x"}])),
            req(
                json!([{"role": "assistant", "content": null, "tool_calls": [call]},
                       {"role": "user", "content": "x"}]),
            ),
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": []}),
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "stream": true}),
        ];
        for r in bad {
            assert!(!check_request(&r).is_empty(), "{r}");
        }
    }
}
