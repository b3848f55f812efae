//! The console's configuration: `CONSOLE_TOKENS` (who may use the console API, by name) and
//! `CONSOLE_COMMAND_WAIT` (how long a command request waits for the worker's outcome).
//!
//! `CONSOLE_TOKENS` is `name:token,name:token`. The name is the agent's identity everywhere a
//! human acts (transcript lines, console events, memory records), so it is checked like one:
//! 1–64 letters, digits, spaces, `.`, `_` or `-`. A token must be at least
//! [`MIN_TOKEN_LEN`] characters of the base64/URL-safe alphabets (a guessable token is refused
//! at start, not discovered in production; the alphabet is also valid in a cookie), and neither names nor tokens may repeat — a shared token
//! would make every command's author ambiguous. Errors name the entry by position and never
//! quote a token. Tokens are [`SecretString`]s: they never reach a log line.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use super::{ConfigError, Env};

/// Shortest token accepted.
pub const MIN_TOKEN_LEN: usize = 16;

/// One human agent's API token.
#[derive(Clone, Debug)]
pub struct AgentToken {
    /// The agent's name, as it appears in transcripts and events.
    pub agent: String,
    pub token: SecretString,
}

/// The console API's settings.
#[derive(Clone, Debug)]
pub struct Console {
    /// `CONSOLE_TOKENS`: the agents allowed to use the console API (none: every request is 401).
    pub agents: Vec<AgentToken>,
    /// `CONSOLE_COMMAND_WAIT`: how long a command request waits for the worker's outcome before
    /// answering 202 with the command id.
    pub command_wait: Duration,
}

impl Console {
    pub(super) fn from_env<F: Fn(&str) -> Option<String>>(
        env: &Env<F>,
    ) -> Result<Console, ConfigError> {
        let agents = match env.get("CONSOLE_TOKENS") {
            Some(v) => parse_tokens(&v)?,
            None => Vec::new(),
        };
        let command_wait = env.positive_duration("CONSOLE_COMMAND_WAIT", "5s")?;
        if command_wait > Duration::from_secs(60) {
            return Err(ConfigError::new(
                "CONSOLE_COMMAND_WAIT",
                "must be at most 60s (requests past it answer 202 and the client polls)",
            ));
        }
        Ok(Console {
            agents,
            command_wait,
        })
    }
}

fn bad(problem: String) -> ConfigError {
    ConfigError::new("CONSOLE_TOKENS", problem)
}

/// Parses `name:token,name:token` (see the module doc).
pub fn parse_tokens(value: &str) -> Result<Vec<AgentToken>, ConfigError> {
    let mut out: Vec<AgentToken> = Vec::new();
    let entries = value.split(',').map(str::trim).filter(|e| !e.is_empty());
    for (i, entry) in entries.enumerate() {
        let n = i + 1;
        let Some((name, token)) = entry.split_once(':') else {
            return Err(bad(format!("entry {n}: expected name:token")));
        };
        let (name, token) = (name.trim(), token.trim());
        check_name(n, name)?;
        if token.len() < MIN_TOKEN_LEN || !token.chars().all(token_char) {
            return Err(bad(format!(
                "entry {n} ({name}): the token needs at least {MIN_TOKEN_LEN} characters of \
                 A-Z a-z 0-9 - . _ ~ + / = :"
            )));
        }
        if out.iter().any(|a| a.agent == name) {
            return Err(bad(format!("agent {name:?} appears twice")));
        }
        if out.iter().any(|a| a.token.expose_secret() == token) {
            return Err(bad(format!(
                "entry {n} ({name}): the token is already another agent's"
            )));
        }
        out.push(AgentToken {
            agent: name.to_owned(),
            token: SecretString::from(token.to_owned()),
        });
    }
    Ok(out)
}

/// Characters a token may hold: base64 and URL-safe token alphabets. They are all valid in a
/// cookie value, so the login cookie carries the token unchanged.
fn token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '+' | '/' | '=' | ':')
}

fn check_name(n: usize, name: &str) -> Result<(), ConfigError> {
    let ok_char = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '.' | '_' | '-');
    if name.is_empty() || name.chars().count() > 64 || !name.chars().all(ok_char) {
        return Err(bad(format!(
            "entry {n}: agent name {name:?} must be 1-64 letters, digits, spaces, '.', '_' or '-'"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const T1: &str = "0123456789abcdef";
    const T2: &str = "fedcba9876543210";

    #[test]
    fn names_and_tokens() {
        let a = parse_tokens(&format!(" maria:{T1}, Li Wei:{T2}:x ,")).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].agent, "maria");
        assert_eq!(a[0].token.expose_secret(), T1);
        assert_eq!(a[1].agent, "Li Wei");
        assert_eq!(
            a[1].token.expose_secret(),
            format!("{T2}:x"),
            "tokens may hold ':'"
        );
        assert!(parse_tokens("").unwrap().is_empty());
    }

    #[test]
    fn refusals_name_the_entry_and_never_the_token() {
        for (value, says) in [
            (format!("maria{T1}"), "entry 1: expected name:token"),
            ("maria:short".to_owned(), "at least 16"),
            (format!("ma<b>ria:{T1}"), "agent name"),
            (format!(":{T1}"), "agent name"),
            (format!("maria:{T1},maria:{T2}"), "appears twice"),
            (format!("maria:{T1},li:{T1}"), "already another agent's"),
            ("maria:0123456789 abcdef".to_owned(), "A-Z a-z"),
            ("maria:0123456789abcdef;x".to_owned(), "A-Z a-z"),
        ] {
            let e = parse_tokens(&value).unwrap_err();
            assert_eq!(e.name, "CONSOLE_TOKENS");
            assert!(e.problem.contains(says), "{value}: {e}");
            assert!(!e.to_string().contains(T1), "the token leaked: {e}");
        }
    }
}
