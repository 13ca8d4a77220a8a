import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { startBot } from "./bot-process.js";

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
