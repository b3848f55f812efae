// queue.js: the left column — pending handoffs (longest waiting first, with reason, summary
// and a ticking waiting time), the agent's own conversations, other agents' ones, and the
// AI's most recent ones. Refreshed on live events and every 30 s.

/** What the page knows (one agent, one open conversation). */
const state = {
  me: '',
  /** The open conversation: {key, number, customer}, or null. */
  open: null,
  /** The open conversation's detail as last fetched. */
  detail: null,
  /** Sequence numbers, so a slow answer never overwrites a newer one. */
  seq: { queues: 0, detail: 0 },
};

const LISTS = [
  ['pending_human', '/api/v1/conversations?owner=pending_human&limit=200'],
  ['human', '/api/v1/conversations?owner=human&limit=200'],
  ['ai', '/api/v1/conversations?owner=ai&limit=25'],
];

async function loadQueues() {
  const seq = ++state.seq.queues;
  const answers = await Promise.all(LISTS.map(([, path]) => apiGet(path)));
  if (seq !== state.seq.queues) return;
  const failed = answers.find((a) => a.status !== 200);
  if (failed) {
    notify('error', 'Could not load the conversations: ' + (failed.body.error || failed.status));
    return;
  }
  const [pending, human, ai] = answers.map((a) => a.body.conversations || []);
  renderQueue('queue-pending', pending, true);
  renderQueue('queue-mine', human.filter((c) => c.agent === state.me), false);
  renderQueue('queue-others', human.filter((c) => c.agent !== state.me), false);
  renderQueue('queue-ai', ai, false);
  setText('count-pending', pending.length ? String(pending.length) : '');
  document.title = pending.length ? `(${pending.length}) Baton console` : 'Baton console';
}

function renderQueue(id, conversations, pending) {
  const list = byId(id);
  const items = conversations.map((c) => el('li', null, queueItem(c, pending)));
  if (items.length === 0) items.push(el('li', { class: 'none', text: list.dataset.empty }));
  list.replaceChildren(...items);
}

function queueItem(c, pending) {
  const selected = state.open && state.open.key === c.conversation;
  const last = c.last_message;
  const button = el(
    'button',
    {
      type: 'button',
      class: selected ? 'item selected' : 'item',
      'data-conversation': c.conversation,
      on: { click: () => openConversation({ key: c.conversation, number: c.number, customer: c.customer }) },
    },
    el('span', { class: 'line' },
      el('span', { class: 'name', text: c.name || 'No name' }),
      el('span', { class: 'num muted', text: masked(c.wa_id || c.customer) })),
    pending || c.reason
      ? el('span', { class: 'reason', 'data-reason': c.reason || '', text: reasonLabel(c.reason) })
      : null,
    c.summary ? el('span', { class: 'summary', text: c.summary }) : null,
    last ? el('span', { class: 'preview muted', text: preview(last) }) : null,
    el('span', { class: 'line muted' },
      ownerLine(c),
      pending && c.waiting_ms !== null ? waitingBadge(c.waiting_ms) : null),
  );
  return button;
}

function preview(turn) {
  const who = turn.speaker === 'human' ? turn.agent || 'agent' : turn.speaker;
  const text = turn.text.length > 90 ? turn.text.slice(0, 90) + '…' : turn.text;
  return `${who}: ${text}`;
}

function ownerLine(c) {
  if (c.owner === 'human') return el('span', { text: c.agent === state.me ? 'you' : `with ${c.agent}` });
  if (c.owner === 'ai') return el('span', { text: c.window.open ? 'AI' : 'AI · window closed' });
  return el('span', { text: 'waiting' });
}

function waitingBadge(waitingMs) {
  const node = el('span', { class: 'waiting', title: 'Waiting for a human' });
  ticking(node, waitingMs, 1, (ms) => `waiting ${duration(ms)}`);
  return node;
}

/** Marks the open conversation in every list. */
function markSelected() {
  for (const node of document.querySelectorAll('.queue .item')) {
    node.classList.toggle('selected', !!state.open && node.dataset.conversation === state.open.key);
  }
}
