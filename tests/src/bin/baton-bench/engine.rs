//! Conversation-engine benchmark: fake LLM answering in 1 s, instant fake Graph, local memory
//! (`BATON_BENCH_MEMORY=synap`: the fake Synap API instead, as in production, where memory is
//! HTTP and not Redis).
//!
//! Before the workers start, a floor: the same paced webhooks through the same ingress and
//! partition queues to a bare consumer in the bench process (POST start → delivery), the part
//! of the overhead that is ingress, the broker and the machine, not the worker.
//!
//! Two runs per worker count: (1) overhead — one message per conversation offered at a steady
//! rate below capacity; for each message, the time from the start of the webhook POST to the
//! fake Graph receiving the reply, minus the LLM's 1 s, is Baton's own overhead (ingress,
//! broker, worker, Redis, memory queue); (2) throughput — two messages per conversation sent
//! as fast as possible; messages answered per second (a message counts as answered when it or
//! a later message of its conversation is: burst coalescing answers both with one turn) and
//! model turns per second.
//!
//! Redis cost, from the server's `INFO commandstats` (every command, those run inside Lua
//! scripts included): commands per idle worker-second (workers started, partitions held, no
//! traffic, 10 s) and commands per answered message in the overhead run, net of the idle
//! workers' background over the same time. The Redis server must serve nothing else meanwhile.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use baton_tests::fakes::graph::FakeGraph;
use baton_tests::fakes::llm::{FakeLlm, Scripted};
use baton_tests::fakes::synap::FakeSynap;
use baton_tests::{TestEnv, webhooks};
use futures::StreamExt;
use futures::stream::FuturesUnordered;

use crate::{RssSampler, post_signed, spawn_ingress};

const LLM_LATENCY: Duration = Duration::from_secs(1);

pub async fn benchmarks(conversations: usize, rate: u64) -> anyhow::Result<()> {
    let memory = if synap_memory() {
        "fake Synap memory"
    } else {
        "local memory"
    };
    println!("\n## Conversation engine (fake LLM 1 s, instant fake Graph, {memory})\n");
    println!(
        "| workers | run | messages | conversations | answered/s | model turns/s | overhead p50 ms | overhead p99 ms | Redis commands | worker peak RSS MB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for workers in [1, 2] {
        run(workers, conversations, rate).await?;
    }
    println!("\n(overhead = webhook POST start → Graph send call, minus the LLM's 1 s.)");
    Ok(())
}

/// `BATON_BENCH_MEMORY=synap`: memory through the fake Synap API instead of the local backend.
fn synap_memory() -> bool {
    std::env::var("BATON_BENCH_MEMORY").is_ok_and(|m| m == "synap")
}

