//! Outcomes of human commands: what the worker did with a console command, for the request
//! waiting on it.
//!
//! The worker writes one JSON value per command event, `{ns}:command:{e:<event_id>}`, kept
//! [`TTL_SECS`], with [`save_cmd`] right before the command's journal mark — it is
//! the command's last effect, so its presence means every effect the customer or an agent can
//! see is done. Ingress polls it with [`get`] after publishing the command (and before, for a
//! retried request with the same `Idempotency-Key`: the outcome is already there and the
//! request is answered without publishing again). A command past its TTL is still a duplicate
//! to the worker (its dedupe record lives longer), so a very late retry sends nothing and is
//! answered 202.

use serde::{Deserialize, Serialize};

use super::Owner;
use crate::redis::{Keys, Pool, RedisError};

/// How long an outcome is kept: browsers and proxies retry within minutes.
pub const TTL_SECS: u64 = 24 * 3600;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeStatus {
    /// It did what was asked.
    Applied,
    /// It does not apply to the conversation as it is (`reason` says why).
    Refused,
    /// It applied, but WhatsApp refused the message (`reason` holds Graph's error).
    Failed,
}

/// Why a command was refused: the `reason` of a refused outcome (machine-readable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// A claim of a conversation another agent already claimed.
    AlreadyClaimed,
    /// A claim of a conversation nobody handed off.
    NotHandedOff,
    /// A takeover by the agent who already owns the conversation.
    AlreadyOwner,
    /// A release of a conversation the AI already owns.
    AlreadyAi,
    /// Free-form text more than 24 hours after the customer's last message.
    WindowClosed,
    /// An inactivity release: a human acted after the sweeper saw the conversation idle.
    HumanActive,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::AlreadyClaimed => "already_claimed",
            Refusal::NotHandedOff => "not_handed_off",
            Refusal::AlreadyOwner => "already_owner",
            Refusal::AlreadyAi => "already_ai",
            Refusal::WindowClosed => "window_closed",
            Refusal::HumanActive => "human_active",
        }
    }
}

/// What the worker did with one command.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandOutcome {
    pub event_id: String,
    /// The event kind (`human_claim`, `human_reply`, …).
    pub command: String,
    /// The agent who sent it.
    pub agent: String,
    pub status: OutcomeStatus,
    /// Refused: the [`Refusal`]; failed: none.
    #[serde(default)]
    pub reason: Option<Refusal>,
    /// A sentence for the agent (refused or failed).
    #[serde(default)]
    pub message: Option<String>,
    /// The conversation after the command.
    pub owner: Owner,
    #[serde(default)]
    pub owner_agent: Option<String>,
    pub version: u64,
    /// The wamids of what was sent to the customer (reply, template).
    #[serde(default)]
    pub wamids: Vec<String>,
    /// The command's fingerprint (`event::Command::fingerprint`), when it carried one.
    #[serde(default)]
    pub fingerprint: Option<String>,
    pub at_ms: i64,
}

/// Adds the command storing `outcome` to `pipe`.
pub fn save_cmd(pipe: &mut redis::Pipeline, keys: &Keys, outcome: &CommandOutcome) {
    let json = serde_json::to_string(outcome).expect("outcomes serialise");
    pipe.set_ex(keys.command(&outcome.event_id), json, TTL_SECS)
        .ignore();
}

/// The outcome of the command `event_id`, once the worker recorded it.
pub async fn get(
    pool: &Pool,
    keys: &Keys,
    event_id: &str,
) -> Result<Option<CommandOutcome>, RedisError> {
    let mut c = pool.get().await?;
    let raw: Option<String> = redis::cmd("GET")
        .arg(keys.command(event_id))
        .query_async(&mut *c)
        .await?;
    Ok(raw.and_then(|r| serde_json::from_str(&r).ok()))
}
