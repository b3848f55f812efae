//! Conversation ownership: who may speak to the customer (ARCHITECTURE §5).
//!
//! The state is read with [`get`] (the shared read model, `baton_shared::state`); this module
//! writes it. One Redis hash per conversation, `{ns}:conv:{key}`, holds the owner — `ai`,
//! `pending_human` (handoff requested, nobody claimed it) or `human` (with the agent) — and a
//! `version` that increases on every change. The version is the fencing token of I5: an AI
//! turn remembers the version it started under and sends only if it is unchanged at send time
//! (see [`still_owned_by_ai`]); otherwise the reply becomes a draft for the human.
//!
//! Transitions ([`apply`], the one script in `baton_shared::state::transition`, which ingress
//! also runs so a console takeover applies at once) store the event that caused them
//! (`cause`), so a retry of that event — or the worker running a command whose transition
//! ingress already applied — sees "already applied by me" and resumes the follow-up effects
//! instead of treating the conversation as someone else's. The hash also keeps the customer's identity
//! and the time of their last message (the 24-hour customer-service window), and `handoff_ms`
//! until a human first answers the handoff ([`take_unanswered_handoff`], for the
//! time-to-first-human-reply metric). Fails with [`RedisError`] (transient).
//!
//! The console's index (`baton_shared::state::index`): a transition moves the conversation
//! between the per-owner sets `{ns}:owned:{owner}` right after its script
//! (`baton_shared::state::transition::sync_index`); [`ensure_indexed`]
//! registers the customer's ids and number the first time the engine sees them (the
//! conversation's `indexed` field records which ids are registered, so an ordinary message
//! writes nothing for the index: it is checked on the state the engine reads anyway).

use std::collections::HashMap;

use baton_shared::event::Conversation;
use baton_shared::redis::Pool;
use baton_shared::redis::{Keys, RedisError};
use baton_shared::state::Owner;
use redis;

use super::recently::Recently;

pub use baton_shared::state::conversation::{ConversationState as State, WINDOW_MS, fields, get};
pub use baton_shared::state::transition::{
    Applied, Request, Transition, apply, apply_if_idle, sync_index,
};

fn key(keys: &Keys, conv: &str) -> String {
    keys.conversation(conv)
}

/// Records a customer message — identity fields and the start of a new 24-hour window — and
/// registers the customer in the console's index if it is not yet ([`ensure_indexed`]).
pub async fn touch_customer(
    pool: &Pool,
    keys: &Keys,
    conv: &Conversation,
    at_ms: i64,
) -> Result<(), RedisError> {
    let mut c = pool.get().await?;
    touch_cmd(keys, conv, at_ms)
        .query_async::<()>(&mut *c)
        .await?;
    drop(c);
    let state = get(pool, keys, &conv.key()).await?;
    ensure_indexed(pool, keys, conv, &state).await
}

/// The one `HSET` that records a customer message (identity fields, window), for callers that
/// send it with other commands; the index is then the caller's to ensure.
pub fn touch_cmd(keys: &Keys, conv: &Conversation, at_ms: i64) -> redis::Cmd {
    let mut cmd = redis::cmd("HSET");
    cmd.arg(key(keys, &conv.key()));
    for (field, value) in touch_fields(conv, at_ms) {
        cmd.arg(field).arg(value);
    }
    cmd
}

/// The fields a customer message writes on its conversation.
fn touch_fields(conv: &Conversation, at_ms: i64) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("last_customer_ms", at_ms.to_string()),
        ("number", conv.number.clone()),
        ("customer", conv.customer.clone()),
    ];
    for (field, value) in [
        ("wa_id", &conv.wa_id),
        ("user_id", &conv.user_id),
        ("name", &conv.name),
    ] {
        if let Some(v) = value {
            fields.push((field, v.clone()));
        }
    }
    fields
}

