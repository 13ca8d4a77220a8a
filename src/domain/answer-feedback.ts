import type { KeyPoint } from "../bank/schema.js";
import { readClaims } from "./answer-claims.js";
import { analyse } from "./answer-text.js";
import type { Unit } from "./answer-text.js";

export type { KeyPoint };

export type Grade = "again" | "hard" | "good" | "easy";

/** `missed` is every point not covered; `refuted` are the missed ones the answer contradicted. */
export type AnswerFeedback = {
  covered: string[];
  missed: string[];
  refuted: string[];
  grade: Grade;
};

export const GRADES: readonly Grade[] = ["again", "hard", "good", "easy"];
const atMost = (grade: Grade, cap: Grade) =>
  GRADES.indexOf(grade) <= GRADES.indexOf(cap) ? grade : cap;

/**
 * A bare list of terms: nothing but terms and glue, or a list (items parted by 、 , and …) whose
 * items are, three in four or more, nothing but terms. A terse sentence ("runs the computation
 * locally, reducing latency and traffic") keeps words of its own in most of its items.
 */
function isBareList(units: readonly Unit[], inTerm: readonly boolean[]): boolean {
  const items = new Map<number, { terms: number; free: number }>();
  for (const [at, unit] of units.entries()) {
    const counts = items.get(unit.item) ?? { terms: 0, free: 0 };
    if (inTerm[at]) counts.terms++;
    else if (!unit.glue && !unit.cue) counts.free++;
    items.set(unit.item, counts);
  }
  const said = [...items.values()].filter((item) => item.terms + item.free > 0);
  const bare = said.filter((item) => item.free === 0).length;
  return bare === said.length || (said.length >= 3 && bare >= 0.75 * said.length);
}

/**
 * Sentence structure: a claim is asserted in a clause, and a clause has function words (articles,
 * prepositions, copulas, auxiliaries, pronouns; 的/了/把/被/会/在/是). A string of terms with none,
 * run together ("distributed nodes cluster speedup") or parted by commas ("elastic resources,
 * cloud, fast training"), asserts nothing: when clauses without one hold three in four or more of
 * the answer's words (at least four words), the answer is a bare list.
 */
function unstructured(units: readonly Unit[]): { bare: number; share: number } {
  const clauses = new Map<number, { words: Set<number>; fn: boolean }>();
  for (const unit of units) {
    const clause = clauses.get(unit.clause) ?? { words: new Set<number>(), fn: false };
    if (unit.fn) clause.fn = true;
    else if (!unit.glue) clause.words.add(unit.word);
    clauses.set(unit.clause, clause);
  }
  const all = [...clauses.values()];
  const words = all.reduce((sum, clause) => sum + clause.words.size, 0);
  const bare = all.filter((c) => !c.fn).reduce((sum, clause) => sum + clause.words.size, 0);
  return { bare, share: words === 0 ? 0 : bare / words };
}

/**
 * A question whose reference is itself a list of items ("accuracy, recall, F1, AUC"): four in
 * five or more of its key points are one group of terms each, an item rather than a claim with a
 * predicate. A bare list is a fair answer to it.
 */
const asksForList = (keyPoints: readonly KeyPoint[]) =>
  keyPoints.length > 0 &&
  keyPoints.filter((point) => point.terms.length === 1).length >= 0.8 * keyPoints.length;

function gradeFor(covered: number, total: number): Grade {
  if (covered === 0 || total === 0) return "again";
  if (covered === total) return "easy";
  return covered / total >= 0.6 ? "good" : "hard";
}

/** Offline and deterministic: which key points an answer covers, and the grade it suggests. */
export function gradeAnswer(text: string, keyPoints: readonly KeyPoint[]): AnswerFeedback {
  const units = analyse(text);
  const { readings, inTerm } = readClaims(units, keyPoints);
  const covered = readings.filter((r) => r.made && !r.denied).map((r) => r.id);
  const refuted = readings.filter((r) => r.denied).map((r) => r.id);
  const missed = readings.filter((r) => !covered.includes(r.id)).map((r) => r.id);

  let grade = gradeFor(covered.length, keyPoints.length);
  if (refuted.length > 0)
    grade = atMost(grade, refuted.length >= covered.length ? "again" : "hard");
  if (!asksForList(keyPoints)) {
    // Terms alone, or words without a sentence's structure; a terse sentence made of the bank's
    // terms ("A GPU speeds up training and cuts the cost") keeps its function words.
    const { bare, share } = unstructured(units);
    if ((isBareList(units, inTerm) && share >= 0.5) || (bare >= 4 && share >= 0.75))
      grade = atMost(grade, "hard");
  }
  return { covered, missed, refuted, grade };
}
