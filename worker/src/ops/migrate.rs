//! `worker migrate-keys`: renames the keys of a namespace written by a build before the Redis
//! Cluster key layout (`baton_shared::redis`: hash tags such as `{c:<conversation>}`) to their
//! new names, so an upgrade keeps ownership, transcripts, parking, Slack records and the rest.
//!
//! Run it once, with the workers and ingress of the old build stopped (the broker drained or
//! not: events wait in their queues), against the single Redis server they used, before
//! starting the new build; `--dry-run` only counts. Every rename is `RENAMENX` (a key whose
//! new name exists is left alone and reported), so running it again is harmless. Keys that
//! already carry a tag are skipped. Two kinds cannot be renamed: the dedupe records and effects
//! journals of events (`dedupe:<id>`, `journal:<id>`) are now tagged with the event's
//! conversation, which the old name does not say; they are left to expire, so an event
//! redelivered after the upgrade is not recognised as a duplicate — drain the queues first
//! (nothing is then redelivered but Meta's rare retries). Human activity, formerly only the
//! score of `owned:human`, is copied into each human-owned conversation's `human_ms`.
//! Refuses a cluster URL (it `SCAN`s one server). Fails on the first Redis error; rerun it.

use std::io::Write;

use baton_shared::config::Config;
use baton_shared::redis::Keys;
use baton_shared::state::Owner;

/// What becomes of one old key.
#[derive(Debug, PartialEq, Eq)]
pub enum Rename {
    /// Its name does not change.
    Same,
    /// Renamed to this.
    To(String),
    /// Cannot be renamed (an event's dedupe record or journal), or not Baton's.
    Left,
}

/// A key builder taking one id.
type Build = fn(&Keys, &str) -> String;

/// The new name of `old`, a key of namespace `ns` in the layout before hash tags.
pub fn new_name(keys: &Keys, ns: &str, old: &str) -> Rename {
    let Some(rest) = old.strip_prefix(ns).and_then(|r| r.strip_prefix(':')) else {
        return Rename::Left;
    };
    if old.contains('{') {
        return Rename::Same;
    }
    let conv_kinds: [(&str, Build); 9] = [
        ("conv:", Keys::conversation),
        ("transcript:", Keys::transcript),
        ("drafts:", Keys::drafts),
        ("handoff:", Keys::handoff),
        ("failures:", Keys::failures),
        ("parked:", Keys::parked),
        ("parked-events:", Keys::parked_events),
        ("slack:conv:", Keys::slack),
        ("slack:lines:", Keys::slack_lines),
    ];
    for (prefix, build) in conv_kinds {
        if let Some(id) = rest.strip_prefix(prefix) {
            return Rename::To(build(keys, id));
        }
    }
    let one: [(&str, Build); 4] = [
        ("customers:", Keys::customers),
        ("sent:", Keys::sent),
        ("command:", Keys::command),
        ("probe-runs:", Keys::probe_runs),
    ];
    for (prefix, build) in one {
        if let Some(id) = rest.strip_prefix(prefix) {
            return Rename::To(build(keys, id));
        }
    }
    if let Some(doc) = rest.strip_prefix("memory:synap-written:") {
        return Rename::To(keys.synap_written(doc));
    }
    if let Some(user) = rest
        .strip_prefix("memory:")
        .and_then(|r| r.strip_suffix(":docs"))
    {
        return Rename::To(keys.memory_docs(user));
    }
    if let Some(thread) = rest.strip_prefix("slack:thread:")
        && let Some((channel, ts)) = thread.split_once(':')
    {
        return Rename::To(keys.slack_thread(channel, ts));
    }
    for (prefix, build) in [
        ("lease:", Keys::lease as fn(&Keys, u16) -> String),
        ("parked-set:", Keys::parked_set),
    ] {
        if let Some(p) = rest.strip_prefix(prefix).and_then(|p| p.parse().ok()) {
            return Rename::To(build(keys, p));
        }
    }
    if rest.starts_with("dedupe:") || rest.starts_with("journal:") {
        return Rename::Left;
    }
    Rename::Same
}

