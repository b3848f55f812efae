//! The quick start as a newcomer runs it: `scripts/dev` starts the sandbox, ingress and two
//! workers as processes (the test package's copies of the binaries, nothing in-process); the
//! seed's "Run & verify" conversation is played through the sandbox's customer chat API and
//! the console API; SIGINT — what Ctrl-C sends — stops everything, and nothing is left running.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use baton_shared::state::{HandoffReason, Owner};
use baton_tests::browser::Browser;
use baton_tests::console::{Auth, ConsoleClient};
use baton_tests::procs::free_addr;
use baton_tests::{TestEnv, eventually, worker_bin};
use serde_json::{Value, json};

const AGENT_TOKEN: &str = "sandbox-test-agent-token-0001";
const CUSTOMER: &str = "15551234567";
const PROMISE: &str = "Hi Anish, I see ORD-22 was marked delivered to 12 Oak. I'm reissuing \
                       #ORD-22-R immediately, free shipping, you'll have it in 2 days.";
const NOTE: &str = "Reissued as ORD-22-R, 2 days";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every process whose environment carries `BATON_NAMESPACE=<ns>` (what `scripts/dev`
/// started for this test).
fn processes_of(ns: &str) -> Vec<u32> {
    let needle = format!("BATON_NAMESPACE={ns}");
    let me = std::process::id();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != me)
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|b| *b == 0).any(|kv| kv == needle.as_bytes()))
                .unwrap_or(false)
        })
        .collect()
}

struct Stack {
    child: Child,
    log: PathBuf,
}

