//! Lanes: strict order per conversation, concurrency across conversations.
//!
//! Each partition consumer dispatches its deliveries into lanes keyed by conversation. A lane
//! exists while it has work: the first delivery of a conversation starts a task that processes
//! it, then whatever queued up behind it, one at a time, and ends when the queue is empty.
//! Different conversations' lanes run concurrently, bounded by the worker-wide semaphore
//! (`WORKER_CONCURRENCY`), so one slow conversation never blocks the others in its partition.
//! Acks are per message, in whatever order lanes finish.
//!
//! An event returned to the broker unsettled (a panic, a refused publish) takes the events
//! waiting behind it in its lane back with it, after it, so the broker hands them out again
//! in conversation order (a quorum queue serves returned messages first, in the order they
//! were returned) and a crash later cannot reorder them. The lane then waits for the
//! returned event to come back ([`REQUEUE_WAIT`] at most) and runs it first: an event of the
//! conversation that arrives meanwhile — one already on the wire when the event went back —
//! is held behind it instead of starting a fresh lane and overtaking it. The wait ends
//! early when the partition is fenced or handed over, and when an event returned *after*
//! the awaited one comes back first (the broker keeps return order, so the awaited one is
//! not coming: dead-lettered as poison by the delivery limit); past the bound the lane runs
//! what it holds, in arrival order. The lane holds no concurrency permit while it waits.
//!
//! All lane tasks of a partition run on its [`TaskTracker`], so a hand-over or shutdown can
//! wait for exactly the work in flight.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio_util::task::TaskTracker;

use crate::stream::Runtime;
use crate::stream::delivery::{self, Job, Outcome};
use crate::stream::fence::PartitionCx;
use crate::stream::process;

/// How long a lane waits for an event it returned to the broker to come back before it
/// runs what queued behind it. The broker hands a returned event out again at once (a
/// quorum queue serves returned messages first), so this bounds only the cases where it
/// never comes back to this consumer.
pub const REQUEUE_WAIT: Duration = Duration::from_secs(5);

/// The jobs of one conversation's lane: those queued behind the running one, and the event
/// it waits for when it returned one to the broker.
struct Lane<J> {
    queue: VecDeque<J>,
    awaiting: Option<Awaiting>,
}

/// A lane's wait for an event it returned to the broker.
struct Awaiting {
    id: String,
    /// The events returned after it (the lane's queue at the time).
    returned_after: HashSet<String>,
    /// Woken by the dispatch that ends the wait.
    notify: Arc<Notify>,
}

/// What a lane does after returning an event to the broker: return `reject` too, in order,
/// then wait on `wait` if any.
struct AfterReturn<J> {
    reject: Vec<J>,
    wait: Option<Arc<Notify>>,
}

/// Something a lane runs: it may carry an event id (an undecodable delivery does not).
trait LaneJob {
    fn event_id(&self) -> Option<&str>;
}

impl LaneJob for Job {
    fn event_id(&self) -> Option<&str> {
        self.event.as_ref().ok().map(|e| e.id.as_str())
    }
}

/// The order of every lane of a partition, apart from the tasks that run them: plain data
/// behind one lock, so the ordering rules are tested without a broker.
struct Table<J> {
    lanes: HashMap<String, Lane<J>>,
    /// A hand-over took the queued jobs: no lane starts a wait any more.
    closing: bool,
}

impl<J: LaneJob> Table<J> {
    fn new() -> Self {
        Table {
            lanes: HashMap::new(),
            closing: false,
        }
    }

    /// Queues `job` behind its lane; `Some(job)` when there is no lane yet (the caller
    /// starts one for it). The event a lane waits for goes to the front and ends the wait; so
    /// does (at the back) an event returned after it, which shows it is not coming.
    fn dispatch(&mut self, key: &str, job: J) -> Option<J> {
        let Some(lane) = self.lanes.get_mut(key) else {
            self.lanes.insert(
                key.to_owned(),
                Lane {
                    queue: VecDeque::new(),
                    awaiting: None,
                },
            );
            return Some(job);
        };
        let (awaited, overtook) = match (&lane.awaiting, job.event_id()) {
            (Some(a), Some(id)) => (a.id == id, a.returned_after.contains(id)),
            _ => (false, false),
        };
        if awaited {
            lane.queue.push_front(job);
        } else {
            lane.queue.push_back(job);
        }
        if (awaited || overtook)
            && let Some(a) = lane.awaiting.take()
        {
            a.notify.notify_one();
        }
        None
    }

