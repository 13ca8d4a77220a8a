import type { Page, RankEntry, RankedEntry } from "../../src/domain/ranking.js";

/*
 * The leaderboard's ranking written the plain way, as the oracle the optimised ranking
 * (rankedPage, the SQL boards) is compared with: sort everyone, give competition ranks
 * (1, 2, 2, 4), slice the page, find the caller.
 */

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Highest value first; a tie goes to the earlier last active day (none last), then the user id. */
export function referenceRanking(entries: readonly RankEntry[]): RankedEntry[] {
  const sorted = [...entries].sort(
    (a, b) =>
      b.value - a.value ||
      (a.lastActiveDay && b.lastActiveDay
        ? byBytes(a.lastActiveDay, b.lastActiveDay)
        : (a.lastActiveDay ? 0 : 1) - (b.lastActiveDay ? 0 : 1)) ||
      byBytes(a.userId, b.userId),
  );
  return sorted.map((entry) => ({
    ...entry,
    rank: 1 + sorted.filter((other) => other.value > entry.value).length,
  }));
}

/** The page `pageIndex` (clamped to the pages there are) of an already ranked board. */
export function referencePage(
  ranked: readonly RankedEntry[],
  pageIndex: number,
  pageSize: number,
): Page<RankedEntry> {
  const pageCount = Math.max(1, Math.ceil(ranked.length / pageSize));
  const index = Math.min(Math.max(0, Math.trunc(pageIndex) || 0), pageCount - 1);
  const items = ranked.slice(index * pageSize, (index + 1) * pageSize);
  return { items, pageIndex: index, pageCount, total: ranked.length };
}

export function referenceRankOf(ranked: readonly RankedEntry[], userId: string) {
  const entry = ranked.find((candidate) => candidate.userId === userId);
  return entry ? { rank: entry.rank, value: entry.value } : null;
}
