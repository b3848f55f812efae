//! The contract both Baton binaries share.
//!
//! - [`config`]: every environment variable and its default.
//! - [`event`]: the versioned event that travels through the broker.
//! - [`webhook`]: splitting a verified WhatsApp webhook body into events.
//! - [`topology`]: exchanges, queues and partitioning, declared in one function.
//! - [`amqp`]: broker connection and the confirmed publisher.
//! - [`redis`]: the Redis pool and key layout.
//! - [`telemetry`]: logs, W3C trace propagation over AMQP, Prometheus metrics.
//! - [`shutdown`]: signals to a cancellation token.
//! - [`health`]: the `healthcheck` subcommand's probe of a running process.
//! - [`state`]: the conversation read model (owner, transcript, console events).
//! - [`media`]: downloading a customer's media from the Graph API (worker and console).

pub mod amqp;
pub mod config;
pub mod event;
pub mod health;
pub mod media;
pub mod redis;
pub mod shutdown;
pub mod state;
pub mod telemetry;
pub mod topology;
pub mod webhook;
