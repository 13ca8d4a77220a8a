import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBot } from "./bot-process.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";

const fixture = (name: string) => join(import.meta.dirname, "..", "fixtures", "banks", name);
const TOKEN = "not-a-real.token.startup-tests";

async function failedStart(env: Record<string, string>) {
  const bot = startBot(env, { cwd: await mkdtemp(join(tmpdir(), "drill-start-")) });
  const code = await bot.exited;
  return { code, output: bot.output().trim() };
}

describe("start-up refuses bad configuration with one clear line", () => {
  test.each([
    [{}, /^daily-drill: DISCORD_TOKEN is missing: copy the bot token from/],
    [
      { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: "localhost:3000" },
      /^daily-drill: DISCORD_API_URL must be an http\(s\) URL/,
    ],
    [
      { DISCORD_TOKEN: TOKEN, STORE_URL: "mysql://x" },
      /^daily-drill: STORE_URL must start with sqlite:\/\//,
    ],
    [
      { DISCORD_TOKEN: TOKEN, BANK_PATH: fixture("broken-missing-answer.json") },
      /^daily-drill: Bank file .*broken-missing-answer\.json is invalid: question 2, field "zh-CN\.answer": is required/,
    ],
    [
      { DISCORD_TOKEN: TOKEN, BANK_PATH: fixture("broken-key-point.json") },
      /^daily-drill: Bank file .*broken-key-point\.json is invalid: question 102, field "keyPoints\.0\.terms\.1": needs at least one term\.$/,
    ],
    [
      { DISCORD_TOKEN: TOKEN, BANK_PATH: "/no/such/bank" },
      /^daily-drill: Bank path \/no\/such\/bank does not exist/,
    ],
    [
      { DISCORD_TOKEN: TOKEN, STORE_URL: "redis://127.0.0.1:1" },
      /^daily-drill: Cannot open the store \(STORE_URL\): Redis at 127\.0\.0\.1:1 did not answer/,
    ],
    [
      { DISCORD_TOKEN: TOKEN, STORE_URL: "postgres://drill:s3cret-pass@127.0.0.1:1/drill" },
      /^daily-drill: Cannot open the store \(STORE_URL\): PostgreSQL at 127\.0\.0\.1:1/,
    ],
  ])("GIVEN %j THEN exit code 1 and a single line, no stack trace", async (env, message) => {
    const { code, output } = await failedStart(env);
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output.split("\n")).toHaveLength(1);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain("s3cret-pass");
  });
});

/*
 * Past the configuration, each stage says what failed: the bank, the store, the health port or
 * the login (a refused token, or Discord out of reach), never "cannot open the store" for all.
 */
describe("start-up says which stage failed", () => {
  let emu: Emulator;
  const taken = createServer();
  beforeAll(async () => {
    emu = await startEmulator();
    taken.listen(0, "127.0.0.1");
    await once(taken, "listening");
  });
  afterAll(async () => {
    taken.close();
    await emu?.close();
  });
  const quiet = { DISCORD_TOKEN: TOKEN, LOG_LEVEL: "error" };

  test.each([
    [
      "a bank path that is not a folder",
      () => ({ ...quiet, BANK_PATH: "/dev/null" }),
      /^daily-drill: Bank path \/dev\/null cannot be read \(ENOTDIR.*\): check BANK_PATH\.$/,
    ],
    [
      "a health port already taken",
      () => ({ ...quiet, HEALTH_PORT: String((taken.address() as { port: number }).port) }),
      /^daily-drill: Cannot serve \/healthz on HEALTH_PORT \d+ \(.*EADDRINUSE.*\): choose a free port/,
    ],
    [
      "Discord out of reach",
      () => ({ ...quiet, DISCORD_API_URL: "http://127.0.0.1:1" }),
      /^daily-drill: Cannot reach Discord at http:\/\/127\.0\.0\.1:1 to log in \(.*ECONNREFUSED.*\): check the network/,
    ],
    [
      "a token Discord refuses",
      () => ({ ...quiet, DISCORD_API_URL: emu.apiUrl }),
      /^daily-drill: Discord did not accept the login \(An invalid token was provided\.\)\. Check DISCORD_TOKEN/,
    ],
  ])("GIVEN %s THEN exit code 1 and one line naming that stage", async (_, env, message) => {
    const { code, output } = await failedStart(env());
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output.split("\n")).toHaveLength(1);
    expect(output).not.toContain("Cannot open the store");
    expect(output).not.toContain(TOKEN);
  });
});
