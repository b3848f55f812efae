//! Speech to text for voice notes: `POST {base}/audio/transcriptions` on any OpenAI-compatible
//! server (`../shared/specs/openai-audio-vision.md` §1, §4.1).
//!
//! - The upload is `multipart/form-data`: `file` (the bytes, with a file name whose extension
//!   the servers go by and the part's MIME type), `model`, `response_format=json`,
//!   `temperature=0`, and `language` when configured. A WhatsApp voice note
//!   (`audio/ogg; codecs=opus`) goes as `voice.ogg` with `audio/ogg`: never `.opus` or `.oga`,
//!   which OpenAI's models refuse. AMR has no server that takes it and is refused here.
//! - Uploads over [`MAX_UPLOAD`] (OpenAI's 25 MiB) are refused before sending.
//! - The answer's `text` is read (unknown fields ignored); a body that is not JSON (whisper.cpp
//!   answers `text/html`) is the transcript itself. An empty transcript, or whisper's
//!   `[BLANK_AUDIO]`, is [`TranscribeError::Empty`].
//! - 429 and 5xx, timeouts and connection errors are retried (twice by default, honouring
//!   `Retry-After`); other statuses are [`TranscribeError::Refused`] at once.
//!
//! Configuration ([`TranscribeConfig`]): `TRANSCRIBE_BASE_URL`, `TRANSCRIBE_API_KEY` and
//! `TRANSCRIBE_MODEL` default to the chat server (`OPENAI_BASE_URL`, `OPENAI_API_KEY`) and
//! `whisper-1`; `TRANSCRIBE_LANGUAGE` (ISO-639-1 hint), `TRANSCRIBE_TIMEOUT` (default `60s`:
//! self-hosted servers load their model on the first call). Audio and transcripts are never
//! logged. Metrics: `baton_transcribe_requests_total{outcome}`, `baton_transcribe_seconds`.

use std::time::{Duration, Instant, SystemTime};

use backon::{ExponentialBuilder, Retryable};
use baton_shared::config::{ConfigError, Env};
use bytes::Bytes;
use reqwest::multipart::{Form, Part};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tracing::warn;

use super::client::{GIVE_UP_AFTER, MAX_SERVER_WAIT, retry_after};
use super::config::LlmConfig;

/// OpenAI's cap on a transcription upload (the whole request: 25 MiB).
pub const MAX_UPLOAD: usize = 26_214_400;

/// Where and how to transcribe.
#[derive(Clone, Debug)]
pub struct TranscribeConfig {
    /// `TRANSCRIBE_BASE_URL`, default the chat server's `OPENAI_BASE_URL` (no trailing slash).
    pub base_url: String,
    /// `TRANSCRIBE_API_KEY`, default `OPENAI_API_KEY`.
    pub api_key: Option<SecretString>,
    /// `TRANSCRIBE_MODEL`, default `whisper-1`.
    pub model: String,
    /// `TRANSCRIBE_LANGUAGE`: an ISO-639-1 hint (`en`, `pt`, …), sent only when set.
    pub language: Option<String>,
    /// `TRANSCRIBE_TIMEOUT`, per request, default `60s`.
    pub timeout: Duration,
    /// Retries after the first attempt (the chat's `LLM_MAX_RETRIES`).
    pub max_retries: usize,
}

impl TranscribeConfig {
    /// Reads the `TRANSCRIBE_*` variables; unset ones follow `llm`.
    pub fn from_env<F: Fn(&str) -> Option<String>>(
        env: &Env<F>,
        llm: &LlmConfig,
    ) -> Result<Self, ConfigError> {
        let base_url = env.or("TRANSCRIBE_BASE_URL", &llm.base_url);
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(ConfigError::new(
                "TRANSCRIBE_BASE_URL",
                format!("{base_url:?} is not an http(s) URL"),
            ));
        }
        let language = env.get("TRANSCRIBE_LANGUAGE");
        if let Some(l) = &language
            && !(l.len() == 2 && l.chars().all(|c| c.is_ascii_lowercase()))
        {
            return Err(ConfigError::new(
                "TRANSCRIBE_LANGUAGE",
                format!("{l:?}: expected an ISO-639-1 code such as en or pt"),
            ));
        }
        Ok(TranscribeConfig {
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key: env
                .get("TRANSCRIBE_API_KEY")
                .map(SecretString::from)
                .or_else(|| llm.api_key.clone()),
            model: env.or("TRANSCRIBE_MODEL", "whisper-1"),
            language,
            timeout: env.positive_duration("TRANSCRIBE_TIMEOUT", "60s")?,
            max_retries: llm.max_retries,
        })
    }
}

