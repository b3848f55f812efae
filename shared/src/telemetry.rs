//! Logs, traces and metrics.
//!
//! - Logs: `tracing` with an env filter (`RUST_LOG`, default `info`), to stdout: JSON when
//!   stdout is not a terminal (containers) and readable text in a terminal;
//!   `BATON_LOG_FORMAT=json|text` forces either. Never log secrets or message text at info
//!   level; phone numbers and customer ids go through [`mask`] (the integration test
//!   `ops::logs_keep_phone_numbers_text_and_secrets_out` checks a whole conversation).
//! - Traces: every process runs an OpenTelemetry tracer so spans have W3C ids that travel in
//!   AMQP headers (`traceparent`/`tracestate`); spans are *exported* over OTLP/HTTP only when
//!   `OTEL_EXPORTER_OTLP_ENDPOINT` is set. An exporter failure is logged by the SDK and never
//!   affects request handling.
//! - Metrics: the `metrics` facade with a Prometheus recorder installed once per process
//!   (tests start several apps in one process and share it).

use std::io::IsTerminal;
use std::sync::OnceLock;

use lapin::types::{AMQPValue, FieldTable, ShortString};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use opentelemetry::propagation::{Extractor, Injector, TextMapPropagator};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::{EnvFilter, Layer, layer::SubscriberExt, util::SubscriberInitExt};

/// Keeps the tracer provider alive; flushes spans when dropped.
pub struct TelemetryGuard {
    provider: SdkTracerProvider,
}

impl Drop for TelemetryGuard {
    fn drop(&mut self) {
        let _ = self.provider.shutdown();
    }
}

/// Installs logging and tracing for a binary. Call once, from `main`.
pub fn init(service: &'static str) -> anyhow::Result<TelemetryGuard> {
    let mut builder = SdkTracerProvider::builder().with_resource(
        opentelemetry_sdk::Resource::builder()
            .with_service_name(service)
            .build(),
    );
    if std::env::var_os("OTEL_EXPORTER_OTLP_ENDPOINT").is_some_and(|v| !v.is_empty()) {
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .build()?;
        builder = builder.with_batch_exporter(exporter);
    }
    let provider = builder.build();
    let tracer = provider.tracer(service);
    opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());
    // Spans reach the tracer at info level whatever RUST_LOG says about logs, so trace
    // context keeps flowing when logs are turned down.
    let otel = tracing_opentelemetry::layer()
        .with_tracer(tracer)
        .with_filter(LevelFilter::INFO);
    let registry = tracing_subscriber::registry().with(otel);
    let format = std::env::var("BATON_LOG_FORMAT").unwrap_or_default();
    if log_as_json(&format, std::io::stdout().is_terminal())? {
        let fmt = tracing_subscriber::fmt::layer()
            .json()
            .with_filter(log_filter());
        registry.with(fmt).try_init()?;
    } else {
        let fmt = tracing_subscriber::fmt::layer().with_filter(log_filter());
        registry.with(fmt).try_init()?;
    }
    Ok(TelemetryGuard { provider })
}

/// Whether logs are JSON: `BATON_LOG_FORMAT=json` or `text` decides; unset (or empty), logs
/// are JSON unless stdout is a terminal — containers and log shippers get one JSON object per
/// line, a developer's terminal gets readable text. Any other value is a configuration error.
fn log_as_json(format: &str, stdout_is_terminal: bool) -> anyhow::Result<bool> {
    match format.trim().to_ascii_lowercase().as_str() {
        "" => Ok(!stdout_is_terminal),
        "json" => Ok(true),
        "text" => Ok(false),
        other => anyhow::bail!(
            "configuration variable BATON_LOG_FORMAT: {other:?} is not `json` or `text`"
        ),
    }
}

/// `RUST_LOG` (default `info`), with lapin's returned-message log silenced: lapin logs every
/// message the broker returns at WARN with its whole body (a customer's phone number and
/// text); a return is already handled as a failed publish. Naming `lapin` in `RUST_LOG` opts
/// back in.
fn log_filter() -> EnvFilter {
    let spec = std::env::var("RUST_LOG").unwrap_or_default();
    filter_for(&spec)
}

fn filter_for(spec: &str) -> EnvFilter {
    let base = if spec.trim().is_empty() { "info" } else { spec };
    let filter = EnvFilter::try_new(base).unwrap_or_else(|_| EnvFilter::new("info"));
    if spec.contains("lapin") {
        return filter;
    }
    filter.add_directive(
        "lapin::returned_messages=error"
            .parse()
            .expect("static directive parses"),
    )
}

/// Installs tracing for tests: spans get ids (so propagation can be checked), nothing is
/// exported, logs go to the test writer. Safe to call many times.
pub fn init_for_tests() {
    static ONCE: OnceLock<SdkTracerProvider> = OnceLock::new();
    ONCE.get_or_init(|| {
        let provider = SdkTracerProvider::builder().build();
        let tracer = provider.tracer("baton-tests");
        opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());
        let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
        let otel = tracing_opentelemetry::layer()
            .with_tracer(tracer)
            .with_filter(LevelFilter::INFO);
        let fmt = tracing_subscriber::fmt::layer()
            .with_test_writer()
            .with_filter(filter);
        let _ = tracing_subscriber::registry()
            .with(otel)
            .with(fmt)
            .try_init();
        provider
    });
}