    /// The running job of `key`'s lane, event `id`, went back to the broker unsettled: the
    /// jobs queued behind it go back too (all but a copy of the event itself, already back:
    /// it moves to the front), and the lane waits for the event unless it is back or the
    /// partition is being handed over.
    fn returned(&mut self, key: &str, id: &str) -> AfterReturn<J> {
        let lane = self
            .lanes
            .get_mut(key)
            .expect("a running lane has an entry");
        let mut back = None;
        let mut reject = Vec::new();
        for job in lane.queue.drain(..) {
            if back.is_none() && job.event_id() == Some(id) {
                back = Some(job);
            } else {
                reject.push(job);
            }
        }
        let wait = if let Some(job) = back {
            lane.queue.push_front(job);
            None
        } else if self.closing {
            None
        } else {
            let notify = Arc::new(Notify::new());
            lane.awaiting = Some(Awaiting {
                id: id.to_owned(),
                returned_after: reject
                    .iter()
                    .filter_map(|j| j.event_id().map(str::to_owned))
                    .collect(),
                notify: notify.clone(),
            });
            Some(notify)
        };
        AfterReturn { reject, wait }
    }

    /// The wait is over (the event came, the bound passed, or the partition stops).
    fn stop_awaiting(&mut self, key: &str) {
        if let Some(lane) = self.lanes.get_mut(key) {
            lane.awaiting = None;
        }
    }

    /// The next job of `key`'s lane; `None` ends the lane (its entry is removed).
    fn next(&mut self, key: &str) -> Option<J> {
        let next = self.lanes.get_mut(key).and_then(|l| l.queue.pop_front());
        if next.is_none() {
            self.lanes.remove(key);
        }
        next
    }

    /// Takes every queued job (in no particular order), wakes the lanes that wait, and keeps
    /// lanes from waiting from now on (a hand-over).
    fn take_all(&mut self) -> Vec<J> {
        self.closing = true;
        let mut jobs = Vec::new();
        for lane in self.lanes.values_mut() {
            jobs.extend(lane.queue.drain(..));
            if let Some(a) = lane.awaiting.take() {
                a.notify.notify_one();
            }
        }
        jobs
    }
}

/// The lanes of one partition.
pub struct Lanes {
    waiting: Mutex<Table<Job>>,
    pub tracker: TaskTracker,
}

impl Default for Lanes {
    fn default() -> Self {
        Lanes {
            waiting: Mutex::new(Table::new()),
            tracker: TaskTracker::new(),
        }
    }
}

impl Lanes {
    /// Queues `job` behind its conversation's lane, starting the lane if idle.
    pub fn dispatch(self: &Arc<Self>, w: &Arc<Runtime>, part: &Arc<PartitionCx>, job: Job) {
        let key = job.lane_key();
        let Some(job) = self.waiting.lock().expect("lanes lock").dispatch(&key, job) else {
            return;
        };
        metrics::gauge!("baton_worker_lanes").increment(1.0);
        let (lanes, w, part) = (self.clone(), w.clone(), part.clone());
        self.tracker
            .spawn(async move { lanes.run_lane(w, part, key, job).await });
    }

    async fn run_lane(
        self: Arc<Self>,
        w: Arc<Runtime>,
        part: Arc<PartitionCx>,
        key: String,
        first: Job,
    ) {
        let mut job = first;
        loop {
            let debounce = w.config.worker.coalesce_debounce;
            if job.joins_burst && !job.burst_checked && !debounce.is_zero() {
                tokio::time::sleep(debounce).await;
            }
            let id = job.event_id().map(str::to_owned);
            let outcome = {
                let Ok(_permit) = w.permits.acquire().await else {
                    break;
                };
                // The turn starts now: what waits behind it joins its burst.
                if job.joins_burst && !job.burst_checked {
                    self.mark_burst(&key, &mut job);
                }
                process::handle(&w, &part, job).await
            };
            if outcome == Outcome::Requeued
                && let Some(id) = id
            {
                // Back to the broker unsettled: nothing behind it runs before it returns.
                self.await_return(&part, &key, &id).await;
            }
            let next = self.waiting.lock().expect("lanes lock").next(&key);
            match next {
                Some(j) => job = j,
                None => break,
            }
        }
        metrics::gauge!("baton_worker_lanes").decrement(1.0);
    }

