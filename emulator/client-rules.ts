import type { StoredCommand } from "./commands.js";
import type { CommandOptionInput, JsonObject } from "./types.js";

/**
 * Thrown by `emu.interact` for input Discord's client never sends: the member is stopped in the
 * client, so no interaction reaches the bot. The rules are the registered command's (or the shown
 * modal's), as Discord's docs give them.
 */
export class RefusedByClient extends Error {
  override readonly name = "RefusedByClient";
  constructor(detail: string) {
    super(`Discord's client would not send this: ${detail}`);
  }
}

// Discord counts characters, not UTF-16 units.
const lengthOf = (value: string) => [...value].length;

/**
 * Application command option docs: "min_length: For option type STRING, the minimum allowed
 * length (minimum of 0, maximum of 6000)", "max_length: ... the maximum allowed length (minimum
 * of 1, maximum of 6000)", "min_value / max_value: If the option is an INTEGER or NUMBER type,
 * the minimum/maximum value permitted", "choices: ... the only valid values for a user to pick",
 * "INTEGER: Any integer between -2^53+1 and 2^53-1", "NUMBER: Any double between -2^53 and
 * 2^53". Only a registered command's rules are known; an unregistered one is sent as given.
 */
export function checkCommandOptions(
  command: StoredCommand | undefined,
  given: CommandOptionInput[] | undefined,
  autocomplete: boolean,
  picker: Picker,
): void {
  if (!command) return;
  const defs = (command["options"] as JsonObject[] | undefined) ?? [];
  checkLevel(defs, given ?? [], { autocomplete, picker });
}

/** What the client's pickers can offer: users it knows, and the server's channels. */
export interface Picker {
  isUser(id: string): boolean;
  /** The channel's type when it is in this server, else undefined. */
  channelType(id: string): number | undefined;
}

type Check = { autocomplete: boolean; picker: Picker };

function checkLevel(defs: JsonObject[], given: CommandOptionInput[], check: Check) {
  for (const option of given) {
    const def = defs.find((d) => d["name"] === option.name);
    if (!def) throw new RefusedByClient(`the command has no option ${option.name}`);
    if (def["type"] !== option.type)
      throw new RefusedByClient(`option ${option.name} is of type ${String(def["type"])}`);
    if (option.type === 1 || option.type === 2) {
      checkLevel((def["options"] as JsonObject[] | undefined) ?? [], option.options ?? [], check);
      continue;
    }
    checkValue(def, option, check.autocomplete && option.focused === true);
    checkPicked(def, option, check.picker);
  }
  if (check.autocomplete) return;
  for (const def of defs) {
    if (def["required"] === true && !given.some((option) => option.name === def["name"]))
      throw new RefusedByClient(`required option ${String(def["name"])} is missing`);
  }
}

/**
 * USER and CHANNEL options are picked, not typed: the value is a user the client can show, or a
 * channel of this server, and "channel_types: The channels shown will be restricted to these
 * types".
 */
function checkPicked(def: JsonObject, option: CommandOptionInput, picker: Picker) {
  const id = String(option.value ?? "");
  if (option.type === 6 && !picker.isUser(id))
    throw new RefusedByClient(`option ${option.name}: no such user to pick`);
  if (option.type !== 7) return;
  const type = picker.channelType(id);
  if (type === undefined)
    throw new RefusedByClient(`option ${option.name}: no such channel in this server`);
  const allowed = def["channel_types"] as number[] | undefined;
  if (allowed && !allowed.includes(type))
    throw new RefusedByClient(`option ${option.name}: channel_types does not offer type ${type}`);
}

function checkValue(def: JsonObject, option: CommandOptionInput, typing: boolean) {
  const { name, value } = option;
  const num = (key: string) => (typeof def[key] === "number" ? def[key] : undefined);
  if (option.type === 3) {
    if (typeof value !== "string") throw new RefusedByClient(`option ${name} takes text`);
    // A member picks one of the choices from the client's list, whatever its length.
    const choices = def["choices"] as JsonObject[] | undefined;
    if (!typing && choices && !choices.some((choice) => choice["value"] === value))
      throw new RefusedByClient(
        `option ${name} takes one of its choices: ${choices.map((c) => String(c["name"])).join(", ")}`,
      );
    const max = num("max_length") ?? 6000;
    if (lengthOf(value) > max)
      throw new RefusedByClient(`option ${name} is longer than its max_length ${max}`);
    if (typing) return; // the member is still typing: autocomplete sees partial text
    if (value === "") throw new RefusedByClient(`option ${name} is empty`);
    const min = num("min_length") ?? 0;
    if (lengthOf(value) < min)
      throw new RefusedByClient(`option ${name} is shorter than its min_length ${min}`);
    return;
  }
  if (option.type === 4 || option.type === 10) {
    if (typing) return;
    if (typeof value !== "number" || !Number.isFinite(value))
      throw new RefusedByClient(`option ${name} takes a number`);
    if (option.type === 4 && !Number.isSafeInteger(value))
      throw new RefusedByClient(`option ${name} takes an integer between -2^53+1 and 2^53-1`);
    if (Math.abs(value) > 2 ** 53) throw new RefusedByClient(`option ${name} is out of range`);
    const min = num("min_value");
    const max = num("max_value");
    if ((min !== undefined && value < min) || (max !== undefined && value > max))
      throw new RefusedByClient(`option ${name} ${range(min, max)}`);
  }
}

/**
 * Text input docs: "min_length: Minimum input length for a text input; min 0, max 4000",
 * "max_length: Maximum input length for a text input; min 1, max 4000", "required: Whether this
 * component is required to be filled (defaults to true)". Checked against the modal the bot
 * showed under this custom id; a submit for a modal never shown is sent as given.
 */
export function checkModalValues(
  shown: JsonObject[] | undefined,
  values: Array<{ customId: string; value: string }>,
): void {
  if (!shown) return;
  const inputs = shown.flatMap((top): JsonObject[] => {
    if (top["type"] === 18) return [top["component"] as JsonObject];
    return (top["components"] as JsonObject[] | undefined) ?? [];
  });
  for (const input of inputs.filter((c) => c["type"] === 4)) {
    const id = String(input["custom_id"]);
    const value = values.find((v) => v.customId === id)?.value ?? "";
    const max = typeof input["max_length"] === "number" ? input["max_length"] : 4000;
    const min = typeof input["min_length"] === "number" ? input["min_length"] : 0;
    if (value === "" && input["required"] !== false)
      throw new RefusedByClient(`text input ${id} is required`);
    if (lengthOf(value) > max)
      throw new RefusedByClient(`text input ${id} is longer than its max_length ${max}`);
    if (value !== "" && lengthOf(value) < min)
      throw new RefusedByClient(`text input ${id} is shorter than its min_length ${min}`);
  }
}

/** What min_value/max_value allow, said as the member reads it. */
function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `must be between ${min} and ${max}`;
  return min !== undefined ? `must be at least ${min}` : `must be at most ${max}`;
}
