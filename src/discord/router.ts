import {
  DiscordAPIError,
  MessageFlags,
  type Interaction,
  type RepliableInteraction,
} from "discord.js";
import type { AppContext } from "../context.js";
import { parseCustomId, type CustomId } from "../domain/custom-id.js";
import { languageFor, type Language } from "../domain/locale.js";
import { UserError, type ErrorVar } from "../errors.js";
import { StoreError } from "../store/store-error.js";
import type { CommandModule, StoreFailureKey } from "./command.js";
import { t, type MessageKey } from "./i18n.js";
import { describeFailure, permissionNames } from "./render-failure.js";

/** What the log needs to find an interaction again; never the interaction token. */
function describe(interaction: Interaction) {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    command:
      interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId:
      interaction.isMessageComponent() || interaction.isModalSubmit()
        ? interaction.customId
        : undefined,
  };
}

async function answerPrivately(interaction: RepliableInteraction, content: string): Promise<void> {
  const message = { content, allowedMentions: { parse: [] } };
  if (interaction.deferred) await interaction.editReply(message);
  else if (interaction.replied)
    await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
}

/**
 * 10062 Unknown interaction (its token expired, or Discord dropped it) and 40060 Interaction has
 * already been acknowledged: nothing more can be said through it; another reply only earns
 * another refusal.
 */
const SPENT_INTERACTION_CODES = new Set([10062, 40060]);

/** What a member typed, echoed in an error, is cut to this: a message holds 2,000 characters. */
const ECHO_MAX = 100;

/** A value fit to echo back: control characters (NUL…) dropped, at most ECHO_MAX characters. */
function echoed(value: string | number): string | number {
  if (typeof value !== "string") return value;
  const chars = [...value.replace(/\p{Cc}/gu, "")];
  return chars.length > ECHO_MAX ? `${chars.slice(0, ECHO_MAX - 1).join("")}…` : chars.join("");
}

/** A message variable in the reader's language: data rendered, text echoed. */
function resolved(value: ErrorVar, lang: Language): string | number {
  if (typeof value !== "object") return echoed(value);
  return "failure" in value
    ? describeFailure(value.failure, lang)
    : permissionNames(value.permissions, lang);
}

/** What could not be done, in the words of the command that was doing it. */
function storeFailure(
  interaction: Interaction,
  byName: ReadonlyMap<string, CommandModule>,
): StoreFailureKey {
  const name =
    interaction.isCommand() || interaction.isAutocomplete()
      ? interaction.commandName
      : interaction.isMessageComponent() || interaction.isModalSubmit()
        ? parseCustomId(interaction.customId)?.command
        : undefined;
  return (name && byName.get(name)?.storeFailure?.(interaction)) || "error.store";
}

/** The one error boundary: a user mistake, a Discord refusal and a bug each get their answer. */
async function answerFailure(
  interaction: Interaction,
  error: unknown,
  ctx: AppContext,
  byName: ReadonlyMap<string, CommandModule>,
): Promise<void> {
  const context = describe(interaction);
  let key: MessageKey = "error.bug";
  let vars: Record<string, ErrorVar> = {};
  if (error instanceof UserError) {
    ({ key, vars } = error);
    ctx.log.debug({ ...context, reason: error.key }, "user error");
  } else if (error instanceof StoreError) {
    key = storeFailure(interaction, byName);
    ctx.log.error({ ...context, err: error }, "store failure while handling an interaction");
  } else if (error instanceof DiscordAPIError && SPENT_INTERACTION_CODES.has(Number(error.code))) {
    ctx.log.info(
      { ...context, err: error },
      "interaction expired or already answered; not retried",
    );
    return;
  } else if (error instanceof DiscordAPIError) {
    key = "error.discord";
    ctx.log.warn(
      { ...context, code: error.code, status: error.status, method: error.method, url: error.url },
      "Discord refused a request",
    );
  } else {
    ctx.log.error({ ...context, err: error }, "bug in an interaction handler");
  }
  if (!interaction.isRepliable()) return;
  try {
    const lang = languageFor(interaction.locale);
    const text = Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [name, resolved(value, lang)]),
    );
    await answerPrivately(interaction, t(lang, key, text));
  } catch (replyError) {
    ctx.log.warn({ ...context, err: replyError }, "could not tell the member about the failure");
  }
}

async function dispatch(
  interaction: Interaction,
  byName: ReadonlyMap<string, CommandModule>,
  ctx: AppContext,
) {
  if (!interaction.inGuild()) {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else throw new UserError("error.guild-only");
    return;
  }
  if (interaction.isChatInputCommand()) {
    const command = byName.get(interaction.commandName);
    if (!command) throw new Error(`no handler for command /${interaction.commandName}`);
    return command.execute(interaction, ctx);
  }
  if (interaction.isAutocomplete()) {
    return (
      byName.get(interaction.commandName)?.autocomplete?.(interaction, ctx) ??
      interaction.respond([])
    );
  }
  if (interaction.isButton() || interaction.isModalSubmit()) {
    const id = parseCustomId(interaction.customId);
    const command = id ? byName.get(id.command) : undefined;
    const handler = interaction.isButton()
      ? id && command?.buttons?.[id.action]
      : id && command?.modals?.[id.action];
    if (!id || !handler) throw new UserError("error.unknown-component");
    // The narrowing above keeps the handler and interaction kinds paired.
    return (handler as (i: typeof interaction, c: AppContext, customId: CustomId) => Promise<void>)(
      interaction,
      ctx,
      id,
    );
  }
}

/** Returns the listener for `interactionCreate`; its promise never rejects. */
export function createRouter(commands: readonly CommandModule[], ctx: AppContext) {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  return async (interaction: Interaction): Promise<void> => {
    try {
      await dispatch(interaction, byName, ctx);
    } catch (error) {
      await answerFailure(interaction, error, ctx, byName);
    }
  };
}

/**
 * What an interaction gets once shutdown has no time left to handle it, or when the drain's
 * deadline comes before its handler answered: a short note in the member's language, so nothing
 * is left on "thinking…". One that was already answered is left alone.
 */
export async function answerRestarting(interaction: Interaction, ctx: AppContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable() || interaction.replied) return;
    await answerPrivately(interaction, t(languageFor(interaction.locale), "error.restarting"));
  } catch (error) {
    ctx.log.warn(
      { ...describe(interaction), err: error },
      "could not tell the member the bot is restarting",
    );
  }
}
