import { once } from "node:events";
import { afterEach, describe, expect, test } from "vitest";
import { WebSocket } from "ws";
import { ApplicationFlag, startEmulator, type Emulator } from "../../emulator/index.js";

/*
 * "Disallowed intent(s): You sent a disallowed intent for a Gateway Intent. You may have tried to
 * specify an intent that you have not enabled or are not approved for." (close code 4014)
 */

const GUILDS = 1 << 0;
const GUILD_MEMBERS = 1 << 1;
const GUILD_PRESENCES = 1 << 8;
const MESSAGE_CONTENT = 1 << 15;

let emu: Emulator | undefined;

afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** IDENTIFY with `intents`; resolves with the close code, or "READY" once READY arrives. */
async function identify(emulator: Emulator, intents: number): Promise<number | "READY"> {
  const ws = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
  const outcome = new Promise<number | "READY">((resolve) => {
    ws.on("message", (data: Buffer) => {
      const payload = JSON.parse(data.toString()) as { op: number; t?: string };
      if (payload.op === 10)
        ws.send(JSON.stringify({ op: 2, d: { token: emulator.token, intents, properties: {} } }));
      if (payload.t === "READY") resolve("READY");
    });
    ws.on("close", (code: number) => resolve(code));
  });
  await once(ws, "open");
  const result = await outcome;
  ws.close();
  return result;
}

const { GatewayGuildMembers, GatewayGuildMembersLimited, GatewayPresenceLimited } = ApplicationFlag;
const { GatewayMessageContentLimited } = ApplicationFlag;

describe("privileged intents the application has not enabled", () => {
  test.each([
    ["no privileged intent enabled", 0, GUILDS | GUILD_MEMBERS, 4014],
    ["no privileged intent enabled", 0, GUILDS | GUILD_PRESENCES, 4014],
    ["no privileged intent enabled", 0, GUILDS | MESSAGE_CONTENT, 4014],
    ["message content only", GatewayMessageContentLimited, GUILDS | GUILD_MEMBERS, 4014],
    ["members only", GatewayGuildMembersLimited, GUILDS | GUILD_MEMBERS | GUILD_PRESENCES, 4014],
    ["no privileged intent enabled", 0, GUILDS, "READY"],
    ["members (limited)", GatewayGuildMembersLimited, GUILDS | GUILD_MEMBERS, "READY"],
    ["members (verified)", GatewayGuildMembers, GUILDS | GUILD_MEMBERS, "READY"],
    ["presence (limited)", GatewayPresenceLimited, GUILDS | GUILD_PRESENCES, "READY"],
    ["message content (limited)", GatewayMessageContentLimited, GUILDS | MESSAGE_CONTENT, "READY"],
  ] as const)(
    "GIVEN an application with %s (flags %i) AND an IDENTIFY with intents %i THEN %s",
    async (_, applicationFlags, intents, expected) => {
      emu = await startEmulator({ applicationFlags });
      expect(await identify(emu, intents)).toBe(expected);
    },
  );

  test("GIVEN no applicationFlags THEN the members intent is enabled, as the bot's own tests expect", async () => {
    emu = await startEmulator();
    expect(await identify(emu, GUILDS | GUILD_MEMBERS)).toBe("READY");
  });
});
