import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBot, tempStoreUrl, type BotProcess } from "./bot-process.js";
import { startEmulator, type Emulator, type GuildHandle } from "../../emulator/index.js";

/*
 * An interaction token is a credential for 15 minutes, and discord.js errors carry it in the
 * request URL (/interactions/{id}/{token}/callback). The real bot process, at LOG_LEVEL=debug,
 * gets a 10062 on an interaction's callback and must log neither that token nor the bot's.
 */

let emu: Emulator;
let bot: BotProcess;
let guild: GuildHandle;

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "redaction" });
  bot = startBot({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    STORE_URL: await tempStoreUrl(),
    LOG_LEVEL: "debug",
  });
  await bot.waitForLog("connected to Discord");
});

afterAll(async () => {
  await bot?.stop();
  await emu?.close();
});

describe("no token reaches the log", () => {
  test("GIVEN 10062 Unknown interaction on the callback THEN it is logged with its URL, without the token", async () => {
    const member = emu.addMember(guild.id, { username: "ada", locale: "en-US" });
    emu.failNext({
      method: "POST",
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 404,
      code: 10062,
      message: "Unknown interaction",
    });
    const handle = emu.interact({
      guildId: guild.id,
      user: member,
      type: "command",
      name: "streak",
    });
    await bot.waitForLog("interaction expired or already answered");
    const code = await bot.stop();
    expect(code).toBe(0);

    const output = bot.output();
    expect(handle.token.length).toBeGreaterThan(20);
    expect(output).not.toContain(handle.token);
    expect(output).not.toContain(emu.token);
    // The failure was logged with the error's URL minus its token (what the log needs).
    expect(output).toContain("10062");
    expect(output).toContain(`/interactions/${handle.id}/[redacted]/callback`);
  });
});
