import { afterAll, describe, expect, test } from "vitest";
import { recallOf } from "../../src/domain/review-card.js";
import { recordAnswer } from "../../src/services/answer-question.js";
import { memberProgressOf } from "../../src/services/progress.js";
import { closeTestApps, testApp, type TestApp } from "../helpers/app-context.js";

afterAll(closeTestApps);

const DAY_MS = 86_400_000;
const START = Date.parse("2026-11-02T12:00:00Z");
let answerId = 0;

async function answerAt(app: TestApp, userId: string, number: number, at: number, text: string) {
  app.ctx.now = () => at;
  await recordAnswer(app.ctx, { answerId: `a${answerId++}`, guildId: "g", userId, number, text });
}

describe("memberProgressOf over the real store", () => {
  test("GIVEN answers that moved cards THEN topics count them and recall is the cards' retrievability", async () => {
    const app = await testApp();
    const q3 = app.ctx.catalogue.questions.find((q) => q.number === 3)!;
    // Question 1 (fundamentals) answered with nothing right, question 3 (model optimization and
    // deployment) with its reference answer.
    await answerAt(app, "u1", 1, START, "不知道");
    await answerAt(app, "u1", 3, START, q3["zh-CN"].answer);
    await answerAt(app, "u2", 3, START, q3["zh-CN"].answer); // another member: not counted

    const now = START + 2 * DAY_MS;
    const progress = await memberProgressOf(app.ctx, "g", "u1", now);
    const cards = await app.ctx.cards.ofMember("g", "u1");
    const recall = (n: number) => recallOf(cards.find((c) => c.question === n)!.card, now);
    const topic = (id: string) => progress.topics.find((p) => p.topic === id)!;

    expect(progress).toMatchObject({ answered: 2, total: 30 });
    expect(progress.recall).toBeCloseTo((recall(1) + recall(3)) / 30, 10);
    expect(topic("fundamentals")).toEqual({
      topic: "fundamentals",
      answered: 1,
      total: 3,
      recall: recall(1) / 3,
    });
    expect(topic("model-optimization")).toEqual({
      topic: "model-optimization",
      answered: 1,
      total: 2,
      recall: recall(3) / 2,
    });
    expect(recall(3)).toBeGreaterThan(recall(1)); // the good answer is remembered better
    expect(topic("training").answered).toBe(0);
    // Dues from the cards, on the server's days (UTC here), overdue ones today.
    const expected = Array.from({ length: 7 }, () => 0);
    for (const card of cards) {
      const offset = Math.floor(card.card.due / DAY_MS) - Math.floor(now / DAY_MS);
      if (offset < 7) expected[Math.max(0, offset)]!++;
    }
    expect(progress.forecast.map((d) => d.due)).toEqual(expected);
    expect(progress.forecast[0]!.day).toBe("2026-11-04");
  });

  test("GIVEN a member with no cards THEN nothing answered and nothing due", async () => {
    const app = await testApp();
    const progress = await memberProgressOf(app.ctx, "g", "nobody", START);
    expect(progress).toMatchObject({ answered: 0, total: 30, recall: 0 });
    expect(progress.forecast.every((d) => d.due === 0)).toBe(true);
    expect(progress.weakest).toEqual({ topic: "fundamentals", questions: 3 });
  });
});
