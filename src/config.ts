import { z } from "zod";
import { engineOf, STORE_URL_FORMS, STORE_URL_STARTS } from "./store/store-url.js";

/** Thrown when the environment cannot start the bot; main prints `message` alone and exits 1. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17-20 digits)");

const schema = z.object({
  DISCORD_TOKEN: z
    .string({ error: "is missing" })
    .trim()
    .min(1, "is empty")
    .regex(/^[\w.-]+$/, "has characters a Discord token never contains (spaces or quotes?)"),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://discord.com/api" })
    .default("https://discord.com/api")
    .transform((url) => url.replace(/\/+$/, "")),
  STORE_URL: z
    .string()
    .trim()
    .default("sqlite://data/daily-drill.sqlite")
    .refine((url) => engineOf(url) !== undefined, {
      error: `must start with ${STORE_URL_STARTS} (for example sqlite://data/daily-drill.sqlite)`,
    })
    .refine((url) => engineOf(url) === "sqlite" || URL.canParse(url), {
      error: "is not a valid URL (percent-encode special characters in the password)",
    }),
  BANK_PATH: z
    .string()
    .trim()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((part) => part.trim())
            .filter(Boolean)
        : [],
    ),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })
    .default("info"),
  DEV_GUILD_ID: snowflake.optional(),
  SHARDS: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d{0,3})$/, "must be auto or a whole number of shards such as 2")
    .default("1")
    .transform((value) => (value === "auto" ? ("auto" as const) : Number(value))),
  HEALTH_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole port number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .optional(),
  MEMBERS_INTENT: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("false")
    .transform((value) => value === "true"),
  CATCH_UP_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .min(0, "must be 0 or more")
    .max(23, "must be under 24")
    .optional(),
  // For the tests only, so not in the README or .env.example: the emulator lets every shard
  // identify at once, where Discord allows one IDENTIFY per 5 s per bucket.
  SHARD_SPAWN_DELAY_MS: z.coerce
    .number({ error: "must be a number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(0, "must be 0 or more")
    .default(5_500),
});

export type Config = {
  token: string;
  apiUrl: string;
  storeUrl: string;
  bankPaths: string[];
  logLevel: (typeof LOG_LEVELS)[number];
  devGuildId: string | undefined;
  /** How late a missed daily post may still go out; undefined means the default (6 hours). */
  graceMs: number | undefined;
  /** 1 runs one process; more (or "auto", Discord's recommendation) run discord.js's ShardingManager. */
  shards: number | "auto";
  /** Serves GET /healthz when set. */
  healthPort: number | undefined;
  /**
   * Identify with the privileged Server Members intent too (opt-in: it must be switched on in
   * the developer portal), so GUILD_MEMBER_REMOVE tells the bot at once who left.
   */
  serverMembersIntent: boolean;
  /** How long the shard manager waits between spawning shards (discord.js's `delay`). */
  shardSpawnDelayMs: number;
};

const HOW_TO_FIX: Record<string, string> = {
  DISCORD_TOKEN:
    "copy the bot token from https://discord.com/developers/applications (your app -> Bot -> Reset Token) into .env or the environment",
  DISCORD_API_URL: "leave it unset for Discord itself",
  STORE_URL: `leave it unset for the default SQLite file, or give one of ${STORE_URL_FORMS}`,
  BANK_PATH: "give a bank file or folder, several separated by commas",
  LOG_LEVEL: "leave it unset for info",
  DEV_GUILD_ID: "copy the server id (Developer Mode -> right-click the server -> Copy Server ID)",
  CATCH_UP_HOURS: "give how many hours late a missed daily post may still go out, such as 6",
  SHARDS: "leave it unset for one process, or set auto",
  HEALTH_PORT: "leave it unset to serve no health endpoint, or give a free port such as 8080",
  MEMBERS_INTENT:
    "set true only once Server Members Intent is on in the developer portal (your app -> Bot -> Privileged Gateway Intents), else leave it unset",
  SHARD_SPAWN_DELAY_MS: "leave it unset: Discord allows one IDENTIFY per 5 seconds",
};

/** Reads the environment once. Blank values count as unset, like most .env loaders. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    // Never echo the received value: it may be the token.
    throw new ConfigError(
      `${name} ${issue?.message ?? "is invalid"}: ${HOW_TO_FIX[name] ?? "see .env.example"}.`,
    );
  }
  const value = parsed.data;
  return {
    token: value.DISCORD_TOKEN,
    apiUrl: value.DISCORD_API_URL,
    storeUrl: value.STORE_URL,
    bankPaths: value.BANK_PATH,
    logLevel: value.LOG_LEVEL,
    devGuildId: value.DEV_GUILD_ID,
    graceMs: value.CATCH_UP_HOURS === undefined ? undefined : value.CATCH_UP_HOURS * 3_600_000,
    shards: value.SHARDS,
    healthPort: value.HEALTH_PORT,
    serverMembersIntent: value.MEMBERS_INTENT,
    shardSpawnDelayMs: value.SHARD_SPAWN_DELAY_MS,
  };
}
