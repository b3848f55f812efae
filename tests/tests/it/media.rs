//! Voice notes and photos end to end: real broker, Redis, ingress and worker; the fake Graph
//! API serves the media (id → URL → bytes, with the token) and the fake LLM transcribes
//! (`/audio/transcriptions`, multipart checked byte for byte) and answers, or refuses images
//! like a text-only model. The last test opens the web console in headless Chromium (skipped
//! when Chromium is not installed outside CI).

use std::time::Duration;

use base64::Engine as _;
use baton_shared::state::{HandoffReason, Owner, Speaker};
use baton_tests::console::Auth;
use baton_tests::fakes::graph::MediaRequest;
use baton_tests::fakes::llm::has_image;
use baton_tests::world::{NUMBER, PHONE, World};
use baton_tests::{eventually, webhooks};
use serde_json::Value;

/// An Ogg page header and some bytes: what a voice note's upload starts with.
const OGG: &[u8] =
    b"OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03OpusHead\x01\x01\x38\x01";
/// A JPEG's first bytes (SOI, APP0/JFIF) and a body.
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9";

fn customer_line<'a>(
    transcript: &'a [baton_worker::conversation::state::transcript::Entry],
    id: &str,
) -> &'a baton_worker::conversation::state::transcript::Entry {
    transcript
        .iter()
        .find(|e| e.id == id && e.role == Speaker::Customer)
        .unwrap_or_else(|| panic!("no transcript line {id}: {transcript:?}"))
}

