/*
 * Each server walks its own shuffled order of the bank, one question a day, no repeats until every
 * question has been posted; then a new cycle starts with a new shuffle.
 *
 * Related questions must not land on consecutive days. Picking greedily ("first in the order that
 * is not related to yesterday's") can corner itself at the end of a cycle, e.g. with 5 and 8 left
 * after 23. So a question is only picked if the rest of the cycle can still be ordered with no
 * related neighbours (a depth-first search in shuffle order, under a step budget). The first pick
 * of a cycle is checked against the last question of the previous one, so the rule holds across
 * the cycle boundary too.
 *
 * When no such ordering exists (a tiny bank, or questions added mid-cycle that are all related)
 * we keep "every question once per cycle" and accept one related pair, rather than skipping a
 * question or ending the cycle early. Only a one-question bank repeats yesterday's question.
 */

export interface RotationQuestion {
  readonly number: number;
  readonly related: readonly number[];
}

export interface RotationState {
  readonly bank: readonly RotationQuestion[];
  /** Numbers already posted this cycle, in order; numbers no longer in the bank are ignored. */
  readonly posted: readonly number[];
  /** Yesterday's question, possibly from the previous cycle. */
  readonly previous?: number | undefined;
  readonly cycle: number;
  /** Per server, e.g. the guild id; each cycle's order is shuffled with `${seed}:${cycle}`. */
  readonly seed: string;
}

export interface RotationStep {
  readonly number: number;
  readonly cycle: number;
  /** The new `posted` to store: this cycle's posts including `number`. */
  readonly posted: number[];
}

/** Null only for an empty bank: there is nothing to post. */
export function nextQuestion(state: RotationState): RotationStep | null {
  const numbers = [...new Set(state.bank.map((question) => question.number))].sort((a, b) => a - b);
  if (numbers.length === 0) return null;
  const postedSoFar = new Set(state.posted);
  const cycleOver = numbers.every((number) => postedSoFar.has(number));
  const cycle = cycleOver ? state.cycle + 1 : state.cycle;
  const posted = cycleOver ? [] : [...state.posted];
  const remaining = shuffle(numbers, `${state.seed}:${cycle}`).filter(
    (number) => cycleOver || !postedSoFar.has(number),
  );
  const number = pick(remaining, state.previous, relatedTest(state.bank));
  return { number, cycle, posted: [...posted, number] };
}

/** Deterministic Fisher–Yates: the same numbers and seed always give the same order. */
export function shuffle(numbers: readonly number[], seed: string): number[] {
  const random = mulberry32(hashString(seed));
  const result = [...numbers];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as number, result[i] as number];
  }
  return result;
}

type Related = (a: number, b: number) => boolean;

function pick(order: readonly number[], previous: number | undefined, related: Related): number {
  const budget = { steps: Math.max(10_000, 20 * order.length) };
  for (const candidate of order) {
    if (previous !== undefined && related(previous, candidate)) continue;
    if (canFinish(without(order, candidate), candidate, related, budget)) return candidate;
    if (budget.steps <= 0) break;
  }
  // No clean ordering (or the search ran out of budget): avoid a repeat first, a relation second.
  const fallback =
    order.find((n) => previous === undefined || !related(previous, n)) ??
    order.find((n) => n !== previous) ??
    order[0];
  if (fallback === undefined) throw new Error("pick() needs at least one question");
  return fallback;
}

/** Whether `rest` can follow `last` with no two related questions next to each other. */
function canFinish(
  rest: number[],
  last: number,
  related: Related,
  budget: { steps: number },
): boolean {
  if (rest.length === 0) return true;
  if (--budget.steps < 0) return false;
  return rest.some(
    (next) => !related(last, next) && canFinish(without(rest, next), next, related, budget),
  );
}

/** Relations are symmetric whichever side declares them; a question counts as related to itself. */
function relatedTest(bank: readonly RotationQuestion[]): Related {
  const links = new Set<string>();
  for (const { number, related } of bank) {
    for (const other of related) links.add(`${number}:${other}`).add(`${other}:${number}`);
  }
  return (a, b) => a === b || links.has(`${a}:${b}`);
}

function without(numbers: readonly number[], number: number): number[] {
  return numbers.filter((n) => n !== number);
}

/** FNV-1a: a small, stable 32-bit string hash to seed the PRNG. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny seeded PRNG with floats in [0, 1), good enough for shuffling. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
