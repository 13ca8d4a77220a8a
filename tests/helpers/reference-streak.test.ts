import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import type { DayKey } from "../../src/domain/calendar.js";
import { EMPTY_STREAK, recordActiveDay, streakAsOf } from "../../src/domain/streak.js";
import type { StreakInput, StreakResult } from "./reference-streak.js";
import { computeStreak, previousStreak, restoreOverride } from "./reference-streak.js";

// Luxon builds the fixtures so the tests do not lean on the day math under test.
function run(from: DayKey, count: number): DayKey[] {
  const start = DateTime.fromISO(from, { zone: "utc" });
  return Array.from({ length: count }, (_, i) => start.plus({ days: i }).toISODate() ?? "");
}

const everyDay = (): boolean => true;
const weekdays = (day: DayKey): boolean => DateTime.fromISO(day, { zone: "utc" }).weekday <= 5;

interface Case {
  readonly name: string;
  readonly input: StreakInput;
  readonly expected: Partial<StreakResult>;
}

// 2026-01-01 is a Thursday; 2026-01-05 a Monday.
const rules: Case[] = [
  {
    name: "GIVEN five consecutive active days THEN the streak is 5",
    input: { activeDays: run("2026-01-01", 5), isPostingDay: everyDay, today: "2026-01-05" },
    expected: { current: 5, best: 5, lastActiveDay: "2026-01-05", frozenDays: [] },
  },
  {
    name: "GIVEN active days out of order THEN they count as the same run",
    input: {
      activeDays: run("2026-01-01", 5).reverse(),
      isPostingDay: everyDay,
      today: "2026-01-05",
    },
    expected: { current: 5, lastActiveDay: "2026-01-05" },
  },
  {
    name: "GIVEN a missed day and no freeze THEN the streak restarts after the gap",
    input: {
      activeDays: [...run("2026-01-01", 3), ...run("2026-01-05", 2)],
      isPostingDay: everyDay,
      today: "2026-01-06",
    },
    expected: { current: 2, best: 3, frozenDays: [], lastReset: { day: "2026-01-04", from: 3 } },
  },
  {
    name: "GIVEN several answers on the same days THEN each day counts once",
    input: {
      activeDays: ["2026-01-01", "2026-01-01", "2026-01-02", "2026-01-02", "2026-01-02"],
      isPostingDay: everyDay,
      today: "2026-01-02",
      totalAnswers: 5,
    },
    expected: { current: 2, activeDays: 2, totalAnswers: 5 },
  },
  {
    name: "GIVEN a weekend off between two active weeks THEN the weekend neither breaks nor extends",
    input: {
      activeDays: [...run("2026-01-05", 5), "2026-01-12"],
      isPostingDay: weekdays,
      today: "2026-01-12",
    },
    expected: { current: 6, frozenDays: [], lastReset: null },
  },
  {
    name: "GIVEN answers on Saturday and Sunday THEN they count as activity but not as streak days",
    input: {
      activeDays: ["2026-01-09", "2026-01-10", "2026-01-11", "2026-01-12"],
      isPostingDay: weekdays,
      today: "2026-01-12",
    },
    expected: { current: 2, best: 2, activeDays: 4, totalAnswers: 4, lastActiveDay: "2026-01-12" },
  },
  {
    name: "GIVEN only a weekend answer THEN there is activity but no streak",
    input: { activeDays: ["2026-01-10"], isPostingDay: weekdays, today: "2026-01-11" },
    expected: { current: 0, best: 0, activeDays: 1, lastActiveDay: "2026-01-10" },
  },
  {
    name: "GIVEN 6 consecutive active days THEN no freeze is earned yet",
    input: { activeDays: run("2026-01-01", 6), isPostingDay: everyDay, today: "2026-01-06" },
    expected: { current: 6, freezes: 0 },
  },
  {
    name: "GIVEN 7 consecutive active days THEN one freeze is earned",
    input: { activeDays: run("2026-01-01", 7), isPostingDay: everyDay, today: "2026-01-07" },
    expected: { current: 7, freezes: 1 },
  },
  {
    name: "GIVEN 14 consecutive active days THEN two freezes are held",
    input: { activeDays: run("2026-01-01", 14), isPostingDay: everyDay, today: "2026-01-14" },
    expected: { current: 14, freezes: 2 },
  },
  {
    name: "GIVEN 28 consecutive active days THEN freezes are capped at 2",
    input: { activeDays: run("2026-01-01", 28), isPostingDay: everyDay, today: "2026-01-28" },
    expected: { current: 28, freezes: 2 },
  },
  {
    name: "GIVEN a freeze and one missed day THEN the freeze is spent and the day keeps but does not add",
    input: {
      activeDays: [...run("2026-01-01", 7), "2026-01-09"],
      isPostingDay: everyDay,
      today: "2026-01-09",
    },
    expected: { current: 8, freezes: 0, frozenDays: ["2026-01-08"], lastReset: null },
  },
  {
    name: "GIVEN a second missed day with no freeze left THEN the streak resets and best is kept",
    input: {
      activeDays: [...run("2026-01-01", 7), "2026-01-10"],
      isPostingDay: everyDay,
      today: "2026-01-10",
    },
    expected: {
      current: 1,
      best: 7,
      freezes: 0,
      frozenDays: ["2026-01-08"],
      lastReset: { day: "2026-01-09", from: 7 },
    },
  },
  {
    name: "GIVEN a reset after a long run THEN the best streak stays the long run",
    input: {
      activeDays: [...run("2026-01-01", 10), ...run("2026-01-13", 3)],
      isPostingDay: everyDay,
      today: "2026-01-15",
    },
    expected: { current: 3, best: 10, frozenDays: ["2026-01-11"] },
  },
  {
    name: "GIVEN a frozen day then 3 active days THEN the earn count resumes (6 of 7, no freeze)",
    input: {
      activeDays: [...run("2026-01-01", 10), ...run("2026-01-12", 3)],
      isPostingDay: everyDay,
      today: "2026-01-14",
    },
    expected: { current: 13, freezes: 0, frozenDays: ["2026-01-11"] },
  },
  {
    name: "GIVEN a frozen day then 4 active days THEN the paused count reaches 7 and earns a freeze",
    input: {
      activeDays: [...run("2026-01-01", 10), ...run("2026-01-12", 4)],
      isPostingDay: everyDay,
      today: "2026-01-15",
    },
    expected: { current: 14, freezes: 1, frozenDays: ["2026-01-11"] },
  },
  {
    name: "GIVEN today not answered yet THEN the streak counts through yesterday",
    input: { activeDays: run("2026-01-01", 4), isPostingDay: everyDay, today: "2026-01-05" },
    expected: { current: 4, lastReset: null, frozenDays: [] },
  },
  {
    name: "GIVEN today answered THEN the streak includes today",
    input: { activeDays: run("2026-01-01", 5), isPostingDay: everyDay, today: "2026-01-05" },
    expected: { current: 5 },
  },
  {
    name: "GIVEN yesterday missed and today not answered yet THEN the streak is already broken",
    input: { activeDays: run("2026-01-01", 3), isPostingDay: everyDay, today: "2026-01-05" },
    expected: { current: 0, best: 3, lastReset: { day: "2026-01-04", from: 3 } },
  },
  {
    name: "GIVEN a Friday streak and today Monday not answered THEN the weekend does not break it",
    input: { activeDays: run("2026-01-05", 5), isPostingDay: weekdays, today: "2026-01-12" },
    expected: { current: 5, lastReset: null },
  },
  {
    name: "GIVEN days across the US DST start (2026-03-08) THEN they are normal consecutive days",
    input: { activeDays: run("2026-03-06", 5), isPostingDay: everyDay, today: "2026-03-10" },
    expected: { current: 5, frozenDays: [] },
  },
  {
    name: "GIVEN days across the US DST end (2026-11-01) THEN they are normal consecutive days",
    input: { activeDays: run("2026-10-30", 5), isPostingDay: everyDay, today: "2026-11-03" },
    expected: { current: 5, frozenDays: [] },
  },
  {
    name: "GIVEN 2026-03-08 missed THEN it is a normal miss",
    input: {
      activeDays: ["2026-03-06", "2026-03-07", "2026-03-09"],
      isPostingDay: everyDay,
      today: "2026-03-09",
    },
    expected: { current: 1, lastReset: { day: "2026-03-08", from: 2 } },
  },
  {
    name: "GIVEN 2026-11-01 missed with a freeze THEN the freeze covers that normal day",
    input: {
      activeDays: [...run("2026-10-25", 7), "2026-11-02"],
      isPostingDay: everyDay,
      today: "2026-11-02",
    },
    expected: { current: 8, frozenDays: ["2026-11-01"] },
  },
  {
    name: "GIVEN an answer dated after today THEN it is ignored",
    input: {
      activeDays: [...run("2026-01-01", 3), "2026-01-05"],
      isPostingDay: everyDay,
      today: "2026-01-03",
    },
    expected: { current: 3, activeDays: 3, lastActiveDay: "2026-01-03" },
  },
  {
    name: "GIVEN no activity THEN everything is empty",
    input: { activeDays: [], isPostingDay: everyDay, today: "2026-01-03" },
    expected: {
      current: 0,
      best: 0,
      freezes: 0,
      activeDays: 0,
      lastActiveDay: null,
      frozenDays: [],
      totalAnswers: 0,
      lastReset: null,
    },
  },
];

