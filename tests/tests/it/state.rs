//! The conversation state and the effects journal against the real Redis: transcript appends
//! are idempotent and capped, and their lifetime refreshed once a day and on creation, transitions know the event that caused them, the journal keeps
//! the first decision and writes an effect with its mark, a console event is written once
//! whichever of its steps an attempt died after, the console feed reads back what was written, the console's index follows identity and owner. Each test uses its own
//! namespace and deletes its keys.

use baton_shared::redis::{Keys, Pool};
use baton_shared::state::feed::{self, ConsoleEvent};
use baton_shared::state::{HandoffReason, Owner, Speaker, index};
use baton_worker::conversation::state::ownership::{self, Applied, Request, Transition};
use baton_worker::conversation::state::transcript::{self, Entry};
use baton_worker::pipeline::journal::Journal;
use redis::AsyncCommands;

struct Ns {
    pool: Pool,
    keys: Keys,
}

impl Ns {
    fn new(name: &str) -> Ns {
        let url = std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
        let ns = format!(
            "t-state-{name}-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        Ns {
            pool: baton_shared::redis::pool(&url).expect("redis pool"),
            keys: Keys::new(&ns),
        }
    }

    async fn cleanup(self) {
        let mut c = self.pool.get().await.unwrap();
        let keys: Vec<String> = c.keys(self.keys.pattern()).await.unwrap();
        if !keys.is_empty() {
            let _: () = c.del(keys).await.unwrap();
        }
    }
}

#[tokio::test]
async fn transcript_appends_are_idempotent_and_capped() {
    let ns = Ns::new("transcript");
    let conv = "300:5511";
    // Ids as Meta makes them: base64 with '/', '+' and '='; and one with a quote.
    for id in ["wamid.HBgM/ab+cd==", "weird\"id"] {
        let e = Entry::new(id, Speaker::Customer, "hello");
        assert!(
            transcript::append(&ns.pool, &ns.keys, conv, &e)
                .await
                .unwrap()
        );
        assert!(
            !transcript::append(&ns.pool, &ns.keys, conv, &e)
                .await
                .unwrap()
        );
    }
    for i in 0..(transcript::CAP + 10) {
        let e = Entry::new(format!("e{i}"), Speaker::Ai, "x");
        transcript::append(&ns.pool, &ns.keys, conv, &e)
            .await
            .unwrap();
    }
    let all = transcript::recent(&ns.pool, &ns.keys, conv, 1000)
        .await
        .unwrap();
    assert_eq!(all.len(), transcript::CAP as usize, "capped");
    assert_eq!(all.last().unwrap().id, format!("e{}", transcript::CAP + 9));
    // Appends known to be new (a pristine attempt) are bare pushes, trimmed in batches.
    let conv2 = "300:5512";
    for i in 0..(transcript::CAP + transcript::TRIM_SLACK + 5) {
        let e = Entry::new(format!("n{i}"), Speaker::Customer, "x");
        transcript::append_new(&ns.pool, &ns.keys, conv2, &e, redis::pipe())
            .await
            .unwrap();
    }
    let all = transcript::recent(&ns.pool, &ns.keys, conv2, 1000)
        .await
        .unwrap();
    let n = all.len() as isize;
    assert!(
        (transcript::CAP..=transcript::CAP + transcript::TRIM_SLACK).contains(&n),
        "about the cap: {n}"
    );
    let last = transcript::CAP + transcript::TRIM_SLACK + 4;
    assert_eq!(all.last().unwrap().id, format!("n{last}"), "newest kept");
    let mut c = ns.pool.get().await.unwrap();
    let ttl: i64 = c.ttl(ns.keys.transcript(conv2)).await.unwrap();
    assert!(ttl > 0, "customer turns refresh the lifetime");
    drop(c);
    ns.cleanup().await;
}

