import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ENGINES, failUnlessAvailable, runsHere } from "../store/store-engines.js";
import { startBot, type BotProcess } from "./bot-process.js";
import { startEmulator, type Emulator, type GuildHandle } from "./emulator/index.js";
import { configureDueNow } from "./harness.js";

/*
 * SHARDS=2 through discord.js's ShardingManager against the emulator: each shard process holds
 * half of the servers and schedules only those; both share one store, on each engine (Redis
 * and PostgreSQL are the servers .ci/run starts).
 */

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A snowflake whose shard (id >> 22) % 2 is `shard`. */
const idOnShard = (shard: number, n: number) =>
  ((BigInt(Date.now() - 1_420_070_400_000 - 10_000 * n) * 2n + BigInt(shard)) << 22n).toString();

describe.each(ENGINES)("two shards sharing one store on $name", (engine) => {
  describe.runIf(runsHere(engine))("exactly one post per server", () => {
    failUnlessAvailable(engine);
    let emu: Emulator;
    let storeUrl: string;
    let healthPort: number;
    const guilds: GuildHandle[] = [];
    const running: BotProcess[] = [];

    function start() {
      const bot = startBot({
        DISCORD_TOKEN: emu.token,
        DISCORD_API_URL: emu.apiUrl,
        STORE_URL: storeUrl,
        SHARDS: "2",
        HEALTH_PORT: String(healthPort),
      });
      running.push(bot);
      return bot;
    }

    const postsIn = (guild: GuildHandle) =>
      emu.messages(guild.channels.general).filter((m) => m.author.id === emu.botUserId);
    const countLogs = (bot: BotProcess, text: string) => bot.output().split(text).length - 1;

    beforeAll(async () => {
      emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC, shards: 2 });
      storeUrl = await engine.freshUrl();
      healthPort = await freePort();
      for (let i = 0; i < 4; i++)
        guilds.push(emu.addGuild({ name: `shard test ${i}`, id: idOnShard(i % 2, i) }));
      for (const guild of guilds) await configureDueNow(storeUrl, guild);
    });

    afterAll(async () => {
      await Promise.all(running.map((bot) => bot.stop()));
      await emu?.close();
      await engine.cleanup();
    });

    test("GIVEN SHARDS=2 THEN each shard schedules its own servers and every server gets exactly one post", async () => {
      const bot = start();
      await bot.waitForLog("all shards spawned", 60_000);
      await expect.poll(() => countLogs(bot, "catch-up tick done"), { timeout: 20_000 }).toBe(2);
      expect(guilds.map((guild) => postsIn(guild).length)).toEqual([1, 1, 1, 1]);
      const posters = bot
        .output()
        .split("\n")
        .filter((line) => line.includes('"msg":"daily question posted"'))
        .map((line) => JSON.parse(line) as { shard: string; guildId: string });
      expect(posters).toHaveLength(4);
      for (const { shard, guildId } of posters)
        expect(Number((BigInt(guildId) >> 22n) % 2n)).toBe(Number(shard));
      const identified = emu.gatewayLog
        .filter((entry) => entry.kind === "identify")
        .map((entry) => entry.shardId);
      expect(identified.sort()).toEqual([0, 1]);
      // Only the Guilds intent (1): no privileged intents.
      expect(
        emu.gatewayLog.filter((entry) => entry.kind === "identify").map((entry) => entry.intents),
      ).toEqual([1, 1]);
    });

    test("GIVEN HEALTH_PORT THEN /healthz reports both shards' gateway and store", async () => {
      const response = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
      const body = (await response.json()) as {
        ok: boolean;
        shards: { gateway: { shards: number[] }; store: { ok: boolean } }[];
      };
      expect(response.status).toBe(200);
      expect(body.ok).toBe(true);
      expect(
        body.shards
          .map((s) => s.gateway.shards)
          .flat()
          .sort(),
      ).toEqual([0, 1]);
      expect(body.shards.every((s) => s.store.ok)).toBe(true);
    });

    test("GIVEN SIGTERM THEN every shard stops gracefully; a restart posts nothing twice", async () => {
      const bot = running[0]!;
      expect(await bot.stop()).toBe(0);
      expect(countLogs(bot, '"msg":"stopped"')).toBe(2);

      const again = start();
      await again.waitForLog("all shards spawned", 60_000);
      await expect.poll(() => countLogs(again, "catch-up tick done"), { timeout: 20_000 }).toBe(2);
      expect(guilds.map((guild) => postsIn(guild).length)).toEqual([1, 1, 1, 1]);
      expect(again.output()).not.toContain(emu.token);
    });
  });
});
