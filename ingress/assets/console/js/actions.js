// actions.js: what the agent does — claim, take over, release (with an optional note, asked in
// a dialog), reply, send a template — and the notice that says how it went (409, 502 and 202
// answers in words). Every action is one command with one Idempotency-Key (api.js); buttons
// are disabled while it runs; the view is refreshed after it whatever the answer.

let noticeTimer = null;

/** Shows `text` in the notice bar (`level`: ok, warn, error); ok notices fade after 6 s. */
function notify(level, text) {
  const bar = byId('notice');
  if (!bar) return;
  bar.className = `notice ${level}`;
  bar.textContent = text;
  bar.hidden = false;
  clearTimeout(noticeTimer);
  if (level === 'ok') noticeTimer = setTimeout(() => { bar.hidden = true; }, 6000);
}

const ACTION_BUTTONS = ['btn-claim', 'btn-takeover', 'btn-release', 'btn-send', 'btn-template'];

function busy(on) {
  for (const id of ACTION_BUTTONS) byId(id).classList.toggle('busy', on);
  for (const id of ACTION_BUTTONS) byId(id).disabled = on;
}

/** Runs one command on the open conversation; true when it applied (200). */
async function act(command, body, done) {
  const conv = state.open;
  if (!conv) return false;
  busy(true);
  let a;
  try {
    a = await apiCommand(convPath(conv, command), body);
  } finally {
    busy(false);
  }
  const said = describe(a, done);
  notify(said.level, said.text);
  await Promise.all([state.open === conv ? loadDetail() : null, loadQueues()]);
  return a.status === 200;
}

async function sendReply(event) {
  event.preventDefault();
  const box = byId('reply-text');
  const text = box.value.trim();
  if (!text) {
    notify('warn', 'Write a message first.');
    return;
  }
  const conv = state.open;
  if (await act('reply', { text }, 'Sent to the customer.')) {
    if (state.open === conv && box.value.trim() === text) box.value = '';
  }
}

async function sendTemplate(event) {
  event.preventDefault();
  const parameters = byId('template-params').value.split('\n').map((p) => p.trim()).filter(Boolean);
  const body = {
    name: byId('template-name').value.trim(),
    language: byId('template-language').value.trim(),
    parameters,
  };
  if (await act('template', body, `Template ${body.name} sent.`)) {
    byId('template-params').value = '';
  }
}

function askRelease() {
  byId('release-note').value = '';
  byId('release-dialog').showModal();
  byId('release-note').focus();
}

async function confirmRelease(event) {
  event.preventDefault();
  const note = byId('release-note').value.trim();
  byId('release-dialog').close();
  await act('release', note ? { note } : {}, 'Handed back to the AI.');
}

function useDraft() {
  const box = byId('reply-text');
  box.value = state.detail && state.detail.draft ? state.detail.draft : '';
  box.focus();
}

async function logout() {
  stopLive();
  try {
    await fetch('/console/logout', { method: 'POST', credentials: 'same-origin' });
  } finally {
    window.location.replace('/console');
  }
}

function bindActions() {
  byId('btn-claim').addEventListener('click', () => act('claim', null, 'Claimed: the conversation is yours.'));
  byId('btn-takeover').addEventListener('click', () => act('takeover', null, 'Taken over: the AI is silent now.'));
  byId('btn-release').addEventListener('click', askRelease);
  byId('release-form').addEventListener('submit', confirmRelease);
  byId('release-cancel').addEventListener('click', () => byId('release-dialog').close());
  byId('reply-form').addEventListener('submit', sendReply);
  byId('template-form').addEventListener('submit', sendTemplate);
  byId('btn-use-draft').addEventListener('click', useDraft);
  byId('logout').addEventListener('click', logout);
  byId('reply-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) byId('reply-form').requestSubmit();
  });
}
