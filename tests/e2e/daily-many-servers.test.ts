import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { App } from "../../src/app.js";
import { startEmulator, type Emulator, type GuildHandle } from "../../emulator/index.js";
import { startInProcessApp, type Clock } from "./harness.js";

/*
 * The real client against the emulator, whose enforce_nonce dedupes per author across channels
 * as Discord's does: servers due at the same instant must each get their own post.
 */

const SERVERS = 8;
const POST_TIME = Date.parse("2026-11-30T09:00:00Z");

let emu: Emulator;
let app: App;
let guilds: GuildHandle[];
const clock: Clock = { now: POST_TIME };

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guilds = Array.from({ length: SERVERS }, (_, i) => emu.addGuild({ name: `team ${i + 1}` }));
  const dir = await mkdtemp(join(tmpdir(), "drill-many-"));
  app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock);
  for (const guild of guilds) {
    await app.ctx.guilds.update(guild.id, (s) => ({
      ...s,
      channelId: guild.channels.general,
      time: "09:00",
      timeZone: "UTC",
      enabled: true,
    }));
  }
});

afterAll(async () => {
  await app?.stop();
  await emu?.close();
});

test(`GIVEN ${SERVERS} servers due at one instant THEN each gets its own post, recorded as its own`, async () => {
  const report = await app.tick(POST_TIME);
  for (const guild of guilds) {
    expect(report.get(guild.id)?.kind, guild.id).toBe("posted");
    const posts = emu.messages(guild.channels.general).filter((m) => m.author.id === emu.botUserId);
    expect(posts, guild.id).toHaveLength(1);
    expect((await app.ctx.guilds.get(guild.id)).lastPost, guild.id).toMatchObject({
      channelId: guild.channels.general,
      messageId: posts[0]?.id,
    });
  }
});

test.runIf(Boolean(process.env.DISCORD_API_SPEC))(
  "GIVEN DISCORD_API_SPEC THEN every request was valid Discord (the nonce fits its 25 characters)",
  () => {
    expect(emu.specViolations).toEqual([]);
    expect(emu.unknownRoutes).toEqual([]);
  },
);
