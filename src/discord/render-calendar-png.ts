import { PNG } from "pngjs";
import type { CalendarCell, CalendarGrid } from "../domain/calendar.js";

export interface CalendarPngOptions {
  readonly cell?: number;
  readonly gap?: number;
  readonly padding?: number;
}

type Rgb = readonly [number, number, number];

// GitHub's dark palette: readable in Discord's dark theme, and a dark card still sits well in light.
const CALENDAR_COLOURS = {
  background: [0x0d, 0x11, 0x17],
  active: [0x2e, 0xa0, 0x43],
  inactive: [0x30, 0x36, 0x3d],
  today: [0xe6, 0xed, 0xf3],
} as const satisfies Record<string, Rgb>;

const DAYS_PER_WEEK = 7;
// The outline takes the cell's outer pixel ring, so a cell needs an inside left to show its colour.
const MIN_CELL = 3;
const RGB = 2;

interface Layout {
  readonly cell: number;
  readonly gap: number;
  readonly padding: number;
}

/** A GitHub-style heatmap of the grid: weeks left to right (oldest first), Monday at the top. */
export function renderCalendarPng(grid: CalendarGrid, options: CalendarPngOptions = {}): Buffer {
  if (grid.length === 0) throw new RangeError("A calendar needs at least one week");
  const layout = layoutOf(options);
  const { width, height } = sizeOf(grid.length, layout);
  const png = new PNG({ width, height });
  fillRect(png, 0, 0, width, height, CALENDAR_COLOURS.background);
  const today = todayOf(grid);
  grid.forEach((week, column) =>
    week.forEach((cell, row) => {
      if (cell.future) return;
      const x = layout.padding + column * (layout.cell + layout.gap);
      const y = layout.padding + row * (layout.cell + layout.gap);
      drawCell(png, x, y, layout.cell, cell, cell === today);
    }),
  );
  // RGB, not RGBA: the picture is opaque, and dropping alpha keeps the file smaller.
  return PNG.sync.write(png, { colorType: RGB });
}

function layoutOf({ cell = 14, gap = 3, padding = 8 }: CalendarPngOptions): Layout {
  requireWhole("cell", cell, MIN_CELL);
  requireWhole("gap", gap, 0);
  requireWhole("padding", padding, 0);
  return { cell, gap, padding };
}

function requireWhole(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number of pixels >= ${min}, got ${value}`);
  }
}

function sizeOf(weeks: number, { cell, gap, padding }: Layout) {
  return {
    width: 2 * padding + weeks * cell + (weeks - 1) * gap,
    height: 2 * padding + DAYS_PER_WEEK * cell + (DAYS_PER_WEEK - 1) * gap,
  };
}

/** The grid has no "today" field: it is the last day that is not in the future. */
function todayOf(grid: CalendarGrid): CalendarCell | undefined {
  return grid.flat().findLast((cell) => !cell.future);
}

function drawCell(
  png: PNG,
  x: number,
  y: number,
  size: number,
  cell: CalendarCell,
  today: boolean,
) {
  const fill = cell.active ? CALENDAR_COLOURS.active : CALENDAR_COLOURS.inactive;
  if (!today) return fillRect(png, x, y, size, size, fill);
  fillRect(png, x, y, size, size, CALENDAR_COLOURS.today);
  fillRect(png, x + 1, y + 1, size - 2, size - 2, fill);
}

function fillRect(png: PNG, x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
  for (let row = y; row < y + h; row++) {
    for (let col = x; col < x + w; col++) {
      const i = 4 * (row * png.width + col);
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 0xff;
    }
  }
}
