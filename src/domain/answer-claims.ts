import { findTerm, isNegativeTerm } from "./answer-text.js";
import type { Span, Unit } from "./answer-text.js";

/*
 * Which claims an answer makes, and which it denies. A key point is made when every one of its
 * term groups occurs; it is denied when a negation reaches one of its terms, or when one of its
 * opposites is the word bound to one of its terms.
 */

/** What the matcher needs of a key point (the bank schema's KeyPoint). */
export type Claim = { id: string; terms: string[][]; opposites?: string[] | undefined };
export type ClaimReading = { id: string; made: boolean; denied: boolean };

// How far a negation or an opposite reaches, in units (a Chinese character or an English word):
// forward over what it governs ("不需要大量标注数据", "does not speed up"), backward over at most
// one unit ("加密是没有必要的", "encryption is not needed").
const AHEAD = 6;
const BEHIND = 1;
// A negation right before an opposite turns it around: "does not increase", "避免增加".
const TURNING = 1;

function reaches(from: Span, to: Span, ahead = AHEAD): boolean {
  if (from.clause !== to.clause) return false;
  if (from.end <= to.start) return to.start - from.end <= ahead;
  if (to.end <= from.start) return from.start - to.end <= BEHIND;
  return false;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const turns = (word: Span, target: Span) =>
  word.clause === target.clause && word.end <= target.start && target.start - word.end <= TURNING;

function distance(a: Span, b: Span): number {
  if (a.clause !== b.clause) return Infinity;
  return a.end <= b.start ? b.start - a.end : Math.max(0, a.start - b.end);
}

/** For each unit, whether it lies inside one of the spans. */
function coverage(length: number, spans: readonly Span[]): boolean[] {
  const covered = new Array<boolean>(length).fill(false);
  for (const span of spans) covered.fill(true, span.start, span.end);
  return covered;
}

// Runs of units that are one word to the reader ("也不会" is three cue units, one negation).
function runs(units: readonly Unit[], keep: (unit: Unit, at: number) => boolean): Span[] {
  const spans: Span[] = [];
  for (const [at, unit] of units.entries()) {
    if (!keep(unit, at)) continue;
    const last = spans.at(-1);
    if (last && last.end === at && last.clause === unit.clause) last.end++;
    else spans.push({ start: at, end: at + 1, clause: unit.clause });
  }
  return spans;
}

type Located = { claim: Claim; groups: Span[][]; negative: boolean[]; opposites: Span[] };

function locate(claim: Claim, units: readonly Unit[]): Located {
  return {
    claim,
    groups: claim.terms.map((group) => group.flatMap((term) => findTerm(units, term))),
    negative: claim.terms.map((group) => group.some(isNegativeTerm)),
    opposites: (claim.opposites ?? []).flatMap((term) => findTerm(units, term)),
  };
}

function nearestReached(cue: Span, terms: readonly Span[]): Span | undefined {
  const reached = terms.filter((term) => reaches(cue, term));
  return reached.sort((a, b) => distance(cue, a) - distance(cue, b))[0];
}

/**
 * A claim that is itself negative ("avoid bias") is made, not denied, by a negation whose nearest
 * term is the thing avoided: "carries no bias", "没有偏见".
 */
function supports(cue: Span, at: Located, terms: readonly Span[]): boolean {
  if (!at.negative.includes(true)) return false;
  const nearest = nearestReached(cue, terms);
  if (!nearest) return false;
  return at.groups.some(
    (group, g) => !at.negative[g] && group.some((span) => overlaps(span, nearest)),
  );
}

/**
 * An opposite ("increases" where the point says "reduces") denies the claim when it is the word
 * bound to a term of the claim: in "reduces latency and increases throughput", "reduces" is
 * nearer "latency" than "increases" is, so the claim stands.
 */
function opposed(at: Located, terms: readonly Span[], opposite: Span): boolean {
  return at.groups.flat().some((term) => {
    if (!reaches(opposite, term) && !reaches(term, opposite)) return false;
    const own = distance(opposite, term);
    return !terms.some(
      (rival) =>
        !overlaps(rival, term) && !overlaps(rival, opposite) && distance(rival, term) < own,
    );
  });
}

export function readClaims(
  units: readonly Unit[],
  claims: readonly Claim[],
): { readings: ClaimReading[]; inTerm: boolean[] } {
  const located = claims.map((claim) => locate(claim, units));
  const terms = located.flatMap((at) => at.groups.flat());
  const allOpposites = located.flatMap((at) => at.opposites);
  const turners = runs(units, (unit) => unit.cue || unit.averts);
  // A negation inside a bank term ("不共享数据", "do not share") is part of the claim.
  const inTerm = coverage(units.length, terms);
  const cues = runs(units, (unit, at) => unit.cue && !inTerm[at]);
  const denying = cues.filter(
    (cue) =>
      !allOpposites.some((opposite) => turns(cue, opposite)) &&
      !located.some((at) => supports(cue, at, terms)),
  );
  const aheadOf = (cue: Span) =>
    units.slice(cue.start, cue.end).some((unit) => unit.wide) ? Infinity : AHEAD;
  const readings = located.map((at) => {
    const supported = cues.some((cue) => supports(cue, at, terms));
    const made = at.groups.every((group, g) => group.length > 0 || (at.negative[g] && supported));
    const negated = at.groups.some((group) =>
      group.some((term) => denying.some((cue) => reaches(cue, term, aheadOf(cue)))),
    );
    const contradicted = at.opposites.some(
      (opposite) =>
        !turners.some((turner) => turns(turner, opposite)) && opposed(at, terms, opposite),
    );
    // A negation needs the whole claim in view; an opposite states the contrary claim by itself.
    return { id: at.claim.id, made, denied: (made && negated) || contradicted };
  });
  return { readings, inTerm };
}
