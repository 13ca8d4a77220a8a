import { addDays, type DayKey } from "./calendar.js";
import { DESIRED_RETENTION } from "./review-card.js";
import { dayKeyForAnswer, type ZoneHistory } from "./zone-history.js";

/** FSRS's desired retention (issue 12): a question recalled at or above it needs no review yet. */
export const TARGET_RECALL = DESIRED_RETENTION;
/** A suggestion names at most this many questions: a day's worth, not the whole topic. */
export const SUGGESTION_LIMIT = 3;
export const FORECAST_DAYS = 7;

/** A question of the bank as progress sees it: its number and topics. */
export type ProgressQuestion = { readonly number: number; readonly topics: readonly string[] };

/** What a member's card says today: recall is FSRS retrievability in [0, 1]. */
export type QuestionRecall = { readonly question: number; readonly recall: number };

export type TopicProgress = {
  readonly topic: string;
  /** Questions of the topic the member has a card for (answered or revealed at least once). */
  readonly answered: number;
  readonly total: number;
  /**
   * Mean recall over all the topic's questions, unanswered ones counting 0: the share of the
   * topic the member would recall today. Excluding them would call a topic of 20 questions
   * "95 %" after one answer, and the weakest topic would then never be the unexplored one.
   */
  readonly recall: number;
};

export type ReviewSuggestion = {
  readonly topic: string;
  /** Questions of the topic below TARGET_RECALL (unanswered ones included), at most SUGGESTION_LIMIT. */
  readonly questions: number;
};

/**
 * Per topic, in the order given (the bank's order), the member's answered count and recall.
 * A question in several topics counts in each; a topic with no question is left out.
 */
export function topicProgress(
  topics: readonly string[],
  questions: readonly ProgressQuestion[],
  recalls: readonly QuestionRecall[],
): TopicProgress[] {
  const recallOf = new Map(recalls.map((r) => [r.question, r.recall]));
  return topics.flatMap((topic) => {
    const inTopic = questions.filter((q) => q.topics.includes(topic));
    if (inTopic.length === 0) return [];
    const known = inTopic.filter((q) => recallOf.has(q.number));
    const sum = known.reduce((total, q) => total + clamp01(recallOf.get(q.number) ?? 0), 0);
    return [{ topic, answered: known.length, total: inTopic.length, recall: sum / inTopic.length }];
  });
}

/**
 * The topic with the lowest recall (ties: the one with fewer answered, then the earlier one),
 * and how many of its questions to review; null when every topic is at or above the target.
 */
export function weakestTopic(
  progress: readonly TopicProgress[],
  questions: readonly ProgressQuestion[],
  recalls: readonly QuestionRecall[],
): ReviewSuggestion | null {
  const weak = progress.filter((p) => p.recall < TARGET_RECALL);
  const weakest = weak.reduce<TopicProgress | null>(
    (best, p) =>
      best === null ||
      p.recall < best.recall ||
      (p.recall === best.recall && p.answered < best.answered)
        ? p
        : best,
    null,
  );
  if (!weakest) return null;
  const recallOf = new Map(recalls.map((r) => [r.question, r.recall]));
  const below = questions.filter(
    (q) => q.topics.includes(weakest.topic) && (recallOf.get(q.number) ?? 0) < TARGET_RECALL,
  ).length;
  return { topic: weakest.topic, questions: Math.min(SUGGESTION_LIMIT, below) };
}

export type ForecastDay = { readonly day: DayKey; readonly due: number };

/**
 * Reviews due on each of the next FORECAST_DAYS server days, today first. A card already
 * overdue is due today; one due after the last day is left out. Days are the server's local
 * days, by the zone in effect at each due instant (as answers are keyed).
 */
export function dueForecast(
  dues: readonly number[],
  history: ZoneHistory,
  now: number,
  days = FORECAST_DAYS,
): ForecastDay[] {
  const today = dayKeyForAnswer(history, now);
  const forecast = Array.from({ length: days }, (_, i) => ({ day: addDays(today, i), due: 0 }));
  const index = new Map(forecast.map((entry, i) => [entry.day, i]));
  for (const due of dues) {
    const i = due <= now ? 0 : index.get(dayKeyForAnswer(history, due));
    if (i !== undefined) forecast[i]!.due++;
  }
  return forecast;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** A member's progress as /progress shows it. */
export type MemberProgress = {
  readonly topics: readonly TopicProgress[];
  /** Over every question of the banks, counted once each (unanswered as 0). */
  readonly answered: number;
  readonly total: number;
  readonly recall: number;
  readonly weakest: ReviewSuggestion | null;
  readonly forecast: readonly ForecastDay[];
};

/** Everything /progress shows, from the banks, the member's recall per card and the cards' dues. */
export function memberProgress(
  topics: readonly string[],
  questions: readonly ProgressQuestion[],
  recalls: readonly QuestionRecall[],
  forecast: readonly ForecastDay[],
): MemberProgress {
  const byTopic = topicProgress(topics, questions, recalls);
  const [overall] = topicProgress(
    ["*"],
    questions.map((q) => ({ number: q.number, topics: ["*"] })),
    recalls,
  );
  return {
    topics: byTopic,
    answered: overall?.answered ?? 0,
    total: overall?.total ?? 0,
    recall: overall?.recall ?? 0,
    weakest: weakestTopic(byTopic, questions, recalls),
    forecast,
  };
}
