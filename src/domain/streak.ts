import { dayKeyOf, epochDayOf } from "./calendar.js";
import type { DayKey } from "./calendar.js";

/*
 * The streak rule. Each answer folds its day into a small stored checkpoint (recordActiveDay), and
 * a read ages the checkpoint to today without storing the result (streakAsOf), so a leaderboard of
 * 10,000+ members never re-walks anyone's history. tests/helpers/reference-streak.ts walks the whole
 * history the plain way; the property tests check that folding every active day gives exactly its
 * numbers.
 *
 * How the caller must compute day keys: when an answer arrives, take the answer instant's calendar
 * date in the server's time zone as configured at that instant, store that key, and never recompute
 * stored keys. A zone change therefore only affects keys from the next local day on, and cannot
 * break a streak by itself:
 * - moving west can repeat a date (two local days both called 2026-03-10): a day at or before the
 *   last one folded in changes nothing, so the repeat counts once and the following date continues
 *   the streak;
 * - moving east can skip a date that never existed locally: no question was posted for it, so
 *   `isPostingDay` must answer false for it (e.g. backed by the log of posted questions).
 *
 * Decisions the issue left open:
 * - A frozen day keeps the streak but does not add to it, and pauses (does not clear) the count of
 *   active posting days towards the next freeze; only an earn or a reset restarts that count.
 * - An earn that would exceed MAX_FREEZES is lost; the count still restarts.
 * - A restore brings back the streak from before the last reset plus what was rebuilt since,
 *   carried into the restore's day: misses before that day are forgiven, the day itself counts as
 *   usual. Spent freezes are not refunded, and the count towards the next freeze is left as it was.
 */

export const FREEZE_EARN_DAYS = 7;
export const MAX_FREEZES = 2;

export interface StreakReset {
  /** The missed posting day that reset the streak. */
  readonly day: DayKey;
  /** The streak just before it was reset. */
  readonly from: number;
}

export interface StreakState {
  readonly current: number;
  readonly best: number;
  readonly freezes: number;
  /** Active posting days counted toward the next freeze. */
  readonly sinceEarn: number;
  /**
   * The last day the walk has covered: the last active day, except after a restore, which
   * forgives the misses before its day and so moves this to the day before it.
   */
  readonly lastDay: DayKey | null;
  /** Distinct active days, posting day or not. */
  readonly activeDays: number;
  readonly lastReset: StreakReset | null;
}

export interface StreakValues {
  readonly current: number;
  readonly best: number;
  readonly freezes: number;
  readonly lastReset: StreakReset | null;
}

export interface RestoredStreak {
  readonly state: StreakState;
  /** The streak shown before the restore. */
  readonly from: number;
  /** The streak shown after it. */
  readonly to: number;
}

export type IsPostingDay = (day: DayKey) => boolean;

export const EMPTY_STREAK: StreakState = {
  current: 0,
  best: 0,
  freezes: 0,
  sinceEarn: 0,
  lastDay: null,
  activeDays: 0,
  lastReset: null,
};

interface Counters {
  current: number;
  best: number;
  freezes: number;
  sinceEarn: number;
  lastReset: StreakReset | null;
}

/**
 * Folds in an answer on `day`: first walks the posting days missed since lastDay (spending freezes
 * or resetting), then counts `day`. A day at or before lastDay changes nothing, since answers arrive
 * in order and a zone change westwards can repeat a date.
 */
export function recordActiveDay(
  state: StreakState,
  day: DayKey,
  isPostingDay: IsPostingDay,
): StreakState {
  const epochDay = epochDayOf(day);
  if (state.lastDay !== null && epochDay <= epochDayOf(state.lastDay)) return state;
  const counters = walkMisses(state, epochDay, isPostingDay);
  if (isPostingDay(day)) keepActive(counters);
  return { ...counters, lastDay: day, activeDays: state.activeDays + 1 };
}

/** The values as of `today` without changing the state; today is still open, so not a miss. */
export function streakAsOf(
  state: StreakState,
  today: DayKey,
  isPostingDay: IsPostingDay,
): StreakValues {
  const { current, best, freezes, lastReset } = walkMisses(state, epochDayOf(today), isPostingDay);
  return { current, best, freezes, lastReset };
}

/**
 * Admin restore: the streak carried into `today` becomes the value before the last reset plus what
 * was rebuilt since. Null when there is no reset to undo.
 */
export function restoreStreak(
  state: StreakState,
  today: DayKey,
  isPostingDay: IsPostingDay,
): RestoredStreak | null {
  const todayEpochDay = epochDayOf(today);
  const aged = walkMisses(state, todayEpochDay, isPostingDay);
  if (!aged.lastReset || state.lastDay === null) return null;
  // When today is already folded in, its answer stays on top of the restored value.
  const to = aged.lastReset.from + aged.current;
  const todayFolded = epochDayOf(state.lastDay) >= todayEpochDay;
  const restored: StreakState = {
    ...aged,
    current: to,
    best: Math.max(aged.best, to),
    lastReset: null,
    // The forgiven misses must not be walked again on the next read or answer.
    lastDay: todayFolded ? state.lastDay : dayKeyOf(todayEpochDay - 1),
    activeDays: state.activeDays,
  };
  return { state: restored, from: aged.current, to };
}

/** Walks the posting days after lastDay and before `untilEpochDay`, all of them missed. */
function walkMisses(
  state: StreakState,
  untilEpochDay: number,
  isPostingDay: IsPostingDay,
): Counters {
  const counters: Counters = {
    current: state.current,
    best: state.best,
    freezes: state.freezes,
    sinceEarn: state.sinceEarn,
    lastReset: state.lastReset,
  };
  // The walk starts at the first active day: nothing before it is a miss.
  if (state.lastDay === null) return counters;
  for (let epochDay = epochDayOf(state.lastDay) + 1; epochDay < untilEpochDay; epochDay++) {
    // With no streak and no freeze a miss changes nothing, so a member back after two years
    // costs a few steps rather than one per day.
    if (missChangesNothing(counters)) break;
    const day = dayKeyOf(epochDay);
    if (isPostingDay(day)) miss(counters, day);
  }
  return counters;
}

function missChangesNothing(counters: Counters): boolean {
  return counters.current === 0 && counters.freezes === 0 && counters.sinceEarn === 0;
}

function keepActive(counters: Counters): void {
  counters.current += 1;
  counters.best = Math.max(counters.best, counters.current);
  counters.sinceEarn += 1;
  if (counters.sinceEarn === FREEZE_EARN_DAYS) {
    counters.sinceEarn = 0;
    counters.freezes = Math.min(MAX_FREEZES, counters.freezes + 1);
  }
}

function miss(counters: Counters, day: DayKey): void {
  if (counters.freezes > 0) {
    counters.freezes -= 1;
    return;
  }
  if (counters.current > 0) counters.lastReset = { day, from: counters.current };
  counters.current = 0;
  counters.sinceEarn = 0;
}
