import { describe, expect, test } from "vitest";
import {
  dueForecast,
  topicProgress,
  weakestTopic,
  type ProgressQuestion,
  type QuestionRecall,
} from "../../src/domain/progress.js";
import type { ZoneHistory } from "../../src/domain/zone-history.js";

const questions: ProgressQuestion[] = [
  { number: 1, topics: ["a"] },
  { number: 2, topics: ["a", "b"] },
  { number: 3, topics: ["b"] },
  { number: 4, topics: ["b"] },
  { number: 5, topics: ["c"] },
];
const TOPICS = ["a", "b", "c", "empty"];
const r = (question: number, recall: number): QuestionRecall => ({ question, recall });

describe("topicProgress", () => {
  test.each([
    [
      "GIVEN no cards THEN every topic is 0 answered at 0 recall, the empty topic left out",
      [],
      [
        { topic: "a", answered: 0, total: 2, recall: 0 },
        { topic: "b", answered: 0, total: 3, recall: 0 },
        { topic: "c", answered: 0, total: 1, recall: 0 },
      ],
    ],
    [
      "GIVEN a question in two topics THEN it counts in both, unanswered ones as 0",
      [r(2, 0.9)],
      [
        { topic: "a", answered: 1, total: 2, recall: 0.45 },
        { topic: "b", answered: 1, total: 3, recall: 0.3 },
        { topic: "c", answered: 0, total: 1, recall: 0 },
      ],
    ],
    [
      "GIVEN a card with recall 0 (new) THEN it is answered and counts 0",
      [r(5, 0)],
      [
        { topic: "a", answered: 0, total: 2, recall: 0 },
        { topic: "b", answered: 0, total: 3, recall: 0 },
        { topic: "c", answered: 1, total: 1, recall: 0 },
      ],
    ],
    [
      "GIVEN recalls outside [0, 1] or NaN THEN they are clamped (NaN is 0)",
      [r(1, 1.5), r(2, Number.NaN), r(5, -1)],
      [
        { topic: "a", answered: 2, total: 2, recall: 0.5 },
        { topic: "b", answered: 1, total: 3, recall: 0 },
        { topic: "c", answered: 1, total: 1, recall: 0 },
      ],
    ],
  ])("%s", (_name, recalls, expected) => {
    const got = topicProgress(TOPICS, questions, recalls);
    expect(got.map((p) => ({ ...p, recall: Number(p.recall.toFixed(6)) }))).toEqual(expected);
  });
});

describe("weakestTopic", () => {
  test.each([
    ["GIVEN no cards THEN the first topic, 2 of its 2 questions", [], { topic: "a", questions: 2 }],
    [
      "GIVEN a strong and c weak THEN c",
      [r(1, 0.95), r(2, 0.95), r(3, 0.95), r(4, 0.95), r(5, 0.2)],
      { topic: "c", questions: 1 },
    ],
    [
      "GIVEN equal recall THEN the topic with fewer answered",
      [r(1, 0.5), r(2, 0.5), r(3, 1), r(5, 0.5)],
      { topic: "c", questions: 1 },
    ],
    [
      "GIVEN every topic at or above 90 % THEN no suggestion",
      [r(1, 0.9), r(2, 0.95), r(3, 1), r(4, 0.91), r(5, 0.9)],
      null,
    ],
  ])("%s", (_name, recalls, expected) => {
    const progress = topicProgress(TOPICS, questions, recalls);
    expect(weakestTopic(progress, questions, recalls)).toEqual(expected);
  });

  test("GIVEN a topic with 5 unanswered questions THEN the suggestion stops at 3", () => {
    const many = [1, 2, 3, 4, 5].map((number) => ({ number, topics: ["x"] }));
    expect(weakestTopic(topicProgress(["x"], many, []), many, [])).toEqual({
      topic: "x",
      questions: 3,
    });
  });
});

describe("dueForecast", () => {
  const utc: ZoneHistory = [{ zone: "UTC", from: 0 }];
  const shanghai: ZoneHistory = [{ zone: "Asia/Shanghai", from: 0 }];
  const at = (iso: string) => Date.parse(iso);
  const NOW = at("2026-12-05T10:00:00Z");

  test.each([
    ["GIVEN no cards THEN 7 days of 0", utc, [], [0, 0, 0, 0, 0, 0, 0]],
    [
      "GIVEN overdue cards THEN they are due today",
      utc,
      [at("2026-11-01T00:00:00Z"), at("2026-12-05T09:59:59Z"), at("2026-12-05T23:00:00Z")],
      [3, 0, 0, 0, 0, 0, 0],
    ],
    [
      "GIVEN cards through and past the week THEN each on its day, the eighth day left out",
      utc,
      [at("2026-12-06T00:00:00Z"), at("2026-12-11T23:59:59Z"), at("2026-12-12T00:00:00Z")],
      [0, 1, 0, 0, 0, 0, 1],
    ],
    [
      "GIVEN a server in Shanghai THEN 17:00 UTC is the next local day",
      shanghai,
      [at("2026-12-05T15:59:59Z"), at("2026-12-05T16:00:00Z")],
      [1, 1, 0, 0, 0, 0, 0],
    ],
  ])("%s", (_name, history, dues, expected) => {
    const forecast = dueForecast(dues, history, NOW);
    expect(forecast.map((d) => d.due)).toEqual(expected);
    expect(forecast[0]!.day).toBe("2026-12-05");
    expect(forecast[6]!.day).toBe("2026-12-11");
  });
});
