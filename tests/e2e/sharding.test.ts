import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { ENGINES, failUnlessAvailable, runsHere } from "../store/store-engines.js";
import { startBot, type BotProcess } from "./bot-process.js";
import { startEmulator, type Emulator, type GuildHandle } from "../../emulator/index.js";
import { configureDueNow } from "./harness.js";

/*
 * SHARDS=2 through discord.js's ShardingManager against the emulator: each shard process holds
 * half of the servers and schedules only those; both share one store, on each engine (Redis
 * and PostgreSQL are the servers .ci/run starts).
 */

/** What each start waits for; a test's time-out covers its waits, so a slow run says which. */
const SPAWN_MS = 30_000;
const TICKS_MS = 20_000;
const START_MS = SPAWN_MS + TICKS_MS;

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
    /** The first start, and the IDENTIFYs it sent (a later restart sends its own). */
    let first: BotProcess;
    let firstIdentifies: { shardId?: number; intents?: number }[];

    function start() {
      const bot = startBot({
        DISCORD_TOKEN: emu.token,
        DISCORD_API_URL: emu.apiUrl,
        STORE_URL: storeUrl,
        SHARDS: "2",
        HEALTH_PORT: String(healthPort),
        SHARD_SPAWN_DELAY_MS: "0", // the emulator lets both shards identify at once
      });
      running.push(bot);
      return bot;
    }

    /** Starts the manager and waits until both shards have run their catch-up tick. */
    async function startAndCatchUp() {
      const bot = start();
      await bot.waitForLog("all shards spawned", SPAWN_MS);
      await vi.waitFor(
        () => {
          if (countLogs(bot, "catch-up tick done") < 2)
            throw new Error(`both shards did not finish a catch-up tick; output:\n${bot.output()}`);
        },
        { timeout: TICKS_MS, interval: 100 },
      );
      expect(countLogs(bot, "catch-up tick done")).toBe(2);
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
      first = await startAndCatchUp();
      firstIdentifies = emu.gatewayLog.filter((entry) => entry.kind === "identify");
    }, 10_000 + START_MS);

    afterAll(async () => {
      await Promise.all(running.map((bot) => bot.stop()));
      await emu?.close();
      await engine.cleanup();
    });

    test("GIVEN SHARDS=2 THEN each shard schedules its own servers and every server gets exactly one post", () => {
      expect(guilds.map((guild) => postsIn(guild).length)).toEqual([1, 1, 1, 1]);
      const posters = first
        .output()
        .split("\n")
        .filter((line) => line.includes('"msg":"daily question posted"'))
        .map((line) => JSON.parse(line) as { shard: string; guildId: string });
      expect(posters).toHaveLength(4);
      for (const { shard, guildId } of posters)
        expect(Number((BigInt(guildId) >> 22n) % 2n)).toBe(Number(shard));
      const identified = firstIdentifies.map((entry) => entry.shardId);
      expect(identified.sort()).toEqual([0, 1]);
      // Only the Guilds intent (1): no privileged intents.
      expect(firstIdentifies.map((entry) => entry.intents)).toEqual([1, 1]);
    });

    // Whichever manager runs now (the first, or the restart below) serves HEALTH_PORT.
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

    test(
      "GIVEN SIGTERM THEN every shard stops gracefully; a restart posts nothing twice",
      async () => {
        expect(await first.stop()).toBe(0);
        expect(countLogs(first, '"msg":"stopped"')).toBe(2);

        const again = await startAndCatchUp();
        expect(guilds.map((guild) => postsIn(guild).length)).toEqual([1, 1, 1, 1]);
        expect(again.output()).not.toContain(emu.token);
      },
      10_000 + START_MS,
    );
  });
});
