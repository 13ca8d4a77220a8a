/** A calendar date "YYYY-MM-DD" in the server's zone: a plain date, never an instant. */
export type DayKey = string;

export interface CalendarCell {
  readonly day: DayKey;
  readonly active: boolean;
  readonly future: boolean;
}

/** Columns are weeks, oldest first; each column holds 7 cells, Monday first. */
export type CalendarGrid = readonly (readonly CalendarCell[])[];

export interface CalendarSymbols {
  readonly active: string;
  readonly inactive: string;
  readonly future?: string;
}

const MS_PER_DAY = 86_400_000;
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DEFAULT_SYMBOLS: CalendarSymbols = { active: "■", inactive: "□", future: " " };

// Every member's walk covers the same recent days, so each date is converted once and shared
// (a Date round trip costs ~1µs, a lookup ~30ns). Stored history spans a few thousand days; the
// limit only guards against unbounded growth.
const CACHE_LIMIT = 50_000;
const epochDays = new Map<DayKey, number>();
const dayKeys = new Map<number, DayKey>();

// Day keys are dates, not instants, so arithmetic runs on whole days since 1970-01-01 with UTC-only
// native Date math: no zone, no DST. Luxon gives the same answers (the tests check every day from
// 1900 to 2100) but is far slower per day than the streak walk over 100k members can afford.
export function epochDayOf(day: DayKey): number {
  return epochDays.get(day) ?? remember(epochDays, day, parseDayKey(day));
}

export function dayKeyOf(epochDay: number): DayKey {
  return dayKeys.get(epochDay) ?? remember(dayKeys, epochDay, formatEpochDay(epochDay));
}

function formatEpochDay(epochDay: number): DayKey {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

function parseDayKey(day: DayKey): number {
  const parts = DAY_KEY.exec(day);
  const ms = parts ? Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])) : NaN;
  // The round trip rejects dates like 2026-02-30 that Date.UTC would roll over into March.
  if (Number.isNaN(ms) || formatEpochDay(ms / MS_PER_DAY) !== day) {
    throw new RangeError(`Not a day key (YYYY-MM-DD): ${JSON.stringify(day)}`);
  }
  return ms / MS_PER_DAY;
}

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

export function addDays(day: DayKey, days: number): DayKey {
  return dayKeyOf(epochDayOf(day) + days);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(day: DayKey): number {
  return isoWeekdayOfEpochDay(epochDayOf(day));
}

/** The Monday of the ISO week holding `day`. */
export function mondayOf(day: DayKey): DayKey {
  return addDays(day, 1 - isoWeekdayOf(day));
}

function isoWeekdayOfEpochDay(epochDay: number): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps dates before 1970 positive.
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function activityCalendar(
  activeDays: Iterable<DayKey>,
  today: DayKey,
  weeks = 12,
): CalendarGrid {
  if (!Number.isInteger(weeks) || weeks < 1) {
    throw new RangeError(`weeks must be a positive integer, got ${weeks}`);
  }
  const active = new Set(activeDays);
  const todayEpochDay = epochDayOf(today);
  const thisMonday = todayEpochDay - (isoWeekdayOfEpochDay(todayEpochDay) - 1);
  const firstMonday = thisMonday - 7 * (weeks - 1);
  return Array.from({ length: weeks }, (_, week) =>
    Array.from({ length: 7 }, (_, weekday) => {
      const epochDay = firstMonday + 7 * week + weekday;
      const day = dayKeyOf(epochDay);
      const future = epochDay > todayEpochDay;
      return { day, active: !future && active.has(day), future };
    }),
  );
}

/** Text fallback: 7 lines, Monday to Sunday, one character per week. */
export function calendarText(
  grid: CalendarGrid,
  symbols: CalendarSymbols = DEFAULT_SYMBOLS,
): string {
  const future = symbols.future ?? " ";
  const symbolOf = (cell: CalendarCell | undefined): string => {
    if (!cell || cell.future) return future;
    return cell.active ? symbols.active : symbols.inactive;
  };
  return Array.from({ length: 7 }, (_, weekday) =>
    grid.map((week) => symbolOf(week[weekday])).join(""),
  ).join("\n");
}
