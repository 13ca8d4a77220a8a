import { once } from "node:events";
import { Events } from "discord.js";
import { pino } from "pino";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { tempStoreUrl } from "./bot-process.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";

/*
 * The real client against the emulator, in this process: /healthz follows each shard's live
 * state, and a close code Discord documents as not to reconnect after is fatal.
 */

/** Long enough that the first look after the outage is seen falls inside it on a busy machine. */
const GRACE_MS = 1_000;

let emu: Emulator | undefined;
let app: App | undefined;

afterEach(async () => {
  await app?.stop(0);
  await emu?.close();
  app = emu = undefined;
});

async function start(options: { reconnectGraceMs?: number } = {}) {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  emu.addGuild({ name: "health" });
  const config = loadConfig({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    STORE_URL: await tempStoreUrl(),
  });
  const fatal: string[] = [];
  app = await createApp(config, pino({ level: "silent" }), {
    schedule: false,
    onFatal: (reason) => fatal.push(reason),
    ...options,
  });
  const ready = once(app.client, Events.ClientReady);
  await app.start();
  await ready;
  return { app, emu, fatal };
}

describe("/healthz follows the gateway, not only the first READY", () => {
  test("GIVEN a gateway outage past the reconnect grace THEN health is not ok; once the shard is back THEN ok again", async () => {
    const { app, emu } = await start({ reconnectGraceMs: GRACE_MS });
    expect((await app.health()).ok).toBe(true);
    emu.gatewayOutage(true);
    // The outage is seen (the shard is no longer READY) and, within the grace, a reconnect is
    // normal: /healthz still answers 200.
    const noticed = await vi.waitFor(
      async () => {
        const health = await app.health();
        if (health.gateway.live[0]?.status === "Ready") throw new Error("outage not seen yet");
        return health;
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(noticed.gateway.live[0]?.downMs).toBeLessThan(GRACE_MS);
    expect(noticed.gateway.live[0]).toMatchObject({ id: 0, ok: true });
    expect(noticed.ok).toBe(true);
    await expect
      .poll(async () => (await app.health()).ok, { timeout: 5_000, interval: 100 })
      .toBe(false);
    // Unhealthy because the shard stayed down past the grace, not for another reason.
    const past = (await app.health()).gateway.live[0];
    expect(past).toMatchObject({ id: 0, ok: false });
    expect(past?.downMs).toBeGreaterThanOrEqual(GRACE_MS);
    emu.gatewayOutage(false);
    await expect
      .poll(async () => (await app.health()).ok, { timeout: 15_000, interval: 200 })
      .toBe(true);
  }, 30_000); // its waits add up to 25 s

  test.each([
    [4004, /4004 \(Authentication failed\).*DISCORD_TOKEN/],
    [4010, /4010 \(Invalid shard\).*SHARDS/],
    [4011, /4011 \(Sharding required\).*SHARDS=auto/],
    [4012, /4012 \(Invalid API version\).*update discord\.js/],
    [4013, /4013 \(Invalid intent\(s\)\)/],
    [4014, /4014 \(Disallowed intent\(s\)\).*Privileged Gateway Intents/],
  ])(
    "GIVEN the gateway closes with %i THEN it is fatal, says what to fix, and health is 503",
    async (code, says) => {
      const { app, emu, fatal } = await start();
      emu.closeGateway(code, "closed by the test");
      await expect.poll(() => fatal.length, { timeout: 5_000 }).toBe(1);
      expect(fatal[0]).toMatch(says);
      const health = await app.health();
      expect(health.ok).toBe(false);
      expect(health.fatal).toBe(fatal[0]);
    },
  );
});
