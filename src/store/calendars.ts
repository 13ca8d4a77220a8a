import type { Versioned } from "./atomic.js";
import { guarded, type Namespace } from "./namespace.js";

/** A member's active days of about the last 13 weeks: /streak's calendar and
 * the weekly digest's count of members who answered read it. */
export type CalendarRecord = Versioned & { days: string[] };

export type CalendarRepository = {
  days(guildId: string, userId: string): Promise<string[]>;
  /** Every member's active days in the server: one key range, one small row per member. */
  daysOfServer(guildId: string): Promise<string[][]>;
};

/** The calendar with `day` added and days before `keepFrom` dropped; null when unchanged. */
export function calendarWithDay(
  current: CalendarRecord,
  day: string,
  keepFrom: string,
): CalendarRecord | null {
  if (current.days.includes(day) && current.days.every((d) => d >= keepFrom)) return null;
  const days = [...new Set([...current.days, day])].filter((d) => d >= keepFrom).sort();
  return { ...current, days };
}

export function createCalendarRepository(ns: Namespace<CalendarRecord>): CalendarRepository {
  const keyOf = (guildId: string, userId: string) => `${guildId}:${userId}`;
  return {
    days: (guildId, userId) =>
      guarded(
        "read of a member's calendar",
        async () => (await ns.keyv.get(keyOf(guildId, userId)))?.days ?? [],
      ),
    daysOfServer: (guildId) =>
      guarded("read of the server's calendars", async () =>
        (await ns.atomic.scanPrefix<CalendarRecord>(`${guildId}:`)).map((record) => record.days),
      ),
  };
}
