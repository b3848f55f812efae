//! The web console's page over plain HTTP: the login form without a valid cookie, the app with
//! one, the embedded script and stylesheet, and the strict headers on all of them.

use baton_tests::TestEnv;
use baton_tests::world::{AGENTS, console_tokens};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// GETs `path` with an optional cookie: (status, headers, body).
async fn get(
    env: &TestEnv,
    path: &str,
    cookie: Option<&str>,
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut req = env.http.get(format!("{}{path}", env.ingress_url()));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.expect("page request");
    let (status, headers) = (res.status().as_u16(), res.headers().clone());
    (status, headers, res.text().await.unwrap_or_default())
}

fn header<'a>(h: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

fn assert_strict(h: &reqwest::header::HeaderMap, what: &str) {
    assert_eq!(header(h, "content-security-policy"), CSP, "{what}");
    assert_eq!(header(h, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(h, "referrer-policy"), "no-referrer", "{what}");
    assert_eq!(header(h, "x-frame-options"), "DENY", "{what}");
    assert_eq!(header(h, "cache-control"), "no-store", "{what}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_is_the_login_form_or_the_app_with_strict_headers() {
    let mut env = TestEnv::new("console-page");
    env.set("CONSOLE_TOKENS", &console_tokens());
    env.start_ingress().await;

    for cookie in [None, Some("baton_console=not-a-valid-token-000")] {
        let (status, h, body) = get(&env, "/console", cookie).await;
        assert_eq!(status, 200, "{cookie:?}");
        assert_eq!(header(&h, "content-type"), "text/html; charset=utf-8");
        assert_strict(&h, "login page");
        assert!(body.contains("id=\"login-form\""), "{body}");
        assert!(body.contains("action=\"/console/login\""));
        assert!(
            !body.contains("data-page=\"app\""),
            "no app without a valid cookie"
        );
    }

    let (name, token) = AGENTS[0];
    let cookie = format!("theme=dark; baton_console={token}");
    let (status, h, body) = get(&env, "/console", Some(&cookie)).await;
    assert_eq!(status, 200);
    assert_strict(&h, "app page");
    assert!(body.contains(&format!("data-agent=\"{name}\"")), "{body}");
    assert!(body.contains("<script src=\"/console/app.js\" defer></script>"));
    assert!(!body.contains(token), "the token never enters the page");

    let (status, h, js) = get(&env, "/console/app.js", None).await;
    assert_eq!(status, 200);
    assert_eq!(header(&h, "content-type"), "text/javascript; charset=utf-8");
    assert_strict(&h, "script");
    assert!(js.contains("new EventSource('/api/v1/events')"));
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
    ] {
        assert!(!js.contains(sink), "the served script uses {sink}");
    }
    let (status, h, css) = get(&env, "/console/app.css", None).await;
    assert_eq!(status, 200);
    assert_eq!(header(&h, "content-type"), "text/css; charset=utf-8");
    assert!(css.contains(".transcript"));
    env.cleanup().await;
}
