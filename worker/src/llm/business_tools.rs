//! Business tools declared in a TOML file (`BATON_TOOLS_FILE`) and called over HTTP.
//!
//! ```toml
//! [[tool]]
//! name = "lookup_order"
//! description = "Look up an order by its number"
//! endpoint = "http://orders.internal/lookup"   # POST, JSON body = the model's arguments
//! timeout = "3s"                                # optional, default 5s; a unit is required
//! headers = { Authorization = "Bearer ..." }     # optional
//! parameters = { type = "object", properties = { order_id = { type = "string" } } }
//! ```
//!
//! Loading validates everything up front (names `^[a-zA-Z0-9_-]{1,64}$` and unique, http(s)
//! endpoints, valid headers, object schemas) and fails with a message naming the tool.
//! Calling never fails: unknown tools, timeouts, unreachable endpoints and non-2xx answers
//! become `{"error": …}` results the model can relay. Successful bodies are returned as text,
//! truncated to [`MAX_RESULT_BYTES`]. Arguments and bodies are never logged.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use baton_shared::config::parse_duration;
use futures::future::BoxFuture;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Deserialize;
use serde_json::{Value, json};
use tracing::warn;

use super::types::{ToolOutcome, ToolRunner, ToolSpec};

/// The most of a tool's answer handed to the model.
pub const MAX_RESULT_BYTES: usize = 8 * 1024;
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// The configured tools and the HTTP client that calls them.
#[derive(Clone, Default)]
pub struct BusinessTools {
    tools: Vec<Tool>,
    http: reqwest::Client,
}

#[derive(Clone)]
struct Tool {
    spec: ToolSpec,
    endpoint: reqwest::Url,
    timeout: Duration,
    headers: HeaderMap,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    tool: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    description: String,
    endpoint: String,
    timeout: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    parameters: Option<Value>,
}

impl BusinessTools {
    /// No tools.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The file named by `BATON_TOOLS_FILE`, or no tools when it is unset.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        match get("BATON_TOOLS_FILE").filter(|p| !p.trim().is_empty()) {
            None => Ok(Self::empty()),
            Some(path) => Self::load(path.trim()).map_err(|e| format!("BATON_TOOLS_FILE: {e}")),
        }
    }

    pub fn load(path: impl AsRef<Path>) -> Result<Self, String> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses and validates the TOML text of a tools file.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut tools: Vec<Tool> = Vec::with_capacity(file.tool.len());
        for entry in file.tool {
            let tool = entry.validate()?;
            if tools.iter().any(|t| t.spec.name == tool.spec.name) {
                return Err(format!("tool {:?} is declared twice", tool.spec.name));
            }
            tools.push(tool);
        }
        Ok(Self {
            tools,
            http: reqwest::Client::new(),
        })
    }

    pub fn specs(&self) -> Vec<ToolSpec> {
        self.tools.iter().map(|t| t.spec.clone()).collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.tools.iter().any(|t| t.spec.name == name)
    }

    /// Calls the tool `name` with the model's arguments as the JSON body.
    pub async fn call(&self, name: &str, args: Value) -> ToolOutcome {
        let Some(tool) = self.tools.iter().find(|t| t.spec.name == name) else {
            return ToolOutcome::error(format!("unknown tool {name}"));
        };
        let sent = self
            .http
            .post(tool.endpoint.clone())
            .headers(tool.headers.clone())
            .timeout(tool.timeout)
            .json(&args)
            .send();
        let resp = match sent.await {
            Ok(r) => r,
            Err(e) => return failure(name, &e),
        };
        let status = resp.status();
        let body = match resp.text().await {
            Ok(b) => b,
            Err(e) => return failure(name, &e),
        };
        if status.is_success() {
            return ToolOutcome::ok(truncate(&body, MAX_RESULT_BYTES));
        }
        warn!(tool = name, %status, "business tool answered with an error");
        ToolOutcome::ok(
            json!({
                "error": format!("the {name} service answered HTTP {}", status.as_u16()),
                "detail": truncate(&body, 1024),
            })
            .to_string(),
        )
    }
}

impl ToolRunner for BusinessTools {
    fn call<'a>(&'a self, name: &'a str, arguments: Value) -> BoxFuture<'a, ToolOutcome> {
        Box::pin(BusinessTools::call(self, name, arguments))
    }
}

fn failure(name: &str, e: &reqwest::Error) -> ToolOutcome {
    let what = if e.is_timeout() {
        "did not answer in time"
    } else {
        "is unavailable"
    };
    warn!(tool = name, error = %e, "business tool call failed");
    ToolOutcome::error(format!("the {name} service {what}"))
}

