import { addDays, mondayOf, type DayKey } from "./calendar.js";
import { MAX_FREEZES } from "./streak.js";
import type { IsPostingDay, StreakState } from "./streak.js";

export const BOARDS = ["streak", "best", "answers", "week"] as const;
export type Board = (typeof BOARDS)[number];

/** What a board needs of a member's stored row. */
export interface BoardFields {
  readonly streak: Pick<StreakState, "current" | "best" | "freezes" | "lastDay">;
  readonly totalAnswers: number;
  readonly week: { readonly start: string; readonly answers: number };
}

/**
 * A board as of one day, as plain values a store can compare in its own query language: no
 * walk over days, no schedule. `streakFloors[f]` is the earliest last answer day at which a
 * member holding `f` freezes still keeps the stored streak today; `week` is today's Monday.
 */
export interface BoardSpec {
  readonly board: Board;
  readonly streakFloors: readonly DayKey[];
  readonly week: DayKey;
}

/** Far enough back that every real schedule has three posting days in it. */
const FLOOR_SEARCH_DAYS = 3_660;

/**
 * Aging a streak to today (streakAsOf) spends one freeze per missed posting day and resets the
 * streak at the first miss with none left, so after m misses the stored streak stands exactly
 * when m ≤ freezes. That holds when the last answer came on or after the (freezes + 1)-th
 * posting day before today: that day is the floor. With no such day in reach nothing can be
 * missed, so the floor is "" (before every day).
 */
export function boardSpec(board: Board, today: DayKey, isPostingDay: IsPostingDay): BoardSpec {
  const floors: DayKey[] = [];
  for (let back = 1; back <= FLOOR_SEARCH_DAYS && floors.length <= MAX_FREEZES; back++) {
    const day = addDays(today, -back);
    if (isPostingDay(day)) floors.push(day);
  }
  while (floors.length <= MAX_FREEZES) floors.push("");
  return { board, streakFloors: floors, week: mondayOf(today) };
}

/** The member's number on the board; the stores' queries compute the same. */
export function boardValue(member: BoardFields, spec: BoardSpec): number {
  switch (spec.board) {
    case "streak": {
      const { current, freezes, lastDay } = member.streak;
      const floor = spec.streakFloors[Math.min(freezes, MAX_FREEZES)] ?? "";
      return lastDay !== null && lastDay >= floor ? current : 0;
    }
    case "best":
      return member.streak.best;
    case "answers":
      return member.totalAnswers;
    case "week":
      return member.week.start === spec.week ? member.week.answers : 0;
  }
}
