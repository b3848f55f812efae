// main.js: starts the page the server chose — the login form (no valid cookie) or the app.
//
// Login posts the token as JSON to /console/login, which sets the HttpOnly, SameSite=Strict
// cookie; a wrong token is said in the form. (Without script the form still posts and the
// server answers with a redirect.) The app reads the agent's name from the page, loads the
// lists and the conversation named in the address, starts live updates, and ticks the
// waiting times and window countdowns every second.

function initLogin() {
  const form = byId('login-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byId('login-error');
    error.hidden = true;
    let res;
    try {
      res = await fetch('/console/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ token: byId('token').value.trim() }),
      });
    } catch (e) {
      error.textContent = 'Baton is unreachable: ' + e.message;
      error.hidden = false;
      return;
    }
    if (res.ok) {
      // The same address (and its #conversation) now serves the app. Not location.replace:
      // a URL differing only in its fragment would not load anything.
      window.location.reload();
      return;
    }
    error.textContent = res.status === 401 ? 'That token is not valid.' : `Login failed (${res.status}).`;
    error.hidden = false;
  });
}

function initApp() {
  state.me = document.body.dataset.agent || '';
  setText('me', state.me);
  bindActions();
  bindSends();
  loadQueues();
  loadSends();
  const conv = conversationFromHash();
  if (conv) openConversation(conv);
  startLive();
  setInterval(tickAll, 1000);
  setInterval(refreshAll, 30000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refreshAll();
  });
}

if (document.body.dataset.page === 'login') initLogin();
if (document.body.dataset.page === 'app') initApp();