/// The `content` of the request's last user message.
fn last_user(request: &Value) -> Value {
    request["messages"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["role"] == "user")
        .map(|m| m["content"].clone())
        .unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread")]
async fn media_a_voice_note_is_heard_and_answered() {
    let w = World::start("media-voice", true, &[]).await;
    w.graph
        .add_media("880000000000001", "audio/ogg; codecs=opus", OGG);
    w.llm
        .set_transcript("Hi, my order #ORD-22 hasn't arrived yet");
    // The first download URL has expired by the time it is fetched: looked up again.
    w.graph.expire_next_urls(1);
    let body = webhooks::voice_note(NUMBER, PHONE, "wamid.V1", "880000000000001");
    assert_eq!(w.env.post_signed(&body).await, 200);
    let texts = w.wait_texts(1).await;
    assert!(
        texts[0].contains("ORD-22"),
        "answered what was said: {texts:?}"
    );

    // Downloaded with the access token: id → URL (404: expired) → id → URL → bytes.
    let kinds: Vec<(&str, u16)> = w
        .graph
        .media_requests()
        .iter()
        .map(|r: &MediaRequest| (r.kind, r.status))
        .collect();
    assert_eq!(
        kinds,
        [
            ("lookup", 200),
            ("download", 404),
            ("lookup", 200),
            ("download", 200)
        ]
    );
    assert!(w.graph.media_requests().iter().all(|r| r.with_token));

    // The transcription request: multipart, `voice.ogg` as `audio/ogg`, the bytes as
    // downloaded, the default model, JSON, the chat server's key.
    let calls = w.llm.transcriptions();
    assert_eq!(calls.len(), 1, "transcribed once");
    let t = &calls[0];
    let file = t.part("file").expect("a file part");
    assert_eq!(file.file_name.as_deref(), Some("voice.ogg"));
    assert_eq!(file.content_type.as_deref(), Some("audio/ogg"));
    assert_eq!(file.data, OGG);
    assert_eq!(t.field("model").as_deref(), Some("whisper-1"));
    assert_eq!(t.field("response_format").as_deref(), Some("json"));
    assert_eq!(t.key.as_deref(), Some("sk-test"));

    // The transcript is the message: in the prompt (marked), in the transcript (marked), in
    // the console, in memory.
    let prompt = w.llm.requests();
    assert_eq!(
        last_user(prompt.first().unwrap()),
        "[voice note, transcribed] Hi, my order #ORD-22 hasn't arrived yet"
    );
    let transcript = w.transcript().await;
    let line = customer_line(&transcript, "wamid.V1");
    assert_eq!(line.text, "Hi, my order #ORD-22 hasn't arrived yet");
    let media = line.media.as_ref().expect("the line names its media");
    assert!(media.transcribed && media.voice);
    assert_eq!(media.id, "880000000000001");
    let detail = w.agent("maria").detail(PHONE).await.ok();
    let turn = detail
        .transcript
        .iter()
        .find(|t| t.id == "wamid.V1")
        .unwrap();
    assert!(turn.media.as_ref().is_some_and(|m| m.transcribed));
    let synap = w.synap.as_ref().unwrap();
    let remembered = eventually(Duration::from_secs(15), || async {
        serde_json::to_string(&synap.messages())
            .unwrap()
            .contains("[voice note, transcribed] Hi, my order #ORD-22")
    })
    .await;
    assert!(
        remembered,
        "memory has the transcript: {:?}",
        synap.messages()
    );
    w.finish().await;
}

/// The handoff detectors read the transcript: asking for a person out loud hands off before
/// any model call, and the human sees what was said.
#[tokio::test(flavor = "multi_thread")]
async fn media_a_spoken_ask_for_a_person_hands_off() {
    let w = World::start("media-spoken-ask", false, &[]).await;
    w.graph
        .add_media("880000000000005", "audio/ogg; codecs=opus", OGG);
    w.llm.set_transcript("I want to talk to a person please");
    let body = webhooks::voice_note(NUMBER, PHONE, "wamid.V5", "880000000000005");
    assert_eq!(w.env.post_signed(&body).await, 200);
    let handoff = w.wait_console("handoff").await;
    assert_eq!(handoff["reason"], "customer_asked");
    assert!(
        w.llm.requests().is_empty(),
        "the detector decided, not the model"
    );
    assert_eq!(w.owner().await.owner, Owner::PendingHuman);
    let detail = w.agent("maria").detail(PHONE).await.ok();
    let evidence = detail.handoff.and_then(|h| h.evidence).unwrap_or_default();
    assert!(!evidence.is_empty(), "the matched words are shown");
    w.finish().await;
}

/// A retry of the event (its reply's send failed for good on the first run) resumes from the
/// journal: the voice note is not downloaded or transcribed again, the model is asked once,
/// the customer gets one answer.
#[tokio::test(flavor = "multi_thread")]
async fn media_a_retried_voice_note_is_not_transcribed_again() {
    let w = World::start("media-retry", false, &[]).await;
    w.graph
        .add_media("880000000000004", "audio/ogg; codecs=opus", OGG);
    w.llm.set_transcript("what are your opening hours?");
    // The client tries 3 times per send: the first step run's reply fails for good.
    w.graph.fail_next(2, 503, 3);
    let body = webhooks::voice_note(NUMBER, PHONE, "wamid.V4", "880000000000004");
    assert_eq!(w.env.post_signed(&body).await, 200);
    w.wait_done(&["wamid.V4"]).await;
    assert_eq!(w.wait_texts(1).await.len(), 1);
    assert_eq!(w.texts().len(), 1, "one answer: {:?}", w.texts());
    let refused = w
        .graph
        .requests()
        .iter()
        .filter(|r| r.failed_with.is_some())
        .count();
    assert_eq!(
        refused, 3,
        "the first run's reply failed for good: the event was retried"
    );
    assert_eq!(w.llm.transcriptions().len(), 1, "transcribed once");
    assert_eq!(w.llm.requests().len(), 1, "one model call");
    let downloads = w
        .graph
        .media_requests()
        .iter()
        .filter(|r| r.kind == "download")
        .count();
    assert_eq!(downloads, 1, "downloaded once");
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn media_transcription_down_asks_the_customer_to_type() {
    let w = World::start("media-deaf", false, &[("LLM_MAX_RETRIES", "1")]).await;
    w.graph
        .add_media("880000000000002", "audio/ogg; codecs=opus", OGG);
    w.llm.set_transcription_down(true);
    let body = webhooks::voice_note(NUMBER, PHONE, "wamid.V2", "880000000000002");
    assert_eq!(w.env.post_signed(&body).await, 200);
    let texts = w.wait_texts(1).await;
    assert_eq!(
        texts,
        ["Sorry, I couldn't listen to your voice message. Could you type it for me, please?"]
    );
    assert_eq!(
        w.llm.transcriptions().len(),
        2,
        "one retry, then the polite ask"
    );
    assert!(
        w.llm.requests().is_empty(),
        "no model turn on nothing heard"
    );
    assert_eq!(
        w.owner().await.owner,
        Owner::Ai,
        "the AI keeps the conversation"
    );
    let transcript = w.transcript().await;
    let line = customer_line(&transcript, "wamid.V2");
    assert_eq!(line.text, "[voice note]");
    assert!(!line.media.as_ref().unwrap().transcribed);
    w.finish().await;
}

/// A stand-in for `ffmpeg` (no container of this machine has it by default): checks that it is
/// called with the arguments of §4.1 and writes, like the real one on a pipe, a WAV whose
/// RIFF and `data` sizes are unknown (`0xFFFFFFFF`), with the input as its samples.
fn stand_in_ffmpeg(name: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::temp_dir().join(format!("{name}-{}-ffmpeg", std::process::id()));
    let args = baton_worker::llm::transcribe::FFMPEG_ARGS.join(" ");
    let script = format!(
        "#!/bin/sh\n[ \"$*\" = \"{args}\" ] || {{ echo \"unexpected arguments: $*\" >&2; exit 2; }}\n\
         printf 'RIFF\\377\\377\\377\\377WAVEfmt \\020\\000\\000\\000\\001\\000\\001\\000\\200\\076\\000\\000\\000\\175\\000\\000\\002\\000\\020\\000data\\377\\377\\377\\377'\ncat\n"
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A transcription server that reads no Opus (whisper.cpp without `--convert`, Ollama)
/// refuses the voice note's format: it is converted to 16 kHz mono WAV through `ffmpeg` and
/// sent once more (`TRANSCRIBE_TRANSCODE=on_error`, the default), with sizes a decoder can
/// trust, and the customer is answered from it.
#[tokio::test(flavor = "multi_thread")]
async fn media_a_voice_note_the_server_cannot_read_is_converted_to_wav() {
    let ffmpeg = stand_in_ffmpeg("media-wav");
    let w = World::start(
        "media-wav",
        false,
        &[("FFMPEG_PATH", ffmpeg.to_str().unwrap())],
    )
    .await;
    w.graph
        .add_media("880000000000006", "audio/ogg; codecs=opus", OGG);
    w.llm.set_transcription_reads(Some(&["wav"]));
    w.llm.set_transcript("Where is my order #ORD-22?");
    let body = webhooks::voice_note(NUMBER, PHONE, "wamid.V6", "880000000000006");
    assert_eq!(w.env.post_signed(&body).await, 200);
    let texts = w.wait_texts(1).await;
    assert!(
        texts[0].contains("ORD-22"),
        "answered what was said: {texts:?}"
    );
    let calls = w.llm.transcriptions();
    let files: Vec<_> = calls
        .iter()
        .map(|t| {
            let f = t.part("file").unwrap();
            (
                f.file_name.clone().unwrap(),
                f.content_type.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            ("voice.ogg".to_owned(), "audio/ogg".to_owned()),
            ("voice.wav".to_owned(), "audio/wav".to_owned())
        ],
        "the voice note as WhatsApp gave it, refused, then converted, once"
    );
    let wav = &calls[1].part("file").unwrap().data;
    assert_eq!(&wav[44..], OGG, "ffmpeg was given the downloaded bytes");
    let le = |at: usize| u32::from_le_bytes(wav[at..at + 4].try_into().unwrap()) as usize;
    assert_eq!((le(4), le(40)), (wav.len() - 8, OGG.len()), "sizes written");
    let transcript = w.transcript().await;
    assert_eq!(
        customer_line(&transcript, "wamid.V6").text,
        "Where is my order #ORD-22?"
    );
    let _ = std::fs::remove_file(&ffmpeg);
    w.finish().await;
}

/// The same with Debian's real `ffmpeg` (installed by `scripts/browser`; skipped outside CI
/// when missing): a real Ogg/Opus voice note becomes a WAV a strict decoder accepts — 16 kHz,
/// mono, 16-bit, with its sizes written although ffmpeg streamed it to a pipe.
#[tokio::test(flavor = "multi_thread")]
async fn media_a_real_voice_note_is_converted_by_ffmpeg() {
    let made = std::process::Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i"])
        .args([
            "sine=frequency=440:duration=1",
            "-c:a",
            "libopus",
            "-f",
            "ogg",
            "pipe:1",
        ])
        .output();
    let ogg = match made {
        Ok(out) if out.status.success() => out.stdout,
        other => {
            let msg = format!("ffmpeg with libopus is not installed ({other:?})");
            assert!(std::env::var_os("CI").is_none(), "{msg}");
            eprintln!("SKIPPED media_a_real_voice_note_is_converted_by_ffmpeg: {msg}");
            return;
        }
    };
    let w = World::start("media-ffmpeg", false, &[("TRANSCRIBE_TRANSCODE", "always")]).await;
    w.graph
        .add_media("880000000000008", "audio/ogg; codecs=opus", &ogg);
    w.llm.set_transcription_reads(Some(&["wav"]));
    w.llm.set_transcript("Where is my order #ORD-22?");
    let body = webhooks::voice_note(NUMBER, PHONE, "wamid.V8", "880000000000008");
    assert_eq!(w.env.post_signed(&body).await, 200);
    let texts = w.wait_texts(1).await;
    assert!(texts[0].contains("ORD-22"), "{texts:?}");
    let calls = w.llm.transcriptions();
    assert_eq!(calls.len(), 1, "converted before sending (always)");
    let wav = &calls[0].part("file").unwrap().data;
    let le16 = |at: usize| u16::from_le_bytes(wav[at..at + 2].try_into().unwrap());
    let le32 = |at: usize| u32::from_le_bytes(wav[at..at + 4].try_into().unwrap());
    assert_eq!(&wav[12..16], b"fmt ");
    assert_eq!(
        (le16(20), le16(22), le32(24), le16(34)),
        (1, 1, 16_000, 16),
        "PCM, mono, 16 kHz, 16-bit"
    );
    // One second of 16 kHz 16-bit mono, give or take the codec's padding.
    assert!((30_000..34_000).contains(&wav.len()), "{} bytes", wav.len());
    w.finish().await; // the fake checked the RIFF and data sizes
}

/// With `TRANSCRIBE_TRANSCODE=never` nothing is converted: the refusal stands and the customer
/// is asked to type; with an `ffmpeg` that fails, the same.
#[tokio::test(flavor = "multi_thread")]
async fn media_no_conversion_when_never_or_when_ffmpeg_fails() {
    for (name, env) in [
        ("media-never", [("TRANSCRIBE_TRANSCODE", "never")]),
        ("media-noffmpeg", [("FFMPEG_PATH", "/nonexistent/ffmpeg")]),
    ] {
        let w = World::start(name, false, &env).await;
        w.graph
            .add_media("880000000000007", "audio/ogg; codecs=opus", OGG);
        w.llm.set_transcription_reads(Some(&["wav"]));
        let body = webhooks::voice_note(NUMBER, PHONE, "wamid.V7", "880000000000007");
        assert_eq!(w.env.post_signed(&body).await, 200);
        let texts = w.wait_texts(1).await;
        assert_eq!(
            texts,
            ["Sorry, I couldn't listen to your voice message. Could you type it for me, please?"],
            "{name}"
        );
        assert_eq!(
            w.llm.transcriptions().len(),
            1,
            "{name}: a format error is not retried"
        );
        w.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn media_an_untranscribable_voice_note_can_hand_off() {
    let w = World::start(
        "media-deaf-handoff",
        false,
        &[
            ("TRANSCRIBE_ON_FAILURE", "handoff"),
            ("LLM_MAX_RETRIES", "0"),
        ],
    )
    .await;
    w.graph
        .add_media("880000000000003", "audio/ogg; codecs=opus", OGG);
    w.llm.set_transcription_down(true);
    let body = webhooks::voice_note(NUMBER, PHONE, "wamid.V3", "880000000000003");
    assert_eq!(w.env.post_signed(&body).await, 200);
    let handoff = w.wait_console("handoff").await;
    assert_eq!(handoff["reason"], "ai_failure");
    assert_eq!(w.owner().await.owner, Owner::PendingHuman);
    let detail = w.agent("maria").detail(PHONE).await.ok();
    assert_eq!(
        detail.handoff.map(|h| h.reason),
        Some(HandoffReason::AiFailure)
    );
    assert!(w.wait_texts(1).await[0].contains("teammate"));
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn media_a_photo_goes_to_the_model_beside_its_caption() {
    let w = World::start("media-photo", false, &[]).await;
    w.graph.add_media("990000000000001", "image/jpeg", JPEG);
    let body = webhooks::image(
        NUMBER,
        PHONE,
        "wamid.P1",
        "990000000000001",
        Some("Is this box damaged?"),
    );
    assert_eq!(w.env.post_signed(&body).await, 200);
    w.wait_texts(1).await;
    let requests = w.llm.requests();
    let content = last_user(&requests[0]);
    assert_eq!(content[0]["type"], "text");
    assert!(
        content[0]["text"]
            .as_str()
            .unwrap()
            .contains("Is this box damaged?"),
        "{content}"
    );
    let b64 = base64::engine::general_purpose::STANDARD.encode(JPEG);
    assert_eq!(content[1]["type"], "image_url");
    assert_eq!(
        content[1]["image_url"]["url"],
        format!("data:image/jpeg;base64,{b64}")
    );
    assert!(w.graph.media_requests().iter().all(|r| r.with_token));
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn media_a_model_without_vision_answers_from_the_caption() {
    let w = World::start("media-blind", false, &[]).await;
    w.llm.set_vision(false);
    w.graph.add_media("990000000000002", "image/jpeg", JPEG);
    w.graph.add_media("990000000000003", "image/jpeg", JPEG);
    let body = webhooks::image(
        NUMBER,
        PHONE,
        "wamid.P2",
        "990000000000002",
        Some("my order #ORD-22 arrived like this"),
    );
    assert_eq!(w.env.post_signed(&body).await, 200);
    let texts = w.wait_texts(1).await;
    assert!(
        texts[0].contains("ORD-22"),
        "answered from the caption: {texts:?}"
    );
    assert_eq!(w.llm.image_refusals(), 1, "refused once");
    let answered = w.llm.requests().last().cloned().unwrap();
    assert!(!has_image(&answered));
    let said = last_user(&answered).to_string();
    assert!(
        said.contains("my order #ORD-22 arrived like this") && said.contains("cannot view images"),
        "{said}"
    );

    // The next turn carries no image, and the refusal is remembered: a new photo is not sent.
    w.say("wamid.P3", "hello?").await;
    w.wait_texts(2).await;
    let body = webhooks::image(
        NUMBER,
        PHONE,
        "wamid.P4",
        "990000000000003",
        Some("and this one"),
    );
    assert_eq!(w.env.post_signed(&body).await, 200);
    w.wait_texts(3).await;
    let requests = w.llm.requests();
    let after: Vec<&Value> = requests
        .iter()
        .skip_while(|r| !has_image(r))
        .skip(1)
        .collect();
    assert!(
        after.len() >= 3,
        "{} requests after the refusal",
        after.len()
    );
    assert!(
        after.iter().all(|r| !has_image(r)),
        "no image replayed or sent again"
    );
    assert_eq!(w.llm.image_refusals(), 1, "never refused again");
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn media_the_console_route_needs_a_token() {
    let w = World::start("media-console", false, &[]).await;
    w.graph.add_media("990000000000004", "image/jpeg", JPEG);
    w.graph
        .add_media("990000000000005", "text/html", b"<script>alert(1)</script>");
    let body = webhooks::image(NUMBER, PHONE, "wamid.P5", "990000000000004", None);
    assert_eq!(w.env.post_signed(&body).await, 200);
    w.wait_done(&["wamid.P5"]).await;
    let maria = w.agent("maria");

    let (status, _, _) = maria.with(Auth::None).media(PHONE, "990000000000004").await;
    assert_eq!(status, 401, "no token, no media");
    let (status, _, _) = maria
        .with(Auth::Bearer("not-a-token".into()))
        .media(PHONE, "990000000000004")
        .await;
    assert_eq!(status, 401);
    let before = w.graph.media_requests().len();
    let (status, headers, bytes) = maria.media(PHONE, "990000000000004").await;
    assert_eq!(status, 200);
    assert_eq!(&bytes[..], JPEG, "Meta's bytes, proxied");
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(
        headers["content-security-policy"],
        "default-src 'none'; sandbox"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let fetched = &w.graph.media_requests()[before..];
    assert!(!fetched.is_empty() && fetched.iter().all(|r| r.with_token));
    // Only media this conversation's transcript names.
    let (status, _, _) = maria.media(PHONE, "990000000000005").await;
    assert_eq!(status, 404);
    w.finish().await;
}

/// A valid 1×1 PNG (the browser must decode what the console's media route serves).
const PNG_B64: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

#[tokio::test(flavor = "multi_thread")]
async fn media_the_page_has_the_voice_notes_player_and_shows_the_photo() {
    use baton_tests::browser::Browser;
    let Some(b) = Browser::start("media-browser").await else {
        return;
    };
    let w = World::start("media-browser", false, &[]).await;
    let png = base64::engine::general_purpose::STANDARD
        .decode(PNG_B64)
        .unwrap();
    w.graph
        .add_media("880000000000009", "audio/ogg; codecs=opus", OGG);
    w.graph.add_media("990000000000009", "image/png", &png);
    w.llm.set_transcript("do you deliver on sundays?");
    let voice = webhooks::voice_note(NUMBER, PHONE, "wamid.B1", "880000000000009");
    assert_eq!(w.env.post_signed(&voice).await, 200);
    let photo = webhooks::image(
        NUMBER,
        PHONE,
        "wamid.B2",
        "990000000000009",
        Some("this one"),
    );
    assert_eq!(w.env.post_signed(&photo).await, 200);
    w.wait_done(&["wamid.B1", "wamid.B2"]).await;

    b.client
        .goto(&format!(
            "{}/console#/c/{NUMBER}/{PHONE}",
            w.env.ingress_url()
        ))
        .await
        .expect("open /console");
    b.type_into("#token", baton_tests::world::AGENTS[0].1).await;
    b.click("#login-submit").await;
    let wait = Duration::from_secs(20);
    let voice_line = "#transcript li.customer[data-id=\"wamid.B1\"]";
    b.wait_text(
        "the transcript, marked",
        &format!("{voice_line} .transcribed"),
        wait,
        |t| t == "transcribed",
    )
    .await;
    assert_eq!(
        b.text(&format!("{voice_line} .text")).await.as_deref(),
        Some("do you deliver on sundays?")
    );
    let src = b
        .run(&format!(
            "return document.querySelector('{} audio.media').getAttribute('src')",
            voice_line.replace('\'', "\\'")
        ))
        .await;
    assert_eq!(
        src,
        format!("/api/v1/conversations/{PHONE}/media/880000000000009?number={NUMBER}"),
        "the console's own route, never Meta's URL"
    );
    // The photo is fetched through the route with the cookie and decoded by the browser.
    let decoded = eventually(wait, || async {
        let w = b
            .run("const i = document.querySelector('#transcript li.customer img.media'); return i ? i.naturalWidth : 0")
            .await;
        w == 1
    })
    .await;
    assert!(decoded, "the photo shows in the page");
    let html = b
        .run("return document.documentElement.outerHTML")
        .await
        .to_string();
    assert!(!html.contains("fake-media"), "no Meta URL in the page");
    b.close().await;
    w.finish().await;
}

/// The downloader on its own against the fake Graph API: the cap is checked before the bytes
/// are read, an unknown id is gone, a wrong token is refused (and is a violation).
#[tokio::test]
async fn media_downloads_are_capped_and_need_the_token() {
    use baton_shared::media::{MediaClient, MediaError};
    let graph = baton_tests::fakes::graph::FakeGraph::start("graph-token").await;
    graph.add_media("1001", "image/jpeg", JPEG);
    graph.add_media("1002", "audio/ogg", &vec![0u8; 2048]);
    let client = |token: &str, cap: &str| {
        let vars = [
            ("WABA_ACCESS_TOKEN", token.to_owned()),
            ("WABA_API_BASE_URL", graph.url.clone()),
            ("MEDIA_MAX_BYTES", cap.to_owned()),
        ];
        let config = baton_shared::config::Config::from_lookup(|k| {
            vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone())
        })
        .unwrap();
        MediaClient::new(&config.waba, Duration::from_secs(5))
    };
    let ok = client("graph-token", "1024");
    let m = ok.download("1001").await.unwrap();
    assert_eq!((&m.bytes[..], m.mime_type.as_str()), (JPEG, "image/jpeg"));
    assert!(matches!(
        ok.download("1002").await,
        Err(MediaError::TooLarge(2048, 1024))
    ));
    let downloads = graph
        .media_requests()
        .iter()
        .filter(|r| r.kind == "download")
        .count();
    assert_eq!(downloads, 1, "the oversized file's URL was never fetched");
    assert!(matches!(ok.download("4040").await, Err(MediaError::Gone)));
    assert!(graph.violations().is_empty(), "{:?}", graph.violations());
    let wrong = client("not-the-token", "1024");
    assert!(matches!(
        wrong.download("1001").await,
        Err(MediaError::Refused(_))
    ));
    assert_eq!(graph.violations().len(), 1, "{:?}", graph.violations());
}
