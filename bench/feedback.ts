import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { readBank } from "../src/bank/load-banks.js";
import type { KeyPoint } from "../src/bank/schema.js";
import { gradeAnswer, type Grade } from "../src/domain/answer-feedback.js";
import { DEFAULT_BANK_DIR, projectRoot } from "../src/paths.js";
import { pointAgreement, quadraticKappa, quantile, type Scale } from "./feedback-metrics.js";

/*
 * Issue 11: the matcher against 150 answers labelled by hand before it was run on them
 * (tests/fixtures/answers/ai-infra.jsonl). Prints key-point precision and recall, grade accuracy,
 * quadratic-weighted κ, stuffed answers graded Good or Easy, and the time per answer beside a
 * baseline that only normalises the text.   npm run bench:feedback
 */

type Labelled = {
  number: number;
  lang: "zh-CN" | "en-US";
  kind: "paraphrase" | "partial" | "wrong" | "restated" | "stuffed";
  grade: Scale;
  covered: string[];
  text: string;
};

const TARGET = { kappa: 0.6, stuffedGoodOrEasy: 0, p95Ms: 20 };
const ROUNDS = 20;
const SCALE: Record<Grade, Scale> = { again: 0, hard: 1, good: 2, easy: 2 };

const fixtures = readFileSync(
  join(projectRoot(), "tests", "fixtures", "answers", "ai-infra.jsonl"),
  "utf8",
)
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Labelled);
const bank = await readBank(join(DEFAULT_BANK_DIR, "ai-infra.json"));
const pointsOf = new Map(bank.questions.map((q) => [q.number, q.keyPoints ?? []]));
const cases = fixtures.map((answer) => ({ answer, points: pointsOf.get(answer.number) ?? [] }));

const results = cases.map(({ answer, points }) => ({
  answer,
  feedback: gradeAnswer(answer.text, points),
}));
const mark = (ok: boolean) => (ok ? "✓" : "✗");

function agreement(rows: typeof results) {
  const labels = rows.map((r) => r.answer.grade);
  const given = rows.map((r) => SCALE[r.feedback.grade]);
  const points = pointAgreement(
    rows.map((r) => ({ labelled: r.answer.covered, found: r.feedback.covered })),
  );
  return {
    answers: rows.length,
    "point precision": points.precision.toFixed(3),
    "point recall": points.recall.toFixed(3),
    "grade accuracy": (given.filter((g, at) => g === labels[at]).length / rows.length).toFixed(3),
    // One label value alone (a single kind) leaves κ at 0 or 1 whatever the matcher does.
    "κ (quadratic)": new Set(labels).size > 1 ? quadraticKappa(labels, given).toFixed(3) : "",
  };
}

const all = agreement(results);
const byGroup = (key: "kind" | "lang") =>
  Object.fromEntries(
    [...new Set(results.map((r) => r.answer[key]))].map((value) => [
      value,
      agreement(results.filter((r) => r.answer[key] === value)),
    ]),
  );

console.log("\nFeedback against the labels (again→0, hard→1, good/easy→2)");
console.table({ all, ...byGroup("kind"), ...byGroup("lang") });

console.log("\nConfusion: rows are the labels, columns the matcher's grades");
console.table(
  ([0, 1, 2] as const).map((label) => {
    const rows = results.filter((r) => r.answer.grade === label);
    const count = (grade: Grade) => rows.filter((r) => r.feedback.grade === grade).length;
    return {
      label,
      again: count("again"),
      hard: count("hard"),
      good: count("good"),
      easy: count("easy"),
    };
  }),
);

const stuffedHigh = results.filter(
  (r) => r.answer.kind === "stuffed" && SCALE[r.feedback.grade] === 2,
);
for (const r of stuffedHigh)
  console.log(`stuffed graded ${r.feedback.grade}: #${r.answer.number} ${r.answer.text}`);

function timePerAnswer(work: (text: string, points: readonly KeyPoint[]) => unknown): number[] {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS + 2; round++)
    for (const { answer, points } of cases) {
      const start = performance.now();
      work(answer.text, points);
      if (round >= 2) times.push(performance.now() - start); // two warm-up rounds
    }
  return times;
}
// Baseline: what any grader must do anyway, fold the text to one width and case.
const baseline = timePerAnswer((text) => text.normalize("NFKC").toLowerCase());
const matcher = timePerAnswer((text, points) => gradeAnswer(text, points));
const [b95, m95] = [quantile(baseline, 0.95), quantile(matcher, 0.95)];

console.log("\nTime per answer");
console.table([
  {
    benchmark: "normalise the text (baseline)",
    runs: baseline.length,
    "p50 ms": quantile(baseline, 0.5).toFixed(4),
    "p95 ms": b95.toFixed(4),
    "p95 / baseline": "1.00 (baseline)",
  },
  {
    benchmark: "gradeAnswer",
    runs: matcher.length,
    "p50 ms": quantile(matcher, 0.5).toFixed(4),
    "p95 ms": m95.toFixed(4),
    "p95 / baseline": (m95 / b95).toFixed(1),
  },
]);

const kappa = Number(all["κ (quadratic)"]);
console.log("\nTargets (issue 11)");
console.table([
  { target: `κ ≥ ${TARGET.kappa}`, measured: kappa.toFixed(3), holds: mark(kappa >= TARGET.kappa) },
  {
    target: "stuffed graded Good or Easy: 0",
    measured: `${stuffedHigh.length} of ${results.filter((r) => r.answer.kind === "stuffed").length}`,
    holds: mark(stuffedHigh.length === 0),
  },
  {
    target: `p95 per answer < ${TARGET.p95Ms} ms`,
    measured: `${m95.toFixed(3)} ms`,
    holds: mark(m95 < TARGET.p95Ms),
  },
]);
