//! Deterministic handoff signals (being written).
