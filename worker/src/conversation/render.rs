//! How an inbound message of any type reads in the transcript and in the prompt.
//!
//! WhatsApp sends text, media (with optional captions), stickers, locations, contacts,
//! orders, button and list replies, reactions, edits, revokes, system notices and
//! `unsupported`/`unknown` items. Each is rendered as one line that keeps its type and the
//! fields a person (or the model) needs; unknown types are named, never dropped. Pure
//! functions, no failure modes.

use baton_shared::event::Event;
use baton_shared::state::MediaRef;
use serde_json::Value;

/// What the customer's message says or shows, as one line.
pub fn describe(event: &Event) -> String {
    let item = &event.item;
    let kind = event.message_type().unwrap_or("unknown");
    let s = |p: &str| {
        item.pointer(p)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    };
    match kind {
        "text" => s("/text/body").unwrap_or("").to_owned(),
        "image" | "video" | "document" | "audio" | "sticker" => media(kind, item),
        "location" => location(item),
        "contacts" => contacts(item),
        "order" => order(item),
        "interactive" => interactive(item),
        "button" => format!(
            "[chose: {}]",
            s("/button/text").or(s("/button/payload")).unwrap_or("?")
        ),
        "reaction" => match s("/reaction/emoji") {
            Some(e) => format!("[reacted {e} to a message]"),
            None => "[removed a reaction]".to_owned(),
        },
        "edit" => format!(
            "[edited an earlier message: {}]",
            s("/edit/message/text/body")
                .or(s("/edit/message/image/caption"))
                .unwrap_or("new content")
        ),
        "revoke" => "[deleted an earlier message]".to_owned(),
        "system" => format!(
            "[system: {}]",
            s("/system/body").unwrap_or("account change")
        ),
        "unsupported" | "unknown" => {
            "[sent a message type WhatsApp does not support here]".to_owned()
        }
        other => format!("[sent a {other} message]"),
    }
}

/// True when the message needs no answer (reactions, revokes, system notices).
pub fn needs_no_reply(event: &Event) -> bool {
    matches!(event.message_type(), Some("reaction" | "revoke" | "system"))
}

/// True when the customer sent something we cannot read at all.
pub fn is_unsupported(event: &Event) -> bool {
    matches!(event.message_type(), Some("unsupported" | "unknown"))
}

/// The media of a customer's message (photo, voice note, sticker, video, document): its id and
/// what Meta says about it; `None` for other types or an item without a media id.
pub fn media_ref(event: &Event) -> Option<MediaRef> {
    let kind = event.message_type()?;
    if !matches!(kind, "image" | "video" | "document" | "audio" | "sticker") {
        return None;
    }
    let obj = &event.item[kind];
    let text = |f: &str| obj[f].as_str().filter(|v| !v.is_empty()).map(str::to_owned);
    Some(MediaRef {
        id: text("id")?,
        kind: kind.to_owned(),
        mime_type: text("mime_type"),
        filename: text("filename"),
        voice: obj["voice"].as_bool() == Some(true),
        transcribed: false,
    })
}

/// The caption the customer wrote under a photo, video or document.
pub fn caption(event: &Event) -> Option<String> {
    let kind = event.message_type()?;
    event.item[kind]["caption"]
        .as_str()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
}

fn media(kind: &str, item: &Value) -> String {
    let obj = &item[kind];
    let mut out = match kind {
        "audio" if obj["voice"].as_bool() == Some(true) => "[voice note".to_owned(),
        "sticker" => "[sticker".to_owned(),
        _ => format!("[{kind}"),
    };
    if let Some(f) = obj["filename"].as_str() {
        out.push_str(&format!(" \"{f}\""));
    }
    out.push(']');
    if let Some(c) = obj["caption"]
        .as_str()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        out.push(' ');
        out.push_str(c);
    }
    out
}

