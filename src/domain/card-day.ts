import type { Grade } from "./answer-feedback.js";
import type { DayKey } from "./calendar.js";
import { newCard, reviewCard, type ReviewCard } from "./review-card.js";

/**
 * A card with the day's review that last moved it: the card as it was before that day's first
 * review (`before`), so a later grade the same day replaces the day's review instead of adding
 * one (a member who answers twice in a day reviewed once).
 */
export type CardDay = {
  card: ReviewCard;
  before: ReviewCard;
  /** The server's local day of `reviewedAt`. */
  day: DayKey;
  /** The grade of that day's review: the day's last grade. */
  grade: Grade;
  reviewedAt: number;
};

/** The card after a grade at `now` on the server's local `day`: once a day, the last grade wins. */
export function cardAfterGrade(
  current: CardDay | null,
  grade: Grade,
  now: number,
  day: DayKey,
): CardDay {
  const before = current?.day === day ? current.before : (current?.card ?? newCard(now));
  return { card: reviewCard(before, grade, now), before, day, grade, reviewedAt: now };
}

/**
 * A member's Reveal of a question without answering it counts as Again; once the card was
 * graded today (an answer, or an earlier Reveal) a Reveal leaves it: the member is checking
 * what they wrote, and a later answer today still replaces the day's grade. Null: unchanged.
 */
export function cardAfterReveal(current: CardDay | null, now: number, day: DayKey): CardDay | null {
  if (current?.day === day) return null;
  return cardAfterGrade(current, "again", now, day);
}

/**
 * The card after the member corrected the grade of the answer submitted at `answeredAt`: that
 * answer's review is done again from the card before its day, at its own time. Null when a
 * later review (a Reveal another day) has moved the card since, or the grade is the same.
 */
export function cardAfterCorrection(
  current: CardDay | null,
  grade: Grade,
  answeredAt: number,
): CardDay | null {
  if (!current || current.reviewedAt !== answeredAt || current.grade === grade) return null;
  return { ...current, card: reviewCard(current.before, grade, answeredAt), grade };
}
