import { analyse, findTerm, isNegativeTerm, termKeys } from "./answer-text.js";
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
// How far back a negated predicate reaches over its subject ("… the model is never part of it").
const SUBJECT = 6;

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

// Runs of units that are one word of the answer ("无法避免" is two words, two turns).
function wordRuns(units: readonly Unit[], keep: (unit: Unit, at: number) => boolean): Span[] {
  const spans: Span[] = [];
  for (const [at, unit] of units.entries()) {
    if (!keep(unit, at)) continue;
    const last = spans.at(-1);
    if (last && last.end === at && units[last.start]?.word === unit.word) last.end++;
    else spans.push({ start: at, end: at + 1, clause: unit.clause });
  }
  return spans;
}

/*
 * Direction: a claim that something gets faster, better, higher or lower is refuted by the
 * opposite direction bound to its terms ("拖慢训练", "性能变差", "成本提高", "training slows
 * down", "latency goes higher"). Words are valued on one scale, better (+1) or worse (−1):
 * speeding up and improving are better, slowing and degrading worse; up and down take the value
 * of their quantity, so up is better for speed or accuracy and worse for a cost, a latency, an
 * error or a risk (a bad quantity within a few units of the word).
 */
const lexicon = (words: string) => words.split(",").map((word) => word.trim());
const BETTER = lexicon(
  "加速,加快,提速,更快,改善,增强,变快,accelerate,accelerates,speed up,speeds up,faster,improve,improves,improved,better,enhance,enhances,strengthen,strengthens",
);
const WORSE = lexicon(
  "拖慢,减慢,变慢,更慢,放慢,变差,更差,恶化,削弱,劣化,slower,slow down,slows down,slows,degrade,degrades,worse,worsen,worsens,weaken,weakens,hurt,hurts,harm,harms",
);
const UP = lexicon(
  "提高,提升,增加,增大,上升,升高,变大,更多,更高,increase,increases,raise,raises,higher,more,grow,grows,rise,rises",
);
const DOWN = lexicon(
  "降低,减少,减小,下降,减轻,变小,变少,更少,更低,lower,lowers,reduce,reduces,decrease,decreases,less,fewer,cut,cuts,drop,drops",
);
const BAD = lexicon(
  "成本,费用,开销,延迟,时延,误差,错误,风险,负载,负担,压力,耗时,时间,功耗,能耗,过拟合,耦合,复杂,难度,损失,故障,cost,costs,expense,overhead,latency,delay,error,errors,risk,load,burden,time,overfitting,coupling,complexity,loss,failure,failures",
);
const GOOD = lexicon(
  "性能,速度,效率,精度,准确率,准确性,吞吐,利用率,质量,稳定性,可靠性,泛化,performance,speed,efficiency,accuracy,throughput,utilization,utilisation,quality,stability,reliability,generalization",
);
// The quantity this near an up or down word is what goes up or down; with neither a good nor a
// bad quantity in reach, up or down says nothing about better or worse.
const QUANTITY = 3;

type Direction = { value: 0 | 1 | -1; raw: 0 | 1 | -1; span: Span };
// A lexicon indexed by its words' first unit: one pass over the answer finds them all.
const indexes = new WeakMap<readonly string[], Map<string, string[][]>>();
function find(units: readonly Unit[], words: readonly string[]): Span[] {
  let index = indexes.get(words);
  if (!index) {
    index = new Map();
    for (const keys of words.map(termKeys))
      if (keys[0] !== undefined) index.set(keys[0], [...(index.get(keys[0]) ?? []), keys]);
    indexes.set(words, index);
  }
  const spans: Span[] = [];
  for (const [start, unit] of units.entries())
    for (const keys of index.get(unit.key) ?? [])
      if (
        keys.every(
          (key, k) => units[start + k]?.key === key && units[start + k]?.clause === unit.clause,
        )
      )
        spans.push({ start, end: start + keys.length, clause: unit.clause });
  return spans;
}

/** Every direction word of the answer, with its value (better +1, worse −1). */
function directions(units: readonly Unit[]): Direction[] {
  const [bad, good] = [find(units, BAD), find(units, GOOD)];
  const near = (quantities: readonly Span[], span: Span) =>
    quantities.some((quantity) => distance(quantity, span) <= QUANTITY);
  const ofQuantity = (span: Span) => (near(bad, span) ? -1 : near(good, span) ? 1 : 0);
  const found: Direction[] = [
    ...find(units, BETTER).map((span) => ({ value: 1 as const, raw: 0 as const, span })),
    ...find(units, WORSE).map((span) => ({ value: -1 as const, raw: 0 as const, span })),
  ];
  for (const span of find(units, UP)) found.push({ value: ofQuantity(span), raw: 1, span });
  for (const span of find(units, DOWN))
    found.push({ value: -ofQuantity(span) as 0 | 1 | -1, raw: -1, span });
  return found;
}

