//! Fake external servers for tests, checking requests against the specs.

pub mod graph;
pub mod llm;
pub mod synap;
