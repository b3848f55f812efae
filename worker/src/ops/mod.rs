//! The operator's side: the admin HTTP server, the command line and the DLQ commands.

pub mod admin;
pub mod cli;
pub mod dlq;
