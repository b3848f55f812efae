//! Partition ownership: which partitions this worker consumes, and moving them safely.
//!
//! Every heartbeat the manager (1) refreshes membership and computes the target assignment
//! ([`membership::assign`]), (2) renews the leases it holds (every third of their TTL, in one
//! script) — a lease that is not ours any more is *fenced* at once: its channel is closed so the broker requeues the unacked messages, and
//! in-flight results are dropped, (3) gives up partitions no longer assigned to it: cancel the
//! consumer, finish and ack in-flight work (up to `WORKER_SHUTDOWN_TIMEOUT`), close the channel,
//! and only then delete the lease, and (4) takes free leases of partitions assigned to it and
//! starts consuming them. Because the new owner starts only once the lease is free, and the
//! old owner frees it only after its in-flight work is settled, two workers never process one
//! partition's messages at the same time — the single-active-consumer flag on the queue is the
//! second lock, not the first.
//!
//! If Redis stays unreachable longer than a lease can live, every partition is fenced. If the
//! broker connection drops (or a consumer dies on a broker error, or a broker operation hangs
//! past 5 s), every consumer is fenced and the manager reconnects; leases still held are
//! resumed.
//!
//! Every fifth heartbeat it also measures, by passive declares, the ready messages of the
//! DLQ (`baton_dlq_messages`) and of the partitions it owns (`baton_worker_lag_messages`), in
//! a task of its own: one declare per partition adds up to seconds on a distant broker, which
//! must neither delay lease renewals nor pass for a dead connection. Any one of those round
//! trips unanswered for 5 s does mark the connection as dead.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use baton_shared::amqp;
use baton_shared::topology;
use futures::StreamExt;
use lapin::options::{
    BasicCancelOptions, BasicConsumeOptions, BasicQosOptions, QueueDeclareOptions,
};
use lapin::types::FieldTable;
use lapin::{Channel, Connection};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::stream::Runtime;
use crate::stream::delivery::{self, Job};
use crate::stream::fence::{PartitionCx, redis_until_fenced};
use crate::stream::lanes::Lanes;
use crate::stream::membership;
use crate::stream::parking::{self, MaybeParked};

/// Longest a broker operation of the manager may take before the connection is presumed dead
/// (a half-open TCP connection can leave requests unanswered forever).
const BROKER_OP: Duration = Duration::from_secs(5);

struct Running {
    cx: Arc<PartitionCx>,
    /// Cancelled to ask for a graceful hand-over.
    stop: CancellationToken,
    task: JoinHandle<()>,
}

/// Owns the partition consumers of one worker.
pub struct Manager {
    w: Arc<Runtime>,
    conn: Option<Connection>,
    running: HashMap<u16, Running>,
    last_renewal: Instant,
    ticks: u64,
    /// A consumer died on a broker error: the connection is rebuilt on the next tick even if
    /// it still reports itself connected.
    suspect: bool,
    /// Set by the lag measurement when the broker left one of its round trips unanswered.
    broker_silent: Arc<AtomicBool>,
    /// The lag measurement in flight, if any (one at a time).
    lag: Option<JoinHandle<()>>,
    /// Partition starts so far (see [`PartitionCx::generation`]).
    generation: u64,
    /// Per partition, the conversations that may be parked (`parking::MaybeParked`), kept
    /// across generations so a fenced generation's late parking is not forgotten.
    parked: HashMap<u16, Arc<MaybeParked>>,
}

impl Manager {
    pub fn new(w: Arc<Runtime>) -> Self {
        Manager {
            w,
            conn: None,
            running: HashMap::new(),
            last_renewal: Instant::now(),
            ticks: 0,
            suspect: false,
            broker_silent: Arc::new(AtomicBool::new(false)),
            lag: None,
            generation: 0,
            parked: HashMap::new(),
        }
    }

