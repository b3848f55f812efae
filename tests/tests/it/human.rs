//! The human side beyond the console: the business answering from its own WhatsApp Business
//! app (coexistence echoes), against the real broker and Redis with the conversation world.

use baton_shared::state::{Owner, Speaker};
use baton_tests::webhooks;
use baton_tests::world::{NUMBER, PHONE, World};
use baton_worker::conversation::echo::ECHO_AGENT;

#[tokio::test(flavor = "multi_thread")]
async fn an_echo_from_the_business_app_takes_over_and_the_ai_stays_silent() {
    let w = World::start("echo", false, &[]).await;
    w.say("wamid.E0", "Hi, do you deliver on Sundays?").await;
    w.wait_texts(1).await;
    w.wait_done(&["wamid.E0"]).await;
    let sent_before = w.graph.requests().len();
    let window = w.owner().await.last_customer_ms;

    // The shop owner answers from the WhatsApp Business app on the same number.
    let text = "Hi Anish, Maria here from the shop: yes, Sundays 10-14.";
    let echo = webhooks::business_echo(NUMBER, PHONE, "wamid.BIZ1", text);
    assert_eq!(w.env.post_signed(&echo).await, 200);
    // Meta redelivers the same echo: one turn, one takeover.
    assert_eq!(w.env.post_signed(&echo).await, 200);
    w.wait_done(&["echo:wamid.BIZ1"]).await;

    let state = w.owner().await;
    assert_eq!(
        (state.owner, state.agent.as_deref()),
        (Owner::Human, Some(ECHO_AGENT))
    );
    let turns: Vec<_> = w
        .transcript()
        .await
        .into_iter()
        .filter(|t| t.role == Speaker::Human)
        .collect();
    assert_eq!(turns.len(), 1, "{turns:?}");
    assert_eq!(
        (turns[0].text.as_str(), turns[0].agent.as_deref()),
        (text, Some(ECHO_AGENT))
    );
    assert_eq!(w.console_count("human_takeover").await, 1);
    // Only the customer's messages open the 24-hour window, not the business's own.
    assert_eq!(w.owner().await.last_customer_ms, window);

    // The customer answers: mirrored to the humans, and the AI sends nothing.
    w.say("wamid.E1", "Great, see you Sunday!").await;
    w.wait_done(&["wamid.E1"]).await;
    w.wait_console("customer_message").await;
    assert_eq!(
        w.graph.requests().len(),
        sent_before,
        "nothing sent after the echo: {:?}",
        w.texts()
    );
    w.finish().await;
}