/// A customer turn refreshes its transcript's lifetime once a day per conversation and process
/// (not with every message), and whenever its append created the list — so a transcript
/// deleted and recreated within the day still expires.
#[tokio::test]
async fn transcript_lifetime_is_refreshed_daily_and_on_creation() {
    let ns = Ns::new("ttl");
    let conv = "300:5511900000001";
    let key = ns.keys.transcript(conv);
    let customer = |id: &str| Entry::new(id, Speaker::Customer, "hello");
    let ttl = |pool: Pool, key: String| async move {
        let mut c = pool.get().await.unwrap();
        redis::cmd("TTL")
            .arg(&key)
            .query_async::<i64>(&mut *c)
            .await
            .unwrap()
    };
    let created = transcript::append_new(&ns.pool, &ns.keys, conv, &customer("c1"), redis::pipe())
        .await
        .unwrap();
    assert!(created, "c1 creates the list");
    assert!(ttl(ns.pool.clone(), key.clone()).await > transcript::TTL_SECS - 60);
    // Within the day, a follow-up does not refresh it (shown by removing the lifetime).
    let mut c = ns.pool.get().await.unwrap();
    let _: () = redis::cmd("PERSIST")
        .arg(&key)
        .query_async(&mut *c)
        .await
        .unwrap();
    let created = transcript::append_new(&ns.pool, &ns.keys, conv, &customer("c2"), redis::pipe())
        .await
        .unwrap();
    assert!(!created, "c2 appends to the list");
    assert_eq!(
        ttl(ns.pool.clone(), key.clone()).await,
        -1,
        "no EXPIRE within the day"
    );
    // The list deleted (a GDPR erase, say) and recreated the same day gets its lifetime.
    let _: () = c.del(&key).await.unwrap();
    let created = transcript::append_new(&ns.pool, &ns.keys, conv, &customer("c3"), redis::pipe())
        .await
        .unwrap();
    assert!(created, "c3 recreates the list");
    assert!(ttl(ns.pool.clone(), key.clone()).await > transcript::TTL_SECS - 60);
    let len: i64 = c.llen(&key).await.unwrap();
    assert_eq!(len, 1);
    drop(c);
    ns.cleanup().await;
}

#[tokio::test]
async fn a_transition_knows_the_event_that_caused_it() {
    let ns = Ns::new("transition");
    let conv = "300:5511";
    let handoff = |cause: &'static str| Request {
        transition: Transition::Handoff,
        agent: None,
        reason: Some(HandoffReason::CustomerAsked),
        summary: Some("wants a person"),
        cause,
    };
    let first = ownership::apply(&ns.pool, &ns.keys, conv, &handoff("e1"))
        .await
        .unwrap();
    let Applied::Now(state) = first else {
        panic!("applied now: {first:?}");
    };
    assert_eq!(state.owner, Owner::PendingHuman);
    assert_eq!(state.reason, Some(HandoffReason::CustomerAsked));
    // The same event again (a retry) finds it applied by itself, at the same version.
    let again = ownership::apply(&ns.pool, &ns.keys, conv, &handoff("e1"))
        .await
        .unwrap();
    assert_eq!(again, Applied::Earlier(state.clone()));
    // Another event is refused: the conversation is not the AI's any more.
    let other = ownership::apply(&ns.pool, &ns.keys, conv, &handoff("e2"))
        .await
        .unwrap();
    assert_eq!(other, Applied::Refused);
    let claim = Request {
        transition: Transition::Claim,
        agent: Some("maria"),
        reason: None,
        summary: None,
        cause: "c1",
    };
    let claimed = ownership::apply(&ns.pool, &ns.keys, conv, &claim)
        .await
        .unwrap()
        .state()
        .expect("claimed");
    assert_eq!(
        (claimed.owner, claimed.agent.as_deref(), claimed.version),
        (Owner::Human, Some("maria"), state.version + 1)
    );
    ns.cleanup().await;
}

