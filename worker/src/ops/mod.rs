//! The operator's side: the admin HTTP server, the command line, the DLQ commands and the
//! send limits' (`sends`: status, resuming paused sends).

pub mod admin;
pub mod cli;
pub mod dlq;
pub mod sends;
