// dom.js: building the page from data, and formatting.
//
// Every string — customer names, messages, captions, agents' notes — reaches the document as
// a text node (`textContent`, `createTextNode`, `append(string)`); no markup is ever parsed
// from data. `el` accepts only the attributes listed in ATTRS, so a handler or a URL cannot
// be smuggled in through it.

const ATTRS = new Set(['class', 'title', 'role', 'type', 'datetime']);

/** An element with `props` (`text`, `class`, `data-*`, `aria-*`, ATTRS, `on`) and children. */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (ATTRS.has(k) || k.startsWith('data-') || k.startsWith('aria-')) node.setAttribute(k, String(v));
    else throw new Error('el: attribute not allowed: ' + k);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function byId(id) {
  return document.getElementById(id);
}

function setText(id, text) {
  byId(id).textContent = text === null || text === undefined ? '' : String(text);
}

function show(node, visible) {
  (typeof node === 'string' ? byId(node) : node).hidden = !visible;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A v4 UUID (crypto.randomUUID needs a secure context; getRandomValues does not). */
function uuid() {
  if (window.crypto.randomUUID && window.isSecureContext) return window.crypto.randomUUID();
  const b = window.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** "42s", "12m 5s", "3h 12m", "2d 4h". */
function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60), sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${sec}s`;
  return `${sec}s`;
}

/** The 24-hour window as the header shows it. */
function windowText(remainingMs) {
  return remainingMs > 0 ? `window closes in ${duration(remainingMs)}` : 'window closed';
}

/** A phone number or id with all but its last four characters hidden. */
function masked(id) {
  const s = String(id || '');
  return s.length > 4 ? '••• ' + s.slice(-4) : '•••';
}

function clock(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return today ? time : `${d.toLocaleDateString()} ${time}`;
}

const REASONS = {
  customer_asked: 'Customer asked for a person',
  keyword: 'Business keyword',
  frustration: 'Frustrated customer',
  sensitive: 'Sensitive topic',
  repeated_failure: 'AI could not resolve it',
  out_of_scope: 'Outside what the AI can do',
  ai_failure: 'AI unavailable',
};

function reasonLabel(reason) {
  return REASONS[reason] || String(reason || 'no reason recorded');
}

const SOURCES = {
  detector: 'a detector (matched words)',
  model: 'the model (hand_off_to_human)',
  ai_failure: 'the AI path failing',
};

function sourceLabel(source) {
  return SOURCES[source] || 'not recorded';
}

/** A live duration: `base` ms at the moment of the fetch, growing (+1) or shrinking (-1). */
function ticking(node, baseMs, direction, format) {
  node.dataset.base = String(baseMs);
  node.dataset.at = String(performance.now());
  node.dataset.direction = String(direction);
  node.classList.add('ticking');
  node.tick = format;
  node.textContent = format(baseMs);
}

/** Advances every ticking duration on the page. */
function tickAll() {
  const now = performance.now();
  for (const node of document.querySelectorAll('.ticking')) {
    const elapsed = now - Number(node.dataset.at);
    const value = Number(node.dataset.base) + Number(node.dataset.direction) * elapsed;
    if (node.tick) node.textContent = node.tick(value);
  }
}