#[tokio::test]
async fn the_journal_keeps_the_first_decision_and_marks_effects() {
    let ns = Ns::new("journal");
    let first = Journal::new(ns.pool.clone(), &ns.keys, "c1", "e1");
    assert_eq!(
        first.decide("plan", &"reply A".to_owned()).await.unwrap(),
        "reply A"
    );
    // A second attempt that also decided acts on the first decision.
    let second = Journal::new(ns.pool.clone(), &ns.keys, "c1", "e1");
    assert_eq!(
        second.decide("plan", &"reply B".to_owned()).await.unwrap(),
        "reply A"
    );
    // An effect and its mark in one MULTI: both there.
    let event = ConsoleEvent::Draft {
        event_id: "e1".into(),
        text: "draft".into(),
    };
    second
        .atomically(
            "feed:draft",
            "1",
            feed::emit_cmd(&ns.keys, "300:5511", &event),
        )
        .await
        .unwrap();
    second.mark("reply:sent:0", "wamid.A").await.unwrap();
    // A third attempt reads both marks from Redis.
    let third = Journal::new(ns.pool.clone(), &ns.keys, "c1", "e1");
    assert!(third.is_done("feed:draft").await.unwrap());
    assert_eq!(
        third.get("reply:sent:0").await.unwrap().as_deref(),
        Some("wamid.A")
    );
    assert_eq!(
        third.plan::<String>("plan").await.unwrap().as_deref(),
        Some("reply A")
    );
    let entries = feed::read(&ns.pool, &ns.keys, "-", 10).await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].event, event);
    assert_eq!(entries[0].conversation, "300:5511");
    let after = feed::read(&ns.pool, &ns.keys, &entries[0].id, 10)
        .await
        .unwrap();
    assert!(after.is_empty(), "nothing after the last entry");
    let mut c = ns.pool.get().await.unwrap();
    let ttl: i64 = c.ttl(ns.keys.journal("c1", "e1")).await.unwrap();
    assert_eq!(ttl, -1, "no lifetime of its own while its event runs");
    drop(c);
    ns.cleanup().await;
}

#[tokio::test]
async fn claims_tell_pristine_events_from_resumed_ones() {
    use baton_worker::stream::idempotency::{self, AttemptToken, Claim, ClaimPolicy};
    let ns = Ns::new("claim");
    let policy = ClaimPolicy {
        ttl_secs: 60,
        stale_ms: 60_000,
    };
    let me = AttemptToken::new("w-me", 1);
    let claim = |token: &AttemptToken| {
        let token = token.clone();
        let (pool, keys) = (ns.pool.clone(), ns.keys.clone());
        async move {
            idempotency::claim(&pool, &keys, "c1", "e1", &token, policy, None)
                .await
                .unwrap()
        }
    };
    assert_eq!(claim(&me).await, Claim::Fresh { pristine: true });
    // A live other worker holding it: in progress. A dead one: taken over, not pristine.
    let mut c = ns.pool.get().await.unwrap();
    let _: () = c.zadd(ns.keys.members(), "w-me", 1).await.unwrap();
    let other = AttemptToken::new("w-other", 1);
    assert_eq!(claim(&other).await, Claim::InProgress { by: "w-me".into() });
    let _: () = c.zrem(ns.keys.members(), "w-me").await.unwrap();
    assert_eq!(claim(&other).await, Claim::Fresh { pristine: false });
    // An attempt that gives up leaves `retry` (never an absent record) and gives the journal
    // the record's lifetime; the next claim resumes it.
    let journal = Journal::new(ns.pool.clone(), &ns.keys, "c1", "e1");
    journal.mark("reply:sent:0", "wamid.A").await.unwrap();
    idempotency::release(&ns.pool, &ns.keys, "c1", "e1", &other, 60)
        .await
        .unwrap();
    let v: String = c.get(ns.keys.dedupe("c1", "e1")).await.unwrap();
    assert_eq!(v, "retry");
    let ttl: i64 = c.ttl(ns.keys.journal("c1", "e1")).await.unwrap();
    assert!(
        ttl > 0 && ttl <= 60,
        "the journal expires with the record: {ttl}"
    );
    assert_eq!(claim(&me).await, Claim::Fresh { pristine: false });
    // Another attempt of this very process: `Mine`, whatever the membership says.
    let newer = AttemptToken::new("w-me", 2);
    assert_eq!(
        claim(&newer).await,
        Claim::Mine {
            token: me.as_str().to_owned()
        }
    );
    // A live worker's claim not refreshed for the stale limit is abandoned.
    let _: () = c.zadd(ns.keys.members(), "w-me", 1).await.unwrap();
    let old = format!(
        "{}|{}",
        me.as_str(),
        baton_shared::event::now_ms() - 120_000
    );
    let _: () = c.set(ns.keys.dedupe("c1", "e1"), old).await.unwrap();
    assert_eq!(claim(&other).await, Claim::Fresh { pristine: false });
    // Done: a duplicate from then on.
    idempotency::complete(&ns.pool, &ns.keys, "c1", "e1", 60, true)
        .await
        .unwrap();
    assert_eq!(claim(&me).await, Claim::Duplicate);
    let journal_left: bool = c.exists(ns.keys.journal("c1", "e1")).await.unwrap();
    assert!(!journal_left, "completion deletes the journal");
    drop(c);
    ns.cleanup().await;
}

