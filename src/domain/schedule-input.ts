import type { Result } from "./result.js";

export type { Result };

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The weekdays a server posts on, ascending and without repeats. */
export type PostingDays = readonly IsoWeekday[];

export const EVERY_DAY: PostingDays = [1, 2, 3, 4, 5, 6, 7];
export const WEEKDAYS: PostingDays = [1, 2, 3, 4, 5];
export const WEEKENDS: PostingDays = [6, 7];

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

const TIME = /^(\d{1,2}):(\d{2})$/;
const TIME_EXAMPLE = `"07:30" or "19:05"`;

export function parseTime(text: string): Result<TimeOfDay> {
  const trimmed = text.trim();
  if (trimmed === "") return fail(`Enter a time on the 24-hour clock, such as ${TIME_EXAMPLE}.`);
  const parts = TIME.exec(trimmed);
  if (!parts) {
    return fail(`"${trimmed}" is not a time in 24-hour HH:MM form; write it like ${TIME_EXAMPLE}.`);
  }
  const hour = Number(parts[1]);
  const minute = Number(parts[2]);
  if (hour > 23) return fail(`"${trimmed}": the hour must be 00 to 23, as in ${TIME_EXAMPLE}.`);
  if (minute > 59)
    return fail(`"${trimmed}": the minutes must be 00 to 59, as in ${TIME_EXAMPLE}.`);
  return { ok: true, value: { hour, minute } };
}

/** The stored "HH:MM" form, so "7:30" and "07:30" are saved the same way. */
export function formatTime({ hour, minute }: TimeOfDay): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

const PRESETS: ReadonlyMap<string, PostingDays> = new Map([
  ["every day", EVERY_DAY],
  ["everyday", EVERY_DAY],
  ["daily", EVERY_DAY],
  ["weekdays", WEEKDAYS],
  ["weekends", WEEKENDS],
]);

const DAY_NAMES: ReadonlyMap<string, IsoWeekday> = new Map(
  (
    [
      [1, ["mon", "monday"]],
      [2, ["tue", "tues", "tuesday"]],
      [3, ["wed", "wednesday"]],
      [4, ["thu", "thur", "thurs", "thursday"]],
      [5, ["fri", "friday"]],
      [6, ["sat", "saturday"]],
      [7, ["sun", "sunday"]],
    ] as const
  ).flatMap(([day, names]) => names.map((name) => [name, day] as const)),
);

const DAYS_HELP = `use "every day", "weekdays", "weekends", or a list such as "mon,wed,fri" or "1,3,5" (1 = Monday, 7 = Sunday)`;

export function parseDays(text: string): Result<PostingDays> {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (normalized === "") return fail(`Choose the posting days: ${DAYS_HELP}.`);
  const preset = PRESETS.get(normalized);
  if (preset) return { ok: true, value: preset };
  const chosen = new Set<IsoWeekday>();
  for (const word of normalized.split(/[\s,;]+/).filter((part) => part !== "")) {
    const day = weekdayOf(word);
    if (typeof day === "string") return fail(day);
    chosen.add(day);
  }
  return { ok: true, value: [...chosen].sort((a, b) => a - b) };
}

/** The weekday a word names, or the message explaining why it names none. */
function weekdayOf(word: string): IsoWeekday | string {
  if (/^\d+$/.test(word)) {
    const day = Number(word);
    if (isIsoWeekday(day)) return day;
    return `"${word}" is not a day number: use 1 (Monday) to 7 (Sunday), or ${DAYS_HELP}.`;
  }
  return DAY_NAMES.get(word) ?? `"${word}" is not a day: ${DAYS_HELP}.`;
}

export function isIsoWeekday(value: number): value is IsoWeekday {
  return Number.isInteger(value) && value >= 1 && value <= 7;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
