//! `baton-bench`: Baton's load generator and throughput benchmarks (see BENCHMARKS.md).
//!
//! Runs, against the local RabbitMQ and Redis, in one namespace it deletes afterwards:
//! 1. a baseline: a bare lapin publisher with confirms (64 in flight) publishing the same
//!    event bodies to the same partition queues ingress uses;
//! 2. ingress (the release binary, its own process) under closed-loop load: signed real-shaped
//!    webhooks from `--concurrency` clients for `--duration` seconds: throughput, latency
//!    percentiles and peak RSS;
//! 3. ingress at a fixed open-loop rate (`--rate`, default 500 req/s): latency percentiles;
//! 4. workers (release processes, probe step): events/s through 1 and 2 workers with an instant
//!    step and with a step that sleeps 1 s.
//!
//! 5. the conversation engine with a fake LLM answering in 1 s and instant fake Graph and
//!    memory: messages/s for 1 and 2 workers across many conversations, and Baton's own
//!    overhead (webhook → send call, minus the LLM's second).
//!
//! 6. sends under Meta's throughput limit (`--only limits`): N replies against a fake Graph API
//!    refusing sends past a per-second limit: time and refused attempts per `GRAPH_SEND_RATE`.
//!
//! Build first with `scripts/bench` (it builds the release binaries and runs this).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use baton_shared::amqp::event_properties;
use baton_shared::config::Config;
use baton_shared::event::{Event, now_ms};
use baton_shared::topology::{self, Names, partition_of};
use baton_tests::{SECRET, TestEnv, webhooks, worker_bin};
use clap::Parser;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions, QueuePurgeOptions};
use tokio::sync::Mutex;

mod engine;
mod limits;

#[derive(Parser, Debug)]
#[command(about = "Baton benchmarks: ingress vs a bare publisher, and worker throughput")]
struct Args {
    /// Seconds of closed-loop load on ingress.
    #[arg(long, default_value_t = 15)]
    duration: u64,
    /// Concurrent clients in the closed-loop run.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Requests per second in the open-loop latency run.
    #[arg(long, default_value_t = 500)]
    rate: u64,
    /// Seconds of the open-loop run.
    #[arg(long, default_value_t = 15)]
    rate_duration: u64,
    /// Messages for the baseline publisher.
    #[arg(long, default_value_t = 30_000)]
    baseline_messages: usize,
    /// Events for the instant-step worker runs.
    #[arg(long, default_value_t = 20_000)]
    worker_events: usize,
    /// Events (one per conversation) for the 1-second-step worker runs.
    #[arg(long, default_value_t = 3_000)]
    slow_events: usize,
    /// Conversations in the conversation-engine runs.
    #[arg(long, default_value_t = 1000)]
    engine_conversations: usize,
    /// Offered rate (messages/s) of the engine overhead run.
    #[arg(long, default_value_t = 100)]
    engine_rate: u64,
    /// Replies in the send-limits runs (one per customer, all at once).
    #[arg(long, default_value_t = 200)]
    limits_replies: usize,
    /// The fake Graph API's throughput limit (sends per second) in the send-limits runs.
    #[arg(long, default_value_t = 20)]
    limits_throughput: usize,
    /// `GRAPH_SEND_RATE` values of the send-limits runs (comma-separated).
    #[arg(long, default_value = "20,18,80", value_delimiter = ',')]
    limits_send_rate: Vec<String>,
    /// Worker processes in the send-limits runs (they share one bucket).
    #[arg(long, default_value_t = 2)]
    limits_workers: usize,
    /// Runs per `GRAPH_SEND_RATE` value (the median is reported).
    #[arg(long, default_value_t = 3)]
    limits_runs: usize,
    /// Which parts to run: any of ingress, workers, engine, limits (comma-separated).
    #[arg(
        long,
        default_value = "ingress,workers,engine,limits",
        value_delimiter = ','
    )]
    only: Vec<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    println!("# Baton benchmark run");
    println!("date: {}", chrono_like_now());
    println!("machine: {} cores, {}", num_cpus(), mem_total());
    let on = |part: &str| args.only.iter().any(|p| p == part);
    if on("ingress") {
        ingress_benchmarks(&args).await?;
    }
    if on("workers") {
        worker_benchmarks(&args).await?;
    }
    if on("engine") {
        engine::benchmarks(args.engine_conversations, args.engine_rate).await?;
    }
    if on("limits") {
        let plan = limits::Plan {
            replies: args.limits_replies,
            limit: args.limits_throughput,
            rates: &args.limits_send_rate,
            workers: args.limits_workers,
            runs: args.limits_runs,
        };
        limits::benchmarks(&plan).await?;
    }
    Ok(())
}

