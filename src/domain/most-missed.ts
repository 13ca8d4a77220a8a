import type { KeyPoint } from "../bank/schema.js";

export type MostMissed = { point: KeyPoint; missed: number; graded: number };

/**
 * The key point the most graded answers missed (the first in the bank's order on a tie), from
 * each answer's covered ids; null when nothing was graded or every answer covered every point.
 */
export function mostMissedPoint(
  keyPoints: readonly KeyPoint[],
  coveredLists: readonly (readonly string[])[],
): MostMissed | null {
  let best: MostMissed | null = null;
  for (const point of keyPoints) {
    const missed = coveredLists.filter((covered) => !covered.includes(point.id)).length;
    if (missed > 0 && missed > (best?.missed ?? 0)) {
      best = { point, missed, graded: coveredLists.length };
    }
  }
  return best;
}
