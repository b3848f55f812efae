//! Broker connection and the confirmed publisher.
//!
//! "Published" means confirmed: every publish is persistent and mandatory on a channel in
//! confirm mode, and only a broker ack without a return counts as success. A nack, a return
//! (no queue bound) or a connection failure is a [`PublishError`]; callers decide whether to
//! answer 503 (ingress) or to retry (worker).
//!
//! The publisher keeps a small pool of confirm channels; concurrent publishes overlap their
//! confirms on them (waiting for each confirm before the next publish caps a channel at a few
//! thousand messages/s, ARCHITECTURE §11). When the connection drops, the next publish finds
//! it broken, fails fast, and a reconnect is attempted on the following call — ingress never
//! blocks on a dead broker.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::types::{AMQPValue, FieldTable, ShortString};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties};
use tokio::sync::RwLock;

use crate::config::Infra;
use crate::event::Event;
use crate::topology::{self, Names};

/// Why a publish did not reach a durable queue.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("broker unavailable: {0}")]
    Unavailable(#[from] lapin::Error),
    #[error("broker refused the message (nack)")]
    Nacked,
    #[error("no queue took the message (returned: {0})")]
    Returned(String),
    #[error("broker did not confirm in time")]
    Timeout,
    #[error("could not encode the event: {0}")]
    Encode(#[from] serde_json::Error),
}

/// Longest wait for a publisher confirm.
pub const CONFIRM_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Opens a connection named after the process role.
pub async fn connect(url: &str, name: &str) -> lapin::Result<Connection> {
    let props = ConnectionProperties::default().with_connection_name(name.into());
    Connection::connect(url, props).await
}

/// Pool of confirm-mode channels on one connection, re-established on demand.
pub struct Publisher {
    infra: Infra,
    names: Names,
    name: String,
    pool_size: usize,
    state: RwLock<Option<Pool>>,
    next: AtomicUsize,
}

struct Pool {
    conn: Connection,
    channels: Vec<Channel>,
}

impl Pool {
    fn healthy(&self) -> bool {
        self.conn.status().connected() && self.channels.iter().all(|c| c.status().connected())
    }
}

impl Publisher {
    /// Connects, declares the topology and opens `pool_size` confirm channels.
    pub async fn connect(infra: &Infra, name: &str, pool_size: usize) -> lapin::Result<Arc<Self>> {
        let p = Arc::new(Publisher {
            infra: infra.clone(),
            names: Names::new(infra),
            name: name.to_owned(),
            pool_size: pool_size.max(1),
            state: RwLock::new(None),
            next: AtomicUsize::new(0),
        });
        p.reconnect().await?;
        Ok(p)
    }

    /// Like [`Publisher::connect`] but starts even when the broker is down; the first
    /// publish (or readiness check) connects.
    pub fn lazy(infra: &Infra, name: &str, pool_size: usize) -> Arc<Self> {
        Arc::new(Publisher {
            infra: infra.clone(),
            names: Names::new(infra),
            name: name.to_owned(),
            pool_size: pool_size.max(1),
            state: RwLock::new(None),
            next: AtomicUsize::new(0),
        })
    }

    pub fn names(&self) -> &Names {
        &self.names
    }

    async fn reconnect(&self) -> lapin::Result<()> {
        let mut state = self.state.write().await;
        if state.as_ref().is_some_and(Pool::healthy) {
            return Ok(());
        }
        if let Some(old) = state.take() {
            let _ = old.conn.close(200, "reconnecting".into()).await;
        }
        let conn = connect(&self.infra.amqp_url, &self.name).await?;
        let setup = conn.create_channel().await?;
        topology::declare(&setup, &self.infra).await?;
        let _ = setup.close(200, "declared".into()).await;
        let mut channels = Vec::with_capacity(self.pool_size);
        for _ in 0..self.pool_size {
            let ch = conn.create_channel().await?;
            ch.confirm_select(ConfirmSelectOptions::default()).await?;
            channels.push(ch);
        }
        *state = Some(Pool { conn, channels });
        Ok(())
    }

    async fn channel(&self) -> lapin::Result<Channel> {
        {
            let state = self.state.read().await;
            if let Some(pool) = state.as_ref().filter(|p| p.healthy()) {
                let i = self.next.fetch_add(1, Ordering::Relaxed) % pool.channels.len();
                return Ok(pool.channels[i].clone());
            }
        }
        if let Err(e) = self.reconnect().await {
            tracing::warn!(error = %e, "broker connection failed");
            return Err(e);
        }
        Box::pin(self.channel()).await
    }

    /// True when a connection to the broker is up (connecting if needed).
    pub async fn ready(&self) -> bool {
        self.channel().await.is_ok()
    }

    /// Publishes raw bytes and waits for the broker's confirm (at most [`CONFIRM_TIMEOUT`]:
    /// a half-open connection must not hold a webhook request forever).
    pub async fn publish_raw(
        &self,
        exchange: &str,
        routing_key: &str,
        body: &[u8],
        props: BasicProperties,
    ) -> Result<(), PublishError> {
        let publish = self.publish_confirmed(exchange, routing_key, body, props);
        match tokio::time::timeout(CONFIRM_TIMEOUT, publish).await {
            Ok(r) => r,
            Err(_) => {
                // Presume the connection dead; the next call reconnects.
                if let Some(pool) = self.state.write().await.take() {
                    let _ = tokio::time::timeout(
                        CONFIRM_TIMEOUT,
                        pool.conn.close(200, "confirm timeout".into()),
                    )
                    .await;
                }
                Err(PublishError::Timeout)
            }
        }
    }

    async fn publish_confirmed(
        &self,
        exchange: &str,
        routing_key: &str,
        body: &[u8],
        props: BasicProperties,
    ) -> Result<(), PublishError> {
        let ch = self.channel().await?;
        let opts = BasicPublishOptions {
            mandatory: true,
            ..BasicPublishOptions::default()
        };
        let confirm = ch
            .basic_publish(
                exchange.into(),
                routing_key.into(),
                opts,
                body,
                props.with_delivery_mode(2),
            )
            .await?
            .await?;
        if confirm.is_nack() {
            return Err(PublishError::Nacked);
        }
        if let Some(returned) = confirm.take_message() {
            return Err(PublishError::Returned(returned.reply_text.to_string()));
        }
        Ok(())
    }

    /// Publishes an event to its conversation's partition, carrying `headers` (trace context).
    pub async fn publish_event(
        &self,
        event: &Event,
        headers: FieldTable,
    ) -> Result<(), PublishError> {
        let body = serde_json::to_vec(event)?;
        let p = topology::partition_of(&event.conversation.key(), self.names.partitions);
        let props = event_properties(event, headers);
        self.publish_raw(
            &self.names.events_exchange(),
            &self.names.partition_key(p),
            &body,
            props,
        )
        .await
    }

    /// Closes the connection (graceful shutdown).
    pub async fn close(&self) {
        if let Some(pool) = self.state.write().await.take() {
            let _ = pool.conn.close(200, "shutdown".into()).await;
        }
    }
}

/// AMQP properties of an event message: id, kind, JSON, timestamp.
pub fn event_properties(event: &Event, mut headers: FieldTable) -> BasicProperties {
    headers.insert(
        "x-baton-kind".into(),
        AMQPValue::LongString(event.kind.as_str().into()),
    );
    BasicProperties::default()
        .with_content_type("application/json".into())
        .with_message_id(event.id.as_str().into())
        .with_type(event.kind.as_str().into())
        .with_timestamp((event.received_at_ms / 1000) as u64)
        .with_headers(headers)
}

/// Reads a string header.
pub fn header_str(headers: Option<&FieldTable>, key: &str) -> Option<String> {
    match headers?.inner().get(&ShortString::from(key))? {
        AMQPValue::LongString(s) => Some(s.to_string()),
        AMQPValue::ShortString(s) => Some(s.to_string()),
        _ => None,
    }
}

/// Reads an integer header.
pub fn header_i64(headers: Option<&FieldTable>, key: &str) -> Option<i64> {
    match headers?.inner().get(&ShortString::from(key))? {
        AMQPValue::LongLongInt(n) => Some(*n),
        AMQPValue::LongInt(n) => Some(i64::from(*n)),
        AMQPValue::ShortInt(n) => Some(i64::from(*n)),
        AMQPValue::LongUInt(n) => Some(i64::from(*n)),
        AMQPValue::ShortShortInt(n) => Some(i64::from(*n)),
        AMQPValue::ShortShortUInt(n) => Some(i64::from(*n)),
        AMQPValue::ShortUInt(n) => Some(i64::from(*n)),
        _ => None,
    }
}
