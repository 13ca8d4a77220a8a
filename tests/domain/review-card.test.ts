import { describe, expect, test } from "vitest";
import { cardAfterCorrection, cardAfterGrade, cardAfterReveal } from "../../src/domain/card-day.js";
import { newCard, previewCard, recallOf, reviewCard } from "../../src/domain/review-card.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-12-01T09:00:00Z");

describe("a review card", () => {
  test("GIVEN a new card THEN it is due now, with recall 0", () => {
    const card = newCard(T0);
    expect(card).toMatchObject({ due: T0, state: "new", reps: 0, lastReview: null });
    expect(recallOf(card, T0 + DAY)).toBe(0);
  });

  test.each([
    ["again", "review"],
    ["good", "review"],
  ] as const)(
    "GIVEN a first grade %s THEN the card is scheduled in whole days, no short-term step",
    (grade, state) => {
      const card = reviewCard(newCard(T0), grade, T0);
      expect(card.state).toBe(state);
      expect(card.scheduledDays).toBeGreaterThanOrEqual(1);
      expect(card.due).toBe(T0 + card.scheduledDays * DAY);
    },
  );

  test("GIVEN a reviewed card THEN recall is 0.9 at its due (the desired retention) and falls after", () => {
    const card = reviewCard(reviewCard(newCard(T0), "good", T0), "good", T0 + 3 * DAY);
    expect(recallOf(card, card.lastReview!)).toBeCloseTo(1, 5);
    expect(recallOf(card, card.due)).toBeGreaterThan(0.87);
    expect(recallOf(card, card.due)).toBeLessThan(0.93);
    expect(recallOf(card, card.due + 30 * DAY)).toBeLessThan(recallOf(card, card.due));
  });

  test("GIVEN any card THEN Again < Hard < Good < Easy in days", () => {
    const seen = reviewCard(newCard(T0), "hard", T0);
    for (const card of [newCard(T0), seen, reviewCard(seen, "again", T0 + 2 * DAY)]) {
      const next = previewCard(card, T0 + 5 * DAY);
      const days = [next.again, next.hard, next.good, next.easy].map((c) => c.scheduledDays);
      expect(days).toEqual([...days].sort((a, b) => a - b));
      expect(new Set(days).size).toBe(4);
    }
  });
});

describe("a card's day", () => {
  test("GIVEN two grades on one day THEN the second replaces the first, from the day's start", () => {
    const first = cardAfterGrade(null, "easy", T0, "2026-12-01");
    const second = cardAfterGrade(first, "again", T0 + 1000, "2026-12-01");
    expect(second.before).toEqual(newCard(T0));
    expect(second.card).toEqual(reviewCard(newCard(T0), "again", T0 + 1000));
  });

  test("GIVEN a Reveal THEN Again, unless the card was graded that day", () => {
    const revealed = cardAfterReveal(null, T0, "2026-12-01");
    expect(revealed?.grade).toBe("again");
    expect(cardAfterReveal(revealed, T0 + 1, "2026-12-01")).toBeNull();
  });

  test("GIVEN a correction THEN it redoes the answer's review; a later review or the same grade leaves it", () => {
    const answered = cardAfterGrade(null, "hard", T0, "2026-12-01");
    const corrected = cardAfterCorrection(answered, "easy", T0);
    expect(corrected?.card).toEqual(reviewCard(newCard(T0), "easy", T0));
    expect(cardAfterCorrection(answered, "hard", T0)).toBeNull();
    expect(cardAfterCorrection(answered, "easy", T0 - DAY)).toBeNull();
  });
});