/// A customer message's writes on its conversation, planned from the hash as read right
/// before them (`before`, its raw fields): the registration in the console's index when it
/// is due ([`ensure_indexed`]'s writes), then the touch's `HSET`, which also carries the
/// `indexed` mark — after the registration in the same pipeline, so the mark is never written
/// without it. Saves a customer's first message the separate mark and the engine a second read of the
/// state: [`Touch::state`] is the state once the writes are applied. Send [`Touch::pipe`]
/// (with more commands after it if wanted) and call [`Touch::failed`] if that fails.
pub fn touch_and_index(
    keys: &Keys,
    conv: &Conversation,
    at_ms: i64,
    mut before: HashMap<String, String>,
) -> Touch {
    let fields = touch_fields(conv, at_ms);
    for (field, value) in &fields {
        before.insert((*field).to_owned(), value.clone());
    }
    let mut state = State::from_fields(&before);
    let plan = index_plan(keys, conv, &state);
    let mut pipe = plan.as_ref().map_or_else(redis::pipe, |p| p.pipe.clone());
    let mut touch = touch_cmd(keys, conv, at_ms);
    if let Some(p) = &plan {
        touch.arg("indexed").arg(&p.ids);
        state.indexed = Some(p.ids.clone());
    }
    pipe.add_command(touch).ignore();
    Touch { pipe, state, plan }
}

/// What [`touch_and_index`] planned.
pub struct Touch {
    /// The writes, in order (every reply ignored).
    pub pipe: redis::Pipeline,
    /// The conversation's state once they are applied.
    pub state: State,
    plan: Option<IndexPlan>,
}

impl Touch {
    /// The writes failed (or may not have been applied): the number is added again next time.
    pub fn failed(&self) {
        if let Some(p) = &self.plan {
            p.forget();
        }
    }
}

