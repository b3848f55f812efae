//! The fake Graph API's media endpoints (`whatsapp-cloud-api.md` §5.7): `GET /{version}/{id}`
//! answers `{url, mime_type, sha256, file_size, id}` with a fresh download URL each time, and
//! `GET /fake-media/{id}/{n}` serves the bytes. Both require the access token (401, code
//! 190, and a violation without it: Meta's URL needs the same header). Tests store media with
//! [`super::FakeGraph::add_media`] and can make the next download URLs answer 404 as if they
//! had expired ([`super::FakeGraph::expire_next_urls`]).

use std::collections::HashMap;

use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::error_response;
use crate::fakes::server::{Exchange, RecordedRequest};

/// Media a test stored: its type and bytes.
#[derive(Clone, Debug)]
pub struct Stored {
    pub mime_type: String,
    pub bytes: Vec<u8>,
}

/// One media request the fake answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaRequest {
    /// `lookup` (id → URL) or `download` (URL → bytes).
    pub kind: &'static str,
    pub media_id: String,
    /// The request carried `Authorization: Bearer <the access token>`.
    pub with_token: bool,
    pub status: u16,
}

/// The media side of the fake's state.
#[derive(Default)]
pub struct MediaStore {
    pub stored: HashMap<String, Stored>,
    pub log: Vec<MediaRequest>,
    /// The next this-many downloads answer 404 (an expired URL).
    pub expire: usize,
    /// Numbers the URLs handed out.
    urls: u64,
    /// The fake's own base URL (download URLs point back to it).
    pub base: String,
}

/// Path prefix of download URLs.
const DOWNLOAD: &str = "/fake-media/";

impl MediaStore {
    /// Answers a media request, or `None` when `req` is not one (a send, a mark-read).
    pub fn handle(
        &mut self,
        req: &RecordedRequest,
        token: &str,
        ex: &mut Exchange<'_, super::Script>,
    ) -> Option<Response> {
        if req.method != Method::GET {
            return None;
        }
        let (kind, media_id) = match req.path.strip_prefix(DOWNLOAD) {
            Some(rest) => ("download", rest.split('/').next().unwrap_or("").to_owned()),
            None => {
                let mut parts = req.path.trim_start_matches('/').split('/');
                let (_version, id) = (parts.next()?, parts.next()?);
                if parts.next().is_some() {
                    // `GET /{version}/{phone}/messages`: not a media request; a violation.
                    return None;
                }
                ("lookup", id.to_owned())
            }
        };
        let with_token = req.bearer() == Some(token);
        let response = if !with_token {
            ex.violation(format!(
                "GET {}: media request without the access token",
                req.path
            ));
            error_response(401, 190, "missing or wrong bearer token", 0)
        } else {
            match (kind, self.stored.get(&media_id).cloned()) {
                (_, None) => error_response(404, 100, "unknown media id", 0),
                ("lookup", Some(m)) => self.lookup(&media_id, &m),
                (_, Some(_)) if self.expire > 0 => {
                    self.expire -= 1;
                    error_response(404, 100, "URL expired", 0)
                }
                (_, Some(m)) => (
                    [(header::CONTENT_TYPE, m.mime_type.clone())],
                    m.bytes.clone(),
                )
                    .into_response(),
            }
        };
        self.log.push(MediaRequest {
            kind,
            media_id,
            with_token,
            status: response.status().as_u16(),
        });
        Some(response)
    }

    fn lookup(&mut self, id: &str, m: &Stored) -> Response {
        self.urls += 1;
        axum::Json(json!({
            "messaging_product": "whatsapp",
            "url": format!("{}{DOWNLOAD}{id}/{}", self.base, self.urls),
            "mime_type": m.mime_type,
            "sha256": "fake-sha256",
            "file_size": m.bytes.len(),
            "id": id
        }))
        .into_response()
    }
}
