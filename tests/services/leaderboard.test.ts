import { afterEach, describe, expect, test } from "vitest";
import {
  leaderboardPage,
  MAX_CHECKED_ABOVE,
  markLeft,
  membersOnStreak,
  readBoard,
} from "../../src/services/leaderboard.js";
import { closeTestApps, testApp } from "../helpers/app-context.js";
import { answer, noon } from "../helpers/answering.js";

afterEach(closeTestApps);

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

  test.each([
    { reportsLeavers: false, checks: MAX_CHECKED_ABOVE + 1 },
    { reportsLeavers: true, checks: 0 },
  ])(
    "GIVEN 120 members on a streak, two gone, Discord reporting leavers $reportsLeavers THEN the daily post counts those present, asking about $checks members",
    async ({ reportsLeavers, checks }) => {
      const app = await testApp();
      for (let i = 1; i <= 120; i++) await answer(app, `u${i}`, noon("2026-11-04"));
      app.discord.reportsLeavers = reportsLeavers;
      app.discord.gone = new Set(["u5", "u99"]); // ties rank by id: u5 is 66th, u99 120th
      // With the intent, GUILD_MEMBER_REMOVE has marked them already.
      if (reportsLeavers)
        for (const userId of app.discord.gone) await markLeft(app.ctx, "g", userId);
      const settings = await app.ctx.guilds.get("g");
      const count = await membersOnStreak(app.ctx, settings, noon("2026-11-05"));
      // Without it the first MAX_CHECKED_ABOVE are checked (one leaver among them), then the one
      // who moved up in its place; a leaver past the bound is counted until a board finds them.
      expect(count).toBe(reportsLeavers ? 118 : 119);
      expect(app.discord.memberChecks).toBe(checks);
    },
  );

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
