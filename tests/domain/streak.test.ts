import { describe, expect, test } from "vitest";
import type { DayKey } from "../../src/domain/calendar.js";
import {
  EMPTY_STREAK,
  recordActiveDay,
  restoreStreak,
  streakAsOf,
} from "../../src/domain/streak.js";
import type { IsPostingDay, StreakState } from "../../src/domain/streak.js";
import { mulberry32 } from "../../src/domain/rotation.js";
import { computeStreak, restoreOverride } from "../helpers/reference-streak.js";
import { everyDay, plusDays, randomCase, run, weekdays } from "../helpers/streak-histories.js";

function fold(days: readonly DayKey[], isPostingDay: IsPostingDay, from = EMPTY_STREAK) {
  return days.reduce((state, day) => recordActiveDay(state, day, isPostingDay), from);
}

describe("folding answers gives computeStreak's numbers", () => {
  test("GIVEN 2,000 random histories THEN the fold read at today equals computeStreak", () => {
    const rand = mulberry32(20260310);
    for (let i = 0; i < 2000; i++) {
      const { days, isPostingDay, today } = randomCase(rand);
      const upToToday = days.filter((day) => day <= today);
      // Every answer twice: repeats (several answers a day, westward zone changes) count once.
      const state = fold(
        upToToday.flatMap((day) => [day, day]),
        isPostingDay,
      );
      const expected = computeStreak({ activeDays: days, isPostingDay, today });
      const { current, best, freezes, lastReset } = expected;
      expect(streakAsOf(state, today, isPostingDay), `case ${i}`).toEqual({
        current,
        best,
        freezes,
        lastReset,
      });
      expect(state).toMatchObject({
        activeDays: expected.activeDays,
        lastDay: expected.lastActiveDay,
      });
    }
  });

  test("GIVEN random histories THEN the fold matches computeStreak on every day, and survives JSON", () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 60; i++) {
      const { days, isPostingDay, first, length } = randomCase(rand);
      let state = EMPTY_STREAK;
      for (const today of run(first, length)) {
        if (days.includes(today)) state = recordActiveDay(state, today, isPostingDay);
        state = JSON.parse(JSON.stringify(state)) as StreakState;
        const { current, best, freezes, lastReset } = computeStreak({
          activeDays: days,
          isPostingDay,
          today,
        });
        expect(streakAsOf(state, today, isPostingDay), `case ${i} on ${today}`).toEqual({
          current,
          best,
          freezes,
          lastReset,
        });
      }
    }
  });

  test("GIVEN random histories and a restore on a random day THEN the fold equals computeStreak with restoreOverride", () => {
    const rand = mulberry32(42);
    let restores = 0;
    for (let i = 0; i < 1000; i++) {
      const { days, isPostingDay, first, length } = randomCase(rand);
      const restoreDay = plusDays(first, Math.floor(rand() * length));
      const today = plusDays(restoreDay, Math.floor(rand() * 20));
      const before = days.filter((day) => day <= restoreDay);
      const override = restoreOverride({ activeDays: before, isPostingDay, today: restoreDay });
      const restored = restoreStreak(fold(before, isPostingDay), restoreDay, isPostingDay);
      expect(restored === null, `case ${i}`).toBe(override === null);
      if (restored) restores++;
      const state = restored?.state ?? fold(before, isPostingDay);
      const later = days.filter((day) => day > restoreDay && day <= today);
      const { current, best, freezes, lastReset } = computeStreak({
        activeDays: days,
        isPostingDay,
        today,
        restoredAt: override ?? undefined,
      });
      expect(
        streakAsOf(fold(later, isPostingDay, state), today, isPostingDay),
        `case ${i}`,
      ).toEqual({ current, best, freezes, lastReset });
    }
    // The comparison above is only worth something if many cases really restored.
    expect(restores).toBeGreaterThan(100);
  });
});

