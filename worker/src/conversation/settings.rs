//! The engine's configuration: LLM, Graph, memory, signals and the texts Baton says itself.
//!
//! Read once at start from the environment through the shared [`Env`] (durations need a
//! unit, booleans are `true/false`, `1/0`, `yes/no` or `on/off`); a bad value, or an
//! unreadable `BATON_SYSTEM_PROMPT_FILE`, fails the start with a [`ConfigError`] naming the
//! variable. The system prompt is the seed recipe's, replaceable with `BATON_SYSTEM_PROMPT`
//! (text) or `BATON_SYSTEM_PROMPT_FILE` (path).

mod human;
pub mod media;

use std::time::Duration;

use baton_shared::config::{ConfigError, Env};
pub use human::HumanSide;
pub use media::{MediaSettings, Vision, VoiceFailure};

use crate::llm::LlmConfig;
use crate::memory::MemoryConfig;
use crate::signals::SignalConfig;
use crate::whatsapp::LimitsConfig;

/// The seed recipe's system prompt.
pub const SEED_SYSTEM_PROMPT: &str = "You are a WhatsApp business agent.

- Be concise. WhatsApp users want short replies.
- Recall the customer's history and prior preferences from memory.
- Hand off to a human when: the customer explicitly asks, they're frustrated, the issue is sensitive
  (financial, medical, legal), or you've tried twice without resolution. Use hand_off_to_human.
- Don't promise anything you can't deliver via tools.";

/// What Baton itself says to customers.
#[derive(Clone, Debug)]
pub struct EngineText {
    /// `BATON_HANDOFF_MESSAGE`: sent when a detector or the model hands off.
    pub handoff: String,
    /// `BATON_AI_FAILURE_MESSAGE`: sent when the AI path fails (no error text ever).
    pub ai_failure: String,
    /// `BATON_UNSUPPORTED_MESSAGE`: answer to a message type we cannot read.
    pub unsupported: String,
    /// `BATON_VOICE_FAILED_MESSAGE`: answer to a voice note that could not be transcribed
    /// (`TRANSCRIBE_ON_FAILURE=ask`).
    pub voice_failed: String,
}

/// Everything the conversation engine reads from its environment.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `BATON_CONVERSATION`: run the engine (default true; the backbone tests turn it off).
    pub enabled: bool,
    pub system_prompt: String,
    /// `BATON_TRANSCRIPT_TURNS`: transcript entries in the prompt.
    pub transcript_turns: usize,
    /// `BATON_TOOLS_FILE`: business tools (TOML).
    pub tools_file: Option<String>,
    pub text: EngineText,
    pub llm: LlmConfig,
    pub memory: MemoryConfig,
    pub signals: SignalConfig,
    /// `WABA_TIMEOUT`: Graph API per-call timeout, default `10s`.
    pub graph_timeout: Duration,
    /// Meta's send limits (`GRAPH_SEND_*`, `whatsapp::limits`).
    pub send_limits: LimitsConfig,
    /// Release, re-alert, end keywords and availability (`settings/human.rs`).
    pub human: HumanSide,
    /// Voice notes and photos: `VISION`, `TRANSCRIBE_*` (`settings/media.rs`).
    pub media: MediaSettings,
}

