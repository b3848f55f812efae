// transcript.js: the conversation's lines — customer, AI, human (named) and events, each
// styled apart — with delivery ticks on the AI's and humans' messages: ○ accepted by
// WhatsApp, ✓ sent, ✓✓ delivered, blue ✓✓ read, ✗ failed with Meta's error. A customer's
// media plays or shows inline from the console's own media route (never Meta's URL; the
// cookie authenticates it); a voice note's transcript is marked as transcribed.

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

// Media elements by conversation and media id, kept across renders: re-rendering the
// transcript must not download a photo again, nor stop a voice note that is playing.
const mediaNodes = new Map();

/** The player, image or download link of a turn's media (or null). */
function mediaNode(turn) {
  const m = turn.media;
  if (!m || !state.open) return null;
  const key = `${state.open.key}|${m.id}`;
  if (mediaNodes.has(key)) return mediaNodes.get(key);
  const url = convPath(state.open, 'media/' + encodeURIComponent(m.id));
  let node;
  if (m.kind === 'audio' || m.kind === 'video') {
    node = document.createElement(m.kind);
    node.controls = true;
    node.preload = 'none';
  } else if (m.kind === 'image' || m.kind === 'sticker') {
    node = document.createElement('img');
    node.alt = m.kind === 'sticker' ? 'Sticker' : 'Photo';
  } else {
    node = document.createElement('a');
    node.textContent = m.filename || 'Download the file';
    node.download = m.filename || '';
  }
  if (node.tagName === 'A') node.href = url;
  else node.src = url;
  node.className = `media ${m.kind}`;
  mediaNodes.set(key, node);
  return node;
}

function line(turn, failures) {
  const kind = turn.kind && turn.kind !== 'text' ? el('span', { class: 'kind', text: turn.kind }) : null;
  const transcribed = turn.media && turn.media.transcribed
    ? el('span', { class: 'transcribed', title: 'What speech-to-text heard in the voice note', text: 'transcribed' })
    : null;
  return el(
    'li',
    { class: `turn ${turn.speaker}`, 'data-speaker': turn.speaker, 'data-id': turn.id },
    speakerLabel(turn) ? el('span', { class: 'who', text: speakerLabel(turn) }) : null,
    kind,
    mediaNode(turn),
    transcribed,
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
