// conversation.js: the main pane — one conversation's header (customer, masked number, owner,
// version, window countdown), the handoff decision with its evidence, the memory context, the
// messages that did not reach the customer, the AI's draft, and which actions apply.

/** Opens a conversation ({key, number, customer}) and remembers it in the address. */
function openConversation(conv) {
  const changed = !state.open || state.open.key !== conv.key;
  state.open = conv;
  if (changed) {
    state.detail = null;
    byId('reply-text').value = '';
    byId('transcript').replaceChildren();
  }
  const hash = `#/c/${encodeURIComponent(conv.number)}/${encodeURIComponent(conv.customer)}`;
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  markSelected();
  show('empty', false);
  show('conv', true);
  return loadDetail();
}

/** The conversation named by the address (`#/c/{number}/{customer}`), if any. */
function conversationFromHash() {
  const m = /^#\/c\/([^/]+)\/([^/]+)$/.exec(window.location.hash);
  if (!m) return null;
  const number = decodeURIComponent(m[1]);
  const customer = decodeURIComponent(m[2]);
  return { key: `${number}:${customer}`, number, customer };
}

async function loadDetail() {
  if (!state.open) return;
  const conv = state.open;
  const seq = ++state.seq.detail;
  const a = await apiGet(convPath(conv, '') + '&transcript=200');
  if (seq !== state.seq.detail || state.open !== conv) return;
  if (a.status === 404) {
    notify('warn', 'This conversation is no longer known to Baton.');
    return;
  }
  if (a.status !== 200) {
    notify('error', 'Could not load the conversation: ' + (a.body.error || a.status));
    return;
  }
  state.detail = a.body;
  renderDetail(a.body);
}

function renderDetail(d) {
  renderHeader(d);
  renderHandoff(d);
  renderMemory(d.memory_context);
  renderFailures(d.failures || []);
  renderTranscript(d.transcript || [], d.failures || []);
  renderComposer(d);
  renderDraft(d.draft);
}

function ownerText(d) {
  if (d.owner === 'ai') return 'AI';
  if (d.owner === 'pending_human') return 'Waiting for a human';
  return d.agent === state.me ? `Human: ${d.agent} (you)` : `Human: ${d.agent}`;
}

function renderHeader(d) {
  setText('conv-name', d.name || 'No name');
  setText('conv-number', masked(d.wa_id || d.customer));
  const owner = byId('conv-owner');
  owner.textContent = ownerText(d);
  owner.dataset.owner = d.owner;
  setText('conv-version', `v${d.version}`);
  const win = byId('conv-window');
  win.classList.remove('ticking');
  if (d.window.open) {
    ticking(win, d.window.remaining_ms, -1, windowText);
  } else {
    win.textContent = d.last_customer_ms ? 'window closed' : 'no customer message yet';
  }
  win.classList.toggle('closed', !d.window.open);
  const mine = d.owner === 'human' && d.agent === state.me;
  show('btn-claim', d.owner === 'pending_human');
  show('btn-takeover', d.owner === 'ai' || (d.owner === 'human' && !mine));
  show('btn-release', d.owner !== 'ai');
}

function renderHandoff(d) {
  const h = d.handoff;
  show('handoff', !!h);
  if (!h) return;
  const current = d.owner !== 'ai' && h.version <= d.version;
  setText('handoff-title', current ? 'Why Baton handed off' : 'Last handoff (handed back since)');
  const reason = byId('handoff-reason');
  reason.replaceChildren(reasonLabel(h.reason), ' ', el('code', { text: h.reason }));
  reason.dataset.reason = h.reason;
  setText('handoff-source', sourceLabel(h.source));
  setText('handoff-evidence', h.evidence || '(none recorded)');
  setText('handoff-summary', h.summary);
  setText('handoff-when', `${clock(h.at_ms)} · v${h.version}`);
}

function renderMemory(context) {
  show('memory', !!context);
  setText('memory-text', context || '');
}

function renderFailures(failures) {
  show('failures', failures.length > 0);
  const items = failures.map((f) =>
    el('li', { 'data-kind': f.kind },
      el('span', { class: 'muted', text: clock(f.at_ms) + ' · ' }),
      el('b', { text: f.kind === 'send_failed' ? 'Not sent' : 'Not delivered' }),
      f.role ? ` (${f.role === 'human' ? f.agent || 'human' : f.role})` : '',
      ': ',
      el('span', { class: 'error-text', text: f.error }),
      f.code ? el('code', { text: ` ${f.code}` }) : null,
      f.window_closed ? el('span', { class: 'muted', text: ' — the 24-hour window had closed' }) : null,
      f.text ? el('blockquote', { text: f.text }) : null));
  byId('failures-list').replaceChildren(...items);
}

function renderDraft(draft) {
  show('draft', !!draft && !byId('reply-text').disabled);
  setText('draft-text', draft || '');
}

/** The reply box when the window is open; the template form when it is closed. */
function renderComposer(d) {
  const open = d.window.open;
  const text = byId('reply-text');
  text.disabled = !open;
  byId('btn-send').disabled = !open;
  show('template-form', !open);
  let hint = '';
  if (!open) {
    hint = 'The customer last wrote more than 24 hours ago: free-form replies cannot reach them. Send an approved template below.';
  } else if (d.owner === 'ai') {
    hint = 'Sending takes this conversation over from the AI.';
  } else if (d.owner === 'pending_human') {
    hint = 'Sending takes this conversation (a reply claims it).';
  } else if (d.agent !== state.me) {
    hint = `Sending takes this conversation over from ${d.agent}.`;
  }
  setText('reply-hint', hint);
}
