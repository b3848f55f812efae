//! Real-shaped webhook bodies for tests and the load generator, and the fixture corpus.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

/// A webhook carrying one text message from `from` to business number `number`.
pub fn text(number: &str, from: &str, id: &str, body: &str) -> Vec<u8> {
    envelope(vec![entry(number, vec![message(from, id, body)])])
}

/// Like [`text`], from a customer whose WhatsApp profile name is `name`.
pub fn text_named(number: &str, from: &str, name: &str, id: &str, body: &str) -> Vec<u8> {
    let mut e = entry(number, vec![message(from, id, body)]);
    e["changes"][0]["value"]["contacts"][0]["profile"]["name"] = json!(name);
    envelope(vec![e])
}

/// A status webhook for the message `wamid` sent to `recipient` (`errors` for `failed`).
pub fn status(number: &str, recipient: &str, wamid: &str, status: &str, errors: Value) -> Vec<u8> {
    let mut item = json!({
        "id": wamid,
        "status": status,
        "timestamp": (baton_shared::event::now_ms() / 1000).to_string(),
        "recipient_id": recipient
    });
    if !errors.is_null() {
        item["errors"] = errors;
    }
    envelope(vec![json!({
        "id": "400000000000001",
        "changes": [{ "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": { "display_phone_number": "15550001111", "phone_number_id": number },
            "statuses": [item]
        }}]
    })])
}

/// A webhook carrying one media message (`audio`, `image`, `sticker`, `document`…) whose
/// object is `media` (`id`, `mime_type`, …), shaped like the real payloads in
/// `fixtures/whatsapp/messages/{audio_voice_note,image,sticker_static}__pywa.json`.
pub fn media(number: &str, from: &str, id: &str, kind: &str, media: Value) -> Vec<u8> {
    let item = json!({
        "from": from,
        "id": id,
        "timestamp": (baton_shared::event::now_ms() / 1000).to_string(),
        "type": kind,
        kind: media
    });
    envelope(vec![entry(number, vec![item])])
}

/// A recorded voice note (`audio/ogg; codecs=opus`, `voice: true`) with media id `media_id`.
pub fn voice_note(number: &str, from: &str, id: &str, media_id: &str) -> Vec<u8> {
    let audio = json!({
        "mime_type": "audio/ogg; codecs=opus",
        "sha256": "m04pFf2ERdaopTyFkGPA0+bX3i+YY2dYgVFwOgDLSDI=",
        "id": media_id,
        "voice": true
    });
    media(number, from, id, "audio", audio)
}

/// A JPEG photo with media id `media_id` and an optional caption.
pub fn image(number: &str, from: &str, id: &str, media_id: &str, caption: Option<&str>) -> Vec<u8> {
    let mut image = json!({ "mime_type": "image/jpeg", "sha256": "4654+8g=", "id": media_id });
    if let Some(c) = caption {
        image["caption"] = json!(c);
    }
    media(number, from, id, "image", image)
}

/// One inbound text message item.
pub fn message(from: &str, id: &str, body: &str) -> Value {
    json!({
        "from": from,
        "id": id,
        "timestamp": (baton_shared::event::now_ms() / 1000).to_string(),
        "type": "text",
        "text": { "body": body }
    })
}

/// One `entry` for business number `number` with the given messages in one change.
pub fn entry(number: &str, messages: Vec<Value>) -> Value {
    let contacts: Vec<Value> = messages
        .iter()
        .filter_map(|m| m.get("from").cloned())
        .map(|from| json!({ "profile": { "name": "Test" }, "wa_id": from }))
        .collect();
    json!({
        "id": "400000000000001",
        "changes": [{
            "field": "messages",
            "value": {
                "messaging_product": "whatsapp",
                "metadata": { "display_phone_number": "15550001111", "phone_number_id": number },
                "contacts": contacts,
                "messages": messages
            }
        }]
    })
}

/// A coexistence echo (`smb_message_echoes`, Meta's reference shape): the business wrote
/// `body` to the customer `to` from the WhatsApp Business app on business number `number`.
pub fn business_echo(number: &str, to: &str, id: &str, body: &str) -> Vec<u8> {
    let echo = json!({
        "from": "15550001111",
        "to": format!("+{to}"),
        "id": id,
        "timestamp": (baton_shared::event::now_ms() / 1000).to_string(),
        "type": "text",
        "text": { "body": body }
    });
    envelope(vec![json!({
        "id": "400000000000001",
        "changes": [{
            "field": "smb_message_echoes",
            "value": {
                "messaging_product": "whatsapp",
                "metadata": { "display_phone_number": "15550001111", "phone_number_id": number },
                "message_echoes": [echo]
            }
        }]
    })])
}

/// The outer object around `entries`, serialised like Meta (compact JSON).
pub fn envelope(entries: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({ "object": "whatsapp_business_account", "entry": entries })).unwrap()
}

/// Every fixture file: (path relative to the fixture root, bytes).
pub fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = fixture_root();
    let mut out = Vec::new();
    walk(&root, &mut |p| {
        if p.extension().is_some_and(|e| e == "json") {
            let rel = p.strip_prefix(&root).unwrap().display().to_string();
            out.push((rel, std::fs::read(p).unwrap()));
        }
    });
    out.sort();
    out
}

pub fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(fixture_root().join(rel)).unwrap()
}

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/whatsapp")
}

fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, f);
        } else {
            f(&p);
        }
    }
}

/// How many events a webhook body should become: every message, status and value-level
/// error of `messages` changes, plus one per change of any other field.
pub fn expected_events(body: &[u8]) -> usize {
    let v: Value = serde_json::from_slice(body).unwrap();
    let mut n = 0;
    for entry in v["entry"].as_array().into_iter().flatten() {
        for change in entry["changes"].as_array().into_iter().flatten() {
            if change["field"] != "messages" {
                n += 1;
                continue;
            }
            for key in ["messages", "statuses", "errors"] {
                n += change["value"][key].as_array().map_or(0, Vec::len);
            }
        }
    }
    n
}
