//! Fake external servers for tests (Graph, LLM, Synap, Slack), checking requests against the
//! specs.
//!
//! [`server`] holds the machinery they share (binding, lifecycle, request recording,
//! violations, latency, scripted outcomes); each fake adds only its checks and answers.

pub mod graph;
pub mod llm;
pub mod server;
pub mod slack;
pub mod synap;
