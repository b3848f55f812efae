//! [`demo_agent`]: a deterministic "scripted LLM" for end-to-end tests and the sandbox.
//!
//! It only reads the request body, so the same request always gets the same answer.

use serde_json::{Value, json};

use super::Scripted;

/// A deterministic "scripted LLM" for end-to-end tests and the sandbox. Reading the request:
///
/// 1. last message is a tool result → a reply: for `lookup_order` a summary of its JSON
///    fields (or an apology if it holds `error`), for a handoff tool "a teammate will reply";
/// 2. last user message asks for a person (`human`, `person`, `agent`, `representative`,
///    `humano`, `persona`, `agente`, `asesor`, …) → `hand_off_to_human` (or the offered tool
///    whose name mentions a handoff) with `{reason: "customer_asked", summary}`;
/// 3. it mentions an order like `#ORD-22` and `lookup_order` is offered →
///    `lookup_order {order_id: "ORD-22"}`;
/// 4. otherwise a reply echoing the customer, prefixed with `As our teammate said: "…"` when
///    the prompt holds a human agent's turn: a message named `human_agent` (or any name with
///    `human`), or a content line starting `Human agent:` / `[human agent]`.
pub fn demo_agent(request: &Value) -> Scripted {
    let empty = Vec::new();
    let messages = request["messages"].as_array().unwrap_or(&empty);
    if let Some(last) = messages.last().filter(|m| m["role"] == "tool") {
        return Scripted::Reply(after_tool(messages, last));
    }
    let said = messages
        .iter()
        .rev()
        .find(|m| m["role"] == "user")
        .map(text)
        .unwrap_or_default();
    let offered: Vec<&str> = request["tools"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(|t| t["function"]["name"].as_str())
        .collect();
    if asks_for_human(&said) {
        let tool = offered
            .iter()
            .find(|n| n.contains("hand") || n.contains("human"))
            .unwrap_or(&"hand_off_to_human");
        let summary = format!("Customer asked for a human: \"{}\"", short(&said, 100));
        let args = json!({"reason": "customer_asked", "summary": summary});
        return Scripted::ToolCalls(vec![(tool.to_string(), args)]);
    }
    if let Some(order) = order_id(&said).filter(|_| offered.contains(&"lookup_order")) {
        return Scripted::ToolCalls(vec![("lookup_order".into(), json!({"order_id": order}))]);
    }
    let mut reply = match human_said(messages) {
        Some(h) => format!("As our teammate said: \"{}\". ", short(&h, 200)),
        None => String::new(),
    };
    if said.trim().is_empty() {
        reply.push_str("Hi! How can I help you today?");
    } else {
        reply.push_str(&format!(
            "Thanks for your message: \"{}\". ",
            short(&said, 120)
        ));
        reply.push_str("How else can I help?");
    }
    Scripted::Reply(reply)
}

fn text(m: &Value) -> String {
    match &m["content"] {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts.iter().filter_map(|p| p["text"].as_str()).collect(),
        _ => String::new(),
    }
}

fn short(s: &str, max: usize) -> String {
    s.trim().chars().take(max).collect()
}

fn after_tool(messages: &[Value], result: &Value) -> String {
    let id = &result["tool_call_id"];
    let name = messages
        .iter()
        .filter_map(|m| m["tool_calls"].as_array())
        .flatten()
        .find(|c| &c["id"] == id)
        .and_then(|c| c["function"]["name"].as_str())
        .unwrap_or("");
    let content = text(result);
    let data: Value = serde_json::from_str(&content).unwrap_or(Value::Null);
    if name.contains("hand") || name.contains("human") {
        return "I've asked a teammate to join; they'll reply here shortly.".into();
    }
    if let Some(e) = data["error"].as_str() {
        return format!("Sorry, I couldn't check that right now ({e}). A teammate can help.");
    }
    let fields: Vec<String> = match data.as_object() {
        Some(o) => o
            .iter()
            .filter(|(_, v)| !v.is_object() && !v.is_array())
            .take(6)
            .map(|(k, v)| format!("{k}: {}", v.as_str().map_or(v.to_string(), str::to_owned)))
            .collect(),
        None => vec![short(&content, 200)],
    };
    let what = if name == "lookup_order" {
        "your order"
    } else {
        "that"
    };
    format!("Here's what I found for {what}: {}.", fields.join(", "))
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn asks_for_human(said: &str) -> bool {
    const WORDS: [&str; 13] = [
        "human",
        "humans",
        "person",
        "agent",
        "representative",
        "operator",
        "people",
        "humano",
        "persona",
        "agente",
        "asesor",
        "operador",
        "ejecutivo",
    ];
    words(said).iter().any(|w| WORDS.contains(&w.as_str()))
}

/// `ORD-22` from `#ORD-22` or `ord-22` (letters, a dash and digits, `#` optional).
fn order_id(said: &str) -> Option<String> {
    said.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '#'))
        .map(|w| w.trim_start_matches('#').trim_end_matches('-'))
        .find(|w| {
            let (prefix, digits) = w.split_once('-').unwrap_or(("", ""));
            prefix.eq_ignore_ascii_case("ord")
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_uppercase)
}

/// The last thing a human agent said, if the prompt holds one.
fn human_said(messages: &[Value]) -> Option<String> {
    let from_line = |m: &Value| {
        text(m).lines().rev().find_map(|l| {
            let l = l.trim();
            ["human agent:", "[human agent]"]
                .iter()
                .find(|p| l.to_lowercase().starts_with(*p))
                .map(|p| l.get(p.len()..).unwrap_or("").trim().to_owned())
        })
    };
    messages
        .iter()
        .rev()
        .find_map(|m| match m["name"].as_str() {
            Some(n) if n.contains("human") => Some(text(m)),
            _ => from_line(m),
        })
        .filter(|h| !h.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(text: &str, tools: &[&str]) -> Scripted {
        let tools: Vec<Value> = tools
            .iter()
            .map(|n| json!({"type": "function", "function": {"name": n}}))
            .collect();
        demo_agent(&json!({"messages": [{"role": "user", "content": text}], "tools": tools}))
    }

    #[test]
    fn follows_its_rules() {
        let handoff =
            |s: Scripted| matches!(s, Scripted::ToolCalls(c) if c[0].0 == "hand_off_to_human");
        assert!(handoff(ask("Quiero hablar con una persona", &[])));
        assert!(handoff(ask("Can I talk to a HUMAN?", &["lookup_order"])));
        match ask("Status of #ORD-22 please", &["lookup_order"]) {
            Scripted::ToolCalls(c) => assert_eq!(c[0].1["order_id"], "ORD-22"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            ask("Status of #ORD-22 please", &[]),
            Scripted::Reply(_)
        ));
        assert_eq!(order_id("see ord-7."), Some("ORD-7".into()));
        assert_eq!(order_id("ORD- and #22"), None);
    }

    #[test]
    fn mentions_what_a_human_said() {
        let r = json!({"messages": [
            {"role": "system", "content": "Transcript:\nHuman agent: we open at 9"},
            {"role": "user", "content": "ok thanks"}]});
        match demo_agent(&r) {
            Scripted::Reply(t) => assert!(
                t.starts_with("As our teammate said: \"we open at 9\""),
                "{t}"
            ),
            other => panic!("{other:?}"),
        }
    }
}
