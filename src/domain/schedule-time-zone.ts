import { DateTime } from "luxon";
import type { Result, TimeZoneInputError } from "./schedule-input.js";

export interface TimeZoneChoice {
  /** The canonical IANA name to store, e.g. "Asia/Shanghai". */
  readonly timeZone: string;
  /** For menus: "Asia/Shanghai (UTC+08:00)", the offset at the instant asked about. */
  readonly label: string;
}

// "+05:00", "UTC+5", "GMT-3", "UTC −05:00": a fixed offset would silently drift by an hour at DST.
const OFFSET = /^(?:utc|gmt|z)?\s*[+\-−±]\s*\d/i;

/**
 * Accepts IANA region/city names (any letter case) plus "UTC" and "Etc/UTC", and returns the
 * canonical spelling (an old link such as "US/Eastern" becomes "America/New_York", "Asia/Calcutta"
 * becomes "Asia/Kolkata"). Abbreviations and offsets are refused: "CST" is China, Cuba or US
 * Central, and "Etc/GMT+5" is UTC−5, which nobody expects.
 */
export function parseTimeZone(text: string): Result<string, TimeZoneInputError> {
  const value = text.trim();
  if (value === "") return fail({ code: "zone-empty" });
  if (/^(?:etc\/)?utc$/i.test(value)) return { ok: true, value: "UTC" };
  if (OFFSET.test(value) || /^etc\//i.test(value)) return fail({ code: "zone-offset", value });
  const canonical = value.includes("/") ? canonicalZone(value) : null;
  if (canonical) return { ok: true, value: canonical };
  if (value.includes("/")) return fail({ code: "zone-unknown", value });
  const suggestion = suggestionFor(value);
  if (suggestion) return fail({ code: "zone-partial", value, suggestion });
  return fail({ code: "zone-abbreviation", value });
}

/** Autocomplete: city-name prefix matches first, then other prefixes, then any substring. */
export function searchTimeZones(query: string, at: number | Date, limit = 25): TimeZoneChoice[] {
  const needle = normalize(query);
  return allTimeZones()
    .map((timeZone) => ({ timeZone, rank: rankOf(timeZone, needle) }))
    .filter(({ rank }) => rank !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || compareNames(a.timeZone, b.timeZone))
    .slice(0, Math.max(0, limit))
    .map(({ timeZone }) => ({ timeZone, label: labelOf(timeZone, at) }));
}

function rankOf(timeZone: string, needle: string): number | null {
  const name = timeZone.toLowerCase();
  const segments = name.split("/");
  if (segments.at(-1)?.startsWith(needle)) return 0;
  if (name.startsWith(needle) || segments.some((segment) => segment.startsWith(needle))) return 1;
  return name.includes(needle) ? 2 : null;
}

function labelOf(timeZone: string, at: number | Date): string {
  const ms = typeof at === "number" ? at : at.getTime();
  return `${timeZone} (UTC${DateTime.fromMillis(ms, { zone: timeZone }).toFormat("ZZ")})`;
}

/*
 * ICU (Node 20) still reports some zones by names IANA has since renamed, e.g. "Asia/Calcutta"
 * for "Asia/Kolkata". Members search for and expect the current name, and Intl accepts both, so we
 * store and offer the current one. Only true renames are listed: links that merely share rules
 * with another zone (Europe/Bratislava -> Europe/Prague) keep their own name.
 */
const CURRENT_NAMES: ReadonlyMap<string, string> = new Map([
  ["Africa/Asmera", "Africa/Asmara"],
  ["America/Buenos_Aires", "America/Argentina/Buenos_Aires"],
  ["America/Catamarca", "America/Argentina/Catamarca"],
  ["America/Coral_Harbour", "America/Atikokan"],
  ["America/Cordoba", "America/Argentina/Cordoba"],
  ["America/Godthab", "America/Nuuk"],
  ["America/Indianapolis", "America/Indiana/Indianapolis"],
  ["America/Jujuy", "America/Argentina/Jujuy"],
  ["America/Louisville", "America/Kentucky/Louisville"],
  ["America/Mendoza", "America/Argentina/Mendoza"],
  ["Asia/Calcutta", "Asia/Kolkata"],
  ["Asia/Katmandu", "Asia/Kathmandu"],
  ["Asia/Rangoon", "Asia/Yangon"],
  ["Asia/Saigon", "Asia/Ho_Chi_Minh"],
  ["Atlantic/Faeroe", "Atlantic/Faroe"],
  ["Europe/Kiev", "Europe/Kyiv"],
  ["Pacific/Enderbury", "Pacific/Kanton"],
  ["Pacific/Ponape", "Pacific/Pohnpei"],
  ["Pacific/Truk", "Pacific/Chuuk"],
]);

function currentName(timeZone: string): string {
  return CURRENT_NAMES.get(timeZone) ?? timeZone;
}

let zones: readonly string[] | undefined;

function allTimeZones(): readonly string[] {
  // Node's list omits "UTC" itself, the one zone-less choice we do want to offer.
  zones ??= [...new Set([...Intl.supportedValuesOf("timeZone").map(currentName), "UTC"])].sort(
    compareNames,
  );
  return zones;
}

function canonicalZone(name: string): string | null {
  try {
    return currentName(
      new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone,
    );
  } catch {
    return null;
  }
}

/** A zone whose city part is exactly what was typed: "new york" -> "America/New_York". */
function suggestionFor(text: string): string | undefined {
  const needle = normalize(text);
  return allTimeZones().find((zone) => zone.toLowerCase().split("/").at(-1) === needle);
}

function normalize(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, "_");
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fail(error: TimeZoneInputError): { ok: false; error: TimeZoneInputError } {
  return { ok: false, error };
}
