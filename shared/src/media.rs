//! Downloading a customer's media from the Graph API (`../shared/specs/whatsapp-cloud-api.md`
//! §5.7): the worker (to transcribe a voice note, to show a photo to the model) and the
//! console's media route (to play or show it to an agent) both go through [`MediaClient`].
//!
//! A webhook carries a media *id*, downloadable for 7 days. `GET /{version}/{media-id}` with
//! the access token answers `{url, mime_type, file_size, …}`; the `url` lives about five
//! minutes and is fetched with the same `Authorization: Bearer` header. So a download is two
//! requests, and the URL is never kept or handed on (not to a model, not to a browser):
//!
//! - the announced `file_size`, then the `Content-Length`, then the bytes as they stream are
//!   checked against the cap (`MEDIA_MAX_BYTES`), so an oversized file is refused without
//!   being held in memory whole; nothing is written to disk;
//! - a 404 on the URL (expired between the two requests, or in a slow retry) looks the id up
//!   again and fetches the fresh URL, once;
//! - connection errors, timeouts and 5xx are retried twice with a short backoff.
//!
//! Fails with [`MediaError`], which says what a caller can do: `Gone` (the id expired or is
//! unknown: nothing to retry), `TooLarge`, `Refused` (the token or the request is wrong:
//! operators must fix it), `Unavailable` (transient, after the retries). The token and the
//! URL never reach a log line.

use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use bytes::{Bytes, BytesMut};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::config::Waba;

/// Downloaded media: the bytes and their MIME type as Meta gave it.
#[derive(Clone, Debug)]
pub struct Media {
    pub bytes: Bytes,
    /// e.g. `audio/ogg; codecs=opus`, `image/jpeg`.
    pub mime_type: String,
}

/// Why a download failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum MediaError {
    /// Meta does not know the id (expired after 7 days, or never existed).
    #[error("media not found (expired or unknown id)")]
    Gone,
    /// Larger than the cap; not downloaded.
    #[error("media of {0} bytes is over the {1}-byte cap")]
    TooLarge(u64, u64),
    /// 401/403/400: a wrong token or request; retrying cannot help.
    #[error("media download refused: {0}")]
    Refused(String),
    /// Transport errors, timeouts, 5xx, after the retries.
    #[error("media download failed: {0}")]
    Unavailable(String),
    /// No access token configured.
    #[error("no WABA_ACCESS_TOKEN configured")]
    NoToken,
}

impl MediaError {
    fn retryable(&self) -> bool {
        matches!(self, MediaError::Unavailable(_))
    }
}

/// What `GET /{version}/{media-id}` answers (other fields are ignored).
#[derive(Deserialize)]
struct Lookup {
    url: String,
    #[serde(default)]
    mime_type: Option<String>,
    #[serde(default)]
    file_size: Option<u64>,
}

/// A Graph media downloader. Cheap to clone.
#[derive(Clone)]
pub struct MediaClient {
    http: reqwest::Client,
    base: String,
    token: Option<SecretString>,
    max_bytes: u64,
}

