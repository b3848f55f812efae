//! The local memory backend (no `SYNAP_API_KEY`): the same interface, kept in Redis.
//!
//! Per customer (keyed by the Synap-style `user_id`, so no raw phone number in key names), one
//! hash `{ns}:memory:{user_id}:docs`: record id → the record's JSON with the time it was
//! written (which orders records of the same time). A write is one `HSETNX`, so a
//! redelivered record is stored once (the first copy wins), plus an `EXPIRE` on customer turns:
//! the hash lives [`TTL_SECS`] (90 days) after the customer's last message (every other record
//! follows one). About [`RECORDS_CAP`] records are kept: every read trims the oldest beyond it
//! (reads load every record anyway), and one write in [`TRIM_EVERY`] checks the size, so a long
//! stretch without reads stays bounded too.
//!
//! `context`: the most recent handoff events and facts, a few older turns matching the query,
//! and the last turns, as dated lines, within the fetch timeout. `search`: keyword search over
//! every stored document (folded tokens, stop words dropped, score = share of the query's
//! tokens present), best first, newer first on ties, within the search timeout. Failures are
//! Redis failures or timeouts: transient.

use std::collections::HashSet;

use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use futures::FutureExt;
use futures::future::BoxFuture;

use super::record::Record;
use super::stamp::short_stamp;
use super::{Identity, MemoryBackend, MemoryConfig, MemoryError, Role, bounded, observe};
use crate::signals::normalize::fold;

pub const RECORDS_CAP: usize = 500;
/// One write in this many (chosen by the record id) checks the hash's size.
pub const TRIM_EVERY: u64 = 32;
pub const TTL_SECS: i64 = 90 * 24 * 3600;
const CONTEXT_NOTES: usize = 10;
const CONTEXT_TURNS: usize = 12;
const CONTEXT_RELATED: usize = 3;

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "da", "de", "del", "des", "did", "do", "does",
    "du", "e", "el", "em", "en", "es", "est", "et", "for", "has", "have", "i", "in", "is", "it",
    "je", "la", "las", "le", "les", "los", "me", "meu", "mi", "minha", "my", "o", "of", "on", "or",
    "os", "para", "por", "que", "the", "this", "that", "to", "um", "uma", "un", "una", "was", "we",
    "with", "y", "you", "your",
];

pub struct LocalBackend {
    cfg: MemoryConfig,
    redis: Pool,
    keys: Keys,
}

/// A record as stored, with when it was written (orders records of the same time).
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    #[serde(rename = "w")]
    written_us: i64,
    #[serde(rename = "r")]
    record: Record,
}

fn now_us() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64)
}

impl LocalBackend {
    pub fn new(cfg: MemoryConfig, redis: Pool, keys: Keys) -> Self {
        LocalBackend { cfg, redis, keys }
    }

    /// The records hash of a customer.
    pub fn key_for(&self, who: &Identity) -> String {
        self.keys.memory_docs(&self.cfg.ids(who).user_id)
    }

    async fn append(&self, who: &Identity, record: &Record) -> Result<bool, MemoryError> {
        let key = self.key_for(who);
        let stored = Stored {
            written_us: now_us(),
            record: record.clone(),
        };
        let entry =
            serde_json::to_string(&stored).map_err(|e| MemoryError::Permanent(e.to_string()))?;
        let mut pipe = redis::pipe();
        pipe.hset_nx(&key, record.id(), entry);
        if matches!(
            record,
            Record::Turn {
                role: Role::Customer,
                ..
            }
        ) {
            pipe.expire(&key, TTL_SECS).ignore();
        }
        let check = xxhash_rust::xxh3::xxh3_64(record.id().as_bytes()).is_multiple_of(TRIM_EVERY);
        if check {
            pipe.hlen(&key);
        }
        let mut conn = self.redis.get().await?;
        let answer: Vec<i64> = pipe
            .query_async(&mut *conn)
            .await
            .map_err(RedisError::from)?;
        drop(conn);
        if check && answer.get(1).is_some_and(|&n| n as usize > RECORDS_CAP) {
            self.load(who).await?;
        }
        Ok(answer.first() == Some(&1))
    }

