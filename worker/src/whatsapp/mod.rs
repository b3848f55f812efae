//! WhatsApp Graph API client (being written).
