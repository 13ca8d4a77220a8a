import type { KeyPoint } from "../bank/schema.js";
import type { Grade } from "./answer-feedback.js";
import { addDays, isoWeekdayOf, type DayKey } from "./calendar.js";
import { mostMissedPoint } from "./most-missed.js";
import { startOfDayKey, type ZoneHistory } from "./zone-history.js";
import { dayKeyIn, isPostingDay, postInstant, type ScheduleSettings } from "./schedule.js";

/** A question counts for "hardest" only with at least this many graded answers in the week. */
export const MIN_GRADED_ANSWERS = 3;

/** How many of the streak board's leaders the digest names. */
export const TOP_STREAKS = 3;

/**
 * The week a digest posted on local day `day` covers: the seven whole local days before it
 * (a Sunday digest covers Sunday to Saturday), so every day falls in exactly one digest and the
 * week compares whole days with the week before. Both ends inclusive.
 */
export function digestWeeks(day: DayKey) {
  return {
    week: { first: addDays(day, -7), last: addDays(day, -1) },
    previous: { first: addDays(day, -14), last: addDays(day, -8) },
  };
}

/**
 * The instants [from, to) of local days first…last (midnight to midnight), by the server's zone
 * history: the same days its answers and cards are keyed by, even when the zone changed.
 */
export function weekInstants(week: { first: DayKey; last: DayKey }, history: ZoneHistory) {
  return {
    from: startOfDayKey(history, week.first),
    to: startOfDayKey(history, addDays(week.last, 1)),
  };
}

/** Members with at least one active day in first…last, from each member's active days. */
export function membersActiveIn(
  calendars: readonly (readonly DayKey[])[],
  week: { first: DayKey; last: DayKey },
): number {
  return calendars.filter((days) => days.some((d) => d >= week.first && d <= week.last)).length;
}

export type QuestionGrades = {
  number: number;
  keyPoints: readonly KeyPoint[] | undefined;
  /** One per graded answer of the week: its grade and the key point ids it covered. */
  answers: readonly { grade: Grade; covered: readonly string[] }[];
};

export type Hardest = { number: number; good: number; graded: number };

const isGood = (grade: Grade) => grade === "good" || grade === "easy";

/**
 * The question with the lowest share of good (Good or Easy) grades among those with at least
 * MIN_GRADED_ANSWERS graded answers; on a tie the one more members answered, then the lower
 * number. Null when no question had enough graded answers.
 */
export function hardestQuestion(questions: readonly QuestionGrades[]): Hardest | null {
  let best: Hardest | null = null;
  for (const { number, answers } of questions) {
    if (answers.length < MIN_GRADED_ANSWERS) continue;
    const candidate = {
      number,
      good: answers.filter((a) => isGood(a.grade)).length,
      graded: answers.length,
    };
    if (!best || harder(candidate, best)) best = candidate;
  }
  return best;
}

function harder(a: Hardest, b: Hardest): boolean {
  // Cross-multiplied shares: exact, no floating point.
  const left = a.good * b.graded;
  const right = b.good * a.graded;
  if (left !== right) return left < right;
  if (a.graded !== b.graded) return a.graded > b.graded;
  return a.number < b.number;
}

export type WeekMostMissed = {
  number: number;
  point: KeyPoint;
  missed: number;
  graded: number;
};

/**
 * The key point the most graded answers of the week missed, over every question of the week
 * (mostMissedPoint within each); on a tie the lower question number. Null when none was missed.
 */
export function weekMostMissed(questions: readonly QuestionGrades[]): WeekMostMissed | null {
  let best: WeekMostMissed | null = null;
  const ordered = [...questions].sort((a, b) => a.number - b.number);
  for (const { number, keyPoints, answers } of ordered) {
    if (!keyPoints) continue;
    const found = mostMissedPoint(
      keyPoints,
      answers.map((a) => a.covered),
    );
    if (found && found.missed > (best?.missed ?? 0)) best = { number, ...found };
  }
  return best;
}

export type DigestSchedule = ScheduleSettings & { readonly digestDay: number | null };

/**
 * The local day whose digest may go out at `now`, or null: the digest weekday, from the post time
 * until the grace runs out (a digest missed while the bot was down goes out later that day, never
 * a week late), at most once in seven days.
 */
export function digestWindowDay(
  settings: DigestSchedule,
  now: number,
  options: { lastDigestDay: DayKey | undefined; graceMs: number },
): DayKey | null {
  if (settings.digestDay === null) return null;
  const today = dayKeyIn(now, settings.timeZone);
  if (isoWeekdayOf(today) !== settings.digestDay) return null;
  // One digest in any seven days: moving the digest day mid-week sends no second one that week.
  if (options.lastDigestDay !== undefined && today < addDays(options.lastDigestDay, 7)) return null;
  const late = now - postInstant(today, settings.time, settings.timeZone);
  return late >= 0 && late <= options.graceMs ? today : null;
}

/**
 * The local day whose digest is due at `now`, or null: within digestWindowDay, and on a posting
 * day only once that day's question is out, so the digest follows it.
 */
export function dueDigest(
  settings: DigestSchedule,
  now: number,
  options: {
    lastDigestDay: DayKey | undefined;
    lastPostedDay: DayKey | undefined;
    graceMs: number;
  },
): DayKey | null {
  const day = digestWindowDay(settings, now, options);
  if (day === null) return null;
  return isPostingDay(day, settings.days) && options.lastPostedDay !== day ? null : day;
}

/** What the digest says, as data: src/discord/render-digest.ts words it. */
export type WeeklyDigest = {
  week: { first: DayKey; last: DayKey };
  /** Members who answered in the week, and in the week before. */
  answered: number;
  answeredBefore: number;
  /** The streak board's leaders today, as /leaderboard ranks them. */
  topStreaks: readonly { userId: string; value: number }[];
  hardest: Hardest | null;
  mostMissed: WeekMostMissed | null;
  /** Reviews (grades that moved a card) in the week. */
  reviews: number;
};
