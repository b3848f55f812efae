//! What the engine makes of a customer's voice notes and photos.
//!
//! **Voice notes and audio** ([`hear`]): downloaded from Meta with the access token
//! (`baton_shared::media`, in memory only) and transcribed (`llm::transcribe`). The transcript
//! *is* the customer's message from then on: the handoff detectors read it, the transcript
//! line is rewritten with it and marked `transcribed` (the console says so and still plays the
//! audio), the prompt shows it as `[voice note, transcribed] …`, and memory keeps it so. What
//! was heard — the transcript, or why there is none — is decided once and journaled (`media`,
//! `pipeline::journal`): a retry of the event neither downloads nor transcribes again. A voice
//! note that cannot be transcribed is never left unanswered: the engine asks the customer to
//! type it, or hands off (`TRANSCRIBE_ON_FAILURE`).
//!
//! **Photos** ([`images_for_turn`]): with `VISION=auto` or `on`, the photos of the messages
//! this turn answers (the message itself, and the earlier messages of its burst since Baton
//! or a person last spoke; at most [`MAX_IMAGES`]) go to the model inline as `data:` URLs
//! beside their captions. Static stickers of the message itself too. When the server says
//! the model cannot take images, [`remember_refusal`] records that in Redis for the (base URL,
//! model) pair (`VISION_REFUSAL_TTL`) and the turn is answered again from the caption; while
//! it is remembered no image is sent. Earlier turns are always replayed as text, so an image
//! never rides along into a later request that would fail again. A photo that cannot be
//! downloaded is left out (its line still says `[image] caption`).
//!
//! Fails only with [`StepError::Transient`] when Redis does: download and model failures are
//! outcomes, not errors.

use base64::Engine as _;
use baton_shared::event::Event;
use baton_shared::state::Speaker;
use serde::{Deserialize, Serialize};
use tracing::{info, warn};

use super::settings::Vision;
use super::state::transcript::{self, Entry};
use super::{Engine, render};
use crate::pipeline::{StepCx, StepError};

/// Photos sent with one turn, at most.
pub const MAX_IMAGES: usize = 3;

/// How the prompt and memory introduce a transcribed voice note.
pub const TRANSCRIBED: &str = "[voice note, transcribed]";

/// What speech-to-text made of a voice note (the journal's `media` field).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Heard {
    /// What the customer said.
    Transcript { text: String },
    /// No transcript, and why (download or transcription failed, silence).
    Failed { why: String },
}

impl Heard {
    /// The customer's turn as memory and the human mirror read it.
    pub fn describe(&self, fallback: &str) -> String {
        match self {
            Heard::Transcript { text } => format!("{TRANSCRIBED} {text}"),
            Heard::Failed { .. } => format!("{fallback} (could not be transcribed)"),
        }
    }
}

/// The voice note or audio of `ev`, transcribed once per event (see the module doc); `None`
/// for other messages.
pub async fn hear(e: &Engine, cx: &StepCx, ev: &Event) -> Result<Option<Heard>, StepError> {
    let Some(media) = render::media_ref(ev).filter(|m| m.kind == "audio") else {
        return Ok(None);
    };
    let heard = match cx.journal.plan::<Heard>("media").await? {
        Some(h) => h,
        None => {
            let heard = listen(e, &media.id).await;
            cx.journal.decide("media", &heard).await?
        }
    };
    if let Heard::Transcript { text } = &heard {
        let conv = ev.conversation.key();
        let rewritten = transcript::rewrite(&cx.redis, &cx.keys, &conv, &ev.id, |entry| {
            entry.text = text.clone();
            if let Some(m) = entry.media.as_mut() {
                m.transcribed = true;
            }
        })
        .await?;
        if !rewritten {
            warn!("the voice note's transcript line was not found; left as it was");
        }
    }
    Ok(Some(heard))
}

/// Downloads and transcribes one voice note.
async fn listen(e: &Engine, media_id: &str) -> Heard {
    let media = match e.media.download(media_id).await {
        Ok(m) => m,
        Err(err) => {
            warn!(error = %err, "voice note download failed");
            return Heard::Failed {
                why: err.to_string(),
            };
        }
    };
    match e
        .transcriber
        .transcribe(media.bytes, &media.mime_type)
        .await
    {
        Ok(text) => {
            info!(chars = text.chars().count(), "voice note transcribed");
            Heard::Transcript { text }
        }
        Err(err) => {
            warn!(error = %err, "voice note transcription failed");
            Heard::Failed {
                why: err.to_string(),
            }
        }
    }
}

