import type { PermissionInput } from "./permissions.js";

export type { PermissionInput };
export type JsonObject = Record<string, unknown>;

export interface EmulatorOptions {
  /** Discord's OpenAPI description; when set, every request the bot sends is checked against it. */
  specPath?: string | undefined;
  /** Recommended shard count answered by GET /gateway/bot. */
  shards?: number;
  /** session_start_limit.max_concurrency; defaults to `shards` so all shards identify at once. */
  maxConcurrency?: number;
  heartbeatIntervalMs?: number;
  /** Requests per second across bot-authenticated routes; null = unlimited (default). */
  globalRateLimit?: number | null;
  /** Discord drops interactions not acknowledged within 3 s. */
  interactionAckDeadlineMs?: number;
  /** How long handle.callback()/followUp()/edited() and waitForIdentify() wait by default. */
  waitTimeoutMs?: number;
  botUsername?: string;
  /**
   * The application's flags, i.e. which privileged intents are switched on in the Developer
   * Portal. Defaults to Server Members and Message Content (the _LIMITED flags of an unverified
   * bot); an IDENTIFY with a privileged intent not enabled here is closed with 4014.
   */
  applicationFlags?: number;
}

export interface UserHandle {
  id: string;
  username: string;
  locale: string;
}

export interface MemberHandle extends UserHandle {
  guildId: string;
  roleIds: string[];
}

export interface GuildChannels {
  general: string;
  announcements: string;
  [name: string]: string;
}

export interface GuildHandle {
  id: string;
  name: string;
  everyoneRoleId: string;
  botRoleId: string;
  ownerId: string;
  channels: GuildChannels;
}

export interface OverwriteInput {
  id: string;
  /** 0 = role, 1 = member */
  type: 0 | 1;
  allow?: PermissionInput;
  deny?: PermissionInput;
}

export interface ChannelInput {
  /** Fix the channel's id (by default a new snowflake). */
  id?: string;
  name: string;
  /** 0 = text, 2 = voice, 4 = category, 5 = announcement */
  type?: 0 | 2 | 4 | 5;
  overwrites?: OverwriteInput[];
}

export interface AddGuildOptions {
  name?: string;
  preferredLocale?: string;
  /** Fix the id, e.g. to place the guild on a chosen shard. */
  id?: string;
  botPermissions?: PermissionInput;
  everyonePermissions?: PermissionInput;
  /** Extra channels besides `general` (text) and `announcements` (type 5). */
  channels?: ChannelInput[];
}

export interface AddMemberOptions {
  /** Fix the user's id (by default a new snowflake). */
  id?: string;
  username: string;
  locale?: string;
  globalName?: string;
  /** Given through a role of the member's own, e.g. Administrator. */
  permissions?: PermissionInput;
  roleIds?: string[];
}

export interface ForcedError {
  status: number;
  code?: number;
  message?: string;
}

export interface FailNextRule extends ForcedError {
  method?: string;
  path: string | RegExp;
  times?: number;
  /** With status 429: Discord's global limit (X-RateLimit-Global) instead of the route's. */
  global?: boolean;
  /** Holds the answer this long first, as a stalled Discord would (the client times out). */
  hangMs?: number;
}

/** A slow Discord: matching requests wait `ms`, then are handled as usual. */
export interface DelayRule {
  method?: string;
  path: string | RegExp;
  ms: number;
  times?: number;
}

/** Loosely typed request body the bot sent for a message (reply, follow-up, edit, post). */
export interface SentMessageBody {
  content?: string | null;
  flags?: number | null;
  embeds?: Array<JsonObject & { title?: string; description?: string }> | null;
  components?: JsonObject[] | null;
  attachments?: JsonObject[] | null;
  [key: string]: unknown;
}

export interface CallbackData extends SentMessageBody {
  custom_id?: string;
  title?: string;
  choices?: Array<{ name: string; value: string | number }>;
}

export interface InteractionCallback {
  type: number;
  data?: CallbackData;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  files: FileMeta[];
  status: number;
  at: number;
}

export interface FileMeta {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  /** The bytes as uploaded, so a test can open what a member would see. */
  data: Buffer;
}

/** A file the bot uploaded, as Discord's CDN keeps it for an attachment's URL. */
export interface CdnFile {
  /** The channel it was posted in: with the id and filename, the path of its URL. */
  channelId: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/**
 * What members' Discord clients are shown: every message created, edited or deleted (ephemeral
 * ones too, which only the member they answer sees), and channel events (a thread created).
 */
export type ClientEvent =
  | { kind: "message"; change: "create" | "update" | "delete"; message: StoredMessage }
  | { kind: "channel"; event: string; channel: JsonObject };

export interface RouteRecord {
  method: string;
  path: string;
}

export interface SpecViolation {
  method: string;
  path: string;
  errors: string[];
}

/** A message as the emulator stores and returns it (Discord's message object). */
export interface StoredMessage extends SentMessageBody {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: JsonObject & { id: string; username: string };
  content: string;
  flags: number;
  embeds: JsonObject[];
  components: JsonObject[];
  attachments: JsonObject[];
  timestamp: string;
  edited_timestamp: string | null;
  nonce?: string | number;
  thread?: JsonObject;
}

export interface CommandOptionInput {
  name: string;
  /** Discord's option type: 1 subcommand, 2 group, 3 string, 4 integer, 5 boolean, 6 user, ... */
  type: number;
  value?: string | number | boolean;
  options?: CommandOptionInput[];
  focused?: boolean;
}

interface InteractBase {
  /** Omitted = a DM interaction (`user` instead of `member`). */
  guildId?: string;
  /** Defaults to the guild's `general` channel, or the DM channel. */
  channelId?: string;
  user: UserHandle;
  /** Defaults to the user's locale. */
  locale?: string;
}

export type InteractOptions = InteractBase &
  (
    | { type: "command"; name: string; options?: CommandOptionInput[] }
    | { type: "autocomplete"; name: string; options: CommandOptionInput[] }
    | { type: "button"; customId: string; message?: string }
    | { type: "select"; customId: string; values: string[]; message?: string }
    | {
        type: "modal";
        customId: string;
        components: Array<{ customId: string; value: string }>;
        message?: string;
      }
  );