/// The console's index changes with the state it describes: a new identity registers the
/// customer's ids (and only a new one: an ordinary message writes nothing more), and every
/// transition moves the conversation to its owner's list.
#[tokio::test]
async fn the_console_index_follows_identity_and_owner() {
    let ns = Ns::new("index");
    let conv = baton_shared::event::Conversation {
        number: "300".into(),
        customer: "BR.77001234".into(),
        wa_id: Some("5511988887777".into()),
        user_id: Some("BR.77001234".into()),
        name: Some("Ana".into()),
    };
    let key = conv.key();
    ownership::touch_customer(&ns.pool, &ns.keys, &conv, 1_000)
        .await
        .unwrap();
    for id in ["5511988887777", "BR.77001234"] {
        let found = index::resolve(&ns.pool, &ns.keys, "300", id).await.unwrap();
        assert_eq!(found.as_deref(), Some(key.as_str()), "{id}");
    }
    assert_eq!(
        index::resolve(&ns.pool, &ns.keys, "301", "5511988887777")
            .await
            .unwrap(),
        None
    );
    assert_eq!(index::numbers(&ns.pool, &ns.keys).await.unwrap(), ["300"]);
    let owned = |o: Owner| index::owned(&ns.pool, &ns.keys, o, 0, 10);
    assert_eq!(owned(Owner::Ai).await.unwrap(), [(key.clone(), 1_000)]);
    // The same identity again adds no field: the index is not written again.
    let mut c = ns.pool.get().await.unwrap();
    let _: () = c.del(ns.keys.customers("300")).await.unwrap();
    drop(c);
    ownership::touch_customer(&ns.pool, &ns.keys, &conv, 2_000)
        .await
        .unwrap();
    assert_eq!(
        index::resolve(&ns.pool, &ns.keys, "300", "5511988887777")
            .await
            .unwrap(),
        None
    );
    for (t, agent, owner) in [
        (Transition::Handoff, None, Owner::PendingHuman),
        (Transition::Claim, Some("maria"), Owner::Human),
        (Transition::Release, Some("maria"), Owner::Ai),
    ] {
        let req = Request {
            transition: t,
            agent,
            reason: Some(HandoffReason::CustomerAsked),
            summary: Some("wants a person"),
            cause: "e",
        };
        ownership::apply(&ns.pool, &ns.keys, &key, &req)
            .await
            .unwrap()
            .state()
            .unwrap();
        for o in Owner::ALL {
            let members: Vec<String> = owned(o)
                .await
                .unwrap()
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            let expected: &[String] = if o == owner {
                std::slice::from_ref(&key)
            } else {
                &[]
            };
            assert_eq!(members, expected, "after {t:?}: {o}");
        }
    }
    let rows = index::rows(&ns.pool, &ns.keys, &owned(Owner::Ai).await.unwrap())
        .await
        .unwrap();
    assert_eq!(rows[0].state.wa_id.as_deref(), Some("5511988887777"));
    ns.cleanup().await;
}

