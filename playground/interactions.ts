import {
  RefusedByClient,
  type CommandOptionInput,
  type Emulator,
  type InteractionHandle,
  type InteractOptions,
  type JsonObject,
} from "../emulator/index.js";
import type { EventStream } from "./events.js";
import type { MessageLog } from "./message-log.js";
import type { PlaygroundMember, World } from "./world.js";

/** A request the page should not have sent, or Discord's client would refuse: answered 400. */
export class PlaygroundError extends Error {
  override readonly name = "PlaygroundError";
}

export type InteractionDeps = {
  emu: Emulator;
  world: World;
  events: EventStream;
  messages: MessageLog;
  /** Modals the bot showed and no one submitted yet, by the interaction that opened them. */
  modals: Map<string, OpenModal>;
};

type OpenModal = {
  memberId: string;
  channelId: string;
  customId: string;
  /** The message whose component opened it: Discord sends it with the submit. */
  messageId?: string;
};

/** Discord drops an interaction the bot has not acknowledged within 3 s; a little slack on top. */
const ACK_WAIT_MS = 3_500;
const ADMINISTRATOR = 1n << 3n;

export type CommandRequest = {
  memberId: string;
  channelId: string;
  name: string;
  options?: CommandOptionInput[];
};

/** `/name options` typed by a member: the checks of Discord's client, then INTERACTION_CREATE. */
export function runCommand(deps: InteractionDeps, request: CommandRequest) {
  const member = memberOf(deps, request.memberId);
  const channelId = channelOf(deps, request.channelId);
  const command = offeredCommand(deps, member, channelId, request.name);
  const handle = interact(deps, {
    guildId: deps.world.guild.id,
    channelId,
    user: userOf(member),
    type: "command",
    name: request.name,
    options: typedOptions(command, request.options ?? []),
  });
  follow(deps, handle, member, channelId);
  return { ok: true as const, interactionId: handle.id };
}

/** The choices the bot offers for the focused option, as Discord's client would list them. */
export async function autocomplete(deps: InteractionDeps, request: CommandRequest) {
  const member = memberOf(deps, request.memberId);
  const channelId = channelOf(deps, request.channelId);
  const command = offeredCommand(deps, member, channelId, request.name);
  const options = typedOptions(command, request.options ?? []);
  if (!hasFocused(options)) throw new PlaygroundError("One option must have focused: true.");
  const handle = interact(deps, {
    guildId: deps.world.guild.id,
    channelId,
    user: userOf(member),
    type: "autocomplete",
    name: request.name,
    options,
  });
  const callback = await handle.callback(ACK_WAIT_MS).catch(() => undefined);
  return { choices: callback?.type === 8 ? (callback.data?.choices ?? []) : [] };
}

export type ComponentRequest = {
  memberId: string;
  channelId: string;
  messageId: string;
  customId: string;
  /** For a select menu: the values picked. */
  values?: string[];
};

/** A click on a button (or a pick in a select menu) of a message the member can see. */
export function clickComponent(deps: InteractionDeps, request: ComponentRequest) {
  const member = memberOf(deps, request.memberId);
  const channelId = channelOf(deps, request.channelId);
  const message = deps.messages.find(channelId, request.messageId);
  if (!message || (message.ephemeralFor && message.ephemeralFor !== member.id))
    throw new PlaygroundError(`Unknown message ${request.messageId} in this channel.`);
  const component = componentsOf(message).find((c) => c["custom_id"] === request.customId);
  if (!component)
    throw new PlaygroundError(`That message has no component with custom id ${request.customId}.`);
  if (component["disabled"] === true) throw new PlaygroundError("That button is disabled.");
  const isSelect = component["type"] !== 2;
  const base = {
    guildId: deps.world.guild.id,
    channelId,
    user: userOf(member),
    customId: request.customId,
    message: request.messageId,
  };
  const handle = interact(
    deps,
    isSelect
      ? { ...base, type: "select", values: request.values ?? [] }
      : { ...base, type: "button" },
  );
  follow(deps, handle, member, channelId, request.messageId);
  return { ok: true as const, interactionId: handle.id };
}

export type ModalRequest = {
  memberId: string;
  channelId: string;
  interactionId: string;
  customId: string;
  fields: Record<string, string>;
};

/** Submits a modal the bot showed this member; one Discord's client would refuse stays open. */
export function submitModal(deps: InteractionDeps, request: ModalRequest) {
  const member = memberOf(deps, request.memberId);
  const open = deps.modals.get(request.interactionId);
  if (!open || open.memberId !== member.id || open.customId !== request.customId)
    throw new PlaygroundError("That modal is not open for this member.");
  const components = Object.entries(request.fields ?? {}).map(([customId, value]) => ({
    customId,
    value: String(value),
  }));
  const handle = interact(deps, {
    guildId: deps.world.guild.id,
    channelId: open.channelId,
    user: userOf(member),
    type: "modal",
    customId: open.customId,
    components,
    ...(open.messageId ? { message: open.messageId } : {}),
  });
  deps.modals.delete(request.interactionId);
  follow(deps, handle, member, open.channelId);
  return { ok: true as const, interactionId: handle.id };
}

