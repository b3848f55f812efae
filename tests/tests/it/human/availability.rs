//! Availability at a handoff: outside business hours the customer is told when the team is
//! back; inside them with nobody online, that a person will answer as soon as one is free;
//! with an agent's console open, the usual notice. The handoff waits as `pending_human`
//! either way, and says it was made while unavailable.

use baton_shared::state::Owner;
use baton_shared::state::feed;
use baton_tests::webhooks;
use baton_tests::world::{NUMBER, PHONE, World};
use baton_worker::conversation::availability::OFFLINE_MESSAGE;
use jiff::civil::Weekday;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde_json::{Value, json};

use super::handed_off;

const ZONE: &str = "Europe/Lisbon";
const ANOTHER: &str = "5511977776666";

/// The handoff console events of `conv`.
async fn handoffs_of(w: &World, conv: &str) -> Vec<Value> {
    feed::read(&w.env.redis, &w.env.keys(), "-", 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.conversation == conv && e.event.kind() == "handoff")
        .map(|e| e.event.data())
        .collect()
}

fn names(day: Weekday) -> (&'static str, &'static str) {
    match day {
        Weekday::Monday => ("mon", "Monday"),
        Weekday::Tuesday => ("tue", "Tuesday"),
        Weekday::Wednesday => ("wed", "Wednesday"),
        Weekday::Thursday => ("thu", "Thursday"),
        Weekday::Friday => ("fri", "Friday"),
        Weekday::Saturday => ("sat", "Saturday"),
        Weekday::Sunday => ("sun", "Sunday"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn outside_business_hours_the_customer_is_told_when_the_team_is_back() {
    // Open one hour a week, three days from now in Lisbon: closed now.
    let tz = TimeZone::get(ZONE).unwrap();
    let day = Timestamp::now().to_zoned_datetime(tz.clone()).date() + 3.days();
    let (short, long) = names(day.weekday());
    let opens = day.at(9, 0, 0, 0).to_zoned_datetime(tz).unwrap();
    let hours = format!("{short} 09:00-10:00");
    let vars = [
        ("BUSINESS_HOURS", hours.as_str()),
        ("BUSINESS_TIMEZONE", ZONE),
    ];
    let w = World::start("closed", false, &vars).await;
    w.agent_online("maria").await;
    handed_off(&w, "wamid.BH1").await;
    let when = format!("{long} 09:00 ({ZONE})");
    let texts = w.wait_texts(1).await;
    assert!(texts[0].contains(&format!("back {when}")), "{texts:?}");
    let handoff = &handoffs_of(&w, &w.conv_key()).await[0];
    assert_eq!(
        handoff["unavailable"],
        json!({"kind": "closed", "back_at_ms": opens.timestamp().as_millisecond(), "back": when})
    );
    assert_eq!(w.owner().await.owner, Owner::PendingHuman);
    let detail = w.agent("maria").detail(PHONE).await;
    assert_eq!(detail.status, 200);
    assert_eq!(detail.body["handoff"]["unavailable"]["kind"], "closed");
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn inside_business_hours_the_notice_depends_on_who_is_online() {
    let vars = [
        ("BUSINESS_HOURS", "mon-sun 00:00-24:00"),
        ("BUSINESS_TIMEZONE", "America/New_York"),
    ];
    let w = World::start("online", false, &vars).await;
    handed_off(&w, "wamid.ON1").await;
    assert_eq!(w.wait_texts(1).await, [OFFLINE_MESSAGE]);
    let handoff = &handoffs_of(&w, &w.conv_key()).await[0];
    assert_eq!(handoff["unavailable"], json!({"kind": "nobody_online"}));
    assert_eq!(w.owner().await.owner, Owner::PendingHuman);

    // maria opens the console: her live event stream makes her online.
    let _live = w.agent("maria").events(None, None).await;
    let body = webhooks::text(NUMBER, ANOTHER, "wamid.ON2", "I want to talk to a person");
    assert_eq!(w.env.post_signed(&body).await, 200);
    w.wait_done(&["wamid.ON2"]).await;
    let notice = w.graph.texts_to(ANOTHER);
    assert_eq!(notice.len(), 1);
    assert!(
        notice[0].starts_with("Of course"),
        "the usual notice: {notice:?}"
    );
    let other = format!("{NUMBER}:{ANOTHER}");
    let handoff = &handoffs_of(&w, &other).await[0];
    assert!(handoff.get("unavailable").is_none(), "{handoff}");
    w.finish().await;
}
