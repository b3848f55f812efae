//! The `healthcheck` subcommand both binaries carry (ARCHITECTURE §8).
//!
//! Container images without a shell (distroless) cannot run `curl` in a `HEALTHCHECK`, so
//! each binary can probe its own running process: `ingress healthcheck` / `worker
//! healthcheck` send `GET /healthz` to the address the process listens on (`INGRESS_ADDR` /
//! `WORKER_ADMIN_ADDR`) and exit 0 only on a `200`. A wildcard listen address (`0.0.0.0`,
//! `::`) is probed on the loopback address of the same family.
//!
//! Fails (non-zero exit, one line on stderr) when nothing listens, the connection or the
//! answer takes longer than [`TIMEOUT`], or the status is not 200. It speaks just enough
//! HTTP/1.1 to read a status line, so it needs no HTTP client and starts in milliseconds.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The whole probe (connect, request, status line) must finish within this.
pub const TIMEOUT: Duration = Duration::from_secs(3);

/// The address to probe for a listen address: wildcards become loopback.
pub fn probe_addr(listen: SocketAddr) -> SocketAddr {
    let ip = match listen.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, listen.port())
}

/// `GET /healthz` on the process listening at `listen`; `Ok` only for a 200 answer.
pub async fn check(listen: SocketAddr) -> anyhow::Result<()> {
    let addr = probe_addr(listen);
    let status = tokio::time::timeout(TIMEOUT, status_of(addr))
        .await
        .map_err(|_| anyhow::anyhow!("GET http://{addr}/healthz: no answer within {TIMEOUT:?}"))?
        .map_err(|e| anyhow::anyhow!("GET http://{addr}/healthz: {e}"))?;
    if status != 200 {
        anyhow::bail!("GET http://{addr}/healthz answered {status}");
    }
    Ok(())
}

/// Sends the request and parses the status code of the answer's first line.
async fn status_of(addr: SocketAddr) -> std::io::Result<u16> {
    let mut stream = TcpStream::connect(addr).await?;
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut head = Vec::with_capacity(64);
    let mut buf = [0u8; 64];
    while !head.contains(&b'\n') && head.len() < 1024 {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    parse_status(&head)
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "not an HTTP answer"))
}

/// `HTTP/1.1 200 OK` → 200.
fn parse_status(head: &[u8]) -> Option<u16> {
    let line = head.split(|b| *b == b'\n').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.split_whitespace();
    parts.next().filter(|v| v.starts_with("HTTP/"))?;
    parts.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_are_probed_on_loopback() {
        let a = probe_addr("0.0.0.0:8080".parse().unwrap());
        assert_eq!(a, "127.0.0.1:8080".parse().unwrap());
        let a = probe_addr("[::]:9091".parse().unwrap());
        assert_eq!(a, "[::1]:9091".parse().unwrap());
        let a = probe_addr("10.1.2.3:9091".parse().unwrap());
        assert_eq!(a, "10.1.2.3:9091".parse().unwrap());
    }

    #[test]
    fn status_lines_parse() {
        assert_eq!(parse_status(b"HTTP/1.1 200 OK\r\n"), Some(200));
        assert_eq!(
            parse_status(b"HTTP/1.1 503 Service Unavailable\r\nx: y"),
            Some(503)
        );
        assert_eq!(parse_status(b"SSH-2.0-OpenSSH\r\n"), None);
        assert_eq!(parse_status(b""), None);
    }

    #[tokio::test]
    async fn nothing_listening_fails() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        drop(l);
        assert!(check(addr).await.is_err());
    }
}