    /// Returns what queued behind the event `id` (just returned to the broker) after it, and
    /// waits (bounded) until the event is dispatched again; holds no permit meanwhile.
    async fn await_return(&self, part: &PartitionCx, key: &str, id: &str) {
        let AfterReturn { reject, wait } =
            self.waiting.lock().expect("lanes lock").returned(key, id);
        for job in reject {
            delivery::requeue(&job.delivery).await;
        }
        let Some(notify) = wait else {
            return;
        };
        let came = tokio::select! {
            _ = notify.notified() => true,
            _ = tokio::time::sleep(REQUEUE_WAIT) => false,
            _ = part.fence.cancelled() => false,
        };
        self.waiting.lock().expect("lanes lock").stop_awaiting(key);
        if !came && !part.fence.is_cancelled() {
            tracing::warn!(
                event = id,
                "a returned event did not come back in time; running what arrived behind it"
            );
        }
    }

    /// Burst coalescing (always on): the messages needing an answer that wait right behind
    /// `job` in its lane when its turn starts form one burst with it; all but the last are
    /// recorded without an answer, the last is answered with the whole burst in its
    /// transcript. `BATON_COALESCE_DEBOUNCE` adds a wait for more before the turn starts.
    fn mark_burst(&self, key: &str, job: &mut Job) {
        job.burst_checked = true;
        let mut waiting = self.waiting.lock().expect("lanes lock");
        let Some(queue) = waiting.lanes.get_mut(key).map(|l| &mut l.queue) else {
            return;
        };
        // The run of burst-capable messages right behind `job`; a redelivered duplicate of
        // one of them is not a member (it will be a duplicate), so the answer goes to the last
        // distinct message.
        let run = queue.iter().take_while(|j| j.joins_burst).count();
        let mut ids = vec![event_id(job)];
        let mut members = Vec::new();
        for (i, j) in queue.iter().take(run).enumerate() {
            let id = event_id(j);
            if !ids.contains(&id) {
                ids.push(id);
                members.push(i);
            }
        }
        let Some(&last) = members.last() else {
            return;
        };
        job.reply = false;
        for &i in &members {
            let j = &mut queue[i];
            j.burst_checked = true;
            j.reply = i == last;
        }
        let followers = members.len();
        metrics::counter!("baton_worker_coalesced_messages_total").increment(followers as u64);
    }

    /// Takes every job that is queued but not started, oldest delivery first (a hand-over
    /// returns them to the broker instead of running them); lanes waiting for a returned
    /// event stop waiting.
    pub fn take_waiting(&self) -> Vec<Job> {
        let mut jobs = self.waiting.lock().expect("lanes lock").take_all();
        jobs.sort_by_key(|j| j.delivery.delivery_tag);
        jobs
    }

    /// Number of conversations with work in this partition.
    pub fn active(&self) -> usize {
        self.waiting.lock().expect("lanes lock").lanes.len()
    }
}

