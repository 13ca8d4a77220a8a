import { describe, expect, test } from "vitest";
import { hashString, mulberry32, nextQuestion, shuffle } from "../../src/domain/rotation.js";
import type { RotationQuestion, RotationStep } from "../../src/domain/rotation.js";

const GROUPS = [
  [5, 8, 23],
  [9, 25],
  [4, 24, 30],
  [2, 29],
];

/** Questions 1..size (plus `extra`), each naming the others of its group as related. */
function bankOf(numbers: readonly number[], groups: readonly (readonly number[])[] = GROUPS) {
  return numbers.map((number): RotationQuestion => {
    const group = groups.find((members) => members.includes(number)) ?? [];
    return { number, related: group.filter((other) => other !== number) };
  });
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const BANK = bankOf(range(1, 30));

const related = (a: number, b: number, groups = GROUPS): boolean =>
  a === b || groups.some((group) => group.includes(a) && group.includes(b));

interface Day extends RotationStep {
  readonly day: number;
}

/** Runs the rotation day after day, as the scheduler would, storing only the returned state. */
function run(
  seed: string,
  days: number,
  bankOnDay: (day: number) => readonly RotationQuestion[] = () => BANK,
): Day[] {
  const history: Day[] = [];
  let state = { posted: [] as number[], cycle: 1, previous: undefined as number | undefined };
  for (let day = 0; day < days; day++) {
    const step = nextQuestion({ bank: bankOnDay(day), seed, ...state });
    if (step === null) throw new Error(`no question on day ${day}`);
    history.push({ ...step, day });
    state = { posted: step.posted, cycle: step.cycle, previous: step.number };
  }
  return history;
}

function byCycle(history: readonly Day[]): Map<number, number[]> {
  const cycles = new Map<number, number[]>();
  for (const { cycle, number } of history)
    cycles.set(cycle, [...(cycles.get(cycle) ?? []), number]);
  return cycles;
}

function relatedNeighbours(history: readonly Day[], groups = GROUPS): string[] {
  return history
    .slice(1)
    .filter((today, i) => related(history[i]?.number ?? NaN, today.number, groups))
    .map((today, i) => `day ${today.day}: ${history[i]?.number} then ${today.number}`);
}

describe("shuffle", () => {
  test("GIVEN the same seed THEN the same order, a permutation, and the input untouched", () => {
    const input = range(1, 30);
    const order = shuffle(input, "guild-1:1");
    expect(shuffle(input, "guild-1:1")).toEqual(order);
    expect([...order].sort((a, b) => a - b)).toEqual(range(1, 30));
    expect(order).not.toEqual(input);
    expect(input).toEqual(range(1, 30));
  });

  test.each([
    ["two guilds", "111111111111111111:1", "222222222222222222:1"],
    ["two cycles of one guild", "111111111111111111:1", "111111111111111111:2"],
  ])("GIVEN %s THEN different orders", (_, a, b) => {
    expect(shuffle(range(1, 30), a)).not.toEqual(shuffle(range(1, 30), b));
  });

  test("GIVEN many seeds THEN every question leads the order about equally often", () => {
    const firsts = new Map<number, number>();
    for (let seed = 0; seed < 3000; seed++) {
      const first = shuffle(range(1, 30), `guild-${seed}:1`)[0] ?? NaN;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect(firsts.size).toBe(30);
    expect(Math.min(...firsts.values())).toBeGreaterThan(50);
    expect(Math.max(...firsts.values())).toBeLessThan(160);
  });

  test("GIVEN the PRNG pieces THEN they are stable and in [0, 1)", () => {
    expect(hashString("guild-1:1")).toBe(hashString("guild-1:1"));
    expect(hashString("guild-1:1")).not.toBe(hashString("guild-1:2"));
    const random = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => random());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBe(1000);
  });
});

describe("nextQuestion over 3 cycles of the 30-question bank", () => {
  const seeds = Array.from({ length: 60 }, (_, i) => `${100000000000000000n + BigInt(i) * 7919n}`);

  test.each(seeds)("GIVEN guild %s THEN each cycle posts every question once", (seed) => {
    const cycles = byCycle(run(seed, 90));
    expect([...cycles.keys()]).toEqual([1, 2, 3]);
    for (const numbers of cycles.values()) {
      expect([...numbers].sort((a, b) => a - b)).toEqual(range(1, 30));
    }
  });

  test.each(seeds)(
    "GIVEN guild %s THEN never two related days in a row, even across cycles",
    (seed) => {
      expect(relatedNeighbours(run(seed, 90))).toEqual([]);
    },
  );

  test("GIVEN two guilds THEN their orders differ", () => {
    const numbers = (seed: string): number[] => run(seed, 30).map(({ number }) => number);
    expect(numbers("111111111111111111")).not.toEqual(numbers("222222222222222222"));
  });

  test("GIVEN the same guild and state THEN the same pick (deterministic)", () => {
    const state = { bank: BANK, posted: [3, 7], previous: 7, cycle: 4, seed: "guild-9" };
    expect(nextQuestion(state)).toEqual(nextQuestion({ ...state, posted: [3, 7] }));
  });

  test("GIVEN the cycle's last question THEN the state says so, and the next call starts cycle+1", () => {
    const history = run("guild-7", 31);
    expect(history[29]).toMatchObject({
      cycle: 1,
      posted: history.slice(0, 30).map((d) => d.number),
    });
    expect(history[30]).toMatchObject({ cycle: 2, posted: [history[30]?.number] });
  });
});

describe("nextQuestion when a greedy pick would corner itself", () => {
  // With 1, 5 and 8 left, taking 1 first forces 5 and 8 onto consecutive days.
  const posted = range(1, 30).filter((n) => ![1, 5, 8].includes(n) && n !== 2);
  const seeds = Array.from({ length: 40 }, (_, i) => `guild-${i}`);

  test("GIVEN seeds whose order puts 1 before 5 and 8 THEN the test covers the trap", () => {
    const trapped = seeds.filter((seed) => {
      const order = shuffle(range(1, 30), `${seed}:1`).filter((n) => [1, 5, 8].includes(n));
      return order[0] === 1;
    });
    expect(trapped.length).toBeGreaterThan(0);
  });

  test.each(seeds)(
    "GIVEN 1, 5, 8 left after 2 for %s THEN the three go out with no related pair",
    (seed) => {
      const picks: number[] = [];
      let state = { bank: BANK, posted: [...posted, 2], previous: 2, cycle: 1, seed };
      for (let i = 0; i < 3; i++) {
        const step = nextQuestion(state);
        if (step === null) throw new Error("empty");
        picks.push(step.number);
        state = { ...state, posted: step.posted, previous: step.number };
      }
      expect([...picks].sort((a, b) => a - b)).toEqual([1, 5, 8]);
      expect(picks[1]).toBe(1);
    },
  );

  test.each(seeds)(
    "GIVEN the new cycle's shuffle starts with a relative of yesterday's (%s) THEN another comes first",
    (seed) => {
      const first = shuffle(range(1, 30), `${seed}:2`)[0] ?? NaN;
      const previous = range(1, 30).find((n) => n !== first && related(n, first)) ?? first;
      const step = nextQuestion({ bank: BANK, posted: range(1, 30), previous, cycle: 1, seed });
      expect(step?.cycle).toBe(2);
      expect(related(previous, step?.number ?? previous)).toBe(false);
    },
  );
});

describe("nextQuestion when the bank changes mid-cycle", () => {
  const removed = [3, 5, 9, 17, 26];
  const changedGroups = [...GROUPS, [31, 2], [32, 33]];
  const added = bankOf(range(31, 35), changedGroups);
  const changedBank = [...BANK.filter((q) => !removed.includes(q.number)), ...added];
  const seeds = Array.from({ length: 30 }, (_, i) => `guild-${i}`);

  test.each(seeds)(
    "GIVEN %s: 10 days, then 5 removed and 5 added THEN no repeats, no crash",
    (seed) => {
      const history = run(seed, 70, (day) => (day < 10 ? BANK : changedBank));
      const firstCycle = history.filter(({ cycle }) => cycle === 1).map(({ number }) => number);
      expect(new Set(firstCycle).size).toBe(firstCycle.length);
      // Every current question still goes out this cycle; removed ones only if posted before removal.
      const stillInBank = changedBank.map(({ number }) => number);
      expect(stillInBank.every((n) => firstCycle.includes(n))).toBe(true);
      expect(history.slice(10).some(({ number }) => removed.includes(number))).toBe(false);
      const secondCycle = history.filter(({ cycle }) => cycle === 2).map(({ number }) => number);
      expect([...secondCycle].sort((a, b) => a - b)).toEqual(
        [...stillInBank].sort((a, b) => a - b),
      );
      expect(relatedNeighbours(history, changedGroups)).toEqual([]);
    },
  );

  test("GIVEN a posted question removed and re-added in the same cycle THEN it is not repeated", () => {
    const firstPosted = run("guild-3", 1)[0]?.number;
    const withoutFirst = BANK.filter((q) => q.number !== firstPosted);
    const history = run("guild-3", 30, (day) => (day >= 5 && day < 8 ? withoutFirst : BANK));
    expect(new Set(history.map(({ number }) => number)).size).toBe(30);
  });

  test("GIVEN posted numbers that no longer exist THEN they are ignored", () => {
    const step = nextQuestion({ bank: bankOf([1, 2, 3]), posted: [99, 1, 2], cycle: 1, seed: "g" });
    expect(step).toEqual({ number: 3, cycle: 1, posted: [99, 1, 2, 3] });
  });
});

describe("nextQuestion with tiny banks", () => {
  test("GIVEN an empty bank THEN null", () => {
    expect(nextQuestion({ bank: [], posted: [], cycle: 1, seed: "g" })).toBeNull();
  });

  test("GIVEN a bank of 1 THEN that question every day, one cycle per day", () => {
    const history = run("g", 3, () => bankOf([7]));
    expect(history.map(({ number, cycle, posted }) => ({ number, cycle, posted }))).toEqual([
      { number: 7, cycle: 1, posted: [7] },
      { number: 7, cycle: 2, posted: [7] },
      { number: 7, cycle: 3, posted: [7] },
    ]);
  });

  test("GIVEN two related questions only THEN both still go out once per cycle, never twice in a row", () => {
    const history = run("g", 6, () => bankOf([1, 2], [[1, 2]]));
    expect([...byCycle(history).values()].map((numbers) => [...numbers].sort())).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(history.slice(1).every((today, i) => today.number !== history[i]?.number)).toBe(true);
  });

  test("GIVEN a bank that cannot avoid related pairs THEN a full cycle still completes quickly", () => {
    const clique = range(1, 10);
    const bank = bankOf(range(1, 12), [clique]);
    const started = performance.now();
    const cycles = byCycle(run("g", 24, () => bank));
    expect([...cycles.values()].map((numbers) => [...numbers].sort((a, b) => a - b))).toEqual([
      range(1, 12),
      range(1, 12),
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