async fn run(workers: usize, conversations: usize, rate: u64) -> anyhow::Result<()> {
    let graph = FakeGraph::start("bench-token").await;
    let llm = FakeLlm::start().await;
    llm.set_latency(LLM_LATENCY);
    llm.set_fallback(|_| Scripted::Reply("Yes, we're open today from 9 to 18.".into()));
    let mut env = TestEnv::new("bench-engine");
    // The fake Graph has no limit: the number's send rate is set above any offered load, so
    // the runs measure Baton's own cost, not a Meta throughput tier (the default 80/s would
    // queue a 100/s run). `BATON_BENCH_SEND_RATE` overrides it.
    let send_rate = std::env::var("BATON_BENCH_SEND_RATE").unwrap_or_else(|_| "1000".into());
    env.set("GRAPH_SEND_RATE", &send_rate);
    env.set("BATON_CONVERSATION", "true")
        .set("BATON_PROBE", "false")
        .set("BATON_PARTITIONS", "16")
        .set("RUST_LOG", "warn")
        .set("WORKER_HEARTBEAT", "1s")
        .set("WORKER_LEASE_TTL", "6s")
        .set("WABA_ACCESS_TOKEN", "bench-token")
        .set("WABA_API_BASE_URL", &graph.url)
        .set("OPENAI_BASE_URL", &llm.base_url)
        .set("LLM_TIMEOUT", "10s");
    let _synap = if synap_memory() {
        let synap = FakeSynap::start("bench-synap-key", false).await;
        env.set("SYNAP_API_KEY", "bench-synap-key")
            .set("SYNAP_BASE_URL", &synap.url)
            .set("CUSTOMER_ID", "bench");
        Some(synap)
    } else {
        None
    };
    let (mut ingress, url) = spawn_ingress(&env)?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()?;
    // The floor first, on the same ingress and queues, before any worker consumes them.
    floor(&env, &client, &url, workers, conversations, rate).await?;
    let mut samplers = Vec::new();
    for _ in 0..workers {
        let n = env.spawn_worker(&[]);
        samplers.push(env.worker(n).pid());
    }
    let samplers: Vec<RssSampler> = samplers.into_iter().map(RssSampler::start).collect();
    tokio::time::sleep(Duration::from_secs(3)).await; // partitions acquired
    let idle_window = Duration::from_secs(10);
    let idle_start = redis_calls(&env).await?;
    tokio::time::sleep(idle_window).await;
    let idle = (redis_calls(&env).await? - idle_start) as f64;
    let idle_per_worker_s = idle / workers as f64 / idle_window.as_secs_f64();
    println!(
        "| {workers} | idle, {} s | | | | | | | {idle_per_worker_s:.1} per worker-second | |",
        idle_window.as_secs()
    );

    let by_command_before = redis_calls_by_command(&env).await?;
    let calls_before: u64 = by_command_before.values().sum();
    let run_started = Instant::now();
    let (sent, webhook_ms) = send_paced(&client, &url, "A", conversations, rate).await;
    let answered = wait_answers(&graph, &sent, Duration::from_secs(120)).await;
    // Let the memory queue's writes for these messages land too.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let by_command_after = redis_calls_by_command(&env).await?;
    let calls = (by_command_after.values().sum::<u64>() - calls_before) as f64;
    let background = idle_per_worker_s * workers as f64 * run_started.elapsed().as_secs_f64();
    let per_message = (calls - background) / answered.len().max(1) as f64;
    let rate_seen = per_second(&sent, &answered);
    let mut overhead: Vec<f64> = answered
        .iter()
        .filter_map(|(id, at)| {
            sent.get(id)
                .map(|t0| at.duration_since(*t0).as_secs_f64() * 1000.0 - 1000.0)
        })
        .collect();
    overhead.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| percentile(&overhead, p);
    println!(
        "| {workers} | overhead, {rate} msg/s offered | {} | {conversations} | {:.0} | | {:.1} | {:.1} | {per_message:.1} per answered message | |",
        sent.len(),
        rate_seen,
        pct(0.5),
        pct(0.99)
    );

    println!(
        "\nWhere the overhead went (medians), first messages ({workers} worker(s)): {}",
        stages(&sent, &webhook_ms, &answered, &llm.requests_at(), pct(0.99))
    );
    println!(
        "\nRedis commands per answered message by command, first message of a conversation ({workers} worker(s)): {}\n",
        breakdown(&by_command_before, &by_command_after, answered.len())
    );
    follow_up(
        &env,
        &client,
        &url,
        &graph,
        conversations,
        rate,
        idle_per_worker_s * workers as f64,
    )
    .await?;
    let calls_before_burst = llm.requests().len();
    let burst = send_burst(&client, &url, "B", conversations).await;
    let answered = wait_answers(&graph, &burst, Duration::from_secs(180)).await;
    let turns = llm.requests().len() - calls_before_burst;
    anyhow::ensure!(
        answered.len() == burst.len() && turns >= conversations,
        "every message must get an AI answer ({} of {}, {turns} model calls)",
        answered.len(),
        burst.len(),
    );
    let mut peak: f64 = 0.0;
    for s in samplers {
        peak = peak.max(s.peak_mb().await);
    }
    println!(
        "| {workers} | throughput, 2 per conversation at once | {} | {conversations} | {:.0} | {:.0} | | | | {peak:.1} |",
        burst.len(),
        per_second(&burst, &answered),
        turns as f64 * per_second(&burst, &answered) / answered.len().max(1) as f64
    );
    let _ = ingress.kill();
    let _ = ingress.wait();
    env.cleanup().await;
    Ok(())
}

