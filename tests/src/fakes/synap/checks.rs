//! Spec checks for the fake Synap: every way a request breaks `../shared/specs/synap.md`.
//!
//! Each check returns a [`Verdict`]: human-readable violations plus, where the real server
//! would refuse the request, the status and body it would answer (400 for the B2C/B2B id
//! contract §4.1, 422 for body validation, 500 for a non-UUID `conversation_id` §4.3).
//! Baton's own contract is checked too: every id it sends is a canonical UUID. Pure
//! functions; nothing here panics on bad input.

use serde_json::{Map, Value, json};

/// Problems with one request, and the refusal the real server would answer, if any.
#[derive(Default)]
pub struct Verdict {
    pub problems: Vec<String>,
    pub reject: Option<(u16, Value)>,
}

impl Verdict {
    fn problem(&mut self, p: impl Into<String>) {
        self.problems.push(p.into());
    }

    /// Records a problem the server refuses with `status`; the first refusal wins.
    fn refuse(&mut self, status: u16, p: impl Into<String>, body: Value) {
        self.problems.push(p.into());
        self.reject.get_or_insert((status, body));
    }

    fn invalid(&mut self, field: &str, msg: &str) {
        let body = json!({"detail": [{"loc": ["body", field], "msg": msg, "type": "value_error"}]});
        self.refuse(422, format!("`{field}`: {msg}"), body);
    }
}

const DOCUMENT_TYPES: &[&str] = &[
    "ai-chat-conversation",
    "document",
    "email",
    "pdf",
    "image",
    "audio",
    "meeting-transcript",
];
const CREATE_KEYS: &[&str] = &[
    "document",
    "document_type",
    "user_id",
    "customer_id",
    "mode",
    "document_id",
    "document_created_at",
    "metadata",
];
const MESSAGE_KEYS: &[&str] = &[
    "conversation_id",
    "role",
    "content",
    "user_id",
    "customer_id",
    "session_id",
    "metadata",
];
const FETCH_KEYS: &[&str] = &[
    "search_query",
    "max_results",
    "types",
    "mode",
    "precision_level",
    "include_conversation_context",
    "conversation_id",
    "user_id",
    "customer_id",
    "context_mode",
    "include_profile",
    "last_n_conversations",
];
const TYPES: &[&str] = &[
    "all",
    "facts",
    "preferences",
    "episodes",
    "emotions",
    "temporal",
    "temporal_events",
];

/// `POST /api/v1/memories/create` (§5.1).
pub fn create(body: &Value, b2b: Option<bool>) -> Verdict {
    let mut v = Verdict::default();
    let Some(m) = object(body, CREATE_KEYS, &mut v) else {
        return v;
    };
    if m.get("document")
        .and_then(Value::as_str)
        .is_none_or(|d| d.trim().is_empty())
    {
        v.invalid("document", "required non-empty string");
    }
    match m.get("document_type").and_then(Value::as_str) {
        None => v.problem("`document_type` not sent (always send it, §5.1)"),
        Some(t) if !DOCUMENT_TYPES.contains(&t) => {
            v.invalid("document_type", "not an accepted document type")
        }
        Some(_) => {}
    }
    one_of(m, "mode", &["fast", "long-range"], &mut v);
    if m.get("document_id").is_some_and(|d| !d.is_string()) {
        v.invalid("document_id", "must be a string");
    }
    if let Some(at) = m.get("document_created_at")
        && !at.as_str().is_some_and(is_rfc3339)
    {
        v.invalid("document_created_at", "not an RFC 3339 timestamp");
    }
    if m.get("metadata").is_some_and(|x| !x.is_object()) {
        v.invalid("metadata", "must be an object");
    }
    ids(m, b2b, &mut v);
    if m.get("user_id").is_none() && m.get("customer_id").is_none() {
        v.problem(
            "write without user_id or customer_id: client scope, visible to every user (§4.2)",
        );
    }
    v
}

/// `POST /v1/conversations/messages` (§5.6).
pub fn message(body: &Value, b2b: Option<bool>) -> Verdict {
    let mut v = Verdict::default();
    let Some(m) = object(body, MESSAGE_KEYS, &mut v) else {
        return v;
    };
    match m.get("conversation_id").and_then(Value::as_str) {
        None => v.invalid("conversation_id", "required"),
        Some(c) if !is_uuid(c) => v.refuse(
            500,
            format!("conversation_id {c:?} is not a canonical UUID (§4.3)"),
            json!({"detail": "Internal Server Error"}),
        ),
        Some(_) => {}
    }
    match m.get("role").and_then(Value::as_str) {
        Some("user" | "assistant") => {}
        _ => v.invalid("role", "must be `user` or `assistant`"),
    }
    if m.get("content")
        .and_then(Value::as_str)
        .is_none_or(|c| c.trim().is_empty())
    {
        v.invalid("content", "required non-empty string");
    }
    if !m.contains_key("user_id") {
        v.invalid("user_id", "required");
    }
    if m.get("metadata").is_some_and(|x| !x.is_object()) {
        v.invalid("metadata", "must be an object");
    }
    ids(m, b2b, &mut v);
    v
}

