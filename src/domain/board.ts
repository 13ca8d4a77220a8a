import { addDays, mondayOf, type DayKey } from "./calendar.js";
import { MAX_FREEZES } from "./streak.js";
import type { IsPostingDay, StreakState } from "./streak.js";

/** What a board needs of a member's stored row. */
export interface BoardFields {
  readonly streak: Pick<StreakState, "current" | "best" | "freezes" | "lastDay">;
  readonly totalAnswers: number;
  readonly week: { readonly start: string; readonly answers: number };
}

/** The paths to the number leaves of T, as tuples of keys. */
type CountPath<T> = {
  [K in keyof T & string]: T[K] extends number
    ? readonly [K]
    : T[K] extends object
      ? readonly [K, ...CountPath<T[K]>]
      : never;
}[keyof T & string];

/**
 * When a board counts a member's number (else the member's number on it is 0). Each condition
 * is read twice, by boardValue below and by the stores' SQL (store/board-sql.ts); the store
 * suite checks every board on every engine against its oracle, so the two agree.
 * - `streak-kept`: the last answer came on or after the floor for the member's freezes
 *   (BoardSpec.streakFloors), so the stored streak still stands today.
 * - `this-week`: the week the member's week answers count is the spec's week.
 */
export type BoardCondition = "streak-kept" | "this-week";

export type BoardRule = {
  /** Where the member's number on the board is held. */
  readonly count: CountPath<BoardFields>;
  readonly when?: BoardCondition;
};

/**
 * Every board, declared once: the in-process ranking (boardValue) and the SQL engines' queries
 * are both read from this table, so a board made of a stored number and a known condition is one
 * entry here (and its labels, `board.<name>` and `board.value.<name>`, in each src/i18n file).
 * In this order in /leaderboard's choices.
 */
export const BOARD_RULES = {
  streak: { count: ["streak", "current"], when: "streak-kept" },
  best: { count: ["streak", "best"] },
  answers: { count: ["totalAnswers"] },
  week: { count: ["week", "answers"], when: "this-week" },
} as const satisfies Record<string, BoardRule>;

export type Board = keyof typeof BOARD_RULES;
export const BOARDS = Object.keys(BOARD_RULES) as readonly Board[];

/** The board's rule, as the general shape the interpreters read. */
export const boardRule = (board: Board): BoardRule => BOARD_RULES[board];

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

const CONDITIONS: Record<BoardCondition, (member: BoardFields, spec: BoardSpec) => boolean> = {
  "streak-kept": ({ streak: { freezes, lastDay } }, spec) =>
    lastDay !== null && lastDay >= (spec.streakFloors[Math.min(freezes, MAX_FREEZES)] ?? ""),
  "this-week": (member, spec) => member.week.start === spec.week,
};

/** The member's number on the board; the stores' queries compute the same (store/board-sql.ts). */
export function boardValue(member: BoardFields, spec: BoardSpec): number {
  const { count, when } = boardRule(spec.board);
  if (when !== undefined && !CONDITIONS[when](member, spec)) return 0;
  let at: unknown = member;
  for (const key of count) at = (at as Record<string, unknown>)[key];
  return at as number;
}
