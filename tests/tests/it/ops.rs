//! What operators rely on, checked on the real binaries run as processes: the `healthcheck`
//! subcommands, one trace from webhook to send across the queue (received by an in-process
//! OTLP receiver), JSON logs that keep phone numbers, message text and secrets out, and the
//! Grafana dashboard and README metrics catalogue against the metrics the binaries export.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

use baton_shared::event::EventKind;
use baton_tests::otlp::{OtlpReceiver, ReceivedSpan};
use baton_tests::procs::{free_addr, ingress_bin, run_to_end};
use baton_tests::world::{NUMBER, PHONE, TOKEN, World};
use baton_tests::{SECRET, TestEnv, VERIFY_TOKEN, eventually, webhooks, worker_bin};
use serde_json::Value;

fn vars_with(env: &TestEnv, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut vars: HashMap<String, String> = env.vars().clone();
    for (k, v) in extra {
        vars.insert(k.to_string(), v.to_string());
    }
    vars.into_iter().collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn healthcheck_answers_for_a_running_process_only() {
    let mut env = TestEnv::new("health");
    // Wildcard listen addresses: the probe must map them to loopback.
    let admin = free_addr().replace("127.0.0.1", "0.0.0.0");
    let worker_vars = vars_with(&env, &[("WORKER_ADMIN_ADDR", &admin)]);
    let probe = || run_to_end(&worker_bin(), &["healthcheck"], &worker_vars);
    let (code, out) = probe();
    assert_eq!(code, Some(1), "no worker running yet: {out}");
    assert!(out.contains("unhealthy"), "{out}");

    env.spawn_worker(&[("WORKER_ADMIN_ADDR", &admin)]);
    let healthy = eventually(Duration::from_secs(20), || async { probe().0 == Some(0) }).await;
    assert!(healthy, "worker healthcheck never passed: {}", env.logs());
    env.worker(0).kill();
    let (code, out) = probe();
    assert_eq!(code, Some(1), "worker killed: {out}");

    let addr = free_addr().replace("127.0.0.1", "0.0.0.0");
    let (mut ingress, _) = env.spawn_ingress(&[("INGRESS_ADDR", &addr)]).await;
    let ingress_vars = vars_with(&env, &[("INGRESS_ADDR", &addr)]);
    let (code, out) = run_to_end(&ingress_bin(), &["healthcheck"], &ingress_vars);
    assert_eq!(code, Some(0), "ingress running: {out}");
    let status = ingress.terminate(Duration::from_secs(10));
    assert!(
        status.is_some_and(|s| s.success()),
        "ingress exits 0 on SIGTERM"
    );
    let (code, out) = run_to_end(&ingress_bin(), &["healthcheck"], &ingress_vars);
    assert_eq!(code, Some(1), "ingress stopped: {out}");
    let (code, _) = run_to_end(&ingress_bin(), &["bogus"], &ingress_vars);
    assert_eq!(code, Some(2), "unknown subcommand");
    env.cleanup().await;
}

/// The spans of `trace_id`, by span id.
fn by_id(spans: &[ReceivedSpan], trace_id: &str) -> HashMap<String, ReceivedSpan> {
    spans
        .iter()
        .filter(|s| s.trace_id == trace_id)
        .map(|s| (s.span_id.clone(), s.clone()))
        .collect()
}

/// True when `span` descends from the span `ancestor` (following parent ids).
fn descends_from(span: &ReceivedSpan, ancestor: &str, all: &HashMap<String, ReceivedSpan>) -> bool {
    let mut parent = span.parent_span_id.clone();
    for _ in 0..32 {
        if parent == ancestor {
            return true;
        }
        match all.get(&parent) {
            Some(p) => parent = p.parent_span_id.clone(),
            None => return false,
        }
    }
    false
}

#[tokio::test(flavor = "multi_thread")]
async fn one_trace_from_webhook_to_send_across_the_queue() {
    let otlp = OtlpReceiver::start().await;
    let export = [
        ("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.url.as_str()),
        ("OTEL_BSP_SCHEDULE_DELAY", "200"),
    ];
    let w = World::start_with("trace", false, &[], &export).await;
    let addr = free_addr();
    let mut vars = export.to_vec();
    vars.push(("INGRESS_ADDR", &addr));
    let (_ingress, url) = w.env.spawn_ingress(&vars).await;
    let body = webhooks::text(NUMBER, PHONE, "wamid.TRACE1", "Hello there");
    assert_eq!(w.env.post_signed_to(&url, &body).await, 200);
    w.wait_texts(1).await;

    // The ingress request span is the parent of the worker's event span, and the Graph call
    // that sent the reply belongs to the same trace, below the worker's span.
    let found = eventually(Duration::from_secs(20), || async {
        let spans = otlp.spans();
        let Some(root) = spans
            .iter()
            .find(|s| s.service == "baton-ingress" && s.name == "webhook.receive")
        else {
            return false;
        };
        let all = by_id(&spans, &root.trace_id);
        let Some(event) = all
            .values()
            .find(|s| s.service == "baton-worker" && s.name == "event.process")
        else {
            return false;
        };
        event.parent_span_id == root.span_id
            && all.values().any(|s| {
                s.service == "baton-worker"
                    && s.name == "graph"
                    && descends_from(s, &event.span_id, &all)
            })
    })
    .await;
    let spans = otlp.spans();
    assert!(
        found,
        "no webhook.receive → event.process → graph chain in {} spans: {:#?}\n{}",
        spans.len(),
        spans
            .iter()
            .map(|s| (
                &s.service,
                &s.name,
                &s.trace_id,
                &s.span_id,
                &s.parent_span_id
            ))
            .collect::<Vec<_>>(),
        w.env.logs()
    );
    assert!(otlp.violations().is_empty(), "{:?}", otlp.violations());
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn logs_keep_phone_numbers_text_and_secrets_out() {
    // No BATON_LOG_FORMAT: a process whose stdout is a file must choose JSON by itself.
    let mut w = World::start_with("logs", false, &[], &[]).await;
    let addr = free_addr();
    let (mut ingress, url) = w.env.spawn_ingress(&[("INGRESS_ADDR", &addr)]).await;
    let customer_text = "My order #ORD-22 is late, the pineapple lamp never came";
    let asks_person = "Still nothing about the pineapple lamp. I want to talk to a person";
    let human_text = "Hi, kumquat refund issued for ORD-22";
    for (id, text) in [("wamid.LOG1", customer_text), ("wamid.LOG2", asks_person)] {
        let body = webhooks::text(NUMBER, PHONE, id, text);
        assert_eq!(w.env.post_signed_to(&url, &body).await, 200);
        w.wait_done(&[id]).await;
    }
    w.human(EventKind::HumanReply, "maria", Some(human_text))
        .await;
    let sent = w.wait_texts(3).await;
    assert!(sent[2].contains("kumquat"), "{sent:?}");
    // A refused signature is logged too (at warn): the body it carried must not be.
    let forged = webhooks::text(NUMBER, PHONE, "wamid.LOG3", customer_text);
    let refused = w
        .env
        .http
        .post(format!("{url}/webhook/whatsapp"))
        .header("x-hub-signature-256", "sha256=00")
        .body(forged)
        .send()
        .await
        .map(|r| r.status().as_u16());
    assert_eq!(refused.ok(), Some(401));
    let status = ingress.terminate(Duration::from_secs(10));
    assert!(status.is_some_and(|s| s.success()));
    let ingress_log = std::fs::read_to_string(&ingress.log).unwrap();
    let worker_log = std::fs::read_to_string(&w.env.worker(0).log).unwrap();

    for (name, log) in [("ingress", &ingress_log), ("worker", &worker_log)] {
        let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(lines.len() >= 3, "{name} logged almost nothing:\n{log}");
        for line in &lines {
            let v: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{name}: not a JSON log line ({e}): {line}"));
            assert!(v["level"].is_string(), "{name}: no level: {line}");
        }
        let mut needles = vec![
            ("customer phone", PHONE),
            ("app secret", SECRET),
            ("verify token", VERIFY_TOKEN),
            ("Graph token", TOKEN),
            ("OpenAI key", "sk-test"),
            ("message text", "pineapple"),
            ("human reply text", "kumquat"),
        ];
        for reply in &sent {
            needles.push(("reply text", reply.as_str()));
        }
        for (what, needle) in needles {
            let hit = lines.iter().find(|l| l.contains(needle));
            assert!(
                hit.is_none(),
                "{name} log carries the {what}: {}",
                hit.unwrap()
            );
        }
    }
    // The logs do talk about this customer — masked.
    assert!(
        ingress_log.contains("event published") && ingress_log.contains("***7777"),
        "{ingress_log}"
    );
    assert!(worker_log.contains("***7777"), "{worker_log}");
    w.finish().await;
}

/// Exported metrics: name → label keys, and name → type (from `# TYPE`).
struct Exported {
    labels: BTreeMap<String, BTreeSet<String>>,
    types: BTreeMap<String, String>,
}

fn parse_exposition(text: &str) -> Exported {
    let mut labels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut types = BTreeMap::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut it = rest.split_whitespace();
            if let (Some(n), Some(t)) = (it.next(), it.next()) {
                types.insert(n.to_owned(), t.to_owned());
            }
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let end = line.find(['{', ' ']).unwrap_or(line.len());
        let keys = labels.entry(line[..end].to_owned()).or_default();
        if let Some(inner) = line[end..]
            .strip_prefix('{')
            .and_then(|r| r.split_once('}'))
        {
            for pair in split_labels(inner.0) {
                if let Some((k, _)) = pair.split_once('=') {
                    keys.insert(k.trim().to_owned());
                }
            }
        }
    }
    Exported { labels, types }
}

/// `a="x",b="y,z"` → [`a="x"`, `b="y,z"`] (commas inside quotes kept).
fn split_labels(s: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// Every `expr` in a Grafana dashboard (panels, rows, templating queries).
fn exprs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("expr", Value::String(s)) => out.push(s.clone()),
                    _ => exprs(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| exprs(v, out)),
        _ => {}
    }
}

/// Problems of one PromQL expression against the export: unknown metrics, unknown labels in
/// selectors and in `by (…)` clauses.
fn check_expr(expr: &str, exported: &Exported) -> Vec<String> {
    let metric = regex::Regex::new(r"\b(baton_[a-z0-9_]+)(\{([^}]*)\})?").unwrap();
    let by = regex::Regex::new(r"\b(?:by|without)\s*\(([^)]*)\)").unwrap();
    let mut problems = Vec::new();
    let mut names = Vec::new();
    for c in metric.captures_iter(expr) {
        let name = &c[1];
        names.push(name.to_owned());
        let Some(keys) = exported.labels.get(name) else {
            problems.push(format!("{expr}: metric {name} is not exported"));
            continue;
        };
        for pair in c
            .get(3)
            .map(|m| split_labels(m.as_str()))
            .unwrap_or_default()
        {
            let key = pair.split(['=', '!', '~']).next().unwrap_or("").trim();
            if !key.is_empty() && !keys.contains(key) {
                problems.push(format!("{expr}: {name} has no label {key}"));
            }
        }
    }
    for c in by.captures_iter(expr) {
        // `job` and `instance` are added by the Prometheus scrape, not by the binaries.
        let scrape_labels = ["job", "instance"];
        for key in c[1]
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty() && !scrape_labels.contains(k))
        {
            let known = names.iter().any(|n| {
                exported
                    .labels
                    .get(n)
                    .is_some_and(|keys| keys.contains(key))
            });
            if !known {
                problems.push(format!("{expr}: no metric in it has the label {key}"));
            }
        }
    }
    if names.is_empty() {
        problems.push(format!("{expr}: uses no baton_ metric"));
    }
    problems
}

