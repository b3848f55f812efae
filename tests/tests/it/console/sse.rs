//! Live updates: the console's server-sent events arrive as they happen and replay after a
//! `Last-Event-ID`, without repeating what the client already had.

use std::time::Duration;

use baton_tests::world::{PHONE, World};

use super::chatting;

const WAIT: Duration = Duration::from_secs(20);

#[tokio::test(flavor = "multi_thread")]
async fn events_arrive_live_and_replay_after_the_last_event_id() {
    let w = World::start("console-sse", false, &[]).await;
    chatting(&w, "wamid.E0").await;
    let maria = w.agent("maria");
    let mut live = maria.events(None, None).await;
    w.say("wamid.E1", "I want to talk to a person").await;
    let handoff = live
        .next_of("handoff", WAIT)
        .await
        .expect("a live handoff event");
    assert_eq!(handoff.data["type"], "handoff");
    assert_eq!(handoff.data["conversation"], w.conv_key());
    assert_eq!(handoff.data["data"]["reason"], "customer_asked");
    maria.claim(PHONE, None).await.ok();
    let claim = live
        .next_of("human_claim", WAIT)
        .await
        .expect("a live claim event");
    assert_eq!(claim.data["data"]["agent"], "maria");

    // Reconnecting after the handoff: the claim comes first, the handoff is not repeated.
    let mut resumed = maria.events(Some(&handoff.id), None).await;
    let first = resumed.next(WAIT).await.expect("replayed");
    assert_eq!(
        (first.event.as_str(), first.id.as_str()),
        ("human_claim", claim.id.as_str())
    );

    // From the start, one conversation: the handoff is replayed; another conversation: nothing.
    let mut mine = maria.events(Some("0-0"), Some(&w.conv_key())).await;
    assert!(mine.next_of("handoff", WAIT).await.is_some());
    let mut other = maria.events(Some("0-0"), Some("300:000")).await;
    assert!(other.next(Duration::from_secs(1)).await.is_none());
    w.finish().await;
}
