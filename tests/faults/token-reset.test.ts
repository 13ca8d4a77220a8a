import { createServer } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { startBot, tempStoreUrl, type BotProcess } from "../e2e/bot-process.js";
import { startEmulator, type Emulator, type GuildHandle } from "../../emulator/index.js";
import { Permission } from "../../emulator/permissions.js";
import { slash } from "../e2e/harness.js";
import { rounds } from "./fault-rounds.js";

/*
 * The token is reset in the Developer Portal while the bot runs. Discord then closes the gateway
 * with 4004 on RESUME and answers 401 to every REST request with the old token; after 10,000
 * invalid requests in 10 minutes it bans the IP. The bot must end (exit 78, one line saying
 * what to fix), never look healthy meanwhile, and send no more than a handful of 401s.
 */

const FATAL_EXIT_CODE = 78;
/** "A handful": the requests already on the wire when the first 401 comes back. */
const MAX_401 = 5;

let emu: Emulator | undefined;
const running: BotProcess[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
  await emu?.close();
  emu = undefined;
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

function start(emulator: Emulator, env: Record<string, string>) {
  const bot = startBot({
    DISCORD_TOKEN: emulator.token,
    DISCORD_API_URL: emulator.apiUrl,
    LOG_LEVEL: "info",
    ...env,
  });
  running.push(bot);
  return bot;
}

const unauthorizedSince = (emulator: Emulator, at: number) =>
  emulator.requests.filter((r) => r.status === 401 && r.at >= at).length;

const fatalLines = (bot: BotProcess) =>
  bot
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string; time: number })
    .filter((line) => line.level === 60);

/** /healthz every 50 ms until the bot exits: what a load balancer would have seen. */
function watchHealth(port: number, bot: BotProcess) {
  const seen: { at: number; status: number | "refused" }[] = [];
  let done = false;
  void bot.exited.then(() => (done = true));
  const loop = (async () => {
    while (!done) {
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.status,
        () => "refused" as const,
      );
      seen.push({ at: Date.now(), status });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return { seen, finished: loop };
}

describe("a token reset while the bot runs", () => {
  test.each(Array.from({ length: rounds(1, 5) }, (_, round) => round))(
    "GIVEN the gateway closes with 4004 on RESUME THEN the bot exits 78 with one line saying what to fix, and never answers 200 after (round %i)",
    async () => {
      emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
      emu.addGuild({ name: "reset" });
      const healthPort = await freePort();
      const bot = start(emu, { STORE_URL: await tempStoreUrl(), HEALTH_PORT: String(healthPort) });
      await bot.waitForLog("catch-up tick done");
      expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);

      const health = watchHealth(healthPort, bot);
      const resetAt = Date.now();
      const oldToken = emu.token;
      emu.resetToken();
      const code = await bot.exited;
      const exitMs = Date.now() - resetAt;
      await health.finished;

      expect(code).toBe(FATAL_EXIT_CODE);
      expect(exitMs).toBeLessThan(10_000);
      const fatal = fatalLines(bot);
      expect(fatal).toHaveLength(1);
      expect(fatal[0]?.msg).toMatch(/4004 \(Authentication failed\).*DISCORD_TOKEN/);
      expect(emu.gatewayLog.at(-1)).toMatchObject({ kind: "close", code: 4004 });
      // Reconnecting within the grace is normal; from the 4004 on, never healthy again.
      const fatalAt = fatal[0]!.time;
      expect(health.seen.filter((s) => s.status === 200 && s.at > fatalAt + 20)).toEqual([]);
      expect(unauthorizedSince(emu, resetAt)).toBeLessThanOrEqual(MAX_401);
      expect(bot.output()).not.toContain(oldToken);
      console.info(
        `token reset (4004 on resume): exit ${code} after ${exitMs} ms, ${unauthorizedSince(emu, resetAt)} REST 401s, health seen ${JSON.stringify([...new Set(health.seen.map((s) => s.status))])}`,
      );
    },
  );

  test("GIVEN REST answers 401 before the gateway notices THEN the first 401 ends the bot; the member still gets an answer", async () => {
    emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
    const guild: GuildHandle = emu.addGuild({ name: "rest first" });
    const admin = emu.addMember(guild.id, {
      username: "admin",
      locale: "en-US",
      permissions: Permission.ManageGuild,
    });
    const storeUrl = await tempStoreUrl();
    const store = await openStore(storeUrl);
    await store.guilds.update(guild.id, (s) => ({ ...s, channelId: guild.channels.general }));
    await store.close();
    const bot = start(emu, { STORE_URL: storeUrl });
    await bot.waitForLog("catch-up tick done");

    const resetAt = Date.now();
    emu.resetToken({ keepGateway: true });
    const postNow = slash(emu, guild, admin, "config", "post-now");
    const code = await bot.exited;
    const exitMs = Date.now() - resetAt;

    expect(code).toBe(FATAL_EXIT_CODE);
    expect(fatalLines(bot).map((line) => line.msg)).toEqual([
      expect.stringMatching(/401 Unauthorized.*DISCORD_TOKEN/),
    ]);
    const reply = await postNow.edited(1_000);
    expect(reply.content).toBe("Discord refused that request. Please try again in a moment.");
    expect(emu.messages(guild.channels.general)).toHaveLength(0);
    expect(unauthorizedSince(emu, resetAt)).toBeLessThanOrEqual(MAX_401);
    console.info(
      `token reset (401 on REST first): exit ${code} after ${exitMs} ms, ${unauthorizedSince(emu, resetAt)} REST 401s`,
    );
  });

  test("GIVEN SHARDS=2 THEN the manager does not respawn the shards and exits 78 too", async () => {
    emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC, shards: 2 });
    emu.addGuild({ name: "sharded reset" });
    const bot = start(emu, {
      STORE_URL: await tempStoreUrl(),
      SHARDS: "2",
      SHARD_SPAWN_DELAY_MS: "0", // the emulator lets both shards identify at once
    });
    await bot.waitForLog("all shards spawned", 30_000);

    const resetAt = Date.now();
    emu.resetToken();
    const code = await bot.exited;
    const exitMs = Date.now() - resetAt;

    expect(code).toBe(FATAL_EXIT_CODE);
    expect(bot.output()).toContain("a shard stopped on a problem only the operator can fix");
    expect(fatalLines(bot).filter((line) => line.msg.includes("4004")).length).toBeGreaterThan(0);
    // Not respawned: every IDENTIFY happened before the reset.
    expect(emu.gatewayLog.filter((e) => e.kind === "identify" && e.at > resetAt)).toEqual([]);
    expect(unauthorizedSince(emu, resetAt)).toBeLessThanOrEqual(MAX_401);
    console.info(`token reset with SHARDS=2: manager exit ${code} after ${exitMs} ms`);
  }, 60_000);
});
