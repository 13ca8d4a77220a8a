import { DateTime, IANAZone } from "luxon";
import { describe, expect, test } from "vitest";
import {
  DEFAULT_GRACE_MS,
  EVERY_DAY,
  WEEKDAYS,
  dayKeyIn,
  duePost,
  formatTime,
  isPostingDay,
  nextPostAt,
  parseDays,
  parseTime,
  parseTimeZone,
  postInstant,
  searchTimeZones,
} from "../../src/domain/schedule.js";
import type { DayKey, ScheduleSettings } from "../../src/domain/schedule.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const utc = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const local = (ms: number, zone: string): string =>
  DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd HH:mm");

describe("parseTime", () => {
  test.each([
    ["7:30", 7, 30],
    ["07:30", 7, 30],
    [" 19:05 ", 19, 5],
    ["00:00", 0, 0],
    ["23:59", 23, 59],
  ])("GIVEN %j THEN %i:%i", (text, hour, minute) => {
    expect(parseTime(text)).toEqual({ ok: true, value: { hour, minute } });
  });

  test.each([
    ["", { code: "time-empty" }],
    ["24:00", { code: "time-hour", value: "24:00" }],
    ["12:60", { code: "time-minute", value: "12:60" }],
    ["7.30", { code: "time-format", value: "7.30" }],
    ["7:30pm", { code: "time-format", value: "7:30pm" }],
    ["730", { code: "time-format", value: "730" }],
    [" 07:5 ", { code: "time-format", value: "07:5" }],
    ["-1:30", { code: "time-format", value: "-1:30" }],
  ])("GIVEN %j THEN refused with the identifier %j, not a sentence", (text, error) => {
    expect(parseTime(text)).toEqual({ ok: false, error });
  });

  test("GIVEN a parsed 7:30 THEN it is stored as 07:30", () => {
    expect(formatTime({ hour: 7, minute: 30 })).toBe("07:30");
  });
});

describe("parseTimeZone", () => {
  test.each([
    ["europe/berlin", "Europe/Berlin"],
    ["Europe/Berlin", "Europe/Berlin"],
    ["ASIA/SHANGHAI", "Asia/Shanghai"],
    [" america/new_york ", "America/New_York"],
    ["Asia/Kathmandu", "Asia/Kathmandu"],
    ["australia/lord_howe", "Australia/Lord_Howe"],
    ["UTC", "UTC"],
    ["utc", "UTC"],
    ["Etc/UTC", "UTC"],
    ["US/Eastern", "America/New_York"],
    ["asia/kolkata", "Asia/Kolkata"],
    ["Asia/Calcutta", "Asia/Kolkata"],
    ["Europe/Kiev", "Europe/Kyiv"],
    ["Europe/Bratislava", "Europe/Bratislava"],
  ])("GIVEN %j THEN %j", (text, zone) => {
    expect(parseTimeZone(text)).toEqual({ ok: true, value: zone });
  });

  test.each([
    ["UTC+5", "zone-offset"],
    ["GMT+8", "zone-offset"],
    ["+05:00", "zone-offset"],
    ["UTC -03:00", "zone-offset"],
    ["Etc/GMT+5", "zone-offset"],
    ["EST", "zone-abbreviation"],
    ["CST", "zone-abbreviation"],
    ["GMT", "zone-abbreviation"],
    ["Mars/Olympus", "zone-unknown"],
  ])("GIVEN %j THEN refused with the identifier %j and the value", (text, code) => {
    expect(parseTimeZone(text)).toEqual({ ok: false, error: { code, value: text } });
  });

  test("GIVEN nothing THEN refused as empty", () => {
    expect(parseTimeZone("  ")).toEqual({ ok: false, error: { code: "zone-empty" } });
  });

  test("GIVEN a city without its region THEN the error carries the full name to suggest", () => {
    expect(parseTimeZone("new york")).toEqual({
      ok: false,
      error: { code: "zone-partial", value: "new york", suggestion: "America/New_York" },
    });
  });

  test("GIVEN any zone autocomplete offers THEN it parses to itself", () => {
    const offered = searchTimeZones("", 0, 10_000).map(({ timeZone }) => timeZone);
    expect(offered.length).toBeGreaterThan(300);
    const changed = offered.filter((zone) => {
      const result = parseTimeZone(zone);
      return !result.ok || result.value !== zone;
    });
    expect(changed).toEqual([]);
  });
});

