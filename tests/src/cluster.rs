//! A throwaway 3-master Redis Cluster on loopback ports, from Debian's `redis-server` and
//! `redis-cli` (for the cluster test): [`RedisCluster::start`] picks free ports (and their
//! cluster-bus ports, +10000), starts one server per port with its config in a temporary
//! directory (no RDB, no AOF), joins them with `redis-cli --cluster create … --cluster-replicas
//! 0`, and waits until every node reports `cluster_state:ok`. Dropping it kills exactly the
//! servers it started (by their pids) and removes the directory.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct RedisCluster {
    pub ports: Vec<u16>,
    children: Vec<Child>,
    dir: PathBuf,
}

/// A port free now whose cluster-bus port (+10000) is free too, both below the kernel's
/// ephemeral range and apart from `procs::PICKED_PORTS` (why: `procs::free_port`).
fn free_port(taken: &[u16]) -> u16 {
    crate::procs::free_port_in(10_000..12_000, |port| {
        !taken.contains(&port) && TcpListener::bind(("127.0.0.1", port + 10_000)).is_ok()
    })
}

fn cli(port: u16, args: &[&str]) -> Option<String> {
    let out = Command::new("redis-cli")
        .args(["-h", "127.0.0.1", "-p", &port.to_string()])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn wait_for(what: &str, limit: Duration, mut ok: impl FnMut() -> bool) {
    let until = Instant::now() + limit;
    while !ok() {
        assert!(
            Instant::now() < until,
            "redis cluster: {what} within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

impl RedisCluster {
    /// True when `redis-server` and `redis-cli` are installed.
    pub fn available() -> bool {
        ["redis-server", "redis-cli"].iter().all(|b| {
            Command::new(b)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
    }

    /// Starts three masters and forms the cluster (blocking; a few seconds).
    pub fn start() -> RedisCluster {
        let dir = std::env::temp_dir().join(format!(
            "baton-cluster-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let mut ports = Vec::new();
        for _ in 0..3 {
            let p = free_port(&ports);
            ports.push(p);
        }
        let mut cluster = RedisCluster {
            ports: ports.clone(),
            children: Vec::new(),
            dir: dir.clone(),
        };
        for port in &ports {
            let child = Command::new("redis-server")
                .args(["--port", &port.to_string()])
                .args(["--bind", "127.0.0.1"])
                .args(["--cluster-enabled", "yes"])
                .args(["--cluster-config-file", &format!("nodes-{port}.conf")])
                .args(["--cluster-node-timeout", "5000"])
                .args(["--dir", dir.to_str().unwrap()])
                .args(["--save", ""])
                .args(["--appendonly", "no"])
                .args(["--daemonize", "no"])
                .args(["--logfile", &format!("{port}.log")])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("redis-server");
            cluster.children.push(child);
        }
        for port in &ports {
            wait_for("the node answers PING", Duration::from_secs(10), || {
                cli(*port, &["ping"]).is_some_and(|o| o.trim() == "PONG")
            });
        }
        let nodes: Vec<String> = ports.iter().map(|p| format!("127.0.0.1:{p}")).collect();
        let created = Command::new("redis-cli")
            .arg("--cluster")
            .arg("create")
            .args(&nodes)
            .args(["--cluster-replicas", "0", "--cluster-yes"])
            .stdin(Stdio::null())
            .output()
            .expect("redis-cli --cluster create");
        assert!(
            created.status.success(),
            "redis-cli --cluster create: {}",
            String::from_utf8_lossy(&created.stdout)
        );
        for port in &ports {
            wait_for("cluster_state:ok", Duration::from_secs(20), || {
                cli(*port, &["cluster", "info"]).is_some_and(|o| o.contains("cluster_state:ok"))
            });
        }
        cluster
    }

    /// The `REDIS_URL` of the cluster.
    pub fn url(&self) -> String {
        let nodes: Vec<String> = self
            .ports
            .iter()
            .map(|p| format!("127.0.0.1:{p}"))
            .collect();
        format!("{}{}", baton_shared::redis::CLUSTER_SCHEME, nodes.join(","))
    }

    /// The keys stored on each master (`DBSIZE`), in port order.
    pub fn sizes(&self) -> Vec<u64> {
        self.ports
            .iter()
            .map(|p| {
                cli(*p, &["dbsize"])
                    .and_then(|o| o.trim().parse().ok())
                    .unwrap_or(0)
            })
            .collect()
    }
}

impl Drop for RedisCluster {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
