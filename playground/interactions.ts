import {
  RefusedByClient,
  type CommandOptionInput,
  type Emulator,
  type InteractionHandle,
  type InteractOptions,
} from "../emulator/index.js";
import {
  componentsOf,
  hasFocused,
  offeredCommand,
  refusalSentence,
  typedOptions,
} from "./client-side.js";
import { PlaygroundError } from "./errors.js";
import type { EventStream } from "./events.js";
import type { MessageLog } from "./message-log.js";
import type { PlaygroundMember, World } from "./world.js";

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
  const command = offeredCommand(deps.emu, deps.world.guild.id, member, channelId, request.name);
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
  const command = offeredCommand(deps.emu, deps.world.guild.id, member, channelId, request.name);
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
      deps.events.send("modal", {
        memberId: member.id,
        interactionId: handle.id,
        channelId,
        modal,
      });
    },
    () =>
      deps.events.send("interaction-failed", {
        memberId: member.id,
        interactionId: handle.id,
        channelId,
      }),
  );
}