/** What the production fold reads at `today` after the answers, given in order as they arrive. */
function folded(input: StreakInput) {
  const days = [...new Set(input.activeDays)].filter((day) => day <= input.today).sort();
  const state = days.reduce(
    (acc, day) => recordActiveDay(acc, day, input.isPostingDay),
    EMPTY_STREAK,
  );
  return {
    ...streakAsOf(state, input.today, input.isPostingDay),
    activeDays: state.activeDays,
    lastActiveDay: state.lastDay,
  };
}

describe("computeStreak rules", () => {
  test.each(rules)("$name", ({ input, expected }) => {
    const walked = computeStreak(input);
    expect(walked).toMatchObject(expected);
    const { current, best, freezes, activeDays, lastActiveDay, lastReset } = walked;
    expect(folded(input)).toEqual({ current, best, freezes, activeDays, lastActiveDay, lastReset });
  });
});

// The caller keys each answer by its date in the zone configured at answer time (see
// src/domain/streak.ts).
function keyAt(instant: string, zone: string): DayKey {
  return DateTime.fromISO(instant, { zone: "utc" }).setZone(zone).toISODate() ?? "";
}

describe("time zone changes", () => {
  const westward = [
    keyAt("2026-03-09T01:00:00Z", "Asia/Tokyo"),
    keyAt("2026-03-10T01:00:00Z", "Asia/Tokyo"),
    // The server switches to Los Angeles: the same date comes round again.
    keyAt("2026-03-10T20:00:00Z", "America/Los_Angeles"),
    keyAt("2026-03-11T20:00:00Z", "America/Los_Angeles"),
    keyAt("2026-03-12T20:00:00Z", "America/Los_Angeles"),
  ];
  const eastward = [
    keyAt("2026-03-09T20:00:00Z", "America/Los_Angeles"),
    keyAt("2026-03-10T20:00:00Z", "America/Los_Angeles"),
    // The server switches to Kiritimati (UTC+14): 2026-03-11 is jumped over, no question is posted.
    keyAt("2026-03-11T20:00:00Z", "Pacific/Kiritimati"),
    keyAt("2026-03-12T20:00:00Z", "Pacific/Kiritimati"),
  ];
  const posted = (day: DayKey): boolean => day !== "2026-03-11";

  test.each([
    {
      name: "GIVEN a westward change that repeats a day key THEN the streak stays continuous",
      keys: westward,
      keysSeen: ["2026-03-09", "2026-03-10", "2026-03-10", "2026-03-11", "2026-03-12"],
      isPostingDay: everyDay,
      today: "2026-03-12",
      current: 4,
    },
    {
      name: "GIVEN an eastward change that skips an unposted day key THEN the streak stays continuous",
      keys: eastward,
      keysSeen: ["2026-03-09", "2026-03-10", "2026-03-12", "2026-03-13"],
      isPostingDay: posted,
      today: "2026-03-13",
      current: 4,
    },
  ])("$name", ({ keys, keysSeen, isPostingDay, today, current }) => {
    expect(keys).toEqual(keysSeen);
    const result = computeStreak({ activeDays: keys, isPostingDay, today });
    expect(result).toMatchObject({ current, frozenDays: [], lastReset: null });
    expect(folded({ activeDays: keys, isPostingDay, today })).toMatchObject({
      current,
      lastReset: null,
    });
  });
});