/// The photos one turn shows the model, by transcript entry id (see the module doc).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TurnImages {
    /// Entry id → `data:` URL, in transcript order.
    pub shown: Vec<(String, String)>,
    /// Entries whose photo the model is not shown (vision off or refused): the prompt says so,
    /// so the model answers from the caption.
    pub unseen: Vec<String>,
}

impl TurnImages {
    /// The same turn with every photo left out (the model refused them).
    pub fn without_images(&self) -> TurnImages {
        let mut unseen = self.unseen.clone();
        unseen.extend(self.shown.iter().map(|(id, _)| id.clone()));
        TurnImages {
            shown: Vec::new(),
            unseen,
        }
    }
}

/// The photos to show with the turn answering `ev` (downloaded now; nothing is kept).
pub async fn images_for_turn(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    recent: &[Entry],
) -> Result<TurnImages, StepError> {
    let wanted = photos(ev, recent);
    if wanted.is_empty() {
        return Ok(TurnImages::default());
    }
    let blind = match e.settings.media.vision {
        Vision::Off => true,
        Vision::On => false,
        Vision::Auto => refused(e, cx).await?,
    };
    if blind {
        let unseen = wanted.into_iter().map(|(id, _)| id).collect();
        return Ok(TurnImages {
            shown: Vec::new(),
            unseen,
        });
    }
    let mut shown = Vec::new();
    for (entry, media_id) in wanted {
        match e.media.download(&media_id).await {
            Ok(m) => match data_url(&m.mime_type, &m.bytes) {
                Some(url) => shown.push((entry, url)),
                None => info!(mime = %m.mime_type, "image format the models do not take; left out"),
            },
            Err(err) => warn!(error = %err, "image download failed; answering from the caption"),
        }
    }
    Ok(TurnImages {
        shown,
        unseen: Vec::new(),
    })
}

/// (entry id, media id) of the photos this turn answers: the customer's messages since the
/// last line that was not theirs, the newest [`MAX_IMAGES`]; a static sticker of `ev` itself.
fn photos(ev: &Event, recent: &[Entry]) -> Vec<(String, String)> {
    let start = recent
        .iter()
        .rposition(|t| t.role != Speaker::Customer)
        .map_or(0, |i| i + 1);
    let mut out: Vec<(String, String)> = recent[start..]
        .iter()
        .filter_map(|t| {
            let m = t.media.as_ref().filter(|m| m.kind == "image")?;
            Some((t.id.clone(), m.id.clone()))
        })
        .collect();
    let sticker = ev.message_type() == Some("sticker")
        && ev.item["sticker"]["animated"].as_bool() != Some(true);
    if sticker && let Some(m) = render::media_ref(ev) {
        out.push((ev.id.clone(), m.id));
    }
    let skip = out.len().saturating_sub(MAX_IMAGES);
    out.split_off(skip)
}

/// `data:image/…;base64,…` for the formats every server takes (JPEG, PNG, WebP; §2.3).
pub fn data_url(mime_type: &str, bytes: &[u8]) -> Option<String> {
    let base = baton_shared::media::base_mime(mime_type);
    let base = match base.as_str() {
        "image/jpg" => "image/jpeg",
        "image/jpeg" | "image/png" | "image/webp" => base.as_str(),
        _ => return None,
    };
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    Some(format!("data:{base};base64,{b64}"))
}

/// The Redis key remembering that the configured model refused images.
fn refusal_key(e: &Engine, cx: &StepCx) -> String {
    let llm = e.llm.config();
    let server = format!("{} {}", llm.base_url, llm.model);
    let hash = xxhash_rust::xxh3::xxh3_64(server.as_bytes());
    cx.keys.other(&format!("vision-refused:{hash:016x}"))
}

/// True while a refusal of images by the configured model is remembered.
async fn refused(e: &Engine, cx: &StepCx) -> Result<bool, StepError> {
    let mut c = cx.redis.get().await?;
    let n: i64 = redis::cmd("EXISTS")
        .arg(refusal_key(e, cx))
        .query_async(&mut *c)
        .await
        .map_err(baton_shared::redis::RedisError::from)?;
    Ok(n == 1)
}

