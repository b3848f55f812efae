//! The fake LLM's `POST /v1/audio/transcriptions` (`openai-audio-vision.md` §1): parses the
//! `multipart/form-data` upload byte for byte (no multipart library: the fake must see exactly
//! what was sent) and checks it against the spec — a `file` part with a file name whose
//! extension OpenAI accepts (never `.opus` or `.oga`, which its models refuse) and a
//! `Content-Type`, a non-empty `model`, a `response_format` the spec lists, the bearer key.
//! A WAV upload must have consistent RIFF and `data` sizes (what a decoder trusts).
//! Answers `{"text": …}` (the transcript a test set), 503 while down, or — when a test limits
//! the formats it reads, like whisper.cpp without `--convert` reads no Opus — OpenAI's 400
//! `Unsupported file format` for any other extension.

use axum::http::HeaderMap;
use serde_json::json;

use crate::fakes::server::{Answer, Exchange, RecordedRequest};

/// Extensions OpenAI's transcription models accept (§1.3).
const EXTENSIONS: [&str; 9] = [
    "flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm",
];

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormPart {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// One transcription request as received.
#[derive(Clone, Debug)]
pub struct Transcription {
    pub parts: Vec<FormPart>,
    /// The `Authorization: Bearer` key, if any.
    pub key: Option<String>,
}

impl Transcription {
    /// The part named `name`.
    pub fn part(&self, name: &str) -> Option<&FormPart> {
        self.parts.iter().find(|p| p.name == name)
    }

    /// A text field's value.
    pub fn field(&self, name: &str) -> Option<String> {
        self.part(name)
            .map(|p| String::from_utf8_lossy(&p.data).into_owned())
    }
}

/// The transcription side of the fake.
pub struct Audio {
    /// What every transcription answers.
    pub transcript: String,
    /// While down, 503.
    pub down: bool,
    /// The file extensions this server can decode (`None`: all that OpenAI lists).
    pub reads: Option<Vec<String>>,
    pub log: Vec<Transcription>,
}

impl Default for Audio {
    fn default() -> Self {
        Audio {
            transcript: "fake transcript".into(),
            down: false,
            reads: None,
            log: Vec::new(),
        }
    }
}

impl Audio {
    pub fn handle(
        &mut self,
        req: &RecordedRequest,
        ex: &mut Exchange<'_, super::Scripted>,
    ) -> Answer {
        let parts = match boundary(&req.headers).map(|b| parse(&req.body, &b)) {
            Some(Ok(parts)) => parts,
            Some(Err(e)) => {
                ex.violation(format!("transcription: {e}"));
                Vec::new()
            }
            None => {
                ex.violation("transcription: not multipart/form-data with a boundary");
                Vec::new()
            }
        };
        let t = Transcription {
            parts,
            key: req.bearer().map(str::to_owned),
        };
        ex.violations(check(&t));
        let ext = extension(&t);
        self.log.push(t);
        if self.down {
            let body = json!({"error": {"message": "The server is overloaded", "type": "server_error", "param": null, "code": null}});
            return Answer::json(503, body);
        }
        if let Some(reads) = &self.reads
            && !ext.as_ref().is_some_and(|e| reads.contains(e))
        {
            let message = format!("Unsupported file format {}", ext.unwrap_or_default());
            let body = json!({"error": {"message": message, "type": "invalid_request_error", "param": "file", "code": "unsupported_value"}});
            return Answer::json(400, body);
        }
        Answer::json(
            200,
            json!({ "text": self.transcript, "usage": {"type": "duration", "seconds": 3} }),
        )
    }
}

/// The upload's file extension, lowercased.
fn extension(t: &Transcription) -> Option<String> {
    t.part("file")?
        .file_name
        .as_deref()
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
}

/// What is wrong with a WAV upload's header, if anything.
fn wav_problem(data: &[u8]) -> Option<String> {
    if data.len() < 12 || &data[0..4] != b"RIFF" || &data[8..12] != b"WAVE" {
        return Some("not RIFF/WAVE".into());
    }
    let le = |at: usize| u32::from_le_bytes(data[at..at + 4].try_into().unwrap()) as usize;
    if le(4) != data.len() - 8 {
        return Some(format!("RIFF size {} for {} bytes", le(4), data.len()));
    }
    let mut pos = 12;
    while pos + 8 <= data.len() {
        let size = le(pos + 4);
        if &data[pos..pos + 4] == b"data" {
            return (size != data.len() - pos - 8)
                .then(|| format!("data size {size} for {} bytes", data.len() - pos - 8));
        }
        pos += 8 + size + (size & 1);
    }
    Some("no data chunk".into())
}

/// Every way a transcription request breaks the spec.
pub fn check(t: &Transcription) -> Vec<String> {
    let mut v = Vec::new();
    match t.part("file") {
        None => v.push("transcription: no `file` part".into()),
        Some(f) => {
            let ext = extension(t);
            if ext.as_deref() == Some("wav")
                && let Some(p) = wav_problem(&f.data)
            {
                v.push(format!(
                    "transcription: a WAV upload with a broken header: {p}"
                ));
            }
            if !ext.as_deref().is_some_and(|e| EXTENSIONS.contains(&e)) {
                v.push(format!(
                    "transcription: file name {:?} has no extension OpenAI accepts",
                    f.file_name
                ));
            }
            if f.content_type.is_none() {
                v.push("transcription: the file part has no Content-Type".into());
            }
            if f.data.is_empty() {
                v.push("transcription: the file is empty".into());
            }
        }
    }
    if t.field("model").is_none_or(|m| m.trim().is_empty()) {
        v.push("transcription: `model` missing".into());
    }
    let formats = [
        "json",
        "text",
        "srt",
        "verbose_json",
        "vtt",
        "diarized_json",
    ];
    if let Some(f) = t.field("response_format")
        && !formats.contains(&f.as_str())
    {
        v.push(format!("transcription: bad response_format {f:?}"));
    }
    if t.key.as_deref().is_some_and(str::is_empty) {
        v.push("transcription: empty bearer key".into());
    }
    v
}

fn boundary(headers: &HeaderMap) -> Option<String> {
    let ct = headers.get("content-type")?.to_str().ok()?;
    let (mime, params) = ct.split_once(';')?;
    if !mime.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.eq_ignore_ascii_case("boundary"))
        .map(|(_, b)| b.trim_matches('"').to_owned())
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Parses a `multipart/form-data` body (RFC 7578).
pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<FormPart>, String> {
    let delim = format!("--{boundary}").into_bytes();
    let mut at = find(body, &delim, 0).ok_or("no boundary in the body")? + delim.len();
    let mut parts = Vec::new();
    loop {
        if body.get(at..at + 2) == Some(b"--") {
            return Ok(parts);
        }
        if body.get(at..at + 2) != Some(b"\r\n") {
            return Err("a boundary is not followed by CRLF".into());
        }
        at += 2;
        let head_end = find(body, b"\r\n\r\n", at).ok_or("a part without headers' end")?;
        let head = String::from_utf8_lossy(&body[at..head_end]).into_owned();
        let data_start = head_end + 4;
        let mut next = delim.clone();
        next.splice(0..0, *b"\r\n");
        let data_end = find(body, &next, data_start).ok_or("a part without a closing boundary")?;
        parts.push(part(&head, body[data_start..data_end].to_vec())?);
        at = data_end + next.len();
    }
}

fn part(head: &str, data: Vec<u8>) -> Result<FormPart, String> {
    let mut name = None;
    let mut file_name = None;
    let mut content_type = None;
    for line in head.split("\r\n") {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        match k.trim().to_ascii_lowercase().as_str() {
            "content-disposition" => {
                for p in v.split(';').skip(1) {
                    if let Some((pk, pv)) = p.trim().split_once('=') {
                        let pv = pv.trim_matches('"').to_owned();
                        match pk.trim() {
                            "name" => name = Some(pv),
                            "filename" => file_name = Some(pv),
                            _ => {}
                        }
                    }
                }
            }
            "content-type" => content_type = Some(v.trim().to_owned()),
            _ => {}
        }
    }
    Ok(FormPart {
        name: name.ok_or("a part without a name")?,
        file_name,
        content_type,
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_a_client_sends() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"voice.ogg\"\r\nContent-Type: audio/ogg\r\n\r\nOggS\r\n\x00\x01\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--XyZ--\r\n";
        let parts = parse(body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].file_name.as_deref(), Some("voice.ogg"));
        assert_eq!(parts[0].content_type.as_deref(), Some("audio/ogg"));
        assert_eq!(parts[0].data, b"OggS\r\n\x00\x01");
        let t = Transcription {
            parts,
            key: Some("k".into()),
        };
        assert_eq!(t.field("model").as_deref(), Some("whisper-1"));
        assert!(check(&t).is_empty(), "{:?}", check(&t));
        let mut opus = t.clone();
        opus.parts[0].file_name = Some("voice.opus".into());
        assert_eq!(check(&opus).len(), 1);
        assert!(parse(b"garbage", "XyZ").is_err());
    }
}
