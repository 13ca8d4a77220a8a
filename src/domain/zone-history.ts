import { addDays, dayKeyOf, epochDayOf } from "./calendar.js";
import type { DayKey } from "./calendar.js";
import { dayKeyIn, postInstant } from "./schedule.js";

/*
 * A server's time zone over time, so that every answer is keyed by the date in the zone in effect
 * when it was given (see streak.ts). A change takes effect at the next local midnight of the old
 * zone: the old zone's day always ends whole, and the new zone takes over from there.
 * - Westwards the new zone is still on the old date (or earlier): that date repeats, and repeated
 *   keys count once.
 * - Eastwards the new zone is already part-way through the next date, or past it. Those dates are
 *   rest days (skippedDays): a post due before the change never went out for them, and a member
 *   answering at their usual hour finds the day already gone.
 */

export interface ZoneChange {
  readonly zone: string;
  /** Epoch ms when it takes effect. */
  readonly from: number;
}

/** Sorted by `from`; the first entry has from = 0. */
export type ZoneHistory = readonly ZoneChange[];

const DAY_MS = 86_400_000;
const MIDNIGHT = { hour: 0, minute: 0 };

// A streak walk only looks back to a member's last answer, and stops a few posting days after it
// (see streak.ts), so changes older than this no longer affect any number worth keeping.
// The entry cap stops a server that changes zone every day from growing its history without bound.
const KEEP_MS = 2 * 366 * DAY_MS;
const MAX_ENTRIES = 10;

export function zoneAt(history: ZoneHistory, instant: number): string {
  const first = history[0];
  if (!first) throw new RangeError("A zone history needs at least one entry");
  let zone = first.zone;
  for (const change of history) {
    if (change.from > instant) break;
    zone = change.zone;
  }
  return zone;
}

/** The day key of an answer given at `instant`: its date in the zone in effect then. */
export function dayKeyForAnswer(history: ZoneHistory, instant: number): DayKey {
  return dayKeyIn(instant, zoneAt(history, instant));
}

/**
 * The first instant an answer is keyed `day`: the day's midnight in the zone in effect then. A
 * midnight before its zone took effect belongs to the zone before (a change starts at the old
 * zone's midnight, so that one is the day's start).
 */
export function startOfDayKey(history: ZoneHistory, day: DayKey): number {
  for (let index = history.length - 1; index > 0; index--) {
    const change = history[index] as ZoneChange;
    const start = postInstant(day, MIDNIGHT, change.zone);
    if (start >= change.from) return start;
  }
  const first = history[0];
  if (!first) throw new RangeError("A zone history needs at least one entry");
  return postInstant(day, MIDNIGHT, first.zone);
}

/**
 * A change requested at `now`: it takes effect at the next local midnight of the zone in effect at
 * `now`, and replaces a change still pending. Asking for the zone already in effect cancels it.
 */
export function changeZone(history: ZoneHistory, zone: string, now: number): ZoneHistory {
  const current = zoneAt(history, now);
  dayKeyIn(now, zone); // Throws on an unknown zone.
  const settled = history.filter((change, index) => index === 0 || change.from <= now);
  if (zone === current) return prune(settled, now);
  const from = postInstant(addDays(dayKeyIn(now, current), 1), MIDNIGHT, current);
  return prune([...settled, { zone, from }], now);
}

/** Calendar dates that must count as rest days because a change eastwards skipped or cut them. */
export function skippedDays(history: ZoneHistory): ReadonlySet<DayKey> {
  const skipped = new Set<DayKey>();
  history.forEach((change, index) => {
    const before = history[index - 1];
    if (before) addSkipped(skipped, before.zone, change);
  });
  return skipped;
}

function addSkipped(skipped: Set<DayKey>, oldZone: string, change: ZoneChange): void {
  const lastOld = epochDayOf(dayKeyIn(change.from - 1, oldZone));
  const firstNew = epochDayOf(dayKeyIn(change.from, change.zone));
  // The new zone's first date is only whole when it starts exactly at the change.
  const firstNewCut = dayKeyIn(change.from - 1, change.zone) === dayKeyOf(firstNew);
  const lastSkipped = firstNewCut ? firstNew : firstNew - 1;
  for (let epochDay = lastOld + 1; epochDay <= lastSkipped; epochDay++) {
    skipped.add(dayKeyOf(epochDay));
  }
}

function prune(history: ZoneHistory, now: number): ZoneHistory {
  const cutoff = now - KEEP_MS;
  // The entry in effect at the cutoff stays: the dates skipped by the next change depend on it.
  let start = 0;
  history.forEach((change, index) => {
    if (change.from <= cutoff) start = index;
  });
  const kept = history.slice(Math.max(start, history.length - MAX_ENTRIES));
  return kept.map((change, index) => (index === 0 ? { ...change, from: 0 } : change));
}
