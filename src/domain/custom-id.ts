import { GRADES, type Grade } from "./answer-feedback.js";
import { BOARDS, type Board } from "./board.js";
import { INTERVIEW_MAX, type InterviewRun } from "./interview.js";

/**
 * Buttons and modals carry `<command>:<action>:<arg>` in their custom id. Parsing lives here
 * alone so a renamed action cannot leave a half-updated handler behind.
 */
export type CustomId = { command: string; action: string; arg: string };

const PART = /^[a-z][a-z0-9-]{0,31}$/;
const ARG = /^[\w-]{0,64}$/;
/** "custom_id: Developer-defined identifier for the component; max 100 characters" (Discord). */
const CUSTOM_ID_LIMIT = 100;

export function formatCustomId(id: CustomId): string {
  if (!PART.test(id.command) || !PART.test(id.action) || !ARG.test(id.arg)) {
    throw new Error(`invalid custom id parts: ${JSON.stringify(id)}`);
  }
  const raw = `${id.command}:${id.action}:${id.arg}`;
  if (raw.length > CUSTOM_ID_LIMIT) throw new Error(`custom id over 100 characters: ${raw}`);
  return raw;
}

export function parseCustomId(raw: string): CustomId | null {
  if (raw.length > CUSTOM_ID_LIMIT) return null;
  const [command, action, arg, ...rest] = raw.split(":");
  if (rest.length > 0 || command === undefined || action === undefined || arg === undefined)
    return null;
  if (!PART.test(command) || !PART.test(action) || !ARG.test(arg)) return null;
  return { command, action, arg };
}

/** The numeric argument of a custom id, or null when it is not a positive whole number. */
export function numericArg(id: CustomId): number | null {
  return /^\d{1,9}$/.test(id.arg) && Number(id.arg) > 0 ? Number(id.arg) : null;
}

/** The mock interview's steps: show a question, open its Answer modal, submit the modal. */
export type InterviewAction = "interview-next" | "interview-answer" | "interview-submit";

// A question number (at most 999,999) is 1 to 4 base-36 digits; a step's covered key points
// (at most 6) one digit. Ten questions and ten counts take 60 characters of the arg.
const RUN_ARG = new RegExp(
  `^([0-9a-z]{1,4}(?:_[0-9a-z]{1,4}){0,${INTERVIEW_MAX - 1}})-([0-9a-z]{0,${INTERVIEW_MAX}})$`,
);

/**
 * A mock interview's button or modal, `question:<action>:<questions>-<covered>`: the whole run
 * travels in the id, so any process can take the next step, after a restart too.
 */
export function interviewId(action: InterviewAction, run: InterviewRun): string {
  const questions = run.questions.map((n) => n.toString(36)).join("_");
  const covered = run.covered.map((n) => n.toString(36)).join("");
  return formatCustomId({ command: "question", action, arg: `${questions}-${covered}` });
}

/** The run an interview id carries, or null when its arg is not one (checked against the bank later). */
export function interviewRunOf(id: CustomId): InterviewRun | null {
  const match = RUN_ARG.exec(id.arg);
  if (!match) return null;
  const questions = (match[1] ?? "").split("_").map((digits) => parseInt(digits, 36));
  const covered = [...(match[2] ?? "")].map((digit) => parseInt(digit, 36));
  if (questions.some((n) => n < 1) || covered.length > questions.length) return null;
  return { questions, covered };
}

const PAGE_ARG = /^([a-z]+)-(\d{1,6})$/;

/** The leaderboard's page buttons: `leaderboard:page:<board>-<page index>`. */
export function leaderboardPageId(board: Board, pageIndex: number): string {
  return formatCustomId({ command: "leaderboard", action: "page", arg: `${board}-${pageIndex}` });
}

/** The board and page a leaderboard page button asks for, or null when the arg is not one. */
export function leaderboardPageOf(id: CustomId): { board: Board; pageIndex: number } | null {
  const match = PAGE_ARG.exec(id.arg);
  const board = BOARDS.find((candidate) => candidate === match?.[1]);
  return match && board ? { board, pageIndex: Number(match[2]) } : null;
}

const GRADE_ARG = /^(\d{1,6})-([a-z]+)$/;

/** The feedback's correction buttons: `question:grade:<number>-<grade>`. */
export function gradeButtonId(number: number, grade: Grade): string {
  return formatCustomId({ command: "question", action: "grade", arg: `${number}-${grade}` });
}

/** The question and grade a correction button carries, or null when the arg is not one. */
export function gradeButtonOf(id: CustomId): { number: number; grade: Grade } | null {
  const match = GRADE_ARG.exec(id.arg);
  const grade = GRADES.find((candidate) => candidate === match?.[2]);
  return match && grade && Number(match[1]) > 0 ? { number: Number(match[1]), grade } : null;
}