/// The floor under the overhead's "before" part: the same webhooks, paced the same way, through
/// the same ingress and partition queues to a bare consumer in this process (a channel per
/// partition, prefetch 64, acking on receipt) instead of a worker. POST start → delivery is
/// what ingress, the broker and the machine cost before any of the worker's own work.
async fn floor(
    env: &TestEnv,
    client: &reqwest::Client,
    url: &str,
    workers: usize,
    conversations: usize,
    rate: u64,
) -> anyhow::Result<()> {
    use lapin::options::{BasicAckOptions, BasicConsumeOptions, BasicQosOptions};
    let config = env.config();
    let names = env.names();
    let conn = baton_shared::amqp::connect(&config.infra.amqp_url, "baton-bench-floor").await?;
    let delivered: std::sync::Arc<std::sync::Mutex<HashMap<String, Instant>>> = Default::default();
    for p in 0..config.infra.partitions {
        let ch = conn.create_channel().await?;
        ch.basic_qos(64, BasicQosOptions::default()).await?;
        let mut consumer = ch
            .basic_consume(
                names.partition_queue(p).as_str().into(),
                "bench-floor".into(),
                BasicConsumeOptions::default(),
                lapin::types::FieldTable::default(),
            )
            .await?;
        let delivered = delivered.clone();
        tokio::spawn(async move {
            while let Some(Ok(d)) = consumer.next().await {
                let at = Instant::now();
                if let Ok(ev) = serde_json::from_slice::<serde_json::Value>(&d.data)
                    && let Some(id) = ev["id"].as_str()
                {
                    delivered.lock().unwrap().insert(id.to_owned(), at);
                }
                let _ = d.ack(BasicAckOptions::default()).await;
            }
        });
    }
    let (sent, _) = send_paced(client, url, "Z", conversations, rate).await;
    let until = Instant::now() + Duration::from_secs(60);
    while delivered.lock().unwrap().len() < sent.len() && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = conn.close(200, "floor measured".into()).await;
    let delivered = delivered.lock().unwrap().clone();
    let mut ms: Vec<f64> = sent
        .iter()
        .filter_map(|(id, t0)| {
            delivered
                .get(id)
                .map(|at| at.duration_since(*t0).as_secs_f64() * 1000.0)
        })
        .collect();
    anyhow::ensure!(
        ms.len() == sent.len(),
        "the floor run lost messages: {} of {} delivered",
        ms.len(),
        sent.len()
    );
    ms.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| percentile(&ms, p);
    println!(
        "| {workers} | floor: the same webhooks to a bare consumer, {rate} msg/s | {} | {conversations} | | | {:.1} | {:.1} | | |",
        sent.len(),
        pct(0.5),
        pct(0.99)
    );
    Ok(())
}

/// The `p` quantile (0..=1) of ascending `sorted` values, nearest rank; NaN when empty.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 - 1.0) * p).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

