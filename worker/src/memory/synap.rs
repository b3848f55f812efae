//! The Synap backend (spec `../shared/specs/synap.md`), REST only.
//!
//! **Identity mode.** `GET /api/v1/auth/whoami` at start tells B2C (`equals_customer`) from
//! B2B (`strict`) (§3.1). B2B requests carry `user_id` and `customer_id`; B2C and unknown-mode
//! (field absent) requests carry `user_id` only and omit the `customer_id` key (§4.1). If
//! whoami could not be reached, the mode is asked again (at most every 30 s) before the next
//! request, which fails transiently meanwhile, so nothing is filed under a guessed scope. A
//! 400 naming `customer_id_not_accepted_on_b2c` switches the mode to B2C and resends once.
//!
//! **Writes.** Every record goes to `POST /api/v1/memories/create` (§5.1) with the seed's
//! document text and metadata, `mode: long-range`, `document_created_at` and a deterministic
//! `document_id` (§8.4; a 409 on it means "already stored"). Turns use `document_type`
//! `ai-chat-conversation` as the seed does; handoff events use the configured type (default
//! `document`, with `metadata.document_kind = support-handoff`); facts use `document`.
//! Turns are also recorded with `POST /v1/conversations/messages` (§5.6; role `user` for the
//! customer, `assistant` for the AI and humans, content with the seed's speaker label so
//! humans and the AI stay apart, metadata plus `document_id`): that is what registers the
//! rolling conversation and feeds conversation context and compaction, while only create is
//! known to feed long-term extraction (§5.6: Maximem advises doing both). Messages have no
//! dedup key, so a Redis marker per `document_id` records completed writes and a redelivered
//! record is skipped (see `written.rs`); without it, a redelivery may repeat a turn message.
//! A record's only delivery (published once by a pristine attempt, delivered for the first
//! time: `MemoryBackend::write_first`) skips reading the marker: no earlier write can exist.
//!
//! **Reads.** `POST /v1/context/user/fetch` (§5.8) with `types: ["all"]`: context in `fast`
//! mode within the fetch timeout, search in `accurate` mode within the search timeout.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use baton_shared::redis::Keys;
use baton_shared::redis::Pool;
use futures::FutureExt;
use futures::future::BoxFuture;
use reqwest::Method;
use serde_json::{Map, Value, json};

use super::identity::{self, Identity, SynapIds};
use super::record::Record;
use super::stamp::rfc3339;
use super::synap_http::{Failure, Http, Route};
use super::written::Written;
use super::{MemoryBackend, MemoryConfig, MemoryError, bounded, observe, synap_render};

const WHOAMI: &str = "/api/v1/auth/whoami";
const CREATE: &str = "/api/v1/memories/create";
const MESSAGES: &str = "/v1/conversations/messages";
const FETCH_USER: &str = "/v1/context/user/fetch";
const WHOAMI_TIMEOUT: Duration = Duration::from_secs(5);
const WHOAMI_RETRY: Duration = Duration::from_secs(30);
const CONTEXT_RESULTS: usize = 10;

/// The instance's user relationship (§4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isolation {
    /// `equals_customer`: `user_id` only.
    B2C,
    /// `strict`: `user_id` and `customer_id`.
    B2B,
    /// whoami answered without the field (older deployments): `user_id` only.
    Unknown,
}

struct ModeState {
    known: Option<Isolation>,
    next_try: Instant,
}

pub struct SynapBackend {
    http: Http,
    cfg: MemoryConfig,
    mode: Mutex<ModeState>,
    written: Option<Written>,
}

impl SynapBackend {
    /// Builds the client and asks whoami; fails on a rejected key (or another permanent
    /// answer), not on an unreachable server.
    pub async fn connect(cfg: MemoryConfig, markers: Option<(Pool, Keys)>) -> Result<Self, String> {
        let key = cfg
            .synap_api_key
            .clone()
            .ok_or("SYNAP_API_KEY is not set")?;
        let http = Http::new(&cfg.synap_base_url, key)?;
        let mode = Mutex::new(ModeState {
            known: None,
            next_try: Instant::now() + WHOAMI_RETRY,
        });
        let b = SynapBackend {
            http,
            cfg,
            mode,
            written: markers.map(|(pool, keys)| Written::new(pool, keys)),
        };
        match b.whoami().await {
            Ok(m) => b.set_mode(m),
            Err(f) if !f.is_transient() => {
                return Err(format!("SYNAP_API_KEY: whoami failed: {}", f.summary));
            }
            Err(f) => tracing::warn!(error = %f.summary, "synap whoami failed; will ask again"),
        }
        Ok(b)
    }

