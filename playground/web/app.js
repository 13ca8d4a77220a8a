/**
 * The playground page: a Discord channel view over the playground server's API (playground/API.md).
 * It loads /api/state once, then follows /api/events (server-sent events); it never reloads.
 */
import "@skyra/discord-components-core";
import { setUpComposer } from "./composer.js";
import { el, messageElement } from "./messages.js";
import { setUpModal } from "./modal.js";

const EPHEMERAL = 1 << 6;
const THREAD_TYPES = new Set([10, 11, 12]);
const TEXT_TYPES = new Set([0, 5]);
const AVATAR_COLOURS = ["#5865f2", "#3ba55c", "#faa61a", "#ed4245", "#eb459e", "#747f8d"];

const $ = (id) => document.getElementById(id);
const query = new URLSearchParams(location.search);

const store = {
  guild: { id: "", name: "" },
  bot: { id: "", name: "" },
  channels: [],
  members: [],
  commands: [],
  now: 0,
  timeZone: "UTC",
  /** @type {Map<string, object[]>} channel id -> messages, oldest first */
  messages: new Map(),
  memberId: "",
  channelId: "",
  /** interaction id -> "/question ask", for the "used …" line */
  commandLines: new Map(),
  dismissed: new Set(),
  /** where the member last pressed a button: the channel a modal it opens belongs to */
  actionChannelId: "",
};

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response
    .json()
    .catch(() => ({ error: `${response.status} ${response.statusText}` }));
  if (!response.ok && !answer.error) answer.error = `${response.status} ${response.statusText}`;
  return answer;
}

const member = () => store.members.find((m) => m.id === store.memberId) ?? store.members[0];
const channel = (id) => store.channels.find((c) => c.id === id);
const visible = (message) =>
  !store.dismissed.has(message.id) &&
  (message.ephemeralFor === undefined || message.ephemeralFor === store.memberId) &&
  // An ephemeral message whose reader the server did not name stays hidden rather than shown to all.
  !(message.flags & EPHEMERAL && message.ephemeralFor === undefined);

function avatarOf(user) {
  const known = store.members.find((m) => m.id === user?.id);
  if (known?.avatar) return known.avatar;
  const name =
    known?.name ??
    (user?.id === store.bot.id ? store.bot.name : (user?.global_name ?? user?.username ?? "?"));
  const colour = AVATAR_COLOURS[Number(BigInt(user?.id || "0") % 6n)];
  const initials = name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => [...word][0] ?? "")
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect width="80" height="80" fill="${colour}"/><text x="40" y="52" font-family="sans-serif" font-size="34" fill="#fff" text-anchor="middle">${initials.replace(/[<&"]/g, "")}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function threadOf(messageId) {
  const thread = store.channels.find((c) => c.id === messageId && THREAD_TYPES.has(c.type));
  if (!thread) return undefined;
  const count = (store.messages.get(thread.id) ?? []).filter(visible).length;
  return { id: thread.id, name: thread.name, count };
}

/** What messages.js needs to draw one message. */
const view = () => ({
  userName: (id) =>
    id === store.bot.id ? store.bot.name : (store.members.find((m) => m.id === id)?.name ?? ""),
  channelName: (id) => channel(id)?.name ?? "unknown",
  avatarOf,
  commandOf: (interactionId) => store.commandLines.get(interactionId),
  threadOf,
  timeZone: store.timeZone,
  now: store.now,
  onButton: (message, customId) => void pressButton(message, customId),
  onOpenThread: (threadId) => selectChannel(threadId),
  onDismiss: (message) => {
    store.dismissed.add(message.id);
    drawMessages();
  },
});

async function pressButton(message, customId) {
  store.actionChannelId = message.channel_id;
  const answer = await post("/api/component", {
    memberId: store.memberId,
    channelId: message.channel_id,
    messageId: message.id,
    customId,
  });
  showError(answer.error);
}

function showError(error) {
  $("composer-error").textContent = error ?? "";
}

// ---- drawing ----------------------------------------------------------------------------------

function drawGuild() {
  $("guild-name").textContent = store.guild.name;
  const icon = $("server-icon");
  icon.textContent = store.guild.name
    .split(/\s+/)
    .map((word) => [...word][0] ?? "")
    .join("")
    .slice(0, 3);
  icon.setAttribute("aria-label", store.guild.name);
  icon.title = store.guild.name;
}

function drawChannels() {
  const list = $("channels");
  const items = [];
  const categories = store.channels.filter((c) => c.type === 4);
  const byParent = (parentId) =>
    store.channels
      .filter((c) => TEXT_TYPES.has(c.type) && (c.parent_id ?? null) === parentId)
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const channelItem = (c) => {
    const item = el("li");
    item.append(channelButton(c, "#"));
    const threads = store.channels.filter((t) => THREAD_TYPES.has(t.type) && t.parent_id === c.id);
    if (threads.length > 0) {
      const nested = el("ul", { class: "threads", "aria-label": `Threads in ${c.name}` });
      nested.replaceChildren(
        ...threads.map((t) => {
          const li = el("li");
          li.append(channelButton(t, "↳"));
          return li;
        }),
      );
      item.append(nested);
    }
    return item;
  };
  items.push(...byParent(null).map(channelItem));
  for (const category of categories) {
    const heading = el("li", {
      class: "category",
      text: category.name.toUpperCase(),
      role: "presentation",
    });
    items.push(heading, ...byParent(category.id).map(channelItem));
  }
  list.replaceChildren(...items);
}

function channelButton(c, sign) {
  const button = el("button", { type: "button", class: "channel-link" });
  button.append(el("span", { class: "sign", text: sign, "aria-hidden": "true" }), c.name);
  button.setAttribute(
    "aria-label",
    THREAD_TYPES.has(c.type) ? `Thread ${c.name}` : `Channel ${c.name}`,
  );
  if (c.id === store.channelId) button.setAttribute("aria-current", "page");
  button.addEventListener("click", () => selectChannel(c.id));
  return button;
}

function drawMembers() {
  const select = $("member");
  select.replaceChildren(
    ...store.members.map((m) => {
      const label = `${m.name} · ${m.locale}${m.admin ? " · Manage Server" : ""}`;
      const option = el("option", { value: m.id, text: label });
      option.selected = m.id === store.memberId;
      return option;
    }),
  );
}

function drawClock() {
  const formatted = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: store.timeZone,
  }).format(new Date(store.now));
  $("clock").textContent = `${formatted} (${store.timeZone})`;
}