    /// Runs until `shutdown`, then hands every partition back.
    pub async fn run(mut self, shutdown: CancellationToken) {
        let period = self.w.config.worker.heartbeat;
        loop {
            self.tick().await;
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(period) => {}
            }
        }
        self.shutdown().await;
    }

    async fn tick(&mut self) {
        self.ticks += 1;
        if !self.ensure_connection().await {
            return;
        }
        let w = self.w.clone();
        let ttl_ms = w.config.worker.lease_ttl.as_millis() as u64;
        let members = match membership::heartbeat(&w.redis, &w.keys, &w.id, ttl_ms).await {
            Ok(m) => m,
            Err(e) => {
                warn!(error = %e, "heartbeat failed");
                self.fence_if_expired();
                return;
            }
        };
        self.reap_finished();
        let target = membership::assign(w.config.infra.partitions, &members, &w.id);
        self.renew(ttl_ms).await;
        for (p, r) in &self.running {
            if !target.contains(p) && !r.stop.is_cancelled() {
                info!(partition = p, "handing partition over");
                r.stop.cancel();
            }
        }
        for p in target {
            if !self.running.contains_key(&p) {
                self.try_start(p, ttl_ms).await;
            }
        }
        metrics::gauge!("baton_worker_partitions_owned").set(self.running.len() as f64);
        metrics::gauge!("baton_worker_members").set(members.len() as f64);
        if self.ticks.is_multiple_of(5) && self.lag.as_ref().is_none_or(JoinHandle::is_finished) {
            self.start_lag_measurement().await;
        }
    }

    async fn ensure_connection(&mut self) -> bool {
        if self.broker_silent.swap(false, Ordering::SeqCst) {
            self.suspect = true;
        }
        if !self.suspect && self.conn.as_ref().is_some_and(|c| c.status().connected()) {
            return true;
        }
        self.suspect = false;
        if let Some(lag) = self.lag.take() {
            lag.abort();
        }
        if let Some(old) = self.conn.take() {
            warn!("broker connection lost; fencing every partition");
            for (_, r) in self.running.drain() {
                r.cx.fence.cancel();
            }
            let _ = tokio::time::timeout(BROKER_OP, old.close(200, "reconnecting".into())).await;
        }
        match tokio::time::timeout(BROKER_OP, connect(&self.w))
            .await
            .unwrap_or_else(|_| {
                Err(lapin::Error::from(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "connect timed out",
                )))
            }) {
            Ok(conn) => {
                info!("connected to the broker");
                // A fresh flag: an old connection's measurement, aborted or not, cannot mark
                // this one.
                self.broker_silent = Arc::new(AtomicBool::new(false));
                self.conn = Some(conn);
                true
            }
            Err(e) => {
                warn!(error = %e, "broker unreachable; retrying");
                false
            }
        }
    }

    fn fence_if_expired(&mut self) {
        let margin = self.w.config.worker.heartbeat;
        if self.last_renewal.elapsed() + margin >= self.w.config.worker.lease_ttl {
            for (p, r) in self.running.drain() {
                warn!(partition = p, "leases may have expired; fencing");
                r.cx.fence.cancel();
            }
        }
    }

    /// Drops partitions whose consumer task ended (handed over, or its channel died).
    fn reap_finished(&mut self) {
        let mut suspect = false;
        self.running.retain(|p, r| {
            let done = r.task.is_finished();
            if done && !r.stop.is_cancelled() {
                warn!(partition = p, "partition consumer ended; it will restart");
                suspect = true;
            }
            !done
        });
        self.suspect |= suspect;
    }

    /// Renews every held lease once a third of the lease TTL has passed since the last
    /// renewal (leaving two thirds as margin against a slow Redis or a late tick).
    async fn renew(&mut self, ttl_ms: u64) {
        if self.last_renewal.elapsed() < self.w.config.worker.lease_ttl / 3 {
            return;
        }
        let w = self.w.clone();
        let held: Vec<u16> = self.running.keys().copied().collect();
        match membership::renew_all(&w.redis, &w.keys, &held, &w.id, ttl_ms).await {
            Ok(lost) => {
                self.last_renewal = Instant::now();
                for p in lost {
                    if let Some(r) = self.running.remove(&p) {
                        warn!(partition = p, "lease lost; fencing the partition");
                        r.cx.fence.cancel();
                    }
                }
            }
            Err(e) => {
                warn!(error = %e, "lease renewal failed");
                self.fence_if_expired();
            }
        }
    }

    async fn try_start(&mut self, p: u16, ttl_ms: u64) {
        let w = self.w.clone();
        match membership::acquire(&w.redis, &w.keys, p, &w.id, ttl_ms).await {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => {
                warn!(partition = p, error = %e, "lease acquisition failed");
                return;
            }
        }
        let Some(conn) = &self.conn else { return };
        let ch = match tokio::time::timeout(BROKER_OP, open_channel(conn, &w)).await {
            Ok(Ok(ch)) => ch,
            Ok(Err(e)) => {
                warn!(partition = p, error = %e, "could not open a channel");
                self.suspect = true;
                return;
            }
            Err(_) => {
                warn!(partition = p, "opening a channel timed out");
                self.suspect = true;
                return;
            }
        };
        info!(partition = p, "partition acquired");
        self.generation += 1;
        let cx = Arc::new(PartitionCx {
            p,
            generation: self.generation,
            fence: CancellationToken::new(),
            parked: self.parked.entry(p).or_default().clone(),
        });
        let stop = CancellationToken::new();
        let task = tokio::spawn(consume(w, ch, cx.clone(), stop.clone()));
        self.running.insert(p, Running { cx, stop, task });
    }

    /// Opens a channel and measures the queues' depths on it in the background
    /// ([`measure_lag`]).
    async fn start_lag_measurement(&mut self) {
        let Some(conn) = &self.conn else { return };
        let ch = match tokio::time::timeout(BROKER_OP, conn.create_channel()).await {
            Ok(Ok(ch)) => ch,
            Ok(Err(_)) => return,
            Err(_) => {
                self.suspect = true;
                return;
            }
        };
        let names = &self.w.names;
        let partitions = self
            .running
            .keys()
            .map(|p| names.partition_queue(*p))
            .collect();
        let dlq = names.dead_letter_queue();
        let silent = self.broker_silent.clone();
        self.lag = Some(tokio::spawn(measure_lag(ch, dlq, partitions, silent)));
    }

    async fn shutdown(mut self) {
        if let Some(lag) = self.lag.take() {
            lag.abort();
        }
        info!(
            partitions = self.running.len(),
            "shutting down: handing every partition back"
        );
        for r in self.running.values() {
            r.stop.cancel();
        }
        // The leases are renewed until each partition is handed back (its in-flight work may
        // take up to `WORKER_SHUTDOWN_TIMEOUT`, far longer than a lease lives): a lease left to
        // expire would let another worker start the partition while this one still runs it.
        let ttl_ms = self.w.config.worker.lease_ttl.as_millis() as u64;
        loop {
            self.reap_finished();
            if self.running.is_empty() {
                break;
            }
            self.renew(ttl_ms).await;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = membership::leave(&self.w.redis, &self.w.keys, &self.w.id).await;
        if let Some(conn) = self.conn.take() {
            let _ = conn.close(200, "shutdown".into()).await;
        }
    }
}