    /// The mode learned from whoami, if any yet.
    pub fn isolation(&self) -> Option<Isolation> {
        self.mode.lock().expect("mode lock").known
    }

    fn set_mode(&self, m: Isolation) {
        self.mode.lock().expect("mode lock").known = Some(m);
    }

    async fn whoami(&self) -> Result<Isolation, Failure> {
        let r = self
            .http
            .call(Method::GET, WHOAMI, None, WHOAMI_TIMEOUT, Route::Idempotent)
            .await;
        let outcome = match &r {
            Ok(_) => "ok",
            Err(f) if f.is_transient() => "transient",
            Err(_) => "permanent",
        };
        super::count("synap", "whoami", outcome);
        Ok(match r?["user_context_isolation"].as_str() {
            Some("equals_customer") => Isolation::B2C,
            Some("strict") => Isolation::B2B,
            _ => Isolation::Unknown,
        })
    }

    /// The known mode, asking whoami again when it is not known (at most every 30 s).
    async fn current_mode(&self) -> Result<Isolation, MemoryError> {
        {
            let mut s = self.mode.lock().expect("mode lock");
            if let Some(m) = s.known {
                return Ok(m);
            }
            if Instant::now() < s.next_try {
                return Err(MemoryError::Transient(
                    "synap identity mode not known yet (whoami failed)".into(),
                ));
            }
            s.next_try = Instant::now() + WHOAMI_RETRY;
        }
        let m = self.whoami().await.map_err(Failure::into_error)?;
        self.set_mode(m);
        Ok(m)
    }

    /// The id fields a user-scoped request carries in this mode (§4.1).
    fn scope(&self, ids: &SynapIds, mode: Isolation) -> Map<String, Value> {
        let mut body = Map::new();
        body.insert("user_id".into(), json!(ids.user_id));
        if mode == Isolation::B2B {
            body.insert("customer_id".into(), json!(ids.customer_id));
        }
        body
    }

    /// POSTs a user-scoped body; on a B2C rejection of `customer_id`, learns B2C and resends once.
    async fn post_scoped(
        &self,
        path: &str,
        mut body: Map<String, Value>,
        timeout: Duration,
        route: Route,
    ) -> Result<Value, Failure> {
        let first = self.post(path, &body, timeout, route).await;
        match first {
            Err(f) if f.is_b2c_rejection() && body.contains_key("customer_id") => {
                tracing::warn!(error = %f.summary, "synap: instance is B2C; dropping customer_id");
                self.set_mode(Isolation::B2C);
                body.remove("customer_id");
                self.post(path, &body, timeout, route).await
            }
            other => other,
        }
    }

    async fn post(
        &self,
        path: &str,
        body: &Map<String, Value>,
        timeout: Duration,
        route: Route,
    ) -> Result<Value, Failure> {
        let body = Value::Object(body.clone());
        self.http
            .call(Method::POST, path, Some(&body), timeout, route)
            .await
    }

    /// Writes `record` unless its written marker says an earlier attempt did; `first`: no
    /// earlier write can exist (`MemoryBackend::write_first`), so the marker is not read.
    async fn write_record(
        &self,
        who: &Identity,
        record: &Record,
        first: bool,
    ) -> Result<(), MemoryError> {
        let ids = self.cfg.ids(who);
        let doc_id = identity::document_id(&ids, record.id());
        let written = match &self.written {
            Some(w) if !first => w.contains(&doc_id).await,
            _ => false,
        };
        if written {
            tracing::debug!(document_id = %doc_id, "synap: record already written");
            return Ok(());
        }
        let mode = self.current_mode().await?;
        self.create(&ids, mode, record, &doc_id).await?;
        if matches!(record, Record::Turn { .. }) {
            self.message(&ids, mode, record, &doc_id).await?;
        }
        if let Some(w) = &self.written {
            w.insert(&doc_id).await;
        }
        Ok(())
    }