describe("searchTimeZones", () => {
  const january = utc("2026-01-15T12:00:00Z");
  const july = utc("2026-07-15T12:00:00Z");
  const at = { january, july };

  test.each([
    ["shang", "january", "Asia/Shanghai (UTC+08:00)"],
    ["Kath", "january", "Asia/Kathmandu (UTC+05:45)"],
    ["kolk", "january", "Asia/Kolkata (UTC+05:30)"],
    ["kyiv", "july", "Europe/Kyiv (UTC+03:00)"],
    ["new york", "january", "America/New_York (UTC-05:00)"],
    ["new_york", "july", "America/New_York (UTC-04:00)"],
    ["berl", "july", "Europe/Berlin (UTC+02:00)"],
    ["lord", "january", "Australia/Lord_Howe (UTC+11:00)"],
    ["lord", "july", "Australia/Lord_Howe (UTC+10:30)"],
    ["utc", "july", "UTC (UTC+00:00)"],
  ] as const)("GIVEN %j in %s THEN the first choice is %j", (query, month, label) => {
    expect(searchTimeZones(query, at[month])[0]?.label).toBe(label);
  });

  test("GIVEN a query THEN city-name prefixes come first, then other prefixes, then substrings", () => {
    const zones = searchTimeZones("an", january, 1000).map(({ timeZone }) => timeZone);
    const cityPrefix = (zone: string): boolean =>
      zone.toLowerCase().split("/").at(-1)?.startsWith("an") ?? false;
    const lastCityPrefix = zones.findLastIndex(cityPrefix);
    const firstOther = zones.findIndex((zone) => !cityPrefix(zone));
    expect(lastCityPrefix).toBeLessThan(firstOther);
    expect(zones.indexOf("Antarctica/Casey")).toBeGreaterThan(lastCityPrefix);
    expect(zones.indexOf("Antarctica/Casey")).toBeLessThan(zones.indexOf("Africa/Bangui"));
    expect(zones.every((zone) => zone.toLowerCase().includes("an"))).toBe(true);
  });

  test("GIVEN no limit THEN at most 25 choices (Discord's maximum); unknown text gives none", () => {
    expect(searchTimeZones("", january)).toHaveLength(25);
    expect(searchTimeZones("a", january, 3)).toHaveLength(3);
    expect(searchTimeZones("Olympus", january)).toEqual([]);
  });
});

describe("parseDays", () => {
  test.each([
    ["every day", [1, 2, 3, 4, 5, 6, 7]],
    ["Every  Day", [1, 2, 3, 4, 5, 6, 7]],
    ["daily", [1, 2, 3, 4, 5, 6, 7]],
    ["weekdays", [1, 2, 3, 4, 5]],
    ["weekends", [6, 7]],
    ["mon,wed,fri", [1, 3, 5]],
    ["1,3,5", [1, 3, 5]],
    ["Fri, Monday", [1, 5]],
    ["tue thu", [2, 4]],
    ["sun,sun,7", [7]],
  ])("GIVEN %j THEN %j", (text, days) => {
    expect(parseDays(text)).toEqual({ ok: true, value: days });
  });

  test.each([
    ["", { code: "days-empty" }],
    ["funday", { code: "day-name", value: "funday" }],
    ["mon,xyz", { code: "day-name", value: "xyz" }],
    ["8", { code: "day-number", value: "8" }],
    ["0,1", { code: "day-number", value: "0" }],
  ])("GIVEN %j THEN refused with the identifier %j, naming the word", (text, error) => {
    expect(parseDays(text)).toEqual({ ok: false, error });
  });
});