fn event_id(job: &Job) -> Option<String> {
    job.event_id().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A job is its event id here.
    impl LaneJob for &'static str {
        fn event_id(&self) -> Option<&str> {
            Some(self)
        }
    }

    /// Whether `notify` wakes a waiter within `ms` milliseconds.
    fn woken(notify: &Notify, ms: u64) -> bool {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(async {
                tokio::time::timeout(Duration::from_millis(ms), notify.notified())
                    .await
                    .is_ok()
            })
    }

    /// Runs a lane to its end, collecting what it would run next.
    fn drain(t: &mut Table<&'static str>, key: &str) -> Vec<&'static str> {
        std::iter::from_fn(|| t.next(key)).collect()
    }

    /// A return that waits: (what goes back with it, the wait).
    fn returned_waiting(
        t: &mut Table<&'static str>,
        key: &str,
        id: &str,
    ) -> (Vec<&'static str>, Arc<Notify>) {
        let AfterReturn { reject, wait } = t.returned(key, id);
        (reject, wait.expect("the lane waits"))
    }

    #[test]
    fn a_lane_runs_its_conversation_in_arrival_order() {
        let mut t = Table::new();
        assert_eq!(t.dispatch("c", "m1"), Some("m1"), "no lane yet: start one");
        assert_eq!(t.dispatch("c", "m2"), None);
        assert_eq!(t.dispatch("d", "n1"), Some("n1"), "another conversation");
        assert_eq!(drain(&mut t, "c"), ["m2"]);
        assert_eq!(
            t.dispatch("c", "m3"),
            Some("m3"),
            "the ended lane starts again"
        );
    }

    /// What waited behind a returned event goes back with it, after it, so the broker's
    /// order stays the conversation's (a crash later returns them in that order too).
    #[test]
    fn what_waited_behind_a_returned_event_goes_back_after_it() {
        let mut t = Table::new();
        t.dispatch("c", "m1");
        t.dispatch("c", "m2");
        t.dispatch("c", "m3");
        let (reject, _wait) = returned_waiting(&mut t, "c", "m1");
        assert_eq!(reject, ["m2", "m3"]);
        assert_eq!(t.dispatch("c", "m1"), None);
        t.stop_awaiting("c");
        assert_eq!(drain(&mut t, "c"), ["m1"]);
    }

    /// The window a refused tier publish used to open: m4 arrives after m1 went back to the
    /// broker and before the broker handed m1 out again. It must wait, and m1 runs first.
    #[test]
    fn an_event_arriving_while_a_returned_one_is_away_waits_for_it() {
        let mut t = Table::new();
        t.dispatch("c", "m1");
        let (reject, notify) = returned_waiting(&mut t, "c", "m1");
        assert!(reject.is_empty());
        assert_eq!(t.dispatch("c", "m4"), None, "held, not a new lane");
        assert!(!woken(&notify, 20), "an arrival does not end the wait");
        assert_eq!(
            t.dispatch("c", "m1"),
            None,
            "the returned event joins the lane"
        );
        assert!(woken(&notify, 100), "its return wakes the lane");
        t.stop_awaiting("c");
        assert_eq!(drain(&mut t, "c"), ["m1", "m4"]);
    }

    /// The broker may hand the event out again before the lane has noted the return.
    #[test]
    fn a_returned_event_already_back_goes_first_and_nothing_waits() {
        let mut t = Table::new();
        t.dispatch("c", "m1");
        t.dispatch("c", "m2");
        t.dispatch("c", "m1");
        let AfterReturn { reject, wait } = t.returned("c", "m1");
        assert_eq!(
            reject,
            ["m2"],
            "m2 goes back, behind the m1 already handed out"
        );
        assert!(wait.is_none());
        assert_eq!(drain(&mut t, "c"), ["m1"]);
    }

    /// An event returned after the awaited one comes back first: the broker keeps return
    /// order, so the awaited one is not coming (dead-lettered); the lane stops waiting.
    #[test]
    fn an_event_returned_after_it_coming_back_first_ends_the_wait() {
        let mut t = Table::new();
        t.dispatch("c", "m1");
        t.dispatch("c", "m2");
        let (_, notify) = returned_waiting(&mut t, "c", "m1");
        t.dispatch("c", "m2");
        assert!(woken(&notify, 100), "m1 is not coming");
        t.stop_awaiting("c");
        assert_eq!(drain(&mut t, "c"), ["m2"]);
    }

    /// Past the bound the lane runs what it holds; a late return is then an ordinary
    /// arrival, and wakes nobody.
    #[test]
    fn after_the_wait_the_lane_runs_what_it_holds() {
        let mut t = Table::new();
        t.dispatch("c", "m1");
        let (_, notify) = returned_waiting(&mut t, "c", "m1");
        t.dispatch("c", "m4");
        t.stop_awaiting("c");
        t.dispatch("c", "m1");
        assert_eq!(drain(&mut t, "c"), ["m4", "m1"]);
        assert!(!woken(&notify, 50), "a return after the wait wakes nothing");
    }

    /// A hand-over takes what is queued, ends the waits, and no lane starts a wait after it
    /// (nothing would be dispatched to end it).
    #[test]
    fn a_hand_over_takes_every_queued_job_and_ends_the_waits() {
        let mut t = Table::new();
        t.dispatch("c", "m1");
        let (_, notify) = returned_waiting(&mut t, "c", "m1");
        t.dispatch("c", "m4");
        t.dispatch("d", "n1");
        t.dispatch("d", "n2");
        let mut taken = t.take_all();
        taken.sort();
        assert_eq!(taken, ["m4", "n2"]);
        assert!(woken(&notify, 100), "the waiting lane is woken");
        assert_eq!(t.next("c"), None);
        let AfterReturn { wait, .. } = t.returned("d", "n1");
        assert!(wait.is_none(), "no wait after a hand-over began");
        assert_eq!(t.next("d"), None);
    }
}
