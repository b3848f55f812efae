//! A TCP proxy the tests put between Baton and RabbitMQ or Redis, to take a dependency "down"
//! (cut every connection and refuse new ones) and bring it back, without disturbing the real
//! servers that other tests share. It can also hold what the server sends for a while
//! ([`Proxy::delay_downstream`]), to widen a race between the server's messages and the
//! client's into one a test can hit on purpose.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::AbortHandle;
use tokio::time::Instant;

pub struct Proxy {
    pub addr: SocketAddr,
    up: Arc<AtomicBool>,
    /// Milliseconds every byte from the server waits before it is passed on.
    delay_ms: Arc<AtomicU64>,
    conns: Arc<Mutex<Vec<AbortHandle>>>,
    accept: AbortHandle,
}

impl Proxy {
    /// Starts forwarding a local port to `target`.
    pub async fn start(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let addr = listener.local_addr().unwrap();
        let up = Arc::new(AtomicBool::new(true));
        let delay_ms = Arc::new(AtomicU64::new(0));
        let conns: Arc<Mutex<Vec<AbortHandle>>> = Arc::default();
        let (u, c, d) = (up.clone(), conns.clone(), delay_ms.clone());
        let accept = tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                if !u.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let d = d.clone();
                let task = tokio::spawn(async move {
                    if let Ok(outbound) = TcpStream::connect(target).await {
                        forward(inbound, outbound, d).await;
                    }
                });
                c.lock().unwrap().push(task.abort_handle());
            }
        })
        .abort_handle();
        Proxy {
            addr,
            up,
            delay_ms,
            conns,
            accept,
        }
    }

    /// Cuts every open connection and refuses new ones.
    pub fn down(&self) {
        self.up.store(false, Ordering::SeqCst);
        for c in self.conns.lock().unwrap().drain(..) {
            c.abort();
        }
    }

    /// Accepts connections again.
    pub fn up(&self) {
        self.up.store(true, Ordering::SeqCst);
    }

    /// From now on, what the server sends reaches the client `delay` after the proxy read
    /// it (in order; the client's bytes are not delayed). Zero turns it off.
    pub fn delay_downstream(&self, delay: Duration) {
        self.delay_ms
            .store(delay.as_millis() as u64, Ordering::SeqCst);
    }
}

/// Copies both ways until either side closes; server bytes wait the current delay.
async fn forward(inbound: TcpStream, outbound: TcpStream, delay_ms: Arc<AtomicU64>) {
    let (mut client_r, mut client_w) = inbound.into_split();
    let (mut server_r, mut server_w) = outbound.into_split();
    let (tx, mut rx) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let up = async {
        let _ = tokio::io::copy(&mut client_r, &mut server_w).await;
    };
    let read_down = async move {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n) = server_r.read(&mut buf).await {
            if n == 0 {
                break;
            }
            let due = Instant::now() + Duration::from_millis(delay_ms.load(Ordering::SeqCst));
            if tx.send((due, buf[..n].to_vec())).is_err() {
                break;
            }
        }
    };
    let write_down = async {
        while let Some((due, bytes)) = rx.recv().await {
            tokio::time::sleep_until(due).await;
            if client_w.write_all(&bytes).await.is_err() {
                break;
            }
        }
    };
    // The reader ends first when the server closes; the writer then flushes what it holds.
    tokio::select! {
        _ = up => {}
        _ = async { tokio::join!(read_down, write_down) } => {}
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.down();
        self.accept.abort();
    }
}
