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
  if (isBareList(units, inTerm)) grade = atMost(grade, "hard");
  return { covered, missed, refuted, grade };
}
