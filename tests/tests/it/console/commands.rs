//! Commands through the console: claim races, idempotent replies (one message to the
//! customer), takeover and release with their refusals, the 24-hour window and templates,
//! request errors, and a command the worker answers late (202).

use baton_shared::event::{Command, Event, command_id, now_ms};
use baton_shared::state::{CommandOutcome, OutcomeStatus, Owner, Speaker, command};
use std::time::Duration;

use baton_tests::console::{Auth, ConsoleClient};
use baton_tests::eventually;
use baton_tests::world::{PHONE, World};
use baton_worker::conversation::state::ownership;
use serde_json::Value;

use super::{chatting, handed_off, until};

#[tokio::test(flavor = "multi_thread")]
async fn two_agents_claim_at_once_and_one_wins() {
    let w = World::start("console-claim", false, &[]).await;
    handed_off(&w, "wamid.C1").await;
    let (maria, li) = (w.agent("maria"), w.agent("li"));
    let (a, b) = tokio::join!(
        maria.claim(PHONE, Some("claim-1")),
        li.claim(PHONE, Some("claim-1"))
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let (won, lost, winner) = if a.status == 200 {
        (a, b, "maria")
    } else {
        (b, a, "li")
    };
    let o = won.ok();
    assert_eq!(
        (o.status, o.owner, o.owner_agent.as_deref()),
        (OutcomeStatus::Applied, Owner::Human, Some(winner))
    );
    assert_eq!(lost.reason(), "already_claimed");
    assert!(
        lost.error().contains(winner),
        "names the winner: {}",
        lost.body
    );
    assert_eq!(lost.body["outcome"]["status"], "refused");
    let state = w.owner().await;
    assert_eq!(
        (state.owner, state.agent.as_deref()),
        (Owner::Human, Some(winner))
    );
    assert_eq!(w.console_count("human_claim").await, 1);
    assert_eq!(w.console_count("command_refused").await, 1);
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_posted_twice_with_one_key_reaches_the_customer_once() {
    let w = World::start("console-reply", false, &[]).await;
    chatting(&w, "wamid.R0").await;
    let maria = w.agent("maria");
    let text = "Yes, it is in stock: I can reserve one for you.";
    // Sent twice at once (a browser retry racing the first), then once more.
    let (a, b) = tokio::join!(
        maria.reply(PHONE, text, Some("reply-1")),
        maria.reply(PHONE, text, Some("reply-1"))
    );
    let o: CommandOutcome = a.ok();
    assert_eq!(b.status, 200, "{}", b.body);
    assert_eq!(a.body, b.body, "one command, one answer");
    let c = maria.reply(PHONE, text, Some("reply-1")).await;
    assert_eq!(c.body, a.body);
    assert_eq!(o.wamids.len(), 1);
    let sent = w.texts().iter().filter(|t| *t == text).count();
    assert_eq!(sent, 1, "delivered once: {:?}", w.texts());
    // A reply while the AI owns the conversation takes it over.
    assert_eq!(
        (o.owner, o.owner_agent.as_deref()),
        (Owner::Human, Some("maria"))
    );
    assert_eq!(w.console_count("human_takeover").await, 1);
    // The key for another request is refused, and sends nothing.
    let reused = maria
        .reply(PHONE, "Something else entirely", Some("reply-1"))
        .await;
    assert_eq!(reused.status, 422, "{}", reused.body);
    // The outcome can be read back by its author only.
    let path = format!("/api/v1/commands/{}", o.event_id);
    assert_eq!(maria.get::<CommandOutcome>(&path).await.ok(), o);
    assert_eq!(w.agent("li").get::<Value>(&path).await.status, 404);
    // The AI stays silent afterwards.
    w.say("wamid.R1", "Great, please do!").await;
    w.wait_done(&["wamid.R1"]).await;
    assert_eq!(w.texts().len(), 2, "{:?}", w.texts());
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn takeover_and_release_with_a_note_and_their_refusals() {
    let w = World::start("console-release", false, &[]).await;
    chatting(&w, "wamid.T0").await;
    let (maria, li) = (w.agent("maria"), w.agent("li"));
    let t = li.takeover(PHONE, None).await.ok();
    assert_eq!(
        (t.owner, t.owner_agent.as_deref()),
        (Owner::Human, Some("li"))
    );
    let again = li.takeover(PHONE, None).await;
    assert_eq!((again.status, again.reason()), (409, "already_owner"));
    let claim = maria.claim(PHONE, None).await;
    assert_eq!((claim.status, claim.reason()), (409, "already_claimed"));
    assert!(claim.error().contains("li"), "{}", claim.body);
    let note = "Refund issued as R-77, it takes 3 days";
    let r = li.release(PHONE, Some(note), None).await.ok();
    assert_eq!((r.owner, r.version), (Owner::Ai, t.version + 1));
    let twice = li.release(PHONE, None, None).await;
    assert_eq!((twice.status, twice.reason()), (409, "already_ai"));
    let nobody = maria.claim(PHONE, None).await;
    assert_eq!((nobody.status, nobody.reason()), (409, "not_handed_off"));
    let d = li.detail(PHONE).await.ok();
    let events: Vec<_> = d
        .transcript
        .iter()
        .filter(|t| t.speaker == Speaker::Event)
        .collect();
    assert!(
        events
            .iter()
            .any(|e| e.agent.as_deref() == Some("li") && e.text.contains("took over"))
    );
    assert!(
        events
            .iter()
            .any(|e| e.agent.as_deref() == Some("li") && e.text.contains(note)),
        "the release note is in the transcript: {:?}",
        d.transcript
    );
    // Back with the AI, which sees the note.
    w.say("wamid.T1", "Did the refund go through?").await;
    w.wait_texts(2).await;
    let prompt = w.llm.requests().last().unwrap().to_string();
    assert!(prompt.contains("R-77"), "{prompt}");
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn outside_the_window_only_a_template_reaches_the_customer() {
    let w = World::start("console-window", false, &[]).await;
    chatting(&w, "wamid.W0").await;
    let maria = w.agent("maria");
    // The customer's last message was 25 hours ago.
    let mut c = w.env.redis.get().await.unwrap();
    redis::cmd("HSET")
        .arg(w.env.keys().conversation(&w.conv_key()))
        .arg("last_customer_ms")
        .arg(now_ms() - 25 * 3600 * 1000)
        .query_async::<()>(&mut *c)
        .await
        .unwrap();
    let r = maria.reply(PHONE, "Are you still there?", None).await;
    assert_eq!((r.status, r.reason()), (409, "window_closed"), "{}", r.body);
    assert!(r.error().contains("template"), "{}", r.body);
    let d = maria.detail(PHONE).await.ok();
    assert!(!d.summary.window.open);
    assert_eq!(d.summary.window.remaining_ms, 0);
    assert_eq!(d.summary.owner, Owner::Ai, "nothing was published");

    let t = maria
        .template(
            PHONE,
            "order_update",
            "en_US",
            &["Anish", "ORD-22"],
            Some("tpl-1"),
        )
        .await;
    let o = t.ok();
    assert_eq!(
        (o.owner, o.owner_agent.as_deref(), o.wamids.len()),
        (Owner::Human, Some("maria"), 1)
    );
    let sent: Vec<_> = w
        .graph
        .requests()
        .into_iter()
        .filter(|r| r.kind == "template")
        .collect();
    assert_eq!(sent.len(), 1);
    let tpl = &sent[0].body["template"];
    assert_eq!(tpl["name"], "order_update");
    assert_eq!(tpl["language"]["code"], "en_US");
    assert_eq!(tpl["components"][0]["type"], "body");
    assert_eq!(tpl["components"][0]["parameters"][1]["text"], "ORD-22");
    assert_eq!(sent[0].recipient.as_deref(), Some(PHONE));
    let d = maria.detail(PHONE).await.ok();
    let last = d.transcript.last().unwrap();
    assert_eq!(
        (last.speaker, last.agent.as_deref()),
        (Speaker::Human, Some("maria"))
    );
    assert!(last.text.contains("order_update"), "{}", last.text);

    // The worker refuses free-form text outside the window too (a command that got past
    // ingress just before the window closed).
    let cmd = Command::Reply {
        text: "One more thing".into(),
    };
    let id = command_id(cmd.kind(), "maria", &w.conv_key(), None);
    w.publish(&Event::command(&cmd, w.conversation(), "maria", id.clone()))
        .await;
    let (pool, keys) = (&w.env.redis, w.env.keys());
    until(&w, "the worker's refusal", || async {
        command::get(pool, &keys, &id)
            .await
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    let o = command::get(pool, &keys, &id).await.unwrap().unwrap();
    assert_eq!(o.status, OutcomeStatus::Refused);
    assert_eq!(o.reason.map(|r| r.as_str()), Some("window_closed"));
    assert!(!w.texts().iter().any(|t| t == "One more thing"));
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn request_errors_say_what_is_wrong() {
    let w = World::start("console-errors", false, &[]).await;
    chatting(&w, "wamid.B0").await;
    let maria = w.agent("maria");
    let reply = format!("/api/v1/conversations/{PHONE}/reply");
    let template = format!("/api/v1/conversations/{PHONE}/template");
    let json = "application/json";
    for (path, ctype, body, status, says) in [
        (&reply, json, "{not json", 400, "invalid JSON"),
        (&reply, json, "{}", 400, "missing field `text`"),
        (
            &reply,
            json,
            r#"{"text":"hi","extra":1}"#,
            400,
            "unknown field `extra`",
        ),
        (&reply, json, r#"{"text":5}"#, 400, "invalid type"),
        (&reply, json, r#"{"text":"   "}"#, 400, "must not be empty"),
        (&reply, "text/plain", r#"{"text":"hi"}"#, 415, "JSON"),
        (
            &template,
            json,
            r#"{"name":"Order Update","language":"en_US"}"#,
            400,
            "name",
        ),
        (
            &template,
            json,
            r#"{"name":"order_update"}"#,
            400,
            "missing field `language`",
        ),
        (
            &template,
            json,
            r#"{"name":"order_update","language":"en_US","parameters":[""]}"#,
            400,
            "parameters",
        ),
    ] {
        let a = maria.post_raw(path, ctype, body).await;
        assert_eq!(a.status, status, "{body}: {}", a.body);
        assert!(a.error().contains(says), "{body}: {}", a.body);
    }
    for path in [
        "/api/v1/conversations?owner=robot",
        "/api/v1/conversations?limit=1000",
        "/api/v1/conversations/5500000000000?number=999",
    ] {
        let a = maria.get::<Value>(path).await;
        assert!(a.status == 400 || a.status == 404, "{path}: {}", a.body);
        assert!(!a.error().is_empty());
    }
    let big = format!(r#"{{"text":"{}"}}"#, "x".repeat(70 * 1024));
    let a = maria.post_raw(&reply, json, &big).await;
    assert_eq!((a.status, a.error()), (413, "request body too large"));
    assert_eq!(
        maria.detail("5500000000000").await.status,
        404,
        "unknown customer"
    );
    assert_eq!(
        maria.detail(&format!("+{PHONE}")).await.status,
        200,
        "with a plus"
    );
    let long = "k".repeat(300);
    let a = maria.claim(PHONE, Some(&long)).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(
        w.owner().await.owner,
        Owner::Ai,
        "no refused request changed anything"
    );
    w.finish().await;
}

/// No worker answers in time: the command is accepted (202) with its id, runs once a worker
/// is there, and its outcome is then known — to `GET /api/v1/commands/{id}` and to the same
/// request repeated with its key.
#[tokio::test(flavor = "multi_thread")]
async fn a_command_not_answered_in_time_is_accepted_and_known_later() {
    let mut env = baton_tests::TestEnv::new("console-accepted");
    env.set("CONSOLE_TOKENS", &baton_tests::world::console_tokens())
        .set("CONSOLE_COMMAND_WAIT", "300ms");
    env.start_ingress().await;
    let conv = baton_shared::event::Conversation {
        number: "300".into(),
        customer: "5511".into(),
        wa_id: Some("5511".into()),
        user_id: None,
        name: None,
    };
    ownership::touch_customer(&env.redis, &env.keys(), &conv, now_ms())
        .await
        .unwrap();
    let (name, token) = baton_tests::world::AGENTS[0];
    let maria = ConsoleClient::new(env.ingress_url(), Auth::Bearer(token.into()));
    let first = maria.claim("5511", Some("late-1")).await;
    assert_eq!(first.status, 202, "{}", first.body);
    let id = first.body["command_id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/commands/{id}");
    assert_eq!(maria.get::<Value>(&path).await.status, 404, "not yet");
    env.spawn_worker(&[("BATON_CONVERSATION", "true")]);
    let known = eventually(Duration::from_secs(20), || async {
        maria.get::<Value>(&path).await.status == 409
    })
    .await;
    assert!(known, "the outcome is recorded\n{}", env.logs());
    let again = maria.claim("5511", Some("late-1")).await;
    assert_eq!((again.status, again.reason()), (409, "not_handed_off"));
    assert_eq!(again.body["outcome"]["event_id"], id.as_str());
    assert_eq!(again.body["outcome"]["agent"], name);
    env.cleanup().await;
}
