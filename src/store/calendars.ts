import type { Versioned } from "./atomic.js";
import { guarded, type Namespace } from "./namespace.js";

/** A member's active days of about the last 13 weeks: only /streak's calendar reads it. */
export type CalendarRecord = Versioned & { days: string[] };

export type CalendarRepository = {
  days(guildId: string, userId: string): Promise<string[]>;
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
  };
}
