//! Fake synap server (being written).
