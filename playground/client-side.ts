import type {
  CommandOptionInput,
  Emulator,
  JsonObject,
  RefusedByClient,
} from "../emulator/index.js";
import { PlaygroundError } from "./errors.js";
import type { PlaygroundMember } from "./world.js";

/* What Discord's client decides before anything reaches the bot: which commands it offers a
 * member, how typed values are sent, which components a message has, what a refusal says. */

const ADMINISTRATOR = 1n << 3n;

/**
 * Discord's client lists only the commands registered for this server (or globally) that the
 * member may use: `default_member_permissions` "Set of permissions represented as a bit set"
 * the member must hold (Administrator holds them all).
 */
export function offeredCommand(
  emu: Emulator,
  guildId: string,
  member: PlaygroundMember,
  channelId: string,
  name: string,
): JsonObject {
  const command = [...emu.registeredCommands({ guildId }), ...emu.registeredCommands()].find(
    (c) => c.name === name && c.type === 1,
  );
  if (!command) throw new PlaygroundError(`There is no /${String(name)} command in this server.`);
  const needed = command["default_member_permissions"];
  if (typeof needed === "string" || typeof needed === "number") {
    const bits = BigInt(needed);
    const held = emu.permissionsOf(channelId, member.id);
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
export function typedOptions(
  command: JsonObject,
  given: CommandOptionInput[],
): CommandOptionInput[] {
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

export function hasFocused(options: CommandOptionInput[]): boolean {
  return options.some((o) => o.focused === true || hasFocused(o.options ?? []));
}

export function componentsOf(message: JsonObject): JsonObject[] {
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

/** "Discord's client would not send this: required option x is missing" -> "Required option x is missing." */
export function refusalSentence(error: RefusedByClient): string {
  const detail = error.message.replace(/^Discord's client would not send this: /, "");
  return `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`;
}
