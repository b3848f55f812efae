//! What both binaries know of Slack: which conversation an alert (and so its thread and its
//! buttons) belongs to, the opaque reference a button carries, and how a Slack user is named
//! as an agent.
//!
//! The worker records `{ns}:slack:thread:{channel}:{ts}` → conversation key when it posts an
//! alert ([`link_cmd`], kept [`TTL_SECS`]); ingress reads it ([`conversation_of`]) to route a
//! thread reply or a button click. Buttons carry [`reference`] of the conversation, never the
//! key itself (it may hold the customer's phone number, which must not reach Slack); ingress
//! checks that a click's reference matches the alert's conversation.

use sha2::{Digest, Sha256};

use crate::redis::{Keys, Pool, RedisError};

/// How long an alert's thread still routes replies to its conversation.
pub const TTL_SECS: u64 = 30 * 24 * 3600;

/// The agent name of Slack user `user` (`slack-U0AGENT01`): what transcripts, console events
/// and memory records show, and what presence counts.
pub fn agent_name(user: &str) -> String {
    format!("slack-{user}")
}

/// The Slack user behind an agent name made by [`agent_name`], if it is one.
pub fn slack_user(agent: &str) -> Option<&str> {
    agent.strip_prefix("slack-").filter(|u| {
        u.len() > 1
            && u.starts_with(['U', 'W'])
            && u.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    })
}

/// The opaque reference of a conversation on Slack (`c_` and 16 hex digits of a SHA-256).
pub fn reference(conversation: &str) -> String {
    let digest = Sha256::digest(conversation.as_bytes());
    format!("c_{}", hex::encode(&digest[..8]))
}

/// Adds the command linking the alert `(channel, ts)` to `conversation` to `pipe`.
pub fn link_cmd(pipe: &mut redis::Pipeline, keys: &Keys, channel: &str, ts: &str, conv: &str) {
    pipe.set_ex(keys.slack_thread(channel, ts), conv, TTL_SECS)
        .ignore();
}

/// The conversation whose alert is `(channel, ts)`, if Baton posted it.
pub async fn conversation_of(
    pool: &Pool,
    keys: &Keys,
    channel: &str,
    ts: &str,
) -> Result<Option<String>, RedisError> {
    let mut c = pool.get().await?;
    Ok(redis::cmd("GET")
        .arg(keys.slack_thread(channel, ts))
        .query_async(&mut *c)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_references() {
        assert_eq!(slack_user(&agent_name("U0AGENT01")), Some("U0AGENT01"));
        assert_eq!(slack_user("maria"), None);
        assert_eq!(slack_user("slack-bob"), None);
        assert_eq!(slack_user("slack-<!channel>"), None);
        let r = reference("300:5511988887777");
        assert!(r.starts_with("c_") && r.len() == 18, "{r}");
        assert!(!r.contains("5511"));
        assert_eq!(r, reference("300:5511988887777"));
    }
}
