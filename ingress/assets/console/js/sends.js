// sends.js: the banner shown while every WhatsApp send is paused (the sends circuit breaker:
// Meta refused a send with an account-level code). It says why and since when, and its button
// resumes sending (POST /api/v1/sends/resume) once the cause is fixed; the replies that waited
// then go out. Read on load, on every (re)connection of the live feed, every 30 s, and on the
// sends_paused / sends_resumed events.

const SEND_CODES = {
  131048: 'spam rate limit: too many customers blocked or reported the number',
  368: 'the account is temporarily blocked for policy violations',
  131031: 'the business account is locked or restricted',
  131042: 'a payment problem with the business account',
  190: 'the access token expired or was revoked',
  0: 'authentication failed',
};

async function loadSends() {
  const a = await apiGet('/api/v1/sends');
  if (a.status !== 200) return;
  showSends(a.body.paused || null);
}

function showSends(paused) {
  const banner = byId('sends');
  banner.hidden = !paused;
  if (!paused) return;
  const code = paused.code != null ? paused.code : null;
  const why = code != null && SEND_CODES[code] ? `${SEND_CODES[code]} (code ${code})` : (paused.error || 'unknown');
  const since = new Date(paused.since_ms).toLocaleString();
  setText('sends-text', `Sending to WhatsApp is paused since ${since}: ${why}. Replies wait; fix the cause, then resume.`);
}

async function resumeSends() {
  const button = byId('btn-resume-sends');
  button.disabled = true;
  const a = await apiCommand('/api/v1/sends/resume', null);
  button.disabled = false;
  if (a.status === 200) {
    notify('ok', a.body.resumed ? 'Sending resumed: waiting replies go out now.' : 'Sending was not paused.');
    showSends(null);
  } else {
    notify('error', `Could not resume sending: ${sentence(a.body.error || 'status ' + a.status)}`);
  }
}

/** Called once by the app's start (the login page has no banner). Resuming before the cause
 *  is fixed is harmless: the next send is refused and pauses sending again, nothing is lost. */
function bindSends() {
  byId('btn-resume-sends').addEventListener('click', resumeSends);
}
