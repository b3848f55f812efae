// transcript.js: the conversation's lines — customer, AI, human (named) and events, each
// styled apart — with delivery ticks on the AI's and humans' messages: ○ accepted by
// WhatsApp, ✓ sent, ✓✓ delivered, blue ✓✓ read, ✗ failed with Meta's error.

const TICKS = {
  accepted: ['○', 'Accepted by WhatsApp, no status yet'],
  sent: ['✓', 'Sent'],
  delivered: ['✓✓', 'Delivered'],
  read: ['✓✓', 'Read'],
  played: ['✓✓', 'Played'],
  failed: ['✗', 'Failed'],
};
const RANK = { accepted: 0, sent: 1, delivered: 2, read: 3, played: 3 };

/** One status for a message of several parts: failed if any failed, else the least advanced. */
function overallStatus(parts) {
  const known = parts.map((p) => p.status).filter((s) => s in TICKS);
  if (known.length === 0) return null;
  if (known.includes('failed')) return 'failed';
  return known.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));
}

function ticks(turn, failures) {
  const status = overallStatus(turn.delivery || []);
  if (!status) return null;
  const [mark, label] = TICKS[status];
  const node = el('span', { class: `ticks ${status}`, 'data-status': status, title: label }, mark);
  if (status === 'failed') {
    const wamids = new Set(turn.delivery.map((p) => p.wamid));
    const f = failures.find((x) => x.wamid && wamids.has(x.wamid));
    node.append(' ', el('span', { class: 'error-text', text: f ? f.error : 'not delivered' }));
  }
  return node;
}

function speakerLabel(turn) {
  switch (turn.speaker) {
    case 'customer':
      return 'Customer';
    case 'ai':
      return 'AI';
    case 'human':
      return turn.agent || 'Agent';
    default:
      return turn.agent || '';
  }
}

function line(turn, failures) {
  const kind = turn.kind && turn.kind !== 'text' ? el('span', { class: 'kind', text: turn.kind }) : null;
  return el(
    'li',
    { class: `turn ${turn.speaker}`, 'data-speaker': turn.speaker, 'data-id': turn.id },
    speakerLabel(turn) ? el('span', { class: 'who', text: speakerLabel(turn) }) : null,
    kind,
    el('span', { class: 'text', text: turn.text }),
    el('span', { class: 'foot' },
      el('time', { class: 'muted', datetime: new Date(turn.at_ms).toISOString(), text: clock(turn.at_ms) }),
      ticks(turn, failures)),
  );
}

/** Renders the lines, keeping the reader's place unless they were at the newest line. */
function renderTranscript(turns, failures) {
  const list = byId('transcript');
  const scroll = byId('scroll');
  const atBottom = scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 40;
  const empty = list.childElementCount === 0;
  list.replaceChildren(...turns.map((t) => line(t, failures)));
  if (turns.length === 0) list.append(el('li', { class: 'none', text: 'No messages kept.' }));
  if (atBottom || empty) scroll.scrollTop = scroll.scrollHeight;
}
