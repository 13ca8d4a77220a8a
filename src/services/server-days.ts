import type { DayKey } from "../domain/calendar.js";
import { isPostingDay } from "../domain/schedule.js";
import { dayKeyForAnswer, skippedDays } from "../domain/zone-history.js";
import type { GuildSettings } from "../store/guild-settings.js";

/** Posting days count; days the schedule skips, or a zone change skipped, are rest days. */
export function postingDayTest(settings: GuildSettings): (day: DayKey) => boolean {
  const skipped = skippedDays(settings.zoneHistory);
  return (day) => isPostingDay(day, settings.days) && !skipped.has(day);
}

/** The server's day at `now`, as streaks and boards count it. */
export const todayFor = (settings: GuildSettings, now: number) =>
  dayKeyForAnswer(settings.zoneHistory, now);