async fn connect(w: &Runtime) -> lapin::Result<Connection> {
    let conn = amqp::connect(&w.config.infra.amqp_url, &format!("baton-worker-{}", w.id)).await?;
    let ch = conn.create_channel().await?;
    topology::declare(&ch, &w.config.infra).await?;
    let _ = ch.close(200, "declared".into()).await;
    Ok(conn)
}

async fn open_channel(conn: &Connection, w: &Runtime) -> lapin::Result<Channel> {
    let ch = conn.create_channel().await?;
    ch.basic_qos(w.config.worker.prefetch, BasicQosOptions::default())
        .await?;
    Ok(ch)
}

/// Consumes partition `cx.p` until asked to stop (graceful) or fenced (abrupt).
async fn consume(w: Arc<Runtime>, ch: Channel, cx: Arc<PartitionCx>, stop: CancellationToken) {
    // What may be parked, before the first delivery is admitted (`parking`'s module docs).
    let Some(parked) = redis_until_fenced(&cx, || parking::members(&w, cx.p)).await else {
        let _ = ch.close(200, "fenced before consuming".into()).await;
        return;
    };
    cx.parked.extend(parked);
    let queue = w.names.partition_queue(cx.p);
    let tag = format!("{}-p{}", w.id, cx.p);
    let consumer = ch
        .basic_consume(
            queue.as_str().into(),
            tag.as_str().into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await;
    let mut consumer = match consumer {
        Ok(c) => c,
        Err(e) => {
            warn!(partition = cx.p, error = %e, "basic.consume failed");
            let _ = ch.close(200, "consume failed".into()).await;
            return;
        }
    };
    let lanes = Arc::new(Lanes::default());
    loop {
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = cx.fence.cancelled() => break,
            next = consumer.next() => match next {
                Some(Ok(delivery)) => lanes.dispatch(&w, &cx, Job::new(delivery, &w)),
                Some(Err(e)) => {
                    warn!(partition = cx.p, error = %e, "consumer failed; fencing");
                    cx.fence.cancel();
                    break;
                }
                None => break,
            },
        }
    }
    if !cx.fence.is_cancelled() {
        hand_over(&w, &ch, &cx, &tag, &mut consumer, &lanes).await;
    }
    let _ = ch.close(200, "partition released".into()).await;
    if !cx.fence.is_cancelled() || stop.is_cancelled() {
        // Only now may the next owner start: everything we took is settled or requeued.
        let _ = membership::release(&w.redis, &w.keys, cx.p, &w.id).await;
        info!(partition = cx.p, "partition released");
    }
}

