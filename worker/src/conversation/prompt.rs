//! What the LLM sees: the system prompt, the memory context, and the recent transcript —
//! customer turns as `user`, AI turns as `assistant`, human agents' turns as `assistant`
//! messages marked with the agent, handoff and release events as `system` notes — so after a
//! release the AI knows what the human said and promised ("full context, no recap").
//!
//! After a human stretch, two things keep the AI from sounding like it missed it: the AI's own
//! handoff notices from before the last release ("a person will take it from here") are left
//! out — they are stale, and a model shown them tends to say them again; memory's recent
//! turns lose the same lines — and a note after
//! the release tells the model to carry on from what the human said, without recapping or
//! introducing itself again.
//!
//! Media: a transcribed voice note reads `[voice note, transcribed] …`; the photos this turn
//! shows the model ([`TurnImages`], `super::media`) ride as image parts on their own lines'
//! messages, and a photo the model is not shown is marked so it answers from the caption.
//! Earlier turns are text only.

use baton_shared::event::Event;
use baton_shared::state::Speaker;

use super::media::{TRANSCRIBED, TurnImages};
use super::state::transcript::Entry;
use crate::llm::ChatMessage;

/// Added to a photo's line when the model is not shown the photo.
pub const UNSEEN_IMAGE: &str = "(The customer sent an image; this assistant cannot view images. Answer from the caption, or ask them to describe it.)";

/// What the model is told right after a human released the conversation.
pub const RESUME_NOTE: &str = "A human teammate handled this conversation and has handed it \
back to you. Continue from what they said and promised, as the same team: do not recap the \
conversation, do not introduce yourself again, and do not repeat earlier messages about \
handing the customer over to a person.";

pub fn build(
    system: &str,
    recent: &[Entry],
    context: Option<&str>,
    ev: &Event,
    text: &str,
    images: &TurnImages,
) -> Vec<ChatMessage> {
    let released = last_release(recent);
    let stale =
        |i: usize, t: &Entry| released.is_some_and(|r| i < r) && is_handoff_notice(t, recent);
    let notices: Vec<&str> = recent
        .iter()
        .enumerate()
        .filter(|(i, t)| stale(*i, t))
        .map(|(_, t)| t.text.trim())
        .collect();
    let mut sys = system.to_owned();
    if let Some(c) = context {
        sys.push_str("\n\nWhat memory knows about this customer (may be incomplete):\n");
        sys.push_str(&without_lines(c, &notices));
    }
    let mut out = vec![ChatMessage::system(sys)];
    for (i, t) in recent.iter().enumerate() {
        if stale(i, t) {
            continue;
        }
        out.push(with_media(message(t), t, images));
        if released == Some(i) {
            out.push(ChatMessage::system(RESUME_NOTE.to_owned()));
        }
    }
    if !recent.iter().any(|t| t.id == ev.id) {
        out.push(ChatMessage::user(text.to_owned()));
    }
    out
}

/// A customer line's message with its photo (shown, or marked unseen).
fn with_media(m: ChatMessage, t: &Entry, images: &TurnImages) -> ChatMessage {
    if t.role != Speaker::Customer {
        return m;
    }
    if images.unseen.contains(&t.id) {
        let text = format!("{} {UNSEEN_IMAGE}", m.content.as_deref().unwrap_or(""));
        return ChatMessage::user(text.trim_start().to_owned());
    }
    let shown: Vec<String> = images
        .shown
        .iter()
        .filter(|(id, _)| *id == t.id)
        .map(|(_, url)| url.clone())
        .collect();
    m.with_images(shown)
}

fn message(t: &Entry) -> ChatMessage {
    match t.role {
        Speaker::Customer if t.media.as_ref().is_some_and(|m| m.transcribed) => {
            ChatMessage::user(format!("{TRANSCRIBED} {}", t.text))
        }
        Speaker::Customer => ChatMessage::user(t.text.clone()),
        Speaker::Ai => ChatMessage::assistant(t.text.clone()),
        // Marked as the human's (message name `human_agent`), with the agent named, so the
        // model neither disowns nor repeats what the teammate said.
        Speaker::Human => ChatMessage::human_agent(format!(
            "Human agent ({}): {}",
            t.agent.as_deref().unwrap_or("teammate"),
            t.text
        )),
        _ => ChatMessage::system(format!("[Event] {}", t.text)),
    }
}

/// Index of the last release event (`<event>:human_release` lines).
fn last_release(recent: &[Entry]) -> Option<usize> {
    recent
        .iter()
        .rposition(|t| t.role == Speaker::Event && t.id.ends_with(":human_release"))
}