/// A first attempt of a customer message plans its writes from the state it read
/// (`ownership::touch_and_index`): the state it hands the engine is what Redis holds once the
/// writes are applied, a new customer is registered in the index with the `indexed` mark in
/// the touch itself, a known one writes only the touch, and a conversation that changed owner
/// is never put back on the AI's list when a new id of its customer appears.
#[tokio::test]
async fn a_customer_message_plans_its_touch_and_index_from_what_it_read() {
    let ns = Ns::new("touchplan");
    let mut conv = baton_shared::event::Conversation {
        number: "300".into(),
        customer: "5511988887777".into(),
        wa_id: Some("5511988887777".into()),
        user_id: None,
        name: Some("Ana".into()),
    };
    let key = conv.key();
    let apply = |conv: baton_shared::event::Conversation, at: i64| {
        let (pool, keys, key) = (ns.pool.clone(), ns.keys.clone(), key.clone());
        async move {
            let before = ownership::fields(&pool, &keys, &key).await.unwrap();
            let touch = ownership::touch_and_index(&keys, &conv, at, before);
            let mut c = pool.get().await.unwrap();
            touch.pipe.query_async::<()>(&mut *c).await.unwrap();
            drop(c);
            let read = ownership::get(&pool, &keys, &key).await.unwrap();
            assert_eq!(touch.state, read, "the planned state is the stored one");
            read
        }
    };
    let owned = |o: Owner| index::owned(&ns.pool, &ns.keys, o, 0, 10);
    // Cut after every command but the touch (a connection lost midway): no mark without the
    // registration, so the engine's retry path registers again and marks it.
    let before = ownership::fields(&ns.pool, &ns.keys, &key).await.unwrap();
    let touch = ownership::touch_and_index(&ns.keys, &conv, 500, before);
    let cmds: Vec<&redis::Cmd> = touch.pipe.cmd_iter().collect();
    let mut cut = redis::pipe();
    for cmd in &cmds[..cmds.len() - 1] {
        cut.add_command((*cmd).clone()).ignore();
    }
    let mut c = ns.pool.get().await.unwrap();
    cut.query_async::<()>(&mut *c).await.unwrap();
    drop(c);
    let state = ownership::get(&ns.pool, &ns.keys, &key).await.unwrap();
    assert_eq!(state.indexed, None, "no mark before the touch");
    assert_eq!(owned(Owner::Ai).await.unwrap(), [(key.clone(), 500)]);
    ownership::ensure_indexed(&ns.pool, &ns.keys, &conv, &state)
        .await
        .unwrap();
    let mut c = ns.pool.get().await.unwrap();
    let _: () = c.del(ns.keys.conversation(&key)).await.unwrap();
    let _: () = c.del(ns.keys.owned(Owner::Ai)).await.unwrap();
    drop(c);
    let first = apply(conv.clone(), 1_000).await;
    assert_eq!(first.indexed.as_deref(), Some("5511988887777"));
    assert_eq!(first.last_customer_ms, Some(1_000));
    assert_eq!(owned(Owner::Ai).await.unwrap(), [(key.clone(), 1_000)]);
    // Known customer: only the touch (the AI list entry keeps its time).
    let mut c = ns.pool.get().await.unwrap();
    let _: () = c.del(ns.keys.owned(Owner::Ai)).await.unwrap();
    drop(c);
    let second = apply(conv.clone(), 2_000).await;
    assert_eq!(second.last_customer_ms, Some(2_000));
    assert!(
        owned(Owner::Ai).await.unwrap().is_empty(),
        "not registered again"
    );
    // After a handoff, a new id registers the id but leaves the AI's list alone.
    let req = Request {
        transition: Transition::Handoff,
        agent: None,
        reason: Some(HandoffReason::CustomerAsked),
        summary: None,
        cause: "e1",
    };
    ownership::apply(&ns.pool, &ns.keys, &key, &req)
        .await
        .unwrap()
        .state()
        .unwrap();
    conv.user_id = Some("BR.77001234".into());
    let third = apply(conv.clone(), 3_000).await;
    assert_eq!(third.owner, Owner::PendingHuman);
    assert_eq!(third.indexed.as_deref(), Some("5511988887777,BR.77001234"));
    let found = index::resolve(&ns.pool, &ns.keys, "300", "BR.77001234")
        .await
        .unwrap();
    assert_eq!(found.as_deref(), Some(key.as_str()));
    assert!(owned(Owner::Ai).await.unwrap().is_empty());
    assert_eq!(owned(Owner::PendingHuman).await.unwrap().len(), 1);
    ns.cleanup().await;
}