/// Why a transcription failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TranscribeError {
    /// Connection errors, timeouts, 429 and 5xx, after the retries.
    #[error("transcription unavailable: {0}")]
    Unavailable(String),
    /// Any other status: the server will not take this request (format, key, model).
    #[error("transcription refused: {0}")]
    Refused(String),
    /// Over [`MAX_UPLOAD`], or a format no server takes (AMR): not sent.
    #[error("audio not sent: {0}")]
    Unsendable(String),
    /// Nothing was heard (silence).
    #[error("the transcript is empty")]
    Empty,
}

/// An `/audio/transcriptions` client. Cheap to clone.
#[derive(Clone)]
pub struct Transcriber {
    cfg: TranscribeConfig,
    http: reqwest::Client,
    url: String,
}

/// A failed attempt and whether (and when) to try again.
struct Failure {
    error: TranscribeError,
    retry: bool,
    after: Option<Duration>,
}

impl Transcriber {
    pub fn new(cfg: TranscribeConfig) -> Self {
        let http = reqwest::Client::builder()
            .connect_timeout(cfg.timeout.min(Duration::from_secs(5)))
            .build()
            .unwrap_or_default();
        let url = format!("{}/audio/transcriptions", cfg.base_url);
        Transcriber { cfg, http, url }
    }

    pub fn config(&self) -> &TranscribeConfig {
        &self.cfg
    }

    /// The transcript of `audio`, whose MIME type Meta gave as `mime_type`.
    pub async fn transcribe(
        &self,
        audio: Bytes,
        mime_type: &str,
    ) -> Result<String, TranscribeError> {
        let (file_name, part_type) = upload_name(mime_type)?;
        if audio.len() + 4096 > MAX_UPLOAD {
            return Err(TranscribeError::Unsendable(format!(
                "{} bytes is over the 25 MiB upload cap",
                audio.len()
            )));
        }
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(500))
            .with_max_delay(Duration::from_secs(8))
            .with_max_times(self.cfg.max_retries)
            .with_jitter();
        let started = Instant::now();
        let result = (|| self.attempt(audio.clone(), file_name, part_type))
            .retry(backoff)
            .when(|f: &Failure| f.retry)
            .adjust(|f, next| next.map(|d| f.after.unwrap_or(d)))
            .notify(|f, after| warn!(error = %f.error, ?after, "transcription failed; retrying"))
            .await
            .map_err(|f| f.error);
        let outcome = match &result {
            Ok(_) => "ok",
            Err(TranscribeError::Unavailable(_)) => "unavailable",
            Err(TranscribeError::Refused(_)) => "refused",
            Err(TranscribeError::Unsendable(_)) => "unsendable",
            Err(TranscribeError::Empty) => "empty",
        };
        metrics::counter!("baton_transcribe_requests_total", "outcome" => outcome).increment(1);
        metrics::histogram!("baton_transcribe_seconds").record(started.elapsed().as_secs_f64());
        result
    }

    fn form(&self, audio: Bytes, file_name: &'static str, part_type: &str) -> Form {
        let len = audio.len() as u64;
        let file = Part::stream_with_length(reqwest::Body::from(audio), len)
            .file_name(file_name)
            .mime_str(part_type)
            .expect("a valid MIME type");
        let mut form = Form::new()
            .part("file", file)
            .text("model", self.cfg.model.clone())
            .text("response_format", "json")
            .text("temperature", "0");
        if let Some(l) = &self.cfg.language {
            form = form.text("language", l.clone());
        }
        form
    }

    async fn attempt(
        &self,
        audio: Bytes,
        file_name: &'static str,
        part_type: &str,
    ) -> Result<String, Failure> {
        let mut req = self
            .http
            .post(&self.url)
            .timeout(self.cfg.timeout)
            .multipart(self.form(audio, file_name, part_type));
        if let Some(key) = &self.cfg.api_key {
            req = req.bearer_auth(key.expose_secret());
        }
        let resp = req.send().await.map_err(transport)?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let json = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.contains("json"));
        let body = resp.bytes().await.map_err(transport)?;
        if status.is_success() {
            return transcript(&body, json).map_err(|error| Failure {
                error,
                retry: false,
                after: None,
            });
        }
        let text = format!("HTTP {}: {}", status.as_u16(), error_message(&body));
        let after = retry_after(&headers, SystemTime::now());
        let retry = (status.as_u16() == 429 || status.is_server_error())
            && after.is_none_or(|a| a <= GIVE_UP_AFTER);
        warn!(%status, retry, "transcription request failed");
        Err(Failure {
            error: if retry || status.as_u16() == 429 || status.is_server_error() {
                TranscribeError::Unavailable(text)
            } else {
                TranscribeError::Refused(text)
            },
            retry,
            after: after.map(|a| a.min(MAX_SERVER_WAIT)),
        })
    }
}