impl Stack {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Stack {
    /// A failed test still stops the stack: SIGTERM (the script's trap stops what it
    /// started), then SIGKILL if it has not exited within 20 s.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.child.id().to_string()])
                .status();
            let until = Instant::now() + Duration::from_secs(20);
            while Instant::now() < until {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

async fn history(http: &reqwest::Client, sandbox: &str) -> Vec<Value> {
    match http.get(format!("{sandbox}/api/history")).send().await {
        Ok(r) => r.json().await.unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

fn replies(history: &[Value]) -> Vec<String> {
    history
        .iter()
        .filter(|e| e["kind"] == "reply" && e["customer"] == CUSTOMER)
        .map(|e| e["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Writes as the customer and waits for Baton's next reply (`expect_reply`), returning it.
async fn say(
    http: &reqwest::Client,
    sandbox: &str,
    text: &str,
    expect_reply: bool,
    stack: &Stack,
) -> Option<String> {
    let before = replies(&history(http, sandbox).await).len();
    let res = http
        .post(format!("{sandbox}/api/messages"))
        .json(&json!({ "customer": CUSTOMER, "name": "Anish", "text": text }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        200,
        "the chat page's send failed: {:?}",
        res.text().await
    );
    if !expect_reply {
        return None;
    }
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        let all = replies(&history(http, sandbox).await);
        if all.len() > before {
            return Some(all[before].clone());
        }
        assert!(
            Instant::now() < until,
            "no reply to {text:?}; stack log:\n{}",
            stack.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `scripts/dev` running for one test, on free ports and the test's namespace.
struct Dev {
    env: TestEnv,
    stack: Stack,
    state: PathBuf,
    http: reqwest::Client,
    /// The customer chat page.
    sandbox: String,
    /// Ingress (and the console).
    base: String,
}

impl Dev {
    async fn start(name: &str) -> Dev {
        let mut env = TestEnv::new(name);
        let ingress = free_addr();
        let sandbox_addr = free_addr();
        let state = std::env::temp_dir().join(format!("{}-dev", env.ns));
        let bins = worker_bin().parent().unwrap().to_path_buf();
        let (w1, w2) = (free_addr(), free_addr());
        for (k, v) in [
            ("BATON_PROBE", "false"),
            ("BATON_CONVERSATION", "true"),
            ("INGRESS_ADDR", ingress.as_str()),
            ("SANDBOX_ADDR", sandbox_addr.as_str()),
            ("WORKER1_ADMIN_ADDR", w1.as_str()),
            ("WORKER2_ADMIN_ADDR", w2.as_str()),
            ("CONSOLE_TOKENS", &format!("priya:{AGENT_TOKEN}")),
            ("BATON_DEV_BINS", bins.to_str().unwrap()),
            ("BATON_DEV_INGRESS_NAME", "baton-test-ingress"),
            ("BATON_DEV_WORKER_NAME", "baton-test-worker"),
            ("BATON_DEV_STATE", state.to_str().unwrap()),
            ("BATON_DEV_DOTENV", "0"),
        ] {
            env.set(k, v);
        }
        let log = state.with_extension("log");
        std::fs::create_dir_all(&state).unwrap();
        let out = std::fs::File::create(&log).unwrap();
        // As from a terminal: SIGINT handled by default even when this test runs in the
        // background of a non-interactive shell (which starts its jobs with SIGINT ignored,
        // and a signal ignored at a shell's start cannot be trapped).
        let child = Command::new("env")
            .args(["--default-signal=INT", "bash"])
            .arg(repo().join("scripts/dev"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(env.vars())
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .unwrap();
        let stack = Stack { child, log };
        let http = reqwest::Client::new();
        let base = format!("http://{ingress}");
        let up = eventually(Duration::from_secs(60), || {
            let http = http.clone();
            let base = base.clone();
            async move {
                matches!(http.get(format!("{base}/readyz")).send().await, Ok(r) if r.status() == 200)
            }
        })
        .await;
        assert!(up, "the stack did not come up:\n{}", stack.log());
        let sandbox = format!("http://{sandbox_addr}");
        assert!(stack.log().contains(&sandbox), "{}", stack.log());
        Dev {
            env,
            stack,
            state,
            http,
            sandbox,
            base,
        }
    }

    fn console(&self) -> ConsoleClient {
        ConsoleClient::new(&self.base, Auth::Bearer(AGENT_TOKEN.into()))
    }

    async fn replies(&self) -> Vec<String> {
        replies(&history(&self.http, &self.sandbox).await)
    }

    /// Ctrl-C: SIGINT to the script stops everything it started; then the namespace goes.
    async fn stop_with_ctrl_c(mut self) {
        let pid = self.stack.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-INT", &pid])
                .status()
                .unwrap()
                .success()
        );
        let until = Instant::now() + Duration::from_secs(40);
        let status = loop {
            if let Some(s) = self.stack.child.try_wait().unwrap() {
                break s;
            }
            assert!(
                Instant::now() < until,
                "scripts/dev did not stop on SIGINT:\n{}",
                self.stack.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        let left = processes_of(&self.env.ns);
        assert!(
            left.is_empty(),
            "still running after Ctrl-C: {left:?} (exit {status:?})"
        );
        let _ = std::fs::remove_dir_all(&self.state);
        let _ = std::fs::remove_file(self.state.with_extension("log"));
        self.env.cleanup().await;
    }
}

#[tokio::test]
async fn the_quick_start_replays_the_seed_conversation_and_stops_on_ctrl_c() {
    let dev = Dev::start("sandbox").await;
    let (http, sandbox, stack) = (&dev.http, dev.sandbox.as_str(), &dev.stack);

    // The order question is answered through the demo order service.
    let answer = say(
        http,
        sandbox,
        "Hi, my order #ORD-22 hasn't arrived",
        true,
        stack,
    )
    .await
    .unwrap();
    assert!(answer.contains("12 Oak St"), "{answer}");

    // Asking for a person hands off, with the reason visible to agents.
    let notice = say(
        http,
        sandbox,
        "I never got it. This is the second time. I want to talk to a person.",
        true,
        stack,
    )
    .await
    .unwrap();
    let console = dev.console();
    let waiting = eventually(Duration::from_secs(20), || {
        let console = console.clone();
        async move { console.detail(CUSTOMER).await.body["owner"] == "pending_human" }
    })
    .await;
    assert!(waiting, "no handoff after {notice:?}:\n{}", stack.log());
    let detail = console.detail(CUSTOMER).await.ok();
    assert_eq!(detail.summary.reason, Some(HandoffReason::CustomerAsked));

    // A human claims and answers; the reply reaches the customer's page, with ticks.
    assert_eq!(console.claim(CUSTOMER, None).await.status, 200);
    assert_eq!(console.reply(CUSTOMER, PROMISE, None).await.status, 200);
    let delivered = eventually(Duration::from_secs(20), || async {
        dev.replies().await.iter().any(|r| r == PROMISE)
    })
    .await;
    assert!(
        delivered,
        "the human's reply never reached the customer:\n{}",
        stack.log()
    );
    say(http, sandbox, "Thank you.", false, stack).await;
    let read = http
        .post(format!("{sandbox}/api/read"))
        .json(&json!({ "customer": CUSTOMER }))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let ticks = eventually(Duration::from_secs(20), || {
        let console = console.clone();
        async move {
            let d = console.detail(CUSTOMER).await.ok();
            d.transcript.iter().any(|t| {
                t.text == PROMISE
                    && t.delivery
                        .iter()
                        .any(|p| serde_json::to_value(p.status).unwrap_or_default() == "read")
            })
        }
    })
    .await;
    assert!(
        ticks,
        "the human's reply never showed as read in the console"
    );

    // Release; the next day's question is answered by the AI with the human's promise.
    let released = console.release(CUSTOMER, Some(NOTE), None).await;
    assert_eq!(released.status, 200, "{}", released.body);
    let next = say(http, sandbox, "Hey, did the reissue ship?", true, stack)
        .await
        .unwrap();
    assert!(next.contains("ORD-22-R"), "{next}");
    let detail = console.detail(CUSTOMER).await.ok();
    assert_eq!(detail.summary.owner, Owner::Ai);
    // Exactly four messages reached the customer: the AI stayed silent while the human
    // owned the conversation ("Thank you." got no answer).
    let all = dev.replies().await;
    assert_eq!(all.len(), 4, "{all:#?}");
    assert_eq!(all[2], PROMISE);
    dev.stop_with_ctrl_c().await;
}

const WAIT: Duration = Duration::from_secs(30);

/// With `BATON_SCREENSHOTS=1`, writes the browser's viewport to `docs/<name>`.
async fn screenshot(b: &Browser, name: &str) {
    if std::env::var("BATON_SCREENSHOTS").as_deref() != Ok("1") {
        return;
    }
    let png = b.client.screenshot().await.expect("screenshot");
    let path = repo().join("docs").join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot written to {}", path.display());
}

/// The texts of the chat page's bubbles of one kind (`theirs`: the business's; `mine`).
async fn bubbles(b: &Browser, kind: &str) -> Vec<String> {
    let script = format!(
        "return [...document.querySelectorAll('#messages li.{kind} .text')].map(e => e.textContent)"
    );
    serde_json::from_value(b.run(&script).await).unwrap_or_default()
}

/// Waits until the chat page shows `n` messages from the business; returns the last one.
async fn nth_reply(b: &Browser, n: usize) -> String {
    let until = Instant::now() + WAIT;
    loop {
        let all = bubbles(b, "theirs").await;
        if all.len() >= n {
            return all[n - 1].clone();
        }
        let page = b.text("body").await.unwrap_or_default();
        assert!(
            Instant::now() < until,
            "no reply #{n} on the chat page:\n{page}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// On the chat page: writes `text` and waits for the business's `n`-th message.
async fn chat_says(b: &Browser, text: &str, n: usize) -> String {
    b.type_into("#text", text).await;
    b.click("#composer button").await;
    nth_reply(b, n).await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_seed_conversation_in_the_browser_chat_page_and_console() {
    let Some(b) = Browser::start("sandbox_browser").await else {
        return;
    };
    let dev = Dev::start("sandbox-browser").await;
    let chat = b.client.window().await.unwrap();

    // The customer opens a chat on the sandbox's page and asks about the order.
    b.client.goto(&dev.sandbox).await.unwrap();
    b.client
        .find(fantoccini::Locator::Css("#new-name"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    b.type_into("#new-name", "Anish").await;
    b.client
        .find(fantoccini::Locator::Css("#new-number"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    b.type_into("#new-number", CUSTOMER).await;
    b.click("#new-customer button").await;
    let answer = chat_says(&b, "Hi, my order #ORD-22 hasn't arrived", 1).await;
    assert!(answer.contains("12 Oak St"), "{answer}");
    b.wait_text("read receipts", "#messages li.mine .ticks", WAIT, |t| {
        t == "✓✓"
    })
    .await;
    chat_says(
        &b,
        "I never got it. This is the second time. I want to talk to a person.",
        2,
    )
    .await;

    // An agent sees the handoff in the console, with its reason, claims it and answers.
    let console = b.client.new_window(false).await.unwrap();
    b.client.switch_to_window(console.handle).await.unwrap();
    b.client
        .goto(&format!("{}/console", dev.base))
        .await
        .unwrap();
    b.type_into("#token", AGENT_TOKEN).await;
    b.click("#login-submit").await;
    b.wait_text("signed in", "#me", WAIT, |t| t == "priya")
        .await;
    let item = format!(
        "#queue-pending .item[data-conversation=\"{}:{CUSTOMER}\"]",
        baton_tests::sandbox::NUMBER
    );
    b.wait_text("the handoff in the queue", &item, WAIT, |t| {
        t.contains("Anish")
    })
    .await;
    b.click(&item).await;
    b.wait_text("the reason", "#handoff-reason", WAIT, |t| {
        t.to_lowercase().contains("asked")
    })
    .await;
    b.click("#btn-claim").await;
    b.wait_text("claimed", "#conv-owner", WAIT, |t| t.contains("priya"))
        .await;
    b.type_into("#reply-text", PROMISE).await;
    b.click("#btn-send").await;
    b.wait_text("the reply in the transcript", "#transcript", WAIT, |t| {
        t.contains("ORD-22-R")
    })
    .await;

    // The customer sees the human's reply; the AI stays silent after "Thank you.".
    b.client.switch_to_window(chat.clone()).await.unwrap();
    assert_eq!(nth_reply(&b, 3).await, PROMISE);
    b.type_into("#text", "Thank you.").await;
    b.click("#composer button").await;
    let shown = eventually(WAIT, || async {
        bubbles(&b, "mine").await.last().map(String::as_str) == Some("Thank you.")
    })
    .await;
    assert!(shown, "the customer's message is not on the page");
    screenshot(&b, "sandbox-chat.png").await;

    // The agent releases with a note.
    let console_handle = b
        .client
        .windows()
        .await
        .unwrap()
        .into_iter()
        .find(|h| *h != chat)
        .unwrap();
    b.client.switch_to_window(console_handle).await.unwrap();
    screenshot(&b, "sandbox-console.png").await;
    b.click("#btn-release").await;
    b.type_into("#release-note", NOTE).await;
    b.click("#release-confirm").await;
    b.wait_text("released", "#conv-owner", WAIT, |t| t == "AI")
        .await;

    // Next day: the AI answers again, with the human's resolution in its context.
    b.client.switch_to_window(chat).await.unwrap();
    let next = chat_says(&b, "Hey, did the reissue ship?", 4).await;
    assert!(next.contains("ORD-22-R"), "{next}");
    assert_eq!(
        dev.replies().await.len(),
        4,
        "the AI answered nothing while the human owned it"
    );
    b.close().await;
    dev.stop_with_ctrl_c().await;
}

/// The buttons of the stand-in's first alert: (action_id, value).
async fn slack_buttons(dev: &Dev) -> Vec<(String, String)> {
    let state: Value = dev
        .http
        .get(format!("{}/api/slack", dev.sandbox))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let blocks = state["messages"][0]["blocks"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    blocks
        .iter()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| {
            Some((
                e["action_id"].as_str()?.to_owned(),
                e["value"].as_str().unwrap_or("").to_owned(),
            ))
        })
        .collect()
}

async fn slack_post(dev: &Dev, path: &str, body: Value) -> u16 {
    let res = dev
        .http
        .post(format!("{}{path}", dev.sandbox))
        .json(&body)
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

#[tokio::test]
async fn the_slack_stand_in_shows_the_alert_and_its_buttons_and_thread_work() {
    let dev = Dev::start("sandbox-slack").await;
    let (http, sandbox, stack) = (&dev.http, dev.sandbox.as_str(), &dev.stack);
    say(
        http,
        sandbox,
        "My card was charged twice, I want to talk to a person",
        true,
        stack,
    )
    .await;
    let posted = eventually(WAIT, || async {
        slack_buttons(&dev)
            .await
            .iter()
            .any(|(id, _)| id == "handoff_claim")
    })
    .await;
    assert!(
        posted,
        "no alert with a Claim button on the Slack stand-in:\n{}",
        stack.log()
    );
    let state: Value = http
        .get(format!("{sandbox}/api/slack"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ts = state["messages"][0]["ts"].as_str().unwrap().to_owned();
    let page = http.get(format!("{sandbox}/slack")).send().await.unwrap();
    assert_eq!(page.status(), 200);

    // Claim from Slack: the conversation is the Slack user's.
    let (id, value) = slack_buttons(&dev)
        .await
        .into_iter()
        .find(|(id, _)| id == "handoff_claim")
        .unwrap();
    let clicked = slack_post(
        &dev,
        "/api/slack/click",
        json!({"ts": ts, "action_id": id, "value": value}),
    )
    .await;
    assert_eq!(clicked, 200);
    let console = dev.console();
    let claimed = eventually(WAIT, || {
        let console = console.clone();
        async move {
            let d = console.detail(CUSTOMER).await.ok();
            d.summary.owner == Owner::Human
                && d.summary
                    .agent
                    .as_deref()
                    .is_some_and(|a| a.contains("U0SANDBOX1"))
        }
    })
    .await;
    assert!(claimed, "the Slack claim did not apply:\n{}", stack.log());

    // A reply in the thread reaches the customer once.
    let text = "Hi, this is Sam from billing: I've refunded the second charge.";
    let replied = slack_post(
        &dev,
        "/api/slack/reply",
        json!({"thread_ts": ts, "text": text}),
    )
    .await;
    assert_eq!(replied, 200);
    let delivered = eventually(WAIT, || async {
        dev.replies().await.iter().any(|r| r == text)
    })
    .await;
    assert!(
        delivered,
        "the thread reply never reached the customer:\n{}",
        stack.log()
    );

    // Release to AI from Slack.
    let release = eventually(WAIT, || async {
        slack_buttons(&dev)
            .await
            .iter()
            .any(|(id, _)| id == "handoff_release")
    })
    .await;
    assert!(release, "no Release button after the claim");
    let (id, value) = slack_buttons(&dev)
        .await
        .into_iter()
        .find(|(id, _)| id == "handoff_release")
        .unwrap();
    assert_eq!(
        slack_post(
            &dev,
            "/api/slack/click",
            json!({"ts": ts, "action_id": id, "value": value})
        )
        .await,
        200
    );
    let released = eventually(WAIT, || {
        let console = console.clone();
        async move { console.detail(CUSTOMER).await.ok().summary.owner == Owner::Ai }
    })
    .await;
    assert!(
        released,
        "the Slack release did not apply:\n{}",
        stack.log()
    );
    assert_eq!(dev.replies().await.iter().filter(|r| *r == text).count(), 1);
    dev.stop_with_ctrl_c().await;
}

#[tokio::test]
async fn a_photo_and_a_voice_note_from_the_chat_page_are_downloaded_and_answered() {
    let dev = Dev::start("sandbox-media").await;
    let (http, sandbox, stack) = (&dev.http, dev.sandbox.as_str(), &dev.stack);
    let upload = |mime: &'static str, caption: &'static str, bytes: Vec<u8>| {
        let url = format!("{sandbox}/api/media?customer={CUSTOMER}&name=Anish&caption={caption}");
        http.post(url)
            .header("content-type", mime)
            .body(bytes)
            .send()
    };
    // A photo captioned with an order number: the answer comes from the caption (the
    // scripted model reads text), after Baton downloaded the photo from the stand-in.
    let photo = upload(
        "image/png",
        "Is%20this%20%23ORD-22%3F",
        vec![0x89, b'P', b'N', b'G', 1, 2, 3],
    )
    .await
    .unwrap();
    assert_eq!(photo.status(), 200, "{:?}", photo.text().await);
    let until = Instant::now() + WAIT;
    while dev.replies().await.is_empty() {
        assert!(
            Instant::now() < until,
            "no answer to the photo:\n{}",
            stack.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        dev.replies().await[0].contains("12 Oak St"),
        "{:?}",
        dev.replies().await
    );
    // A voice note: transcribed by the stand-in (a fixed sentence asking about ORD-22).
    let voice = upload("audio/ogg", "", b"OggS-fake-opus".to_vec())
        .await
        .unwrap();
    assert_eq!(voice.status(), 200);
    let until = Instant::now() + WAIT;
    while dev.replies().await.len() < 2 {
        assert!(
            Instant::now() < until,
            "no answer to the voice note:\n{}",
            stack.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let d = dev.console().detail(CUSTOMER).await.ok();
    let kinds: Vec<_> = d.transcript.iter().filter_map(|t| t.kind.clone()).collect();
    assert!(
        kinds.iter().any(|k| k == "image") && kinds.iter().any(|k| k == "audio"),
        "{kinds:?}"
    );
    assert!(
        d.transcript
            .iter()
            .any(|t| t.text.contains(baton_tests::sandbox::VOICE_TRANSCRIPT)),
        "the voice note's transcript is not in the conversation"
    );
    // Anything else is refused with a reason, and nothing is posted.
    let pdf = upload("application/pdf", "", b"%PDF".to_vec())
        .await
        .unwrap();
    assert_eq!(pdf.status(), 415);
    dev.stop_with_ctrl_c().await;
}