/// `POST /v1/context/{scope}/fetch` (§5.8).
pub fn fetch(scope: &str, body: &Value, b2b: Option<bool>) -> Verdict {
    let mut v = Verdict::default();
    let Some(m) = object(body, FETCH_KEYS, &mut v) else {
        return v;
    };
    match scope {
        "user" if !m.contains_key("user_id") => v.invalid("user_id", "required on the user route"),
        "customer" if b2b == Some(false) => v.refuse(
            400,
            "customer fetch on a B2C instance (§4.1)",
            json!({"detail": "customer fetch is not available on B2C instances"}),
        ),
        _ => {}
    }
    if let Some(q) = m.get("search_query") {
        let ok = q.is_null() || q.as_array().is_some_and(|a| a.iter().all(Value::is_string));
        if !ok {
            v.invalid("search_query", "must be an array of strings or null");
        }
    }
    if let Some(n) = m.get("max_results")
        && !n.as_u64().is_some_and(|n| (1..=50).contains(&n))
    {
        v.invalid("max_results", "must be an integer 1..=50");
    }
    if let Some(t) = m.get("types") {
        let ok = t.as_array().is_some_and(|a| {
            a.iter()
                .all(|x| x.as_str().is_some_and(|s| TYPES.contains(&s)))
        });
        if !ok {
            v.invalid("types", "unknown type");
        }
    }
    one_of(m, "mode", &["fast", "accurate"], &mut v);
    one_of(m, "precision_level", &["high", "medium"], &mut v);
    if let Some(c) = m.get("conversation_id").and_then(Value::as_str)
        && !is_uuid(c)
    {
        let body = json!({"detail": "Internal Server Error"});
        v.refuse(500, "conversation_id is not a UUID", body);
    }
    ids(m, b2b, &mut v);
    v
}

/// The body as an object; unknown keys and `null` values are violations (omit keys instead).
fn object<'a>(
    body: &'a Value,
    allowed: &[&str],
    v: &mut Verdict,
) -> Option<&'a Map<String, Value>> {
    let Some(m) = body.as_object() else {
        v.refuse(
            422,
            "body is not a JSON object",
            json!({"detail": "body must be an object"}),
        );
        return None;
    };
    for (k, val) in m {
        if !allowed.contains(&k.as_str()) {
            v.problem(format!("unknown field `{k}`"));
        }
        if val.is_null() {
            v.problem(format!(
                "`{k}` sent as null; omit the key instead (§4.1, §5.1)"
            ));
        }
    }
    Some(m)
}

/// The identifier contract (§4.1) and Baton's UUID ids; `b2b`: None when the mode is unknown.
fn ids(m: &Map<String, Value>, b2b: Option<bool>, v: &mut Verdict) {
    for key in ["user_id", "customer_id"] {
        match m.get(key) {
            Some(Value::String(s)) if !is_uuid(s) => v.problem(format!(
                "{key} {s:?} is not a UUID (Baton sends UUIDv5 ids)"
            )),
            Some(Value::String(_)) | None | Some(Value::Null) => {}
            Some(_) => v.invalid(key, "must be a string"),
        }
    }
    let customer = m
        .get("customer_id")
        .is_some_and(|c| c.as_str().is_some_and(|s| !s.is_empty()));
    match b2b {
        Some(false) if m.contains_key("customer_id") => v.refuse(
            400,
            "customer_id sent to a B2C instance (§4.1)",
            json!({
                "message": "customer_id is not accepted on B2C instances",
                "detail": {"code": "customer_id_not_accepted_on_b2c", "fix": "Send user_id only."}
            }),
        ),
        Some(true) if m.contains_key("user_id") && !customer => v.refuse(
            400,
            "user_id without customer_id on a B2B instance (§4.1)",
            json!({"detail": "customer_id is required with user_id on B2B instances"}),
        ),
        _ => {}
    }
}

fn one_of(m: &Map<String, Value>, key: &str, allowed: &[&str], v: &mut Verdict) {
    if let Some(x) = m.get(key)
        && !x.as_str().is_some_and(|s| allowed.contains(&s))
    {
        v.invalid(key, &format!("must be one of {allowed:?}"));
    }
}

/// A canonical (hyphenated, lowercase) UUID string.
pub fn is_uuid(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok_and(|u| u.hyphenated().to_string() == s)
}

/// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let head = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !head {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    let offset = |o: &str| {
        let o = o.as_bytes();
        o.len() == 5 && o[2] == b':' && [0, 1, 3, 4].iter().all(|&i| o[i].is_ascii_digit())
    };
    matches!(rest, "Z" | "z") || rest.strip_prefix(['+', '-']).is_some_and(offset)
}
