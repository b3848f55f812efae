//! An in-process OTLP/HTTP trace receiver: what an OpenTelemetry collector would see.
//!
//! [`OtlpReceiver::start`] serves `POST /v1/traces` on `127.0.0.1:0`; point a process's
//! `OTEL_EXPORTER_OTLP_ENDPOINT` at [`OtlpReceiver::url`]. Each request must be
//! `application/x-protobuf` and decode as an `ExportTraceServiceRequest` (anything else is a
//! recorded violation and a 400); every span is kept with its service name, ids and parent.
//! The server stops when dropped.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::any_value::Value as AnyValue;
use prost::Message;

/// One received span; ids are lowercase hex (the W3C form).
#[derive(Clone, Debug)]
pub struct ReceivedSpan {
    pub service: String,
    pub name: String,
    pub trace_id: String,
    pub span_id: String,
    /// Empty for a root span.
    pub parent_span_id: String,
}

#[derive(Default)]
struct Inner {
    spans: Vec<ReceivedSpan>,
    violations: Vec<String>,
}

/// The running receiver; see the module doc.
pub struct OtlpReceiver {
    /// Base URL for `OTEL_EXPORTER_OTLP_ENDPOINT` (the exporter appends `/v1/traces`).
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    task: tokio::task::JoinHandle<()>,
}

impl OtlpReceiver {
    pub async fn start() -> OtlpReceiver {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let app = Router::new()
            .route("/v1/traces", post(receive))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        OtlpReceiver { url, inner, task }
    }

    /// Every span received so far.
    pub fn spans(&self) -> Vec<ReceivedSpan> {
        self.inner.lock().unwrap().spans.clone()
    }

    /// Requests that were not valid OTLP/HTTP protobuf trace exports.
    pub fn violations(&self) -> Vec<String> {
        self.inner.lock().unwrap().violations.clone()
    }
}

impl Drop for OtlpReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn receive(
    State(inner): State<Arc<Mutex<Inner>>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, [(&'static str, &'static str); 1], Vec<u8>) {
    let proto = [("content-type", "application/x-protobuf")];
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut inner = inner.lock().unwrap();
    if content_type != "application/x-protobuf" {
        inner
            .violations
            .push(format!("content-type {content_type:?}"));
        return (StatusCode::BAD_REQUEST, proto, Vec::new());
    }
    match ExportTraceServiceRequest::decode(body) {
        Ok(req) => {
            inner.spans.extend(spans_of(&req));
            // An empty ExportTraceServiceResponse encodes as zero bytes.
            (StatusCode::OK, proto, Vec::new())
        }
        Err(e) => {
            inner.violations.push(format!("undecodable export: {e}"));
            (StatusCode::BAD_REQUEST, proto, Vec::new())
        }
    }
}

fn spans_of(req: &ExportTraceServiceRequest) -> Vec<ReceivedSpan> {
    let mut out = Vec::new();
    for rs in &req.resource_spans {
        let service = rs
            .resource
            .iter()
            .flat_map(|r| &r.attributes)
            .find(|kv| kv.key == "service.name")
            .and_then(|kv| match kv.value.as_ref()?.value.as_ref()? {
                AnyValue::StringValue(s) => Some(s.clone()),
                _ => None,
            })
            .unwrap_or_default();
        for span in rs.scope_spans.iter().flat_map(|s| &s.spans) {
            out.push(ReceivedSpan {
                service: service.clone(),
                name: span.name.clone(),
                trace_id: hex::encode(&span.trace_id),
                span_id: hex::encode(&span.span_id),
                parent_span_id: hex::encode(&span.parent_span_id),
            });
        }
    }
    out
}
