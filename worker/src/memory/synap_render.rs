//! Turns a Synap context-fetch answer (spec §6) into short prompt lines.
//!
//! Parsing is lenient: `context.{facts,preferences,episodes,emotions,temporal_events}[]`
//! first, `items_by_type.{…}.items[]` as the fallback shape (§6.1); missing lists are empty;
//! each type's text, score and time fields fall back as the SDK does (§6.2). Items whose
//! `confidence` (a number, or `explicit`/`inferred`/`assumed`) is below 0.7 are dropped, as
//! Maximem suggests for system prompts; temporal events without `event_date` are dropped as
//! the SDK does. A compacted `conversation_context.summary` becomes one more line; its
//! recent turns are skipped (Baton's Redis transcript already has them). Never fails.

use serde_json::Value;

const MIN_CONFIDENCE: f64 = 0.7;
const MAX_CHARS: usize = 400;

/// (list name in the answer, label in the prompt line)
const LISTS: [(&str, &str); 5] = [
    ("facts", "fact"),
    ("preferences", "preference"),
    ("episodes", "episode"),
    ("emotions", "emotion"),
    ("temporal_events", "event"),
];

/// Context lines (`- fact: Lives in Lisbon`), one per item, joined by newlines; "" if none.
pub(crate) fn context(answer: &Value) -> String {
    let mut lines: Vec<String> = items(answer)
        .into_iter()
        .map(|l| format!("- {l}"))
        .collect();
    if let Some(s) = answer["conversation_context"]["summary"]
        .as_str()
        .filter(|s| !s.trim().is_empty())
    {
        lines.push(format!("- conversation summary: {}", one_line(s)));
    }
    lines.join("\n")
}

/// Search results (`fact: Lives in Lisbon`), at most `limit`, in the server's order per type.
pub(crate) fn results(answer: &Value, limit: usize) -> Vec<String> {
    let mut out = items(answer);
    out.truncate(limit);
    out
}

fn items(answer: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (list, label) in LISTS {
        for item in list_items(answer, list) {
            if !confident(item) {
                continue;
            }
            if let Some(text) = text(label, item) {
                out.push(format!("{label}: {}", one_line(&text)));
            }
        }
    }
    out
}

fn list_items<'a>(answer: &'a Value, list: &str) -> &'a [Value] {
    let primary = answer
        .get("context")
        .filter(|c| c.is_object())
        .map(|c| &c[list]);
    let found = match primary {
        Some(v) => v.as_array(),
        None => answer["items_by_type"][list]["items"].as_array(),
    };
    found.map(Vec::as_slice).unwrap_or(&[])
}

fn text(label: &str, item: &Value) -> Option<String> {
    let s = |k: &str| item[k].as_str().filter(|s| !s.trim().is_empty());
    match label {
        "episode" => s("summary").or(s("content")).map(str::to_owned),
        "emotion" => {
            let body = s("context").or(s("content"))?;
            Some(match s("emotion_type").or(s("category")) {
                Some(kind) => format!("{kind} ({body})"),
                None => body.to_owned(),
            })
        }
        "event" => {
            let date = s("event_date")?;
            let mut t = format!("{} (on {date}", s("content")?);
            if let Some(until) = s("valid_until") {
                t.push_str(&format!(", valid until {until}"));
            }
            t.push(')');
            Some(t)
        }
        _ => s("content").map(str::to_owned),
    }
}

fn confident(item: &Value) -> bool {
    let score = match &item["confidence"] {
        Value::Number(n) => n.as_f64(),
        Value::String(w) => match w.as_str() {
            "explicit" => Some(1.0),
            "inferred" => Some(0.75),
            "assumed" => Some(0.5),
            _ => None,
        },
        _ => None,
    };
    score.is_none_or(|s| s >= MIN_CONFIDENCE)
}

fn one_line(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MAX_CHARS {
        return flat;
    }
    let mut cut: String = flat.chars().take(MAX_CHARS).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_each_type_and_filters() {
        let answer = json!({
            "context": {
                "facts": [
                    {"id": "1", "content": "Lives in Lisbon", "confidence": 0.92, "metadata": {}},
                    {"id": "2", "content": "Maybe vegan", "confidence": "assumed"}
                ],
                "preferences": [{"id": "3", "content": "Prefers\nemail", "strength": 0.8}],
                "episodes": [{"id": "4", "summary": "ORD-22 reissued as ORD-22-R"}],
                "emotions": [{"id": "5", "context": "missing order", "emotion_type": "frustrated"}],
                "temporal_events": [
                    {"id": "6", "content": "Reissue ships", "event_date": "2026-05-15"},
                    {"id": "7", "content": "No date"}
                ]
            },
            "conversation_context": {"summary": "Customer had a missing order.", "recent_turns": [{}]},
            "ttl_seconds": 300
        });
        assert_eq!(
            context(&answer),
            "- fact: Lives in Lisbon\n- preference: Prefers email\n- episode: ORD-22 reissued as ORD-22-R\n\
             - emotion: frustrated (missing order)\n- event: Reissue ships (on 2026-05-15)\n\
             - conversation summary: Customer had a missing order."
        );
        assert_eq!(
            results(&answer, 2),
            vec!["fact: Lives in Lisbon", "preference: Prefers email"]
        );
    }

    #[test]
    fn fallback_shape_and_empty() {
        let answer = json!({"items_by_type": {"facts": {"items": [{"item_id": "x", "content": "Has a dog"}]}}});
        assert_eq!(context(&answer), "- fact: Has a dog");
        assert_eq!(context(&json!({"context": {}})), "");
        assert_eq!(context(&Value::Null), "");
    }
}
