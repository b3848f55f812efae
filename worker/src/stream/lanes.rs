//! Lanes: strict order per conversation, concurrency across conversations.
//!
//! Each partition consumer dispatches its deliveries into lanes keyed by conversation. A lane
//! exists while it has work: the first delivery of a conversation starts a task that processes
//! it, then whatever queued up behind it, one at a time, and ends when the queue is empty.
//! Different conversations' lanes run concurrently, bounded by the worker-wide semaphore
//! (`WORKER_CONCURRENCY`), so one slow conversation never blocks the others in its partition.
//! Acks are per message, in whatever order lanes finish.
//!
//! An event returned to the broker unsettled (a panic, a refused publish) takes the lane's
//! waiting events back with it, after it, so its redelivery is not overtaken. The broker may
//! hand that redelivery back before the lane has returned the rest; it then waits in the lane
//! behind them, so the lane returns it first (a second reject, counted against the delivery
//! limit like the first) and the broker hands everything out again in the old order. A hand-over
//! ([`Lanes::hand_over`]) does the same for every lane once its running event settles: the
//! quorum queue hands returned messages out again in the order they were returned, so what
//! waits in a lane goes back only after the event running ahead of it has settled (returned
//! too, or acked).
//!
//! All lane tasks of a partition run on its [`TaskTracker`], so a hand-over or shutdown can
//! wait for exactly the work in flight.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio_util::task::TaskTracker;

use crate::stream::Runtime;
use crate::stream::delivery::{self, Job, Outcome};
use crate::stream::fence::PartitionCx;
use crate::stream::process;

/// The lanes of one partition.
pub struct Lanes {
    waiting: Mutex<HashMap<String, VecDeque<Job>>>,
    /// Set by [`Lanes::hand_over`]: lanes return their waiting events instead of running them.
    handing_over: AtomicBool,
    pub tracker: TaskTracker,
}

impl Default for Lanes {
    fn default() -> Self {
        Lanes {
            waiting: Mutex::new(HashMap::new()),
            handing_over: AtomicBool::new(false),
            tracker: TaskTracker::new(),
        }
    }
}

