//! Headless Chromium for the console's browser test, driven through WebDriver (fantoccini).
//!
//! [`Browser::start`] finds Debian's `chromium` and `chromedriver` on `PATH` (packages
//! `chromium` and `chromium-driver`; `scripts/test` installs them — nothing here downloads a
//! browser), starts `chromedriver --port=<free port>` as a child in a process group of its
//! own, and opens a session of Chromium headless (`--headless=new`, no sandbox — the tests run
//! as root —, no GPU, QUIC, sync, component updates or background networking) with a fresh
//! profile in a temporary directory. [`Browser::close`] ends the session, kills that process
//! group (chromedriver and the Chromium it started) and removes the profile; dropping a
//! `Browser` (a test that panicked) does the same without the session's goodbye.
//!
//! How it fails: missing binaries make [`Browser::start`] return `None` after printing that
//! the test is skipped — except under `CI`, where it panics: CI installs them, so a missing
//! browser there is a broken setup, never a silent skip. A driver that does not come up, or a
//! session Chromium refuses, panics with chromedriver's log path.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// The window every test sees (and the screenshot's size).
pub const WINDOW: (u32, u32) = (1000, 700);

/// One Chromium session and the chromedriver serving it.
pub struct Browser {
    pub client: Client,
    driver: Driver,
}