/// At most `max` bytes of `s`, cut at a character boundary.
fn truncate(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

impl Entry {
    fn validate(self) -> Result<Tool, String> {
        let name = self.name;
        let bad = |what: String| format!("tool {name:?}: {what}");
        let valid_name = (1..=64).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid_name {
            return Err(bad("name must match ^[a-zA-Z0-9_-]{1,64}$".into()));
        }
        let endpoint = reqwest::Url::parse(&self.endpoint)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| {
                bad(format!(
                    "endpoint {:?} is not an http(s) URL",
                    self.endpoint
                ))
            })?;
        let timeout = match &self.timeout {
            None => DEFAULT_TIMEOUT,
            Some(t) => match parse_duration(t) {
                Ok(d) if !d.is_zero() => d,
                Ok(_) => return Err(bad("timeout must be greater than zero".into())),
                Err(e) => return Err(bad(format!("timeout {e}"))),
            },
        };
        let headers = headers(&self.headers).map_err(&bad)?;
        let parameters = self
            .parameters
            .unwrap_or_else(|| json!({"type": "object", "properties": {}}));
        if parameters.get("type").and_then(Value::as_str) != Some("object") {
            return Err(bad(
                "parameters must be a JSON schema with type = \"object\"".into(),
            ));
        }
        let spec = ToolSpec {
            name: name.clone(),
            description: self.description,
            parameters,
        };
        Ok(Tool {
            spec,
            endpoint,
            timeout,
            headers,
        })
    }
}

fn headers(map: &BTreeMap<String, String>) -> Result<HeaderMap, String> {
    let mut out = HeaderMap::new();
    for (k, v) in map {
        let name = HeaderName::from_bytes(k.as_bytes()).map_err(|_| format!("bad header {k:?}"))?;
        let value = HeaderValue::from_str(v).map_err(|_| format!("bad value for header {k}"))?;
        out.insert(name, value);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
        [[tool]]
        name = "lookup_order"
        description = "Look up an order by its number"
        endpoint = "http://orders.internal/lookup"
        timeout = "3s"
        headers = { Authorization = "Bearer x" }
        parameters = { type = "object", properties = { order_id = { type = "string" } }, required = ["order_id"] }

        [[tool]]
        name = "store-hours"
        description = "Opening hours"
        endpoint = "https://shop.example/hours"
    "#;

    #[test]
    fn parses_a_tools_file() {
        let t = BusinessTools::parse(GOOD).unwrap();
        assert!(t.has("lookup_order") && t.has("store-hours") && !t.has("nope"));
        let specs = t.specs();
        assert_eq!(specs[0].parameters["required"][0], "order_id");
        assert_eq!(specs[1].parameters["type"], "object");
        assert_eq!(t.tools[0].timeout, Duration::from_secs(3));
        assert_eq!(t.tools[1].timeout, DEFAULT_TIMEOUT);
        assert_eq!(t.tools[0].headers["authorization"], "Bearer x");
        assert!(BusinessTools::parse("").unwrap().specs().is_empty());
    }

    #[test]
    fn rejects_bad_files() {
        let tool = |name: &str, extra: &str| {
            format!(
                "[[tool]]\nname = \"{name}\"\ndescription = \"d\"\nendpoint = \"http://x/\"\n{extra}"
            )
        };
        let dup = format!("{}\n{}", tool("a", ""), tool("a", ""));
        for bad in [
            tool("has space", ""),
            tool(&"x".repeat(65), ""),
            tool("", ""),
            tool("a", "timeout = \"soon\""),
            tool("a", "timeout = \"3\""),
            tool("a", "timeout = \"0s\""),
            tool("a", "parameters = { type = \"string\" }"),
            tool("a", "surprise = 1"),
            tool("a", "headers = { \"bad header\" = \"v\" }"),
            "[[tool]]\nname = \"a\"\ndescription = \"d\"\nendpoint = \"ftp://x\"".into(),
            dup,
        ] {
            assert!(BusinessTools::parse(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn truncates_at_char_boundaries() {
        assert_eq!(truncate("héllo", 2), "h");
        assert_eq!(truncate("abc", 10), "abc");
    }

    #[tokio::test]
    async fn unknown_tool_is_an_error_result() {
        let out = BusinessTools::empty().call("x", json!({})).await;
        assert!(!out.stop);
        assert!(out.content.contains("unknown tool"));
    }
}
