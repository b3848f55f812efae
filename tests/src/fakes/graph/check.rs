//! Spec checks of the fake Graph server: one function per request shape (spec §5.2–5.5).
//!
//! Each check returns the first problem found as a [`Violation`] (HTTP status, Graph code,
//! description); nothing here panics on any input.

use std::collections::HashSet;

use axum::http::Method;
use serde_json::{Map, Value, json};

use super::GraphRequest;
use crate::fakes::server::RecordedRequest;

/// A rejected request: the answer's HTTP status and Graph code, and what was wrong.
pub(super) struct Violation {
    pub status: u16,
    pub code: i64,
    pub what: String,
}

fn bad(what: impl Into<String>) -> Violation {
    Violation {
        status: 400,
        code: 100,
        what: what.into(),
    }
}

/// Validates one request against the spec; returns what to record.
pub(super) fn check(req: &RecordedRequest, token: &str) -> Result<GraphRequest, Violation> {
    if req.method != Method::POST {
        return Err(bad(format!("method must be POST, got {}", req.method)));
    }
    let phone_number_id = check_path(&req.path)?;
    if req.bearer() != Some(token) {
        let what = "missing or wrong bearer token".to_owned();
        return Err(Violation {
            status: 401,
            code: 190,
            what,
        });
    }
    if !req.content_type_is("application/json") {
        let ctype = req.header("content-type");
        return Err(bad(format!(
            "content-type must be application/json, got {ctype:?}"
        )));
    }
    let json: Value = req.json().map_err(bad)?;
    let obj = json
        .as_object()
        .ok_or_else(|| bad("body is not a JSON object"))?;
    if obj.get("messaging_product").and_then(Value::as_str) != Some("whatsapp") {
        return Err(bad("messaging_product must be \"whatsapp\""));
    }
    let (kind, recipient) = if obj.contains_key("status") {
        check_read(obj)?;
        ("read".to_owned(), None)
    } else {
        let (kind, who) = check_send(obj)?;
        (kind, Some(who))
    };
    Ok(GraphRequest {
        path: req.path.clone(),
        phone_number_id,
        body: json,
        kind,
        recipient,
        failed_with: None,
        wamid: None,
        at: req.at,
    })
}

/// `/{version}/{phone_number_id}/messages` with `version` like `v25.0`; returns the id.
fn check_path(path: &str) -> Result<String, Violation> {
    let parts: Vec<&str> = path.split('/').collect();
    let [_, version, id, "messages"] = parts.as_slice() else {
        return Err(bad(format!(
            "path must be /{{version}}/{{phone_number_id}}/messages: {path}"
        )));
    };
    let digits_dots = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
    if !version.strip_prefix('v').is_some_and(digits_dots) {
        return Err(bad(format!(
            "version must look like v25.0, got {version:?}"
        )));
    }
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad(format!("phone_number_id must be digits, got {id:?}")));
    }
    Ok((*id).to_owned())
}

/// Spec §5.3: `{messaging_product, status: "read", message_id, typing_indicator?}`.
fn check_read(obj: &Map<String, Value>) -> Result<(), Violation> {
    only_keys(
        obj,
        &[
            "messaging_product",
            "status",
            "message_id",
            "typing_indicator",
        ],
        "mark read",
    )?;
    if obj.get("status").and_then(Value::as_str) != Some("read") {
        return Err(bad("mark read: status must be \"read\""));
    }
    non_empty(obj.get("message_id"), "mark read: message_id")?;
    match obj.get("typing_indicator") {
        None => Ok(()),
        Some(t) if *t == json!({ "type": "text" }) => Ok(()),
        Some(t) => Err(bad(format!(
            "typing_indicator must be {{\"type\":\"text\"}}, got {t}"
        ))),
    }
}

/// Spec §5.2 common fields, then the type-specific object; returns (type, recipient).
fn check_send(obj: &Map<String, Value>) -> Result<(String, String), Violation> {
    let kind = non_empty(obj.get("type"), "type")?.to_owned();
    let mut allowed = vec![
        "messaging_product",
        "recipient_type",
        "to",
        "recipient",
        "type",
        "context",
        "biz_opaque_callback_data",
    ];
    allowed.push(kind.as_str());
    only_keys(obj, &allowed, "send")?;
    if let Some(rt) = obj.get("recipient_type")
        && !matches!(rt.as_str(), Some("individual" | "group"))
    {
        return Err(bad(format!(
            "recipient_type must be individual or group, got {rt}"
        )));
    }
    let who = check_recipient(obj)?;
    if let Some(ctx) = obj.get("context") {
        if kind == "reaction" {
            return Err(bad("context is not allowed on reactions"));
        }
        non_empty(ctx.get("message_id"), "context.message_id")?;
    }
    if obj
        .get("biz_opaque_callback_data")
        .is_some_and(|v| !v.is_string())
    {
        return Err(bad("biz_opaque_callback_data must be a string"));
    }
    let content = obj.get(&kind).and_then(Value::as_object);
    let content =
        content.ok_or_else(|| bad(format!("type {kind:?} needs a sibling object {kind:?}")))?;
    match kind.as_str() {
        "text" => check_text(content)?,
        "interactive" => check_interactive(content)?,
        "template" => check_template(content)?,
        _ => {}
    }
    Ok((kind, who))
}