/// The README's metrics catalogue: `| \`name\` | type | labels | meaning |` rows.
fn catalogue() -> BTreeMap<String, (String, BTreeSet<String>)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let mut out = BTreeMap::new();
    for line in readme.lines().filter(|l| l.starts_with("| `baton_")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let name = cells[1].trim_matches('`').to_owned();
        let labels = cells[3]
            .split(',')
            .map(|l| l.trim().trim_matches('`').to_owned())
            .filter(|l| !l.is_empty() && l != "—")
            .collect();
        out.insert(name, (cells[2].to_owned(), labels));
    }
    out
}

/// The base name of an exported series (`_bucket`/`_sum`/`_count` of a histogram dropped).
fn base_name<'a>(name: &'a str, exported: &Exported) -> &'a str {
    for suffix in ["_bucket", "_sum", "_count"] {
        if let Some(base) = name.strip_suffix(suffix)
            && exported.types.get(base).is_some_and(|t| t == "histogram")
        {
            return base;
        }
    }
    name
}

#[tokio::test(flavor = "multi_thread")]
async fn dashboard_and_catalogue_match_the_exported_metrics() {
    let admin = free_addr();
    let w = World::start_with("metrics", false, &[], &[("WORKER_ADMIN_ADDR", &admin)]).await;
    // Exercise what the dashboard shows: an AI turn with a tool, a handoff, a human's first
    // reply, memory writes, a refused signature.
    w.say("wamid.M1", "Hi, my order #ORD-22 hasn't arrived")
        .await;
    w.wait_texts(1).await;
    w.say("wamid.M2", "I want to talk to a person").await;
    w.wait_console("handoff").await;
    w.human(EventKind::HumanReply, "maria", Some("On it."))
        .await;
    w.wait_texts(3).await;
    assert_eq!(w.env.post_with(b"{}", Some("sha256=00"), &[]).await, 401);

    let dashboard: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../deploy/grafana/dashboards/baton.json"
        ))
        .expect("dashboard JSON"),
    )
    .expect("dashboard parses");
    let mut all = Vec::new();
    exprs(&dashboard, &mut all);
    assert!(all.len() >= 12, "dashboard has {} queries", all.len());

    let ingress_url = w.env.ingress_url().to_owned();
    let scrape = || async {
        let mut text = String::new();
        for url in [
            format!("{ingress_url}/metrics"),
            format!("http://{admin}/metrics"),
        ] {
            if let Ok(r) = reqwest::get(&url).await {
                text.push_str(&r.text().await.unwrap_or_default());
                text.push('\n');
            }
        }
        parse_exposition(&text)
    };
    // Gauges measured on the heartbeat (lag, DLQ depth) and the memory queue's writes come a
    // little after the replies.
    let problems = |exported: &Exported| -> Vec<String> {
        all.iter().flat_map(|e| check_expr(e, exported)).collect()
    };
    eventually(Duration::from_secs(20), || async {
        problems(&scrape().await).is_empty()
    })
    .await;
    let left = problems(&scrape().await);
    assert!(left.is_empty(), "dashboard problems:\n{}", left.join("\n"));

    // Every baton_ metric the binaries exported is in the README catalogue, with its type and
    // its labels.
    let exported = scrape().await;
    let documented = catalogue();
    assert!(
        documented.len() >= 20,
        "catalogue rows: {}",
        documented.len()
    );
    let mut undocumented = Vec::new();
    for (name, keys) in &exported.labels {
        if !name.starts_with("baton_") {
            continue;
        }
        let base = base_name(name, &exported);
        let ty = exported.types.get(base).cloned().unwrap_or_default();
        let mut keys = keys.clone();
        keys.remove("le");
        match documented.get(base) {
            None => undocumented.push(format!("{base} ({ty}) is not in the README catalogue")),
            Some((t, l)) if t != &ty || l != &keys => undocumented.push(format!(
                "{base}: README says {t} {l:?}, exported {ty} {keys:?}"
            )),
            Some(_) => {}
        }
    }
    undocumented.dedup();
    assert!(undocumented.is_empty(), "{}", undocumented.join("\n"));
    w.finish().await;
}

