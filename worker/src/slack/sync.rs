//! Bringing one conversation's Slack alert in line with what is recorded (parent module):
//!
//! 1. no alert recorded → nothing to do;
//! 2. alert not posted → `chat.postMessage` it, rendered from the conversation as it is now,
//!    then record its `ts`, the version shown, and the thread link ingress routes by;
//! 3. posted, but the conversation's version moved → `chat.update` it (new block ids);
//! 4. thread lines not yet posted → post them in order (consecutive lines coalesced into one
//!    post, §8), advancing `posted` after each post.
//!
//! Every write back is conditional on the alert still being the same handoff's (one script),
//! so a sync that raced a new handoff never marks the new alert with the old one's `ts`.
//!
//! Crash table: dies after a post but before recording it → the next sync posts that alert or
//! line again (Slack has no idempotency key; the window is one request wide); dies anywhere
//! else → the next sync compares and does what is left. An update Slack can no longer apply
//! (`message_not_found`, `cant_update_message`, `edit_window_closed`) is given up and recorded
//! as shown; any other refusal fails the sync for the DLQ.

use std::collections::HashMap;

use baton_shared::redis::{Keys, Pool, RedisError};
use baton_shared::state::{conversation, handoff, slack as links, transcript};
use serde_json::Value;
use tracing::{info, warn};

use super::client::{self, SlackClient, SlackError};
use super::outbox::{Line, TTL_SECS};
use super::render::{AlertView, TURNS};

/// Lines coalesced into one thread post, at most.
const BATCH_LINES: usize = 10;
/// Characters of one coalesced thread post, at most.
const BATCH_CHARS: usize = 3500;

/// What a sync needs.
#[derive(Clone)]
pub struct Syncer {
    pub client: SlackClient,
    pub redis: Pool,
    pub keys: Keys,
    /// `SLACK_CHANNEL_ID`.
    pub channel: String,
    /// `SLACK_CONSOLE_URL`.
    pub console_url: Option<String>,
}

fn redis_err(e: impl Into<RedisError>) -> SlackError {
    SlackError::Transient(e.into().to_string())
}

const SET_IF_ALERT: &str = r"
if redis.call('HGET', KEYS[1], 'alert') ~= ARGV[1] then return 0 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1
";

/// The script writing `fields` to the conversation's Slack hash if it still describes `alert`
/// (one key; also what the key-slot test checks).
pub fn set_if_alert(keys: &Keys, conv: &str, alert: &str, fields: &[(&str, String)]) -> redis::Cmd {
    let mut script = redis::cmd("EVAL");
    script
        .arg(SET_IF_ALERT)
        .arg(1)
        .arg(keys.slack(conv))
        .arg(alert);
    for (k, v) in fields {
        script.arg(*k).arg(v);
    }
    script
}

/// What the hash says.
struct Recorded {
    alert: String,
    ts: Option<String>,
    channel: String,
    shown: Option<u64>,
    posted: usize,
}

impl Syncer {
    /// Brings `conv`'s alert and thread in line (see the module doc).
    pub async fn sync(&self, conv: &str) -> Result<(), SlackError> {
        let Some(rec) = self.recorded(conv).await? else {
            return Ok(());
        };
        let state = conversation::get(&self.redis, &self.keys, conv)
            .await
            .map_err(redis_err)?;
        let ts = match &rec.ts {
            Some(ts) => {
                if rec.shown != Some(state.version) {
                    self.update(conv, &rec, ts, &state).await?;
                }
                ts.clone()
            }
            None => self.post_alert(conv, &rec, &state).await?,
        };
        self.post_lines(conv, &rec, &ts).await
    }

    async fn recorded(&self, conv: &str) -> Result<Option<Recorded>, SlackError> {
        let mut c = self.redis.get().await.map_err(redis_err)?;
        let h: HashMap<String, String> = redis::cmd("HGETALL")
            .arg(self.keys.slack(conv))
            .query_async(&mut *c)
            .await
            .map_err(redis_err)?;
        let Some(alert) = h.get("alert").cloned() else {
            return Ok(None);
        };
        Ok(Some(Recorded {
            alert,
            ts: h.get("ts").cloned(),
            channel: h
                .get("channel")
                .cloned()
                .unwrap_or_else(|| self.channel.clone()),
            shown: h.get("shown").and_then(|v| v.parse().ok()),
            posted: h.get("posted").and_then(|v| v.parse().ok()).unwrap_or(0),
        }))
    }

    /// Writes `fields` to the hash if it still describes `alert`.
    async fn record(
        &self,
        conv: &str,
        alert: &str,
        fields: &[(&str, String)],
    ) -> Result<bool, SlackError> {
        let script = set_if_alert(&self.keys, conv, alert, fields);
        let mut c = self.redis.get().await.map_err(redis_err)?;
        let done: i64 = script.query_async(&mut *c).await.map_err(redis_err)?;
        Ok(done == 1)
    }

