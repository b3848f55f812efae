//! `GET /api/v1/conversations/{customer}/media/{media_id}`: a customer's photo, voice note,
//! sticker, video or document, for the console's audio player and image.
//!
//! Meta's media URL needs the business access token and lives minutes, so the console never
//! sees it: this route downloads the bytes from the Graph API (`baton_shared::media`, size cap
//! `MEDIA_MAX_BYTES`, nothing kept) and passes them on, to authenticated agents only (401
//! without a token, like every console route). The media id must be named by one of the
//! conversation's transcript lines (404 otherwise), so a token opens this conversation's media
//! and no other id.
//!
//! The bytes are the customer's, so they are served as inert data: a type the page plays or
//! shows inline (JPEG, PNG and WebP images, the audio and video types WhatsApp uses) keeps its
//! `Content-Type`; anything else (a document, an SVG, HTML dressed as an image) goes as
//! `application/octet-stream` with `Content-Disposition: attachment`. Every answer also carries
//! `Content-Security-Policy: default-src 'none'; sandbox` (and, through the console router,
//! `nosniff` and `no-store`). Fails with 404 (unknown id, or expired at Meta after 7 days), 502
//! (Meta refused or failed, or the file is over the cap), 503 (no access token, Redis down).

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use baton_shared::media::plausible_id;
use baton_shared::state::{MediaRef, transcript};

use super::auth::Agent;
use super::find::find;
use super::read::params;
use crate::AppState;
use crate::error::ApiError;

/// Types shown or played inline; anything else is an attachment.
const INLINE: [&str; 11] = [
    "image/jpeg",
    "image/png",
    "image/webp",
    "audio/ogg",
    "audio/mpeg",
    "audio/mp4",
    "audio/aac",
    "audio/amr",
    "video/mp4",
    "video/3gpp",
    "audio/opus",
];

pub async fn media(
    State(state): State<AppState>,
    _agent: Agent,
    Path((customer, media_id)): Path<(String, String)>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    if !plausible_id(&media_id) {
        return Err(ApiError::BadRequest(
            "media id: expected Meta's media id".into(),
        ));
    }
    let c = &state.console;
    let found = find(c, &customer, &q).await?;
    let lines = transcript::recent(&c.redis, &c.keys, &found.key, transcript::CAP as usize).await?;
    let named: MediaRef = lines
        .into_iter()
        .filter_map(|l| l.media)
        .find(|m| m.id == media_id)
        .ok_or_else(|| ApiError::NotFound("no such media in this conversation".into()))?;
    let media = c.media.download(&media_id).await?;
    Ok(respond(&named, &media.mime_type, media.bytes))
}

/// The bytes with the headers that keep them inert (see the module doc).
fn respond(named: &MediaRef, mime_type: &str, bytes: bytes::Bytes) -> Response {
    let base = baton_shared::media::base_mime(mime_type);
    let inline = INLINE.contains(&base.as_str());
    let content_type = if inline {
        base
    } else {
        "application/octet-stream".to_owned()
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).expect("a checked MIME type"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    let disposition = if inline {
        "inline".to_owned()
    } else {
        format!("attachment; filename=\"{}\"", file_name(named))
    };
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// A safe download name: the customer's file name reduced to plain characters.
fn file_name(named: &MediaRef) -> String {
    let name: String = named
        .filename
        .as_deref()
        .unwrap_or(&named.kind)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if name.is_empty() {
        "media".into()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(kind: &str, filename: Option<&str>) -> MediaRef {
        MediaRef {
            id: "1".into(),
            kind: kind.into(),
            mime_type: None,
            filename: filename.map(str::to_owned),
            voice: false,
            transcribed: false,
        }
    }

    #[test]
    fn customer_bytes_stay_inert() {
        let r = respond(&named("audio", None), "audio/ogg; codecs=opus", "x".into());
        assert_eq!(r.headers()[header::CONTENT_TYPE], "audio/ogg");
        assert_eq!(r.headers()[header::CONTENT_DISPOSITION], "inline");
        assert_eq!(
            r.headers()[header::CONTENT_SECURITY_POLICY],
            "default-src 'none'; sandbox"
        );
        for evil in ["text/html", "image/svg+xml", "application/pdf"] {
            let r = respond(
                &named("document", Some("a\"b<script>.pdf")),
                evil,
                "x".into(),
            );
            assert_eq!(
                r.headers()[header::CONTENT_TYPE],
                "application/octet-stream"
            );
            assert_eq!(
                r.headers()[header::CONTENT_DISPOSITION],
                "attachment; filename=\"a_b_script_.pdf\""
            );
        }
    }
}
