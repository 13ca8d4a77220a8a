import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import {
  activityCalendar,
  addDays,
  calendarText,
  dayKeyOf,
  epochDayOf,
  isoWeekdayOf,
} from "../../src/domain/calendar.js";

describe("day math", () => {
  test("GIVEN every day from 1900 to 2100 THEN epoch days, keys and weekdays agree with luxon", () => {
    const mismatches: string[] = [];
    const startEpochDay = epochDayOf("1900-01-01");
    // Stepping one luxon date by a day is cheap; plus({ days: i }) from the start is not.
    let date = DateTime.fromISO("1900-01-01", { zone: "utc" });
    for (let epochDay = startEpochDay; date.year <= 2100; epochDay += 1) {
      const key = date.toISODate() ?? "";
      if (
        dayKeyOf(epochDay) !== key ||
        epochDayOf(key) !== epochDay ||
        isoWeekdayOf(key) !== date.weekday
      ) {
        mismatches.push(key);
      }
      date = date.plus({ days: 1 });
    }
    expect(date.toISODate()).toBe("2101-01-01");
    expect(mismatches).toEqual([]);
  });

  test.each([
    {
      name: "GIVEN a month end THEN the next day is the 1st",
      day: "2026-01-31",
      days: 1,
      expected: "2026-02-01",
    },
    {
      name: "GIVEN a leap year THEN Feb 29 exists",
      day: "2028-02-28",
      days: 1,
      expected: "2028-02-29",
    },
    {
      name: "GIVEN the US DST start THEN it is one day",
      day: "2026-03-08",
      days: 1,
      expected: "2026-03-09",
    },
    {
      name: "GIVEN the US DST end THEN it is one day",
      day: "2026-11-01",
      days: -1,
      expected: "2026-10-31",
    },
    {
      name: "GIVEN a year end THEN the next year",
      day: "2026-12-31",
      days: 1,
      expected: "2027-01-01",
    },
  ])("$name", ({ day, days, expected }) => {
    expect(addDays(day, days)).toBe(expected);
  });

  test.each(["2026-02-29", "2026-13-01", "2026-1-1", "0026-01-01x", "today"])(
    "GIVEN the invalid key %j THEN it is rejected",
    (bad) => {
      expect(() => epochDayOf(bad)).toThrow(RangeError);
    },
  );
});

describe("activityCalendar", () => {
  // 2026-03-11 is a Wednesday.
  const today = "2026-03-11";
  const grid = activityCalendar(["2026-03-09", "2026-03-11", "2025-12-15", "2026-03-12"], today);

  test("GIVEN the default THEN 12 week columns of 7 days each", () => {
    expect(grid).toHaveLength(12);
    expect(grid.every((week) => week.length === 7)).toBe(true);
  });

  test("GIVEN the default THEN the first column starts on the Monday 11 weeks before this week", () => {
    expect(grid[0]?.[0]?.day).toBe("2025-12-22");
    expect(grid.every((week) => isoWeekdayOf(week[0]?.day ?? "") === 1)).toBe(true);
  });

  test("GIVEN the default THEN the last column is the week containing today", () => {
    expect(grid[11]?.map((cell) => cell.day)).toEqual([
      "2026-03-09",
      "2026-03-10",
      "2026-03-11",
      "2026-03-12",
      "2026-03-13",
      "2026-03-14",
      "2026-03-15",
    ]);
  });

  test("GIVEN active days THEN only those up to today are marked, later days are future", () => {
    const cells = grid.flat();
    expect(cells.filter((cell) => cell.active).map((cell) => cell.day)).toEqual([
      "2026-03-09",
      "2026-03-11",
    ]);
    expect(cells.filter((cell) => cell.future).map((cell) => cell.day)).toEqual([
      "2026-03-12",
      "2026-03-13",
      "2026-03-14",
      "2026-03-15",
    ]);
  });

  test.each([
    {
      name: "GIVEN today on a Monday THEN the last column starts today",
      today: "2026-03-09",
      last: "2026-03-09",
    },
    {
      name: "GIVEN today on a Sunday THEN the last column ends today",
      today: "2026-03-15",
      last: "2026-03-09",
    },
  ])("$name", ({ today: day, last }) => {
    const [lastWeek] = activityCalendar([], day, 1);
    expect(lastWeek?.[0]?.day).toBe(last);
    expect(lastWeek?.some((cell) => cell.day === day)).toBe(true);
  });

  test.each([0, -1, 1.5])("GIVEN %s weeks THEN it is rejected", (weeks) => {
    expect(() => activityCalendar([], today, weeks)).toThrow(RangeError);
  });
});

describe("calendarText", () => {
  test("GIVEN 12 weeks THEN 7 rows of 12 characters", () => {
    const rows = calendarText(activityCalendar([], "2026-03-15")).split("\n");
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => [...row].length === 12)).toBe(true);
  });

  test("GIVEN two weeks ending on a Wednesday THEN rows are Monday to Sunday, one char a week", () => {
    const grid = activityCalendar(
      ["2026-03-02", "2026-03-05", "2026-03-09", "2026-03-11"],
      "2026-03-11",
      2,
    );
    expect(calendarText(grid)).toBe(["■■", "□□", "□■", "■ ", "□ ", "□ ", "□ "].join("\n"));
  });

  test("GIVEN custom symbols THEN they are used, future included", () => {
    const grid = activityCalendar(["2026-03-09"], "2026-03-10", 1);
    expect(calendarText(grid, { active: "x", inactive: ".", future: "-" })).toBe(
      ["x", ".", "-", "-", "-", "-", "-"].join("\n"),
    );
  });
});
