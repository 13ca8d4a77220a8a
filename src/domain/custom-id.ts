import { GRADES, type Grade } from "./answer-feedback.js";
import { BOARDS, type Board } from "./board.js";

/**
 * Buttons and modals carry `<command>:<action>:<arg>` in their custom id. Parsing lives here
 * alone so a renamed action cannot leave a half-updated handler behind.
 */
export type CustomId = { command: string; action: string; arg: string };

const PART = /^[a-z][a-z0-9-]{0,31}$/;
const ARG = /^[\w-]{0,40}$/;
const CUSTOM_ID_LIMIT = 100;

export function formatCustomId(id: CustomId): string {
  if (!PART.test(id.command) || !PART.test(id.action) || !ARG.test(id.arg)) {
    throw new Error(`invalid custom id parts: ${JSON.stringify(id)}`);
  }
  return `${id.command}:${id.action}:${id.arg}`;
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
