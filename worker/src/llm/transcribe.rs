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
//! - Servers that cannot decode the upload (whisper.cpp without `--convert` and Ollama take no
//!   Opus; some OpenAI models refuse some containers) get 16 kHz mono WAV made by `ffmpeg`
//!   (§4.1 steps 3 and 6, `TRANSCRIBE_TRANSCODE`): `on_error` (default) converts and tries
//!   once more when the server answers a format error (400/415/422/500 whose message says
//!   format, decode, unsupported, corrupted, or whisper.cpp's "Invalid request"); `always`
//!   converts before sending; `never` sends what WhatsApp gave. AMR, which no server takes,
//!   is converted unless `never`. `ffmpeg` (`FFMPEG_PATH`) reads the audio from a pipe and
//!   writes the WAV to one — nothing is written to disk — and is killed after
//!   `TRANSCRIBE_TIMEOUT`; a conversion that fails is [`TranscribeError::Unsendable`].
//!
//! Configuration ([`TranscribeConfig`]): `TRANSCRIBE_BASE_URL`, `TRANSCRIBE_API_KEY` and
//! `TRANSCRIBE_MODEL` default to the chat server (`OPENAI_BASE_URL`, `OPENAI_API_KEY`) and
//! `whisper-1`; `TRANSCRIBE_LANGUAGE` (ISO-639-1 hint), `TRANSCRIBE_TIMEOUT` (default `60s`:
//! self-hosted servers load their model on the first call), `TRANSCRIBE_TRANSCODE` and
//! `FFMPEG_PATH` (default `ffmpeg`). Audio and transcripts are never
//! logged. Metrics: `baton_transcribe_requests_total{outcome}`, `baton_transcribe_seconds`.

use std::time::{Duration, Instant, SystemTime};

use backon::{ExponentialBuilder, Retryable};
use baton_shared::config::{ConfigError, Env};
use bytes::Bytes;
use reqwest::multipart::{Form, Part};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tracing::warn;

use super::client::{GIVE_UP_AFTER, MAX_SERVER_WAIT, retry_after, server_message};
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
    /// `TRANSCRIBE_TRANSCODE`: when to convert the audio to WAV first.
    pub transcode: Transcode,
    /// `FFMPEG_PATH`, default `ffmpeg` (looked up on `PATH`); used only when converting.
    pub ffmpeg: String,
}

/// When to convert a voice note to 16 kHz mono WAV before sending it (`TRANSCRIBE_TRANSCODE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transcode {
    /// Send what WhatsApp gave (AMR is then refused).
    Never,
    /// Convert and try once more when the server cannot read the audio (default).
    OnError,
    /// Always convert (Ollama, whisper.cpp without `--convert`).
    Always,
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
            transcode: match env.or("TRANSCRIBE_TRANSCODE", "on_error").as_str() {
                "never" => Transcode::Never,
                "on_error" => Transcode::OnError,
                "always" => Transcode::Always,
                other => {
                    return Err(ConfigError::new(
                        "TRANSCRIBE_TRANSCODE",
                        format!("{other:?}: expected never, on_error or always"),
                    ));
                }
            },
            ffmpeg: env.or("FFMPEG_PATH", "ffmpeg"),
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
    /// The server could not read the audio (a WAV may do).
    format: bool,
}

