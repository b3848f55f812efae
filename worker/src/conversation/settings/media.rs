//! How Baton handles customers' voice notes and photos (`VISION`, `TRANSCRIBE_*`).
//!
//! - `VISION`: `auto` (default) sends photos and stickers to the model as image parts and,
//!   when the server says the model cannot take images, remembers that for the model and
//!   answers from the caption; `on` always sends them (a refusal is an ordinary AI failure);
//!   `off` never does.
//! - `VISION_REFUSAL_TTL`: how long a refusal is remembered (default `24h`), so a server that
//!   gains vision is tried again one day.
//! - `TRANSCRIBE_*` ([`TranscribeConfig`]): the speech-to-text server.
//! - `TRANSCRIBE_ON_FAILURE`: when a voice note cannot be transcribed, `ask` (default) asks the
//!   customer kindly to type it (`BATON_VOICE_FAILED_MESSAGE`), `handoff` passes the
//!   conversation to a person, who can play it in the console.
//!
//! Errors name the variable.

use std::time::Duration;

use baton_shared::config::{ConfigError, Env};

use crate::llm::{LlmConfig, TranscribeConfig};

/// `VISION`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vision {
    Auto,
    On,
    Off,
}

/// `TRANSCRIBE_ON_FAILURE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoiceFailure {
    Ask,
    Handoff,
}

/// See the module doc.
#[derive(Clone, Debug)]
pub struct MediaSettings {
    pub vision: Vision,
    pub vision_refusal_ttl: Duration,
    pub transcribe: TranscribeConfig,
    pub on_voice_failure: VoiceFailure,
}

impl MediaSettings {
    pub fn from_env<F: Fn(&str) -> Option<String>>(
        env: &Env<F>,
        llm: &LlmConfig,
    ) -> Result<Self, ConfigError> {
        let vision = match env.or("VISION", "auto").to_ascii_lowercase().as_str() {
            "auto" => Vision::Auto,
            "on" => Vision::On,
            "off" => Vision::Off,
            other => {
                return Err(ConfigError::new(
                    "VISION",
                    format!("{other:?}: use auto, on or off"),
                ));
            }
        };
        let on_voice_failure = match env
            .or("TRANSCRIBE_ON_FAILURE", "ask")
            .to_ascii_lowercase()
            .as_str()
        {
            "ask" => VoiceFailure::Ask,
            "handoff" => VoiceFailure::Handoff,
            other => {
                return Err(ConfigError::new(
                    "TRANSCRIBE_ON_FAILURE",
                    format!("{other:?}: use ask or handoff"),
                ));
            }
        };
        Ok(MediaSettings {
            vision,
            vision_refusal_ttl: env.positive_duration("VISION_REFUSAL_TTL", "24h")?,
            transcribe: TranscribeConfig::from_env(env, llm)?,
            on_voice_failure,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(pairs: &[(&str, &str)]) -> Result<MediaSettings, ConfigError> {
        let env = Env::new(|k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        });
        MediaSettings::from_env(&env, &LlmConfig::default())
    }

    #[test]
    fn defaults_and_values() {
        let s = load(&[]).unwrap();
        assert_eq!(s.vision, Vision::Auto);
        assert_eq!(s.on_voice_failure, VoiceFailure::Ask);
        assert_eq!(s.vision_refusal_ttl, Duration::from_secs(86_400));
        assert_eq!(s.transcribe.model, "whisper-1");
        let s = load(&[
            ("VISION", "OFF"),
            ("TRANSCRIBE_ON_FAILURE", "handoff"),
            ("VISION_REFUSAL_TTL", "1h"),
        ])
        .unwrap();
        assert_eq!(s.vision, Vision::Off);
        assert_eq!(s.on_voice_failure, VoiceFailure::Handoff);
        assert_eq!(s.vision_refusal_ttl, Duration::from_secs(3600));
        assert_eq!(load(&[("VISION", "on")]).unwrap().vision, Vision::On);
        for (k, v) in [
            ("VISION", "true"),
            ("TRANSCRIBE_ON_FAILURE", "ignore"),
            ("VISION_REFUSAL_TTL", "24"),
            ("TRANSCRIBE_MODEL", ""),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        {
            assert_eq!(load(&[(k, v)]).unwrap_err().name, k, "{k}={v}");
        }
    }
}