    /// Renders the alert from the conversation as it is.
    async fn view(
        &self,
        conv: &str,
        state: &conversation::ConversationState,
    ) -> Result<(String, Value), SlackError> {
        let turns = transcript::recent(&self.redis, &self.keys, conv, TURNS * 3)
            .await
            .map_err(redis_err)?;
        let last = handoff::last(&self.redis, &self.keys, conv)
            .await
            .map_err(redis_err)?;
        let reference = links::reference(conv);
        let view = AlertView {
            state,
            reference: &reference,
            turns: &turns,
            evidence: last.as_ref().and_then(|h| h.evidence.as_deref()),
            console_url: self.console_url.as_deref(),
        };
        Ok((view.text(), view.blocks()))
    }

    async fn post_alert(
        &self,
        conv: &str,
        rec: &Recorded,
        state: &conversation::ConversationState,
    ) -> Result<String, SlackError> {
        let (text, blocks) = self.view(conv, state).await?;
        let body = client::message(&rec.channel, &text, Some(&blocks), None);
        let posted = self.client.post_message(&body).await?;
        metrics::counter!("baton_worker_slack_alerts_total").increment(1);
        let fields = [
            ("ts", posted.ts.clone()),
            ("channel", posted.channel.clone()),
            ("shown", state.version.to_string()),
        ];
        if !self.record(conv, &rec.alert, &fields).await? {
            info!("a newer handoff replaced this alert while it was posted");
        }
        let mut pipe = redis::pipe();
        links::link_cmd(&mut pipe, &self.keys, &posted.channel, &posted.ts, conv);
        pipe.expire(self.keys.slack(conv), TTL_SECS).ignore();
        let mut c = self.redis.get().await.map_err(redis_err)?;
        pipe.query_async::<()>(&mut *c).await.map_err(redis_err)?;
        Ok(posted.ts)
    }

    async fn update(
        &self,
        conv: &str,
        rec: &Recorded,
        ts: &str,
        state: &conversation::ConversationState,
    ) -> Result<(), SlackError> {
        let (text, blocks) = self.view(conv, state).await?;
        let mut body = client::message(&rec.channel, &text, Some(&blocks), None);
        body["ts"] = Value::String(ts.to_owned());
        if let Some(o) = body.as_object_mut() {
            o.remove("unfurl_links");
            o.remove("unfurl_media");
        }
        match self.client.update(&body).await {
            Ok(()) => {}
            Err(SlackError::Refused(code))
                if matches!(
                    code.as_str(),
                    "message_not_found" | "cant_update_message" | "edit_window_closed"
                ) =>
            {
                warn!(error = %code, "the alert can no longer be updated; leaving it");
            }
            Err(e) => return Err(e),
        }
        self.record(conv, &rec.alert, &[("shown", state.version.to_string())])
            .await
            .map(|_| ())
    }

    async fn post_lines(&self, conv: &str, rec: &Recorded, ts: &str) -> Result<(), SlackError> {
        let mut c = self.redis.get().await.map_err(redis_err)?;
        let raw: Vec<String> = redis::cmd("LRANGE")
            .arg(self.keys.slack_lines(conv))
            .arg(rec.posted)
            .arg(-1)
            .query_async(&mut *c)
            .await
            .map_err(redis_err)?;
        drop(c);
        let lines: Vec<Line> = raw
            .iter()
            .map(|r| {
                serde_json::from_str(r).unwrap_or(Line {
                    text: String::new(),
                    broadcast: false,
                })
            })
            .collect();
        let mut done = rec.posted;
        for batch in batches(&lines) {
            let text: Vec<&str> = batch
                .iter()
                .map(|l| l.text.as_str())
                .filter(|t| !t.is_empty())
                .collect();
            if !text.is_empty() {
                let broadcast = batch[0].broadcast;
                let body =
                    client::message(&rec.channel, &text.join("\n"), None, Some((ts, broadcast)));
                self.client.post_message(&body).await?;
            }
            done += batch.len();
            if !self
                .record(conv, &rec.alert, &[("posted", done.to_string())])
                .await?
            {
                return Ok(());
            }
        }
        Ok(())
    }
}

/// Consecutive lines with the same `broadcast`, at most [`BATCH_LINES`] and [`BATCH_CHARS`].
fn batches(lines: &[Line]) -> Vec<&[Line]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = 0;
    for (i, l) in lines.iter().enumerate() {
        let n = l.text.chars().count();
        let full = i - start >= BATCH_LINES || chars + n > BATCH_CHARS;
        if i > start && (full || l.broadcast != lines[start].broadcast) {
            out.push(&lines[start..i]);
            start = i;
            chars = 0;
        }
        chars += n + 1;
    }
    if start < lines.len() {
        out.push(&lines[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, broadcast: bool) -> Line {
        Line {
            text: text.into(),
            broadcast,
        }
    }

    #[test]
    fn lines_coalesce_by_kind_and_size() {
        let lines = [
            line("a", false),
            line("b", false),
            line("wait", true),
            line("c", false),
        ];
        let b = batches(&lines);
        assert_eq!(b.iter().map(|x| x.len()).collect::<Vec<_>>(), [2, 1, 1]);
        let many: Vec<Line> = (0..25).map(|i| line(&i.to_string(), false)).collect();
        assert_eq!(
            batches(&many).iter().map(|x| x.len()).collect::<Vec<_>>(),
            [10, 10, 5]
        );
        let long: Vec<Line> = (0..3).map(|_| line(&"x".repeat(2000), false)).collect();
        assert_eq!(batches(&long).len(), 3);
        assert!(batches(&[]).is_empty());
    }
}
