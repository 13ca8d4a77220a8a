import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBot, tempStoreUrl } from "./bot-process.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";

/*
 * The real entry point with a bug that throws where nothing catches it: the process logs it
 * with its context as a JSON line (flushed before exit) and ends non-zero for a supervisor to
 * restart. A rejection nothing awaited is logged with its context and the process goes on.
 */

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator();
  emu.addGuild({ name: "crash" });
});

afterAll(async () => {
  await emu?.close();
});

type Line = { level: number; msg: string; origin?: string; err?: { message?: string } };

describe("errors nothing handled", () => {
  test("GIVEN an unhandled rejection and then an uncaught exception THEN both are logged with context; the exception ends the process non-zero", async () => {
    const bot = startBot(
      {
        DISCORD_TOKEN: emu.token,
        DISCORD_API_URL: emu.apiUrl,
        STORE_URL: await tempStoreUrl(),
      },
      { entry: "tests/fixtures/crash-entry.ts" },
    );
    const code = await bot.exited;
    expect(code).not.toBe(0);
    const lines = bot
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Line);
    const rejection = lines.findIndex((line) => line.msg === "unhandled rejection");
    const crash = lines.findIndex((line) => line.msg === "uncaught exception; exiting");
    expect(lines[rejection]).toMatchObject({
      level: 50,
      origin: "unhandledRejection",
      err: { message: "a rejection nobody awaited" },
    });
    expect(lines[crash]).toMatchObject({
      level: 60,
      origin: "uncaughtException",
      err: { message: "a throw nobody caught" },
    });
    expect(rejection).toBeLessThan(crash); // the rejection did not end the process
    expect(bot.output()).not.toContain(emu.token);
  });
});