/// The process-wide Prometheus recorder (installed on first use).
pub fn metrics() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let latency = [
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ];
            // What a customer waits for (an AI turn, a whole event) takes seconds to minutes;
            // a human's first answer takes minutes to hours. Full-name matchers win over the
            // suffix one.
            let turns = [0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0];
            let humans = [
                5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 7200.0, 14400.0,
                43200.0, 86400.0,
            ];
            let mut builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &latency)
                .expect("static buckets are valid")
                .set_buckets_for_metric(
                    Matcher::Full("baton_worker_first_human_reply_seconds".into()),
                    &humans,
                )
                .expect("static buckets are valid");
            for slow in [
                "baton_llm_turn_seconds",
                "baton_llm_request_seconds",
                "baton_worker_event_seconds",
                "baton_worker_memory_write_seconds",
            ] {
                builder = builder
                    .set_buckets_for_metric(Matcher::Full(slow.into()), &turns)
                    .expect("static buckets are valid");
            }
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            // Another recorder may already be installed (an embedding program); then we
            // render an empty registry rather than fail.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

struct HeaderInjector<'a>(&'a mut FieldTable);

impl Injector for HeaderInjector<'_> {
    fn set(&mut self, key: &str, value: String) {
        self.0
            .insert(ShortString::from(key), AMQPValue::LongString(value.into()));
    }
}

struct HeaderExtractor<'a>(&'a FieldTable);

impl Extractor for HeaderExtractor<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        match self.0.inner().get(&ShortString::from(key))? {
            AMQPValue::LongString(s) => std::str::from_utf8(s.as_bytes()).ok(),
            AMQPValue::ShortString(s) => Some(s.as_str()),
            _ => None,
        }
    }

    fn keys(&self) -> Vec<&str> {
        self.0.inner().keys().map(|k| k.as_str()).collect()
    }
}

/// AMQP headers carrying the current span's W3C trace context.
pub fn inject_current() -> FieldTable {
    let mut headers = FieldTable::default();
    let cx = tracing::Span::current().context();
    TraceContextPropagator::new().inject_context(&cx, &mut HeaderInjector(&mut headers));
    headers
}

/// Makes `span` a child of the trace context found in AMQP `headers`, if any.
pub fn continue_from(span: &tracing::Span, headers: Option<&FieldTable>) {
    if let Some(h) = headers {
        let cx = TraceContextPropagator::new().extract(&HeaderExtractor(h));
        let _ = span.set_parent(cx);
    }
}

/// Makes `span` a child of a W3C `traceparent` (and `tracestate`) received over HTTP, if any.
pub fn continue_from_http(
    span: &tracing::Span,
    traceparent: Option<&str>,
    tracestate: Option<&str>,
) {
    let Some(traceparent) = traceparent else {
        return;
    };
    let mut carrier = std::collections::HashMap::new();
    carrier.insert("traceparent".to_owned(), traceparent.to_owned());
    if let Some(state) = tracestate {
        carrier.insert("tracestate".to_owned(), state.to_owned());
    }
    let cx = TraceContextPropagator::new().extract(&carrier);
    let _ = span.set_parent(cx);
}

/// The trace id of `span`, as 32 hex digits (for logs and tests).
pub fn trace_id(span: &tracing::Span) -> String {
    use opentelemetry::trace::TraceContextExt;
    span.context().span().span_context().trace_id().to_string()
}

/// Masks a phone number or id for logs: keeps the last four characters.
pub fn mask(id: &str) -> String {
    let n = id.chars().count();
    if n <= 4 {
        return "****".into();
    }
    let tail: String = id.chars().skip(n - 4).collect();
    format!("***{tail}")
}

#[cfg(test)]
mod tests {
    use super::filter_for;

    #[test]
    fn logs_are_json_unless_a_terminal_or_forced() {
        use super::log_as_json;
        assert!(log_as_json("", false).unwrap());
        assert!(!log_as_json("", true).unwrap());
        assert!(log_as_json("json", true).unwrap());
        assert!(log_as_json(" JSON ", true).unwrap());
        assert!(!log_as_json("text", false).unwrap());
        assert!(log_as_json("pretty", false).is_err());
    }

    #[test]
    fn lapin_returned_messages_are_silenced_unless_asked_for() {
        for spec in ["", "info", "debug,baton=trace"] {
            let f = filter_for(spec).to_string();
            assert!(f.contains("lapin::returned_messages=error"), "{spec}: {f}");
        }
        let f = filter_for("info,lapin=warn").to_string();
        assert!(!f.contains("returned_messages"), "{f}");
    }
}
