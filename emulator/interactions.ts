import { discordErrors } from "./errors.js";
import { callbackResponse, checkCallback } from "./interaction-callback.js";
import { checkMessageBody, createMessage, editMessage, EPHEMERAL, LOADING } from "./messages.js";
import { apiUser } from "./payloads.js";
import type { ChannelRecord, EmulatorState } from "./state.js";
import type {
  FileMeta,
  InteractionCallback,
  JsonObject,
  SentMessageBody,
  StoredMessage,
} from "./types.js";

export interface InteractionRecord {
  id: string;
  token: string;
  /** 2 command, 3 component, 4 autocomplete, 5 modal submit */
  type: number;
  label: string;
  channel: ChannelRecord;
  userId: string;
  payload: JsonObject;
  dispatchedAt: number;
  sourceMessage: StoredMessage | undefined;
  callback?: InteractionCallback;
  ackMs?: number;
  original?: StoredMessage;
  followUps: SentMessageBody[];
  followUpMessages: StoredMessage[];
  edits: SentMessageBody[];
  followUpEdits: Array<{ messageId: string; body: SentMessageBody }>;
}

/**
 * "Interaction tokens are valid for 15 minutes, meaning you can respond to an interaction within
 * that amount of time." (https://discord.com/developers/docs/interactions/receiving-and-responding)
 */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

export interface RegistryDeps {
  state: EmulatorState;
  applicationId: string;
  deadlineMs: number;
  /** The emulator's clock, which a test can move past the token's 15 minutes. */
  now: () => number;
  /** Called for every message an interaction creates or changes. */
  published: (message: StoredMessage, change: "create" | "update" | "delete") => void;
}

/** Interactions sent to the bot and everything it answered through their tokens. */
export class InteractionRegistry {
  readonly #byId = new Map<string, InteractionRecord>();
  readonly #byToken = new Map<string, InteractionRecord>();
  readonly #modals = new Map<string, JsonObject[]>();

  constructor(private readonly deps: RegistryDeps) {}

  register(record: InteractionRecord): void {
    this.#byId.set(record.id, record);
    this.#byToken.set(record.token, record);
  }

  /** Components of the modal last shown under this custom id, so a submit can mirror it. */
  shownModal(customId: string): JsonObject[] | undefined {
    return this.#modals.get(customId);
  }

  acknowledge(
    id: string,
    token: string,
    callback: InteractionCallback,
    files: FileMeta[],
    arrivedAt: number,
  ): JsonObject {
    const record = this.#byId.get(id);
    if (!record || record.token !== token) throw discordErrors.unknownInteraction();
    if (record.callback) throw discordErrors.alreadyAcknowledged();
    // "you must send an initial response within 3 seconds of receiving the event. If the 3 second
    // deadline is exceeded, the token will be invalidated." (measured on the emulator's clock)
    if (arrivedAt - record.dispatchedAt > this.deps.deadlineMs)
      throw discordErrors.unknownInteraction();
    checkCallback(record, callback, files);
    const original = this.#respond(record, callback, files);
    record.callback = callback;
    record.ackMs = arrivedAt - record.dispatchedAt;
    if (original) record.original = original;
    return callbackResponse(record, callback.type, original);
  }

  followUp(appId: string, token: string, body: SentMessageBody, files: FileMeta[]): StoredMessage {
    const record = this.#acknowledged(appId, token);
    checkMessageBody(body, files, false);
    const loading = record.original && (record.original.flags & LOADING) !== 0;
    // Discord fills a still-"thinking" deferred reply with the first follow-up, which therefore
    // keeps the visibility chosen when deferring.
    const message =
      loading && record.original ? record.original : this.#create(record, body, files);
    if (message === record.original) {
      editMessage(message, body, files, this.#stamp());
      this.deps.published(message, "update");
    }
    record.followUps.push(body);
    record.followUpMessages.push(message);
    return message;
  }

  edit(
    appId: string,
    token: string,
    messageId: string,
    body: SentMessageBody,
    files: FileMeta[],
  ): StoredMessage {
    const record = this.#acknowledged(appId, token);
    const message = this.#message(record, messageId);
    editMessage(message, body, files, this.#stamp());
    if (messageId === "@original" || messageId === record.original?.id) record.edits.push(body);
    else record.followUpEdits.push({ messageId, body });
    this.deps.published(message, "update");
    return message;
  }

  get(appId: string, token: string, messageId: string): StoredMessage {
    return this.#message(this.#acknowledged(appId, token), messageId);
  }

  delete(appId: string, token: string, messageId: string): void {
    const message = this.#message(this.#acknowledged(appId, token), messageId);
    this.deps.published(message, "delete");
  }

  #acknowledged(appId: string, token: string): InteractionRecord {
    const record = this.#byToken.get(token);
    // Past its 15 minutes the token is refused on every webhook route (follow-up, GET, PATCH and
    // DELETE of @original or a follow-up). Discord's docs give the lifetime but not the error;
    // 401 with 50027 "Invalid Webhook Token" is what bots report getting: discord-api-docs#6851
    // ("After the 15 mins window, any API request made to it returns 401: Unauthorized"),
    // discord.py#9856 and disnake#379 ("401 Unauthorized (error code: 50027): Invalid Webhook
    // Token"). Within the window an unacknowledged token is 404 10015, as below.
    if (record && this.deps.now() - record.dispatchedAt > INTERACTION_TOKEN_LIFETIME_MS)
      throw discordErrors.invalidWebhookToken();
    // The webhook behind an interaction token exists only once the interaction is acknowledged.
    if (appId !== this.deps.applicationId || !record?.callback)
      throw discordErrors.unknownWebhook();
    return record;
  }

  #message(record: InteractionRecord, messageId: string): StoredMessage {
    const message =
      messageId === "@original"
        ? record.original
        : [record.original, ...record.followUpMessages].find((m) => m?.id === messageId);
    if (!message) throw discordErrors.unknownMessage();
    return message;
  }

  /** The message the callback creates or updates, if any. */
  #respond(
    record: InteractionRecord,
    callback: InteractionCallback,
    files: FileMeta[],
  ): StoredMessage | undefined {
    const data = callback.data ?? {};
    switch (callback.type) {
      case 4:
        return this.#create(record, data, files);
      case 5:
        return this.#create(record, { flags: (data.flags ?? 0) & EPHEMERAL }, [], LOADING);
      case 6:
        return record.sourceMessage;
      case 7:
        if (record.sourceMessage) {
          editMessage(record.sourceMessage, data, files, this.#stamp());
          this.deps.published(record.sourceMessage, "update");
        }
        return record.sourceMessage;
      case 9:
        this.#modals.set(String(data.custom_id), data.components as JsonObject[]);
        return undefined;
      default:
        return undefined;
    }
  }

  #stamp() {
    return { at: this.deps.now(), cdn: this.deps.state.cdn };
  }

  #create(
    record: InteractionRecord,
    body: SentMessageBody,
    files: FileMeta[],
    extraFlags = 0,
  ): StoredMessage {
    const message = createMessage(this.deps.state, record.channel, body, files, {
      webhookId: this.deps.applicationId,
      type: record.type === 2 ? 20 : 19,
      extraFlags,
      at: this.deps.now(),
      interactionMetadata: {
        id: record.id,
        type: record.type,
        user: apiUser(this.deps.state.user(record.userId)),
        authorizing_integration_owners: record.payload["authorizing_integration_owners"],
      },
    });
    this.deps.published(message, "create");
    return message;
  }
}