/// A console event is written exactly once through its three steps (pending mark, `XADD`
/// with a token, mark), whichever step an attempt died after (`conversation::effects`).
#[tokio::test]
async fn a_console_event_is_written_once_whatever_step_an_attempt_died_after() {
    use baton_worker::conversation::effects::notify_once;
    use baton_worker::pipeline::StepCx;
    let ns = Ns::new("notify");
    let conv = "300:5511";
    let cx = |event_id: &str| StepCx {
        redis: ns.pool.clone(),
        keys: ns.keys.clone(),
        worker_id: "w1".into(),
        partition: 0,
        attempt: 0,
        coalesced: false,
        received: std::time::Instant::now(),
        fence: tokio_util::sync::CancellationToken::new(),
        journal: Journal::new(ns.pool.clone(), &ns.keys, conv, event_id),
        notes: Default::default(),
    };
    let draft = |id: &str| ConsoleEvent::Draft {
        event_id: id.into(),
        text: format!("draft of {id}"),
    };
    // e1: no crash. e2: died after the pending mark. e3: died after the XADD.
    for (id, died_after) in [("e1", 0), ("e2", 1), ("e3", 2)] {
        let attempt = cx(id);
        if died_after >= 1 {
            let (own, xadd) = feed::emit_parts(
                &ns.keys,
                conv,
                &draft(id),
                Some(&attempt.journal.token("f")),
            );
            attempt
                .journal
                .atomically("f:pending", &baton_shared::event::now_ms().to_string(), own)
                .await
                .unwrap();
            if died_after == 2 {
                let mut c = ns.pool.get().await.unwrap();
                xadd.query_async::<String>(&mut *c).await.unwrap();
            }
        }
        // The retry (a fresh attempt reading the journal), then a second one.
        for _ in 0..2 {
            notify_once(&cx(id), "f", conv, draft(id)).await.unwrap();
        }
        let feed = feed::read(&ns.pool, &ns.keys, "-", 100).await.unwrap();
        let written = feed.iter().filter(|e| e.event == draft(id)).count();
        assert_eq!(written, 1, "{id} (died after step {died_after})");
        assert!(cx(id).journal.is_done("f").await.unwrap());
    }
    ns.cleanup().await;
}

/// A transition is two steps on a cluster-safe layout: the conversation's hash (one script),
/// then the console's index (`transition::sync_index`). An attempt that died between them left
/// the hash right and the index behind; its retry (the same causing event) finds the
/// transition applied earlier and brings the index in line, once.
#[tokio::test]
async fn a_transition_cut_off_before_its_index_sync_is_completed_by_its_retry() {
    use baton_shared::event::now_ms;
    use baton_shared::state::transition;
    let ns = Ns::new("transition-cut");
    let conv = "300:5522";
    let listed = |owner: Owner| {
        let (pool, keys) = (ns.pool.clone(), ns.keys.clone());
        async move {
            index::owned(&pool, &keys, owner, 0, 100)
                .await
                .unwrap()
                .iter()
                .any(|(k, _)| k == conv)
        }
    };
    // The attempt's first step only: the takeover script, as `apply` runs it.
    let mut c = ns.pool.get().await.unwrap();
    let (status, _): (i64, i64) = transition::script(&ns.keys, conv)
        .arg("takeover")
        .arg(now_ms())
        .arg("maria")
        .arg("")
        .arg("")
        .arg("t1")
        .arg("")
        .invoke_async(&mut *c)
        .await
        .unwrap();
    assert_eq!(status, 1);
    assert!(
        !listed(Owner::Human).await,
        "the index lags behind the hash"
    );
    // The retry of the same event.
    let takeover = Request {
        transition: Transition::Takeover,
        agent: Some("maria"),
        reason: None,
        summary: None,
        cause: "t1",
    };
    for _ in 0..2 {
        let again = ownership::apply(&ns.pool, &ns.keys, conv, &takeover)
            .await
            .unwrap();
        let Applied::Earlier(state) = again else {
            panic!("applied earlier: {again:?}");
        };
        assert_eq!((state.owner, state.version), (Owner::Human, 1));
        assert!(listed(Owner::Human).await, "listed under its owner");
        assert!(!listed(Owner::Ai).await && !listed(Owner::PendingHuman).await);
    }
    ns.cleanup().await;
}
