//! The Redis Cluster check (unit test only): every Lua script and every `MULTI` the worker and
//! the shared library run touches keys of one hash slot, for sample ids, as Redis Cluster
//! requires (`CROSSSLOT` otherwise). Each unit is built by the same function production calls
//! (`…_script`, `…_pipe`, `Journal::atomic_pipe`), sent to a connection that only records
//! it, and its keys are read back from the recorded command: `EVAL`/`EVALSHA` keys as
//! declared, other commands by the key positions in [`keys_of`] (an unknown command fails the
//! test, so a new one cannot slip through). Non-atomic pipelines are not units: on a cluster
//! the pool sends their commands one by one (`baton_shared::redis`).
//! The send limits' scripts (`whatsapp::limits`) are checked too: each touches one business
//! number's keys, under its hash tag.

use baton_shared::redis::{Keys, slot};
use redis::aio::ConnectionLike;
use redis::{Cmd, Pipeline, RedisFuture, Value};

/// A connection that records what is sent and answers `nil`.
#[derive(Default)]
struct Recorder {
    sent: Vec<(bool, Vec<Cmd>)>,
}

impl ConnectionLike for Recorder {
    fn req_packed_command<'a>(&'a mut self, cmd: &'a Cmd) -> RedisFuture<'a, Value> {
        self.sent.push((false, vec![cmd.clone()]));
        Box::pin(async { Ok(Value::Nil) })
    }
    fn req_packed_commands<'a>(
        &'a mut self,
        pipeline: &'a Pipeline,
        _offset: usize,
        count: usize,
    ) -> RedisFuture<'a, Vec<Value>> {
        self.sent.push((
            pipeline.is_transaction(),
            pipeline.cmd_iter().cloned().collect(),
        ));
        let n = if pipeline.is_transaction() { 1 } else { count };
        Box::pin(async move {
            if n == 1 && pipeline.is_transaction() {
                Ok(vec![Value::Array(vec![
                    Value::Nil;
                    pipeline.cmd_iter().count()
                ])])
            } else {
                Ok(vec![Value::Nil; n])
            }
        })
    }
    fn get_db(&self) -> i64 {
        0
    }
}

fn args(cmd: &Cmd) -> Vec<Vec<u8>> {
    cmd.args_iter()
        .map(|a| match a {
            redis::Arg::Simple(b) => b.to_vec(),
            _ => b"0".to_vec(),
        })
        .collect()
}

/// The keys a command touches.
fn keys_of(cmd: &Cmd) -> Vec<Vec<u8>> {
    let a = args(cmd);
    let name = String::from_utf8_lossy(&a[0]).to_ascii_uppercase();
    match name.as_str() {
        "EVAL" | "EVALSHA" => {
            let n: usize = String::from_utf8_lossy(&a[2]).parse().expect("numkeys");
            a[3..3 + n].to_vec()
        }
        "DEL" | "EXISTS" | "MGET" | "UNLINK" => a[1..].to_vec(),
        "GET" | "SET" | "SETEX" | "HGET" | "HSET" | "HMSET" | "HDEL" | "HGETALL" | "HMGET"
        | "HINCRBY" | "LPUSH" | "RPUSH" | "LTRIM" | "LLEN" | "LRANGE" | "EXPIRE" | "PEXPIRE"
        | "ZADD" | "ZREM" | "ZSCORE" | "SADD" | "SREM" | "XADD" | "INCR" => vec![a[1].clone()],
        other => panic!("keys_of: add the key positions of {other}"),
    }
}

/// The slots of everything `unit` sent as one atomic unit, or why it is not one.
fn one_slot(keys: &[Vec<u8>]) -> Result<u16, String> {
    let slots: std::collections::BTreeSet<u16> = keys.iter().map(|k| slot(k)).collect();
    match slots.len() {
        1 => Ok(*slots.iter().next().unwrap()),
        0 => Err("no key".into()),
        _ => Err(format!(
            "CROSSSLOT: {:?}",
            keys.iter()
                .map(|k| format!("{} → {}", String::from_utf8_lossy(k), slot(k)))
                .collect::<Vec<_>>()
        )),
    }
}

