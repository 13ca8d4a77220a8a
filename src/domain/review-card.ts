import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  State,
  type Card,
  type Grade as FsrsGrade,
} from "ts-fsrs";
import type { Grade } from "./answer-feedback.js";

/**
 * A member's memory of one question, as FSRS models it, in plain data (dates as epoch ms) so
 * every store engine keeps it exactly.
 */
export type ReviewCard = {
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: "new" | "learning" | "review" | "relearning";
  lastReview: number | null;
};

/**
 * FSRS's default weights with a desired retention of 0.9. No short-term steps: a daily bot has
 * no ten-minute steps, so every grade schedules whole days. No fuzz: the schedule is a pure
 * function of the grades, which the tests and the simulation rely on (cards answered together
 * come due together; with ≤ 30 questions a member that is harmless).
 */
export const DESIRED_RETENTION = 0.9;
const scheduler = fsrs(
  generatorParameters({
    request_retention: DESIRED_RETENTION,
    enable_short_term: false,
    enable_fuzz: false,
  }),
);

const STATE_OF: Record<State, ReviewCard["state"]> = {
  [State.New]: "new",
  [State.Learning]: "learning",
  [State.Review]: "review",
  [State.Relearning]: "relearning",
};
const STATE_NAMED: Record<ReviewCard["state"], State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};
const RATING_OF: Record<Grade, FsrsGrade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

function fromFsrs(card: Card): ReviewCard {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_OF[card.state],
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

function toFsrs(card: ReviewCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_NAMED[card.state],
    ...(card.lastReview !== null && { last_review: new Date(card.lastReview) }),
  };
}

/** A card never reviewed, due at `now`. */
export function newCard(now: number): ReviewCard {
  return fromFsrs(createEmptyCard(new Date(now)));
}

/** The card after the member graded their recall of it `grade` at `now`. */
export function reviewCard(card: ReviewCard, grade: Grade, now: number): ReviewCard {
  return fromFsrs(scheduler.next(toFsrs(card), new Date(now), RATING_OF[grade]).card);
}

/** The probability the member recalls the card at `now` (FSRS retrievability); 0 when new. */
export function recallOf(card: ReviewCard, now: number): number {
  if (card.state === "new") return 0;
  return scheduler.get_retrievability(toFsrs(card), new Date(now), false);
}

/** Each grade's card after a review at `now`, for the simulation and the interval checks. */
export function previewCard(card: ReviewCard, now: number): Record<Grade, ReviewCard> {
  return {
    again: reviewCard(card, "again", now),
    hard: reviewCard(card, "hard", now),
    good: reviewCard(card, "good", now),
    easy: reviewCard(card, "easy", now),
  };
}