describe("dayKeyIn", () => {
  test.each([
    ["2026-03-08T04:59:00Z", "America/New_York", "2026-03-07"],
    ["2026-03-08T05:00:00Z", "America/New_York", "2026-03-08"],
    ["2026-03-07T18:14:00Z", "Asia/Kathmandu", "2026-03-07"],
    ["2026-03-07T18:15:00Z", "Asia/Kathmandu", "2026-03-08"],
    ["2026-10-03T13:29:00Z", "Australia/Lord_Howe", "2026-10-03"],
    ["2026-10-03T13:30:00Z", "Australia/Lord_Howe", "2026-10-04"],
    ["2026-03-08T23:59:00Z", "UTC", "2026-03-08"],
  ])("GIVEN %s in %s THEN the local date is %s", (instant, zone, day) => {
    expect(dayKeyIn(utc(instant), zone)).toBe(day);
    expect(dayKeyIn(new Date(instant), zone)).toBe(day);
  });
});

describe("postInstant", () => {
  test.each([
    ["America/New_York", "2026-03-08", "01:59", "2026-03-08T06:59:00.000Z", "before the gap"],
    ["America/New_York", "2026-03-08", "02:00", "2026-03-08T07:00:00.000Z", "gap start -> 03:00"],
    [
      "America/New_York",
      "2026-03-08",
      "02:30",
      "2026-03-08T07:00:00.000Z",
      "inside the gap -> 03:00",
    ],
    ["America/New_York", "2026-03-08", "03:00", "2026-03-08T07:00:00.000Z", "after the gap"],
    ["America/New_York", "2026-03-08", "09:00", "2026-03-08T13:00:00.000Z", "EDT"],
    ["America/New_York", "2026-11-01", "00:30", "2026-11-01T04:30:00.000Z", "before the repeat"],
    ["America/New_York", "2026-11-01", "01:00", "2026-11-01T05:00:00.000Z", "first 01:00 (EDT)"],
    ["America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00.000Z", "first 01:30 (EDT)"],
    ["America/New_York", "2026-11-01", "02:00", "2026-11-01T07:00:00.000Z", "after the repeat"],
    ["Europe/Berlin", "2026-03-29", "01:59", "2026-03-29T00:59:00.000Z", "before the gap"],
    ["Europe/Berlin", "2026-03-29", "02:30", "2026-03-29T01:00:00.000Z", "inside the gap -> 03:00"],
    ["Europe/Berlin", "2026-03-29", "03:00", "2026-03-29T01:00:00.000Z", "after the gap"],
    ["Europe/Berlin", "2026-10-25", "02:30", "2026-10-25T00:30:00.000Z", "first 02:30 (CEST)"],
    [
      "Australia/Lord_Howe",
      "2026-10-04",
      "02:00",
      "2026-10-03T15:30:00.000Z",
      "gap start -> 02:30",
    ],
    [
      "Australia/Lord_Howe",
      "2026-10-04",
      "02:15",
      "2026-10-03T15:30:00.000Z",
      "30-min gap -> 02:30",
    ],
    ["Australia/Lord_Howe", "2026-10-04", "02:30", "2026-10-03T15:30:00.000Z", "after the gap"],
    ["Australia/Lord_Howe", "2026-04-05", "01:30", "2026-04-04T14:30:00.000Z", "first 01:30 (+11)"],
    ["Australia/Lord_Howe", "2026-04-05", "01:45", "2026-04-04T14:45:00.000Z", "first 01:45 (+11)"],
    ["Australia/Lord_Howe", "2026-04-05", "02:00", "2026-04-04T15:30:00.000Z", "after the repeat"],
    ["Asia/Kathmandu", "2026-03-08", "09:00", "2026-03-08T03:15:00.000Z", "+05:45"],
    ["Asia/Kathmandu", "2026-03-08", "00:00", "2026-03-07T18:15:00.000Z", "+05:45 midnight"],
    ["UTC", "2026-03-08", "09:00", "2026-03-08T09:00:00.000Z", "UTC"],
  ])("GIVEN %s on %s at %s THEN %s (%s)", (zone, day, time, expected) => {
    expect(iso(postInstant(day, time, zone))).toBe(expected);
  });

  test("GIVEN a time as {hour, minute} THEN the same as its HH:MM text", () => {
    expect(postInstant("2026-03-08", { hour: 2, minute: 30 }, "America/New_York")).toBe(
      postInstant("2026-03-08", "02:30", "America/New_York"),
    );
  });

  test("GIVEN Lord Howe THEN luxon confirms its 2026 half-hour shifts on 04-05 and 10-04", () => {
    const zone = IANAZone.create("Australia/Lord_Howe");
    const shifts: string[] = [];
    const start = utc("2026-01-01T00:00:00Z");
    for (let at = start; at < utc("2027-01-01T00:00:00Z"); at += 30 * MINUTE) {
      const before = zone.offset(at - 30 * MINUTE);
      if (zone.offset(at) !== before)
        shifts.push(`${local(at, zone.name)} ${before}->${zone.offset(at)}`);
    }
    expect(shifts).toEqual(["2026-04-05 01:30 660->630", "2026-10-04 02:30 630->660"]);
  });

  // Why we resolve wall-clock times ourselves; if luxon changes this, revisit schedule-local-time.ts.
  test("GIVEN luxon alone THEN gap times drift past the gap end and repeats pick inconsistently", () => {
    const at = (text: string, zone: string): string | null =>
      DateTime.fromISO(text, { zone }).toUTC().toISO();
    expect(at("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(at("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T06:30:00.000Z");
    expect(at("2026-04-05T01:45", "Australia/Lord_Howe")).toBe("2026-04-04T14:45:00.000Z");
  });

  test.each([
    ["America/New_York", "2026-03-08", ["02:00", "03:00"]],
    ["America/New_York", "2026-11-01", null],
    ["Europe/Berlin", "2026-03-29", ["02:00", "03:00"]],
    ["Australia/Lord_Howe", "2026-10-04", ["02:00", "02:30"]],
    ["Australia/Lord_Howe", "2026-04-05", null],
    ["Asia/Kathmandu", "2026-03-08", null],
  ] as const)(
    "GIVEN every minute of %s on %s THEN the post is at that local time, or the gap %j end",
    (zone, day, gap) => {
      const wrong: string[] = [];
      for (let minute = 0; minute < 24 * 60; minute++) {
        const time = formatTime({ hour: Math.floor(minute / 60), minute: minute % 60 });
        const expected = gap && time >= gap[0] && time < gap[1] ? gap[1] : time;
        const shown = local(postInstant(day, time, zone), zone);
        if (shown !== `${day} ${expected}`) wrong.push(`${time} -> ${shown}`);
      }
      expect(wrong).toEqual([]);
    },
  );
});

describe("isPostingDay", () => {
  test.each([
    ["2026-03-09", WEEKDAYS, true],
    ["2026-03-13", WEEKDAYS, true],
    ["2026-03-14", WEEKDAYS, false],
    ["2026-03-15", WEEKDAYS, false],
    ["2026-03-15", EVERY_DAY, true],
    ["2026-03-11", [1, 3, 5], true],
    ["2026-03-10", [1, 3, 5], false],
    ["2026-03-10", [], false],
  ])("GIVEN %s and days %j THEN %s", (day, days, expected) => {
    expect(isPostingDay(day, days)).toBe(expected);
  });
});

const newYork = (days: readonly number[], time = "09:00"): ScheduleSettings => ({
  time,
  timeZone: "America/New_York",
  days,
});

describe("nextPostAt", () => {
  test.each([
    ["Mon 08:00, nothing posted", "2026-03-09T13:00:00.000Z", "2026-03-09T12:00:00Z", undefined],
    [
      "Mon 10:00, today unposted (still due)",
      "2026-03-09T13:00:00.000Z",
      "2026-03-09T14:00:00Z",
      undefined,
    ],
    ["Mon 10:00, today posted", "2026-03-10T13:00:00.000Z", "2026-03-09T14:00:00Z", "2026-03-09"],
    [
      "Mon 16:00, missed beyond grace",
      "2026-03-10T13:00:00.000Z",
      "2026-03-09T20:00:00Z",
      undefined,
    ],
    ["Fri 10:00, Friday posted", "2026-03-16T13:00:00.000Z", "2026-03-13T14:00:00Z", "2026-03-13"],
    ["Sat 12:00", "2026-03-16T13:00:00.000Z", "2026-03-14T16:00:00Z", "2026-03-13"],
    [
      "Fri 2026-03-06 10:00 EST, over the DST weekend",
      "2026-03-09T13:00:00.000Z",
      "2026-03-06T15:00:00Z",
      "2026-03-06",
    ],
  ])("GIVEN weekdays at 09:00 New York, %s THEN %s", (_, expected, now, lastPostedDay) => {
    expect(iso(nextPostAt(newYork(WEEKDAYS), utc(now), lastPostedDay))).toBe(expected);
  });

  test("GIVEN every day and today's post done THEN tomorrow's, as a Date or a number", () => {
    const now = new Date("2026-03-14T16:00:00Z");
    expect(iso(nextPostAt(newYork(EVERY_DAY), now, "2026-03-14"))).toBe("2026-03-15T13:00:00.000Z");
  });

  test("GIVEN a 30-minute grace THEN a post 1 h late is no longer next", () => {
    const settings = newYork(EVERY_DAY);
    expect(iso(nextPostAt(settings, utc("2026-03-09T14:00:00Z"), undefined, 30 * MINUTE))).toBe(
      "2026-03-10T13:00:00.000Z",
    );
  });

  test("GIVEN no posting days THEN null", () => {
    expect(nextPostAt(newYork([]), utc("2026-03-09T12:00:00Z"))).toBeNull();
  });
});

describe("duePost", () => {
  const daily = newYork(EVERY_DAY);
  const lateNight = newYork(EVERY_DAY, "23:30");

  test.each([
    ["one minute before 09:00", null, daily, "2026-03-10T12:59:00Z", undefined, undefined],
    ["exactly 09:00", "2026-03-10", daily, "2026-03-10T13:00:00Z", undefined, undefined],
    ["catch-up 5 h 59 min late", "2026-03-10", daily, "2026-03-10T18:59:00Z", undefined, undefined],
    [
      "catch-up exactly 6 h late",
      "2026-03-10",
      daily,
      "2026-03-10T19:00:00Z",
      undefined,
      undefined,
    ],
    ["6 h 1 min late (outside grace)", null, daily, "2026-03-10T19:01:00Z", undefined, undefined],
    ["2 h late with a 1 h grace", null, daily, "2026-03-10T15:00:00Z", undefined, HOUR],
    ["today already posted", null, daily, "2026-03-10T13:05:00Z", "2026-03-10", undefined],
    ["yesterday posted", "2026-03-10", daily, "2026-03-10T13:05:00Z", "2026-03-09", undefined],
    [
      "last post dated tomorrow (zone moved west)",
      null,
      daily,
      "2026-03-10T13:05:00Z",
      "2026-03-11",
      undefined,
    ],
    [
      "Saturday on weekdays",
      null,
      newYork(WEEKDAYS),
      "2026-03-14T13:05:00Z",
      "2026-03-13",
      undefined,
    ],
    ["23:30, at 23:59", "2026-03-10", lateNight, "2026-03-11T03:59:00Z", "2026-03-09", undefined],
    [
      "23:30 missed, 00:10 next day",
      null,
      lateNight,
      "2026-03-11T04:10:00Z",
      "2026-03-09",
      undefined,
    ],
    [
      "23:30 missed, 05:00 next day",
      null,
      lateNight,
      "2026-03-11T09:00:00Z",
      "2026-03-09",
      undefined,
    ],
  ])("GIVEN %s THEN %s", (_, expected, settings, now, lastPostedDay, graceMs) => {
    expect(duePost(settings, utc(now), { lastPostedDay, graceMs })).toBe(expected);
  });

  test("GIVEN no options THEN the 6 h default grace applies", () => {
    expect(DEFAULT_GRACE_MS).toBe(6 * HOUR);
    expect(duePost(daily, new Date("2026-03-10T18:00:00Z"))).toBe("2026-03-10");
  });
});

/** Steps a fake clock minute by minute, posting whatever duePost says; returns post instants per day. */
function simulate(settings: ScheduleSettings, from: number, to: number): Map<DayKey, number[]> {
  const posts = new Map<DayKey, number[]>();
  let lastPostedDay: DayKey | undefined;
  for (let now = from; now <= to; now += MINUTE) {
    const day = duePost(settings, now, { lastPostedDay });
    if (day === null) continue;
    posts.set(day, [...(posts.get(day) ?? []), now]);
    lastPostedDay = day;
  }
  return posts;
}

describe("a fake clock stepping minute by minute", () => {
  test.each([
    ["America/New_York", "2026-03-08", ["00:00", "01:59", "02:30", "03:00", "23:30"]],
    ["America/New_York", "2026-11-01", ["00:00", "01:00", "01:30", "02:00", "23:59"]],
    ["Europe/Berlin", "2026-03-29", ["00:00", "02:00", "02:30", "03:00", "23:30"]],
    ["Australia/Lord_Howe", "2026-10-04", ["00:00", "02:00", "02:15", "02:30", "23:30"]],
    ["Australia/Lord_Howe", "2026-04-05", ["00:00", "01:30", "01:45", "02:00", "23:30"]],
    ["Asia/Kathmandu", "2026-03-08", ["00:00", "05:45", "23:30"]],
    ["UTC", "2026-03-08", ["00:00", "12:00", "23:59"]],
  ])("GIVEN %s around %s THEN each day posts exactly once, on time", (zone, day, times) => {
    const start = DateTime.fromISO(day, { zone }).minus({ days: 1 }).toMillis();
    const end = DateTime.fromISO(day, { zone }).plus({ days: 2 }).toMillis() - MINUTE;
    const days = [-1, 0, 1].map((shift) =>
      DateTime.fromISO(day, { zone: "UTC" }).plus({ days: shift }).toISODate(),
    );
    for (const time of times) {
      const settings: ScheduleSettings = { time, timeZone: zone, days: EVERY_DAY };
      const posts = simulate(settings, start, end);
      expect([...posts.keys()], `at ${time}`).toEqual(days);
      for (const [postedDay, instants] of posts) {
        expect(instants, `${postedDay} at ${time}`).toEqual([postInstant(postedDay, time, zone)]);
      }
    }
  });

  test("GIVEN weekdays over a whole week THEN Monday to Friday post once and the weekend never", () => {
    const settings = newYork(WEEKDAYS);
    const posts = simulate(settings, utc("2026-03-09T05:00:00Z"), utc("2026-03-16T03:59:00Z"));
    expect(
      Object.fromEntries([...posts].map(([day, instants]) => [day, instants.map(iso)])),
    ).toEqual({
      "2026-03-09": ["2026-03-09T13:00:00.000Z"],
      "2026-03-10": ["2026-03-10T13:00:00.000Z"],
      "2026-03-11": ["2026-03-11T13:00:00.000Z"],
      "2026-03-12": ["2026-03-12T13:00:00.000Z"],
      "2026-03-13": ["2026-03-13T13:00:00.000Z"],
    });
  });

  test("GIVEN the bot is down from 08:00 to 12:00 THEN it catches up once at 12:00", () => {
    const settings = newYork(EVERY_DAY);
    const down = (now: number): boolean =>
      now >= utc("2026-03-10T12:00:00Z") && now < utc("2026-03-10T16:00:00Z");
    const posted: number[] = [];
    let lastPostedDay: DayKey | undefined;
    for (let now = utc("2026-03-10T04:00:00Z"); now < utc("2026-03-11T04:00:00Z"); now += MINUTE) {
      const day = down(now) ? null : duePost(settings, now, { lastPostedDay });
      if (day === null) continue;
      posted.push(now);
      lastPostedDay = day;
    }
    expect(posted.map(iso)).toEqual(["2026-03-10T16:00:00.000Z"]);
  });
});