fn transport(e: reqwest::Error) -> Failure {
    Failure {
        error: TranscribeError::Unavailable(if e.is_timeout() {
            "timed out".to_owned()
        } else {
            format!("transport: {e}")
        }),
        retry: true,
        after: None,
    }
}

/// The upload's file name and part type for Meta's MIME type (§4.1 step 2).
fn upload_name(mime_type: &str) -> Result<(&'static str, &'static str), TranscribeError> {
    let base = mime_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Ok(match base.as_str() {
        "audio/mpeg" | "audio/mp3" => ("voice.mp3", "audio/mpeg"),
        "audio/mp4" | "audio/aac" | "audio/x-m4a" | "audio/m4a" => ("voice.m4a", "audio/mp4"),
        "audio/wav" | "audio/x-wav" | "audio/wave" => ("voice.wav", "audio/wav"),
        "audio/webm" => ("voice.webm", "audio/webm"),
        "audio/flac" => ("voice.flac", "audio/flac"),
        "audio/amr" => {
            return Err(TranscribeError::Unsendable(
                "AMR audio: no transcription server takes it".into(),
            ));
        }
        // `audio/ogg` (WhatsApp voice notes: Opus in Ogg), `audio/opus`, and anything
        // unlabelled: Ogg is what WhatsApp records.
        _ => ("voice.ogg", "audio/ogg"),
    })
}

/// The transcript in a 2xx body: `text` of JSON, else the body itself.
fn transcript(body: &[u8], json: bool) -> Result<String, TranscribeError> {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let text = match parsed {
        Some(v) if v.is_object() => v["text"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| TranscribeError::Refused("a JSON answer without `text`".into()))?,
        _ if json => return Err(TranscribeError::Refused("unreadable JSON answer".into())),
        _ => String::from_utf8_lossy(body).into_owned(),
    };
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("[BLANK_AUDIO]") {
        return Err(TranscribeError::Empty);
    }
    Ok(text.to_owned())
}

