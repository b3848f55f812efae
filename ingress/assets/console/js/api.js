// api.js: the console JSON API, with the cookie the login set (never readable here: HttpOnly).
//
// Reads answer `{status, body}`. A command is one user action: it gets one Idempotency-Key,
// reused when it is retried (a network error, or 503: nothing was published), so a retry is
// never a second message to the customer. A 202 (the worker has not finished) is followed
// through `GET /api/v1/commands/{id}` for a while. A 401 means the session ended: back to the
// login page.

const RETRIES = 2;

async function answer(res) {
  let body = {};
  try {
    body = await res.json();
  } catch (_) {
    body = {};
  }
  if (res.status === 401) {
    window.location.replace('/console');
  }
  return { status: res.status, body: body || {} };
}

async function apiGet(path) {
  try {
    const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return await answer(res);
  } catch (e) {
    return { status: 0, body: { error: 'Baton is unreachable: ' + e.message } };
  }
}

/** POSTs one command (`body` null for none), retrying with the same key; follows a 202. */
async function apiCommand(path, body) {
  const key = uuid();
  const init = {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Idempotency-Key': key },
  };
  if (body !== null) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let last = { status: 0, body: { error: 'Baton is unreachable' } };
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    if (attempt > 0) await sleep(700 * attempt);
    try {
      last = await answer(await fetch(path, init));
    } catch (e) {
      last = { status: 0, body: { error: 'Baton is unreachable: ' + e.message } };
      continue;
    }
    if (last.status !== 503) break;
  }
  return last.status === 202 ? followUp(last) : last;
}

/** Asks for a command's outcome until it is recorded (about 30 s), or gives up with the 202. */
async function followUp(accepted) {
  const id = accepted.body.command_id;
  if (!id) return accepted;
  for (let i = 0; i < 20; i++) {
    await sleep(Math.min(500 + i * 250, 2500));
    const a = await apiGet('/api/v1/commands/' + encodeURIComponent(id));
    if (a.status !== 404 && a.status !== 0 && a.status !== 503) return a;
  }
  return accepted;
}

const HINTS = {
  window_closed: 'The 24-hour window is closed: send an approved template instead.',
  already_claimed: 'Someone else claimed it first.',
  already_owner: 'You already own this conversation.',
  already_ai: 'The AI already owns this conversation.',
  not_handed_off: 'There is no pending handoff to claim.',
};

/** `text` ending in a full stop. */
function sentence(text) {
  return /[.!?]$/.test(text) ? text : text + '.';
}

/** What to tell the agent about a command's answer: `{level, text}`. */
function describe(a, done) {
  const error = a.body && a.body.error ? sentence(String(a.body.error)) : '';
  switch (a.status) {
    case 200:
      return { level: 'ok', text: done };
    case 202:
      return { level: 'warn', text: 'Accepted: Baton is still working on it; this view updates when it is done.' };
    case 409: {
      const hint = HINTS[a.body.reason];
      return { level: 'warn', text: hint && !error.includes(hint) ? `${error} ${hint}` : error || 'Refused.' };
    }
    case 502:
      return { level: 'error', text: error || 'WhatsApp refused the message.' };
    case 0:
      return { level: 'error', text: `${error} It may not have been applied: check the conversation before trying again.` };
    default:
      return { level: 'error', text: error || `Unexpected answer (${a.status}).` };
  }
}

/** The path of a conversation's route (`suffix` '' for the detail). */
function convPath(conv, suffix) {
  const base = '/api/v1/conversations/' + encodeURIComponent(conv.customer);
  const query = '?number=' + encodeURIComponent(conv.number);
  return suffix ? `${base}/${suffix}${query}` : base + query;
}
