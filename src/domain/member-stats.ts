import type { CalendarGrid } from "./calendar.js";

/** What /streak shows of a member, as of one day. */
export type MemberStats = {
  current: number;
  best: number;
  freezes: number;
  totalAnswers: number;
  activeDays: number;
  rank: { rank: number; value: number } | null;
  /** Members on the streak board, for "#3 of 12". */
  boardSize: number;
  calendar: CalendarGrid;
};
