import type { DayKey } from "../../src/domain/calendar.js";
import type { IsPostingDay } from "../../src/domain/streak.js";

// Native UTC dates build the fixtures so the tests do not lean on the day math under test (luxon
// would too, but makes the 2,000-history checks several times slower).
const DAY_MS = 86_400_000;
export const plusDays = (day: DayKey, days: number): DayKey =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const run = (from: DayKey, count: number): DayKey[] =>
  Array.from({ length: count }, (_, i) => plusDays(from, i));
/** ISO weekday, 1 = Monday. */
export const weekdayOf = (day: DayKey): number => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;

export const everyDay: IsPostingDay = () => true;
export const weekdays: IsPostingDay = (day) => weekdayOf(day) <= 5;

export interface RandomCase {
  readonly days: DayKey[];
  readonly isPostingDay: IsPostingDay;
  readonly today: DayKey;
  readonly first: DayKey;
  readonly length: number;
}

export function randomCase(rand: () => number): RandomCase {
  const int = (max: number): number => Math.floor(rand() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const first = plusDays("2025-10-01", int(200));
  const length = 60 + int(80);
  // A two-state chain gives long runs (to earn freezes) as well as gaps of every length.
  const stayActive = pick([0.6, 0.85, 0.95, 0.99]);
  const stayIdle = pick([0.1, 0.5, 0.8]);
  const days: DayKey[] = [];
  let active = rand() < 0.7;
  for (const day of run(first, length)) {
    if (active) days.push(day);
    active = rand() < (active ? stayActive : 1 - stayIdle);
  }
  const mask = int(128);
  const unposted = new Set(run(first, length).filter(() => rand() < 0.1));
  const isPostingDay = pick<IsPostingDay>([
    everyDay,
    weekdays,
    (day) => [1, 3, 5].includes(weekdayOf(day)),
    (day) => weekdayOf(day) >= 6,
    (day) => ((mask >> weekdayOf(day)) & 1) === 1,
    // Backed by a log of posted questions: random dates without a post (outages, zone changes).
    (day) => !unposted.has(day),
    () => false,
  ]);
  return { days, isPostingDay, today: plusDays(first, int(length + 30) - 3), first, length };
}
