//! The operator's side: the admin HTTP server, the command line, the DLQ commands, the
//! send limits' (`sends`: status, resuming paused sends) and the key migration of the Redis
//! Cluster layout (`migrate`).

pub mod admin;
pub mod cli;
pub mod dlq;
pub mod migrate;
pub mod sends;
