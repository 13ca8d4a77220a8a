import { IANAZone } from "luxon";
import { dayKeyOf, epochDayOf } from "./calendar.js";
import type { DayKey } from "./calendar.js";
import type { TimeOfDay } from "./schedule-input.js";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/*
 * Luxon cannot be trusted with the two DST edge cases (checked with luxon 3.7 while writing this):
 * - a time inside a spring-forward gap is pushed forward by the gap's length (New York 02:30 ->
 *   03:30), not to the end of the gap (03:00) as we want;
 * - an ambiguous fall-back time is the SECOND occurrence in New York (01:30 -> 06:30Z) but the
 *   FIRST on Lord Howe Island, so "post once, at the first one" needs our own rule.
 * So we only ask luxon for the zone's offset at an instant and resolve wall-clock times here.
 */

// The scheduler asks for the same (day, time, zone) every minute for every server, and each
// answer costs several Intl offset look-ups; the answer never changes, so remember recent ones.
const MEMO_LIMIT = 10_000;
const memo = new Map<string, number>();

/** The instant a local wall-clock time occurs; gap times move to the end of the gap, repeats to the first one. */
export function instantOfLocalTime(day: DayKey, time: TimeOfDay, timeZone: string): number {
  const key = `${timeZone} ${day} ${time.hour}:${time.minute}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const instant = resolveLocalTime(day, time, timeZone);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, instant);
  return instant;
}

function resolveLocalTime(day: DayKey, time: TimeOfDay, timeZone: string): number {
  const zone = zoneOf(timeZone);
  // The wall-clock reading written as if it were UTC: the instant is this minus the offset.
  const wall = epochDayOf(day) * DAY_MS + (time.hour * 60 + time.minute) * MINUTE_MS;
  // Real offsets are within ±14 h, so the offsets a day either side bracket any change at `wall`.
  const before = zone.offset(wall - DAY_MS);
  const after = zone.offset(wall + DAY_MS);
  const matches = [before, after]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => instant + zone.offset(instant) * MINUTE_MS === wall);
  if (matches.length > 0) return Math.min(...matches);
  // No instant shows this reading: it is in a gap, which ends at the transition itself.
  return firstInstantWithOffset(zone, after, wall - after * MINUTE_MS, wall - before * MINUTE_MS);
}

/** The local calendar date at `instant` in `timeZone`. */
export function dayKeyAt(instant: number, timeZone: string): DayKey {
  const wall = instant + zoneOf(timeZone).offset(instant) * MINUTE_MS;
  return dayKeyOf(Math.floor(wall / DAY_MS));
}

function zoneOf(timeZone: string): IANAZone {
  // Settings are validated on input (parseTimeZone), so a bad zone here is a bug, not a user error.
  // IANAZone.create caches the zone and its validity; isValidZone would build an Intl formatter.
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return zone;
}

/** Binary search on whole minutes: `low` has the old offset, `high` already has `offset`. */
function firstInstantWithOffset(zone: IANAZone, offset: number, low: number, high: number): number {
  let lo = low;
  let hi = high;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (zone.offset(mid) === offset) hi = mid;
    else lo = mid;
  }
  return hi;
}
