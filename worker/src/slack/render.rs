//! What Baton writes on Slack: the handoff alert (Block Kit, `../shared/specs/slack.md` §4)
//! and the lines of its thread. Pure functions.
//!
//! Everything that did not come from Baton itself — the customer's words and name, the
//! summary (the model wrote it from the customer's words), agent names — goes through
//! [`escape`]: `&`, `<` and `>` become entities, so no customer can ping the channel
//! (`<!channel>`) or dress up a link. The only markup Baton writes is bold, emoji and user
//! mentions of Slack agents (`<@U…>`). No phone number appears anywhere: the customer is shown by
//! profile name, and buttons carry the conversation's opaque reference.
//!
//! The alert reflects one version of the conversation; each block's `block_id` ends with that
//! version, so an update (a new version) always has new block ids (§4.1).

use baton_shared::state::slack::slack_user;
use baton_shared::state::{ConversationState, Entry, HandoffReason, Owner, Speaker};
use serde_json::{Value, json};

/// Turns of the conversation shown on the alert.
pub const TURNS: usize = 6;
/// Longest quoted turn (characters).
const TURN_CHARS: usize = 300;

/// Escapes text for mrkdwn (§4.1).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// An agent as Slack shows them: a mention for a Slack user, else the escaped name in bold.
pub fn agent(name: &str) -> String {
    match slack_user(name) {
        Some(u) => format!("<@{u}>"),
        None => format!("*{}*", escape(name)),
    }
}

/// Escaped `text` in which Slack agents' names become mentions.
pub fn with_mentions(text: &str) -> String {
    text.split(' ')
        .map(|w| match slack_user(w) {
            Some(u) => format!("<@{u}>"),
            None => escape(w),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words for a handoff reason.
fn reason_words(r: Option<HandoffReason>) -> &'static str {
    match r {
        Some(HandoffReason::CustomerAsked) => "the customer asked for a person",
        Some(HandoffReason::Keyword) => "a configured keyword",
        Some(HandoffReason::Frustration) => "the customer is frustrated",
        Some(HandoffReason::Sensitive) => "a sensitive topic",
        Some(HandoffReason::RepeatedFailure) => "the AI could not resolve it",
        Some(HandoffReason::OutOfScope) => "outside what the AI can do",
        Some(HandoffReason::AiFailure) => "the AI failed",
        None => "handoff",
    }
}

/// Everything the alert shows.
pub struct AlertView<'a> {
    pub state: &'a ConversationState,
    /// The conversation's reference (`baton_shared::state::slack::reference`).
    pub reference: &'a str,
    /// Recent transcript, oldest first.
    pub turns: &'a [Entry],
    /// Why Baton handed off, on what evidence (the last handoff's record).
    pub evidence: Option<&'a str>,
    /// `SLACK_CONSOLE_URL`.
    pub console_url: Option<&'a str>,
}

impl AlertView<'_> {
    /// Who owns it, in mrkdwn.
    fn status(&self) -> String {
        match (self.state.owner, self.state.agent.as_deref()) {
            (Owner::PendingHuman, _) => ":hourglass: Waiting for a human".into(),
            (Owner::Human, Some(a)) => format!(":raising_hand: Claimed by {}", agent(a)),
            (Owner::Human, None) => ":raising_hand: Claimed".into(),
            (Owner::Ai, _) => ":robot_face: Released to the AI".into(),
        }
    }

    /// The notification text (also the fallback of the blocks).
    pub fn text(&self) -> String {
        format!(
            "Human needed: {} ({})",
            reason_words(self.state.reason),
            self.status()
        )
    }

    /// The alert's blocks.
    pub fn blocks(&self) -> Value {
        let v = self.state.version;
        let s = self.state;
        let customer = s.name.as_deref().map_or("unknown".into(), escape);
        let summary = s.summary.as_deref().unwrap_or("(no summary)");
        let mut blocks = vec![
            json!({"type": "header", "block_id": format!("hdr_v{v}"),
                "text": {"type": "plain_text", "text": cut(&format!("Human needed: {}", reason_words(s.reason)), 150)}}),
            json!({"type": "section", "block_id": format!("summary_v{v}"),
                "text": {"type": "mrkdwn", "text": cut(&format!("*Summary:* {}", escape(summary)), 3000)}}),
            json!({"type": "section", "block_id": format!("fields_v{v}"), "fields": [
                {"type": "mrkdwn", "text": cut(&format!("*Customer*\n{customer}"), 2000)},
                {"type": "mrkdwn", "text": format!("*Reason*\n{}", s.reason.map_or("handoff", HandoffReason::as_str))},
                {"type": "mrkdwn", "text": format!("*Status*\n{}", self.status())},
            ]}),
        ];
        if let Some(e) = self.evidence {
            blocks.push(json!({"type": "context", "block_id": format!("evidence_v{v}"),
                "elements": [{"type": "mrkdwn", "text": cut(&format!("Why: {}", escape(e)), 2000)}]}));
        }
        if let Some(t) = self.turns_text() {
            blocks.push(json!({"type": "section", "block_id": format!("turns_v{v}"),
                "text": {"type": "mrkdwn", "text": t}}));
        }
        blocks.push(json!({"type": "context", "block_id": format!("ctx_v{v}"),
            "elements": [{"type": "mrkdwn", "text": format!(
                "Conversation `{}` · replies in this thread go to the customer", self.reference)}]}));
        blocks.push(self.actions());
        Value::Array(blocks)
    }

    /// The last turns, each quoted and escaped; `None` when there are none.
    fn turns_text(&self) -> Option<String> {
        let lines: Vec<String> = self
            .turns
            .iter()
            .filter(|t| t.role != Speaker::Event)
            .rev()
            .take(TURNS)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map(|t| {
                let who = match t.role {
                    Speaker::Customer => "Customer".to_owned(),
                    Speaker::Ai => "AI".to_owned(),
                    _ => t.agent.as_deref().map_or("Agent".into(), agent),
                };
                format!(
                    "*{}:* {}",
                    who.trim_matches('*'),
                    escape(&cut(&t.text, TURN_CHARS))
                )
            })
            .collect();
        (!lines.is_empty()).then(|| cut(&format!("*Last messages*\n{}", lines.join("\n")), 3000))
    }

    /// Claim while nobody has it, Release while a human (or nobody) has it, and the console.
    fn actions(&self) -> Value {
        let v = self.state.version;
        let button = |id: &str, text: &str| {
            json!({"type": "button", "action_id": id, "value": self.reference,
                "text": {"type": "plain_text", "text": text}})
        };
        let mut elements = Vec::new();
        if self.state.owner == Owner::PendingHuman {
            let mut claim = button("handoff_claim", "Claim");
            claim["style"] = json!("primary");
            elements.push(claim);
        }
        if self.state.owner != Owner::Ai {
            let mut release = button("handoff_release", "Release to AI");
            release["confirm"] = json!({
                "title": {"type": "plain_text", "text": "Release to AI?"},
                "text": {"type": "mrkdwn", "text": "The AI will answer the customer again."},
                "confirm": {"type": "plain_text", "text": "Release"},
                "deny": {"type": "plain_text", "text": "Cancel"}});
            elements.push(release);
        }
        if let Some(url) = self.console_url {
            let mut open = button("handoff_open", "Open in console");
            open["url"] = json!(url);
            elements.push(open);
        }
        if elements.is_empty() {
            return json!({"type": "context", "block_id": format!("actions_v{v}"),
                "elements": [{"type": "mrkdwn", "text": "Nothing left to do here."}]});
        }
        json!({"type": "actions", "block_id": format!("actions_v{v}"), "elements": elements})
    }
}

