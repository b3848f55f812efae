//! Baton's Slack side end to end, with the fake Slack Web API, the fake Graph API and the
//! conversation world: a handoff is alerted (escaped, with buttons), the alert follows the
//! owner, the customer's messages are mirrored into its thread, an agent's thread reply
//! reaches the customer once whatever Slack retries, bots are ignored, the buttons claim
//! (compare-and-set) and release, and Slack failing or rate limiting delays the alert without
//! blocking the handoff.

use std::time::Duration;

use baton_shared::event::now_ms;
use baton_shared::event::{EventKind, command_id};
use baton_shared::state::slack::{agent_name, reference};
use baton_shared::state::{OutcomeStatus, Owner, command, presence};
use baton_tests::eventually;
use baton_tests::fakes::slack::{FakeSlack, SlackMessage};
use baton_tests::slack::payloads::{BlockAction, MessageEvent};
use baton_tests::slack::{AGENT, CHANNEL, SlackClient, SlackRequest};
use baton_tests::world::{PHONE, World};
use serde_json::Value;

const TOKEN: &str = "xoxb-test-bot-token";
const SECRET: &str = "slack-signing-secret-0001";
const CONSOLE: &str = "https://baton.example/console";
const WAIT: Duration = Duration::from_secs(20);

struct SlackWorld {
    w: World,
    slack: FakeSlack,
    client: SlackClient,
}

impl SlackWorld {
    async fn start(name: &str) -> SlackWorld {
        SlackWorld::start_with(name, &[]).await
    }

    async fn start_with(name: &str, extra: &[(&str, &str)]) -> SlackWorld {
        let slack = FakeSlack::start(TOKEN).await;
        // The customer's number must never reach Slack.
        slack.forbid(PHONE);
        let vars = [
            ("SLACK_BOT_TOKEN", TOKEN),
            ("SLACK_SIGNING_SECRET", SECRET),
            ("SLACK_CHANNEL_ID", CHANNEL),
            ("SLACK_API_BASE_URL", slack.api_url.as_str()),
            ("SLACK_CONSOLE_URL", CONSOLE),
        ];
        let mut all = vars.to_vec();
        all.extend_from_slice(extra);
        let w = World::start(name, false, &all).await;
        let client = SlackClient::new(w.env.ingress_url(), SECRET);
        SlackWorld { w, slack, client }
    }

    /// The customer asks for a person, possibly in hostile words; returns the posted alert.
    async fn hand_off(&self, id: &str, text: &str) -> SlackMessage {
        self.w.say(id, text).await;
        self.w.wait_console("handoff").await;
        let posts = self.slack.wait_messages(1, WAIT).await;
        assert!(!posts.is_empty(), "no alert posted\n{}", self.w.env.logs());
        posts[0].clone()
    }

    /// Waits until `f` holds, or panics with `what` and the logs.
    async fn until<F, Fut>(&self, what: &str, f: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let ok = eventually(WAIT, f).await;
        assert!(
            ok,
            "{what}\nslack: {:?}\n{}",
            self.slack
                .messages()
                .iter()
                .map(|m| m.text.clone())
                .collect::<Vec<_>>(),
            self.w.env.logs()
        );
    }

    /// A customer message after everything sent before it, processed: the conversation's lane
    /// has handled every earlier event on its partition.
    async fn settle(&self, id: &str) {
        self.w.say(id, "ok").await;
        self.w.wait_done(&[id]).await;
    }

    /// The alert as it is now (after its updates).
    fn current(&self, ts: &str) -> String {
        let m = self.slack.current(ts).expect("the alert");
        format!(
            "{} {}",
            m.text.unwrap_or_default(),
            m.blocks.unwrap_or_default()
        )
    }

    async fn finish(self) {
        assert_eq!(
            self.slack.violations(),
            Vec::<String>::new(),
            "Slack spec violations"
        );
        self.w.finish().await;
    }
}

