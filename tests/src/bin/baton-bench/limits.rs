//! Sending under Meta's throughput limit: N customers write at once, the fake LLM answers
//! instantly, and the fake Graph API refuses sends with 130429 past `limit` per second (any
//! one-second window). Measured per run: the time from the first webhook POST to the last
//! reply Graph accepted, and the refused attempts. One run per `GRAPH_SEND_RATE` value and
//! repetition, then the medians; workers share one bucket through Redis.

use std::time::{Duration, Instant};

use baton_tests::fakes::graph::FakeGraph;
use baton_tests::fakes::llm::{FakeLlm, Scripted};
use baton_tests::{TestEnv, webhooks};
use futures::StreamExt;
use futures::stream::FuturesUnordered;

use crate::{post_signed, spawn_ingress};

/// What to measure.
pub struct Plan<'a> {
    pub replies: usize,
    /// The fake Graph's limit (sends per second).
    pub limit: usize,
    /// `GRAPH_SEND_RATE` values, one series each.
    pub rates: &'a [String],
    pub workers: usize,
    pub runs: usize,
}

pub async fn benchmarks(plan: &Plan<'_>) -> anyhow::Result<()> {
    println!(
        "\n## Sends under a throughput limit ({} replies, fake Graph refusing past {}/s, {} worker(s), instant fake LLM)\n",
        plan.replies, plan.limit, plan.workers
    );
    println!("| GRAPH_SEND_RATE | run | seconds | refused attempts (130429) | per reply |");
    println!("|---|---|---|---|---|");
    for rate in plan.rates {
        let mut secs = Vec::new();
        let mut refused = Vec::new();
        for n in 1..=plan.runs {
            let (s, r) = run(plan, rate).await?;
            println!(
                "| {rate} | {n} | {s:.1} | {r} | {:.2} |",
                r as f64 / plan.replies as f64
            );
            secs.push(s);
            refused.push(r as f64);
        }
        println!(
            "| **{rate}** | **median** | **{:.1}** | **{:.0}** | **{:.2}** |",
            median(&mut secs),
            median(&mut refused),
            median(&mut refused) / plan.replies as f64
        );
    }
    println!(
        "\n(ideal: {} replies at {}/s take {:.1} s.)",
        plan.replies,
        plan.limit,
        plan.replies as f64 / plan.limit as f64
    );
    Ok(())
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// One run: (seconds from the first POST to the last accepted reply, refused attempts).
async fn run(plan: &Plan<'_>, rate: &str) -> anyhow::Result<(f64, usize)> {
    let graph = FakeGraph::start("bench-token").await;
    graph.set_throughput(Some(plan.limit));
    let llm = FakeLlm::start().await;
    llm.set_fallback(|_| Scripted::Reply("Yes, we're open today from 9 to 18.".into()));
    let mut env = TestEnv::new("bench-limits");
    env.set("BATON_CONVERSATION", "true")
        .set("BATON_PROBE", "false")
        .set("BATON_PARTITIONS", "16")
        .set("BATON_RETRY_TIERS", "1s,5s,30s")
        .set("RUST_LOG", "warn")
        .set("WORKER_HEARTBEAT", "1s")
        .set("WORKER_LEASE_TTL", "6s")
        .set("WABA_ACCESS_TOKEN", "bench-token")
        .set("WABA_API_BASE_URL", &graph.url)
        .set("OPENAI_BASE_URL", &llm.base_url)
        .set("GRAPH_SEND_RATE", rate);
    let (mut ingress, url) = spawn_ingress(&env)?;
    for _ in 0..plan.workers {
        env.spawn_worker(&[]);
    }
    tokio::time::sleep(Duration::from_secs(4)).await; // partitions acquired
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()?;
    let started = Instant::now();
    let mut inflight = FuturesUnordered::new();
    for c in 0..plan.replies {
        let id = format!("wamid.LIM-{c}");
        let body = webhooks::text("300", &format!("5513{c:06}"), &id, "Are you open today?");
        inflight.push(post_signed(&client, &url, body));
        if inflight.len() >= 64 {
            inflight.next().await;
        }
    }
    while inflight.next().await.is_some() {}
    let accepted = |g: &FakeGraph| {
        g.requests()
            .into_iter()
            .filter(|r| r.kind == "text" && r.failed_with.is_none())
            .map(|r| r.at)
            .collect::<Vec<_>>()
    };
    let until = Instant::now() + Duration::from_secs(300);
    while accepted(&graph).len() < plan.replies && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let done = accepted(&graph);
    anyhow::ensure!(
        done.len() >= plan.replies,
        "only {} of {} replies were sent",
        done.len(),
        plan.replies
    );
    let last = done.iter().max().copied().unwrap_or(started);
    let refused = graph.refused_with(130429);
    let _ = ingress.kill();
    let _ = ingress.wait();
    env.cleanup().await;
    Ok((last.duration_since(started).as_secs_f64(), refused))
}
