import { performance } from "node:perf_hooks";

export type Sample = {
  name: string;
  p50: number;
  p95: number;
  runs: number;
  /** The limit on p95, in ms; the table shows whether it holds. */
  targetP95?: number;
};

/** Samples compared with the baseline measured beside them, on the same data. */
export type Group = { baseline: Sample; samples: Sample[] };

/** Runs `work` `runs` times after `warmup` runs and returns latency percentiles in ms. */
export async function measure(
  name: string,
  work: (i: number) => Promise<unknown>,
  runs = 2000,
  warmup = 200,
): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await work(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(warmup + i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { name, p50: at(0.5), p95: at(0.95), runs };
}

export const withTarget = (sample: Sample, targetP95: number): Sample => ({
  ...sample,
  targetP95,
});

/** One row per measurement, each beside the baseline measured in the same run. */
export function printTable(title: string, baseline: Sample, samples: Sample[]): void {
  printGroups(title, [{ baseline, samples }]);
}

/** As printTable, for several baselines (e.g. one per data size) in one table. */
export function printGroups(title: string, groups: Group[]): void {
  const withTargets = groups.some((group) => group.samples.some((s) => s.targetP95 !== undefined));
  const rows = groups.flatMap(({ baseline, samples }) =>
    [baseline, ...samples].map((s) => ({
      benchmark: s.name,
      runs: s.runs,
      "p50 ms": s.p50.toFixed(3),
      "p95 ms": s.p95.toFixed(3),
      "p95 / baseline": s === baseline ? "1.00 (baseline)" : (s.p95 / baseline.p95).toFixed(2),
      ...(withTargets && { target: targetCell(s) }),
    })),
  );
  console.log(`\n${title}`);
  console.table(rows);
}

function targetCell(sample: Sample): string {
  if (sample.targetP95 === undefined) return "";
  return `${sample.p95 <= sample.targetP95 ? "✓" : "✗"} p95 ≤ ${sample.targetP95} ms`;
}

/**
 * Like `measure`, but `prepare` runs before each timed call and is not timed: for a read that
 * must follow a write (a leaderboard right after an answer).
 */
export async function measureAfter(
  name: string,
  prepare: (i: number) => Promise<unknown>,
  work: (i: number) => Promise<unknown>,
  runs: number,
  warmup: number,
): Promise<Sample> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    await prepare(i);
    const start = performance.now();
    await work(i);
    if (i >= warmup) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { name, p50: at(0.5), p95: at(0.95), runs };
}