type ClaimDirection = { axis: 0 | 1 | -1; better: boolean };
const claimDirections = new WeakMap<Claim, ClaimDirection>();

/**
 * The direction a claim asserts, read from its own terms: better when it speeds up or improves;
 * up or down when it raises or lowers a quantity ("lowers computing costs"). Up and down are
 * compared as such, on the claim's own quantity: "成本提高" refutes "lowers costs", "参数变少"
 * does not refute "fewer parameters, less complexity".
 */
function claimDirection(claim: Claim): ClaimDirection {
  let direction = claimDirections.get(claim);
  if (direction) return direction;
  const units = claim.terms.flat().flatMap((term) => [...analyse(term), SEPARATOR]);
  const has = (words: readonly string[]) => find(units, words).length > 0;
  const [up, down] = [has(UP), has(DOWN)];
  direction = { axis: up === down ? 0 : up ? 1 : -1, better: has(BETTER) };
  claimDirections.set(claim, direction);
  return direction;
}
// Terms read one after another, each in a clause of its own.
const SEPARATOR: Unit = {
  key: "",
  word: -1,
  clause: -1,
  item: -1,
  cue: false,
  wide: false,
  averts: false,
  glue: true,
  condition: false,
  fn: false,
};

/** The answer's direction words that state the contrary of the claim's direction. */
function contrary(claim: Claim, found: readonly Direction[]): Span[] {
  const { axis, better } = claimDirection(claim);
  return found
    .filter((word) =>
      axis !== 0 && word.raw !== 0 ? word.raw === -axis : better && word.value === -1,
    )
    .map((word) => word.span);
}

type Located = {
  claim: Claim;
  groups: Span[][];
  negative: boolean[];
  opposites: Span[];
  contrary: Span[];
};

function locate(claim: Claim, units: readonly Unit[], found: readonly Direction[]): Located {
  return {
    claim,
    groups: claim.terms.map((group) => group.flatMap((term) => findTerm(units, term))),
    negative: claim.terms.map((group) => group.some(isNegativeTerm)),
    opposites: (claim.opposites ?? []).flatMap((term) => findTerm(units, term)),
    contrary: contrary(claim, found),
  };
}

/*
 * A claim that is itself negative ("avoid discrimination", "data is not shared") is about a thing
 * that must not happen. Whether the answer says so is the parity of the turns chained to the
 * thing: negations and averting verbs (not, no, nothing, stop, prevent, 不会, 无法, 避免, 阻止 …)
 * and the claim's own negative terms ("reduce", "free of", "不带"). One turn averts the thing:
 * "prevents discrimination", "避免了歧视", "不会产生歧视", "carries no bias", "bias is avoided".
 * Two cancel, and the answer says the thing happens: "cannot stop discrimination", "无法避免歧视",
 * "does nothing to prevent bias", "bias cannot be avoided". No turn only names the thing.
 */
// The first turn reaches the thing as a negation does; each further turn governs the next one
// closely ("无法彻底避免", "does nothing to prevent").
const LINK = 3;
// After the thing, turns come through a copula, a modal or 被 only: "bias is avoided",
// "bias cannot be avoided", "歧视被消除", "歧视也无法避免".
const AFTER = 2;
const FILLERS = new Set([
  ...termKeys("is are was were be been being can could will would may might must should get got"),
  ..."是被也都就还可能会得到了",
]);

function turnsChained(
  thing: Span,
  turns: readonly Span[],
  units: readonly Unit[],
): { count: number; used: Span[] } {
  const used: Span[] = [];
  let cursor = thing.start;
  for (let gap = AHEAD; ; gap = LINK) {
    const at = cursor;
    const next = turns
      .filter((turn) => turn.clause === thing.clause && turn.end <= at && at - turn.end <= gap)
      .sort((a, b) => b.end - a.end)[0];
    if (!next) break;
    used.push(next);
    cursor = next.start;
  }
  cursor = thing.end;
  for (;;) {
    const at = cursor;
    const next = turns
      .filter(
        (turn) => turn.clause === thing.clause && turn.start >= at && turn.start - at <= AFTER,
      )
      .sort((a, b) => a.start - b.start)[0];
    if (!next || !units.slice(at, next.start).every((unit) => FILLERS.has(unit.key))) break;
    used.push(next);
    cursor = next.end;
  }
  return { count: used.length, used };
}

