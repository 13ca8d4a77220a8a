import { afterEach, describe, expect, test, vi } from "vitest";
import type { Grade } from "../../src/domain/answer-feedback.js";
import { addDays, type DayKey } from "../../src/domain/calendar.js";
import { findQuestion } from "../../src/domain/catalogue.js";
import { runTick } from "../../src/scheduler/tick.js";
import { correctGrade, recordAnswer } from "../../src/services/answer-question.js";
import { nonceFor } from "../../src/services/post-daily-question.js";
import { leaderboardPage } from "../../src/services/leaderboard.js";
import { digestNonceFor, weeklyDigest } from "../../src/services/post-weekly-digest.js";
import { openEngine } from "../../src/store/open-store.js";
import { closeTestApps, testApp, type TestApp } from "../helpers/app-context.js";

afterEach(closeTestApps);

const DIGEST_DAY = "2026-12-06"; // a Sunday: the week is 2026-11-29 … 2026-12-05
const at = (day: DayKey, time = "09:00") => Date.parse(`${day}T${time}:00Z`);
const days = (first: DayKey, last: DayKey) => {
  const list: DayKey[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) list.push(day);
  return list;
};

async function server(app: TestApp, guildId: string, settings: Record<string, unknown> = {}) {
  await app.ctx.guilds.update(guildId, (s) => ({
    ...s,
    channelId: `${guildId}-channel`,
    enabled: true,
    time: "09:00",
    timeZone: "UTC",
    digestDay: 7,
    ...settings,
  }));
}

const tick = (app: TestApp, now: number) => {
  app.ctx.now = () => now;
  return runTick(app.ctx, now);
};

const isDigest = (embeds: object[]) =>
  (embeds[0] as { title?: string }).title?.startsWith("Weekly digest") === true;
const digestsTo = (app: TestApp, guildId: string) =>
  app.discord.sent.filter(
    (s) => s.channelId === `${guildId}-channel` && isDigest(s.message.embeds),
  );
const dailiesTo = (app: TestApp, guildId: string) =>
  app.discord.sent.filter(
    (s) => s.channelId === `${guildId}-channel` && !isDigest(s.message.embeds),
  );

let nextId = 1;
async function answerAs(app: TestApp, userId: string, number: number, when: number, grade?: Grade) {
  app.ctx.now = () => when;
  const input = { guildId: "g1", userId, number };
  await recordAnswer(app.ctx, { ...input, answerId: String(nextId++), text: "an answer" });
  if (grade) await correctGrade(app.ctx, { ...input, grade });
}

/** The question the server was sent on `day`, from the post's record. */
async function questionOf(app: TestApp, day: DayKey) {
  const post = await app.ctx.posts.get("g1", day);
  if (!post) throw new Error(`no post on ${day}`);
  return post.number;
}

describe("the weekly digest's content", () => {
  test("GIVEN two weeks of answers THEN the digest counts the week before the digest day, its hardest question, most-missed point and reviews", async () => {
    const app = await testApp();
    await server(app, "g1");
    for (const day of days("2026-11-22", DIGEST_DAY)) await tick(app, at(day));
    const q = async (day: DayKey) => questionOf(app, day);

    // The week before: u1, u2, u3.
    for (const user of ["u1", "u2", "u3"])
      await answerAs(app, user, await q("2026-11-23"), at("2026-11-23", "10:00"));
    // The week: u1 every day; the 11-30 question graded 3 of 4 good, the 12-02 one 1 of 3,
    // the 12-03 one 0 of 2 (too few to count).
    for (const day of days("2026-11-29", "2026-12-05"))
      await answerAs(app, "u1", await q(day), at(day, "10:00"), "again");
    const grades: [string, DayKey, Grade][] = [
      ["u1", "2026-11-30", "good"],
      ["u2", "2026-11-30", "good"],
      ["u3", "2026-11-30", "easy"],
      ["u4", "2026-11-30", "again"],
      ["u3", "2026-12-02", "hard"],
      ["u4", "2026-12-02", "good"],
      ["u4", "2026-12-03", "again"],
    ];
    for (const [user, day, grade] of grades)
      await answerAs(app, user, await q(day), at(day, "11:00"), grade);
    // The digest day itself belongs to next week's digest.
    await answerAs(app, "u5", await q(DIGEST_DAY), at(DIGEST_DAY, "08:00"), "again");

    const now = at(DIGEST_DAY, "09:01");
    const digest = await weeklyDigest(app.ctx, await app.ctx.guilds.get("g1"), DIGEST_DAY, now);
    const hardest = await q("2026-12-02");
    const mostAnswered = await q("2026-11-30");
    expect(digest).toMatchObject({
      week: { first: "2026-11-29", last: "2026-12-05" },
      answered: 4,
      answeredBefore: 3,
      hardest: { number: hardest, good: 1, graded: 3 },
      mostMissed: {
        number: mostAnswered,
        point: findQuestion(app.ctx.catalogue, mostAnswered)?.keyPoints?.[0],
        missed: 4,
        graded: 4,
      },
      // One review per member, question and day: u1's 7 days (its second answer on 11-30 moves
      // that day's card once), u2 on 11-30, u3 on 11-30 and 12-02, u4 on 11-30, 12-02 and 12-03.
      reviews: 13,
    });
    const board = await leaderboardPage(app.ctx, "g1", "streak", 0, "", now);
    expect(digest.topStreaks).toEqual(
      board.shown.items.slice(0, 3).map(({ userId, value }) => ({ userId, value })),
    );
    expect(digest.topStreaks[0]).toEqual({ userId: "u1", value: 7 });
  });
});