describe("admin restore", () => {
  // A 5-day run, then an outage on 01-06 and 01-07, then the member is back on 01-08.
  const outage: StreakInput = {
    activeDays: [...run("2026-01-01", 5), "2026-01-08"],
    isPostingDay: everyDay,
    today: "2026-01-09",
  };

  test("GIVEN a streak broken by an outage THEN previousStreak is the value before the reset", () => {
    const result = computeStreak(outage);
    expect(result).toMatchObject({ current: 1, lastReset: { day: "2026-01-06", from: 5 } });
    expect(previousStreak(result)).toBe(5);
  });

  test("GIVEN no reset ever THEN there is nothing to restore", () => {
    const input = { activeDays: run("2026-01-01", 3), isPostingDay: everyDay, today: "2026-01-03" };
    expect(previousStreak(computeStreak(input))).toBeNull();
    expect(restoreOverride(input)).toBeNull();
  });

  test.each([
    {
      name: "GIVEN today not answered THEN the restore carries 5 + the rebuilt 1 into today",
      activeDays: outage.activeDays,
      override: { day: "2026-01-09", value: 6 },
      currentAfter: 6,
    },
    {
      name: "GIVEN today already answered THEN today's answer still adds on top of the restore",
      activeDays: [...outage.activeDays, "2026-01-09"],
      override: { day: "2026-01-09", value: 6 },
      currentAfter: 7,
    },
  ])("$name", ({ activeDays, override, currentAfter }) => {
    const input = { ...outage, activeDays };
    expect(restoreOverride(input)).toEqual(override);
    const restored = computeStreak({ ...input, restoredAt: override });
    expect(restored).toMatchObject({ current: currentAfter, best: currentAfter, lastReset: null });
    expect(restoreOverride({ ...input, restoredAt: override })).toBeNull();
  });

  test.each([
    {
      name: "GIVEN a restore on a past day THEN the walk continues from the restored value",
      restoredAt: { day: "2026-01-08", value: 5 },
      today: "2026-01-09",
      expected: { current: 6, best: 6, lastReset: null },
    },
    {
      name: "GIVEN a restore on the first answer day THEN the answers add on top of it",
      restoredAt: { day: "2026-01-01", value: 20 },
      today: "2026-01-03",
      expected: { current: 23, best: 23 },
    },
    {
      name: "GIVEN a restore on an unanswered day before the first answer THEN that day is a miss",
      restoredAt: { day: "2025-12-31", value: 20 },
      today: "2026-01-03",
      expected: { current: 3, best: 20, lastReset: { day: "2025-12-31", from: 20 } },
    },
    {
      name: "GIVEN a restore then a later miss THEN the restored streak resets as usual",
      restoredAt: { day: "2026-01-08", value: 5 },
      today: "2026-01-11",
      expected: { current: 0, best: 6, lastReset: { day: "2026-01-09", from: 6 } },
    },
    {
      name: "GIVEN a restore dated after today THEN it does not apply yet",
      restoredAt: { day: "2026-01-10", value: 50 },
      today: "2026-01-09",
      expected: { current: 1, best: 5 },
    },
  ])("$name", ({ restoredAt, today, expected }) => {
    expect(computeStreak({ ...outage, restoredAt, today })).toMatchObject(expected);
  });

  test.each([-1, 1.5, Number.NaN])("GIVEN a restore value of %s THEN it is rejected", (value) => {
    expect(() => computeStreak({ ...outage, restoredAt: { day: "2026-01-08", value } })).toThrow(
      RangeError,
    );
  });
});

describe("input checks and cost", () => {
  test.each(["2026-1-05", "2026-02-30", "05/01/2026", ""])(
    "GIVEN the malformed day key %j THEN it is rejected",
    (bad) => {
      expect(() =>
        computeStreak({ activeDays: [bad], isPostingDay: everyDay, today: "2026-03-01" }),
      ).toThrow(RangeError);
    },
  );

  test("GIVEN three years of history THEN each day from the first answer is looked at once", () => {
    const activeDays = run("2023-01-01", 3 * 365);
    const today = activeDays.at(-1) ?? "";
    const looked: DayKey[] = [];
    const result = computeStreak({
      activeDays,
      today,
      isPostingDay: (day) => looked.push(day) > 0 && weekdays(day),
    });
    expect(looked).toEqual(activeDays);
    expect(result.current).toBe(activeDays.filter(weekdays).length);
  });
});
