import type {
  AutocompleteInteraction,
  ButtonInteraction,
  CacheType,
  Interaction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { AppContext } from "../context.js";
import type { CustomId } from "../domain/custom-id.js";
import type { MessageKey } from "./i18n.js";

/** Interactions that came from a server; the router answers DMs before any handler runs. */
type InGuild = Exclude<CacheType, undefined>;

export type Handler<I> = (interaction: I, ctx: AppContext) => Promise<void>;
export type ComponentHandler<I> = (interaction: I, ctx: AppContext, id: CustomId) => Promise<void>;

/** A message saying what could not be done because the store failed. */
export type StoreFailureKey = Extract<MessageKey, `error.store${string}`>;

export type CommandModule = {
  /** Plain registration data: the same object is used by the router and by `npm run deploy`. */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody & { name: string };
  execute: Handler<ChatInputCommandInteraction<InGuild>>;
  autocomplete?: Handler<AutocompleteInteraction<InGuild>>;
  /** Keyed by the action part of `<command>:<action>:<arg>`. */
  buttons?: Readonly<Record<string, ComponentHandler<ButtonInteraction<InGuild>>>>;
  modals?: Readonly<Record<string, ComponentHandler<ModalSubmitInteraction<InGuild>>>>;
  /** What this command's store work is, for the member to read when the store fails. */
  storeFailure?: (interaction: Interaction) => StoreFailureKey;
};
