import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const TOKEN = "not-a-real.token.config-tests";

describe("loadConfig", () => {
  test("GIVEN only a token THEN the documented defaults apply", () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN })).toEqual({
      token: TOKEN,
      apiUrl: "https://discord.com/api",
      storeUrl: "sqlite://data/daily-drill.sqlite",
      bankPaths: [],
      logLevel: "info",
      devGuildId: undefined,
      graceMs: undefined,
      shards: 1,
      healthPort: undefined,
      serverMembersIntent: false,
      shardSpawnDelayMs: 5_500,
    });
  });

  test("GIVEN every setting THEN each is read and normalised", () => {
    const config = loadConfig({
      DISCORD_TOKEN: ` ${TOKEN} `,
      DISCORD_API_URL: "http://127.0.0.1:4000/api/",
      STORE_URL: "sqlite:///tmp/x.sqlite",
      BANK_PATH: "a.json, more/ ,",
      LOG_LEVEL: "debug",
      DEV_GUILD_ID: "123456789012345678",
      CATCH_UP_HOURS: "2.5",
      SHARDS: "auto",
      HEALTH_PORT: "8080",
      MEMBERS_INTENT: "true",
      SHARD_SPAWN_DELAY_MS: "0",
    });
    expect(config).toMatchObject({
      shardSpawnDelayMs: 0,
      serverMembersIntent: true,
      shards: "auto",
      healthPort: 8080,
      graceMs: 9_000_000,
      token: TOKEN,
      apiUrl: "http://127.0.0.1:4000/api",
      bankPaths: ["a.json", "more/"],
      logLevel: "debug",
      devGuildId: "123456789012345678",
    });
  });

  test.each([
    [{}, /^DISCORD_TOKEN is missing: copy the bot token/],
    [{ DISCORD_TOKEN: "   " }, /^DISCORD_TOKEN is missing/],
    [{ DISCORD_TOKEN: "has space" }, /^DISCORD_TOKEN has characters/],
    [
      { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: "discord.com" },
      /^DISCORD_API_URL must be an http\(s\) URL/,
    ],
    [{ DISCORD_TOKEN: TOKEN, STORE_URL: "mysql://x" }, /^STORE_URL must start with sqlite:\/\//],
    [{ DISCORD_TOKEN: TOKEN, LOG_LEVEL: "loud" }, /^LOG_LEVEL must be one of fatal, error/],
    [{ DISCORD_TOKEN: TOKEN, DEV_GUILD_ID: "my-server" }, /^DEV_GUILD_ID must be a Discord id/],
    [{ DISCORD_TOKEN: TOKEN, CATCH_UP_HOURS: "soon" }, /^CATCH_UP_HOURS must be a number of hours/],
    [{ DISCORD_TOKEN: TOKEN, CATCH_UP_HOURS: "30" }, /^CATCH_UP_HOURS must be under 24/],
    [
      { DISCORD_TOKEN: TOKEN, SHARD_SPAWN_DELAY_MS: "-1" },
      /^SHARD_SPAWN_DELAY_MS must be 0 or more/,
    ],
    [{ DISCORD_TOKEN: TOKEN, SHARDS: "many" }, /^SHARDS must be auto or a whole number/],
    [{ DISCORD_TOKEN: TOKEN, HEALTH_PORT: "99999" }, /^HEALTH_PORT must be between 1 and 65535/],
    [
      { DISCORD_TOKEN: TOKEN, MEMBERS_INTENT: "yes" },
      /^MEMBERS_INTENT must be true or false: set true only once Server Members Intent is on/,
    ],
  ])("GIVEN %j THEN one line says which setting and how to fix it", (env, message) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const text = (thrown as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  test("GIVEN a malformed token THEN the message never repeats the value", () => {
    const secret = "secret value";
    expect(() => loadConfig({ DISCORD_TOKEN: secret })).toThrow(ConfigError);
    try {
      loadConfig({ DISCORD_TOKEN: secret });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe("STORE_URL schemes come from the store's one list", () => {
  test.each([
    "sqlite:///tmp/x.sqlite",
    "redis://127.0.0.1:6379",
    "rediss://127.0.0.1:6380",
    "postgres://drill@127.0.0.1:5432/drill",
    "postgresql://drill@127.0.0.1:5432/drill",
  ])("GIVEN STORE_URL %s THEN it is accepted", (url) => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, STORE_URL: url }).storeUrl).toBe(url);
  });

  test("GIVEN another scheme THEN the message lists every scheme the store opens", () => {
    expect(() => loadConfig({ DISCORD_TOKEN: TOKEN, STORE_URL: "mysql://x" })).toThrow(
      "STORE_URL must start with sqlite://, redis://, rediss://, postgres:// or postgresql:// (for example sqlite://data/daily-drill.sqlite)",
    );
  });
});
