import { describe, expect, test } from "vitest";
import { GRADES, type Grade } from "../../src/domain/answer-feedback.js";
import { addDays, dayKeyOf, type DayKey } from "../../src/domain/calendar.js";
import { cardAfterGrade, cardAfterReveal, type CardDay } from "../../src/domain/card-day.js";
import { previewCard, recallOf, type ReviewCard } from "../../src/domain/review-card.js";
import { mulberry32 } from "../../src/domain/rotation.js";

/*
 * 20 members × 90 days of a server with a 30-question bank, through the real card rules: a daily
 * question, reviews of what is due, answers graded by whether the member (modelled) recalls, some
 * Reveals without answering and some second answers the same day. Seeded, so it is the same
 * every run; SIMULATION_REPORT=1 prints the figures.
 */

const DAY_MS = 86_400_000;
const START = Date.parse("2026-09-01T00:00:00Z");
const DAYS = 90;
const BANK = 30;

type Profile = {
  name: string;
  /** Chance of showing up on a day. */
  shows: number;
  /** How many due reviews they do when they show up. */
  reviewsADay: number;
  /** Days they are away entirely (a holiday, a busy release). */
  away: (day: number) => boolean;
  /** How well they know the material: recall is FSRS's prediction nudged by this. */
  skill: number;
};

const PROFILES: Profile[] = [
  { name: "diligent", shows: 0.95, reviewsADay: 99, away: () => false, skill: 0.1 },
  { name: "regular", shows: 0.7, reviewsADay: 5, away: () => false, skill: 0 },
  { name: "lapsing", shows: 0.8, reviewsADay: 3, away: (d) => d >= 30 && d < 55, skill: -0.1 },
  { name: "occasional", shows: 0.3, reviewsADay: 2, away: () => false, skill: -0.15 },
];

type Figures = {
  /** Reviews that fall due a member a day: the schedule's daily load. */
  fallingDueAverage: number;
  /** Cards due (overdue included) a member a day, before they review: load plus backlog. */
  dueAverage: number;
  dueMax: number;
  reviews: number;
  statesChecked: Set<string>;
  byProfile: Record<string, number>;
};

function simulate(seed: number): Figures {
  const random = mulberry32(seed);
  const members = Array.from({ length: 20 }, (_, i) => ({
    profile: PROFILES[i % PROFILES.length]!,
    cards: new Map<number, CardDay>(),
  }));
  const statesChecked = new Set<string>();
  let dueSum = 0;
  let fallingDueSum = 0;
  let dueMax = 0;
  let reviews = 0;
  const dueByProfile: Record<string, number> = {};

  /** One grade at `now`, checked as the issue asks. */
  const grade = (
    cards: Map<number, CardDay>,
    question: number,
    g: Grade,
    now: number,
    day: DayKey,
  ) => {
    const current = cards.get(question) ?? null;
    const base = current?.day === day ? current.before : current?.card;
    if (base) checkOrdering(base, now, statesChecked);
    const next = cardAfterGrade(current, g, now, day);
    expect(next.card.due, "due in the past right after a review").toBeGreaterThan(now);
    cards.set(question, next);
    reviews++;
  };

  for (let d = 0; d < DAYS; d++) {
    const dayStart = START + d * DAY_MS;
    const day = dayKeyOf(Math.floor(dayStart / DAY_MS));
    const dayEnd = START + (d + 1) * DAY_MS - 1;
    const daily = (d % BANK) + 1;
    for (const { profile, cards } of members) {
      // What the member has due today, before they do anything: what the footer counts.
      const due = [...cards.entries()]
        .filter(([, c]) => c.card.due <= dayEnd)
        .sort((a, b) => a[1].card.due - b[1].card.due);
      dueSum += due.length;
      fallingDueSum += due.filter(([, c]) => c.card.due >= dayStart).length;
      dueMax = Math.max(dueMax, due.length);
      dueByProfile[profile.name] = (dueByProfile[profile.name] ?? 0) + due.length;
      if (profile.away(d) || random() >= profile.shows) continue;
      let now = dayStart + (8 + random() * 12) * 3_600_000;
      const recalls = (card: ReviewCard | undefined) => {
        const predicted = card ? recallOf(card, now) : 0.45;
        return random() < Math.min(1, Math.max(0, predicted + profile.skill));
      };
      const gradeOf = (recalled: boolean): Grade => {
        if (!recalled) return "again";
        const r = random();
        return r < 0.2 ? "hard" : r < 0.8 ? "good" : "easy";
      };
      // The daily question: sometimes revealed without answering.
      if (random() < 0.08) {
        const next = cardAfterReveal(cards.get(daily) ?? null, now, day);
        if (next) {
          expect(next.card.due).toBeGreaterThan(now);
          cards.set(daily, next);
          reviews++;
        }
      } else {
        grade(cards, daily, gradeOf(recalls(cards.get(daily)?.card)), now, day);
        // A second try the same day: it replaces the day's grade, it does not add a review.
        if (random() < 0.1) {
          now += 600_000;
          const before = cards.get(daily)!;
          grade(cards, daily, gradeOf(true), now, day);
          reviews--;
          expect(cards.get(daily)!.before).toEqual(before.before);
        }
      }
      for (const [question, card] of due.slice(0, profile.reviewsADay)) {
        if (question === daily) continue;
        now += 60_000;
        grade(cards, question, gradeOf(recalls(card.card)), now, day);
      }
    }
  }
  const memberDays = members.length * DAYS;
  const byProfile = Object.fromEntries(
    Object.entries(dueByProfile).map(([name, sum]) => [
      name,
      sum / ((memberDays / PROFILES.length) | 0),
    ]),
  );
  return {
    fallingDueAverage: fallingDueSum / memberDays,
    dueAverage: dueSum / memberDays,
    dueMax,
    reviews,
    statesChecked,
    byProfile,
  };
}

/** Again < Hard < Good < Easy, in days, for the card as it stands before a review at `now`. */
function checkOrdering(card: ReviewCard, now: number, states: Set<string>) {
  const next = previewCard(card, now);
  const days = GRADES.map((g) => next[g].due - now);
  for (let i = 1; i < days.length; i++) {
    expect(days[i], `${GRADES[i]} after ${GRADES[i - 1]} for a ${card.state} card`).toBeGreaterThan(
      days[i - 1]!,
    );
  }
  states.add(card.state);
}

describe("the schedule over 90 days of a 20-member server", () => {
  test.each([1, 2, 3])(
    "GIVEN seed %i THEN ≤ 5 reviews fall due a member a day on average, intervals ordered, never due in the past",
    (seed) => {
      const figures = simulate(seed);
      if (process.env.SIMULATION_REPORT) {
        console.log(
          JSON.stringify({ seed, ...figures, statesChecked: [...figures.statesChecked] }, null, 0),
        );
      }
      expect(figures.fallingDueAverage).toBeLessThanOrEqual(5);
      // Members who keep up have little due; a backlog is what lapsing members leave undone.
      expect(figures.byProfile.diligent).toBeLessThanOrEqual(5);
      expect(figures.byProfile.regular).toBeLessThanOrEqual(5);
      expect(figures.reviews).toBeGreaterThan(1500);
      // Every state a card reaches with whole-day scheduling was met and checked.
      expect([...figures.statesChecked].sort()).toEqual(["new", "review"]);
    },
  );

  test("GIVEN the day after a DST-free calendar THEN the simulation's days are consecutive", () => {
    expect(addDays(dayKeyOf(Math.floor(START / DAY_MS)), 89)).toBe("2026-11-29");
  });
});
