//! The inactivity release (`HUMAN_IDLE_RELEASE`): the sweeper hands an idle human-owned
//! conversation back to the AI, recorded like any release; a human message after the sweeper
//! looked keeps it with the human; an interrupted release is resumed once.

use std::time::Duration;

use baton_shared::event::{Event, SYSTEM_AGENT};
use baton_shared::state::transition::{self, Applied, Request, Transition};
use baton_shared::state::{OutcomeStatus, Owner, Refusal, Speaker};
use baton_tests::world::{PHONE, World};
use serde_json::json;

use super::{console_of, handed_off, last_activity, memory_records, outcome, until};

const NOTE: &str = "Released to the AI after 4s without a human message";

/// Handed off, claimed by maria, and one reply from her: the conversation is hers.
async fn maria_owns_it(w: &World, id: &str) {
    handed_off(w, id).await;
    let maria = w.agent("maria");
    maria.claim(PHONE, None).await.ok();
    maria
        .reply(PHONE, "Hi, Maria here. Checking your order now.", None)
        .await
        .ok();
}

/// The release lines of the transcript (the seed's and the system's).
async fn release_lines(w: &World) -> Vec<(String, Option<String>)> {
    w.transcript()
        .await
        .into_iter()
        .filter(|t| t.role == Speaker::Event && t.id.ends_with(":human_release"))
        .map(|t| (t.text, t.agent))
        .collect()
}

/// The memory records of releases by `agent`.
async fn released_by(w: &World, agent: &str) -> usize {
    memory_records(w)
        .await
        .iter()
        .filter(|r| r["event"] == "released" && r["actor"] == agent)
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_idle_conversation_goes_back_to_the_ai_unless_a_human_wrote_since() {
    let vars = [
        ("HUMAN_IDLE_RELEASE", "4s"),
        ("BATON_SWEEP_INTERVAL", "300ms"),
    ];
    let w = World::start("idle", false, &vars).await;
    maria_owns_it(&w, "wamid.I0").await;
    let seen = last_activity(&w).await.expect("maria owns it");
    let maria = w.agent("maria");
    maria
        .reply(PHONE, "Found it: it ships today.", None)
        .await
        .ok();
    let last = last_activity(&w).await.unwrap();
    assert!(last > seen, "a reply moves the activity: {seen} → {last}");

    // The sweeper looked before that second reply: its release must not apply.
    let stale = Event::idle_release(w.conversation(), seen, NOTE);
    w.publish(&stale).await;
    w.wait_done(&[&stale.id]).await;
    let o = outcome(&w, &stale.id).await.expect("outcome recorded");
    assert_eq!(
        (o.status, o.reason, o.owner),
        (
            OutcomeStatus::Refused,
            Some(Refusal::HumanActive),
            Owner::Human
        )
    );
    assert_eq!(w.owner().await.agent.as_deref(), Some("maria"));
    assert_eq!(
        w.console_count("command_refused").await,
        0,
        "refused quietly"
    );
    assert_eq!(w.console_count("human_release").await, 0);

    // Nobody writes any more: the sweeper releases, on the activity it saw last.
    until(&w, "released by the sweeper", || async {
        w.owner().await.owner == Owner::Ai
    })
    .await;
    let id = Event::idle_release(w.conversation(), last, NOTE).id;
    w.wait_done(&[&id]).await;
    let released = console_of(&w, "human_release").await;
    assert_eq!(released.len(), 1, "{released:?}");
    assert_eq!(
        (
            &released[0]["agent"],
            &released[0]["event_id"],
            &released[0]["note"]
        ),
        (&json!(SYSTEM_AGENT), &json!(id), &json!(NOTE))
    );
    let o = outcome(&w, &id).await.expect("outcome recorded");
    assert_eq!(
        (o.status, o.agent.as_str()),
        (OutcomeStatus::Applied, SYSTEM_AGENT)
    );
    let lines = release_lines(&w).await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].0.contains(NOTE), "{lines:?}");
    assert_eq!(lines[0].1.as_deref(), Some(SYSTEM_AGENT));
    until(&w, "the release is in memory", || async {
        released_by(&w, SYSTEM_AGENT).await == 1
    })
    .await;
    // Later sweeps find nothing more to release.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(w.console_count("human_release").await, 1);
    w.finish().await;
}

/// The release's effects (transition, transcript line, memory record, console event, outcome)
/// survive a failure after any of them and a retry, without loss or repetition: the sweeper's
/// publish repeated, the whole event retried after its last effect, and an attempt that died
/// right after the transition.
#[tokio::test(flavor = "multi_thread")]
async fn an_interrupted_inactivity_release_is_resumed_once() {
    // The sweeper is off (`0s`): the test publishes what it would.
    let w = World::start("idle-retry", false, &[("HUMAN_IDLE_RELEASE", "0s")]).await;
    maria_owns_it(&w, "wamid.IR0").await;
    let seen = last_activity(&w).await.unwrap();
    // Fails its first 3 runs after every effect (the probe runs last): past the in-process
    // retries, so the whole pipeline runs again from a retry tier. Published twice, as after
    // a lost confirm or by two workers during a hand-over.
    let mut ev = Event::idle_release(w.conversation(), seen, NOTE);
    ev.item["text"] = json!({ "body": "#probe:transient:3" });
    w.publish(&ev).await;
    w.publish(&ev).await;
    w.wait_done(&[&ev.id]).await;
    assert_eq!(w.owner().await.owner, Owner::Ai);
    // Three failed runs of the last step, then the whole pipeline again (from the tier, or the
    // second copy taking the parked event's place).
    let mut c = w.env.redis.get().await.unwrap();
    let runs: i64 = redis::cmd("GET")
        .arg(w.env.keys().probe_runs(&ev.id))
        .query_async(&mut *c)
        .await
        .unwrap();
    assert_eq!(runs, 4, "the pipeline ran again after its last step failed");
    assert_eq!(w.console_count("human_release").await, 1);
    assert_eq!(release_lines(&w).await.len(), 1);
    let o = outcome(&w, &ev.id).await.unwrap();
    assert_eq!(o.status, OutcomeStatus::Applied);

    // maria takes it again and writes; an attempt applied the release and died before its
    // follow-ups: the redelivered event finds the release applied by itself and finishes.
    let maria = w.agent("maria");
    maria
        .reply(PHONE, "One more thing: a voucher for you.", None)
        .await
        .ok();
    let seen = last_activity(&w).await.unwrap();
    let ev = Event::idle_release(w.conversation(), seen, NOTE);
    let req = Request {
        transition: Transition::Release,
        agent: Some(SYSTEM_AGENT),
        reason: None,
        summary: None,
        cause: &ev.id,
    };
    let (redis, keys) = (&w.env.redis, w.env.keys());
    let applied = transition::apply_if_idle(redis, &keys, &w.conv_key(), &req, seen)
        .await
        .unwrap();
    assert!(matches!(applied, Applied::Now(_)), "{applied:?}");
    w.publish(&ev).await;
    w.wait_done(&[&ev.id]).await;
    let o = outcome(&w, &ev.id).await.unwrap();
    assert_eq!(o.status, OutcomeStatus::Applied, "not refused: {o:?}");
    assert_eq!(w.console_count("human_release").await, 2);
    assert_eq!(w.console_count("command_refused").await, 0);
    assert_eq!(release_lines(&w).await.len(), 2);
    until(&w, "both releases in memory, once each", || async {
        released_by(&w, SYSTEM_AGENT).await == 2
    })
    .await;
    w.finish().await;
}