/// Exactly one of `to` (`+` then digits, spec §5.2) or `recipient` (BSUID `CC.<alnum>`).
fn check_recipient(obj: &Map<String, Value>) -> Result<String, Violation> {
    match (obj.get("to"), obj.get("recipient")) {
        (Some(to), None) => {
            let to = to.as_str().unwrap_or_default();
            let digits: String = to.chars().filter(char::is_ascii_digit).collect();
            let shape = to.strip_prefix('+').is_some_and(|rest| {
                rest.chars()
                    .all(|c| c.is_ascii_digit() || " -()".contains(c))
            });
            if !shape || digits.is_empty() {
                return Err(bad(format!(
                    "to must be + and country code and number, got {to:?}"
                )));
            }
            Ok(digits)
        }
        (None, Some(r)) => {
            let r = r.as_str().unwrap_or_default();
            let (cc, rest) = r.split_once('.').unwrap_or_default();
            let ok = cc.len() == 2
                && cc.chars().all(|c| c.is_ascii_uppercase())
                && !rest.is_empty()
                && r.len() <= 140
                && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
            if !ok {
                return Err(bad(format!(
                    "recipient must be a BSUID like US.123, got {r:?}"
                )));
            }
            Ok(r.to_owned())
        }
        (Some(_), Some(_)) => Err(bad("send has both to and recipient")),
        (None, None) => Err(bad("send has neither to nor recipient")),
    }
}

fn check_text(text: &Map<String, Value>) -> Result<(), Violation> {
    only_keys(text, &["body", "preview_url"], "text")?;
    let body = non_empty(text.get("body"), "text.body")?;
    let n = body.chars().count();
    if n > 4096 {
        return Err(bad(format!("text.body has {n} chars, max 4096")));
    }
    if text.get("preview_url").is_some_and(|p| !p.is_boolean()) {
        return Err(bad("text.preview_url must be a boolean"));
    }
    Ok(())
}

/// Reply buttons (spec §5.4): body ≤ 1024, 1..=3 buttons, id ≤ 256, unique title ≤ 20.
fn check_interactive(i: &Map<String, Value>) -> Result<(), Violation> {
    match i.get("type").and_then(Value::as_str) {
        Some("button") => {}
        Some("list") if i.get("action").is_some_and(Value::is_object) => return Ok(()),
        other => return Err(bad(format!("interactive.type unsupported: {other:?}"))),
    }
    let body = non_empty(
        i.get("body").and_then(|b| b.get("text")),
        "interactive.body.text",
    )?;
    max_chars(body, 1024, "interactive.body.text")?;
    let buttons = i
        .get("action")
        .and_then(|a| a.get("buttons"))
        .and_then(Value::as_array);
    let buttons = buttons.ok_or_else(|| bad("interactive.action.buttons missing"))?;
    if !(1..=3).contains(&buttons.len()) {
        return Err(bad(format!("1..=3 buttons allowed, got {}", buttons.len())));
    }
    let mut titles = HashSet::new();
    for b in buttons {
        if b.get("type").and_then(Value::as_str) != Some("reply") {
            return Err(bad("button type must be \"reply\""));
        }
        max_chars(
            non_empty(b.pointer("/reply/id"), "reply.id")?,
            256,
            "reply.id",
        )?;
        let title = non_empty(b.pointer("/reply/title"), "reply.title")?;
        max_chars(title, 20, "reply.title")?;
        if !titles.insert(title.to_owned()) {
            return Err(bad(format!("duplicate button title {title:?}")));
        }
    }
    Ok(())
}

/// Templates (spec §5.5): name, language.code, optional components array of typed objects.
fn check_template(t: &Map<String, Value>) -> Result<(), Violation> {
    non_empty(t.get("name"), "template.name")?;
    non_empty(
        t.get("language").and_then(|l| l.get("code")),
        "template.language.code",
    )?;
    match t.get("components") {
        None => Ok(()),
        Some(Value::Array(cs))
            if cs
                .iter()
                .all(|c| c.get("type").is_some_and(Value::is_string)) =>
        {
            Ok(())
        }
        Some(_) => Err(bad("template.components must be an array of {type, ...}")),
    }
}

fn only_keys(obj: &Map<String, Value>, allowed: &[&str], what: &str) -> Result<(), Violation> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(bad(format!("{what}: unexpected field {k:?}"))),
        None => Ok(()),
    }
}

fn non_empty<'a>(v: Option<&'a Value>, what: &str) -> Result<&'a str, Violation> {
    match v.and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => Ok(s),
        _ => Err(bad(format!("{what} must be a non-empty string"))),
    }
}

fn max_chars(s: &str, max: usize, what: &str) -> Result<(), Violation> {
    let n = s.chars().count();
    if n > max {
        return Err(bad(format!("{what} has {n} chars, max {max}")));
    }
    Ok(())
}
