//! Request bodies for `POST /{version}/{phone_number_id}/messages` (spec §5.2–5.5), built and
//! validated locally.
//!
//! Owns the exact JSON shapes and the local limits. Every send carries
//! `messaging_product: "whatsapp"`, `recipient_type: "individual"`, exactly one of `to`
//! (`+<digits>`: without `+` Meta prepends our own country code, spec §5.2) or `recipient`
//! (BSUID), `type` and the sibling object of that name. Anything that would break a limit
//! fails here with [`GraphError::Invalid`], before a request is made.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::GraphError;
use super::split::TEXT_LIMIT;

/// Who to send to: the phone number when known (sent as `"to": "+<digits>"`), else the
/// business-scoped user id (sent as `"recipient": "<bsuid>"`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Recipient {
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
}

impl Recipient {
    pub fn phone(wa_id: impl Into<String>) -> Self {
        Recipient {
            wa_id: Some(wa_id.into()),
            user_id: None,
        }
    }

    pub fn bsuid(user_id: impl Into<String>) -> Self {
        Recipient {
            wa_id: None,
            user_id: Some(user_id.into()),
        }
    }

    /// The addressing fields of a send: `("to", "+digits")` or `("recipient", bsuid)`.
    /// A phone number that is not digits (after dropping `+`, spaces, hyphens and parentheses)
    /// is not used; the BSUID is used instead when there is one.
    pub fn address(&self) -> Result<(&'static str, String), GraphError> {
        if let Some(digits) = self.wa_id.as_deref().and_then(phone_digits) {
            return Ok(("to", format!("+{digits}")));
        }
        match self.user_id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => Ok(("recipient", id.to_owned())),
            _ if self.wa_id.as_deref().is_some_and(|w| !w.trim().is_empty()) => Err(invalid(
                "recipient phone number is not a number and no BSUID is known",
            )),
            _ => Err(invalid("no recipient: neither wa_id nor user_id is known")),
        }
    }
}

/// Masks the phone number and BSUID (they are personal data).
impl std::fmt::Debug for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mask = |v: &Option<String>| v.as_deref().map(baton_shared::telemetry::mask);
        f.debug_struct("Recipient")
            .field("wa_id", &mask(&self.wa_id))
            .field("user_id", &mask(&self.user_id))
            .finish()
    }
}

