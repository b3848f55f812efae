//! Both binaries as real processes, with their own telemetry (logs to a file in the format the
//! process picks itself, OTLP export when asked): what the operations tests need and the
//! in-process ingress of [`TestEnv::start_ingress`] cannot give (it shares the test process's
//! subscriber). [`free_addr`] picks a loopback port for a listen address the test must know in
//! advance (`INGRESS_ADDR`, `WORKER_ADMIN_ADDR`), below the kernel's ephemeral range, so the
//! suite's own outgoing connections cannot take it between the pick and the bind.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::{SECRET, TestEnv, WorkerProc, eventually, log_dir, worker_bin};

/// Ports [`free_addr`] and [`free_port`] pick from: below Linux's default ephemeral range
/// (32768-60999), and apart from the Redis Cluster test's ports (`cluster`).
pub const PICKED_PORTS: std::ops::Range<u16> = 22_000..32_000;

/// A free `127.0.0.1:port`, for a process to bind later (see [`free_port`]).
pub fn free_addr() -> String {
    format!("127.0.0.1:{}", free_port())
}

/// A port for a process to bind later: a random port of [`PICKED_PORTS`] that could be bound
/// just now. Not one the kernel hands out: a port from the ephemeral range, released, can be
/// taken by any outgoing connection (this suite opens hundreds, to Redis and RabbitMQ) before
/// the process under test binds it — the sandbox test once failed on exactly that.
pub fn free_port() -> u16 {
    free_port_in(PICKED_PORTS, |_| true)
}

/// A random port of `range` that could be bound just now and that `also` accepts.
pub fn free_port_in(range: std::ops::Range<u16>, also: impl Fn(u16) -> bool) -> u16 {
    let span = u128::from(range.end - range.start);
    for _ in 0..1_000 {
        let port = range.start + (uuid::Uuid::new_v4().as_u128() % span) as u16;
        if also(port) && std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port in {range:?}");
}

/// The ingress binary built by the test package (`BATON_INGRESS_BIN` overrides).
pub fn ingress_bin() -> std::path::PathBuf {
    if let Ok(p) = std::env::var("BATON_INGRESS_BIN") {
        return p.into();
    }
    worker_bin().with_file_name("baton-test-ingress")
}

impl TestEnv {
    /// Starts ingress as a process with this environment plus `extra` (which should set
    /// `INGRESS_ADDR`, e.g. from [`free_addr`]); stdout and stderr go to a log file. Waits
    /// until `/healthz` answers; returns the process and its base URL.
    pub async fn spawn_ingress(&self, extra: &[(&str, &str)]) -> (WorkerProc, String) {
        let log = log_dir().join(format!("{}-ingress.log", self.ns));
        let out = std::fs::File::create(&log).expect("ingress log");
        let mut cmd = Command::new(ingress_bin());
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.vars())
            .envs(extra.iter().copied())
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        let child = cmd.spawn().expect("spawn ingress");
        let proc = WorkerProc { child, log };
        let addr = extra
            .iter()
            .find(|(k, _)| *k == "INGRESS_ADDR")
            .map(|(_, v)| v.replace("0.0.0.0", "127.0.0.1"))
            .expect("spawn_ingress needs INGRESS_ADDR");
        let url = format!("http://{addr}");
        let up = eventually(Duration::from_secs(20), || async {
            let r = self.http.get(format!("{url}/healthz")).send().await;
            r.is_ok_and(|r| r.status().is_success())
        })
        .await;
        let text = std::fs::read_to_string(&proc.log).unwrap_or_default();
        assert!(up, "ingress process did not come up:\n{text}");
        (proc, url)
    }

    /// Posts `body`, signed with the test secret, to the webhook of the ingress at `url`.
    pub async fn post_signed_to(&self, url: &str, body: &[u8]) -> u16 {
        let sig = baton_ingress::verify::sign(SECRET, body);
        self.http
            .post(format!("{url}/webhook/whatsapp"))
            .header("content-type", "application/json")
            .header("x-hub-signature-256", sig)
            .body(body.to_vec())
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0)
    }
}

/// Runs `bin args` with `vars` (and nothing else of this process's environment) to completion;
/// returns (exit code, stdout + stderr).
pub fn run_to_end(
    bin: &std::path::Path,
    args: &[&str],
    vars: &[(String, String)],
) -> (Option<i32>, String) {
    let out = Command::new(bin)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(vars.iter().map(|(k, v)| (k, v)))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run binary");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code(), text)
}
