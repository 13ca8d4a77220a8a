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

export interface Page<T> {
  readonly items: readonly T[];
  /** Zero-based, clamped to the existing pages. */
  readonly pageIndex: number;
  /** At least 1, so an empty board still shows one (empty) page. */
  readonly pageCount: number;
  readonly total: number;
}

export const DEFAULT_PAGE_SIZE = 10;

/** Which page `pageIndex` really is among `total` entries, and where it starts. */
export function pageBounds(total: number, pageIndex: number, pageSize: number) {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  }
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const index = Math.min(Math.max(0, Math.trunc(pageIndex) || 0), pageCount - 1);
  return { pageIndex: index, pageCount, offset: index * pageSize };
}

/**
 * One page of a board and the caller's rank: highest value first, ties by earlier last active
 * day then user id, with competition ranks (1, 2, 2, 4). The whole board is never sorted:
 * entries are grouped by value (boards hold small whole numbers, so there are few groups) and
 * only the groups the page falls in are sorted.
 */
export function rankedPage(
  entries: readonly RankEntry[],
  pageIndex: number,
  pageSize: number,
  callerId: string,
): { page: Page<RankedEntry>; caller: { rank: number; value: number } | null } {
  const groups = new Map<number, RankEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.value);
    if (group) group.push(entry);
    else groups.set(entry.value, [entry]);
  }
  const bounds = pageBounds(entries.length, pageIndex, pageSize);
  const [start, end] = [bounds.offset, bounds.offset + pageSize];
  const callerValue = entries.find((entry) => entry.userId === callerId)?.value;
  const items: RankedEntry[] = [];
  let caller: { rank: number; value: number } | null = null;
  let before = 0; // entries in the groups above
  for (const value of [...groups.keys()].sort((a, b) => b - a)) {
    const group = groups.get(value) ?? [];
    const rank = before + 1;
    if (value === callerValue) caller = { rank, value };
    if (before < end && before + group.length > start) {
      group.sort(compareEntries);
      const to = Math.min(group.length, end - before);
      for (let i = Math.max(0, start - before); i < to; i++) {
        items.push({ ...(group[i] as RankEntry), rank });
      }
    }
    before += group.length;
  }
  return {
    page: {
      items,
      pageIndex: bounds.pageIndex,
      pageCount: bounds.pageCount,
      total: entries.length,
    },
    caller,
  };
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
