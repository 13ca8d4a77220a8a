import { once } from "node:events";
import { Writable } from "node:stream";
import { Events } from "discord.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { tempStoreUrl } from "../e2e/bot-process.js";
import { startEmulator, type Emulator, type FailNextRule } from "../../emulator/index.js";
import { configureDueNow } from "../e2e/harness.js";

/*
 * Every REST fault Discord can answer the daily post with, through the real client and the
 * emulator, and what the bot must do about each: retried (by discord.js at once, or by the
 * scheduler's backoff), paused (an admin must act; retrying would only burn Discord's
 * invalid-request budget), fatal (the token is dead) or ignored (an interaction that can no
 * longer be answered).
 */

const REST_TIMEOUT_MS = 400;

let emu: Emulator;
let app: App;
let storeUrl: string;
const logLines: string[] = [];
const fatal: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  storeUrl = await tempStoreUrl();
  const config = loadConfig({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    STORE_URL: storeUrl,
  });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  app = await createApp(config, createLogger("debug", { destination, secrets: [emu.token] }), {
    schedule: false,
    onFatal: (reason) => fatal.push(reason),
  });
  // A stalled Discord is met by discord.js's own time-out (15 s by default); shortened here.
  app.client.rest.options.timeout = REST_TIMEOUT_MS;
  const ready = once(app.client, Events.ClientReady);
  await app.start();
  await ready;
});

afterAll(async () => {
  await app?.stop(0);
  await emu?.close();
});

type Fault = Omit<FailNextRule, "path" | "method">;
type Expected = {
  outcome: "posted" | "retry" | "paused" | "fatal";
  /** How many times the post reached the emulator. */
  requests: number;
};

/** A fresh server, due now, whose next post meets `fault`; returns what the tick made of it. */
async function postThrough(fault: Fault) {
  const guild = emu.addGuild({ name: `fault ${JSON.stringify(fault)}` });
  await expect.poll(() => app.ctx.discord.holdsGuild(guild.id)).toBe(true);
  await configureDueNow(storeUrl, guild);
  const path = `/channels/${guild.channels.general}/messages`;
  emu.failNext({ method: "POST", path, ...fault });
  const report = await app.tick(Date.now());
  // The emulator records a request when it answers: a stalled one, after its hang.
  const requests = () => emu.requests.filter((r) => r.method === "POST" && r.path === path);
  return { guild, outcome: report.get(guild.id), requests };
}

describe("REST fault matrix for the daily post", () => {
  test.each<[string, Fault, Expected]>([
    ["429 on the route, retry_after", { status: 429 }, { outcome: "posted", requests: 2 }],
    ["429 global, retry_after", { status: 429, global: true }, { outcome: "posted", requests: 2 }],
    ["500 once", { status: 500 }, { outcome: "posted", requests: 2 }],
    ["502 once", { status: 502 }, { outcome: "posted", requests: 2 }],
    ["503 once", { status: 503 }, { outcome: "posted", requests: 2 }],
    ["503 throughout", { status: 503, times: 4 }, { outcome: "retry", requests: 4 }],
    ["a time-out once", { status: 504, hangMs: 1_500 }, { outcome: "posted", requests: 2 }],
    [
      "time-outs throughout",
      { status: 504, hangMs: 1_500, times: 4 },
      { outcome: "retry", requests: 4 },
    ],
    ["50013 Missing Permissions", { status: 403, code: 50013 }, { outcome: "paused", requests: 1 }],
    ["50001 Missing Access", { status: 403, code: 50001 }, { outcome: "paused", requests: 1 }],
    ["10003 Unknown Channel", { status: 404, code: 10003 }, { outcome: "paused", requests: 1 }],
    ["400 Invalid Form Body", { status: 400, code: 50035 }, { outcome: "paused", requests: 1 }],
    ["403 with another code", { status: 403, code: 20001 }, { outcome: "paused", requests: 1 }],
  ])("GIVEN %s THEN %o", async (_name, fault, expected) => {
    const { guild, outcome, requests } = await postThrough(fault);
    expect(outcome?.kind).toBe(expected.outcome);
    await expect.poll(() => requests().length, { timeout: 3_000 }).toBe(expected.requests);
    const settings = await app.ctx.guilds.get(guild.id);
    if (expected.outcome === "retry") {
      // The scheduler's backoff: not before a minute, and the next tick leaves it alone.
      expect(outcome).toMatchObject({ retryAt: expect.any(Number) as number });
      const again = await app.tick(Date.now());
      expect(again.get(guild.id)).toMatchObject({ kind: "waiting" });
    }
    if (expected.outcome === "paused") {
      expect(settings.pause).not.toBeNull();
      expect((await app.tick(Date.now())).has(guild.id)).toBe(false); // paused: not due
    }
    expect(fatal).toEqual([]);
  });
});

