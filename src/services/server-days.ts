import type { DayKey } from "../domain/calendar.js";
import { isPostingDay } from "../domain/schedule.js";
import { instantOfLocalTime } from "../domain/schedule-local-time.js";
import { dayKeyForAnswer, skippedDays, zoneAt } from "../domain/zone-history.js";
import { addDays } from "../domain/calendar.js";
import type { GuildSettings } from "../store/guild-settings.js";

/** Posting days count; days the schedule skips, or a zone change skipped, are rest days. */
export function postingDayTest(settings: GuildSettings): (day: DayKey) => boolean {
  const skipped = skippedDays(settings.zoneHistory);
  return (day) => isPostingDay(day, settings.days) && !skipped.has(day);
}

/** The server's day at `now`, as streaks and boards count it. */
export const todayFor = (settings: GuildSettings, now: number) =>
  dayKeyForAnswer(settings.zoneHistory, now);

/** The last millisecond of the server's `day` (in the zone in effect at `now`). */
export function endOfDayFor(settings: GuildSettings, day: DayKey, now: number): number {
  const zone = zoneAt(settings.zoneHistory, now);
  return instantOfLocalTime(addDays(day, 1), { hour: 0, minute: 0 }, zone) - 1;
}

/** The last millisecond of the server's day at `now`: what "due today" counts up to. */
export const endOfTodayFor = (settings: GuildSettings, now: number) =>
  endOfDayFor(settings, todayFor(settings, now), now);
