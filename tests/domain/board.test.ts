import { describe, expect, test } from "vitest";
import { boardSpec, boardValue, type BoardFields } from "../../src/domain/board.js";
import { mulberry32 } from "../../src/domain/rotation.js";
import {
  EMPTY_STREAK,
  recordActiveDay,
  restoreStreak,
  streakAsOf,
  type StreakState,
} from "../../src/domain/streak.js";
import { everyDay, plusDays, randomCase, weekdays } from "../helpers/streak-histories.js";

const member = (
  streak: Partial<BoardFields["streak"]>,
  rest: Partial<Omit<BoardFields, "streak">> = {},
): BoardFields => ({
  streak: { current: 5, best: 9, freezes: 0, lastDay: "2026-11-27", ...streak },
  totalAnswers: 40,
  week: { start: "2026-11-30", answers: 3 },
  ...rest,
});

describe("boardSpec", () => {
  test.each([
    // Monday: the posting days before it are Friday, Thursday, Wednesday.
    ["weekdays, on a Monday", "2026-11-30", weekdays, ["2026-11-27", "2026-11-26", "2026-11-25"]],
    ["every day", "2026-11-30", everyDay, ["2026-11-29", "2026-11-28", "2026-11-27"]],
    [
      "every day but a skipped 11-28",
      "2026-11-30",
      (day: string) => day !== "2026-11-28",
      ["2026-11-29", "2026-11-27", "2026-11-26"],
    ],
    ["no posting day at all", "2026-11-30", () => false, ["", "", ""]],
  ])("GIVEN %s THEN the floors are the posting days before today", (_, today, posting, floors) => {
    expect(boardSpec("streak", today, posting)).toEqual({
      board: "streak",
      streakFloors: floors,
      week: "2026-11-30",
    });
  });

  test("GIVEN a Sunday THEN the week is the Monday six days before", () => {
    expect(boardSpec("week", "2026-12-06", everyDay).week).toBe("2026-11-30");
  });
});

describe("boardValue", () => {
  const monday = boardSpec("streak", "2026-11-30", weekdays);
  test.each([
    ["answered on Friday, no freeze", member({ lastDay: "2026-11-27" }), 5],
    ["answered today", member({ lastDay: "2026-11-30" }), 5],
    ["last on Thursday, no freeze: Friday was missed", member({ lastDay: "2026-11-26" }), 0],
    ["last on Thursday, one freeze spends it", member({ lastDay: "2026-11-26", freezes: 1 }), 5],
    ["last on Wednesday, one freeze, two misses", member({ lastDay: "2026-11-25", freezes: 1 }), 0],
    ["last on Wednesday, two freezes", member({ lastDay: "2026-11-25", freezes: 2 }), 5],
    [
      "last on Tuesday, two freezes, three misses",
      member({ lastDay: "2026-11-24", freezes: 2 }),
      0,
    ],
    ["never answered", member({ lastDay: null, current: 0 }), 0],
  ])("GIVEN %s THEN the streak board shows %#", (_, fields, expected) => {
    expect(boardValue(fields, monday)).toBe(expected);
  });

  test("GIVEN the other boards THEN best, total answers and this week's answers", () => {
    const fields = member({ lastDay: "2026-11-20" });
    expect(boardValue(fields, { ...monday, board: "best" })).toBe(9);
    expect(boardValue(fields, { ...monday, board: "answers" })).toBe(40);
    expect(boardValue(fields, { ...monday, board: "week" })).toBe(3);
    const lastWeek = boardSpec("week", "2026-12-07", weekdays);
    expect(boardValue(fields, lastWeek)).toBe(0);
  });

  test("GIVEN 2,000 random histories, some with a restore, read on random days THEN the streak and best boards equal streakAsOf", () => {
    const rand = mulberry32(20261129);
    for (let i = 0; i < 2000; i++) {
      const { days, isPostingDay, today, first, length } = randomCase(rand);
      // An admin restore on a random day moves lastDay to the day before it.
      const restoreDay = rand() < 0.3 ? plusDays(first, Math.floor(rand() * length)) : null;
      const fold = (from: StreakState, upTo: (day: string) => boolean) =>
        days
          .filter((day) => upTo(day) && day <= today)
          .reduce((s, day) => recordActiveDay(s, day, isPostingDay), from);
      let state = fold(EMPTY_STREAK, (day) => !restoreDay || day < restoreDay);
      if (restoreDay && restoreDay <= today) {
        state = restoreStreak(state, restoreDay, isPostingDay)?.state ?? state;
        state = fold(state, (day) => day >= restoreDay);
      }
      const expected = streakAsOf(state, today, isPostingDay);
      const fields = { streak: state, totalAnswers: 0, week: { start: "", answers: 0 } };
      const spec = boardSpec("streak", today, isPostingDay);
      expect(boardValue(fields, spec), `case ${i}`).toBe(expected.current);
      expect(boardValue(fields, { ...spec, board: "best" }), `case ${i}`).toBe(expected.best);
    }
  });
});