impl Lanes {
    /// Queues `job` behind its conversation's lane, starting the lane if idle.
    pub fn dispatch(self: &Arc<Self>, w: &Arc<Runtime>, part: &Arc<PartitionCx>, job: Job) {
        let key = job.lane_key();
        {
            let mut waiting = self.waiting.lock().expect("lanes lock");
            if let Some(queue) = waiting.get_mut(&key) {
                queue.push_back(job);
                return;
            }
            waiting.insert(key.clone(), VecDeque::new());
        }
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
        'lane: loop {
            let settled = event_id(&job);
            let debounce = w.config.worker.coalesce_debounce;
            if job.joins_burst && !job.burst_checked && !debounce.is_zero() {
                tokio::time::sleep(debounce).await;
            }
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
            // The event went back to the broker unsettled: what waits behind it goes back
            // too, after it, so nothing overtakes it.
            let mut give_back = outcome == Outcome::Requeued;
            let fenced = outcome == Outcome::Fenced || part.fence.is_cancelled();
            loop {
                match self.next(&key, give_back, fenced, settled.as_deref()) {
                    Next::Run(j) => {
                        job = *j;
                        continue 'lane;
                    }
                    Next::Return(jobs) => {
                        for j in &jobs {
                            delivery::requeue(&j.delivery).await;
                        }
                        give_back = false;
                    }
                    Next::End => break 'lane,
                }
            }
        }
        metrics::gauge!("baton_worker_lanes").decrement(1.0);
    }

    /// What a lane does after an event settled, decided under the lock that [`Lanes::dispatch`]
    /// and [`Lanes::hand_over`] take: return its waiting events (`give_back`, or a hand-over
    /// is under way — then until none is left, so the deliveries that crossed the cancel go
    /// back behind them), run the next one, or end (removing the lane, so a later delivery
    /// starts a new one). When the partition is fenced nothing is returned here: the broker
    /// returns every unsettled delivery, the running one first, when the channel closes, and
    /// the lane runs what waits (each attempt stops at once, fenced).
    ///
    /// `settled` is the id of the event that just settled: when it was returned, the broker may
    /// already have redelivered it into this queue behind the events that waited for it; it is
    /// returned first, so they do not overtake it.
    fn next(&self, key: &str, give_back: bool, fenced: bool, settled: Option<&str>) -> Next {
        let mut waiting = self.waiting.lock().expect("lanes lock");
        let handing_over = self.handing_over.load(Ordering::SeqCst) && !fenced;
        let Some(queue) = waiting.get_mut(key) else {
            return Next::End;
        };
        if (give_back || handing_over) && !queue.is_empty() {
            // The redeliveries of the settled event first, the rest in their order.
            let (mut jobs, rest): (Vec<Job>, Vec<Job>) = queue
                .drain(..)
                .partition(|j| settled.is_some() && event_id(j).as_deref() == settled);
            jobs.extend(rest);
            return Next::Return(jobs);
        }
        if !handing_over && let Some(job) = queue.pop_front() {
            return Next::Run(Box::new(job));
        }
        waiting.remove(key);
        Next::End
    }

    /// Burst coalescing (always on): the messages needing an answer that wait right behind
    /// `job` in its lane when its turn starts form one burst with it; all but the last are
    /// recorded without an answer, the last is answered with the whole burst in its
    /// transcript. `BATON_COALESCE_DEBOUNCE` adds a wait for more before the turn starts.
    fn mark_burst(&self, key: &str, job: &mut Job) {
        job.burst_checked = true;
        let mut waiting = self.waiting.lock().expect("lanes lock");
        let Some(queue) = waiting.get_mut(key) else {
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

    /// Starts a hand-over: from now on each lane, once the event it runs has settled, returns
    /// what waits behind it to the broker instead of running it. `wire` (deliveries that
    /// crossed the consumer's cancel, all later than any lane's) join their conversation's
    /// lane if it has one, to go back after it; the others are given back, oldest delivery
    /// first, for the caller to return now.
    pub fn hand_over(&self, wire: Vec<Job>) -> Vec<Job> {
        let mut waiting = self.waiting.lock().expect("lanes lock");
        self.handing_over.store(true, Ordering::SeqCst);
        let mut now = Vec::new();
        for job in wire {
            match waiting.get_mut(&job.lane_key()) {
                Some(queue) => queue.push_back(job),
                None => now.push(job),
            }
        }
        now.sort_by_key(|j| j.delivery.delivery_tag);
        now
    }

    /// Number of conversations with work in this partition.
    pub fn active(&self) -> usize {
        self.waiting.lock().expect("lanes lock").len()
    }
}

/// A lane's next step ([`Lanes::next`]).
enum Next {
    Run(Box<Job>),
    Return(Vec<Job>),
    End,
}

fn event_id(job: &Job) -> Option<String> {
    job.event.as_ref().ok().map(|e| e.id.clone())
}

#[cfg(test)]
mod tests {
    use lapin::message::Delivery;

    use super::*;

    fn job(id: &str, tag: u64) -> Job {
        let item =
            format!(r#"{{"from":"15550001","id":"{id}","type":"text","text":{{"body":"hi"}}}}"#);
        let wrapped = format!(
            r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"metadata":{{"phone_number_id":"1"}},"messages":[{item}]}}}}]}}]}}"#
        );
        let mut event = baton_shared::webhook::split(wrapped.as_bytes(), 0)
            .expect("a message")
            .remove(0);
        event.id = id.into();
        Job {
            delivery: Delivery::mock(tag, "".into(), "".into(), false, Vec::new()),
            event: Ok(event),
            reply: true,
            joins_burst: false,
            burst_checked: false,
            received: std::time::Instant::now(),
        }
    }

    fn lanes_with(queue: Vec<Job>) -> (Lanes, String) {
        let key = queue[0].lane_key();
        let lanes = Lanes::default();
        lanes
            .waiting
            .lock()
            .unwrap()
            .insert(key.clone(), queue.into());
        (lanes, key)
    }

    fn returned(next: Next) -> Vec<(String, u64)> {
        match next {
            Next::Return(jobs) => jobs
                .iter()
                .map(|j| (event_id(j).unwrap(), j.delivery.delivery_tag))
                .collect(),
            Next::Run(_) => panic!("ran instead of returning"),
            Next::End => panic!("ended instead of returning"),
        }
    }

    #[test]
    fn a_returned_event_redelivered_behind_its_waiters_goes_back_first() {
        // The head was rejected; the broker handed it back (tag 4) while TF2 and TF3 still
        // waited for it. Everything goes back with the head first, the rest in order.
        let (lanes, key) = lanes_with(vec![job("tf2", 2), job("tf3", 3), job("head", 4)]);
        let got = returned(lanes.next(&key, true, false, Some("head")));
        assert_eq!(
            got,
            [("head".into(), 4), ("tf2".into(), 2), ("tf3".into(), 3)]
        );
        assert!(matches!(
            lanes.next(&key, false, false, Some("head")),
            Next::End
        ));
        assert_eq!(lanes.active(), 0);
    }

    #[test]
    fn waiters_go_back_in_their_order_when_the_head_is_not_among_them() {
        let (lanes, key) = lanes_with(vec![job("tf2", 2), job("tf3", 3)]);
        let got = returned(lanes.next(&key, true, false, Some("head")));
        assert_eq!(got, [("tf2".into(), 2), ("tf3".into(), 3)]);
    }

    #[test]
    fn a_hand_over_returns_the_settled_events_redelivery_first_too() {
        let (lanes, key) = lanes_with(vec![job("tf2", 2), job("head", 5)]);
        assert!(lanes.hand_over(Vec::new()).is_empty());
        let got = returned(lanes.next(&key, false, false, Some("head")));
        assert_eq!(got, [("head".into(), 5), ("tf2".into(), 2)]);
    }

    #[test]
    fn without_a_give_back_the_lane_runs_its_next_event() {
        let (lanes, key) = lanes_with(vec![job("head", 4), job("tf2", 2)]);
        match lanes.next(&key, false, false, Some("head")) {
            Next::Run(j) => assert_eq!(event_id(&j).as_deref(), Some("head")),
            _ => panic!("expected the lane to run its next event"),
        }
    }
}
