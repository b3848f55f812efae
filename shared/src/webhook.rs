//! Splitting a WhatsApp webhook body into events.
//!
//! Walks every `entry[]`, every `changes[]`, every `messages[]`, `statuses[]`,
//! `value.errors[]` and `message_echoes[]` item (several libraries read only the first of each and lose the rest) and
//! makes one [`Event`] per item. The reading is deliberately tolerant: every identity field is
//! optional (business-scoped ids may replace phone numbers), timestamps may be strings or
//! numbers, unknown message types and unknown subscription fields are kept as they are.
//!
//! Fails with [`Unparsed`] only when the body is not the envelope we expect at all (not JSON,
//! wrong `object`, no `entry` array, or nothing to extract); ingress keeps such bodies in the
//! unparsed queue for operators instead of refusing them.

use serde_json::Value;

use crate::event::{Conversation, Event, EventKind, SCHEMA_VERSION};

/// Why a signed body could not be turned into events.
#[derive(Debug, thiserror::Error)]
#[error("unparsed webhook body: {0}")]
pub struct Unparsed(pub String);

/// Turns a verified webhook body into one event per item.
pub fn split(body: &[u8], received_at_ms: i64) -> Result<Vec<Event>, Unparsed> {
    let root: Value =
        serde_json::from_slice(body).map_err(|e| Unparsed(format!("not JSON: {e}")))?;
    match root.get("object").and_then(Value::as_str) {
        Some("whatsapp_business_account") => {}
        other => return Err(Unparsed(format!("object is {other:?}"))),
    }
    let entries = root
        .get("entry")
        .and_then(Value::as_array)
        .ok_or_else(|| Unparsed("no entry array".into()))?;
    let mut events = Vec::new();
    for entry in entries {
        let waba = str_of(entry.get("id")).unwrap_or_default();
        for change in entry
            .get("changes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            split_change(&waba, change, received_at_ms, &mut events);
        }
    }
    if events.is_empty() {
        return Err(Unparsed("no messages, statuses, errors or changes".into()));
    }
    Ok(events)
}

fn split_change(waba: &str, change: &Value, received: i64, out: &mut Vec<Event>) {
    let value = change.get("value").cloned().unwrap_or(Value::Null);
    let number = value
        .pointer("/metadata/phone_number_id")
        .and_then(|v| str_of(Some(v)))
        .unwrap_or_else(|| waba.to_owned());
    let field = change.get("field").and_then(Value::as_str).unwrap_or("");
    if field == "smb_message_echoes" && !array(&value, "message_echoes").is_empty() {
        for echo in array(&value, "message_echoes") {
            out.push(echo_event(&number, echo, received));
        }
        return;
    }
    if field != "messages" {
        let item = change.clone();
        let id = format!("change:{}", digest(&[&number, &item.to_string()]));
        let conversation = business_only(&number);
        out.push(event(
            EventKind::PlatformChange,
            id,
            conversation,
            None,
            received,
            item,
        ));
        return;
    }
    let contacts = array(&value, "contacts");
    for msg in array(&value, "messages") {
        let conversation = message_conversation(&number, msg, contacts);
        let id = str_of(msg.get("id"))
            .unwrap_or_else(|| format!("msg:{}", digest(&[&number, &msg.to_string()])));
        let ts = timestamp(msg.get("timestamp"));
        out.push(event(
            EventKind::CustomerMessage,
            id,
            conversation,
            ts,
            received,
            msg.clone(),
        ));
    }
    for status in array(&value, "statuses") {
        let conversation = status_conversation(&number, status);
        let wamid = str_of(status.get("id")).unwrap_or_default();
        let state = str_of(status.get("status")).unwrap_or_default();
        let id = if wamid.is_empty() {
            format!("status:{}", digest(&[&number, &status.to_string()]))
        } else {
            format!("status:{wamid}:{state}")
        };
        let ts = timestamp(status.get("timestamp"));
        out.push(event(
            EventKind::MessageStatus,
            id,
            conversation,
            ts,
            received,
            status.clone(),
        ));
    }
    for error in array(&value, "errors") {
        let id = format!("error:{}", digest(&[&number, &error.to_string()]));
        let item = error.clone();
        let conversation = business_only(&number);
        out.push(event(
            EventKind::PlatformError,
            id,
            conversation,
            None,
            received,
            item,
        ));
    }
}

fn event(
    kind: EventKind,
    id: String,
    conversation: Conversation,
    meta_ts: Option<i64>,
    received_at_ms: i64,
    item: Value,
) -> Event {
    Event {
        v: SCHEMA_VERSION,
        kind,
        id,
        conversation,
        meta_ts,
        received_at_ms,
        item,
    }
}