/// The customer's ids as the `indexed` field records them.
fn index_ids(conv: &Conversation) -> String {
    let mut ids: Vec<&str> = [
        Some(conv.customer.as_str()),
        conv.wa_id.as_deref(),
        conv.user_id.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.join(",")
}

/// Registers the customer in the console's index (`baton_shared::state::index`) unless the
/// conversation's `indexed` field says these ids already are: every id other than the
/// conversation key's own → the conversation, the business number (once an hour per process),
/// and — for a conversation that never changed owner — the AI's list.
/// Costs nothing for a known customer (the caller read `state` anyway). One pipeline, the
/// `indexed` mark last: a crash midway registers again next time (every write is
/// idempotent). A pristine customer message registers with its touch instead
/// ([`touch_and_index`]).
pub async fn ensure_indexed(
    pool: &Pool,
    keys: &Keys,
    conv: &Conversation,
    state: &State,
) -> Result<(), RedisError> {
    let Some(plan) = index_plan(keys, conv, state) else {
        return Ok(());
    };
    let mut pipe = plan.pipe.clone();
    pipe.hset(keys.conversation(&conv.key()), "indexed", &plan.ids)
        .ignore();
    let written = async {
        let mut c = pool.get().await?;
        pipe.query_async::<()>(&mut *c).await?;
        Ok::<_, RedisError>(())
    }
    .await;
    if written.is_err() {
        plan.forget();
    }
    written
}

/// The registration writes a conversation needs (none when `indexed` already names its ids),
/// without the mark.
struct IndexPlan {
    pipe: redis::Pipeline,
    /// What the `indexed` mark is to say.
    ids: String,
    /// The business number's entry in [`NUMBERS_SEEN`], when this plan adds it.
    number_seen: Option<String>,
}

impl IndexPlan {
    fn forget(&self) {
        if let Some(seen) = &self.number_seen {
            NUMBERS_SEEN.forget(seen);
        }
    }
}

fn index_plan(keys: &Keys, conv: &Conversation, state: &State) -> Option<IndexPlan> {
    let ids = index_ids(conv);
    if state.indexed.as_deref() == Some(ids.as_str()) {
        return None;
    }
    let key = conv.key();
    let mut pipe = redis::pipe();
    // The conversation key's own id needs no entry: `index::resolve` finds `{number}:{id}`.
    let others: Vec<(&str, &str)> = ids
        .split(',')
        .filter(|id| *id != conv.customer)
        .map(|id| (id, key.as_str()))
        .collect();
    if !others.is_empty() {
        pipe.hset_multiple(keys.customers(&conv.number), &others)
            .ignore();
    }
    let seen = format!("{}\n{}", keys.numbers(), conv.number);
    let number_seen = NUMBERS_SEEN.due(&seen).then_some(seen);
    if number_seen.is_some() {
        pipe.sadd(keys.numbers(), &conv.number).ignore();
    }
    if state.version == 0 {
        let since = state
            .last_customer_ms
            .unwrap_or_else(baton_shared::event::now_ms);
        pipe.cmd("ZADD")
            .arg(keys.owned(Owner::Ai))
            .arg("NX")
            .arg(since)
            .arg(&key)
            .ignore();
    }
    Some(IndexPlan {
        pipe,
        ids,
        number_seen,
    })
}

/// The business numbers this process added to `{ns}:numbers` within the hour: a business has
/// one or a few numbers, so the `SADD` is sent once per number and process an hour, not with
/// every first message. If Redis lost the set meanwhile, it is back within the hour (the
/// console then needs `?number=` unless `WABA_PHONE_NUMBER_ID` is set).
static NUMBERS_SEEN: std::sync::LazyLock<Recently> =
    std::sync::LazyLock::new(|| Recently::new(std::time::Duration::from_secs(3600)));

/// Takes (reads and deletes, atomically) the time of the handoff no human has answered yet:
/// `Some` exactly once per handoff, for its first human reply, however often that reply's
/// event is retried. The handoff sets it; a release clears it.
pub async fn take_unanswered_handoff(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
) -> Result<Option<i64>, RedisError> {
    let mut c = pool.get().await?;
    let (at, _): (Option<i64>, i64) = take_handoff_pipe(keys, conv).query_async(&mut *c).await?;
    Ok(at)
}

/// The `MULTI` of [`take_unanswered_handoff`] (one key; also what the key-slot test checks).
pub fn take_handoff_pipe(keys: &Keys, conv: &str) -> redis::Pipeline {
    let mut pipe = redis::pipe();
    pipe.atomic()
        .cmd("HGET")
        .arg(key(keys, conv))
        .arg("handoff_ms")
        .cmd("HDEL")
        .arg(key(keys, conv))
        .arg("handoff_ms");
    pipe
}

/// True when the AI still owns the conversation at `version` (checked right before sending;
/// reads only the two fields it needs).
pub async fn still_owned_by_ai(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    version: u64,
) -> Result<bool, RedisError> {
    let mut c = pool.get().await?;
    let (owner, v): (Option<String>, Option<u64>) = redis::cmd("HMGET")
        .arg(key(keys, conv))
        .arg("owner")
        .arg("version")
        .query_async(&mut *c)
        .await?;
    let owner = owner.and_then(|o| baton_shared::state::Owner::parse(&o));
    Ok(owner.unwrap_or_default() == baton_shared::state::Owner::Ai && v.unwrap_or(0) == version)
}

/// Counts an AI reply the customer has not (yet) accepted; `reset` starts over.
pub async fn unresolved(
    pool: &Pool,
    keys: &Keys,
    conv: &str,
    reset: bool,
) -> Result<(), RedisError> {
    let mut c = pool.get().await?;
    let k = key(keys, conv);
    if reset {
        redis::cmd("HSET")
            .arg(k)
            .arg("unresolved")
            .arg(0)
            .query_async::<()>(&mut *c)
            .await?;
    } else {
        redis::cmd("HINCRBY")
            .arg(k)
            .arg("unresolved")
            .arg(1)
            .query_async::<()>(&mut *c)
            .await?;
    }
    Ok(())
}
