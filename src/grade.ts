import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { BankError, loadBanks } from "./bank/load-banks.js";
import { findQuestion, type Catalogue } from "./domain/catalogue.js";
import { gradeAnswer, type AnswerFeedback } from "./domain/answer-feedback.js";
import { LANGUAGES, type Language } from "./domain/locale.js";
import { DEFAULT_BANK_DIR } from "./paths.js";

/*
 * The operator's check of a bank's key points: what the matcher makes of an answer, offline.
 * Banks are loaded as the bot loads them: the built-in folder plus BANK_PATH.
 */

const USAGE =
  'usage: npm run grade -- --number <n> [--lang en-US|zh-CN] "answer text"  |  npm run grade -- --jsonl < answers.jsonl';

export type Io = {
  /** Opened only with --jsonl, before the banks load (an open stdin would keep the process up). */
  openLines(): AsyncIterable<string>;
  log(line: string): void;
  error(line: string): void;
};

class UsageError extends Error {}
/** One answer that cannot be graded; the message says what to fix. */
class InputError extends Error {}

type Args = { mode: "one"; number: number; text: string; lang: Language } | { mode: "jsonl" };

function parse(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        number: { type: "string" },
        jsonl: { type: "boolean", default: false },
        lang: { type: "string", default: "en-US" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split(". ")[0] ?? "bad arguments");
  }
  const { values, positionals } = parsed;
  if (values.jsonl) {
    if (values.number !== undefined || positionals.length > 0)
      throw new UsageError("--jsonl reads every answer from stdin: give no --number or text");
    return { mode: "jsonl" };
  }
  if (values.number === undefined) throw new UsageError("--number or --jsonl is missing");
  if (!/^\d+$/.test(values.number)) throw new UsageError("--number must be a question number");
  const lang = values.lang as Language;
  if (!LANGUAGES.includes(lang)) throw new UsageError(`--lang must be ${LANGUAGES.join(" or ")}`);
  const text = positionals.join(" ");
  if (text.trim() === "") throw new UsageError("the answer text is missing after --number");
  return { mode: "one", number: Number(values.number), text, lang };
}

/** The same reading of BANK_PATH as the bot's config: paths separated by commas. */
const bankPathsFrom = (env: NodeJS.ProcessEnv) =>
  (env.BANK_PATH ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

function grade(catalogue: Catalogue, number: unknown, text: unknown) {
  if (typeof number !== "number" || !Number.isInteger(number))
    throw new InputError('"number" must be a whole question number');
  if (typeof text !== "string" || text.trim() === "")
    throw new InputError('"text" must be a non-empty answer');
  const question = findQuestion(catalogue, number);
  if (!question) throw new InputError(`no question ${number} in the loaded banks`);
  const keyPoints = question.keyPoints ?? [];
  if (keyPoints.length === 0)
    throw new InputError(
      `question ${number} (bank ${question.bank}) has no key points, so answers to it are not graded`,
    );
  return { question, feedback: gradeAnswer(text, keyPoints) };
}

function report(catalogue: Catalogue, args: Extract<Args, { mode: "one" }>, out: Io): void {
  const { question, feedback } = grade(catalogue, args.number, args.text);
  const label = (id: string) =>
    question.keyPoints?.find((point) => point.id === id)?.label[args.lang] ?? id;
  out.log(`Question ${question.number} (${question.bank}): ${question[args.lang].question}`);
  out.log(`Suggested grade: ${feedback.grade}`);
  for (const id of feedback.covered) out.log(`  ✓ ${id}: ${label(id)}`);
  for (const id of feedback.missed)
    out.log(`  ✗ ${id}: ${label(id)}${feedback.refuted.includes(id) ? " (contradicted)" : ""}`);
}

const line = (number: number, feedback: AnswerFeedback) =>
  JSON.stringify({
    number,
    grade: feedback.grade,
    covered: feedback.covered,
    missed: feedback.missed,
  });

/** One output line per non-blank input line, in order; returns how many failed. */
async function gradeLines(
  catalogue: Catalogue,
  lines: AsyncIterable<string>,
  io: Io,
): Promise<number> {
  let at = 0;
  let failed = 0;
  for await (const raw of lines) {
    at++;
    if (raw.trim() === "") continue;
    try {
      let input: unknown;
      try {
        input = JSON.parse(raw);
      } catch {
        throw new InputError('not JSON: write one object per line, {"number": 7, "text": "..."}');
      }
      if (typeof input !== "object" || input === null || Array.isArray(input))
        throw new InputError('not an object: write {"number": 7, "text": "..."}');
      const { number, text } = input as { number?: unknown; text?: unknown };
      const { question, feedback } = grade(catalogue, number, text);
      io.log(line(question.number, feedback));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed++;
      io.log(JSON.stringify({ line: at, error: error.message }));
      io.error(`grade: line ${at}: ${error.message}`);
    }
  }
  return failed;
}

/** Returns the exit code: 0 every answer graded, 1 some answer could not be, 2 bad arguments or banks. */
export async function runGrade(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let args;
  let catalogue;
  let lines: AsyncIterable<string> | undefined;
  try {
    args = parse(argv);
    if (args.mode === "jsonl") lines = io.openLines();
    catalogue = await loadBanks([DEFAULT_BANK_DIR, ...bankPathsFrom(env)]);
  } catch (error) {
    if (error instanceof UsageError) io.error(`grade: ${error.message} (${USAGE})`);
    else if (error instanceof BankError) io.error(`grade: ${error.message}`);
    else throw error;
    return 2;
  }
  if (args.mode === "jsonl") {
    const failed = lines ? await gradeLines(catalogue, lines, io) : 0;
    return failed > 0 ? 1 : 0;
  }
  try {
    report(catalogue, args, io);
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.error(`grade: ${error.message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runGrade(process.argv.slice(2), process.env, {
    openLines() {
      // The iterator is taken at once: readline drops the lines it reads before that.
      const iterator = createInterface({ input: process.stdin, crlfDelay: Infinity })[
        Symbol.asyncIterator
      ]();
      return { [Symbol.asyncIterator]: () => iterator };
    },
    log: (text) => process.stdout.write(`${text}\n`),
    error: (text) => process.stderr.write(`${text}\n`),
  });
}
