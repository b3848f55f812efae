//! Block Kit checks of the fake Slack (`../shared/specs/slack.md` §4.1): block count, block
//! types and ids, header/section/context/actions limits, buttons (text, `action_id`, `value`,
//! `url`, `style`, `confirm`), and the mrkdwn escaping of every mrkdwn text object inside.
//! Any limit broken is `invalid_blocks` (a non-array is `invalid_blocks_format`). Pure; never
//! panics.

use std::collections::HashSet;

use serde_json::Value;

use super::checks::Verdict;
use super::mrkdwn;

/// Block Kit limits of §4.1; any problem is `invalid_blocks`.
pub fn check_blocks(blocks: &Value, v: &mut Verdict) {
    let Some(list) = blocks.as_array() else {
        return v.refuse("invalid_blocks_format", "blocks must be an array");
    };
    if list.len() > 50 {
        v.refuse("invalid_blocks", format!("{} blocks, max 50", list.len()));
    }
    let mut ids = HashSet::new();
    for (i, b) in list.iter().enumerate() {
        let mut found = Vec::new();
        block(b, &mut found);
        if let Some(id) = b.get("block_id") {
            match id.as_str() {
                Some(s) if s.is_empty() || s.len() > 255 => found.push("block_id length".into()),
                Some(s) if !ids.insert(s.to_owned()) => {
                    found.push(format!("duplicate block_id {s:?}"))
                }
                Some(_) => {}
                None => found.push("block_id must be a string".into()),
            }
        }
        for f in found {
            v.refuse("invalid_blocks", format!("blocks[{i}]: {f}"));
        }
        mrkdwn_texts(b, &format!("blocks[{i}]"), v);
    }
}

/// One block's own limits.
fn block(b: &Value, found: &mut Vec<String>) {
    match b["type"].as_str().unwrap_or_default() {
        "header" => text_object(&b["text"], Some("plain_text"), 150, "header.text", found),
        "section" => section(b, found),
        "context" => {
            let n = b["elements"].as_array().map_or(0, Vec::len);
            if !(1..=10).contains(&n) {
                found.push(format!("context has {n} elements, 1..=10 allowed"));
            }
        }
        "actions" => actions(b, found),
        "divider" | "image" | "rich_text" | "input" | "file" | "video" | "markdown" => {}
        other => found.push(format!("unknown block type {other:?}")),
    }
}

fn section(b: &Value, found: &mut Vec<String>) {
    if let Some(t) = b.get("text") {
        text_object(t, None, 3000, "section.text", found);
    }
    match b.get("fields").map(Value::as_array) {
        None => {}
        Some(Some(fs)) if fs.len() <= 10 => {
            for f in fs {
                text_object(f, None, 2000, "section.fields[]", found);
            }
        }
        Some(_) => found.push("section.fields must be an array of at most 10".into()),
    }
    if b.get("text").is_none() && b.get("fields").is_none() {
        found.push("section needs text or fields".into());
    }
    if let Some(a) = b.get("accessory") {
        element(a, found);
    }
}

fn actions(b: &Value, found: &mut Vec<String>) {
    let elements = b["elements"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if !(1..=25).contains(&elements.len()) {
        found.push(format!(
            "actions has {} elements, 1..=25 allowed",
            elements.len()
        ));
    }
    let mut action_ids = HashSet::new();
    for e in elements {
        element(e, found);
        if let Some(id) = e["action_id"].as_str()
            && !action_ids.insert(id)
        {
            found.push(format!("duplicate action_id {id:?} in one block"));
        }
    }
    let primary = elements.iter().filter(|e| e["style"] == "primary").count();
    if primary > 1 {
        found.push(format!("{primary} primary buttons; at most one per set"));
    }
}

/// Buttons are checked in full; other elements only need a type.
fn element(e: &Value, found: &mut Vec<String>) {
    if e["type"] != "button" {
        if !e["type"].is_string() {
            found.push("element without type".into());
        }
        return;
    }
    text_object(&e["text"], Some("plain_text"), 75, "button.text", found);
    for (key, max) in [("action_id", 255), ("value", 2000), ("url", 3000)] {
        match e.get(key) {
            Some(Value::String(s)) if s.chars().count() > max => {
                found.push(format!("button.{key} over {max} characters"));
            }
            Some(x) if !x.is_string() => found.push(format!("button.{key} must be a string")),
            _ => {}
        }
    }
    if let Some(s) = e.get("style")
        && !matches!(s.as_str(), Some("primary" | "danger"))
    {
        found.push(format!("button.style must be primary or danger, got {s}"));
    }
    if let Some(c) = e.get("confirm") {
        for key in ["title", "confirm", "deny"] {
            text_object(&c[key], Some("plain_text"), 300, "confirm", found);
        }
        text_object(&c["text"], None, 300, "confirm.text", found);
    }
}

/// `{type, text}` with a known type (or exactly `kind`) and at most `max` characters.
fn text_object(t: &Value, kind: Option<&str>, max: usize, what: &str, found: &mut Vec<String>) {
    let ty = t["type"].as_str().unwrap_or_default();
    let type_ok = match kind {
        Some(k) => ty == k,
        None => ty == "plain_text" || ty == "mrkdwn",
    };
    if !type_ok {
        let want = kind.unwrap_or("plain_text or mrkdwn");
        found.push(format!("{what} must be a {want} text object"));
    }
    match t["text"].as_str() {
        Some(s) if !s.is_empty() && s.chars().count() <= max => {}
        Some(s) if !s.is_empty() => found.push(format!("{what} over {max} characters")),
        _ => found.push(format!("{what} needs a non-empty text")),
    }
}

/// Every `{"type": "mrkdwn", "text": …}` object inside `v`, checked for escaping.
fn mrkdwn_texts(value: &Value, place: &str, v: &mut Verdict) {
    match value {
        Value::Object(o) => {
            if o.get("type") == Some(&Value::from("mrkdwn"))
                && let Some(t) = o.get("text").and_then(Value::as_str)
            {
                v.problems.extend(mrkdwn::problems(t, place));
            }
            o.values().for_each(|x| mrkdwn_texts(x, place, v));
        }
        Value::Array(a) => a.iter().for_each(|x| mrkdwn_texts(x, place, v)),
        _ => {}
    }
}
