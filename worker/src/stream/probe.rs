//! The probe: a test and benchmark hook, enabled only with `BATON_PROBE=true`.
//!
//! Appends one entry per processed event to the Redis stream `{ns}:probe` (event id,
//! conversation, worker, partition, attempt, start and end times) so tests can check order,
//! exclusivity and completeness from outside the worker processes, and benchmarks can count
//! throughput. It also honours fault markers in a text message's body:
//!
//! | marker | effect |
//! |---|---|
//! | `#probe:sleep:<ms>` | sleeps that long (a slow step), before any fault below |
//! | `#probe:transient:<n>` | fails transiently on the first `n` runs of this event |
//! | `#probe:panic` | panics while the key `{ns}:probe-broken` exists (a poison message) |
//! | `#probe:firstpanic` | panics on the first run of this event only |
//! | `#probe:permanent` | fails permanently while `{ns}:probe-broken` exists |
//! | `#probe:crash` | aborts the whole process the first time it sees this event |
//!
//! `BATON_PROBE_SLEEP` adds a fixed sleep to every event (benchmarks of slow steps).

use std::time::Duration;

use baton_shared::event::{Event, now_ms};
use futures::FutureExt;
use futures::future::BoxFuture;
use redis;

use crate::pipeline::{Step, StepCx, StepError};

pub struct Probe {
    pub sleep: Duration,
}

fn marker<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let tag = format!("#probe:{name}");
    let at = text.find(&tag)? + tag.len();
    let rest = &text[at..];
    Some(
        rest.strip_prefix(':')
            .map_or("", |r| r.split_whitespace().next().unwrap_or("")),
    )
}

impl Step for Probe {
    fn name(&self) -> &'static str {
        "probe"
    }

    fn run<'a>(&'a self, cx: &'a StepCx, event: &'a Event) -> BoxFuture<'a, Result<(), StepError>> {
        async move {
            let started = now_ms();
            let text = event.text().unwrap_or("");
            let mut sleep = self.sleep;
            if let Some(ms) = marker(text, "sleep").and_then(|v| v.parse::<u64>().ok()) {
                sleep += Duration::from_millis(ms);
            }
            if !sleep.is_zero() {
                tokio::time::sleep(sleep).await;
            }
            faults(cx, event, text).await?;
            if cx.fenced() {
                return Err(StepError::Transient("lease lost".into()));
            }
            let mut conn = cx.redis.get().await?;
            redis::cmd("XADD")
                .arg(cx.keys.probe())
                .arg("*")
                .arg(&[
                    ("event", event.id.clone()),
                    ("conversation", event.conversation.key()),
                    ("kind", event.kind.as_str().to_owned()),
                    ("text", text.to_owned()),
                    ("worker", cx.worker_id.clone()),
                    ("partition", cx.partition.to_string()),
                    ("attempt", cx.attempt.to_string()),
                    (
                        "trace_id",
                        baton_shared::telemetry::trace_id(&tracing::Span::current()),
                    ),
                    ("start_ms", started.to_string()),
                    ("end_ms", now_ms().to_string()),
                ])
                .query_async::<String>(&mut *conn)
                .await
                .map_err(baton_shared::redis::RedisError::from)?;
            Ok(())
        }
        .boxed()
    }
}

async fn faults(cx: &StepCx, event: &Event, text: &str) -> Result<(), StepError> {
    if !text.contains("#probe:") {
        return Ok(());
    }
    let mut conn = cx.redis.get().await?;
    let runs_key = cx.keys.probe_runs(&event.id);
    let runs: i64 = redis::cmd("INCR")
        .arg(&runs_key)
        .query_async(&mut *conn)
        .await
        .map_err(baton_shared::redis::RedisError::from)?;
    let broken: bool = redis::cmd("EXISTS")
        .arg(cx.keys.probe_broken())
        .query_async(&mut *conn)
        .await
        .map_err(baton_shared::redis::RedisError::from)?;
    if marker(text, "crash").is_some() && runs == 1 {
        tracing::error!(event = %event.id, "probe: aborting the process as asked");
        std::process::abort();
    }
    if broken && marker(text, "panic").is_some() {
        panic!("probe: poison message {}", event.id);
    }
    if marker(text, "firstpanic").is_some() && runs == 1 {
        panic!("probe: first run of {}", event.id);
    }
    if broken && marker(text, "permanent").is_some() {
        return Err(StepError::Permanent("probe: permanent failure".into()));
    }
    if let Some(n) = marker(text, "transient").and_then(|v| v.parse::<i64>().ok())
        && runs <= n
    {
        return Err(StepError::Transient(format!(
            "probe: transient failure {runs}/{n}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::marker;

    #[test]
    fn markers_parse() {
        assert_eq!(marker("hi #probe:sleep:250 there", "sleep"), Some("250"));
        assert_eq!(marker("#probe:panic", "panic"), Some(""));
        assert_eq!(marker("plain text", "panic"), None);
    }
}
