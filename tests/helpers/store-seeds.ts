import type { Engine } from "../../src/store/engines/engine.js";
import { calendarWithDay, type CalendarRecord } from "../../src/store/calendars.js";
import { updateVersioned } from "../../src/store/namespace.js";
import { openEngine } from "../../src/store/open-store.js";
import type { ParticipationRecord } from "../../src/store/participation.js";

/*
 * Rows the bot writes only inside an answer's commit, written alone for tests that need them
 * without a whole answer: who answered a question, and a member's calendar day.
 */

async function withEngine<T>(url: string, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await openEngine(url);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

export function seedParticipation(
  url: string,
  guildId: string,
  question: number,
  userId: string,
  at: number,
): Promise<void> {
  return withEngine(url, async (engine) => {
    const ns = await engine.open<ParticipationRecord>("participation");
    await ns.atomic.put(`${guildId}:${question}:${userId}`, { at });
  });
}

/** Adds `day` to the member's calendar and drops days before `keepFrom`. */
export function seedCalendarDay(
  url: string,
  guildId: string,
  userId: string,
  day: string,
  keepFrom: string,
): Promise<void> {
  return withEngine(url, async (engine) => {
    const ns = await engine.open<CalendarRecord>("calendars");
    await updateVersioned(
      ns,
      `${guildId}:${userId}`,
      () => ({ rev: 0, days: [] }),
      (current) => calendarWithDay(current, day, keepFrom),
    );
  });
}