/// The message of an error body in any of the shapes servers use (§1.6), truncated.
fn error_message(body: &[u8]) -> String {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let found = [
        v["error"]["message"].as_str(),
        v["error"].as_str(),
        v["detail"].as_str(),
        v["message"].as_str(),
    ]
    .into_iter()
    .flatten()
    .next()
    .map(str::to_owned);
    found
        .unwrap_or_else(|| String::from_utf8_lossy(body).into_owned())
        .chars()
        .take(300)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn voice_notes_go_as_ogg() {
        assert_eq!(
            upload_name("audio/ogg; codecs=opus").unwrap(),
            ("voice.ogg", "audio/ogg")
        );
        assert_eq!(upload_name("audio/opus").unwrap().0, "voice.ogg");
        assert_eq!(upload_name("AUDIO/MPEG").unwrap().0, "voice.mp3");
        assert_eq!(
            upload_name("audio/aac").unwrap(),
            ("voice.m4a", "audio/mp4")
        );
        assert!(upload_name("audio/amr").is_err());
    }

    #[test]
    fn transcripts_in_every_shape() {
        let t = |b: &str, json| transcript(b.as_bytes(), json);
        assert_eq!(
            t(
                r#"{"text":" Hello ","usage":{"type":"duration","seconds":3}}"#,
                true
            )
            .unwrap(),
            "Hello"
        );
        assert_eq!(t("plain words\n", false).unwrap(), "plain words");
        assert!(matches!(
            t(r#"{"text":""}"#, true),
            Err(TranscribeError::Empty)
        ));
        assert!(matches!(
            t("[BLANK_AUDIO]", false),
            Err(TranscribeError::Empty)
        ));
        assert!(matches!(
            t(r#"{"segments":[]}"#, true),
            Err(TranscribeError::Refused(_))
        ));
        assert_eq!(
            error_message(br#"{"detail":"Model 'x' is not installed locally."}"#),
            "Model 'x' is not installed locally."
        );
        assert_eq!(error_message(br#"{"error":{"message":"Unsupported file format oga","code":"unsupported_value"}}"#), "Unsupported file format oga");
        assert_eq!(error_message(b"Invalid request"), "Invalid request");
    }

    #[test]
    fn configuration_follows_the_chat_server() {
        let map = |pairs: &[(&str, &str)]| -> HashMap<String, String> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let llm = LlmConfig::from_lookup(|k| {
            map(&[
                ("OPENAI_BASE_URL", "http://llm:8000/v1"),
                ("OPENAI_API_KEY", "sk-chat"),
            ])
            .get(k)
            .cloned()
        })
        .unwrap();
        let none = map(&[]);
        let c =
            TranscribeConfig::from_env(&Env::new(|k: &str| none.get(k).cloned()), &llm).unwrap();
        assert_eq!(c.base_url, "http://llm:8000/v1");
        assert_eq!(c.api_key.unwrap().expose_secret(), "sk-chat");
        assert_eq!(c.model, "whisper-1");
        assert_eq!(c.timeout, Duration::from_secs(60));
        assert!(c.language.is_none());
        let own = map(&[
            ("TRANSCRIBE_BASE_URL", "http://whisper:8080/v1/"),
            ("TRANSCRIBE_API_KEY", "sk-whisper"),
            ("TRANSCRIBE_MODEL", "Systran/faster-whisper-large-v3"),
            ("TRANSCRIBE_LANGUAGE", "pt"),
            ("TRANSCRIBE_TIMEOUT", "2m"),
        ]);
        let c = TranscribeConfig::from_env(&Env::new(|k: &str| own.get(k).cloned()), &llm).unwrap();
        assert_eq!(c.base_url, "http://whisper:8080/v1");
        assert_eq!(c.api_key.unwrap().expose_secret(), "sk-whisper");
        assert_eq!(c.model, "Systran/faster-whisper-large-v3");
        assert_eq!(c.language.as_deref(), Some("pt"));
        assert_eq!(c.timeout, Duration::from_secs(120));
        for (k, v) in [
            ("TRANSCRIBE_BASE_URL", "whisper:8080"),
            ("TRANSCRIBE_LANGUAGE", "portuguese"),
            ("TRANSCRIBE_TIMEOUT", "60"),
        ] {
            let bad = map(&[(k, v)]);
            let e = TranscribeConfig::from_env(&Env::new(|n: &str| bad.get(n).cloned()), &llm)
                .unwrap_err();
            assert_eq!(e.name, k, "{k}={v}");
        }
    }
}