fn array<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Reads an id that may be a JSON string or number.
fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Meta's timestamps are Unix seconds as a string; older samples use a JSON number.
fn timestamp(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

fn message_conversation(number: &str, msg: &Value, contacts: &[Value]) -> Conversation {
    let mut wa_id = str_of(msg.get("from"));
    let mut user_id = str_of(msg.get("from_user_id"));
    // The contact describing this sender: the one whose ids match, else the only one.
    let contact = contacts
        .iter()
        .find(|c| {
            let c_wa = str_of(c.get("wa_id"));
            let c_user = str_of(c.get("user_id"));
            (c_wa.is_some() && c_wa == wa_id) || (c_user.is_some() && c_user == user_id)
        })
        .or(if contacts.len() == 1 {
            contacts.first()
        } else {
            None
        });
    if let Some(c) = contact {
        wa_id = wa_id.or_else(|| str_of(c.get("wa_id")));
        user_id = user_id.or_else(|| str_of(c.get("user_id")));
    }
    let name = contact.and_then(|c| str_of(c.pointer("/profile/name")));
    conversation(number, wa_id, user_id, name)
}

/// A message the business sent from the WhatsApp Business app (coexistence): keyed on the
/// customer it went `to` (Meta gives the number as the send's input, possibly with `+`), or
/// their business-scoped id when Meta sends one.
fn echo_event(number: &str, echo: &Value, received: i64) -> Event {
    let wa_id = str_of(echo.get("to"))
        .map(|t| t.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|t| !t.is_empty());
    let user_id = str_of(echo.get("to_user_id"));
    let conversation = conversation(number, wa_id, user_id, None);
    let id = str_of(echo.get("id"))
        .map(|w| format!("echo:{w}"))
        .unwrap_or_else(|| format!("echo:{}", digest(&[number, &echo.to_string()])));
    let ts = timestamp(echo.get("timestamp"));
    event(
        EventKind::BusinessEcho,
        id,
        conversation,
        ts,
        received,
        echo.clone(),
    )
}

fn status_conversation(number: &str, status: &Value) -> Conversation {
    let wa_id = str_of(status.get("recipient_id"));
    let user_id = str_of(status.get("recipient_user_id"));
    conversation(number, wa_id, user_id, None)
}

fn conversation(
    number: &str,
    wa_id: Option<String>,
    user_id: Option<String>,
    name: Option<String>,
) -> Conversation {
    let customer = user_id
        .clone()
        .or_else(|| wa_id.clone())
        .unwrap_or_else(|| "unknown".to_owned());
    Conversation {
        number: number.to_owned(),
        customer,
        wa_id,
        user_id,
        name,
    }
}

/// Events that concern the business number as a whole share one conversation.
fn business_only(number: &str) -> Conversation {
    Conversation {
        number: number.to_owned(),
        customer: "_business".to_owned(),
        wa_id: None,
        user_id: None,
        name: None,
    }
}

fn digest(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    hex::encode(&h.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_app_echoes_are_human_turns_of_the_customers_conversation() {
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"message_echoes":[{"from":"15550783881","to":"+16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=","timestamp":"1739321024","type":"text","text":{"body":"Here's the info you requested!"}}]},"field":"smb_message_echoes"}]}]}"#;
        let events = split(body, 1).unwrap();
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e.kind, EventKind::BusinessEcho);
        assert_eq!(
            e.id,
            "echo:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA="
        );
        assert_eq!(e.conversation.key(), "106540352242922:16505551234");
        assert_eq!(e.meta_ts, Some(1739321024));
        assert_eq!(e.item["text"]["body"], "Here's the info you requested!");
        // Another subscribed field without echoes stays a platform change.
        let other = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"metadata":{"phone_number_id":"300"}},"field":"smb_message_echoes"}]}]}"#;
        assert_eq!(split(other, 1).unwrap()[0].kind, EventKind::PlatformChange);
    }

    #[test]
    fn bsuid_is_the_key_and_phone_is_kept() {
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"300"},"contacts":[{"wa_id":"55119","user_id":"BR.7"}],"messages":[{"from":"55119","id":"wamid.A","timestamp":1767225600,"type":"text","text":{"body":"hi"}}]}}]}]}"#;
        let events = split(body, 1).unwrap();
        assert_eq!(events.len(), 1);
        let c = &events[0].conversation;
        assert_eq!(c.key(), "300:BR.7");
        assert_eq!(c.wa_id.as_deref(), Some("55119"));
        assert_eq!(events[0].meta_ts, Some(1767225600));
        assert_eq!(events[0].text(), Some("hi"));
    }

    #[test]
    fn phone_less_sender_keys_by_bsuid() {
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"300"},"contacts":[{"user_id":"US.1","profile":{"username":"x"}}],"messages":[{"from_user_id":"US.1","id":"wamid.B","timestamp":"5","type":"poll"}]}}]}]}"#;
        let events = split(body, 1).unwrap();
        assert_eq!(events[0].conversation.customer, "US.1");
        assert_eq!(events[0].conversation.wa_id, None);
        assert_eq!(events[0].message_type(), Some("poll"));
    }

    #[test]
    fn statuses_errors_and_other_fields_become_events() {
        let body = br#"{"object":"whatsapp_business_account","entry":[
          {"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"300"},
            "statuses":[{"id":"wamid.O","status":"read","timestamp":"9","recipient_id":"551"}],
            "errors":[{"code":131000,"title":"x"}]}}]},
          {"id":"1","changes":[{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}]}]}"#;
        let events = split(body, 1).unwrap();
        let kinds: Vec<_> = events.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EventKind::MessageStatus,
                EventKind::PlatformError,
                EventKind::PlatformChange
            ]
        );
        assert_eq!(events[0].id, "status:wamid.O:read");
        assert_eq!(events[0].conversation.key(), "300:551");
        assert_eq!(events[1].conversation.key(), "300:_business");
    }

    #[test]
    fn unexpected_shapes_are_unparsed() {
        assert!(split(b"not json", 1).is_err());
        assert!(split(br#"{"object":"page","entry":[]}"#, 1).is_err());
        assert!(split(br#"{"object":"whatsapp_business_account"}"#, 1).is_err());
        assert!(split(br#"{"object":"whatsapp_business_account","entry":[]}"#, 1).is_err());
    }
}
