import { discordErrors } from "./errors.js";
import { nextSnowflake } from "./snowflake.js";
import type { JsonObject } from "./types.js";

export type StoredCommand = JsonObject & {
  id: string;
  name: string;
  type: number;
  guild_id?: string;
};

/** Registered application commands, global and per guild, as bulk overwrite leaves them. */
export class CommandRegistry {
  readonly #global: StoredCommand[] = [];
  readonly #byGuild = new Map<string, StoredCommand[]>();

  constructor(private readonly applicationId: string) {}

  list(guildId?: string): StoredCommand[] {
    return guildId ? (this.#byGuild.get(guildId) ?? []) : this.#global;
  }

  /** Discord keeps the id of a command whose name and type are unchanged. */
  bulkOverwrite(guildId: string | undefined, body: unknown): StoredCommand[] {
    if (!Array.isArray(body)) throw discordErrors.invalidFormBody("body: Must be an array");
    const previous = this.list(guildId);
    const next = body.map((raw: JsonObject) => {
      if (typeof raw["name"] !== "string") throw discordErrors.invalidFormBody("name: required");
      checkOptionBounds((raw["options"] as JsonObject[] | undefined) ?? [], raw["name"]);
      const type = typeof raw["type"] === "number" ? raw["type"] : 1;
      const kept = previous.find((c) => c.name === raw["name"] && c.type === type);
      return this.#stored(raw, type, kept?.id ?? nextSnowflake(), guildId);
    });
    if (guildId) this.#byGuild.set(guildId, next);
    else this.#global.splice(0, this.#global.length, ...next);
    return next;
  }

  /** The id an interaction for this command carries: guild command first, then global. */
  find(name: string, guildId: string | undefined): StoredCommand | undefined {
    const local = guildId ? this.list(guildId).find((c) => c.name === name) : undefined;
    return local ?? this.#global.find((c) => c.name === name);
  }

  #stored(raw: JsonObject, type: number, id: string, guildId: string | undefined): StoredCommand {
    return {
      description: "",
      default_member_permissions: null,
      nsfw: false,
      contexts: null,
      integration_types: [0],
      ...raw,
      id,
      type,
      name: raw["name"] as string,
      application_id: this.applicationId,
      version: nextSnowflake(),
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }
}

/**
 * Application command option docs: "min_length: ... (minimum of 0, maximum of 6000)",
 * "max_length: ... (minimum of 1, maximum of 6000)". Registering outside them is refused.
 */
function checkOptionBounds(options: JsonObject[], path: string): void {
  for (const option of options) {
    const where = `${path}.${String(option["name"])}`;
    const bounded = (key: string, min: number) => {
      const value = option[key];
      if (value === undefined) return;
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > 6000)
        throw discordErrors.invalidFormBody(`${where}.${key}: must be between ${min} and 6000`);
    };
    bounded("min_length", 0);
    bounded("max_length", 1);
    checkOptionBounds((option["options"] as JsonObject[] | undefined) ?? [], where);
  }
}
