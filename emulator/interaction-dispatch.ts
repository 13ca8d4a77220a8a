import { randomBytes } from "node:crypto";
import { checkCommandOptions, checkModalValues } from "./client-rules.js";
import type { CommandRegistry } from "./commands.js";
import type { Gateway } from "./gateway.js";
import { dmChannelFor } from "./users.js";
import { createHandle, type InteractionHandle } from "./interaction-handle.js";
import { buildInteraction, syntheticComponentMessage } from "./interaction-payloads.js";
import type { InteractionRecord, InteractionRegistry } from "./interactions.js";
import { nextSnowflake } from "./snowflake.js";
import type { ChannelRecord, EmulatorState } from "./state.js";
import type { InteractOptions, RequestRecord, StoredMessage } from "./types.js";
import type { Waiter } from "./waiter.js";

export interface InteractDeps {
  state: EmulatorState;
  applicationId: string;
  commands: CommandRegistry;
  interactions: InteractionRegistry;
  gateway: Gateway;
  waiter: Waiter;
  requests: readonly RequestRecord[];
  /** Ids for commands the test never registered, stable per name. */
  fakeCommandIds: Map<string, string>;
  now: () => number;
}

/** Builds the interaction a user's action causes, sends it over the gateway, returns its handle. */
export function dispatchInteraction(
  deps: InteractDeps,
  options: InteractOptions,
): InteractionHandle {
  const channel = interactionChannel(deps.state, options);
  if (options.type === "command" || options.type === "autocomplete") {
    const command = deps.commands.find(options.name, channel.guildId ?? undefined);
    checkCommandOptions(command, options.options, options.type === "autocomplete", {
      isUser: (id) => deps.state.users.has(id),
      channelType: (id) => {
        const picked = deps.state.channels.get(id);
        return picked && !picked.deleted && picked.guildId === channel.guildId
          ? picked.type
          : undefined;
      },
    });
  }
  if (options.type === "modal")
    checkModalValues(deps.interactions.shownModal(options.customId), options.components);
  const id = nextSnowflake();
  const token = `aW50ZXJhY3Rpb246${id}${randomBytes(48).toString("base64url")}`;
  const message = sourceMessage(deps.state, options, channel);
  const payload = buildInteraction(options, {
    state: deps.state,
    applicationId: deps.applicationId,
    channel,
    id,
    token,
    message,
    commandId: (name) => commandId(deps, name, channel.guildId ?? undefined),
    shownModal:
      options.type === "modal" ? deps.interactions.shownModal(options.customId) : undefined,
  });
  const record: InteractionRecord = {
    id,
    token,
    type: payload["type"] as number,
    label: labelOf(options),
    channel,
    userId: options.user.id,
    payload,
    dispatchedAt: deps.now(),
    sourceMessage: message,
    followUps: [],
    followUpMessages: [],
    edits: [],
    followUpEdits: [],
  };
  deps.interactions.register(record);
  if (!deps.gateway.dispatch("INTERACTION_CREATE", payload, { guildId: channel.guildId })) {
    throw new Error(
      `No gateway session would receive ${record.label}; await emu.waitForIdentify()`,
    );
  }
  return createHandle(record, deps.waiter, () => historyOf(deps.requests, record));
}

function interactionChannel(state: EmulatorState, options: InteractOptions): ChannelRecord {
  const { guildId, user } = options;
  if (!guildId)
    return options.channelId ? known(state, options.channelId) : dmChannelFor(state, user.id);
  const guild = state.guild(guildId);
  if (!guild.members.has(user.id)) {
    throw new Error(`${user.username} is not a member of guild ${guildId}; use emu.addMember()`);
  }
  const channel = known(state, options.channelId ?? guild.channelIds[0] ?? "");
  if (channel.guildId !== guildId)
    throw new Error(`channel ${channel.id} is not in guild ${guildId}`);
  return channel;
}

function sourceMessage(
  state: EmulatorState,
  options: InteractOptions,
  channel: ChannelRecord,
): StoredMessage | undefined {
  if (options.type !== "button" && options.type !== "select" && options.type !== "modal") {
    return undefined;
  }
  if (options.message) {
    const found =
      state.messages.get(channel.id)?.find((m) => m.id === options.message) ??
      ephemeralFor(state, options.message, options.user.id, channel);
    if (!found) throw new Error(`message ${options.message} is not in channel ${channel.id}`);
    return found;
  }
  if (options.type === "modal") return undefined;
  return syntheticComponentMessage(state, channel, options.customId, options.type);
}

/**
 * An ephemeral response the member can click: "message? (message object): For components or
 * modals triggered by components, the message they were attached to" (interaction object docs).
 * It is in the channel but seen only by the user of the interaction that created it (message flags:
 * "EPHEMERAL: this message is only visible to the user who invoked the Interaction"), so no one
 * else can click it.
 */
function ephemeralFor(
  state: EmulatorState,
  messageId: string,
  userId: string,
  channel: ChannelRecord,
): StoredMessage | undefined {
  const message = state.ephemeral.get(messageId);
  const owner = (message?.["interaction_metadata"] as { user?: { id?: string } } | undefined)?.user;
  if (!message || message.channel_id !== channel.id) return undefined;
  if (owner?.id !== userId) throw new Error(`message ${messageId} is ephemeral to another user`);
  return message;
}

/** A registered command's id (guild command first); commands never registered get a stable fake. */
function commandId(deps: InteractDeps, name: string, guildId: string | undefined) {
  const registered = deps.commands.find(name, guildId);
  if (registered) {
    const commandGuild = registered.guild_id;
    return { id: registered.id, ...(commandGuild ? { guildId: commandGuild } : {}) };
  }
  let id = deps.fakeCommandIds.get(name);
  if (!id) {
    id = nextSnowflake();
    deps.fakeCommandIds.set(name, id);
  }
  return { id };
}

function known(state: EmulatorState, channelId: string): ChannelRecord {
  const channel = state.channels.get(channelId);
  if (!channel) throw new Error(`unknown channel ${channelId}`);
  return channel;
}

function labelOf(options: InteractOptions): string {
  return options.type === "command" || options.type === "autocomplete"
    ? `${options.type} /${options.name}`
    : `${options.type} ${options.customId}`;
}

/** What reached the emulator for this interaction, for timeout messages. */
function historyOf(requests: readonly RequestRecord[], record: InteractionRecord): string {
  const related = requests.filter(
    (r) => r.path.includes(record.id) || r.path.includes(record.token),
  );
  if (related.length === 0) return "No request for this interaction reached the emulator.";
  const lines = related.map(
    (r) => `${r.method} ${r.path.replace(record.token, "<token>")} -> ${r.status}`,
  );
  return `Requests for it: ${lines.join("; ")}`;
}