fn location(item: &Value) -> String {
    let l = &item["location"];
    let mut out = format!(
        "[location: {}, {}",
        l["latitude"].as_f64().map_or("?".into(), |v| v.to_string()),
        l["longitude"]
            .as_f64()
            .map_or("?".into(), |v| v.to_string())
    );
    for f in ["name", "address"] {
        if let Some(v) = l[f].as_str() {
            out.push_str(&format!("; {v}"));
        }
    }
    out.push(']');
    out
}

fn contacts(item: &Value) -> String {
    let names: Vec<String> = item["contacts"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let name = c["name"]["formatted_name"].as_str().unwrap_or("contact");
            let phone = c["phones"][0]["phone"].as_str().unwrap_or("");
            format!("{name} {phone}").trim().to_owned()
        })
        .collect();
    format!("[shared contact: {}]", names.join(", "))
}

fn order(item: &Value) -> String {
    let o = &item["order"];
    let items: Vec<String> = o["product_items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let id = p["product_retailer_id"].as_str().unwrap_or("?");
            let qty = p["quantity"].to_string().trim_matches('"').to_owned();
            format!("{qty} × {id}")
        })
        .collect();
    let mut out = format!("[order: {}]", items.join(", "));
    if let Some(t) = o["text"].as_str().filter(|t| !t.is_empty()) {
        out.push(' ');
        out.push_str(t);
    }
    out
}

