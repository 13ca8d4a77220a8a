import { DiscordAPIError } from "discord.js";
import { afterEach, describe, expect, test, vi } from "vitest";
import { UserError } from "../../src/errors.js";
import { runTick } from "../../src/scheduler/tick.js";
import { postNow } from "../../src/services/configure-guild.js";
import { CLAIM_LEASE_MS } from "../../src/services/post-daily-question.js";
import type { FakeDiscord } from "../helpers/app-context.js";
import { closeTestApps, testApp, type TestApp } from "../helpers/app-context.js";

afterEach(closeTestApps);

const at = (iso: string) => Date.parse(iso);

async function server(app: TestApp, guildId: string, settings: Record<string, unknown> = {}) {
  await app.ctx.guilds.update(guildId, (s) => ({
    ...s,
    channelId: `${guildId}-channel`,
    enabled: true,
    time: "09:00",
    timeZone: "UTC",
    ...settings,
  }));
}

/** Holds every send until `release()`, counting the requests that reach Discord. */
function holdSends(discord: FakeDiscord) {
  const requests: string[] = [];
  let release = () => {};
  const sending = new Promise<void>((resolve) => (release = resolve));
  const send = discord.send.bind(discord);
  discord.send = async (channelId, message) => {
    requests.push(channelId);
    await sending;
    return send(channelId, message);
  };
  return { requests, release: () => release() };
}

/**
 * Resolves once `work` has settled or has sent a request beyond the first `sent`: a request it
 * should not make is then held, and the assertions after release see it.
 */
async function settledOrSent(work: Promise<unknown>, requests: readonly string[], sent: number) {
  let settled = false;
  void work.then(
    () => (settled = true),
    () => (settled = true),
  );
  await vi.waitFor(
    () => {
      if (!settled && requests.length <= sent) throw new Error("neither settled nor sent");
    },
    { timeout: 5_000, interval: 5 },
  );
}

const postsTo = (app: TestApp, guildId: string) =>
  app.discord.sent.filter((s) => s.channelId === `${guildId}-channel`);

