//! Baton's integration tests: one binary, real RabbitMQ and Redis, one namespace per test.

mod cluster;
mod console;
mod conversation;
mod effects;
mod failures;
mod graph;
mod human;
mod ingress;
mod limits;
mod llm;
mod media;
mod memory;
mod ops;
mod resilience;
mod sandbox;
mod slack;
mod state;
mod worker;
