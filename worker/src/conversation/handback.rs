//! The customer's end keyword (`HANDOFF_END_KEYWORDS`): a customer message that is one of the
//! configured keywords while a human owns the conversation (or a handoff waits for one) hands
//! it back to the AI — a release caused by that message, recorded like any release (transcript
//! line, the seed's `support-handoff` memory record, the `human_release` console event) with
//! the agent `customer` — and then the AI answers that very message as usual: its prompt has
//! the human's turns, the release and the note to carry on without a recap (`prompt`), so the
//! answer acknowledges the handback. No fixed text is sent.
//!
//! Matching is on the whole message, not a word in it: the message and each keyword are folded
//! the way the handoff keywords are (lowercase, accents and punctuation dropped, spaces
//! collapsed; `signals::normalize::fold`) and must be equal. "Done!", "done" and "DONE." match
//! the keyword `done`; "I'm not done yet" does not — a customer mid-conversation with a person
//! should not lose them to a word in a sentence.
//!
//! Resumable (I8): the release stores this message as its cause and is marked in its journal
//! (`handback`), so a retry after any later failure resumes the release's follow-ups and then
//! the AI turn, and never releases twice. Fails with [`StepError::Transient`] when Redis or the
//! broker does.

use baton_shared::event::{CUSTOMER_AGENT, Event};

use super::Engine;
use super::human::record_transition;
use super::state::ownership::{self, Applied, Request, State, Transition};
use crate::pipeline::{StepCx, StepError};
use crate::signals::normalize::fold;

const MARK: &str = "handback";

/// True when `text` is one of `keywords` (whole message, folded; see the module doc).
pub fn matches(keywords: &[String], text: &str) -> bool {
    let said = fold(text);
    !said.is_empty() && keywords.iter().any(|k| fold(k) == said)
}

/// Releases the conversation to the AI when `text` is an end keyword and someone other than
/// the AI owns it; returns the state the rest of the message's processing works with.
pub async fn hand_back(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    text: &str,
    state: State,
) -> Result<State, StepError> {
    if !matches(&e.settings.human.end_keywords, text) {
        return Ok(state);
    }
    let released_by_me = state.cause.as_deref() == Some(ev.id.as_str());
    let done = cx.journal.is_done(MARK).await?;
    if state.is_ai() && !released_by_me && !done {
        return Ok(state);
    }
    let conv = ev.conversation.key();
    let state = if done {
        ownership::get(&cx.redis, &cx.keys, &conv).await?
    } else {
        let req = Request {
            transition: Transition::Release,
            agent: Some(CUSTOMER_AGENT),
            reason: None,
            summary: None,
            cause: &ev.id,
        };
        match ownership::apply(&cx.redis, &cx.keys, &conv, &req).await? {
            Applied::Now(s) | Applied::Earlier(s) => {
                cx.journal.mark(MARK, &s.version.to_string()).await?;
                s
            }
            Applied::Refused => return Ok(state),
        }
    };
    record_transition(e, cx, ev, Transition::Release, CUSTOMER_AGENT, None, &state).await?;
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_message_must_be_a_keyword() {
        let kw: Vec<String> = ["done", "back to bot", "Obrigado, é tudo"]
            .map(String::from)
            .to_vec();
        for yes in [
            "done",
            "Done!",
            "  DONE. ",
            "back to BOT",
            "obrigado e tudo!",
        ] {
            assert!(matches(&kw, yes), "{yes:?}");
        }
        for no in ["I'm not done yet", "done?? no", "bot", "", "!!!"] {
            assert!(!matches(&kw, no), "{no:?}");
        }
        assert!(!matches(&[], "done"));
    }
}
