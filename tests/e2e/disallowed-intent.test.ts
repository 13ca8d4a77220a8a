import { afterEach, describe, expect, test } from "vitest";
import { startBot, tempStoreUrl, type BotProcess } from "./bot-process.js";
import { ApplicationFlag, startEmulator, type Emulator } from "../../emulator/index.js";

/*
 * MEMBERS_INTENT=true while the Server Members intent is off in the Developer Portal: Discord
 * closes the gateway with 4014 (Disallowed intent(s)). No reconnect fixes that, so the bot must
 * end with exit 78 and one line saying what to switch on (or off).
 */

const FATAL_EXIT_CODE = 78;

let emu: Emulator | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.stop();
  await emu?.close();
  bot = emu = undefined;
});

const fatalLines = (process: BotProcess) =>
  process
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((line) => line.level === 60);

describe("a privileged intent the application has not enabled", () => {
  test("GIVEN MEMBERS_INTENT=true AND the members intent off in the portal THEN the gateway closes with 4014 and the bot exits 78 saying what to fix", async () => {
    // Message Content on, Server Members off.
    emu = await startEmulator({
      specPath: process.env.DISCORD_API_SPEC,
      applicationFlags: ApplicationFlag.GatewayMessageContentLimited,
    });
    emu.addGuild({ name: "no members intent" });
    bot = startBot({
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.apiUrl,
      STORE_URL: await tempStoreUrl(),
      MEMBERS_INTENT: "true",
      LOG_LEVEL: "info",
    });

    const code = await bot.exited;

    expect(code).toBe(FATAL_EXIT_CODE);
    expect(emu.gatewayLog).toContainEqual(expect.objectContaining({ kind: "close", code: 4014 }));
    expect(fatalLines(bot).map((line) => line.msg)).toEqual([
      expect.stringMatching(/4014 \(Disallowed intent\(s\)\).*MEMBERS_INTENT=false/),
    ]);
    expect(bot.output()).not.toContain(emu.token);
  }, 30_000);
});