function memberOf(deps: InteractionDeps, memberId: unknown): PlaygroundMember {
  const member = deps.world.members.find((m) => m.id === memberId);
  if (!member) throw new PlaygroundError(`Unknown member ${String(memberId)}.`);
  return member;
}

function channelOf(deps: InteractionDeps, channelId: unknown): string {
  const channel = deps.emu
    .channelsOf(deps.world.guild.id)
    .find((c) => c.id === channelId && [0, 5, 10, 11, 12].includes(c.type));
  if (!channel) throw new PlaygroundError(`Unknown text channel ${String(channelId)}.`);
  return channel.id;
}

/**
 * Discord's client lists only the commands registered for this server (or globally) that the
 * member may use: `default_member_permissions` "Set of permissions represented as a bit set"
 * the member must hold (Administrator holds them all).
 */
function offeredCommand(
  deps: InteractionDeps,
  member: PlaygroundMember,
  channelId: string,
  name: string,
): JsonObject {
  const guildId = deps.world.guild.id;
  const command = [
    ...deps.emu.registeredCommands({ guildId }),
    ...deps.emu.registeredCommands(),
  ].find((c) => c.name === name && c.type === 1);
  if (!command) throw new PlaygroundError(`There is no /${String(name)} command in this server.`);
  const needed = command["default_member_permissions"];
  if (typeof needed === "string" || typeof needed === "number") {
    const bits = BigInt(needed);
    const held = deps.emu.permissionsOf(channelId, member.id);
    if ((held & ADMINISTRATOR) === 0n && (held & bits) !== bits)
      throw new PlaygroundError(
        `/${name} is only offered to members with the permissions it asks for (Manage Server).`,
      );
  }
  return command;
}

/**
 * Values as the client sends them: it parses what the member typed for INTEGER (4), BOOLEAN (5)
 * and NUMBER (10) options, so a page may send those as text.
 */
function typedOptions(command: JsonObject, given: CommandOptionInput[]): CommandOptionInput[] {
  const walk = (defs: JsonObject[], options: CommandOptionInput[]): CommandOptionInput[] =>
    options.map((option) => {
      const def = defs.find((d) => d["name"] === option.name);
      const nested = option.options
        ? { options: walk((def?.["options"] as JsonObject[] | undefined) ?? [], option.options) }
        : {};
      return { ...option, ...nested, ...typedValue(option) };
    });
  return walk((command["options"] as JsonObject[] | undefined) ?? [], given);
}

function typedValue(option: CommandOptionInput): Partial<CommandOptionInput> {
  const { type, value } = option;
  if (typeof value !== "string" || option.focused) return {};
  if ((type === 4 || type === 10) && value.trim() !== "" && Number.isFinite(Number(value)))
    return { value: Number(value) };
  if (type === 5 && (value === "true" || value === "false")) return { value: value === "true" };
  return {};
}

function hasFocused(options: CommandOptionInput[]): boolean {
  return options.some((o) => o.focused === true || hasFocused(o.options ?? []));
}

function componentsOf(message: JsonObject): JsonObject[] {
  const all: JsonObject[] = [];
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const component of list as JsonObject[]) {
      all.push(component);
      visit(component["components"]);
      if (component["accessory"]) all.push(component["accessory"] as JsonObject);
    }
  };
  visit(message["components"]);
  return all;
}

function userOf(member: PlaygroundMember) {
  return { id: member.id, username: member.name, locale: member.locale };
}

/** Sends the interaction; what Discord's client would refuse becomes the sentence it shows. */
function interact(deps: InteractionDeps, options: InteractOptions): InteractionHandle {
  try {
    return deps.emu.interact(options);
  } catch (error) {
    if (error instanceof RefusedByClient) throw new PlaygroundError(refusalSentence(error));
    throw error;
  }
}

/** "Discord's client would not send this: required option x is missing" -> "Required option x is missing." */
export function refusalSentence(error: RefusedByClient): string {
  const detail = error.message.replace(/^Discord's client would not send this: /, "");
  return `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`;
}

/** Tells the page what became of the interaction: a modal to show, or "This interaction failed". */
function follow(
  deps: InteractionDeps,
  handle: InteractionHandle,
  member: PlaygroundMember,
  channelId: string,
  messageId?: string,
): void {
  handle.callback(ACK_WAIT_MS).then(
    (callback) => {
      if (callback.type !== 9 || !callback.data) return;
      const modal = callback.data;
      deps.modals.set(handle.id, {
        memberId: member.id,
        channelId,
        customId: String(modal.custom_id),
        ...(messageId ? { messageId } : {}),
      });
      deps.events.send("modal", { memberId: member.id, interactionId: handle.id, modal });
    },
    () =>
      deps.events.send("interaction-failed", {
        memberId: member.id,
        interactionId: handle.id,
        channelId,
      }),
  );
}
