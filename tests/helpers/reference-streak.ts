import type { DayKey } from "../../src/domain/calendar.js";
import { dayKeyOf, epochDayOf } from "../../src/domain/calendar.js";
import { FREEZE_EARN_DAYS, MAX_FREEZES } from "../../src/domain/streak.js";
import type { StreakReset } from "../../src/domain/streak.js";

/*
 * The streak rule written the plain way, as the oracle the incremental fold (src/domain/streak.ts)
 * is compared with: walk every day from the first answer to today, keeping or missing each posting
 * day. It keeps its own keepActive and miss on purpose, so a slip in the production rule shows up
 * as a difference rather than being shared by both sides.
 *
 * Beyond the production rule it reports the frozen days, and takes the restore as a stored
 * override: `restoredAt` = { day, value } means "`value` is the streak carried into `day`".
 * Misses before `day` are forgiven, `day` itself is walked as usual. Days after `today` are ignored
 * (clock skew must not grant streak days in advance).
 */

export interface StreakOverride {
  readonly day: DayKey;
  readonly value: number;
}

export interface StreakInput {
  readonly activeDays: Iterable<DayKey>;
  readonly isPostingDay: (day: DayKey) => boolean;
  readonly today: DayKey;
  readonly totalAnswers?: number | undefined;
  readonly restoredAt?: StreakOverride | undefined;
}

export interface StreakResult {
  readonly current: number;
  readonly best: number;
  readonly freezes: number;
  /** Distinct days with at least one answer, posting day or not. */
  readonly activeDays: number;
  readonly lastActiveDay: DayKey | null;
  readonly frozenDays: DayKey[];
  /** The stored count when given; otherwise the active day count, its lower bound. */
  readonly totalAnswers: number;
  /** The last reset of a non-zero streak not undone by `restoredAt`. */
  readonly lastReset: StreakReset | null;
}

interface Walk {
  current: number;
  best: number;
  freezes: number;
  sinceEarn: number;
  frozenDays: DayKey[];
  lastReset: StreakReset | null;
}

interface ActiveDays {
  readonly days: ReadonlySet<number>;
  readonly first: number;
  readonly last: number;
}

export function computeStreak(input: StreakInput): StreakResult {
  const today = epochDayOf(input.today);
  const active = collectActiveDays(input.activeDays, today);
  const restore = restoreUpTo(input.restoredAt, today);
  const walk: Walk = {
    current: 0,
    best: 0,
    freezes: 0,
    sinceEarn: 0,
    frozenDays: [],
    lastReset: null,
  };
  for (
    let epochDay = Math.min(active.first, restore?.epochDay ?? Infinity);
    epochDay <= today;
    epochDay++
  ) {
    if (epochDay === restore?.epochDay) applyRestore(walk, restore.value);
    const day = dayKeyOf(epochDay);
    if (!input.isPostingDay(day)) continue;
    if (active.days.has(epochDay)) keepActive(walk);
    // Today stays open until it ends: not answering yet is not a miss.
    else if (epochDay < today) miss(walk, day);
  }
  return {
    current: walk.current,
    best: walk.best,
    freezes: walk.freezes,
    activeDays: active.days.size,
    lastActiveDay: active.days.size > 0 ? dayKeyOf(active.last) : null,
    frozenDays: walk.frozenDays,
    totalAnswers: input.totalAnswers ?? active.days.size,
    lastReset: walk.lastReset,
  };
}

/** The streak just before its last reset, i.e. the value an admin restore brings back. */
export function previousStreak(result: StreakResult): number | null {
  return result.lastReset?.from ?? null;
}

/**
 * The override an admin restore stores today: the streak from before the last reset plus what was
 * rebuilt since, carried into today so today's answer still counts. Null when there is no reset.
 */
export function restoreOverride(input: StreakInput): StreakOverride | null {
  // Without today's answers the walk gives the value carried into today (today is still open).
  const activeBeforeToday = [...input.activeDays].filter((day) => day !== input.today);
  const beforeToday = computeStreak({ ...input, activeDays: activeBeforeToday });
  const reset = beforeToday.lastReset;
  return reset ? { day: input.today, value: reset.from + beforeToday.current } : null;
}

function collectActiveDays(keys: Iterable<DayKey>, today: number): ActiveDays {
  const days = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  for (const key of keys) {
    const epochDay = epochDayOf(key);
    if (epochDay > today) continue;
    days.add(epochDay);
    first = Math.min(first, epochDay);
    last = Math.max(last, epochDay);
  }
  return { days, first, last };
}

function restoreUpTo(override: StreakOverride | undefined, today: number) {
  if (!override) return null;
  if (!Number.isInteger(override.value) || override.value < 0) {
    throw new RangeError(`A restored streak must be a non-negative integer, got ${override.value}`);
  }
  const epochDay = epochDayOf(override.day);
  return epochDay <= today ? { epochDay, value: override.value } : null;
}

function applyRestore(walk: Walk, value: number): void {
  walk.current = value;
  walk.best = Math.max(walk.best, value);
  walk.lastReset = null;
}

function keepActive(walk: Walk): void {
  walk.current += 1;
  walk.best = Math.max(walk.best, walk.current);
  walk.sinceEarn += 1;
  if (walk.sinceEarn === FREEZE_EARN_DAYS) {
    walk.sinceEarn = 0;
    walk.freezes = Math.min(MAX_FREEZES, walk.freezes + 1);
  }
}

function miss(walk: Walk, day: DayKey): void {
  if (walk.freezes > 0) {
    walk.freezes -= 1;
    walk.frozenDays.push(day);
    return;
  }
  if (walk.current > 0) walk.lastReset = { day, from: walk.current };
  walk.current = 0;
  walk.sinceEarn = 0;
}