/// `worker migrate-keys` renames a namespace's keys from the layout before hash tags: the
/// conversation's ownership and transcript read back under the new names, human activity
/// reaches the hash, event dedupe records are left alone, a second run renames nothing.
#[tokio::test(flavor = "multi_thread")]
async fn migrate_keys_moves_an_old_namespace_to_the_tagged_layout() {
    use baton_shared::state::{Owner, activity, conversation};
    let env = baton_tests::TestEnv::new("migrate");
    let (ns, keys) = (env.ns.clone(), env.keys());
    let conv = "300:5511";
    {
        let mut c = env.redis.get().await.unwrap();
        let _: () = redis::pipe()
            .hset_multiple(
                format!("{ns}:conv:{conv}"),
                &[
                    ("owner", "human"),
                    ("agent", "maria"),
                    ("version", "3"),
                    ("since_ms", "1000"),
                ],
            )
            .rpush(format!("{ns}:transcript:{conv}"), "{\"id\":\"x\"}")
            .set(format!("{ns}:lease:3"), "w1")
            .set(format!("{ns}:dedupe:wamid.A"), "done")
            .zadd(keys.owned(Owner::Human), conv, 5000)
            .query_async(&mut *c)
            .await
            .unwrap();
    }
    let (ok, out) = env.worker_cli(&["migrate-keys"], "");
    assert!(ok, "{out}");
    assert!(out.contains("3 key(s) renamed"), "{out}");
    assert!(out.contains("1 left to expire"), "{out}");
    let state = conversation::get(&env.redis, &keys, conv).await.unwrap();
    assert_eq!((state.owner, state.version), (Owner::Human, 3));
    assert_eq!(
        activity::last(&env.redis, &keys, conv).await.unwrap(),
        Some(5000)
    );
    let mut c = env.redis.get().await.unwrap();
    let listed: i64 = redis::cmd("LLEN")
        .arg(keys.transcript(conv))
        .query_async(&mut *c)
        .await
        .unwrap();
    assert_eq!(listed, 1);
    let holder: Option<String> = redis::cmd("GET")
        .arg(keys.lease(3))
        .query_async(&mut *c)
        .await
        .unwrap();
    assert_eq!(holder.as_deref(), Some("w1"));
    let (ok, out) = env.worker_cli(&["migrate-keys"], "");
    assert!(ok && out.contains("0 key(s) renamed"), "{out}");
    env.cleanup().await;
}
