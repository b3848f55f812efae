//! Memory backends (being written).