// 2026-01-01 is a Thursday; 2026-01-05 a Monday.
describe("streak state rules", () => {
  const sevenDays = fold(run("2026-01-01", 7), everyDay);

  test.each([
    {
      name: "GIVEN a day already folded in THEN recording it again changes nothing",
      day: "2026-01-07",
    },
    { name: "GIVEN an earlier day after a later one THEN it changes nothing", day: "2026-01-03" },
  ])("$name", ({ day }) => {
    expect(recordActiveDay(sevenDays, day, everyDay)).toBe(sevenDays);
  });

  test.each([
    {
      name: "GIVEN today not answered yet THEN the streak counts through yesterday",
      today: "2026-01-08",
      expected: { current: 7, freezes: 1, lastReset: null },
    },
    {
      name: "GIVEN one missed day THEN the read spends the freeze",
      today: "2026-01-09",
      expected: { current: 7, freezes: 0, lastReset: null },
    },
    {
      name: "GIVEN two missed days THEN the read resets the streak and keeps the best",
      today: "2026-01-10",
      expected: { current: 0, best: 7, freezes: 0, lastReset: { day: "2026-01-09", from: 7 } },
    },
  ])("$name", ({ today, expected }) => {
    expect(streakAsOf(sevenDays, today, everyDay)).toMatchObject(expected);
  });

  test("GIVEN a freeze spent on read THEN it is stored only once the member answers again", () => {
    expect(streakAsOf(sevenDays, "2026-01-09", everyDay).freezes).toBe(0);
    expect(sevenDays).toMatchObject({ current: 7, freezes: 1, lastDay: "2026-01-07" });
    const back = recordActiveDay(sevenDays, "2026-01-09", everyDay);
    expect(back).toMatchObject({ current: 8, freezes: 0, sinceEarn: 1, lastDay: "2026-01-09" });
  });

  test("GIVEN a reset after a long run THEN the best stays the long run", () => {
    const state = fold([...run("2026-01-01", 10), ...run("2026-01-14", 3)], everyDay);
    expect(state).toMatchObject({ current: 3, best: 10, lastReset: { day: "2026-01-12" } });
  });

  test("GIVEN answers on a weekend THEN they are active days but not streak days", () => {
    const state = fold(["2026-01-09", "2026-01-10", "2026-01-11", "2026-01-12"], weekdays);
    expect(state).toMatchObject({ current: 2, activeDays: 4, lastDay: "2026-01-12" });
  });
});

describe("admin restore", () => {
  // A 5-day run, then an outage on 01-06 and 01-07, then the member is back on 01-08.
  const outage = fold([...run("2026-01-01", 5), "2026-01-08"], everyDay);

  test.each([
    {
      name: "GIVEN today not answered THEN the restore carries 5 + the rebuilt 1, and today adds on top",
      state: outage,
      result: { from: 1, to: 6 },
      afterToday: 7,
    },
    {
      name: "GIVEN today already answered THEN today's answer stays on top of the restore",
      state: recordActiveDay(outage, "2026-01-09", everyDay),
      result: { from: 2, to: 7 },
      afterToday: 7,
    },
  ])("$name", ({ state, result, afterToday }) => {
    const restored = restoreStreak(state, "2026-01-09", everyDay);
    expect(restored).toMatchObject({ ...result, state: { current: result.to, lastReset: null } });
    if (!restored) return;
    expect(streakAsOf(restored.state, "2026-01-09", everyDay).current).toBe(result.to);
    const answered = recordActiveDay(restored.state, "2026-01-09", everyDay);
    expect(streakAsOf(answered, "2026-01-10", everyDay)).toMatchObject({
      current: afterToday,
      best: afterToday,
    });
    expect(restoreStreak(restored.state, "2026-01-09", everyDay)).toBeNull();
  });

  test("GIVEN no reset ever THEN there is nothing to restore", () => {
    expect(restoreStreak(fold(run("2026-01-01", 3), everyDay), "2026-01-03", everyDay)).toBeNull();
    expect(restoreStreak(EMPTY_STREAK, "2026-01-03", everyDay)).toBeNull();
  });
});

describe("cost of a read", () => {
  test.each([
    { name: "with two freezes", active: run("2024-01-01", 20), freezes: 2 },
    { name: "with no freeze", active: run("2024-01-01", 3), freezes: 0 },
  ])(
    "GIVEN a member back after two years $name THEN the walk stops early",
    ({ active, freezes }) => {
      const state = fold(active, weekdays);
      expect(state.freezes).toBe(freezes);
      let looked = 0;
      const counting: IsPostingDay = (day) => looked++ >= 0 && weekdays(day);
      const today = plusDays("2024-01-01", 2 * 365);
      expect(streakAsOf(state, today, counting)).toMatchObject({ current: 0, freezes: 0 });
      expect(recordActiveDay(state, today, counting)).toMatchObject({ current: 1, lastDay: today });
      // Each walk stops after the missed posting day that resets the streak: a few looks, weekends
      // included, rather than one per day of the 730-day gap.
      expect(looked).toBeLessThanOrEqual(2 * 6 + 1);
    },
  );
});
