//! Test harness for Baton's integration tests and benchmarks.
//!
//! [`TestEnv`] gives each test its own `BATON_NAMESPACE` on the real RabbitMQ and Redis, starts
//! ingress in-process and workers as real processes (so they can be SIGKILLed), signs webhooks
//! like Meta, reads the worker probe stream, and deletes every queue, exchange and key of the
//! namespace at the end. [`proxy::Proxy`] takes a dependency down and up again.
//!
//! [`console::ConsoleClient`] speaks the console API; [`browser::Browser`] drives headless
//! Chromium through WebDriver for the web console's test.
//!
//! Map: [`fakes`] (fake Graph, LLM, Synap and Slack servers on one generic
//! [`fakes::server`]), [`http`] (requests that return status, headers and body together),
//! [`webhooks`] (Meta's bodies and fixtures), [`slack`] (plays Slack calling Baton: signed
//! events and clicks), [`world`] (the conversation test world), [`procs`] (both binaries as
//! processes), [`otlp`] (an in-process OTLP receiver), [`proxy`].

pub mod browser;
pub mod cluster;
pub mod console;
pub mod fakes;
pub mod http;
pub mod otlp;
pub mod procs;
pub mod proxy;
pub mod sandbox;
pub mod slack;
pub mod webhooks;
pub mod world;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use baton_shared::config::Config;
use baton_shared::redis::Keys;
use baton_shared::topology::{self, Names};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// The app secret every test signs with.
pub const SECRET: &str = "test-app-secret";
pub const VERIFY_TOKEN: &str = "test-verify-token";

/// One test's isolated world.
pub struct TestEnv {
    pub ns: String,
    vars: HashMap<String, String>,
    workers: Vec<WorkerProc>,
    ingress: Option<(String, CancellationToken)>,
    pub http: reqwest::Client,
    pub redis: baton_shared::redis::Pool,
    cleaned: bool,
}

/// A worker process started by a test.
pub struct WorkerProc {
    pub child: Child,
    pub log: PathBuf,
}

impl WorkerProc {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
    /// SIGKILL: no chance to hand anything over.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
    /// SIGTERM, then waits for the exit status.
    pub fn terminate(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        self.signal_term();
        self.wait_exit(timeout)
    }
    /// SIGTERM, without waiting.
    pub fn signal_term(&self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status();
    }
    /// Waits (up to `timeout`) for the process to exit; its status, if it did.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let until = Instant::now() + timeout;
        while Instant::now() < until {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for WorkerProc {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
    }
}

/// One processed event as the probe recorded it.
#[derive(Clone, Debug)]
pub struct ProbeEntry {
    pub event: String,
    pub conversation: String,
    pub text: String,
    pub worker: String,
    pub partition: u16,
    pub attempt: u32,
    pub trace_id: String,
    pub start_ms: i64,
    pub end_ms: i64,
}

impl TestEnv {
    /// A fresh namespace with fast timings suited to tests.
    pub fn new(name: &str) -> Self {
        baton_shared::telemetry::init_for_tests();
        let ns = format!(
            "t-{name}-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        let mut vars = HashMap::new();
        for (k, v) in [
            ("BATON_NAMESPACE", ns.as_str()),
            ("WABA_APP_SECRET", SECRET),
            ("WABA_WEBHOOK_VERIFY_TOKEN", VERIFY_TOKEN),
            ("BATON_PARTITIONS", "8"),
            ("BATON_RETRY_TIERS", "300ms,600ms"),
            ("BATON_DELIVERY_LIMIT", "3"),
            ("BATON_PROBE", "true"),
            ("BATON_CONVERSATION", "false"),
            ("WORKER_HEARTBEAT", "250ms"),
            ("WORKER_LEASE_TTL", "2s"),
            ("WORKER_STEP_RETRIES", "2"),
            ("WORKER_STEP_RETRY_DELAY", "20ms"),
            ("WORKER_SHUTDOWN_TIMEOUT", "10s"),
            ("WORKER_ADMIN_ADDR", "127.0.0.1:0"),
            ("INGRESS_ADDR", "127.0.0.1:0"),
            ("RUST_LOG", "info"),
        ] {
            vars.insert(k.to_owned(), v.to_owned());
        }
        let redis_url =
            std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
        if let Ok(url) = std::env::var("AMQP_URL") {
            vars.insert("AMQP_URL".into(), url);
        }
        vars.insert("REDIS_URL".into(), redis_url.clone());
        TestEnv {
            ns,
            vars,
            workers: Vec::new(),
            ingress: None,
            http: reqwest::Client::new(),
            redis: baton_shared::redis::pool(&redis_url).expect("redis pool"),
            cleaned: false,
        }
    }

    /// Sets a configuration variable for everything started afterwards (`REDIS_URL` also
    /// moves the test's own connection, and the cleanup, to that Redis).
    pub fn set(&mut self, key: &str, value: &str) -> &mut Self {
        if key == "REDIS_URL" {
            self.redis = baton_shared::redis::pool(value).expect("redis pool");
        }
        self.vars.insert(key.to_owned(), value.to_owned());
        self
    }

    /// The configuration variables of this environment.
    pub fn vars(&self) -> &HashMap<String, String> {
        &self.vars
    }

    pub fn config(&self) -> Config {
        Config::from_lookup(|k| self.vars.get(k).cloned()).expect("test configuration")
    }

    pub fn keys(&self) -> Keys {
        Keys::new(&self.ns)
    }

    pub fn names(&self) -> Names {
        Names::new(&self.config().infra)
    }

    /// Starts ingress in this process; returns its base URL.
    pub async fn start_ingress(&mut self) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let token = CancellationToken::new();
        let config = self.config();
        let t = token.clone();
        tokio::spawn(async move { baton_ingress::run(config, listener, t).await });
        self.ingress = Some((url.clone(), token));
        url
    }