type Polarity = { averted: boolean; happens: boolean; used: Span[] };

/** How a negative claim's thing fares in the answer (nothing for a claim that is not negative). */
function polarity(at: Located, units: readonly Unit[], inTerm: readonly boolean[]): Polarity {
  const none: Polarity = { averted: false, happens: false, used: [] };
  if (!at.negative.includes(true)) return none;
  const own = at.groups.filter((_, g) => at.negative[g]).flat();
  const words = wordRuns(units, (unit, i) => (unit.cue || unit.averts) && !inTerm[i]);
  const turns = [...own, ...words.filter((word) => !own.some((span) => overlaps(span, word)))];
  const things = at.groups.filter((_, g) => !at.negative[g]).flat();
  return things.reduce((seen, thing) => {
    const { count, used } = turnsChained(thing, turns, units);
    return {
      averted: seen.averted || count % 2 === 1,
      happens: seen.happens || (count > 0 && count % 2 === 0),
      used: [...seen.used, ...used],
    };
  }, none);
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
  const found = directions(units);
  const located = claims.map((claim) => locate(claim, units, found));
  const terms = located.flatMap((at) => at.groups.flat());
  const allOpposites = located.flatMap((at) => [...at.opposites, ...at.contrary]);
  const turners = runs(units, (unit) => unit.cue || unit.averts);
  // A negation inside a bank term ("不共享数据", "do not share") is part of the claim.
  const inTerm = coverage(units.length, terms);
  const cues = runs(units, (unit, at) => unit.cue && !inTerm[at]);
  // "If A is not so, B is not so" says B needs A: neither negation denies (a condition that is
  // not negated, "if you prune, accuracy does not drop", leaves its consequence's negation be).
  const negatedConditions = new Set(
    units
      .filter((unit) => unit.condition)
      .map((unit) => unit.clause)
      .filter((clause) => cues.some((cue) => cue.clause === clause)),
  );
  const conditional = (cue: Span) =>
    negatedConditions.has(cue.clause) || negatedConditions.has(cue.clause - 1);
  const polarities = located.map((at) => polarity(at, units, inTerm));
  // A negation chained to a negative claim's thing is read there, not as a denial of the rest.
  const chained = polarities.flatMap((p) => p.used);
  const denying = cues.filter(
    (cue) =>
      !allOpposites.some((opposite) => turns(cue, opposite)) &&
      !chained.some((turn) => overlaps(turn, cue)) &&
      !conditional(cue),
  );
  const isWide = (cue: Span) => units.slice(cue.start, cue.end).some((unit) => unit.wide);
  // A narrow Chinese negation before 的 describes the noun after it, it does not deny it:
  // "剪掉不重要的权重" (unimportant weights), "没有偏见的决策". "不是 … 的方法" denies it all.
  const aheadOf = (cue: Span) => {
    if (isWide(cue)) return Infinity;
    const attributive = units.findIndex(
      (unit, at) => at >= cue.end && unit.clause === cue.clause && unit.key === "的",
    );
    return attributive < 0 ? AHEAD : Math.min(AHEAD, attributive - cue.end);
  };
  // "Optimizing or packaging the model is never part of it": back over the subject, up to the
  // clause's start or an "and" that may open a clause of its own.
  const deniesSubject = (cue: Span, term: Span) =>
    term.clause === cue.clause &&
    term.end <= cue.start &&
    cue.start - term.end <= SUBJECT &&
    units[cue.start]?.subject === true &&
    !units.slice(term.end, cue.start).some((unit) => unit.key === "and");
  const readings = located.map((at, c) => {
    const { averted, happens } = polarities[c] ?? { averted: false, happens: false };
    const made = at.groups.every((group, g) => group.length > 0 || (at.negative[g] && averted));
    const negated = at.groups.some((group) =>
      group.some((term) =>
        denying.some((cue) => reaches(cue, term, aheadOf(cue)) || deniesSubject(cue, term)),
      ),
    );
    // A contrary direction word is bound to a term only when no other direction word is nearer.
    const contradicted =
      at.opposites.some(
        (opposite) =>
          !turners.some((turner) => turns(turner, opposite)) && opposed(at, terms, opposite),
      ) ||
      at.contrary.some(
        (opposite) =>
          !turners.some((turner) => turns(turner, opposite)) &&
          opposed(at, [...terms, ...found.map((word) => word.span)], opposite),
      );
    // A negation needs the whole claim in view; an opposite, or a negative claim's thing said to
    // happen ("cannot stop discrimination"), states the contrary claim by itself.
    return { id: at.claim.id, made, denied: (made && negated) || contradicted || happens };
  });
  return { readings, inTerm };
}