impl Settings {
    /// Reads the engine's variables, and those of [`LlmConfig`], [`MemoryConfig`] and
    /// [`SignalConfig`], through `get`.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env::new(&get);
        let system_prompt = match (
            env.get("BATON_SYSTEM_PROMPT"),
            env.get("BATON_SYSTEM_PROMPT_FILE"),
        ) {
            (Some(p), _) => p,
            (None, Some(path)) => std::fs::read_to_string(&path).map_err(|e| {
                ConfigError::new("BATON_SYSTEM_PROMPT_FILE", format!("{path}: {e}"))
            })?,
            (None, None) => SEED_SYSTEM_PROMPT.to_owned(),
        };
        if env.get("WABA_TIMEOUT_SECS").is_some() {
            return Err(ConfigError::new(
                "WABA_TIMEOUT_SECS",
                "renamed: set WABA_TIMEOUT with a unit instead, e.g. WABA_TIMEOUT=10s",
            ));
        }
        let text = EngineText {
            handoff: env.or(
                "BATON_HANDOFF_MESSAGE",
                "Of course — I'm connecting you with a teammate now. They'll reply here shortly.",
            ),
            ai_failure: env.or(
                "BATON_AI_FAILURE_MESSAGE",
                "Thanks for your message. A teammate will follow up with you here shortly.",
            ),
            unsupported: env.or(
                "BATON_UNSUPPORTED_MESSAGE",
                "Sorry, I can't open that kind of message here. Could you send it as text?",
            ),
            voice_failed: env.or(
                "BATON_VOICE_FAILED_MESSAGE",
                "Sorry, I couldn't listen to your voice message. Could you type it for me, please?",
            ),
        };
        let llm = LlmConfig::from_lookup(&get)?;
        Ok(Settings {
            enabled: env.flag("BATON_CONVERSATION", true)?,
            system_prompt,
            transcript_turns: env.parse("BATON_TRANSCRIPT_TURNS", 30)?,
            tools_file: env.get("BATON_TOOLS_FILE"),
            text,
            media: MediaSettings::from_env(&env, &llm)?,
            llm,
            memory: MemoryConfig::from_lookup(&get)?,
            signals: SignalConfig::from_lookup(&get)?,
            graph_timeout: env.positive_duration("WABA_TIMEOUT", "10s")?,
            send_limits: LimitsConfig::from_env(&env)?,
            human: HumanSide::from_env(&env)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let s = load(&[]).unwrap();
        assert!(s.enabled);
        assert_eq!(s.system_prompt, SEED_SYSTEM_PROMPT);
        assert_eq!(s.transcript_turns, 30);
        assert!(s.tools_file.is_none());
        assert_eq!(s.graph_timeout, Duration::from_secs(10));
        assert_eq!(s.llm.timeout, Duration::from_secs(20));
        assert_eq!(s.memory.fetch_timeout, Duration::from_millis(800));
        assert!(
            s.signals.meaning.is_some(),
            "the meaning encoder loads by default"
        );
        assert_eq!(
            s.signals,
            SignalConfig {
                meaning: s.signals.meaning.clone(),
                ..SignalConfig::default()
            }
        );
        assert_eq!(s.human.idle_release, Duration::from_secs(3600));
        assert_eq!(s.human.realert_after, Duration::from_secs(900));
        assert_eq!(s.human.sweep_interval, Duration::from_secs(15));
        assert!(s.human.end_keywords.is_empty());
    }

    #[test]
    fn values() {
        let s = load(&[
            ("BATON_CONVERSATION", "off"),
            ("BATON_SYSTEM_PROMPT", "Be brief."),
            ("BATON_TRANSCRIPT_TURNS", "12"),
            ("WABA_TIMEOUT", "2.5s"),
            ("LLM_TIMEOUT", "3s"),
            ("BATON_HANDOFF_MESSAGE", "One moment."),
            ("HUMAN_IDLE_RELEASE", "0s"),
            ("HANDOFF_END_KEYWORDS", " back to bot , , Done "),
        ])
        .unwrap();
        assert_eq!(s.human.idle_release, Duration::ZERO, "0s turns it off");
        assert_eq!(s.human.end_keywords, ["back to bot", "Done"]);
        assert!(!s.enabled);
        assert_eq!(s.system_prompt, "Be brief.");
        assert_eq!(s.transcript_turns, 12);
        assert_eq!(s.graph_timeout, Duration::from_millis(2500));
        assert_eq!(s.llm.timeout, Duration::from_secs(3));
        assert_eq!(s.text.handoff, "One moment.");
        for v in ["FALSE", "0", "no"] {
            assert!(!load(&[("BATON_CONVERSATION", v)]).unwrap().enabled, "{v}");
        }
    }

    #[test]
    fn errors_name_the_variable() {
        for (k, v) in [
            ("BATON_CONVERSATION", "maybe"),
            ("BATON_TRANSCRIPT_TURNS", "many"),
            ("BATON_SYSTEM_PROMPT_FILE", "/nonexistent/baton-prompt.txt"),
            ("WABA_TIMEOUT", "10"),
            ("WABA_TIMEOUT", "0s"),
            ("WABA_TIMEOUT_SECS", "10"),
            // The nested configurations fail the same way.
            ("LLM_TIMEOUT", "3"),
            ("BATON_MEMORY_FETCH_TIMEOUT", "300"),
            ("HANDOFF_REPEAT_TURNS", "0"),
            ("HUMAN_IDLE_RELEASE", "60"),
            ("HANDOFF_REALERT_AFTER", "soon"),
            ("BATON_SWEEP_INTERVAL", "0s"),
            ("BUSINESS_TIMEZONE", "Mars/Olympus"),
        ] {
            let e = load(&[(k, v)]).unwrap_err();
            assert_eq!(e.name, k, "{k}={v}: {e}");
        }
    }
}