describe("posting the weekly digest", () => {
  test("GIVEN two weeks of ticks every minute around the post time THEN one digest each Sunday, right after that day's question, with its own nonce", async () => {
    const app = await testApp();
    await server(app, "g1");
    for (const day of days("2026-11-23", DIGEST_DAY)) {
      for (const time of ["08:59", "09:00", "09:01", "09:02", "15:00"])
        await tick(app, at(day, time));
    }
    const digests = digestsTo(app, "g1");
    expect(digests.map((d) => (d.message.embeds[0] as { title: string }).title)).toEqual([
      "Weekly digest · 2026-11-22 to 2026-11-28",
      "Weekly digest · 2026-11-29 to 2026-12-05",
    ]);
    expect(digests.map((d) => d.message.nonce)).toEqual([
      digestNonceFor("g1", "2026-11-29"),
      digestNonceFor("g1", DIGEST_DAY),
    ]);
    const dailies = dailiesTo(app, "g1");
    expect(dailies).toHaveLength(14);
    // Each digest comes right after its day's question.
    for (const digest of digests) {
      const index = app.discord.sent.indexOf(digest);
      expect(dailies).toContain(app.discord.sent[index - 1]);
    }
    const nonces = app.discord.sent.map((s) => s.message.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(nonce.length).toBeLessThanOrEqual(25);
    expect((await app.ctx.guilds.get("g1")).lastDigest).toMatchObject({
      day: DIGEST_DAY,
      channelId: "g1-channel",
      messageId: digests[1]?.messageId,
    });
  });

  test("GIVEN the per-week nonce THEN it fits 25 characters and differs from every daily nonce and other servers'", () => {
    const nonce = digestNonceFor("123456789012345678", DIGEST_DAY);
    expect(nonce).toHaveLength(25);
    expect(nonce).not.toBe(nonceFor("123456789012345678", DIGEST_DAY));
    expect(nonce).not.toBe(digestNonceFor("123456789012345679", DIGEST_DAY));
  });

  test("GIVEN the digest is off, or set to another day THEN none is posted on Sunday", async () => {
    const app = await testApp();
    await server(app, "off", { digestDay: null });
    await server(app, "wed", { digestDay: 3 });
    for (const day of days("2026-11-29", DIGEST_DAY)) await tick(app, at(day));
    expect(digestsTo(app, "off")).toEqual([]);
    expect(digestsTo(app, "wed").map((d) => d.message.nonce)).toEqual([
      digestNonceFor("wed", "2026-12-02"),
    ]);
  });

  test("GIVEN settings stored before the digest existed THEN they read as off and get no digest", async () => {
    const app = await testApp();
    await server(app, "old");
    const engine = await openEngine(app.url);
    try {
      const guilds = await engine.open<Record<string, unknown>>("guilds");
      const older: Record<string, unknown> = { ...(await app.ctx.guilds.get("old")) };
      delete older["digestDay"];
      delete older["lastDigest"];
      await guilds.atomic.put("old", older);
    } finally {
      await engine.close();
    }
    expect((await app.ctx.guilds.get("old")).digestDay).toBeNull();
    expect((await app.ctx.guilds.list()).map((s) => s.digestDay)).toEqual([null]);
    await tick(app, at(DIGEST_DAY));
    expect(dailiesTo(app, "old")).toHaveLength(1);
    expect(digestsTo(app, "old")).toEqual([]);
  });

  test("GIVEN two processes on one store, one sending the digest when the other ticks THEN one request", async () => {
    const a = await testApp({ instanceId: "instance-a" });
    const b = await testApp({ url: a.url, discord: a.discord, instanceId: "instance-b" });
    await server(a, "g1");
    // Requests, not messages: Discord's enforce_nonce would hide a second send of the same nonce.
    const digestRequests: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const send = a.discord.send.bind(a.discord);
    a.discord.send = async (channelId, message) => {
      if (message.nonce.startsWith("d")) {
        digestRequests.push(message.nonce);
        await held;
      }
      return send(channelId, message);
    };
    const first = tick(a, at(DIGEST_DAY));
    await vi.waitFor(() => expect(digestRequests).toHaveLength(1));
    // b ticks while a's digest is in flight: a's claim is live, so b sends nothing.
    b.ctx.now = () => at(DIGEST_DAY) + 30_000;
    const second = runTick(b.ctx, at(DIGEST_DAY) + 30_000);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await vi.waitFor(() => expect(secondDone || digestRequests.length > 1).toBe(true));
    release();
    await Promise.all([first, second]);
    b.ctx.now = () => at(DIGEST_DAY, "09:05");
    await Promise.all([tick(a, at(DIGEST_DAY, "09:05")), runTick(b.ctx, at(DIGEST_DAY, "09:05"))]);
    expect(digestRequests).toHaveLength(1);
    expect(dailiesTo(a, "g1")).toHaveLength(1);
    expect(digestsTo(a, "g1")).toHaveLength(1);
  });

  test("GIVEN the bot was down at post time THEN the question and digest go out later that day within the grace, never after", async () => {
    const app = await testApp();
    await server(app, "early", { time: "09:00" });
    await server(app, "late", { time: "03:00" });
    await tick(app, at(DIGEST_DAY, "14:00"));
    expect(digestsTo(app, "early")).toHaveLength(1); // 5 h late: within 6 h
    expect(app.discord.sent.filter((s) => s.channelId === "late-channel")).toEqual([]);
    await tick(app, at(addDays(DIGEST_DAY, 1), "09:00")); // Monday: not a week late either
    expect(digestsTo(app, "late")).toEqual([]);
  });

  test("GIVEN the digest's send fails THEN it is retried after the backoff with the same nonce, and the daily post is untouched", async () => {
    const app = await testApp();
    await server(app, "g1");
    await tick(app, at(DIGEST_DAY, "08:59"));
    let failing = true;
    const send = app.discord.send.bind(app.discord);
    // Only the digest's request fails (its nonce starts with "d"); the daily post goes through.
    app.discord.send = (channelId, message) =>
      failing && message.nonce.startsWith("d")
        ? Promise.reject(new TypeError("network down"))
        : send(channelId, message);
    await tick(app, at(DIGEST_DAY));
    expect(dailiesTo(app, "g1")).toHaveLength(1);
    expect(digestsTo(app, "g1")).toHaveLength(0);
    const claim = await app.ctx.digests.get("g1", DIGEST_DAY);
    expect(claim).toMatchObject({
      status: "claimed",
      attempts: 1,
      retryAt: at(DIGEST_DAY, "09:01"),
    });
    expect(await app.ctx.guilds.get("g1")).toMatchObject({ pause: null, lastError: null });
    failing = false;
    await tick(app, at(DIGEST_DAY, "09:00") + 30_000); // still backing off
    expect(digestsTo(app, "g1")).toHaveLength(0);
    await tick(app, at(DIGEST_DAY, "09:01"));
    expect(digestsTo(app, "g1").map((d) => d.message.nonce)).toEqual([claim?.nonce]);
    await tick(app, at(DIGEST_DAY, "09:02"));
    expect(digestsTo(app, "g1")).toHaveLength(1);
  });

  test("GIVEN one server's digest fails unexpectedly THEN the others' digests and every daily post still go out, and it is retried", async () => {
    const app = await testApp();
    for (const id of ["a", "b", "c"]) await server(app, id);
    const calendars = app.ctx.calendars;
    app.ctx.calendars = {
      ...calendars,
      daysOfServer: (guildId) =>
        guildId === "b" ? Promise.reject(new Error("disk gone")) : calendars.daysOfServer(guildId),
    };
    const report = await tick(app, at(DIGEST_DAY));
    expect([...report].map(([id, o]) => [id, o.kind]).sort()).toEqual([
      ["a", "posted"],
      ["b", "posted"],
      ["c", "posted"],
    ]);
    expect(["a", "b", "c"].map((id) => digestsTo(app, id).length)).toEqual([1, 0, 1]);
    app.ctx.calendars = calendars;
    await tick(app, at(DIGEST_DAY, "09:01"));
    expect(["a", "b", "c"].map((id) => digestsTo(app, id).length)).toEqual([1, 1, 1]);
  });
});
