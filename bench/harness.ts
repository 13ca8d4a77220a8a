import { performance } from "node:perf_hooks";

export type Sample = { name: string; p50: number; p95: number; runs: number };

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

/** One row per measurement, each beside the baseline measured in the same run. */
export function printTable(title: string, baseline: Sample, samples: Sample[]): void {
  const rows = [baseline, ...samples].map((s) => ({
    benchmark: s.name,
    runs: s.runs,
    "p50 ms": s.p50.toFixed(3),
    "p95 ms": s.p95.toFixed(3),
    "p95 / baseline": s === baseline ? "1.00 (baseline)" : (s.p95 / baseline.p95).toFixed(2),
  }));
  console.log(`\n${title}`);
  console.table(rows);
}