function drawMessages() {
  const c = channel(store.channelId);
  const title = c ? (THREAD_TYPES.has(c.type) ? `🧵 ${c.name}` : `# ${c.name}`) : "";
  $("channel-title").textContent = title;
  $("messages").setAttribute("aria-label", `Messages in ${c?.name ?? ""}`);
  $("message-input").placeholder =
    `Message ${THREAD_TYPES.has(c?.type) ? "" : "#"}${c?.name ?? ""} — type / for commands`;
  const list = el("discord-messages");
  const v = view();
  for (const message of (store.messages.get(store.channelId) ?? []).filter(visible))
    list.append(messageElement(message, v));
  $("messages").replaceChildren(list);
  scrollToEnd();
}

function scrollToEnd() {
  const box = $("messages");
  requestAnimationFrame(() => (box.scrollTop = box.scrollHeight));
}

/** Adds, replaces or drops one message in the open channel without redrawing the rest. */
function drawOne(message, previousId = message.id) {
  const list = $("messages").querySelector("discord-messages");
  if (!list) return;
  const old = list.querySelector(`[data-message-id="${previousId}"]`);
  if (!visible(message) || message.channel_id !== store.channelId) {
    old?.remove();
    return;
  }
  const fresh = messageElement(message, view());
  if (old) old.replaceWith(fresh);
  else {
    list.append(fresh);
    scrollToEnd();
  }
}

function selectChannel(id) {
  store.channelId = id;
  const url = new URL(location.href);
  url.searchParams.set("channel", id);
  history.replaceState(null, "", url);
  drawChannels();
  drawMessages();
}

// ---- events from the server -------------------------------------------------------------------

function upsert(message) {
  const list = store.messages.get(message.channel_id) ?? [];
  const index = list.findIndex((m) => m.id === message.id);
  if (index >= 0) list[index] = message;
  else list.push(message);
  store.messages.set(message.channel_id, list);
  drawOne(message);
  // A thread's new message changes the count its starter message shows.
  const thread = channel(message.channel_id);
  if (thread && THREAD_TYPES.has(thread.type)) redrawMessage(thread.id);
}

function redrawMessage(messageId) {
  for (const list of store.messages.values()) {
    const found = list.find((m) => m.id === messageId);
    if (found) drawOne(found);
  }
}

