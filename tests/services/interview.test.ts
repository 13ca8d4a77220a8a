import { afterEach, describe, expect, test } from "vitest";
import { interviewId, parseCustomId, type CustomId } from "../../src/domain/custom-id.js";
import { questionsWithTopic } from "../../src/domain/catalogue.js";
import { recallOf } from "../../src/domain/review-card.js";
import { mulberry32 } from "../../src/domain/rotation.js";
import { UserError } from "../../src/errors.js";
import { recordAnswer } from "../../src/services/answer-question.js";
import { answerInterviewStep, interviewStep, planInterview } from "../../src/services/interview.js";
import { memberStats } from "../../src/services/streaks.js";
import { closeTestApps, testApp } from "../helpers/app-context.js";
import { memberAnswers } from "../helpers/store-reads.js";

afterEach(closeTestApps);

const NOW = Date.parse("2026-11-30T12:00:00Z");
const DAY = 86_400_000;
const who = { guildId: "g", userId: "u" };
const idOf = (raw: string) => parseCustomId(raw) as CustomId;

async function errorOf(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("planInterview", () => {
  test("GIVEN a member with no history THEN the run is `count` unseen questions, fixed by the random", async () => {
    const { ctx } = await testApp();
    ctx.random = mulberry32(5);
    const first = await planInterview(ctx, { ...who, count: 5, topic: null });
    ctx.random = mulberry32(5);
    const again = await planInterview(ctx, { ...who, count: 5, topic: null });
    expect(first.run.questions).toHaveLength(5);
    expect(again.run).toEqual(first.run);
    expect(first.question.number).toBe(first.run.questions[0]);
  });

  test("GIVEN cards answered badly and well three days ago THEN the weakest recall first, then unseen questions", async () => {
    const { ctx } = await testApp();
    ctx.now = () => NOW;
    const q = (n: number) => ctx.catalogue.questions.find((question) => question.number === n)!;
    await recordAnswer(ctx, { ...who, answerId: "1", number: 4, text: q(4)["zh-CN"].answer });
    await recordAnswer(ctx, { ...who, answerId: "2", number: 9, text: "不知道" });
    await recordAnswer(ctx, { ...who, answerId: "3", number: 2, text: q(2)["en-US"].answer });
    ctx.now = () => NOW + 3 * DAY;
    const cards = await ctx.cards.ofMember("g", "u");
    const recall = new Map(cards.map((c) => [c.question, recallOf(c.card, NOW + 3 * DAY)]));
    expect(recall.get(9)).toBeLessThan(Math.min(recall.get(4)!, recall.get(2)!));
    const weakestFirst = [...recall.keys()].sort((a, b) => recall.get(a)! - recall.get(b)!);
    const { run } = await planInterview(ctx, { ...who, count: 5, topic: null });
    expect(run.questions.slice(0, 3)).toEqual(weakestFirst);
    for (const number of run.questions.slice(3)) expect(recall.has(number)).toBe(false);
  });

  test("GIVEN a topic THEN only its questions, and all of them when it has fewer than asked", async () => {
    const { ctx } = await testApp();
    const { run } = await planInterview(ctx, { ...who, count: 10, topic: "hardware" });
    const hardware = questionsWithTopic(ctx.catalogue, "hardware").map((q) => q.number);
    expect([...run.questions].sort()).toEqual([...hardware].sort());
  });

  test.each([
    ["no-such-topic", "error.unknown-topic"],
    ["empty-topic", "error.topic-no-questions"],
  ])("GIVEN the topic %s THEN the member is told %s", async (topic, key) => {
    const { ctx } = await testApp();
    const label = { "zh-CN": "空", "en-US": "Empty" };
    ctx.catalogue = {
      ...ctx.catalogue,
      topics: new Map([...ctx.catalogue.topics, ["empty-topic", label]]),
    };
    const error = await errorOf(() => planInterview(ctx, { ...who, count: 3, topic }));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).key).toBe(key);
    expect((error as UserError).vars).toEqual({ topic });
  });
});

describe("answerInterviewStep", () => {
  test("GIVEN three answers THEN each is stored like any answer, and the third ends the run with its scorecard", async () => {
    const { ctx, url } = await testApp();
    ctx.now = () => NOW;
    let raw = interviewId("interview-submit", { questions: [9, 4, 2], covered: [] });
    const texts = [
      "常用准确率和召回率来评估模型，不同的业务场景要选择合适的指标。",
      "I don't know.",
      "Cleaning, normalisation and feature engineering.",
    ];
    const cards = [];
    for (const [i, text] of texts.entries()) {
      const step = await answerInterviewStep(ctx, {
        ...who,
        answerId: `a${i}`,
        id: idOf(raw),
        text,
      });
      cards.push(step.scorecard);
      raw = interviewId("interview-submit", step.run);
    }
    expect(cards.slice(0, 2)).toEqual([null, null]);
    const card = cards[2];
    expect(card?.lines.map((l) => l.number)).toEqual([9, 4, 2]);
    expect(card?.lines[0]).toEqual({ number: 9, covered: 3, total: 5 });
    expect(card?.lines[1]).toEqual({ number: 4, covered: 0, total: 5 });
    expect(card?.review).toContain(4);
    const stored = await memberAnswers(url, "g", "u");
    const order = [9, 4, 2];
    stored.sort((a, b) => order.indexOf(a.question) - order.indexOf(b.question));
    expect(stored.map((a) => [a.question, a.text, a.covered?.length])).toEqual([
      [9, texts[0], 3],
      [4, texts[1], 0],
      [2, texts[2], card?.lines[2]?.covered],
    ]);
    expect(await memberStats(ctx, "g", "u", NOW)).toMatchObject({ current: 1, totalAnswers: 3 });
    // Each answer moved its card, graded as the feedback suggested.
    const moved = await ctx.cards.ofMember("g", "u");
    expect(moved.map((c) => [c.question, c.card.reps, c.reviewedAt]).sort()).toEqual([
      [2, 1, NOW],
      [4, 1, NOW],
      [9, 1, NOW],
    ]);
    expect(moved.find((c) => c.question === 4)?.grade).toBe("again");
  });

  test.each([
    [
      "a question no longer in the bank",
      "question:interview-submit:9_4_2r-",
      "error.interview-stale",
    ],
    [
      "more points than the question has",
      "question:interview-submit:9_4_2-9",
      "error.interview-stale",
    ],
    ["an arg that is no run", "question:interview-submit:nonsense", "error.unknown-component"],
  ])("GIVEN %s THEN the step is refused and nothing is stored", async (_, raw, key) => {
    const { ctx, url } = await testApp();
    const error = await errorOf(() =>
      answerInterviewStep(ctx, { ...who, answerId: "a", id: idOf(raw), text: "准确率" }),
    );
    expect((error as UserError).key).toBe(key);
    expect(await errorOf(() => interviewStep(ctx, idOf(raw)))).toBeInstanceOf(UserError);
    expect(await memberAnswers(url, "g", "u")).toEqual([]);
  });
});