/// One more message per conversation, paced like the overhead run: the Redis commands of an
/// answered message in a conversation Baton already knows (no first-contact registration).
async fn follow_up(
    env: &TestEnv,
    client: &reqwest::Client,
    url: &str,
    graph: &FakeGraph,
    conversations: usize,
    rate: u64,
    background_per_s: f64,
) -> anyhow::Result<()> {
    let before = redis_calls_by_command(env).await?;
    let started = Instant::now();
    let (sent, _) = send_paced(client, url, "F", conversations, rate).await;
    let answered = wait_answers(graph, &sent, Duration::from_secs(120)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = redis_calls_by_command(env).await?;
    let calls = (after.values().sum::<u64>() - before.values().sum::<u64>()) as f64;
    let per_message =
        (calls - background_per_s * started.elapsed().as_secs_f64()) / answered.len().max(1) as f64;
    println!(
        "| | follow-up, one more per conversation, {rate} msg/s | {} | {conversations} | | | | | {per_message:.1} per answered message | |",
        sent.len()
    );
    println!(
        "\nRedis commands per answered follow-up message by command: {}\n",
        breakdown(&before, &after, answered.len())
    );
    Ok(())
}

/// Answers per second from the first webhook to the last answer.
fn per_second(sent: &HashMap<String, Instant>, answered: &HashMap<String, Instant>) -> f64 {
    let first = sent.values().min().copied();
    let last = answered.values().max().copied();
    match (first, last) {
        (Some(f), Some(l)) if l > f => answered.len() as f64 / l.duration_since(f).as_secs_f64(),
        _ => 0.0,
    }
}

/// Different questions per message, so the repeated-message detector (a customer saying the
/// same thing again hands off without the LLM) does not short-circuit the benchmark.
const QUESTIONS: [&str; 4] = [
    "Hi, is the store open today?",
    "Do you have the blue lamp in stock?",
    "How long does delivery to Porto take?",
    "Can I pay by bank transfer?",
];

fn body(tag: &str, conv: usize, seq: usize) -> (String, Vec<u8>) {
    let id = format!("wamid.E{tag}-{conv}-{seq}");
    // Every message of a conversation asks something else (A, then F, then B's two).
    let phase = match tag {
        "A" => 0,
        "F" => 1,
        _ => 2 + seq,
    };
    // The reference makes each model request traceable to its message ([`stages`]).
    let text = format!(
        "{} (ref {})",
        QUESTIONS[phase % QUESTIONS.len()],
        ref_of(&id)
    );
    (
        id.clone(),
        webhooks::text("300", &format!("5512{conv:06}"), &id, &text),
    )
}

/// The reference a message's text carries: its id without the `wamid.E` prefix.
fn ref_of(id: &str) -> &str {
    id.trim_start_matches("wamid.E")
}

/// Where the time of the slowest 1% went, against the median: for every answered message of
/// the run whose model request names it, POST start → model request ("before": ingress, the
/// broker, admission, the claim, recording, state and memory reads, the detectors), of which
/// the webhook's own answer (POST start → 200: verification and the confirmed publish), and
/// model request + the model's latency → Graph send ("after": the answer's way back, the
/// journal, pacing, the owner check, the send). Medians of each part over the slow ones and
/// over all.
fn stages(
    sent: &HashMap<String, Instant>,
    webhook_ms: &HashMap<String, f64>,
    answered: &HashMap<String, Instant>,
    llm: &[(Instant, serde_json::Value)],
    slow_from_ms: f64,
) -> String {
    let mut asked: HashMap<String, Instant> = HashMap::new();
    for (at, body) in llm {
        let Some(messages) = body["messages"].as_array() else {
            continue;
        };
        for m in messages.iter().filter(|m| m["role"] == "user") {
            let text = m["content"].as_str().unwrap_or_default();
            if let Some(r) = text
                .rsplit_once("(ref ")
                .and_then(|(_, r)| r.strip_suffix(')'))
            {
                asked.entry(r.to_owned()).or_insert(*at);
            }
        }
    }
    type Parts = (f64, f64, f64);
    let (mut all, mut slow): (Vec<Parts>, Vec<Parts>) = (Vec::new(), Vec::new());
    for (id, t0) in sent {
        let (Some(done), Some(ask), Some(hook)) =
            (answered.get(id), asked.get(ref_of(id)), webhook_ms.get(id))
        else {
            continue;
        };
        let before = ask.duration_since(*t0).as_secs_f64() * 1000.0;
        let after =
            done.duration_since(*ask).as_secs_f64() * 1000.0 - LLM_LATENCY.as_secs_f64() * 1000.0;
        all.push((before, *hook, after));
        if before + after >= slow_from_ms {
            slow.push((before, *hook, after));
        }
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let split = |v: &[Parts]| {
        format!(
            "before {:.1} ms (webhook answered in {:.1} ms), after {:.1} ms",
            median(v.iter().map(|p| p.0).collect()),
            median(v.iter().map(|p| p.1).collect()),
            median(v.iter().map(|p| p.2).collect())
        )
    };
    format!(
        "{} traced; all: {}; the {} at or above p99: {}",
        all.len(),
        split(&all),
        slow.len(),
        split(&slow)
    )
}

async fn post(client: &reqwest::Client, url: &str, body: Vec<u8>) {
    let _ = post_signed(client, url, body).await;
}

/// One message per conversation at `rate` per second; returns id → POST start.
async fn send_paced(
    client: &reqwest::Client,
    url: &str,
    tag: &str,
    convs: usize,
    rate: u64,
) -> (HashMap<String, Instant>, HashMap<String, f64>) {
    let mut ticker = tokio::time::interval(Duration::from_nanos(1_000_000_000 / rate.max(1)));
    let mut sent = HashMap::new();
    let mut webhook_ms = HashMap::new();
    let mut inflight = FuturesUnordered::new();
    let timed = |id: String, b: Vec<u8>| async move {
        let started = Instant::now();
        let ok = post_signed(client, url, b).await.is_ok();
        (id, ok.then(|| started.elapsed().as_secs_f64() * 1000.0))
    };
    for c in 0..convs {
        ticker.tick().await;
        let (id, b) = body(tag, c, 0);
        sent.insert(id.clone(), Instant::now());
        inflight.push(timed(id, b));
        while let std::task::Poll::Ready(Some((id, ms))) = futures::poll!(inflight.next()) {
            if let Some(ms) = ms {
                webhook_ms.insert(id, ms);
            }
        }
    }
    while let Some((id, ms)) = inflight.next().await {
        if let Some(ms) = ms {
            webhook_ms.insert(id, ms);
        }
    }
    (sent, webhook_ms)
}

/// Two messages per conversation, 64 requests in flight; returns id → POST start.
async fn send_burst(
    client: &reqwest::Client,
    url: &str,
    tag: &str,
    convs: usize,
) -> HashMap<String, Instant> {
    let mut sent = HashMap::new();
    let mut inflight = FuturesUnordered::new();
    for seq in 0..2 {
        for c in 0..convs {
            let (id, b) = body(tag, c, seq);
            sent.insert(id, Instant::now());
            inflight.push(post(client, url, b));
            if inflight.len() >= 64 {
                inflight.next().await;
            }
        }
    }
    while inflight.next().await.is_some() {}
    sent
}

/// Waits until every id in `sent` was answered; returns id → when Graph got the reply. A
/// reply to message `seq` of a conversation answers its earlier messages too (a burst).
async fn wait_answers(
    graph: &FakeGraph,
    sent: &HashMap<String, Instant>,
    timeout: Duration,
) -> HashMap<String, Instant> {
    let until = Instant::now() + timeout;
    loop {
        let mut answered: HashMap<String, Instant> = HashMap::new();
        for r in graph.requests().into_iter().filter(|r| r.kind == "text") {
            let Some(id) = r.body["biz_opaque_callback_data"].as_str() else {
                continue;
            };
            let Some((conv, seq)) = id.rsplit_once('-') else {
                continue;
            };
            let seq: usize = seq.parse().unwrap_or(0);
            for earlier in 0..=seq {
                let key = format!("{conv}-{earlier}");
                if sent.contains_key(&key) {
                    answered.entry(key).or_insert(r.at);
                }
            }
        }
        if answered.len() >= sent.len() || Instant::now() > until {
            return answered;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Commands the Redis server has run so far (every command, inside scripts too), less the
/// `INFO` calls this function makes.
async fn redis_calls(env: &TestEnv) -> anyhow::Result<u64> {
    Ok(redis_calls_by_command(env).await?.values().sum())
}

/// [`redis_calls`] by command name.
async fn redis_calls_by_command(env: &TestEnv) -> anyhow::Result<HashMap<String, u64>> {
    let mut c = env.redis.get().await?;
    let info: String = redis::cmd("INFO")
        .arg("commandstats")
        .query_async(&mut *c)
        .await?;
    Ok(info
        .lines()
        .filter(|l| l.starts_with("cmdstat_") && !l.starts_with("cmdstat_info:"))
        .filter_map(|l| {
            let (name, rest) = l.trim_start_matches("cmdstat_").split_once(':')?;
            let calls = rest
                .split_once("calls=")?
                .1
                .split(',')
                .next()?
                .parse()
                .ok()?;
            Some((name.to_uppercase(), calls))
        })
        .collect())
}

/// Per-message commands by name between two snapshots, largest first (idle background
/// included: it is small next to a run's traffic and printed separately).
fn breakdown(
    before: &HashMap<String, u64>,
    after: &HashMap<String, u64>,
    messages: usize,
) -> String {
    let mut rows: Vec<(String, f64)> = after
        .iter()
        .map(|(k, v)| (k.clone(), (v - before.get(k).copied().unwrap_or(0)) as f64))
        .filter(|(_, d)| *d > 0.0)
        .map(|(k, d)| (k, d / messages.max(1) as f64))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    rows.iter()
        .map(|(k, v)| format!("{k} {v:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}