    /// Every stored record of the customer, oldest first (by the record's own time); trims
    /// the oldest beyond the cap.
    async fn load(&self, who: &Identity) -> Result<Vec<Record>, MemoryError> {
        let key = self.key_for(who);
        let mut conn = self.redis.get().await?;
        let raw: Vec<String> = redis::cmd("HVALS")
            .arg(&key)
            .query_async(&mut *conn)
            .await
            .map_err(RedisError::from)?;
        let mut stored: Vec<Stored> = raw
            .iter()
            .filter_map(|s| serde_json::from_str(s).ok())
            .collect();
        // By the record's own time; records of one time in the order they were written.
        stored.sort_by_key(|s| (s.record.at_ms(), s.written_us));
        let mut out: Vec<Record> = stored.into_iter().map(|s| s.record).collect();
        if out.len() > RECORDS_CAP {
            let oldest = out.len() - RECORDS_CAP;
            let ids: Vec<&str> = out[..oldest].iter().map(Record::id).collect();
            redis::cmd("HDEL")
                .arg(&key)
                .arg(&ids)
                .query_async::<()>(&mut *conn)
                .await
                .map_err(RedisError::from)?;
            out.drain(..oldest);
        }
        Ok(out)
    }

    async fn context_text(&self, who: &Identity, query: &str) -> Result<String, MemoryError> {
        Ok(render_context(&self.load(who).await?, query))
    }
}

impl MemoryBackend for LocalBackend {
    fn name(&self) -> &'static str {
        "local"
    }

    fn write<'a>(
        &'a self,
        who: &'a Identity,
        record: &'a Record,
    ) -> BoxFuture<'a, Result<(), MemoryError>> {
        async move {
            let r = self.append(who, record).await.map(|added| {
                if !added {
                    tracing::debug!(record = record.id(), "memory: duplicate record skipped");
                }
            });
            observe("local", "write", r)
        }
        .boxed()
    }

    fn context<'a>(
        &'a self,
        who: &'a Identity,
        query: &'a str,
    ) -> BoxFuture<'a, Result<String, MemoryError>> {
        async move {
            let t = self.cfg.fetch_timeout;
            let r = bounded(t, "context", self.context_text(who, query)).await;
            observe("local", "context", r)
        }
        .boxed()
    }

    fn search<'a>(
        &'a self,
        who: &'a Identity,
        query: &'a str,
        limit: usize,
    ) -> BoxFuture<'a, Result<Vec<String>, MemoryError>> {
        async move {
            let loaded = bounded(self.cfg.search_timeout, "search", self.load(who)).await;
            let r = loaded.map(|records| {
                let hits = rank(&records, query);
                hits.into_iter()
                    .take(limit.max(1))
                    .map(|(_, r)| line(r))
                    .collect()
            });
            observe("local", "search", r)
        }
        .boxed()
    }
}

/// Notes, related older turns and recent turns as dated lines; "" when nothing is stored.
pub fn render_context(records: &[Record], query: &str) -> String {
    let notes: Vec<&Record> = records.iter().filter(|r| r.is_note()).collect();
    let turns: Vec<&Record> = records.iter().filter(|r| !r.is_note()).collect();
    let recent = &turns[turns.len().saturating_sub(CONTEXT_TURNS)..];
    let older = turns[..turns.len() - recent.len()].iter().copied();
    let mut related: Vec<&Record> = rank(older, query)
        .into_iter()
        .take(CONTEXT_RELATED)
        .map(|(_, r)| r)
        .collect();
    related.sort_by_key(|r| r.at_ms());
    let mut out = Vec::new();
    section(
        &mut out,
        "Handoffs and notes:",
        &notes[notes.len().saturating_sub(CONTEXT_NOTES)..],
    );
    section(&mut out, "Related earlier turns:", &related);
    section(&mut out, "Recent turns:", recent);
    out.join("\n")
}

