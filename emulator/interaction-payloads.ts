import { apiChannel, apiInteractionMember, apiUser } from "./payloads.js";
import { resolveOptions } from "./resolved-options.js";
import { createMessage } from "./messages.js";
import type { ChannelRecord, EmulatorState } from "./state.js";
import type { InteractOptions, JsonObject, StoredMessage } from "./types.js";

export const InteractionType = {
  Command: 2,
  Component: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;

export interface InteractionContext {
  state: EmulatorState;
  applicationId: string;
  channel: ChannelRecord;
  id: string;
  token: string;
  commandId: (name: string) => { id: string; guildId?: string };
  /** The message a component sits on (required for components) or a modal was opened from. */
  message: StoredMessage | undefined;
  /** Top-level components of the modal the bot showed for this custom id, if any. */
  shownModal: JsonObject[] | undefined;
}

/** The INTERACTION_CREATE payload Discord would send for what a user just did. */
export function buildInteraction(options: InteractOptions, ctx: InteractionContext): JsonObject {
  const { state, channel } = ctx;
  const guild = channel.guildId ? state.guild(channel.guildId) : undefined;
  const user = state.user(options.user.id);
  const memberPermissions = state.permissionsIn(channel, user.id).toString();
  return {
    id: ctx.id,
    application_id: ctx.applicationId,
    token: ctx.token,
    version: 1,
    ...interactionData(options, ctx),
    channel: { ...apiChannel(state, channel), permissions: memberPermissions },
    channel_id: channel.id,
    locale: options.locale ?? user.locale,
    app_permissions: state.permissionsIn(channel, state.bot.id).toString(),
    entitlements: [],
    attachment_size_limit: 10_485_760,
    ...(guild
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
          guild_locale: guild.preferredLocale,
          member: apiInteractionMember(state, channel, user.id),
          authorizing_integration_owners: { "0": guild.id },
          context: 0,
        }
      : {
          user: apiUser(user),
          authorizing_integration_owners: { "1": user.id },
          context: 1,
        }),
  };
}

function interactionData(options: InteractOptions, ctx: InteractionContext): JsonObject {
  switch (options.type) {
    case "command":
    case "autocomplete": {
      const command = ctx.commandId(options.name);
      const resolved = resolveOptions(ctx, options.options ?? [], options.user.id);
      return {
        type: options.type === "command" ? InteractionType.Command : InteractionType.Autocomplete,
        data: {
          id: command.id,
          name: options.name,
          type: 1,
          ...(options.options ? { options: options.options } : {}),
          ...(command.guildId ? { guild_id: command.guildId } : {}),
          ...(resolved ? { resolved } : {}),
        },
      };
    }
    case "button":
    case "select":
      return {
        type: InteractionType.Component,
        data:
          options.type === "button"
            ? { custom_id: options.customId, component_type: 2 }
            : { custom_id: options.customId, component_type: 3, values: options.values },
        message: ctx.message,
      };
    case "modal":
      return {
        type: InteractionType.ModalSubmit,
        data: {
          custom_id: options.customId,
          components: modalComponents(options.components, ctx.shownModal),
        },
        ...(ctx.message ? { message: ctx.message } : {}),
      };
  }
}

/** Submitted values mirror the modal's layout: action rows, or label components (type 18). */
function modalComponents(
  values: Array<{ customId: string; value: string }>,
  shown: JsonObject[] | undefined,
): JsonObject[] {
  const input = (v: { customId: string; value: string }) => ({
    type: 4,
    custom_id: v.customId,
    value: v.value,
  });
  const usesLabels = shown?.some((c) => c["type"] === 18) ?? false;
  return values.map((v, index) =>
    usesLabels
      ? { type: 18, id: index + 1, component: input(v) }
      : { type: 1, components: [input(v)] },
  );
}

/** Components need the message they sit on; without one named, the bot is assumed to have posted it. */
export function syntheticComponentMessage(
  state: EmulatorState,
  channel: ChannelRecord,
  customId: string,
  kind: "button" | "select",
): StoredMessage {
  const component =
    kind === "button"
      ? { type: 2, style: 1, label: "Button", custom_id: customId }
      : { type: 3, custom_id: customId, options: [] };
  return createMessage(state, channel, { components: [{ type: 1, components: [component] }] }, []);
}
