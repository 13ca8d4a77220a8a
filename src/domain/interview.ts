/**
 * The mock interview's rules: which questions a run asks, where a run stands, and its scorecard.
 * A run is plain data (the question numbers and the key points covered so far) so it can travel
 * in the custom ids of its buttons and modal (src/domain/custom-id.ts) and survive a restart.
 */

export const INTERVIEW_MIN = 3;
export const INTERVIEW_MAX = 10;
export const INTERVIEW_DEFAULT = 5;

/** The questions of a run in order, and the key points covered in each step answered so far. */
export type InterviewRun = { questions: number[]; covered: number[] };

/** Fisher–Yates with the caller's random (a float in [0, 1), as Math.random). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

/**
 * The questions of a new run, at most `count` of `pool`: the member's cards weakest recall first
 * (`recall` maps a question number to its recall in [0, 1]; equal recalls in random order), then
 * questions the member has no card for, in random order. Deterministic given `random`.
 */
export function chooseInterview(
  pool: readonly number[],
  recall: ReadonlyMap<number, number>,
  count: number,
  random: () => number,
): number[] {
  const order = shuffled([...new Set(pool)], random);
  const seen = order
    .filter((n) => recall.has(n))
    .sort((a, b) => (recall.get(a) ?? 0) - (recall.get(b) ?? 0));
  const unseen = order.filter((n) => !recall.has(n));
  return [...seen, ...unseen].slice(0, Math.max(0, count));
}

/** Where the run stands: the step to answer next (0-based), or null once every step is answered. */
export function nextStep(run: InterviewRun): number | null {
  return run.covered.length < run.questions.length ? run.covered.length : null;
}

/** The question the member answers next, or null when the run is over. */
export function currentQuestion(run: InterviewRun): number | null {
  const step = nextStep(run);
  return step === null ? null : (run.questions[step] ?? null);
}

/** The run after the current step was answered covering `covered` key points. */
export function answered(run: InterviewRun, covered: number): InterviewRun {
  if (nextStep(run) === null) throw new Error("the interview has no step left to answer");
  return { questions: run.questions, covered: [...run.covered, covered] };
}

/** One line of the scorecard; `total` 0 is a question without key points (not graded). */
export type ScoreLine = { number: number; covered: number; total: number };

export type Scorecard = {
  lines: ScoreLine[];
  covered: number;
  total: number;
  /** Questions whose answer missed key points, in the order asked. */
  review: number[];
};

/**
 * The scorecard of the steps answered: key points covered per question, the sums, and what to
 * review. `keyPointCount` gives a question's number of key points (0 when it has none).
 */
export function scorecard(run: InterviewRun, keyPointCount: (number: number) => number): Scorecard {
  const lines = run.covered.map((covered, step) => {
    const number = run.questions[step] ?? 0;
    const total = keyPointCount(number);
    return { number, covered: Math.min(covered, total), total };
  });
  return {
    lines,
    covered: lines.reduce((sum, line) => sum + line.covered, 0),
    total: lines.reduce((sum, line) => sum + line.total, 0),
    review: lines.filter((line) => line.covered < line.total).map((line) => line.number),
  };
}

/**
 * Whether a run read back from a custom id still fits the bank: every question exists, none is
 * asked twice, and no step claims more key points than its question has.
 */
export function runFits(
  run: InterviewRun,
  keyPointCount: (number: number) => number | undefined,
): boolean {
  if (run.questions.length === 0 || run.questions.length > INTERVIEW_MAX) return false;
  if (new Set(run.questions).size !== run.questions.length) return false;
  if (run.covered.length > run.questions.length) return false;
  return run.questions.every((number, step) => {
    const total = keyPointCount(number);
    const covered = run.covered[step];
    return total !== undefined && (covered === undefined || covered <= total);
  });
}
