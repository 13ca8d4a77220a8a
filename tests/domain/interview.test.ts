import { describe, expect, test } from "vitest";
import {
  answered,
  chooseInterview,
  currentQuestion,
  nextStep,
  runFits,
  scorecard,
  type InterviewRun,
} from "../../src/domain/interview.js";
import { mulberry32 } from "../../src/domain/rotation.js";

const POOL = [1, 2, 3, 4, 5, 6, 7, 8];
const recall = (entries: [number, number][]) => new Map(entries);

describe("chooseInterview", () => {
  test.each([
    {
      given: "cards of every recall",
      recall: recall([
        [5, 0.9],
        [2, 0.3],
        [7, 0.6],
      ]),
      count: 3,
      expected: [2, 7, 5],
    },
    {
      given: "fewer cards than the count",
      recall: recall([
        [4, 0.95],
        [8, 0.1],
      ]),
      count: 5,
      starts: [8, 4],
    },
    {
      given: "more cards than the count",
      recall: recall([
        [1, 0.99],
        [2, 0.2],
        [3, 0.5],
        [4, 0.7],
        [6, 0.01],
      ]),
      count: 3,
      expected: [6, 2, 3],
    },
    {
      given: "cards outside the pool (another topic)",
      recall: recall([
        [40, 0],
        [3, 0.5],
      ]),
      count: 3,
      starts: [3],
    },
  ])("GIVEN $given THEN the weakest come first, then unseen ones", (row) => {
    const run = chooseInterview(POOL, row.recall, row.count, mulberry32(7));
    expect(run).toHaveLength(row.count);
    expect(new Set(run).size).toBe(run.length);
    if (row.expected) expect(run).toEqual(row.expected);
    if (row.starts) {
      expect(run.slice(0, row.starts.length)).toEqual(row.starts);
      // The rest are questions the member has no card for.
      for (const number of run.slice(row.starts.length)) expect(row.recall.has(number)).toBe(false);
    }
    for (const number of run) expect(POOL).toContain(number);
  });

  test("GIVEN no history THEN the run is unseen questions in an order fixed by the random", () => {
    const a = chooseInterview(POOL, new Map(), 5, mulberry32(1));
    const b = chooseInterview(POOL, new Map(), 5, mulberry32(1));
    const c = chooseInterview(POOL, new Map(), 5, mulberry32(2));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a).size).toBe(5);
  });

  test("GIVEN equal recalls THEN the random breaks the tie, the same way every time", () => {
    const tied = recall(POOL.map((n) => [n, 0.5]));
    const runs = [1, 2, 3, 4, 5].map((seed) => chooseInterview(POOL, tied, 3, mulberry32(seed)));
    expect(new Set(runs.map((run) => run.join())).size).toBeGreaterThan(1);
    expect(chooseInterview(POOL, tied, 3, mulberry32(3))).toEqual(runs[2]);
  });

  test.each([
    { pool: [3, 4], count: 3, length: 2 },
    { pool: [], count: 3, length: 0 },
    { pool: [1, 1, 2, 2, 3], count: 10, length: 3 },
  ])("GIVEN a pool of $pool and count $count THEN the run has $length questions", (row) => {
    expect(chooseInterview(row.pool, new Map(), row.count, mulberry32(1))).toHaveLength(row.length);
  });
});

describe("a run's steps", () => {
  test("GIVEN a run answered step by step THEN it moves through its questions, then ends", () => {
    let run: InterviewRun = { questions: [4, 9, 2], covered: [] };
    const seen: (number | null)[] = [];
    for (const covered of [3, 0, 5]) {
      seen.push(currentQuestion(run));
      run = answered(run, covered);
    }
    expect(seen).toEqual([4, 9, 2]);
    expect(run).toEqual({ questions: [4, 9, 2], covered: [3, 0, 5] });
    expect(nextStep(run)).toBeNull();
    expect(currentQuestion(run)).toBeNull();
    expect(() => answered(run, 1)).toThrow(/no step left/);
  });
});

describe("scorecard", () => {
  const points: Record<number, number> = { 4: 5, 9: 5, 2: 4, 15: 3, 77: 0 };
  const count = (n: number) => points[n] ?? 0;

  test.each([
    {
      given: "one missed question",
      run: { questions: [4, 9, 2], covered: [5, 2, 4] },
      lines: ["4:5/5", "9:2/5", "2:4/4"],
      total: [11, 14],
      review: [9],
    },
    {
      given: "every point covered",
      run: { questions: [15, 2, 4], covered: [3, 4, 5] },
      lines: ["15:3/3", "2:4/4", "4:5/5"],
      total: [12, 12],
      review: [],
    },
    {
      given: "nothing covered",
      run: { questions: [2, 15, 9], covered: [0, 0, 0] },
      lines: ["2:0/4", "15:0/3", "9:0/5"],
      total: [0, 12],
      review: [2, 15, 9],
    },
    {
      given: "a question without key points (not graded, never to review)",
      run: { questions: [77, 4, 9], covered: [0, 1, 5] },
      lines: ["77:0/0", "4:1/5", "9:5/5"],
      total: [6, 10],
      review: [4],
    },
    {
      given: "a run still under way",
      run: { questions: [4, 9, 2], covered: [1] },
      lines: ["4:1/5"],
      total: [1, 5],
      review: [4],
    },
  ])("GIVEN $given THEN the lines, total and review list follow", (row) => {
    const card = scorecard(row.run, count);
    expect(card.lines.map((l) => `${l.number}:${l.covered}/${l.total}`)).toEqual(row.lines);
    expect([card.covered, card.total]).toEqual(row.total);
    expect(card.review).toEqual(row.review);
  });
});

describe("runFits", () => {
  const points: Record<number, number> = { 1: 5, 2: 4, 3: 0 };
  const count = (n: number) => points[n];

  test.each([
    [{ questions: [1, 2, 3], covered: [] }, true],
    [{ questions: [1, 2, 3], covered: [5, 4, 0] }, true],
    [{ questions: [1, 2, 3], covered: [6] }, false],
    [{ questions: [1, 2, 3], covered: [0, 0, 1] }, false],
    [{ questions: [1, 2, 99], covered: [] }, false],
    [{ questions: [1, 1, 2], covered: [] }, false],
    [{ questions: [], covered: [] }, false],
    [{ questions: [1, 2, 3], covered: [0, 0, 0, 0] }, false],
  ])("GIVEN %j THEN it fits the bank: %s", (run, fits) => {
    expect(runFits(run, count)).toBe(fits);
  });
});