describe("runTick", () => {
  test("GIVEN a minute-by-minute day THEN the post goes out once, at its time", async () => {
    const app = await testApp();
    await server(app, "g1", { time: "09:30", timeZone: "Asia/Kathmandu" }); // 03:45 UTC
    const postedAt: number[] = [];
    for (let minute = 0; minute < 24 * 60; minute++) {
      const now = at("2026-11-30T00:00:00Z") + minute * 60_000;
      const report = await runTick(app.ctx, now);
      if (report.get("g1")?.kind === "posted") postedAt.push(now);
    }
    expect(postedAt.map((ms) => new Date(ms).toISOString())).toEqual(["2026-11-30T03:45:00.000Z"]);
  });

  test("GIVEN consecutive days THEN each day gets one post and the next reveals the previous", async () => {
    const app = await testApp();
    await server(app, "g1");
    for (const day of ["2026-11-30", "2026-12-01", "2026-12-02"]) {
      for (const time of ["08:59", "09:00", "09:01", "12:00"])
        await runTick(app.ctx, at(`${day}T${time}:00Z`));
    }
    const sent = postsTo(app, "g1");
    expect(sent).toHaveLength(3);
    expect(sent.map((s) => s.message.embeds.length)).toEqual([1, 2, 2]);
    const numbers = sent.map((s) =>
      Number(/#(\d+)$/.exec((s.message.embeds.at(-1) as { title: string }).title)?.[1]),
    );
    expect(new Set(numbers).size).toBe(3);
  });

  test("GIVEN the bot was down at post time THEN it catches up within the grace window, not after", async () => {
    const app = await testApp();
    await server(app, "early", { time: "09:00" });
    await server(app, "late", { time: "03:00" });
    const report = await runTick(app.ctx, at("2026-11-30T14:00:00Z"));
    expect(report.get("early")?.kind).toBe("posted"); // 5 h late: within 6 h
    expect(report.has("late")).toBe(false); // 11 h late: that post is skipped
  });

  test("GIVEN several servers and one failing THEN the others still get their post", async () => {
    const app = await testApp();
    for (const id of ["a", "b", "c"]) await server(app, id);
    app.discord.failSend = (channelId) =>
      channelId === "b-channel" ? new TypeError("bug in one server") : undefined;
    const report = await runTick(app.ctx, at("2026-11-30T09:00:00Z"));
    expect(report.get("a")?.kind).toBe("posted");
    expect(report.get("c")?.kind).toBe("posted");
    expect(report.get("b")?.kind).toBe("retry");
  });

  test("GIVEN the token is refused (401) THEN the tick claims no further server", async () => {
    const app = await testApp();
    const ids = Array.from({ length: 40 }, (_, i) => `s${i}`);
    for (const id of ids) await server(app, id);
    let attempts = 0;
    app.discord.failSend = () => {
      attempts += 1;
      return new DiscordAPIError(
        { code: 0, message: "401: Unauthorized" },
        0,
        401,
        "POST",
        "/",
        {},
      );
    };
    const report = await runTick(app.ctx, at("2026-11-30T09:00:00Z"));
    // The lanes already sending end fatal; no lane picks up another server after that.
    expect(new Set([...report.values()].map((o) => o.kind))).toEqual(new Set(["fatal"]));
    expect(attempts).toBe(report.size);
    expect(report.size).toBeLessThan(ids.length);
  });

  test("GIVEN shutdown aborts the tick THEN servers not yet started are not claimed", async () => {
    const app = await testApp();
    for (const id of ["a", "b", "c"]) await server(app, id);
    const halt = new AbortController();
    halt.abort();
    const report = await runTick(app.ctx, at("2026-11-30T09:00:00Z"), halt.signal);
    expect(report.size).toBe(0);
    expect(app.discord.sent).toEqual([]);
  });

  test("GIVEN a store failure for one server THEN it is recorded and the tick goes on", async () => {
    const app = await testApp();
    for (const id of ["a", "b"]) await server(app, id);
    const claim = app.ctx.posts.claim.bind(app.ctx.posts);
    app.ctx.posts.claim = (post) =>
      post.guildId === "a" ? Promise.reject(new Error("disk I/O error")) : claim(post);
    const report = await runTick(app.ctx, at("2026-11-30T09:00:00Z"));
    expect(report.get("a")).toEqual({ kind: "error", message: "disk I/O error" });
    expect(report.get("b")?.kind).toBe("posted");
    expect((await app.ctx.guilds.get("a")).lastError?.reason).toEqual({ code: "unexpected" });
  });

  test.each([
    ["disabled", { enabled: false }],
    ["paused", { pause: { code: 50013, reason: "missing permissions", at: 0 } }],
    ["without a channel", { channelId: null }],
    ["on a rest day", { days: [1, 2, 3, 4, 5] }], // 2026-11-29 is a Sunday
  ])("GIVEN a server %s THEN nothing is posted", async (_label, settings) => {
    const app = await testApp();
    await server(app, "g1", settings);
    const report = await runTick(app.ctx, at("2026-11-29T09:00:00Z"));
    expect(report.size).toBe(0);
    expect(app.discord.sent).toEqual([]);
  });

  test("GIVEN six servers due at one instant THEN each gets its own post in its own channel", async () => {
    const app = await testApp();
    const ids = ["s1", "s2", "s3", "s4", "s5", "s6"];
    for (const id of ids) await server(app, id);
    const report = await runTick(app.ctx, at("2026-11-30T09:00:00Z"));
    for (const id of ids) {
      expect(report.get(id)?.kind, id).toBe("posted");
      const [post, ...others] = postsTo(app, id);
      expect(others, id).toEqual([]);
      expect((await app.ctx.guilds.get(id)).lastPost?.messageId, id).toBe(post?.messageId);
    }
  });

  test("GIVEN a server held by another shard THEN this process leaves it alone", async () => {
    const app = await testApp();
    await server(app, "mine");
    await server(app, "theirs");
    app.discord.held.add("mine");
    const report = await runTick(app.ctx, at("2026-11-30T09:00:00Z"));
    expect([...report.keys()]).toEqual(["mine"]);
  });

  test("GIVEN DST in New York THEN a 02:30 post on 2026-03-08 goes out at 03:00 local, once", async () => {
    const app = await testApp();
    await server(app, "g1", { time: "02:30", timeZone: "America/New_York" });
    const posted: string[] = [];
    for (let minute = 0; minute < 24 * 60; minute++) {
      const now = at("2026-03-08T05:00:00Z") + minute * 60_000;
      if ((await runTick(app.ctx, now)).get("g1")?.kind === "posted")
        posted.push(new Date(now).toISOString());
    }
    expect(posted).toEqual(["2026-03-08T07:00:00.000Z"]);
  });
  test("GIVEN the next tick starts while this process is still sending THEN no post is sent twice", async () => {
    const app = await testApp();
    for (const id of ["a", "b", "c"]) await server(app, id);
    const requests: string[] = []; // the fake dedupes nonces as Discord does: count the requests
    let release = () => {};
    const sending = new Promise<void>((resolve) => (release = resolve));
    const send = app.discord.send.bind(app.discord);
    app.discord.send = async (channelId, message) => {
      requests.push(channelId);
      await sending;
      return send(channelId, message);
    };
    const now = at("2026-11-30T09:00:00Z");
    const catchUp = runTick(app.ctx, now);
    await vi.waitFor(() => expect(requests).toHaveLength(3));
    const next = runTick(app.ctx, now + 60_000);
    await settledOrSent(next, requests, 3);
    release();
    const [first, second] = await Promise.all([catchUp, next]);
    expect(requests.sort()).toEqual(["a-channel", "b-channel", "c-channel"]);
    expect([...first.values()].map((outcome) => outcome.kind)).toEqual([
      "posted",
      "posted",
      "posted",
    ]);
    expect([...second.values()].map((outcome) => outcome.kind)).toEqual([
      "in-progress",
      "in-progress",
      "in-progress",
    ]);
  });

  test("GIVEN a tick is sending a server's post THEN /config post-now sends nothing and says it is busy", async () => {
    const app = await testApp();
    await server(app, "g1");
    const now = at("2026-11-30T09:00:00Z");
    app.ctx.now = () => now;
    const held = holdSends(app.discord);
    const tick = runTick(app.ctx, now);
    await vi.waitFor(() => expect(held.requests).toHaveLength(1));
    const admin = postNow(app.ctx, "g1").catch((error: unknown) => error);
    await settledOrSent(admin, held.requests, 1);
    held.release();
    expect(await admin).toBeInstanceOf(UserError);
    expect(await admin).toMatchObject({ key: "error.post-busy" });
    expect((await tick).get("g1")?.kind).toBe("posted");
    expect(held.requests).toEqual(["g1-channel"]);
  });

  test("GIVEN a long catch-up tick reaches a server minutes after it started THEN its claim is dated now, and another process does not take it over", async () => {
    const a = await testApp({ instanceId: "a" });
    const b = await testApp({ url: a.url, discord: a.discord, instanceId: "b" });
    await server(a, "g1");
    const tickStarted = at("2026-11-30T09:00:00Z");
    const reached = tickStarted + CLAIM_LEASE_MS + 60_000; // the servers before it took that long
    a.ctx.now = () => reached;
    b.ctx.now = () => reached;
    const held = holdSends(a.discord);
    const catchUp = runTick(a.ctx, tickStarted);
    await vi.waitFor(() => expect(held.requests).toHaveLength(1));
    const other = runTick(b.ctx, reached);
    await settledOrSent(other, held.requests, 1);
    held.release();
    expect((await other).get("g1")?.kind).toBe("in-progress");
    expect((await catchUp).get("g1")?.kind).toBe("posted");
    expect(held.requests).toEqual(["g1-channel"]);
    expect((await a.ctx.posts.get("g1", "2026-11-30"))?.claimedAt).toBe(reached);
  });
});
