// live.js: live updates without reloading. One EventSource on /api/v1/events (the cookie
// authenticates it); every console event refreshes the lists, and the open conversation when
// it is about it. Every time the stream opens, the lists and the conversation are re-read (a
// fresh stream has nothing to replay). The browser reconnects by itself and sends
// Last-Event-ID, so the server replays what was missed; should the stream end for good (the
// server refused it), a new one is opened after a pause.
// Delivery statuses and AI-only traffic make no console event: a 30 s refresh shows them.

const FEED_TYPES = [
  'handoff', 'customer_message', 'draft', 'send_failed', 'delivery_failed',
  'human_claim', 'human_takeover', 'human_release', 'command_refused',
  'sends_paused', 'sends_resumed',
];

const live = { source: null, retryMs: 1000, timers: {} };

/** Runs `fn` once, `ms` after the last call for `name` (a burst of events is one refresh). */
function debounce(name, ms, fn) {
  clearTimeout(live.timers[name]);
  live.timers[name] = setTimeout(fn, ms);
}

function setLive(on, text) {
  const badge = byId('live');
  badge.classList.toggle('on', on);
  badge.classList.toggle('off', !on);
  badge.textContent = text;
}

function refreshAll() {
  debounce('queues', 100, loadQueues);
  debounce('sends', 100, loadSends);
  if (state.open) debounce('detail', 100, loadDetail);
}

function onFeed(type, message) {
  let event;
  try {
    event = JSON.parse(message.data);
  } catch (_) {
    return;
  }
  debounce('queues', 150, loadQueues);
  if (state.open && event.conversation === state.open.key) debounce('detail', 150, loadDetail);
  if (type === 'handoff' && !(state.open && event.conversation === state.open.key)) {
    notify('warn', `New handoff: ${reasonLabel(event.data && event.data.reason)}.`);
  }
  // The sends circuit breaker: every WhatsApp send waits until someone resumes them.
  if (type === 'sends_paused') {
    loadSends();
    notify('error', 'WhatsApp refused sending for the whole account: replies wait until sending is resumed.');
  }
  if (type === 'sends_resumed') {
    loadSends();
    const by = event.data && event.data.by ? ` by ${event.data.by}` : '';
    notify('ok', `Sending resumed${by}: waiting replies go out now.`);
  }
}

function startLive() {
  const source = new EventSource('/api/v1/events');
  live.source = source;
  source.addEventListener('open', () => {
    setLive(true, 'live');
    live.retryMs = 1000;
    // Re-read on every (re)connection: the first stream starts with no replay, so an event
    // written between the page's first reads and this moment would otherwise be missed.
    refreshAll();
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      setLive(false, 'offline: retrying');
      live.source = null;
      setTimeout(startLive, live.retryMs);
      live.retryMs = Math.min(live.retryMs * 2, 30000);
    } else {
      setLive(false, 'reconnecting…');
    }
  });
  for (const type of FEED_TYPES) source.addEventListener(type, (m) => onFeed(type, m));
}

function stopLive() {
  if (live.source) live.source.close();
  live.source = null;
}