/// The thread line mirroring a customer message.
pub fn customer_line(text: &str) -> String {
    format!(":speech_balloon: *Customer:* {}", escape(&cut(text, 3000)))
}

/// The thread line (also shown in the channel) of a re-alert.
pub fn waiting_line(waiting_ms: i64, alert: u32) -> String {
    let minutes = (waiting_ms / 60_000).max(1);
    format!(
        ":rotating_light: Still waiting for a human: {minutes} min since the handoff (reminder {alert})."
    )
}

/// The ephemeral answer to a click that did not apply.
pub fn refusal(message: &str) -> String {
    format!(":warning: Not done: {}", with_mentions(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_text_cannot_become_markup() {
        let line = customer_line("hey <!channel> & <https://evil.example|bank>");
        assert_eq!(
            line,
            ":speech_balloon: *Customer:* hey &lt;!channel&gt; &amp; &lt;https://evil.example|bank&gt;"
        );
        assert_eq!(agent("slack-U0AGENT01"), "<@U0AGENT01>");
        assert_eq!(agent("<b>maria"), "*&lt;b&gt;maria*");
        assert_eq!(
            refusal("slack-U0AGENT02 already claimed <this>"),
            ":warning: Not done: <@U0AGENT02> already claimed &lt;this&gt;"
        );
    }

    #[test]
    fn the_alert_follows_the_owner() {
        let mut state = ConversationState {
            owner: Owner::PendingHuman,
            version: 3,
            reason: Some(HandoffReason::CustomerAsked),
            summary: Some("wants <!here> a refund".into()),
            name: Some("Ana & <Bob>".into()),
            ..Default::default()
        };
        let turns = [Entry::new("1", Speaker::Customer, "I <3 you")];
        let view = |s: &ConversationState| {
            AlertView {
                state: s,
                reference: "c_1",
                turns: &turns,
                evidence: None,
                console_url: Some("https://b.example/console"),
            }
            .blocks()
            .to_string()
        };
        let pending = view(&state);
        assert!(pending.contains("handoff_claim") && pending.contains("handoff_release"));
        assert!(pending.contains("&lt;!here&gt;") && !pending.contains("<!here>"));
        assert!(pending.contains("Ana &amp; &lt;Bob&gt;") && pending.contains("I &lt;3 you"));
        assert!(pending.contains("summary_v3"));
        state.owner = Owner::Human;
        state.agent = Some("slack-U0AGENT01".into());
        state.version = 4;
        let claimed = view(&state);
        assert!(!claimed.contains("handoff_claim") && claimed.contains("<@U0AGENT01>"));
        assert!(claimed.contains("summary_v4"));
        state.owner = Owner::Ai;
        assert!(!view(&state).contains("handoff_release"));
    }
}
