import { PNG } from "pngjs";
import { describe, expect, test } from "vitest";
import { renderCalendarPng } from "../../src/discord/render-calendar-png.js";
import {
  activityCalendar,
  addDays,
  type CalendarCell,
  type CalendarGrid,
} from "../../src/domain/calendar.js";

const BACKGROUND = "#0d1117";
const ACTIVE = "#2ea043";
const INACTIVE = "#30363d";
const TODAY_BORDER = "#e6edf3";
// Defaults: cell 14, gap 3, padding 8, so a cell starts every 17 px after the padding.
const STEP = 17;

/** One string per week, Monday first: a = active, i = inactive (past), f = future. */
function gridOf(...weeks: string[]): CalendarGrid {
  return weeks.map((week, w) =>
    [...week].map((kind, d): CalendarCell => ({
      day: addDays("2026-01-05", 7 * w + d),
      active: kind === "a",
      future: kind === "f",
    })),
  );
}

function pixel(png: PNG, x: number, y: number): string {
  const i = 4 * (y * png.width + x);
  const hex = [...png.data.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, "0"));
  return `#${hex.join("")}`;
}

function countColour(png: PNG, colour: string): number {
  let count = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) if (pixel(png, x, y) === colour) count++;
  }
  return count;
}

/** The outer ring of the default 14-px cell at (week, weekday). */
function ringOf(week: number, weekday: number): [number, number][] {
  const x0 = 8 + week * STEP;
  const y0 = 8 + weekday * STEP;
  const ring: [number, number][] = [];
  for (let i = 0; i < 14; i++) {
    ring.push([x0 + i, y0], [x0 + i, y0 + 13], [x0, y0 + i], [x0 + 13, y0 + i]);
  }
  return ring;
}

const decode = (buffer: Buffer) => PNG.sync.read(buffer);

describe("picture size", () => {
  test.each([
    ["12 weeks with the defaults", 12, {}, 217, 132],
    ["1 week, cell 10, gap 2, no padding", 1, { cell: 10, gap: 2, padding: 0 }, 10, 82],
    ["3 weeks, cell 5, no gap, padding 4", 3, { cell: 5, gap: 0, padding: 4 }, 23, 43],
  ])("GIVEN %s THEN the picture is %i x %i", (_, weeks, options, width, height) => {
    const png = decode(renderCalendarPng(gridOf(...Array<string>(weeks).fill("iiiiiii")), options));
    expect([png.width, png.height]).toEqual([width, height]);
  });

  test("GIVEN 12 weeks THEN the file stays small enough to attach freely (< 10 KB)", () => {
    const active = Array.from({ length: 84 }, (_, n) => addDays("2026-01-01", n)).filter(
      (_, n) => n % 3 !== 0,
    );
    const bytes = renderCalendarPng(activityCalendar(active, "2026-03-20"));
    expect(bytes.length).toBeLessThan(10_000);
  });
});

describe("cell colours", () => {
  // Oldest week on the left, Monday on top; today is week 2, Wednesday (the last past day).
  const weeks = ["aiaiaii", "iaaiiaa", "aiaffff"];
  const png = decode(renderCalendarPng(gridOf(...weeks)));
  const colourOf = { a: ACTIVE, i: INACTIVE, f: BACKGROUND } as const;
  const cells = weeks.flatMap((week, w) =>
    [...week].map((kind, d) => [w, d, kind, colourOf[kind as keyof typeof colourOf]] as const),
  );

  test.each(cells)(
    "GIVEN the cell of week %i, weekday %i (%s) THEN its centre is %s",
    (week, weekday, _, colour) => {
      expect(pixel(png, 8 + week * STEP + 7, 8 + weekday * STEP + 7)).toBe(colour);
    },
  );

  test.each([
    ["the top-left corner (padding)", 0, 0],
    ["the gap between Monday and Tuesday of week 0", 15, 23],
    ["the gap between week 0 and week 1", 23, 15],
    ["the bottom-right corner (padding)", 63, 131],
  ])("GIVEN %s THEN it is background", (_, x, y) => {
    expect(pixel(png, x, y)).toBe(BACKGROUND);
  });
});

describe("today's outline", () => {
  test.each([
    ["an active today mid-week", ["aiaiaii", "iaaffff"], 1, 2, ACTIVE],
    ["an inactive today mid-week", ["aiaiaii", "aaiffff"], 1, 2, INACTIVE],
    ["a Sunday today closing the last week", ["iiiiiii", "aaaaaaa"], 1, 6, ACTIVE],
    ["a Monday today starting the last week", ["aaaaaaa", "iffffff"], 1, 0, INACTIVE],
  ])(
    "GIVEN %s THEN only that cell has the light border and keeps its own colour inside",
    (_, weeks, week, weekday, inside) => {
      const png = decode(renderCalendarPng(gridOf(...weeks)));
      const ring = ringOf(week, weekday);
      expect(ring.map(([x, y]) => pixel(png, x, y))).toEqual(ring.map(() => TODAY_BORDER));
      expect(countColour(png, TODAY_BORDER)).toBe(4 * 13);
      expect(pixel(png, 8 + week * STEP + 1, 8 + weekday * STEP + 1)).toBe(inside);
    },
  );

  test("GIVEN every day is in the future THEN no cell is outlined", () => {
    const png = decode(renderCalendarPng(gridOf("fffffff")));
    expect(countColour(png, TODAY_BORDER)).toBe(0);
  });
});

describe("encoding", () => {
  test("GIVEN the same grid twice (built separately) THEN the bytes are identical", () => {
    const first = renderCalendarPng(activityCalendar(["2026-03-02", "2026-03-18"], "2026-03-20"));
    const second = renderCalendarPng(activityCalendar(["2026-03-18", "2026-03-02"], "2026-03-20"));
    expect(second.equals(first)).toBe(true);
  });

  test("GIVEN one more active day THEN the bytes differ", () => {
    const before = renderCalendarPng(activityCalendar(["2026-03-02"], "2026-03-20"));
    const after = renderCalendarPng(activityCalendar(["2026-03-02", "2026-03-03"], "2026-03-20"));
    expect(after.equals(before)).toBe(false);
  });

  test.each([
    ["a cell too small to show its colour inside the outline", { cell: 2 }],
    ["a fractional gap", { gap: 1.5 }],
    ["negative padding", { padding: -1 }],
  ])("GIVEN %s THEN it refuses with a RangeError", (_, options) => {
    expect(() => renderCalendarPng(gridOf("iiiiiii"), options)).toThrow(RangeError);
  });

  test("GIVEN an empty grid THEN it refuses with a RangeError", () => {
    expect(() => renderCalendarPng([])).toThrow(RangeError);
  });
});
