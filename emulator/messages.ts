import { checkEmbeds } from "./embed-limits.js";
import { discordErrors } from "./errors.js";
import { apiUser } from "./payloads.js";
import { nextSnowflake } from "./snowflake.js";
import type { ChannelRecord, EmulatorState } from "./state.js";
import type { CdnFile, FileMeta, JsonObject, SentMessageBody, StoredMessage } from "./types.js";

export const EPHEMERAL = 64;
export const LOADING = 128;
const MAX_CONTENT = 2000;
// Discord remembers an enforced nonce for "a few minutes".
const NONCE_WINDOW_MS = 5 * 60_000;

export interface MessageExtras {
  webhookId?: string;
  interactionMetadata?: JsonObject;
  type?: number;
  extraFlags?: number;
  /** When Discord received it, on the emulator's clock (the message's timestamp). */
  at?: number;
}

/** When an edit arrived (the emulator's clock) and where its uploads go. */
export interface EditStamp {
  at: number;
  cdn: Map<string, CdnFile>;
}

/**
 * Discord rejects messages with nothing to show, content over the limit (Create Message:
 * "content: Message contents (up to 2000 characters)") and embeds over theirs.
 */
export function checkMessageBody(body: SentMessageBody, files: FileMeta[], isEdit: boolean): void {
  const content = typeof body.content === "string" ? body.content : "";
  if (content.length > MAX_CONTENT) {
    throw discordErrors.invalidFormBody(`content: Must be ${MAX_CONTENT} or fewer in length.`);
  }
  checkEmbeds(body.embeds);
  const hasSomething =
    content.length > 0 ||
    nonEmpty(body.embeds) ||
    nonEmpty(body.components) ||
    nonEmpty(body["sticker_ids"]) ||
    body["poll"] != null ||
    files.length > 0;
  if (!isEdit && !hasSomething) throw discordErrors.emptyMessage();
}

export function createMessage(
  state: EmulatorState,
  channel: ChannelRecord,
  body: SentMessageBody,
  files: FileMeta[],
  extras: MessageExtras = {},
): StoredMessage {
  const message: StoredMessage = {
    id: nextSnowflake(),
    type: extras.type ?? 0,
    channel_id: channel.id,
    ...(channel.guildId ? { guild_id: channel.guildId } : {}),
    author: apiUser(state.bot),
    content: "",
    flags: 0,
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date(extras.at ?? Date.now()).toISOString(),
    edited_timestamp: null,
    ...(extras.webhookId ? { webhook_id: extras.webhookId, application_id: extras.webhookId } : {}),
    ...(extras.interactionMetadata ? { interaction_metadata: extras.interactionMetadata } : {}),
  };
  applyBody(message, body, files, state.cdn);
  message.flags =
    ((body.flags ?? 0) & EPHEMERAL) | (extras.extraFlags ?? 0) | (message.flags & ~EPHEMERAL);
  if (body["nonce"] !== undefined && body["nonce"] !== null)
    message.nonce = body["nonce"] as string;
  return message;
}

/** Writes the parts of a create/edit body that a message keeps. */
export function applyBody(
  message: StoredMessage,
  body: SentMessageBody,
  files: FileMeta[],
  cdn: Map<string, CdnFile>,
): void {
  if (body.content !== undefined) message.content = body.content ?? "";
  if (body.embeds !== undefined)
    message.embeds = (body.embeds ?? []).map((e) => ({ type: "rich", ...e }));
  if (body.components !== undefined) message.components = body.components ?? [];
  if (body.attachments !== undefined || files.length > 0) {
    const described = body.attachments ?? [];
    const kept = message.attachments.filter((a) =>
      described.some((d) => String(d["id"]) === a["id"]),
    );
    message.attachments = [...kept, ...uploaded(described, files, message.channel_id, cdn)];
  }
  // Ephemeral cannot be switched on an existing message; other flags (e.g. suppress embeds) can.
  if (typeof body.flags === "number")
    message.flags = (message.flags & EPHEMERAL) | (body.flags & ~EPHEMERAL);
}

export function editMessage(
  message: StoredMessage,
  body: SentMessageBody,
  files: FileMeta[],
  stamp: EditStamp,
): StoredMessage {
  checkMessageBody(body, files, true);
  const wasLoading = (message.flags & LOADING) !== 0;
  applyBody(message, body, files, stamp.cdn);
  message.flags &= ~LOADING;
  // Filling in a deferred reply is not an edit as far as users can see.
  if (!wasLoading) message.edited_timestamp = new Date(stamp.at).toISOString();
  return message;
}

/**
 * The message an earlier request by the same author with the same enforced nonce created, in any
 * channel. Discord's documentation of enforce_nonce: "If another message was created by the same
 * author with the same nonce, that message will be returned and no new message will be created."
 * The check is per author, not per channel, over the past few minutes; the OpenAPI spec bounds a
 * string nonce to 25 characters (MessageCreateRequest.nonce, maxLength 25).
 */
export function findByNonce(
  state: EmulatorState,
  authorId: string,
  body: SentMessageBody,
  now: number,
): StoredMessage | undefined {
  if (body["enforce_nonce"] !== true || body["nonce"] == null) return undefined;
  for (const messages of state.messages.values()) {
    const earlier = messages.find(
      (m) =>
        m.author.id === authorId &&
        m.nonce === body["nonce"] &&
        now - Date.parse(m.timestamp) < NONCE_WINDOW_MS,
    );
    if (earlier) return earlier;
  }
  return undefined;
}

/** Attachment objects for uploaded files; `files[n]` is described by the attachment with id n. */
function uploaded(
  described: JsonObject[],
  files: FileMeta[],
  channelId: string,
  cdn: Map<string, CdnFile>,
): JsonObject[] {
  return files.map((file) => {
    const index = /\[(\d+)\]/.exec(file.field)?.[1] ?? "";
    const meta = described.find((a) => String(a["id"]) === index) ?? {};
    const id = nextSnowflake();
    if (file.data) {
      const { filename, contentType, data } = file;
      cdn.set(id, { channelId, filename, contentType, data });
    }
    return {
      ...meta,
      id,
      filename: (meta["filename"] as string | undefined) ?? file.filename,
      size: file.size,
      content_type: file.contentType,
      url: `https://cdn.discordapp.com/attachments/${channelId}/${id}/${file.filename}`,
      proxy_url: `https://media.discordapp.net/attachments/${channelId}/${id}/${file.filename}`,
    };
  });
}

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
