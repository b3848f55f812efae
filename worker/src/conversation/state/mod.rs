//! The conversation's state in Redis, written by the engine: ownership (who may speak, with a
//! version), the recent transcript, and the feed of events for the humans.

pub mod feed;
pub mod ownership;
pub mod recently;
pub mod transcript;
