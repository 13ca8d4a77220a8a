import { addDays, isoWeekdayOf } from "./calendar.js";
import type { DayKey } from "./calendar.js";
import { parseTime } from "./schedule-input.js";
import type { TimeOfDay } from "./schedule-input.js";
import { dayKeyAt, instantOfLocalTime } from "./schedule-local-time.js";

export type { DayKey } from "./calendar.js";
export {
  EVERY_DAY,
  WEEKDAYS,
  WEEKENDS,
  formatTime,
  isIsoWeekday,
  parseDays,
  parseTime,
} from "./schedule-input.js";
export type { IsoWeekday, PostingDays, Result, TimeOfDay } from "./schedule-input.js";
export { parseTimeZone, searchTimeZones } from "./schedule-time-zone.js";
export type { TimeZoneChoice } from "./schedule-time-zone.js";

/** Epoch milliseconds or a Date; every function here returns epoch milliseconds. */
export type Instant = number | Date;

export interface ScheduleSettings {
  /** "HH:MM", 24-hour, local to `timeZone`. */
  readonly time: string;
  /** Canonical IANA name, as returned by parseTimeZone. */
  readonly timeZone: string;
  /** ISO weekdays, 1 = Monday. */
  readonly days: readonly number[];
}

export interface DueOptions {
  readonly lastPostedDay?: DayKey | undefined;
  readonly graceMs?: number | undefined;
}

/** How late a missed post (downtime, restart) may still go out; after that the day is skipped. */
export const DEFAULT_GRACE_MS = 6 * 60 * 60 * 1000;

// A week covers every weekday; the extra week covers a last post dated ahead of today locally.
const LOOKAHEAD_DAYS = 14;

export function dayKeyIn(instant: Instant, timeZone: string): DayKey {
  return dayKeyAt(toMillis(instant), timeZone);
}

/**
 * When the post for local day `day` is due. DST: a time skipped by spring-forward posts at the
 * first minute after the gap; a time repeated by fall-back posts at its first occurrence.
 */
export function postInstant(day: DayKey, time: TimeOfDay | string, timeZone: string): number {
  return instantOfLocalTime(day, typeof time === "string" ? storedTime(time) : time, timeZone);
}

export function isPostingDay(day: DayKey, days: readonly number[]): boolean {
  return days.includes(isoWeekdayOf(day));
}

/**
 * The earliest post still to come: today's when it is due but not yet posted (then the result may
 * be at or before `now`, within the grace window), otherwise the next posting day's.
 * Null when `days` names no weekday.
 */
export function nextPostAt(
  settings: ScheduleSettings,
  now: Instant,
  lastPostedDay?: DayKey,
  graceMs = DEFAULT_GRACE_MS,
): number | null {
  const nowMs = toMillis(now);
  const time = storedTime(settings.time);
  const today = dayKeyIn(nowMs, settings.timeZone);
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const day = addDays(today, offset);
    if (!isPostingDay(day, settings.days) || alreadyPosted(day, lastPostedDay)) continue;
    const at = instantOfLocalTime(day, time, settings.timeZone);
    if (nowMs - at <= graceMs) return at;
  }
  return null;
}

/**
 * The local day whose question should be posted at `now`, or null. Only ever today (in the
 * server's zone at `now`): a 23:30 post missed by downtime is not sent after local midnight, even
 * inside the grace window, because that day is over for the members.
 */
export function duePost(
  settings: ScheduleSettings,
  now: Instant,
  { lastPostedDay, graceMs = DEFAULT_GRACE_MS }: DueOptions = {},
): DayKey | null {
  const nowMs = toMillis(now);
  const today = dayKeyIn(nowMs, settings.timeZone);
  if (!isPostingDay(today, settings.days) || alreadyPosted(today, lastPostedDay)) return null;
  const late = nowMs - postInstant(today, settings.time, settings.timeZone);
  return late >= 0 && late <= graceMs ? today : null;
}

/*
 * "On or before", not just "equal": after a zone change westwards the new local date can be
 * behind the last posted one, and posting again would repeat a day members already had.
 */
function alreadyPosted(day: DayKey, lastPostedDay: DayKey | undefined): boolean {
  return lastPostedDay !== undefined && day <= lastPostedDay;
}

function storedTime(text: string): TimeOfDay {
  const parsed = parseTime(text);
  // Stored settings went through parseTime already; a bad value here is a bug, not a user error.
  if (!parsed.ok) throw new RangeError(`Invalid stored post time ${JSON.stringify(text)}`);
  return parsed.value;
}

function toMillis(instant: Instant): number {
  return typeof instant === "number" ? instant : instant.getTime();
}
