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

/** Why a time, time zone or set of days was refused, with what the message needs to say so. */
export type TimeInputError =
  { code: "time-empty" } | { code: "time-format" | "time-hour" | "time-minute"; value: string };
export type TimeZoneInputError =
  | { code: "zone-empty" }
  | { code: "zone-offset" | "zone-unknown" | "zone-abbreviation"; value: string }
  | { code: "zone-partial"; value: string; suggestion: string };
export type DaysInputError =
  { code: "days-empty" } | { code: "day-number" | "day-name"; value: string };
export type ScheduleInputError = TimeInputError | TimeZoneInputError | DaysInputError;

const TIME = /^(\d{1,2}):(\d{2})$/;

export function parseTime(text: string): Result<TimeOfDay, TimeInputError> {
  const value = text.trim();
  if (value === "") return fail({ code: "time-empty" });
  const parts = TIME.exec(value);
  if (!parts) return fail({ code: "time-format", value });
  const hour = Number(parts[1]);
  const minute = Number(parts[2]);
  if (hour > 23) return fail({ code: "time-hour", value });
  if (minute > 59) return fail({ code: "time-minute", value });
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

export function parseDays(text: string): Result<PostingDays, DaysInputError> {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (normalized === "") return fail({ code: "days-empty" });
  const preset = PRESETS.get(normalized);
  if (preset) return { ok: true, value: preset };
  const chosen = new Set<IsoWeekday>();
  for (const word of normalized.split(/[\s,;]+/).filter((part) => part !== "")) {
    const day = weekdayOf(word);
    if (typeof day === "object") return fail(day);
    chosen.add(day);
  }
  return { ok: true, value: [...chosen].sort((a, b) => a - b) };
}

/** The weekday a word names, or why it names none. */
function weekdayOf(word: string): IsoWeekday | DaysInputError {
  if (/^\d+$/.test(word)) {
    const day = Number(word);
    return isIsoWeekday(day) ? day : { code: "day-number", value: word };
  }
  return DAY_NAMES.get(word) ?? { code: "day-name", value: word };
}

export function isIsoWeekday(value: number): value is IsoWeekday {
  return Number.isInteger(value) && value >= 1 && value <= 7;
}

function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
