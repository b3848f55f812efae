//! Fake graph server (being written).