fn phone_digits(wa_id: &str) -> Option<String> {
    let digits: String = wa_id
        .trim()
        .trim_start_matches('+')
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

pub(crate) fn invalid(msg: impl Into<String>) -> GraphError {
    GraphError::Invalid(msg.into())
}

/// The common part of every send, with `type` and its sibling object.
fn envelope(to: &Recipient, kind: &str, content: Value) -> Result<Map<String, Value>, GraphError> {
    let (field, address) = to.address()?;
    let mut m = Map::new();
    m.insert("messaging_product".into(), "whatsapp".into());
    m.insert("recipient_type".into(), "individual".into());
    m.insert(field.into(), address.into());
    m.insert("type".into(), kind.into());
    m.insert(kind.into(), content);
    Ok(m)
}

fn with_context(mut m: Map<String, Value>, reply_to: Option<&str>) -> Map<String, Value> {
    if let Some(id) = reply_to.map(str::trim).filter(|id| !id.is_empty()) {
        m.insert("context".into(), json!({ "message_id": id }));
    }
    m
}

/// One text message (≤ 4096 chars, not blank), optionally quoting `reply_to` and carrying our
/// correlation id in `biz_opaque_callback_data`. Link previews are off.
pub fn text(
    to: &Recipient,
    body: &str,
    reply_to: Option<&str>,
    correlation: Option<&str>,
) -> Result<Value, GraphError> {
    if body.trim().is_empty() {
        return Err(invalid("empty text body"));
    }
    let n = body.chars().count();
    if n > TEXT_LIMIT {
        return Err(invalid(format!(
            "text body has {n} chars, limit {TEXT_LIMIT}"
        )));
    }
    let content = json!({ "body": body, "preview_url": false });
    let mut m = with_context(envelope(to, "text", content)?, reply_to);
    if let Some(c) = correlation.filter(|c| !c.is_empty()) {
        m.insert("biz_opaque_callback_data".into(), c.into());
    }
    Ok(Value::Object(m))
}

/// Mark `message_id` read (spec §5.3), with the typing indicator when `typing`.
pub fn mark_read(message_id: &str, typing: bool) -> Result<Value, GraphError> {
    if message_id.trim().is_empty() {
        return Err(invalid("empty message id to mark read"));
    }
    let mut v =
        json!({ "messaging_product": "whatsapp", "status": "read", "message_id": message_id });
    if typing {
        v["typing_indicator"] = json!({ "type": "text" });
    }
    Ok(v)
}

/// Interactive reply buttons (spec §5.4); `buttons` are `(id, title)` pairs.
pub fn buttons(
    to: &Recipient,
    body: &str,
    buttons: &[(String, String)],
    reply_to: Option<&str>,
) -> Result<Value, GraphError> {
    check_buttons(body, buttons)?;
    let list: Vec<Value> = buttons
        .iter()
        .map(|(id, title)| json!({ "type": "reply", "reply": { "id": id, "title": title } }))
        .collect();
    let content = json!({
        "type": "button",
        "body": { "text": body },
        "action": { "buttons": list },
    });
    Ok(Value::Object(with_context(
        envelope(to, "interactive", content)?,
        reply_to,
    )))
}

/// Local limits of reply buttons: body 1..=1024 chars; 1..=3 buttons; id 1..=256 chars;
/// title 1..=20 chars. Titles must be unique (compared case-insensitively, as a user would)
/// and so must ids (otherwise a tap could not be told apart).
fn check_buttons(body: &str, buttons: &[(String, String)]) -> Result<(), GraphError> {
    let chars = |s: &str| s.chars().count();
    if body.trim().is_empty() || chars(body) > 1024 {
        return Err(invalid(format!(
            "button body must have 1..=1024 chars, has {}",
            chars(body)
        )));
    }
    if !(1..=3).contains(&buttons.len()) {
        return Err(invalid(format!(
            "1..=3 buttons allowed, got {}",
            buttons.len()
        )));
    }
    let (mut ids, mut titles) = (HashSet::new(), HashSet::new());
    for (id, title) in buttons {
        if id.trim().is_empty() || chars(id) > 256 {
            return Err(invalid(format!(
                "button id must have 1..=256 chars, has {}",
                chars(id)
            )));
        }
        if title.trim().is_empty() || chars(title) > 20 {
            return Err(invalid(format!(
                "button title {title:?} must have 1..=20 chars"
            )));
        }
        if !ids.insert(id.as_str()) {
            return Err(invalid(format!("duplicate button id {id:?}")));
        }
        if !titles.insert(title.trim().to_lowercase()) {
            return Err(invalid(format!("duplicate button title {title:?}")));
        }
    }
    Ok(())
}

/// An approved template (spec §5.5). `components` is the `components` array as Meta defines
/// it; `null` or `[]` sends none.
pub fn template(
    to: &Recipient,
    name: &str,
    language: &str,
    components: Value,
) -> Result<Value, GraphError> {
    if name.trim().is_empty() || language.trim().is_empty() {
        return Err(invalid("template name and language code are required"));
    }
    let mut content = json!({ "name": name, "language": { "code": language } });
    match components {
        Value::Null => {}
        Value::Array(a) if a.is_empty() => {}
        Value::Array(a) => content["components"] = Value::Array(a),
        _ => return Err(invalid("template components must be a JSON array")),
    }
    Ok(Value::Object(envelope(to, "template", content)?))
}

#[cfg(test)]
mod tests;
