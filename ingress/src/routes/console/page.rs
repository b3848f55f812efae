//! `GET /console`: the agents' web page — one HTML document, one script and one stylesheet,
//! embedded in the binary (`ingress/assets/console/`), no framework and no build step.
//!
//! Without a valid `baton_console` cookie the page is the login form (`login.html`, which posts
//! the token to `POST /console/login`); with one, it is the app (`app.html`), which speaks the
//! console JSON API with that cookie and follows `GET /api/v1/events`. The only server-side
//! value in the app is the agent's name (from `CONSOLE_TOKENS`, escaped for the attribute it
//! sits in); everything else — and everything a customer wrote — is fetched as JSON and put
//! into the document by the script as text (`textContent`, `createElement`), never as markup.
//! `page_assets_are_free_of_markup_sinks` fails the build's tests if the script uses an HTML
//! sink (`innerHTML`, `insertAdjacentHTML`, `document.write`, …) or the documents carry inline
//! script, handlers or styles.
//!
//! The script is the files of `assets/console/js/` joined in order inside one function scope
//! (`/console/app.js`). Every answer here carries a strict Content-Security-Policy ([`CSP`]:
//! scripts, styles and connections from this origin only, no inline script, no framing),
//! `Referrer-Policy: no-referrer`, and — through the console router — `nosniff` and
//! `no-store`. Nothing here can fail: the assets are constants.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::auth::cookie;
use crate::AppState;

/// The page's Content-Security-Policy.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
    frame-ancestors 'none'";

const LOGIN_HTML: &str = include_str!("../../../assets/console/login.html");
const APP_HTML: &str = include_str!("../../../assets/console/app.html");
const APP_CSS: &str = include_str!("../../../assets/console/app.css");

/// The script: the modules in dependency order, sharing one strict function scope.
pub const APP_JS: &str = concat!(
    "(function () {\n'use strict';\n",
    include_str!("../../../assets/console/js/dom.js"),
    include_str!("../../../assets/console/js/api.js"),
    include_str!("../../../assets/console/js/queue.js"),
    include_str!("../../../assets/console/js/conversation.js"),
    include_str!("../../../assets/console/js/transcript.js"),
    include_str!("../../../assets/console/js/actions.js"),
    include_str!("../../../assets/console/js/sends.js"),
    include_str!("../../../assets/console/js/live.js"),
    include_str!("../../../assets/console/js/main.js"),
    "})();\n"
);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/console", get(page))
        .route("/console/app.js", get(script))
        .route("/console/app.css", get(stylesheet))
}

/// An embedded asset with the page's security headers.
fn asset(content_type: &'static str, body: String) -> Response {
    let mut res = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// `GET /console`: the app for a valid cookie, the login form otherwise.
async fn page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let agent = cookie(&headers).and_then(|token| state.console.tokens.agent(token));
    let html = match agent {
        Some(agent) => APP_HTML.replace("{{agent}}", &escape_attribute(agent)),
        None => LOGIN_HTML.to_owned(),
    };
    asset("text/html; charset=utf-8", html)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS.to_owned())
}

async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", APP_CSS.to_owned())
}

/// `s` safe inside a double-quoted HTML attribute.
fn escape_attribute(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ways script can turn a string into markup or code.
    const SINKS: [&str; 9] = [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "createContextualFragment",
        "DOMParser",
        "eval(",
        "new Function",
        "srcdoc",
    ];

    #[test]
    fn page_assets_are_free_of_markup_sinks() {
        for sink in SINKS {
            assert!(!APP_JS.contains(sink), "app.js uses {sink}");
        }
        assert!(
            !APP_JS.contains("setAttribute('on"),
            "no handler attributes"
        );
        assert!(!APP_JS.contains("javascript:"), "no script URLs");
        for (name, html) in [("login.html", LOGIN_HTML), ("app.html", APP_HTML)] {
            let lower = html.to_ascii_lowercase();
            let scripts: Vec<_> = lower.match_indices("<script").collect();
            assert_eq!(scripts.len(), 1, "{name}: one script tag");
            assert!(
                lower.contains("<script src=\"/console/app.js\" defer></script>"),
                "{name}: the script is external"
            );
            assert!(!lower.contains("<style"), "{name}: no inline stylesheet");
            assert!(!lower.contains(" style="), "{name}: no inline styles");
            assert!(!lower.contains("javascript:"), "{name}: no script URLs");
            let handler = inline_handler(&lower);
            assert!(handler.is_none(), "{name}: inline handler {handler:?}");
        }
    }

    /// The first ` on…=` attribute in `html`, if any.
    fn inline_handler(html: &str) -> Option<String> {
        html.match_indices(" on").find_map(|(i, _)| {
            let rest = &html[i + 3..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let after = rest[name.len()..].trim_start();
            (!name.is_empty() && after.starts_with('=')).then(|| format!("on{name}"))
        })
    }

    #[test]
    fn the_agents_name_cannot_leave_its_attribute() {
        assert_eq!(
            escape_attribute(r#"a"><img src=x onerror='1'>&"#),
            "a&quot;&gt;&lt;img src=x onerror=&#39;1&#39;&gt;&amp;"
        );
        assert!(APP_HTML.contains("data-agent=\"{{agent}}\""));
        assert_eq!(APP_HTML.matches("{{agent}}").count(), 1);
    }

    #[test]
    fn the_script_is_one_strict_scope() {
        assert!(APP_JS.starts_with("(function () {\n'use strict';"));
        assert!(APP_JS.trim_end().ends_with("})();"));
    }
}