/// Renames the namespace's keys (see the module doc); `dry_run` only counts.
pub async fn run(config: &Config, dry_run: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let pool = baton_shared::redis::pool(&config.infra.redis_url)?;
    let ns = &config.infra.namespace;
    let keys = Keys::new(ns);
    let found = crate::ops::sends::scan(&pool, &keys.pattern()).await?;
    let (mut renamed, mut kept, mut taken, mut left) = (0usize, 0usize, 0usize, 0usize);
    let mut c = pool.get().await?;
    for old in &found {
        match new_name(&keys, ns, old) {
            Rename::Same => kept += 1,
            Rename::Left => left += 1,
            Rename::To(new) if dry_run => {
                let _ = new;
                renamed += 1;
            }
            Rename::To(new) => {
                let done: bool = redis::cmd("RENAMENX")
                    .arg(old)
                    .arg(&new)
                    .query_async(&mut *c)
                    .await?;
                if done {
                    renamed += 1;
                } else {
                    taken += 1;
                    writeln!(out, "left {old}: {new} exists")?;
                }
            }
        }
    }
    // Human activity: the index's score becomes the hash's `human_ms` where it is missing.
    let active: Vec<(String, f64)> = redis::cmd("ZRANGE")
        .arg(keys.owned(Owner::Human))
        .arg(0)
        .arg(-1)
        .arg("WITHSCORES")
        .query_async(&mut *c)
        .await?;
    let mut copied = 0usize;
    if !dry_run {
        for (conv, at) in &active {
            let set: bool = redis::cmd("HSETNX")
                .arg(keys.conversation(conv))
                .arg("human_ms")
                .arg(*at as i64)
                .query_async(&mut *c)
                .await?;
            copied += usize::from(set);
        }
    }
    writeln!(
        out,
        "{}{renamed} key(s) renamed, {kept} unchanged, {taken} not renamed (new name taken), \
         {left} left to expire (event dedupe records and journals); human activity copied \
         for {copied} of {} human-owned conversation(s)",
        if dry_run { "dry run: " } else { "" },
        active.len()
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_names_map_to_their_tagged_names() {
        let k = Keys::new("b");
        let to = |s: &str| Rename::To(s.to_owned());
        let cases = [
            ("b:conv:300:5511", to("b:conv:{c:300:5511}")),
            ("b:transcript:300:5511", to("b:transcript:{c:300:5511}")),
            ("b:slack:conv:300:5511", to("b:slack:conv:{c:300:5511}")),
            ("b:slack:lines:300:5511", to("b:slack:lines:{c:300:5511}")),
            (
                "b:slack:thread:C1:1712.5",
                to("b:slack:thread:{t:C1:1712.5}"),
            ),
            ("b:parked-events:300:1", to("b:parked-events:{c:300:1}")),
            ("b:lease:7", to("b:lease:{p:7}")),
            ("b:parked-set:7", to("b:parked-set:{p:7}")),
            ("b:memory:acme-1:docs", to("b:memory:{u:acme-1}:docs")),
            (
                "b:memory:synap-written:d1",
                to("b:memory:synap-written:{d:d1}"),
            ),
            ("b:sent:wamid.X", to("b:sent:{w:wamid.X}")),
            ("b:command:claim:x", to("b:command:{e:claim:x}")),
            ("b:customers:300", to("b:customers:{n:300}")),
            ("b:dedupe:wamid.X", Rename::Left),
            ("b:journal:wamid.X", Rename::Left),
            ("b:members", Rename::Same),
            ("b:owned:human", Rename::Same),
            ("b:console", Rename::Same),
            ("b:sends:rate:300", Rename::Same),
            ("b:conv:{c:300:5511}", Rename::Same),
            ("other:conv:1", Rename::Left),
        ];
        for (old, want) in cases {
            assert_eq!(new_name(&k, "b", old), want, "{old}");
        }
    }
}