async fn ingress_benchmarks(args: &Args) -> anyhow::Result<()> {
    let env = TestEnv::new("bench-ingress");
    let config = env.config();
    let names = declare(&config).await?;
    let baseline = bare_publisher(&config, &names, args.baseline_messages).await?;
    purge(&config, &names).await?;
    println!("\n## Ingress vs bare publisher\n");
    println!(
        "| run | requests/s | p50 ms | p99 ms | p99.9 ms | max ms | >1 s | errors | ingress peak RSS MB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    println!("| bare lapin publisher, confirms, 64 in flight | {baseline:.0} | | | | | | | |");

    let (mut ingress, url) = spawn_ingress(&env)?;
    let rss = RssSampler::start(ingress.id());
    let closed = closed_loop(&url, args.concurrency, Duration::from_secs(args.duration)).await;
    let peak_closed = rss.peak_mb().await;
    purge(&config, &names).await?;
    let rss = RssSampler::start(ingress.id());
    let open = open_loop(&url, args.rate, Duration::from_secs(args.rate_duration)).await;
    let peak_open = rss.peak_mb().await;
    let _ = ingress.kill();
    let _ = ingress.wait();
    closed.row(
        &format!("ingress, closed loop, {} clients", args.concurrency),
        peak_closed,
    );
    open.row(
        &format!("ingress, open loop, {} req/s offered", args.rate),
        peak_open,
    );
    println!(
        "\ningress / bare publisher (closed loop): {:.0}%",
        100.0 * closed.throughput() / baseline
    );
    env.cleanup().await;
    Ok(())
}

async fn worker_benchmarks(args: &Args) -> anyhow::Result<()> {
    println!("\n## Worker throughput (probe step, events pre-loaded)\n");
    println!("| step | workers | events | conversations | events/s | worker peak RSS MB |");
    println!("|---|---|---|---|---|---|");
    let convs = 1000.min(args.worker_events);
    for workers in [1, 2] {
        worker_run(workers, args.worker_events, convs, "0s").await?;
    }
    for workers in [1, 2] {
        worker_run(workers, args.slow_events, args.slow_events, "1s").await?;
    }
    println!(
        "\n(`WORKER_CONCURRENCY` = 256 per worker: a 1 s step is bounded by 256 events/s per worker.)"
    );
    Ok(())
}

async fn worker_run(
    workers: usize,
    events: usize,
    convs: usize,
    sleep: &str,
) -> anyhow::Result<()> {
    let mut env = TestEnv::new("bench-worker");
    env.set("BATON_PARTITIONS", "16")
        .set("BATON_PROBE_SLEEP", sleep)
        .set("RUST_LOG", "warn")
        .set("WORKER_HEARTBEAT", "1s")
        .set("WORKER_LEASE_TTL", "6s");
    let config = env.config();
    declare(&config).await?;
    preload(&config, events, convs).await?;
    let started = Instant::now();
    let mut pids = Vec::new();
    for _ in 0..workers {
        let n = env.spawn_worker(&[]);
        pids.push(env.worker(n).pid());
    }
    let samplers: Vec<_> = pids.iter().map(|p| RssSampler::start(*p)).collect();
    let mut conn = env.redis.get().await?;
    let key = env.keys().probe();
    loop {
        let n: usize = redis::cmd("XLEN").arg(&key).query_async(&mut *conn).await?;
        if n >= events {
            break;
        }
        if started.elapsed() > Duration::from_secs(600) {
            anyhow::bail!("workers processed {n} of {events} in 10 minutes");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(conn);
    let entries = env.probe().await;
    let first = entries.iter().map(|e| e.start_ms).min().unwrap_or(0);
    let last = entries.iter().map(|e| e.end_ms).max().unwrap_or(0);
    let secs = ((last - first).max(1)) as f64 / 1000.0;
    let mut peak = 0.0f64;
    for s in samplers {
        peak = peak.max(s.peak_mb().await);
    }
    let step = if sleep == "0s" {
        "instant"
    } else {
        "sleeps 1 s"
    };
    println!(
        "| {step} | {workers} | {events} | {convs} | {:.0} | {peak:.1} |",
        events as f64 / secs
    );
    env.cleanup().await;
    Ok(())
}

async fn declare(config: &Config) -> anyhow::Result<Names> {
    let conn = baton_shared::amqp::connect(&config.infra.amqp_url, "baton-bench").await?;
    let ch = conn.create_channel().await?;
    let names = topology::declare(&ch, &config.infra).await?;
    conn.close(200, "declared".into()).await?;
    Ok(names)
}

async fn purge(config: &Config, names: &Names) -> anyhow::Result<()> {
    let conn = baton_shared::amqp::connect(&config.infra.amqp_url, "baton-bench").await?;
    let ch = conn.create_channel().await?;
    for q in names.all_queues(config.infra.retry_tiers.len()) {
        ch.queue_purge(q.as_str().into(), QueuePurgeOptions::default())
            .await?;
    }
    conn.close(200, "purged".into()).await?;
    Ok(())
}

fn sample_event(i: usize, convs: usize) -> Event {
    let body = webhooks::text(
        "300",
        &format!("5511{:06}", i % convs.max(1)),
        &format!("wamid.BENCH{i}"),
        "Hi, my order #ORD-22 hasn't arrived yet, can you check?",
    );
    baton_shared::webhook::split(&body, now_ms())
        .expect("sample parses")
        .remove(0)
}

/// The baseline: a bare lapin confirm channel, 64 publishes in flight, same bodies and queues.
async fn bare_publisher(config: &Config, names: &Names, n: usize) -> anyhow::Result<f64> {
    let conn = baton_shared::amqp::connect(&config.infra.amqp_url, "baton-bench-baseline").await?;
    let ch = conn.create_channel().await?;
    ch.confirm_select(ConfirmSelectOptions::default()).await?;
    let exchange = names.events_exchange();
    let started = Instant::now();
    let mut inflight = FuturesUnordered::new();
    for i in 0..n {
        let event = sample_event(i, 1000);
        let body = serde_json::to_vec(&event)?;
        let key = names.partition_key(partition_of(&event.conversation.key(), names.partitions));
        let props = event_properties(&event, Default::default()).with_delivery_mode(2);
        let opts = BasicPublishOptions {
            mandatory: true,
            ..Default::default()
        };
        let confirm = ch
            .basic_publish(
                exchange.as_str().into(),
                key.as_str().into(),
                opts,
                &body,
                props,
            )
            .await?;
        inflight.push(confirm);
        if inflight.len() >= 64 {
            let c = inflight.next().await.expect("in flight")?;
            anyhow::ensure!(c.is_ack(), "baseline publish nacked");
        }
    }
    while let Some(c) = inflight.next().await {
        anyhow::ensure!(c?.is_ack(), "baseline publish nacked");
    }
    let rate = n as f64 / started.elapsed().as_secs_f64();
    conn.close(200, "done".into()).await?;
    Ok(rate)
}

async fn preload(config: &Config, events: usize, convs: usize) -> anyhow::Result<()> {
    let publisher =
        baton_shared::amqp::Publisher::connect(&config.infra, "baton-bench-preload", 4).await?;
    let mut inflight = FuturesUnordered::new();
    for i in 0..events {
        let p = publisher.clone();
        inflight.push(async move {
            p.publish_event(&sample_event(i, convs), Default::default())
                .await
        });
        if inflight.len() >= 256 {
            inflight.next().await.expect("in flight")?;
        }
    }
    while let Some(r) = inflight.next().await {
        r?;
    }
    publisher.close().await;
    Ok(())
}

fn sibling_bin(name: &str) -> PathBuf {
    worker_bin().with_file_name(name)
}

pub(crate) fn spawn_ingress(env: &TestEnv) -> anyhow::Result<(Child, String)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let child = Command::new(sibling_bin("ingress"))
        .envs(env.vars())
        .env("INGRESS_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()?;
    let url = format!("http://127.0.0.1:{port}");
    wait_ready(&url)?;
    Ok((child, url))
}

/// Latencies (µs) and errors of a load run.
struct LoadResult {
    latencies_us: Vec<u64>,
    errors: usize,
    elapsed: Duration,
}

impl LoadResult {
    fn throughput(&self) -> f64 {
        self.latencies_us.len() as f64 / self.elapsed.as_secs_f64()
    }
    fn pct(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return 0.0;
        }
        let i = ((self.latencies_us.len() as f64 - 1.0) * p).round() as usize;
        self.latencies_us[i] as f64 / 1000.0
    }
    fn row(&self, name: &str, rss_mb: f64) {
        let over = self.latencies_us.iter().filter(|l| **l > 1_000_000).count();
        println!(
            "| {name} | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} | {over} | {} | {rss_mb:.1} |",
            self.throughput(),
            self.pct(0.5),
            self.pct(0.99),
            self.pct(0.999),
            self.pct(1.0),
            self.errors
        );
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(1024)
        .build()
        .expect("client")
}

async fn post(client: &reqwest::Client, url: &str, i: usize) -> Result<u64, ()> {
    let body = webhooks::text(
        "300",
        &format!("5511{:06}", i % 1000),
        &format!("wamid.LOAD{i}"),
        "Hi, my order #ORD-22 hasn't arrived yet, can you check?",
    );
    post_signed(client, url, body).await
}

/// Posts `body` signed like Meta; returns the latency in µs when ingress answered 2xx.
pub(crate) async fn post_signed(
    client: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
) -> Result<u64, ()> {
    let sig = baton_ingress::verify::sign(SECRET, &body);
    let started = Instant::now();
    let r = client
        .post(format!("{url}/webhook/whatsapp"))
        .header("x-hub-signature-256", sig)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await;
    match r {
        Ok(r) if r.status().is_success() => Ok(started.elapsed().as_micros() as u64),
        _ => Err(()),
    }
}

async fn closed_loop(url: &str, concurrency: usize, duration: Duration) -> LoadResult {
    let client = client();
    let results = Arc::new(Mutex::new((Vec::new(), 0usize)));
    let counter = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, url, results, counter) = (
            client.clone(),
            url.to_owned(),
            results.clone(),
            counter.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut local = Vec::new();
            let mut errors = 0;
            while started.elapsed() < duration {
                let i = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                match post(&client, &url, i).await {
                    Ok(us) => local.push(us),
                    Err(()) => errors += 1,
                }
            }
            let mut r = results.lock().await;
            r.0.extend(local);
            r.1 += errors;
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed();
    let (mut latencies_us, errors) = std::mem::take(&mut *results.lock().await);
    latencies_us.sort_unstable();
    LoadResult {
        latencies_us,
        errors,
        elapsed,
    }
}

async fn open_loop(url: &str, rate: u64, duration: Duration) -> LoadResult {
    let client = client();
    let mut ticker = tokio::time::interval(Duration::from_nanos(1_000_000_000 / rate.max(1)));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    let mut tasks = Vec::new();
    let mut i = 10_000_000;
    while started.elapsed() < duration {
        ticker.tick().await;
        let (client, url) = (client.clone(), url.to_owned());
        i += 1;
        tasks.push(tokio::spawn(async move { post(&client, &url, i).await }));
    }
    let mut latencies_us = Vec::new();
    let mut errors = 0;
    for t in tasks {
        match t.await {
            Ok(Ok(us)) => latencies_us.push(us),
            _ => errors += 1,
        }
    }
    latencies_us.sort_unstable();
    LoadResult {
        latencies_us,
        errors,
        elapsed: started.elapsed(),
    }
}

/// Samples a process's resident set size every 50 ms.
pub(crate) struct RssSampler {
    peak_kb: Arc<std::sync::atomic::AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl RssSampler {
    pub(crate) fn start(pid: u32) -> Self {
        let peak_kb = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let p = peak_kb.clone();
        let task = tokio::spawn(async move {
            loop {
                if let Some(kb) = rss_kb(pid) {
                    p.fetch_max(kb, std::sync::atomic::Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        });
        RssSampler { peak_kb, task }
    }
    pub(crate) async fn peak_mb(self) -> f64 {
        self.task.abort();
        self.peak_kb.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1024.0
    }
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn num_cpus() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

fn mem_total() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| format!("{:.1} GiB RAM", kb as f64 / 1024.0 / 1024.0))
        .unwrap_or_default()
}

fn chrono_like_now() -> String {
    let out = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%dT%H:%M:%SZ")
        .output();
    out.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// Waits until ingress answers `/readyz` with 200 (up to 30 s).
fn wait_ready(url: &str) -> anyhow::Result<()> {
    use std::io::{Read, Write};
    let until = Instant::now() + Duration::from_secs(30);
    let addr = url.trim_start_matches("http://").to_owned();
    while Instant::now() < until {
        if let Ok(mut s) = std::net::TcpStream::connect(&addr) {
            let _ = s.write_all(b"GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            let mut buf = String::new();
            let _ = s.read_to_string(&mut buf);
            if buf.starts_with("HTTP/1.1 200") {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    anyhow::bail!("ingress did not become ready at {url}")
}
