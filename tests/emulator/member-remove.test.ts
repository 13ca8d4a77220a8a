import { once } from "node:events";
import { Client, GatewayIntentBits, Routes } from "discord.js";
import { afterEach, describe, expect, test } from "vitest";
import { apiErrorOf } from "./bare-client.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";

let emu: Emulator | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await emu?.close();
});

/** Logs in with `intents` and records every dispatch name, in order. */
async function loginWith(intents: GatewayIntentBits[]) {
  emu = await startEmulator();
  const guild = emu.addGuild({ name: "Team" });
  const member = emu.addMember(guild.id, { username: "ada" });
  client = new Client({ intents, rest: { api: emu.apiUrl } });
  const seen: { t: string; d: unknown }[] = [];
  client.on("raw", (packet: { t: string | null; d: unknown }) => {
    if (packet.t) seen.push({ t: packet.t, d: packet.d });
  });
  const ready = once(client, "clientReady");
  await client.login(emu.token);
  await ready;
  return { emu, client, guild, member, seen };
}

describe("GUILD_MEMBER_REMOVE", () => {
  test("GIVEN a bot identified with Guilds only THEN a member leaving sends it nothing, and REST says 10007", async () => {
    const { emu, client, guild, member, seen } = await loginWith([GatewayIntentBits.Guilds]);
    emu.removeMember(guild.id, member.id);
    // Dispatches arrive in order: once the next guild's GUILD_CREATE is in, a REMOVE would be too.
    const joined = emu.addGuild({ name: "Later" });
    await expect
      .poll(() =>
        seen.some((e) => e.t === "GUILD_CREATE" && (e.d as { id: string }).id === joined.id),
      )
      .toBe(true);
    expect(seen.map((e) => e.t)).not.toContain("GUILD_MEMBER_REMOVE");
    const error = await apiErrorOf(client.rest.get(Routes.guildMember(guild.id, member.id)));
    expect(error.code).toBe(10007);
  });

  test("GIVEN a bot identified with the Server Members intent THEN it hears who left and where", async () => {
    const { emu, guild, member, seen } = await loginWith([
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMembers,
    ]);
    emu.removeMember(guild.id, member.id);
    await expect
      .poll(() => seen.find((e) => e.t === "GUILD_MEMBER_REMOVE"), { timeout: 5000 })
      .toMatchObject({
        d: { guild_id: guild.id, user: { id: member.id } },
      });
  });
});
