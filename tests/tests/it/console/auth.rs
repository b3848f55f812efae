//! Who may use the console: bearer tokens, the login cookie, and the shape of refusals; and
//! the console failing alone when Redis is down.

use std::time::Duration;

use baton_shared::state::Owner;
use baton_tests::console::{Auth, ConsoleClient};
use baton_tests::proxy::Proxy;
use baton_tests::world::{AGENTS, console_tokens};
use baton_tests::{TestEnv, eventually, webhooks};
use serde_json::Value;

fn assert_json_error<T>(a: &baton_tests::console::Answer<T>, status: u16, what: &str) {
    assert_eq!(a.status, status, "{what}: {}", a.body);
    assert!(!a.error().is_empty(), "{what}: a sentence: {}", a.body);
    let h = |k: &str| {
        a.headers
            .get(k)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(
        h("content-type").as_deref(),
        Some("application/json"),
        "{what}"
    );
    assert_eq!(
        h("x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_and_the_cookie_decide_who_may_call() {
    let mut env = TestEnv::new("console-auth");
    env.set("CONSOLE_TOKENS", &console_tokens());
    env.start_ingress().await;
    let anon = ConsoleClient::new(env.ingress_url(), Auth::None);
    let maria = anon.with(Auth::Bearer(AGENTS[0].1.into()));
    let conv = "/api/v1/conversations/5511988887777";
    let gets = [
        "/api/v1/conversations",
        conv,
        "/api/v1/events",
        "/api/v1/commands/x",
    ];
    let posts = ["claim", "takeover", "reply", "release", "template"];
    for client in [
        anon.clone(),
        anon.with(Auth::Bearer("maria-console-token-0002".into())),
        anon.with(Auth::Bearer(String::new())),
        anon.with(Auth::Cookie("baton_console=not-a-token".into())),
    ] {
        for path in gets {
            assert_json_error(&client.get::<Value>(path).await, 401, path);
        }
        for p in posts {
            let path = format!("{conv}/{p}");
            let a = client
                .post_raw(&path, "application/json", r#"{"text":"hi"}"#)
                .await;
            assert_json_error(&a, 401, &path);
        }
    }
    let list = maria.list(None).await.ok();
    assert!(list.conversations.is_empty());
    assert_eq!((list.limit, list.offset), (50, 0));

    let (wrong, cookie) = anon.login("maria-console-token-0002").await;
    assert_json_error(&wrong, 401, "login with a wrong token");
    assert_eq!(cookie, None);
    let (ok, cookie) = anon.login(AGENTS[1].1).await;
    assert_eq!(ok.body["agent"], "li");
    let cookie = cookie.expect("Set-Cookie");
    for attr in ["baton_console=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    let pair = cookie.split(';').next().unwrap().to_owned();
    let li = anon.with(Auth::Cookie(format!("theme=dark; {pair}")));
    assert_eq!(
        li.list(Some(Owner::Ai)).await.status,
        200,
        "the cookie authenticates"
    );

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = http
        .post(format!("{}/console/login", env.ingress_url()))
        .form(&[("token", AGENTS[0].1)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        form.status().as_u16(),
        303,
        "the page's form login redirects"
    );
    assert_eq!(form.headers()["location"], "/console");
    assert!(form.headers().contains_key("set-cookie"));
    let out = http
        .post(format!("{}/console/logout", env.ingress_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status().as_u16(), 204);
    let cleared = out.headers()["set-cookie"].to_str().unwrap();
    assert!(cleared.starts_with("baton_console=;") && cleared.contains("Max-Age=0"));

    assert_json_error(
        &maria.detail("5511988887777").await,
        404,
        "no conversations yet",
    );
    let other = maria.get::<Value>(&format!("{conv}?number=300")).await;
    assert_json_error(&other, 404, "unknown customer on a given number");
    assert_json_error(&maria.detail("a*b").await, 400, "not an id");
    env.cleanup().await;
}

/// Redis is the console's store only: while it is unreachable the console answers 503, and
/// webhooks are still published.
#[tokio::test(flavor = "multi_thread")]
async fn redis_down_stops_the_console_not_the_webhooks() {
    let redis = Proxy::start("127.0.0.1:6379".parse().unwrap()).await;
    let mut env = TestEnv::new("console-redis");
    env.set("CONSOLE_TOKENS", &console_tokens())
        .set("REDIS_URL", &format!("redis://{}", redis.addr));
    env.start_ingress().await;
    let maria = ConsoleClient::new(env.ingress_url(), Auth::Bearer(AGENTS[0].1.into()));
    assert_eq!(maria.list(None).await.status, 200);
    redis.down();
    let down = maria.list(None).await;
    assert_json_error(&down, 503, "Redis down");
    assert!(down.error().contains("unavailable"), "{}", down.body);
    let body = webhooks::text("300", "5511", "wamid.RD1", "still taken in");
    assert_eq!(
        env.post_signed(&body).await,
        200,
        "webhooks do not need Redis"
    );
    let published = env.consume_published(1, Duration::from_secs(10)).await;
    assert_eq!(published.len(), 1);
    redis.up();
    let back = eventually(Duration::from_secs(15), || async {
        maria.list(None).await.status == 200
    })
    .await;
    assert!(back, "the console recovers with Redis");
    env.cleanup().await;
}
