// The sandbox's customer chat page. Everything a customer or Baton wrote is put on the page
// with textContent, never as markup.
"use strict";

const state = { customers: [], active: null, events: [] };
const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined) n.textContent = text;
  return n;
}

function time(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function openCustomer(number, name) {
  number = number.replace(/^\+/, "");
  if (!state.customers.some((c) => c.number === number)) {
    state.customers.push({ number, name });
  }
  state.active = number;
  render();
  markRead();
}

function renderTabs() {
  const tabs = $("tabs");
  tabs.replaceChildren();
  for (const c of state.customers) {
    const li = el("li", c.number === state.active ? "active" : "", `${c.name} (+${c.number})`);
    const unread = unreadReplies(c.number).length;
    if (unread && c.number !== state.active) li.append(el("span", "unread", String(unread)));
    li.addEventListener("click", () => openCustomer(c.number, c.name));
    tabs.append(li);
  }
}

function unreadReplies(number) {
  const seen = new Set(state.events.filter((e) => e.kind === "seen").map((e) => e.id));
  return state.events.filter((e) => e.customer === number && e.kind === "reply" && !seen.has(e.id));
}

function renderChat() {
  const c = state.customers.find((x) => x.number === state.active);
  $("empty").hidden = !!c;
  $("chat-title").hidden = !c;
  $("composer").hidden = !c;
  const list = $("messages");
  list.replaceChildren();
  if (!c) return;
  $("chat-title").textContent = `${c.name} (+${c.number}) — chatting with the business`;
  const mine = state.events.filter((e) => e.customer === c.number);
  const read = new Set(mine.filter((e) => e.kind === "read").map((e) => e.id));
  const failed = new Map(mine.filter((e) => e.kind === "failed").map((e) => [e.id, e.text]));
  let typingAfter = 0;
  for (const e of mine) {
    if (e.kind === "typing") typingAfter = e.seq;
    if (e.kind === "reply") typingAfter = 0;
    if (e.kind !== "customer" && e.kind !== "reply") continue;
    const li = el("li", `bubble ${e.kind === "customer" ? "mine" : "theirs"}`);
    li.dataset.kind = e.kind;
    li.dataset.id = e.id;
    li.append(el("span", "text", e.text));
    const meta = el("span", "meta", time(e.at_ms) + " ");
    if (e.kind === "customer") {
      if (failed.has(e.id)) {
        li.classList.add("failed");
        meta.append(el("span", "ticks failed", "not delivered: " + failed.get(e.id)));
      } else {
        const isRead = read.has(e.id);
        meta.append(el("span", "ticks" + (isRead ? " read" : ""), isRead ? "✓✓" : "✓"));
      }
    }
    li.append(meta);
    list.append(li);
  }
  $("typing").hidden = !typingAfter;
  list.scrollTop = list.scrollHeight;
}

function render() {
  renderTabs();
  renderChat();
}

async function markRead() {
  if (!state.active || document.hidden || !unreadReplies(state.active).length) return;
  await fetch("/api/read", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ customer: state.active }),
  });
}

$("new-customer").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const number = $("new-number").value.trim();
  if (!/^\+?[0-9]{6,15}$/.test(number)) {
    $("error").hidden = false;
    $("error").textContent = "A phone number is 6 to 15 digits.";
    return;
  }
  $("error").hidden = true;
  openCustomer(number, $("new-name").value.trim() || "Customer");
  $("text").focus();
});

$("composer").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const text = $("text").value;
  if (!text.trim() || !state.active) return;
  const c = state.customers.find((x) => x.number === state.active);
  $("text").value = "";
  const res = await fetch("/api/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ customer: c.number, name: c.name, text }),
  });
  const body = await res.json().catch(() => ({}));
  $("error").hidden = res.ok;
  if (!res.ok) $("error").textContent = body.error || `The sandbox answered ${res.status}.`;
});

$("file").addEventListener("change", async () => {
  const file = $("file").files[0];
  $("file").value = "";
  if (!file || !state.active) return;
  const c = state.customers.find((x) => x.number === state.active);
  const caption = $("text").value;
  $("text").value = "";
  const q = new URLSearchParams({ customer: c.number, name: c.name, caption });
  const res = await fetch("/api/media?" + q, {
    method: "POST",
    headers: { "content-type": file.type || "application/octet-stream" },
    body: file,
  });
  const body = await res.json().catch(() => ({}));
  $("error").hidden = res.ok;
  if (!res.ok) $("error").textContent = body.error || `The sandbox answered ${res.status}.`;
});

document.addEventListener("visibilitychange", markRead);

const source = new EventSource("/api/events");
for (const kind of ["customer", "reply", "read", "typing", "failed", "seen"]) {
  source.addEventListener(kind, (msg) => {
    const e = JSON.parse(msg.data);
    state.events.push(e);
    if (!state.customers.some((c) => c.number === e.customer)) {
      state.customers.push({ number: e.customer, name: "+" + e.customer });
    }
    render();
    if (e.kind === "reply" && e.customer === state.active) markRead();
  });
}