/// Remembers that the configured model refused images (`VISION_REFUSAL_TTL`).
pub async fn remember_refusal(e: &Engine, cx: &StepCx, why: &str) -> Result<(), StepError> {
    warn!(model = %e.llm.config().model, why, "the model refuses images; answering from captions from now on");
    metrics::counter!("baton_vision_refusals_total").increment(1);
    let mut c = cx.redis.get().await?;
    redis::cmd("SET")
        .arg(refusal_key(e, cx))
        .arg(why.chars().take(200).collect::<String>())
        .arg("EX")
        .arg(e.settings.media.vision_refusal_ttl.as_secs().max(1))
        .query_async::<()>(&mut *c)
        .await
        .map_err(baton_shared::redis::RedisError::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use baton_shared::state::MediaRef;

    fn line(id: &str, role: Speaker, image: Option<&str>) -> Entry {
        let mut e = Entry::new(id, role, "x");
        e.media = image.map(|m| MediaRef {
            id: m.into(),
            kind: "image".into(),
            mime_type: Some("image/jpeg".into()),
            filename: None,
            voice: false,
            transcribed: false,
        });
        e
    }

    fn event(id: &str, item: &str) -> Event {
        let wrapped = format!(
            r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"metadata":{{"phone_number_id":"1"}},"messages":[{item}]}}}}]}}]}}"#
        );
        let mut ev = baton_shared::webhook::split(wrapped.as_bytes(), 0)
            .unwrap()
            .remove(0);
        ev.id = id.into();
        ev
    }

    #[test]
    fn a_turn_shows_the_photos_of_its_own_burst_only() {
        let recent = vec![
            line("old", Speaker::Customer, Some("m-old")),
            line("old:ai", Speaker::Ai, None),
            line("p1", Speaker::Customer, Some("m1")),
            line("t1", Speaker::Customer, None),
            line("p2", Speaker::Customer, Some("m2")),
        ];
        let ev = event(
            "p2",
            r#"{"from":"1","id":"p2","type":"text","text":{"body":"?"}}"#,
        );
        assert_eq!(
            photos(&ev, &recent),
            [
                ("p1".to_owned(), "m1".to_owned()),
                ("p2".into(), "m2".into())
            ]
        );
        let many: Vec<Entry> = (0..5)
            .map(|i| line(&format!("p{i}"), Speaker::Customer, Some(&format!("m{i}"))))
            .collect();
        let kept: Vec<String> = photos(&ev, &many).into_iter().map(|(_, m)| m).collect();
        assert_eq!(kept, ["m2", "m3", "m4"], "the newest three");
        let sticker = event(
            "s",
            r#"{"from":"1","id":"s","type":"sticker","sticker":{"id":"m-s","mime_type":"image/webp","animated":false}}"#,
        );
        assert_eq!(photos(&sticker, &[]), [("s".to_owned(), "m-s".to_owned())]);
        let animated = event(
            "s",
            r#"{"from":"1","id":"s","type":"sticker","sticker":{"id":"m-s","animated":true}}"#,
        );
        assert!(photos(&animated, &[]).is_empty());
    }

    #[test]
    fn data_urls_for_the_formats_servers_take() {
        assert_eq!(
            data_url("image/jpeg", b"abc").as_deref(),
            Some("data:image/jpeg;base64,YWJj")
        );
        assert_eq!(
            data_url("IMAGE/PNG; charset=binary", b"ab").as_deref(),
            Some("data:image/png;base64,YWI=")
        );
        assert!(
            data_url("image/jpg", b"a")
                .unwrap()
                .starts_with("data:image/jpeg;")
        );
        assert_eq!(data_url("image/gif", b"a"), None);
        assert_eq!(data_url("image/svg+xml", b"a"), None);
    }

    #[test]
    fn refused_photos_become_unseen() {
        let t = TurnImages {
            shown: vec![("p1".into(), "data:…".into())],
            unseen: vec!["p0".into()],
        };
        let blind = t.without_images();
        assert!(blind.shown.is_empty());
        assert_eq!(blind.unseen, ["p0", "p1"]);
        assert_eq!(
            Heard::Transcript { text: "hi".into() }.describe("[voice note]"),
            "[voice note, transcribed] hi"
        );
    }
}
