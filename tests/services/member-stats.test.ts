import { afterEach, describe, expect, test } from "vitest";
import { recordAnswer } from "../../src/services/answer-question.js";
import { setTimeZone } from "../../src/services/configure-guild.js";
import {
  leaderboardPage,
  MAX_CHECKED_ABOVE,
  memberStats,
  readBoard,
  restoreMemberStreak,
} from "../../src/services/member-stats.js";
import { StoreError } from "../../src/store/answers.js";
import { closeTestApps, testApp, type TestApp } from "../helpers/app-context.js";
import { guildMembers, memberAnswers } from "../helpers/store-reads.js";

afterEach(closeTestApps);

const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);
let nextId = 1;

/** An answer to a question not answered just before (a count is one per question a day). */
async function answer(app: TestApp, userId: string, at: number, guildId = "g") {
  app.ctx.now = () => at;
  const id = nextId++;
  return recordAnswer(app.ctx, {
    answerId: String(id),
    guildId,
    userId,
    number: 1 + (id % 30),
    text: "answer",
  });
}

describe("streaks from answers", () => {
  test("GIVEN answers on three consecutive days, twice on one THEN the streak is 3 and every answer counts", async () => {
    const app = await testApp();
    for (const day of ["2026-11-23", "2026-11-24", "2026-11-24", "2026-11-25"])
      await answer(app, "u", noon(day));
    expect(await memberStats(app.ctx, "g", "u", noon("2026-11-25"))).toMatchObject({
      current: 3,
      best: 3,
      totalAnswers: 4,
      activeDays: 3,
      rank: { rank: 1, value: 3 },
    });
  });

  test("GIVEN today not answered yet THEN yesterday's streak still stands; a missed day ends it", async () => {
    const app = await testApp();
    for (const day of ["2026-11-23", "2026-11-24"]) await answer(app, "u", noon(day));
    expect((await memberStats(app.ctx, "g", "u", noon("2026-11-25"))).current).toBe(2);
    expect((await memberStats(app.ctx, "g", "u", noon("2026-11-26"))).current).toBe(0);
  });

  test("GIVEN weekdays only THEN Friday to Monday is unbroken and weekends add nothing", async () => {
    const app = await testApp();
    await app.ctx.guilds.update("g", (s) => ({ ...s, days: [1, 2, 3, 4, 5] }));
    for (const day of ["2026-11-26", "2026-11-27", "2026-11-30"]) await answer(app, "u", noon(day));
    expect((await memberStats(app.ctx, "g", "u", noon("2026-11-30"))).current).toBe(3);
  });

  test("GIVEN 7 days in a row and then a miss THEN a freeze is earned and spent, keeping the streak", async () => {
    const app = await testApp();
    for (let d = 1; d <= 7; d++) await answer(app, "u", noon(`2026-11-0${d}`));
    expect((await memberStats(app.ctx, "g", "u", noon("2026-11-07"))).freezes).toBe(1);
    await answer(app, "u", noon("2026-11-09")); // 2026-11-08 missed
    expect(await memberStats(app.ctx, "g", "u", noon("2026-11-09"))).toMatchObject({
      current: 8,
      freezes: 0,
    });
  });

  test("GIVEN 50 submissions by one member at once, of 30 questions THEN the streak moves by exactly one and 30 count", async () => {
    const app = await testApp();
    app.ctx.now = () => noon("2026-11-30");
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        recordAnswer(app.ctx, {
          answerId: `c${i}`,
          guildId: "g",
          userId: "u",
          number: 1 + (i % 30),
          text: "a",
        }),
      ),
    );
    expect(await memberStats(app.ctx, "g", "u", noon("2026-11-30"))).toMatchObject({
      current: 1,
      totalAnswers: 30,
    });
    const stored = await memberAnswers(app.url, "g", "u");
    expect(stored.reduce((sum, a) => sum + a.attempts, 0)).toBe(50);
  });

  test("GIVEN two processes updating one member at once THEN no answer is lost", async () => {
    const a = await testApp();
    const b = await testApp({ url: a.url, instanceId: "b" });
    a.ctx.now = b.ctx.now = () => noon("2026-11-30");
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAnswer(i % 2 ? a.ctx : b.ctx, {
          answerId: `p${i}`,
          guildId: "g",
          userId: "u",
          number: 1 + (i % 20),
          text: "a",
        }),
      ),
    );
    expect((await a.ctx.members.get("g", "u")).totalAnswers).toBe(20);
    const stored = await memberAnswers(b.url, "g", "u");
    expect(stored.map((s) => s.attempts)).toEqual(Array.from({ length: 20 }, () => 2));
  });

  test("GIVEN 1,000 members answering within the same moment THEN every one is counted", async () => {
    const app = await testApp();
    app.ctx.now = () => noon("2026-11-30");
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        recordAnswer(app.ctx, {
          answerId: `m${i}`,
          guildId: "g",
          userId: `u${i}`,
          number: 3,
          text: "a",
        }),
      ),
    );
    const { page, caller } = await readBoard(
      app.ctx,
      await app.ctx.guilds.get("g"),
      "answers",
      99,
      "u999",
      noon("2026-11-30"),
    );
    expect(page.total).toBe(1000);
    expect(page.items.map((entry) => [entry.value, entry.rank])).toEqual(
      Array.from({ length: 10 }, () => [1, 1]),
    );
    expect(caller).toEqual({ rank: 1, value: 1 });
    const members = await guildMembers(app.url, "g");
    expect(members.filter((member) => member.totalAnswers === 1)).toHaveLength(1000);
  });

  test("GIVEN a zone change THEN it applies from the next local day and the streak continues", async () => {
    const app = await testApp();
    await app.ctx.guilds.update("g", (s) => ({
      ...s,
      timeZone: "America/Los_Angeles",
      zoneHistory: [{ zone: "America/Los_Angeles", from: 0 }],
    }));
    await answer(app, "u", Date.parse("2026-11-23T20:00:00Z"));
    app.ctx.now = () => Date.parse("2026-11-23T21:00:00Z");
    await setTimeZone(app.ctx, "g", "Asia/Tokyo");
    await answer(app, "u", Date.parse("2026-11-24T20:00:00Z")); // Tokyo 11-25; the change took effect at LA midnight, 17:00 on Tokyo's 11-24, so 11-24 is a rest day
    await answer(app, "u", Date.parse("2026-11-25T20:00:00Z"));
    expect((await memberStats(app.ctx, "g", "u", Date.parse("2026-11-25T20:00:00Z"))).current).toBe(
      3,
    );
  });

  test("GIVEN the store fails on read THEN the failure surfaces instead of a zero streak", async () => {
    const app = await testApp();
    await answer(app, "u", noon("2026-11-30"));
    app.ctx.members.get = () => Promise.reject(new StoreError("database is locked"));
    await expect(memberStats(app.ctx, "g", "u", noon("2026-11-30"))).rejects.toBeInstanceOf(
      StoreError,
    );
  });

  test("GIVEN a streak reset by a miss THEN an admin restore brings back the old value", async () => {
    const app = await testApp();
    for (const day of ["2026-11-20", "2026-11-21", "2026-11-22"]) await answer(app, "u", noon(day));
    await answer(app, "u", noon("2026-11-25")); // two misses, no freeze: reset to 1
    expect((await memberStats(app.ctx, "g", "u", noon("2026-11-25"))).current).toBe(1);
    expect(await restoreMemberStreak(app.ctx, "g", "u", noon("2026-11-25"))).toEqual({
      from: 1,
      to: 4,
    });
    expect((await memberStats(app.ctx, "g", "u", noon("2026-11-25"))).current).toBe(4);
    expect(await restoreMemberStreak(app.ctx, "g", "u", noon("2026-11-25"))).toBeNull();
  });
});

