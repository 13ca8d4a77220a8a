/**
 * A Discord message object (as the emulator stores it) drawn with @skyra/discord-components-core:
 * author, the "used /command" line, content, embeds (colour, fields, footer, image), attachments,
 * buttons, the thread started from it, and the ephemeral marker.
 */
import { markdownToHtml } from "./markdown.js";

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const BUTTON_STYLES = {
  1: "primary",
  2: "secondary",
  3: "success",
  4: "destructive",
  5: "secondary",
};

/**
 * @typedef {object} View
 * @property {(id: string) => string} userName
 * @property {(id: string) => string} channelName
 * @property {(user: {id: string, username?: string}) => string} avatarOf
 * @property {(interactionId: string) => string | undefined} commandOf  the "/question ask" typed
 * @property {(messageId: string) => {id: string, name: string, count: number} | undefined} threadOf
 * @property {string} timeZone
 * @property {number} now
 * @property {(message: object, customId: string) => void} onButton
 * @property {(threadId: string) => void} onOpenThread
 * @property {(message: object) => void} onDismiss
 */

/** @param {object} message @param {View} view */
export function messageElement(message, view) {
  const element = el("discord-message");
  const author = authorName(message, view);
  element.setAttribute("role", "article");
  element.setAttribute("aria-label", `Message from ${author}`);
  element.dataset.messageId = message.id;
  element.author = author;
  element.avatar = view.avatarOf(message.author);
  element.bot = Boolean(message.author?.bot);
  element.timestamp = new Date(message.timestamp);
  element.edited = Boolean(message.edited_timestamp) && !(message.flags & LOADING);
  element.twentyFour = true;
  if (message.flags & EPHEMERAL) {
    element.ephemeral = true;
    element.dismissMessageClicked = () => view.onDismiss(message);
  }

  const used = message.interaction_metadata;
  if (used?.type === 2) {
    const command = el("discord-command", { slot: "reply" });
    command.author = view.userName(used.user?.id) || used.user?.username || "";
    command.avatar = view.avatarOf(used.user ?? {});
    command.command = view.commandOf(used.id) ?? "a command";
    element.append(command);
  }

  if (message.flags & LOADING) {
    element.append(el("em", { class: "thinking", text: `${author} is thinking…` }));
  } else if (message.content) {
    const body = el("span", { class: "content" });
    body.innerHTML = markdownToHtml(message.content, view);
    element.append(body);
  }

  const attachments = message.attachments ?? [];
  const usedByEmbeds = new Set();
  for (const embed of message.embeds ?? [])
    element.append(embedElement(embed, attachments, usedByEmbeds, view));
  const images = attachments.filter((a) => !usedByEmbeds.has(a.filename));
  if (images.length > 0) element.append(attachmentsElement(images));
  if ((message.components ?? []).length > 0) element.append(componentsElement(message, view));

  const thread = view.threadOf(message.id);
  if (thread) {
    const box = el("discord-thread", { slot: "thread", role: "link", tabindex: "0" });
    box.setAttribute("aria-label", `Open thread ${thread.name}`);
    box.name = thread.name;
    box.cta = `${thread.count} ${thread.count === 1 ? "Message" : "Messages"}`;
    box.append(`See the thread`);
    const open = () => view.onOpenThread(thread.id);
    box.addEventListener("click", open);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") open();
    });
    element.append(box);
  }
  return element;
}

function authorName(message, view) {
  const name = view.userName(message.author?.id);
  return name || message.author?.global_name || message.author?.username || "Unknown";
}

/**
 * An embed showing an uploaded file (`attachment://name`, or the URL Discord resolves it to) takes
 * that file out of the message's attachment list, as Discord's client does.
 */
function resolveUrl(url, attachments, used) {
  if (typeof url !== "string") return "";
  const name = url.startsWith("attachment://") ? url.slice("attachment://".length) : undefined;
  const file = attachments.find((a) => a.filename === name || a.url === url || a.proxy_url === url);
  if (file) used.add(file.filename);
  if (name === undefined) return url;
  return file?.url ?? "";
}

function hexColor(color) {
  return typeof color === "number" ? `#${color.toString(16).padStart(6, "0")}` : "#1e1f22";
}

function embedElement(embed, attachments, used, view) {
  const element = el("discord-embed", { slot: "embeds" });
  element.color = hexColor(embed.color);
  if (embed.title) element.embedTitle = embed.title;
  if (embed.url) element.url = embed.url;
  if (embed.author?.name) element.authorName = embed.author.name;
  if (embed.author?.icon_url)
    element.authorImage = resolveUrl(embed.author.icon_url, attachments, used);
  if (embed.thumbnail?.url) element.thumbnail = resolveUrl(embed.thumbnail.url, attachments, used);
  if (embed.image?.url) element.image = resolveUrl(embed.image.url, attachments, used);
  if (embed.description) {
    const description = el("discord-embed-description", { slot: "description" });
    description.innerHTML = markdownToHtml(embed.description, view);
    element.append(description);
  }
  if ((embed.fields ?? []).length > 0) {
    const fields = el("discord-embed-fields", { slot: "fields" });
    let inlineRun = 0;
    for (const field of embed.fields) {
      const item = el("discord-embed-field");
      item.fieldTitle = field.name;
      if (field.inline) {
        inlineRun = (inlineRun % 3) + 1;
        item.inline = true;
        item.inlineIndex = inlineRun;
      } else inlineRun = 0;
      item.innerHTML = markdownToHtml(field.value, view);
      fields.append(item);
    }
    element.append(fields);
  }
  if (embed.footer?.text || embed.timestamp) {
    const footer = el("discord-embed-footer", { slot: "footer" });
    if (embed.footer?.icon_url)
      footer.footerImage = resolveUrl(embed.footer.icon_url, attachments, used);
    if (embed.timestamp) footer.timestamp = new Date(embed.timestamp);
    footer.append(embed.footer?.text ?? "");
    element.append(footer);
  }
  return element;
}

function attachmentsElement(files) {
  const box = el("discord-attachments", { slot: "attachments" });
  for (const file of files) {
    if (String(file.content_type ?? "").startsWith("image/")) {
      const image = el("discord-image-attachment");
      image.url = file.url;
      image.alt = file.description ?? file.filename;
      if (file.width) image.width = file.width;
      if (file.height) image.height = file.height;
      box.append(image);
    } else {
      box.append(el("a", { href: file.url, text: file.filename, class: "file" }));
    }
  }
  return box;
}

function componentsElement(message, view) {
  const box = el("discord-attachments", { slot: "components" });
  for (const row of message.components) {
    const actionRow = el("discord-action-row");
    for (const component of row.components ?? []) {
      if (component.type !== 2) continue; // the bot sends buttons only
      const button = el("discord-button");
      button.type = BUTTON_STYLES[component.style] ?? "secondary";
      button.disabled = Boolean(component.disabled);
      if (component.style === 5 && component.url) button.url = component.url;
      const label = [component.emoji?.name, component.label].filter(Boolean).join(" ");
      button.append(label);
      if (component.style !== 5 && !component.disabled)
        button.addEventListener("click", () => view.onButton(message, component.custom_id));
      actionRow.append(button);
    }
    box.append(actionRow);
  }
  return box;
}

/** document.createElement with attributes; `text` sets the text content. */
export function el(tag, attributes = {}) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") element.textContent = value;
    else element.setAttribute(name, value);
  }
  return element;
}