/// The chromedriver process group and the profile directory; dropping it kills the one and
/// removes the other.
struct Driver {
    child: Child,
    profile: PathBuf,
    log: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        kill_group(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// SIGKILLs the process group `pgid` leads (chromedriver, made leader by `process_group(0)`,
/// and the Chromium it started).
///
/// Written `kill -s KILL -- -<pgid>` on purpose: procps-ng 4.0.2 (Debian 12) parses
/// `kill -KILL -<pgid>` as `kill(-1, SIGKILL)` — every process the caller may signal —, checked
/// with strace. The `--` form makes the negative number a process group.
fn kill_group(pgid: u32) {
    assert!(pgid > 1, "not a process group of ours: {pgid}");
    let _ = Command::new("kill")
        .args(["-s", "KILL", "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status();
}

/// The first of `names` found on `PATH`.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    crate::procs::free_port()
}

fn capabilities(chromium: &Path, profile: &Path) -> serde_json::Map<String, Value> {
    let args = [
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        format!("--window-size={},{}", WINDOW.0, WINDOW.1),
        format!("--user-data-dir={}", profile.display()),
    ];
    let caps = json!({
        "browserName": "chrome",
        // An alert is left open (not dismissed), so a test can see that one was raised.
        "unhandledPromptBehavior": "ignore",
        "goog:chromeOptions": { "binary": chromium, "args": args },
    });
    match caps {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

/// Waits until chromedriver on `port` says it is ready.
async fn wait_ready(port: u16, log: &Path) {
    let url = format!("http://127.0.0.1:{port}/status");
    let http = reqwest::Client::new();
    let until = Instant::now() + Duration::from_secs(20);
    while Instant::now() < until {
        if let Ok(res) = http.get(&url).send().await
            && let Ok(v) = res.json::<Value>().await
            && v["value"]["ready"] == true
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not come up; see {}", log.display());
}

impl Browser {
    /// A fresh headless Chromium session, or `None` (with a message) when Chromium or
    /// chromedriver is not installed outside CI.
    pub async fn start(test: &str) -> Option<Browser> {
        let found = (
            on_path(&["chromium", "chromium-browser"]),
            on_path(&["chromedriver"]),
        );
        let (Some(chromium), Some(chromedriver)) = found else {
            let msg = "Chromium or chromedriver is not installed \
                       (Debian: apt-get install chromium chromium-driver; scripts/test does it as root)";
            assert!(std::env::var_os("CI").is_none(), "{msg}");
            eprintln!("SKIPPED {test}: {msg}");
            return None;
        };
        Some(Browser::launch(test, &chromium, &chromedriver).await)
    }

    async fn launch(test: &str, chromium: &Path, chromedriver: &Path) -> Browser {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let profile = std::env::temp_dir().join(format!("baton-chromium-{}", &id[..12]));
        std::fs::create_dir_all(&profile).expect("profile directory");
        let log = crate::log_dir().join(format!("{test}-{}-chromedriver.log", &id[..8]));
        let out = std::fs::File::create(&log).expect("chromedriver log");
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("log handle"))
            .stderr(out)
            .process_group(0)
            .spawn()
            .expect("start chromedriver");
        let driver = Driver {
            child,
            profile,
            log,
        };
        wait_ready(port, &driver.log).await;
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities(chromium, &driver.profile));
        let url = format!("http://127.0.0.1:{port}");
        let session = builder.connect(&url);
        let client = tokio::time::timeout(Duration::from_secs(60), session)
            .await
            .unwrap_or_else(|_| panic!("no Chromium session in 60 s; see {}", driver.log.display()))
            .unwrap_or_else(|e| panic!("Chromium session: {e}; see {}", driver.log.display()));
        let browser = Browser { client, driver };
        browser.fit_viewport().await;
        browser
    }

    /// Sizes the window so that the page's viewport is [`WINDOW`] (screenshots are of it).
    async fn fit_viewport(&self) {
        let frame = self
            .run("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")
            .await;
        let extra = |i: usize| frame[i].as_u64().unwrap_or(0) as u32;
        self.client
            .set_window_size(WINDOW.0 + extra(0), WINDOW.1 + extra(1))
            .await
            .expect("window size");
    }

    /// Ends the session, then the driver and the profile; chromedriver's log is kept only
    /// when a test failed (it is removed here, like a passing test's worker logs).
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        let log = self.driver.log.clone();
        drop(self.driver);
        let _ = std::fs::remove_file(log);
    }

    /// The element `css` selects, if there is one now.
    pub async fn element(&self, css: &str) -> Option<Element> {
        self.client.find(Locator::Css(css)).await.ok()
    }

    /// The text of the element `css` selects, if there is one now. A page that re-renders may
    /// replace the element between finding it and reading it (WebDriver's "stale element
    /// reference"): it is then found again, for up to five seconds, like [`Browser::click`].
    pub async fn text(&self, css: &str) -> Option<String> {
        let until = Instant::now() + Duration::from_secs(5);
        loop {
            match self.element(css).await?.text().await {
                Ok(text) => return Some(text),
                Err(err) if is_stale(&err) && Instant::now() < until => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(_) => return None,
            }
        }
    }

    /// Waits (up to `timeout`) until the element `css` selects is there and its text satisfies
    /// `ok`; returns the text, or panics naming `what` with the page's text.
    pub async fn wait_text(
        &self,
        what: &str,
        css: &str,
        timeout: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> String {
        let until = Instant::now() + timeout;
        loop {
            let text = self.text(css).await;
            if let Some(t) = text.as_deref().filter(|t| ok(t)) {
                return t.to_owned();
            }
            if Instant::now() > until {
                let page = self.text("body").await.unwrap_or_default();
                let log = self.driver.log.display();
                panic!("{what}: {css} is {text:?} (chromedriver: {log})\n--- page text:\n{page}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the element `css` selects (panics when there is none). A page that re-renders
    /// may replace the element between finding and clicking it (WebDriver's "stale element
    /// reference"): it is then found again, for up to five seconds.
    pub async fn click(&self, css: &str) {
        let until = Instant::now() + Duration::from_secs(5);
        loop {
            let e = self.element(css).await;
            let e = e.unwrap_or_else(|| panic!("nothing to click at {css}"));
            match e.click().await {
                Ok(_) => return,
                Err(err) if is_stale(&err) && Instant::now() < until => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(err) => panic!("click {css}: {err}"),
            }
        }
    }

    /// Types `text` into the field `css` selects (found again if the page replaced it, like
    /// [`Browser::click`]).
    pub async fn type_into(&self, css: &str, text: &str) {
        let until = Instant::now() + Duration::from_secs(5);
        loop {
            let e = self.element(css).await;
            let e = e.unwrap_or_else(|| panic!("no field at {css}"));
            match e.send_keys(text).await {
                Ok(()) => return,
                Err(err) if is_stale(&err) && Instant::now() < until => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(err) => panic!("type into {css}: {err}"),
            }
        }
    }

    /// Runs `script` in the page (WebDriver's execute: not subject to the page's CSP).
    pub async fn run(&self, script: &str) -> Value {
        self.client
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }
}

/// WebDriver's "stale element reference": the element was removed from the page after it was
/// found.
fn is_stale(err: &fantoccini::error::CmdError) -> bool {
    matches!(
        err,
        fantoccini::error::CmdError::Standard(e)
            if e.error == fantoccini::error::ErrorStatus::StaleElementReference
    )
}
