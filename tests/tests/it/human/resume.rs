//! After a release the AI picks up with the whole context and no recap; the customer's end
//! keyword is a release too.

use baton_shared::event::CUSTOMER_AGENT;
use baton_shared::state::Owner;
use baton_tests::world::{PHONE, World};
use baton_worker::conversation::prompt::RESUME_NOTE;
use serde_json::json;

use super::{console_of, handed_off, until};

#[tokio::test(flavor = "multi_thread")]
async fn after_a_release_the_ai_knows_what_the_human_said_and_does_not_recap() {
    let w = World::start("resume", false, &[]).await;
    handed_off(&w, "wamid.F1").await;
    let notice = w.wait_texts(1).await.remove(0);
    let maria = w.agent("maria");
    maria.claim(PHONE, None).await.ok();

    // The human stretch: from the claim to the release, only maria's words reach the customer.
    let stretch = w.graph.requests().len();
    let said = "I reissued ORD-22, it ships Friday";
    maria.reply(PHONE, said, None).await.ok();
    w.say("wamid.F2", "ok thanks, will I get a tracking number?")
        .await;
    w.wait_done(&["wamid.F2"]).await;
    w.wait_console("customer_message").await;
    let note = "Reissued as ORD-22-R, tracking goes out Friday";
    maria.release(PHONE, Some(note), None).await.ok();
    let during: Vec<_> = w.graph.requests()[stretch..].to_vec();
    let texts: Vec<_> = during
        .iter()
        .filter_map(|r| r.body.pointer("/text/body").and_then(|t| t.as_str()))
        .collect();
    assert_eq!(texts, [said], "nothing from the AI: {during:?}");
    assert!(
        w.llm.requests().is_empty(),
        "no model call while a human owned it"
    );

    w.say("wamid.F3", "did the reissue ship?").await;
    w.wait_done(&["wamid.F3"]).await;
    let requests = w.llm.requests();
    assert_eq!(requests.len(), 1);
    let prompt = requests[0].to_string();
    for (what, text) in [
        ("the human's turn", said),
        ("the release note", note),
        ("the resume note", RESUME_NOTE),
        ("the customer's question", "did the reissue ship?"),
    ] {
        assert!(prompt.contains(text), "{what} missing: {prompt}");
    }
    assert!(
        !prompt.contains(&notice),
        "the stale handoff notice ({notice:?}) is gone: {prompt}"
    );
    let texts = w.wait_texts(3).await;
    assert!(
        texts[2].contains(said),
        "the answer builds on it: {texts:?}"
    );
    w.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_customers_end_keyword_hands_back_to_the_ai() {
    let vars = [("HANDOFF_END_KEYWORDS", "back to bot, done")];
    let w = World::start("endkw", false, &vars).await;
    handed_off(&w, "wamid.K0").await;
    let maria = w.agent("maria");
    maria.claim(PHONE, None).await.ok();
    maria
        .reply(PHONE, "Your refund is on its way.", None)
        .await
        .ok();
    let sent = w.wait_texts(2).await.len();
    // A keyword inside a sentence is not the keyword: the human keeps it, the AI is silent.
    w.say("wamid.K1", "I'm not done yet, when will it arrive?")
        .await;
    w.wait_done(&["wamid.K1"]).await;
    assert_eq!(w.owner().await.owner, Owner::Human);
    assert_eq!(w.texts().len(), sent);

    w.say("wamid.K2", "Done!").await;
    w.wait_done(&["wamid.K2"]).await;
    assert_eq!(w.owner().await.owner, Owner::Ai);
    let released = console_of(&w, "human_release").await;
    assert_eq!(released.len(), 1);
    assert_eq!(
        (&released[0]["agent"], &released[0]["event_id"]),
        (&json!(CUSTOMER_AGENT), &json!("wamid.K2"))
    );
    let line = w
        .transcript()
        .await
        .into_iter()
        .find(|t| t.id == "wamid.K2:human_release")
        .expect("the release in the transcript");
    assert_eq!(line.agent.as_deref(), Some(CUSTOMER_AGENT));
    // The AI answers that very message, knowing the human's turn, then the next one.
    let texts = w.wait_texts(sent + 1).await;
    assert!(texts[sent].contains("Done!"), "{texts:?}");
    let prompt = w.llm.requests().last().unwrap().to_string();
    assert!(prompt.contains("Your refund is on its way."), "{prompt}");
    w.say("wamid.K3", "Can I change the delivery address?")
        .await;
    until(&w, "the AI answers the next message", || async {
        w.texts().len() == sent + 2
    })
    .await;
    assert_eq!(w.llm.requests().len(), 2);
    assert_eq!(w.console_count("human_release").await, 1);
    w.finish().await;
}
