import { analyse, findTerm } from "./answer-text.js";
import type { Span, Unit } from "./answer-text.js";

/** The bank's key point (KEYPOINTS.md); src/bank/schema.ts will own this type. */
export type KeyPoint = {
  id: string;
  label: { "zh-CN": string; "en-US": string };
  terms: string[][];
  opposites?: string[];
};

export type Grade = "again" | "hard" | "good" | "easy";

/** `missed` is every point not covered; `refuted` are the missed ones the answer contradicted. */
export type AnswerFeedback = {
  covered: string[];
  missed: string[];
  refuted: string[];
  grade: Grade;
};

// How far a negation or an opposite reaches, in units (a Chinese character or an English word):
// forward over what it governs ("不需要大量标注数据", "does not speed up"), backward over at most
// one unit ("加密是没有必要的", "encryption is not needed").
const AHEAD = 6;
const BEHIND = 1;

const GRADES: readonly Grade[] = ["again", "hard", "good", "easy"];
const atMost = (grade: Grade, cap: Grade) =>
  GRADES.indexOf(grade) <= GRADES.indexOf(cap) ? grade : cap;

function reaches(from: Span, to: Span): boolean {
  if (from.clause !== to.clause) return false;
  if (from.end <= to.start) return to.start - from.end <= AHEAD;
  if (to.end <= from.start) return from.start - to.end <= BEHIND;
  return false;
}

const inside = (spans: readonly Span[], at: number) =>
  spans.some((span) => span.start <= at && at < span.end);

function distance(a: Span, b: Span): number {
  if (a.clause !== b.clause) return Infinity;
  return a.end <= b.start ? b.start - a.end : Math.max(0, a.start - b.end);
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * An opposite ("increases" where the point says "reduces") refutes the point when it is the
 * nearest word bound to a term of the point. In "reduces latency and increases throughput",
 * "reduces" is bound to "latency", nearer than "increases" is, so the claim stands.
 */
function opposed(point: readonly Span[], termSpans: readonly Span[], opposite: Span): boolean {
  return point.some((term) => {
    if (!reaches(opposite, term) && !reaches(term, opposite)) return false;
    const own = distance(opposite, term);
    return !termSpans.some(
      (rival) =>
        !overlaps(rival, term) && !overlaps(rival, opposite) && distance(rival, term) < own,
    );
  });
}

type PointReading = { id: string; expressed: boolean; refuted: boolean };

type Answer = { units: readonly Unit[]; cues: readonly Span[]; termSpans: readonly Span[] };

function readPoint(point: KeyPoint, { units, cues, termSpans }: Answer): PointReading {
  const groups = point.terms.map((group) => group.flatMap((term) => findTerm(units, term)));
  const expressed = groups.every((group) => group.length > 0);
  const negated = groups.some((group) =>
    group.some((term) => cues.some((cue) => reaches(cue, term))),
  );
  const opposites = (point.opposites ?? []).flatMap((term) => findTerm(units, term));
  const contradicted = opposites.some((opposite) => opposed(groups.flat(), termSpans, opposite));
  // A negation needs the whole claim in view; an opposite states the contrary claim by itself.
  return { id: point.id, expressed, refuted: (expressed && negated) || contradicted };
}

/**
 * A bare list of terms: nothing but terms and glue, or a list (items parted by 、 , and …) whose
 * items are, three in four or more, nothing but terms. A terse sentence ("runs the computation
 * locally, reducing latency and traffic") keeps words of its own in most of its items.
 */
function isBareList(units: readonly Unit[], termSpans: readonly Span[]): boolean {
  const items = new Map<number, { terms: number; free: number }>();
  for (const [at, unit] of units.entries()) {
    const counts = items.get(unit.item) ?? { terms: 0, free: 0 };
    if (inside(termSpans, at)) counts.terms++;
    else if (!unit.glue && !unit.cue) counts.free++;
    items.set(unit.item, counts);
  }
  const said = [...items.values()].filter((item) => item.terms + item.free > 0);
  const bare = said.filter((item) => item.free === 0).length;
  return bare === said.length || (said.length >= 3 && bare >= 0.75 * said.length);
}

export function gradeAnswer(text: string, keyPoints: readonly KeyPoint[]): AnswerFeedback {
  const units = analyse(text);
  const termSpans = keyPoints.flatMap((point) =>
    point.terms.flat().flatMap((term) => findTerm(units, term)),
  );
  // A negation inside a bank term ("不共享数据", "without sharing") is part of the claim.
  const cues = units.flatMap((unit, at): Span[] =>
    unit.cue && !inside(termSpans, at) ? [{ start: at, end: at + 1, clause: unit.clause }] : [],
  );
  const readings = keyPoints.map((point) => readPoint(point, { units, cues, termSpans }));
  const covered = readings.filter((r) => r.expressed && !r.refuted).map((r) => r.id);
  const refuted = readings.filter((r) => r.refuted).map((r) => r.id);
  const missed = readings.filter((r) => !covered.includes(r.id)).map((r) => r.id);

  let grade = gradeFor(covered.length, keyPoints.length);
  if (refuted.length > 0)
    grade = atMost(grade, refuted.length >= covered.length ? "again" : "hard");
  if (isBareList(units, termSpans)) grade = atMost(grade, "hard");
  return { covered, missed, refuted, grade };
}

function gradeFor(covered: number, total: number): Grade {
  if (covered === 0 || total === 0) return "again";
  if (covered === total) return "easy";
  return covered / total >= 0.6 ? "good" : "hard";
}