/// Stops taking deliveries and settles the ones already taken, within the shutdown deadline.
async fn hand_over(
    w: &Arc<Runtime>,
    ch: &Channel,
    cx: &Arc<PartitionCx>,
    tag: &str,
    consumer: &mut lapin::Consumer,
    lanes: &Arc<Lanes>,
) {
    let _ = ch
        .basic_cancel(tag.into(), BasicCancelOptions::default())
        .await;
    // Only running work is finished here. A quorum queue hands returned messages out again
    // in the order they were returned, so each conversation's waiting deliveries go back after
    // its running one has settled (it may be returned too): the lanes return them as their
    // running events end ([`Lanes::hand_over`]; returning them at once let the next owner run
    // them before a running event that was then returned). Deliveries that crossed the cancel
    // on the wire join their conversation's lane; those of conversations with no lane go back
    // now, in delivery order.
    let mut wire: Vec<Job> = Vec::new();
    while let Ok(Some(Ok(delivery))) =
        tokio::time::timeout(Duration::from_millis(200), consumer.next()).await
    {
        wire.push(Job::new(delivery, w));
    }
    let now = lanes.hand_over(wire);
    for job in &now {
        delivery::requeue(&job.delivery).await;
    }
    info!(
        partition = cx.p,
        returned = now.len(),
        "hand-over: idle conversations' deliveries returned; lanes return theirs as their running events settle"
    );
    lanes.tracker.close();
    let deadline = w.config.worker.shutdown_timeout;
    if tokio::time::timeout(deadline, lanes.tracker.wait())
        .await
        .is_err()
    {
        warn!(
            partition = cx.p,
            active = lanes.active(),
            "in-flight work outlived the deadline; requeueing it"
        );
        cx.fence.cancel();
    }
}

/// Sets the DLQ and lag gauges from passive declares on `ch`, then closes it. Each round trip
/// may take up to [`BROKER_OP`]; one that takes longer sets `silent` (the connection is
/// presumed dead) and ends the measurement.
async fn measure_lag(ch: Channel, dlq: String, partitions: Vec<String>, silent: Arc<AtomicBool>) {
    let opts = QueueDeclareOptions {
        passive: true,
        ..QueueDeclareOptions::default()
    };
    let depth = |q: String| {
        let ch = ch.clone();
        async move {
            match tokio::time::timeout(
                BROKER_OP,
                ch.queue_declare(q.as_str().into(), opts, FieldTable::default()),
            )
            .await
            {
                Ok(Ok(queue)) => Ok(Some(queue.message_count())),
                Ok(Err(_)) => Ok(None),
                Err(_) => Err(()),
            }
        }
    };
    // The DLQ's depth, as every worker sees it (the dashboard takes the max): dead letters
    // wait for an operator, so a non-zero value is worth an alert.
    match depth(dlq).await {
        Ok(Some(n)) => metrics::gauge!("baton_dlq_messages").set(f64::from(n)),
        Ok(None) => {}
        Err(()) => return silent.store(true, Ordering::SeqCst),
    }
    let mut lag = 0u64;
    for q in partitions {
        match depth(q).await {
            Ok(n) => lag += u64::from(n.unwrap_or(0)),
            Err(()) => return silent.store(true, Ordering::SeqCst),
        }
    }
    metrics::gauge!("baton_worker_lag_messages").set(lag as f64);
    let _ = tokio::time::timeout(BROKER_OP, ch.close(200, "measured".into())).await;
}