describe("interaction callbacks that can no longer be answered", () => {
  test.each([
    [10062, "Unknown interaction"],
    [40060, "Interaction has already been acknowledged"],
  ])("GIVEN %i on the callback THEN it is logged and ignored: nothing retried", async (code) => {
    const guild = emu.addGuild({ name: `callback ${code}` });
    const member = emu.addMember(guild.id, { username: `m${code}`, locale: "en-US" });
    await expect.poll(() => app.ctx.discord.holdsGuild(guild.id)).toBe(true);
    emu.failNext({
      method: "POST",
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: code === 10062 ? 404 : 400,
      code,
    });
    const handle = emu.interact({
      guildId: guild.id,
      user: member,
      type: "command",
      name: "streak",
    });
    // The first command of the run may take over a second on a loaded machine (seen in CI);
    // what is checked is what gets logged and sent, not how soon.
    await expect
      .poll(
        () => logLines.some((line) => line.includes("interaction expired or already answered")),
        { timeout: 10_000 },
      )
      .toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const callbacks = emu.requests.filter((r) => r.path.startsWith(`/interactions/${handle.id}/`));
    const webhooks = emu.requests.filter((r) => r.path.startsWith(`/webhooks/`) && r.at > 0);
    expect(callbacks).toHaveLength(1);
    expect(webhooks.filter((r) => r.path.includes(handle.token))).toEqual([]);
    expect(logLines.join("\n")).not.toContain(handle.token);
  });
});

describe("401 on the daily post", () => {
  test("GIVEN 401 THEN fatal: the scheduler stops, claims nothing more and sends nothing more", async () => {
    const due = Array.from({ length: 20 }, (_, i) => emu.addGuild({ name: `unauthorized ${i}` }));
    for (const guild of due) {
      await expect.poll(() => app.ctx.discord.holdsGuild(guild.id)).toBe(true);
      await configureDueNow(storeUrl, guild);
    }
    const since = Date.now();
    emu.resetToken({ keepGateway: true });
    const report = await app.tick(Date.now());
    const unauthorized = emu.requests.filter((r) => r.status === 401 && r.at >= since);
    expect(unauthorized.length).toBeGreaterThanOrEqual(1);
    // "A handful": what was already on the wire when the first 401 came back.
    expect(unauthorized.length).toBeLessThanOrEqual(5);
    // The lanes already running end fatal; the servers after them are never claimed.
    const outcomes = due.map((guild) => report.get(guild.id)).filter((o) => o !== undefined);
    expect(new Set(outcomes.map((o) => o.kind))).toEqual(new Set(["fatal"]));
    expect(outcomes.length).toBeLessThan(due.length);
    expect(fatal).toEqual([expect.stringMatching(/401 Unauthorized.*DISCORD_TOKEN/)]);
    expect(logLines.some((line) => line.includes('"level":60'))).toBe(true);
    // Nothing was claimed for later: each day is free for after the token is fixed.
    for (const guild of due) {
      const settings = await app.ctx.guilds.get(guild.id);
      expect(settings.pause).toBeNull();
    }
    const after = emu.requests.length;
    await app.tick(Date.now());
    expect(emu.requests.length).toBe(after);
    expect((await app.health()).ok).toBe(false);
    console.info(`401 on REST: ${unauthorized.length} 401(s) for ${due.length} servers due`);
  });
});
