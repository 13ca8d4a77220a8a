import type { DayKey } from "./calendar.js";

export interface RankEntry {
  readonly userId: string;
  /** The board's number: current streak, best streak, total answers or this week's answers. */
  readonly value: number;
  /** Breaks ties: whoever got there first (earlier day) is listed first. */
  readonly lastActiveDay?: DayKey | null | undefined;
}

export interface RankedEntry extends RankEntry {
  readonly rank: number;
}

export interface RankOptions {
  /** Keeps an entry on the board, e.g. drops members who left the server. */
  readonly include?: ((entry: RankEntry) => boolean) | undefined;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Zero-based, clamped to the existing pages. */
  readonly pageIndex: number;
  /** At least 1, so an empty board still shows one (empty) page. */
  readonly pageCount: number;
  readonly total: number;
}

export const DEFAULT_PAGE_SIZE = 10;

/** Sorts by value, highest first, with standard competition ranks: 1, 2, 2, 4. */
export function rankMembers(
  entries: readonly RankEntry[],
  options: RankOptions = {},
): RankedEntry[] {
  const include = options.include ?? (() => true);
  const sorted = entries.filter(include).sort(compareEntries);
  let rank = 0;
  return sorted.map((entry, index) => {
    if (index === 0 || entry.value !== sorted[index - 1]?.value) rank = index + 1;
    return { ...entry, rank };
  });
}

export function page<T>(
  entries: readonly T[],
  pageIndex: number,
  pageSize = DEFAULT_PAGE_SIZE,
): Page<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  }
  const pageCount = Math.max(1, Math.ceil(entries.length / pageSize));
  const index = Math.min(Math.max(0, Math.trunc(pageIndex) || 0), pageCount - 1);
  const start = index * pageSize;
  return {
    items: entries.slice(start, start + pageSize),
    pageIndex: index,
    pageCount,
    total: entries.length,
  };
}

export function rankOf(
  entries: readonly RankedEntry[],
  userId: string,
): { rank: number; value: number } | null {
  const entry = entries.find((candidate) => candidate.userId === userId);
  return entry ? { rank: entry.rank, value: entry.value } : null;
}

function compareEntries(a: RankEntry, b: RankEntry): number {
  return (
    b.value - a.value ||
    compareOptionalDays(a.lastActiveDay, b.lastActiveDay) ||
    compareText(a.userId, b.userId)
  );
}

// Members without a last active day go after those with one: nothing to show they got there first.
function compareOptionalDays(a: DayKey | null | undefined, b: DayKey | null | undefined): number {
  if (a && b) return compareText(a, b);
  return (a ? 0 : 1) - (b ? 0 : 1);
}

// Plain code-unit order, not localeCompare: the order must not depend on the host's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