/// Every atomic unit recorded: a script (one command) or a `MULTI` (all its commands).
fn units(rec: &Recorder) -> Vec<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for (atomic, cmds) in &rec.sent {
        if *atomic {
            out.push(cmds.iter().flat_map(keys_of).collect());
        } else {
            for c in cmds {
                let name = String::from_utf8_lossy(&args(c)[0]).to_ascii_uppercase();
                if name.starts_with("EVAL") || matches!(name.as_str(), "DEL" | "EXISTS" | "MGET") {
                    out.push(keys_of(c));
                }
            }
        }
    }
    out
}

const CONVS: [&str; 5] = ["300:5511", "300:5522", "301:bsuid-x", "", "a}b{c"];
const EVENTS: [&str; 3] = ["wamid.HBgN1", "claim:0b6c", "e}1"];

async fn record_all(keys: &Keys) -> Recorder {
    use crate::conversation::state::{ownership, transcript};
    use crate::pipeline::journal::Journal;
    use crate::slack::{outbox, sync};
    use crate::stream::{idempotency, membership, parking};
    use baton_shared::state::{activity, feed, handoff, transition};

    let mut r = Recorder::default();
    let pool = baton_shared::redis::pool("redis://127.0.0.1:1").unwrap();
    let _: Result<Value, _> = membership::heartbeat_script(keys)
        .invoke_async(&mut r)
        .await;
    for p in [0u16, 1, 7, 15, 63] {
        for release in [false, true] {
            let _: Result<Value, _> = membership::lease_script(keys, p, release)
                .invoke_async(&mut r)
                .await;
        }
    }
    let mut renew = redis::pipe();
    for p in 0..16 {
        renew.add_command(membership::renew_cmd(keys, p, "w1", 1000));
    }
    let _: Result<Value, _> = renew.query_async(&mut r).await;
    for conv in CONVS {
        let _: Result<Value, _> = transition::script(keys, conv).invoke_async(&mut r).await;
        let _: Result<Value, _> = activity::touch_script(keys, conv, 1)
            .query_async(&mut r)
            .await;
        let _: Result<Value, _> = parking::hold_script(keys, conv).invoke_async(&mut r).await;
        for replace in [false, true] {
            let _: Result<Value, _> = transcript::transcript_script(keys, conv, replace)
                .invoke_async(&mut r)
                .await;
        }
        let fields = [("ts", "1.2".to_string())];
        let _: Result<Value, _> = sync::set_if_alert(keys, conv, "e1", &fields)
            .query_async(&mut r)
            .await;
        let _: Result<Value, _> = ownership::take_handoff_pipe(keys, conv)
            .query_async(&mut r)
            .await;
        let mut exists = redis::cmd("EXISTS");
        exists.arg(keys.parked(conv)).arg(keys.parked_events(conv));
        let _: Result<Value, _> = exists.query_async(&mut r).await;
        for ev in EVENTS {
            let _: Result<Value, _> = idempotency::claim_script(keys, conv, ev)
                .invoke_async(&mut r)
                .await;
            let _: Result<Value, _> = idempotency::if_mine_script(keys, conv, ev)
                .invoke_async(&mut r)
                .await;
            // The journal's `MULTI`s, with every kind of effect production puts in them.
            let journal = Journal::new(pool.clone(), keys, conv, ev);
            let failed = feed::ConsoleEvent::SendFailed {
                event_id: ev.into(),
                role: baton_shared::state::Speaker::Ai,
                agent: None,
                text: "hi".into(),
                code: None,
                error: "x".into(),
                window_closed: false,
            };
            let handoff_event = feed::ConsoleEvent::Handoff {
                event_id: ev.into(),
                reason: baton_shared::state::HandoffReason::CustomerAsked,
                summary: String::new(),
                evidence: None,
                version: Some(1),
                unavailable: None,
            };
            let customer = feed::ConsoleEvent::CustomerMessage {
                event_id: ev.into(),
                text: "hi".into(),
                owner: baton_shared::state::Owner::Human,
                agent: None,
            };
            for event in [&failed, &handoff_event, &customer] {
                let (mut own, _xadd) = feed::emit_parts(keys, conv, event, Some("t"));
                if let Some(slack) = outbox::for_event(keys, conv, event) {
                    for c in slack.cmd_iter() {
                        own.add_command(c.clone()).ignore();
                    }
                }
                let record = handoff::HandoffRecord {
                    event_id: ev.into(),
                    reason: baton_shared::state::HandoffReason::CustomerAsked,
                    summary: String::new(),
                    source: None,
                    evidence: None,
                    memory_context: None,
                    version: 1,
                    unavailable: None,
                    at_ms: 0,
                };
                handoff::save_cmd(&mut own, keys, conv, &record);
                let _: Result<Value, _> = journal
                    .atomic_pipe("feed:x:pending", "1", own)
                    .query_async(&mut r)
                    .await;
            }
            let mut line = redis::pipe();
            let l = outbox::Line {
                text: "x".into(),
                broadcast: false,
            };
            outbox::push(&mut line, keys, conv, &l);
            let _: Result<Value, _> = journal
                .atomic_pipe("slack:line", "1", line)
                .query_async(&mut r)
                .await;
        }
    }
    let limits = crate::whatsapp::SendLimits::new(pool.clone(), keys.clone(), Default::default());
    let ticket = crate::whatsapp::Ticket {
        reserved_at_ms: 1,
        waited: std::time::Duration::ZERO,
    };
    for number in ["100000000000001", "", "a}b{c"] {
        for recipient in ["15551234567", "bsuid-x", "}{"] {
            let _: Result<Value, _> = limits
                .admit_invocation(number, recipient, None)
                .invoke_async(&mut r)
                .await;
            let _: Result<Value, _> = limits
                .pair_refused_invocation(number, recipient, None)
                .invoke_async(&mut r)
                .await;
        }
        let _: Result<Value, _> = limits
            .throttled_invocation(number, &ticket, None)
            .invoke_async(&mut r)
            .await;
        let _: Result<Value, _> = limits
            .rate_invocation(number, None)
            .invoke_async(&mut r)
            .await;
    }
    r
}