    pub fn ingress_url(&self) -> &str {
        &self.ingress.as_ref().expect("ingress started").0
    }

    /// Starts a worker process with this environment (plus `extra`).
    pub fn spawn_worker(&mut self, extra: &[(&str, &str)]) -> usize {
        let n = self.workers.len();
        let log = log_dir().join(format!("{}-worker-{n}.log", self.ns));
        let out = std::fs::File::create(&log).expect("worker log");
        let mut cmd = Command::new(worker_bin());
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(&self.vars)
            .envs(extra.iter().copied())
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        let child = cmd.spawn().expect("spawn worker");
        self.workers.push(WorkerProc { child, log });
        n
    }

    pub fn worker(&mut self, n: usize) -> &mut WorkerProc {
        &mut self.workers[n]
    }

    /// Runs `worker <args>` (the CLI) to completion; returns (success, stdout).
    pub fn worker_cli(&self, args: &[&str], stdin: &str) -> (bool, String) {
        use std::io::Write;
        let mut child = Command::new(worker_bin())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(&self.vars)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn worker cli");
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        let out = child.wait_with_output().unwrap();
        let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&out.stderr));
        (out.status.success(), text)
    }

    /// Posts a body signed with the test secret; returns the status code.
    pub async fn post_signed(&self, body: &[u8]) -> u16 {
        self.post_with(body, Some(&baton_ingress::verify::sign(SECRET, body)), &[])
            .await
    }

    /// Posts `body` with an optional signature and extra headers; returns the status code
    /// (0 when the request failed before an answer).
    pub async fn post_with(
        &self,
        body: &[u8],
        signature: Option<&str>,
        headers: &[(&str, &str)],
    ) -> u16 {
        self.webhook(body, signature, headers).await.status
    }

    /// Posts `body` to the WhatsApp webhook with an optional signature and extra headers;
    /// returns the whole answer.
    pub async fn webhook(
        &self,
        body: &[u8],
        signature: Option<&str>,
        headers: &[(&str, &str)],
    ) -> http::HttpReply {
        let mut req = self
            .http
            .post(format!("{}/webhook/whatsapp", self.ingress_url()))
            .header("content-type", "application/json")
            .body(body.to_vec());
        if let Some(sig) = signature {
            req = req.header("x-hub-signature-256", sig);
        }
        http::send(http::with_headers(req, headers)).await
    }

    /// Every entry of the probe stream, oldest first.
    pub async fn probe(&self) -> Vec<ProbeEntry> {
        let mut c = self.redis.get().await.unwrap();
        let raw: Vec<(String, Vec<String>)> = redis::cmd("XRANGE")
            .arg(self.keys().probe())
            .arg("-")
            .arg("+")
            .query_async(&mut *c)
            .await
            .unwrap_or_default();
        raw.into_iter()
            .map(|(_, fields)| {
                let m: HashMap<String, String> = fields
                    .chunks(2)
                    .filter(|c| c.len() == 2)
                    .map(|c| (c[0].clone(), c[1].clone()))
                    .collect();
                let get = |k: &str| m.get(k).cloned().unwrap_or_default();
                ProbeEntry {
                    event: get("event"),
                    conversation: get("conversation"),
                    text: get("text"),
                    worker: get("worker"),
                    partition: get("partition").parse().unwrap_or(0),
                    attempt: get("attempt").parse().unwrap_or(0),
                    trace_id: get("trace_id"),
                    start_ms: get("start_ms").parse().unwrap_or(0),
                    end_ms: get("end_ms").parse().unwrap_or(0),
                }
            })
            .collect()
    }

    /// Waits until the probe holds entries for every id in `ids` (or the timeout passes).
    pub async fn wait_processed(&self, ids: &[String], timeout: Duration) -> Vec<ProbeEntry> {
        let until = Instant::now() + timeout;
        loop {
            let entries = self.probe().await;
            let done = ids.iter().all(|id| entries.iter().any(|e| &e.event == id));
            if done || Instant::now() > until {
                return entries;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Current holders of every partition lease.
    pub async fn lease_holders(&self) -> Vec<Option<String>> {
        let mut c = self.redis.get().await.unwrap();
        let mut out = Vec::new();
        for p in 0..self.config().infra.partitions {
            let h: Option<String> = redis::cmd("GET")
                .arg(self.keys().lease(p))
                .query_async(&mut *c)
                .await
                .unwrap();
            out.push(h);
        }
        out
    }

    /// Sets or deletes a Redis key of the namespace.
    pub async fn redis_set(&self, rest: &str, value: Option<&str>) {
        let mut c = self.redis.get().await.unwrap();
        let key = self.keys().other(rest);
        match value {
            Some(v) => redis::cmd("SET")
                .arg(key)
                .arg(v)
                .query_async::<()>(&mut *c)
                .await
                .unwrap(),
            None => redis::cmd("DEL")
                .arg(key)
                .query_async::<()>(&mut *c)
                .await
                .unwrap(),
        }
    }

    /// Stops everything and deletes the namespace's queues, exchanges and keys.
    pub async fn cleanup(mut self) {
        self.cleaned = true;
        for w in &mut self.workers {
            w.kill();
        }
        if let Some((_, t)) = self.ingress.take() {
            t.cancel();
        }
        delete_namespace(&self.config(), &self.redis).await;
        if std::env::var_os("BATON_KEEP_TEST_LOGS").is_none() {
            for w in &self.workers {
                let _ = std::fs::remove_file(&w.log);
            }
        }
    }

    /// Every worker log, whole.
    pub fn full_logs(&self) -> String {
        self.workers
            .iter()
            .map(|w| std::fs::read_to_string(&w.log).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The tail of every worker log (for assertion messages).
    pub fn logs(&self) -> String {
        self.workers
            .iter()
            .map(|w| {
                let text = std::fs::read_to_string(&w.log).unwrap_or_default();
                let tail: Vec<&str> = text.lines().rev().take(40).collect();
                format!(
                    "--- {}\n{}",
                    w.log.display(),
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Deletes every queue, exchange and Redis key of a test namespace.
async fn delete_namespace(config: &Config, pool: &baton_shared::redis::Pool) {
    if let Ok(conn) = baton_shared::amqp::connect(&real_amqp_url(), "baton-test-cleanup").await
        && let Ok(ch) = conn.create_channel().await
    {
        let names = Names::new(&config.infra);
        let _ = topology::delete_all(&ch, &names, config.infra.retry_tiers.len()).await;
        let _ = conn.close(200, "cleanup".into()).await;
    }
    let Ok(mut c) = pool.get().await else { return };
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(Keys::new(&config.infra.namespace).pattern())
        .query_async(&mut *c)
        .await
        .unwrap_or_default();
    for chunk in keys.chunks(500) {
        let _: Result<(), _> = redis::cmd("DEL").arg(chunk).query_async(&mut *c).await;
    }
}

impl Drop for TestEnv {
    /// A test that panicked before `cleanup` still leaves nothing behind.
    fn drop(&mut self) {
        if self.cleaned {
            return;
        }
        for w in &mut self.workers {
            w.kill();
        }
        let config = self.config();
        let url = self.vars.get("REDIS_URL").cloned().unwrap_or_default();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(rt) = rt {
                rt.block_on(async {
                    if let Ok(pool) = baton_shared::redis::pool(&url) {
                        delete_namespace(&config, &pool).await;
                    }
                });
            }
        })
        .join();
    }
}

/// An event as ingress published it.
#[derive(Debug)]
pub struct Published {
    pub event: baton_shared::event::Event,
    pub partition: u16,
    pub headers: lapin::types::FieldTable,
}

impl TestEnv {
    /// Consumes the partition queues (no worker running) until `expect` events arrived or
    /// `timeout` passed; acks them.
    pub async fn consume_published(&self, expect: usize, timeout: Duration) -> Vec<Published> {
        use futures::StreamExt;
        use lapin::options::{BasicAckOptions, BasicConsumeOptions};
        let names = self.names();
        let conn = baton_shared::amqp::connect(&real_amqp_url(), "baton-test-consumer")
            .await
            .unwrap();
        let ch = conn.create_channel().await.unwrap();
        let mut streams = Vec::new();
        for p in 0..names.partitions {
            let q = names.partition_queue(p);
            let c = ch
                .basic_consume(
                    q.as_str().into(),
                    format!("test-{p}").as_str().into(),
                    BasicConsumeOptions::default(),
                    Default::default(),
                )
                .await
                .unwrap();
            streams.push(c.map(move |d| (p, d)));
        }
        let mut all = futures::stream::select_all(streams);
        let mut out = Vec::new();
        let until = tokio::time::Instant::now() + timeout;
        while out.len() < expect {
            match tokio::time::timeout_at(until, all.next()).await {
                Ok(Some((p, Ok(d)))) => {
                    d.acker.ack(BasicAckOptions::default()).await.unwrap();
                    out.push(Published {
                        event: serde_json::from_slice(&d.data).expect("event JSON"),
                        partition: p,
                        headers: d.properties.headers().clone().unwrap_or_default(),
                    });
                }
                _ => break,
            }
        }
        // Anything beyond `expect` that is already on its way shows up here too.
        while let Ok(Some((p, Ok(d)))) =
            tokio::time::timeout(Duration::from_millis(300), all.next()).await
        {
            d.acker.ack(BasicAckOptions::default()).await.unwrap();
            out.push(Published {
                event: serde_json::from_slice(&d.data).expect("event JSON"),
                partition: p,
                headers: d.properties.headers().clone().unwrap_or_default(),
            });
        }
        let _ = conn.close(200, "done".into()).await;
        out
    }

    /// Messages waiting in a queue of the namespace (by full name).
    pub async fn queue_len(&self, queue: &str) -> u32 {
        use lapin::options::QueueDeclareOptions;
        let conn = baton_shared::amqp::connect(&real_amqp_url(), "baton-test-count")
            .await
            .unwrap();
        let ch = conn.create_channel().await.unwrap();
        let opts = QueueDeclareOptions {
            passive: true,
            ..Default::default()
        };
        let n = ch
            .queue_declare(queue.into(), opts, Default::default())
            .await
            .map(|q| q.message_count())
            .unwrap_or(0);
        let _ = conn.close(200, "done".into()).await;
        n
    }
}

/// The broker URL the tests use (through no proxy).
pub fn real_amqp_url() -> String {
    std::env::var("AMQP_URL").unwrap_or_else(|_| "amqp://guest:guest@127.0.0.1:5672/%2f".into())
}

/// The worker binary next to the running test or benchmark executable (`BATON_WORKER_BIN`
/// overrides): `cargo test` builds `baton-test-worker` into the same target directory.
pub fn worker_bin() -> PathBuf {
    if let Ok(p) = std::env::var("BATON_WORKER_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("current exe");
    let mut dir = exe.parent().expect("exe dir").to_path_buf();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.join("baton-test-worker")
}

pub(crate) fn log_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/test-logs");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Polls `f` until it returns true or `timeout` passes; returns the last answer.
pub async fn eventually<F, Fut>(timeout: Duration, mut f: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let until = Instant::now() + timeout;
    loop {
        if f().await {
            return true;
        }
        if Instant::now() > until {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