/// `context` without its lines that end with one of `notices` (memory's recent turns repeat
/// the stale handoff notice as the agent's turn). A notice of several lines is left alone:
/// memory renders it line by line, and a partial match could drop other words.
fn without_lines(context: &str, notices: &[&str]) -> String {
    let single: Vec<&str> = notices
        .iter()
        .copied()
        .filter(|n| !n.is_empty() && !n.contains('\n'))
        .collect();
    if single.is_empty() {
        return context.to_owned();
    }
    context
        .lines()
        .filter(|l| !single.iter().any(|n| l.trim_end().ends_with(n)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An AI line sent for the same event as a handoff (`<event>:ai` beside `<event>:handoff`):
/// the notice telling the customer a person would take over.
fn is_handoff_notice(t: &Entry, recent: &[Entry]) -> bool {
    let Some(event) = t.id.strip_suffix(":ai") else {
        return false;
    };
    t.role == Speaker::Ai
        && recent
            .iter()
            .any(|h| h.role == Speaker::Event && h.id == format!("{event}:handoff"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use baton_shared::state::MediaRef;

    fn media(kind: &str, transcribed: bool) -> Option<MediaRef> {
        Some(MediaRef {
            id: "m".into(),
            kind: kind.into(),
            mime_type: None,
            filename: None,
            voice: kind == "audio",
            transcribed,
        })
    }

    #[test]
    fn voice_notes_read_as_transcribed_and_photos_ride_on_their_line() {
        let mut voice = entry("v", Speaker::Customer, "where is my parcel");
        voice.media = media("audio", true);
        let mut old = entry("o", Speaker::Customer, "[image] the old box");
        old.media = media("image", false);
        let mut photo = entry("p", Speaker::Customer, "[image] is it broken?");
        photo.media = media("image", false);
        let recent = vec![voice, old, entry("o:ai", Speaker::Ai, "ok"), photo];
        let ev = Event::human(
            baton_shared::event::EventKind::HumanRelease,
            baton_shared::event::Conversation {
                number: "1".into(),
                customer: "2".into(),
                wa_id: None,
                user_id: None,
                name: None,
            },
            "maria",
            None,
        );
        let shown = TurnImages {
            shown: vec![("p".into(), "data:image/png;base64,AA==".into())],
            unseen: Vec::new(),
        };
        let msgs = build("sys", &recent, None, &ev, "", &shown);
        let wire = serde_json::to_value(&msgs).unwrap();
        assert_eq!(
            wire[1]["content"],
            "[voice note, transcribed] where is my parcel"
        );
        assert_eq!(wire[2]["content"], "[image] the old box", "history is text");
        assert_eq!(
            wire[4]["content"][1]["image_url"]["url"],
            "data:image/png;base64,AA=="
        );
        let blind = build("sys", &recent, None, &ev, "", &shown.without_images());
        let wire = serde_json::to_value(&blind).unwrap();
        assert!(!wire.to_string().contains("image_url"));
        assert_eq!(
            wire[4]["content"],
            format!("[image] is it broken? {UNSEEN_IMAGE}")
        );
    }

    fn entry(id: &str, role: Speaker, text: &str) -> Entry {
        Entry::new(id, role, text)
    }

    #[test]
    fn after_a_release_the_stale_notice_goes_and_the_resume_note_comes() {
        let recent = vec![
            entry("m1", Speaker::Customer, "I want a person"),
            entry("m1:handoff", Speaker::Event, "AI handed off to human."),
            entry("m1:ai", Speaker::Ai, "A person will take it from here."),
            entry("h1", Speaker::Human, "Hi, Maria here: I reissued ORD-22."),
            entry(
                "r1:human_release",
                Speaker::Event,
                "Human released thread back to AI. Note: reissue ships Friday",
            ),
        ];
        let ev = Event::human(
            baton_shared::event::EventKind::HumanRelease,
            baton_shared::event::Conversation {
                number: "1".into(),
                customer: "2".into(),
                wa_id: None,
                user_id: None,
                name: None,
            },
            "maria",
            None,
        );
        let memory = "Recent turns:\n- [1970-01-01 00:00Z] Agent: A person will take it from here.\n- [1970-01-01 00:00Z] Human agent: I reissued ORD-22.";
        let msgs = build(
            "sys",
            &recent,
            Some(memory),
            &ev,
            "did the reissue ship?",
            &TurnImages::default(),
        );
        let all = format!("{msgs:?}");
        assert!(!all.contains("A person will take it from here"), "{all}");
        assert!(
            all.contains("Human agent: I reissued ORD-22."),
            "the rest of memory stays"
        );
        assert!(all.contains("I reissued ORD-22"));
        assert!(all.contains("reissue ships Friday"));
        let note = msgs
            .iter()
            .position(|m| format!("{m:?}").contains("do not recap"));
        let release = msgs
            .iter()
            .position(|m| format!("{m:?}").contains("released thread back"));
        assert_eq!(note, release.map(|r| r + 1), "the note follows the release");
        // Before any release, the notice is the AI's own recent words and stays.
        let pending = build(
            "sys",
            &recent[..3],
            Some(memory),
            &ev,
            "hello?",
            &TurnImages::default(),
        );
        let pending = format!("{pending:?}");
        assert_eq!(
            pending.matches("A person will take it from here").count(),
            2
        );
    }
}