/// The upload of a conversion.
const WAV: (&str, &str) = ("voice.wav", "audio/wav");

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
        let started = Instant::now();
        let result = self.transcribe_inner(audio, mime_type).await;
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

    async fn transcribe_inner(
        &self,
        audio: Bytes,
        mime_type: &str,
    ) -> Result<String, TranscribeError> {
        let mode = self.cfg.transcode;
        let upload = match upload_name(mime_type) {
            Ok(name) if mode != Transcode::Always => Some(name),
            Err(e) if mode == Transcode::Never => return Err(e),
            _ => None,
        };
        let Some((file_name, part_type)) = upload else {
            let wav = self.to_wav(&audio).await?;
            return self.send(wav, WAV).await.map_err(|f| f.error);
        };
        match self.send(audio.clone(), (file_name, part_type)).await {
            Err(f) if f.format && mode == Transcode::OnError => {
                warn!(error = %f.error, "the transcription server could not read the audio; converting it to WAV and trying again");
                let wav = self.to_wav(&audio).await?;
                self.send(wav, WAV).await.map_err(|f| f.error)
            }
            result => result.map_err(|f| f.error),
        }
    }

    /// Sends one upload, retrying transient failures.
    async fn send(
        &self,
        audio: Bytes,
        (file_name, part_type): (&'static str, &'static str),
    ) -> Result<String, Failure> {
        if audio.len() + 4096 > MAX_UPLOAD {
            return Err(Failure {
                error: TranscribeError::Unsendable(format!(
                    "{} bytes is over the 25 MiB upload cap",
                    audio.len()
                )),
                retry: false,
                after: None,
                format: false,
            });
        }
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(500))
            .with_max_delay(Duration::from_secs(8))
            .with_max_times(self.cfg.max_retries)
            .with_jitter();
        (|| self.attempt(audio.clone(), file_name, part_type))
            .retry(backoff)
            .when(|f: &Failure| f.retry)
            .adjust(|f, next| next.map(|d| f.after.unwrap_or(d)))
            .notify(|f, after| warn!(error = %f.error, ?after, "transcription failed; retrying"))
            .await
    }

    /// 16 kHz mono 16-bit WAV of `audio`, made by `ffmpeg` through pipes.
    async fn to_wav(&self, audio: &Bytes) -> Result<Bytes, TranscribeError> {
        use std::process::Stdio;
        use tokio::io::AsyncWriteExt;
        let unsendable = |what: String| TranscribeError::Unsendable(what);
        let mut child = tokio::process::Command::new(&self.cfg.ffmpeg)
            .args(FFMPEG_ARGS)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                unsendable(format!("ffmpeg ({}) could not start: {e}", self.cfg.ffmpeg))
            })?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let input = audio.clone();
        // Written from another task: ffmpeg starts writing before it has read everything.
        let feed = tokio::spawn(async move {
            let _ = stdin.write_all(&input).await;
        });
        let output = tokio::time::timeout(self.cfg.timeout, child.wait_with_output())
            .await
            .map_err(|_| unsendable("ffmpeg took too long".into()))?
            .map_err(|e| unsendable(format!("ffmpeg: {e}")))?;
        feed.abort();
        if !output.status.success() {
            let why = String::from_utf8_lossy(&output.stderr);
            let why = why.lines().next().unwrap_or("no message").chars().take(200);
            return Err(unsendable(format!(
                "ffmpeg could not convert the audio ({}): {}",
                output.status,
                why.collect::<String>()
            )));
        }
        let mut wav = output.stdout;
        fix_wav_sizes(&mut wav).map_err(|e| unsendable(format!("ffmpeg's output: {e}")))?;
        Ok(Bytes::from(wav))
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
                format: false,
            });
        }
        let message = error_message(&body);
        let text = format!("HTTP {}: {message}", status.as_u16());
        if is_format_error(status.as_u16(), &message) {
            warn!(%status, "the transcription server could not read the audio");
            return Err(Failure {
                error: TranscribeError::Refused(text),
                retry: false,
                after: None,
                format: true,
            });
        }
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
            format: false,
        })
    }
}

/// `ffmpeg`'s arguments: the audio on stdin, 16 kHz mono 16-bit PCM WAV on stdout (§4.1).
pub const FFMPEG_ARGS: [&str; 15] = [
    "-hide_banner",
    "-loglevel",
    "error",
    "-i",
    "pipe:0",
    "-vn",
    "-ar",
    "16000",
    "-ac",
    "1",
    "-c:a",
    "pcm_s16le",
    "-f",
    "wav",
    "pipe:1",
];

/// A server's answer meaning "I cannot read this audio" (§4.1 step 6).
fn is_format_error(status: u16, message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    matches!(status, 400 | 415 | 422 | 500)
        && [
            "format",
            "decode",
            "unsupported",
            "corrupted",
            "invalid request",
        ]
        .iter()
        .any(|w| m.contains(w))
}