describe("leaderboard", () => {
  test("GIVEN 15 members THEN page one has the top 10 and the caller's rank shows even at 15", async () => {
    const app = await testApp();
    for (let i = 0; i < 15; i++) {
      for (let n = 0; n <= i; n++) await answer(app, `u${i}`, noon("2026-11-30"));
    }
    const { shown, you } = await leaderboardPage(
      app.ctx,
      "g",
      "answers",
      0,
      "u0",
      noon("2026-11-30"),
    );
    expect(shown.items.map((e) => e.userId)).toEqual([
      "u14",
      "u13",
      "u12",
      "u11",
      "u10",
      "u9",
      "u8",
      "u7",
      "u6",
      "u5",
    ]);
    expect(shown.pageCount).toBe(2);
    expect(you).toEqual({ rank: 15, value: 1 });
    const second = await leaderboardPage(app.ctx, "g", "answers", 1, "u0", noon("2026-11-30"));
    expect(second.shown.items.map((e) => e.rank)).toEqual([11, 12, 13, 14, 15]);
  });

  test("GIVEN a member who left THEN they are not shown and stay off the board", async () => {
    const app = await testApp();
    for (const user of ["stays", "left", "also"]) await answer(app, user, noon("2026-11-30"));
    app.discord.gone.add("left");
    const { shown } = await leaderboardPage(app.ctx, "g", "streak", 0, "stays", noon("2026-11-30"));
    expect(shown.items.map((e) => e.userId).sort()).toEqual(["also", "stays"]);
    expect((await app.ctx.members.get("g", "left")).left).toBe(true);
  });

  test("GIVEN leavers ranked above the caller THEN the caller's rank skips them, asking about at most MAX_CHECKED_ABOVE members", async () => {
    const app = await testApp();
    for (let i = 1; i <= 130; i++)
      await app.ctx.members.update("g", `u${i}`, (m) => ({ ...m, totalAnswers: i }));
    const gone = new Set(["u130", "u60"]); // ranks 1 and 71
    const asked = new Set<string>();
    app.discord.isMember = (_guildId, userId) => {
      asked.add(userId);
      return Promise.resolve(!gone.has(userId));
    };
    const { shown, you } = await leaderboardPage(app.ctx, "g", "answers", 0, "u1", 0);
    expect(you).toEqual({ rank: 128, value: 1 });
    expect(shown.items[0]).toMatchObject({ userId: "u129", rank: 1 });
    // The 100 members above, then the two who moved up in place of the leavers.
    expect(asked.size).toBe(MAX_CHECKED_ABOVE + gone.size);
    expect(asked.has("u29")).toBe(true);
    expect(asked.has("u28")).toBe(false); // rank 101 of those present: past the bound
    // /streak's rank comes from the same check.
    expect((await app.ctx.members.get("g", "u60")).left).toBe(true);
  });

  test("GIVEN Discord failing the member check THEN /streak still answers, counting the member present", async () => {
    const app = await testApp();
    for (let i = 1; i <= 3; i++)
      await app.ctx.members.update("g", `u${i}`, (m) => ({ ...m, totalAnswers: i }));
    app.discord.isMember = () => Promise.reject(new Error("503 Service Unavailable"));
    const { you } = await leaderboardPage(app.ctx, "g", "answers", 0, "u1", 0);
    expect(you).toEqual({ rank: 3, value: 1 });
  });

  test("GIVEN a board read once THEN an answer in another process still shows on the next read", async () => {
    const a = await testApp({ instanceId: "a" });
    const b = await testApp({ url: a.url, instanceId: "b" });
    await answer(a, "u1", noon("2026-11-30"));
    const values = async () =>
      (
        await readBoard(a.ctx, await a.ctx.guilds.get("g"), "answers", 0, "u1", noon("2026-11-30"))
      ).page.items.map((e) => [e.userId, e.value]);
    expect(await values()).toEqual([["u1", 1]]);
    await answer(b, "u1", noon("2026-11-30"));
    await answer(b, "u2", noon("2026-11-30"));
    expect(await values()).toEqual([
      ["u1", 2],
      ["u2", 1],
    ]);
  });

  test("GIVEN last week's answers THEN the week board counts only this week's", async () => {
    const app = await testApp();
    await answer(app, "old", noon("2026-11-27")); // Friday of last week
    await answer(app, "new", noon("2026-11-30")); // Monday
    const { page } = await readBoard(
      app.ctx,
      await app.ctx.guilds.get("g"),
      "week",
      0,
      "old",
      noon("2026-12-01"),
    );
    expect(page.items.map((e) => [e.userId, e.value])).toEqual([["new", 1]]);
  });
});
