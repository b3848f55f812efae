//! OpenAI-compatible chat client and tool loop (being written).
