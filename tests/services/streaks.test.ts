import { afterEach, describe, expect, test } from "vitest";
import { recordAnswer } from "../../src/services/answer-question.js";
import { setTimeZone } from "../../src/services/configure-guild.js";
import { readBoard } from "../../src/services/leaderboard.js";
import { memberStats, restoreMemberStreak } from "../../src/services/streaks.js";
import { StoreError } from "../../src/store/store-error.js";
import { closeTestApps, testApp } from "../helpers/app-context.js";
import { answer, noon } from "../helpers/answering.js";
import { guildMembers, memberAnswers } from "../helpers/store-reads.js";

afterEach(closeTestApps);

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