fn section(out: &mut Vec<String>, title: &str, records: &[&Record]) {
    if records.is_empty() {
        return;
    }
    out.push(title.to_owned());
    out.extend(records.iter().map(|r| format!("- {}", line(r))));
}

fn line(r: &Record) -> String {
    let doc = r
        .document()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!("[{}] {doc}", short_stamp(r.at_ms()))
}

/// Records sharing tokens with the query, best first, newer first on ties.
pub fn rank<'r>(
    records: impl IntoIterator<Item = &'r Record>,
    query: &str,
) -> Vec<(f64, &'r Record)> {
    let q = tokens(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(f64, &Record)> = records
        .into_iter()
        .filter_map(|r| {
            let d = tokens(&r.document());
            let shared = q.iter().filter(|t| d.contains(*t)).count();
            (shared > 0).then(|| (shared as f64 / q.len() as f64, r))
        })
        .collect();
    hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.at_ms().cmp(&a.1.at_ms())));
    hits
}

/// Folded tokens without stop words (all tokens when only stop words remain).
fn tokens(text: &str) -> HashSet<String> {
    let all: HashSet<String> = fold(text).split_whitespace().map(str::to_owned).collect();
    let kept: HashSet<String> = all
        .iter()
        .filter(|t| !STOP_WORDS.contains(&t.as_str()))
        .cloned()
        .collect();
    if kept.is_empty() { all } else { kept }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{HandoffEvent, Role};

    fn turn(id: &str, role: Role, text: &str, at_ms: i64) -> Record {
        Record::Turn {
            id: id.into(),
            role,
            text: text.into(),
            at_ms,
        }
    }

    #[test]
    fn ranking_prefers_overlap_then_recency() {
        let rs = vec![
            turn("1", Role::Customer, "My order ORD-22 hasn't arrived", 1),
            turn("2", Role::Ai, "ORD-22 is showing delivered to 12 Oak St", 2),
            turn("3", Role::Customer, "Where is my order?", 3),
            turn("4", Role::Customer, "Thank you", 4),
        ];
        let hits = rank(&rs, "where is the order ORD-22");
        let ids: Vec<&str> = hits.iter().map(|(_, r)| r.id()).collect();
        assert_eq!(ids, vec!["1", "3", "2"]);
        assert!(rank(&rs, "").is_empty());
        assert!(rank(&rs, "pizza").is_empty());
        assert_eq!(rank(&rs, "ÓRDER").len(), 2, "folded");
    }

    #[test]
    fn context_has_notes_related_and_recent() {
        let mut rs: Vec<Record> = (0..20)
            .map(|i| {
                turn(
                    &format!("t{i}"),
                    Role::Customer,
                    &format!("message number {i}"),
                    i * 1000,
                )
            })
            .collect();
        rs[1] = turn("t1", Role::Customer, "I live at 12 Oak St", 1000);
        rs.push(Record::Handoff {
            id: "h".into(),
            event: HandoffEvent::Released,
            reason: None,
            summary: None,
            actor: None,
            note: None,
            at_ms: 30_000,
        });
        rs.sort_by_key(Record::at_ms);
        let text = render_context(&rs, "oak street");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Handoffs and notes:");
        assert_eq!(
            lines[1],
            "- [1970-01-01 00:00Z] Human released thread back to AI."
        );
        assert_eq!(lines[2], "Related earlier turns:");
        assert_eq!(
            lines[3],
            "- [1970-01-01 00:00Z] Customer: I live at 12 Oak St"
        );
        assert_eq!(lines[4], "Recent turns:");
        assert_eq!(lines.len(), 5 + CONTEXT_TURNS);
        assert!(
            lines
                .last()
                .unwrap()
                .ends_with("Customer: message number 19")
        );
        assert_eq!(render_context(&[], "x"), "");
    }
}