/// A MIME type without its parameters, lowercased (`audio/ogg; codecs=opus` → `audio/ogg`).
pub fn base_mime(mime_type: &str) -> String {
    mime_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// True for an id that may go into a URL path (Meta's ids are digits).
pub fn plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

impl MediaClient {
    /// A client for the configured Graph API; `timeout` bounds each request.
    pub fn new(waba: &Waba, timeout: Duration) -> MediaClient {
        let http = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .timeout(timeout)
            .build()
            .unwrap_or_default();
        MediaClient {
            http,
            base: format!(
                "{}/{}",
                waba.api_base_url.trim_end_matches('/'),
                waba.api_version
            ),
            token: waba.access_token.clone(),
            max_bytes: waba.media_max_bytes,
        }
    }

    /// The cap on one download, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Downloads the media `id` (see the module doc for retries and the cap).
    pub async fn download(&self, id: &str) -> Result<Media, MediaError> {
        if !plausible_id(id) {
            return Err(MediaError::Gone);
        }
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(200))
            .with_max_delay(Duration::from_secs(2))
            .with_max_times(2)
            .with_jitter();
        let started = std::time::Instant::now();
        let result = (|| self.once(id))
            .retry(backoff)
            .when(MediaError::retryable)
            .await;
        let outcome = match &result {
            Ok(_) => "ok",
            Err(MediaError::Gone) => "gone",
            Err(MediaError::TooLarge(..)) => "too_large",
            Err(MediaError::Refused(_) | MediaError::NoToken) => "refused",
            Err(MediaError::Unavailable(_)) => "unavailable",
        };
        metrics::counter!("baton_media_downloads_total", "outcome" => outcome).increment(1);
        metrics::histogram!("baton_media_download_seconds").record(started.elapsed().as_secs_f64());
        result
    }

    /// One try: look the id up, fetch the URL; on a 404 from the URL, once more.
    async fn once(&self, id: &str) -> Result<Media, MediaError> {
        let mut looked_up_again = false;
        loop {
            let lookup = self.lookup(id).await?;
            if let Some(size) = lookup.file_size.filter(|s| *s > self.max_bytes) {
                return Err(MediaError::TooLarge(size, self.max_bytes));
            }
            match self.fetch(&lookup.url).await {
                Err(MediaError::Gone) if !looked_up_again => {
                    tracing::info!("media URL expired; looking the id up again");
                    looked_up_again = true;
                }
                Err(e) => return Err(e),
                Ok((bytes, served)) => {
                    let mime_type = lookup
                        .mime_type
                        .or(served)
                        .unwrap_or_else(|| "application/octet-stream".to_owned());
                    return Ok(Media { bytes, mime_type });
                }
            }
        }
    }

    fn get(&self, url: &str) -> Result<reqwest::RequestBuilder, MediaError> {
        let token = self.token.as_ref().ok_or(MediaError::NoToken)?;
        Ok(self.http.get(url).bearer_auth(token.expose_secret()))
    }

    async fn lookup(&self, id: &str) -> Result<Lookup, MediaError> {
        let resp = self
            .get(&format!("{}/{id}", self.base))?
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status();
        let body = resp.bytes().await.map_err(transport)?;
        if !status.is_success() {
            return Err(by_status(status, &body));
        }
        serde_json::from_slice(&body)
            .map_err(|e| MediaError::Unavailable(format!("unreadable media lookup: {e}")))
    }

    /// The bytes at `url`, streamed against the cap, and the served `Content-Type`.
    async fn fetch(&self, url: &str) -> Result<(Bytes, Option<String>), MediaError> {
        let mut resp = self.get(url)?.send().await.map_err(transport)?;
        let status = resp.status();
        if !status.is_success() {
            let body = resp.bytes().await.unwrap_or_default();
            return Err(by_status(status, &body));
        }
        if let Some(len) = resp.content_length().filter(|l| *l > self.max_bytes) {
            return Err(MediaError::TooLarge(len, self.max_bytes));
        }
        let served = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut buf = BytesMut::new();
        while let Some(chunk) = resp.chunk().await.map_err(transport)? {
            if (buf.len() + chunk.len()) as u64 > self.max_bytes {
                return Err(MediaError::TooLarge(
                    (buf.len() + chunk.len()) as u64,
                    self.max_bytes,
                ));
            }
            buf.extend_from_slice(&chunk);
        }
        Ok((buf.freeze(), served))
    }
}

fn transport(e: reqwest::Error) -> MediaError {
    MediaError::Unavailable(if e.is_timeout() {
        "timed out".to_owned()
    } else {
        format!("transport: {e}")
    })
}

/// A non-2xx answer: 404 is gone, 5xx and 429 are transient, the rest refused.
fn by_status(status: reqwest::StatusCode, body: &[u8]) -> MediaError {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let message: String = v["error"]["message"]
        .as_str()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let what = format!("HTTP {}: {message}", status.as_u16());
    match status.as_u16() {
        404 => MediaError::Gone,
        429 | 500..=599 => MediaError::Unavailable(what),
        _ => MediaError::Refused(what),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_before_they_reach_a_url() {
        assert!(plausible_id("1234567890123456"));
        for bad in ["", "../x", "a/b", "a?b", "a b", &"1".repeat(129)] {
            assert!(!plausible_id(bad), "{bad}");
        }
    }

    #[test]
    fn statuses_say_what_to_do() {
        let s = |c| reqwest::StatusCode::from_u16(c).unwrap();
        assert!(matches!(by_status(s(404), b""), MediaError::Gone));
        assert!(by_status(s(503), b"").retryable());
        assert!(by_status(s(429), b"").retryable());
        let body = br#"{"error":{"message":"Invalid OAuth access token","code":190}}"#;
        match by_status(s(401), body) {
            MediaError::Refused(m) => assert!(m.contains("Invalid OAuth"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}
