import type { Versioned } from "./atomic.js";
import { guarded, updateVersioned, type Namespace } from "./namespace.js";

/** A member's active days of about the last 13 weeks: only /streak's calendar reads it. */
export type CalendarRecord = Versioned & { days: string[] };

/** A counter per server, bumped by every answer: a cached board is good while it is unchanged. */
export type BoardVersion = Versioned;

export type CalendarRepository = {
  /** Adds `day` and drops days before `keepFrom`. */
  addDay(guildId: string, userId: string, day: string, keepFrom: string): Promise<void>;
  days(guildId: string, userId: string): Promise<string[]>;
};

export type BoardVersionRepository = {
  version(guildId: string): Promise<number>;
  /** Returns the new version. */
  bump(guildId: string): Promise<number>;
};

export function createCalendarRepository(ns: Namespace<CalendarRecord>): CalendarRepository {
  const keyOf = (guildId: string, userId: string) => `${guildId}:${userId}`;
  return {
    async addDay(guildId, userId, day, keepFrom) {
      await updateVersioned(
        ns,
        keyOf(guildId, userId),
        () => ({ rev: 0, days: [] }),
        (current) => {
          if (current.days.includes(day) && current.days.every((d) => d >= keepFrom)) return null;
          const days = [...new Set([...current.days, day])].filter((d) => d >= keepFrom).sort();
          return { ...current, days };
        },
      );
    },
    days: (guildId, userId) =>
      guarded(
        "read of a member's calendar",
        async () => (await ns.keyv.get(keyOf(guildId, userId)))?.days ?? [],
      ),
  };
}

export function createBoardVersionRepository(ns: Namespace<BoardVersion>): BoardVersionRepository {
  return {
    version: (guildId) =>
      guarded("read of a board version", async () => (await ns.keyv.get(guildId))?.rev ?? 0),
    async bump(guildId) {
      const { rev } = await updateVersioned(
        ns,
        guildId,
        () => ({ rev: 0 }),
        (current) => ({ ...current }),
      );
      return rev;
    },
  };
}
