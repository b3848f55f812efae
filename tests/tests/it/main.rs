//! Baton's integration tests: one binary, real RabbitMQ and Redis, one namespace per test.

mod failures;
mod ingress;
mod resilience;
mod worker;