#[tokio::test]
async fn every_script_and_transaction_touches_one_hash_slot() {
    let keys = Keys::new("baton");
    let r = record_all(&keys).await;
    let units = units(&r);
    assert!(units.len() >= 150, "recorded {} units", units.len());
    let bad: Vec<String> = units.iter().filter_map(|u| one_slot(u).err()).collect();
    assert!(
        bad.is_empty(),
        "{} cross-slot units:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_check_fails_on_the_old_key_layout() {
    // The key sets of the same units before the cluster work: `{ns}:<purpose>:<id>`, with the
    // transition moving the console index, the claim reading the membership, one renewal for
    // every lease, the dedupe record and the journal keyed by event, and the console stream
    // in the journal's `MULTI`.
    let ns = "baton";
    let k = |s: String| s.into_bytes();
    let c = "300:5511";
    let e = "wamid.HBgN1";
    let old: Vec<(&str, Vec<Vec<u8>>)> = vec![
        (
            "transition",
            vec![
                k(format!("{ns}:conv:{c}")),
                k(format!("{ns}:owned:ai")),
                k(format!("{ns}:owned:pending_human")),
                k(format!("{ns}:owned:human")),
            ],
        ),
        (
            "claim",
            vec![k(format!("{ns}:dedupe:{e}")), k(format!("{ns}:members"))],
        ),
        (
            "renew_all",
            (0..16).map(|p| k(format!("{ns}:lease:{p}"))).collect(),
        ),
        (
            "if_mine",
            vec![
                k(format!("{ns}:dedupe:{e}")),
                k(format!("{ns}:journal:{e}")),
            ],
        ),
        (
            "notify (journal MULTI)",
            vec![
                k(format!("{ns}:failures:{c}")),
                k(format!("{ns}:console")),
                k(format!("{ns}:journal:{e}")),
            ],
        ),
        (
            "slack line (journal MULTI)",
            vec![
                k(format!("{ns}:slack:conv:{c}")),
                k(format!("{ns}:slack:lines:{c}")),
                k(format!("{ns}:journal:{e}")),
            ],
        ),
    ];
    for (name, keys) in old {
        assert!(one_slot(&keys).is_err(), "{name} should be cross-slot");
    }
    // And the new layout's namespace-wide keys are in other slots than a conversation: the
    // reason the transition, the claim and the console event are split.
    let keys = Keys::new(ns);
    for global in [
        keys.owned(baton_shared::state::Owner::Ai),
        keys.members(),
        keys.console(),
    ] {
        assert!(one_slot(&[k(keys.conversation(c)), k(global)]).is_err());
    }
}