fn interactive(item: &Value) -> String {
    let i = &item["interactive"];
    match i["type"].as_str() {
        Some("button_reply") => format!(
            "[chose: {}]",
            i["button_reply"]["title"].as_str().unwrap_or("?")
        ),
        Some("list_reply") => format!(
            "[chose: {}]",
            i["list_reply"]["title"].as_str().unwrap_or("?")
        ),
        Some("nfm_reply") => format!(
            "[submitted a form: {}]",
            i["nfm_reply"]["response_json"].as_str().unwrap_or("{}")
        ),
        Some(other) => format!("[interactive reply: {other}]"),
        None => "[interactive reply]".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use baton_shared::webhook::split;

    fn first(body: &str) -> Event {
        let wrapped = format!(
            r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"metadata":{{"phone_number_id":"1"}},"messages":[{body}]}}}}]}}]}}"#
        );
        split(wrapped.as_bytes(), 0).unwrap().remove(0)
    }

    #[test]
    fn every_type_reads_as_one_line() {
        let cases = [
            (
                r#"{"from":"1","id":"a","type":"text","text":{"body":"hi"}}"#,
                "hi",
            ),
            (
                r#"{"from":"1","id":"a","type":"image","image":{"id":"m","caption":"broken box"}}"#,
                "[image] broken box",
            ),
            (
                r#"{"from":"1","id":"a","type":"audio","audio":{"id":"m","voice":true}}"#,
                "[voice note]",
            ),
            (
                r#"{"from":"1","id":"a","type":"location","location":{"latitude":1.5,"longitude":2.0,"name":"Shop"}}"#,
                "[location: 1.5, 2; Shop]",
            ),
            (
                r#"{"from":"1","id":"a","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"y","title":"Yes"}}}"#,
                "[chose: Yes]",
            ),
            (
                r#"{"from":"1","id":"a","type":"reaction","reaction":{"message_id":"x","emoji":"👍"}}"#,
                "[reacted 👍 to a message]",
            ),
            (
                r#"{"from":"1","id":"a","type":"reaction","reaction":{"message_id":"x"}}"#,
                "[removed a reaction]",
            ),
            (
                r#"{"from":"1","id":"a","type":"poll"}"#,
                "[sent a poll message]",
            ),
        ];
        for (item, want) in cases {
            assert_eq!(describe(&first(item)), want, "{item}");
        }
        assert!(needs_no_reply(&first(
            r#"{"from":"1","id":"a","type":"reaction","reaction":{}}"#
        )));
        assert!(is_unsupported(&first(
            r#"{"from":"1","id":"a","type":"unsupported"}"#
        )));
    }

    /// What a customer shares without typing — a location, a contact, an order, a file, a
    /// reaction, a button — reads as a bracketed line; none of those lines on its own may look
    /// like a reason to hand off (a location's coordinates once read as frustration).
    #[test]
    fn shared_things_alone_never_hand_off() {
        use crate::signals::{Context, SignalConfig, decide};
        let items = [
            r#"{"from":"1","id":"a","type":"location","location":{"latitude":38.72,"longitude":-9.14,"name":"Rossio"}}"#,
            r#"{"from":"1","id":"a","type":"location","location":{"latitude":-23.5505,"longitude":-46.6333,"name":"Av. Paulista, 1578","address":"Bela Vista, São Paulo - SP, 01310-200"}}"#,
            r#"{"from":"1","id":"a","type":"location","location":{"latitude":52.52,"longitude":13.405}}"#,
            r#"{"from":"1","id":"a","type":"contacts","contacts":[{"name":{"formatted_name":"Dr. A. B. Smith Jr."},"phones":[{"phone":"+1 (555) 010-9999"}]}]}"#,
            r#"{"from":"1","id":"a","type":"order","order":{"product_items":[{"product_retailer_id":"SKU-1.2.3","quantity":2},{"product_retailer_id":"X.9","quantity":1}]}}"#,
            r#"{"from":"1","id":"a","type":"document","document":{"id":"9","filename":"invoice.2024.11.pdf"}}"#,
            r#"{"from":"1","id":"a","type":"image","image":{"id":"m"}}"#,
            r#"{"from":"1","id":"a","type":"sticker","sticker":{"id":"m"}}"#,
            r#"{"from":"1","id":"a","type":"video","video":{"id":"m"}}"#,
            r#"{"from":"1","id":"a","type":"audio","audio":{"id":"m","voice":true}}"#,
            r#"{"from":"1","id":"a","type":"reaction","reaction":{"message_id":"x","emoji":"😡"}}"#,
            r#"{"from":"1","id":"a","type":"reaction","reaction":{"message_id":"x","emoji":"👎"}}"#,
            r#"{"from":"1","id":"a","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"y","title":"Yes"}}}"#,
            r#"{"from":"1","id":"a","type":"poll"}"#,
            r#"{"from":"1","id":"a","type":"ephemeral"}"#,
        ];
        // With the meaning encoder, as a worker runs.
        let config = SignalConfig::from_lookup(|_| None).expect("the default detectors");
        assert!(config.meaning.is_some());
        for item in items {
            let line = describe(&first(item));
            let d = decide(&config, &line, &Context::default());
            assert!(d.is_none(), "{line:?} -> {d:?}");
        }
    }

    #[test]
    fn media_is_referenced_by_id() {
        let voice = first(
            r#"{"from":"1","id":"a","type":"audio","audio":{"id":"77","mime_type":"audio/ogg; codecs=opus","voice":true}}"#,
        );
        let m = media_ref(&voice).unwrap();
        assert_eq!((m.id.as_str(), m.kind.as_str()), ("77", "audio"));
        assert!(m.voice && !m.transcribed);
        assert_eq!(m.mime_type.as_deref(), Some("audio/ogg; codecs=opus"));
        let doc = first(
            r#"{"from":"1","id":"a","type":"document","document":{"id":"9","filename":"invoice.pdf","caption":" see this "}}"#,
        );
        assert_eq!(
            media_ref(&doc).unwrap().filename.as_deref(),
            Some("invoice.pdf")
        );
        assert_eq!(caption(&doc).as_deref(), Some("see this"));
        assert_eq!(
            describe(&doc),
            "[document \"invoice.pdf\"] see this",
            "the model reads a document's name and caption"
        );
        let text = first(r#"{"from":"1","id":"a","type":"text","text":{"body":"hi"}}"#);
        assert_eq!(media_ref(&text), None);
        let no_id = first(r#"{"from":"1","id":"a","type":"image","image":{}}"#);
        assert_eq!(media_ref(&no_id), None);
    }
}
