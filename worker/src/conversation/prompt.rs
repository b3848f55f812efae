//! What the LLM sees: the system prompt, the memory context, and the recent transcript —
//! customer turns as `user`, AI turns as `assistant`, human agents' turns as `assistant`
//! messages marked with the agent, handoff and release events as `system` notes — so after a
//! release the AI knows what the human said and promised ("full context, no recap").

use baton_shared::event::Event;
use baton_shared::state::Speaker;

use super::state::transcript::Entry;
use crate::llm::ChatMessage;

pub fn build(
    system: &str,
    recent: &[Entry],
    context: Option<&str>,
    ev: &Event,
    text: &str,
) -> Vec<ChatMessage> {
    let mut sys = system.to_owned();
    if let Some(c) = context {
        sys.push_str("\n\nWhat memory knows about this customer (may be incomplete):\n");
        sys.push_str(c);
    }
    let mut out = vec![ChatMessage::system(sys)];
    for t in recent {
        out.push(match t.role {
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
        });
    }
    if !recent.iter().any(|t| t.id == ev.id) {
        out.push(ChatMessage::user(text.to_owned()));
    }
    out
}