function listen() {
  const events = new EventSource("/api/events");
  const on = (name, handle) =>
    events.addEventListener(name, (event) => handle(JSON.parse(event.data)));
  on("message", upsert);
  on("message-update", upsert);
  on("message-delete", ({ channel_id, id }) => {
    const list = store.messages.get(channel_id) ?? [];
    store.messages.set(
      channel_id,
      list.filter((m) => m.id !== id),
    );
    $("messages").querySelector(`[data-message-id="${id}"]`)?.remove();
  });
  on("channel", (c) => {
    const index = store.channels.findIndex((known) => known.id === c.id);
    if (index >= 0) store.channels[index] = c;
    else store.channels.push(c);
    drawChannels();
    if (THREAD_TYPES.has(c.type)) redrawMessage(c.id);
  });
  on("modal", ({ memberId, interactionId, channelId: openedIn, modal }) => {
    if (memberId !== store.memberId) return;
    const channelId = openedIn ?? (store.actionChannelId || store.channelId);
    openModal(modal, (customId, fields) =>
      post("/api/modal", { memberId, channelId, interactionId, customId, fields }),
    );
  });
  // Discord's client says so when the bot did not answer within 3 seconds.
  on("interaction-failed", ({ memberId }) => {
    if (memberId === store.memberId) showError("This interaction failed");
  });
  on("clock", ({ now }) => {
    store.now = now;
    drawClock();
  });
  events.addEventListener("open", () => document.body.setAttribute("data-live", "true"));
  events.addEventListener("error", () => document.body.removeAttribute("data-live"));
}

// ---- start ------------------------------------------------------------------------------------

const openModal = setUpModal({
  dialog: $("modal"),
  form: $("modal-form"),
  title: $("modal-title"),
  fields: $("modal-fields"),
  error: $("modal-error"),
  cancel: $("modal-cancel"),
});

const composer = setUpComposer(
  {
    input: $("message-input"),
    list: $("suggestions"),
    error: $("composer-error"),
    form: $("composer"),
  },
  {
    state: () => ({
      commands: store.commands,
      member: member(),
      channelId: store.channelId,
    }),
    post,
    resolve: (raw, type) => {
      const name = raw.replace(/^[@#]/, "").toLowerCase();
      const pool = type === 7 ? store.channels : store.members;
      const mention = /^<[@#]!?(\d+)>$/.exec(raw);
      return mention ? mention[1] : (pool.find((x) => x.name.toLowerCase() === name)?.id ?? raw);
    },
    sent: (interactionId, label) => {
      store.commandLines.set(interactionId, label);
      for (const list of store.messages.values())
        for (const m of list) if (m.interaction_metadata?.id === interactionId) drawOne(m);
    },
  },
);

$("member").addEventListener("change", (event) => {
  store.memberId = event.target.value;
  const url = new URL(location.href);
  url.searchParams.set("member", store.memberId);
  history.replaceState(null, "", url);
  document.documentElement.lang = member()?.locale ?? "en-US";
  drawMessages();
  composer.refresh();
});

for (const button of document.querySelectorAll("[data-jump]")) {
  button.addEventListener("click", async () => {
    const buttons = document.querySelectorAll("[data-jump]");
    buttons.forEach((b) => (b.disabled = true));
    const answer = await post("/api/clock", { jump: button.dataset.jump });
    buttons.forEach((b) => (b.disabled = false));
    if (answer.error) return showError(answer.error);
    store.now = answer.now;
    drawClock();
  });
}

async function start() {
  listen();
  const state = await (await fetch("/api/state")).json();
  Object.assign(store, {
    guild: state.guild,
    bot: state.bot ?? store.bot,
    channels: state.channels,
    members: state.members,
    commands: state.commands,
    now: state.now,
    timeZone: state.timeZone,
  });
  // Events that arrived while the state loaded are newer: keep them.
  for (const [channelId, messages] of Object.entries(state.messages ?? {})) {
    const live = store.messages.get(channelId) ?? [];
    const ids = new Set(live.map((m) => m.id));
    const merged = [...messages.filter((m) => !ids.has(m.id)), ...live];
    merged.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    store.messages.set(channelId, merged);
  }
  store.memberId = store.members.some((m) => m.id === query.get("member"))
    ? query.get("member")
    : (store.members[0]?.id ?? "");
  const firstText = store.channels.find((c) => TEXT_TYPES.has(c.type));
  store.channelId = channel(query.get("channel")) ? query.get("channel") : (firstText?.id ?? "");
  document.documentElement.lang = member()?.locale ?? "en-US";
  drawGuild();
  drawChannels();
  drawMembers();
  drawClock();
  drawMessages();
  document.body.setAttribute("data-ready", "true");
}

start().catch((error) => showError(`The playground could not load: ${error.message}`));