/// Every button's `action_id` in `blocks`.
fn buttons(blocks: &Value) -> Vec<String> {
    blocks
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e["action_id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_handoff_is_alerted_mirrored_claimed_answered_once_and_released() {
    let s = SlackWorld::start("slack-flow").await;
    let alert = s
        .hand_off(
            "wamid.S1",
            "I want to talk to a person <!channel> & <https://evil.example|bank>",
        )
        .await;
    let conv = s.w.conv_key();
    let reference = reference(&conv);

    // The alert: in the channel, reason, summary, the customer's words escaped, three buttons.
    assert_eq!(alert.channel, CHANNEL);
    assert_eq!(alert.thread_ts, None);
    let blocks = alert.blocks.clone().expect("blocks");
    let all = blocks.to_string();
    assert_eq!(
        buttons(&blocks),
        ["handoff_claim", "handoff_release", "handoff_open"]
    );
    assert!(all.contains("customer_asked"), "{all}");
    assert!(
        all.contains("&lt;!channel&gt; &amp; &lt;https://evil.example|bank&gt;"),
        "{all}"
    );
    assert!(
        !all.contains("<!channel>") && !all.contains("<https://evil"),
        "{all}"
    );
    assert!(all.contains(CONSOLE) && all.contains(&reference), "{all}");
    assert_eq!(alert.body["unfurl_links"], false);
    let notice = s.w.wait_texts(1).await;

    // While nobody owns it, the customer's messages go to the thread, escaped; the AI is silent.
    s.w.say("wamid.S2", "Is anyone there? 5 > 3").await;
    s.until("the message is mirrored", || async {
        !s.slack.thread(&alert.ts).is_empty()
    })
    .await;
    let mirrored = s.slack.thread(&alert.ts)[0]
        .text
        .clone()
        .unwrap_or_default();
    assert!(mirrored.contains("Is anyone there? 5 &gt; 3"), "{mirrored}");

    // Claim: the alert says who, without a Claim button any more.
    let claim = BlockAction::click(AGENT, "handoff_claim", &reference, &alert.ts)
        .with_response_url(&s.slack.response_url());
    assert_eq!(s.client.interaction(&claim.payload()).await.status, 200);
    s.until("claimed by the Slack agent", || async {
        s.w.owner().await.agent.as_deref() == Some(agent_name(AGENT).as_str())
    })
    .await;
    s.until("the alert shows the claim", || async {
        s.current(&alert.ts).contains("<@U0AGENT01>")
    })
    .await;
    let claimed = s
        .slack
        .current(&alert.ts)
        .and_then(|m| m.blocks)
        .unwrap_or_default();
    assert_eq!(buttons(&claimed), ["handoff_release", "handoff_open"]);

    // The agent answers in the thread; Slack retries the delivery and sends it twice.
    let reply = MessageEvent::agent_reply(
        &alert.ts,
        "Refund issued &amp; on its way: <https://shop.example/o/7|order 7>",
    );
    let body = reply.callback();
    for req in [
        SlackRequest::event(&body),
        SlackRequest::event(&body).retry(1, "http_timeout"),
        SlackRequest::event(&body).retry(2, "http_error"),
        SlackRequest::event(&body),
    ] {
        assert_eq!(s.client.send(&req).await.status, 200);
    }
    // Our own thread posts and other bots' messages come back too: ignored.
    for e in [
        MessageEvent::own_post(&alert.ts, "mirror of something"),
        MessageEvent::bot_message(&alert.ts, "B0OTHER01", "another bot speaking"),
        MessageEvent::agent_reply(&alert.ts, "edited").with_subtype("message_changed"),
    ] {
        assert_eq!(s.client.event(&e.callback()).await.status, 200);
    }
    s.settle("wamid.S3").await;
    let id = command_id(
        EventKind::HumanReply,
        &agent_name(AGENT),
        &conv,
        Some(&format!("slack:{CHANNEL}:{}", reply.ts)),
    );
    let o = command::get(&s.w.env.redis, &s.w.env.keys(), &id)
        .await
        .unwrap()
        .expect("outcome");
    assert_eq!(o.status, OutcomeStatus::Applied);
    let texts = s.w.texts();
    let relayed = "Refund issued & on its way: order 7 (https://shop.example/o/7)";
    assert_eq!(
        texts.iter().filter(|t| *t == relayed).count(),
        1,
        "{texts:?}"
    );
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("mirror") || t.contains("bot") || t == "edited"),
        "{texts:?}"
    );

    // Release from Slack: back to the AI, and the alert says so without buttons to act.
    let release = BlockAction::click(AGENT, "handoff_release", &reference, &alert.ts);
    assert_eq!(s.client.interaction(&release.payload()).await.status, 200);
    s.until("released", || async {
        s.w.owner().await.owner == Owner::Ai
    })
    .await;
    s.until("the alert shows the release", || async {
        s.current(&alert.ts).contains("Released to the AI")
    })
    .await;
    let released = s
        .slack
        .current(&alert.ts)
        .and_then(|m| m.blocks)
        .unwrap_or_default();
    assert_eq!(buttons(&released), ["handoff_open"]);

    // Throughout the human stretch the AI sent nothing: the notice, then the agent's reply.
    assert_eq!(s.w.texts(), [notice[0].clone(), relayed.to_owned()]);
    // The thread holds the customer's messages, and no alert was posted twice.
    let top: Vec<_> = s
        .slack
        .messages()
        .into_iter()
        .filter(|m| m.thread_ts.is_none())
        .collect();
    assert_eq!(top.len(), 1, "one alert");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn of_two_agents_claiming_at_once_one_wins_and_the_other_is_told() {
    let s = SlackWorld::start("slack-claims").await;
    let alert = s.hand_off("wamid.C1", "I want to talk to a person").await;
    let reference = reference(&s.w.conv_key());
    let (url_a, url_b) = (s.slack.response_url(), s.slack.response_url());
    let a = BlockAction::click("U0AGENT01", "handoff_claim", &reference, &alert.ts)
        .with_response_url(&url_a);
    let b = BlockAction::click("U0AGENT02", "handoff_claim", &reference, &alert.ts)
        .with_response_url(&url_b);
    let (pa, pb) = (a.payload(), b.payload());
    let (ra, rb) = tokio::join!(s.client.interaction(&pa), s.client.interaction(&pb));
    assert_eq!((ra.status, rb.status), (200, 200));
    s.until("one agent owns it", || async {
        s.w.owner().await.owner == Owner::Human
    })
    .await;
    let winner = s.w.owner().await.agent.unwrap_or_default();
    let (won, lost) = if winner == agent_name("U0AGENT01") {
        ("U0AGENT01", url_b)
    } else {
        assert_eq!(winner, agent_name("U0AGENT02"));
        ("U0AGENT02", url_a)
    };
    s.until("the loser is told, ephemerally", || async {
        !s.slack.responses().is_empty()
    })
    .await;
    s.settle("wamid.C2").await;
    let responses = s.slack.responses();
    assert_eq!(responses.len(), 1, "{responses:?}");
    assert!(lost.ends_with(&format!("/response/{}", responses[0].id)));
    assert_eq!(responses[0].body["response_type"], "ephemeral");
    let said = responses[0].body["text"].as_str().unwrap_or_default();
    assert!(said.contains(&format!("<@{won}>")), "{said}");
    s.until("the alert names the winner", || async {
        s.current(&alert.ts).contains(&format!("<@{won}>"))
    })
    .await;
    let applied = s.w.console_count("human_claim").await;
    assert_eq!(applied, 1);
    assert_eq!(s.w.console_count("command_refused").await, 1);
    // Acting in Slack counts as being online (availability at the next handoff).
    let online = presence::online(&s.w.env.redis, &s.w.env.keys(), now_ms(), 60_000)
        .await
        .unwrap();
    assert!(online.contains(&agent_name("U0AGENT01")), "{online:?}");
    assert!(online.contains(&agent_name("U0AGENT02")), "{online:?}");

    // More than 24 hours after the customer's last message, a thread reply cannot reach them:
    // the agent is told in the thread, and nothing goes to WhatsApp.
    let day_ago = (now_ms() - 25 * 3600 * 1000).to_string();
    let mut c = s.w.env.redis.get().await.unwrap();
    redis::cmd("HSET")
        .arg(s.w.env.keys().conversation(&s.w.conv_key()))
        .arg("last_customer_ms")
        .arg(&day_ago)
        .query_async::<()>(&mut *c)
        .await
        .unwrap();
    drop(c);
    let late = MessageEvent::reply(&alert.ts, won, "Are you still there?");
    assert_eq!(s.client.event(&late.callback()).await.status, 200);
    s.until("the agent is told in the thread", || async {
        s.slack.thread(&alert.ts).iter().any(|m| {
            m.text
                .as_deref()
                .is_some_and(|t| t.contains("Not done") && t.contains("24 hours"))
        })
    })
    .await;
    assert!(!s.w.texts().iter().any(|t| t.contains("still there")));
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn slack_down_or_rate_limited_delays_the_alert_but_never_the_handoff() {
    let s = SlackWorld::start("slack-outage").await;
    // Slack answers 503 twice: the alert goes through the retry tiers (300ms, 600ms).
    s.slack.fail_next(2);
    s.w.say("wamid.O1", "I want to talk to a person").await;
    // The handoff itself does not wait for Slack: the customer is told, the owner moved.
    s.w.wait_texts(1).await;
    assert_eq!(s.w.owner().await.owner, Owner::PendingHuman);
    let posts = s.slack.wait_messages(1, WAIT).await;
    assert_eq!(posts.len(), 1, "posted once\n{}", s.w.env.logs());
    let attempts = s
        .slack
        .requests()
        .iter()
        .filter(|r| r.path == "/api/chat.postMessage")
        .count();
    assert_eq!(attempts, 3, "two refused attempts, then the alert");

    // Rate limited: the mirror waits for Retry-After, then goes out.
    s.slack.rate_limit_next(1);
    s.w.say("wamid.O2", "hello?").await;
    s.until("mirrored after the rate limit", || async {
        !s.slack.thread(&posts[0].ts).is_empty()
    })
    .await;
    let tries: Vec<_> = s
        .slack
        .requests()
        .into_iter()
        .filter(|r| r.path == "/api/chat.postMessage")
        .skip(3)
        .collect();
    assert_eq!(tries.len(), 2, "refused once with 429, then posted");
    assert!(
        tries[1].at.duration_since(tries[0].at) >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(
        s.w.texts().len(),
        1,
        "the AI stays silent while the handoff waits"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_handoff_nobody_takes_is_bumped_in_the_channel() {
    let vars = [
        ("HANDOFF_REALERT_AFTER", "1s"),
        ("BATON_SWEEP_INTERVAL", "200ms"),
    ];
    let s = SlackWorld::start_with("slack-realert", &vars).await;
    let alert = s.hand_off("wamid.R1", "I want to talk to a person").await;
    s.until("a re-alert in the thread, shown in the channel", || async {
        s.slack
            .thread(&alert.ts)
            .iter()
            .any(|m| m.body["reply_broadcast"] == true)
    })
    .await;
    let bump = s
        .slack
        .thread(&alert.ts)
        .into_iter()
        .find(|m| m.body["reply_broadcast"] == true)
        .and_then(|m| m.text)
        .unwrap_or_default();
    assert!(bump.contains("Still waiting for a human"), "{bump}");
    // Each re-alert is posted once: never more bumps than console re-alerts.
    s.settle("wamid.R2").await;
    // Bumps counted first: a re-alert's console event is written before its bump is posted.
    let bumps = s
        .slack
        .thread(&alert.ts)
        .iter()
        .map(|m| {
            m.text
                .clone()
                .unwrap_or_default()
                .matches("Still waiting")
                .count()
        })
        .sum::<usize>();
    let shown = s.w.console_count("handoff_waiting").await;
    assert!(
        bumps >= 1 && bumps <= shown,
        "{bumps} bumps for {shown} re-alerts"
    );

    // Nobody claimed it; an agent just answers in the thread: that is a takeover by them.
    let reply = MessageEvent::agent_reply(&alert.ts, "Hi, I am here to help.");
    assert_eq!(s.client.event(&reply.callback()).await.status, 200);
    s.until("the Slack agent took it over", || async {
        let o = s.w.owner().await;
        o.owner == Owner::Human && o.agent.as_deref() == Some(agent_name(AGENT).as_str())
    })
    .await;
    s.w.wait_texts(2).await;
    assert_eq!(s.w.texts()[1], "Hi, I am here to help.");
    s.until("the alert shows who took it", || async {
        s.current(&alert.ts).contains("<@U0AGENT01>")
    })
    .await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_alert_slack_keeps_refusing_ends_in_the_dlq_and_replays() {
    let s = SlackWorld::start("slack-dlq").await;
    // The first try and both retry tiers fail: the sync is dead-lettered, the handoff is done.
    s.slack.fail_next(3);
    s.w.say("wamid.D1", "I want to talk to a person").await;
    s.w.wait_texts(1).await;
    let dead = eventually(WAIT, || async {
        let (_, out) = s.w.env.worker_cli(&["dlq", "list", "--json"], "");
        out.contains("slack-sync-")
    })
    .await;
    assert!(dead, "the sync is in the DLQ\n{}", s.w.env.logs());
    assert!(s.slack.messages().is_empty());
    assert_eq!(s.w.owner().await.owner, Owner::PendingHuman);
    // Slack is back; the operator replays: the alert is posted.
    let (ok, out) = s.w.env.worker_cli(&["dlq", "replay", "--all"], "");
    assert!(ok && out.contains("replayed 1"), "{out}");
    let posts = s.slack.wait_messages(1, WAIT).await;
    assert_eq!(posts.len(), 1, "{}", s.w.env.logs());
    assert_eq!(posts[0].thread_ts, None);
    s.finish().await;
}