    /// `memories/create`; a 409 on our `document_id` means an earlier attempt stored it.
    async fn create(
        &self,
        ids: &SynapIds,
        mode: Isolation,
        record: &Record,
        doc_id: &str,
    ) -> Result<(), MemoryError> {
        let mut body = self.scope(ids, mode);
        body.insert("document".into(), json!(record.document()));
        body.insert(
            "document_type".into(),
            json!(record.document_type(&self.cfg.handoff_document_type)),
        );
        body.insert("mode".into(), json!("long-range"));
        body.insert("document_id".into(), json!(doc_id));
        body.insert("document_created_at".into(), json!(rfc3339(record.at_ms())));
        body.insert("metadata".into(), record.metadata());
        match self
            .post_scoped(CREATE, body, self.cfg.write_timeout, Route::Deduped)
            .await
        {
            Ok(_) => Ok(()),
            Err(f) if f.status == Some(409) => {
                tracing::debug!(document_id = %doc_id, "synap: document already stored (409)");
                Ok(())
            }
            Err(f) => Err(f.into_error()),
        }
    }

    /// `conversations/messages` for a turn (registers the rolling conversation).
    async fn message(
        &self,
        ids: &SynapIds,
        mode: Isolation,
        record: &Record,
        doc_id: &str,
    ) -> Result<(), MemoryError> {
        let Record::Turn { role, .. } = record else {
            return Ok(());
        };
        let mut metadata = record.metadata();
        metadata["document_id"] = json!(doc_id);
        let mut body = self.scope(ids, mode);
        body.insert("conversation_id".into(), json!(ids.conversation_id));
        body.insert("role".into(), json!(role.synap_role()));
        body.insert("content".into(), json!(record.document()));
        body.insert("metadata".into(), metadata);
        self.post_scoped(MESSAGES, body, self.cfg.write_timeout, Route::Unkeyed)
            .await
            .map(|_| ())
            .map_err(Failure::into_error)
    }

    /// User-scope fetch (§5.8).
    async fn fetch(
        &self,
        who: &Identity,
        query: &str,
        max: usize,
        mode: &str,
        timeout: Duration,
    ) -> Result<Value, MemoryError> {
        let ids = self.cfg.ids(who);
        let isolation = self.current_mode().await?;
        let mut body = self.scope(&ids, isolation);
        if !query.trim().is_empty() {
            body.insert("search_query".into(), json!([query]));
        }
        body.insert("max_results".into(), json!(max.clamp(1, 50)));
        body.insert("types".into(), json!(["all"]));
        body.insert("mode".into(), json!(mode));
        self.post_scoped(FETCH_USER, body, timeout, Route::Idempotent)
            .await
            .map_err(Failure::into_error)
    }
}

impl MemoryBackend for SynapBackend {
    fn name(&self) -> &'static str {
        "synap"
    }

    fn write<'a>(
        &'a self,
        who: &'a Identity,
        record: &'a Record,
    ) -> BoxFuture<'a, Result<(), MemoryError>> {
        async move {
            observe(
                "synap",
                "write",
                self.write_record(who, record, false).await,
            )
        }
        .boxed()
    }

    fn write_first<'a>(
        &'a self,
        who: &'a Identity,
        record: &'a Record,
    ) -> BoxFuture<'a, Result<(), MemoryError>> {
        async move { observe("synap", "write", self.write_record(who, record, true).await) }.boxed()
    }

    fn context<'a>(
        &'a self,
        who: &'a Identity,
        query: &'a str,
    ) -> BoxFuture<'a, Result<String, MemoryError>> {
        async move {
            let t = self.cfg.fetch_timeout;
            let fetched = bounded(
                t,
                "context",
                self.fetch(who, query, CONTEXT_RESULTS, "fast", t),
            )
            .await;
            observe(
                "synap",
                "context",
                fetched.map(|v| synap_render::context(&v)),
            )
        }
        .boxed()
    }

    fn search<'a>(
        &'a self,
        who: &'a Identity,
        query: &'a str,
        limit: usize,
    ) -> BoxFuture<'a, Result<Vec<String>, MemoryError>> {
        async move {
            let t = self.cfg.search_timeout;
            let fetched = bounded(t, "search", self.fetch(who, query, limit, "accurate", t)).await;
            observe(
                "synap",
                "search",
                fetched.map(|v| synap_render::results(&v, limit.max(1))),
            )
        }
        .boxed()
    }
}