/// Writes the RIFF and `data` sizes of a WAV that `ffmpeg` streamed to a pipe (it cannot seek
/// back to fill them in, and some servers' decoders trust them).
pub fn fix_wav_sizes(wav: &mut [u8]) -> Result<(), String> {
    if wav.len() < 12 || &wav[0..4] != b"RIFF" || &wav[8..12] != b"WAVE" {
        return Err("not a WAV file".into());
    }
    let total = wav.len();
    let size = |n: usize| u32::try_from(n).map(u32::to_le_bytes);
    wav[4..8].copy_from_slice(&size(total - 8).map_err(|_| "over 4 GiB")?);
    let mut pos = 12;
    while pos + 8 <= total {
        if &wav[pos..pos + 4] == b"data" {
            wav[pos + 4..pos + 8]
                .copy_from_slice(&size(total - pos - 8).map_err(|_| "over 4 GiB")?);
            return Ok(());
        }
        let chunk = u32::from_le_bytes(wav[pos + 4..pos + 8].try_into().expect("4 bytes")) as usize;
        pos = pos.saturating_add(8 + chunk + (chunk & 1));
    }
    Err("no data chunk".into())
}

fn transport(e: reqwest::Error) -> Failure {
    Failure {
        format: false,
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
    let base = baton_shared::media::base_mime(mime_type);
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
    server_message(&v)
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
    fn a_streamed_wav_gets_its_sizes() {
        let mut wav = b"RIFF\xff\xff\xff\xffWAVEfmt \x10\x00\x00\x00".to_vec();
        wav.extend([0u8; 16]);
        wav.extend(b"LIST\x04\x00\x00\x00INFO");
        wav.extend(b"data\xff\xff\xff\xff");
        wav.extend([7u8; 10]);
        fix_wav_sizes(&mut wav).unwrap();
        let le = |at: usize| u32::from_le_bytes(wav[at..at + 4].try_into().unwrap());
        assert_eq!(le(4) as usize, wav.len() - 8);
        assert_eq!(le(52), 10, "the data chunk after fmt and LIST");
        assert!(fix_wav_sizes(&mut b"OggS\x00\x02 not a wav".to_vec()).is_err());
        assert!(fix_wav_sizes(&mut b"RIFF\x00\x00\x00\x00WAVE".to_vec()).is_err());
    }

    #[test]
    fn format_errors_are_told_from_other_refusals() {
        assert!(is_format_error(400, "Unsupported file format oga"));
        assert!(is_format_error(400, "Invalid request"));
        assert!(is_format_error(500, "failed to decode audio"));
        assert!(is_format_error(
            422,
            "Audio file might be corrupted or unsupported"
        ));
        assert!(!is_format_error(401, "Unsupported file format ogg"));
        assert!(!is_format_error(400, "model not found"));
        assert!(!is_format_error(503, "The server is overloaded"));
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
        assert_eq!(c.transcode, Transcode::OnError);
        assert_eq!(c.ffmpeg, "ffmpeg");
        let own = map(&[
            ("TRANSCRIBE_BASE_URL", "http://whisper:8080/v1/"),
            ("TRANSCRIBE_API_KEY", "sk-whisper"),
            ("TRANSCRIBE_MODEL", "Systran/faster-whisper-large-v3"),
            ("TRANSCRIBE_LANGUAGE", "pt"),
            ("TRANSCRIBE_TIMEOUT", "2m"),
            ("TRANSCRIBE_TRANSCODE", "always"),
            ("FFMPEG_PATH", "/opt/ffmpeg/bin/ffmpeg"),
        ]);
        let c = TranscribeConfig::from_env(&Env::new(|k: &str| own.get(k).cloned()), &llm).unwrap();
        assert_eq!(c.base_url, "http://whisper:8080/v1");
        assert_eq!(c.api_key.unwrap().expose_secret(), "sk-whisper");
        assert_eq!(c.model, "Systran/faster-whisper-large-v3");
        assert_eq!(c.language.as_deref(), Some("pt"));
        assert_eq!(c.timeout, Duration::from_secs(120));
        assert_eq!(c.transcode, Transcode::Always);
        assert_eq!(c.ffmpeg, "/opt/ffmpeg/bin/ffmpeg");
        for (k, v) in [
            ("TRANSCRIBE_TRANSCODE", "sometimes"),
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
