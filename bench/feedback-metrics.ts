/** Agreement between labelled and suggested grades and key points; pure, tested in tests/bench. */

export type Scale = 0 | 1 | 2;

/** Quadratic-weighted Cohen's κ on a 0..(levels-1) scale: 1 is full agreement, 0 chance. */
export function quadraticKappa(labels: readonly number[], given: readonly number[], levels = 3) {
  if (labels.length !== given.length || labels.length === 0)
    throw new Error("kappa needs two non-empty lists of the same length");
  const n = labels.length;
  const observed = Array.from({ length: levels }, () => new Array<number>(levels).fill(0));
  const rowTotals = new Array<number>(levels).fill(0);
  const columnTotals = new Array<number>(levels).fill(0);
  labels.forEach((label, at) => {
    const other = given[at] ?? 0;
    observed[label]![other]!++;
    rowTotals[label]!++;
    columnTotals[other]!++;
  });
  let disagreement = 0;
  let chance = 0;
  for (let i = 0; i < levels; i++)
    for (let j = 0; j < levels; j++) {
      const weight = (i - j) ** 2 / (levels - 1) ** 2;
      disagreement += (weight * observed[i]![j]!) / n;
      chance += (weight * rowTotals[i]! * columnTotals[j]!) / (n * n);
    }
  return chance === 0 ? 1 : 1 - disagreement / chance;
}

/** Micro-averaged over every (answer, key point) pair. */
export function pointAgreement(pairs: readonly { labelled: string[]; found: string[] }[]) {
  let truePositives = 0;
  let found = 0;
  let labelled = 0;
  for (const pair of pairs) {
    truePositives += pair.found.filter((id) => pair.labelled.includes(id)).length;
    found += pair.found.length;
    labelled += pair.labelled.length;
  }
  return {
    precision: found === 0 ? 1 : truePositives / found,
    recall: labelled === 0 ? 1 : truePositives / labelled,
  };
}

/** p-th quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}
